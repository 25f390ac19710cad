package html

import (
	"fmt"
	"time"

	"github.com/careport/careport/reports/model"
	"github.com/shopspring/decimal"
)

// Hostile text, as a client or coach might be named in the account: it
// must show as text and run nothing, wherever it lands on the page.
const (
	hostileScript = `</script><script>alert(1)</script>`
	hostileImg    = `<img src=x onerror=alert(1)>`
	hostileFunc   = `__f__function(){alert(1)}__f__`
)

// testReport is a report with every part the page shows: KPIs of each
// type (one unknown), a warning, filters, charts of every kind, a sheet of
// hostile names, a sheet with per-row currencies, block totals and
// conditional formats, a row-source ledger of ledgerRows rows, notes.
func testReport(ledgerRows int) *model.Report {
	loc, _ := time.LoadLocation("America/New_York")
	per := model.NewPeriod(model.UnitMonth, model.CivilDate{Year: 2026, Month: 10, Day: 1}, loc)
	r := &model.Report{
		Name: "revenue", Title: "Monthly revenue " + hostileImg, Account: "Acme Coaching " + hostileScript,
		Period: per, Previous: per.Prev(), YearEarlier: per.YearEarlier(),
		Filters:     []model.KeyValue{{Key: "Coach", Value: "Ann " + hostileFunc + " (7)"}},
		Warnings:    []string{"A warning naming " + hostileScript},
		Timezone:    "America/New_York",
		GeneratedAt: time.Date(2026, 11, 2, 9, 30, 0, 0, loc),
		DataTime:    time.Date(2026, 11, 2, 9, 0, 0, 0, loc),
	}
	r.KPIs = []model.KPI{
		{Name: "Invoiced", Group: "USD", Type: model.ColMoney, Currency: "USD",
			Current: model.MoneyMinor(1234567, 2), Previous: model.MoneyMinor(1000000, 2), YearEarlier: model.MoneyMinor(1500000, 2),
			Better: model.BetterUp, Definition: "Sum of invoice totals " + hostileImg},
		{Name: "Outstanding", Group: "USD", Type: model.ColMoney, Currency: "USD",
			Current: model.MoneyMinor(50000, 2), Previous: model.MoneyMinor(40000, 2), Better: model.BetterDown},
		{Name: "Collected share", Group: "", Type: model.ColPercent,
			Current: model.Percent(0.5), Previous: model.Percent(0.4), YearEarlier: model.Percent(0.55), Better: model.BetterUp},
		{Name: "Invoices " + hostileScript, Group: "", Type: model.ColCount,
			Current: model.Int(1200), Previous: model.Int(1200), Better: model.BetterNeutral},
	}
	trend := r.AddSheet("Trend "+hostileScript, model.TextCol("Month"),
		model.MoneyCol("Invoiced USD", "USD"), model.MoneyCol("Collected USD", "USD"), model.PercentCol("Share "+hostileImg))
	for m := 1; m <= 12; m++ {
		share := model.Percent(float64(m) / 20)
		if m == 3 {
			share = model.Value{} // not known: empty, not zero
		}
		trend.AddRow(model.Text(fmt.Sprintf("2026-%02d", m)), model.MoneyMinor(int64(m)*100000, 2), model.MoneyMinor(int64(m)*80000, 2), share)
	}
	r.Charts = []model.Chart{
		{Kind: model.ChartColumn, Title: "Invoiced vs collected " + hostileScript, Category: "Month",
			Values: []string{"Invoiced USD", "Collected USD"}, Data: trend.Name},
		{Kind: model.ChartLine, Title: "Share", Category: "Month", Values: []string{"Share " + hostileImg}, Data: trend.Name},
	}
	clients := r.AddSheet("Clients "+hostileImg, model.TextCol("Client"), model.TextCol("Currency"),
		model.MoneyCol("Amount", ""), model.CountCol("Invoices"), model.NumberCol("Rating"), model.DateCol("First"), model.DateTimeCol("Last"))
	names := []string{hostileScript, hostileImg, hostileFunc, "{a|b} {c}", "Zoë & Co", "Plain"}
	for i, n := range names {
		cur := []string{"USD", "EUR", "JPY"}[i%3]
		rating := model.Number(decimal.RequireFromString("72.125"))
		if i == 1 {
			rating = model.Value{}
		}
		clients.AddRow(model.Text(n), model.Text(cur), model.MoneyMinor(int64(i+1)*-12345, 2), model.Int(int64(i)),
			rating, model.Date(2026, 10, i+1), model.DateTime(time.Date(2026, 10, i+1, 13, 5, 9, 0, loc)))
	}
	clients.AddTotalRow(model.Text("Total USD"), model.Text("USD"), model.MoneyMinor(-99999, 2), model.Int(9), model.Value{}, model.Value{}, model.Value{})
	f := clients.Formatting()
	f.CurrencyColumn = "Currency"
	f.Conditional = []model.CondFormat{
		{Column: "Amount", Kind: model.DataBar, Better: model.BetterUp},
		{Column: "Invoices", Kind: model.ColourScale, Better: model.BetterDown},
		{Column: "Rating", Kind: model.SignColours, Better: model.BetterUp},
	}
	clients.Charts = []model.Chart{
		{Kind: model.ChartBar, Title: "Invoices by client", Category: "Client", Values: []string{"Invoices"}},
		{Kind: model.ChartPie, Title: "Invoices share " + hostileFunc, Category: "Client", Values: []string{"Invoices"}},
	}
	ledger := r.AddSheet("Ledger", model.IntCol("Invoice"), model.TextCol("Client"), model.MoneyCol("Total", "USD"))
	ledger.Source = model.RowFunc{N: ledgerRows, Fill: func(i int, dst model.Row) error {
		dst[0] = model.Int(int64(100000 + i))
		dst[1] = model.Text(names[i%len(names)])
		dst[2] = model.MoneyMinor(int64(i)*101, 2)
		return nil
	}}
	ledger.SetTotals(model.Value{}, model.Text("Total"), model.MoneyMinor(int64(ledgerRows)*(int64(ledgerRows)-1)/2*101, 2))
	r.Notes = []model.Note{{Heading: "Definitions " + hostileScript, Paragraphs: []string{"Invoiced is " + hostileImg},
		Items: []model.KeyValue{{Key: hostileFunc, Value: "value " + hostileScript}}}}
	return r
}
