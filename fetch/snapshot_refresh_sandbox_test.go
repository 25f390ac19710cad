package fetch_test

import (
	"context"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/fetch/sandbox"
	"github.com/careport/careport/fetch/snapshot"
)

// snapshotFiles lists every file and folder beside and under dir's parent
// with its bytes, so that a leftover or a changed byte shows.
func snapshotFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	root := filepath.Dir(dir)
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if d.IsDir() {
			out[rel+"/"] = ""
			return nil
		}
		b, err := os.ReadFile(p)
		out[rel] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// cancelAfterFirst cancels a run's context once the first body is recorded,
// as an interrupt would.
type cancelAfterFirst struct {
	w      *snapshot.Writer
	cancel context.CancelFunc
}

func (c cancelAfterFirst) Record(fn string, p url.Values, b []byte) error {
	defer c.cancel()
	return c.w.Record(fn, p, b)
}

// TestFailedRefreshKeepsSnapshot refreshes a good snapshot with runs that
// fail in different ways and call Abort, and checks that every byte of the
// old snapshot is still there and nothing else is left.
func TestFailedRefreshKeepsSnapshot(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "snap")
	w, err := snapshot.Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	r := newRig(t, sandbox.Options{}, fetch.Config{Recorder: w})
	live, err := fetchAll(t.Context(), r.client)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Finish(snapshot.Manifest{Timezone: r.client.Location().String()}); err != nil {
		t.Fatal(err)
	}
	before := snapshotFiles(t, dir)

	for _, tc := range []struct {
		name string
		run  func(t *testing.T, w *snapshot.Writer) error
	}{
		{"bad credentials", func(t *testing.T, w *snapshot.Writer) error {
			c, err := fetch.New(fetch.Config{BaseURL: r.url, Recorder: w, Credentials: fetch.Credentials{APIID: "nobody", APIKey: "wrong-key-0000000000"}})
			if err != nil {
				return err
			}
			_, err = fetchAll(t.Context(), c)
			return err
		}},
		{"refused URL", func(t *testing.T, w *snapshot.Writer) error {
			_, err := fetch.New(fetch.Config{BaseURL: "http://example.com/API/", Recorder: w, Credentials: fetch.Credentials{APIID: "id", APIKey: "key"}})
			return err
		}},
		{"interrupt", func(t *testing.T, w *snapshot.Writer) error {
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			c := newRig(t, sandbox.Options{}, fetch.Config{Recorder: cancelAfterFirst{w, cancel}}).client
			_, err := fetchAll(ctx, c)
			return err
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w, err := snapshot.Create(dir)
			if err != nil {
				t.Fatal(err)
			}
			err = tc.run(t, w)
			if aerr := w.Abort(); aerr != nil {
				t.Fatalf("Abort: %v", aerr)
			}
			if err == nil {
				t.Fatal("the run succeeded, want it to fail")
			}
			after := snapshotFiles(t, dir)
			for k, v := range before {
				if after[k] != v {
					t.Errorf("%s changed or gone", k)
				}
			}
			for k := range after {
				if _, ok := before[k]; !ok {
					t.Errorf("%s left behind", k)
				}
			}
			rd, err := snapshot.Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			offline, err := fetch.New(fetch.Config{Source: rd})
			if err != nil {
				t.Fatal(err)
			}
			replayed, err := fetchAll(t.Context(), offline)
			if err != nil {
				t.Fatal(err)
			}
			if replayed != live {
				t.Error("the old snapshot no longer replays the first run")
			}
		})
	}
}
