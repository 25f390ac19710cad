// Package reports holds careport's reports. Each subpackage (reports/revenue,
// ...) fetches what it needs once through package fetch, filters it locally
// and builds a neutral report model (reports/model) that renderers turn into
// files. Reports import fetch and reports/model only: never a renderer, a
// spreadsheet library or net/http.
//
// # Money terms
//
// Every money figure belongs to one ISO 4217 currency and figures of
// different currencies are never added together. Dates are bucketed in the
// account time zone (the zone named by the API envelope); an invoice date
// (dateOf) is a calendar day in that zone and a payment's datePaid a wall
// clock time in it.
//
//   - Invoiced in a period is the sum of the invoice amount of the invoices
//     whose dateOf falls in the period. The amount is the API's invoice total
//     (tax included) and is never recomputed from line items; the subtotal is
//     the sum of the line items and the tax is amount minus subtotal.
//   - Collected in a period is the sum of the payments (an invoice's
//     paymentSet) whose datePaid falls in the period, whatever the date of the
//     invoice they pay.
//   - Outstanding at a moment is, over the invoices dated before that moment,
//     the sum per invoice of max(0, amount - payments made before that
//     moment). An invoice paid beyond its amount contributes nothing to
//     outstanding; its excess is reported separately as "Overpaid (credit)".
//     Outstanding "at the end of a period" is outstanding at the period's
//     exclusive end (midnight after its last day), so a payment dated after
//     the period never reduces it.
package reports
