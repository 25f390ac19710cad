// Package atomicfile writes a file so that it appears at its final path
// complete or not at all: the content goes to a temporary file in the same
// directory, which is synced and then renamed over the final path. On any
// error, or when the context ends first, the temporary file is removed and
// the final path is left untouched.
//
// The temporary file is named ".<name>.tmp-<pid>-<random>", so that a
// later run can tell the leftovers of a killed process (render/output's
// Begin removes them) from a file another live run is writing.
package atomicfile

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
)

// Write creates path with mode perm (before umask) from what fn writes to w.
// fn should stop when ctx ends. The file appears at path only if fn returns
// nil, ctx has not ended and the sync, close and rename succeed.
func Write(ctx context.Context, path string, perm os.FileMode, fn func(w io.Writer) error) (err error) {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-"+strconv.Itoa(os.Getpid())+"-*")
	if err != nil {
		return fmt.Errorf("create temporary file for %s: %w", path, err)
	}
	tmpName := tmp.Name()
	closed := false
	defer func() {
		if err == nil {
			return
		}
		if !closed {
			_ = tmp.Close() // the write already failed; report that error
		}
		if rmErr := os.Remove(tmpName); rmErr != nil && !errors.Is(rmErr, os.ErrNotExist) {
			err = errors.Join(err, fmt.Errorf("remove temporary file: %w", rmErr))
		}
	}()
	if err = fn(tmp); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = ctx.Err(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Chmod(perm); err != nil {
		return fmt.Errorf("chmod %s: %w", tmpName, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", tmpName, err)
	}
	closed = true
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("close %s: %w", tmpName, err)
	}
	if err = os.Rename(tmpName, path); err != nil {
		return fmt.Errorf("rename to %s: %w", path, err)
	}
	// Make the rename durable; a directory that cannot be synced (some
	// file systems) is not an error for the file itself.
	if d, derr := os.Open(dir); derr == nil {
		_ = d.Sync()
		if cerr := d.Close(); cerr != nil {
			return fmt.Errorf("close directory %s: %w", dir, cerr)
		}
	}
	return nil
}
