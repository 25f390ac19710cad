package engagements

import (
	"time"

	"github.com/careport/careport/reports/model"
	"github.com/shopspring/decimal"
)

// renewalWindows are the Renewals sheet's and KPIs' horizons, in days
// after the report day.
var renewalWindows = [3]int{30, 60, 90}

// The KPI groups, in order.
const (
	groupEngagements = "Engagements"
	groupUse         = "Use and risk"
	groupRenewals    = "Renewals"
)

// figures are the headline figures of one period.
type figures struct {
	active, started, completed, canceled int
	without                              int // active clients without an active engagement
	avgUse                               model.Value
	atRisk                               int
	renewals                             [3]int // due within each renewal window
}

// moment returns the moment a period is reported at: its end, or the data
// time if earlier.
func (b *builder) moment(p model.Period) time.Time {
	if !b.d.FetchedAt.IsZero() && b.d.FetchedAt.Before(p.End) {
		return b.d.FetchedAt
	}
	return p.End
}

// figures computes the headline figures of p.
func (b *builder) figures(p model.Period) figures {
	t := b.moment(p)
	var f figures
	var sum decimal.Decimal
	n := 0
	for _, e := range b.scope {
		if e.newIn(p.Start, t) {
			f.started++
		}
		if e.closedIn(p.Start, t) {
			if e.e.IsCanceled {
				f.canceled++
			} else if e.e.IsComplete {
				f.completed++
			}
		}
		if days, ok := b.renewalDays(e, t); ok {
			for i, w := range renewalWindows {
				if days <= w {
					f.renewals[i]++
				}
			}
		}
		if !e.activeAt(t) {
			continue
		}
		f.active++
		v := b.view(e, t)
		if v.flags != 0 {
			f.atRisk++
		}
		if v.inAverage() {
			sum = sum.Add(decimal.NewFromInt(v.u.used).Div(decimal.NewFromInt(e.alloc)))
			n++
		}
	}
	if n > 0 {
		f.avgUse = model.PercentDecimal(sum.Div(decimal.NewFromInt(int64(n))))
	}
	f.without = b.clientsWithout(t)
	return f
}

// renewalDays returns the days from the report day of t to e's end date
// when e is a renewal at t: started before t, not completed or canceled
// before t, and ending on that day or within the longest renewal window.
func (b *builder) renewalDays(e *eng, t time.Time) (int, bool) {
	if e.end.IsZero() || !e.from.Before(t) || (e.closed && e.e.DateClosed.Before(t)) {
		return 0, false
	}
	days := e.end.DaysSince(dayBefore(t, b.loc))
	if days < 0 || days > renewalWindows[len(renewalWindows)-1] {
		return 0, false
	}
	return days, true
}

// clientsWithout counts the active clients (of the coach filter's coach,
// as their primary coach) added before t who have no engagement active at
// t, their own or their company's, whoever manages it. Whether a client is
// active is known only now: the API keeps no history of it.
func (b *builder) clientsWithout(t time.Time) int {
	withClient, withCompany := map[int]bool{}, map[int]bool{}
	for _, e := range b.all {
		if e.activeAt(t) {
			if e.company {
				withCompany[e.e.CompanyID] = true
			} else {
				withClient[e.e.ClientID] = true
			}
		}
	}
	n := 0
	for _, c := range b.d.Clients {
		switch {
		case !c.IsActive, b.o.CoachID != 0 && c.CoachID != b.o.CoachID,
			!c.DateAdded.IsZero() && !c.DateAdded.Before(t),
			withClient[c.ID], c.CompanyID != 0 && withCompany[c.CompanyID]:
			continue
		}
		n++
	}
	return n
}

// kpis returns the report's headline figures against the previous period
// and a year earlier.
func (b *builder) kpis() []model.KPI {
	cur, prev, ye := b.figures(b.p), b.figures(b.p.Prev()), b.figures(b.p.YearEarlier())
	var out []model.KPI
	// The KPIs come in three blocks (Group); none is money, so none is a
	// currency's.
	group := groupEngagements
	add := func(name string, t model.ColumnType, better model.Better, def string, f func(figures) model.Value) {
		out = append(out, model.KPI{Name: name, Group: group, Type: t, Better: better, Definition: def,
			Current: f(cur), Previous: f(prev), YearEarlier: f(ye)})
	}
	cnt := func(n int) model.Value { return model.Int(int64(n)) }
	add("Active at end", model.ColCount, model.BetterUp, "Engagements active at the period's end.",
		func(f figures) model.Value { return cnt(f.active) })
	add("New", model.ColCount, model.BetterUp, "Engagements starting in the period.",
		func(f figures) model.Value { return cnt(f.started) })
	add("Completed", model.ColCount, model.BetterNeutral, "Engagements marked complete in the period (dateClosed).",
		func(f figures) model.Value { return cnt(f.completed) })
	add("Canceled", model.ColCount, model.BetterDown, "Engagements canceled in the period (dateClosed).",
		func(f figures) model.Value { return cnt(f.canceled) })
	add("Clients without one", model.ColCount, model.BetterDown, "Active clients with no active engagement at the end.",
		func(f figures) model.Value { return cnt(f.without) })
	group = groupUse
	add("Average use", model.ColPercent, model.BetterUp, "Mean share of the allocation used by active engagements with an end date.",
		func(f figures) model.Value { return f.avgUse })
	add("At risk", model.ColCount, model.BetterDown, "Active engagements meeting an at-risk rule at the end.",
		func(f figures) model.Value { return cnt(f.atRisk) })
	group = groupRenewals
	for i, w := range renewalWindows {
		add("Renewals in "+itoa(w)+" days", model.ColCount, model.BetterNeutral,
			"Engagements ending within "+itoa(w)+" days of the period's end.",
			func(f figures) model.Value { return cnt(f.renewals[i]) })
	}
	return out
}
