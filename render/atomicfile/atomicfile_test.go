package atomicfile

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWrite(t *testing.T) {
	boom := errors.New("boom")
	tests := []struct {
		name    string
		cancel  bool
		fn      func(w io.Writer) error
		wantErr error
	}{
		{"ok", false, func(w io.Writer) error { _, err := io.WriteString(w, "hello"); return err }, nil},
		{"writer fails midway", false, func(w io.Writer) error {
			if _, err := io.WriteString(w, "half"); err != nil {
				return err
			}
			return boom
		}, boom},
		{"context canceled", true, func(w io.Writer) error { _, err := io.WriteString(w, "x"); return err }, context.Canceled},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "out.txt")
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			fn := tc.fn
			if tc.cancel {
				fn = func(w io.Writer) error { err := tc.fn(w); cancel(); return err }
			}
			err := Write(ctx, path, 0o644, fn)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("got error %v, want %v", err, tc.wantErr)
			}
			entries, rerr := os.ReadDir(dir)
			if rerr != nil {
				t.Fatal(rerr)
			}
			if tc.wantErr != nil {
				if len(entries) != 0 {
					t.Errorf("got %d files after a failed write (%s), want none", len(entries), entries[0].Name())
				}
				return
			}
			if len(entries) != 1 || entries[0].Name() != "out.txt" {
				t.Fatalf("got entries %v, want only out.txt", entries)
			}
			b, rerr := os.ReadFile(path)
			if rerr != nil || string(b) != "hello" {
				t.Errorf("got %q, %v; want hello", b, rerr)
			}
		})
	}
}

func TestWriteKeepsOldFileOnFailure(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.txt")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := Write(t.Context(), path, 0o644, func(w io.Writer) error { return errors.New("fail") })
	if err == nil {
		t.Fatal("got nil error, want failure")
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("got %q, want old content kept", b)
	}
}
