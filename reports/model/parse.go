package model

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ErrPeriod is wrapped by every error of ParsePeriod, ParseRange,
// PeriodSyntax and RangeSyntax, so that a caller can tell a bad period from
// other failures with errors.Is.
var ErrPeriod = errors.New("invalid period")

// periodForms lists the accepted forms, for error messages.
const periodForms = "a month (2026-10), a quarter (2026-Q3), an ISO week (2026-W43), a year (2026), " +
	"a day (2026-10-15), or one of last-month, this-month, last-quarter, this-quarter, " +
	"last-week, this-week, last-year, this-year, ytd"

// periodError is the error for input s; why is a sentence fragment. msg,
// when set, is the whole message.
type periodError struct{ s, why, msg string }

func (e *periodError) Error() string {
	if e.msg != "" {
		return e.msg
	}
	if e.why == "" {
		return fmt.Sprintf("%q is not a period: use %s", e.s, periodForms)
	}
	return fmt.Sprintf("%q is not a period: %s; use %s", e.s, e.why, periodForms)
}

func (e *periodError) Unwrap() error { return ErrPeriod }

// periodSpec is a parsed period that has not been placed in a zone yet:
// either a relative word or a unit and a day in it.
type periodSpec struct {
	word string // "last-month", ...; "" for an absolute period
	unit Unit
	day  CivilDate
}

// relative words: the unit, and how many units back from the one holding
// today (0 this, 1 last).
var periodWords = map[string]struct {
	unit Unit
	back int
}{
	"this-week": {UnitWeek, 0}, "last-week": {UnitWeek, 1},
	"this-month": {UnitMonth, 0}, "last-month": {UnitMonth, 1},
	"this-quarter": {UnitQuarter, 0}, "last-quarter": {UnitQuarter, 1},
	"this-year": {UnitYear, 0}, "last-year": {UnitYear, 1},
	"ytd": {UnitCustom, 0},
}

// parseSpec parses s without placing it in a zone.
func parseSpec(s string) (periodSpec, error) {
	in := s
	s = strings.ToLower(strings.TrimSpace(s))
	if _, ok := periodWords[s]; ok {
		return periodSpec{word: s}, nil
	}
	if s == "" {
		return periodSpec{}, &periodError{s: in, why: "it is empty"}
	}
	ys, rest, _ := strings.Cut(s, "-")
	year, err := strconv.Atoi(ys)
	if len(ys) != 4 || err != nil || ys[0] == '+' || ys[0] == '-' {
		return periodSpec{}, &periodError{s: in, why: ""}
	}
	if year < 1 {
		return periodSpec{}, &periodError{s: in, why: "the year must be 0001 or later"}
	}
	switch {
	case rest == "" && !strings.Contains(s, "-"):
		return periodSpec{unit: UnitYear, day: CivilDate{year, time.January, 1}}, nil
	case len(rest) == 2 && rest[0] == 'q':
		q := int(rest[1] - '0')
		if q < 1 || q > 4 {
			return periodSpec{}, &periodError{s: in, why: "a quarter is Q1 to Q4"}
		}
		return periodSpec{unit: UnitQuarter, day: CivilDate{year, time.Month(3*q - 2), 1}}, nil
	case len(rest) == 3 && rest[0] == 'w':
		w, err := strconv.Atoi(rest[1:])
		if err != nil || rest[1] < '0' || rest[1] > '9' {
			return periodSpec{}, &periodError{s: in, why: ""}
		}
		d, ok := isoWeekStart(year, w)
		if !ok {
			return periodSpec{}, &periodError{s: in, why: fmt.Sprintf("the ISO year %04d has no week %d", year, w)}
		}
		return periodSpec{unit: UnitWeek, day: d}, nil
	case len(rest) == 2:
		m, err := strconv.Atoi(rest)
		if err != nil || rest[0] < '0' || rest[0] > '9' {
			return periodSpec{}, &periodError{s: in, why: ""}
		}
		if m < 1 || m > 12 {
			return periodSpec{}, &periodError{s: in, why: fmt.Sprintf("there is no month %d", m)}
		}
		return periodSpec{unit: UnitMonth, day: CivilDate{year, time.Month(m), 1}}, nil
	case len(rest) == 5 && rest[2] == '-':
		d, err := ParseDate(s)
		if err != nil && strings.Trim(rest[:2]+rest[3:], "0123456789") == "" {
			return periodSpec{}, &periodError{s: in, why: "that day does not exist"}
		}
		if err != nil {
			return periodSpec{}, &periodError{s: in, why: ""}
		}
		return periodSpec{unit: UnitCustom, day: d}, nil
	}
	return periodSpec{}, &periodError{s: in, why: ""}
}

// isoWeekStart returns the Monday of ISO week w of ISO year y, and whether
// that week exists (week 53 exists only in some years).
func isoWeekStart(y, w int) (CivilDate, bool) {
	if w < 1 || w > 53 {
		return CivilDate{}, false
	}
	jan4 := CivilDate{y, time.January, 4} // always in week 1
	d := unitStart(UnitWeek, jan4).AddDays(7 * (w - 1))
	gy, gw := d.ISOWeek()
	return d, gy == y && gw == w
}

// resolve places sp in loc, relative words being read against now's date in
// loc.
func (sp periodSpec) resolve(loc *time.Location, now time.Time) Period {
	if loc == nil {
		loc = time.UTC
	}
	if sp.word == "" {
		return NewPeriod(sp.unit, sp.day, loc)
	}
	today := CivilDateOf(now.In(loc))
	if sp.word == "ytd" {
		return Between(CivilDate{today.Year, time.January, 1}, today, loc)
	}
	w := periodWords[sp.word]
	return NewPeriod(w.unit, today, loc).Shift(-w.back)
}

// ParsePeriod parses a report period in the time zone loc (the account's):
//
//	2026-10      the month October 2026
//	2026-Q3      the third quarter of 2026 (July to September)
//	2026-W43     ISO week 43 of the ISO year 2026 (Monday to Sunday)
//	2026         the year 2026
//	2026-10-15   the single day (a custom period)
//	this-month, last-month, this-quarter, last-quarter, this-week,
//	last-week, this-year, last-year
//	             the unit holding now's date in loc, or the one before it
//	ytd          the year to date: January 1 to now's date in loc, inclusive
//
// Letters and words are case-insensitive and surrounding space is ignored.
// now is only read by the relative words; pass the data time or the
// injected clock. Errors wrap ErrPeriod and are one sentence that lists the
// accepted forms.
func ParsePeriod(s string, loc *time.Location, now time.Time) (Period, error) {
	sp, err := parseSpec(s)
	if err != nil {
		return Period{}, err
	}
	return sp.resolve(loc, now), nil
}

// PeriodSyntax reports whether s is a period ParsePeriod accepts, without a
// zone or a clock, so that a command line can be checked before anything is
// fetched. It returns ParsePeriod's error for s, or nil.
func PeriodSyntax(s string) error {
	_, err := parseSpec(s)
	return err
}

// ParseRange parses the ends of a range of periods (--from and --to) in loc,
// each in any form ParsePeriod accepts, and returns their [Span]: from the
// first day of from to the last day of to. The two may be of different
// units ("--from 2026-Q1 --to 2026-10"; the span is then a custom period).
// It is an error if to ends before from starts. Errors wrap ErrPeriod.
func ParseRange(from, to string, loc *time.Location, now time.Time) (Period, error) {
	f, err := ParsePeriod(from, loc, now)
	if err != nil {
		return Period{}, fmt.Errorf("from: %w", err)
	}
	t, err := ParsePeriod(to, loc, now)
	if err != nil {
		return Period{}, fmt.Errorf("to: %w", err)
	}
	if t.Last.Before(f.First) {
		return Period{}, rangeOrderError(f, t)
	}
	return Span(f, t), nil
}

func rangeOrderError(f, t Period) error {
	return &periodError{msg: fmt.Sprintf("the range ends on %s (%s), before it starts on %s (%s)",
		t.Last, t.Label, f.First, f.Label)}
}

// RangeSyntax checks from and to as ParseRange would, without a zone or a
// clock: both must be periods, and when neither is a relative word to must
// not end before from starts (the order of relative words depends on the
// clock and is left to ParseRange).
func RangeSyntax(from, to string) error {
	f, err := parseSpec(from)
	if err != nil {
		return fmt.Errorf("from: %w", err)
	}
	t, err := parseSpec(to)
	if err != nil {
		return fmt.Errorf("to: %w", err)
	}
	if f.word == "" && t.word == "" {
		// The days of an absolute period do not depend on the zone.
		fp, tp := f.resolve(time.UTC, time.Time{}), t.resolve(time.UTC, time.Time{})
		if tp.Last.Before(fp.First) {
			return rangeOrderError(fp, tp)
		}
	}
	return nil
}
