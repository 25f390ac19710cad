package model_test

import (
	"fmt"
	"time"

	"github.com/careport/careport/reports/model"
)

// Every form ParsePeriod accepts, read in the account zone against the data
// time.
func ExampleParsePeriod() {
	loc, _ := time.LoadLocation("Europe/Paris")
	now := time.Date(2026, 10, 15, 9, 30, 0, 0, loc) // a Thursday
	for _, s := range []string{
		"2026-10", "2026-Q3", "2026-W43", "2026", "2026-10-15",
		"last-month", "this-month", "last-quarter", "this-quarter",
		"last-week", "this-week", "last-year", "ytd",
	} {
		p, err := model.ParsePeriod(s, loc, now)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%-12s %-22s %s..%s  %s\n", s, p.Label, p.First, p.Last, p.Words())
	}
	// Output:
	// 2026-10      2026-10                2026-10-01..2026-10-31  October 2026
	// 2026-Q3      2026-Q3                2026-07-01..2026-09-30  Q3 2026
	// 2026-W43     2026-W43               2026-10-19..2026-10-25  week 43 of 2026 (19-25 Oct)
	// 2026         2026                   2026-01-01..2026-12-31  2026
	// 2026-10-15   2026-10-15             2026-10-15..2026-10-15  15 Oct 2026
	// last-month   2026-09                2026-09-01..2026-09-30  September 2026
	// this-month   2026-10                2026-10-01..2026-10-31  October 2026
	// last-quarter 2026-Q3                2026-07-01..2026-09-30  Q3 2026
	// this-quarter 2026-Q4                2026-10-01..2026-12-31  Q4 2026
	// last-week    2026-W41               2026-10-05..2026-10-11  week 41 of 2026 (5-11 Oct)
	// this-week    2026-W42               2026-10-12..2026-10-18  week 42 of 2026 (12-18 Oct)
	// last-year    2025                   2025-01-01..2025-12-31  2025
	// ytd          2026-01-01..2026-10-15 2026-01-01..2026-10-15  1 Jan - 15 Oct 2026
}

// Bad input gives one sentence that lists the accepted forms.
func ExamplePeriodSyntax() {
	fmt.Println(model.PeriodSyntax("2026-10"))
	fmt.Println(model.PeriodSyntax("2026-13"))
	// Output:
	// <nil>
	// "2026-13" is not a period: there is no month 13; use a month (2026-10), a quarter (2026-Q3), an ISO week (2026-W43), a year (2026), a day (2026-10-15), or one of last-month, this-month, last-quarter, this-quarter, last-week, this-week, last-year, this-year, ytd
}

// --from and --to may be of any form, and of different units.
func ExampleParseRange() {
	now := time.Date(2026, 11, 3, 12, 0, 0, 0, time.UTC)
	for _, r := range [][2]string{
		{"2026-01", "2026-10"},
		{"2026-W43", "2026-W45"},
		{"2026-Q1", "2026-10"},
		{"2026-01", "last-month"},
		{"2026-10", "2026-02"},
	} {
		p, err := model.ParseRange(r[0], r[1], time.UTC, now)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%s %d %s(s): %s\n", p.Label, p.Len(), p.Unit, p.Words())
	}
	// Output:
	// 2026-01..2026-10 10 month(s): January - October 2026
	// 2026-W43..2026-W45 3 week(s): weeks 43-45 of 2026 (19 Oct - 8 Nov)
	// 2026-01-01..2026-10-31 304 custom(s): 1 Jan - 31 Oct 2026
	// 2026-01..2026-10 10 month(s): January - October 2026
	// the range ends on 2026-02-28 (2026-02), before it starts on 2026-10-01 (2026-10)
}

// A span of months is compared with the months just before it and with the
// same months a year earlier.
func ExampleSpan() {
	loc := time.UTC
	jan := model.NewPeriod(model.UnitMonth, model.CivilDate{Year: 2026, Month: time.January, Day: 1}, loc)
	p := model.Span(jan, jan.Shift(9))
	fmt.Println(p.Label, p.Prev().Label, p.YearEarlier().Label, len(p.Months()))
	// Output: 2026-01..2026-10 2025-03..2025-12 2025-01..2025-10 10
}

// In America/Asuncion the clocks jumped from 00:00 to 01:00 on 2023-10-01:
// that day, and October, start at 01:00, while time.Date at midnight gives
// an instant on September 30.
func ExampleCivilDate_StartOf() {
	loc, _ := time.LoadLocation("America/Asuncion")
	d := model.CivilDate{Year: 2023, Month: time.October, Day: 1}
	fmt.Println(d.StartOf(loc))
	fmt.Println(time.Date(2023, time.October, 1, 0, 0, 0, 0, loc))
	oct := model.NewPeriod(model.UnitMonth, d, loc)
	fmt.Println(oct.Label, oct.Prev().Label, oct.Next().Label, oct.Prev().End.Equal(oct.Start))
	// Output:
	// 2023-10-01 01:00:00 -0300 -03
	// 2023-09-30 23:00:00 -0400 -04
	// 2023-10 2023-09 2023-11 true
}

func ExamplePeriod_Words() {
	loc := time.UTC
	day := func(y int, m time.Month, d int) model.CivilDate { return model.CivilDate{Year: y, Month: m, Day: d} }
	for _, p := range []model.Period{
		model.NewPeriod(model.UnitMonth, day(2026, 10, 1), loc),
		model.NewPeriod(model.UnitQuarter, day(2026, 8, 1), loc),
		model.NewPeriod(model.UnitWeek, day(2026, 10, 22), loc),
		model.NewPeriod(model.UnitYear, day(2026, 1, 1), loc),
		model.Between(day(2026, 1, 1), day(2026, 10, 15), loc),
	} {
		fmt.Println(p.Words())
	}
	// Output:
	// October 2026
	// Q3 2026
	// week 43 of 2026 (19-25 Oct)
	// 2026
	// 1 Jan - 15 Oct 2026
}

func ExampleCivilDate() {
	d, err := model.ParseDate("2026-10-15")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d, d.Weekday(), d.AddDays(17), d.AddDays(17).DaysSince(d), d.Before(d.AddDays(1)))
	_, err = model.ParseDate("2026-02-30")
	fmt.Println(err)
	// Output:
	// 2026-10-15 Thursday 2026-11-01 17 true
	// "2026-02-30" is not a date: want YYYY-MM-DD, e.g. 2026-10-15
}
