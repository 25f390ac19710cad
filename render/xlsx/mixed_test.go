package xlsx

import (
	"path/filepath"
	"testing"

	"github.com/careport/careport/reports/model"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// mixedReport is a vertical sheet of figures: a Mixed column holding a
// count, a percentage, money in two currencies (from the currency column),
// a number, text and an empty cell.
func mixedReport() *model.Report {
	r := &model.Report{Name: "t", Title: "Mixed"}
	s := r.AddSheet("Figures", model.TextCol("Figure"), model.MixedCol("Value"), model.TextCol("Currency"))
	s.Formatting().CurrencyColumn = "Currency"
	s.AddRow(model.Text("Clients"), model.Int(1234), model.Value{})
	s.AddRow(model.Text("Share"), model.Percent(0.125), model.Value{})
	s.AddRow(model.Text("Collected USD"), model.MoneyMinor(123450, 2), model.Text("USD"))
	s.AddRow(model.Text("Collected JPY"), model.MoneyMinor(1200, 0), model.Text("JPY"))
	s.AddRow(model.Text("Per client"), model.Number(decimal.RequireFromString("2.5")), model.Value{})
	s.AddRow(model.Text("Status"), model.Text("inactive"), model.Value{})
	s.AddRow(model.Text("Unknown"), model.Value{}, model.Value{})
	s.Formatting().Conditional = []model.CondFormat{{Column: "Value", Kind: model.SignColours, Better: model.BetterUp}}
	return r
}

// TestMixedColumn checks that each cell of a Mixed column gets the number
// format and alignment of its value's kind: a count as an integer, a
// percentage as a percent, money in its row's currency, text as text.
func TestMixedColumn(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.xlsx")
	if err := WriteFile(t.Context(), path, mixedReport(), Options{}); err != nil {
		t.Fatal(err)
	}
	f := openBook(t, path)
	cases := []struct{ cell, raw, format, shown string }{
		{"B2", "1234", fmtInteger, "1,234"},
		{"B3", "0.125", fmtPercent, "12.5%"},
		{"B4", "1234.5", moneyFormat("USD"), ""},
		{"B5", "1200", moneyFormat("JPY"), ""},
		{"B6", "2.5", fmtNumber, "2.5"},
		{"B7", "inactive", fmtText, "inactive"},
	}
	for _, tc := range cases {
		raw, err := f.GetCellValue("Figures", tc.cell, excelize.Options{RawCellValue: true})
		if err != nil || raw != tc.raw {
			t.Errorf("%s: got %q (%v), want %q", tc.cell, raw, err, tc.raw)
		}
		id, err := f.GetCellStyle("Figures", tc.cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		if st.CustomNumFmt == nil || *st.CustomNumFmt != tc.format {
			t.Errorf("%s number format: got %v, want %q", tc.cell, st.CustomNumFmt, tc.format)
		}
		if tc.shown != "" {
			if got, _ := f.GetCellValue("Figures", tc.cell); got != tc.shown {
				t.Errorf("%s shown as %q, want %q", tc.cell, got, tc.shown)
			}
		}
	}
	if moneyFormat("USD") == moneyFormat("JPY") {
		t.Fatal("USD and JPY formats are the same; the test cannot tell them apart")
	}
	if v, _ := f.GetCellValue("Figures", "B8"); v != "" {
		t.Errorf("B8 (empty): got %q", v)
	}
	if typ, _ := f.GetCellType("Figures", "B2"); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Error("B2: a count in a mixed column was written as text")
	}
	if typ, _ := f.GetCellType("Figures", "B7"); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
		t.Errorf("B7: text in a mixed column has type %v", typ)
	}
	// The header of a column of figures is right-aligned, as for numbers.
	id, _ := f.GetCellStyle("Figures", "B1")
	if st, _ := f.GetStyle(id); st.Alignment == nil || st.Alignment.Horizontal != "right" {
		t.Errorf("B1 header alignment: %+v", st.Alignment)
	}
}

// TestMixedColumnRefusals checks CheckFormat: money in a Mixed column
// needs a currency column, and a scale or bar needs one kind.
func TestMixedColumnRefusals(t *testing.T) {
	r := &model.Report{Name: "t", Title: "Mixed"}
	s := r.AddSheet("F", model.TextCol("Figure"), model.MixedCol("Value"))
	s.AddRow(model.Text("Collected"), model.MoneyMinor(100, 2))
	if err := Write(t.Context(), discard{}, r, Options{}); err == nil {
		t.Error("money in a mixed column without a currency column was written")
	}
	r = mixedReport()
	r.Sheets[0].Format.Conditional = append(r.Sheets[0].Format.Conditional, model.CondFormat{Column: "Value", Kind: model.DataBar})
	if err := Write(t.Context(), discard{}, r, Options{}); err == nil {
		t.Error("a data bar on a mixed column was written")
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
