package revenue

import (
	"fmt"
	"strings"

	"github.com/careport/careport/reports/model"
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
	asOf := nanos(rb.run.period().End)
	for _, cur := range curs {
		name := SheetInvoices
		if len(curs) > 1 {
			name += " " + cur
		}
		l := rb.b.ledgers[cur]
		if l == nil {
			l = &ledger{code: cur}
		}
		idx := rb.b.byNumber(rb.inPeriod(cur))
		s := rb.r.AddSheet(name, model.TextCol("Number"), model.TextCol("Type"), model.DateCol("Date"), model.DateCol("Due"),
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
			out, _, _ := e.balanceAt(asOf)
			dst[0] = model.Text(e.inv.InvoiceNumber)
			dst[1] = model.Text(e.kind())
			dst[2] = model.DateOf(e.inv.DateOf.In(loc))
			dst[3] = model.Value{}
			if !e.inv.DateDue.IsZero() {
				dst[3] = model.DateOf(e.inv.DateDue.In(loc))
			}
			dst[4] = model.Text(monthLabel(e.inv.DateOf, loc))
			dst[5] = model.Text(e.name)
			dst[6] = model.Text(e.coach)
			dst[7] = model.Text(e.inv.Currency)
			dst[8] = money(l.dec(e.subtotal))
			dst[9] = money(l.dec(e.tax))
			dst[10] = money(e.inv.Amount)
			dst[11] = money(l.dec(e.paidBefore(asOf)))
			dst[12] = money(l.dec(out))
			return nil
		}}
		var sub, tax, amt, paid, out int64
		invoices, notes := 0, 0
		for _, i := range idx {
			e := &entries[i]
			o, _, _ := e.balanceAt(asOf)
			sub, tax, amt = sub+e.subtotal, tax+e.tax, amt+e.amount
			paid, out = paid+e.paidBefore(asOf), out+o
			if e.creditNote() {
				notes++
			} else {
				invoices++
			}
		}
		label := model.Count(invoices, "invoice", "invoices")
		if notes > 0 {
			label += ", " + model.Count(notes, "credit note", "credit notes")
		}
		s.SetTotals(model.Text("Total"), model.Value{}, model.Value{}, model.Value{}, model.Value{},
			model.Text(label), model.Value{}, model.Text(cur),
			money(l.dec(sub)), money(l.dec(tax)), money(l.dec(amt)), money(l.dec(paid)), money(l.dec(out)))
		// An Excel table over the ledger rows; the totals row stays below it.
		s.Formatting().Table = true
		if len(idx) > 0 {
			s.Pivot = &model.PivotSpec{Name: strings.Replace(name, "Invoices", "Invoice pivot", 1),
				Rows: "Month", Columns: "Coach", Data: "Amount", Summarize: model.SummarizeSum}
			s.Formatting().PivotCaption = "Sum of the invoice amounts (credit notes included) by month and coach, from the " + name + " sheet."
			if rb.run.n == 1 {
				// One month: the pivot is a single row, amount by coach,
				// which By coach shows.
				s.Formatting().OmitPivot = "the report covers one month"
			}
		}
	}
}
