// Package scorecard builds the coach activity scorecard: how actively each
// coach's clients are engaged over a period of whole months, ranked by a
// stated score, with each coach's own sheet of clients and the list of
// quiet clients to act on. `careport scorecard --coach C` gives one coach's
// workbook.
//
// # Data
//
// Activity counts come from ClientData.getActivityStats, whose CSV layout is
// not documented (section 6 of the API reference): the report asks one call
// per item letter (AMPSWJFC) and month, each month a single bucket, so the
// per-kind counts are the server's own and the columns are read by header
// name (fetch.ParseActivityStatsCSV); the months of the quiet window are
// also fetched day by day (every kind together) for the last activity date.
// Every call depends on its month alone, so a snapshot that `careport fetch`
// takes month by month serves any period of whole months. The appointments,
// session notes (drafts are never fetched), worksheets, invoices with their
// payments, engagements and the pairing history are whole lists; actions
// are fetched per client, and only for the clients the report needs: the
// active clients of the selected coaches' books in the report period, the
// previous one and a year earlier (reports.Staged). A client quiet for
// longer than the quiet window gets one more day-by-day call for the month
// of their last activity.
//
// # Rules
//
// A client belongs, for a period, to the coach of the latest primary-coach
// pairing period that overlaps it: the primary coach at the period's end. A
// hand-over within a period moves the client's whole period, activity and
// money included, to the new coach. Clients inactive at the data time are
// left out of every figure for every period (the API gives no deactivation
// date) and are counted on the Notes. The Team sheet ranks the coaches with
// at least one active client in the period; coaches without any (the API
// cannot tell an administrative-only coach from one without clients, and an
// inactive coach whose clients were handed over) are named on the Notes
// instead. An inactive coach who still has clients is ranked, marked
// inactive, and warned about on the front page. One coach's workbook
// (--coach) has, in place of the Team sheet, a Figures sheet: that coach's
// Team row turned on its side, one row per figure (the period's value, the
// previous period's, the change and the definition), which fits a printed
// page and a phone.
//
// The score, each of its components, every figure, the change columns and
// the time zone are defined on the Notes sheet; money is summed per
// currency, never across currencies.
package scorecard
