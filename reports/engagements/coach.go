package engagements

import (
	"cmp"
	"slices"
	"strings"

	"github.com/careport/careport/reports/model"
	"github.com/shopspring/decimal"
)

// coachRow accumulates one managing coach's figures.
type coachRow struct {
	id                       int
	name                     string
	active, started, ended   int
	atRisk                   int
	useSum                   decimal.Decimal
	useN                     int
	heldAppts, canceledAppts int
}

func (c *coachRow) add(o *coachRow) {
	c.active, c.started, c.ended, c.atRisk = c.active+o.active, c.started+o.started, c.ended+o.ended, c.atRisk+o.atRisk
	c.useSum, c.useN = c.useSum.Add(o.useSum), c.useN+o.useN
	c.heldAppts, c.canceledAppts = c.heldAppts+o.heldAppts, c.canceledAppts+o.canceledAppts
}

func (c *coachRow) values() []model.Value {
	avg := model.Value{}
	if c.useN > 0 {
		avg = model.PercentDecimal(c.useSum.Div(decimal.NewFromInt(int64(c.useN))))
	}
	return []model.Value{count(c.active), count(c.started), count(c.ended), avg, count(c.atRisk),
		count(c.heldAppts), count(c.canceledAppts), ratio(int64(c.canceledAppts), int64(c.heldAppts+c.canceledAppts))}
}

// byCoachSheet is, per managing coach, the engagements active at the
// report moment, new and ended in the period, their average use and how
// many are at risk, and the appointments of the coach's engagements held
// and canceled in the period. Every active coach of the account is listed,
// with or without engagements (only the filter's coach with --coach).
func (b *builder) byCoachSheet() {
	s := b.r.AddSheet(SheetByCoach, model.TextCol("Managing coach"), model.CountCol("Active at end"), model.CountCol("New"),
		model.CountCol("Ended"), model.PercentCol("Average use"), model.CountCol("At risk"),
		model.CountCol("Appointments held"), model.CountCol("Appointments canceled"), model.PercentCol("Cancellation rate"))
	rows := map[int]*coachRow{}
	row := func(id int) *coachRow {
		r := rows[id]
		if r == nil {
			r = &coachRow{id: id, name: b.coachName(id)}
			rows[id] = r
		}
		return r
	}
	for _, c := range b.d.Coaches {
		if c.IsActive && (b.o.CoachID == 0 || c.ID == b.o.CoachID) {
			row(c.ID)
		}
	}
	for _, e := range b.scope {
		if !e.openDuring(b.p.Start, b.t) && !b.apptsIn(e) {
			continue
		}
		r := row(e.e.CoachID)
		if e.newIn(b.p.Start, b.t) {
			r.started++
		}
		if e.endedIn(b.p.Start, b.t) {
			r.ended++
		}
		for _, a := range e.appts {
			if a.StartDate.Before(b.p.Start) || !a.StartDate.Before(b.t) {
				continue
			}
			switch a.Status {
			case "A":
				r.heldAppts++
			case "C":
				r.canceledAppts++
			}
		}
		if !e.activeAt(b.t) {
			continue
		}
		r.active++
		v := b.view(e, b.t)
		if v.flags != 0 {
			r.atRisk++
		}
		if v.inAverage() {
			r.useSum = r.useSum.Add(decimal.NewFromInt(v.u.used).Div(decimal.NewFromInt(e.alloc)))
			r.useN++
		}
	}
	list := make([]*coachRow, 0, len(rows))
	for _, r := range rows {
		list = append(list, r)
	}
	slices.SortFunc(list, func(x, y *coachRow) int {
		return cmp.Or(cmp.Compare(boolInt(x.id == 0), boolInt(y.id == 0)), strings.Compare(x.name, y.name), cmp.Compare(x.id, y.id))
	})
	total := &coachRow{}
	for _, r := range list {
		s.AddRow(append([]model.Value{model.Text(r.name)}, r.values()...)...)
		total.add(r)
	}
	s.SetTotals(append([]model.Value{model.Text("Total")}, total.values()...)...)
	s.Formatting().Conditional = append(s.Formatting().Conditional,
		model.CondFormat{Column: "Cancellation rate", Kind: model.ColourScale, Better: model.BetterDown},
		model.CondFormat{Column: "At risk", Kind: model.DataBar, Better: model.BetterDown})
}

// apptsIn reports whether e has an appointment scheduled in the period
// (up to the report moment).
func (b *builder) apptsIn(e *eng) bool {
	for _, a := range e.appts {
		if !a.StartDate.Before(b.p.Start) && a.StartDate.Before(b.t) {
			return true
		}
	}
	return false
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
