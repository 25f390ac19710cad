package revenue_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/reports"
	"github.com/careport/careport/reports/model"
	"github.com/careport/careport/reports/revenue"
	"github.com/shopspring/decimal"
	"github.com/spf13/pflag"
)

// periodData is one client with one invoice of 100 USD on the first and on
// the last day of every month from 2022-01 to 2025-12, at the start of the
// day in loc, and one of 1 USD on each day in days.
func periodData(t *testing.T, loc *time.Location, days ...model.CivilDate) *revenue.Data {
	t.Helper()
	d := &revenue.Data{Location: loc, Clients: []fetch.ClientRecord{{ID: 1, CoachID: 1, FirstName: "Ana"}},
		Coaches: []fetch.Coach{{ID: 1, FirstName: "Cy"}}}
	add := func(day model.CivilDate, amount int64) {
		d.Invoices = append(d.Invoices, fetch.Invoice{ID: len(d.Invoices) + 1, InvoiceNumber: day.String(),
			DateOf: day.StartOf(loc), DateDue: day.AddDays(14).StartOf(loc), Currency: "USD",
			Amount: decimal.NewFromInt(amount), ClientID: 1})
	}
	for y := 2022; y <= 2025; y++ {
		for m := time.January; m <= time.December; m++ {
			p := model.NewPeriod(model.UnitMonth, model.CivilDate{Year: y, Month: m, Day: 1}, loc)
			add(p.First, 100)
			add(p.Last, 100)
		}
	}
	for _, day := range days {
		add(day, 1)
	}
	return d
}

// TestPeriodWhereMidnightIsMissing builds October 2023 in
// America/Asuncion, where 2023-10-01 began at 01:00 (clocks went from
// 00:00 to 01:00): the report must cover October 1 to 31, not September,
// and its 12-month trend must list 12 distinct months.
func TestPeriodWhereMidnightIsMissing(t *testing.T) {
	loc, err := time.LoadLocation("America/Asuncion")
	if err != nil {
		t.Skipf("no zone data: %v", err)
	}
	oct1 := model.CivilDate{Year: 2023, Month: time.October, Day: 1}
	if s := oct1.StartOf(loc); s.Hour() != 1 {
		t.Fatalf("the zone data has %s as the start of 2023-10-01; the test needs a day starting at 01:00", s)
	}
	d := periodData(t, loc, oct1, model.CivilDate{Year: 2023, Month: time.September, Day: 30})
	parsed, err := model.ParsePeriod("2023-10", loc, time.Date(2026, 1, 1, 12, 0, 0, 0, loc))
	if err != nil {
		t.Fatal(err)
	}
	oct := model.Month(oct1.StartOf(loc), loc)
	tests := []struct {
		name string
		o    revenue.Options
	}{
		{"period", revenue.Options{Period: parsed}},
		{"from and to", revenue.Options{From: oct, To: oct}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, sum, err := revenue.Build(d, tc.o)
			if err != nil {
				t.Fatal(err)
			}
			p := sum.Period
			if p.Label != "2023-10" || p.First != oct1 || p.Last.Day != 31 || p.Last.Month != time.October {
				t.Errorf("period: got %s (%s..%s), want 2023-10 (2023-10-01..2023-10-31)", p.Label, p.First, p.Last)
			}
			if got, want := sum.Previous.Label+" "+sum.YearEarlier.Label, "2023-09 2022-10"; got != want {
				t.Errorf("comparison periods: got %s, want %s", got, want)
			}
			// October: 100 on the 1st and the 31st, 1 on the 1st; the 1 on
			// September 30 is not October's.
			f := sum.Currencies[0].Current
			if got := f.Invoiced.String(); got != "201" || f.InvoiceCount != 3 {
				t.Errorf("October invoiced: got %s in %d invoices, want 201 in 3", got, f.InvoiceCount)
			}
			if got := sum.Currencies[0].Previous.Invoiced.String(); got != "201" {
				t.Errorf("September invoiced: got %s, want 201", got)
			}
			if r.Title != "Revenue report 2023-10" {
				t.Errorf("title: got %q", r.Title)
			}
			var months []string
			for _, row := range cells(t, sheet(t, r, "Trend")) {
				months = append(months, row[0])
			}
			want := []string{"2022-11", "2022-12", "2023-01", "2023-02", "2023-03", "2023-04", "2023-05",
				"2023-06", "2023-07", "2023-08", "2023-09", "2023-10"}
			if !slices.Equal(months, want) {
				t.Errorf("trend months: got %q, want %q", months, want)
			}
			for _, row := range cells(t, sheet(t, r, "Trend")) {
				if row[1] != "200.00" && !(row[0] == "2023-10" && row[1] == "201.00") && !(row[0] == "2023-09" && row[1] == "201.00") {
					t.Errorf("trend %s invoiced: got %s", row[0], row[1])
				}
			}
		})
	}
}

// TestPeriodLabel checks that the report keeps the period it was asked
// for: a quarter is titled and named 2025-Q1 and compared with 2024-Q4 and
// 2024-Q1; whole months given as days read as months; a period that is not
// whole months is refused before any data is fetched.
func TestPeriodLabel(t *testing.T) {
	loc := time.UTC
	now := time.Date(2026, 1, 10, 12, 0, 0, 0, loc)
	d := periodData(t, loc)
	tests := []struct {
		period, from, to        string
		label, prev, yago, file string
		months                  []string // the By coach sheet's month columns
		pivot                   bool
	}{
		{period: "2025-Q1", label: "2025-Q1", prev: "2024-Q4", yago: "2024-Q1", file: "revenue-2025-Q1",
			months: []string{"2025-01", "2025-02", "2025-03"}, pivot: true},
		{period: "2025", label: "2025", prev: "2024", yago: "2024", file: "revenue-2025", pivot: true},
		{period: "2025-10", label: "2025-10", prev: "2025-09", yago: "2024-10", file: "revenue-2025-10",
			months: []string{"2025-10"}},
		{from: "2025-01-01", to: "2025-02-28", label: "2025-01..2025-02", prev: "2024-11..2024-12",
			yago: "2024-01..2024-02", file: "revenue-2025-01_2025-02", months: []string{"2025-01", "2025-02"}, pivot: true},
		{from: "2025-01", to: "2025-03", label: "2025-01..2025-03", prev: "2024-10..2024-12",
			yago: "2024-01..2024-03", file: "revenue-2025-01_2025-03", pivot: true},
	}
	for _, tc := range tests {
		t.Run(tc.label, func(t *testing.T) {
			var p model.Period
			var err error
			if tc.period != "" {
				p, err = model.ParsePeriod(tc.period, loc, now)
			} else {
				p, err = model.ParseRange(tc.from, tc.to, loc, now)
			}
			if err != nil {
				t.Fatal(err)
			}
			r, sum, err := revenue.Build(d, revenue.Options{Period: p})
			if err != nil {
				t.Fatal(err)
			}
			if got := r.Period.Label + " " + sum.Previous.Label + " " + sum.YearEarlier.Label; got != tc.label+" "+tc.prev+" "+tc.yago {
				t.Errorf("periods: got %s, want %s %s %s", got, tc.label, tc.prev, tc.yago)
			}
			if r.Previous.Label != tc.prev || r.YearEarlier.Label != tc.yago {
				t.Errorf("report comparison periods: got %s and %s", r.Previous.Label, r.YearEarlier.Label)
			}
			if got, want := r.Title, "Revenue report "+tc.label; got != want {
				t.Errorf("title: got %q, want %q", got, want)
			}
			if got := r.FileBase(); got != tc.file {
				t.Errorf("file base: got %q, want %q", got, tc.file)
			}
			bc := sheet(t, r, "By coach")
			if tc.months != nil {
				var got []string
				for _, c := range bc.Columns[2 : len(bc.Columns)-1] {
					got = append(got, c.Name)
				}
				if !slices.Equal(got, tc.months) {
					t.Errorf("By coach months: got %q, want %q", got, tc.months)
				}
			}
			inv := sheet(t, r, "Invoices")
			omitted := inv.Format != nil && inv.Format.OmitPivot != ""
			if inv.Pivot == nil || omitted == tc.pivot {
				t.Errorf("invoice pivot: got %+v omitted %v, want shown %v", inv.Pivot, omitted, tc.pivot)
			}
		})
	}
	t.Run("not whole months", func(t *testing.T) {
		for _, s := range [][2]string{{"2025-W10", ""}, {"2025-10-15", ""}, {"2025-10-01", "2025-10-30"}, {"2025-09-02", "2025-10-31"}} {
			p, err := model.ParsePeriod(s[0], loc, now)
			if s[1] != "" {
				p, err = model.ParseRange(s[0], s[1], loc, now)
			}
			if err != nil {
				t.Fatal(err)
			}
			rep := revenue.Spec.New(pflag.NewFlagSet("revenue", pflag.ContinueOnError))
			if _, err := rep.Needs(reports.Params{Period: p, Location: loc}); !errors.Is(err, reports.ErrOptions) {
				t.Errorf("%s: got %v, want ErrOptions", s, err)
			}
			if _, _, err := revenue.Build(d, revenue.Options{Period: p}); !errors.Is(err, revenue.ErrOptions) {
				t.Errorf("build %s: got %v, want ErrOptions", s, err)
			}
		}
	})
}
