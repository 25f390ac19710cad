// Package xlsxdump describes an XLSX workbook as text, read back from the
// file with excelize and from the zip's chart and pivot-cache parts, so
// that golden files compare workbooks by content (cell, type, value, number
// format, styles, print setup, conditional formats, charts) rather than by
// zip bytes, which are not stable between runs. Tests of render/xlsx and of
// the commands that write workbooks share it.
package xlsxdump

import (
	"archive/zip"
	"errors"
	"fmt"
	"html"
	"io"
	"regexp"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"
)

// CellTypeName names an excelize cell type as dumps do: "n" for a number
// without a type attribute, "number", "inlineStr", "sharedStr", "date",
// "bool", "error", "formula", "?" for others.
func CellTypeName(t excelize.CellType) string {
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
func cellNumFmt(f *excelize.File, sheet, cell string, used map[int]bool) (string, int, error) {
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		return "", 0, fmt.Errorf("style of %s!%s: %w", sheet, cell, err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		return "", 0, fmt.Errorf("style %d: %w", id, err)
	}
	fmtStr := fmt.Sprintf("builtin %d", st.NumFmt)
	if st.CustomNumFmt != nil {
		fmtStr = *st.CustomNumFmt
	}
	used[id] = true
	return fmtStr, id, nil
}

// describeStyle describes the font, fill, borders and alignment of a style.
func describeStyle(f *excelize.File, id int) (string, error) {
	st, err := f.GetStyle(id)
	if err != nil {
		return "", fmt.Errorf("style %d: %w", id, err)
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
	return strings.Join(parts, " "), nil
}

// printSetup describes a sheet's print setup: orientation, fit, print
// titles, footer.
func printSetup(f *excelize.File, sheet string, titles map[string]string) (string, error) {
	pl, err := f.GetPageLayout(sheet)
	if err != nil {
		return "", fmt.Errorf("page layout %s: %w", sheet, err)
	}
	sp, err := f.GetSheetProps(sheet)
	if err != nil {
		return "", fmt.Errorf("sheet props %s: %w", sheet, err)
	}
	hf, err := f.GetHeaderFooter(sheet)
	if err != nil {
		return "", fmt.Errorf("header footer %s: %w", sheet, err)
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
		str(pl.Orientation), fit, num(pl.FitToWidth), num(pl.FitToHeight), titles[sheet], footer), nil
}

// Dump reads the workbook at path back and describes it as text, one
// fact a line, for golden files: document properties, then per sheet its
// dimension, panes, autofilter, column widths, print setup (orientation,
// fit to page, print titles, footer), conditional formats, tables, merged
// cells, pivot tables and every non-empty cell (reference, type, raw value,
// number format, style id); then every style used (font, fill, borders,
// alignment), each chart's kind, ranges, colours, number formats, font
// sizes and legend, and whether each pivot cache refreshes on load. Values
// longer than 400 bytes are shortened. A cell holding a formula is an
// error (careport never writes formulas); the dump is still returned
// whole, with the error naming every such cell.
func Dump(path string) (out string, err error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return "", fmt.Errorf("open %s: %w", path, err)
	}
	defer func() {
		if cerr := f.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("close %s: %w", path, cerr)
		}
	}()
	var formulas []error
	var b strings.Builder
	props, err := f.GetDocProps()
	if err != nil {
		return "", fmt.Errorf("doc props: %w", err)
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
			return "", fmt.Errorf("dimension %s: %w", sheet, err)
		}
		panes, err := f.GetPanes(sheet)
		if err != nil {
			return "", fmt.Errorf("panes %s: %w", sheet, err)
		}
		fmt.Fprintf(&b, "== sheet %q dimension=%s freeze=%v ysplit=%d topleft=%s autofilter=%s\n",
			sheet, dim, panes.Freeze, panes.YSplit, panes.TopLeftCell, filters[sheet])
		cols, err := f.GetCols(sheet)
		if err != nil {
			return "", fmt.Errorf("cols %s: %w", sheet, err)
		}
		var widths []string
		for ci := range cols {
			name, _ := excelize.ColumnNumberToName(ci + 1)
			wd, err := f.GetColWidth(sheet, name)
			if err != nil {
				return "", fmt.Errorf("width %s!%s: %w", sheet, name, err)
			}
			widths = append(widths, fmt.Sprintf("%s=%g", name, wd))
		}
		fmt.Fprintf(&b, "widths %s\n", strings.Join(widths, " "))
		ps, err := printSetup(f, sheet, titles)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&b, "%s\n", ps)
		cfs, err := f.GetConditionalFormats(sheet)
		if err != nil {
			return "", fmt.Errorf("conditional formats %s: %w", sheet, err)
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
			return "", fmt.Errorf("tables %s: %w", sheet, err)
		}
		for _, tb := range tables {
			fmt.Fprintf(&b, "table %s range=%s style=%s\n", tb.Name, tb.Range, tb.StyleName)
		}
		merges, err := f.GetMergeCells(sheet, true)
		if err != nil {
			return "", fmt.Errorf("merges %s: %w", sheet, err)
		}
		for _, m := range merges {
			fmt.Fprintf(&b, "merge %s:%s\n", m.GetStartAxis(), m.GetEndAxis())
		}
		pts, err := f.GetPivotTables(sheet)
		if err != nil {
			return "", fmt.Errorf("pivot tables %s: %w", sheet, err)
		}
		for _, pt := range pts {
			fmt.Fprintf(&b, "pivot range=%s data=%s rows=%v cols=%v values=%v\n", pt.PivotTableRange, pt.DataRange,
				fieldNames(pt.Rows), fieldNames(pt.Columns), fieldNames(pt.Data))
		}
		rows, err := f.Rows(sheet)
		if err != nil {
			return "", fmt.Errorf("rows %s: %w", sheet, err)
		}
		r := 0
		for rows.Next() {
			r++
			vals, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				return "", fmt.Errorf("row %d of %s: %w", r, sheet, err)
			}
			for ci, v := range vals {
				if v == "" {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(ci+1, r)
				typ, err := f.GetCellType(sheet, cell)
				if err != nil {
					return "", fmt.Errorf("type %s: %w", cell, err)
				}
				if fo, _ := f.GetCellFormula(sheet, cell); fo != "" {
					formulas = append(formulas, fmt.Errorf("%s!%s has formula %q", sheet, cell, fo))
				}
				if len(v) > 400 {
					v = fmt.Sprintf("%s...(%d bytes)", v[:40], len(v))
				}
				nf, sid, err := cellNumFmt(f, sheet, cell, used)
				if err != nil {
					return "", err
				}
				fmt.Fprintf(&b, "%s %s %q [%s] s%d\n", cell, CellTypeName(typ), v, nf, sid)
			}
		}
		if err := rows.Close(); err != nil {
			return "", fmt.Errorf("rows close: %w", err)
		}
	}
	var ids []int
	for id := range used {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		ds, err := describeStyle(f, id)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&b, "style s%d: %s\n", id, ds)
	}
	for _, facts := range []func(string) ([]string, error){ChartRefs, chartDetails, zipFacts} {
		lines, err := facts(path)
		if err != nil {
			return "", err
		}
		for _, m := range lines {
			fmt.Fprintf(&b, "%s\n", m)
		}
	}
	return b.String(), errors.Join(formulas...)
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
func zipFacts(path string) ([]string, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, fmt.Errorf("open zip: %w", err)
	}
	defer zr.Close()
	var out []string
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/pivotCache/pivotCacheDefinition") {
			continue
		}
		body, err := readPart(zf)
		if err != nil {
			return nil, err
		}
		refresh := "absent"
		if m := refreshRE.FindSubmatch(body); m != nil {
			refresh = string(m[1])
		}
		out = append(out, fmt.Sprintf("pivotcache %s refreshOnLoad=%s", zf.Name, refresh))
	}
	slices.Sort(out)
	return out, nil
}

// ChartRefs lists each chart part of the workbook at path (sorted by part
// name), its kind and the ranges it references: "chart xl/charts/chart1.xml
// barChart col refs 'Trend'!$A$2:$A$13 ...".
func ChartRefs(path string) ([]string, error) { return chartInfo(path, false) }

// chartDetails lists each chart part's colours, number formats, font sizes
// and legend position.
func chartDetails(path string) ([]string, error) { return chartInfo(path, true) }

func chartInfo(path string, details bool) ([]string, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, fmt.Errorf("open zip: %w", err)
	}
	defer zr.Close()
	var out []string
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/charts/chart") {
			continue
		}
		body, err := readPart(zf)
		if err != nil {
			return nil, err
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
	return out, nil
}

// readPart reads one part of the zip.
func readPart(zf *zip.File) ([]byte, error) {
	rc, err := zf.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", zf.Name, err)
	}
	body, err := io.ReadAll(rc)
	if cerr := rc.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", zf.Name, err)
	}
	return body, nil
}
