// Package revenue builds the monthly revenue report: what was invoiced,
// collected and still outstanding in a range of months, per currency, with
// trends, breakdowns by coach, client, line item and payment method, accounts
// receivable aging and the invoice ledger.
//
// Fetch reads everything once, without date filters, so a snapshot taken by
// `careport fetch` serves any period; Build filters locally and returns a
// reports/model Report and the headline Summary.
//
// Invoiced, collected and outstanding are defined in package reports. AR
// aging buckets each invoice outstanding at the period's end by the number of
// whole days between its due date and the last day of the period: 0 or less
// is "Not yet due", then 1-30, 31-60, 61-90 and "Over 90".
package revenue
