package model

// TEMPORARY: months-only parser until the civil period parser lands (branch
// periods); this file is deleted when it does.

import (
	"fmt"
	"time"
)

// PeriodSyntax checks a period flag's syntax.
func PeriodSyntax(s string) error {
	switch s {
	case "last-month", "this-month":
		return nil
	}
	if _, err := time.Parse("2006-01", s); err != nil {
		return fmt.Errorf("%q is not a period: want a month such as 2026-10, or last-month", s)
	}
	return nil
}

// ParsePeriod parses a period flag in loc against now.
func ParsePeriod(s string, loc *time.Location, now time.Time) (Period, error) {
	switch s {
	case "last-month":
		return LastFullMonth(now, loc), nil
	case "this-month":
		return Month(now, loc), nil
	}
	t, err := time.ParseInLocation("2006-01", s, loc)
	if err != nil {
		return Period{}, PeriodSyntax(s)
	}
	return Month(t.Add(12*time.Hour), loc), nil
}

// ParseRange parses --from/--to.
func ParseRange(from, to string, loc *time.Location, now time.Time) (Period, error) {
	a, err := ParsePeriod(from, loc, now)
	if err != nil {
		return Period{}, err
	}
	b, err := ParsePeriod(to, loc, now)
	if err != nil {
		return Period{}, err
	}
	if b.End.Before(a.End) {
		return Period{}, fmt.Errorf("--to %s is before --from %s", to, from)
	}
	p := Custom(a.Start, b.End)
	p.Label = a.Label + ".." + b.Label
	if a.Label == b.Label {
		return a, nil
	}
	return p, nil
}
