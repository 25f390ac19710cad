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
			model.Text("Whether the coach is inactive or has no active clients."))
	}
	add("Score", b.scoreValue(cur, now), b.scoreValue(prev, before), "",
		"The coach's score (0-100%); the Notes give the formula.")
	for _, m := range metrics() {
		add(m.name, m.value(now), m.value(before), "", figureDef(m))
	}
	for _, c := range b.currencies() {
		add("Collected "+c, money(now, c), money(before, c), c,
			"Payments in the period from the active clients, net of refunds, in "+c+"; currencies are never added.")
	}
}

// figureDef is a metric's definition without its leading "Name: ", which
// the Figure column already says.
func figureDef(m metric) string {
	if d, ok := strings.CutPrefix(m.def, m.name+": "); ok {
		return strings.ToUpper(d[:1]) + d[1:]
	}
	return m.def
}
