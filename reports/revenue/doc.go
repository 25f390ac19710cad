// Package revenue builds the monthly revenue report: what was invoiced,
// collected and still outstanding in a range of months, per currency, with
// trends, breakdowns by coach, client, line item and payment method, accounts
// receivable aging and the invoice ledger.
//
// Fetch reads everything once, without date filters, so a snapshot taken by
// `careport fetch` serves any period; Build filters locally and returns a
// reports/model Report and the headline Summary.
//
// Invoiced, credit notes, collected, refunds, outstanding, credit, prepaid
// (unapplied), net receivable and coach attribution are defined in package
// reports; the Notes sheet states each in one sentence. AR aging buckets each invoice outstanding at the period's end by the number of
// whole days between its due date and the last day of the period: 0 or less
// is "Not yet due", then 1-30, 31-60, 61-90 and "Over 90".
//
// # Front page and sheets
//
// The report period is read by its civil dates in the account zone and
// must be whole calendar months: a month, a quarter, a year or a run of
// months. It keeps the label it was asked with (a quarter is "2025-Q1",
// not "2025-01..2025-03"), which titles and names the report; the
// comparison periods are its previous period and the same period a year
// earlier. A period from a month's first day to the data time's date (ytd,
// or a range ending today) is read as the months through the data's month,
// which has not ended: its figures are those to date, and the command warns
// so, on stderr and the front page.
//
// The headline figures are the Report's KPIs (see KPIs), per currency:
// renderers show them on a front page ("Summary"; KPIs.csv in CSV) against
// the previous period and a year earlier, with the Report's charts, one per
// currency, of the last 12 months invoiced against collected, drawn from
// the Trend sheet.
//
// Currencies are never added together. Sheets that list several currencies
// do so in blocks of rows, one block per currency in code order, each with a
// Currency column (the sheet's SheetFormat.CurrencyColumn, so that money
// cells take the row's currency format) and ending in its own "Total" row,
// a block total row (SheetFormat.TotalRows) that renderers keep out of the
// data; their money columns then carry no currency code. With a single
// currency the money columns carry its code and the block's total is the
// sheet's totals row instead.
//
//   - Trend: the 12 months ending at the period's end, invoiced and collected
//     in one column pair per currency (the data of the front page charts).
//   - Monthly: 12 months ending at the period's end (24 when the period is
//     longer than 12 months): invoiced, subtotal, tax, collected, outstanding
//     at month end and invoice count, per currency, with credit notes.
//   - By coach: invoiced per coach (the client's primary coach on the invoice
//     date) and month of the period; company invoices under "(company)".
//   - By client: per client or company and currency, invoiced, credit notes,
//     collected, and outstanding, credit, prepaid and net receivable at the
//     period's end, and invoice count.
//   - Line items: count and amount per label, of the invoices.
//   - Payments: count and amount of the payments received per method, then
//     of the refunds per method; the total is Collected.
//   - AR aging: per client or company and currency, the five buckets, total
//     outstanding (gross), credit, prepaid and net receivable; the overdue
//     buckets carry colour scales, warmer the older the bucket.
//   - Invoices (one sheet per currency, "Invoices EUR", ..., when there are
//     several): the ledger of invoices and credit notes dated in the period
//     (a Type column tells them apart), streamed from a
//     RowSource, as an Excel table with a totals row below it, and a pivot
//     of amount by month and coach, left out (and the Notes sheet saying
//     why) when the report covers one month.
//
// The Notes sheet repeats the definitions and lists the parameters, time
// zone, fetch time, currencies and filters.
package revenue
