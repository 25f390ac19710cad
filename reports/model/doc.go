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
// to a float only when it writes the cell. A [Money] column carries its ISO
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
// Period helpers bucket instants in a *time.Location (the account time zone):
// months ("2026-10"), ISO weeks starting on Monday ("2026-W43"), quarters
// ("2026-Q4") and years ("2026"). A [Period] is the half-open interval
// [Start, End).
//
// # Money arithmetic
//
// [Money] adds only to the same currency and returns an error otherwise;
// [MoneyByCurrency] keeps one bucket per currency and lists them in code
// order, so two currencies are never summed together.
package model
