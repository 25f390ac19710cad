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

// Clean removes what dead runs left in the output folder dir and excelize's
// stale temporary files (see the package comment). Begin calls it; it is
// exported for commands that only want to tidy up.
func Clean(dir string) error {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("clean output folder: %w", err)
	}
	var errs []error
	now := time.Now()
	for _, e := range ents {
		name := e.Name()
		path := filepath.Join(dir, name)
		switch {
		case strings.HasPrefix(name, stagingPrefix):
			if pid, ok := leadingPID(strings.TrimPrefix(name, stagingPrefix)); ok && !alive(pid) {
				errs = append(errs, os.RemoveAll(path))
			}
		case strings.HasPrefix(name, asidePrefix):
			rest := strings.TrimPrefix(name, asidePrefix)
			pid, ok := leadingPID(rest)
			if !ok || alive(pid) {
				continue
			}
			target := filepath.Join(dir, rest[strings.IndexByte(rest, '-')+1:])
			if _, err := os.Lstat(target); errors.Is(err, os.ErrNotExist) {
				errs = append(errs, os.Rename(path, target)) // the run died mid-swap
			} else {
				errs = append(errs, os.RemoveAll(path))
			}
		case e.IsDir():
			errs = append(errs, cleanTemps(path, now))
		default:
			errs = append(errs, cleanTemp(path, name, now))
		}
	}
	errs = append(errs, cleanExcelize(os.TempDir(), now))
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("clean output folder: %w", err)
	}
	return nil
}

// cleanTemps removes stale temporary files directly in dir.
func cleanTemps(dir string, now time.Time) error {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil // not ours to worry about
	}
	var errs []error
	for _, e := range ents {
		if !e.IsDir() {
			errs = append(errs, cleanTemp(filepath.Join(dir, e.Name()), e.Name(), now))
		}
	}
	return errors.Join(errs...)
}

// cleanTemp removes path if it is an atomicfile temporary file
// (".<name>.tmp-<pid>-<random>") of a dead process, or one of an older
// version (".<name>.tmp-<random>") older than StaleAge.
func cleanTemp(path, name string, now time.Time) error {
	if !strings.HasPrefix(name, ".") {
		return nil
	}
	i := strings.LastIndex(name, ".tmp-")
	if i < 1 {
		return nil
	}
	rest := name[i+len(".tmp-"):]
	if pid, ok := leadingPID(rest); ok && strings.Contains(rest, "-") {
		if alive(pid) {
			return nil
		}
	} else if !olderThan(path, now, StaleAge) {
		return nil
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

// cleanExcelize removes excelize's temporary files ("excelize-*", files
// only) in tmp not modified for StaleAge: a live run touches its spill
// files as it writes.
func cleanExcelize(tmp string, now time.Time) error {
	matches, err := filepath.Glob(filepath.Join(tmp, "excelize-*"))
	if err != nil {
		return nil
	}
	var errs []error
	for _, m := range matches {
		fi, err := os.Lstat(m)
		if err != nil || !fi.Mode().IsRegular() || now.Sub(fi.ModTime()) < StaleAge {
			continue
		}
		if err := os.Remove(m); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func olderThan(path string, now time.Time, age time.Duration) bool {
	fi, err := os.Lstat(path)
	return err == nil && now.Sub(fi.ModTime()) >= age
}

// leadingPID parses the decimal process ID that s starts with, up to a "-".
func leadingPID(s string) (int, bool) {
	d, _, _ := strings.Cut(s, "-")
	pid, err := strconv.Atoi(d)
	return pid, err == nil && pid > 0
}
