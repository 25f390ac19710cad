package revenue_test

import (
	"testing"
	"time"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/fetch/sandbox"
	"github.com/careport/careport/fetch/sandbox/generate"
	"github.com/careport/careport/fetch/sandbox/sandboxtest"
	"github.com/careport/careport/fetch/snapshot"
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
	a, err := generate.Generate(generate.Large, 1)
	if err != nil {
		b.Fatal(err)
	}
	loc, err := time.LoadLocation(a.Timezone)
	if err != nil {
		b.Fatal(err)
	}
	now := func() time.Time { return time.Date(2026, 11, 2, 9, 0, 0, 0, loc) }
	_, url := sandboxtest.Start(b, sandbox.Options{Account: a, Now: now})
	dir := b.TempDir()
	w, err := snapshot.Create(dir)
	if err != nil {
		b.Fatal(err)
	}
	live, err := fetch.New(fetch.Config{BaseURL: url, Recorder: w, CallTimeout: 5 * time.Minute,
		Credentials: fetch.Credentials{APIID: sandboxtest.APIID, APIKey: sandboxtest.APIKey}})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := revenue.Fetch(b.Context(), live, now); err != nil {
		b.Fatalf("live fetch: %v", err)
	}
	if _, err := w.Finish(snapshot.Manifest{FetchedAt: now(), APIHost: "127.0.0.1", Timezone: a.Timezone}); err != nil {
		b.Fatal(err)
	}
	src, err := snapshot.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
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
