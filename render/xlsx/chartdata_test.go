package xlsx

import (
	"archive/zip"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/careport/careport/reports/model"
)

// TestChartOfAnotherSheet checks that a chart placed on one sheet can draw
// another sheet's columns (a summary showing a trend), and that naming a
// sheet the report lacks is an error.
func TestChartOfAnotherSheet(t *testing.T) {
	build := func(data string) *model.Report {
		r := &model.Report{Title: "t"}
		sum := r.AddSheet("Summary", model.TextCol("Figure"), model.MoneyCol("Amount", "USD"))
		sum.AddRow(model.Text("Invoiced"), model.MoneyMinor(1000, 2))
		sum.Charts = []model.Chart{{Kind: model.ChartColumn, Title: "Trend", Category: "Month", Values: []string{"Invoiced"}, Data: data}}
		tr := r.AddSheet("Trend", model.TextCol("Month"), model.MoneyCol("Invoiced", "USD"))
		for _, m := range []string{"2026-08", "2026-09", "2026-10"} {
			tr.AddRow(model.Text(m), model.MoneyMinor(500, 2))
		}
		return r
	}
	path := filepath.Join(t.TempDir(), "c.xlsx")
	if err := WriteFile(t.Context(), path, build("Trend"), Options{}); err != nil {
		t.Fatal(err)
	}
	charts := chartRefs(t, path)
	if len(charts) != 1 || !strings.Contains(charts[0], "'Trend'!$B$2:$B$4") || !strings.Contains(charts[0], "'Trend'!$A$2:$A$4") {
		t.Fatalf("charts: got %q, want one over Trend's A2:A4 and B2:B4", charts)
	}
	// The chart's drawing hangs off the first worksheet (Summary).
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var sheet1Rels string
	for _, f := range zr.File {
		if f.Name == "xl/worksheets/_rels/sheet1.xml.rels" {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				t.Fatal(err)
			}
			sheet1Rels = string(b)
		}
	}
	if !strings.Contains(sheet1Rels, "drawing") {
		t.Errorf("Summary (sheet1) has no drawing: rels %q", sheet1Rels)
	}

	err = WriteFile(t.Context(), filepath.Join(t.TempDir(), "bad.xlsx"), build("Nope"), Options{})
	if err == nil || !strings.Contains(err.Error(), `unknown data sheet "Nope"`) {
		t.Errorf("chart of a missing sheet: got %v", err)
	}
}
