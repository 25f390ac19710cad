package model

import (
	"math"
	"time"

	"github.com/shopspring/decimal"
)

// Kind is the type of data a Value holds.
type Kind uint8

// Value kinds. The zero Value is KindEmpty, written as a blank cell.
const (
	KindEmpty Kind = iota
	KindText
	KindInt
	KindMoney
	KindTime
	KindPercent
	// KindNumber is an exact decimal that is neither money nor a count:
	// a metric value (72.5 lbs), a rating, a target.
	KindNumber
)

// String returns the kind's lower-case name.
func (k Kind) String() string {
	switch k {
	case KindEmpty:
		return "empty"
	case KindText:
		return "text"
	case KindInt:
		return "int"
	case KindMoney:
		return "money"
	case KindTime:
		return "time"
	case KindPercent:
		return "percent"
	case KindNumber:
		return "number"
	}
	return "unknown"
}

// Value is one typed cell. It is a small struct passed by value; building a
// Value from an int64, a string, a time or minor money units does not
// allocate. The zero Value is an empty cell.
type Value struct {
	t     time.Time
	s     string
	d     decimal.Decimal
	i     int64
	scale int32
	kind  Kind
	dec   bool // money held in d rather than i/scale
}

// Text returns a text value. Text is always written as text, never as a
// formula or a number, whatever it starts with.
func Text(s string) Value { return Value{kind: KindText, s: s} }

// Int returns an integer value, for Integer and Count columns.
func Int(n int64) Value { return Value{kind: KindInt, i: n} }

// MoneyMinor returns a money amount of units * 10^-scale, e.g.
// MoneyMinor(1234, 2) is 12.34. The currency is the column's. A negative
// scale is treated as 0.
func MoneyMinor(units int64, scale int32) Value {
	return Value{kind: KindMoney, i: units, scale: max(scale, 0)}
}

// MoneyDecimal returns an exact money amount. The currency is the column's.
func MoneyDecimal(d decimal.Decimal) Value { return Value{kind: KindMoney, d: d, dec: true} }

// Number returns an exact decimal number that is not money (a metric
// value, a rating), for Number columns. Renderers write it with all its
// digits: it is never rounded to a currency's minor unit.
func Number(d decimal.Decimal) Value { return Value{kind: KindNumber, d: d, dec: true} }

// Percent returns a ratio shown as a percentage: 0.25 is 25%. A percentage
// is not money, so a float64 is acceptable here. A NaN or infinite ratio
// (say 0/0 when nothing was invoiced) gives an empty value, since no file
// format can hold it as a number.
func Percent(ratio float64) Value {
	if math.IsNaN(ratio) || math.IsInf(ratio, 0) {
		return Value{}
	}
	return Value{kind: KindPercent, i: int64(math.Float64bits(ratio))}
}

// PercentDecimal returns the ratio d as a percentage value.
func PercentDecimal(d decimal.Decimal) Value { return Percent(d.InexactFloat64()) }

// Date returns a calendar date (no time of day, no zone).
func Date(year int, month time.Month, day int) Value {
	return Value{kind: KindTime, t: time.Date(year, month, day, 0, 0, 0, 0, time.UTC)}
}

// DateOf returns the calendar date of t in t's own location; convert t to
// the account's location first.
func DateOf(t time.Time) Value {
	y, m, d := t.Date()
	return Date(y, m, d)
}

// DateTime returns an instant, written as its wall clock in t's location;
// convert t to the account's location first. The zero time is an empty cell.
func DateTime(t time.Time) Value {
	if t.IsZero() {
		return Value{}
	}
	return Value{kind: KindTime, t: t}
}

// Kind returns the value's kind.
func (v Value) Kind() Kind { return v.kind }

// IsEmpty reports whether v is an empty cell.
func (v Value) IsEmpty() bool { return v.kind == KindEmpty }

// Str returns the text of a text value, or "" for other kinds.
func (v Value) Str() string {
	if v.kind != KindText {
		return ""
	}
	return v.s
}

// Int returns the integer of an integer value, or 0 for other kinds.
func (v Value) Int() int64 {
	if v.kind != KindInt {
		return 0
	}
	return v.i
}

// Time returns the time of a date or date-time value, or the zero time.
func (v Value) Time() time.Time { return v.t }

// Decimal returns the exact number held by an integer, money or number
// value, the ratio of a percent value, and zero for other kinds.
func (v Value) Decimal() decimal.Decimal {
	switch v.kind {
	case KindNumber:
		return v.d
	case KindInt:
		return decimal.NewFromInt(v.i)
	case KindMoney:
		if v.dec {
			return v.d
		}
		return decimal.New(v.i, -v.scale)
	case KindPercent:
		return decimal.NewFromFloat(v.Float())
	}
	return decimal.Zero
}

// Minor returns a money value as units * 10^-scale when it is held that way,
// and ok false otherwise (use Decimal).
func (v Value) Minor() (units int64, scale int32, ok bool) {
	if v.kind != KindMoney || v.dec {
		return 0, 0, false
	}
	return v.i, v.scale, true
}

// Float returns the value as a float64 for a renderer's last step (a
// spreadsheet cell or a chart point): integers, money, numbers and percent
// ratios. It returns 0 for other kinds. Never do arithmetic on the result.
func (v Value) Float() float64 {
	switch v.kind {
	case KindNumber:
		return v.d.InexactFloat64()
	case KindInt:
		return float64(v.i)
	case KindPercent:
		return math.Float64frombits(uint64(v.i))
	case KindMoney:
		if v.dec {
			return v.d.InexactFloat64()
		}
		if v.scale == 0 {
			return float64(v.i)
		}
		if v.scale <= 15 && v.i <= 1<<53 && v.i >= -(1<<53) {
			// Both operands are exact, so the quotient is correctly rounded.
			return float64(v.i) / pow10(v.scale)
		}
		return decimal.New(v.i, -v.scale).InexactFloat64()
	}
	return 0
}

// pow10 returns 10^n exactly for 0 <= n <= 22.
func pow10(n int32) float64 {
	f := 1.0
	for range n {
		f *= 10
	}
	return f
}

// Row is one row of values, one per column.
type Row []Value
