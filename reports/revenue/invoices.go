package revenue

import (
	"fmt"
	"strings"

	"github.com/careport/careport/reports/model"
	"github.com/shopspring/decimal"
)

// invoiceSheets adds the ledger of the invoices dated in the period: one
// sheet per currency (one "Invoices" sheet when there is a single currency),
// rows streamed from a RowSource, a totals row and a pivot of amount by
// month and coach.
func (rb *reportBuilder) invoiceSheets() {
	curs := rb.b.currencies
	if len(curs) == 0 {
		curs = []string{rb.o.Currency}
	}
	asOf := rb.run.period().End
	for _, cur := range curs {
		name := SheetInvoices
		if len(curs) > 1 {
			name += " " + cur
		}
		idx := rb.inPeriod(cur)
		s := rb.r.AddSheet(name, model.TextCol("Number"), model.DateCol("Date"), model.DateCol("Due"),
			model.TextCol("Month"), model.TextCol("Client"), model.TextCol("Coach"), model.TextCol("Currency"),
			model.MoneyCol("Subtotal", cur), model.MoneyCol("Tax", cur), model.MoneyCol("Amount", cur),
			model.MoneyCol("Paid to date", cur), model.MoneyCol("Outstanding", cur))
		entries := rb.b.entries
		loc := rb.b.loc
		s.Source = model.RowFunc{N: len(idx), Fill: func(i int, dst model.Row) error {
			if i < 0 || i >= len(idx) {
				return fmt.Errorf("invoice row %d of %d", i, len(idx))
			}
			e := &entries[idx[i]]
			paid := e.paidBefore(asOf)
			out, _ := e.balanceAt(asOf)
			dst[0] = model.Text(e.inv.InvoiceNumber)
			dst[1] = model.DateOf(e.inv.DateOf.In(loc))
			if !e.inv.DateDue.IsZero() {
				dst[2] = model.DateOf(e.inv.DateDue.In(loc))
			}
			dst[3] = model.Text(model.Month(e.inv.DateOf, loc).Label)
			dst[4] = model.Text(e.name)
			dst[5] = model.Text(e.coach)
			dst[6] = model.Text(e.inv.Currency)
			dst[7] = money(e.subtotal)
			dst[8] = money(e.tax)
			dst[9] = money(e.inv.Amount)
			dst[10] = money(paid)
			dst[11] = money(out)
			return nil
		}}
		var sub, tax, amt, paid, out decimal.Decimal
		for _, i := range idx {
			e := &entries[i]
			o, _ := e.balanceAt(asOf)
			sub, tax, amt = sub.Add(e.subtotal), tax.Add(e.tax), amt.Add(e.inv.Amount)
			paid, out = paid.Add(e.paidBefore(asOf)), out.Add(o)
		}
		s.SetTotals(model.Text("Total"), model.Value{}, model.Value{}, model.Value{},
			model.Text(fmt.Sprintf("%d invoices", len(idx))), model.Value{}, model.Text(cur),
			money(sub), money(tax), money(amt), money(paid), money(out))
		if len(idx) > 0 {
			s.Pivot = &model.PivotSpec{Name: strings.Replace(name, "Invoices", "Invoice pivot", 1),
				Rows: "Month", Columns: "Coach", Data: "Amount", Summarize: model.SummarizeSum}
		}
	}
}
