package render_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/careport/careport/render"
	"github.com/careport/careport/render/output"
	"github.com/careport/careport/reports/model"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// TestSameDecimalsEverywhere checks that a money cell has its currency's
// ISO 4217 digits in the workbook's number format and in the CSV, where
// the currency varies by row, in data and totals rows alike.
func TestSameDecimalsEverywhere(t *testing.T) {
	r := &model.Report{Name: "ar"}
	s := r.AddSheet("AR", model.TextCol("Currency"), model.MoneyCol("Average", ""))
	s.Formatting().CurrencyColumn = "Currency"
	want := map[string]int{"KWD": 3, "JPY": 0, "USD": 2, "CLF": 4}
	for code := range want {
		s.AddRow(model.Text(code), model.MoneyDecimal(decimal.RequireFromString("100")))
		s.AddTotalRow(model.Text(code), model.MoneyDecimal(decimal.RequireFromString("1234.5")))
	}
	dir := t.TempDir()
	out, err := output.Begin(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range render.Formats() {
		if _, err := f.Render(t.Context(), r, out, render.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	if err := out.Commit(); err != nil {
		t.Fatal(err)
	}
	book, err := excelize.OpenFile(filepath.Join(dir, "ar.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	check := func(file string, firstRow int) {
		t.Helper()
		fh, err := os.Open(filepath.Join(dir, "ar", file))
		if err != nil {
			t.Fatal(err)
		}
		defer fh.Close()
		recs, err := csv.NewReader(fh).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for i, rec := range recs[1:] {
			code := rec[0]
			csvDigits := 0
			if _, frac, ok := strings.Cut(rec[1], "."); ok {
				csvDigits = len(frac)
			}
			cell, _ := excelize.CoordinatesToCellName(2, firstRow+i)
			id, _ := book.GetCellStyle("AR", cell)
			st, _ := book.GetStyle(id)
			xlsxDigits := 0
			if st.CustomNumFmt != nil {
				if _, frac, ok := strings.Cut(*st.CustomNumFmt, "."); ok {
					xlsxDigits = strings.Count(frac, "0")
				}
			}
			got, _ := book.GetCellValue("AR", "A"+cell[1:])
			if got != code {
				t.Fatalf("%s row order: workbook has %s, CSV %s", file, got, code)
			}
			if csvDigits != want[code] || xlsxDigits != want[code] {
				t.Errorf("%s %s: CSV %q has %d decimals, workbook format %v %d; want %d", file, code, rec[1], csvDigits, st.CustomNumFmt, xlsxDigits, want[code])
			}
		}
	}
	check("ar AR.csv", 2)          // data rows 2-5
	check("ar AR (totals).csv", 6) // the totals block follows
}
