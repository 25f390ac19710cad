package model

import (
	"fmt"
	"time"
)

// Unit is the length of a calendar period.
type Unit uint8

// Period units. UnitCustom is an arbitrary [Start, End) range.
const (
	UnitCustom Unit = iota
	UnitWeek        // ISO week, Monday to Sunday
	UnitMonth
	UnitQuarter
	UnitYear
)

// Period is the half-open interval [Start, End) of wall-clock time in
// Start's location, with a label: "2026-10" (month), "2026-W43" (ISO week,
// ISO year), "2026-Q4" (quarter), "2026" (year).
type Period struct {
	Unit  Unit
	Start time.Time
	End   time.Time
	Label string
}

// PeriodOf returns the period of unit u that contains t, with t's wall clock
// read in loc. For UnitCustom it returns the single day containing t.
func PeriodOf(u Unit, t time.Time, loc *time.Location) Period {
	t = t.In(loc)
	y, m, d := t.Date()
	switch u {
	case UnitWeek:
		back := (int(t.Weekday()) + 6) % 7 // days since Monday
		start := time.Date(y, m, d-back, 0, 0, 0, 0, loc)
		end := time.Date(y, m, d-back+7, 0, 0, 0, 0, loc)
		iy, iw := start.ISOWeek()
		return Period{Unit: u, Start: start, End: end, Label: fmt.Sprintf("%04d-W%02d", iy, iw)}
	case UnitMonth:
		return Period{Unit: u, Start: time.Date(y, m, 1, 0, 0, 0, 0, loc), End: time.Date(y, m+1, 1, 0, 0, 0, 0, loc),
			Label: fmt.Sprintf("%04d-%02d", y, int(m))}
	case UnitQuarter:
		q := (int(m)-1)/3 + 1
		first := time.Month(3*(q-1) + 1)
		return Period{Unit: u, Start: time.Date(y, first, 1, 0, 0, 0, 0, loc), End: time.Date(y, first+3, 1, 0, 0, 0, 0, loc),
			Label: fmt.Sprintf("%04d-Q%d", y, q)}
	case UnitYear:
		return Period{Unit: u, Start: time.Date(y, 1, 1, 0, 0, 0, 0, loc), End: time.Date(y+1, 1, 1, 0, 0, 0, 0, loc),
			Label: fmt.Sprintf("%04d", y)}
	}
	return Custom(time.Date(y, m, d, 0, 0, 0, 0, loc), time.Date(y, m, d+1, 0, 0, 0, 0, loc))
}

// Custom returns the period [start, end) labelled with its first and last
// days, e.g. "2026-10-01..2026-10-15".
func Custom(start, end time.Time) Period {
	last := end.In(start.Location()).Add(-time.Nanosecond)
	return Period{Unit: UnitCustom, Start: start, End: end,
		Label: start.Format(time.DateOnly) + ".." + last.Format(time.DateOnly)}
}

// Month returns the calendar month containing t in loc.
func Month(t time.Time, loc *time.Location) Period { return PeriodOf(UnitMonth, t, loc) }

// Week returns the ISO week (starting Monday) containing t in loc.
func Week(t time.Time, loc *time.Location) Period { return PeriodOf(UnitWeek, t, loc) }

// Quarter returns the calendar quarter containing t in loc.
func Quarter(t time.Time, loc *time.Location) Period { return PeriodOf(UnitQuarter, t, loc) }

// Year returns the calendar year containing t in loc.
func Year(t time.Time, loc *time.Location) Period { return PeriodOf(UnitYear, t, loc) }

// LastFullMonth returns the last month that ended at or before now, in loc.
func LastFullMonth(now time.Time, loc *time.Location) Period {
	return Month(now, loc).Prev()
}

// Range returns the periods of unit u that overlap [from, to), in order; nil
// if to is not after from. u must not be UnitCustom.
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

// Contains reports whether t is in [p.Start, p.End).
func (p Period) Contains(t time.Time) bool {
	return !t.Before(p.Start) && t.Before(p.End)
}

// Next returns the period of the same unit that follows p. A custom period
// is followed by one of the same length.
func (p Period) Next() Period {
	if p.Unit == UnitCustom {
		return Custom(p.End, p.End.Add(p.End.Sub(p.Start)))
	}
	return PeriodOf(p.Unit, p.End, p.Start.Location())
}

// Prev returns the period of the same unit that precedes p. A custom period
// is preceded by one of the same length.
func (p Period) Prev() Period {
	if p.Unit == UnitCustom {
		return Custom(p.Start.Add(-p.End.Sub(p.Start)), p.Start)
	}
	return PeriodOf(p.Unit, p.Start.Add(-time.Nanosecond), p.Start.Location())
}

// YearEarlier returns the same period one year earlier: the same month,
// quarter or year number; for a week, the week 52 weeks (364 days) earlier,
// which keeps weekdays aligned; for a custom period, both ends one calendar
// year earlier.
func (p Period) YearEarlier() Period {
	loc := p.Start.Location()
	switch p.Unit {
	case UnitCustom:
		return Custom(p.Start.AddDate(-1, 0, 0), p.End.AddDate(-1, 0, 0))
	case UnitWeek:
		return PeriodOf(p.Unit, p.Start.AddDate(0, 0, -364), loc)
	}
	return PeriodOf(p.Unit, p.Start.AddDate(-1, 0, 0), loc)
}

// String returns p's label.
func (p Period) String() string { return p.Label }
