package revenue

import (
	"cmp"
	"slices"
	"strconv"
	"time"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/reports/model"
	"github.com/shopspring/decimal"
)

// companyCoach is the coach name under which company invoices are listed.
const companyCoach = "(company)"

// noCoach is the coach name of a client without a known primary coach.
const noCoach = "(no coach)"

// entry is one invoice prepared for the report: the record, its recipient
// and coach names, and its subtotal and tax.
type entry struct {
	inv       *fetch.Invoice
	recipient string // "c123" for a client, "k45" for a company
	name      string // client or company name
	coach     string // primary coach's name on the invoice date, companyCoach or noCoach
	// fellBack is set when no primary-coach history covers the invoice
	// date, so that coach is the client's current coach.
	fellBack bool
	subtotal  decimal.Decimal
	tax       decimal.Decimal
	// settled is the latest of the invoice date and its payment times;
	// from just after it on, the balance is finalOut / finalCredit.
	settled     time.Time
	finalOut    decimal.Decimal
	finalCredit decimal.Decimal
}

// settle fills settled, finalOut and finalCredit.
func (e *entry) settle() {
	e.settled = e.inv.DateOf
	paid := decimal.Zero
	for i := range e.inv.Payments {
		p := &e.inv.Payments[i]
		paid = paid.Add(p.Amount)
		if p.DatePaid.After(e.settled) {
			e.settled = p.DatePaid
		}
	}
	b := e.inv.Amount.Sub(paid)
	if b.IsNegative() {
		e.finalOut, e.finalCredit = decimal.Zero, b.Neg()
	} else {
		e.finalOut, e.finalCredit = b, decimal.Zero
	}
}

// paidBefore is the sum of the payments made before t.
func (e *entry) paidBefore(t time.Time) decimal.Decimal {
	var s decimal.Decimal
	for i := range e.inv.Payments {
		if p := &e.inv.Payments[i]; p.DatePaid.Before(t) {
			s = s.Add(p.Amount)
		}
	}
	return s
}

// balanceAt returns the outstanding balance (never negative) and the credit
// (overpayment, never negative) of the invoice at t; both zero when the
// invoice is dated at or after t.
func (e *entry) balanceAt(t time.Time) (outstanding, credit decimal.Decimal) {
	if !e.inv.DateOf.Before(t) {
		return decimal.Zero, decimal.Zero
	}
	if t.After(e.settled) {
		return e.finalOut, e.finalCredit
	}
	b := e.inv.Amount.Sub(e.paidBefore(t))
	if b.IsNegative() {
		return decimal.Zero, b.Neg()
	}
	return b, decimal.Zero
}

// book is the filtered invoices of one report, grouped by currency.
type book struct {
	loc        *time.Location
	entries    []entry              // filtered, sorted by date, number, ID
	byCurrency map[string][]int     // indexes into entries
	currencies []string             // ascending
	coachNames map[int]string       // coach ID -> name
	timelines  map[string]*timeline // by currency, built on first use
}

// timeline returns cur's balance timeline, building it on first use.
func (b *book) timeline(cur string) *timeline {
	tl, ok := b.timelines[cur]
	if !ok {
		tl = newTimeline(b, b.byCurrency[cur])
		b.timelines[cur] = tl
	}
	return tl
}

func personName(first, last string) string {
	switch {
	case first == "":
		return last
	case last == "":
		return first
	}
	return first + " " + last
}

// newBook prepares d's invoices that pass the coach and currency filters;
// loc is the account zone.
func newBook(d *Data, loc *time.Location, coachID int, currency string) *book {
	b := &book{loc: loc, byCurrency: map[string][]int{}, coachNames: map[int]string{},
		timelines: map[string]*timeline{}}
	for _, c := range d.Coaches {
		b.coachNames[c.ID] = personName(c.FirstName, c.LastName)
	}
	clients := make(map[int]*fetch.ClientRecord, len(d.Clients))
	for i := range d.Clients {
		clients[d.Clients[i].ID] = &d.Clients[i]
	}
	hist := newCoachHistory(d.Pairings)
	companies := make(map[int]string, len(d.Companies))
	for _, c := range d.Companies {
		companies[c.ID] = c.Name
	}
	for i := range d.Invoices {
		inv := &d.Invoices[i]
		if currency != "" && inv.Currency != currency {
			continue
		}
		e := entry{inv: inv}
		var clientCoach int
		if inv.ClientID == 0 && inv.CompanyID != 0 {
			e.recipient = "k" + strconv.Itoa(inv.CompanyID)
			e.name = cmp.Or(companies[inv.CompanyID], inv.CompanyName, "Company "+strconv.Itoa(inv.CompanyID))
			e.coach = companyCoach
		} else {
			e.recipient = "c" + strconv.Itoa(inv.ClientID)
			e.name = personName(inv.FirstName, inv.LastName)
			e.coach = noCoach
			c, known := clients[inv.ClientID]
			if known {
				e.name = cmp.Or(personName(c.FirstName, c.LastName), e.name)
			}
			if id, ok := hist.on(inv.ClientID, inv.DateOf); ok {
				clientCoach = id
			} else if known {
				clientCoach, e.fellBack = c.CoachID, true
			}
			if n, ok := b.coachNames[clientCoach]; ok {
				e.coach = n
			} else if clientCoach != 0 {
				e.coach = "Coach " + strconv.Itoa(clientCoach)
			}
			if e.name == "" {
				e.name = "Client " + strconv.Itoa(inv.ClientID)
			}
		}
		if coachID != 0 && (e.coach == companyCoach || clientCoach != coachID) {
			continue
		}
		for _, li := range inv.LineItems {
			e.subtotal = e.subtotal.Add(li.Amount)
		}
		e.tax = inv.Amount.Sub(e.subtotal)
		e.settle()
		b.entries = append(b.entries, e)
	}
	slices.SortStableFunc(b.entries, func(x, y entry) int {
		return cmp.Or(x.inv.DateOf.Compare(y.inv.DateOf), cmp.Compare(x.inv.InvoiceNumber, y.inv.InvoiceNumber),
			cmp.Compare(x.inv.ID, y.inv.ID))
	})
	for i, e := range b.entries {
		b.byCurrency[e.inv.Currency] = append(b.byCurrency[e.inv.Currency], i)
	}
	for c := range b.byCurrency {
		b.currencies = append(b.currencies, c)
	}
	slices.Sort(b.currencies)
	return b
}

// Figures are the headline revenue figures of one currency over one period.
// Money is in the currency of the enclosing CurrencySummary.
type Figures struct {
	Period      model.Period
	Invoiced    decimal.Decimal // amounts of invoices dated in the period
	Subtotal    decimal.Decimal // their line items
	Tax         decimal.Decimal // Invoiced - Subtotal
	Collected   decimal.Decimal // payments dated in the period
	Outstanding decimal.Decimal // at the period's end (see package reports)
	Overpaid    decimal.Decimal // credit at the period's end
	// InvoiceCount is the number of invoices dated in the period.
	InvoiceCount int
	// PayingClients is the number of distinct recipients (clients or
	// companies) with at least one payment dated in the period.
	PayingClients int
	// AverageInvoice is Invoiced / InvoiceCount rounded half away from zero
	// to the currency's minor unit; zero when there are no invoices.
	AverageInvoice decimal.Decimal
}

// figures computes the figures of currency cur over p.
func (b *book) figures(cur string, p model.Period) Figures {
	f := Figures{Period: p}
	payers := map[string]bool{}
	for _, i := range b.byCurrency[cur] {
		e := &b.entries[i]
		if p.Contains(e.inv.DateOf) {
			f.Invoiced = f.Invoiced.Add(e.inv.Amount)
			f.Subtotal = f.Subtotal.Add(e.subtotal)
			f.Tax = f.Tax.Add(e.tax)
			f.InvoiceCount++
		}
		if !e.settled.Before(p.Start) { // else every payment precedes p
			for j := range e.inv.Payments {
				if pay := &e.inv.Payments[j]; p.Contains(pay.DatePaid) {
					f.Collected = f.Collected.Add(pay.Amount)
					payers[e.recipient] = true
				}
			}
		}
	}
	f.Outstanding, f.Overpaid = b.timeline(cur).at(p.End)
	f.PayingClients = len(payers)
	if f.InvoiceCount > 0 {
		f.AverageInvoice = f.Invoiced.DivRound(decimal.NewFromInt(int64(f.InvoiceCount)), model.CurrencyDigits(cur))
	}
	return f
}

// agingNames returns the AR aging column names, in bucket order.
func agingNames() [5]string {
	return [5]string{"Not yet due", "1-30 days", "31-60 days", "61-90 days", "Over 90 days"}
}

// agingBucket returns the index in agingNames of an invoice due on due,
// seen on the calendar day asOf (both midnight in the account zone).
func agingBucket(due, asOf time.Time) int {
	days := civilDays(asOf) - civilDays(due)
	switch {
	case days <= 0:
		return 0
	case days <= 30:
		return 1
	case days <= 60:
		return 2
	case days <= 90:
		return 3
	}
	return 4
}

// civilDays counts calendar days of t's wall clock since 1970-01-01, so that
// daylight-saving days of 23 or 25 hours count as one day.
func civilDays(t time.Time) int64 {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}
