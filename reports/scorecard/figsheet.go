package scorecard

import (
	"strings"

	"github.com/careport/careport/reports/model"
)

// SheetFigures is the one-coach workbook's sheet of figures, in place of
// the Team sheet.
const SheetFigures = "Figures"

// Columns of the Figures sheet.
const (
	colFigure     = "Figure"
	colThis       = "This period"
	colPrevious   = "Previous period"
	colChange     = "Change"
	colCurrency   = "Currency"
	colDefinition = "Definition"
)

// figuresSheet is the one-coach workbook's Team row turned on its side: one
// row per figure the Team sheet shows (the score, each metric, the money
// collected per currency), with the period's value, the previous period's
// and the change, computed by the same helpers as the Team sheet. A row of
// some sixty columns printed on seven pages and read badly on a phone; six
// columns fit a portrait page and a phone's width.
func (b *builder) figuresSheet(r *model.Report) {
	s := r.AddSheet(SheetFigures, model.TextCol(colFigure), model.MixedCol(colThis), model.MixedCol(colPrevious),
		model.MixedCol(colChange), model.TextCol(colCurrency), model.TextCol(colDefinition))
	f := s.Formatting()
	// The currency column gives each money row its currency; the other rows
	// leave it empty.
	f.CurrencyColumn = colCurrency
	f.LabelColumns = 1
	now, before := b.fig(cur, b.coachID), b.fig(prev, b.coachID)
	add := func(name string, v, p model.Value, currency, def string) {
		s.AddRow(model.Text(name), v, p, change(v, p), optText(currency), optText(def))
	}
	if st := b.status(b.coachID); st != "" {
		s.AddRow(model.Text("Status"), model.Text(st), model.Value{}, model.Value{}, model.Value{},
			model.Text("Whether the coach is inactive or has no clients."))
	}
	add("Score", b.scoreValue(cur, now), b.scoreValue(prev, before), "",
		"The coach's score; the Notes give the formula.")
	for _, m := range metrics() {
		add(m.name, m.value(now), m.value(before), "", figureDef(m))
	}
	for _, c := range b.currencies() {
		add("Collected "+c, money(now, c), money(before, c), c,
			"Payments from the active clients, net of refunds, in "+c+".")
	}
}

// shortDefs are the Figures sheet's one-line definitions of the metrics
// that are not front-page KPIs (those have kpiDefs); the Notes have the
// full ones. Each is at most 60 characters, the workbook's widest fitted
// column, so that no definition runs past the table and shrinks the
// printed page (a test checks it).
var shortDefs = map[string]string{
	"Clients with activity":         "Active clients with any item in the period.",
	"Actions (A)":                   "Actions completed, by their done date.",
	"Metrics (M)":                   "Metric data points recorded, by their date.",
	"Appointments (P)":              "Appointments held, by their start.",
	"Notes (S)":                     "Session notes completed, by the session date.",
	"Worksheets (W)":                "Worksheets completed, by their done date.",
	"Journal (J)":                   "Journal entries written.",
	"Files (F)":                     "Files shared with the client.",
	"Comments (C)":                  "Comments posted.",
	"Appointments canceled":         "Canceled appointments that were to start in the period.",
	"Actions due":                   "Client actions due in the period (not canceled).",
	"Actions on time":               "Actions due in the period, done by their due day.",
	"Worksheets due":                "Worksheets due in the period.",
	"Allocation use (appointments)": "Appointments used / allocated, appointment engagements.",
	"Allocation use (hours)":        "Hours used / allocated, hour-based engagements.",
}

// figureDef is a metric's one-line definition: its KPI definition, or its
// short one, or else its full one without the leading "Name: ".
func figureDef(m metric) string {
	if d := kpiDefs[m.name]; d != "" {
		return d
	}
	if d := shortDefs[m.name]; d != "" {
		return d
	}
	if d, ok := strings.CutPrefix(m.def, m.name+": "); ok {
		return strings.ToUpper(d[:1]) + d[1:]
	}
	return m.def
}
