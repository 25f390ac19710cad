package model

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestParsePeriod(t *testing.T) {
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	// Thursday 2026-10-15 in UTC, but already Friday 2026-10-16 in Tokyo.
	now := time.Date(2026, 10, 15, 20, 0, 0, 0, time.UTC)
	tests := []struct {
		in          string
		loc         *time.Location
		label       string
		first, last string
		err         string // substring of the error; "" for none
	}{
		{"2026-10", time.UTC, "2026-10", "2026-10-01", "2026-10-31", ""},
		{" 2026-02 ", time.UTC, "2026-02", "2026-02-01", "2026-02-28", ""},
		{"2026-Q3", time.UTC, "2026-Q3", "2026-07-01", "2026-09-30", ""},
		{"2026-q1", time.UTC, "2026-Q1", "2026-01-01", "2026-03-31", ""},
		{"2026-W43", time.UTC, "2026-W43", "2026-10-19", "2026-10-25", ""},
		{"2026-W01", time.UTC, "2026-W01", "2025-12-29", "2026-01-04", ""},
		{"2026-W53", time.UTC, "2026-W53", "2026-12-28", "2027-01-03", ""},
		{"2026", time.UTC, "2026", "2026-01-01", "2026-12-31", ""},
		{"2026-10-15", time.UTC, "2026-10-15", "2026-10-15", "2026-10-15", ""},
		{"this-month", time.UTC, "2026-10", "2026-10-01", "2026-10-31", ""},
		{"last-month", time.UTC, "2026-09", "2026-09-01", "2026-09-30", ""},
		{"LAST-MONTH", time.UTC, "2026-09", "2026-09-01", "2026-09-30", ""},
		{"this-quarter", time.UTC, "2026-Q4", "2026-10-01", "2026-12-31", ""},
		{"last-quarter", time.UTC, "2026-Q3", "2026-07-01", "2026-09-30", ""},
		{"this-week", time.UTC, "2026-W42", "2026-10-12", "2026-10-18", ""},
		{"last-week", time.UTC, "2026-W41", "2026-10-05", "2026-10-11", ""},
		{"this-year", time.UTC, "2026", "2026-01-01", "2026-12-31", ""},
		{"last-year", time.UTC, "2025", "2025-01-01", "2025-12-31", ""},
		{"ytd", time.UTC, "2026-01-01..2026-10-15", "2026-01-01", "2026-10-15", ""},
		{"ytd", tokyo, "2026-01-01..2026-10-16", "2026-01-01", "2026-10-16", ""},
		{"this-week", tokyo, "2026-W42", "2026-10-12", "2026-10-18", ""},

		{"", time.UTC, "", "", "", "it is empty"},
		{"2026-13", time.UTC, "", "", "", "there is no month 13"},
		{"2026-00", time.UTC, "", "", "", "there is no month 0"},
		{"2026-Q5", time.UTC, "", "", "", "Q1 to Q4"},
		{"2026-Q0", time.UTC, "", "", "", "Q1 to Q4"},
		{"2025-W53", time.UTC, "", "", "", "has no week 53"},
		{"2026-W00", time.UTC, "", "", "", "has no week 0"},
		{"2026-W4", time.UTC, "", "", "", "is not a period"},
		{"2026-02-30", time.UTC, "", "", "", "that day does not exist"},
		{"2026-1", time.UTC, "", "", "", "is not a period"},
		{"2026-", time.UTC, "", "", "", "is not a period"},
		{"26-10", time.UTC, "", "", "", "is not a period"},
		{"+026-10", time.UTC, "", "", "", "is not a period"},
		{"2026-+1", time.UTC, "", "", "", "is not a period"},
		{"0000", time.UTC, "", "", "", "0001 or later"},
		{"October", time.UTC, "", "", "", "use a month (2026-10)"},
		{"next-month", time.UTC, "", "", "", "last-month"},
		{"2026-10..2026-12", time.UTC, "", "", "", "is not a period"},
	}
	for _, tc := range tests {
		t.Run(tc.in+" "+tc.loc.String(), func(t *testing.T) {
			p, err := ParsePeriod(tc.in, tc.loc, now)
			synErr := PeriodSyntax(tc.in)
			if (err == nil) != (synErr == nil) {
				t.Errorf("PeriodSyntax: got %v, want it to agree with ParsePeriod's %v", synErr, err)
			}
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error: got %v, want one containing %q", err, tc.err)
				}
				if !errors.Is(err, ErrPeriod) {
					t.Errorf("error %v does not wrap ErrPeriod", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("error: %v", err)
			}
			if p.Label != tc.label || p.First.String() != tc.first || p.Last.String() != tc.last {
				t.Errorf("got %s %s..%s, want %s %s..%s", p.Label, p.First, p.Last, tc.label, tc.first, tc.last)
			}
			if p.Location() != tc.loc {
				t.Errorf("location: got %v, want %v", p.Location(), tc.loc)
			}
		})
	}
}

func TestParseRange(t *testing.T) {
	now := time.Date(2026, 10, 15, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		from, to string
		label    string
		unit     Unit
		err      string
		synErr   string // RangeSyntax's error, when it differs from ParseRange's
	}{
		{"months", "2026-01", "2026-10", "2026-01..2026-10", UnitMonth, "", ""},
		{"same month", "2026-10", "2026-10", "2026-10", UnitMonth, "", ""},
		{"quarters", "2025-Q4", "2026-Q2", "2025-Q4..2026-Q2", UnitQuarter, "", ""},
		{"weeks", "2026-W43", "2026-W45", "2026-W43..2026-W45", UnitWeek, "", ""},
		{"years", "2024", "2026", "2024..2026", UnitYear, "", ""},
		{"days", "2026-10-01", "2026-10-15", "2026-10-01..2026-10-15", UnitCustom, "", ""},
		{"quarter to month", "2026-Q1", "2026-10", "2026-01-01..2026-10-31", UnitCustom, "", ""},
		{"month to day inside it", "2026-10", "2026-10-15", "2026-10-01..2026-10-15", UnitCustom, "", ""},
		{"month to last month", "2026-01", "last-month", "2026-01..2026-09", UnitMonth, "", ""},
		{"to before from", "2026-05", "2026-02", "", 0, "before it starts", ""},
		{"word before month", "2026-12", "last-month", "", 0, "before it starts", "-"},
		{"bad from", "2026-13", "2026-10", "", 0, "from: \"2026-13\" is not a period", ""},
		{"bad to", "2026-10", "soon", "", 0, "to: \"soon\" is not a period", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := ParseRange(tc.from, tc.to, time.UTC, now)
			synErr := RangeSyntax(tc.from, tc.to)
			switch {
			case tc.synErr == "-" && synErr != nil:
				t.Errorf("RangeSyntax: got %v, want nil (relative words are ordered by ParseRange)", synErr)
			case tc.synErr != "-" && (synErr == nil) != (err == nil):
				t.Errorf("RangeSyntax: got %v, want it to agree with ParseRange's %v", synErr, err)
			}
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error: got %v, want one containing %q", err, tc.err)
				}
				if !errors.Is(err, ErrPeriod) {
					t.Errorf("error %v does not wrap ErrPeriod", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("error: %v", err)
			}
			if p.Label != tc.label || p.Unit != tc.unit {
				t.Errorf("got %s %s, want %s %s", p.Unit, p.Label, tc.unit, tc.label)
			}
		})
	}
}
