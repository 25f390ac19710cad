package model

import (
	"cmp"
	"fmt"
	"strconv"
	"time"
)

// CivilDate is a civil (calendar) date: a day with no time of day and no time
// zone, such as an invoice date or the first day of a report month. The zero
// CivilDate is not a valid date; see IsZero.
//
// careport does not use cloud.google.com/go/civil for this: that package
// comes inside the whole cloud.google.com/go module (and would break the
// model's rule of importing only the standard library and decimal), and it
// has no DST-safe StartOf, which is the one operation reports need most:
// its Date.In builds the instant with time.Date at local midnight, which is
// the wrong day in zones where daylight saving time starts at midnight.
type CivilDate struct {
	Year  int
	Month time.Month // January = 1
	Day   int        // 1..31
}

// DateOf returns the date of t's wall clock in t's location. Call it as
// CivilDateOf(t.In(loc)) to read the date in another zone.
func CivilDateOf(t time.Time) CivilDate {
	y, m, d := t.Date()
	return CivilDate{y, m, d}
}

// ParseDate parses a date written "2006-01-02" (ISO 8601, four-digit year).
// It returns an error for any other form and for dates that do not exist,
// such as 2026-02-30.
func ParseDate(s string) (CivilDate, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil || len(s) != len(time.DateOnly) {
		return CivilDate{}, fmt.Errorf("%q is not a date: want YYYY-MM-DD, e.g. 2026-10-15", s)
	}
	return CivilDateOf(t), nil
}

// noon is d at 12:00 UTC: a fixed instant for calendar arithmetic, far from
// any day boundary and free of DST.
func (d CivilDate) noon() time.Time {
	return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC)
}

// days returns the number of days from 1970-01-01 to d, which must be
// normal. Calendar arithmetic is done on this count with integers (H.
// Hinnant's days_from_civil) rather than through time.Date, since a report
// does it for every row it buckets.
func (d CivilDate) days() int {
	y, m := d.Year, int(d.Month)
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400                      // [0, 399]
	doy := (153*((m+9)%12)+2)/5 + d.Day - 1 // [0, 365], from March 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy  // [0, 146096]
	return era*146097 + doe - 719468
}

// civilFromDays is the inverse of days.
func civilFromDays(z int) CivilDate {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	y := yoe + era*400
	if m <= 2 {
		y++
	}
	return CivilDate{y, time.Month(m), d}
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// normal returns d with an out-of-range month or day carried over, the way
// time.Date does: 2026-10-32 is 2026-11-01 and 2026-13-01 is 2027-01-01.
func (d CivilDate) normal() CivilDate {
	if d.Month >= time.January && d.Month <= time.December && d.Day >= 1 && d.Day <= 28 {
		return d
	}
	m := int(d.Month) - 1
	y := d.Year + floorDiv(m, 12)
	m -= floorDiv(m, 12) * 12
	return civilFromDays(CivilDate{y, time.Month(m + 1), 1}.days() + d.Day - 1)
}

// IsZero reports whether d is the zero CivilDate (year 0, month 0, day 0).
func (d CivilDate) IsZero() bool { return d == CivilDate{} }

// IsValid reports whether d names a day that exists in the proleptic
// Gregorian calendar (2026-02-30 does not).
func (d CivilDate) IsValid() bool { return d.normal() == d }

// AddDays returns the date n days after d (before it when n < 0). A d out
// of range is first carried over like time.Date does.
func (d CivilDate) AddDays(n int) CivilDate {
	return civilFromDays(d.normal().days() + n)
}

// DaysSince returns the number of days from e to d: positive when d is
// after e.
func (d CivilDate) DaysSince(e CivilDate) int {
	return d.normal().days() - e.normal().days()
}

// Compare returns -1 if d is before e, 0 if they are the same day and +1 if
// d is after e.
func (d CivilDate) Compare(e CivilDate) int {
	if c := cmp.Compare(d.Year, e.Year); c != 0 {
		return c
	}
	if c := cmp.Compare(d.Month, e.Month); c != 0 {
		return c
	}
	return cmp.Compare(d.Day, e.Day)
}

// Before reports whether d is before e.
func (d CivilDate) Before(e CivilDate) bool { return d.Compare(e) < 0 }

// After reports whether d is after e.
func (d CivilDate) After(e CivilDate) bool { return d.Compare(e) > 0 }

// Weekday returns the day of the week of d.
func (d CivilDate) Weekday() time.Weekday {
	return time.Weekday(floorMod(d.normal().days()+4, 7)) // 1970-01-01 was a Thursday
}

func floorMod(a, b int) int { return a - floorDiv(a, b)*b }

// ISOWeek returns the ISO 8601 year and week number of d; weeks start on
// Monday and week 1 holds the year's first Thursday.
func (d CivilDate) ISOWeek() (year, week int) { return d.noon().ISOWeek() }

// String returns d as "2006-01-02".
func (d CivilDate) String() string {
	return string(d.appendTo(make([]byte, 0, 10)))
}

// appendTo appends d as "2006-01-02" to b.
func (d CivilDate) appendTo(b []byte) []byte {
	b = appendPadded(b, d.Year, 4)
	b = append(b, '-')
	b = appendPadded(b, int(d.Month), 2)
	b = append(b, '-')
	return appendPadded(b, d.Day, 2)
}

// appendPadded appends n in decimal with at least width digits (a negative
// n gets a minus sign before the padding, like %0*d).
func appendPadded(b []byte, n, width int) []byte {
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	var buf [20]byte
	s := strconv.AppendInt(buf[:0], int64(n), 10)
	for range width - len(s) {
		b = append(b, '0')
	}
	return append(b, s...)
}

// StartOf returns the first instant of day d in loc: the earliest instant
// whose wall clock in loc reads d or a later date. It is d's local midnight
// when that exists. Where daylight saving time (or another change of
// offset) starts at midnight, so that the clock jumps from 23:59:59 to
// 01:00, the day starts at the jump, 01:00; where the clock is set back over
// midnight, it is the first of the repeated midnights. For a day that a zone
// skipped altogether (Pacific/Apia has no 2011-12-30) it is the start of the
// next day, so the skipped day has length zero. The result is in loc.
//
// time.Date(y, m, d, 0, 0, 0, 0, loc) is not enough: for a midnight that
// does not exist it may return 23:00 of the day before.
func (d CivilDate) StartOf(loc *time.Location) time.Time {
	d = d.normal()
	// wall is the local midnight read as if it were UTC; an instant x is on
	// or after day d in loc when x+offset(x) >= wall.
	wall := int64(d.days()) * 86400
	// Within one zone segment (an interval with a fixed offset) the wall
	// clock is monotonic, so the first instant of the segment on day d is
	// max(segment start, wall-offset). Walk the segments from well before
	// any offset could put day d (offsets stay within ±26 h) and take the
	// first segment that reaches day d.
	x := time.Unix(wall-27*3600, 0).In(loc)
	for range 1000 {
		_, off := x.Zone()
		segStart, segEnd := x.ZoneBounds()
		if !segEnd.IsZero() && !segEnd.After(x) {
			// Past a zone's last listed transition, Go computes bounds
			// from its rule year by year and, in a leap year, reports
			// the last segment as ending at Dec 31 00:00 UTC, where
			// nothing changes; the segment really runs at least to the
			// next year, a day later.
			segEnd = x.Add(24 * time.Hour)
		}
		cand := wall - int64(off)
		if !segStart.IsZero() && cand < segStart.Unix() {
			cand = segStart.Unix()
		}
		if cand < x.Unix() {
			cand = x.Unix()
		}
		if segEnd.IsZero() || cand < segEnd.Unix() {
			return time.Unix(cand, 0).In(loc)
		}
		x = segEnd
	}
	// Unreachable with the IANA database (a day holds a handful of
	// transitions at most); fall back on time.Date rather than loop on.
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}
