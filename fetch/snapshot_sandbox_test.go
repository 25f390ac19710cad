package fetch_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/fetch/sandbox"
	"github.com/careport/careport/fetch/sandbox/sandboxtest"
	"github.com/careport/careport/fetch/snapshot"
)

// fetchAll runs a representative set of fetchers and renders the results.
func fetchAll(ctx context.Context, c *fetch.Client) (string, error) {
	var b strings.Builder
	clients, err := c.Clients(ctx, fetch.ClientsOptions{IncludeInactive: true})
	if err != nil {
		return "", err
	}
	fmt.Fprintf(&b, "%+v\n", clients)
	invoices, err := c.Invoices(ctx, fetch.InvoicesOptions{})
	if err != nil {
		return "", err
	}
	fmt.Fprintf(&b, "%+v\n", invoices)
	metrics, err := c.MetricsForClients(ctx, []int{101, 102}, fetch.MetricsOptions{IncludeCompleted: true})
	if err != nil {
		return "", err
	}
	fmt.Fprintf(&b, "%+v\n", metrics)
	stats, err := c.ActivityStats(ctx, fetch.ActivityStatsOptions{Bucket: 'M', From: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		return "", err
	}
	fmt.Fprintf(&b, "%+v\n", *stats)
	return b.String(), nil
}

func TestSnapshotRoundTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "snap")
	w, err := snapshot.Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	r := newRig(t, sandbox.Options{}, fetch.Config{Recorder: w})
	r.srv.InjectNext(sandbox.Fault500) // a retried call is recorded once, from its final attempt
	live, err := fetchAll(t.Context(), r.client)
	if err != nil {
		t.Fatal(err)
	}
	m, err := w.Finish(snapshot.Manifest{Timezone: r.client.Location().String()})
	if err != nil {
		t.Fatal(err)
	}
	if want := 5; len(m.Calls) != want {
		t.Errorf("recorded %d calls, want %d", len(m.Calls), want)
	}
	for _, c := range m.Calls {
		for _, k := range []string{"a", "APIID", "APIKey"} {
			if _, ok := c.Params[k]; ok {
				t.Errorf("%s recorded with %s", c.Function, k)
			}
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), sandboxtest.APIKey) {
			t.Errorf("key written to %s", f)
		}
	}

	rd, err := snapshot.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	offline, err := fetch.New(fetch.Config{Source: rd, BaseURL: "https://unreachable.invalid/API/"})
	if err != nil {
		t.Fatal(err)
	}
	callsBefore := r.srv.Stats().Calls
	replayed, err := fetchAll(t.Context(), offline)
	if err != nil {
		t.Fatal(err)
	}
	if replayed != live {
		t.Errorf("snapshot results differ from the live run:\nlive %s\nsnap %s", live, replayed)
	}
	if got := r.srv.Stats().Calls; got != callsBefore {
		t.Errorf("the snapshot client made %d network calls", got-callsBefore)
	}
	if offline.Location().String() != sandboxtest.Timezone {
		t.Errorf("snapshot location: got %v", offline.Location())
	}
}

type failingRecorder struct{}

func (failingRecorder) Record(string, url.Values, []byte) error { return errors.New("disk full") }

func TestRecorderErrorFailsCall(t *testing.T) {
	r := newRig(t, sandbox.Options{}, fetch.Config{Recorder: failingRecorder{}})
	_, err := r.client.Companies(t.Context(), fetch.CompaniesOptions{})
	if err == nil || !strings.Contains(err.Error(), "disk full") || !strings.Contains(err.Error(), "Company.getAll") {
		t.Fatalf("got %v, want the recorder's error naming the call", err)
	}
}

// bodySource serves fixed bodies, to feed the decoder bodies a live server
// might send but the sandbox does not.
type bodySource map[string]string

func (s bodySource) Body(_ context.Context, function string, _ url.Values) ([]byte, error) {
	b, ok := s[function]
	if !ok {
		return nil, fmt.Errorf("no body for %s", function)
	}
	return []byte(b), nil
}

func TestUnknownTimezoneFallsBackToUTC(t *testing.T) {
	logs := &syncBuffer{}
	c, err := fetch.New(fetch.Config{
		Source: bodySource{"Company.getAll": `{"status":"success","result":"loaded","error":0,"message":"","timezone":"Mars/Olympus_Mons",
			"return":[{"ID":"1","name":"Acme","dateAdded":"2025-01-02 03:04:05","isActive":"1"}]}`},
		Logger: newJSONLogger(logs),
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.Companies(t.Context(), fetch.CompaniesOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if c.Location() != time.UTC || len(got) != 1 || !got[0].DateAdded.Equal(time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)) || !got[0].IsActive {
		t.Errorf("got %v, %+v", c.Location(), got)
	}
	if !strings.Contains(logs.String(), `"level":"WARN"`) || !strings.Contains(logs.String(), "Mars/Olympus_Mons") {
		t.Errorf("no warning naming the zone: %s", logs.String())
	}
}
