package xlsx

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/careport/careport/reports/model"
	"github.com/xuri/excelize/v2"
)

func writeBook(t *testing.T, r *model.Report, opts Options) (*excelize.File, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "b.xlsx")
	if err := WriteFile(t.Context(), path, r, opts); err != nil {
		t.Fatal(err)
	}
	return openBook(t, path), path
}

// styleOf returns the style of sheet!cell.
func styleOf(t *testing.T, f *excelize.File, sheet, cell string) *excelize.Style {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestFrontPageOnlyWithKPIs(t *testing.T) {
	f, _ := writeBook(t, testReport(3), Options{})
	if got := f.GetSheetList()[0]; got != "Revenue by month" {
		t.Errorf("no KPIs: first sheet %q, want the first data sheet", got)
	}
	f, _ = writeBook(t, packReport(3), Options{})
	sheets := f.GetSheetList()
	if sheets[0] != "Summary" || sheets[len(sheets)-1] != "Notes" {
		t.Errorf("with KPIs: sheets %q, want Summary first and Notes last", sheets)
	}
	pl, err := f.GetPageLayout("Summary")
	// With charts, the KPIs fill the first page and the charts the next
	// (one page wide, as many tall as needed, a break before the charts).
	if err != nil || *pl.FitToWidth != 1 || *pl.FitToHeight != 0 || *pl.Orientation != "landscape" {
		t.Errorf("front page layout %+v (%v), want landscape, one page wide", pl, err)
	}
}

// TestChangeColours checks that a change is green when it is good news
// for the KPI, red when bad, and plain when the KPI is neutral.
func TestChangeColours(t *testing.T) {
	tests := []struct {
		name     string
		better   model.Better
		cur      int64
		wantFill string // "" for no fill
	}{
		{"rise, up is good", model.BetterUp, 120, fillGood},
		{"rise, down is good", model.BetterDown, 120, fillBad},
		{"fall, down is good", model.BetterDown, 80, fillGood},
		{"fall, up is good", model.BetterUp, 80, fillBad},
		{"rise, neutral", model.BetterNeutral, 120, ""},
		{"no change", model.BetterUp, 100, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := &model.Report{Title: "t", KPIs: []model.KPI{{Name: "Invoiced", Group: "USD", Type: model.ColMoney,
				Currency: "USD", Better: tc.better, Current: model.MoneyMinor(tc.cur, 0), Previous: model.MoneyMinor(100, 0)}}}
			r.AddSheet("Data", model.TextCol("A")).AddRow(model.Text("x"))
			f, _ := writeBook(t, r, Options{})
			// Row 9 is the group header, row 10 the KPI; D is the change.
			if got, _ := f.GetCellValue("Summary", "A10"); got != "Invoiced" {
				t.Fatalf("A10: got %q, want the KPI", got)
			}
			st := styleOf(t, f, "Summary", "D10")
			fill := ""
			if len(st.Fill.Color) > 0 {
				fill = st.Fill.Color[0]
			}
			if fill != tc.wantFill {
				t.Errorf("change fill: got %q, want %q", fill, tc.wantFill)
			}
			if st.Font == nil || st.Font.Family != fontName {
				t.Errorf("change font: got %+v, want %s", st.Font, fontName)
			}
			if got, _ := f.GetCellValue("Summary", "E10"); got != "n/a" {
				t.Errorf("unknown year-earlier value: got %q, want n/a", got)
			}
		})
	}
}

// TestTotalsBlock checks that block total rows leave the data, follow it
// with the totals row, bold with a line above, outside the autofilter, and
// that money takes each row's currency.
func TestTotalsBlock(t *testing.T) {
	r := &model.Report{Title: "t"}
	s := r.AddSheet("AR", model.TextCol("Currency"), model.TextCol("Client"), model.MoneyCol("Due", ""))
	s.Formatting().CurrencyColumn = "Currency"
	s.AddRow(model.Text("JPY"), model.Text("a"), model.MoneyMinor(1200, 0))
	s.AddTotalRow(model.Text("JPY"), model.Text("Total JPY"), model.MoneyMinor(1200, 0))
	s.AddRow(model.Text("KWD"), model.Text("b"), model.MoneyMinor(1500, 3))
	s.AddRow(model.Text("KWD"), model.Text("c"), model.MoneyMinor(500, 3))
	s.AddTotalRow(model.Text("KWD"), model.Text("Total KWD"), model.MoneyMinor(2000, 3))
	f, _ := writeBook(t, r, Options{})
	var filter string
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm._FilterDatabase" && dn.Scope == "AR" {
			filter = dn.RefersTo
		}
	}
	if filter != "'AR'!$A$1:$C$4" {
		t.Errorf("autofilter: got %q, want header and the 3 data rows", filter)
	}
	tests := []struct {
		cell, text string
		format     string
		bold       bool
	}{
		{"C2", "JP¥1,200", "[$JP¥]#,##0", false},
		{"C3", "KWD 1.500", "[$KWD] #,##0.000", false},
		{"B4", "c", "@", false},
		{"B5", "Total JPY", "@", true},
		{"C5", "JP¥1,200", "[$JP¥]#,##0", true},
		{"C6", "KWD 2.000", "[$KWD] #,##0.000", true},
	}
	for _, tc := range tests {
		got, err := f.GetCellValue("AR", tc.cell)
		if err != nil || got != tc.text {
			t.Errorf("%s: got %q (%v), want %q", tc.cell, got, err, tc.text)
		}
		st := styleOf(t, f, "AR", tc.cell)
		if st.CustomNumFmt == nil || *st.CustomNumFmt != tc.format {
			t.Errorf("%s format: got %v, want %q", tc.cell, st.CustomNumFmt, tc.format)
		}
		top := slices.ContainsFunc(st.Border, func(b excelize.Border) bool { return b.Type == "top" })
		if st.Font.Bold != tc.bold || top != tc.bold {
			t.Errorf("%s: bold %v, top border %v; want both %v", tc.cell, st.Font.Bold, top, tc.bold)
		}
	}
}

// TestStreamedSheetPrintSetup checks that a streamed sheet keeps
// fit-to-page, orientation, print titles and footer (set before its
// StreamWriter opened), and that header cells align with their data.
func TestStreamedSheetPrintSetup(t *testing.T) {
	f, _ := writeBook(t, testReport(50), Options{})
	sp, err := f.GetSheetProps("Invoices")
	if err != nil || sp.FitToPage == nil || !*sp.FitToPage {
		t.Errorf("fit to page: got %+v (%v), want true", sp.FitToPage, err)
	}
	pl, err := f.GetPageLayout("Invoices")
	if err != nil || *pl.Orientation != "landscape" || *pl.FitToWidth != 1 || *pl.FitToHeight != 0 {
		t.Errorf("page layout %+v (%v), want landscape, 1 wide, 0 tall", pl, err)
	}
	hf, err := f.GetHeaderFooter("Invoices")
	if err != nil || !strings.Contains(hf.OddFooter, "Monthly revenue · 2026-10") || !strings.Contains(hf.OddFooter, "Page &P of &N") {
		t.Errorf("footer %+v (%v)", hf, err)
	}
	var titles string
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" && dn.Scope == "Invoices" {
			titles = dn.RefersTo
		}
	}
	if titles != "'Invoices'!$1:$1" {
		t.Errorf("print titles: got %q", titles)
	}
	for cell, want := range map[string]string{"A1": "right", "B1": "left", "H1": "right", "E1": "right"} {
		if st := styleOf(t, f, "Invoices", cell); st.Alignment == nil || st.Alignment.Horizontal != want {
			t.Errorf("header %s alignment: got %+v, want %s", cell, st.Alignment, want)
		}
	}
}

func TestSeriesPalette(t *testing.T) {
	p := newPalette()
	inv, col := p.of("Invoiced USD"), p.of("Collected USD")
	if inv == col {
		t.Fatalf("invoiced and collected share colour %s", inv)
	}
	for _, name := range []string{"Invoiced EUR", "Invoiced (JPY)", "invoiced"} {
		if got := p.of(name); got != inv {
			t.Errorf("%q: got %s, want invoiced's %s", name, got, inv)
		}
	}
	if got := p.of("Collected KWD"); got != col {
		t.Errorf("Collected KWD: got %s, want %s", got, col)
	}
}

func TestBadFormat(t *testing.T) {
	r := &model.Report{Title: "t"}
	s := r.AddSheet("S", model.TextCol("A"))
	s.Formatting().CurrencyColumn = "Nope"
	var sink strings.Builder
	if err := Write(t.Context(), &sink, r, Options{}); err == nil || !strings.Contains(err.Error(), `unknown currency column "Nope"`) {
		t.Errorf("got %v", err)
	}
}
