package xlsx

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/careport/careport/reports/model"
	"github.com/xuri/excelize/v2"
)

// condFormats applies the sheet's conditional formats to part p's data
// rows (rows 2 to p.Rows+1; never the totals block), one rule per row for
// a PerRow format. They go on the
// worksheet before its stream writer is flushed, which writes them. On a
// money column whose currency varies by row, each run of rows of one
// currency gets its own rule, so that its scale spans that currency only.
func (w *writer) condFormats(ss *sheetState, p Part) error {
	s := ss.s
	if s.Format == nil || p.Rows == 0 {
		return nil
	}
	for _, cf := range s.Format.Conditional {
		ci := s.ColumnIndex(cf.Column)
		col, _ := excelize.ColumnNumberToName(ci + 1)
		last := col
		if cf.ToColumn != "" {
			last, _ = excelize.ColumnNumberToName(s.ColumnIndex(cf.ToColumn) + 1)
		}
		refs := []string{fmt.Sprintf("%s2:%s%d", col, last, p.Rows+1)}
		switch {
		case cf.PerRow && cf.Kind != model.SignColours:
			// One rule per row, so that each row is its own scale.
			refs = refs[:0]
			for r := 2; r <= p.Rows+1; r++ {
				refs = append(refs, fmt.Sprintf("%s%d:%s%d", col, r, last, r))
			}
		case ss.perRow[ci] && cf.Kind != model.SignColours:
			refs = refs[:0]
			for _, r := range ss.runs {
				refs = append(refs, fmt.Sprintf("%s%d:%s%d", col, r.first, last, r.last))
			}
		}
		high := "#" + hexColour(cf.HighColour())
		var opts []excelize.ConditionalFormatOptions
		switch cf.Kind {
		case model.ColourScale:
			opts = []excelize.ConditionalFormatOptions{{Type: "2_color_scale", Criteria: "=",
				MinType: "min", MaxType: "max", MinColor: "#FFFFFF", MaxColor: high}}
		case model.DataBar:
			opts = []excelize.ConditionalFormatOptions{{Type: "data_bar", Criteria: "=",
				MinType: "min", MaxType: "max", BarColor: high}}
		case model.SignColours:
			if cf.Better == model.BetterNeutral {
				continue
			}
			good, err := w.condStyle(colorGood, fillGood)
			if err != nil {
				return err
			}
			bad, err := w.condStyle(colorBad, fillBad)
			if err != nil {
				return err
			}
			up, down := good, bad
			if cf.Better == model.BetterDown {
				up, down = bad, good
			}
			opts = []excelize.ConditionalFormatOptions{
				{Type: "cell", Criteria: ">", Value: "0", Format: &up},
				{Type: "cell", Criteria: "<", Value: "0", Format: &down},
			}
		default:
			return fmt.Errorf("sheet %q column %q: unknown conditional format kind %d", s.Name, cf.Column, cf.Kind)
		}
		for _, ref := range refs {
			if err := w.f.SetConditionalFormat(p.Name, ref, opts); err != nil {
				return fmt.Errorf("sheet %q column %q %s: %w", s.Name, cf.Column, cf.Kind, err)
			}
		}
	}
	return nil
}

// hexColour keeps the hex digits of an "RRGGBB" colour; anything else
// becomes black.
func hexColour(c string) string {
	c = strings.TrimPrefix(c, "#")
	if len(c) != 6 || strings.Trim(strings.ToUpper(c), "0123456789ABCDEF") != "" {
		return "000000"
	}
	return strings.ToUpper(c)
}

// condStyle returns a cached conditional (differential) style: font colour
// on a fill.
func (w *writer) condStyle(fontColour, fill string) (int, error) {
	key := fontColour + "/" + fill
	if id, ok := w.condStyles[key]; ok {
		return id, nil
	}
	id, err := w.f.NewConditionalStyle(&excelize.Style{
		Font: &excelize.Font{Color: fontColour},
		Fill: excelize.Fill{Type: "pattern", Color: []string{fill}, Pattern: 1},
	})
	if err != nil {
		return 0, fmt.Errorf("conditional style: %w", err)
	}
	w.condStyles[key] = id
	return id, nil
}

// wantsTable reports whether part p of s gets an Excel table: the model
// asks, the part has rows, and the header names are unique
// (case-insensitively), as a table's column names must be. A table
// replaces the sheet's autofilter (a sheet cannot have both over one
// range).
func wantsTable(s *model.Sheet, p Part) bool {
	if s.Format == nil || !s.Format.Table || p.Rows == 0 {
		return false
	}
	seen := make(map[string]bool, len(s.Columns))
	for _, c := range s.Columns {
		k := strings.ToLower(c.Name)
		if k == "" || seen[k] {
			return false
		}
		seen[k] = true
	}
	return true
}

// tableName returns a valid, workbook-unique table name for a worksheet:
// "tbl_" and the sheet name's letters and digits, "_" for the rest.
func (w *writer) tableName(sheet string) string {
	var b strings.Builder
	b.WriteString("tbl_")
	for _, r := range sheet {
		if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	base := b.String()
	name := base
	for i := 2; w.tables[strings.ToLower(name)]; i++ {
		name = fmt.Sprintf("%s_%d", base, i)
	}
	w.tables[strings.ToLower(name)] = true
	return name
}
