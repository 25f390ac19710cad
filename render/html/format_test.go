package html

import (
	"fmt"
	"testing"
	"time"

	"github.com/careport/careport/reports/model"
	"github.com/shopspring/decimal"
)

// TestCell checks every column type's text against the workbook's number
// formats written out by hand (render/xlsx styles.go).
func TestCell(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	dec := func(s string) decimal.Decimal { return decimal.RequireFromString(s) }
	tests := []struct {
		name string
		typ  model.ColumnType
		code string
		v    model.Value
		want string
	}{
		{"empty money is empty, not zero", model.ColMoney, "USD", model.Value{}, ""},
		{"empty count", model.ColCount, "", model.Value{}, ""},
		{"empty percent", model.ColPercent, "", model.Percent(0 / zero()), ""},
		{"zero money", model.ColMoney, "USD", model.MoneyMinor(0, 2), "US$0.00"},
		{"zero count", model.ColCount, "", model.Int(0), "0"},
		{"dollars", model.ColMoney, "USD", model.MoneyMinor(123456789, 2), "US$1,234,567.89"},
		{"negative euros", model.ColMoney, "EUR", model.MoneyMinor(-1250, 2), "-€12.50"},
		{"pounds", model.ColMoney, "gbp", model.MoneyMinor(99, 2), "£0.99"},
		{"yen without decimals", model.ColMoney, "JPY", model.MoneyMinor(1200, 0), "JP¥1,200"},
		{"yen rounded half away from zero", model.ColMoney, "JPY", model.MoneyDecimal(dec("1200.5")), "JP¥1,201"},
		{"dinar three decimals after letters", model.ColMoney, "KWD", model.MoneyMinor(1250, 3), "KWD 1.250"},
		{"swiss francs", model.ColMoney, "CHF", model.MoneyMinor(100000, 2), "CHF 1,000.00"},
		{"unknown code", model.ColMoney, "XYZ", model.MoneyMinor(100, 2), "XYZ 1.00"},
		{"no currency", model.ColMoney, "", model.MoneyMinor(123456, 2), "1,234.56"},
		{"minor units of another scale", model.ColMoney, "USD", model.MoneyMinor(12345, 3), "US$12.35"},
		{"negative rounding to zero", model.ColMoney, "USD", model.MoneyDecimal(dec("-0.004")), "US$0.00"},
		{"integer", model.ColInteger, "", model.Int(-1234567), "-1,234,567"},
		{"small integer", model.ColInteger, "", model.Int(999), "999"},
		{"percent", model.ColPercent, "", model.Percent(0.125), "12.5%"},
		{"percent half up", model.ColPercent, "", model.Percent(0.1455), "14.6%"},
		{"percent over 100", model.ColPercent, "", model.Percent(12.345), "1234.5%"},
		{"tiny negative percent", model.ColPercent, "", model.Percent(-0.0001), "0.0%"},
		{"number with its digits", model.ColNumber, "", model.Number(dec("72.125")), "72.125"},
		{"number integral", model.ColNumber, "", model.Number(dec("1500")), "1500"},
		{"date", model.ColDate, "", model.Date(2026, 10, 31), "2026-10-31"},
		{"date-time in its zone", model.ColDateTime, "", model.DateTime(time.Date(2026, 3, 8, 3, 30, 5, 0, ny)), "2026-03-08 03:30:05"},
		{"text as is", model.ColText, "", model.Text("<b>=1+1</b>"), "<b>=1+1</b>"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Cell(tc.typ, tc.code, tc.v); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func zero() float64 { return 0 }

// TestKPICard checks a card's texts and the colour of its changes by the
// direction of good news, a percentage's change in points.
func TestKPICard(t *testing.T) {
	tests := []struct {
		name                 string
		k                    model.KPI
		value, prev, year    string
		change, changeClass  string
		yearChg, yearChgClas string
	}{
		{"money up is good",
			model.KPI{Type: model.ColMoney, Currency: "USD", Current: model.MoneyMinor(15000, 2), Previous: model.MoneyMinor(10000, 2),
				YearEarlier: model.MoneyMinor(20000, 2), Better: model.BetterUp},
			"US$150.00", "US$100.00", "US$200.00", "+50.0%", "good", "-25.0%", "bad"},
		{"outstanding up is bad",
			model.KPI{Type: model.ColMoney, Currency: "EUR", Current: model.MoneyMinor(15000, 2), Previous: model.MoneyMinor(10000, 2), Better: model.BetterDown},
			"€150.00", "€100.00", "n/a", "+50.0%", "bad", "", "neutral"},
		{"percent changes in points",
			model.KPI{Type: model.ColPercent, Current: model.Percent(0.64), Previous: model.Percent(0.37), YearEarlier: model.Percent(0.70), Better: model.BetterUp},
			"64.0%", "37.0%", "70.0%", "+27.0 pts", "good", "-6.0 pts", "bad"},
		{"neutral count, previous zero",
			model.KPI{Type: model.ColCount, Current: model.Int(3), Previous: model.Int(0), YearEarlier: model.Int(3), Better: model.BetterNeutral},
			"3", "0", "3", "", "neutral", "0.0%", "neutral"},
		{"unknown current",
			model.KPI{Type: model.ColCount, Previous: model.Int(4), Better: model.BetterUp},
			"n/a", "4", "n/a", "", "neutral", "", "neutral"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := kpiGroups([]model.KPI{tc.k})[0].Cards[0]
			got := []string{c.Value, c.Previous, c.YearEarlier, c.Change, c.ChangeClass, c.YearChange, c.YearClass}
			want := []string{tc.value, tc.prev, tc.year, tc.change, tc.changeClass, tc.yearChg, tc.yearChgClas}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
}

func ExampleCell() {
	fmt.Println(Cell(model.ColMoney, "USD", model.MoneyMinor(-123456, 2)))
	fmt.Println(Cell(model.ColMoney, "JPY", model.MoneyMinor(1200, 0)))
	fmt.Println(Cell(model.ColMoney, "KWD", model.MoneyMinor(1250, 3)))
	fmt.Println(Cell(model.ColCount, "", model.Int(1234567)))
	fmt.Println(Cell(model.ColPercent, "", model.Percent(0.125)))
	fmt.Printf("%q\n", Cell(model.ColMoney, "USD", model.Value{}))
	// Output:
	// -US$1,234.56
	// JP¥1,200
	// KWD 1.250
	// 1,234,567
	// 12.5%
	// ""
}

func ExampleChange() {
	invoiced := model.KPI{Type: model.ColMoney, Currency: "EUR", Current: model.MoneyMinor(530, 0), Previous: model.MoneyMinor(500, 0)}
	share := model.KPI{Type: model.ColPercent, Current: model.Percent(0.64), Previous: model.Percent(0.37)}
	fmt.Println(Change(invoiced, invoiced.Change()))
	fmt.Println(Change(share, share.Change()))
	// Output:
	// +6.0%
	// +27.0 pts
}

func ExampleMoney() {
	fmt.Println(Money("EUR", model.MoneyMinor(-1250, 2)))
	fmt.Println(Money("CHF", model.MoneyMinor(100000, 2)))
	fmt.Println(Money("", model.MoneyMinor(123456, 2)))
	// Output:
	// -€12.50
	// CHF 1,000.00
	// 1,234.56
}
