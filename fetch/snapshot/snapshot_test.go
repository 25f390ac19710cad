package snapshot

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestRoundTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "snap")
	w, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	const key = "SECRET-KEY-0123456789"
	calls := []struct {
		fn     string
		params url.Values
		body   string
	}{
		{"Client.getAll", url.Values{"includeInactive": {"true"}, "APIKey": {key}, "APIID": {"id"}}, `{"status":"success","return":[],"error":0}`},
		{"Invoice.getAll", url.Values{}, "{\"status\":\"success\",\n \"return\":[1]}  "},
		{"Metric.getAll", url.Values{"ClientID": {"7"}}, `{"a":1}`},
		{"Metric.getAll", url.Values{"ClientID": {"8"}}, `{"a":2}`},
	}
	for _, c := range calls {
		if err := w.Record(c.fn, c.params, []byte(c.body)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := Open(dir); err == nil {
		t.Fatal("Open before Finish: got nil error, want 'no manifest'")
	}
	m, err := w.Finish(Manifest{FetchedAt: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), APIHost: "127.0.0.1:1", Timezone: "America/New_York"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(m.Calls), len(calls); got != want {
		t.Fatalf("manifest calls: got %d, want %d", got, want)
	}
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range calls {
		// Credentials and parameter order must not matter for lookup.
		p := url.Values{}
		for k, v := range c.params {
			if k != "APIKey" && k != "APIID" {
				p[k] = v
			}
		}
		got, err := r.Body(t.Context(), c.fn, p)
		if err != nil {
			t.Fatalf("%s: %v", c.fn, err)
		}
		if string(got) != c.body {
			t.Errorf("%s body: got %q, want %q (bytes exactly as recorded)", c.fn, got, c.body)
		}
	}
	if _, err := r.Body(t.Context(), "Metric.getAll", url.Values{"ClientID": {"9"}}); err == nil {
		t.Error("Body of an unrecorded call: got nil error")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		b, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		if bytes.Contains(b, []byte(key)) {
			t.Errorf("%s contains the API key", e.Name())
		}
		if strings.Contains(e.Name(), ".tmp") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

func TestTampered(t *testing.T) {
	dir := t.TempDir()
	w, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	if err := w.Record("Invoice.getAll", nil, []byte(`{"x":1}`)); err != nil {
		t.Fatal(err)
	}
	m, err := w.Finish(Manifest{})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, m.Calls[0].File), []byte(`{"x":2}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir); err == nil || !strings.Contains(err.Error(), "changed after the fetch") {
		t.Errorf("Open of a tampered snapshot: got %v, want a changed file", err)
	}
}
