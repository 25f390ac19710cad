package xlsx

import (
	"fmt"
	"time"

	"github.com/careport/careport/reports/model"
)

// packReport is a realistic monthly pack exercising the presentation
// features: KPIs in four currencies (2, 2, 0 and 3 decimals), front-page
// charts of a trend sheet, a multi-currency sheet with per-row currency and
// block totals, conditional formats, an Excel table over the ledger, a
// pivot, filters and notes.
func packReport(ledgerRows int) *model.Report {
	ny, _ := time.LoadLocation("America/New_York")
	gen := time.Date(2026, 11, 2, 9, 30, 0, 0, ny)
	oct := model.Month(time.Date(2026, 10, 5, 0, 0, 0, 0, ny), ny)
	r := &model.Report{
		Name: "revenue", Title: "Monthly revenue", Account: "Acme Coaching",
		Period: oct, Previous: oct.Prev(), YearEarlier: oct.YearEarlier(),
		Filters:  []model.KeyValue{{Key: "Coach", Value: "Ann Lee (7)"}},
		Warnings: []string{"The period 2026-10 had not ended when the data was fetched (2026-10-30 09:00, America/New_York); its figures are as of then."},
		Timezone: "America/New_York", GeneratedAt: gen, DataTime: gen.Add(-5 * time.Minute),
		Notes: []model.Note{{Heading: "Definitions", Paragraphs: []string{"Invoiced is the total of invoices dated in the period."}}},
	}
	type cur struct {
		code   string
		scale  int32
		factor int64
	}
	curs := []cur{{"USD", 2, 1}, {"EUR", 2, 1}, {"JPY", 0, 1}, {"KWD", 3, 10}}
	for i, c := range curs {
		m := func(n int64) model.Value { return model.MoneyMinor(n*c.factor, c.scale) }
		r.KPIs = append(r.KPIs,
			model.KPI{Name: "Invoiced", Group: c.code, Type: model.ColMoney, Currency: c.code,
				Current: m(int64(1234500 + i*1000)), Previous: m(1100000), YearEarlier: m(1300000),
				Definition: "Total of invoices dated in the period."},
			model.KPI{Name: "Outstanding", Group: c.code, Type: model.ColMoney, Currency: c.code, Better: model.BetterDown,
				Current: m(250000), Previous: m(200000), YearEarlier: m(300000),
				Definition: "Invoiced and not yet collected at the period end."},
			model.KPI{Name: "Invoices", Group: c.code, Type: model.ColCount,
				Current: model.Int(42), Previous: model.Int(40), YearEarlier: model.Value{},
				Definition: "Invoices dated in the period, credit notes excluded."},
			model.KPI{Name: "Collected share", Group: c.code, Type: model.ColPercent,
				Current: model.Percent(0.82), Previous: model.Percent(0.9), YearEarlier: model.Percent(0.82),
				Definition: "Collected divided by invoiced."},
		)
	}
	r.KPIs = append(r.KPIs, model.KPI{Name: "Active clients", Type: model.ColCount, Better: model.BetterNeutral,
		Current: model.Int(31), Previous: model.Int(29), YearEarlier: model.Int(35), Definition: "Clients with an invoice in the period."})

	trendCols := []model.Column{model.TextCol("Month")}
	for _, c := range curs {
		trendCols = append(trendCols, model.MoneyCol("Invoiced "+c.code, c.code), model.MoneyCol("Collected "+c.code, c.code))
	}
	trend := r.AddSheet("Trend", trendCols...)
	for i, p := range model.Months(oct.Start.AddDate(-1, 1, 0), oct.End, ny) {
		vals := []model.Value{model.Text(p.Label)}
		for _, c := range curs {
			vals = append(vals, model.MoneyMinor(int64(900000+i*25000)*c.factor, c.scale), model.MoneyMinor(int64(800000+i*20000)*c.factor, c.scale))
		}
		trend.AddRow(vals...)
	}
	for _, c := range curs {
		r.Charts = append(r.Charts, model.Chart{Kind: model.ChartColumn, Title: "Invoiced vs collected, last 12 months (" + c.code + ")",
			Category: "Month", Values: []string{"Invoiced " + c.code, "Collected " + c.code}, Data: "Trend"})
	}

	aging := r.AddSheet("AR aging", model.TextCol("Currency"), model.TextCol("Client"),
		model.MoneyCol("Current", ""), model.MoneyCol("1-30 days", ""), model.MoneyCol("31-60 days", ""),
		model.MoneyCol("Over 60 days", ""), model.MoneyCol("Total", ""))
	f := aging.Formatting()
	f.CurrencyColumn = "Currency"
	f.Conditional = []model.CondFormat{
		{Column: "1-30 days", Kind: model.ColourScale, Colour: "FFE699"},
		{Column: "31-60 days", Kind: model.ColourScale, Colour: "F4B183"},
		{Column: "Over 60 days", Kind: model.ColourScale, Better: model.BetterDown},
		{Column: "Total", Kind: model.DataBar},
	}
	for _, c := range curs {
		var tot [5]int64
		for j, client := range []string{"Birch & Co", "Cedar LLC"} {
			v := []int64{int64(10000 + j*500), int64(5000 * j), 2500, int64(700 * (j + 1))}
			v = append(v, v[0]+v[1]+v[2]+v[3])
			row := []model.Value{model.Text(c.code), model.Text(client)}
			for k, x := range v {
				tot[k] += x
				row = append(row, model.MoneyMinor(x*c.factor, c.scale))
			}
			aging.AddRow(row...)
		}
		row := []model.Value{model.Text(c.code), model.Text("Total " + c.code)}
		for _, x := range tot {
			row = append(row, model.MoneyMinor(x*c.factor, c.scale))
		}
		aging.AddTotalRow(row...)
	}

	coach := r.AddSheet("By coach", model.TextCol("Coach"), model.MoneyCol("Invoiced", "USD"),
		model.MoneyCol("Previous", "USD"), model.PercentCol("Change"), model.CountCol("Invoices"))
	coach.Formatting().Conditional = []model.CondFormat{{Column: "Change", Kind: model.SignColours, Better: model.BetterUp}}
	for i, name := range []string{"Ann Lee", "Bo Kim", "Cy Ortiz"} {
		cur, prev := int64(500000-i*150000), int64(400000)
		coach.AddRow(model.Text(name), model.MoneyMinor(cur, 2), model.MoneyMinor(prev, 2),
			model.Percent(float64(cur-prev)/float64(prev)), model.Int(int64(10+i)))
	}
	coach.SetTotals(model.Text("Total"), model.MoneyMinor(1050000, 2), model.MoneyMinor(1200000, 2),
		model.Percent(-0.125), model.Int(33))

	inv := r.AddSheet("Invoices", ledgerColumns()...)
	inv.Source = ledgerSource(ledgerRows, invoiceNumbers(7))
	inv.Formatting().Table = true
	inv.Pivot = &model.PivotSpec{Rows: "Client", Columns: "Coach", Data: "Amount", Summarize: model.SummarizeSum}
	var total int64
	for i := range ledgerRows {
		total += makeLedgerRow(i, invoiceNumbers(7)).amount
	}
	inv.SetTotals(model.Value{}, model.Text(model.Count(ledgerRows, "invoice", "invoices")), model.Value{}, model.Value{},
		model.Value{}, model.Value{}, model.Value{}, model.MoneyMinor(total, 2), model.Value{}, model.Value{})

	pay := r.AddSheet("Payments", model.TextCol("Month"), model.MoneyCol("Collected", "USD"))
	pay.AddRow(model.Text(oct.Label), model.MoneyMinor(1000, 2))
	pay.Pivot = &model.PivotSpec{Rows: "Month", Data: "Collected"}
	pay.Formatting().OmitPivot = fmt.Sprintf("the report covers one month (%s), so the pivot would repeat the sheet", oct.Label)
	return r
}
