package scorecard_test

import (
	"context"
	"testing"
	"time"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/fetch/sandbox"
	"github.com/careport/careport/fetch/sandbox/generate"
	"github.com/careport/careport/fetch/sandbox/sandboxtest"
	"github.com/careport/careport/fetch/snapshot/snaptest"
	"github.com/careport/careport/reports/model"
)

// BenchmarkScorecardLargeLive runs the scorecard of 2026-10 on the large
// generated account (40 coaches, 2,000 clients, 5 years) served by the
// sandbox with 50 ms of latency per call, through a client of concurrency
// 8, as `careport scorecard` does against `careport sandbox --generate
// large --latency 50ms` with --concurrency 8: every need, the second stage
// (actions of the needed clients, day-by-day calls), Build, and every row
// read as a renderer would. It reports the calls made, the ideal time
// (calls x 50 ms / 8), the time measured and the most calls the sandbox saw
// in flight at once, and fails if that was ever more than 8.
//
//	go test ./reports/scorecard -run '^$' -bench ScorecardLargeLive -benchtime 1x
func BenchmarkScorecardLargeLive(b *testing.B) {
	const conc, latency = 8, 50 * time.Millisecond
	a, err := generate.Generate(generate.Large, 1)
	if err != nil {
		b.Fatal(err)
	}
	loc, err := a.Location()
	if err != nil {
		b.Fatal(err)
	}
	now := a.AsOf.AddDays(1).Time(loc).Add(9 * time.Hour)
	srv, url := sandboxtest.Start(b, sandbox.Options{Account: a, Now: func() time.Time { return now }, Latency: latency})
	c, err := fetch.New(fetch.Config{BaseURL: url, Concurrency: conc, CallTimeout: 5 * time.Minute,
		Credentials: fetch.Credentials{APIID: sandboxtest.APIID, APIKey: sandboxtest.APIKey}})
	if err != nil {
		b.Fatal(err)
	}
	var (
		total time.Duration
		calls int64
		maxIn int64
		rows  int
		times [4]time.Duration
		stage [2]int64 // calls of the first stage (with the coaches) and the second
	)
	for b.Loop() {
		srv.ResetStats()
		start := time.Now()
		o := &runOpts{period: "2026-10", times: &times}
		r, err := build(b.Context(), c, now, o)
		if err != nil {
			b.Fatal(err)
		}
		rows = drain(b, r)
		total += time.Since(start)
		st := srv.Stats()
		calls, maxIn = st.Calls, max(maxIn, st.MaxInFlight)
		stage[1] = st.ByFunction["Action.getAll"]
		stage[0] = calls - stage[1]
		if st.MaxInFlight > conc {
			b.Errorf("MaxInFlight = %d, want <= %d", st.MaxInFlight, conc)
		}
	}
	b.ReportMetric(float64(calls), "calls")
	b.ReportMetric(float64(calls)*latency.Seconds()/conc, "ideal_s")
	b.ReportMetric(total.Seconds()/float64(b.N), "measured_s")
	b.ReportMetric(float64(maxIn), "max_in_flight")
	b.ReportMetric(float64(rows), "rows")
	n := float64(b.N)
	b.ReportMetric((times[0]+times[1]).Seconds()/n, "stage1_s")
	b.ReportMetric(times[2].Seconds()/n, "stage2_s")
	b.ReportMetric(times[3].Seconds()/n, "build_s")
	b.ReportMetric(float64(stage[1]), "action_calls")
}

// drain reads every row of every sheet, as a renderer would, and returns
// how many there were.
func drain(b *testing.B, r *model.Report) int {
	b.Helper()
	n := 0
	for _, s := range r.Sheets {
		if err := s.EachRow(b.Context(), func(int, model.Row) error { n++; return nil }); err != nil {
			b.Fatal(err)
		}
	}
	return n
}

// BenchmarkScorecardLargeSnapshot fetches the large account's scorecard of
// 2026-10 once into a snapshot (no latency), then times the run from the
// snapshot: every need decoded from the saved responses, the second stage
// and Build, every row read (no workbook written; cmd's benchmark of the
// same name times the whole command). For profiles:
//
//	go test ./reports/scorecard -run '^$' -bench ScorecardLargeSnapshot -benchtime 3x -benchmem -cpuprofile cpu.out
func BenchmarkScorecardLargeSnapshot(b *testing.B) {
	src, _, now := snaptest.Large(b, func(ctx context.Context, c *fetch.Client, now time.Time) error {
		_, err := build(ctx, c, now, &runOpts{period: "2026-10"})
		return err
	})
	var times [4]time.Duration
	for b.Loop() {
		c, err := fetch.New(fetch.Config{Source: src})
		if err != nil {
			b.Fatal(err)
		}
		r, err := build(b.Context(), c, now, &runOpts{period: "2026-10", times: &times})
		if err != nil {
			b.Fatal(err)
		}
		drain(b, r)
	}
	n := float64(b.N)
	b.ReportMetric((times[0]+times[1]).Seconds()/n, "stage1_s")
	b.ReportMetric(times[2].Seconds()/n, "stage2_s")
	b.ReportMetric(times[3].Seconds()/n, "build_s")
}
