// Package xlsx renders a report model as an Excel workbook with excelize.
//
// Every data sheet is written through excelize's StreamWriter, so memory
// stays flat however many rows the model's row source yields (apart from
// excelize assembling the finished zip in memory when it saves). Each data
// sheet has a bold, filled, frozen header row with an autofilter, column
// widths fitted to the header and the first rows, typed cells (numbers,
// money and percents as numbers, dates and date-times as Excel serial dates
// with ISO date formats, text always as inline text, never a formula), an
// optional bold totals row with a top border, native charts and a native
// pivot table where the model asks. A "Notes" sheet comes last.
//
// Limits handled deliberately:
//   - A sheet with more rows than Options.MaxRows (Excel's 1,048,576 with the
//     header) continues on sheets named "<name> (2)", "<name> (3)", ...,
//     each with the header; the Notes sheet says so.
//   - Text longer than Excel's 32,767-character cell limit is cut to fit and
//     ends with "… [truncated]"; control characters other than tab, line
//     feed and carriage return, which XML 1.0 cannot carry, become U+FFFD.
//     The Notes sheet counts both. (The CSV renderer keeps such text whole.)
//   - Sheet names are made valid and unique: at most 31 characters, none of
//     []:*?/\! (replaced by "_"), quotes replaced by ’, duplicates (compared
//     case-insensitively) suffixed " (2)".
//   - Charts and the pivot table cover the first worksheet of a continued
//     sheet, and are left out for a sheet with no rows.
package xlsx

import (
	"context"
	"fmt"
	"io"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/careport/careport/render/atomicfile"
	"github.com/careport/careport/reports/model"
	"github.com/xuri/excelize/v2"
)

// ExcelMaxRows is the number of rows an Excel worksheet holds.
const ExcelMaxRows = 1_048_576

// maxCellText is Excel's limit on the text of one cell, in UTF-16 units.
const maxCellText = 32_767

// truncMarker ends text cut to fit maxCellText.
const truncMarker = "… [truncated]"

// Options tunes the renderer; the zero value gives Excel's limits.
type Options struct {
	// MaxRows is the most rows a worksheet gets, header and totals
	// included; 0 means ExcelMaxRows. Values below 2 are raised to 2.
	MaxRows int
	// WidthSampleRows is how many leading rows column widths are fitted
	// to; 0 means 100.
	WidthSampleRows int
	// MaxColWidth caps fitted column widths, in characters; 0 means 60.
	MaxColWidth float64
}

func (o Options) withDefaults() Options {
	if o.MaxRows <= 0 || o.MaxRows > ExcelMaxRows {
		o.MaxRows = ExcelMaxRows
	}
	o.MaxRows = max(o.MaxRows, 2)
	if o.WidthSampleRows <= 0 {
		o.WidthSampleRows = 100
	}
	if o.MaxColWidth <= 0 {
		o.MaxColWidth = 60
	}
	return o
}

// WriteFile renders r to path atomically: the workbook appears at path
// complete, or on any error or cancellation not at all.
func WriteFile(ctx context.Context, path string, r *model.Report, opts Options) error {
	return atomicfile.Write(ctx, path, 0o644, func(w io.Writer) error {
		return Write(ctx, w, r, opts)
	})
}

// Write renders r as an XLSX workbook to w. It stops with ctx's error when
// ctx ends, and fails on a sheet whose rows do not match its columns, a
// row source error, or a chart or pivot naming an unknown column. Nothing
// is written to w unless the whole workbook was built.
func Write(ctx context.Context, w io.Writer, r *model.Report, opts Options) (err error) {
	opts = opts.withDefaults()
	if r == nil {
		return fmt.Errorf("xlsx: nil report")
	}
	for i, s := range r.Sheets {
		if s == nil {
			return fmt.Errorf("sheet %d: nil", i+1)
		}
		if len(s.Columns) == 0 {
			return fmt.Errorf("sheet %q: no columns", s.Name)
		}
		if err := s.Err(); err != nil {
			return err
		}
	}
	layout := Plan(r, opts)
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("close workbook: %w", cerr)
		}
	}()
	if err := createSheets(f, layout); err != nil {
		return err
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	wr := &writer{r: r, f: f, st: st, opts: opts, layout: layout}
	for si, s := range r.Sheets {
		if err := wr.sheet(ctx, si, s); err != nil {
			return err
		}
	}
	if err := writeNotes(f, st, r, layout, wr.stats); err != nil {
		return fmt.Errorf("notes sheet: %w", err)
	}
	if err := setDocProps(f, r); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	return nil
}

// createSheets creates every worksheet in workbook order: data parts, pivot
// sheets, notes.
func createSheets(f *excelize.File, l Layout) error {
	var names []string
	for _, p := range l.Parts {
		names = append(names, p.Name)
	}
	for _, n := range l.Pivot {
		if n != "" {
			names = append(names, n)
		}
	}
	names = append(names, l.Notes)
	if err := f.SetSheetName("Sheet1", names[0]); err != nil {
		return fmt.Errorf("create sheet %q: %w", names[0], err)
	}
	for _, n := range names[1:] {
		if _, err := f.NewSheet(n); err != nil {
			return fmt.Errorf("create sheet %q: %w", n, err)
		}
	}
	return nil
}

func setDocProps(f *excelize.File, r *model.Report) error {
	created := r.GeneratedAt.UTC().Format(time.RFC3339)
	subject := r.Account
	if r.Period.Label != "" {
		subject += " " + r.Period.Label
	}
	err := f.SetDocProps(&excelize.DocProperties{
		Title:          r.Title,
		Subject:        subject,
		Creator:        "careport",
		LastModifiedBy: "careport",
		Created:        created,
		Modified:       created,
		Description:    "Data as of " + r.DataTime.UTC().Format(time.RFC3339),
	})
	if err != nil {
		return fmt.Errorf("document properties: %w", err)
	}
	return nil
}

// stats counts what the renderer changed to fit Excel's limits.
type stats struct {
	truncated   int // text cells cut to maxCellText
	replaced    int // text cells with control characters replaced
	skippedPivs []string
}

// writer holds the state of one Write call.
type writer struct {
	r      *model.Report
	f      *excelize.File
	st     *styles
	opts   Options
	layout Layout
	stats  stats
}

// sheetState is the state of one model sheet being streamed.
type sheetState struct {
	s       *model.Sheet
	parts   []Part
	part    int // index into parts of the open part; -1 before the first
	sw      *excelize.StreamWriter
	styles  []int // body style per column
	totals  []int // totals style per column
	widths  []float64
	row     []any // reused cell values for SetRow
	sample  []model.Row
	lastCol string
}

func (w *writer) sheet(ctx context.Context, si int, s *model.Sheet) error {
	ss := &sheetState{s: s, part: -1, row: make([]any, len(s.Columns))}
	for _, p := range w.layout.Parts {
		if p.Sheet == si {
			ss.parts = append(ss.parts, p)
		}
	}
	var err error
	ss.lastCol, err = excelize.ColumnNumberToName(len(s.Columns))
	if err != nil {
		return fmt.Errorf("sheet %q: %w", s.Name, err)
	}
	for _, c := range s.Columns {
		id, err := w.st.cell(c, false)
		if err != nil {
			return err
		}
		tid, err := w.st.cell(c, true)
		if err != nil {
			return err
		}
		ss.styles = append(ss.styles, id)
		ss.totals = append(ss.totals, tid)
	}
	err = s.EachRow(ctx, func(i int, r model.Row) error {
		if ss.part < 0 {
			if len(ss.sample) < w.opts.WidthSampleRows {
				ss.sample = append(ss.sample, copyRow(r))
				return nil
			}
			if err := w.startSheet(ctx, si, ss); err != nil {
				return err
			}
		}
		return w.emit(ss, i, r)
	})
	if err != nil {
		return err
	}
	if ss.part < 0 {
		if err := w.startSheet(ctx, si, ss); err != nil {
			return err
		}
	}
	for ss.part < len(ss.parts)-1 { // a part holding only the totals row
		if err := w.nextPart(ss); err != nil {
			return err
		}
	}
	return w.endPart(ss)
}

func copyRow(r model.Row) model.Row {
	out := make(model.Row, len(r))
	copy(out, r)
	return out
}

// startSheet fits column widths to the sampled rows, opens the first part
// and writes the sampled rows.
func (w *writer) startSheet(ctx context.Context, si int, ss *sheetState) error {
	ss.widths = fitWidths(ss.s, ss.sample, w.opts.MaxColWidth)
	if err := w.prepareFirstPart(ctx, si, ss); err != nil {
		return err
	}
	if err := w.openPart(ss, 0); err != nil {
		return err
	}
	for i, r := range ss.sample {
		if err := w.emit(ss, i, r); err != nil {
			return err
		}
	}
	ss.sample = nil
	return nil
}

// nextPart closes the open part and opens the next one.
func (w *writer) nextPart(ss *sheetState) error {
	if err := w.endPart(ss); err != nil {
		return err
	}
	return w.openPart(ss, ss.part+1)
}

// prepareFirstPart adds charts and the pivot table, which excelize must add
// in normal mode before the first part's stream writer is opened.
func (w *writer) prepareFirstPart(ctx context.Context, si int, ss *sheetState) error {
	p := ss.parts[0]
	s := ss.s
	if p.Rows == 0 {
		if s.Pivot != nil {
			w.stats.skippedPivs = append(w.stats.skippedPivs, s.Name)
		}
		return nil
	}
	for ci, ch := range s.Charts {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := w.addChart(ss, ci, ch); err != nil {
			return fmt.Errorf("sheet %q chart %q: %w", s.Name, ch.Title, err)
		}
	}
	lastRow := p.Rows + 1
	if s.Pivot != nil {
		if err := w.addPivot(ss, w.layout.Pivot[si], lastRow); err != nil {
			return fmt.Errorf("sheet %q pivot: %w", s.Name, err)
		}
	}
	return nil
}

func quoteSheet(name string) string {
	return "'" + name + "'" // names never contain a quote: cleanSheetName
}

// chartData finds the sheet a chart draws: its model sheet, and the name and
// data-row count of its first worksheet.
func (w *writer) chartData(ss *sheetState, ch model.Chart) (*model.Sheet, string, int, error) {
	if ch.Data == "" || ch.Data == ss.s.Name {
		return ss.s, ss.parts[0].Name, ss.parts[0].Rows, nil
	}
	for si, s := range w.r.Sheets {
		if s == nil || s.Name != ch.Data {
			continue
		}
		for _, p := range w.layout.Parts {
			if p.Sheet == si {
				return s, p.Name, p.Rows, nil
			}
		}
	}
	return nil, "", 0, fmt.Errorf("unknown data sheet %q", ch.Data)
}

func (w *writer) addChart(ss *sheetState, ci int, ch model.Chart) error {
	data, dataName, rows, err := w.chartData(ss, ch)
	if err != nil {
		return err
	}
	if rows == 0 {
		return nil // nothing to draw; an empty series range would need repair
	}
	sheetRef := quoteSheet(dataName)
	lastRow := rows + 1
	cat := data.ColumnIndex(ch.Category)
	if cat < 0 {
		return fmt.Errorf("unknown category column %q", ch.Category)
	}
	catCol, _ := excelize.ColumnNumberToName(cat + 1)
	var series []excelize.ChartSeries
	for _, v := range ch.Values {
		vi := data.ColumnIndex(v)
		if vi < 0 {
			return fmt.Errorf("unknown value column %q", v)
		}
		col, _ := excelize.ColumnNumberToName(vi + 1)
		series = append(series, excelize.ChartSeries{
			Name:       fmt.Sprintf("%s!$%s$1", sheetRef, col),
			Categories: fmt.Sprintf("%s!$%s$2:$%s$%d", sheetRef, catCol, catCol, lastRow),
			Values:     fmt.Sprintf("%s!$%s$2:$%s$%d", sheetRef, col, col, lastRow),
		})
	}
	if len(series) == 0 {
		return fmt.Errorf("no value columns")
	}
	var kind excelize.ChartType
	switch ch.Kind {
	case model.ChartColumn:
		kind = excelize.Col
	case model.ChartBar:
		kind = excelize.Bar
	case model.ChartLine:
		kind = excelize.Line
	case model.ChartPie:
		kind = excelize.Pie
	default:
		return fmt.Errorf("unknown chart kind %d", ch.Kind)
	}
	// A chart of the sheet's own rows sits to their right; a chart of
	// another sheet's rows sits below this sheet's table, where a reader of
	// a summary looks next.
	anchorCol, _ := excelize.ColumnNumberToName(len(ss.s.Columns) + 2)
	anchor := fmt.Sprintf("%s%d", anchorCol, 2+ci*22)
	if data != ss.s {
		anchor = fmt.Sprintf("A%d", ss.parts[0].Rows+4+ci*22)
	}
	return w.f.AddChart(ss.parts[0].Name, anchor, &excelize.Chart{
		Type:   kind,
		Series: series,
		Title:  excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: ch.Title}}},
		Format: excelize.GraphicOptions{OffsetX: 10},
		Legend: excelize.ChartLegend{Position: "bottom"},
	})
}

func (w *writer) addPivot(ss *sheetState, pivotSheet string, lastRow int) error {
	sp := ss.s.Pivot
	for _, name := range []string{sp.Rows, sp.Data} {
		if ss.s.ColumnIndex(name) < 0 {
			return fmt.Errorf("unknown column %q", name)
		}
	}
	if sp.Columns != "" && ss.s.ColumnIndex(sp.Columns) < 0 {
		return fmt.Errorf("unknown column %q", sp.Columns)
	}
	name := ss.parts[0].Name
	// AddPivotTable reads the header names from the data sheet, which is
	// still in normal mode; the stream writer later rewrites row 1.
	for ci, c := range ss.s.Columns {
		cell, _ := excelize.CoordinatesToCellName(ci+1, 1)
		if err := w.f.SetCellStr(name, cell, c.Name); err != nil {
			return fmt.Errorf("header %s: %w", cell, err)
		}
	}
	sub, label := "Sum", "Sum of "
	if sp.Summarize == model.SummarizeCount {
		sub, label = "Count", "Count of "
	}
	opts := &excelize.PivotTableOptions{
		DataRange:       fmt.Sprintf("%s!$A$1:$%s$%d", name, ss.lastCol, lastRow),
		PivotTableRange: fmt.Sprintf("%s!$A$3:$%s$%d", pivotSheet, "H", 30),
		Rows:            []excelize.PivotTableField{{Data: sp.Rows, DefaultSubtotal: true}},
		Data: []excelize.PivotTableField{{
			Data: sp.Data, Name: label + sp.Data, Subtotal: sub,
			NumFmt: pivotNumFmt(ss.s.Columns[ss.s.ColumnIndex(sp.Data)], sp.Summarize),
		}},
		RowGrandTotals:      true,
		ColGrandTotals:      true,
		ShowDrill:           true,
		ShowRowHeaders:      true,
		ShowColHeaders:      true,
		ShowLastColumn:      true,
		PivotTableStyleName: "PivotStyleLight16",
	}
	if sp.Columns != "" {
		opts.Columns = []excelize.PivotTableField{{Data: sp.Columns, DefaultSubtotal: true}}
	}
	if err := w.f.AddPivotTable(opts); err != nil {
		return fmt.Errorf("add pivot table: %w", err)
	}
	return nil
}

// pivotNumFmt returns a built-in number format id for a pivot's data field:
// #,##0.00 for money sums, #,##0 otherwise.
func pivotNumFmt(c model.Column, s model.Summarize) int {
	if s == model.SummarizeSum && c.Type == model.ColMoney {
		return 4
	}
	return 3
}

// openPart opens part k: dimension, stream writer, widths, column styles,
// frozen header, autofilter, header row.
func (w *writer) openPart(ss *sheetState, k int) error {
	ss.part = k
	p := ss.parts[k]
	last := p.Rows + 1
	if p.Totals {
		last++
	}
	if err := w.f.SetSheetDimension(p.Name, fmt.Sprintf("A1:%s%d", ss.lastCol, last)); err != nil {
		return fmt.Errorf("sheet %q dimension: %w", p.Name, err)
	}
	sw, err := w.f.NewStreamWriter(p.Name)
	if err != nil {
		return fmt.Errorf("sheet %q stream: %w", p.Name, err)
	}
	ss.sw = sw
	for ci, wd := range ss.widths {
		if err := sw.SetColWidth(ci+1, ci+1, wd); err != nil {
			return fmt.Errorf("sheet %q width: %w", p.Name, err)
		}
		if err := sw.SetColStyle(ci+1, ci+1, ss.styles[ci]); err != nil {
			return fmt.Errorf("sheet %q column style: %w", p.Name, err)
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return fmt.Errorf("sheet %q panes: %w", p.Name, err)
	}
	if err := w.f.AutoFilter(p.Name, fmt.Sprintf("A1:%s%d", ss.lastCol, max(p.Rows+1, 2)), nil); err != nil {
		return fmt.Errorf("sheet %q autofilter: %w", p.Name, err)
	}
	for ci, c := range ss.s.Columns {
		ss.row[ci] = excelize.Cell{StyleID: w.st.header, Value: w.text(c.Name)}
	}
	if err := sw.SetRow("A1", ss.row); err != nil {
		return fmt.Errorf("sheet %q header: %w", p.Name, err)
	}
	return nil
}

// endPart writes the totals row if it belongs to the open part and flushes.
func (w *writer) endPart(ss *sheetState) error {
	p := ss.parts[ss.part]
	if p.Totals {
		for ci, v := range ss.s.Totals {
			ss.row[ci] = excelize.Cell{StyleID: ss.totals[ci], Value: w.cellValue(v)}
		}
		cell, _ := excelize.CoordinatesToCellName(1, p.Rows+2)
		if err := ss.sw.SetRow(cell, ss.row); err != nil {
			return fmt.Errorf("sheet %q totals: %w", p.Name, err)
		}
	}
	if err := ss.sw.Flush(); err != nil {
		return fmt.Errorf("sheet %q flush: %w", p.Name, err)
	}
	return nil
}

// emit writes data row i, first moving to the next part when the open one
// is full.
func (w *writer) emit(ss *sheetState, i int, r model.Row) error {
	if i >= ss.parts[ss.part].FirstRow+w.opts.MaxRows-1 {
		if err := w.nextPart(ss); err != nil {
			return err
		}
	}
	return w.writeRow(ss, i, r)
}

// writeRow writes data row i (0-based over the whole model sheet).
func (w *writer) writeRow(ss *sheetState, i int, r model.Row) error {
	p := ss.parts[ss.part]
	for ci, v := range r {
		ss.row[ci] = w.cellValue(v)
	}
	cell, err := excelize.CoordinatesToCellName(1, i-p.FirstRow+2)
	if err != nil {
		return fmt.Errorf("sheet %q row %d: %w", p.Name, i+1, err)
	}
	if err := ss.sw.SetRow(cell, ss.row); err != nil {
		return fmt.Errorf("sheet %q row %d: %w", p.Name, i+1, err)
	}
	return nil
}

// cellValue converts a model value to what the stream writer takes: money
// and percents become float64 here, as the very last step.
func (w *writer) cellValue(v model.Value) any {
	switch v.Kind() {
	case model.KindText:
		return w.text(v.Str())
	case model.KindInt:
		return v.Int()
	case model.KindMoney, model.KindPercent:
		return v.Float()
	case model.KindTime:
		return v.Time()
	}
	return nil
}

// text fits s into a cell: control characters XML cannot carry become
// U+FFFD and text over Excel's limit is cut with a marker.
func (w *writer) text(s string) string {
	if hasBadControl(s) {
		w.stats.replaced++
		b := []rune(s)
		for i, r := range b {
			if isBadControl(r) {
				b[i] = utf8.RuneError
			}
		}
		s = string(b)
	}
	if len(s) > maxCellText/2 && utf16Len(s) > maxCellText {
		w.stats.truncated++
		s = truncUTF16(s, maxCellText-utf16Len(truncMarker)) + truncMarker
	}
	return s
}

func isBadControl(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0xFFFE || r == 0xFFFF
}

func hasBadControl(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return true
		}
		// U+FFFE and U+FFFF are EF BF BE and EF BF BF in UTF-8.
		if c == 0xEF && i+2 < len(s) && s[i+1] == 0xBF && s[i+2] >= 0xBE {
			return true
		}
	}
	return false
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += max(utf16.RuneLen(r), 1)
	}
	return n
}
