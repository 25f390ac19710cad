package model

import (
	"context"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

func TestPeriodOf(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		unit       Unit
		t          time.Time
		loc        *time.Location
		label      string
		start, end string // wall clock in loc
	}{
		{"week crossing year, ISO year 2026", UnitWeek, time.Date(2027, 1, 1, 12, 0, 0, 0, time.UTC), time.UTC, "2026-W53", "2026-12-28 00:00", "2027-01-04 00:00"},
		{"week on a Monday", UnitWeek, time.Date(2026, 10, 19, 0, 0, 0, 0, time.UTC), time.UTC, "2026-W43", "2026-10-19 00:00", "2026-10-26 00:00"},
		{"week on a Sunday", UnitWeek, time.Date(2026, 10, 25, 23, 59, 0, 0, time.UTC), time.UTC, "2026-W43", "2026-10-19 00:00", "2026-10-26 00:00"},
		{"week ISO year before", UnitWeek, time.Date(2027, 1, 3, 0, 0, 0, 0, time.UTC), time.UTC, "2026-W53", "2026-12-28 00:00", "2027-01-04 00:00"},
		{"week 1 in previous calendar year", UnitWeek, time.Date(2025, 12, 30, 0, 0, 0, 0, time.UTC), time.UTC, "2026-W01", "2025-12-29 00:00", "2026-01-05 00:00"},
		{"month in local zone differs from UTC", UnitMonth, time.Date(2026, 11, 1, 2, 0, 0, 0, time.UTC), ny, "2026-10", "2026-10-01 00:00", "2026-11-01 00:00"},
		{"quarter", UnitQuarter, time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC), time.UTC, "2026-Q2", "2026-04-01 00:00", "2026-07-01 00:00"},
		{"year", UnitYear, time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC), time.UTC, "2026", "2026-01-01 00:00", "2027-01-01 00:00"},
		{"week over DST end", UnitWeek, time.Date(2026, 11, 3, 12, 0, 0, 0, ny), ny, "2026-W45", "2026-11-02 00:00", "2026-11-09 00:00"},
	}
	const layout = "2006-01-02 15:04"
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := PeriodOf(tc.unit, tc.t, tc.loc)
			if p.Label != tc.label {
				t.Errorf("label: got %q, want %q", p.Label, tc.label)
			}
			if got := p.Start.In(tc.loc).Format(layout); got != tc.start {
				t.Errorf("start: got %s, want %s", got, tc.start)
			}
			if got := p.End.In(tc.loc).Format(layout); got != tc.end {
				t.Errorf("end: got %s, want %s", got, tc.end)
			}
			if !p.Contains(tc.t) {
				t.Errorf("period %s does not contain %s", p.Label, tc.t)
			}
			if n := p.Next(); !n.Start.Equal(p.End) {
				t.Errorf("next starts %s, want %s", n.Start, p.End)
			}
			if pr := p.Prev(); !pr.End.Equal(p.Start) {
				t.Errorf("prev ends %s, want %s", pr.End, p.Start)
			}
		})
	}
}

func TestYearEarlier(t *testing.T) {
	loc := time.UTC
	at := time.Date(2026, 10, 22, 0, 0, 0, 0, loc)
	tests := []struct {
		name string
		p    Period
		want string
	}{
		{"month", Month(at, loc), "2025-10"},
		{"quarter", Quarter(at, loc), "2025-Q4"},
		{"year", Year(at, loc), "2025"},
		{"week keeps Monday", Week(at, loc), "2025-W43"},
		{"custom", Custom(at, at.AddDate(0, 0, 10)), "2025-10-22..2025-10-31"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.p.YearEarlier()
			if got.Label != tc.want {
				t.Errorf("got %q, want %q", got.Label, tc.want)
			}
			if got.Start.Weekday() != tc.p.Start.Weekday() && tc.p.Unit == UnitWeek {
				t.Errorf("week start weekday %s, want %s", got.Start.Weekday(), tc.p.Start.Weekday())
			}
		})
	}
}

func TestRangeEmptyAndDST(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	from := time.Date(2026, 3, 1, 0, 0, 0, 0, ny)
	if got := Months(from, from, ny); got != nil {
		t.Errorf("empty range: got %v, want nil", got)
	}
	weeks := Range(UnitWeek, from, time.Date(2026, 3, 31, 0, 0, 0, 0, ny), ny)
	for _, w := range weeks {
		if w.Start.In(ny).Hour() != 0 || w.Start.Weekday() != time.Monday {
			t.Errorf("week %s starts %s, want Monday midnight", w.Label, w.Start)
		}
	}
	if len(weeks) != 6 { // Feb 23 .. Mar 30
		t.Errorf("got %d weeks, want 6", len(weeks))
	}
}

func TestValueFloat(t *testing.T) {
	tests := []struct {
		name string
		v    Value
		want float64
	}{
		{"cents", MoneyMinor(1234, 2), 12.34},
		{"negative cents", MoneyMinor(-5, 2), -0.05},
		{"four decimals", MoneyMinor(123456, 4), 12.3456},
		{"decimal", MoneyDecimal(decimal.RequireFromString("0.1")), 0.1},
		{"int", Int(42), 42},
		{"percent", Percent(0.125), 0.125},
		{"text", Text("12"), 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.v.Float(); got != tc.want {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		if v := Percent(f); !v.IsEmpty() {
			t.Errorf("Percent(%v): got kind %s, want empty", f, v.Kind())
		}
	}
	if got := MoneyMinor(1234, 2).Decimal().String(); got != "12.34" {
		t.Errorf("decimal: got %s, want 12.34", got)
	}
}

func TestValueAllocs(t *testing.T) {
	row := make(Row, 4)
	ts := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	n := testing.AllocsPerRun(100, func() {
		row[0] = Int(7)
		row[1] = Text("x")
		row[2] = MoneyMinor(100, 2)
		row[3] = DateTime(ts)
		_ = row[2].Float()
	})
	if n != 0 {
		t.Errorf("got %v allocations per row, want 0", n)
	}
}

func TestSheetShape(t *testing.T) {
	s := NewSheet("S", IntCol("ID"), MoneyCol("Amount", "USD"))
	s.AddRow(Int(1), MoneyMinor(100, 2))
	s.AddRow(Int(2), Value{})
	if err := s.Err(); err != nil {
		t.Fatalf("valid rows: %v", err)
	}
	short := NewSheet("Short", IntCol("ID"), MoneyCol("Amount", "USD"))
	short.AddRow(Int(3))
	if err := short.Err(); !errors.Is(err, ErrRowShape) {
		t.Fatalf("short row: got %v, want ErrRowShape", err)
	}
	s2 := NewSheet("S2", IntCol("ID"))
	s2.AddRow(Text("1"))
	if err := s2.Err(); !errors.Is(err, ErrRowShape) {
		t.Fatalf("text in int column: got %v, want ErrRowShape", err)
	}
	s.Source = RowFunc{N: 1, Fill: func(int, Row) error { return nil }}
	if err := s.Err(); err == nil {
		t.Error("rows and a source: got nil error, want one")
	}
	s3 := NewSheet("S3", IntCol("ID"))
	s3.SetTotals(Text("Total"))
	if err := s3.Err(); !errors.Is(err, ErrRowShape) {
		t.Fatalf("bad totals: got %v, want ErrRowShape", err)
	}
}

func TestEachRowSource(t *testing.T) {
	s := NewSheet("S", IntCol("ID"), TextCol("Name"))
	boom := errors.New("boom")
	s.Source = RowFunc{N: 5, Fill: func(i int, dst Row) error {
		if !dst[1].IsEmpty() {
			return errors.New("row not reset")
		}
		if i == 3 {
			return boom
		}
		dst[0] = Int(int64(i))
		if i%2 == 0 {
			dst[1] = Text("even")
		}
		return nil
	}}
	var seen []int64
	err := s.EachRow(t.Context(), func(i int, r Row) error {
		seen = append(seen, r[0].Int())
		return nil
	})
	if !errors.Is(err, boom) {
		t.Fatalf("got %v, want boom", err)
	}
	if len(seen) != 3 {
		t.Errorf("got %d rows before the error, want 3", len(seen))
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := s.EachRow(ctx, func(int, Row) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled: got %v, want context.Canceled", err)
	}
}

// TestNumberValue checks Number values: exact, accepted only by Number
// columns, and read back by Decimal and Float.
func TestNumberValue(t *testing.T) {
	d := decimal.RequireFromString("72.1255")
	v := Number(d)
	if v.Kind() != KindNumber || !v.Decimal().Equal(d) || v.Float() != 72.1255 {
		t.Errorf("Number(72.1255): got kind %s, decimal %s, float %v", v.Kind(), v.Decimal(), v.Float())
	}
	for _, typ := range []ColumnType{ColText, ColInteger, ColMoney, ColDate, ColDateTime, ColPercent, ColCount, ColNumber} {
		if got, want := typ.Accepts(KindNumber), typ == ColNumber; got != want {
			t.Errorf("%s column accepts a number: got %t, want %t", typ, got, want)
		}
	}
	s := NewSheet("S", NumberCol("x"))
	s.AddRow(Int(3))
	if s.Err() == nil {
		t.Error("an Int in a Number column was accepted")
	}
}
