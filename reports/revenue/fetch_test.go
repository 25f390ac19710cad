package revenue_test

import (
	"slices"
	"testing"
	"time"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/fetch/sandbox"
	"github.com/careport/careport/fetch/sandbox/sandboxtest"
	"github.com/careport/careport/fetch/snapshot"
	"github.com/careport/careport/reports/revenue"
)

// TestFetchSnapshotReplay records Fetch into a snapshot, checks it made
// exactly the five documented calls, and checks that a report built from
// the replayed snapshot equals the one built from the live fetch.
func TestFetchSnapshotReplay(t *testing.T) {
	a := testAccount(t)
	loc, err := time.LoadLocation(a.Timezone)
	if err != nil {
		t.Fatal(err)
	}
	now := func() time.Time { return time.Date(2026, 10, 31, 12, 0, 0, 0, loc) }
	_, url := sandboxtest.Start(t, sandbox.Options{Account: a, Now: now})
	dir := t.TempDir()
	w, err := snapshot.Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	live, err := fetch.New(fetch.Config{BaseURL: url, Recorder: w,
		Credentials: fetch.Credentials{APIID: sandboxtest.APIID, APIKey: sandboxtest.APIKey}})
	if err != nil {
		t.Fatal(err)
	}
	ld, err := revenue.Fetch(t.Context(), live, now)
	if err != nil {
		t.Fatalf("live fetch: %v", err)
	}
	if got, want := ld.Location.String(), "America/New_York"; got != want {
		t.Errorf("location: got %s, want %s", got, want)
	}
	if !ld.FetchedAt.Equal(now()) {
		t.Errorf("fetched at: got %v, want %v", ld.FetchedAt, now())
	}
	m, err := w.Finish(snapshot.Manifest{FetchedAt: now(), APIHost: "127.0.0.1", Timezone: a.Timezone})
	if err != nil {
		t.Fatal(err)
	}
	var fns []string
	for _, c := range m.Calls {
		fns = append(fns, c.Function)
		switch c.Function {
		case "Invoice.getAll", "Pairing.getHistory":
			if len(c.Params) != 0 {
				t.Errorf("%s params: got %v, want none", c.Function, c.Params)
			}
		default:
			if _, ok := c.Params["includeInactive"]; !ok || len(c.Params) != 1 {
				t.Errorf("%s params: got %v, want includeInactive only", c.Function, c.Params)
			}
		}
	}
	slices.Sort(fns)
	if want := []string{"Client.getAll", "Coach.getAll", "Company.getAll", "Invoice.getAll", "Pairing.getHistory"}; !slices.Equal(fns, want) {
		t.Errorf("calls: got %q, want %q", fns, want)
	}

	src, err := snapshot.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	replay, err := fetch.New(fetch.Config{Source: src})
	if err != nil {
		t.Fatal(err)
	}
	rd, err := revenue.Fetch(t.Context(), replay, now)
	if err != nil {
		t.Fatalf("replay fetch: %v", err)
	}
	o := revenue.Options{From: month(2025, 11), To: month(2026, 10)}
	lr, _, err := revenue.Build(ld, o)
	if err != nil {
		t.Fatal(err)
	}
	rr, _, err := revenue.Build(rd, o)
	if err != nil {
		t.Fatal(err)
	}
	if len(lr.Sheets) != len(rr.Sheets) {
		t.Fatalf("sheets: live %d, replay %d", len(lr.Sheets), len(rr.Sheets))
	}
	for i, s := range lr.Sheets {
		got, want := cells(t, rr.Sheets[i]), cells(t, s)
		if !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("sheet %q differs between replay and live fetch", s.Name)
		}
	}
}
