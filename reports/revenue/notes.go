package revenue

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/careport/careport/reports/model"
)

// notes fills the report's Notes sheet: definitions, parameters, time zone,
// data time, currencies and filters.
func (rb *reportBuilder) notes(d *Data, sum *Summary) {
	r := rb.r
	r.Notes = append(r.Notes, model.Note{
		Heading: "Definitions",
		Paragraphs: []string{
			defInvoiced, defCreditNotes, defCollected, defRefunds, defOutstanding, defCredit, defPrepaid, defNet,
			defAging, defCounts,
			"Change (front page): (this period - compared period) / the size of the compared figure; n/a when the compared figure is zero.",
			"Currencies are never added together or converted: every money figure is in the currency on its row or in its column name, and averages are rounded to the currency's minor unit (0 decimals for JPY, 3 for KWD).",
			coachDefinition,
			"Monthly: the 12 months ending at the period's end, or 24 when the period is longer than 12 months. Trend: the 12 months ending at the period's end, invoiced against collected; the front page (Summary) charts them, one chart per currency.",
		},
	})
	params := model.Note{Heading: "Parameters", Items: []model.KeyValue{
		{Key: "Period", Value: sum.Period.Label},
		{Key: "Previous period", Value: sum.Previous.Label},
		{Key: "Same period a year earlier", Value: sum.YearEarlier.Label},
		{Key: "Time zone", Value: rb.b.loc.String()},
		{Key: "Data fetched at", Value: fmtTime(d.FetchedAt, rb.b.loc)},
		{Key: "Generated at", Value: fmtTime(rb.o.GeneratedAt, rb.b.loc)},
		{Key: "Currencies", Value: cmp.Or(strings.Join(rb.b.currencies, ", "), "(none)")},
	}}
	coach := "all coaches"
	if rb.o.CoachID != 0 {
		coach = rb.b.coachNames[rb.o.CoachID] + " (ID " + strconv.Itoa(rb.o.CoachID) +
			"): only invoices attributed to this coach (the client's primary coach on the invoice date, see Coach attribution); company invoices are excluded"
	}
	cur := "all currencies"
	if rb.o.Currency != "" {
		cur = "only " + rb.o.Currency
	}
	params.Items = append(params.Items, model.KeyValue{Key: "Coach filter", Value: coach},
		model.KeyValue{Key: "Currency filter", Value: cur})
	r.Notes = append(r.Notes, params)
	r.Notes = append(r.Notes, rb.attributionNote())
	if len(rb.b.currencies) == 0 {
		msg := "No invoices match the filters, so every sheet is empty."
		if rb.o.Currency != "" {
			msg = "The account has no invoices in " + rb.o.Currency + " matching the filters, so every sheet is empty."
		}
		r.Notes = append(r.Notes, model.Note{Heading: "No data", Paragraphs: []string{msg}})
	}
}

func fmtTime(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return "(unknown)"
	}
	return t.In(loc).Format("2006-01-02 15:04:05 MST")
}

// coachDefinition is the Notes sheet's definition of coach attribution.
const coachDefinition = "Coach attribution: each client invoice is attributed to the client's primary coach (pairing type P in Pairing.getHistory) on the invoice date, so a past month's figures do not change when a client's coach changes later; on the day of a hand-over that is the new coach. Only when no primary-coach period covers the invoice date is the invoice attributed to the client's current coach (counted under Coach attribution below). The coach filter uses the same attribution, and the By client sheet shows the coach of the client's latest invoice dated before the period's end. Company invoices are listed under \"" + companyCoach + "\"; invoices of clients without a known coach under \"" + noCoach + "\"."

// attributionNote counts the invoices dated in the period that fell back
// to the client's current coach.
func (rb *reportBuilder) attributionNote() model.Note {
	p := rb.run.period()
	n, fell := 0, 0
	for i := range rb.b.entries {
		e := &rb.b.entries[i]
		if p.Contains(e.inv.DateOf) && e.coach != companyCoach {
			n++
			if e.fellBack {
				fell++
			}
		}
	}
	msg := fmt.Sprintf("Every client invoice dated in %s was attributed from the pairing history.", p.Label)
	switch {
	case n == 0:
		msg = fmt.Sprintf("No client invoice is dated in %s.", p.Label)
	case fell > 0:
		msg = fmt.Sprintf("%d of the %d client invoices dated in %s had no primary-coach history covering their date and were attributed to the client's current coach.", fell, n, p.Label)
	}
	return model.Note{Heading: "Coach attribution", Paragraphs: []string{msg}}
}

// The definitions on the Notes sheet, one sentence each; package reports
// states the same.
const (
	defInvoiced    = "Invoiced: the sum of the invoice amount (the API's invoice total, tax included, never recomputed from line items) of the invoices dated (dateOf) in the period in the account time zone, credit notes excluded; subtotal is the sum of their line items and tax is amount minus subtotal."
	defCreditNotes = "Credit notes: an invoice of negative amount is a credit note, counted and summed (as a negative amount) as a credit note and never as an invoice, so it is left out of Invoiced, the invoice count, Average invoice, By coach and Line items, and until it is refunded it counts as credit."
	defCollected   = "Collected: the sum of the payments (each invoice's paymentSet) whose payment date (datePaid) falls in the period, whatever the date of the invoice they pay, net of refunds."
	defRefunds     = "Refunds: a negative payment is a refund, shown (as a negative amount) on its own line of the Payments sheet and in the Refunds column, separate from the payments received, so that payments received plus refunds is Collected; a refund does not make a client a paying client."
	defOutstanding = "Outstanding at a moment: over the invoices dated before it, the sum per invoice of amount minus the payments made before it, never below zero; at the end of a period or month it is taken at midnight after its last day, so a later payment does not reduce it."
	defCredit      = "Overpaid (credit): the sum per invoice (credit notes included) of the payments made before that moment beyond its amount, shown separately and never offsetting other invoices' balances."
	defPrepaid     = "Prepaid (unapplied): money received for an invoice before the invoice's date is, at any moment before that date, neither outstanding nor credit but prepaid (per invoice, never below zero), and becomes part of the invoice's balance on its date."
	defNet         = "Net receivable: outstanding minus credit minus prepaid, per client and in total; accounts receivable are shown gross per client (outstanding, aged) with the credit and prepaid money beside them, and this net figure last."
	defAging       = "AR aging: each invoice outstanding at the period's end is bucketed by the whole days between its due date and the period's last day: 0 or fewer days is not yet due, then 1-30, 31-60, 61-90 and over 90 days; an invoice without a due date is aged from its invoice date."
	defCounts      = "Invoice count: invoices dated in the period, zero-amount invoices included and credit notes excluded; Paying clients: distinct clients or companies with at least one payment of more than zero dated in the period; Average invoice: invoiced divided by the number of invoices of non-zero amount (zero-amount invoices are not counted), rounded half away from zero to the currency's minor unit."
)
