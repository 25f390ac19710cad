package revenue_test

import (
	"context"
	"testing"
	"time"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/fetch/snapshot/snaptest"
	"github.com/careport/careport/reports/model"
	"github.com/careport/careport/reports/revenue"
)

// BenchmarkRevenueLarge fetches the large generated account once from the
// sandbox into a snapshot, then times Fetch from the snapshot (no network)
// plus Build of the last full month (2026-10), reading every row as a
// renderer would (fetch+build), and Build alone from the fetched data (build).
// The goal for the build step is at most 0.3 s (issue 14).
//
//	go test ./reports/revenue -run '^$' -bench RevenueLarge -benchmem -benchtime 5x
func BenchmarkRevenueLarge(b *testing.B) {
	src, _, at := snaptest.Large(b, func(ctx context.Context, c *fetch.Client, at time.Time) error {
		_, err := revenue.Fetch(ctx, c, func() time.Time { return at })
		return err
	})
	now := func() time.Time { return at }
	oct := month(2026, 10)
	opts := revenue.Options{From: oct, To: oct, GeneratedAt: now()}
	b.Run("fetch+build", func(b *testing.B) {
		var invoices int
		for b.Loop() {
			c, err := fetch.New(fetch.Config{Source: src})
			if err != nil {
				b.Fatal(err)
			}
			d, err := revenue.Fetch(b.Context(), c, now)
			if err != nil {
				b.Fatal(err)
			}
			invoices = len(d.Invoices)
			buildAndDrain(b, d, opts)
		}
		b.ReportMetric(float64(invoices), "invoices")
	})
	b.Run("build", func(b *testing.B) {
		c, err := fetch.New(fetch.Config{Source: src})
		if err != nil {
			b.Fatal(err)
		}
		d, err := revenue.Fetch(b.Context(), c, now)
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			buildAndDrain(b, d, opts)
		}
	})
}

// buildAndDrain builds the report and reads every row of every sheet, as a
// renderer would.
func buildAndDrain(b *testing.B, d *revenue.Data, o revenue.Options) {
	b.Helper()
	r, _, err := revenue.Build(d, o)
	if err != nil {
		b.Fatal(err)
	}
	for _, s := range r.Sheets {
		if err := s.EachRow(b.Context(), func(int, model.Row) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
}
