package csvfile

import (
	"bytes"
	"testing"

	"github.com/careport/careport/reports/model"
	"github.com/shopspring/decimal"
)

// TestMixedColumn checks that each value of a Mixed column is written as
// the CSV writes its kind: an integer, a ratio, money with its row's
// currency's minor digits, a number with its digits, text (guarded), and
// an empty field; the header carries no "(ratio)", the column not being a
// percent column.
func TestMixedColumn(t *testing.T) {
	s := model.NewSheet("Figures", model.TextCol("Figure"), model.MixedCol("Value"), model.TextCol("Currency"))
	s.Formatting().CurrencyColumn = "Currency"
	s.AddRow(model.Text("Clients"), model.Int(-1234), model.Value{})
	s.AddRow(model.Text("Share"), model.Percent(0.125), model.Value{})
	s.AddRow(model.Text("Collected USD"), model.MoneyMinor(12345, 1), model.Text("USD"))
	s.AddRow(model.Text("Collected JPY"), model.MoneyMinor(1200, 0), model.Text("JPY"))
	s.AddRow(model.Text("Per client"), model.Number(decimal.RequireFromString("2.125")), model.Value{})
	s.AddRow(model.Text("Status"), model.Text("-inactive"), model.Value{})
	s.AddRow(model.Text("Unknown"), model.Value{}, model.Value{})
	var buf bytes.Buffer
	if err := WriteSheet(t.Context(), &buf, s, Options{NoBOM: true}); err != nil {
		t.Fatal(err)
	}
	want := "Figure,Value,Currency\r\n" +
		"Clients,-1234,\r\n" +
		"Share,0.125,\r\n" +
		"Collected USD,1234.50,USD\r\n" +
		"Collected JPY,1200,JPY\r\n" +
		"Per client,2.125,\r\n" +
		"Status,\"'-inactive\",\r\n" +
		"Unknown,,\r\n"
	if got := buf.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	bad := model.NewSheet("F", model.MixedCol("Value"))
	bad.AddRow(model.MoneyMinor(100, 2))
	if err := WriteSheet(t.Context(), &bytes.Buffer{}, bad, Options{}); err == nil {
		t.Error("money in a mixed column without a currency column was written")
	}
}
