package engagements_test

// An independent reference of the engagement report, computed straight
// from the sandbox account's records (wall-clock seconds and civil days of
// the account zone, integer appointments and seconds) without calling the
// package under test, and laid out as the cells each sheet must hold.

import (
	"cmp"
	"fmt"
	"slices"
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
	row := func(name string, get func(rFigures) string) []string {
		return []string{name, get(fs[0]), get(fs[1]), get(fs[2])}
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
		row("Average use", func(f rFigures) string { return f.avg }),
		row("At risk", n(func(f rFigures) int { return f.atRisk })),
	}
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

func (r *ref) listed(sp span) []*rEng {
	var out []*rEng
	for _, e := range r.scope {
		if e.open(sp.s, sp.t) {
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(x, y *rEng) int {
		return cmp.Or(strings.Compare(x.name, y.name), cmp.Compare(x.e.StartDate, y.e.StartDate), cmp.Compare(x.e.ID, y.e.ID))
	})
	return out
}

func (r *ref) status(v rView, sp span) string {
	e := v.e
	switch {
	case v.active:
		return "Active"
	case e.from >= sp.t:
		return "Not started"
	case e.closed != 0 && e.closed < sp.t:
		switch {
		case e.e.IsCanceled:
			return "Canceled"
		case e.e.EndDate != 0 && e.closed.Date() < e.e.EndDate:
			return "Completed early"
		}
		return "Completed"
	}
	return "Ended, not marked complete"
}

func (r *ref) engagementsSheet(sp span) [][]string {
	var out [][]string
	list := r.listed(sp)
	for _, e := range list {
		v := r.view(e, sp)
		per := ""
		if e.e.ClientID == 0 {
			per = e.qty(e.per)
		}
		note := ""
		if v.api {
			note = "used and booked are the API's figures; see Data problems on the Notes sheet"
		} else if e.apiDiffers {
			note = "see Data problems on the Notes sheet"
		}
		out = append(out, []string{e.name, e.kind(), e.coach, e.e.Name, strconv.Itoa(e.e.ID), dayText(e.e.StartDate),
			dayText(e.e.EndDate), e.unitsName(), e.qty(e.alloc), per, e.qty(v.u.used), e.qty(v.u.booked),
			e.qty(e.alloc - v.u.used - v.u.booked), v.pctUsed(), v.pctElapsed(), dayText(v.runOut), dtText(v.u.lastHeld),
			dtText(v.u.nextBook), r.status(v, sp), v.flags(), note})
	}
	total := make([]string, 21)
	total[0] = fmt.Sprintf("%d engagements", len(list))
	if len(list) == 1 {
		total[0] = "1 engagement"
	}
	return append(out, total)
}

func (r *ref) why(v rView) string {
	e := v.e
	var out []string
	if v.over {
		out = append(out, fmt.Sprintf("over-used: %s of %s %s used", e.qty(v.u.used), e.qty(e.alloc), e.unitsName()))
	}
	if v.runs {
		out = append(out, fmt.Sprintf("runs out early: at the pace so far the allocation is used up on %s, before the end date %s", v.runOut, e.e.EndDate))
	}
	if v.stl {
		since := "the last held appointment"
		if v.u.lastHeld == 0 {
			since = "the start, with none held"
		}
		out = append(out, fmt.Sprintf("stalled: nothing booked and %d days since %s", v.since, since))
	}
	if v.under {
		out = append(out, fmt.Sprintf("under-using: %.1f%% used after %.1f%% of the time (more than %d points behind)",
			100*float64(v.u.used)/float64(e.alloc), 100*float64(v.elapsed)/float64(v.total), r.o.points))
	}
	return strings.Join(out, "; ")
}

func (r *ref) atRiskSheet(sp span) [][]string {
	var vs []rView
	for _, e := range r.scope {
		if v := r.view(e, sp); v.active && v.nflags() > 0 {
			vs = append(vs, v)
		}
	}
	behind := func(v rView) (float64, bool) {
		if v.total == 0 || v.e.alloc == 0 {
			return 0, false
		}
		return float64(v.elapsed)/float64(v.total) - float64(v.u.used)/float64(v.e.alloc), true
	}
	slices.SortFunc(vs, func(x, y rView) int {
		if c := cmp.Compare(y.nflags(), x.nflags()); c != 0 {
			return c
		}
		bx, okx := behind(x)
		by, oky := behind(y)
		if okx != oky {
			if okx {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(by, bx), cmp.Compare(y.since, x.since), strings.Compare(x.e.name, y.e.name), cmp.Compare(x.e.e.ID, y.e.e.ID))
	})
	var out [][]string
	for _, v := range vs {
		e := v.e
		b := ""
		if f, ok := behind(v); ok {
			b = decimal.NewFromFloat(f).StringFixed(4)
		}
		out = append(out, []string{e.name, e.coach, e.e.Name, strconv.Itoa(e.e.ID), dayText(e.e.EndDate), e.unitsName(),
			e.qty(e.alloc), e.qty(v.u.used), e.qty(v.u.booked), v.pctUsed(), v.pctElapsed(), b, strconv.Itoa(v.since),
			dayText(v.runOut), v.flags(), r.why(v)})
	}
	return out
}

// openInvoices lists a client's (or company's) open invoices at t: dated
// before it, amount less payments before it above zero.
func (r *ref) openInvoices(e *rEng, t account.DateTime) (n int, balance, currency, list string) {
	var parts []string
	var sum int64
	curs := map[string]bool{}
	var invs []*account.Invoice
	for _, inv := range r.a.Invoices {
		if (e.e.ClientID != 0 && inv.ClientID == e.e.ClientID) || (e.e.ClientID == 0 && inv.ClientID == 0 && inv.CompanyID == e.e.CompanyID) {
			invs = append(invs, inv)
		}
	}
	slices.SortFunc(invs, func(x, y *account.Invoice) int {
		return cmp.Or(cmp.Compare(x.DateOf, y.DateOf), strings.Compare(x.Number, y.Number), cmp.Compare(x.ID, y.ID))
	})
	for _, inv := range invs {
		amt := int64(inv.Amount())
		if inv.DateOf.At(0, 0, 0) >= t || amt <= 0 {
			continue
		}
		bal := amt
		for _, p := range inv.Payments {
			if p.DatePaid < t {
				bal -= int64(p.Amount)
			}
		}
		if bal <= 0 {
			continue
		}
		n++
		sum += bal
		curs[inv.Currency] = true
		currency = inv.Currency
		parts = append(parts, fmt.Sprintf("%s (%s %s, dated %s)", inv.Number, inv.Currency, decimal.New(bal, -2).StringFixed(2), inv.DateOf))
	}
	if len(curs) == 1 {
		balance = decimal.New(sum, -2).StringFixed(2)
	} else {
		currency = ""
	}
	return n, balance, currency, strings.Join(parts, "; ")
}

func (r *ref) renewalsSheet(sp span) [][]string {
	type row struct {
		e    *rEng
		days int
	}
	var rows []row
	for _, e := range r.scope {
		if days, ok := r.renewalDays(e, sp); ok {
			rows = append(rows, row{e, days})
		}
	}
	slices.SortFunc(rows, func(x, y row) int {
		return cmp.Or(cmp.Compare(x.e.e.EndDate, y.e.e.EndDate), strings.Compare(x.e.name, y.e.name), cmp.Compare(x.e.e.ID, y.e.e.ID))
	})
	var out [][]string
	for _, rw := range rows {
		e := rw.e
		v := r.view(e, sp)
		due := "within 90 days"
		if rw.days <= 30 {
			due = "within 30 days"
		} else if rw.days <= 60 {
			due = "within 60 days"
		}
		n, bal, cur, list := r.openInvoices(e, sp.t)
		var fo *rEng
		for _, o := range r.all {
			if o == e || o.e.ClientID != e.e.ClientID || o.e.CompanyID != e.e.CompanyID || o.e.IsCanceled ||
				o.e.StartDate <= e.e.StartDate || (o.e.DateAdded != 0 && o.e.DateAdded >= sp.t) {
				continue
			}
			if fo == nil || o.e.StartDate < fo.e.StartDate || (o.e.StartDate == fo.e.StartDate && o.e.ID < fo.e.ID) {
				fo = o
			}
		}
		foName, foStart := "", ""
		if fo != nil {
			foName, foStart = fmt.Sprintf("%s (ID %d)", fo.e.Name, fo.e.ID), dayText(fo.e.StartDate)
		}
		out = append(out, []string{due, strconv.Itoa(rw.days), e.name, e.coach, e.e.Name, strconv.Itoa(e.e.ID),
			dayText(e.e.EndDate), e.unitsName(), e.qty(e.alloc), e.qty(v.u.used), e.qty(e.alloc - v.u.used - v.u.booked),
			v.pctUsed(), strconv.Itoa(n), bal, cur, list, dayText(e.e.NextInvoiceDate), foName, foStart})
	}
	return out
}

func (r *ref) byCoachSheet(sp span) [][]string {
	type acc struct {
		name                                   string
		id                                     int
		active, started, ended, risk, held, cx int
		sum                                    float64
		n                                      int
	}
	rows := map[int]*acc{}
	get := func(id int) *acc {
		if rows[id] == nil {
			rows[id] = &acc{name: r.coaches[id], id: id}
		}
		return rows[id]
	}
	for _, c := range r.a.Coaches {
		if c.IsActive && (r.o.coach == 0 || c.ID == r.o.coach) {
			get(c.ID)
		}
	}
	for _, e := range r.scope {
		inPeriod := false
		for _, x := range e.appts {
			if x.StartDate >= sp.s && x.StartDate < sp.t {
				inPeriod = true
			}
		}
		if !e.open(sp.s, sp.t) && !inPeriod {
			continue
		}
		c := get(e.e.CoachID)
		if e.started(sp.s, sp.t) {
			c.started++
		}
		if e.ended(sp.s, sp.t) {
			c.ended++
		}
		for _, x := range e.appts {
			if x.StartDate >= sp.s && x.StartDate < sp.t {
				switch x.Status {
				case "A":
					c.held++
				case "C":
					c.cx++
				}
			}
		}
		if !e.active(sp.t) {
			continue
		}
		c.active++
		v := r.view(e, sp)
		if v.nflags() > 0 {
			c.risk++
		}
		if e.e.EndDate != 0 && e.alloc > 0 {
			c.sum += float64(v.u.used) / float64(e.alloc)
			c.n++
		}
	}
	var list []*acc
	for _, c := range rows {
		list = append(list, c)
	}
	slices.SortFunc(list, func(x, y *acc) int { return cmp.Or(strings.Compare(x.name, y.name), cmp.Compare(x.id, y.id)) })
	cells := func(c *acc) []string {
		avg := ""
		if c.n > 0 {
			avg = decimal.NewFromFloat(c.sum / float64(c.n)).StringFixed(4)
		}
		return []string{c.name, strconv.Itoa(c.active), strconv.Itoa(c.started), strconv.Itoa(c.ended), avg,
			strconv.Itoa(c.risk), strconv.Itoa(c.held), strconv.Itoa(c.cx), pct(int64(c.cx), int64(c.held+c.cx))}
	}
	var out [][]string
	tot := &acc{name: "Total"}
	for _, c := range list {
		out = append(out, cells(c))
		tot.active, tot.started, tot.ended, tot.risk = tot.active+c.active, tot.started+c.started, tot.ended+c.ended, tot.risk+c.risk
		tot.held, tot.cx, tot.sum, tot.n = tot.held+c.held, tot.cx+c.cx, tot.sum+c.sum, tot.n+c.n
	}
	return append(out, cells(tot))
}
