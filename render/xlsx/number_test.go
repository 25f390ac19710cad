package xlsx

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/careport/careport/reports/model"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// TestNumbersAndRowScales writes Number cells (exact decimals that are not
// money) and a per-row colour scale over a run of columns, and reads them
// back: numbers keep every digit and the General format, and each data row
// gets its own rule over its own cells.
func TestNumbersAndRowScales(t *testing.T) {
	r := &model.Report{Name: "t", Title: "Numbers"}
	s := r.AddSheet("Grid", model.TextCol("Client"), model.NumberCol("W1"), model.TextCol("W1 text"), model.NumberCol("W2"))
	num := func(v string) model.Value { return model.Number(decimal.RequireFromString(v)) }
	s.AddRow(model.Text("Ann"), num("72.125"), model.Text("72.125 lbs"), num("8"))
	s.AddRow(model.Text("Ben"), model.Value{}, model.Value{}, num("-0.5"))
	s.AddRow(model.Text("Cy"), num("1234567.5"), model.Text("x"), model.Value{})
	s.Formatting().Conditional = []model.CondFormat{{Column: "W1", ToColumn: "W2", PerRow: true, Kind: model.ColourScale, Better: model.BetterNeutral}}
	path := filepath.Join(t.TempDir(), "n.xlsx")
	if err := WriteFile(t.Context(), path, r, Options{}); err != nil {
		t.Fatal(err)
	}
	f := openBook(t, path)
	cells := []struct{ cell, want string }{
		{"B2", "72.125"}, {"C2", "72.125 lbs"}, {"D2", "8"}, {"B3", ""}, {"D3", "-0.5"}, {"B4", "1234567.5"},
	}
	for _, tc := range cells {
		got, err := f.GetCellValue("Grid", tc.cell, excelize.Options{RawCellValue: true})
		if err != nil || got != tc.want {
			t.Errorf("%s: got %q (%v), want %q", tc.cell, got, err, tc.want)
		}
	}
	if typ, err := f.GetCellType("Grid", "B2"); err != nil || typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Errorf("B2: a number was written as text (type %v, %v)", typ, err)
	}
	id, err := f.GetCellStyle("Grid", "B2")
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt == nil || *st.CustomNumFmt != fmtNumber {
		if st.NumFmt != 0 {
			t.Errorf("B2 number format: got %v / %d, want General", st.CustomNumFmt, st.NumFmt)
		}
	}
	cf, err := f.GetConditionalFormats("Grid")
	if err != nil {
		t.Fatal(err)
	}
	var refs []string
	for ref := range cf {
		refs = append(refs, ref)
	}
	for _, want := range []string{"B2:D2", "B3:D3", "B4:D4"} {
		found := false
		for _, ref := range refs {
			found = found || ref == want
		}
		if !found {
			t.Errorf("no per-row rule over %s; rules: %s", want, strings.Join(refs, " "))
		}
	}
	if len(refs) != 3 {
		t.Errorf("got %d rules (%v), want 3", len(refs), refs)
	}
}

// TestRangeFormatNeedsKnownColumns refuses a run of columns ending at a
// column that is unknown or comes before the first.
func TestRangeFormatNeedsKnownColumns(t *testing.T) {
	for _, to := range []string{"nope", "A"} {
		s := model.NewSheet("S", model.NumberCol("A"), model.NumberCol("B"))
		s.AddRow(model.Number(decimal.NewFromInt(1)), model.Number(decimal.NewFromInt(2)))
		s.Formatting().Conditional = []model.CondFormat{{Column: "B", ToColumn: to, Kind: model.ColourScale}}
		if err := s.CheckFormat(); err == nil {
			t.Errorf("ToColumn %q: no error", to)
		}
	}
}
