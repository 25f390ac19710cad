package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/careport/careport/reports/model"
	"github.com/careport/careport/reports/revenue"
)

// printHeadlines prints the period's headline figures per currency, each
// against the previous period and the same period a year earlier.
func printHeadlines(w io.Writer, s *revenue.Summary) {
	if s == nil || len(s.Currencies) == 0 {
		fmt.Fprintln(w, "  no invoices or payments in the period")
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "  \tcurrency\tthis period\tprevious\ta year earlier\t\n")
	for _, c := range s.Currencies {
		digits := model.CurrencyDigits(c.Currency)
		money := func(label string, f func(revenue.Figures) string) {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t\n", label, c.Currency, f(c.Current), f(c.Previous), f(c.YearEarlier))
		}
		money("Invoiced", func(f revenue.Figures) string { return f.Invoiced.StringFixed(digits) })
		money("Collected", func(f revenue.Figures) string { return f.Collected.StringFixed(digits) })
		money("Outstanding at end", func(f revenue.Figures) string { return f.Outstanding.StringFixed(digits) })
		money("Invoices", func(f revenue.Figures) string { return fmt.Sprint(f.InvoiceCount) })
		money("Paying clients", func(f revenue.Figures) string { return fmt.Sprint(f.PayingClients) })
		money("Average invoice", func(f revenue.Figures) string { return f.AverageInvoice.StringFixed(digits) })
	}
	tw.Flush()
}
