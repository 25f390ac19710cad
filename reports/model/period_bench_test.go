package model

import (
	"testing"
	"time"
)

// BenchmarkMonth is the cost of bucketing one instant into its month, as a
// ledger does for every row.
func BenchmarkMonth(b *testing.B) {
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		b.Fatal(err)
	}
	t := time.Date(2026, 10, 15, 12, 0, 0, 0, loc)
	for b.Loop() {
		_ = Month(t, loc)
	}
}

// BenchmarkStartOf is the cost of finding the first instant of a day.
func BenchmarkStartOf(b *testing.B) {
	loc, err := time.LoadLocation("America/Santiago")
	if err != nil {
		b.Fatal(err)
	}
	d := CivilDate{2026, 10, 15}
	for b.Loop() {
		_ = d.StartOf(loc)
	}
}
