package model

import (
	"fmt"
	"time"
)

// Unit is the length of a calendar period.
type Unit uint8

// Period units. UnitCustom is an arbitrary run of days.
const (
	UnitCustom  Unit = iota
	UnitWeek         // ISO week, Monday to Sunday
	UnitMonth        // calendar month
	UnitQuarter      // calendar quarter: January, April, July or October and the two months after
	UnitYear         // calendar year
)

// String returns the unit's name: "custom", "week", "month", "quarter" or
// "year".
func (u Unit) String() string {
	switch u {
	case UnitWeek:
		return "week"
	case UnitMonth:
		return "month"
	case UnitQuarter:
		return "quarter"
	case UnitYear:
		return "year"
	}
	return "custom"
}

// Period is a run of whole days in one time zone: the civil dates First to
// Last, inclusive, and the instants [Start, End) they cover in that zone.
//
// A period of a calendar unit covers one or more whole units: a month
// ("2026-10"), a run of months ("2026-01..2026-10", see [Span]), an ISO week
// ("2026-W43", with the ISO year), a quarter ("2026-Q4") or a year ("2026").
// A custom period is any run of days ("2026-10-15", "2026-01-01..2026-10-15").
//
// Periods are built from civil dates, never from an instant at a local
// midnight, so they are right in zones where a day does not start at 00:00
// (see [CivilDate.StartOf]). Build them with the constructors; a Period whose
// fields are set by hand may disagree with itself. The zero Period has no
// dates and zero Start and End (see IsZero).
type Period struct {
	Unit Unit
	// First and Last are the first and last days of the period, inclusive.
	First, Last CivilDate
	// Start and End are the half-open interval [Start, End) of instants:
	// First.StartOf(loc) and Last.AddDays(1).StartOf(loc), both in the
	// period's location loc (see Location).
	Start, End time.Time
	// Label names the period in sheet names, CSV files and headers:
	// "2026-10", "2026-Q4", "2026-W43", "2026", "2026-01..2026-10",
	// "2026-10-15", "2026-10-01..2026-10-15".
	Label string
}

// NewPeriod returns the period of unit u that contains day d, in loc; for
// UnitCustom, the single day d. A d out of range is carried over the way
// time.Date does (2026-10-32 is 2026-11-01).
func NewPeriod(u Unit, d CivilDate, loc *time.Location) Period {
	first := unitStart(u, d.normal())
	return newPeriod(u, first, unitAdd(u, first, 1).AddDays(-1), loc)
}

// Between returns the custom period from day first to day last, inclusive,
// in loc; the days are swapped if last is before first.
func Between(first, last CivilDate, loc *time.Location) Period {
	first, last = first.normal(), last.normal()
	if last.Before(first) {
		first, last = last, first
	}
	return newPeriod(UnitCustom, first, last, loc)
}

// Span returns the period from from.First to to.Last in from's location: a
// range of periods given by its ends, as parsed from --from and --to. When
// both have the same calendar unit the span has that unit too and a label
// such as "2026-01..2026-10" (or the single label when from and to are the
// same period); otherwise it is a custom period. If to ends before from
// starts, the two are swapped.
func Span(from, to Period) Period {
	if to.Last.Before(from.First) {
		from, to = to, from
	}
	u := from.Unit
	if to.Unit != u {
		u = UnitCustom
	}
	return newPeriod(u, from.First, to.Last, from.Location())
}

// PeriodOf returns the period of unit u that contains t, with t's wall clock
// read in loc. For UnitCustom it returns the single day containing t.
func PeriodOf(u Unit, t time.Time, loc *time.Location) Period {
	return NewPeriod(u, CivilDateOf(t.In(loc)), loc)
}

// Custom returns the custom period of the days from the one containing
// start to the one containing the last instant before end, in start's
// location: the days of [start, end) when both are day starts. Its Start
// and End are those days' bounds (see [CivilDate.StartOf]), whatever the
// time of day of start and end. An end not after start gives the single
// day of start. Prefer [Between], which takes the days themselves.
func Custom(start, end time.Time) Period {
	loc := start.Location()
	first, last := CivilDateOf(start), CivilDateOf(end.In(loc).Add(-time.Nanosecond))
	if !end.After(start) {
		last = first
	}
	return newPeriod(UnitCustom, first, last, loc)
}

// Month returns the calendar month containing t in loc.
func Month(t time.Time, loc *time.Location) Period { return PeriodOf(UnitMonth, t, loc) }

// Week returns the ISO week (starting Monday) containing t in loc.
func Week(t time.Time, loc *time.Location) Period { return PeriodOf(UnitWeek, t, loc) }

// Quarter returns the calendar quarter containing t in loc.
func Quarter(t time.Time, loc *time.Location) Period { return PeriodOf(UnitQuarter, t, loc) }

// Year returns the calendar year containing t in loc.
func Year(t time.Time, loc *time.Location) Period { return PeriodOf(UnitYear, t, loc) }

// LastFullMonth returns the last month that ended at or before now, in loc:
// the month before the one holding now's date in loc.
func LastFullMonth(now time.Time, loc *time.Location) Period {
	return Month(now, loc).Prev()
}

// Range returns the periods of unit u that overlap [from, to), in order; nil
// if to is not after from. u must not be UnitCustom (Range returns nil).
func Range(u Unit, from, to time.Time, loc *time.Location) []Period {
	if !to.After(from) || u == UnitCustom {
		return nil
	}
	var out []Period
	for p := PeriodOf(u, from, loc); p.Start.Before(to); p = p.Next() {
		out = append(out, p)
	}
	return out
}

// Months returns the calendar months that overlap [from, to) in loc.
func Months(from, to time.Time, loc *time.Location) []Period {
	return Range(UnitMonth, from, to, loc)
}

// newPeriod builds the period of unit u from first to last; for a calendar
// unit first must start a unit and last end one.
func newPeriod(u Unit, first, last CivilDate, loc *time.Location) Period {
	if loc == nil {
		loc = time.UTC
	}
	p := Period{Unit: u, First: first, Last: last,
		Start: first.StartOf(loc), End: last.AddDays(1).StartOf(loc)}
	switch lastStart := unitStart(u, last); {
	case u == UnitCustom && first == last:
		p.Label = first.String()
	case u == UnitCustom:
		p.Label = first.String() + ".." + last.String()
	case lastStart == first:
		p.Label = unitLabel(u, first)
	default:
		p.Label = unitLabel(u, first) + ".." + unitLabel(u, lastStart)
	}
	return p
}

// unitStart returns the first day of the unit u holding d (d itself for
// UnitCustom).
func unitStart(u Unit, d CivilDate) CivilDate {
	switch u {
	case UnitWeek:
		return d.AddDays(-((int(d.Weekday()) + 6) % 7)) // back to Monday
	case UnitMonth:
		return CivilDate{d.Year, d.Month, 1}
	case UnitQuarter:
		return CivilDate{d.Year, (d.Month-1)/3*3 + 1, 1}
	case UnitYear:
		return CivilDate{d.Year, time.January, 1}
	}
	return d
}

// unitAdd returns the first day of the unit n units after the one that
// starts on first (days for UnitCustom).
func unitAdd(u Unit, first CivilDate, n int) CivilDate {
	switch u {
	case UnitWeek:
		return first.AddDays(7 * n)
	case UnitMonth:
		return CivilDate{first.Year, first.Month + time.Month(n), 1}.normal()
	case UnitQuarter:
		return CivilDate{first.Year, first.Month + time.Month(3*n), 1}.normal()
	case UnitYear:
		return CivilDate{first.Year + n, time.January, 1}
	}
	return first.AddDays(n)
}

// unitLabel labels the unit u that starts on first.
func unitLabel(u Unit, first CivilDate) string {
	b := make([]byte, 0, 10)
	switch u {
	case UnitWeek:
		y, w := first.ISOWeek()
		b = appendPadded(append(appendPadded(b, y, 4), "-W"...), w, 2)
	case UnitMonth:
		b = appendPadded(append(appendPadded(b, first.Year, 4), '-'), int(first.Month), 2)
	case UnitQuarter:
		b = append(append(appendPadded(b, first.Year, 4), "-Q"...), byte('0'+(first.Month-1)/3+1))
	case UnitYear:
		b = appendPadded(b, first.Year, 4)
	default:
		b = first.appendTo(b)
	}
	return string(b)
}

// IsZero reports whether p is the zero Period.
func (p Period) IsZero() bool { return p == Period{} }

// Location returns the time zone of p's Start and End (UTC for the zero
// Period).
func (p Period) Location() *time.Location { return p.Start.Location() }

// In returns the period of the same unit and days in loc: the same civil
// dates and label, with Start and End the bounds of those days in loc.
func (p Period) In(loc *time.Location) Period { return newPeriod(p.Unit, p.First, p.Last, loc) }

// Len returns the number of units p covers: 1 for a single month, week,
// quarter or year, 10 for "2026-01..2026-10", and the number of days for a
// custom period.
func (p Period) Len() int {
	switch p.Unit {
	case UnitWeek:
		return p.Days() / 7
	case UnitMonth:
		return monthIndex(p.Last) - monthIndex(p.First) + 1
	case UnitQuarter:
		return (monthIndex(p.Last) - monthIndex(p.First) + 1) / 3
	case UnitYear:
		return p.Last.Year - p.First.Year + 1
	}
	return p.Days()
}

func monthIndex(d CivilDate) int { return d.Year*12 + int(d.Month) - 1 }

// Days returns the number of calendar days in p, First and Last included.
// It is not End-Start in days: a day may last 23 or 25 hours.
func (p Period) Days() int { return p.Last.DaysSince(p.First) + 1 }

// Months returns the calendar months that overlap p, in order, in p's
// location.
func (p Period) Months() []Period {
	loc := p.Location()
	out := make([]Period, 0, monthIndex(p.Last)-monthIndex(p.First)+1)
	for d := unitStart(UnitMonth, p.First); !d.After(p.Last); d = unitAdd(UnitMonth, d, 1) {
		out = append(out, NewPeriod(UnitMonth, d, loc))
	}
	return out
}

// Contains reports whether t is in [p.Start, p.End).
func (p Period) Contains(t time.Time) bool {
	return !t.Before(p.Start) && t.Before(p.End)
}

// ContainsDate reports whether day d is one of p's days.
func (p Period) ContainsDate(d CivilDate) bool {
	return !d.Before(p.First) && !d.After(p.Last)
}

// Shift returns p moved by n of its units (months for a month period or a
// run of months, days for a custom period), keeping its unit and its length
// in units.
func (p Period) Shift(n int) Period {
	first := unitAdd(p.Unit, p.First, n)
	return newPeriod(p.Unit, first, unitAdd(p.Unit, first, p.Len()).AddDays(-1), p.Location())
}

// Next returns the period of the same unit and length that follows p: the
// next month after a month, the next ten months after a run of ten, the
// next 15 days after a custom period of 15 days.
func (p Period) Next() Period { return p.Shift(p.Len()) }

// Prev returns the period of the same unit and length that precedes p.
func (p Period) Prev() Period { return p.Shift(-p.Len()) }

// YearEarlier returns the same period one year earlier: the same months,
// quarters or years; for weeks, the weeks 52 weeks (364 days) earlier,
// which keeps weekdays aligned; for a custom period, both ends one calendar
// year earlier, with February 29 becoming February 28.
func (p Period) YearEarlier() Period {
	switch p.Unit {
	case UnitWeek:
		return p.Shift(-52)
	case UnitMonth:
		return p.Shift(-12)
	case UnitQuarter:
		return p.Shift(-4)
	case UnitYear:
		return p.Shift(-1)
	}
	back := func(d CivilDate) CivilDate {
		d.Year--
		if d.Month == time.February && d.Day == 29 && !d.IsValid() {
			d.Day = 28
		}
		return d
	}
	return newPeriod(UnitCustom, back(p.First), back(p.Last), p.Location())
}

// String returns p's label.
func (p Period) String() string { return p.Label }

// Words returns p in words for a title block: "October 2026", "Q3 2026",
// "week 43 of 2026 (19-25 Oct)", "2026", "1 Jan - 15 Oct 2026"; runs of
// units read "January - October 2026", "Q4 2025 - Q1 2026", "2024 - 2026"
// or "weeks 43-45 of 2026 (19 Oct - 8 Nov)". Month names are English.
func (p Period) Words() string {
	last := unitStart(p.Unit, p.Last)
	single := last == p.First
	switch p.Unit {
	case UnitMonth:
		if single {
			return fmt.Sprintf("%s %d", p.First.Month, p.First.Year)
		}
		if p.First.Year == last.Year {
			return fmt.Sprintf("%s - %s %d", p.First.Month, last.Month, last.Year)
		}
		return fmt.Sprintf("%s %d - %s %d", p.First.Month, p.First.Year, last.Month, last.Year)
	case UnitQuarter:
		q := func(d CivilDate) int { return (int(d.Month)-1)/3 + 1 }
		if single {
			return fmt.Sprintf("Q%d %d", q(p.First), p.First.Year)
		}
		if p.First.Year == last.Year {
			return fmt.Sprintf("Q%d - Q%d %d", q(p.First), q(last), last.Year)
		}
		return fmt.Sprintf("Q%d %d - Q%d %d", q(p.First), p.First.Year, q(last), last.Year)
	case UnitYear:
		if single {
			return fmt.Sprintf("%d", p.First.Year)
		}
		return fmt.Sprintf("%d - %d", p.First.Year, last.Year)
	case UnitWeek:
		y1, w1 := p.First.ISOWeek()
		y2, w2 := last.ISOWeek()
		days := dayRange(p.First, p.Last, false)
		switch {
		case single:
			return fmt.Sprintf("week %d of %d (%s)", w1, y1, days)
		case y1 == y2:
			return fmt.Sprintf("weeks %d-%d of %d (%s)", w1, w2, y1, days)
		}
		return fmt.Sprintf("week %d of %d - week %d of %d (%s)", w1, y1, w2, y2, days)
	}
	return dayRange(p.First, p.Last, true)
}

// dayRange writes the days a to b as "19-25 Oct", "28 Sep - 4 Oct" or
// "29 Dec 2025 - 4 Jan 2026", with the year at the end when withYear is set
// (always when the years differ).
func dayRange(a, b CivilDate, withYear bool) string {
	mon := func(d CivilDate) string { return d.Month.String()[:3] }
	year := ""
	if withYear {
		year = fmt.Sprintf(" %d", b.Year)
	}
	switch {
	case a == b:
		return fmt.Sprintf("%d %s%s", a.Day, mon(a), year)
	case a.Year != b.Year:
		return fmt.Sprintf("%d %s %d - %d %s %d", a.Day, mon(a), a.Year, b.Day, mon(b), b.Year)
	case a.Month == b.Month:
		return fmt.Sprintf("%d-%d %s%s", a.Day, b.Day, mon(a), year)
	}
	return fmt.Sprintf("%d %s - %d %s%s", a.Day, mon(a), b.Day, mon(b), year)
}
