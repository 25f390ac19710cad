// Package output replaces a run's output files as a whole or not at all.
//
// A run calls Begin with the output folder, writes every output (a workbook
// file, a folder of CSV files) to the paths Set.Path gives, inside a
// staging folder beside the targets, and calls Commit at the end, or Abort
// on failure. Until Commit the previous run's outputs are untouched, so a
// failed, interrupted (SIGINT) or killed (SIGKILL) run leaves them as they
// were; a folder output is swapped in whole, so it never mixes files of two
// runs.
//
// Commit replaces only what an earlier run could have written: a file with
// a file, and a folder with a folder that holds nothing but files of the
// kinds (extensions) the new one holds (and what file browsers leave, such
// as .DS_Store). A folder where a file output goes,
// a file where a folder goes, or a folder holding anything else (a user's
// notes, a subfolder) makes Commit refuse, naming it, before it replaces
// any output of the set.
//
// Commit replaces each output with one rename: rename(2) for a file, and for
// a folder renameat2(RENAME_EXCHANGE) on Linux (elsewhere, or where the file
// system refuses it, the old folder is first renamed aside, then restored
// by the next Begin if the run dies in between). With several outputs, a
// kill during Commit may leave some new and some old, each whole.
//
// Begin also removes what dead runs left behind: staging folders and
// set-aside folders named after a process that no longer runs (a set-aside
// folder is put back if its target is missing), atomicfile temporary files
// of dead processes in the output folder and its subfolders, temporary
// files of older careport versions there (".*.tmp-*" without a process
// ID) older than StaleAge, and excelize's "excelize-*" temporary files in
// os.TempDir() older than StaleAge. Renderers given Set.Dir as their
// temporary folder keep their spill files inside the staging folder, where
// Begin finds them.
package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// StaleAge is how old a temporary file without a process ID must be before
// Begin removes it.
const StaleAge = time.Hour

// Prefixes of Begin's own folders in the output folder; the process ID and
// a random suffix follow.
const (
	stagingPrefix = ".careport-staging-"
	asidePrefix   = ".careport-old-"
)

// Set is one run's outputs being written to a staging folder. It is not
// safe for concurrent use.
type Set struct {
	dir     string
	staging string
	names   []string
	err     error
	closed  bool
}

// Begin starts an output set for the folder dir, creating dir if needed,
// after removing what dead runs left in it (see the package comment).
func Begin(dir string) (*Set, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	if err := Clean(dir); err != nil {
		return nil, err
	}
	staging, err := os.MkdirTemp(dir, stagingPrefix+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		return nil, fmt.Errorf("staging folder: %w", err)
	}
	return &Set{dir: dir, staging: staging}, nil
}

// Dir returns the staging folder: outputs are written below it, and it is
// the place for a renderer's temporary files (excelize's TmpDir).
func (s *Set) Dir() string { return s.staging }

// Target returns where output name will be after Commit.
func (s *Set) Target(name string) string { return filepath.Join(s.dir, name) }

// Path returns the staging path to write output name to: a file or a
// folder, named by one path element ("revenue-2026-10.xlsx", "revenue-2026-10
// csv"). The caller creates it. An invalid or repeated name makes Commit
// fail.
func (s *Set) Path(name string) string {
	if name == "" || name == "." || name == ".." || strings.ContainsAny(name, `/\`) ||
		strings.HasPrefix(name, stagingPrefix) || strings.HasPrefix(name, asidePrefix) {
		s.err = errors.Join(s.err, fmt.Errorf("output name %q: not a plain file name", name))
		return filepath.Join(s.staging, "invalid")
	}
	for _, n := range s.names {
		if strings.EqualFold(n, name) {
			s.err = errors.Join(s.err, fmt.Errorf("output name %q: used twice", name))
		}
	}
	s.names = append(s.names, name)
	return filepath.Join(s.staging, name)
}

// Names returns the output names given to Path, in order.
func (s *Set) Names() []string { return append([]string(nil), s.names...) }

// Commit moves every output into the output folder, replacing the previous
// one of the same name, and removes the staging folder. Every name given
// to Path must have been written. After an error the outputs not yet moved
// are left as they were; call Abort to remove the staging folder.
func (s *Set) Commit() error {
	if s.closed {
		return errors.New("output set already committed or aborted")
	}
	if s.err != nil {
		return s.err
	}
	for _, n := range s.names {
		if _, err := os.Lstat(filepath.Join(s.staging, n)); err != nil {
			return fmt.Errorf("output %q was not written: %w", n, err)
		}
	}
	for _, n := range s.names {
		if err := s.checkTarget(n); err != nil {
			return err
		}
	}
	for _, n := range s.names {
		if err := s.replace(n); err != nil {
			return err
		}
	}
	s.closed = true
	syncDir(s.dir)
	if err := os.RemoveAll(s.staging); err != nil {
		return fmt.Errorf("remove staging folder: %w", err)
	}
	return nil
}

// checkTarget refuses to replace what a run did not write (see the package
// comment) at the target of staged output n.
func (s *Set) checkTarget(n string) error {
	src, dst := filepath.Join(s.staging, n), filepath.Join(s.dir, n)
	di, err := os.Lstat(dst)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("output %s: %w", n, err)
	}
	si, err := os.Lstat(src)
	if err != nil {
		return err
	}
	const advice = "move it away or write the outputs to another folder"
	switch {
	case si.IsDir() && !di.IsDir():
		return fmt.Errorf("%s is a file, not the folder an earlier run wrote; %s", dst, advice)
	case !si.IsDir() && di.IsDir():
		return fmt.Errorf("%s is a folder, not the file an earlier run wrote; %s", dst, advice)
	case !si.IsDir():
		return nil
	}
	written, err := os.ReadDir(src)
	if err != nil {
		return err
	}
	kinds := map[string]bool{}
	for _, e := range written {
		kinds[strings.ToLower(filepath.Ext(e.Name()))] = true
	}
	old, err := os.ReadDir(dst)
	if err != nil {
		return fmt.Errorf("output %s: %w", n, err)
	}
	for _, e := range old {
		name := e.Name()
		if strings.HasPrefix(name, ".") && strings.Contains(name, ".tmp-") {
			continue // a temporary file of a killed run
		}
		if osMetadata(name) {
			continue // left by a file browser that opened the folder
		}
		if !e.Type().IsRegular() || !kinds[strings.ToLower(filepath.Ext(name))] {
			return fmt.Errorf("%s holds %s, which no earlier run wrote there; %s", dst, name, advice)
		}
	}
	return nil
}

// osMetadata reports whether name is a file that macOS Finder or Windows
// Explorer leaves in a folder it showed, which a replaced folder may lose.
func osMetadata(name string) bool {
	switch strings.ToLower(name) {
	case ".ds_store", "thumbs.db", "desktop.ini":
		return true
	}
	return strings.HasPrefix(name, "._")
}

// replace puts staged output n at its target.
func (s *Set) replace(n string) error {
	src, dst := filepath.Join(s.staging, n), filepath.Join(s.dir, n)
	si, err := os.Lstat(src)
	if err != nil {
		return err
	}
	di, err := os.Lstat(dst)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if err := os.Rename(src, dst); err != nil {
			return fmt.Errorf("move %s into place: %w", n, err)
		}
		return nil
	case err != nil:
		return fmt.Errorf("output %s: %w", n, err)
	}
	if !si.IsDir() && !di.IsDir() {
		if err := os.Rename(src, dst); err != nil { // atomic replace
			return fmt.Errorf("replace %s: %w", n, err)
		}
		return nil
	}
	// A folder on either side: exchange them, then remove the old one,
	// which is now at src inside the staging folder.
	if ok, err := exchange(src, dst); err != nil {
		return fmt.Errorf("swap %s: %w", n, err)
	} else if ok {
		return nil
	}
	aside := filepath.Join(s.dir, asidePrefix+strconv.Itoa(os.Getpid())+"-"+n)
	if err := os.Rename(dst, aside); err != nil {
		return fmt.Errorf("set aside previous %s: %w", n, err)
	}
	if err := os.Rename(src, dst); err != nil {
		if rerr := os.Rename(aside, dst); rerr != nil {
			err = errors.Join(err, fmt.Errorf("restore previous %s: %w", n, rerr))
		}
		return fmt.Errorf("move %s into place: %w", n, err)
	}
	if err := os.RemoveAll(aside); err != nil {
		return fmt.Errorf("remove previous %s: %w", n, err)
	}
	return nil
}

// Abort removes the staging folder and everything written to it; the
// previous outputs stay. It does nothing after Commit and may be deferred.
func (s *Set) Abort() error {
	if s.closed {
		return nil
	}
	s.closed = true
	if err := os.RemoveAll(s.staging); err != nil {
		return fmt.Errorf("remove staging folder: %w", err)
	}
	return nil
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync() // best effort: some file systems cannot sync a folder
		_ = d.Close()
	}
}
