package sandbox

import (
	"fmt"
	"net/mail"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/careport/careport/fetch/apicode"
	"github.com/careport/careport/fetch/sandbox/account"
)

// apiError is an API-level failure: the envelope gets status "failure",
// this code and this message, with HTTP 200.
type apiError struct {
	code    apicode.Code
	message string
}

func (e *apiError) Error() string { return fmt.Sprintf("%d: %s", int(e.code), e.message) }

// fail returns an *apiError with a formatted message.
func fail(code apicode.Code, format string, args ...any) *apiError {
	return &apiError{code: code, message: fmt.Sprintf(format, args...)}
}

// handler implements one API function. It returns the envelope's result
// symbol and its return value (marshalled to JSON by the server), or an
// *apiError. Handlers run with the server's account lock held (write lock
// for write functions), so they may read and change c.acct freely.
type handler func(c *call) (result string, ret any, err *apiError)

// call is one API request after credentials and function name were checked.
type call struct {
	function string
	params   map[string]string // merged fields: body over query string, last occurrence wins
	acct     *account.Account
	loc      *time.Location // the account timezone
	now      time.Time      // the server clock's now, in loc
}

// has reports whether a parameter was supplied with a non-empty value
// (an empty value counts as not supplied, section 1.4).
func (c *call) has(name string) bool { return c.params[name] != "" }

// str returns the parameter's value ("" when absent), truncated to max runes
// when max > 0 (over-long strings are truncated silently, section 1.4).
func (c *call) str(name string, max int) string {
	v := c.params[name]
	if max > 0 {
		if r := []rune(v); len(r) > max {
			v = string(r[:max])
		}
	}
	return v
}

// required fails with 301 unless every named parameter is supplied.
func (c *call) required(names ...string) *apiError {
	for _, n := range names {
		if !c.has(n) {
			return fail(apicode.RequiredMissing, "%s: the required value %s was not supplied.", c.function, n)
		}
	}
	return nil
}

// intParam reads an integer ID or count; absent gives (0, false, nil).
// A value that is not a decimal integer is 302 for ...ID parameters (it can
// name nothing) and 301 otherwise.
func (c *call) intParam(name string) (int, bool, *apiError) {
	v := c.params[name]
	if v == "" {
		return 0, false, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		if strings.HasSuffix(name, "ID") {
			return 0, true, fail(apicode.UnknownID, "%s: %s %q refers to nothing.", c.function, name, v)
		}
		return 0, true, fail(apicode.RequiredMissing, "%s: %s %q is not a whole number.", c.function, name, v)
	}
	return n, true, nil
}

// boolParam reads a boolean (section 1.4): true, 1, yes, on (any case) are
// true; everything else supplied, the empty string included, is false; an
// absent parameter takes def.
func (c *call) boolParam(name string, def bool) bool {
	v, ok := c.params[name]
	if !ok {
		return def
	}
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "true", "1", "yes", "on":
		return true
	}
	return false
}

// enumParam reads a parameter restricted to allowed values; absent gives
// def; anything else is 301 (no documented code fits better).
func (c *call) enumParam(name, def string, allowed ...string) (string, *apiError) {
	v := c.params[name]
	if v == "" {
		return def, nil
	}
	for _, a := range allowed {
		if v == a {
			return v, nil
		}
	}
	return "", fail(apicode.RequiredMissing, "%s: %s must be one of %s, not %q.", c.function, name, strings.Join(allowed, ", "), v)
}

var (
	reISODate  = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$`)
	reUSDate   = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{4})$`)
	reTime24   = regexp.MustCompile(`^(\d{1,2}):(\d{2})(?::(\d{2}))?$`)
	reTime12   = regexp.MustCompile(`(?i)^(\d{1,2}):(\d{2}) ?(am|pm)$`)
	reNameChar = regexp.MustCompile(`\pL`)
)

// parseDateTime reads YYYY-MM-DD, M/D/YYYY, MM/DD/YYYY and YYYY-MM-DD HH:MM[:SS]
// (section 1.4). hasTime says whether a time part was present.
func parseDateTime(v string) (dt account.DateTime, hasTime bool, ok bool) {
	v = strings.TrimSpace(v)
	var y, m, d, hh, mm, ss int
	if g := reISODate.FindStringSubmatch(v); g != nil {
		y, m, d = atoi(g[1]), atoi(g[2]), atoi(g[3])
		if g[4] != "" {
			hasTime = true
			hh, mm, ss = atoi(g[4]), atoi(g[5]), atoi(g[6])
		}
	} else if g := reUSDate.FindStringSubmatch(v); g != nil {
		m, d, y = atoi(g[1]), atoi(g[2]), atoi(g[3])
	} else {
		return 0, false, false
	}
	if !validDate(y, m, d) || hh > 23 || mm > 59 || ss > 59 {
		return 0, false, false
	}
	return account.DateTimeOf(y, time.Month(m), d, hh, mm, ss), hasTime, true
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

func validDate(y, m, d int) bool {
	if y < 1 || m < 1 || m > 12 || d < 1 {
		return false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d && int(t.Month()) == m
}

// dateParam reads a date parameter; absent gives (0, nil). Invalid is 304.
func (c *call) dateParam(name string) (account.Date, *apiError) {
	dt, err := c.dateTimeParam(name)
	return dt.Date(), err
}

// dateTimeParam reads a date or date/time parameter; absent gives (0, nil).
// Invalid is 304.
func (c *call) dateTimeParam(name string) (account.DateTime, *apiError) {
	v := c.params[name]
	if v == "" {
		return 0, nil
	}
	dt, _, ok := parseDateTime(v)
	if !ok {
		return 0, fail(apicode.InvalidDate, "%s: %s %q is not a valid date.", c.function, name, v)
	}
	return dt, nil
}

// dateToParam reads an inclusive upper-bound date filter: a date-only value
// covers that whole day (section 4 conventions), so it returns the last second.
func (c *call) dateToParam(name string) (account.DateTime, *apiError) {
	v := c.params[name]
	if v == "" {
		return 0, nil
	}
	dt, hasTime, ok := parseDateTime(v)
	if !ok {
		return 0, fail(apicode.InvalidDate, "%s: %s %q is not a valid date.", c.function, name, v)
	}
	if !hasTime {
		dt = dt.Date().At(23, 59, 59)
	}
	return dt, nil
}

// timeParam reads a time of day (h:mmam, h:mm pm, H:MM, HH:MM:SS) as seconds
// since midnight; absent gives (0, false, nil). Invalid is 305.
func (c *call) timeParam(name string) (int, bool, *apiError) {
	v := strings.TrimSpace(c.params[name])
	if v == "" {
		return 0, false, nil
	}
	bad := fail(apicode.InvalidTime, "%s: %s %q is not a valid time.", c.function, name, v)
	if g := reTime12.FindStringSubmatch(v); g != nil {
		h, m := atoi(g[1]), atoi(g[2])
		if h < 1 || h > 12 || m > 59 {
			return 0, true, bad
		}
		h %= 12
		if strings.EqualFold(g[3], "pm") {
			h += 12
		}
		return h*3600 + m*60, true, nil
	}
	if g := reTime24.FindStringSubmatch(v); g != nil {
		h, m, s := atoi(g[1]), atoi(g[2]), atoi(g[3])
		if h > 23 || m > 59 || s > 59 {
			return 0, true, bad
		}
		return h*3600 + m*60 + s, true, nil
	}
	return 0, true, bad
}

// emailParam validates an email address (303 when invalid).
func (c *call) emailParam(name string, max int) (string, *apiError) {
	v := strings.TrimSpace(c.str(name, max))
	if v == "" {
		return "", nil
	}
	a, err := mail.ParseAddress(v)
	if err != nil || a.Address != v || !strings.Contains(v[strings.LastIndex(v, "@")+1:], ".") {
		return "", fail(apicode.InvalidEmail, "%s: %s %q is not a valid email address.", c.function, name, v)
	}
	return v, nil
}

// nameParam validates a person's name: it must contain a letter (306).
func (c *call) nameParam(name string, max int) (string, *apiError) {
	v := strings.TrimSpace(c.str(name, max))
	if v != "" && !reNameChar.MatchString(v) {
		return "", fail(apicode.InvalidName, "%s: %s %q is not a usable name.", c.function, name, v)
	}
	return v, nil
}

// fixedParam reads a plain decimal (money, tax rates, metric values); absent
// gives (0, false, nil); not a number is 301.
func (c *call) fixedParam(name string) (account.Fixed, bool, *apiError) {
	v := strings.TrimSpace(c.params[name])
	if v == "" {
		return 0, false, nil
	}
	f, err := account.ParseFixed(v)
	if err != nil {
		return 0, true, fail(apicode.RequiredMissing, "%s: %s %q is not a number.", c.function, name, v)
	}
	return f, true, nil
}

// today is the current calendar date in the account timezone.
func (c *call) today() account.Date { return account.DateFromTime(c.now) }

// nowDT is the current wall-clock time in the account timezone.
func (c *call) nowDT() account.DateTime { return account.DateTimeFromTime(c.now, c.loc) }
