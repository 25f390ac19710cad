package snapshot

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Reader serves a snapshot's bodies (fetch.Source). It makes no network
// call and is safe for concurrent use.
type Reader struct {
	dir      string
	manifest Manifest
	byKey    map[string]Call
}

// Open reads dir's manifest and checks every call it lists: the file is
// there, named for the call, with the recorded size and sha256, and it is
// the response to that call (Call.CallSHA256). Each error says in plain
// words what is wrong and what to do, and matches ErrNotFound (no folder,
// a file, no manifest), ErrDamaged (a manifest that cannot be read, a
// missing, changed or swapped file) or ErrFormat (a manifest of an older or
// newer careport) with errors.Is. If a refresh was killed between the two
// renames of its fallback swap, Open first moves the previous snapshot back.
func Open(dir string) (*Reader, error) {
	fi, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		if abs, aerr := filepath.Abs(dir); aerr == nil {
			if rerr := restore(abs, time.Now()); rerr != nil {
				return nil, newError(ErrNotFound, rerr, "%v", rerr)
			}
		}
		fi, err = os.Stat(dir)
	}
	if errors.Is(err, fs.ErrNotExist) {
		if abs, aerr := filepath.Abs(dir); aerr == nil {
			live, _ := findLeftovers(filepath.Dir(abs), filepath.Base(abs), time.Now(), true)
			for _, l := range live {
				if l.kind == kindOld {
					return nil, newError(ErrNotFound, err, "no snapshot folder %s right now: a careport fetch is replacing it; try again when it has finished", dir)
				}
			}
		}
		return nil, newError(ErrNotFound, err, "no snapshot folder %s; make one with careport fetch --out %s", dir, dir)
	}
	if err != nil {
		return nil, newError(ErrNotFound, err, "cannot read snapshot folder %s: %v", dir, plain(err))
	}
	if !fi.IsDir() {
		return nil, newError(ErrNotFound, nil, "%s is a file, not a snapshot folder (a snapshot is the folder careport fetch --out wrote)", dir)
	}
	mpath := filepath.Join(dir, ManifestName)
	b, err := os.ReadFile(mpath)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, newError(ErrNotFound, err, "folder %s holds no %s, so it is not a snapshot (or its fetch did not finish); make one with careport fetch --out %s", dir, ManifestName, dir)
	}
	if err != nil {
		return nil, newError(nil, err, "cannot read the manifest of snapshot %s (%s): %v", dir, mpath, plain(err))
	}
	r := &Reader{dir: dir, byKey: map[string]Call{}}
	if err := r.decode(mpath, b); err != nil {
		return nil, err
	}
	for i, c := range r.manifest.Calls {
		if err := r.check(i, c); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// damaged is the error for a manifest that cannot be used.
func (r *Reader) damaged(cause error, format string, args ...any) error {
	return newError(ErrDamaged, cause, "snapshot %s: its manifest %s %s; fetch the snapshot again with careport fetch --out %s",
		r.dir, filepath.Join(r.dir, ManifestName), fmt.Sprintf(format, args...), r.dir)
}

// decode reads the manifest b, checking its format first so that another
// careport's manifest is reported as such rather than as damaged.
func (r *Reader) decode(mpath string, b []byte) error {
	if len(bytes.TrimSpace(b)) == 0 {
		return r.damaged(nil, "is empty")
	}
	var head struct {
		Format *int `json:"format"`
	}
	if err := json.Unmarshal(b, &head); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line, col := position(b, se.Offset)
			if strings.TrimSpace(string(b[se.Offset:])) == "" && se.Offset >= int64(len(bytes.TrimRight(b, " \t\r\n"))) {
				return r.damaged(err, "is damaged: it is cut short (it ends at line %d)", line)
			}
			return r.damaged(err, "is damaged at line %d, column %d and cannot be read", line, col)
		}
		return r.damaged(err, "is damaged: it is not the JSON object careport writes")
	}
	switch {
	case head.Format == nil:
		return r.damaged(nil, "is damaged: it has no format number")
	case *head.Format < FormatVersion:
		return newError(ErrFormat, nil, "snapshot %s was made by an older careport (format %d; this careport reads format %d); fetch again with careport fetch --out %s", r.dir, *head.Format, FormatVersion, r.dir)
	case *head.Format > FormatVersion:
		return newError(ErrFormat, nil, "snapshot %s was made by a newer careport (format %d; this careport reads format %d); use that careport, or fetch again with this one: careport fetch --out %s", r.dir, *head.Format, FormatVersion, r.dir)
	}
	if err := json.Unmarshal(b, &r.manifest); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			line, _ := position(b, te.Offset)
			return r.damaged(err, "is damaged: field %s has a value of the wrong kind (line %d)", te.Field, line)
		}
		return r.damaged(err, "is damaged: a value is not what careport writes")
	}
	if w := r.manifest.Window; w != nil {
		if err := w.check(); err != nil {
			return r.damaged(err, "is damaged: %v", err)
		}
	}
	return nil
}

// position is the 1-based line and column of byte offset off of b.
func position(b []byte, off int64) (line, col int) {
	if off > int64(len(b)) {
		off = int64(len(b))
	}
	if off > 0 {
		off-- // json's offsets are just past the byte at fault
	}
	before := b[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	col = int(off) - bytes.LastIndexByte(before, '\n')
	return line, col
}

// check verifies call i of the manifest and indexes it.
func (r *Reader) check(i int, c Call) error {
	if c.Function == "" {
		return r.damaged(nil, "is damaged: call %d names no function", i+1)
	}
	params := paramsOf(c.Params)
	what := describe(c.Function, params)
	k := key(c.Function, params)
	if _, dup := r.byKey[k]; dup {
		return r.damaged(nil, "lists %s twice", what)
	}
	if c.File == "" || c.File == "." || c.File == ".." || strings.ContainsAny(c.File, `/\`) {
		return r.damaged(nil, "names a file outside the snapshot folder (%q) for %s", c.File, what)
	}
	if c.CallSHA256 == "" {
		return r.damaged(nil, "is damaged: %s has no callSha256", what)
	}
	path := filepath.Join(r.dir, c.File)
	// Hashed as a stream: a snapshot of a large account holds bodies of
	// tens of megabytes, which need not all pass through memory at Open.
	n, bodySum, err := hashFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return newError(ErrDamaged, err, "snapshot %s: file %s (the response to %s) is missing; fetch the snapshot again with careport fetch --out %s", r.dir, c.File, what, r.dir)
	}
	if err != nil {
		return newError(ErrDamaged, err, "snapshot %s: cannot read file %s (the response to %s): %v", r.dir, c.File, what, plain(err))
	}
	if n != int64(c.Bytes) || bodySum != c.SHA256 {
		return newError(ErrDamaged, nil, "snapshot %s: file %s (the response to %s) was changed after the fetch: its contents do not match the manifest; fetch the snapshot again with careport fetch --out %s", r.dir, c.File, what, r.dir)
	}
	if callSum(k, bodySum) != c.CallSHA256 {
		return r.damaged(nil, "lists %s as the response to %s, but the file is not the response to that call (the manifest's entries were swapped or edited)", c.File, what)
	}
	if want := fileName(c.Function, params); c.File != want {
		return r.damaged(nil, "lists %s as the response to %s, whose file is %s (the manifest or the files were renamed)", c.File, what, want)
	}
	r.byKey[k] = c
	return nil
}

// Manifest returns the snapshot's manifest.
func (r *Reader) Manifest() Manifest { return r.manifest }

// Body returns the recorded body of a call (fetch.Source), exactly as it was
// received; params may hold credentials (ignored) in any order. A call the
// snapshot does not hold is a *MissingCallError, which says how to refetch.
// Body checks the file's size, not again its sha256 (Open did).
func (r *Reader) Body(ctx context.Context, function string, params url.Values) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	c, ok := r.byKey[key(function, params)]
	if !ok {
		return nil, &MissingCallError{Dir: r.dir, Function: function, Params: cleanParams(params), Window: r.manifest.Window}
	}
	body, err := os.ReadFile(filepath.Join(r.dir, c.File))
	if err != nil {
		return nil, newError(ErrDamaged, err, "snapshot %s: cannot read file %s (the response to %s): %v; fetch the snapshot again with careport fetch --out %s", r.dir, c.File, describe(function, paramsOf(c.Params)), plain(err), r.dir)
	}
	if len(body) != c.Bytes {
		return nil, newError(ErrDamaged, nil, "snapshot %s: file %s (the response to %s) changed after the snapshot was opened; fetch the snapshot again with careport fetch --out %s", r.dir, c.File, describe(function, paramsOf(c.Params)), r.dir)
	}
	return body, nil
}

// Open returns a recorded body as a stream (fetch.StreamSource), so that a
// large body is decoded as it is read instead of being held whole. The
// stream checks the body's sha256 as it goes and fails at its end if the
// file changed after the snapshot was opened; the Client then refuses the
// whole call.
func (r *Reader) Open(ctx context.Context, function string, params url.Values) (io.ReadCloser, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	c, ok := r.byKey[key(function, params)]
	if !ok {
		return nil, &MissingCallError{Dir: r.dir, Function: function, Params: cleanParams(params), Window: r.manifest.Window}
	}
	fh, err := os.Open(filepath.Join(r.dir, c.File))
	if err != nil {
		return nil, newError(ErrDamaged, err, "snapshot %s: cannot read file %s (the response to %s): %v; fetch the snapshot again with careport fetch --out %s", r.dir, c.File, describe(function, paramsOf(c.Params)), plain(err), r.dir)
	}
	changed := newError(ErrDamaged, nil, "snapshot %s: file %s (the response to %s) changed after the snapshot was opened; fetch the snapshot again with careport fetch --out %s", r.dir, c.File, describe(function, paramsOf(c.Params)), r.dir)
	return &checkedBody{f: fh, h: sha256.New(), want: c.SHA256, size: int64(c.Bytes), changed: changed}, nil
}

// checkedBody reads a snapshot file, hashing what it reads, and turns the
// end of the file into an error when the size or sha256 differ from the
// manifest's.
type checkedBody struct {
	f       *os.File
	h       hash.Hash
	n, size int64
	want    string
	changed error
}

func (b *checkedBody) Read(p []byte) (int, error) {
	n, err := b.f.Read(p)
	b.h.Write(p[:n])
	b.n += int64(n)
	if b.n > b.size {
		return n, b.changed
	}
	if err == io.EOF && (b.n != b.size || hex.EncodeToString(b.h.Sum(nil)) != b.want) {
		return n, b.changed
	}
	return n, err
}

func (b *checkedBody) Close() error { return b.f.Close() }

// hashFile returns the size and hex sha256 of the file at path.
func hashFile(path string) (int64, string, error) {
	fh, err := os.Open(path)
	if err != nil {
		return 0, "", err
	}
	defer fh.Close() // read only
	h := sha256.New()
	n, err := io.Copy(h, fh)
	if err != nil {
		return 0, "", err
	}
	return n, hex.EncodeToString(h.Sum(nil)), nil
}
