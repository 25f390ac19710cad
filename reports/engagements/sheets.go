package engagements

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/careport/careport/reports/model"
	"github.com/shopspring/decimal"
)

func itoa(n int) string { return strconv.Itoa(n) }

func count(n int) model.Value { return model.Int(int64(n)) }

// qty shows a quantity of e's allocation in its units: appointments as a
// whole number, hours (held in seconds) to two decimals, both in Number
// columns, whose rows mix the two units.
func (e *eng) qty(q int64) model.Value {
	if e.unit == unitHours {
		return model.Number(decimal.New(q, 0).Div(decimal.NewFromInt(secondsPerHour)).Round(2))
	}
	return model.Number(decimal.NewFromInt(q))
}

// unitsName names e's units for the sheets.
func (e *eng) unitsName() string {
	switch e.unit {
	case unitAppointments:
		return "appointments"
	case unitHours:
		return "hours"
	}
	return "unknown (" + e.e.AllocationUnits + ")"
}

func (e *eng) kind() string {
	if e.company {
		return "Company"
	}
	return "Client"
}

func date(d model.CivilDate) model.Value {
	if d.IsZero() {
		return model.Value{}
	}
	return model.Date(d.Year, d.Month, d.Day)
}

// allocCell shows e's allocation: in its units, or as the API gives it
// when the units are unknown.
func (e *eng) allocCell() model.Value {
	if e.unit == unitUnknown {
		return model.Number(decimal.NewFromInt(int64(e.e.Allocation)))
	}
	return e.qty(e.alloc)
}

// used, booked and remaining are v's use cells, empty when not known.
func (v *view) usedCell() model.Value {
	if !v.known {
		return model.Value{}
	}
	return v.e.qty(v.u.used)
}

func (v *view) bookedCell() model.Value {
	if !v.known {
		return model.Value{}
	}
	return v.e.qty(v.u.booked)
}

func (v *view) remainingCell() model.Value {
	if !v.known {
		return model.Value{}
	}
	return v.e.qty(v.remaining())
}

// trendMonths returns the Trend sheet's months: the 12 ending with the
// report day's month, or every month of the period when it covers more.
func (b *builder) trendMonths() []model.Period {
	last := model.NewPeriod(model.UnitMonth, b.day, b.loc)
	first := model.NewPeriod(model.UnitMonth, b.p.First, b.loc)
	n := max(12, model.Span(first, last).Len())
	return model.Span(last.Shift(1-n), last).Months()
}

// trendSheet is, per month, the engagements active at its end and those
// new, completed, canceled and ended in it; its charts go on the sheet and
// the front page.
func (b *builder) trendSheet() {
	s := b.r.AddSheet(SheetTrend, model.TextCol("Month"), model.CountCol("Active at month end"), model.CountCol("New"),
		model.CountCol("Completed"), model.CountCol("Canceled"), model.CountCol("Ended"))
	for _, m := range b.trendMonths() {
		t := b.moment(m)
		if b.t.Before(t) {
			t = b.t
		}
		var active, started, completed, canceled, ended int
		for _, e := range b.scope {
			if e.activeAt(t) {
				active++
			}
			if e.newIn(m.Start, t) {
				started++
			}
			if e.closedIn(m.Start, t) {
				if e.e.IsCanceled {
					canceled++
				} else if e.e.IsComplete {
					completed++
				}
			}
			if e.endedIn(m.Start, t) {
				ended++
			}
		}
		s.AddRow(model.Text(m.Label), count(active), count(started), count(completed), count(canceled), count(ended))
	}
	active := model.Chart{Kind: model.ChartLine, Title: "Active engagements at month end",
		Category: "Month", Values: []string{"Active at month end"}, Data: SheetTrend}
	flow := model.Chart{Kind: model.ChartColumn, Title: "New vs ended engagements per month",
		Category: "Month", Values: []string{"New", "Ended"}, Data: SheetTrend}
	s.Charts = append(s.Charts, active, flow)
	b.r.Charts = append(b.r.Charts, active, flow)
}

// listed returns the engagements the Engagements sheet lists: those of
// the report active at some moment of the period, by client or company
// name, start date and ID.
func (b *builder) listed() []*eng {
	var out []*eng
	for _, e := range b.scope {
		if e.openDuring(b.p.Start, b.t) {
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(x, y *eng) int {
		return cmp.Or(strings.Compare(x.name, y.name), x.start.Compare(y.start), cmp.Compare(x.e.ID, y.e.ID))
	})
	return out
}

// status says where v stood at its moment.
func (b *builder) status(v *view) string {
	e := v.e
	switch {
	case v.active:
		return "Active"
	case !e.from.Before(v.t):
		return "Not started"
	case e.closed && e.e.DateClosed.Before(v.t):
		switch {
		case e.e.IsCanceled:
			return "Canceled"
		case e.e.IsComplete && !e.end.IsZero() && civil(e.e.DateClosed, b.loc).Before(e.end):
			return "Completed early"
		case e.e.IsComplete:
			return "Completed"
		}
		return "Closed"
	}
	return "Ended, not marked complete"
}

// engagementsSheet lists every engagement open at some time in the
// period, as it stood at the report moment.
func (b *builder) engagementsSheet() {
	s := b.r.AddSheet(SheetEngagements, model.TextCol("Client or company"), model.TextCol("Kind"),
		model.TextCol("Managing coach"), model.TextCol("Engagement"), model.IntCol("ID"), model.DateCol("Start"),
		model.DateCol("End"), model.TextCol("Units"), model.NumberCol("Allocation"), model.NumberCol("Per client"),
		model.NumberCol("Used"), model.NumberCol("Booked"), model.NumberCol("Remaining"), model.PercentCol("Used %"),
		model.PercentCol("Time elapsed %"), model.DateCol("Projected run-out"), model.DateTimeCol("Last held"),
		model.DateTimeCol("Next booked"), model.TextCol("Status"), model.TextCol("Flags"), model.TextCol("Note"))
	list := b.listed()
	with := map[int]bool{}
	for _, p := range b.problems {
		with[p.id] = true
	}
	for _, e := range list {
		v := b.view(e, b.t)
		per := model.Value{}
		if e.company && e.unit != unitUnknown {
			per = e.qty(e.perAlloc)
		}
		var note []string
		if v.api {
			note = append(note, "used and booked are the API's figures")
		}
		if with[e.e.ID] {
			note = append(note, "see Data problems on the Notes sheet")
		}
		s.AddRow(model.Text(e.name), model.Text(e.kind()), model.Text(e.coach), model.Text(e.e.Name), count(e.e.ID),
			date(e.start), date(e.end), model.Text(e.unitsName()), e.allocCell(), per, v.usedCell(), v.bookedCell(),
			v.remainingCell(), v.pctUsedKnown(), v.pctElapsed(), date(v.runOutKnown()), model.DateTime(v.u.lastHeld.In(b.loc)),
			model.DateTime(v.u.nextBooked.In(b.loc)), model.Text(b.status(v)), model.Text(v.flags.String()),
			model.Text(strings.Join(note, "; ")))
	}
	s.SetTotals(model.Text(model.Count(len(list), "engagement", "engagements")), model.Value{}, model.Value{},
		model.Value{}, model.Value{}, model.Value{}, model.Value{}, model.Value{}, model.Value{}, model.Value{},
		model.Value{}, model.Value{}, model.Value{}, model.Value{}, model.Value{}, model.Value{}, model.Value{},
		model.Value{}, model.Value{}, model.Value{}, model.Value{})
	f := s.Formatting()
	f.Table = true
	f.Conditional = append(f.Conditional, model.CondFormat{Column: "Used %", Kind: model.DataBar, Better: model.BetterNeutral},
		model.CondFormat{Column: "Time elapsed %", Kind: model.DataBar, Better: model.BetterNeutral, Colour: "A5A5A5"})
}

// pctUsedKnown is pctUsed when the use is known.
func (v *view) pctUsedKnown() model.Value {
	if !v.known {
		return model.Value{}
	}
	return v.pctUsed()
}

// runOutKnown is the projected run-out day when the use is known.
func (v *view) runOutKnown() model.CivilDate {
	if !v.known {
		return model.CivilDate{}
	}
	return v.runOut
}

// atRiskSheet lists the engagements active at the report moment that meet
// an at-risk rule, worst first: most rules met, then furthest behind, then
// longest without a held appointment.
func (b *builder) atRiskSheet() {
	s := b.r.AddSheet(SheetAtRisk, model.TextCol("Client or company"), model.TextCol("Managing coach"),
		model.TextCol("Engagement"), model.IntCol("ID"), model.DateCol("End"), model.TextCol("Units"),
		model.NumberCol("Allocation"), model.NumberCol("Used"), model.NumberCol("Booked"), model.PercentCol("Used %"),
		model.PercentCol("Time elapsed %"), model.PercentCol("Points behind"), model.CountCol("Days since last held"),
		model.DateCol("Projected run-out"), model.TextCol("Flags"), model.TextCol("Why"))
	var vs []*view
	for _, e := range b.scope {
		if v := b.view(e, b.t); v.active && v.flags != 0 {
			vs = append(vs, v)
		}
	}
	slices.SortFunc(vs, func(x, y *view) int {
		bx, okx := x.behind()
		by, oky := y.behind()
		switch {
		case okx && !oky:
			bx, by = 1, 0
		case !okx && oky:
			bx, by = 0, 1
		}
		return cmp.Or(cmp.Compare(y.flags.count(), x.flags.count()), cmp.Compare(by, bx),
			cmp.Compare(y.sinceHeld, x.sinceHeld), strings.Compare(x.e.name, y.e.name), cmp.Compare(x.e.e.ID, y.e.e.ID))
	})
	for _, v := range vs {
		e := v.e
		behind := model.Value{}
		if pu, pe := v.pctUsed(), v.pctElapsed(); !pu.IsEmpty() && !pe.IsEmpty() {
			behind = model.PercentDecimal(decimal.NewFromInt(int64(v.elapsed)).Div(decimal.NewFromInt(int64(v.total))).
				Sub(decimal.NewFromInt(v.u.used).Div(decimal.NewFromInt(e.alloc))))
		}
		s.AddRow(model.Text(e.name), model.Text(e.coach), model.Text(e.e.Name), count(e.e.ID), date(e.end),
			model.Text(e.unitsName()), e.allocCell(), v.usedCell(), v.bookedCell(), v.pctUsed(), v.pctElapsed(), behind,
			count(v.sinceHeld), date(v.runOut), model.Text(v.flags.String()), model.Text(b.why(v)))
	}
	f := s.Formatting()
	f.Conditional = append(f.Conditional, model.CondFormat{Column: "Points behind", Kind: model.ColourScale, Better: model.BetterDown},
		model.CondFormat{Column: "Days since last held", Kind: model.ColourScale, Better: model.BetterDown})
}

// why explains v's flags in words, one clause per rule met.
func (b *builder) why(v *view) string {
	e := v.e
	var out []string
	if v.flags&flagOver != 0 {
		out = append(out, fmt.Sprintf("over-used: %s of %s %s used", numText(e.qty(v.u.used)), numText(e.qty(e.alloc)), e.unitsName()))
	}
	if v.flags&flagRunsOut != 0 {
		out = append(out, fmt.Sprintf("runs out early: at the pace so far the allocation is used up on %s, before the end date %s", v.runOut, e.end))
	}
	if v.flags&flagStalled != 0 {
		since := "the last held appointment"
		if v.u.lastHeld.IsZero() {
			since = "the start, with none held"
		}
		out = append(out, fmt.Sprintf("stalled: nothing booked and %d days since %s", v.sinceHeld, since))
	}
	if v.flags&flagUnder != 0 {
		out = append(out, fmt.Sprintf("under-using: %s used after %s of the time (more than %d points behind)",
			pctText(v.pctUsed()), pctText(v.pctElapsed()), b.o.UnderUsePoints))
	}
	return strings.Join(out, "; ")
}

// numText writes a quantity cell's number as text.
func numText(v model.Value) string { return v.Decimal().String() }

// pctText writes a percent to one decimal.
func pctText(v model.Value) string { return strconv.FormatFloat(v.Float()*100, 'f', 1, 64) + "%" }
