package model_test

import (
	"context"
	"fmt"
	"time"

	"github.com/careport/careport/reports/model"
	"github.com/shopspring/decimal"
)

func ExamplePeriodOf() {
	loc, _ := time.LoadLocation("America/New_York")
	t := time.Date(2026, 10, 22, 15, 0, 0, 0, loc)
	for _, u := range []model.Unit{model.UnitWeek, model.UnitMonth, model.UnitQuarter, model.UnitYear} {
		p := model.PeriodOf(u, t, loc)
		fmt.Println(p.Label, p.Start.Format(time.DateOnly), p.End.Format(time.DateOnly))
	}
	// Output:
	// 2026-W43 2026-10-19 2026-10-26
	// 2026-10 2026-10-01 2026-11-01
	// 2026-Q4 2026-10-01 2027-01-01
	// 2026 2026-01-01 2027-01-01
}

func ExampleLastFullMonth() {
	loc, _ := time.LoadLocation("Asia/Tokyo")
	// 2026-11-01 00:30 in Tokyo is still October 31 in UTC.
	now := time.Date(2026, 10, 31, 15, 30, 0, 0, time.UTC)
	p := model.LastFullMonth(now, loc)
	fmt.Println(p.Label, p.Prev().Label, p.YearEarlier().Label)
	// Output: 2026-10 2026-09 2025-10
}

func ExampleMonths() {
	loc := time.UTC
	from := time.Date(2026, 11, 15, 0, 0, 0, 0, loc)
	to := time.Date(2027, 2, 1, 0, 0, 0, 0, loc)
	for _, p := range model.Months(from, to, loc) {
		fmt.Print(p.Label, " ")
	}
	fmt.Println()
	// Output: 2026-11 2026-12 2027-01
}

func ExamplePivot() {
	type pay struct {
		Coach, Month string
		Amount       decimal.Decimal
	}
	pays := []pay{
		{"Kim", "2026-09", decimal.RequireFromString("100.00")},
		{"Ann", "2026-10", decimal.RequireFromString("50.50")},
		{"Kim", "2026-10", decimal.RequireFromString("25.25")},
		{"Kim", "2026-08", decimal.RequireFromString("1.00")}, // outside the columns
	}
	ct := model.Pivot(pays, []string{"2026-09", "2026-10"},
		func(p pay) string { return p.Coach },
		func(p pay) string { return p.Month },
		func(p pay) decimal.Decimal { return p.Amount })
	fmt.Println("Coach", ct.Cols[0], ct.Cols[1], "Total")
	for i, r := range ct.Rows {
		fmt.Println(r, ct.Cell(r, "2026-09"), ct.Cell(r, "2026-10"), ct.RowTotal(i))
	}
	fmt.Println("dropped", ct.Dropped)
	// Output:
	// Coach 2026-09 2026-10 Total
	// Ann 0 50.5 50.5
	// Kim 100 25.25 125.25
	// dropped 1
}

// A report fills small sheets row by row and streams large ones from a
// RowSource that fills a reused row on demand.
func Example_sheets() {
	r := &model.Report{Title: "Monthly revenue", Account: "Acme"}
	sum := r.AddSheet("Summary", model.TextCol("Coach"), model.MoneyCol("Invoiced", "USD"), model.CountCol("Invoices"))
	sum.AddRow(model.Text("Ann"), model.MoneyMinor(12050, 2), model.Int(3))
	sum.SetTotals(model.Text("Total"), model.MoneyMinor(12050, 2), model.Int(3))

	cents := []int64{100, 250, -75} // e.g. a million invoices held as records
	led := r.AddSheet("Invoices", model.IntCol("ID"), model.MoneyCol("Amount", "USD"))
	led.Source = model.RowFunc{N: len(cents), Fill: func(i int, dst model.Row) error {
		dst[0] = model.Int(int64(i + 1))
		dst[1] = model.MoneyMinor(cents[i], 2)
		return nil
	}}
	for _, s := range r.Sheets {
		err := s.EachRow(context.Background(), func(i int, row model.Row) error {
			fmt.Println(s.Name, i, row[1].Decimal())
			return nil
		})
		if err != nil {
			fmt.Println(err)
		}
	}
	// Output:
	// Summary 0 120.5
	// Invoices 0 1
	// Invoices 1 2.5
	// Invoices 2 -0.75
}

func ExampleCount() {
	for _, n := range []int{0, 1, 2} {
		fmt.Println(model.Count(n, "invoice", "invoices"))
	}
	// Output:
	// 0 invoices
	// 1 invoice
	// 2 invoices
}

func ExampleReport_FileBase() {
	r := &model.Report{Name: "revenue", Period: model.Month(time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), time.UTC),
		Filters: []model.KeyValue{{Key: "Coach", Value: "Ann Lee (7)"}}}
	fmt.Println(r.FileBase())
	// Output: revenue-2026-10-coach-7
}
