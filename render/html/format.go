package html

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/careport/careport/render/present"
	"github.com/careport/careport/reports/model"
)

// Text formats of the page's figures: those of the workbook's number
// formats, written out (render/xlsx styles.go), so that a figure reads the
// same in both files whatever the reader's locale: ISO dates, "," between
// thousands and "." before decimals.

// Cell formats v, a value of column type t, as the workbook shows it;
// code is the ISO 4217 currency of money (the column's or the row's, ""
// for none). An empty value is "", never "0":
//   - Integer and Count: 1,234
//   - Money: the currency's symbol and its minor-unit digits, US$1,234.50,
//     -€12.00, JP¥1,200, KWD 1.250 (a symbol of letters is followed by a
//     space); no currency: 1,234.50
//   - Percent: one decimal, 12.5%
//   - Number: all its digits, 72.125
//   - Date: 2026-10-31; DateTime: 2026-10-31 09:30:00 (its own zone)
//
// A Mixed column's cells are formatted by their value's kind, as here, with
// the row's currency for money; pass the cell's Column.CellType as t.
func Cell(t model.ColumnType, code string, v model.Value) string {
	switch v.Kind() {
	case model.KindEmpty:
		return ""
	case model.KindText:
		return v.Str()
	case model.KindInt:
		return groupDigits(strconv.FormatInt(v.Int(), 10))
	case model.KindMoney:
		return Money(code, v)
	case model.KindPercent:
		return percent(v.Float(), 1, false, "%")
	case model.KindNumber:
		return v.Decimal().String()
	case model.KindTime:
		if t == model.ColDate {
			return v.Time().Format(time.DateOnly)
		}
		return v.Time().Format(time.DateTime)
	}
	return ""
}

// Money formats a money value in the ISO 4217 currency code with the
// currency's symbol and minor-unit digits (model.CurrencyDigits), rounded
// half away from zero when the value holds more: "US$1,234.50",
// "-US$12.00", "JP¥1,200", "KWD 1.250"; code "" gives "1,234.50".
func Money(code string, v model.Value) string {
	if v.IsEmpty() {
		return ""
	}
	code = currencyCode(code)
	s := v.Decimal().StringFixed(model.CurrencyDigits(code))
	neg := strings.HasPrefix(s, "-")
	s = groupDigits(strings.TrimPrefix(s, "-"))
	if strings.Trim(s, "0.,") == "" {
		neg = false // -0.004 shows as 0.00, not -0.00
	}
	pre := moneyPrefix(code)
	if neg {
		return "-" + pre + s
	}
	return pre + s
}

// moneyPrefix is what stands before an amount in code: its symbol, and a
// space after a symbol made of letters ("KWD ").
func moneyPrefix(code string) string {
	if code == "" {
		return ""
	}
	sym := currencySymbol(code)
	if last := sym[len(sym)-1]; last >= 'A' && last <= 'Z' {
		return sym + " "
	}
	return sym
}

// groupDigits puts "," between thousands of a plain decimal ("-1234.5"
// is "-1,234.5").
func groupDigits(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	b.Grow(len(s) + len(s)/3 + 1)
	if neg {
		b.WriteByte('-')
	}
	for i := range len(whole) {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(whole[i])
	}
	if hasFrac {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// percent writes the ratio x as a percentage with digits decimals, signed
// ("+1.5") when sign is set, followed by unit ("%" or " pts"). A value that
// rounds to zero has no sign: "0.0%".
func percent(x float64, digits int, sign bool, unit string) string {
	p := x * 100
	// Round the percentage first at a finer step so that 0.145 (14.5%
	// held as 0.14499999...) shows as 14.5%, as Excel shows it.
	p = math.Round(p*1e6) / 1e6
	s := strconv.FormatFloat(p, 'f', digits, 64)
	if strings.Trim(s, "-0.") == "" {
		s = strings.TrimPrefix(s, "-")
		return s + unit
	}
	if sign && !strings.HasPrefix(s, "-") {
		s = "+" + s
	}
	return s + unit
}

// kpiValue formats one of a KPI's three values: "n/a" when it is not known.
func kpiValue(k model.KPI, v model.Value) string {
	if v.IsEmpty() {
		return "n/a"
	}
	return Cell(k.Type, k.Currency, v)
}

// Change formats a KPI's change (a Change or YearChange value) as the
// workbook does: relative with a sign and one decimal, "+6.0%", or for a
// KPI that is itself a percentage the difference in points, "-2.5 pts";
// "" when there is none.
func Change(k model.KPI, c model.Value) string {
	if c.IsEmpty() {
		return ""
	}
	if k.Type == model.ColPercent {
		return percent(c.Float(), 1, true, " pts")
	}
	return percent(c.Float(), 1, true, "%")
}

// changeClass is the CSS class of a change: good or bad news, or none.
func changeClass(k model.KPI, c model.Value) string {
	switch k.Good(c) {
	case 1:
		return "good"
	case -1:
		return "bad"
	}
	return "neutral"
}

// The shared presentation rules (see render/present).
var (
	currencyCode   = present.CurrencyCode
	currencySymbol = present.CurrencySymbol
	periodWords    = present.PeriodWords
	stamp          = present.Stamp
)
