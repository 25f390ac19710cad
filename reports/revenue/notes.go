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
			"Invoiced: the sum of the invoice amount (the API's invoice total, tax included) of the invoices dated (dateOf) in the period, in the account time zone. Subtotal is the sum of the line items and tax is amount minus subtotal; totals are never recomputed from line items.",
			"Collected: the sum of the payments (each invoice's paymentSet) whose payment date (datePaid) falls in the period, whatever the date of the invoice they pay.",
			"Outstanding at a moment: over the invoices dated before it, the sum per invoice of amount minus the payments made before it, never below zero. Outstanding at the end of a period or month is taken at midnight after its last day, so a later payment does not reduce it.",
			"Overpaid (credit): the sum per invoice of payments made before that moment beyond the invoice amount. It is shown separately and never offsets other invoices' balances.",
			"AR aging: each invoice outstanding at the period's end is bucketed by the whole days between its due date and the period's last day: 0 or fewer days is not yet due, then 1-30, 31-60, 61-90 and over 90 days. An invoice without a due date is aged from its invoice date.",
			"Invoice count: invoices dated in the period. Paying clients: distinct clients or companies with at least one payment dated in the period. Average invoice: invoiced divided by the invoice count, rounded to the currency's minor unit.",
			"Change: (this period - compared period) / compared period; blank when the compared figure is zero.",
			"Currencies are never added together or converted: every money figure is in the currency on its row or in its column name.",
			coachDefinition,
			"Monthly: the 12 months ending at the period's end, or 24 when the period is longer than 12 months. Trend: the 12 months ending at the period's end, invoiced against collected; the Summary sheet charts them, one chart per currency.",
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
	if fell > 0 {
		msg = fmt.Sprintf("%d of the %d client invoices dated in %s had no primary-coach history covering their date and were attributed to the client's current coach.", fell, n, p.Label)
	}
	return model.Note{Heading: "Coach attribution", Paragraphs: []string{msg}}
}
