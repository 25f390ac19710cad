package fetch

import (
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"
)

// RecordError is a record the API returned that careport refuses rather
// than guess at: a money amount that is missing, null, "" or not at the
// currency's precision, a date a report needs that is absent or a zero date
// (0000-00-00), a missing or repeated ID, or a currency code that is not
// ISO 4217. A run that gets one must stop: the figures would be wrong.
// Use errors.As to get it.
type RecordError struct {
	Function string // the API function, e.g. "Invoice.getAll"
	Index    int    // 1-based position of the record in the return
	ID       int    // the record's ID; 0 when it has none
	// Field is the field as the API names it, with the position of a
	// nested item, e.g. "amount" or "lineItemSet[2].amount".
	Field   string
	Value   string // the value as received, "" when absent (the API key removed)
	Problem string // what is wrong, e.g. "is missing", "has 3 decimals; USD has 2"
}

// Error names the function, the record and the field.
func (e *RecordError) Error() string {
	var b strings.Builder
	b.WriteString(e.Function)
	b.WriteString(": record ")
	b.WriteString(strconv.Itoa(e.Index))
	if e.ID != 0 {
		b.WriteString(" (ID ")
		b.WriteString(strconv.Itoa(e.ID))
		b.WriteString(")")
	}
	b.WriteString(": ")
	b.WriteString(e.Field)
	if e.Value != "" {
		b.WriteString(" ")
		b.WriteString(strconv.QuoteToASCII(e.Value))
	}
	b.WriteString(" ")
	b.WriteString(e.Problem)
	return b.String()
}

// maxAmount bounds every money amount: |amount| < 10^15 (a thousand
// trillion in any currency) or the record is refused.
var maxAmount = decimal.New(1, 15)

// pow10[i] is 10^i.
var pow10 = [19]int64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

// recordCtx carries what converting the records of one call needs: the
// account zone, a cache of currency lookups and the logger for warnings
// (once per code and call).
type recordCtx struct {
	loc        *time.Location
	log        *slog.Logger
	redact     func(string) string
	currencies map[string]currencyInfo
	// Slabs from which the small lists of many records are cut (fewer,
	// larger allocations for the garbage collector).
	lineSlab []LineItem
	paySlab  []InvoicePayment
}

// slabLen is how many items a slab holds.
const slabLen = 4096

// take cuts a list of n items from *slab, starting a new slab when it is
// used up. The list's capacity is n, so that appending to it never writes
// into a neighbour's items.
func take[T any](slab *[]T, n int) []T {
	if len(*slab) < n {
		*slab = make([]T, max(slabLen, n))
	}
	s := (*slab)[:n:n]
	*slab = (*slab)[n:]
	return s
}

type currencyInfo struct {
	code  string // upper case
	scale int    // minor-unit digits (ISO 4217), e.g. 2 for USD, 0 for JPY
	err   string // the problem when the code is refused
}

func newRecordCtx(loc *time.Location, log *slog.Logger, redact func(string) string) *recordCtx {
	if loc == nil {
		loc = time.UTC
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if redact == nil {
		redact = func(s string) string { return s }
	}
	return &recordCtx{loc: loc, log: log, redact: redact, currencies: map[string]currencyInfo{}}
}

// currency checks a currency code against ISO 4217. Lower or mixed case is
// normalised to upper case with a warning (once per code); "", unknown codes
// and XXX (no currency) are refused.
func (rc *recordCtx) currency(field, raw string) (currencyInfo, *RecordError) {
	ci, ok := rc.currencies[raw]
	if !ok {
		ci = lookupCurrency(raw)
		if ci.err == "" && ci.code != raw {
			rc.log.Warn(fmt.Sprintf("currency code %s is not in upper case; reading it as %s", strconv.QuoteToASCII(rc.redact(raw)), ci.code))
		}
		rc.currencies[raw] = ci
	}
	if ci.err != "" {
		return ci, &RecordError{Field: field, Value: rc.redact(raw), Problem: ci.err}
	}
	return ci, nil
}

func lookupCurrency(raw string) currencyInfo {
	s := strings.TrimSpace(raw)
	if s == "" {
		return currencyInfo{err: "is empty; want an ISO 4217 currency code such as USD"}
	}
	up := strings.ToUpper(s)
	u, err := currency.ParseISO(up)
	if err != nil || u == (currency.Unit{}) || len(up) != 3 {
		return currencyInfo{err: "is not an ISO 4217 currency code"}
	}
	scale, _ := currency.Standard.Rounding(u)
	return currencyInfo{code: u.String(), scale: scale}
}

// money checks an amount in currency ci: present, |x| < MaxAmount and no
// more decimals than the currency's minor units (trailing zeros allowed).
func (rc *recordCtx) money(field string, f flexDecimal, ci currencyInfo) (decimal.Decimal, *RecordError) {
	if !f.valid {
		return decimal.Decimal{}, &RecordError{Field: field, Problem: f.how.String()}
	}
	if f.small {
		// |mant| < 10^18 and frac <= 18: integer checks suffice.
		frac := int(f.frac)
		abs := f.mant
		if abs < 0 {
			abs = -abs
		}
		if frac <= 3 && abs >= pow10[15+frac] {
			return decimal.Decimal{}, &RecordError{Field: field, Value: f.d.String(), Problem: "is out of range (an amount must be below 10^15)"}
		}
		if frac > ci.scale && abs%pow10[frac-ci.scale] != 0 {
			return decimal.Decimal{}, &RecordError{Field: field, Value: f.d.String(),
				Problem: fmt.Sprintf("has more decimals than %s has minor units (%d)", ci.code, ci.scale)}
		}
		return f.d, nil
	}
	d := f.d
	if d.Abs().Cmp(maxAmount) >= 0 {
		return decimal.Decimal{}, &RecordError{Field: field, Value: d.String(), Problem: "is out of range (an amount must be below 10^15)"}
	}
	if int(-d.Exponent()) > ci.scale && !d.Equal(d.Truncate(int32(ci.scale))) {
		return decimal.Decimal{}, &RecordError{Field: field, Value: d.String(),
			Problem: fmt.Sprintf("has more decimals than %s has minor units (%d)", ci.code, ci.scale)}
	}
	return d, nil
}

// requiredDate checks a date a report needs: absent and zero dates are
// refused (careport never guesses a date, nor drops the record from some
// figures while keeping it in others).
func requiredDate(field string, f flexTime) *RecordError {
	if !f.ok {
		return &RecordError{Field: field, Problem: f.how.String() + "; the date is required"}
	}
	return nil
}

// requiredID checks that a record has an ID.
func requiredID(id flexInt) *RecordError {
	if id <= 0 {
		return &RecordError{Field: "ID", Value: idText(id), Problem: "is missing; every record needs its ID"}
	}
	return nil
}

func idText(id flexInt) string {
	if id == 0 {
		return ""
	}
	return strconv.Itoa(int(id))
}

// identified is a wire record with an ID that must be unique in its call.
type identified interface {
	recordID() int
}
