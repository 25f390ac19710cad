package scorecard

import (
	"maps"
	"slices"
	"time"

	"github.com/careport/careport/reports/model"
)

// Sheet names; each listed coach has a sheet of their own, named for them.
const (
	SheetTeam  = "Team"
	SheetTrend = "Trend"
	SheetQuiet = "Quiet clients"
)

// daysSince is the Quiet clients sheet's column of the days from the last
// activity to the period's end (at least, without activity in the window).
const daysSince = "Days since last activity"

// teamColumn is the Trend sheet's column of the team's activity.
const teamColumn = "Team"

// vsPrev names a figure's change column.
func vsPrev(name string) string { return name + " vs prev" }

// currencies returns the codes of the money collected from the listed
// coaches' clients in any of the three periods, ascending.
func (b *builder) currencies() []string {
	set := map[string]bool{}
	for _, t := range b.team {
		for c := range t.collected {
			set[c] = true
		}
	}
	return slices.Sorted(maps.Keys(set))
}

func (b *builder) fig(t, coach int) *figures {
	if f := b.figs[t][coach]; f != nil {
		return f
	}
	return &figures{}
}

// scoreValue is a coach's score in period t, empty without a base.
func (b *builder) scoreValue(t int, f *figures) model.Value {
	if f.clients == 0 {
		return model.Value{}
	}
	return pct(score(f, b.max[t]))
}

func money(f *figures, cur string) model.Value { return model.MoneyDecimal(f.collected[cur]) }

// teamSheet is one row per listed coach, in rank order: rank, score and
// each figure with its change against the previous period.
func (b *builder) teamSheet(r *model.Report) {
	ms := metrics()
	curs := b.currencies()
	cols := []model.Column{model.IntCol("Rank"), model.TextCol("Coach"), model.TextCol("Status"),
		model.PercentCol("Score"), model.PercentCol(vsPrev("Score"))}
	for _, m := range ms {
		cols = append(cols, m.column(m.name), m.changeColumn(vsPrev(m.name)))
	}
	for _, c := range curs {
		cols = append(cols, model.MoneyCol("Collected "+c, c), model.MoneyCol(vsPrev("Collected "+c), c))
	}
	s := r.AddSheet(SheetTeam, cols...)
	row := func(rank model.Value, name, status string, now, before *figures, sNow, sBefore model.Value) []model.Value {
		vals := []model.Value{rank, model.Text(name), optText(status), sNow, change(sNow, sBefore)}
		for _, m := range ms {
			v := m.value(now)
			vals = append(vals, v, change(v, m.value(before)))
		}
		for _, c := range curs {
			vals = append(vals, money(now, c), change(money(now, c), money(before, c)))
		}
		return vals
	}
	for _, coach := range b.listed {
		rank := model.Value{}
		if n := b.rank[coach]; n > 0 {
			rank = count(n)
		}
		now, before := b.fig(cur, coach), b.fig(prev, coach)
		s.AddRow(row(rank, b.names[coach], b.status(coach), now, before,
			b.scoreValue(cur, now), b.scoreValue(prev, before))...)
	}
	if b.coachID == 0 {
		s.SetTotals(row(model.Value{}, "Team", "", b.team[cur], b.team[prev], model.Value{}, model.Value{})...)
	}
	f := s.Formatting()
	// Rank and coach name every printed page of this wide sheet.
	f.LabelColumns = 2
	f.Conditional = append(f.Conditional, model.CondFormat{Column: "Score", Kind: model.ColourScale, Better: model.BetterUp},
		model.CondFormat{Column: vsPrev("Score"), Kind: model.SignColours, Better: model.BetterUp})
	for _, m := range ms {
		switch {
		case m.typ == mPercent:
			f.Conditional = append(f.Conditional, model.CondFormat{Column: m.name, Kind: model.ColourScale, Better: m.better})
		case m.name == "Active clients" || m.name == "Activity" || m.name == "Appointments held":
			f.Conditional = append(f.Conditional, model.CondFormat{Column: m.name, Kind: model.DataBar, Better: model.BetterNeutral})
		}
		f.Conditional = append(f.Conditional, model.CondFormat{Column: vsPrev(m.name), Kind: model.SignColours, Better: m.better})
	}
	for _, c := range curs {
		f.Conditional = append(f.Conditional, model.CondFormat{Column: "Collected " + c, Kind: model.DataBar, Better: model.BetterUp},
			model.CondFormat{Column: vsPrev("Collected " + c), Kind: model.SignColours, Better: model.BetterUp})
	}
	kinds := make([]string, len(Letters))
	copy(kinds, kindNames[:])
	s.Charts = append(s.Charts, model.Chart{Kind: model.ChartColumn, Title: "Activity by kind per coach, " + b.pl.period.Label,
		Category: "Coach", Values: kinds})
	r.Charts = append(r.Charts, model.Chart{Kind: model.ChartColumn, Title: "Activity per coach, " + b.pl.period.Label,
		Category: "Coach", Values: []string{"Activity"}, Data: SheetTeam})
}

// status says whether a listed coach is inactive or has no clients.
func (b *builder) status(coach int) string {
	c := b.coaches[coach]
	switch {
	case c == nil:
		return "not in the coach list"
	case !c.IsActive:
		return "inactive"
	case b.figs[cur][coach] == nil:
		return "no active clients"
	}
	return ""
}

func optText(s string) model.Value {
	if s == "" {
		return model.Value{}
	}
	return model.Text(s)
}

// trendSheet is the trend window, one row per month: the activity of each
// listed coach's book of that month (the clients attributed at the
// month's end) and, for the whole team, their sum.
func (b *builder) trendSheet(r *model.Report) {
	cols := []model.Column{model.TextCol("Month")}
	if b.coachID == 0 {
		cols = append(cols, model.CountCol(teamColumn))
	}
	for _, coach := range b.listed {
		cols = append(cols, model.CountCol(b.names[coach]))
	}
	s := r.AddSheet(SheetTrend, cols...)
	for _, m := range b.pl.trend {
		bk := newBook(b.d.Clients, b.hist, m)
		i := b.pl.monthIndex(m.First)
		per := map[int]int{}
		team := 0
		for coach, cs := range bk.active {
			for _, c := range cs {
				n := b.act.month(c.ID, i).total()
				per[coach] += n
				if slices.Contains(b.listed, coach) {
					team += n
				}
			}
		}
		vals := []model.Value{model.Text(m.Label)}
		if b.coachID == 0 {
			vals = append(vals, count(team))
		}
		for _, coach := range b.listed {
			vals = append(vals, count(per[coach]))
		}
		s.AddRow(vals...)
	}
	series := teamColumn
	if b.coachID != 0 {
		series = b.names[b.coachID]
	}
	r.Charts = append(r.Charts, model.Chart{Kind: model.ChartLine, Title: series + " activity, last 12 months",
		Category: "Month", Values: []string{series}, Data: SheetTrend})
}

// coachSheets adds one sheet per listed coach: the coach's active clients
// with their activity by kind in the period, their own activity in each
// month of the trend window (empty before the month they were added),
// their last activity, and the days a client without activity in the
// period has been quiet (highlighted).
func (b *builder) coachSheets(r *model.Report) {
	p := b.pl.period
	lo, hi := b.pl.monthsOf(p)
	for _, coach := range b.listed {
		cols := []model.Column{model.TextCol("Client"), model.IntCol("Client ID"), model.DateCol("Coach since")}
		for k := range len(Letters) {
			cols = append(cols, model.CountCol(kindNames[k]))
		}
		cols = append(cols, model.CountCol("Activity"))
		for _, m := range b.pl.trend {
			cols = append(cols, model.CountCol(m.Label))
		}
		cols = append(cols, model.DateCol("Last activity"), model.CountCol("Quiet (days)"))
		s := r.AddSheet(b.names[coach], cols...)
		var total counts
		trend := make([]int, len(b.pl.trend))
		for _, c := range b.books[cur].active[coach] {
			vals := []model.Value{model.Text(clientName(c)), count(c.ID), dateValue(b.books[cur].since[c.ID], b.loc)}
			k := b.act.over(c.ID, lo, hi)
			for i := range k {
				vals = append(vals, count(int(k[i])))
				total[i] += k[i]
			}
			vals = append(vals, count(k.total()))
			for j, m := range b.pl.trend {
				if !c.DateAdded.IsZero() && !c.DateAdded.Before(m.End) {
					vals = append(vals, model.Value{}) // not a client yet
					continue
				}
				n := b.act.month(c.ID, b.pl.monthIndex(m.First)).total()
				trend[j] += n
				vals = append(vals, count(n))
			}
			ls := b.last[c.ID]
			lastV, quietV := model.Value{}, model.Value{}
			if ls.known {
				lastV = model.Date(ls.day.Year, ls.day.Month, ls.day.Day)
			}
			if k.total() == 0 {
				if ls.known {
					quietV = count(p.Last.DaysSince(ls.day))
				} else {
					quietV = count(p.Last.DaysSince(b.pl.window[0].First) + 1)
				}
			}
			s.AddRow(append(vals, lastV, quietV)...)
		}
		tot := []model.Value{model.Text("Total (these clients)"), {}, {}}
		for i := range total {
			tot = append(tot, count(int(total[i])))
		}
		tot = append(tot, count(total.total()))
		for _, n := range trend {
			tot = append(tot, count(n))
		}
		s.SetTotals(append(tot, model.Value{}, model.Value{})...)
		f := s.Formatting()
		// The month columns shade each client's own series, lowest white to
		// highest green, so a client's fading shows whatever their level.
		f.Conditional = append(f.Conditional,
			model.CondFormat{Column: b.pl.trend[0].Label, ToColumn: b.pl.trend[len(b.pl.trend)-1].Label,
				Kind: model.ColourScale, PerRow: true, Better: model.BetterUp},
			model.CondFormat{Column: "Activity", Kind: model.DataBar, Better: model.BetterUp},
			model.CondFormat{Column: "Quiet (days)", Kind: model.SignColours, Better: model.BetterDown})
		s.Charts = append(s.Charts, model.Chart{Kind: model.ChartLine, Title: b.names[coach] + ": activity of the book, last 12 months",
			Category: "Month", Values: []string{b.names[coach]}, Data: SheetTrend})
	}
}

// dateValue is the civil date of t in loc, empty for the zero time.
func dateValue(t time.Time, loc *time.Location) model.Value {
	if t.IsZero() {
		return model.Value{}
	}
	return model.DateOf(t.In(loc))
}

// quietSheet lists the listed coaches' quiet clients, by coach, longest
// quiet first.
func (b *builder) quietSheet(r *model.Report) {
	s := r.AddSheet(SheetQuiet, model.TextCol("Coach"), model.TextCol("Client"), model.IntCol("Client ID"),
		model.DateCol("Last activity"), model.CountCol(daysSince), model.CountCol("Activity in period"),
		model.TextCol("Why"))
	for _, q := range b.quiet {
		last := model.Value{}
		if q.last.known {
			last = model.Date(q.last.day.Year, q.last.day.Month, q.last.day.Day)
		}
		s.AddRow(model.Text(b.names[q.coach]), model.Text(clientName(q.client)), count(q.client.ID), last,
			count(q.days), count(q.activity), model.Text(q.reason))
	}
	f := s.Formatting()
	f.Conditional = append(f.Conditional, model.CondFormat{Column: daysSince, Kind: model.ColourScale, Better: model.BetterDown})
}

// kpis are the front page's figures: the team's (or the selected coach's,
// with the score first) in group "Activity", then the money collected,
// one KPI per currency.
func (b *builder) kpis() []model.KPI {
	var out []model.KPI
	t := b.team
	if b.coachID != 0 {
		f := [nPeriods]*figures{b.fig(cur, b.coachID), b.fig(prev, b.coachID), b.fig(yearEarlier, b.coachID)}
		t = f
		out = append(out, model.KPI{Name: "Score", Group: "Activity", Type: model.ColPercent, Better: model.BetterUp,
			Definition: "The coach's score; the Notes give the formula.",
			Current:    b.scoreValue(cur, f[cur]), Previous: b.scoreValue(prev, f[prev]), YearEarlier: b.scoreValue(yearEarlier, f[yearEarlier])})
	}
	for _, m := range metrics() {
		if !m.kpi {
			continue
		}
		out = append(out, model.KPI{Name: m.name, Group: "Activity", Type: m.kpiType(), Better: m.better, Definition: kpiDefs[m.name],
			Current: m.value(t[cur]), Previous: m.value(t[prev]), YearEarlier: m.value(t[yearEarlier])})
	}
	for _, c := range b.currencies() {
		out = append(out, model.KPI{Name: "Collected", Group: c, Type: model.ColMoney, Currency: c, Better: model.BetterUp,
			Definition: "Payments in the period from the active clients, net of refunds.",
			Current:    money(t[cur], c), Previous: money(t[prev], c), YearEarlier: money(t[yearEarlier], c)})
	}
	return out
}
