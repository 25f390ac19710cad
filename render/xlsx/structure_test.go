package xlsx

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestWorkbookStructure reopens a rendered workbook and checks, beside the
// golden dump, the facts a reader relies on.
func TestWorkbookStructure(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.xlsx")
	if err := WriteFile(t.Context(), path, testReport(12), Options{}); err != nil {
		t.Fatal(err)
	}
	f := openBook(t, path)

	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if props.Creator != "careport" || props.Title != "Monthly revenue" || props.Created != "2026-11-02T14:30:00Z" {
		t.Errorf("doc props: got creator %q title %q created %q", props.Creator, props.Title, props.Created)
	}
	dims := map[string]string{"Invoices": "A1:J14", "Revenue by month": "A1:I5"}
	for sheet, want := range dims {
		if got, err := f.GetSheetDimension(sheet); err != nil || got != want {
			t.Errorf("%s dimension: got %q (%v), want %q", sheet, got, err, want)
		}
		panes, err := f.GetPanes(sheet)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s panes: got %+v (%v), want the header row frozen", sheet, panes, err)
		}
		for _, col := range []string{"A", "B", "C"} {
			w, err := f.GetColWidth(sheet, col)
			if err != nil || w < minColWidth || w > 60 {
				t.Errorf("%s column %s width: got %v (%v)", sheet, col, w, err)
			}
		}
	}
	var filter string
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm._FilterDatabase" && dn.Scope == "Invoices" {
			filter = dn.RefersTo
		}
	}
	if filter != "'Invoices'!$A$1:$J$13" {
		t.Errorf("autofilter: got %q, want the header and data rows without totals", filter)
	}
	pts, err := f.GetPivotTables("Invoices Pivot")
	if err != nil || len(pts) != 1 {
		t.Fatalf("pivot tables: got %d (%v), want 1", len(pts), err)
	}
	if pts[0].DataRange != "Invoices!A1:J13" {
		t.Errorf("pivot data range: got %q", pts[0].DataRange)
	}
	charts := chartRefs(t, path)
	if len(charts) != 1 || !strings.Contains(charts[0], "'Revenue by month'!$B$2:$B$4") {
		t.Errorf("charts: got %q, want one over B2:B4", charts)
	}
	// Dates are numbers with a date format, not text.
	typ, err := f.GetCellType("Invoices", "E2")
	if err != nil || (typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber) {
		t.Errorf("E2 type: got %s (%v), want a number", cellTypeName(typ), err)
	}
	if got, _ := f.GetCellValue("Invoices", "E2"); got != "2026-01-01" {
		t.Errorf("E2 formatted: got %q, want 2026-01-01", got)
	}
	if got, _ := f.GetCellValue("Invoices", "H3"); got != "US$179.19" {
		t.Errorf("H3 formatted: got %q, want US$179.19", got)
	}
}
