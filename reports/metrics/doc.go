// Package metrics builds the metrics report: the values of named fields
// (metrics, and the form inputs of session notes and worksheets) for every
// client over a period, side by side, and who is on pace for their target.
//
// # Data
//
// A field's values come from the data fetch (ClientData.getByField), with
// numbers and text (whatData B) and the coach's name, inactive clients
// included, without a CoachID (the coach filter is applied locally): the
// date grid (structure D) in the --bucket size for the grid, and the
// listing (structure L) for the data points, of the period and of the
// previous one. Every data fetch is made per calendar month, cut to the
// period; a bucket that spans two months is merged by its label (the later
// month's value wins, being the bucket's latest), so no week start is
// assumed. The CSV is parsed by header names with fetch's tolerant parsers.
//
// The report is staged (reports.Staged): once the listings are loaded,
// MoreNeeds asks for the metrics (Metric.getAll, completed ones included)
// of only the clients who reported a field in the period or the previous
// one, within the coach filter; when a field has no data point in the
// period it also asks for every client's metrics, so that Build can tell
// an unknown name (an options error listing the account's metric and form
// input names) from a field without data (no workbook, a sentence saying
// so). Sessions and worksheets tell which sources a name matched.
//
// # Snapshots
//
// `careport fetch` calls Needs and MoreNeeds without --field, month by
// month. Needs then asks for every client's metrics, and MoreNeeds for the
// data fetches of every metric name and every session and worksheet input
// name of the account, for the month (grids in all three bucket sizes) and
// the listings of the month and the one before. Since a report run makes
// the same calls month by month, a snapshot serves `careport metrics
// --snapshot DIR --field X` for any field spelled as the account spells it
// (the calls are keyed by the exact name) and any run of whole months of
// its window; weeks and day ranges cut months and need a live run.
//
// # Definitions
//
// The Notes sheet states each: the grid's latest value per bucket, the
// --values modes, the targets (the metric that overlaps the period and
// started last; value = latest data point or, for a cumulative metric, the
// running total; the straight target line), the pace rule (gap signed so
// that positive is good, a band of 5% of the target's range: ahead, on
// pace, behind, no data), the front page figures, which clients are
// charted (all, or the 12 furthest behind) and the time zone: every date is
// a calendar day of the account zone, whatever a client's own zone.
package metrics
