package xlsx

import (
	"fmt"
	"time"

	"github.com/careport/careport/reports/model"
)

// ledgerColumns are the 10 columns of the invoice ledger used by tests and
// benchmarks.
func ledgerColumns() []model.Column {
	return []model.Column{
		model.IntCol("ID"),
		model.TextCol("Number"),
		model.TextCol("Client"),
		model.TextCol("Coach"),
		model.DateCol("Date"),
		model.DateCol("Due"),
		model.TextCol("Currency"),
		model.MoneyCol("Amount", "USD"),
		model.MoneyCol("Paid", "USD"),
		model.MoneyCol("Outstanding", "USD"),
	}
}

// ledgerRow computes ledger row i deterministically; amounts are in cents.
type ledgerRow struct {
	id                        int64
	number, client, coach     string
	date, due                 time.Time
	amount, paid, outstanding int64
}

func testClient(i int) string {
	return [...]string{"Acme Coaching", "Birch & Co", "Cedar LLC", "Delta Partners", "Elm Studio"}[i%5]
}

func testCoach(i int) string { return [...]string{"Ann Lee", "Bo Kim", "Cy Ortiz"}[i%3] }

func makeLedgerRow(i int, numbers []string) ledgerRow {
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	amount := int64(10000 + (i*7919)%90000)
	paid := amount
	if i%3 == 0 {
		paid = amount / 2
	}
	d := base.AddDate(0, 0, i%300)
	return ledgerRow{
		id:          int64(i + 1),
		number:      numbers[i%len(numbers)],
		client:      testClient(i),
		coach:       testCoach(i),
		date:        d,
		due:         d.AddDate(0, 0, 30),
		amount:      amount,
		paid:        paid,
		outstanding: amount - paid,
	}
}

// invoiceNumbers precomputes n invoice numbers so row generation does not
// allocate differently in the renderer and the baseline.
func invoiceNumbers(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("INV-%06d", i+1)
	}
	return out
}

// ledgerSource is a RowSource of n generated ledger rows.
func ledgerSource(n int, numbers []string) model.RowSource {
	return model.RowFunc{N: n, Fill: func(i int, dst model.Row) error {
		r := makeLedgerRow(i, numbers)
		dst[0] = model.Int(r.id)
		dst[1] = model.Text(r.number)
		dst[2] = model.Text(r.client)
		dst[3] = model.Text(r.coach)
		dst[4] = model.DateOf(r.date)
		dst[5] = model.DateOf(r.due)
		dst[6] = model.Text("USD")
		dst[7] = model.MoneyMinor(r.amount, 2)
		dst[8] = model.MoneyMinor(r.paid, 2)
		dst[9] = model.MoneyMinor(r.outstanding, 2)
		return nil
	}}
}

// testReport is a small report exercising every column type, totals, a
// chart, a pivot table and notes.
func testReport(ledgerRows int) *model.Report {
	ny, _ := time.LoadLocation("America/New_York")
	gen := time.Date(2026, 11, 2, 9, 30, 0, 0, ny)
	r := &model.Report{
		Title:       "Monthly revenue",
		Account:     "Acme Coaching",
		Period:      model.Month(time.Date(2026, 10, 5, 0, 0, 0, 0, ny), ny),
		Timezone:    "America/New_York",
		GeneratedAt: gen,
		DataTime:    gen.Add(-5 * time.Minute),
		Notes: []model.Note{{
			Heading:    "Definitions",
			Paragraphs: []string{"Invoiced is the total of invoices dated in the period."},
			Items:      []model.KeyValue{{Key: "Invoices", Value: "12"}},
		}},
	}
	rev := r.AddSheet("Revenue by month",
		model.TextCol("Month"),
		model.MoneyCol("Invoiced", "USD"),
		model.MoneyCol("Invoiced EUR", "EUR"),
		model.MoneyCol("Invoiced GBP", "GBP"),
		model.MoneyCol("Invoiced JPY", "JPY"),
		model.MoneyCol("Invoiced CHF", "CHF"),
		model.PercentCol("Collected"),
		model.CountCol("Invoices"),
		model.DateTimeCol("Last payment"),
	)
	for i, m := range []string{"2026-08", "2026-09", "2026-10"} {
		rev.AddRow(model.Text(m), model.MoneyMinor(int64(100000+i*2550), 2), model.MoneyMinor(int64(5000+i), 2),
			model.MoneyMinor(-1250, 2), model.MoneyMinor(int64(12000*(i+1)), 0), model.Value{},
			model.Percent(0.5+float64(i)/10), model.Int(int64(10+i)),
			model.DateTime(time.Date(2026, time.Month(8+i), 28, 14, 5, 6, 0, ny)))
	}
	rev.SetTotals(model.Text("Total"), model.MoneyMinor(307650, 2), model.MoneyMinor(15003, 2),
		model.MoneyMinor(-3750, 2), model.MoneyMinor(72000, 0), model.Value{}, model.Percent(0.6), model.Int(33), model.Value{})
	rev.Charts = []model.Chart{{Kind: model.ChartColumn, Title: "Invoiced by month", Category: "Month", Values: []string{"Invoiced"}}}
	inv := r.AddSheet("Invoices", ledgerColumns()...)
	inv.Source = ledgerSource(ledgerRows, invoiceNumbers(7))
	inv.Pivot = &model.PivotSpec{Rows: "Client", Columns: "Coach", Data: "Amount", Summarize: model.SummarizeSum}
	var total int64
	for i := range ledgerRows {
		total += makeLedgerRow(i, invoiceNumbers(7)).amount
	}
	inv.SetTotals(model.Value{}, model.Text("Total"), model.Value{}, model.Value{}, model.Value{}, model.Value{},
		model.Value{}, model.MoneyMinor(total, 2), model.Value{}, model.Value{})
	return r
}
