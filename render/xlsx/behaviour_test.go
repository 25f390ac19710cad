package xlsx

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/careport/careport/reports/model"
	"github.com/xuri/excelize/v2"
)

func openBook(t *testing.T, path string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	t.Cleanup(func() {
		if err := f.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	return f
}

func TestContinuationSheets(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.xlsx")
	r := testReport(10)
	if err := WriteFile(t.Context(), path, r, Options{MaxRows: 5}); err != nil {
		t.Fatal(err)
	}
	f := openBook(t, path)
	want := []string{"Revenue by month", "Invoices", "Invoices (2)", "Invoices (3)", "Invoices Pivot", "Notes"}
	if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("sheets: got %q, want %q", got, want)
	}
	// Each part repeats the header and continues the IDs; the totals row is
	// on the last part.
	tests := []struct {
		sheet, cell, want string
	}{
		{"Invoices", "A1", "ID"},
		{"Invoices", "A5", "4"},
		{"Invoices (2)", "J1", "Outstanding"},
		{"Invoices (2)", "A2", "5"},
		{"Invoices (2)", "A5", "8"},
		{"Invoices (3)", "A3", "10"},
		{"Invoices (3)", "B4", "Total"},
	}
	for _, tc := range tests {
		got, err := f.GetCellValue(tc.sheet, tc.cell, excelize.Options{RawCellValue: true})
		if err != nil || got != tc.want {
			t.Errorf("%s!%s: got %q (%v), want %q", tc.sheet, tc.cell, got, err, tc.want)
		}
	}
	notes := notesText(t, f)
	for _, s := range []string{`"Invoices (2)" (rows 5-8)`, `"Invoices (3)" (rows 9-10)`} {
		if !strings.Contains(notes, s) {
			t.Errorf("notes sheet lacks %s:\n%s", s, notes)
		}
	}
	l := Plan(r, Options{MaxRows: 5})
	if len(l.Continued) != 1 {
		t.Errorf("plan: got %d continuation notes, want 1", len(l.Continued))
	}
}

func TestHostileText(t *testing.T) {
	long := strings.Repeat("é", 5000)
	tooLong := strings.Repeat("x", 40000)
	tests := []struct {
		name, in, want string
	}{
		{"hyperlink formula", `=HYPERLINK("http://x","y")`, `=HYPERLINK("http://x","y")`},
		{"plus", "+1", "+1"},
		{"minus", "-2", "-2"},
		{"at", "@SUM(A1)", "@SUM(A1)"},
		{"dde", "=cmd|' /C calc'!A0", "=cmd|' /C calc'!A0"},
		{"5000 chars", long, long},
		{"emoji", "Coach 👩🏽‍💼 🎉", "Coach 👩🏽‍💼 🎉"},
		{"arabic", "مرحبا بالعالم", "مرحبا بالعالم"},
		{"hebrew", "שלום עולם", "שלום עולם"},
		{"tab newline cr", "a\tb\nc\rd", "a\tb\nc\rd"},
		{"leading spaces", "  padded  ", "  padded  "},
		{"escape lookalike", "_x0041_", "_x0041_"},
		{"control chars", "bell\x07nul\x00", "bell\uFFFDnul\uFFFD"},
		{"over the cell limit", tooLong, tooLong[:maxCellText-utf16Len(truncMarker)] + truncMarker},
	}
	r := &model.Report{Title: "hostile"}
	s := r.AddSheet("=Evil:/Sheet*?", model.TextCol("Text"))
	for _, tc := range tests {
		s.AddRow(model.Text(tc.in))
	}
	path := filepath.Join(t.TempDir(), "h.xlsx")
	if err := WriteFile(t.Context(), path, r, Options{}); err != nil {
		t.Fatal(err)
	}
	f := openBook(t, path)
	sheet := f.GetSheetList()[0]
	if sheet != "=Evil__Sheet__" {
		t.Errorf("sheet name: got %q, want =Evil__Sheet__", sheet)
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cell, _ := excelize.CoordinatesToCellName(1, i+2)
			got, err := f.GetCellValue(sheet, cell)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("got %q (len %d), want %q (len %d)", short(got), len(got), short(tc.want), len(tc.want))
			}
			typ, err := f.GetCellType(sheet, cell)
			if err != nil || typ != excelize.CellTypeInlineString {
				t.Errorf("type: got %v (%v), want inline string", cellTypeName(typ), err)
			}
			if fo, err := f.GetCellFormula(sheet, cell); err != nil || fo != "" {
				t.Errorf("formula: got %q (%v), want none", fo, err)
			}
		})
	}
	notes := notesText(t, f)
	for _, want := range []string{"1 text cells were longer", "1 text cells held control characters"} {
		if !strings.Contains(notes, want) {
			t.Errorf("notes sheet lacks %q:\n%s", want, notes)
		}
	}
}

// notesText returns the Notes sheet as tab-separated lines.
func notesText(t *testing.T, f *excelize.File) string {
	t.Helper()
	rows, err := f.GetRows("Notes")
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, row := range rows {
		all.WriteString(strings.Join(row, "\t") + "\n")
	}
	return all.String()
}

func short(s string) string {
	if len(s) > 50 {
		return s[:50] + "..."
	}
	return s
}

func TestFailureLeavesNoFile(t *testing.T) {
	boom := errors.New("source failed")
	tests := []struct {
		name    string
		fail    bool // the row source fails at row 500
		cancel  bool // the context is canceled at row 500
		wantErr error
	}{
		{"row source error", true, false, boom},
		{"context canceled", false, true, context.Canceled},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			r := testReport(0)
			inner := ledgerSource(5000, invoiceNumbers(7))
			r.Sheets[1].Source = model.RowFunc{N: 5000, Fill: func(i int, dst model.Row) error {
				if i == 500 {
					if tc.fail {
						return boom
					}
					cancel()
				}
				return inner.FillRow(i, dst)
			}}
			dir := t.TempDir()
			err := WriteFile(ctx, filepath.Join(dir, "r.xlsx"), r, Options{})
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("got %v, want %v", err, tc.wantErr)
			}
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			if len(entries) != 0 {
				t.Errorf("got %d files (%s), want none", len(entries), entries[0].Name())
			}
		})
	}
}

func TestBadModel(t *testing.T) {
	tests := []struct {
		name  string
		build func(r *model.Report)
		want  string
	}{
		{"chart names unknown column", func(r *model.Report) {
			r.Sheets[0].Charts = append(r.Sheets[0].Charts, model.Chart{Category: "Nope", Values: []string{"Invoiced"}})
		}, `unknown category column "Nope"`},
		{"pivot names unknown column", func(r *model.Report) {
			r.Sheets[1].Pivot.Data = "Nope"
		}, `unknown column "Nope"`},
		{"row of the wrong shape", func(r *model.Report) {
			r.Sheets[0].AddRow(model.Text("x"))
		}, "1 values for 9 columns"},
		{"source fills a wrong kind", func(r *model.Report) {
			r.Sheets[1].Source = model.RowFunc{N: 1, Fill: func(i int, dst model.Row) error {
				dst[0] = model.Text("not an int")
				return nil
			}}
		}, `text value in a integer column`},
		{"sheet without columns", func(r *model.Report) {
			r.AddSheet("Empty")
		}, "no columns"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := testReport(3)
			tc.build(r)
			var sink strings.Builder
			err := Write(t.Context(), &sink, r, Options{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error containing %q", err, tc.want)
			}
			if sink.Len() != 0 {
				t.Errorf("got %d bytes written on failure, want 0", sink.Len())
			}
		})
	}
}

func TestSheetNames(t *testing.T) {
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"invalid characters", []string{"a[b]c:d*e?f/g\\h!"}, []string{"a_b_c_d_e_f_g_h_"}},
		{"quotes", []string{"'Coach's'"}, []string{"Coach’s"}},
		{"empty", []string{"", "   "}, []string{"Sheet", "Sheet (2)"}},
		{"case-insensitive duplicates", []string{"Invoices", "INVOICES", "invoices"}, []string{"Invoices", "INVOICES (2)", "invoices (3)"}},
		{"long", []string{strings.Repeat("n", 40), strings.Repeat("n", 40)},
			[]string{strings.Repeat("n", 31), strings.Repeat("n", 27) + " (2)"}},
		{"emoji counts as two units", []string{strings.Repeat("😀", 20)}, []string{strings.Repeat("😀", 15)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n := newSheetNames()
			for i, in := range tc.in {
				if got := n.unique(in); got != tc.want[i] {
					t.Errorf("unique(%q): got %q, want %q", in, got, tc.want[i])
				}
			}
		})
	}
}

func TestMoneyFormat(t *testing.T) {
	tests := []struct{ code, want string }{
		{"USD", "[$US$]#,##0.00"},
		{"EUR", "[$€]#,##0.00"},
		{"GBP", "[$£]#,##0.00"},
		{"JPY", "[$JP¥]#,##0"},
		{"KWD", "[$KWD] #,##0.000"},
		{"CHF", "[$CHF] #,##0.00"},
		{"INR", "[$₹]#,##0.00"},
		{"usd", "[$US$]#,##0.00"},
		{"XYZ", "[$XYZ] #,##0.00"},
		{`X"Y;Z`, "[$XYZ] #,##0.00"},
		{"", "#,##0.00"},
	}
	for _, tc := range tests {
		t.Run(tc.code, func(t *testing.T) {
			if got := moneyFormat(tc.code); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
