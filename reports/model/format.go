package model

import "fmt"

// SheetFormat says how a sheet is presented beyond its typed columns. Every
// renderer reads it; the zero value (and a nil Sheet.Format) means: money
// in each column's own currency, no subtotal rows, no conditional formats,
// no table. Set it through Sheet.Formatting, or assign a value.
type SheetFormat struct {
	// CurrencyColumn names a text column holding each row's ISO 4217
	// currency code. Money columns whose Currency is "" take their number
	// format (symbol, minor-unit digits) from it, row by row: the layout
	// of a sheet that lists currencies in blocks of rows. Money columns
	// with their own Currency keep it. "" means no such column.
	CurrencyColumn string
	// TotalRows are the indexes (0-based, ascending) of data rows that
	// are totals of a block of rows, e.g. one per currency; AddTotalRow
	// records them. Renderers show them like the sheet's Totals row and
	// keep them out of the data: the XLSX renderer writes them after the
	// data rows, below the autofilter, bold with a top border; the CSV
	// renderer writes them to the sheet's totals file.
	TotalRows []int
	// Conditional lists conditional formats on the sheet's data rows
	// (never on totals rows), applied in order.
	Conditional []CondFormat
	// Table asks for the data rows to be an Excel table (ListObject):
	// banded rows, filter buttons and structured references. Totals rows
	// stay below the table, outside it. Renderers without tables ignore it.
	Table bool
	// PivotCaption is the sentence shown above the sheet's pivot table,
	// saying what it is; "" lets the renderer write one from the
	// PivotSpec ("Sum of Amount by Client and Coach, from the Invoices
	// sheet").
	PivotCaption string
	// OmitPivot, when not "", leaves the sheet's pivot table out and says
	// why on the notes: a report sets it where the pivot adds nothing the
	// other sheets do not show, e.g. "one month only". Keeping the
	// PivotSpec and saying why is better than silently dropping it.
	OmitPivot string
	// LabelColumns, when not 0, is the number of leading columns that name
	// a row (a rank and a coach, say), whatever their types. A sheet too
	// wide for one page prints them on every page across, and the XLSX
	// renderer keeps them in view when scrolling right. 0 lets the
	// renderer take the leading text columns.
	LabelColumns int
}

// Formatting returns s.Format, creating it first if it is nil.
func (s *Sheet) Formatting() *SheetFormat {
	if s.Format == nil {
		s.Format = &SheetFormat{}
	}
	return s.Format
}

// AddTotalRow appends a row like AddRow and marks it as a block total
// (SheetFormat.TotalRows), e.g. the total of one currency's rows in a
// sheet that lists several currencies. A row AddRow refuses is not marked.
func (s *Sheet) AddTotalRow(values ...Value) {
	n := len(s.rows)
	s.AddRow(values...)
	if len(s.rows) > n {
		f := s.Formatting()
		f.TotalRows = append(f.TotalRows, n)
	}
}

// IsTotalRow reports whether data row i is marked as a block total.
func (s *Sheet) IsTotalRow(i int) bool {
	if s.Format == nil {
		return false
	}
	for _, t := range s.Format.TotalRows {
		if t == i {
			return true
		}
		if t > i {
			break
		}
	}
	return false
}

// CurrencyColumnIndex returns the index of the sheet's currency column
// (SheetFormat.CurrencyColumn), or -1 when it has none.
func (s *Sheet) CurrencyColumnIndex() int {
	if s.Format == nil || s.Format.CurrencyColumn == "" {
		return -1
	}
	return s.ColumnIndex(s.Format.CurrencyColumn)
}

// RowCurrency returns the ISO 4217 code of the money in column c of row r:
// the column's Currency, or else the text in column cur (the
// CurrencyColumnIndex, -1 for none) of the same row, or "".
func (s *Sheet) RowCurrency(r Row, c, cur int) string {
	if code := s.Columns[c].Currency; code != "" || cur < 0 || cur >= len(r) {
		return code
	}
	return r[cur].Str()
}

// CheckFormat reports a SheetFormat that names a column the sheet does not
// have, a currency column that is not text, total rows out of range or
// order, a colour scale or data bar on a Mixed column, or money in a Mixed
// column of a sheet without a currency column. Renderers call it before writing.
func (s *Sheet) CheckFormat() error {
	f := s.Format
	if f == nil {
		return s.checkMixedMoney()
	}
	if f.CurrencyColumn != "" {
		i := s.ColumnIndex(f.CurrencyColumn)
		if i < 0 {
			return fmt.Errorf("sheet %q: unknown currency column %q", s.Name, f.CurrencyColumn)
		}
		if s.Columns[i].Type != ColText {
			return fmt.Errorf("sheet %q: currency column %q is %s, not text", s.Name, f.CurrencyColumn, s.Columns[i].Type)
		}
	}
	if f.LabelColumns < 0 || f.LabelColumns >= len(s.Columns) {
		return fmt.Errorf("sheet %q: %d label columns of %d", s.Name, f.LabelColumns, len(s.Columns))
	}
	if err := s.checkMixedMoney(); err != nil {
		return err
	}
	prev := -1
	for _, t := range f.TotalRows {
		if t <= prev || t >= s.Len() {
			return fmt.Errorf("sheet %q: total row %d out of order or range", s.Name, t)
		}
		prev = t
	}
	for _, cf := range f.Conditional {
		ci := s.ColumnIndex(cf.Column)
		if ci < 0 {
			return fmt.Errorf("sheet %q: conditional format on unknown column %q", s.Name, cf.Column)
		}
		ti := ci
		if cf.ToColumn != "" {
			if ti = s.ColumnIndex(cf.ToColumn); ti < ci {
				return fmt.Errorf("sheet %q: conditional format from column %q to %q, which is unknown or before it", s.Name, cf.Column, cf.ToColumn)
			}
		}
		if cf.Kind == SignColours {
			continue
		}
		for c := ci; c <= ti; c++ {
			if s.Columns[c].Type == ColMixed {
				return fmt.Errorf("sheet %q: %s on mixed column %q: a scale or bar needs values of one kind", s.Name, cf.Kind, s.Columns[c].Name)
			}
		}
	}
	return nil
}

// checkMixedMoney refuses money in a Mixed column of a sheet without a
// currency column: a Mixed column has no currency of its own, so the
// amount's currency would be unknown. It checks the AddRow rows and the
// totals row; EachRow checks a row source's rows as they come.
func (s *Sheet) checkMixedMoney() error {
	if s.CurrencyColumnIndex() >= 0 {
		return nil
	}
	for i, r := range s.rows {
		if err := s.mixedMoney(i, r); err != nil {
			return err
		}
	}
	if s.Totals != nil {
		return s.mixedMoney(-1, s.Totals)
	}
	return nil
}

// mixedMoney returns an error for money in a Mixed column of row r (row i,
// -1 for the totals row) when the sheet has no currency column.
func (s *Sheet) mixedMoney(i int, r Row) error {
	if s.CurrencyColumnIndex() >= 0 {
		return nil
	}
	for c, v := range r {
		if c < len(s.Columns) && s.Columns[c].Type == ColMixed && v.kind == KindMoney {
			where := fmt.Sprintf("row %d", i+1)
			if i < 0 {
				where = "totals row"
			}
			return fmt.Errorf("sheet %q %s column %q: money in a mixed column needs a currency column (SheetFormat.CurrencyColumn)", s.Name, where, s.Columns[c].Name)
		}
	}
	return nil
}

// CondKind is the kind of a conditional format.
type CondKind uint8

// Conditional format kinds.
const (
	// ColourScale fills each cell on a scale from white (the column's
	// lowest value) to Colour (its highest): AR aging buckets, larger
	// amounts warmer.
	ColourScale CondKind = iota
	// DataBar draws a bar in each cell proportional to its value.
	DataBar
	// SignColours colours a change or percent column by sign: good news
	// green, bad news red, by Better (BetterUp: a rise is good;
	// BetterDown: a fall is good; BetterNeutral: no colour). Zero and
	// empty cells are not coloured.
	SignColours
)

// String returns the kind's name.
func (k CondKind) String() string {
	switch k {
	case ColourScale:
		return "colour-scale"
	case DataBar:
		return "data-bar"
	case SignColours:
		return "sign-colours"
	}
	return "unknown"
}

// CondFormat is a conditional format on one column's data rows, or on a
// run of columns.
type CondFormat struct {
	Column string // column name
	// ToColumn, when not "", names the last column of a run of columns
	// from Column to it (in sheet order) that the format covers as one
	// range: a grid of periods, say. Text cells in the run are left alone.
	ToColumn string
	// PerRow puts each data row on its own colour scale or bar length
	// (ColourScale and DataBar), across the run of columns: each client's
	// series is shaded against its own lowest and highest value, not the
	// whole sheet's. Without it the scale spans every data row.
	PerRow bool
	Kind   CondKind
	// Better is the direction of good news: for SignColours which sign is
	// green, and for ColourScale and DataBar the default Colour (BetterUp
	// green, BetterDown red, BetterNeutral blue).
	Better Better
	// Colour is the "RRGGBB" colour of the scale's high end or of the
	// bars; "" means the default for Better.
	Colour string
}

// Default colours of conditional formats, "RRGGBB".
const (
	ColourGood    = "63BE7B" // green
	ColourBad     = "F8696B" // red
	ColourNeutral = "5A8AC6" // blue
)

// HighColour returns cf.Colour or the default for cf.Better.
func (cf CondFormat) HighColour() string {
	if cf.Colour != "" {
		return cf.Colour
	}
	switch cf.Better {
	case BetterUp:
		return ColourGood
	case BetterDown:
		return ColourBad
	}
	return ColourNeutral
}
