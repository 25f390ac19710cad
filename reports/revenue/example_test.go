package revenue_test

import (
	"fmt"
	"time"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/reports/model"
	"github.com/careport/careport/reports/revenue"
	"github.com/shopspring/decimal"
)

// ExampleBuild builds the report of October 2026 from two invoices held in
// memory (Fetch would read them from the API or a snapshot) and prints the
// headline figures per currency.
func ExampleBuild() {
	loc, _ := time.LoadLocation("America/New_York")
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, loc) }
	data := &revenue.Data{
		Location: loc,
		Coaches:  []fetch.Coach{{ID: 1, FirstName: "Olivia", LastName: "Owner"}},
		Clients:  []fetch.ClientRecord{{ID: 10, CoachID: 1, FirstName: "Ava", LastName: "Chen"}},
		Invoices: []fetch.Invoice{
			{ID: 1, InvoiceNumber: "1001", DateOf: day(10, 5), DateDue: day(10, 19), Currency: "USD",
				Amount: decimal.RequireFromString("107.50"), ClientID: 10,
				LineItems: []fetch.LineItem{{Item: "Coaching", Amount: decimal.RequireFromString("100")}},
				Payments: []fetch.InvoicePayment{
					{DatePaid: day(10, 31).Add(23*time.Hour + 59*time.Minute), Amount: decimal.RequireFromString("50"), Method: "Cash"},
					{DatePaid: day(11, 2), Amount: decimal.RequireFromString("57.50"), Method: "Cash"},
				}},
			{ID: 2, InvoiceNumber: "A1002", DateOf: day(9, 28), DateDue: day(10, 12), Currency: "EUR",
				Amount: decimal.RequireFromString("200"), ClientID: 10,
				LineItems: []fetch.LineItem{{Item: "Workshop", Amount: decimal.RequireFromString("200")}},
				Payments:  []fetch.InvoicePayment{{DatePaid: day(10, 3), Amount: decimal.RequireFromString("250"), Method: "Bank Transfer"}}},
		},
	}
	oct := model.Month(day(10, 1), loc)
	_, sum, err := revenue.Build(data, revenue.Options{From: oct, To: oct})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range sum.Currencies {
		f := c.Current
		fmt.Printf("%s %s: invoiced %s, collected %s, outstanding %s, credit %s, invoices %d\n", c.Currency,
			f.Period.Label, f.Invoiced.StringFixed(2), f.Collected.StringFixed(2), f.Outstanding.StringFixed(2),
			f.Overpaid.StringFixed(2), f.InvoiceCount)
	}
	// Output:
	// EUR 2026-10: invoiced 0.00, collected 250.00, outstanding 0.00, credit 50.00, invoices 0
	// USD 2026-10: invoiced 107.50, collected 50.00, outstanding 57.50, credit 0.00, invoices 1
}
