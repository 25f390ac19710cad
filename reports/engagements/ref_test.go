package engagements_test

// An independent reference of the engagement report, computed straight
// from the sandbox account's records (wall-clock seconds and civil days of
// the account zone, integer appointments and seconds) without calling the
// package under test, and laid out as the cells each sheet must hold.

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/careport/careport/fetch/sandbox/account"
	"github.com/shopspring/decimal"
)

// refOpts are a run's parameters.
type refOpts struct {
	first, last     account.Date
	coach           int
	includeInactive bool
	stalled, points int
}

// rEng is one engagement as the reference reads it. Quantities are
// appointments, or seconds for hours-based engagements.
type rEng struct {
	e              *account.Engagement
	name, coach    string
	hours          bool
	alloc, per     int64
	from, z        account.DateTime // z: when it stopped being active (0: never)
	closed         account.DateTime // dateClosed when completed or canceled
	inactive       bool
	appts          []*account.Appointment
	apiP, apiA     int // the sandbox's allocationUsedP/A
	apiDiffers     bool
	usedD, bookedD int64 // use at the data time
}

type ref struct {
	a          *account.Account
	o          refOpts
	dataTime   account.DateTime
	all, scope []*rEng
	coaches    map[int]string
	clients    map[int]*account.Client
}

func wall(t time.Time) account.DateTime {
	return account.DateTimeOf(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second())
}

func newRef(a *account.Account, o refOpts, dataTime, sandboxNow time.Time) *ref {
	r := &ref{a: a, o: o, dataTime: wall(dataTime), coaches: map[int]string{}, clients: map[int]*account.Client{}}
	for _, c := range a.Coaches {
		r.coaches[c.ID] = c.FirstName + " " + c.LastName
	}
	for _, c := range a.Clients {
		r.clients[c.ID] = c
	}
	companies := map[int]*account.Company{}
	for _, c := range a.Companies {
		companies[c.ID] = c
	}
	now := wall(sandboxNow)
	for _, e := range a.Engagements {
		re := &rEng{e: e, hours: e.AllocationUnits == "H", coach: r.coaches[e.CoachID], from: e.StartDate.At(0, 0, 0)}
		if e.ClientID != 0 {
			c := r.clients[e.ClientID]
			re.name, re.inactive = c.FirstName+" "+c.LastName, !c.IsActive
		} else {
			re.name, re.inactive = companies[e.CompanyID].Name, !companies[e.CompanyID].IsActive
		}
		re.alloc, re.per = int64(e.Allocation), int64(e.AllocationPerClient)
		if re.hours {
			re.alloc, re.per = re.alloc*3600, re.per*3600
		}
		if e.EndDate != 0 {
			re.z = e.EndDate.AddDays(1).At(0, 0, 0)
		}
		if e.DateClosed != 0 {
			re.closed = e.DateClosed
			if re.z == 0 || e.DateClosed < re.z {
				re.z = e.DateClosed
			}
		}
		for _, x := range a.Appointments {
			if x.EngagementID == e.ID {
				re.appts = append(re.appts, x)
			}
		}
		// The sandbox's figures: status A and not -1, past at its clock.
		var p, all int64
		for _, x := range re.appts {
			if x.Status != "A" || x.CountsInEngagement == -1 {
				continue
			}
			q := re.q(x)
			all += q
			if x.StartDate <= now {
				p += q
			}
		}
		re.apiP, re.apiA = re.units(p), re.units(all)
		u := r.use(re, r.dataTime)
		re.usedD, re.bookedD = u.used, u.booked
		re.apiDiffers = re.units(u.used) != re.apiP || re.units(u.used+u.booked) != re.apiA
		r.all = append(r.all, re)
		if (o.coach == 0 || e.CoachID == o.coach) && (!re.inactive || o.includeInactive) {
			r.scope = append(r.scope, re)
		}
	}
	return r
}

func (e *rEng) q(x *account.Appointment) int64 {
	if e.hours {
		return max(int64(x.EndDate-x.StartDate), 0)
	}
	return 1
}

func (e *rEng) units(q int64) int {
	if e.hours {
		return int(q / 3600)
	}
	return int(q)
}

func (e *rEng) active(t account.DateTime) bool { return e.from < t && (e.z == 0 || t < e.z) }
func (e *rEng) open(s, t account.DateTime) bool {
	return e.from < t && (e.z == 0 || (e.z > s && e.z > e.from))
}
func (e *rEng) started(s, t account.DateTime) bool {
	return e.from >= s && e.from < t && (e.z == 0 || e.z > e.from)
}
func (e *rEng) closedIn(s, t account.DateTime) bool {
	return e.closed != 0 && e.closed >= s && e.closed < t
}
func (e *rEng) ended(s, t account.DateTime) bool {
	return e.z != 0 && e.z > e.from && e.z > s && e.z <= t
}

type rUse struct {
	used, booked       int64
	lastHeld, nextBook account.DateTime
}

func (r *ref) use(e *rEng, t account.DateTime) rUse {
	var u rUse
	for _, x := range e.appts {
		switch {
		case x.Status == "A" && x.StartDate < t:
			u.lastHeld = max(u.lastHeld, x.StartDate)
			if x.CountsInEngagement != -1 {
				u.used += e.q(x)
			}
		case x.StartDate >= t && (x.DateAdded == 0 || x.DateAdded < t) &&
			((x.Status == "A" && x.CountsInEngagement != -1) || (x.Status == "C" && x.DateCanceled >= t)):
			u.booked += e.q(x)
			if u.nextBook == 0 || x.StartDate < u.nextBook {
				u.nextBook = x.StartDate
			}
		}
	}
	return u
}

// span is a reported run of days and its moment.
type span struct {
	s, t account.DateTime // period start; report moment
	day  account.Date     // the report day
	now  bool             // the moment is the data time
}

func (r *ref) span(first, last account.Date) span {
	sp := span{s: first.At(0, 0, 0), t: last.AddDays(1).At(0, 0, 0)}
	if r.dataTime < sp.t {
		sp.t, sp.now = r.dataTime, true
	}
	sp.day = (sp.t - 1).Date()
	return sp
}

// rView is an engagement judged at a span's moment.
type rView struct {
	e               *rEng
	u               rUse
	api             bool
	active          bool
	elapsed, total  int
	runOut          account.Date
	since           int
	over, runs, stl bool
	under           bool
}

func (r *ref) view(e *rEng, sp span) rView {
	v := rView{e: e, u: r.use(e, sp.t), active: e.active(sp.t)}
	if sp.now && e.apiDiffers {
		v.api = true
		q := func(n int) int64 {
			if e.hours {
				return int64(n) * 3600
			}
			return int64(n)
		}
		v.u.used, v.u.booked = q(e.apiP), q(e.apiA-e.apiP)
	}
	start := e.e.StartDate
	if e.e.EndDate != 0 {
		v.total = int(e.e.EndDate-start) + 1
	}
	v.elapsed = max(int(sp.day-start)+1, 0)
	if v.total > 0 {
		v.elapsed = min(v.elapsed, v.total)
	}
	if e.alloc > 0 && v.u.used > 0 && v.elapsed > 0 {
		days := (e.alloc*int64(v.elapsed) + v.u.used - 1) / v.u.used
		v.runOut = start.AddDays(int(days) - 1)
	}
	last := start
	if v.u.lastHeld != 0 {
		last = v.u.lastHeld.Date()
	}
	v.since = int(sp.day - last)
	if v.active {
		v.over = e.alloc > 0 && v.u.used > e.alloc
		v.runs = v.runOut != 0 && e.e.EndDate != 0 && v.runOut < e.e.EndDate
		v.under = v.total > 0 && e.alloc > 0 &&
			float64(v.u.used)/float64(e.alloc) < float64(v.elapsed)/float64(v.total)-float64(r.o.points)/100
		v.stl = v.u.nextBook == 0 && v.since >= r.o.stalled
	}
	return v
}

func (v rView) flags() string {
	var out []string
	for _, f := range []struct {
		on   bool
		name string
	}{{v.over, "over-used"}, {v.runs, "runs out early"}, {v.stl, "stalled"}, {v.under, "under-using"}} {
		if f.on {
			out = append(out, f.name)
		}
	}
	return strings.Join(out, ", ")
}

func (v rView) nflags() int {
	n := 0
	for _, b := range []bool{v.over, v.runs, v.stl, v.under} {
		if b {
			n++
		}
	}
	return n
}

// Cell formats, as the test's cell() writes values.
func pct(n, d int64) string {
	if d == 0 {
		return ""
	}
	return decimal.NewFromFloat(float64(n) / float64(d)).StringFixed(4)
}

func (e *rEng) qty(q int64) string {
	if e.hours {
		return decimal.New(q, 0).Div(decimal.NewFromInt(3600)).Round(2).String()
	}
	return strconv.FormatInt(q, 10)
}

func dayText(d account.Date) string {
	if d == 0 {
		return ""
	}
	return d.String() + " 00:00"
}

func dtText(t account.DateTime) string {
	if t == 0 {
		return ""
	}
	return t.String()[:16]
}

func (e *rEng) unitsName() string {
	if e.hours {
		return "hours"
	}
	return "appointments"
}

func (e *rEng) kind() string {
	if e.e.ClientID == 0 {
		return "Company"
	}
	return "Client"
}

func (v rView) pctUsed() string { return pct(v.u.used, v.e.alloc) }
func (v rView) pctElapsed() string {
	if v.total == 0 {
		return ""
	}
	return pct(int64(v.elapsed), int64(v.total))
}

// figures are a span's KPI values, as cells.
type rFigures struct {
	active, started, completed, canceled, without, atRisk int
	avg                                                   string
	renew                                                 [3]int
}

func (r *ref) renewalDays(e *rEng, sp span) (int, bool) {
	if e.e.EndDate == 0 || e.from >= sp.t || (e.closed != 0 && e.closed < sp.t) {
		return 0, false
	}
	days := int(e.e.EndDate - sp.day)
	return days, days >= 0 && days <= 90
}

func (r *ref) figures(sp span) rFigures {
	var f rFigures
	var sum float64
	n := 0
	for _, e := range r.scope {
		if e.started(sp.s, sp.t) {
			f.started++
		}
		if e.closedIn(sp.s, sp.t) {
			if e.e.IsCanceled {
				f.canceled++
			} else {
				f.completed++
			}
		}
		if days, ok := r.renewalDays(e, sp); ok {
			for i, w := range []int{30, 60, 90} {
				if days <= w {
					f.renew[i]++
				}
			}
		}
		if !e.active(sp.t) {
			continue
		}
		f.active++
		v := r.view(e, sp)
		if v.nflags() > 0 {
			f.atRisk++
		}
		if e.e.EndDate != 0 && e.alloc > 0 {
			sum += float64(v.u.used) / float64(e.alloc)
			n++
		}
	}
	if n > 0 {
		f.avg = decimal.NewFromFloat(sum / float64(n)).StringFixed(4)
	}
	// Active clients added before the moment without an active
	// engagement of their own or their company's.
	for _, c := range r.a.Clients {
		if !c.IsActive || (r.o.coach != 0 && c.CoachID != r.o.coach) || (c.DateAdded != 0 && c.DateAdded >= sp.t) {
			continue
		}
		has := false
		for _, e := range r.all {
			if e.active(sp.t) && ((e.e.ClientID != 0 && e.e.ClientID == c.ID) || (e.e.ClientID == 0 && c.CompanyID != 0 && e.e.CompanyID == c.CompanyID)) {
				has = true
			}
		}
		if !has {
			f.without++
		}
	}
	return f
}

// kpis returns the KPI rows: name, this period, previous, a year earlier.
func (r *ref) kpis(cur, prev, ye span) [][]string {
	fs := []rFigures{r.figures(cur), r.figures(prev), r.figures(ye)}
	group := "Engagements"
	row := func(name string, get func(rFigures) string) []string {
		return []string{group, name, get(fs[0]), get(fs[1]), get(fs[2])}
	}
	n := func(get func(rFigures) int) func(rFigures) string {
		return func(f rFigures) string { return strconv.Itoa(get(f)) }
	}
	out := [][]string{
		row("Active at end", n(func(f rFigures) int { return f.active })),
		row("New", n(func(f rFigures) int { return f.started })),
		row("Completed", n(func(f rFigures) int { return f.completed })),
		row("Canceled", n(func(f rFigures) int { return f.canceled })),
		row("Clients without one", n(func(f rFigures) int { return f.without })),
	}
	group = "Use and risk"
	out = append(out, row("Average use", func(f rFigures) string { return f.avg }),
		row("At risk", n(func(f rFigures) int { return f.atRisk })))
	group = "Renewals"
	for i, w := range []int{30, 60, 90} {
		out = append(out, row(fmt.Sprintf("Renewals in %d days", w), n(func(f rFigures) int { return f.renew[i] })))
	}
	return out
}

// trend returns the Trend rows of the months first..last (YYYY-MM).
func (r *ref) trend(months []time.Time, final span) [][]string {
	var out [][]string
	for _, m := range months {
		s := account.DateOf(m.Year(), m.Month(), 1).At(0, 0, 0)
		t := account.DateOf(m.Year(), m.Month()+1, 1).At(0, 0, 0)
		t = min(t, final.t)
		var act, nw, comp, canc, end int
		for _, e := range r.scope {
			if e.active(t) {
				act++
			}
			if e.started(s, t) {
				nw++
			}
			if e.closedIn(s, t) {
				if e.e.IsCanceled {
					canc++
				} else {
					comp++
				}
			}
			if e.ended(s, t) {
				end++
			}
		}
		out = append(out, []string{m.Format("2006-01"), strconv.Itoa(act), strconv.Itoa(nw), strconv.Itoa(comp),
			strconv.Itoa(canc), strconv.Itoa(end)})
	}
	return out
}
