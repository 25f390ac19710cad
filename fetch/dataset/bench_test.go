package dataset_test

import (
	"testing"
	"time"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/fetch/dataset"
	"github.com/careport/careport/fetch/sandbox"
	"github.com/careport/careport/fetch/sandbox/generate"
	"github.com/careport/careport/fetch/sandbox/sandboxtest"
)

// BenchmarkLoadSampleAt100ms loads every kind of data of the small sample
// account (what all reports together need, fan-outs per client included)
// from a sandbox answering each call after 100 ms, and reports the wall
// time against the sum of the calls' latencies: with independent calls in
// flight together the wall time is about sum/concurrency, not the sum.
func BenchmarkLoadSampleAt100ms(b *testing.B) {
	const latency = 100 * time.Millisecond
	acct, err := generate.Generate(generate.Small, generate.SampleSeed)
	if err != nil {
		b.Fatal(err)
	}
	loc, err := acct.Location()
	if err != nil {
		b.Fatal(err)
	}
	now := func() time.Time { return acct.AsOf.AddDays(1).Time(loc) }
	srv, url := sandboxtest.Start(b, sandbox.Options{Account: acct, Now: now, Latency: latency})
	for _, conc := range []int{1, 4, 8} {
		b.Run("concurrency-"+string(rune('0'+conc)), func(b *testing.B) {
			var calls int64
			var wall time.Duration
			for b.Loop() {
				srv.ResetStats()
				c := newClient(b, url, fetch.Config{Concurrency: conc})
				ds, err := dataset.New(c, dataset.Options{FetchedAt: now()})
				if err != nil {
					b.Fatal(err)
				}
				start := time.Now()
				if err := ds.Load(b.Context(), everything(loc)); err != nil {
					b.Fatal(err)
				}
				wall += time.Since(start)
				calls += srv.Stats().Calls
			}
			n := float64(b.N)
			sum := time.Duration(float64(calls)/n) * latency
			b.ReportMetric(float64(calls)/n, "calls/op")
			b.ReportMetric(sum.Seconds(), "sum-latency-s/op")
			b.ReportMetric(wall.Seconds()/n, "wall-s/op")
			b.ReportMetric(sum.Seconds()/(wall.Seconds()/n), "overlap-x")
		})
	}
}
