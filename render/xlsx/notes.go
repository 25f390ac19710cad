package xlsx

import (
	"fmt"
	"time"

	"github.com/careport/careport/render/present"
	"github.com/careport/careport/reports/model"
	"github.com/xuri/excelize/v2"
)

// Notes sheet columns, in characters, and how many characters of text a
// wrapped line holds: a paragraph across both columns, a value in B (a
// little less than the width, as Calibri's letters average about a digit).
const (
	notesWidthA, notesWidthB = 24, 90
	notesParaChars           = 105
	notesValueChars          = 82
)

// writeNotes fills the notes sheet: the report's identity, its notes, and
// what the renderer did to fit Excel's limits. It runs after the data
// sheets so it can count truncated text.
func writeNotes(f *excelize.File, st *styles, r *model.Report, l Layout, s stats) error {
	sheet := l.Notes
	row := 0
	wrap, err := st.get("", kindWrap)
	if err != nil {
		return err
	}
	// Long text wraps inside the sheet's two columns, rows made tall
	// enough, so that it prints at a readable size instead of widening the
	// page: a paragraph across A:B (merged), a long value in B.
	put := func(bold bool, vals ...string) error {
		row++
		for i, v := range vals {
			cell, err := excelize.CoordinatesToCellName(i+1, row)
			if err != nil {
				return err
			}
			if err := f.SetCellStr(sheet, cell, fitText(v)); err != nil {
				return fmt.Errorf("cell %s: %w", cell, err)
			}
			if bold && i == 0 {
				if err := f.SetCellStyle(sheet, cell, cell, st.bold); err != nil {
					return fmt.Errorf("cell %s style: %w", cell, err)
				}
			}
		}
		perLine, wide := notesParaChars, len(vals) == 1 && !bold
		if len(vals) == 2 {
			perLine, wide = notesValueChars, true
		}
		n := 0
		if len(vals) > 0 {
			n = textWidth(vals[len(vals)-1])
		}
		if !wide || n <= perLine {
			return nil
		}
		last := fmt.Sprintf("B%d", row)
		first := last
		if len(vals) == 1 {
			first = fmt.Sprintf("A%d", row)
			if err := f.MergeCell(sheet, first, last); err != nil {
				return fmt.Errorf("merge %s:%s: %w", first, last, err)
			}
		}
		if err := f.SetCellStyle(sheet, first, last, wrap); err != nil {
			return fmt.Errorf("cell %s style: %w", first, err)
		}
		return f.SetRowHeight(sheet, row, float64(15*((n+perLine-1)/perLine)))
	}
	stamp := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format("2006-01-02 15:04:05 MST")
	}
	period := r.Period.Label
	if !r.Period.Start.IsZero() {
		period = fmt.Sprintf("%s (%s to %s)", r.Period.Label, r.Period.Start.Format(time.DateOnly),
			r.Period.End.Add(-time.Nanosecond).Format(time.DateOnly))
	}
	lines := [][]string{
		{r.Title},
		{"Account", r.Account},
		{"Period", period},
		{"Time zone", r.Timezone},
		{"Generated", stamp(r.GeneratedAt)},
		{"Data as of", stamp(r.DataTime)},
	}
	for i, ln := range lines {
		if err := put(i == 0, ln...); err != nil {
			return err
		}
	}
	// The headline figures' definitions, once per figure name.
	defs := present.KPIDefinitions(r)
	if len(defs) > 0 {
		row++
		if err := put(true, "Headline figures"); err != nil {
			return err
		}
		for _, kv := range defs {
			if err := put(false, kv.Key, kv.Value); err != nil {
				return err
			}
		}
	}
	for _, n := range r.Notes {
		row++
		if err := put(true, n.Heading); err != nil {
			return err
		}
		for _, p := range n.Paragraphs {
			if err := put(false, p); err != nil {
				return err
			}
		}
		for _, kv := range n.Items {
			if err := put(false, kv.Key, kv.Value); err != nil {
				return err
			}
		}
	}
	var limits []string
	limits = append(limits, l.Continued...)
	if s.truncated > 0 {
		limits = append(limits, fmt.Sprintf("%d text cells were longer than Excel's %d-character limit and were cut, ending with %q; the CSV export has them whole.", s.truncated, maxCellText, truncMarker))
	}
	if s.replaced > 0 {
		limits = append(limits, fmt.Sprintf("%d text cells held control characters that a workbook cannot store; each was replaced by U+FFFD.", s.replaced))
	}
	limits = append(limits, s.omitted...)
	for _, name := range s.noTable {
		limits = append(limits, fmt.Sprintf("Sheet %q is not an Excel table: its column names are not unique.", name))
	}
	for _, name := range s.skippedPivs {
		limits = append(limits, fmt.Sprintf("Sheet %q has no rows, so it has no pivot table.", name))
	}
	if len(limits) > 0 {
		row++
		if err := put(true, "Workbook limits"); err != nil {
			return err
		}
		for _, m := range limits {
			if err := put(false, m); err != nil {
				return err
			}
		}
	}
	if err := f.SetSheetDimension(sheet, fmt.Sprintf("A1:B%d", row)); err != nil {
		return err
	}
	if err := f.SetColWidth(sheet, "A", "A", notesWidthA); err != nil {
		return err
	}
	if err := f.SetColWidth(sheet, "B", "B", notesWidthB); err != nil {
		return err
	}
	return setupPage(f, r, sheet, pageSetup{})
}

// fitText cuts notes text to Excel's cell limit.
func fitText(s string) string {
	if len(s) > maxCellText/2 && utf16Len(s) > maxCellText {
		return truncUTF16(s, maxCellText-utf16Len(truncMarker)) + truncMarker
	}
	return s
}
