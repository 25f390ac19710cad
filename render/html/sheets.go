package html

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/careport/careport/reports/model"
)

// DefaultMaxRows is how many data rows a table shows: a sheet with more
// (a ledger, the data points) shows its first DefaultMaxRows and says
// "first N of M rows; the workbook has them all". Totals rows are always
// shown.
const DefaultMaxRows = 200

// maxCellRunes is the most characters a table cell shows; longer text is
// cut with a marker, and the page's notes count such cells.
const maxCellRunes = 2000

// cutMarker ends text cut to maxCellRunes.
const cutMarker = "… [cut: the workbook and the CSV files have the whole text]"

// collected is the part of a sheet the page uses: its first data rows,
// all its totals rows (block totals, then the Totals row) and the number
// of data rows there are.
type collected struct {
	data   []model.Row
	totals []model.Row
	count  int // data rows of the sheet, block totals not counted
}

// errEnough stops a sheet's rows once the page has what it shows.
var errEnough = errors.New("enough rows")

// collect reads the first keep data rows of s and every totals row. It
// stops reading a row source early once it has them, unless a block total
// row lies further on.
func collect(ctx context.Context, s *model.Sheet, keep int) (*collected, error) {
	c := &collected{}
	var marks []int
	if s.Format != nil {
		marks = s.Format.TotalRows
	}
	c.count = s.Len() - len(marks)
	lastMark := -1
	if len(marks) > 0 {
		lastMark = marks[len(marks)-1]
	}
	err := s.EachRow(ctx, func(i int, r model.Row) error {
		if len(marks) > 0 && marks[0] == i {
			marks = marks[1:]
			c.totals = append(c.totals, copyRow(r))
		} else if len(c.data) < keep {
			c.data = append(c.data, copyRow(r))
		}
		if len(c.data) >= keep && i >= lastMark {
			return errEnough
		}
		return nil
	})
	if err != nil && !errors.Is(err, errEnough) {
		return nil, err
	}
	if s.Totals != nil {
		c.totals = append(c.totals, s.Totals)
	}
	return c, nil
}

func copyRow(r model.Row) model.Row {
	out := make(model.Row, len(r))
	copy(out, r)
	return out
}

// colView is a table header cell.
type colView struct {
	Name  string
	Num   bool // right-aligned: a number or date column
	Label bool // stays in view when the table scrolls sideways
}

// cellView is one table cell: its text and CSS classes.
type cellView struct {
	Text  string
	Class string
}

// sheetView is one sheet's section of the page.
type sheetView struct {
	ID      string
	Name    string
	Caption string
	Columns []colView
	Rows    [][]cellView
	Totals  [][]cellView
	Tall    bool // many rows: the table scrolls in its own box
	Wide    bool // many columns: the label column stays in view
	Charts  []chartView
}

// tableStats counts what the page changed to show a table.
type tableStats struct {
	cut int // text cells cut to maxCellRunes
}

// sheetTable builds the table of s from its collected rows, showing at
// most maxRows data rows.
func sheetTable(s *model.Sheet, c *collected, maxRows int, shades *shadeSet, st *tableStats) sheetView {
	sv := sheetView{Name: s.Name}
	for _, col := range s.Columns {
		sv.Columns = append(sv.Columns, colView{Name: col.Name, Num: col.Type != model.ColText})
	}
	rows := c.data
	if len(rows) > maxRows {
		rows = rows[:maxRows]
	}
	switch {
	case c.count == 0:
		sv.Caption = "No rows."
	case c.count > len(rows):
		sv.Caption = fmt.Sprintf("First %s of %s rows; the workbook has them all.",
			groupDigits(fmt.Sprint(len(rows))), groupDigits(fmt.Sprint(c.count)))
	}
	cur := s.CurrencyColumnIndex()
	classes := condClasses(s, rows, cur, shades)
	sv.Wide = len(s.Columns) > 6
	label := labelColumn(s)
	cell := func(r model.Row, ci int, extra string) cellView {
		col := s.Columns[ci]
		// A Mixed column's cell reads as a cell of its value's kind.
		typ := col.CellType(r[ci])
		text := Cell(typ, s.RowCurrency(r, ci, cur), r[ci])
		if len(text) > maxCellRunes && utf8.RuneCountInString(text) > maxCellRunes {
			text = string([]rune(text)[:maxCellRunes]) + cutMarker
			st.cut++
		}
		cls := "n"
		if typ == model.ColText {
			// Names and codes stay on one line; sentences wrap.
			cls = "t"
			if len(text) > shortText && utf8.RuneCountInString(text) > shortText {
				cls = "tw"
			}
		}
		if sv.Wide && ci == label {
			cls += " lbl"
		}
		if extra != "" {
			cls += " " + extra
		}
		return cellView{Text: text, Class: cls}
	}
	sv.Rows = make([][]cellView, len(rows))
	for i, r := range rows {
		line := make([]cellView, len(r))
		for ci := range r {
			extra := ""
			if classes != nil {
				extra = classes[i][ci]
			}
			line[ci] = cell(r, ci, extra)
		}
		sv.Rows[i] = line
	}
	for _, r := range c.totals {
		line := make([]cellView, len(r))
		for ci := range r {
			line[ci] = cell(r, ci, "")
		}
		sv.Totals = append(sv.Totals, line)
	}
	sv.Tall = len(rows) > 30
	if sv.Wide && label >= 0 {
		sv.Columns[label].Label = true
	}
	return sv
}

// shortText is the most characters of a text cell kept on one line.
const shortText = 40

// labelColumn is the column of a wide table that stays in view when it
// scrolls sideways: the last of the sheet's label columns (a rank and a
// coach: the coach), or else the first column when it is text; -1 for
// none.
func labelColumn(s *model.Sheet) int {
	if s.Format != nil && s.Format.LabelColumns > 0 {
		return s.Format.LabelColumns - 1
	}
	if len(s.Columns) > 0 && s.Columns[0].Type == model.ColText {
		return 0
	}
	return -1
}

// Conditional formats become CSS classes: sign colours the good and bad
// classes of the KPI cards; colour scales and data bars one of
// shadeLevels steps of the format's colour, whose rules the page's style
// sheet gets (no style attributes: the page's Content-Security-Policy
// allows its one style block only). Scales and bars span the rows shown,
// within each currency's rows for money whose currency varies by row, and each
// row on its own where the format says PerRow, as in the workbook.
const shadeLevels = 10

// shadeSet collects the colours of the page's colour scales and data bars.
type shadeSet struct {
	colours []string // "RRGGBB", in order of first use
}

// index returns the number of colour hex (RRGGBB) in the set.
func (ss *shadeSet) index(hex string) int {
	for i, c := range ss.colours {
		if c == hex {
			return i
		}
	}
	ss.colours = append(ss.colours, hex)
	return len(ss.colours) - 1
}

// css returns the style rules of the set's classes: .csK-L is level L of
// colour K as a fill, .dbK-L a bar of L tenths of the cell's width.
func (ss *shadeSet) css() string {
	var b strings.Builder
	for k, hex := range ss.colours {
		r, g, bl := rgb(hex)
		for l := 1; l <= shadeLevels; l++ {
			a := 0.08 + 0.52*float64(l)/shadeLevels
			fmt.Fprintf(&b, ".cs%d-%d{background-color:rgba(%d,%d,%d,%.2f)}\n", k, l, r, g, bl, a)
			pct := 100 * l / shadeLevels
			fmt.Fprintf(&b, ".db%d-%d{background-image:linear-gradient(90deg,rgba(%d,%d,%d,.55) %d%%,transparent %d%%)}\n", k, l, r, g, bl, pct, pct)
		}
	}
	return b.String()
}

// rgb parses "RRGGBB"; anything else is the neutral blue.
func rgb(hex string) (int, int, int) {
	var r, g, b int
	if len(hex) == 6 {
		if _, err := fmt.Sscanf(hex, "%02x%02x%02x", &r, &g, &b); err == nil {
			return r, g, b
		}
	}
	return 0x5A, 0x8A, 0xC6
}

// condClasses returns the extra classes of each shown cell, or nil when
// the sheet has no conditional formats.
func condClasses(s *model.Sheet, rows []model.Row, cur int, shades *shadeSet) [][]string {
	if s.Format == nil || len(s.Format.Conditional) == 0 || len(rows) == 0 {
		return nil
	}
	out := make([][]string, len(rows))
	for i := range out {
		out[i] = make([]string, len(s.Columns))
	}
	add := func(i, c int, cls string) {
		if out[i][c] == "" {
			out[i][c] = cls
		} else {
			out[i][c] += " " + cls
		}
	}
	for _, cf := range s.Format.Conditional {
		first := s.ColumnIndex(cf.Column)
		last := first
		if cf.ToColumn != "" {
			last = s.ColumnIndex(cf.ToColumn)
		}
		if first < 0 || last < first {
			continue // CheckFormat refused these before
		}
		var cols []int
		for c := first; c <= last; c++ {
			if s.Columns[c].Type != model.ColText {
				cols = append(cols, c)
			}
		}
		if cf.Kind == model.SignColours {
			for i, r := range rows {
				for _, c := range cols {
					if cls := signClass(r[c], cf.Better); cls != "" {
						add(i, c, cls)
					}
				}
			}
			continue
		}
		prefix := "cs"
		if cf.Kind == model.DataBar {
			prefix = "db"
		}
		k := shades.index(cf.HighColour())
		// Groups of rows scaled together: each row (PerRow), or each
		// currency's rows, or all of them.
		perCurrency := cur >= 0 && s.Columns[first].Type == model.ColMoney && s.Columns[first].Currency == ""
		groupOf := func(i int) string {
			switch {
			case cf.PerRow:
				return fmt.Sprint(i)
			case perCurrency:
				return rows[i][cur].Str()
			}
			return ""
		}
		lo, hi := map[string]float64{}, map[string]float64{}
		for i, r := range rows {
			g := groupOf(i)
			for _, c := range cols {
				if !numeric(r[c]) {
					continue
				}
				x := r[c].Float()
				if l, ok := lo[g]; !ok || x < l {
					lo[g] = x
				}
				if h, ok := hi[g]; !ok || x > h {
					hi[g] = x
				}
			}
		}
		for i, r := range rows {
			g := groupOf(i)
			for _, c := range cols {
				if !numeric(r[c]) {
					continue
				}
				x, l, h := r[c].Float(), lo[g], hi[g]
				if cf.Kind == model.DataBar {
					// A bar grows from zero: its length is the value's
					// share of the highest; zero and below have none.
					l = 0
				}
				if h <= l || x <= l {
					continue
				}
				level := int(math.Round(float64(shadeLevels) * (x - l) / (h - l)))
				if level > 0 {
					add(i, c, fmt.Sprintf("%s%d-%d", prefix, k, min(level, shadeLevels)))
				}
			}
		}
	}
	return out
}

func numeric(v model.Value) bool {
	switch v.Kind() {
	case model.KindInt, model.KindMoney, model.KindNumber, model.KindPercent:
		return true
	}
	return false
}

// signClass is the class of a cell coloured by sign: good or bad news by
// the direction better, none for zero, empty or neutral.
func signClass(v model.Value, better model.Better) string {
	if !numeric(v) || better == model.BetterNeutral {
		return ""
	}
	s := 0
	switch f := v.Float(); {
	case f > 0:
		s = 1
	case f < 0:
		s = -1
	}
	if better == model.BetterDown {
		s = -s
	}
	switch s {
	case 1:
		return "good"
	case -1:
		return "bad"
	}
	return ""
}
