package html

import (
	"bytes"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/careport/careport/render/html/htmldump"
	"github.com/careport/careport/reports/model"
)

// TestMixedColumn checks that each cell of a Mixed column reads as a cell
// of its value's kind: a count with separators, a percentage, money with
// its row's currency symbol and digits, a number, text (left-aligned,
// class t) and an empty cell; sign colours apply to its figures.
func TestMixedColumn(t *testing.T) {
	r := &model.Report{Name: "t", Title: "Mixed"}
	s := r.AddSheet("Figures", model.TextCol("Figure"), model.MixedCol("Value"), model.TextCol("Currency"))
	f := s.Formatting()
	f.CurrencyColumn = "Currency"
	f.Conditional = []model.CondFormat{{Column: "Value", Kind: model.SignColours, Better: model.BetterUp}}
	s.AddRow(model.Text("Clients"), model.Int(1234), model.Value{})
	s.AddRow(model.Text("Share"), model.Percent(-0.125), model.Value{})
	s.AddRow(model.Text("Collected USD"), model.MoneyMinor(123450, 2), model.Text("USD"))
	s.AddRow(model.Text("Collected JPY"), model.MoneyMinor(1200, 0), model.Text("JPY"))
	s.AddRow(model.Text("Per client"), model.Number(decimalOf("2.5")), model.Value{})
	s.AddRow(model.Text("Status"), model.Text("inactive"), model.Value{})
	s.AddRow(model.Text("Unknown"), model.Value{}, model.Value{})
	var buf bytes.Buffer
	if err := Write(t.Context(), &buf, r, Options{}); err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(&buf)
	if err != nil {
		t.Fatal(err)
	}
	sec := sections(t, doc)["Figures"]
	body := elements(elements(sec, atom.Tbody)[0], atom.Tr)
	want := []struct{ text, class string }{
		{"1,234", "n good"},
		{"-12.5%", "n bad"},
		{Money("USD", model.MoneyMinor(123450, 2)), "n good"},
		{Money("JPY", model.MoneyMinor(1200, 0)), "n good"},
		{"2.5", "n good"},
		{"inactive", "t"},
		{"", "t"}, // an empty cell is blank, like an empty text cell
	}
	if len(body) != len(want) {
		t.Fatalf("%d rows, want %d", len(body), len(want))
	}
	if Money("USD", model.MoneyMinor(123450, 2)) != "US$1,234.50" || Money("JPY", model.MoneyMinor(1200, 0)) != "JP¥1,200" {
		t.Fatalf("money formats changed: %q %q", Money("USD", model.MoneyMinor(123450, 2)), Money("JPY", model.MoneyMinor(1200, 0)))
	}
	for i, tr := range body {
		td := elements(tr, atom.Td)[1]
		if got := htmldump.Text(td); got != want[i].text {
			t.Errorf("row %d: %q, want %q", i+1, got, want[i].text)
		}
		if got := htmldump.Attr(td, "class"); got != want[i].class {
			t.Errorf("row %d class %q, want %q", i+1, got, want[i].class)
		}
	}
}
