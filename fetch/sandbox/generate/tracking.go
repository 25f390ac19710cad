package generate

import (
	"strconv"
	"time"

	"github.com/careport/careport/fetch/sandbox/account"
)

// metricSpec describes a kind of metric and how its values move. Values are
// (base + delta*progress + noise) x step, in Fixed units.
type metricSpec struct {
	name, units, mode, dataMode string
	baseLo, baseHi              int64 // starting value, in steps
	delta                       int64 // change over the period, in steps
	noise                       int64 // +/- noise, in steps
	step                        account.Fixed
}

func metricSpecs() []metricSpec {
	return []metricSpec{
		{"Weight", "lbs", "L", "R", 1500, 2300, -100, 15, 1000},
		{"Sleep", "hours", "H", "R", 23, 28, 4, 2, 2500},
		{"Meditation", "minutes", "H", "R", 5, 10, 10, 3, account.FixedScale},
		{"Steps", "steps", "H", "R", 4000, 7000, 3000, 1500, account.FixedScale},
		{"Revenue", "$", "H", "C", 500, 1500, 1000, 400, account.FixedScale},
		{"Sales calls", "calls", "H", "C", 3, 8, 5, 2, account.FixedScale},
		{"Stress level", "points", "L", "R", 6, 8, -3, 1, account.FixedScale},
		{"Focus hours", "hours", "H", "R", 4, 8, 4, 2, 5000},
	}
}

// metrics gives the client one to a few metrics, some tracked over
// successive periods, with data points no more than one a day, inside the
// period and never after AsOf or after the client left.
func (g *gen) metrics(p *clientPlan) {
	specs := metricSpecs()
	lim := p.limit(g.asOf)
	n := g.between(1, g.cfg.maxMetrics)
	first := g.r.IntN(len(specs))
	for k := range n {
		spec := specs[(first+k*3)%len(specs)]
		cursor := workday(p.join.AddDays(g.between(7, 40)))
		for cursor < lim.AddDays(-7) {
			end := addMonths(cursor, pick(g, []int{3, 6, 12})).AddDays(-1)
			g.metric(p, spec, cursor, end, lim)
			if g.chance(30) {
				break
			}
			cursor = workday(end.AddDays(g.between(1, 30)))
		}
	}
}

func (g *gen) metric(p *clientPlan, spec metricSpec, start, end, lim account.Date) {
	g.nextMetric++
	m := &account.Metric{
		ID: g.nextMetric, ClientID: p.c.ID, Name: spec.name, Units: spec.units, TotalWeight: 100,
		StartDate: start, EndDate: end, TargetMode: spec.mode, DataMode: spec.dataMode,
	}
	if g.cfg.dailyMetrics {
		m.RepeatRule = pick(g, []string{"daily", "daily", "weekdays", "weekdays", "MWF", "weekly", "biweekly"})
	} else {
		m.RepeatRule = pick(g, []string{"weekly", "weekly", "weekly", "weekly", "biweekly", "monthlyDOM", "MWF"})
	}
	base := spec.baseLo + int64(g.r.IntN(int(spec.baseHi-spec.baseLo+1)))
	if g.chance(75) {
		ts, te := account.Fixed(base)*spec.step, account.Fixed(base+spec.delta)*spec.step
		if spec.dataMode == "C" {
			ts, te = 0, account.Fixed(base*int64(end-start)/7)*spec.step // about weekly reports
		}
		m.TargetStart, m.TargetEnd = &ts, &te
	}
	last := min(end, lim, g.asOf)
	if end < g.asOf && g.chance(70) {
		m.IsComplete = true
	}
	span := int64(end - start)
	// Count the reporting days first, to allocate the points in one block.
	var days []account.Date
	for d := start; d <= last; d++ {
		if !reports(m.RepeatRule, d, start) {
			continue
		}
		days = append(days, d)
	}
	slab := make([]account.DataPoint, 0, len(days))
	for _, d := range days {
		if !g.chance(85) {
			continue
		}
		v := base + spec.delta*int64(d-start)/max(span, 1) + int64(g.r.IntN(int(2*spec.noise+1))) - spec.noise
		v = max(v, 0)
		g.nextDataPoint++
		dp := account.DataPoint{ID: g.nextDataPoint, DateOf: d, Value: account.Fixed(v) * spec.step}
		if g.chance(4) {
			dp.Comment = pick(g, []string{"Travelling this week", "Felt great", "Sick day", "Busy with the launch", "Back on track"})
		}
		slab = append(slab, dp)
	}
	m.Data = make([]*account.DataPoint, len(slab))
	for i := range slab {
		m.Data[i] = &slab[i]
	}
	g.a.Metrics = append(g.a.Metrics, m)
}

// reports says whether a metric with repeatRule is due on day d.
func reports(rule string, d, start account.Date) bool {
	switch wd := weekday(d); rule {
	case "daily":
		return true
	case "weekdays":
		return wd != time.Saturday && wd != time.Sunday
	case "MWF":
		return wd == time.Monday || wd == time.Wednesday || wd == time.Friday
	case "biweekly":
		return (d-start)%14 == 0
	case "monthlyDOM":
		return d.Time(time.UTC).Day() == start.Time(time.UTC).Day()
	default: // weekly, on the start's weekday
		return (d-start)%7 == 0
	}
}

// worksheets assigns a reflection form every two to four months; most are
// done (with answers), recent ones are often outstanding (with reminders).
func (g *gen) worksheets(p *clientPlan) {
	lim := p.limit(g.asOf)
	for d := workday(p.join.AddDays(g.between(14, 40))); d <= lim; d = workday(d.AddDays(g.between(60, 120))) {
		g.nextWorksheet++
		w := &account.Worksheet{
			ID: g.nextWorksheet, CoachID: p.coachAt(d), ClientID: p.c.ID,
			DateAssigned: g.officeTime(d), DateDue: d.AddDays(7).At(17, 0, 0),
		}
		form := g.chance(75)
		if form {
			w.Title = "Monthly reflection"
			w.Content = "<p>Take fifteen minutes to look back on the month.</p>"
		} else {
			w.Title = "Values exercise"
			w.Content = "<p>Pick your five core values and say why each matters.</p>"
		}
		if (d < g.asOf.AddDays(-14) && g.chance(85)) || g.chance(30) {
			done := workday(d.AddDays(g.between(1, 10)))
			if done > lim {
				done = lim
			}
			w.IsDone, w.DateDone = true, g.officeTime(done)
			if w.DateDone <= w.DateAssigned {
				w.DateDone = w.DateAssigned.Add(2 * time.Hour)
			}
			if w.DateDone > g.endOfDay() {
				w.DateDone = g.endOfDay()
			}
			if form {
				energy, conf := g.between(3, 10), g.between(2, 10)
				slab := make([]account.Answer, 4)
				nums := []account.Fixed{account.Fixed(energy * account.FixedScale), account.Fixed(conf * account.FixedScale)}
				slab[0] = account.Answer{Name: "Energy level", Value: strconv.Itoa(energy), NumberValue: &nums[0]}
				slab[1] = account.Answer{Name: "Confidence", Value: strconv.Itoa(conf), NumberValue: &nums[1]}
				slab[2] = account.Answer{Name: "Biggest win", Value: pick(g, g.w.wins)}
				slab[3] = account.Answer{Name: "Obstacle", Value: pick(g, g.w.obstacles)}
				w.Answers = []*account.Answer{&slab[0], &slab[1], &slab[2], &slab[3]}
			} else {
				w.Answers = []*account.Answer{{Name: "Core values", Value: "Honesty, growth, family, curiosity, craft"}}
			}
		} else {
			w.Reminders = g.reminders(w.DateDue, []int{1440}, "L")
		}
		g.a.Worksheets = append(g.a.Worksheets, w)
	}
}

// actions assigns to-dos every few weeks, some in projects; past ones are
// mostly done, some canceled, some still open (overdue).
func (g *gen) actions(p *clientPlan) {
	if g.chance(50) {
		for range g.between(1, 2) {
			g.nextProject++
			pr := &account.ActionProject{ID: g.nextProject, ClientID: p.c.ID, Name: pick(g, g.w.projects)}
			if len(p.projects) == 1 && p.projects[0].Name == pr.Name {
				pr.Name += " (phase 2)"
			}
			p.projects = append(p.projects, pr)
			g.a.ActionProjects = append(g.a.ActionProjects, pr)
		}
	}
	lim := p.limit(g.asOf)
	for d := workday(p.join.AddDays(g.between(5, 20))); d <= lim; d = workday(d.AddDays(g.between(20, 60))) {
		for range g.between(1, 3) {
			g.nextAction++
			due := workday(d.AddDays(g.between(5, 21)))
			a := &account.Action{
				ID: g.nextAction, ClientID: p.c.ID, CoachID: p.coachAt(d), Action: pick(g, g.w.actions),
				ForWho: "L", DateDue: due.At(17, 0, 0), IsLocked: g.chance(10),
			}
			if g.chance(10) {
				a.ForWho = "C"
			}
			if len(p.projects) > 0 && g.chance(60) {
				pr := pick(g, p.projects)
				a.ActionProjectID, a.Weight = pr.ID, g.between(1, 5)
			}
			if g.chance(15) {
				a.Comment = "Check in about this next session."
			}
			switch r := g.r.IntN(100); {
			case due < g.asOf && r < 70, due >= g.asOf && r < 25 && d < g.asOf:
				done := workday(d.AddDays(g.between(1, int(due-d)+3)))
				done = min(done, lim, g.asOf)
				a.IsDone, a.DateDone = true, g.officeTime(done)
				if g.chance(30) {
					a.Reminders = g.reminders(a.DateDue, []int{1440}, "L")
				}
			case due < g.asOf && r < 80:
				a.IsCanceled = true
			default:
				a.Reminders = g.reminders(a.DateDue, []int{1440}, a.ForWho)
			}
			g.a.Actions = append(g.a.Actions, a)
		}
	}
}

// activities records journal entries (J), shared files (F) and comments (C)
// month by month while the client is active.
func (g *gen) activities(p *clientPlan) {
	lim := p.limit(g.asOf)
	scale := g.cfg.activityScale
	for m := firstOfMonth(p.join); m <= lim; m = addMonths(m, 1) {
		days := int(addMonths(m, 1) - m)
		n := [3]int{g.r.IntN(scale/2 + 1), g.r.IntN(2), g.r.IntN(scale + 1)}
		slab := make([]account.Activity, 0, n[0]+n[1]+n[2])
		for k, kind := range []string{"J", "F", "C"} {
			for range n[k] {
				d := m.AddDays(g.r.IntN(days))
				if d < p.join || d > lim {
					continue
				}
				at := d.At(g.between(7, 21), g.r.IntN(60), 0)
				if at < p.c.DateAdded {
					continue
				}
				slab = append(slab, account.Activity{ClientID: p.c.ID, Kind: kind, Date: at})
			}
		}
		for i := range slab {
			g.a.Activities = append(g.a.Activities, &slab[i])
		}
	}
}
