package account

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar date in the account's timezone, counted in days since
// 1970-01-01. The zero value means "absent" (encoded as JSON null); no record
// of a real account is dated on 1970-01-01.
type Date int32

// DateOf returns the Date for a calendar day.
func DateOf(y int, m time.Month, d int) Date {
	return Date(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// DateFromTime returns the calendar date of t's wall clock (t's own location).
func DateFromTime(t time.Time) Date { return DateOf(t.Year(), t.Month(), t.Day()) }

// IsZero reports whether d is absent.
func (d Date) IsZero() bool { return d == 0 }

// Time returns midnight of d as a wall-clock time in loc.
func (d Date) Time(loc *time.Location) time.Time {
	u := time.Unix(int64(d)*86400, 0).UTC()
	return time.Date(u.Year(), u.Month(), u.Day(), 0, 0, 0, 0, loc)
}

// AddDays returns d moved by n days.
func (d Date) AddDays(n int) Date { return d + Date(n) }

// String formats d as YYYY-MM-DD ("" when absent).
func (d Date) String() string {
	if d == 0 {
		return ""
	}
	return d.Time(time.UTC).Format("2006-01-02")
}

// ParseDate reads YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return 0, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	return DateFromTime(t), nil
}

// MarshalJSON encodes "YYYY-MM-DD", or null when absent.
func (d Date) MarshalJSON() ([]byte, error) {
	if d == 0 {
		return []byte("null"), nil
	}
	return []byte(`"` + d.String() + `"`), nil
}

// UnmarshalJSON reads "YYYY-MM-DD" or null.
func (d *Date) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) || bytes.Equal(b, []byte(`""`)) {
		*d = 0
		return nil
	}
	s, err := strconv.Unquote(string(b))
	if err != nil {
		return fmt.Errorf("date: %s is not a string", b)
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// DateTime is a wall-clock date and time in the account's timezone, counted in
// seconds since 1970-01-01 00:00:00 of that wall clock (no offset is applied).
// The zero value means "absent" (JSON null).
type DateTime int64

// DateTimeOf returns the DateTime of a wall-clock moment.
func DateTimeOf(y int, m time.Month, d, hh, mm, ss int) DateTime {
	return DateTime(time.Date(y, m, d, hh, mm, ss, 0, time.UTC).Unix())
}

// DateTimeFromTime returns the wall clock of t in loc.
func DateTimeFromTime(t time.Time, loc *time.Location) DateTime {
	t = t.In(loc)
	return DateTimeOf(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second())
}

// IsZero reports whether dt is absent.
func (dt DateTime) IsZero() bool { return dt == 0 }

// Date returns the calendar date of dt.
func (dt DateTime) Date() Date {
	if dt == 0 {
		return 0
	}
	return Date(floorDiv(int64(dt), 86400))
}

// Time returns dt as a time.Time in loc (the account's timezone).
func (dt DateTime) Time(loc *time.Location) time.Time {
	u := time.Unix(int64(dt), 0).UTC()
	return time.Date(u.Year(), u.Month(), u.Day(), u.Hour(), u.Minute(), u.Second(), 0, loc)
}

// Add returns dt moved by d (whole seconds).
func (dt DateTime) Add(d time.Duration) DateTime { return dt + DateTime(d/time.Second) }

// At returns d at the given wall-clock time.
func (d Date) At(hh, mm, ss int) DateTime {
	return DateTime(int64(d)*86400 + int64(hh*3600+mm*60+ss))
}

// String formats dt as "YYYY-MM-DD HH:MM:SS" ("" when absent).
func (dt DateTime) String() string {
	if dt == 0 {
		return ""
	}
	return time.Unix(int64(dt), 0).UTC().Format("2006-01-02 15:04:05")
}

// ParseDateTime reads "YYYY-MM-DD HH:MM:SS", "YYYY-MM-DD HH:MM" or a bare date.
func ParseDateTime(s string) (DateTime, error) {
	for _, layout := range []string{"2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return DateTime(t.Unix()), nil
		}
	}
	return 0, fmt.Errorf("date/time %q: want YYYY-MM-DD HH:MM:SS", s)
}

// MarshalJSON encodes "YYYY-MM-DD HH:MM:SS", or null when absent.
func (dt DateTime) MarshalJSON() ([]byte, error) {
	if dt == 0 {
		return []byte("null"), nil
	}
	return []byte(`"` + dt.String() + `"`), nil
}

// UnmarshalJSON reads the formats of ParseDateTime, or null.
func (dt *DateTime) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) || bytes.Equal(b, []byte(`""`)) {
		*dt = 0
		return nil
	}
	s, err := strconv.Unquote(string(b))
	if err != nil {
		return fmt.Errorf("date/time: %s is not a string", b)
	}
	v, err := ParseDateTime(s)
	if err != nil {
		return err
	}
	*dt = v
	return nil
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// Cents is an amount of money in minor units (cents) of the currency that
// goes with it. JSON: a number with two decimals, e.g. 412.50; a numeric
// string is accepted too. Never a float.
type Cents int64

// String formats c as a plain decimal with two places: "-12.05".
func (c Cents) String() string {
	sign := ""
	v := int64(c)
	if v < 0 {
		sign, v = "-", -v
	}
	return fmt.Sprintf("%s%d.%02d", sign, v/100, v%100)
}

// MarshalJSON encodes c as a JSON number with two decimals.
func (c Cents) MarshalJSON() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalJSON reads a JSON number or numeric string with at most two decimals.
func (c *Cents) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	f, err := ParseFixed(s)
	if err != nil {
		return fmt.Errorf("money: %w", err)
	}
	if int64(f)%100 != 0 {
		return fmt.Errorf("money %q: more than two decimals", s)
	}
	*c = Cents(int64(f) / 100)
	return nil
}

// ParseCents reads a plain decimal amount with at most two decimals ("412.5").
func ParseCents(s string) (Cents, error) {
	var c Cents
	err := c.UnmarshalJSON([]byte(s))
	return c, err
}

// Fixed is an exact decimal with four places (value x 10,000): metric values,
// targets, tax rates and numeric form answers. JSON: a plain number without
// trailing zeros (12.5, 3, -0.25); a numeric string is accepted too.
type Fixed int64

// FixedScale is the number of Fixed units in 1.
const FixedScale = 10000

// String formats f without trailing zeros: "12.5", "3", "-0.25".
func (f Fixed) String() string {
	sign := ""
	v := int64(f)
	if v < 0 {
		sign, v = "-", -v
	}
	s := fmt.Sprintf("%s%d", sign, v/FixedScale)
	if frac := v % FixedScale; frac != 0 {
		s += "." + strings.TrimRight(fmt.Sprintf("%04d", frac), "0")
	}
	return s
}

// ParseFixed reads a plain decimal with an optional sign and at most four
// decimals. Exponents, separators and units are refused.
func ParseFixed(s string) (Fixed, error) {
	orig := s
	neg := false
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+") {
		neg = s[0] == '-'
		s = s[1:]
	}
	intPart, frac, hasDot := strings.Cut(s, ".")
	if intPart == "" && (!hasDot || frac == "") {
		return 0, fmt.Errorf("%q is not a decimal number", orig)
	}
	if len(frac) > 4 {
		return 0, fmt.Errorf("%q has more than four decimals", orig)
	}
	for _, r := range intPart + frac {
		if r < '0' || r > '9' {
			return 0, fmt.Errorf("%q is not a decimal number", orig)
		}
	}
	if len(intPart) > 14 {
		return 0, fmt.Errorf("%q is too large", orig)
	}
	var v int64
	if intPart != "" {
		v, _ = strconv.ParseInt(intPart, 10, 64)
	}
	v *= FixedScale
	if frac != "" {
		fv, _ := strconv.ParseInt((frac + "0000")[:4], 10, 64)
		v += fv
	}
	if neg {
		v = -v
	}
	return Fixed(v), nil
}

// MarshalJSON encodes f as a plain JSON number.
func (f Fixed) MarshalJSON() ([]byte, error) { return []byte(f.String()), nil }

// UnmarshalJSON reads a JSON number or numeric string.
func (f *Fixed) UnmarshalJSON(b []byte) error {
	v, err := ParseFixed(strings.Trim(string(b), `"`))
	if err != nil {
		return err
	}
	*f = v
	return nil
}
