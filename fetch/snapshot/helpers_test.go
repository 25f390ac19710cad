package snapshot

import (
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// testCall is one call recorded by the tests.
type testCall struct {
	fn     string
	params url.Values
	body   string
}

// oldCalls and newCalls are the contents of a first snapshot and of the
// refresh that replaces it.
var (
	oldCalls = []testCall{
		{"Client.getAll", url.Values{"includeInactive": {"true"}}, `{"status":"success","return":["old client"],"error":0}`},
		{"Invoice.getAll", url.Values{}, `{"status":"success","return":["old invoice"],"error":0}`},
	}
	newCalls = []testCall{
		{"Client.getAll", url.Values{"includeInactive": {"true"}}, `{"status":"success","return":["new client"],"error":0}`},
		{"Coach.getAll", url.Values{}, `{"status":"success","return":["new coach"],"error":0}`},
	}
)

// writeSnapshot records calls into a finished snapshot at dir.
func writeSnapshot(t testing.TB, dir string, calls []testCall) *Manifest {
	t.Helper()
	w, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	for _, c := range calls {
		if err := w.Record(c.fn, c.params, []byte(c.body)); err != nil {
			t.Fatal(err)
		}
	}
	m, err := w.Finish(Manifest{FetchedAt: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), APIHost: "127.0.0.1:1", Timezone: "America/New_York"})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// tree lists every file and folder under dir, hidden ones included, with
// each file's bytes and mode.
func tree(t testing.TB, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		fi, err := d.Info()
		if err != nil {
			return err
		}
		if d.IsDir() {
			out[rel+"/"] = fi.Mode().String()
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out[rel] = fi.Mode().String() + " " + string(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// sameTree fails the test unless got and want list the same files with the
// same bytes.
func sameTree(t testing.TB, what string, got, want map[string]string) {
	t.Helper()
	for k, w := range want {
		g, ok := got[k]
		switch {
		case !ok:
			t.Errorf("%s: %s is gone", what, k)
		case g != w:
			t.Errorf("%s: %s changed: got %.80q, want %.80q", what, k, g, w)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%s: unexpected %s", what, k)
		}
	}
}

// leftovers lists the folders beside dir that a writer for dir made.
func leftovers(t testing.TB, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(dir))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "."+filepath.Base(dir)+".") {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out
}

// checkBodies fails unless the snapshot at dir serves exactly calls.
func checkBodies(t *testing.T, dir string, calls []testCall) {
	t.Helper()
	r, err := Open(dir)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	if got, want := len(r.Manifest().Calls), len(calls); got != want {
		t.Errorf("manifest calls: got %d, want %d", got, want)
	}
	for _, c := range calls {
		got, err := r.Body(t.Context(), c.fn, c.params)
		if err != nil {
			t.Errorf("Body %s: %v", c.fn, err)
			continue
		}
		if string(got) != c.body {
			t.Errorf("Body %s: got %q, want %q", c.fn, got, c.body)
		}
	}
}
