package engagements_test

// The reference's sheets: the cells of Engagements, At risk, Renewals and
// By coach, from the reference's reading of the records (ref_test.go).

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/careport/careport/fetch/sandbox/account"
	"github.com/shopspring/decimal"
)

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
