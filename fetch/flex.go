package fetch

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// The flex types read the values of section 1.8 of the API reference as
// tolerantly as it asks. They are used only inside decoding; public records
// get plain Go types.

// jsonScalar returns the text of a JSON scalar: the contents of a string,
// the literal of a number or boolean, and null=true for null.
func jsonScalar(b []byte) (s string, isString, null bool, err error) {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0:
		return "", false, false, fmt.Errorf("empty value")
	case string(b) == "null":
		return "", false, true, nil
	case b[0] == '"':
		if err := json.Unmarshal(b, &s); err != nil {
			return "", false, false, err
		}
		return s, true, false, nil
	case b[0] == '{' || b[0] == '[':
		return "", false, false, fmt.Errorf("got a JSON %s, want a scalar", map[byte]string{'{': "object", '[': "array"}[b[0]])
	}
	return string(b), false, false, nil
}

// flexInt reads an integer from a JSON number or a string of digits; null
// and "" read as 0 (the API's "none").
type flexInt int

func (f *flexInt) UnmarshalJSON(b []byte) error {
	s, _, null, err := jsonScalar(b)
	if err != nil {
		return err
	}
	s = strings.TrimSpace(s)
	if null || s == "" {
		*f = 0
		return nil
	}
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

// flexBool reads true/false, 1/0, "1"/"0", "true"/"false" (and yes/no);
// null and "" read as false.
type flexBool bool

func (f *flexBool) UnmarshalJSON(b []byte) error {
	s, _, null, err := jsonScalar(b)
	if err != nil {
		return err
	}
	if null {
		*f = false
		return nil
	}
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

func (f *flexString) UnmarshalJSON(b []byte) error {
	s, _, _, err := jsonScalar(b)
	if err != nil {
		return err
	}
	*f = flexString(s)
	return nil
}

// flexDecimal reads an exact decimal from a JSON number or a numeric string;
// null and "" leave it invalid (absent). Floats are never involved.
type flexDecimal struct {
	d     decimal.Decimal
	valid bool
}

func (f *flexDecimal) UnmarshalJSON(b []byte) error {
	s, _, null, err := jsonScalar(b)
	if err != nil {
		return err
	}
	s = strings.TrimSpace(s)
	if null || s == "" {
		*f = flexDecimal{}
		return nil
	}
	d, err := parseDecimal(s)
	if err != nil {
		return err
	}
	*f = flexDecimal{d: d, valid: true}
	return nil
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
	y, mo, d, h, mi, s int
	ok                 bool
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
	return time.Date(c.y, time.Month(c.mo), c.d, c.h, c.mi, c.s, 0, loc)
}

// dateIn returns midnight of the civil date in loc.
func (c civil) dateIn(loc *time.Location) time.Time {
	c.h, c.mi, c.s = 0, 0, 0
	return c.in(loc)
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
	if s == "" || strings.HasPrefix(s, "0000-00-00") {
		return civil{}, nil
	}
	for _, l := range civilLayouts {
		if len(s) != len(l) {
			continue
		}
		t, err := time.Parse(l, s)
		if err != nil {
			continue
		}
		return civil{t.Year(), int(t.Month()), t.Day(), t.Hour(), t.Minute(), t.Second(), true}, nil
	}
	return civil{}, fmt.Errorf("%q is not a date or date/time", s)
}

// flexTime reads a date or date/time (section 1.8); null, "" and zero dates
// read as absent.
type flexTime civil

func (f *flexTime) UnmarshalJSON(b []byte) error {
	s, _, null, err := jsonScalar(b)
	if err != nil {
		return err
	}
	if null {
		*f = flexTime{}
		return nil
	}
	c, err := parseCivil(s)
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
