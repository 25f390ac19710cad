package fetch

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/go-json-experiment/json/jsontext"
	"github.com/shopspring/decimal"
)

// The flex types read the values of section 1.8 of the API reference as
// tolerantly as it asks. They are used only inside decoding; public records
// get plain Go types.

// jsonScalar returns the text of a JSON scalar: the contents of a string,
// the literal of a number or boolean, and null=true for null. b must be
// one valid JSON value (as a decoder hands it over); the text may alias b.
func jsonScalar(b []byte) (s []byte, isString, null bool, err error) {
	if len(b) > 0 && (b[0] <= ' ' || b[len(b)-1] <= ' ') {
		b = bytes.TrimSpace(b)
	}
	switch {
	case len(b) == 0:
		return nil, false, false, fmt.Errorf("empty value")
	case string(b) == "null":
		return nil, false, true, nil
	case b[0] == '"':
		if len(b) < 2 || b[len(b)-1] != '"' {
			return nil, false, false, fmt.Errorf("malformed string %.20q", b)
		}
		in := b[1 : len(b)-1]
		if !hasBackslash(in) {
			return in, true, false, nil
		}
		out, err := jsontext.AppendUnquote(nil, b)
		if err != nil {
			return nil, false, false, err
		}
		return out, true, false, nil
	case b[0] == '{' || b[0] == '[':
		return nil, false, false, fmt.Errorf("got a JSON %s, want a scalar", map[byte]string{'{': "object", '[': "array"}[b[0]])
	}
	return b, false, false, nil
}

// flexInt reads an integer from a JSON number or a string of digits; null
// and "" read as 0 (the API's "none").
type flexInt int

func (f *flexInt) UnmarshalJSON(b []byte) error { return f.set(b) }

// set reads the raw JSON value b.
func (f *flexInt) set(b []byte) error {
	raw, _, null, err := jsonScalar(b)
	if err != nil {
		return err
	}
	raw = bytes.TrimSpace(raw)
	if null || len(raw) == 0 {
		*f = 0
		return nil
	}
	if n, ok := atoi(raw); ok {
		*f = flexInt(n)
		return nil
	}
	s := string(raw)
	n, err := strconv.Atoi(s)
	if err != nil {
		// "12.0" from a PHP float column.
		d, derr := decimal.NewFromString(s)
		if derr != nil || !d.IsInteger() || !d.BigInt().IsInt64() {
			return fmt.Errorf("%q is not an integer", s)
		}
		n = int(d.IntPart())
	}
	*f = flexInt(n)
	return nil
}

// flexOptInt is a flexInt that remembers whether a value was sent: for
// undocumented figures (an engagement's allocationUsedP/A) that a report
// shows as the API's own, where a missing field read as 0 would be a
// silently wrong number.
type flexOptInt struct {
	n  flexInt
	ok bool // a number was sent (not absent, null or "")
}

func (f *flexOptInt) UnmarshalJSON(b []byte) error {
	raw, _, null, err := jsonScalar(b)
	if err != nil {
		return err
	}
	if null || len(bytes.TrimSpace(raw)) == 0 {
		*f = flexOptInt{}
		return nil
	}
	if err := f.n.set(b); err != nil {
		return err
	}
	f.ok = true
	return nil
}

// flexBool reads true/false, 1/0, "1"/"0", "true"/"false" (and yes/no);
// null and "" read as false.
type flexBool bool

func (f *flexBool) UnmarshalJSON(b []byte) error { return f.set(b) }

// set reads the raw JSON value b.
func (f *flexBool) set(b []byte) error {
	raw, _, null, err := jsonScalar(b)
	if err != nil {
		return err
	}
	if null {
		*f = false
		return nil
	}
	switch len(raw) {
	case 1:
		switch raw[0] {
		case '1':
			*f = true
			return nil
		case '0':
			*f = false
			return nil
		}
	case 4:
		if string(raw) == "true" {
			*f = true
			return nil
		}
	case 5:
		if string(raw) == "false" {
			*f = false
			return nil
		}
	}
	s := string(raw)
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "1", "yes", "on", "y", "t":
		*f = true
	case "false", "0", "", "no", "off", "n", "f":
		*f = false
	default:
		return fmt.Errorf("%q is not a boolean", s)
	}
	return nil
}

// flexString reads a string; null reads as "", and a number or boolean as
// its literal text.
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error { return f.set(b) }

// set reads the raw JSON value b.
func (f *flexString) set(b []byte) error {
	s, _, _, err := jsonScalar(b)
	if err != nil {
		return err
	}
	*f = flexString(s)
	return nil
}

// flexDecimal reads an exact decimal from a JSON number or a numeric string;
// null and "" leave it invalid (absent), and it remembers which of missing,
// null and "" it was, for error messages. Floats are never involved.
type flexDecimal struct {
	d     decimal.Decimal
	valid bool
	how   absence
	// small: d is mant * 10^-frac with |mant| < 10^18, for checks
	// without big-number arithmetic.
	small bool
	frac  uint8
	mant  int64
}

// absence tells how a value was absent.
type absence uint8

const (
	missing    absence = iota // the field was not sent
	isNull                    // null
	isEmpty                   // ""
	isZeroDate                // 0000-00-00 (00:00:00)
)

func (a absence) String() string {
	switch a {
	case isNull:
		return "is null"
	case isEmpty:
		return `is empty ("")`
	case isZeroDate:
		return "is a zero date (0000-00-00)"
	}
	return "is missing"
}

func (f *flexDecimal) UnmarshalJSON(b []byte) error { return f.set(b) }

// set reads the raw JSON value b.
func (f *flexDecimal) set(b []byte) error {
	raw, _, null, err := jsonScalar(b)
	if err != nil {
		return err
	}
	raw = bytes.TrimSpace(raw)
	if null || len(raw) == 0 {
		*f = flexDecimal{how: isEmpty}
		if null {
			f.how = isNull
		}
		return nil
	}
	return f.setNumber(raw, nil)
}

// setNumber reads the text of a number, taking equal small values from
// cache when it is set (so that records share them).
func (f *flexDecimal) setNumber(raw []byte, cache map[int64]decimal.Decimal) error {
	mant, frac, ok := smallDecimal(raw)
	if !ok {
		d, err := parseDecimal(string(raw))
		if err != nil {
			return err
		}
		*f = flexDecimal{d: d, valid: true}
		return nil
	}
	*f = flexDecimal{valid: true, small: true, mant: mant, frac: uint8(frac)}
	if mant == 0 {
		return nil // the zero Decimal is 0
	}
	// Amounts of up to 4 decimals and 2^58 share one cache key.
	cacheable := cache != nil && frac < 4 && mant < 1<<58 && mant > -(1<<58)
	k := mant<<2 | int64(frac)
	if cacheable {
		if d, ok := cache[k]; ok {
			f.d = d
			return nil
		}
	}
	f.d = decimal.New(mant, -int32(frac))
	if cacheable && len(cache) < maxCached {
		cache[k] = f.d
	}
	return nil
}

// maxCached bounds the per-call caches of strings and decimals.
const maxCached = 1 << 16

// smallDecimal reads a plain decimal ([+-]digits[.digits]) of at most 18
// significant digits and 18 decimals as mant * 10^-frac; ok is false for
// anything else (exponents, longer numbers, malformed text), which
// parseDecimal then reads or refuses.
func smallDecimal(b []byte) (mant int64, frac int, ok bool) {
	i, neg := 0, false
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		neg = b[0] == '-'
		i++
	}
	digits, dot, seen := 0, false, false
	for ; i < len(b); i++ {
		c := b[i]
		switch {
		case c >= '0' && c <= '9':
			if mant != 0 || c != '0' {
				digits++
			}
			if digits > 18 {
				return 0, 0, false
			}
			mant = mant*10 + int64(c-'0')
			seen = true
			if dot {
				frac++
				if frac > 18 {
					return 0, 0, false
				}
			}
		case c == '.' && !dot && seen:
			dot = true
		default:
			return 0, 0, false
		}
	}
	if !seen || (dot && frac == 0) {
		return 0, 0, false
	}
	if neg {
		mant = -mant
	}
	return mant, frac, true
}

// value returns the decimal, zero when absent.
func (f flexDecimal) value() decimal.Decimal { return f.d }

// null returns the decimal as a NullDecimal.
func (f flexDecimal) null() decimal.NullDecimal {
	return decimal.NullDecimal{Decimal: f.d, Valid: f.valid}
}

// parseDecimal reads a plain decimal with an optional sign and an optional
// exponent (JSON numbers may have one). It refuses anything else, including
// huge exponents that would make arithmetic blow up.
func parseDecimal(s string) (decimal.Decimal, error) {
	if len(s) > 64 {
		return decimal.Decimal{}, fmt.Errorf("%.20q... is too long for a number", s)
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E') {
			return decimal.Decimal{}, fmt.Errorf("%q is not a number", s)
		}
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("%q is not a number", s)
	}
	if e := d.Exponent(); e > 40 || e < -40 {
		return decimal.Decimal{}, fmt.Errorf("%q is out of range", s)
	}
	return d, nil
}

// civil is a wall-clock date and time without a zone, as the API sends it.
// The zero value is "absent".
type civil struct {
	y               int32
	mo, d, h, mi, s uint8
	ok              bool
	how             absence // when !ok: how it was absent
}

// in returns the civil time as a time.Time in loc (the account zone); the
// zero time.Time when absent.
func (c civil) in(loc *time.Location) time.Time {
	if !c.ok {
		return time.Time{}
	}
	if loc == nil {
		loc = time.UTC
	}
	return time.Date(int(c.y), time.Month(c.mo), int(c.d), int(c.h), int(c.mi), int(c.s), 0, loc)
}

// dateIn returns the first instant of the civil date in loc: its midnight,
// or, where the clock skips midnight (daylight saving time starting at
// 00:00, as in America/Santiago or America/Havana), the instant the day
// starts at. time.Date alone gives 23:00 of the day before there, and a
// report reading the date back would put the record a day early.
func (c civil) dateIn(loc *time.Location) time.Time {
	c.h, c.mi, c.s = 0, 0, 0
	t := c.in(loc)
	if !t.IsZero() && t.Day() != int(c.d) {
		if _, end := t.ZoneBounds(); !end.IsZero() && end.Day() == int(c.d) {
			t = end
		}
	}
	return t
}

var civilLayouts = []string{
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02",
}

// parseCivil reads "YYYY-MM-DD", "YYYY-MM-DD HH:MM[:SS]" (a 'T' separator
// too); "", "0000-00-00" and "0000-00-00 00:00:00" read as absent.
func parseCivil(s string) (civil, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return civil{how: isEmpty}, nil
	}
	if strings.HasPrefix(s, "0000-00-00") {
		return civil{how: isZeroDate}, nil
	}
	for _, l := range civilLayouts {
		if len(s) != len(l) {
			continue
		}
		t, err := time.Parse(l, s)
		if err != nil {
			continue
		}
		return civil{y: int32(t.Year()), mo: uint8(t.Month()), d: uint8(t.Day()), h: uint8(t.Hour()), mi: uint8(t.Minute()), s: uint8(t.Second()), ok: true}, nil
	}
	return civil{}, fmt.Errorf("%q is not a date or date/time", s)
}

// parseCivilBytes is parseCivil with a fast path for the two layouts the
// API sends, "YYYY-MM-DD" and "YYYY-MM-DD HH:MM:SS".
func parseCivilBytes(b []byte) (civil, error) {
	if c, ok := quickCivil(b); ok {
		return c, nil
	}
	return parseCivil(string(b))
}

// quickCivil reads "YYYY-MM-DD" and "YYYY-MM-DD HH:MM:SS" holding a real
// date and time; ok is false for anything else.
func quickCivil(b []byte) (civil, bool) {
	if (len(b) == 10 || len(b) == 19 && b[10] == ' ' && b[13] == ':' && b[16] == ':') && b[4] == '-' && b[7] == '-' {
		y, ok1 := digitsAt(b, 0, 4)
		mo, ok2 := digitsAt(b, 5, 2)
		d, ok3 := digitsAt(b, 8, 2)
		ok := ok1 && ok2 && ok3
		h, mi, sec := 0, 0, 0
		if len(b) == 19 {
			var ok4, ok5, ok6 bool
			h, ok4 = digitsAt(b, 11, 2)
			mi, ok5 = digitsAt(b, 14, 2)
			sec, ok6 = digitsAt(b, 17, 2)
			ok = ok && ok4 && ok5 && ok6
		}
		if ok && y > 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo) && h < 24 && mi < 60 && sec < 60 {
			return civil{y: int32(y), mo: uint8(mo), d: uint8(d), h: uint8(h), mi: uint8(mi), s: uint8(sec), ok: true}, true
		}
	}
	return civil{}, false
}

func digitsAt(b []byte, at, n int) (int, bool) {
	v := 0
	for _, c := range b[at : at+n] {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, true
}

func daysIn(y, mo int) int {
	switch mo {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// flexTime reads a date or date/time (section 1.8); null, "" and zero dates
// read as absent.
type flexTime civil

func (f *flexTime) UnmarshalJSON(b []byte) error { return f.set(b) }

// set reads the raw JSON value b.
func (f *flexTime) set(b []byte) error {
	// Fast path: a quoted date or date/time; anything else (escapes, zero
	// dates, other layouts) fails it and takes the general one.
	if n := len(b); (n == 12 || n == 21) && b[0] == '"' && b[n-1] == '"' {
		if c, ok := quickCivil(b[1 : n-1]); ok {
			*f = flexTime(c)
			return nil
		}
	}
	raw, _, null, err := jsonScalar(b)
	if err != nil {
		return err
	}
	if null {
		*f = flexTime{how: isNull}
		return nil
	}
	c, err := parseCivilBytes(raw)
	if err != nil {
		return err
	}
	*f = flexTime(c)
	return nil
}

// at returns the date/time in loc (zero when absent).
func (f flexTime) at(loc *time.Location) time.Time { return civil(f).in(loc) }

// date returns midnight of the date part in loc (zero when absent).
func (f flexTime) date(loc *time.Location) time.Time { return civil(f).dateIn(loc) }

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }

// atoi reads an optionally signed decimal integer of up to 18 digits.
func atoi(b []byte) (int, bool) {
	i, neg := 0, false
	if len(b) > 0 && b[0] == '-' {
		neg, i = true, 1
	}
	if i == len(b) || len(b)-i > 18 {
		return 0, false
	}
	n := 0
	for ; i < len(b); i++ {
		c := b[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

// hasBackslash reports whether b holds a backslash (an escape); a plain
// loop beats bytes.IndexByte on short strings (names, dates).
func hasBackslash(b []byte) bool {
	if len(b) > 16 {
		return bytes.IndexByte(b, '\\') >= 0
	}
	for _, c := range b {
		if c == '\\' {
			return true
		}
	}
	return false
}
