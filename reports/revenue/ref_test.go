package revenue_test

// An independent reference of the revenue report, computed straight from the
// sandbox account's records (integer cents, civil dates) without calling the
// package under test, and laid out as the cells each sheet must hold.

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/careport/careport/fetch/sandbox/account"
	"github.com/shopspring/decimal"
)

// span is a run of whole months [start, end) as civil dates.
type span struct {
	y     int
	m     time.Month
	n     int
	label string
}

func newSpan(y int, m time.Month, n int) span {
	s := span{y: y, m: m, n: n}
	first := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, n-1, 0)
	s.label = first.Format("2006-01")
	if n > 1 {
		s.label += ".." + last.Format("2006-01")
	}
	return s
}

func (s span) start() account.Date { return account.DateOf(s.y, s.m, 1) }
func (s span) end() account.Date   { return account.DateOf(s.y, s.m+time.Month(s.n), 1) }
func (s span) shift(k int) span    { return newSpan(s.y, s.m+time.Month(k), s.n).norm() }
func (s span) norm() span {
	t := time.Date(s.y, s.m, 1, 0, 0, 0, 0, time.UTC)
	return newSpan(t.Year(), t.Month(), s.n)
}
func (s span) months() []span {
	out := make([]span, s.n)
	for i := range out {
		out[i] = newSpan(s.y, s.m+time.Month(i), 1).norm()
	}
	return out
}
func (s span) hasDate(d account.Date) bool { return d >= s.start() && d < s.end() }
func (s span) hasTime(t account.DateTime) bool {
	return t >= s.start().At(0, 0, 0) && t < s.end().At(0, 0, 0)
}

// refInv is one account invoice with its recipient and coach.
type refInv struct {
	inv                   *account.Invoice
	key, name, coach      string
	amount, subtotal, tax int64
	month                 string
	fellBack              bool // no primary-coach history covers the date
}

// primaryOn returns the client's primary coach on day d from the account's
// pairing history: the latest-starting 'P' period overlapping the day.
func primaryOn(a *account.Account, client int, d account.Date) (int, bool) {
	dayStart, dayEnd := d.At(0, 0, 0), d.AddDays(1).At(0, 0, 0)
	best, found := 0, false
	var bestStart account.DateTime
	for _, p := range a.Pairings {
		if p.ClientID != client || p.Type != "P" || p.StartDate >= dayEnd || (p.EndDate != 0 && p.EndDate <= dayStart) {
			continue
		}
		if !found || p.StartDate > bestStart {
			best, bestStart, found = p.CoachID, p.StartDate, true
		}
	}
	return best, found
}

type ref struct {
	invs       []refInv // sorted by date, number, ID
	currencies []string
}

func cents(c int64) string { return decimal.New(c, -2).StringFixed(2) }

func newRef(a *account.Account, coachID int, currency string) *ref {
	coaches := map[int]string{}
	for _, c := range a.Coaches {
		coaches[c.ID] = c.FirstName + " " + c.LastName
	}
	clients := map[int]*account.Client{}
	for _, c := range a.Clients {
		clients[c.ID] = c
	}
	companies := map[int]string{}
	for _, c := range a.Companies {
		companies[c.ID] = c.Name
	}
	r := &ref{}
	curs := map[string]bool{}
	for _, inv := range a.Invoices {
		if currency != "" && inv.Currency != currency {
			continue
		}
		ri := refInv{inv: inv, amount: int64(inv.Amount()), subtotal: int64(inv.Subtotal()), tax: int64(inv.Tax()),
			month: inv.DateOf.String()[:7]}
		if inv.ClientID == 0 {
			if coachID != 0 {
				continue
			}
			ri.key, ri.name, ri.coach = "k"+strconv.Itoa(inv.CompanyID), companies[inv.CompanyID], "(company)"
		} else {
			c := clients[inv.ClientID]
			coach, ok := primaryOn(a, c.ID, inv.DateOf)
			if !ok {
				coach, ri.fellBack = c.CoachID, true
			}
			if coachID != 0 && coach != coachID {
				continue
			}
			ri.key, ri.name, ri.coach = "c"+strconv.Itoa(c.ID), c.FirstName+" "+c.LastName, coaches[coach]
		}
		r.invs = append(r.invs, ri)
		curs[inv.Currency] = true
	}
	slices.SortStableFunc(r.invs, func(x, y refInv) int {
		return cmp.Or(cmp.Compare(x.inv.DateOf, y.inv.DateOf), cmp.Compare(x.inv.Number, y.inv.Number),
			cmp.Compare(x.inv.ID, y.inv.ID))
	})
	r.currencies = slices.Sorted(maps.Keys(curs))
	return r
}

// paidBefore is what was paid on inv before the civil date end.
func paidBefore(inv *account.Invoice, end account.Date) int64 {
	var s int64
	for _, p := range inv.Payments {
		if p.DatePaid < end.At(0, 0, 0) {
			s += int64(p.Amount)
		}
	}
	return s
}

// balance returns outstanding, credit and prepaid of inv at the civil date
// end: money paid before the invoice's date is prepaid (never negative)
// until that date, and neither outstanding nor credit.
func balance(ri refInv, end account.Date) (out, credit, prepaid int64) {
	paid := paidBefore(ri.inv, end)
	if ri.inv.DateOf >= end {
		return 0, 0, max(paid, 0)
	}
	b := ri.amount - paid
	if b < 0 {
		return 0, -b, 0
	}
	return b, 0, 0
}

type refFig struct {
	invoiced, subtotal, tax, creditNotes, collected, refunds int64
	outstanding, credit, prepaid                             int64
	count, zero, notes, payers                               int
	avg                                                      decimal.Decimal
}

func (f refFig) net() int64 { return f.outstanding - f.credit - f.prepaid }

// digits is the ISO 4217 minor unit of the currencies the tests use.
func digits(cur string) int {
	switch cur {
	case "JPY":
		return 0
	case "KWD":
		return 3
	}
	return 2
}

func (r *ref) fig(cur string, s span) refFig {
	var f refFig
	payers := map[string]bool{}
	for _, ri := range r.invs {
		if ri.inv.Currency != cur {
			continue
		}
		if s.hasDate(ri.inv.DateOf) {
			switch {
			case ri.amount < 0:
				f.creditNotes += ri.amount
				f.notes++
			default:
				f.invoiced += ri.amount
				f.subtotal += ri.subtotal
				f.tax += ri.tax
				f.count++
				if ri.amount == 0 {
					f.zero++
				}
			}
		}
		for _, p := range ri.inv.Payments {
			if s.hasTime(p.DatePaid) {
				f.collected += int64(p.Amount)
				if p.Amount < 0 {
					f.refunds += int64(p.Amount)
				}
				if p.Amount > 0 {
					payers[ri.key] = true
				}
			}
		}
		o, c, pre := balance(ri, s.end())
		f.outstanding += o
		f.credit += c
		f.prepaid += pre
	}
	f.payers = len(payers)
	if n := int64(f.count - f.zero); n > 0 {
		// invoiced cents / n in units of the currency's minor unit, half
		// away from zero: q = round(invoiced * 10^d / (100 n)).
		d := digits(cur)
		num, den := f.invoiced, 100*n
		for range d {
			num *= 10
		}
		abs := max(num, -num)
		q := (2*abs + den) / (2 * den)
		if num < 0 {
			q = -q
		}
		f.avg = decimal.New(q, int32(-d))
	}
	return f
}

// change is the relative change of cur against base, (cur - base) / |base|,
// as the reference cells write percents; "" when either is "" or base is
// zero.
func change(cur, base string) string {
	if cur == "" || base == "" {
		return ""
	}
	c, b := decimal.RequireFromString(cur), decimal.RequireFromString(base)
	if b.IsZero() {
		return ""
	}
	return c.Sub(b).Div(b.Abs()).StringFixed(4)
}

// kpiSheet is the name under which the reference lists the report's KPIs,
// one row each: currency, name, this period, previous period, a year
// earlier, the two changes.
const kpiSheet = "(KPIs)"

// kpis returns the expected KPI rows of the report of period p: the
// figures of the front page.
func (r *ref) kpis(p span) [][]string {
	periods := []span{p, p.shift(-p.n), p.shift(-12)}
	any := func(f func(refFig) int64) bool {
		for _, cur := range r.currencies {
			for _, s := range periods {
				if f(r.fig(cur, s)) != 0 {
					return true
				}
			}
		}
		return false
	}
	withCredit := any(func(f refFig) int64 { return f.creditNotes })
	withRefunds := any(func(f refFig) int64 { return f.refunds })
	withOverpaid := any(func(f refFig) int64 { return f.credit })
	withPrepaid := any(func(f refFig) int64 { return f.prepaid })
	var rows [][]string
	for _, cur := range r.currencies {
		var figs [3]refFig
		for i, s := range periods {
			figs[i] = r.fig(cur, s)
		}
		add := func(name string, v func(refFig) string) {
			row := []string{cur, name}
			for _, f := range figs {
				row = append(row, v(f))
			}
			rows = append(rows, append(row, change(row[2], row[3]), change(row[2], row[4])))
		}
		money := func(c func(refFig) int64) func(refFig) string {
			return func(f refFig) string { return cents(c(f)) }
		}
		add("Invoiced", money(func(f refFig) int64 { return f.invoiced }))
		if withCredit {
			add("Credit notes", money(func(f refFig) int64 { return f.creditNotes }))
			add("Credit note count", func(f refFig) string { return strconv.Itoa(f.notes) })
		}
		add("Collected", money(func(f refFig) int64 { return f.collected }))
		if withRefunds {
			add("Refunds", money(func(f refFig) int64 { return f.refunds }))
		}
		add("Outstanding at end", money(func(f refFig) int64 { return f.outstanding }))
		if withOverpaid {
			add("Overpaid (credit)", money(func(f refFig) int64 { return f.credit }))
		}
		if withPrepaid {
			add("Prepaid (unapplied)", money(func(f refFig) int64 { return f.prepaid }))
		}
		if withOverpaid || withPrepaid {
			add("Net receivable", money(refFig.net))
		}
		add("Invoices", func(f refFig) string { return strconv.Itoa(f.count) })
		add("Paying clients", func(f refFig) string { return strconv.Itoa(f.payers) })
		add("Average invoice", func(f refFig) string {
			if f.count == f.zero {
				return ""
			}
			return f.avg.StringFixed(2)
		})
	}
	return rows
}

// sheets returns the expected cells of every sheet, by sheet name, for the
// report of period p.
func (r *ref) sheets(p span) map[string][][]string {
	out := map[string][][]string{}
	multi := len(r.currencies) > 1
	// The front page's KPIs.
	out[kpiSheet] = r.kpis(p)
	var rows [][]string
	// Trend.
	for _, m := range p.shift(p.n - 12).withN(12).months() {
		row := []string{m.label}
		for _, cur := range r.currencies {
			f := r.fig(cur, m)
			row = append(row, cents(f.invoiced), cents(f.collected))
		}
		rows = append(rows, row)
	}
	out["Trend"] = rows
	// Monthly.
	rows = nil
	win := 12
	if p.n > 12 {
		win = 24
	}
	for _, cur := range r.currencies {
		for _, m := range p.shift(p.n - win).withN(win).months() {
			f := r.fig(cur, m)
			rows = append(rows, []string{m.label, cur, cents(f.invoiced), cents(f.subtotal), cents(f.tax),
				cents(f.creditNotes), cents(f.collected), cents(f.outstanding), strconv.Itoa(f.count)})
		}
	}
	out["Monthly"] = rows
	// By coach.
	rows = nil
	for _, cur := range r.currencies {
		sums := map[string]map[string]int64{}
		for _, ri := range r.invs {
			if ri.inv.Currency == cur && p.hasDate(ri.inv.DateOf) && ri.amount >= 0 {
				if sums[ri.coach] == nil {
					sums[ri.coach] = map[string]int64{}
				}
				sums[ri.coach][ri.month] += ri.amount
			}
		}
		colTotals := map[string]int64{}
		var all int64
		for _, coach := range slices.Sorted(maps.Keys(sums)) {
			row := []string{coach, cur}
			var t int64
			for _, m := range p.months() {
				row = append(row, cents(sums[coach][m.label]))
				t += sums[coach][m.label]
				colTotals[m.label] += sums[coach][m.label]
			}
			all += t
			rows = append(rows, append(row, cents(t)))
		}
		row := []string{"Total", cur}
		for _, m := range p.months() {
			row = append(row, cents(colTotals[m.label]))
		}
		rows = append(rows, append(row, cents(all)))
	}
	out["By coach"] = rows
	// By client and AR aging.
	asOf := p.end() - 1
	var clientRows, agingRows [][]string
	for _, cur := range r.currencies {
		type acc struct {
			key, name, coach                   string
			inv, cn, col, out, credit, prepaid int64
			n                                  int
			buckets                            [5]int64
			active                             bool
		}
		byKey := map[string]*acc{}
		for _, ri := range r.invs {
			if ri.inv.Currency != cur {
				continue
			}
			a := byKey[ri.key]
			if a == nil {
				a = &acc{key: ri.key, name: ri.name, coach: ri.coach}
				byKey[ri.key] = a
			}
			if ri.inv.DateOf < p.end() {
				a.coach = ri.coach // the coach of the latest invoice dated before the end
			}
			if p.hasDate(ri.inv.DateOf) {
				if ri.amount < 0 {
					a.cn += ri.amount
				} else {
					a.inv += ri.amount
					a.n++
				}
				a.active = true
			}
			for _, pay := range ri.inv.Payments {
				if p.hasTime(pay.DatePaid) {
					a.col += int64(pay.Amount)
					a.active = true
				}
			}
			o, c, pre := balance(ri, p.end())
			if o != 0 {
				due := ri.inv.DateDue
				if due == 0 {
					due = ri.inv.DateOf
				}
				days := int(asOf - due)
				k := 4
				switch {
				case days <= 0:
					k = 0
				case days <= 30:
					k = 1
				case days <= 60:
					k = 2
				case days <= 90:
					k = 3
				}
				a.buckets[k] += o
				a.out += o
				a.active = true
			}
			if c != 0 || pre != 0 {
				a.credit += c
				a.prepaid += pre
				a.active = true
			}
		}
		var list []*acc
		for _, a := range byKey {
			if a.active {
				list = append(list, a)
			}
		}
		slices.SortFunc(list, func(x, y *acc) int { return cmp.Or(cmp.Compare(x.name, y.name), cmp.Compare(x.key, y.key)) })
		var t acc
		for _, a := range list {
			net := a.out - a.credit - a.prepaid
			clientRows = append(clientRows, []string{a.name, a.coach, cur, cents(a.inv), cents(a.cn), cents(a.col),
				cents(a.out), cents(a.credit), cents(a.prepaid), cents(net), strconv.Itoa(a.n)})
			t.inv, t.cn, t.col, t.out, t.credit, t.prepaid, t.n = t.inv+a.inv, t.cn+a.cn, t.col+a.col, t.out+a.out,
				t.credit+a.credit, t.prepaid+a.prepaid, t.n+a.n
			if a.out == 0 && a.credit == 0 && a.prepaid == 0 {
				continue
			}
			row := []string{a.name, cur}
			for k, b := range a.buckets {
				row = append(row, cents(b))
				t.buckets[k] += b
			}
			agingRows = append(agingRows, append(row, cents(a.out), cents(a.credit), cents(a.prepaid), cents(net)))
		}
		tnet := t.out - t.credit - t.prepaid
		clientRows = append(clientRows, []string{"Total", "", cur, cents(t.inv), cents(t.cn), cents(t.col), cents(t.out),
			cents(t.credit), cents(t.prepaid), cents(tnet), strconv.Itoa(t.n)})
		row := []string{"Total", cur}
		for _, b := range t.buckets {
			row = append(row, cents(b))
		}
		agingRows = append(agingRows, append(row, cents(t.out), cents(t.credit), cents(t.prepaid), cents(tnet)))
	}
	out["By client"] = clientRows
	out["AR aging"] = agingRows
	// Line items and payments.
	tallies := func(each func(cur string, add func(string, int64))) [][]string {
		var rows [][]string
		for _, cur := range r.currencies {
			n, sum := map[string]int{}, map[string]int64{}
			each(cur, func(label string, c int64) { n[label]++; sum[label] += c })
			var tn int
			var ts int64
			for _, l := range slices.Sorted(maps.Keys(n)) {
				rows = append(rows, []string{l, cur, strconv.Itoa(n[l]), cents(sum[l])})
				tn += n[l]
				ts += sum[l]
			}
			rows = append(rows, []string{"Total", cur, strconv.Itoa(tn), cents(ts)})
		}
		return rows
	}
	out["Line items"] = tallies(func(cur string, add func(string, int64)) {
		for _, ri := range r.invs {
			if ri.inv.Currency == cur && p.hasDate(ri.inv.DateOf) && ri.amount >= 0 {
				for _, li := range ri.inv.LineItems {
					add(li.Item, int64(li.Amount))
				}
			}
		}
	})
	// Payments: received (zero or more) by method, then refunds by method.
	rows = nil
	for _, cur := range r.currencies {
		type k struct {
			refund bool
			method string
		}
		n, sum := map[k]int{}, map[k]int64{}
		var tn int
		var ts int64
		for _, ri := range r.invs {
			if ri.inv.Currency != cur {
				continue
			}
			for _, pay := range ri.inv.Payments {
				if p.hasTime(pay.DatePaid) {
					key := k{pay.Amount < 0, cmp.Or(pay.Method, "(none)")}
					n[key]++
					sum[key] += int64(pay.Amount)
					tn++
					ts += int64(pay.Amount)
				}
			}
		}
		for _, refund := range []bool{false, true} {
			var methods []string
			for key := range n {
				if key.refund == refund {
					methods = append(methods, key.method)
				}
			}
			slices.Sort(methods)
			label := "Payments received"
			if refund {
				label = "Refunds"
			}
			for _, m := range methods {
				rows = append(rows, []string{label, m, cur, strconv.Itoa(n[k{refund, m}]), cents(sum[k{refund, m}])})
			}
		}
		rows = append(rows, []string{"Total", "", cur, strconv.Itoa(tn), cents(ts)})
	}
	out["Payments"] = rows
	// Invoices.
	for _, cur := range r.currencies {
		name := "Invoices"
		if multi {
			name += " " + cur
		}
		var rows [][]string
		var n, notes int
		var t [5]int64
		for _, ri := range r.invs {
			if ri.inv.Currency != cur || !p.hasDate(ri.inv.DateOf) {
				continue
			}
			paid := paidBefore(ri.inv, p.end())
			o, _, _ := balance(ri, p.end())
			typ := "Invoice"
			if ri.amount < 0 {
				typ = "Credit note"
				notes++
			} else {
				n++
			}
			rows = append(rows, []string{ri.inv.Number, typ, ri.inv.DateOf.String(), ri.inv.DateDue.String(), ri.month,
				ri.name, ri.coach, cur, cents(ri.subtotal), cents(ri.tax), cents(ri.amount), cents(paid), cents(o)})
			for k, v := range []int64{ri.subtotal, ri.tax, ri.amount, paid, o} {
				t[k] += v
			}
		}
		label := fmt.Sprintf("%d invoices", n)
		if n == 1 {
			label = "1 invoice"
		}
		switch {
		case notes == 1:
			label += ", 1 credit note"
		case notes > 1:
			label += fmt.Sprintf(", %d credit notes", notes)
		}
		rows = append(rows, []string{"Total", "", "", "", "", label, "", cur,
			cents(t[0]), cents(t[1]), cents(t[2]), cents(t[3]), cents(t[4])})
		out[name] = rows
	}
	return out
}

func (s span) withN(n int) span { return newSpan(s.y, s.m, n).norm() }
