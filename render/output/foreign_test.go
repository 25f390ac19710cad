package output

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestCommitKeepsForeignFiles checks that Commit never replaces what a run
// did not write: a folder where a file output goes, a file where a folder
// output goes, or a folder output holding a file of another kind or a
// subfolder (a user's notes). It refuses, naming it, and replaces nothing,
// not even the other outputs of the set. Before, each was deleted with exit 0.
func TestCommitKeepsForeignFiles(t *testing.T) {
	tests := []struct {
		name    string
		prepare func(t *testing.T, dir string)
		wantErr string
	}{
		{"folder where a file goes", func(t *testing.T, dir string) {
			if err := os.Remove(filepath.Join(dir, "r.xlsx")); err != nil {
				t.Fatal(err)
			}
			writeFiles(t, filepath.Join(dir, "r.xlsx"), map[string]string{"thesis.docx": "mine"})
		}, "r.xlsx is a folder"},
		{"file where a folder goes", func(t *testing.T, dir string) {
			if err := os.RemoveAll(filepath.Join(dir, "r csv")); err != nil {
				t.Fatal(err)
			}
			writeFiles(t, dir, map[string]string{"r csv": "my notes"})
		}, "r csv is a file"},
		{"another kind of file in the folder", func(t *testing.T, dir string) {
			writeFiles(t, filepath.Join(dir, "r csv"), map[string]string{"thesis.docx": "mine"})
		}, "thesis.docx"},
		{"a subfolder in the folder", func(t *testing.T, dir string) {
			writeFiles(t, filepath.Join(dir, "r csv", "mine"), map[string]string{"x.csv": "mine"})
		}, "mine"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			previousRun(t, dir)
			tc.prepare(t, dir)
			want := listTree(t, dir)
			s, err := Begin(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Abort()
			if err := os.WriteFile(s.Path("r.xlsx"), []byte("new book"), 0o644); err != nil {
				t.Fatal(err)
			}
			writeFiles(t, s.Path("r csv"), map[string]string{"a.csv": "new a"})
			err = s.Commit()
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("commit: got %v, want an error naming %q", err, tc.wantErr)
			}
			if err := s.Abort(); err != nil {
				t.Fatal(err)
			}
			if got := listTree(t, dir); !slices.Equal(got, want) {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
}

// TestCommitIgnoresBrowserLeftovers checks that a CSV folder a file browser
// opened (.DS_Store, Thumbs.db) is still replaced.
func TestCommitIgnoresBrowserLeftovers(t *testing.T) {
	dir := t.TempDir()
	previousRun(t, dir)
	writeFiles(t, filepath.Join(dir, "r csv"), map[string]string{".DS_Store": "x", "Thumbs.db": "y", "._a.csv": "z"})
	s, err := Begin(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	writeFiles(t, s.Path("r csv"), map[string]string{"a.csv": "new a"})
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if got, want := listTree(t, dir), []string{"r csv/", "r csv/a.csv=new a", "r.xlsx=old book"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
