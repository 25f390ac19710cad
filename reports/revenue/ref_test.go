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

// balance returns outstanding and credit of inv at the civil date end.
func balance(ri refInv, end account.Date) (out, credit int64) {
	if ri.inv.DateOf >= end {
		return 0, 0
	}
	b := ri.amount - paidBefore(ri.inv, end)
	if b < 0 {
		return 0, -b
	}
	return b, 0
}

type refFig struct {
	invoiced, subtotal, tax, collected, outstanding, credit, avg int64
	count, payers                                                int
}

func (r *ref) fig(cur string, s span) refFig {
	var f refFig
	payers := map[string]bool{}
	for _, ri := range r.invs {
		if ri.inv.Currency != cur {
			continue
		}
		if s.hasDate(ri.inv.DateOf) {
			f.invoiced += ri.amount
			f.subtotal += ri.subtotal
			f.tax += ri.tax
			f.count++
		}
		for _, p := range ri.inv.Payments {
			if s.hasTime(p.DatePaid) {
				f.collected += int64(p.Amount)
				payers[ri.key] = true
			}
		}
		o, c := balance(ri, s.end())
		f.outstanding += o
		f.credit += c
	}
	f.payers = len(payers)
	if f.count > 0 {
		n := int64(f.count)
		abs := max(f.invoiced, -f.invoiced)
		q := (2*abs + n) / (2 * n) // half away from zero
		if f.invoiced < 0 {
			q = -q
		}
		f.avg = q
	}
	return f
}

func pct(cur, prev int64) string {
	if prev == 0 {
		return ""
	}
	return decimal.NewFromInt(cur - prev).Div(decimal.NewFromInt(prev)).StringFixed(4)
}

// sheets returns the expected cells of every sheet, by sheet name, for the
// report of period p.
func (r *ref) sheets(p span) map[string][][]string {
	out := map[string][][]string{}
	multi := len(r.currencies) > 1
	// Summary.
	var rows [][]string
	prev, yago := p.shift(-p.n), p.shift(-12)
	for _, cur := range r.currencies {
		c := r.fig(cur, p)
		for i, cmpTo := range []struct {
			label string
			s     span
		}{{"This period", p}, {"Previous period", prev}, {"Same period a year earlier", yago}} {
			f := r.fig(cur, cmpTo.s)
			row := []string{cur, cmpTo.label, cmpTo.s.label, cents(f.invoiced), cents(f.collected), cents(f.outstanding),
				cents(f.credit), strconv.Itoa(f.count), strconv.Itoa(f.payers), cents(f.avg)}
			if i == 0 {
				row = append(row, "", "", "", "", "", "")
			} else {
				row = append(row, pct(c.invoiced, f.invoiced), pct(c.collected, f.collected),
					pct(c.outstanding, f.outstanding), pct(int64(c.count), int64(f.count)),
					pct(int64(c.payers), int64(f.payers)), pct(c.avg, f.avg))
			}
			rows = append(rows, row)
		}
	}
	out["Summary"] = rows
	// Trend.
	rows = nil
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
				cents(f.collected), cents(f.outstanding), strconv.Itoa(f.count)})
		}
	}
	out["Monthly"] = rows
	// By coach.
	rows = nil
	for _, cur := range r.currencies {
		sums := map[string]map[string]int64{}
		for _, ri := range r.invs {
			if ri.inv.Currency == cur && p.hasDate(ri.inv.DateOf) {
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
			key, name, coach      string
			inv, col, out, credit int64
			n                     int
			buckets               [5]int64
			active                bool
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
				a.inv += ri.amount
				a.n++
				a.active = true
			}
			for _, pay := range ri.inv.Payments {
				if p.hasTime(pay.DatePaid) {
					a.col += int64(pay.Amount)
					a.active = true
				}
			}
			o, c := balance(ri, p.end())
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
			if c != 0 {
				a.credit += c
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
			clientRows = append(clientRows, []string{a.name, a.coach, cur, cents(a.inv), cents(a.col), cents(a.out),
				cents(a.credit), strconv.Itoa(a.n)})
			t.inv, t.col, t.out, t.credit, t.n = t.inv+a.inv, t.col+a.col, t.out+a.out, t.credit+a.credit, t.n+a.n
			if a.out == 0 && a.credit == 0 {
				continue
			}
			row := []string{a.name, cur}
			for k, b := range a.buckets {
				row = append(row, cents(b))
				t.buckets[k] += b
			}
			agingRows = append(agingRows, append(row, cents(a.out), cents(a.credit)))
		}
		clientRows = append(clientRows, []string{"Total", "", cur, cents(t.inv), cents(t.col), cents(t.out),
			cents(t.credit), strconv.Itoa(t.n)})
		row := []string{"Total", cur}
		for _, b := range t.buckets {
			row = append(row, cents(b))
		}
		agingRows = append(agingRows, append(row, cents(t.out), cents(t.credit)))
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
			if ri.inv.Currency == cur && p.hasDate(ri.inv.DateOf) {
				for _, li := range ri.inv.LineItems {
					add(li.Item, int64(li.Amount))
				}
			}
		}
	})
	out["Payments"] = tallies(func(cur string, add func(string, int64)) {
		for _, ri := range r.invs {
			if ri.inv.Currency != cur {
				continue
			}
			for _, pay := range ri.inv.Payments {
				if p.hasTime(pay.DatePaid) {
					add(cmp.Or(pay.Method, "(none)"), int64(pay.Amount))
				}
			}
		}
	})
	// Invoices.
	for _, cur := range r.currencies {
		name := "Invoices"
		if multi {
			name += " " + cur
		}
		var rows [][]string
		var n int
		var t [5]int64
		for _, ri := range r.invs {
			if ri.inv.Currency != cur || !p.hasDate(ri.inv.DateOf) {
				continue
			}
			paid := paidBefore(ri.inv, p.end())
			o, _ := balance(ri, p.end())
			rows = append(rows, []string{ri.inv.Number, ri.inv.DateOf.String(), ri.inv.DateDue.String(), ri.month,
				ri.name, ri.coach, cur, cents(ri.subtotal), cents(ri.tax), cents(ri.amount), cents(paid), cents(o)})
			n++
			for k, v := range []int64{ri.subtotal, ri.tax, ri.amount, paid, o} {
				t[k] += v
			}
		}
		rows = append(rows, []string{"Total", "", "", "", fmt.Sprintf("%d invoices", n), "", cur,
			cents(t[0]), cents(t[1]), cents(t[2]), cents(t[3]), cents(t[4])})
		out[name] = rows
	}
	return out
}

func (s span) withN(n int) span { return newSpan(s.y, s.m, n).norm() }
