package dataset_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/fetch/dataset"
	"github.com/careport/careport/fetch/sandbox"
	"github.com/careport/careport/fetch/sandbox/sandboxtest"
	"github.com/careport/careport/fetch/snapshot"
)

func newClient(t testing.TB, url string, cfg fetch.Config) *fetch.Client {
	t.Helper()
	cfg.BaseURL = url
	cfg.Credentials = fetch.Credentials{APIID: sandboxtest.APIID, APIKey: sandboxtest.APIKey}
	c, err := fetch.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// everything is every parameterless kind plus one parameterised call of
// each kind.
func everything(loc *time.Location) []dataset.Need {
	from := time.Date(2025, 5, 1, 0, 0, 0, 0, loc)
	to := time.Date(2025, 5, 31, 0, 0, 0, 0, loc)
	return append(dataset.Of(dataset.Kinds...),
		dataset.NeedActivityStats(fetch.ActivityStatsOptions{From: from, To: to, Bucket: 'M', ItemTypes: "P"}),
		dataset.NeedDataFetch(fetch.DataFetchOptions{FieldName: "Weight", From: from, To: to}))
}

// TestLoadOnce loads every kind twice over, from two Loads with repeated
// needs, and checks the sandbox saw each call once.
func TestLoadOnce(t *testing.T) {
	srv, url := sandboxtest.Start(t, sandbox.Options{Now: sandboxtest.Now})
	c := newClient(t, url, fetch.Config{})
	ds, err := dataset.New(c, dataset.Options{FetchedAt: sandboxtest.Now()})
	if err != nil {
		t.Fatal(err)
	}
	loc := sandboxtest.Now().Location()
	needs := everything(loc)
	if err := ds.Load(t.Context(), append(needs, needs...)); err != nil {
		t.Fatal(err)
	}
	first := srv.Stats()
	if err := ds.Load(t.Context(), needs); err != nil {
		t.Fatal(err)
	}
	if got := srv.Stats().Calls; got != first.Calls {
		t.Errorf("the second Load made %d calls, want 0", got-first.Calls)
	}
	for fn, n := range first.ByFunction {
		switch fn {
		case "Action.getAll", "Metric.getAll": // one per client
			continue
		}
		if n != 1 {
			t.Errorf("%s called %d times, want 1", fn, n)
		}
	}
	cl, err := ds.Clients()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := first.ByFunction["Action.getAll"], int64(len(cl)); got != want {
		t.Errorf("Action.getAll called %d times for %d clients", got, want)
	}
	if got := ds.Location().String(); got != sandboxtest.Timezone {
		t.Errorf("location: got %s, want %s", got, sandboxtest.Timezone)
	}
	if !ds.FetchedAt().Equal(sandboxtest.Now()) {
		t.Errorf("fetched at: got %v", ds.FetchedAt())
	}
	inv, err := ds.Invoices()
	if err != nil || len(inv) == 0 {
		t.Errorf("invoices: %d, %v", len(inv), err)
	}
	if _, err := ds.ActivityStats(needs[len(needs)-2].ActivityStats); err != nil {
		t.Errorf("activity stats: %v", err)
	}
}

// TestNotLoaded checks that reading data nobody asked for is an error, not
// an empty list.
func TestNotLoaded(t *testing.T) {
	_, url := sandboxtest.Start(t, sandbox.Options{Now: sandboxtest.Now})
	ds, err := dataset.New(newClient(t, url, fetch.Config{}), dataset.Options{FetchedAt: sandboxtest.Now()})
	if err != nil {
		t.Fatal(err)
	}
	if err := ds.Load(t.Context(), dataset.Of(dataset.Coaches)); err != nil {
		t.Fatal(err)
	}
	if _, err := ds.Invoices(); !errors.Is(err, dataset.ErrNotLoaded) {
		t.Errorf("Invoices before loading: got %v, want ErrNotLoaded", err)
	}
	other := fetch.ActivityStatsOptions{Bucket: 'W'}
	if _, err := ds.ActivityStats(other); !errors.Is(err, dataset.ErrNotLoaded) {
		t.Errorf("activity stats with other parameters: got %v, want ErrNotLoaded", err)
	}
	if err := ds.Load(t.Context(), []dataset.Need{{Kind: "bogus"}}); !errors.Is(err, dataset.ErrUnknownKind) {
		t.Errorf("unknown kind: got %v", err)
	}
}

// TestLoadOverlaps checks that independent calls are in flight together,
// bounded by the client's concurrency.
func TestLoadOverlaps(t *testing.T) {
	srv, url := sandboxtest.Start(t, sandbox.Options{Now: sandboxtest.Now, Latency: 50 * time.Millisecond})
	c := newClient(t, url, fetch.Config{Concurrency: 3})
	ds, err := dataset.New(c, dataset.Options{FetchedAt: sandboxtest.Now()})
	if err != nil {
		t.Fatal(err)
	}
	if err := ds.Load(t.Context(), dataset.Of(dataset.Clients, dataset.Coaches, dataset.Companies, dataset.Invoices, dataset.Payments, dataset.Engagements)); err != nil {
		t.Fatal(err)
	}
	if got := srv.Stats().MaxInFlight; got != 3 {
		t.Errorf("most calls in flight: got %d, want 3 (the concurrency)", got)
	}
}

// TestLoadError checks that a failing call fails the Load with the kind
// named, and that a cancelled context stops it.
func TestLoadError(t *testing.T) {
	_, url := sandboxtest.Start(t, sandbox.Options{Now: sandboxtest.Now, Latency: 200 * time.Millisecond})
	bad, err := fetch.New(fetch.Config{BaseURL: url, Credentials: fetch.Credentials{APIID: sandboxtest.APIID, APIKey: "wrong"}})
	if err != nil {
		t.Fatal(err)
	}
	ds, _ := dataset.New(bad, dataset.Options{FetchedAt: sandboxtest.Now()})
	err = ds.Load(t.Context(), dataset.Of(dataset.Invoices))
	var ae *fetch.APIError
	if !errors.As(err, &ae) || !errors.Is(err, fetch.ErrCredentials) {
		t.Errorf("wrong key: got %v, want a credentials APIError", err)
	}
	ds2, _ := dataset.New(newClient(t, url, fetch.Config{}), dataset.Options{FetchedAt: sandboxtest.Now()})
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	start := time.Now()
	if err := ds2.Load(ctx, dataset.Of(dataset.Invoices, dataset.Clients)); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("cancelled load: got %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("cancelled load took %v", d)
	}
	// A need cut short by a cancel is fetched by a later Load.
	if err := ds2.Load(t.Context(), dataset.Of(dataset.Invoices)); err != nil {
		t.Errorf("reload after cancel: %v", err)
	}
}

// TestSnapshotServesEveryKind records a Load of every kind into a snapshot
// and replays it with no network: the same records come back, and a call
// the snapshot lacks is an error that names it.
func TestSnapshotServesEveryKind(t *testing.T) {
	srv, url := sandboxtest.Start(t, sandbox.Options{Now: sandboxtest.Now})
	dir := t.TempDir() + "/snap"
	w, err := snapshot.Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	live, _ := dataset.New(newClient(t, url, fetch.Config{Recorder: w}), dataset.Options{FetchedAt: sandboxtest.Now()})
	loc := sandboxtest.Now().Location()
	if err := live.Load(t.Context(), everything(loc)); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Finish(snapshot.Manifest{FetchedAt: sandboxtest.Now(), Timezone: loc.String()}); err != nil {
		t.Fatal(err)
	}
	r, err := snapshot.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	c, err := fetch.New(fetch.Config{Source: r})
	if err != nil {
		t.Fatal(err)
	}
	calls := srv.Stats().Calls
	off, _ := dataset.New(c, dataset.Options{FetchedAt: r.Manifest().FetchedAt, Location: loc})
	if err := off.Load(t.Context(), everything(loc)); err != nil {
		t.Fatalf("replay: %v", err)
	}
	if got := srv.Stats().Calls; got != calls {
		t.Errorf("the replay made %d API calls", got-calls)
	}
	a, _ := live.Metrics()
	b, _ := off.Metrics()
	if len(a) == 0 || len(a) != len(b) {
		t.Errorf("metrics: live %d, replay %d", len(a), len(b))
	}
	missing := dataset.NeedActivityStats(fetch.ActivityStatsOptions{Bucket: 'Y'})
	err = off.Load(t.Context(), []dataset.Need{missing})
	if err == nil {
		t.Fatal("a call the snapshot lacks was served")
	}
	t.Logf("missing call: %v", err)
}

// TestPerClientShared checks that the per-client needs fetch only the
// clients asked for, that the whole list then fetches only the rest, and
// that a client's actions read the same either way.
func TestPerClientShared(t *testing.T) {
	srv, url := sandboxtest.Start(t, sandbox.Options{Now: sandboxtest.Now})
	ds, err := dataset.New(newClient(t, url, fetch.Config{Concurrency: 2}), dataset.Options{FetchedAt: sandboxtest.Now()})
	if err != nil {
		t.Fatal(err)
	}
	some := []int{102, 101}
	if err := ds.Load(t.Context(), append(dataset.NeedActionsOf(some...), dataset.NeedMetricsOf(101)...)); err != nil {
		t.Fatal(err)
	}
	st := srv.Stats()
	if st.ByFunction["Action.getAll"] != 2 || st.ByFunction["Metric.getAll"] != 1 || st.ByFunction["Client.getAll"] != 0 {
		t.Errorf("per-client needs made calls %v, want 2 Action.getAll and 1 Metric.getAll only", st.ByFunction)
	}
	acts, err := ds.ActionsOf(some)
	if err != nil {
		t.Fatal(err)
	}
	fx := sandboxtest.Fixture()
	// The data layer asks for the clients' own actions (forWho L), not
	// the coach's to-dos about them.
	want, forClients := 0, 0
	for _, a := range fx.Actions {
		if a.ForWho == "C" {
			continue
		}
		forClients++
		if a.ClientID == 101 || a.ClientID == 102 {
			want++
		}
	}
	if len(acts) != want || want == 0 {
		t.Errorf("actions of 101 and 102: got %d, want %d", len(acts), want)
	}
	for i := 1; i < len(acts); i++ {
		if acts[i-1].ClientID > acts[i].ClientID {
			t.Errorf("actions not in client order: %d before %d", acts[i-1].ClientID, acts[i].ClientID)
		}
	}
	if _, err := ds.ActionsOf([]int{101, 106}); !errors.Is(err, dataset.ErrNotLoaded) {
		t.Errorf("actions of a client not loaded: got %v, want ErrNotLoaded", err)
	}
	if _, err := ds.MetricsOf([]int{102}); !errors.Is(err, dataset.ErrNotLoaded) {
		t.Errorf("metrics of a client not loaded: got %v, want ErrNotLoaded", err)
	}
	if err := ds.Load(t.Context(), dataset.Of(dataset.Actions)); err != nil {
		t.Fatal(err)
	}
	all, err := ds.Actions()
	if err != nil {
		t.Fatal(err)
	}
	if got := srv.Stats().ByFunction["Action.getAll"]; got != int64(len(fx.Clients)) {
		t.Errorf("after the whole list: %d Action.getAll calls for %d clients, want one each", got, len(fx.Clients))
	}
	if len(all) != forClients {
		t.Errorf("whole list: %d actions, want %d", len(all), forClients)
	}
}
