package snapshot

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestOpenStreams checks that Reader.Open serves a body as a stream equal
// to Body's, and that a file changed after the snapshot was opened (same
// size, other bytes) fails at the end of its stream.
func TestOpenStreams(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "snap")
	writeSnapshot(t, dir, oldCalls)
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	c := oldCalls[1]
	rc, err := r.Open(t.Context(), c.fn, c.params)
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(rc)
	rc.Close()
	if err != nil || string(got) != c.body {
		t.Fatalf("stream: got %q, %v; want %q", got, err, c.body)
	}
	var file string
	for _, mc := range r.Manifest().Calls {
		if mc.Function == c.fn {
			file = mc.File
		}
	}
	changed := []byte(c.body)
	changed[len(changed)-3] = '9'
	if err := os.WriteFile(filepath.Join(dir, file), changed, 0o644); err != nil {
		t.Fatal(err)
	}
	rc, err = r.Open(t.Context(), c.fn, c.params)
	if err != nil {
		t.Fatal(err)
	}
	_, err = io.ReadAll(rc)
	rc.Close()
	if !errors.Is(err, ErrDamaged) {
		t.Errorf("changed file: got %v, want ErrDamaged", err)
	}
}
