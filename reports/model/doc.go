// Package model is careport's neutral description of a report: a workbook of
// typed sheets, totals, chart and pivot specs, and notes, independent of any
// file format. Reports (reports/...) fill it; renderers (render/...) turn it
// into XLSX or CSV files.
//
// The package is a leaf: it imports only the standard library and
// github.com/shopspring/decimal.
//
// # Values
//
// A cell is a [Value]: a small struct holding a kind and one of an int64, a
// time, a string or an exact decimal. Money is never a float64: it is integer
// minor units with a scale, or a decimal.Decimal, and a renderer converts it
// to a float only when it writes the cell. A money column carries its ISO
// 4217 currency code; one column never mixes currencies.
//
// # Rows
//
// Small sheets collect rows with [Sheet.AddRow]. Large ones set
// [Sheet.Source], a [RowSource] that reports its length and fills a reused
// row on demand, so a million-row ledger is never held in memory as values.
//
// # Periods
//
// Report periods are civil: a [Period] is a run of whole days, the
// [CivilDate] values First to Last inclusive, in one *time.Location (the
// account time zone), with the instants [Start, End) those days cover in
// that zone. A period is a month ("2026-10"), an ISO week starting on Monday
// ("2026-W43", numbered in its ISO year), a quarter ("2026-Q4"), a year
// ("2026"), a run of one of these ("2026-01..2026-10", see [Span]) or any
// run of days ("2026-10-15", "2026-01-01..2026-10-15"). Next, Prev, Shift
// and YearEarlier move a period by its units on the calendar, never by
// adding durations to instants.
//
// Every period is built from civil dates, and its bounds come from
// [CivilDate.StartOf], the first instant of a day in the zone. That is the
// local midnight when there is one; where daylight saving time starts at
// midnight (America/Asuncion, America/Santiago, America/Havana,
// Atlantic/Azores, Asia/Beirut and others) the day starts at 01:00, which a
// time.Date at 00:00 gets wrong by returning 23:00 of the day before. The
// tests check the month starts of 2020 to 2027 and the days around every
// change of offset from 1970 to 2044, in every zone of the Go time zone
// database.
//
// [ParsePeriod] is the one parser of the command line's periods: months,
// quarters ("2026-Q3"), ISO weeks ("2026-W43"), years, days, and relative
// words (last-month, this-month, last-quarter, this-quarter, last-week,
// this-week, last-year, this-year, ytd) resolved in the account zone
// against the data time. [ParseRange] joins --from and --to of any of these
// forms; [PeriodSyntax] and [RangeSyntax] check a flag before the zone is
// known. [Period.Words] writes a period for a title block ("October 2026",
// "week 43 of 2026 (19-25 Oct)").
package model
