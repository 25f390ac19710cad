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
//   - A credit note is an invoice of negative amount. Credit notes are
//     counted and summed (as negative amounts) as credit notes, never as
//     invoices: they are not part of Invoiced, the invoice count or the
//     average invoice. A credit note not yet refunded is credit (below).
//   - The invoice count is the number of invoices dated in the period, those
//     of zero amount included; the average invoice is Invoiced divided by the
//     number of invoices of non-zero amount (zero-amount invoices are not
//     counted), rounded half away from zero to the currency's minor unit
//     (ISO 4217: 0 decimals for JPY, 3 for KWD).
//   - Collected in a period is the sum of the payments (an invoice's
//     paymentSet) whose datePaid falls in the period, whatever the date of the
//     invoice they pay. A negative payment is a refund: refunds are shown as
//     their own figure beside the payments received, and Collected is
//     payments received plus refunds (net). A paying client is a client or
//     company with a payment of more than zero in the period; a refund alone
//     does not make one.
//   - Outstanding at a moment is, over the invoices dated before that moment,
//     the sum per invoice of max(0, amount - payments made before that
//     moment). An invoice paid beyond its amount (or a credit note not
//     refunded in full) contributes nothing to outstanding; its excess is
//     reported separately as "Overpaid (credit)" and never offsets other
//     invoices. Outstanding "at the end of a period" is outstanding at the
//     period's exclusive end (midnight after its last day), so a payment
//     dated after the period never reduces it.
//   - Money received before an invoice's date (a prepayment) is, at any
//     moment before that date, neither outstanding nor credit: it is
//     "Prepaid (unapplied)", per invoice max(0, payments made before that
//     moment), and it becomes part of the invoice's balance on its date.
//   - Accounts receivable are shown gross per client or company (outstanding,
//     aged by due date) with credit and prepaid beside them, and the net
//     receivable: outstanding minus credit minus prepaid.
//
// # Coach attribution
//
// A client invoice belongs to the client's primary coach (pairing type 'P'
// in Pairing.getHistory) on the invoice date: the coach of the latest
// primary period overlapping that day in the account zone, so a past
// month's report does not change when a client's coach changes later. Only
// when no primary period covers the date is the invoice attributed to the
// client's current coach, and a report says how many invoices were. A coach
// filter keeps the invoices attributed to that coach. Company invoices have
// no coach.
package reports
