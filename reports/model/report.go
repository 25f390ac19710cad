package model

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Report is one workbook: its identity, the period it covers, notes for the
// reader and its data sheets, in order.
type Report struct {
	// Name is the report kind's command name ("revenue"); renderers use it
	// in file names and footers.
	Name    string
	Title   string
	Account string // account (business) name
	Period  Period // the period the report covers
	// Previous and YearEarlier are the comparison periods of the KPIs: the
	// period of the same length just before Period, and Period a year
	// earlier.
	Previous, YearEarlier Period
	// Filters are the filters the report was run with, as label/value
	// pairs ("Coach", "Ann Lee (7)"); empty for an unfiltered report.
	// Renderers show them in the title block and in file names.
	Filters []KeyValue
	// KPIs are the report's headline figures, in display order.
	KPIs []KPI
	// Warnings are sentences the reader must see (a period with no data,
	// a period not ended at the data time); the command prints them on
	// stderr and renderers show them on the front page.
	Warnings []string
	// Charts are shown on the report's front page under the KPIs; each
	// names the sheet whose rows it draws (Chart.Data).
	Charts []Chart
	// Timezone is the IANA name of the account time zone in which dates are
	// bucketed, e.g. "America/New_York".
	Timezone    string
	GeneratedAt time.Time // when the report was rendered (injected clock)
	DataTime    time.Time // when the data was fetched
	Notes       []Note
	Sheets      []*Sheet
}

// AddSheet appends a new sheet with the given columns and returns it.
func (r *Report) AddSheet(name string, cols ...Column) *Sheet {
	s := NewSheet(name, cols...)
	r.Sheets = append(r.Sheets, s)
	return s
}

// Note is one section of the notes sheet: a heading followed by paragraphs
// and key/value lines.
type Note struct {
	Heading    string
	Paragraphs []string
	Items      []KeyValue
}

// KeyValue is one "key: value" line of a Note.
type KeyValue struct {
	Key   string
	Value string
}

// ColumnType is the type of a column; it decides the cell format.
type ColumnType uint8

// Column types. Integer and Count hold Int values, Money holds money values
// in the column's Currency, Date and DateTime hold times, Percent holds
// ratios, Number holds exact decimals that are not money (Number values).
// Mixed holds values of several kinds, one per row (a vertical sheet of
// figures: a count, a percentage, an amount): Int, Number, Money, Percent
// and Text values, each cell formatted by its value's kind exactly as a
// column of that kind is (Int as Integer); money in it takes its currency
// from the sheet's SheetFormat.CurrencyColumn, row by row, and CheckFormat
// refuses money there without one. Only SignColours conditional formats
// apply to a Mixed column: a scale or a bar needs values of one kind.
// Any column may hold empty values.
const (
	ColText ColumnType = iota
	ColInteger
	ColMoney
	ColDate
	ColDateTime
	ColPercent
	ColCount
	ColNumber
	ColMixed
)

// String returns the column type's lower-case name.
func (t ColumnType) String() string {
	switch t {
	case ColText:
		return "text"
	case ColInteger:
		return "integer"
	case ColMoney:
		return "money"
	case ColDate:
		return "date"
	case ColDateTime:
		return "datetime"
	case ColPercent:
		return "percent"
	case ColCount:
		return "count"
	case ColNumber:
		return "number"
	case ColMixed:
		return "mixed"
	}
	return "unknown"
}

// Accepts reports whether a value of kind k may appear in a column of type t.
func (t ColumnType) Accepts(k Kind) bool {
	if t == ColMixed {
		return k != KindTime
	}
	switch k {
	case KindEmpty:
		return true
	case KindText:
		return t == ColText
	case KindInt:
		return t == ColInteger || t == ColCount
	case KindMoney:
		return t == ColMoney
	case KindTime:
		return t == ColDate || t == ColDateTime
	case KindPercent:
		return t == ColPercent
	case KindNumber:
		return t == ColNumber
	}
	return false
}

// Column describes one column of a sheet.
type Column struct {
	Name     string
	Type     ColumnType
	Currency string  // ISO 4217 code, for Money columns
	Width    float64 // fixed width in characters; 0 means fitted to content
}

// TextCol returns a text column.
func TextCol(name string) Column { return Column{Name: name, Type: ColText} }

// IntCol returns an integer column (IDs, quantities).
func IntCol(name string) Column { return Column{Name: name, Type: ColInteger} }

// CountCol returns a count column.
func CountCol(name string) Column { return Column{Name: name, Type: ColCount} }

// MoneyCol returns a money column in the ISO 4217 currency code.
func MoneyCol(name, currency string) Column {
	return Column{Name: name, Type: ColMoney, Currency: currency}
}

// NumberCol returns a number column: exact decimals that are not money
// (metric values, ratings), written with all their digits.
func NumberCol(name string) Column { return Column{Name: name, Type: ColNumber} }

// DateCol returns a date column.
func DateCol(name string) Column { return Column{Name: name, Type: ColDate} }

// DateTimeCol returns a date-time column.
func DateTimeCol(name string) Column { return Column{Name: name, Type: ColDateTime} }

// MixedCol returns a column of values of mixed kinds (see ColMixed): Int,
// Number, Money (in the row's currency), Percent and Text.
func MixedCol(name string) Column { return Column{Name: name, Type: ColMixed} }

// CellType returns the column type whose format a value v of column c
// takes: c.Type, except in a Mixed column, where it is the type of v's
// kind (Int as Integer, Text as Text, and so on); an empty value there is
// Text.
func (c Column) CellType(v Value) ColumnType {
	if c.Type != ColMixed {
		return c.Type
	}
	switch v.kind {
	case KindInt:
		return ColInteger
	case KindMoney:
		return ColMoney
	case KindPercent:
		return ColPercent
	case KindNumber:
		return ColNumber
	}
	return ColText
}

// PercentCol returns a percent column.
func PercentCol(name string) Column { return Column{Name: name, Type: ColPercent} }

// ChartKind is the kind of a chart.
type ChartKind uint8

// Chart kinds.
const (
	ChartColumn ChartKind = iota
	ChartBar
	ChartLine
	ChartPie
)

// Chart asks a renderer for a native chart over a sheet's rows: one series
// per value column, categories from the category column. Columns are named.
type Chart struct {
	Kind     ChartKind
	Title    string
	Category string   // name of the category column
	Values   []string // names of the value columns
	// Data names the sheet of the report whose columns the chart draws, so
	// that a summary sheet can show a chart of a detail sheet's rows; ""
	// means the sheet the chart is on.
	Data string
}

// Summarize is how a pivot summarizes its data field.
type Summarize uint8

// Pivot summaries.
const (
	SummarizeSum Summarize = iota
	SummarizeCount
)

// PivotSpec asks a renderer for a native pivot table over a sheet's data,
// on its own sheet. Fields are column names; Columns may be empty.
type PivotSpec struct {
	Name      string // sheet name of the pivot; "" means "<sheet> Pivot"
	Rows      string
	Columns   string
	Data      string
	Summarize Summarize
}

// RowSource streams a large sheet's rows. A renderer calls Len once, then
// FillRow for i = 0, 1, ..., Len()-1 in order, each exactly once, with the
// same dst each time (len(dst) is the number of columns, reset to empty
// values before each call). FillRow must not keep dst.
type RowSource interface {
	Len() int
	FillRow(i int, dst Row) error
}

// RowFunc adapts a length and a function to a RowSource.
type RowFunc struct {
	N    int
	Fill func(i int, dst Row) error
}

// Len returns f.N.
func (f RowFunc) Len() int { return f.N }

// FillRow calls f.Fill.
func (f RowFunc) FillRow(i int, dst Row) error { return f.Fill(i, dst) }

// Sheet is one table of typed columns and rows, with an optional totals row,
// charts and a pivot table. Rows come from AddRow or, for large sheets, from
// Source; not both. A Sheet is not safe for concurrent use; renderers only
// read it, so several may render one report in turn.
type Sheet struct {
	Name    string
	Columns []Column
	// Source, when set, supplies the rows instead of AddRow.
	Source RowSource
	// Totals is an optional last row of values computed by the report (not
	// formulas), one per column; nil means no totals row.
	Totals Row
	Charts []Chart
	Pivot  *PivotSpec
	// Format is how the sheet is presented beyond its typed columns
	// (per-row currency, subtotal rows, conditional formats, table, pivot
	// caption); nil means the defaults. See SheetFormat.
	Format *SheetFormat

	rows []Row
	err  error
}

// NewSheet returns an empty sheet with the given columns.
func NewSheet(name string, cols ...Column) *Sheet {
	return &Sheet{Name: name, Columns: cols}
}

// AddRow appends one row. A row of the wrong length or with a value the
// column does not accept is not added; the first such error is kept and
// returned by Err and by the renderers, so a report can add rows without
// checking each call.
func (s *Sheet) AddRow(values ...Value) {
	if s.err != nil {
		return
	}
	if s.Source != nil {
		s.err = fmt.Errorf("sheet %q: AddRow on a sheet with a row source", s.Name)
		return
	}
	if err := s.check(len(s.rows), values); err != nil {
		s.err = err
		return
	}
	s.rows = append(s.rows, Row(values))
}

// SetTotals sets the totals row.
func (s *Sheet) SetTotals(values ...Value) { s.Totals = values }

// Err returns the first error recorded by AddRow, or a totals row of the
// wrong shape.
func (s *Sheet) Err() error {
	if s.err != nil {
		return s.err
	}
	if s.Source != nil && len(s.rows) > 0 {
		return fmt.Errorf("sheet %q: both AddRow rows and a row source", s.Name)
	}
	if s.Totals != nil {
		if err := s.check(-1, s.Totals); err != nil {
			return err
		}
	}
	return nil
}

// ErrRowShape is returned (wrapped) for a row whose length or value kinds do
// not match the sheet's columns.
var ErrRowShape = errors.New("row does not match the columns")

func (s *Sheet) check(i int, r Row) error {
	where := fmt.Sprintf("row %d", i+1)
	if i < 0 {
		where = "totals row"
	}
	if len(r) != len(s.Columns) {
		return fmt.Errorf("sheet %q %s: %d values for %d columns: %w", s.Name, where, len(r), len(s.Columns), ErrRowShape)
	}
	for c, v := range r {
		if !s.Columns[c].Type.Accepts(v.kind) {
			return fmt.Errorf("sheet %q %s column %q: %s value in a %s column: %w",
				s.Name, where, s.Columns[c].Name, v.kind, s.Columns[c].Type, ErrRowShape)
		}
	}
	return nil
}

// Len returns the number of data rows (without header and totals).
func (s *Sheet) Len() int {
	if s.Source != nil {
		return s.Source.Len()
	}
	return len(s.rows)
}

// ColumnIndex returns the index of the column named name, or -1.
func (s *Sheet) ColumnIndex(name string) int {
	for i, c := range s.Columns {
		if c.Name == name {
			return i
		}
	}
	return -1
}

// ctxCheckEvery is how many rows EachRow writes between context checks.
const ctxCheckEvery = 1024

// EachRow calls fn for every data row in order, with a row that is only
// valid during the call (it is reused). It checks every row's shape and
// stops at the first error from the source, fn, a bad row, or ctx.
func (s *Sheet) EachRow(ctx context.Context, fn func(i int, r Row) error) error {
	if err := s.Err(); err != nil {
		return err
	}
	if s.Source == nil {
		for i, r := range s.rows {
			if i%ctxCheckEvery == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			if err := fn(i, r); err != nil {
				return err
			}
		}
		return nil
	}
	n := s.Source.Len()
	row := make(Row, len(s.Columns))
	for i := range n {
		if i%ctxCheckEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		clear(row)
		if err := s.Source.FillRow(i, row); err != nil {
			return fmt.Errorf("sheet %q row %d: %w", s.Name, i+1, err)
		}
		if err := s.check(i, row); err != nil {
			return err
		}
		if err := s.mixedMoney(i, row); err != nil {
			return err
		}
		if err := fn(i, row); err != nil {
			return err
		}
	}
	return nil
}
