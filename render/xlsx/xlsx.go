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
// A report with KPIs gets a front page, the first sheet "Summary", written
// with the normal cell API and fit to one page: the title block (title,
// account, period, comparison periods, time zone, data time, filters), one
// block of KPIs per group (this period, previous period, change, a year
// earlier, change, with changes green or red by whether they are good
// news) and the report's charts.
//
// Every cell style names its font (Calibri; LibreOffice substitutes the
// metric-compatible Carlito). Money cells carry their currency's symbol and
// ISO 4217 minor digits, per row where SheetFormat.CurrencyColumn says so.
// Block total rows and the totals row are written after the data rows,
// bold with a line above, below the autofilter or table. Every sheet
// prints landscape, one page wide (the front page on one page), with the
// header row repeated and a footer of report, sheet and "Page x of y":
// fit-to-page is set before each stream writer opens, the only order in
// which excelize keeps it on a streamed sheet. Charts take series colours
// from one palette keyed by series name, so a series has one colour in
// every chart; axis labels are dark 9-point Calibri, the value axis in the
// first series' money format, the legend below.
//
// SheetFormat adds, per sheet: conditional formats on data rows (colour
// scales and data bars scaled within each currency's rows where the
// currency varies by row; sign colours by direction of good news), an
// Excel table over the header and data rows in place of the autofilter,
// and a pivot caption, or the pivot left out with the reason on the Notes
// sheet. A pivot sheet also carries the pivot's figures, computed while
// the data streams, for readers that do not recompute pivots (Excel and
// LibreOffice do on opening: the cache has refreshOnLoad).
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
	// TmpDir is where excelize spills large sheets while writing; ""
	// means os.TempDir(). Pass render/output's Set.Dir so that a killed
	// run's spill files are cleaned with its staging folder.
	TmpDir string
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
		if err := s.CheckFormat(); err != nil {
			return err
		}
	}
	layout := Plan(r, opts)
	f := excelize.NewFile(excelize.Options{TmpDir: opts.TmpDir})
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
	wr := &writer{r: r, f: f, st: st, opts: opts, layout: layout, palette: newPalette(),
		condStyles: make(map[string]int), tables: make(map[string]bool)}
	for _, ch := range r.Charts { // front page series take the first colours
		for _, v := range ch.Values {
			wr.palette.of(v)
		}
	}
	for si, s := range r.Sheets {
		if s.Pivot != nil && s.Format != nil && s.Format.OmitPivot != "" {
			wr.stats.omitted = append(wr.stats.omitted, fmt.Sprintf("Sheet %q has no pivot table: %s.", s.Name, s.Format.OmitPivot))
		}
		if err := wr.sheet(ctx, si, s); err != nil {
			return err
		}
	}
	if layout.Front != "" {
		if err := wr.frontPage(); err != nil {
			return fmt.Errorf("front page: %w", err)
		}
	} else if n := len(r.Charts); n > 0 {
		wr.stats.omitted = append(wr.stats.omitted, fmt.Sprintf("The report's %s are not shown: they belong on the front page, which only a report with headline figures (KPIs) has.", model.Count(n, "chart", "charts")))
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
	if err := writeSorted(f, w, opts.TmpDir); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	return nil
}

// createSheets creates every worksheet in workbook order: data parts, pivot
// sheets, notes.
func createSheets(f *excelize.File, l Layout) error {
	var names []string
	if l.Front != "" {
		names = append(names, l.Front)
	}
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

// stats counts what the renderer changed to fit Excel's limits, and what
// it left out.
type stats struct {
	truncated   int // text cells cut to maxCellText
	replaced    int // text cells with control characters replaced
	skippedPivs []string
	omitted     []string // pivots the report left out, with the reason
	noTable     []string // sheets whose table was refused (duplicate headers)
}

// writer holds the state of one Write call.
type writer struct {
	r          *model.Report
	f          *excelize.File
	st         *styles
	opts       Options
	layout     Layout
	stats      stats
	palette    *palette
	condStyles map[string]int
	tables     map[string]bool
	err        error // first style error of the front page
}

// sheetState is the state of one model sheet being streamed.
type sheetState struct {
	s       *model.Sheet
	parts   []Part
	part    int // index into parts of the open part; -1 before the first
	sw      *excelize.StreamWriter
	styles  []int // body style per column
	totals  []int // totals style per column
	headers []int // header style per column
	widths  []float64
	row     []any // reused cell values for SetRow
	sample  []model.Row
	lastCol string
	// Per-row styles: cur is the currency column's index (-1: none),
	// perRow the columns whose cells are styled row by row: money columns
	// that take the row's currency, and Mixed columns, whose each cell
	// takes the format of its value's kind (and money the row's currency).
	cur    int
	perRow []bool
	byCur  map[curKey]int // style per (currency, totals)
	block  []model.Row    // block total rows, written with the totals
	marks  []int          // SheetFormat.TotalRows
	data   int            // data rows emitted so far
	// runs are the open part's runs of data rows of one currency, for
	// conditional formats on per-row currency columns (amounts in two
	// currencies are not comparable, so each run is scaled on its own).
	runs []currencyRun
	// piv aggregates the pivot's figures over the first part's rows.
	piv *pivotCells
}

// currencyRun is rows first..last (worksheet rows) of one currency.
type currencyRun struct {
	code        string
	first, last int
}

// curKey keys the per-row styles: the cell's type (a Mixed column's cells
// differ), its currency and whether it is in a totals row.
type curKey struct {
	typ    model.ColumnType
	code   string
	totals bool
}

func (w *writer) sheet(ctx context.Context, si int, s *model.Sheet) error {
	ss := &sheetState{s: s, part: -1, row: make([]any, len(s.Columns)), cur: s.CurrencyColumnIndex(),
		perRow: make([]bool, len(s.Columns)), byCur: make(map[curKey]int)}
	if s.Format != nil {
		ss.marks = s.Format.TotalRows
	}
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
	for ci, c := range s.Columns {
		id, err := w.st.cell(c, c.Currency, false)
		if err != nil {
			return err
		}
		tid, err := w.st.cell(c, c.Currency, true)
		if err != nil {
			return err
		}
		hid, err := w.st.header(c)
		if err != nil {
			return err
		}
		ss.styles = append(ss.styles, id)
		ss.totals = append(ss.totals, tid)
		ss.headers = append(ss.headers, hid)
		ss.perRow[ci] = (c.Type == model.ColMoney && c.Currency == "" && ss.cur >= 0) || c.Type == model.ColMixed
	}
	err = s.EachRow(ctx, func(i int, r model.Row) error {
		if len(ss.marks) > 0 && ss.marks[0] == i {
			ss.marks = ss.marks[1:]
			ss.block = append(ss.block, copyRow(r))
			return nil
		}
		if ss.part < 0 {
			if len(ss.sample) < w.opts.WidthSampleRows {
				ss.sample = append(ss.sample, copyRow(r))
				return nil
			}
			if err := w.startSheet(ctx, si, ss); err != nil {
				return err
			}
		}
		return w.emit(ss, r)
	})
	if err != nil {
		return err
	}
	if ss.part < 0 {
		if err := w.startSheet(ctx, si, ss); err != nil {
			return err
		}
	}
	for ss.part < len(ss.parts)-1 { // a part holding only the totals block
		if err := w.nextPart(ss); err != nil {
			return err
		}
	}
	if err := w.endPart(ss); err != nil {
		return err
	}
	if ss.piv != nil {
		sp := s.Pivot
		label := "Sum of " + sp.Data
		if sp.Summarize == model.SummarizeCount {
			label = "Count of " + sp.Data
		}
		if err := ss.piv.write(w, w.layout.Pivot[si], label, s.Columns[s.ColumnIndex(sp.Data)]); err != nil {
			return fmt.Errorf("sheet %q pivot: %w", s.Name, err)
		}
	}
	return nil
}

func copyRow(r model.Row) model.Row {
	out := make(model.Row, len(r))
	copy(out, r)
	return out
}

// startSheet fits column widths to the sampled rows, opens the first part
// and writes the sampled rows.
func (w *writer) startSheet(ctx context.Context, si int, ss *sheetState) error {
	ss.widths = fitWidths(ss.s, append(ss.sample, ss.block...), w.opts.MaxColWidth)
	if err := w.prepareFirstPart(ctx, si, ss); err != nil {
		return err
	}
	if err := w.openPart(ss, 0); err != nil {
		return err
	}
	for _, r := range ss.sample {
		if err := w.emit(ss, r); err != nil {
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
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := w.addSheetCharts(ss); err != nil {
		return err
	}
	if s.Pivot != nil && w.layout.Pivot[si] != "" {
		if err := w.addPivot(ss, w.layout.Pivot[si], p.Rows+1); err != nil {
			return fmt.Errorf("sheet %q pivot: %w", s.Name, err)
		}
		ss.piv = newPivotCells(s)
	}
	return nil
}

func quoteSheet(name string) string {
	return "'" + name + "'" // names never contain a quote: cleanSheetName
}

// pivotCaption says what a pivot sheet is.
func pivotCaption(s *model.Sheet, dataSheet string) string {
	if s.Format != nil && s.Format.PivotCaption != "" {
		return s.Format.PivotCaption
	}
	sp := s.Pivot
	what := "Sum of " + sp.Data
	if sp.Summarize == model.SummarizeCount {
		what = "Count of " + sp.Data
	}
	by := sp.Rows
	if sp.Columns != "" {
		by += " and " + sp.Columns
	}
	return fmt.Sprintf("Pivot table: %s by %s, from the %q sheet. The figures were computed when the workbook was written; Excel and LibreOffice recompute the table when it opens (in Protected View, enable editing to use it).", what, by, dataSheet)
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
	data := ss.s.Columns[ss.s.ColumnIndex(sp.Data)]
	opts := &excelize.PivotTableOptions{
		DataRange:       fmt.Sprintf("%s!$A$1:$%s$%d", name, ss.lastCol, lastRow),
		PivotTableRange: fmt.Sprintf("%s!$A$3:$%s$%d", pivotSheet, "H", 30),
		Rows:            []excelize.PivotTableField{{Data: sp.Rows, DefaultSubtotal: true}},
		Data: []excelize.PivotTableField{{
			Data: sp.Data, Name: label + sp.Data, Subtotal: sub,
			NumFmt: pivotNumFmt(data, sp.Summarize),
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
	capStyle, err := w.st.get("", kindCaption)
	if err != nil {
		return err
	}
	if err := w.f.SetCellStr(pivotSheet, "A1", pivotCaption(ss.s, name)); err != nil {
		return fmt.Errorf("pivot caption: %w", err)
	}
	if err := w.f.SetCellStyle(pivotSheet, "A1", "A1", capStyle); err != nil {
		return fmt.Errorf("pivot caption: %w", err)
	}
	if err := w.f.SetColWidth(pivotSheet, "A", "A", 24); err != nil {
		return err
	}
	if err := w.f.SetColWidth(pivotSheet, "B", "H", 14); err != nil {
		return err
	}
	return setupPage(w.f, w.r, pivotSheet, pageSetup{})
}

// pivotNumFmt returns a built-in number format id for a pivot's data field:
// #,##0.00 for money sums with decimals, #,##0 otherwise (pivot fields take
// only built-in formats, so no currency symbol).
func pivotNumFmt(c model.Column, s model.Summarize) int {
	if s == model.SummarizeSum && c.Type == model.ColMoney && (c.Currency == "" || model.CurrencyDigits(c.Currency) > 0) {
		return 4
	}
	return 3
}

// openPart opens part k: print setup, dimension, stream writer, widths,
// column styles, frozen header, autofilter, header row.
func (w *writer) openPart(ss *sheetState, k int) error {
	ss.part = k
	ss.runs = ss.runs[:0]
	p := ss.parts[k]
	last := p.Rows + 1 + p.TotalRows
	ps := pageSetup{printTitles: true}
	label := 0
	if ss.s.Format != nil {
		label = ss.s.Format.LabelColumns
	}
	ps.wide, ps.labelCols = pagesWide(ss.s.Columns, ss.widths, label)
	if err := setupPage(w.f, w.r, p.Name, ps); err != nil {
		return err
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
	panes := &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}
	if ps.labelCols > 0 && label > 0 {
		// The row labels the report named stay in view when scrolling
		// right, as they repeat on every printed page.
		col, _ := excelize.ColumnNumberToName(ps.labelCols + 1)
		panes = &excelize.Panes{Freeze: true, XSplit: ps.labelCols, YSplit: 1, TopLeftCell: col + "2", ActivePane: "bottomRight",
			Selection: []excelize.Selection{{SQRef: col + "2", ActiveCell: col + "2", Pane: "bottomRight"}}}
	}
	if err := sw.SetPanes(panes); err != nil {
		return fmt.Errorf("sheet %q panes: %w", p.Name, err)
	}
	if !wantsTable(ss.s, p) && (p.Rows > 0 || p.TotalRows == 0) {
		// The filter covers the header and data rows, never the totals
		// block below them, so sorting cannot mix totals into the data;
		// a part of totals only has none. (An empty sheet keeps a filter
		// over its header and one blank row: a one-row range is invalid.)
		if err := w.f.AutoFilter(p.Name, fmt.Sprintf("A1:%s%d", ss.lastCol, max(p.Rows+1, 2)), nil); err != nil {
			return fmt.Errorf("sheet %q autofilter: %w", p.Name, err)
		}
	}
	for ci, c := range ss.s.Columns {
		ss.row[ci] = excelize.Cell{StyleID: ss.headers[ci], Value: w.text(c.Name)}
	}
	if err := sw.SetRow("A1", ss.row); err != nil {
		return fmt.Errorf("sheet %q header: %w", p.Name, err)
	}
	return nil
}

// endPart writes the totals block if it belongs to the open part, adds the
// part's conditional formats and table, and flushes.
func (w *writer) endPart(ss *sheetState) error {
	p := ss.parts[ss.part]
	if p.Totals {
		rows := ss.block
		if ss.s.Totals != nil {
			rows = append(rows, ss.s.Totals)
		}
		for i, r := range rows {
			if err := w.fillRow(ss, r, true); err != nil {
				return err
			}
			cell, _ := excelize.CoordinatesToCellName(1, p.Rows+2+i)
			if err := ss.sw.SetRow(cell, ss.row); err != nil {
				return fmt.Errorf("sheet %q totals: %w", p.Name, err)
			}
		}
	}
	if err := w.condFormats(ss, p); err != nil {
		return err
	}
	if wantsTable(ss.s, p) {
		// Header and data rows only: the totals block stays below the
		// table, so sorting and filtering the table never move it.
		if err := ss.sw.AddTable(&excelize.Table{
			Range:     fmt.Sprintf("A1:%s%d", ss.lastCol, p.Rows+1),
			Name:      w.tableName(p.Name),
			StyleName: "TableStyleLight9", // banded rows
		}); err != nil {
			return fmt.Errorf("sheet %q table: %w", p.Name, err)
		}
	} else if ss.s.Format != nil && ss.s.Format.Table && p.Rows > 0 && ss.part == 0 {
		w.stats.noTable = append(w.stats.noTable, ss.s.Name)
	}
	if err := ss.sw.Flush(); err != nil {
		return fmt.Errorf("sheet %q flush: %w", p.Name, err)
	}
	return nil
}

// emit writes the next data row, first moving to the next part when the
// open one is full.
func (w *writer) emit(ss *sheetState, r model.Row) error {
	i := ss.data
	ss.data++
	if i >= ss.parts[ss.part].FirstRow+w.opts.MaxRows-1 {
		if err := w.nextPart(ss); err != nil {
			return err
		}
	}
	p := ss.parts[ss.part]
	if err := w.fillRow(ss, r, false); err != nil {
		return err
	}
	if ss.piv != nil && ss.part == 0 {
		ss.piv.add(r)
	}
	if ss.cur >= 0 {
		code, at := r[ss.cur].Str(), i-p.FirstRow+2
		if n := len(ss.runs); n > 0 && ss.runs[n-1].code == code && ss.runs[n-1].last == at-1 {
			ss.runs[n-1].last = at
		} else {
			ss.runs = append(ss.runs, currencyRun{code, at, at})
		}
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

// fillRow converts r into ss.row: plain values under the column styles for
// data rows; styled cells for totals rows and for money in the row's own
// currency.
func (w *writer) fillRow(ss *sheetState, r model.Row, totals bool) error {
	for ci, v := range r {
		val := w.cellValue(v)
		switch {
		case ss.perRow[ci]:
			id, err := w.rowStyle(ss, ci, r, totals)
			if err != nil {
				return err
			}
			ss.row[ci] = excelize.Cell{StyleID: id, Value: val}
		case totals:
			ss.row[ci] = excelize.Cell{StyleID: ss.totals[ci], Value: val}
		default:
			ss.row[ci] = val
		}
	}
	return nil
}

// rowStyle returns the style of cell ci of row r: money in the currency
// of row r, or in a Mixed column the format of the value's kind (and
// money's currency).
func (w *writer) rowStyle(ss *sheetState, ci int, r model.Row, totals bool) (int, error) {
	c := ss.s.Columns[ci]
	c.Type = c.CellType(r[ci])
	k := curKey{typ: c.Type, totals: totals}
	if c.Type == model.ColMoney {
		k.code = ss.s.RowCurrency(r, ci, ss.cur)
	}
	if id, ok := ss.byCur[k]; ok {
		return id, nil
	}
	id, err := w.st.cell(c, k.code, totals)
	if err != nil {
		return 0, err
	}
	ss.byCur[k] = id
	return id, nil
}

// cellValue converts a model value to what the stream writer takes: money,
// numbers and percents become float64 here, as the very last step.
func (w *writer) cellValue(v model.Value) any {
	switch v.Kind() {
	case model.KindText:
		return w.text(v.Str())
	case model.KindInt:
		return v.Int()
	case model.KindMoney, model.KindPercent, model.KindNumber:
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
