package engagements

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/reports/model"
	"github.com/shopspring/decimal"
)

// openInvoice is an invoice with a balance at the report moment.
type openInvoice struct {
	inv     *fetch.Invoice
	balance decimal.Decimal
}

// openInvoices returns the invoices of e's client (or, for a company
// engagement, of its company) dated by the report moment that still had a
// balance then: amount minus the payments made before it, above zero. A
// credit note is never open.
func (b *builder) openInvoices(e *eng) []openInvoice {
	if b.invoicesOf == nil {
		b.invoicesOf = map[int][]*fetch.Invoice{}
		for i := range b.d.Invoices {
			inv := &b.d.Invoices[i]
			k := inv.ClientID
			if k == 0 {
				k = -inv.CompanyID
			}
			b.invoicesOf[k] = append(b.invoicesOf[k], inv)
		}
	}
	k := e.e.ClientID
	if e.company {
		k = -e.e.CompanyID
	}
	var out []openInvoice
	for _, inv := range b.invoicesOf[k] {
		if inv.DateOf.IsZero() || !inv.DateOf.Before(b.t) || inv.Amount.Sign() <= 0 {
			continue
		}
		bal := inv.Amount
		for _, p := range inv.Payments {
			if p.DatePaid.Before(b.t) {
				bal = bal.Sub(p.Amount)
			}
		}
		if bal.Sign() > 0 {
			out = append(out, openInvoice{inv, bal})
		}
	}
	slices.SortFunc(out, func(x, y openInvoice) int {
		return cmp.Or(x.inv.DateOf.Compare(y.inv.DateOf), strings.Compare(x.inv.InvoiceNumber, y.inv.InvoiceNumber), cmp.Compare(x.inv.ID, y.inv.ID))
	})
	return out
}

// followOn returns the first engagement of e's client (or company), by
// start date, that starts after e, is not canceled and had been added by
// time t; nil if none.
func (b *builder) followOn(e *eng, t time.Time) *eng {
	var best *eng
	for _, o := range b.all {
		switch {
		case o == e, o.company != e.company, o.e.ClientID != e.e.ClientID, o.e.CompanyID != e.e.CompanyID,
			o.e.IsCanceled, !o.start.After(e.start), !o.e.DateAdded.IsZero() && !o.e.DateAdded.Before(t):
			continue
		}
		if best == nil || o.start.Before(best.start) || (o.start == best.start && o.e.ID < best.e.ID) {
			best = o
		}
	}
	return best
}

// renewal is one row of the Renewals sheet.
type renewal struct {
	v    *view
	days int
}

// renewals returns the engagements ending within the longest renewal
// window of the report day, by end date, name and ID.
func (b *builder) renewals() []renewal {
	var out []renewal
	for _, e := range b.scope {
		if days, ok := b.renewalDays(e, b.t); ok {
			out = append(out, renewal{b.view(e, b.t), days})
		}
	}
	slices.SortFunc(out, func(x, y renewal) int {
		return cmp.Or(x.v.e.end.Compare(y.v.e.end), strings.Compare(x.v.e.name, y.v.e.name), cmp.Compare(x.v.e.e.ID, y.v.e.e.ID))
	})
	return out
}

// window names the renewal window days falls in.
func window(days int) string {
	for _, w := range renewalWindows {
		if days <= w {
			return fmt.Sprintf("within %d days", w)
		}
	}
	return ""
}

// renewalsSheet lists the engagements ending on the report day or within
// 90 days of it, with their use, the open invoices and next invoice date,
// and any follow-on engagement.
func (b *builder) renewalsSheet() {
	s := b.r.AddSheet(SheetRenewals, model.TextCol("Due"), model.CountCol("Days left"), model.TextCol("Client or company"),
		model.TextCol("Managing coach"), model.TextCol("Engagement"), model.IntCol("ID"), model.DateCol("End"),
		model.TextCol("Units"), model.NumberCol("Allocation"), model.NumberCol("Used"), model.NumberCol("Remaining"),
		model.PercentCol("Used %"), model.CountCol("Open invoices"), model.MoneyCol("Open balance", ""),
		model.TextCol("Currency"), model.TextCol("Open invoice list"), model.DateCol("Next invoice date"),
		model.TextCol("Follow-on engagement"), model.DateCol("Follow-on start"))
	s.Formatting().CurrencyColumn = "Currency"
	for _, r := range b.renewals() {
		v, e := r.v, r.v.e
		open := b.openInvoices(e)
		var list []string
		curs := map[string]bool{}
		sum := decimal.Zero
		for _, o := range open {
			list = append(list, fmt.Sprintf("%s (%s %s, dated %s)", cmp.Or(o.inv.InvoiceNumber, "ID "+itoa(o.inv.ID)),
				o.inv.Currency, o.balance.StringFixed(model.CurrencyDigits(o.inv.Currency)), civil(o.inv.DateOf, b.loc)))
			curs[o.inv.Currency] = true
			sum = sum.Add(o.balance)
		}
		balance, cur := model.Value{}, ""
		if len(curs) == 1 {
			cur = open[0].inv.Currency
			balance = model.MoneyDecimal(sum)
		}
		fo, foName, foStart := b.followOn(e, b.t), model.Value{}, model.Value{}
		if fo != nil {
			foName, foStart = model.Text(fmt.Sprintf("%s (ID %d)", fo.e.Name, fo.e.ID)), date(fo.start)
		}
		s.AddRow(model.Text(window(r.days)), count(r.days), model.Text(e.name), model.Text(e.coach), model.Text(e.e.Name),
			count(e.e.ID), date(e.end), model.Text(e.unitsName()), e.allocCell(), v.usedCell(), v.remainingCell(),
			v.pctUsedKnown(), count(len(open)), balance, model.Text(cur), model.Text(strings.Join(list, "; ")),
			date(civil(e.e.NextInvoiceDate, b.loc)), foName, foStart)
	}
}
