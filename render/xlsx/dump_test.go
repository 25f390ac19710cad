package xlsx

import (
	"archive/zip"
	"fmt"
	"html"
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// cellTypeName names excelize's cell types for dumps.
func cellTypeName(t excelize.CellType) string {
	switch t {
	case excelize.CellTypeUnset:
		return "n" // numbers carry no type attribute
	case excelize.CellTypeBool:
		return "bool"
	case excelize.CellTypeDate:
		return "date"
	case excelize.CellTypeError:
		return "error"
	case excelize.CellTypeFormula:
		return "formula"
	case excelize.CellTypeInlineString:
		return "inlineStr"
	case excelize.CellTypeNumber:
		return "number"
	case excelize.CellTypeSharedString:
		return "sharedStr"
	}
	return "?"
}

// cellNumFmt returns a cell's number format (the custom code or "builtin
// N") and its style id, which the dump's style table describes.
func cellNumFmt(t *testing.T, f *excelize.File, sheet, cell string, used map[int]bool) (string, int) {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatalf("style of %s!%s: %v", sheet, cell, err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatalf("style %d: %v", id, err)
	}
	fmtStr := fmt.Sprintf("builtin %d", st.NumFmt)
	if st.CustomNumFmt != nil {
		fmtStr = *st.CustomNumFmt
	}
	used[id] = true
	return fmtStr, id
}

// describeStyle describes the font, fill, borders and alignment of a style.
func describeStyle(t *testing.T, f *excelize.File, id int) string {
	t.Helper()
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatalf("style %d: %v", id, err)
	}
	var parts []string
	if fo := st.Font; fo != nil {
		d := fmt.Sprintf("font=%q %g", fo.Family, fo.Size)
		if fo.Bold {
			d += " bold"
		}
		if fo.Italic {
			d += " italic"
		}
		if fo.Color != "" {
			d += " #" + fo.Color
		}
		parts = append(parts, d)
	} else {
		parts = append(parts, "font=default")
	}
	if len(st.Fill.Color) > 0 {
		parts = append(parts, "fill="+strings.Join(st.Fill.Color, ","))
	}
	for _, b := range st.Border {
		parts = append(parts, fmt.Sprintf("border-%s=%d#%s", b.Type, b.Style, b.Color))
	}
	if a := st.Alignment; a != nil {
		parts = append(parts, fmt.Sprintf("align=%s/%s wrap=%v", a.Horizontal, a.Vertical, a.WrapText))
	}
	return strings.Join(parts, " ")
}

// printSetup describes a sheet's print setup: orientation, fit, print
// titles, footer.
func printSetup(t *testing.T, f *excelize.File, sheet string, titles map[string]string) string {
	t.Helper()
	pl, err := f.GetPageLayout(sheet)
	if err != nil {
		t.Fatalf("page layout %s: %v", sheet, err)
	}
	sp, err := f.GetSheetProps(sheet)
	if err != nil {
		t.Fatalf("sheet props %s: %v", sheet, err)
	}
	hf, err := f.GetHeaderFooter(sheet)
	if err != nil {
		t.Fatalf("header footer %s: %v", sheet, err)
	}
	str := func(p *string) string {
		if p == nil {
			return "-"
		}
		return *p
	}
	num := func(p *int) string {
		if p == nil {
			return "-"
		}
		return fmt.Sprint(*p)
	}
	fit := "-"
	if sp.FitToPage != nil {
		fit = fmt.Sprint(*sp.FitToPage)
	}
	footer := ""
	if hf != nil {
		footer = hf.OddFooter
	}
	return fmt.Sprintf("print orientation=%s fitToPage=%s wide=%s tall=%s titles=%s footer=%q",
		str(pl.Orientation), fit, num(pl.FitToWidth), num(pl.FitToHeight), titles[sheet], footer)
}

// dumpWorkbook reads a workbook back and describes it as text: document
// properties, then per sheet its dimension, panes, autofilter, column
// widths, pivot tables and every non-empty cell (reference, type, raw
// value, number format). Long values are shortened. It fails the test if
// any cell has a formula.
func dumpWorkbook(t *testing.T, path string) string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer func() {
		if err := f.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	}()
	var b strings.Builder
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatalf("doc props: %v", err)
	}
	fmt.Fprintf(&b, "props title=%q subject=%q creator=%q created=%q description=%q\n",
		props.Title, props.Subject, props.Creator, props.Created, props.Description)
	filters := map[string]string{}
	titles := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		switch dn.Name {
		case "_xlnm._FilterDatabase":
			filters[dn.Scope] = dn.RefersTo
		case "_xlnm.Print_Titles":
			titles[dn.Scope] = dn.RefersTo
		}
	}
	used := map[int]bool{}
	for _, sheet := range f.GetSheetList() {
		dim, err := f.GetSheetDimension(sheet)
		if err != nil {
			t.Fatalf("dimension %s: %v", sheet, err)
		}
		panes, err := f.GetPanes(sheet)
		if err != nil {
			t.Fatalf("panes %s: %v", sheet, err)
		}
		fmt.Fprintf(&b, "== sheet %q dimension=%s freeze=%v ysplit=%d topleft=%s autofilter=%s\n",
			sheet, dim, panes.Freeze, panes.YSplit, panes.TopLeftCell, filters[sheet])
		cols, err := f.GetCols(sheet)
		if err != nil {
			t.Fatalf("cols %s: %v", sheet, err)
		}
		var widths []string
		for ci := range cols {
			name, _ := excelize.ColumnNumberToName(ci + 1)
			wd, err := f.GetColWidth(sheet, name)
			if err != nil {
				t.Fatalf("width %s!%s: %v", sheet, name, err)
			}
			widths = append(widths, fmt.Sprintf("%s=%g", name, wd))
		}
		fmt.Fprintf(&b, "widths %s\n", strings.Join(widths, " "))
		fmt.Fprintf(&b, "%s\n", printSetup(t, f, sheet, titles))
		cfs, err := f.GetConditionalFormats(sheet)
		if err != nil {
			t.Fatalf("conditional formats %s: %v", sheet, err)
		}
		var refs []string
		for ref := range cfs {
			refs = append(refs, ref)
		}
		slices.Sort(refs)
		for _, ref := range refs {
			for _, o := range cfs[ref] {
				d := fmt.Sprintf("condformat %s type=%s", ref, o.Type)
				switch o.Type {
				case "cell":
					d += fmt.Sprintf(" %s %s", o.Criteria, o.Value)
					if o.Format != nil {
						if ds, err := f.GetConditionalStyle(*o.Format); err == nil && ds.Font != nil {
							d += " font=#" + ds.Font.Color + " fill=" + strings.Join(ds.Fill.Color, ",")
						}
					}
				case "2_color_scale", "3_color_scale":
					d += fmt.Sprintf(" %s..%s", o.MinColor, o.MaxColor)
				case "data_bar":
					d += " bar=" + o.BarColor
				}
				fmt.Fprintln(&b, d)
			}
		}
		tables, err := f.GetTables(sheet)
		if err != nil {
			t.Fatalf("tables %s: %v", sheet, err)
		}
		for _, tb := range tables {
			fmt.Fprintf(&b, "table %s range=%s style=%s\n", tb.Name, tb.Range, tb.StyleName)
		}
		merges, err := f.GetMergeCells(sheet, true)
		if err != nil {
			t.Fatalf("merges %s: %v", sheet, err)
		}
		for _, m := range merges {
			fmt.Fprintf(&b, "merge %s:%s\n", m.GetStartAxis(), m.GetEndAxis())
		}
		pts, err := f.GetPivotTables(sheet)
		if err != nil {
			t.Fatalf("pivot tables %s: %v", sheet, err)
		}
		for _, pt := range pts {
			fmt.Fprintf(&b, "pivot range=%s data=%s rows=%v cols=%v values=%v\n", pt.PivotTableRange, pt.DataRange,
				fieldNames(pt.Rows), fieldNames(pt.Columns), fieldNames(pt.Data))
		}
		rows, err := f.Rows(sheet)
		if err != nil {
			t.Fatalf("rows %s: %v", sheet, err)
		}
		r := 0
		for rows.Next() {
			r++
			vals, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatalf("row %d of %s: %v", r, sheet, err)
			}
			for ci, v := range vals {
				if v == "" {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(ci+1, r)
				typ, err := f.GetCellType(sheet, cell)
				if err != nil {
					t.Fatalf("type %s: %v", cell, err)
				}
				if fo, _ := f.GetCellFormula(sheet, cell); fo != "" {
					t.Errorf("%s!%s has formula %q", sheet, cell, fo)
				}
				if len(v) > 400 {
					v = fmt.Sprintf("%s...(%d bytes)", v[:40], len(v))
				}
				nf, sid := cellNumFmt(t, f, sheet, cell, used)
				fmt.Fprintf(&b, "%s %s %q [%s] s%d\n", cell, cellTypeName(typ), v, nf, sid)
			}
		}
		if err := rows.Close(); err != nil {
			t.Fatalf("rows close: %v", err)
		}
	}
	var ids []int
	for id := range used {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		fmt.Fprintf(&b, "style s%d: %s\n", id, describeStyle(t, f, id))
	}
	for _, m := range chartRefs(t, path) {
		fmt.Fprintf(&b, "%s\n", m)
	}
	for _, m := range chartDetails(t, path) {
		fmt.Fprintf(&b, "%s\n", m)
	}
	for _, m := range zipFacts(t, path) {
		fmt.Fprintf(&b, "%s\n", m)
	}
	return b.String()
}

func fieldNames(fs []excelize.PivotTableField) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Data)
	}
	return out
}

var (
	chartRefRE  = regexp.MustCompile(`<(?:c:)?f>([^<]*)</(?:c:)?f>`)
	chartKindRE = regexp.MustCompile(`<(?:c:)?(barChart|lineChart|pieChart)>(?:<(?:c:)?barDir val="(\w+)")?`)
	// Chart details: series and text colours, number formats, text sizes
	// (hundredths of a point), legend position.
	chartColourRE = regexp.MustCompile(`<(?:a:)?srgbClr val="([0-9A-Fa-f]{6})"`)
	chartNumFmtRE = regexp.MustCompile(`<(?:c:)?numFmt formatCode="([^"]*)"`)
	chartSizeRE   = regexp.MustCompile(` sz="(\d+)"`)
	chartLegendRE = regexp.MustCompile(`<(?:c:)?legendPos val="(\w+)"`)
	refreshRE     = regexp.MustCompile(`refreshOnLoad="(\w+)"`)
)

// zipFacts lists what the excelize API cannot read back: whether each
// pivot cache refreshes when the workbook opens.
func zipFacts(t *testing.T, path string) []string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("open zip: %v", err)
	}
	defer zr.Close()
	var out []string
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/pivotCache/pivotCacheDefinition") {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		refresh := "absent"
		if m := refreshRE.FindSubmatch(body); m != nil {
			refresh = string(m[1])
		}
		out = append(out, fmt.Sprintf("pivotcache %s refreshOnLoad=%s", zf.Name, refresh))
	}
	slices.Sort(out)
	return out
}

// chartRefs lists each chart part of the zip and the ranges it references.
func chartRefs(t *testing.T, path string) []string {
	t.Helper()
	return chartInfo(t, path, false)
}

// chartDetails lists each chart part's colours, number formats, font sizes
// and legend position.
func chartDetails(t *testing.T, path string) []string {
	t.Helper()
	return chartInfo(t, path, true)
}

func chartInfo(t *testing.T, path string, details bool) []string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("open zip: %v", err)
	}
	defer zr.Close()
	var out []string
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/charts/chart") {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		var refs []string
		for _, m := range chartRefRE.FindAllSubmatch(body, -1) {
			refs = append(refs, html.UnescapeString(string(m[1])))
		}
		kind := "?"
		if m := chartKindRE.FindSubmatch(body); m != nil {
			kind = string(m[1]) + " " + string(m[2])
		}
		if !details {
			out = append(out, fmt.Sprintf("chart %s %s refs %s", zf.Name, kind, strings.Join(refs, " ")))
			continue
		}
		var colours, numFmts, sizes []string
		for _, m := range chartColourRE.FindAllSubmatch(body, -1) {
			colours = append(colours, string(m[1]))
		}
		for _, m := range chartNumFmtRE.FindAllSubmatch(body, -1) {
			numFmts = append(numFmts, html.UnescapeString(string(m[1])))
		}
		for _, m := range chartSizeRE.FindAllSubmatch(body, -1) {
			if !slices.Contains(sizes, string(m[1])) {
				sizes = append(sizes, string(m[1]))
			}
		}
		legend := ""
		if m := chartLegendRE.FindSubmatch(body); m != nil {
			legend = string(m[1])
		}
		out = append(out, fmt.Sprintf("chart %s colours=%s numFmts=%q fontSizes=%s legend=%s", zf.Name,
			strings.Join(colours, ","), numFmts, strings.Join(sizes, ","), legend))
	}
	slices.Sort(out)
	return out
}
