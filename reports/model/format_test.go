package model_test

import (
	"testing"
	"time"

	"github.com/careport/careport/reports/model"
)

func TestFileBase(t *testing.T) {
	oct := model.Month(time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC), time.UTC)
	tests := []struct {
		name string
		r    model.Report
		want string
	}{
		{"unfiltered", model.Report{Name: "revenue", Period: oct}, "revenue-2026-10"},
		{"currency", model.Report{Name: "revenue", Period: oct, Filters: []model.KeyValue{{Key: "Currency", Value: "EUR"}}}, "revenue-2026-10-EUR"},
		{"coach id", model.Report{Name: "revenue", Period: oct, Filters: []model.KeyValue{{Key: "Coach", Value: "Ann Lee (7)"}}}, "revenue-2026-10-coach-7"},
		{"two filters", model.Report{Name: "revenue", Period: oct, Filters: []model.KeyValue{{Key: "Coach", Value: "Ann (7)"}, {Key: "currency", Value: "jpy"}}}, "revenue-2026-10-coach-7-jpy"},
		{"plain value", model.Report{Name: "Engagement report", Period: oct, Filters: []model.KeyValue{{Key: "Status", Value: "paid / open"}}}, "engagement-report-2026-10-status-paid-open"},
		{"custom period", model.Report{Name: "revenue", Period: model.Custom(time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 10, 16, 0, 0, 0, 0, time.UTC))}, "revenue-2026-10-01_2026-10-15"},
		{"no name no period", model.Report{}, "report"},
		{"hostile", model.Report{Name: "../x", Filters: []model.KeyValue{{Key: "Client", Value: "a/../b"}}}, "x-client-a-b"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.r.FileBase(); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestTotalRowsAndCurrency(t *testing.T) {
	s := model.NewSheet("AR", model.TextCol("Currency"), model.MoneyCol("Amount", ""), model.MoneyCol("Fixed", "USD"))
	s.Formatting().CurrencyColumn = "Currency"
	s.AddRow(model.Text("JPY"), model.MoneyMinor(100, 0), model.Value{})
	s.AddTotalRow(model.Text("JPY"), model.MoneyMinor(100, 0), model.Value{})
	s.AddTotalRow(model.Int(1)) // refused: not marked
	if err := s.CheckFormat(); err != nil {
		t.Fatal(err)
	}
	if got := s.Format.TotalRows; len(got) != 1 || got[0] != 1 {
		t.Errorf("total rows: got %v, want [1]", got)
	}
	if s.IsTotalRow(0) || !s.IsTotalRow(1) {
		t.Errorf("IsTotalRow: got %v %v, want false true", s.IsTotalRow(0), s.IsTotalRow(1))
	}
	cur := s.CurrencyColumnIndex()
	row := model.Row{model.Text("KWD"), model.MoneyMinor(1, 3), model.Value{}}
	if got := s.RowCurrency(row, 1, cur); got != "KWD" {
		t.Errorf("row currency: got %q, want KWD", got)
	}
	if got := s.RowCurrency(row, 2, cur); got != "USD" {
		t.Errorf("column currency: got %q, want USD", got)
	}
	bad := model.NewSheet("B", model.IntCol("N"))
	bad.Formatting().CurrencyColumn = "N"
	if bad.CheckFormat() == nil {
		t.Error("int currency column accepted")
	}
	bad.Format = &model.SheetFormat{Conditional: []model.CondFormat{{Column: "X"}}}
	if bad.CheckFormat() == nil {
		t.Error("unknown conditional column accepted")
	}
}
