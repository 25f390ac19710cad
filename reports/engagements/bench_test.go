package engagements_test

import (
	"context"
	"testing"
	"time"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/fetch/snapshot/snaptest"
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
	src, loc, at := snaptest.Large(b, func(ctx context.Context, c *fetch.Client, at time.Time) error {
		_, err := engagements.Fetch(ctx, c, func() time.Time { return at })
		return err
	})
	now := func() time.Time { return at }
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
