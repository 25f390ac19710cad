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

// cellNumFmt returns a cell's number format: the custom code or "builtin N".
func cellNumFmt(t *testing.T, f *excelize.File, sheet, cell string) string {
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
	if st.Font != nil && st.Font.Bold {
		fmtStr += " bold"
	}
	return fmtStr
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
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm._FilterDatabase" {
			filters[dn.Scope] = dn.RefersTo
		}
	}
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
				fmt.Fprintf(&b, "%s %s %q [%s]\n", cell, cellTypeName(typ), v, cellNumFmt(t, f, sheet, cell))
			}
		}
		if err := rows.Close(); err != nil {
			t.Fatalf("rows close: %v", err)
		}
	}
	for _, m := range chartRefs(t, path) {
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
)

// chartRefs lists each chart part of the zip and the ranges it references.
func chartRefs(t *testing.T, path string) []string {
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
		out = append(out, fmt.Sprintf("chart %s %s refs %s", zf.Name, kind, strings.Join(refs, " ")))
	}
	slices.Sort(out)
	return out
}
