// Package snaptest records snapshots of generated accounts for benchmarks
// that time reports from a snapshot: the large account is served by the
// sandbox once, a report's own fetch records what it reads, and the
// benchmark then replays it with no network. It is for tests only.
package snaptest

import (
	"context"
	"testing"
	"time"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/fetch/sandbox"
	"github.com/careport/careport/fetch/sandbox/generate"
	"github.com/careport/careport/fetch/sandbox/sandboxtest"
	"github.com/careport/careport/fetch/snapshot"
)

// Large serves the large generated account (seed 1) from a sandbox whose
// clock is now, the morning after the account's history ends; calls
// record with a live client that records every response; and returns the
// snapshot it made, the account's time zone and now. record is untimed
// set-up; a benchmark replays the snapshot with
// fetch.New(fetch.Config{Source: src}).
func Large(tb testing.TB, record func(ctx context.Context, c *fetch.Client, now time.Time) error) (src *snapshot.Reader, loc *time.Location, now time.Time) {
	tb.Helper()
	a, err := generate.Generate(generate.Large, 1)
	if err != nil {
		tb.Fatal(err)
	}
	if loc, err = a.Location(); err != nil {
		tb.Fatal(err)
	}
	now = a.AsOf.AddDays(1).Time(loc).Add(9 * time.Hour)
	_, url := sandboxtest.Start(tb, sandbox.Options{Account: a, Now: func() time.Time { return now }})
	dir := tb.TempDir()
	w, err := snapshot.Create(dir)
	if err != nil {
		tb.Fatal(err)
	}
	live, err := fetch.New(fetch.Config{BaseURL: url, Recorder: w, CallTimeout: 5 * time.Minute,
		Credentials: fetch.Credentials{APIID: sandboxtest.APIID, APIKey: sandboxtest.APIKey}})
	if err != nil {
		tb.Fatal(err)
	}
	if err := record(tb.Context(), live, now); err != nil {
		tb.Fatalf("live fetch: %v", err)
	}
	if _, err := w.Finish(snapshot.Manifest{FetchedAt: now, APIHost: "127.0.0.1", Timezone: a.Timezone}); err != nil {
		tb.Fatal(err)
	}
	if src, err = snapshot.Open(dir); err != nil {
		tb.Fatal(err)
	}
	return src, loc, now
}
