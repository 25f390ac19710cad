package revenue

import (
	"cmp"
	"maps"
	"slices"
	"time"

	"github.com/careport/careport/reports/model"
	"github.com/shopspring/decimal"
)

// Sheet names of the report, in order. With several currencies the ledger
// is split into one sheet per currency, "Invoices USD", ...
const (
	SheetSummary   = "Summary"
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
// report has one currency, else a data row (first column "Total").
func (rb *reportBuilder) total(s *model.Sheet, values ...model.Value) {
	if rb.single() != "" {
		s.SetTotals(values...)
		return
	}
	s.AddRow(values...)
}

// change returns (cur - prev) / prev as a percent value, empty when prev is 0.
func change(cur, prev decimal.Decimal) model.Value {
	if prev.IsZero() {
		return model.Value{}
	}
	return model.PercentDecimal(cur.Sub(prev).Div(prev))
}

func (rb *reportBuilder) summarySheet(sum *Summary) {
	s := rb.r.AddSheet(SheetSummary,
		model.TextCol("Currency"), model.TextCol("Compared with"), model.TextCol("Period"),
		rb.money("Invoiced"), rb.money("Collected"), rb.money("Outstanding"), rb.money("Overpaid (credit)"),
		model.CountCol("Invoices"), model.CountCol("Paying clients"), rb.money("Average invoice"),
		model.PercentCol("Invoiced change"), model.PercentCol("Collected change"),
		model.PercentCol("Outstanding change"), model.PercentCol("Invoices change"),
		model.PercentCol("Paying clients change"), model.PercentCol("Average invoice change"))
	for _, cs := range sum.Currencies {
		c := cs.Current
		rows := []struct {
			label string
			f     Figures
		}{{"This period", c}, {"Previous period", cs.Previous}, {"Same period a year earlier", cs.YearEarlier}}
		for i, row := range rows {
			f := row.f
			vals := []model.Value{model.Text(cs.Currency), model.Text(row.label), model.Text(f.Period.Label),
				money(f.Invoiced), money(f.Collected), money(f.Outstanding), money(f.Overpaid),
				count(f.InvoiceCount), count(f.PayingClients), money(f.AverageInvoice)}
			if i == 0 {
				vals = append(vals, make([]model.Value, 6)...)
			} else {
				vals = append(vals, change(c.Invoiced, f.Invoiced), change(c.Collected, f.Collected),
					change(c.Outstanding, f.Outstanding),
					change(decimal.NewFromInt(int64(c.InvoiceCount)), decimal.NewFromInt(int64(f.InvoiceCount))),
					change(decimal.NewFromInt(int64(c.PayingClients)), decimal.NewFromInt(int64(f.PayingClients))),
					change(c.AverageInvoice, f.AverageInvoice))
			}
			s.AddRow(vals...)
		}
	}
}

// trendSheet is the last 12 months ending at the period's end, invoiced and
// collected per currency in their own columns. The Summary sheet shows them
// as one native chart per currency.
func (rb *reportBuilder) trendSheet() {
	cols := []model.Column{model.TextCol("Month")}
	for _, cur := range rb.b.currencies {
		cols = append(cols, model.MoneyCol("Invoiced "+cur, cur), model.MoneyCol("Collected "+cur, cur))
	}
	s := rb.r.AddSheet(SheetTrend, cols...)
	for _, m := range (months{first: rb.run.shift(rb.run.n - 12).first, n: 12}).list() {
		vals := []model.Value{model.Text(m.Label)}
		for _, cur := range rb.b.currencies {
			f := rb.fig(cur, m)
			vals = append(vals, money(f.Invoiced), money(f.Collected))
		}
		s.AddRow(vals...)
	}
	summary := rb.r.Sheets[0]
	for _, cur := range rb.b.currencies {
		summary.Charts = append(summary.Charts, model.Chart{Kind: model.ChartColumn,
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
	return months{first: rb.run.shift(rb.run.n - n).first, n: n}.list()
}

func (rb *reportBuilder) monthlySheet() {
	s := rb.r.AddSheet(SheetMonthly, model.TextCol("Month"), model.TextCol("Currency"),
		rb.money("Invoiced"), rb.money("Subtotal"), rb.money("Tax"), rb.money("Collected"),
		rb.money("Outstanding at month end"), model.CountCol("Invoices"))
	for _, cur := range rb.b.currencies {
		for _, m := range rb.trendMonths() {
			f := rb.fig(cur, m)
			s.AddRow(model.Text(m.Label), model.Text(cur), money(f.Invoiced), money(f.Subtotal), money(f.Tax),
				money(f.Collected), money(f.Outstanding), count(f.InvoiceCount))
		}
	}
}

// inPeriod returns the indexes of cur's entries dated in the report period.
func (rb *reportBuilder) inPeriod(cur string) []int {
	p := rb.run.period()
	var out []int
	for _, i := range rb.b.byCurrency[cur] {
		if p.Contains(rb.b.entries[i].inv.DateOf) {
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
	s := rb.r.AddSheet(SheetByCoach, cols...)
	for _, cur := range rb.b.currencies {
		ct := model.Pivot(rb.inPeriod(cur), labels,
			func(i int) string { return rb.b.entries[i].coach },
			func(i int) string { return model.Month(rb.b.entries[i].inv.DateOf, rb.b.loc).Label },
			func(i int) decimal.Decimal { return rb.b.entries[i].inv.Amount })
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

// recipientRow accumulates one recipient's figures in one currency.
type recipientRow struct {
	key, name, coach string
	listed           bool
	invoiced         decimal.Decimal
	collected        decimal.Decimal
	outstanding      decimal.Decimal
	credit           decimal.Decimal
	invoices         int
	aging            [5]decimal.Decimal
}

// recipients returns cur's recipients with any invoice, payment, balance or
// credit in or at the end of the report period, sorted by name then key.
func (rb *reportBuilder) recipients(cur string) []*recipientRow {
	p := rb.run.period()
	y, m, d := p.End.In(rb.b.loc).Date()
	asOf := time.Date(y, m, d-1, 0, 0, 0, 0, rb.b.loc) // the period's last day
	byKey := map[string]*recipientRow{}
	var out []*recipientRow
	for _, i := range rb.b.byCurrency[cur] {
		e := &rb.b.entries[i]
		r := byKey[e.recipient]
		if r == nil {
			r = &recipientRow{key: e.recipient, name: e.name, coach: e.coach}
			byKey[e.recipient] = r
		}
		if e.inv.DateOf.Before(p.End) {
			r.coach = e.coach // entries are by date: the latest invoice's coach wins
		}
		active := false
		if p.Contains(e.inv.DateOf) {
			r.invoiced = r.invoiced.Add(e.inv.Amount)
			r.invoices++
			active = true
		}
		for j := range e.inv.Payments {
			if pay := &e.inv.Payments[j]; p.Contains(pay.DatePaid) {
				r.collected = r.collected.Add(pay.Amount)
				active = true
			}
		}
		o, c := e.balanceAt(p.End)
		if !o.IsZero() {
			due := e.inv.DateDue
			if due.IsZero() {
				due = e.inv.DateOf
			}
			k := agingBucket(due, asOf)
			r.aging[k] = r.aging[k].Add(o)
			r.outstanding = r.outstanding.Add(o)
			active = true
		}
		if !c.IsZero() {
			r.credit = r.credit.Add(c)
			active = true
		}
		if active && !r.listed {
			r.listed = true
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b *recipientRow) int { return cmp.Or(cmp.Compare(a.name, b.name), cmp.Compare(a.key, b.key)) })
	return out
}

func (rb *reportBuilder) byClientSheet() {
	s := rb.r.AddSheet(SheetByClient, model.TextCol("Client"), model.TextCol("Coach"), model.TextCol("Currency"),
		rb.money("Invoiced"), rb.money("Collected"), rb.money("Outstanding"), rb.money("Overpaid (credit)"),
		model.CountCol("Invoices"))
	for _, cur := range rb.b.currencies {
		var t recipientRow
		for _, r := range rb.recipients(cur) {
			s.AddRow(model.Text(r.name), model.Text(r.coach), model.Text(cur), money(r.invoiced), money(r.collected),
				money(r.outstanding), money(r.credit), count(r.invoices))
			t.invoiced, t.collected = t.invoiced.Add(r.invoiced), t.collected.Add(r.collected)
			t.outstanding, t.credit = t.outstanding.Add(r.outstanding), t.credit.Add(r.credit)
			t.invoices += r.invoices
		}
		rb.total(s, model.Text("Total"), model.Value{}, model.Text(cur), money(t.invoiced), money(t.collected),
			money(t.outstanding), money(t.credit), count(t.invoices))
	}
}

func (rb *reportBuilder) agingSheet() {
	names := agingNames()
	cols := []model.Column{model.TextCol("Client"), model.TextCol("Currency")}
	for _, n := range names {
		cols = append(cols, rb.money(n))
	}
	cols = append(cols, rb.money("Total outstanding"), rb.money("Overpaid (credit)"))
	s := rb.r.AddSheet(SheetAging, cols...)
	for _, cur := range rb.b.currencies {
		var t recipientRow
		for _, r := range rb.recipients(cur) {
			if r.outstanding.IsZero() && r.credit.IsZero() {
				continue
			}
			vals := []model.Value{model.Text(r.name), model.Text(cur)}
			for k := range names {
				vals = append(vals, money(r.aging[k]))
				t.aging[k] = t.aging[k].Add(r.aging[k])
			}
			s.AddRow(append(vals, money(r.outstanding), money(r.credit))...)
			t.outstanding, t.credit = t.outstanding.Add(r.outstanding), t.credit.Add(r.credit)
		}
		vals := []model.Value{model.Text("Total"), model.Text(cur)}
		for k := range names {
			vals = append(vals, money(t.aging[k]))
		}
		rb.total(s, append(vals, money(t.outstanding), money(t.credit))...)
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
	s := rb.r.AddSheet(name, model.TextCol(labelCol), model.TextCol("Currency"), model.CountCol("Count"), rb.money("Amount"))
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
		for _, i := range rb.inPeriod(cur) {
			for _, li := range rb.b.entries[i].inv.LineItems {
				add(li.Item, li.Amount)
			}
		}
	})
}

func (rb *reportBuilder) paymentsSheet() {
	p := rb.run.period()
	rb.tallySheet(SheetPayments, "Method", func(cur string, add func(string, decimal.Decimal)) {
		for _, i := range rb.b.byCurrency[cur] {
			for _, pay := range rb.b.entries[i].inv.Payments {
				if p.Contains(pay.DatePaid) {
					add(cmp.Or(pay.Method, "(none)"), pay.Amount)
				}
			}
		}
	})
}
