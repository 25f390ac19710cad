package revenue

import (
	"cmp"
	"maps"
	"slices"

	"github.com/careport/careport/reports/model"
	"github.com/shopspring/decimal"
)

// Sheet names of the report, in order. With several currencies the ledger
// is split into one sheet per currency, "Invoices USD", ...
const (
	SheetTrend     = "Trend"
	SheetMonthly   = "Monthly"
	SheetByCoach   = "By coach"
	SheetByClient  = "By client"
	SheetLineItems = "Line items"
	SheetPayments  = "Payments"
	SheetAging     = "AR aging"
	SheetInvoices  = "Invoices"
)

// single returns the report's only currency, or "" when it has several (or
// none): money columns of sheets that list currencies in blocks of rows
// carry a currency only when there is just one.
func (rb *reportBuilder) single() string {
	if len(rb.b.currencies) == 1 {
		return rb.b.currencies[0]
	}
	return ""
}

func (rb *reportBuilder) money(name string) model.Column { return model.MoneyCol(name, rb.single()) }

func money(d decimal.Decimal) model.Value { return model.MoneyDecimal(d) }

func count(n int) model.Value { return model.Int(int64(n)) }

// total adds a currency block's totals: the sheet's totals row when the
// report has one currency, else a block total row (first column "Total"),
// which renderers show bold below the data, outside the autofilter, and
// the CSV renderer writes to the totals file.
func (rb *reportBuilder) total(s *model.Sheet, values ...model.Value) {
	if rb.single() != "" {
		s.SetTotals(values...)
		return
	}
	s.AddTotalRow(values...)
}

// blocks marks s as a sheet listing currencies in blocks of rows: its
// money columns take each row's currency from the Currency column.
func blocks(s *model.Sheet) *model.Sheet {
	s.Formatting().CurrencyColumn = "Currency"
	return s
}

// trendSheet is the last 12 months ending at the period's end, invoiced and
// collected per currency in their own columns, which the report's charts
// (one per currency, on the front page) draw.
func (rb *reportBuilder) trendSheet() {
	cols := []model.Column{model.TextCol("Month")}
	for _, cur := range rb.b.currencies {
		cols = append(cols, model.MoneyCol("Invoiced "+cur, cur), model.MoneyCol("Collected "+cur, cur))
	}
	s := rb.r.AddSheet(SheetTrend, cols...)
	for _, m := range rb.run.window(12) {
		vals := []model.Value{model.Text(m.Label)}
		for _, cur := range rb.b.currencies {
			f := rb.fig(cur, m)
			vals = append(vals, money(f.Invoiced), money(f.Collected))
		}
		s.AddRow(vals...)
	}
	for _, cur := range rb.b.currencies {
		rb.r.Charts = append(rb.r.Charts, model.Chart{Kind: model.ChartColumn,
			Title:    "Invoiced vs collected, last 12 months (" + cur + ")",
			Category: "Month", Values: []string{"Invoiced " + cur, "Collected " + cur},
			Data: s.Name})
	}
}

// trendMonths is the Monthly sheet's window: the 12 months ending at the
// period's end, or 24 when the period is longer than 12 months.
func (rb *reportBuilder) trendMonths() []model.Period {
	n := 12
	if rb.run.n > 12 {
		n = 24
	}
	return rb.run.window(n)
}

func (rb *reportBuilder) monthlySheet() {
	s := blocks(rb.r.AddSheet(SheetMonthly, model.TextCol("Month"), model.TextCol("Currency"),
		rb.money("Invoiced"), rb.money("Subtotal"), rb.money("Tax"), rb.money("Credit notes"), rb.money("Collected"),
		rb.money("Outstanding at month end"), model.CountCol("Invoices")))
	for _, cur := range rb.b.currencies {
		for _, m := range rb.trendMonths() {
			f := rb.fig(cur, m)
			s.AddRow(model.Text(m.Label), model.Text(cur), money(f.Invoiced), money(f.Subtotal), money(f.Tax),
				money(f.CreditNotes), money(f.Collected), money(f.Outstanding), count(f.InvoiceCount))
		}
	}
}

// inPeriod returns the indexes of cur's entries dated in the report period,
// by date.
func (rb *reportBuilder) inPeriod(cur string) []int32 {
	l := rb.b.ledgers[cur]
	if l == nil {
		return nil
	}
	p := rb.run.period()
	lo, hi := l.dated(nanos(p.Start), nanos(p.End))
	return l.idx[lo:hi]
}

// invoicesInPeriod is inPeriod without the credit notes.
func (rb *reportBuilder) invoicesInPeriod(cur string) []int32 {
	var out []int32
	for _, i := range rb.inPeriod(cur) {
		if !rb.b.entries[i].creditNote() {
			out = append(out, i)
		}
	}
	return out
}

func (rb *reportBuilder) byCoachSheet() {
	ms := rb.run.list()
	labels := make([]string, len(ms))
	cols := []model.Column{model.TextCol("Coach"), model.TextCol("Currency")}
	for i, m := range ms {
		labels[i] = m.Label
		cols = append(cols, rb.money(m.Label))
	}
	cols = append(cols, rb.money("Total"))
	s := blocks(rb.r.AddSheet(SheetByCoach, cols...))
	loc := rb.b.loc
	for _, cur := range rb.b.currencies {
		ct := model.Pivot(rb.invoicesInPeriod(cur), labels,
			func(i int32) string { return rb.b.entries[i].coach },
			func(i int32) string { return monthLabel(rb.b.entries[i].inv.DateOf, loc) },
			func(i int32) decimal.Decimal { return rb.b.entries[i].inv.Amount })
		for ri, coach := range ct.Rows {
			vals := []model.Value{model.Text(coach), model.Text(cur)}
			for _, l := range labels {
				vals = append(vals, money(ct.Cell(coach, l)))
			}
			s.AddRow(append(vals, money(ct.RowTotal(ri)))...)
		}
		vals := []model.Value{model.Text("Total"), model.Text(cur)}
		var all decimal.Decimal
		for j := range labels {
			vals = append(vals, money(ct.ColTotal(j)))
			all = all.Add(ct.ColTotal(j))
		}
		rb.total(s, append(vals, money(all))...)
	}
}

// recipientRow accumulates one recipient's figures in one currency, in
// units of the currency's ledger.
type recipientRow struct {
	key, name, coach string
	listed           bool
	invoiced         int64
	creditNotes      int64
	collected        int64
	outstanding      int64
	credit           int64
	prepaid          int64
	invoices         int
	aging            [5]int64
}

func (r *recipientRow) net() int64 { return r.outstanding - r.credit - r.prepaid }

func (r *recipientRow) add(o *recipientRow) {
	r.invoiced, r.creditNotes, r.collected = r.invoiced+o.invoiced, r.creditNotes+o.creditNotes, r.collected+o.collected
	r.outstanding, r.credit, r.prepaid = r.outstanding+o.outstanding, r.credit+o.credit, r.prepaid+o.prepaid
	r.invoices += o.invoices
	for k := range r.aging {
		r.aging[k] += o.aging[k]
	}
}

// recipients returns cur's recipients with any invoice, payment, balance,
// credit or prepayment in or at the end of the report period, sorted by
// name then key. The result is computed once per currency.
func (rb *reportBuilder) recipients(cur string) []*recipientRow {
	l := rb.b.ledgers[cur]
	if l == nil {
		return nil
	}
	if l.recipOK {
		return l.recips
	}
	p := rb.run.period()
	start, end := nanos(p.Start), nanos(p.End)
	asOf := p.Last.StartOf(rb.b.loc) // the period's last day (its wall clock date)
	byKey := make([]*recipientRow, len(rb.b.keys))
	var out []*recipientRow
	for _, i := range l.idx {
		e := &rb.b.entries[i]
		r := byKey[e.recipient]
		if r == nil {
			r = &recipientRow{key: rb.b.keys[e.recipient], name: e.name, coach: e.coach}
			byKey[e.recipient] = r
		}
		if e.date < end {
			r.coach = e.coach // entries are by date: the latest invoice's coach wins
		}
		active := false
		if e.date >= start && e.date < end {
			if e.creditNote() {
				r.creditNotes += e.amount
			} else {
				r.invoiced += e.amount
				r.invoices++
			}
			active = true
		}
		if e.settled >= start { // else every payment precedes the period
			for _, pm := range e.pays {
				if pm.t >= start && pm.t < end {
					r.collected += pm.amt
					active = true
				}
			}
		}
		o, c, pre := e.balanceAt(end)
		if o != 0 {
			due := e.inv.DateDue
			if due.IsZero() {
				due = e.inv.DateOf
			}
			k := agingBucket(due, asOf)
			r.aging[k] += o
			r.outstanding += o
			active = true
		}
		if c != 0 || pre != 0 {
			r.credit += c
			r.prepaid += pre
			active = true
		}
		if active && !r.listed {
			r.listed = true
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b *recipientRow) int { return cmp.Or(cmp.Compare(a.name, b.name), cmp.Compare(a.key, b.key)) })
	l.recips, l.recipOK = out, true
	return out
}

func (rb *reportBuilder) byClientSheet() {
	s := blocks(rb.r.AddSheet(SheetByClient, model.TextCol("Client"), model.TextCol("Coach"), model.TextCol("Currency"),
		rb.money("Invoiced"), rb.money("Credit notes"), rb.money("Collected"), rb.money("Outstanding"),
		rb.money("Overpaid (credit)"), rb.money("Prepaid (unapplied)"), rb.money("Net receivable"),
		model.CountCol("Invoices")))
	for _, cur := range rb.b.currencies {
		l := rb.b.ledgers[cur]
		row := func(name, coach string, r *recipientRow) []model.Value {
			return []model.Value{model.Text(name), optText(coach), model.Text(cur), money(l.dec(r.invoiced)),
				money(l.dec(r.creditNotes)), money(l.dec(r.collected)), money(l.dec(r.outstanding)),
				money(l.dec(r.credit)), money(l.dec(r.prepaid)), money(l.dec(r.net())), count(r.invoices)}
		}
		var t recipientRow
		for _, r := range rb.recipients(cur) {
			s.AddRow(row(r.name, r.coach, r)...)
			t.add(r)
		}
		rb.total(s, row("Total", "", &t)...)
	}
}

// optText is a text cell, empty for "" (the coach of a totals row).
func optText(name string) model.Value {
	if name == "" {
		return model.Value{}
	}
	return model.Text(name)
}

// agingColours are the high ends of the AR aging buckets' colour scales,
// by bucket: pale yellow for 1-30 days to red for over 90, each light
// enough for black text.
var agingColours = [5]string{"", "FFE699", "F8CBAD", "F4B183", "F8696B"}

func (rb *reportBuilder) agingSheet() {
	names := agingNames()
	cols := []model.Column{model.TextCol("Client"), model.TextCol("Currency")}
	for _, n := range names {
		cols = append(cols, rb.money(n))
	}
	cols = append(cols, rb.money("Total outstanding"), rb.money("Overpaid (credit)"), rb.money("Prepaid (unapplied)"),
		rb.money("Net receivable"))
	s := blocks(rb.r.AddSheet(SheetAging, cols...))
	// Older buckets warmer: each bucket column on its own scale, from
	// white to a warmer colour the older the bucket.
	f := s.Formatting()
	for k, n := range names {
		if k == 0 {
			continue // not yet due: nothing to warn about
		}
		f.Conditional = append(f.Conditional, model.CondFormat{Column: n, Kind: model.ColourScale,
			Better: model.BetterDown, Colour: agingColours[k]})
	}
	for _, cur := range rb.b.currencies {
		l := rb.b.ledgers[cur]
		row := func(name string, r *recipientRow) []model.Value {
			vals := []model.Value{model.Text(name), model.Text(cur)}
			for k := range names {
				vals = append(vals, money(l.dec(r.aging[k])))
			}
			return append(vals, money(l.dec(r.outstanding)), money(l.dec(r.credit)), money(l.dec(r.prepaid)),
				money(l.dec(r.net())))
		}
		var t recipientRow
		for _, r := range rb.recipients(cur) {
			if r.outstanding == 0 && r.credit == 0 && r.prepaid == 0 {
				continue
			}
			s.AddRow(row(r.name, r)...)
			t.add(r)
		}
		rb.total(s, row("Total", &t)...)
	}
}

// tally is a count and an amount.
type tally struct {
	n   int
	sum decimal.Decimal
}

// tallySheet writes one row per (currency, label) with a count and an
// amount, labels ascending, and a total per currency.
func (rb *reportBuilder) tallySheet(name, labelCol string, each func(cur string, add func(label string, amount decimal.Decimal))) {
	s := blocks(rb.r.AddSheet(name, model.TextCol(labelCol), model.TextCol("Currency"), model.CountCol("Count"), rb.money("Amount")))
	for _, cur := range rb.b.currencies {
		m := map[string]*tally{}
		each(cur, func(label string, amount decimal.Decimal) {
			t := m[label]
			if t == nil {
				t = &tally{}
				m[label] = t
			}
			t.n++
			t.sum = t.sum.Add(amount)
		})
		var all tally
		for _, label := range slices.Sorted(maps.Keys(m)) {
			t := m[label]
			s.AddRow(model.Text(label), model.Text(cur), count(t.n), money(t.sum))
			all.n += t.n
			all.sum = all.sum.Add(t.sum)
		}
		rb.total(s, model.Text("Total"), model.Text(cur), count(all.n), money(all.sum))
	}
}

func (rb *reportBuilder) lineItemsSheet() {
	rb.tallySheet(SheetLineItems, "Item", func(cur string, add func(string, decimal.Decimal)) {
		for _, i := range rb.invoicesInPeriod(cur) {
			for _, li := range rb.b.entries[i].inv.LineItems {
				add(li.Item, li.Amount)
			}
		}
	})
}

// Payment types on the Payments sheet.
const (
	paymentsReceived = "Payments received"
	refunds          = "Refunds"
)

// paymentsSheet lists the payments dated in the period per currency: the
// payments received (zero or more) per method, then the refunds (negative
// payments) per method, then the net total, which is Collected.
func (rb *reportBuilder) paymentsSheet() {
	s := blocks(rb.r.AddSheet(SheetPayments, model.TextCol("Type"), model.TextCol("Method"), model.TextCol("Currency"),
		model.CountCol("Count"), rb.money("Amount")))
	p := rb.run.period()
	type key struct{ typ, method string }
	type cnt struct {
		n   int
		sum int64
	}
	for _, cur := range rb.b.currencies {
		l := rb.b.ledgers[cur]
		m := map[key]*cnt{}
		lo, hi := l.paid(nanos(p.Start), nanos(p.End))
		var all cnt
		for _, pm := range l.pays[lo:hi] {
			e := &rb.b.entries[pm.e]
			k := key{paymentsReceived, cmp.Or(e.inv.Payments[pm.i].Method, "(none)")}
			if pm.amt < 0 {
				k.typ = refunds
			}
			c := m[k]
			if c == nil {
				c = &cnt{}
				m[k] = c
			}
			c.n++
			c.sum += pm.amt
			all.n++
			all.sum += pm.amt
		}
		keys := slices.SortedFunc(maps.Keys(m), func(x, y key) int {
			// Payments received before refunds, then by method.
			if x.typ != y.typ {
				if x.typ == paymentsReceived {
					return -1
				}
				return 1
			}
			return cmp.Compare(x.method, y.method)
		})
		for _, k := range keys {
			c := m[k]
			s.AddRow(model.Text(k.typ), model.Text(k.method), model.Text(cur), count(c.n), money(l.dec(c.sum)))
		}
		rb.total(s, model.Text("Total"), model.Value{}, model.Text(cur), count(all.n), money(l.dec(all.sum)))
	}
}
