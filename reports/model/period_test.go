package model

import (
	"fmt"
	"testing"
	"time"
)

// TestMonthStartsAllZones walks the months of 2020 to 2027 in every zone of
// the Go time zone database.
func TestMonthStartsAllZones(t *testing.T) {
	for _, loc := range zoneDB(t) {
		p := NewPeriod(UnitMonth, CivilDate{2020, time.January, 1}, loc)
		for i := range 8 * 12 {
			y, m := 2020+i/12, time.Month(i%12+1)
			first := CivilDate{y, m, 1}
			want := fmt.Sprintf("%04d-%02d", y, int(m))
			if p.Label != want || p.First != first {
				t.Errorf("%s: month %d of the walk is %s (from %s), want %s", loc, i, p.Label, p.First, want)
				break
			}
			checkFirstInstant(t, loc, first, p.Start)
			if got := CivilDateOf(p.Start.In(loc)); got != first {
				t.Errorf("%s %s: Start %s reads %s, want %s", loc, want, p.Start, got, first)
			}
			next := NewPeriod(UnitMonth, CivilDate{y, m + 1, 1}, loc)
			if !p.End.Equal(next.Start) {
				t.Errorf("%s %s: End %s, want the next month's Start %s", loc, want, p.End, next.Start)
			}
			if got := Month(p.Start, loc); got != p {
				t.Errorf("%s: Month(Start of %s) = %s", loc, want, got.Label)
			}
			if got := Month(p.End.Add(-time.Second), loc); got != p {
				t.Errorf("%s: Month(End-1s of %s) = %s", loc, want, got.Label)
			}
			n := p.Next()
			if back := n.Prev(); back != p {
				t.Errorf("%s: %s.Next().Prev() = %s", loc, want, back.Label)
			}
			p = n
		}
	}
}

// TestAsuncionOctober is the bug of issue 7: in America/Asuncion, October
// 2023 starts at 01:00 (the clocks jump at midnight); the month used to be
// read as September, and later months repeated September.
func TestAsuncionOctober(t *testing.T) {
	loc, err := time.LoadLocation("America/Asuncion")
	if err != nil {
		t.Skip(err)
	}
	p := NewPeriod(UnitMonth, CivilDate{2023, time.October, 1}, loc)
	if got, want := p.Start.Format(time.RFC3339), "2023-10-01T01:00:00-03:00"; got != want {
		t.Errorf("start: got %s, want %s", got, want)
	}
	var labels []string
	for q := p.Shift(-2); len(labels) < 5; q = q.Next() {
		labels = append(labels, q.Label)
	}
	if got, want := fmt.Sprint(labels), "[2023-08 2023-09 2023-10 2023-11 2023-12]"; got != want {
		t.Errorf("walk: got %s, want %s", got, want)
	}
}

func TestPeriodConstructors(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	utc := time.UTC
	day := func(y int, m time.Month, d int) CivilDate { return CivilDate{y, m, d} }
	month := func(y int, m time.Month) Period { return NewPeriod(UnitMonth, day(y, m, 1), utc) }
	week := func(y int, m time.Month, d int) Period { return NewPeriod(UnitWeek, day(y, m, d), utc) }
	tests := []struct {
		name        string
		p           Period
		label       string
		first, last string
		unit        Unit
		len, days   int
		words       string
	}{
		{"month", month(2026, 10), "2026-10", "2026-10-01", "2026-10-31", UnitMonth, 1, 31, "October 2026"},
		{"month from any day", NewPeriod(UnitMonth, day(2026, 2, 17), utc), "2026-02", "2026-02-01", "2026-02-28", UnitMonth, 1, 28, "February 2026"},
		{"day carried over", NewPeriod(UnitMonth, day(2026, 10, 32), utc), "2026-11", "2026-11-01", "2026-11-30", UnitMonth, 1, 30, "November 2026"},
		{"quarter", NewPeriod(UnitQuarter, day(2026, 8, 9), utc), "2026-Q3", "2026-07-01", "2026-09-30", UnitQuarter, 1, 92, "Q3 2026"},
		{"year", NewPeriod(UnitYear, day(2024, 8, 9), utc), "2024", "2024-01-01", "2024-12-31", UnitYear, 1, 366, "2024"},
		{"week", week(2026, 10, 22), "2026-W43", "2026-10-19", "2026-10-25", UnitWeek, 1, 7, "week 43 of 2026 (19-25 Oct)"},
		{"week over months", week(2026, 10, 1), "2026-W40", "2026-09-28", "2026-10-04", UnitWeek, 1, 7, "week 40 of 2026 (28 Sep - 4 Oct)"},
		{"week over years", week(2026, 1, 1), "2026-W01", "2025-12-29", "2026-01-04", UnitWeek, 1, 7, "week 1 of 2026 (29 Dec 2025 - 4 Jan 2026)"},
		{"week 53", week(2027, 1, 3), "2026-W53", "2026-12-28", "2027-01-03", UnitWeek, 1, 7, "week 53 of 2026 (28 Dec 2026 - 3 Jan 2027)"},
		{"single day", NewPeriod(UnitCustom, day(2026, 10, 15), utc), "2026-10-15", "2026-10-15", "2026-10-15", UnitCustom, 1, 1, "15 Oct 2026"},
		{"between", Between(day(2026, 1, 1), day(2026, 10, 15), utc), "2026-01-01..2026-10-15", "2026-01-01", "2026-10-15", UnitCustom, 288, 288, "1 Jan - 15 Oct 2026"},
		{"between swapped", Between(day(2026, 10, 15), day(2026, 10, 1), utc), "2026-10-01..2026-10-15", "2026-10-01", "2026-10-15", UnitCustom, 15, 15, "1-15 Oct 2026"},
		{"between years", Between(day(2025, 12, 15), day(2026, 1, 15), utc), "2025-12-15..2026-01-15", "2025-12-15", "2026-01-15", UnitCustom, 32, 32, "15 Dec 2025 - 15 Jan 2026"},
		{"span of months", Span(month(2026, 1), month(2026, 10)), "2026-01..2026-10", "2026-01-01", "2026-10-31", UnitMonth, 10, 304, "January - October 2026"},
		{"span of months over years", Span(month(2025, 11), month(2026, 2)), "2025-11..2026-02", "2025-11-01", "2026-02-28", UnitMonth, 4, 120, "November 2025 - February 2026"},
		{"span reversed", Span(month(2026, 10), month(2026, 1)), "2026-01..2026-10", "2026-01-01", "2026-10-31", UnitMonth, 10, 304, "January - October 2026"},
		{"span of one", Span(month(2026, 10), month(2026, 10)), "2026-10", "2026-10-01", "2026-10-31", UnitMonth, 1, 31, "October 2026"},
		{"span of quarters", Span(NewPeriod(UnitQuarter, day(2025, 10, 1), utc), NewPeriod(UnitQuarter, day(2026, 1, 1), utc)), "2025-Q4..2026-Q1", "2025-10-01", "2026-03-31", UnitQuarter, 2, 182, "Q4 2025 - Q1 2026"},
		{"span of years", Span(NewPeriod(UnitYear, day(2024, 1, 1), utc), NewPeriod(UnitYear, day(2026, 1, 1), utc)), "2024..2026", "2024-01-01", "2026-12-31", UnitYear, 3, 1096, "2024 - 2026"},
		{"span of weeks", Span(week(2026, 10, 19), week(2026, 11, 2)), "2026-W43..2026-W45", "2026-10-19", "2026-11-08", UnitWeek, 3, 21, "weeks 43-45 of 2026 (19 Oct - 8 Nov)"},
		{"span of weeks over ISO years", Span(week(2026, 12, 21), week(2027, 1, 4)), "2026-W52..2027-W01", "2026-12-21", "2027-01-10", UnitWeek, 3, 21, "week 52 of 2026 - week 1 of 2027 (21 Dec 2026 - 10 Jan 2027)"},
		{"span of mixed units", Span(NewPeriod(UnitQuarter, day(2026, 1, 1), utc), month(2026, 10)), "2026-01-01..2026-10-31", "2026-01-01", "2026-10-31", UnitCustom, 304, 304, "1 Jan - 31 Oct 2026"},
		{"custom from instants", Custom(time.Date(2026, 10, 1, 0, 0, 0, 0, ny), time.Date(2026, 10, 16, 0, 0, 0, 0, ny)), "2026-10-01..2026-10-15", "2026-10-01", "2026-10-15", UnitCustom, 15, 15, "1-15 Oct 2026"},
		{"period of", PeriodOf(UnitMonth, time.Date(2026, 11, 1, 2, 0, 0, 0, time.UTC), ny), "2026-10", "2026-10-01", "2026-10-31", UnitMonth, 1, 31, "October 2026"},
		{"last full month", LastFullMonth(time.Date(2026, 1, 10, 0, 0, 0, 0, utc), utc), "2025-12", "2025-12-01", "2025-12-31", UnitMonth, 1, 31, "December 2025"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := tc.p
			if p.Label != tc.label || p.First.String() != tc.first || p.Last.String() != tc.last || p.Unit != tc.unit {
				t.Errorf("got %s %s %s..%s, want %s %s %s..%s", p.Unit, p.Label, p.First, p.Last, tc.unit, tc.label, tc.first, tc.last)
			}
			if p.Len() != tc.len || p.Days() != tc.days {
				t.Errorf("len, days: got %d, %d, want %d, %d", p.Len(), p.Days(), tc.len, tc.days)
			}
			if got := p.Words(); got != tc.words {
				t.Errorf("words: got %q, want %q", got, tc.words)
			}
			loc := p.Location()
			if !p.Start.Equal(p.First.StartOf(loc)) || !p.End.Equal(p.Last.AddDays(1).StartOf(loc)) {
				t.Errorf("bounds: got [%s, %s), want the bounds of %s..%s", p.Start, p.End, p.First, p.Last)
			}
			if n := p.Next(); !n.Start.Equal(p.End) || n.Len() != p.Len() || n.Unit != p.Unit {
				t.Errorf("next: got %s (%d %s) from %s, want %d %s from %s", n.Label, n.Len(), n.Unit, n.Start, p.Len(), p.Unit, p.End)
			}
			if pr := p.Prev(); !pr.End.Equal(p.Start) || pr.Len() != p.Len() {
				t.Errorf("prev: got %s ending %s, want %d units ending %s", pr.Label, pr.End, p.Len(), p.Start)
			}
			if !p.ContainsDate(p.First) || !p.ContainsDate(p.Last) || p.ContainsDate(p.Last.AddDays(1)) || p.ContainsDate(p.First.AddDays(-1)) {
				t.Errorf("ContainsDate wrong at the ends of %s", p.Label)
			}
			if !p.Contains(p.Start) || p.Contains(p.End) {
				t.Errorf("Contains wrong at the ends of %s", p.Label)
			}
		})
	}
}

func TestShiftAndYearEarlier(t *testing.T) {
	utc := time.UTC
	day := func(y int, m time.Month, d int) CivilDate { return CivilDate{y, m, d} }
	months := Span(NewPeriod(UnitMonth, day(2026, 1, 1), utc), NewPeriod(UnitMonth, day(2026, 10, 1), utc))
	tests := []struct {
		name string
		got  Period
		want string
	}{
		{"month shift back over a year", NewPeriod(UnitMonth, day(2026, 2, 1), utc).Shift(-3), "2025-11"},
		{"run of months next", months.Next(), "2026-11..2027-08"},
		{"run of months prev", months.Prev(), "2025-03..2025-12"},
		{"run of months year earlier", months.YearEarlier(), "2025-01..2025-10"},
		{"quarter prev", NewPeriod(UnitQuarter, day(2026, 1, 1), utc).Prev(), "2025-Q4"},
		{"quarter year earlier", NewPeriod(UnitQuarter, day(2026, 7, 1), utc).YearEarlier(), "2025-Q3"},
		{"year next", NewPeriod(UnitYear, day(2026, 7, 1), utc).Next(), "2027"},
		{"week year earlier keeps Monday", NewPeriod(UnitWeek, day(2026, 10, 22), utc).YearEarlier(), "2025-W43"},
		{"week after W53", NewPeriod(UnitWeek, day(2026, 12, 28), utc).Next(), "2027-W01"},
		{"day next", NewPeriod(UnitCustom, day(2026, 12, 31), utc).Next(), "2027-01-01"},
		{"custom prev keeps length", Between(day(2026, 10, 1), day(2026, 10, 15), utc).Prev(), "2026-09-16..2026-09-30"},
		{"custom year earlier", Between(day(2026, 1, 1), day(2026, 10, 15), utc).YearEarlier(), "2025-01-01..2025-10-15"},
		{"leap day year earlier", Between(day(2024, 1, 1), day(2024, 2, 29), utc).YearEarlier(), "2023-01-01..2023-02-28"},
		{"in another zone keeps days", NewPeriod(UnitMonth, day(2026, 10, 1), utc).In(time.FixedZone("x", -5*3600)), "2026-10"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got.Label != tc.want {
				t.Errorf("got %s, want %s", tc.got.Label, tc.want)
			}
		})
	}
}

func TestPeriodMonths(t *testing.T) {
	loc, err := time.LoadLocation("America/Santiago")
	if err != nil {
		t.Skip(err)
	}
	p := Between(CivilDate{2023, 8, 15}, CivilDate{2023, 10, 2}, loc)
	var got []string
	for _, m := range p.Months() {
		got = append(got, m.Label)
		if m.Location() != loc {
			t.Errorf("%s in %v, want %v", m.Label, m.Location(), loc)
		}
	}
	if fmt.Sprint(got) != "[2023-08 2023-09 2023-10]" {
		t.Errorf("got %v, want [2023-08 2023-09 2023-10]", got)
	}
	if z := (Period{}); !z.IsZero() || NewPeriod(UnitMonth, CivilDate{2026, 1, 1}, nil).IsZero() {
		t.Errorf("IsZero wrong")
	}
}
