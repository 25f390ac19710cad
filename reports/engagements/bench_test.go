package engagements_test

import (
	"testing"
	"time"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/fetch/sandbox"
	"github.com/careport/careport/fetch/sandbox/generate"
	"github.com/careport/careport/fetch/sandbox/sandboxtest"
	"github.com/careport/careport/fetch/snapshot"
	"github.com/careport/careport/reports/engagements"
	"github.com/careport/careport/reports/model"
)

// BenchmarkEngagementsLarge fetches the large generated account once from
// the sandbox into a snapshot, then times Fetch from the snapshot (decode,
// no network) plus Build of its last full month (2026-10), reading every
// row as a renderer would (fetch+build), and Build alone from the fetched
// data (build). The whole command, render included, is
// cmd/careport's BenchmarkEngagementsLargeSnapshot.
//
//	go test ./reports/engagements -run '^$' -bench EngagementsLarge -benchmem -benchtime 5x
func BenchmarkEngagementsLarge(b *testing.B) {
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
	if _, err := engagements.Fetch(b.Context(), live, now); err != nil {
		b.Fatalf("live fetch: %v", err)
	}
	if _, err := w.Finish(snapshot.Manifest{FetchedAt: now(), APIHost: "127.0.0.1", Timezone: a.Timezone}); err != nil {
		b.Fatal(err)
	}
	src, err := snapshot.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	o := engagements.Options{Period: model.NewPeriod(model.UnitMonth, model.CivilDate{Year: 2026, Month: 10, Day: 1}, loc),
		GeneratedAt: now()}
	b.Run("fetch+build", func(b *testing.B) {
		var n, appts int
		for b.Loop() {
			c, err := fetch.New(fetch.Config{Source: src})
			if err != nil {
				b.Fatal(err)
			}
			d, err := engagements.Fetch(b.Context(), c, now)
			if err != nil {
				b.Fatal(err)
			}
			n, appts = len(d.Engagements), len(d.Appointments)
			buildAndDrain(b, d, o)
		}
		b.ReportMetric(float64(n), "engagements")
		b.ReportMetric(float64(appts), "appointments")
	})
	b.Run("build", func(b *testing.B) {
		c, err := fetch.New(fetch.Config{Source: src})
		if err != nil {
			b.Fatal(err)
		}
		d, err := engagements.Fetch(b.Context(), c, now)
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			buildAndDrain(b, d, o)
		}
	})
}

// buildAndDrain builds the report and reads every row of every sheet, as a
// renderer would.
func buildAndDrain(b *testing.B, d *engagements.Data, o engagements.Options) {
	b.Helper()
	r, err := engagements.Build(d, o)
	if err != nil {
		b.Fatal(err)
	}
	for _, s := range r.Sheets {
		if err := s.EachRow(b.Context(), func(int, model.Row) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
}
