package snapshot

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"sync"
	"syscall"
	"time"
)

// errNoExchange says that an atomic exchange of two folders is not available.
var errNoExchange = errors.New("atomic exchange not supported")

// Writer records response bodies into a new snapshot beside the folder it
// will replace. It is safe for concurrent use by the fetchers of one run;
// Finish and Abort wait for Records in progress.
type Writer struct {
	dir    string // the snapshot folder (absolute, symlinks resolved)
	parent string
	base   string
	stage  string // the hidden folder being written

	life  sync.RWMutex // held shared by Record, exclusively by Finish and Abort
	state state

	mu    sync.Mutex // guards calls and err
	calls map[string]Call
	err   error // the first failed Record

	// For tests: use the rename fallback; hooks at the points a kill
	// matters.
	noExchange             bool
	beforeSwap, afterAside func()
}

type state int

const (
	writing state = iota
	finished
	aborted
)

// Create starts a new snapshot that will replace dir when Finish succeeds.
// It touches nothing of dir: the new snapshot is written into a hidden
// sibling folder (see the package comment), and dir keeps serving its old
// snapshot, unchanged, until Finish swaps the new one in. dir's parent is
// created if needed. Create refuses a dir that is a file or a folder holding
// other files than a snapshot's, and removes the hidden folders of earlier
// runs that were killed. Call Abort when the run fails (defer w.Abort()).
func Create(dir string) (*Writer, error) {
	w, err := newWriter(dir)
	if err != nil {
		return nil, err
	}
	if err := w.clean(time.Now()); err != nil {
		return nil, err
	}
	var mode fs.FileMode // the old folder's, kept by the new one
	keepMode := false
	if fi, err := os.Stat(w.dir); err == nil {
		if err := replaceable(w.dir, fi); err != nil {
			return nil, err
		}
		mode, keepMode = fi.Mode().Perm(), true
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("snapshot folder %s: %w", dir, plain(err))
	} else if err := os.MkdirAll(w.parent, 0o755); err != nil {
		return nil, fmt.Errorf("create the folder of snapshot %s: %w", dir, plain(err))
	}
	w.stage = filepath.Join(w.parent, tempName(w.base, kindNew, self(), randomSuffix()))
	if err := os.Mkdir(w.stage, 0o755); err != nil {
		return nil, fmt.Errorf("create snapshot %s: cannot make a folder beside it: %w", dir, plain(err))
	}
	if keepMode {
		if err := os.Chmod(w.stage, mode); err != nil {
			os.Remove(w.stage)
			return nil, fmt.Errorf("create snapshot %s: %w", dir, plain(err))
		}
	}
	return w, nil
}

// newWriter resolves dir into the folder to replace and its parent.
func newWriter(dir string) (*Writer, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("snapshot folder %s: %w", dir, err)
	}
	if fi, err := os.Lstat(abs); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		// Replace the folder the link points to, not the link.
		if real, err := filepath.EvalSymlinks(abs); err == nil {
			abs = real
		}
	}
	w := &Writer{dir: abs, parent: filepath.Dir(abs), base: filepath.Base(abs), calls: map[string]Call{}}
	if w.parent == abs {
		return nil, fmt.Errorf("snapshot folder %s: a snapshot cannot be the root folder", dir)
	}
	return w, nil
}

// clean restores a snapshot that a killed swap left aside, and removes the
// hidden folders of runs that ended.
func (w *Writer) clean(now time.Time) error {
	if err := restore(w.dir, now); err != nil {
		return err
	}
	gone, err := findLeftovers(w.parent, w.base, now, false)
	if err != nil {
		return nil // a parent that does not exist yet has none
	}
	for _, l := range gone {
		os.RemoveAll(l.path) // best effort: a leftover does no harm
	}
	return nil
}

// restore moves the previous snapshot back into dir if a killed swap left
// dir missing and it aside.
func restore(dir string, now time.Time) error {
	if _, err := os.Lstat(dir); !errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	gone, err := findLeftovers(filepath.Dir(dir), filepath.Base(dir), now, false)
	if err != nil {
		return nil
	}
	for _, l := range gone {
		if l.kind != kindOld {
			continue
		}
		if _, err := os.Stat(filepath.Join(l.path, ManifestName)); err != nil {
			continue
		}
		if err := os.Rename(l.path, dir); err != nil {
			return fmt.Errorf("snapshot %s: an interrupted refresh left the previous snapshot in %s, and moving it back failed: %w", dir, l.path, plain(err))
		}
		syncDir(filepath.Dir(dir))
		return nil
	}
	return nil
}

// snapshotFile matches the files a snapshot folder may hold besides its
// manifest: bodies, temporary files of careport versions that wrote in
// place, and the files desktops drop into any folder they show.
var snapshotFile = regexp.MustCompile(`^(.+-[0-9a-f]{16}\.json|\..+\.tmp[0-9]*|\.DS_Store|Thumbs\.db|desktop\.ini)$`)

// replaceable refuses a dir that a snapshot may not replace.
func replaceable(dir string, fi fs.FileInfo) error {
	if !fi.IsDir() {
		return fmt.Errorf("snapshot folder %s is a file, not a folder; give careport fetch --out a new or empty folder, or an earlier snapshot's", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("snapshot folder %s: %w", dir, plain(err))
	}
	var foreign []string
	for _, e := range entries {
		if e.Name() == ManifestName || (e.Type().IsRegular() && snapshotFile.MatchString(e.Name())) {
			continue
		}
		foreign = append(foreign, e.Name())
	}
	switch len(foreign) {
	case 0:
		return nil
	case 1:
		return fmt.Errorf("folder %s is not a snapshot: it holds %s; a fetch replaces the whole folder, so give careport fetch --out a new or empty folder", dir, foreign[0])
	default:
		return fmt.Errorf("folder %s is not a snapshot: it holds %s and %d more; a fetch replaces the whole folder, so give careport fetch --out a new or empty folder", dir, foreign[0], len(foreign)-1)
	}
}

// Record stores one response body exactly as received (fetch.Recorder).
// Credentials in params are never written. After Finish or Abort it fails.
func (w *Writer) Record(function string, params url.Values, body []byte) error {
	w.life.RLock()
	defer w.life.RUnlock()
	if w.state != writing {
		return fmt.Errorf("snapshot %s: %s recorded after the snapshot was finished or aborted", w.dir, function)
	}
	p := map[string]string{}
	for k, vs := range cleanParams(params) {
		if len(vs) > 0 {
			p[k] = vs[len(vs)-1]
		}
	}
	name := fileName(function, paramsOf(p))
	if err := writeFile(filepath.Join(w.stage, name), body); err != nil {
		err = fmt.Errorf("snapshot %s: write %s: %w", w.dir, function, plain(err))
		w.mu.Lock()
		if w.err == nil {
			w.err = err
		}
		w.mu.Unlock()
		return err
	}
	sum := sha256.Sum256(body)
	bodySum := hex.EncodeToString(sum[:])
	k := key(function, paramsOf(p))
	w.mu.Lock()
	w.calls[k] = Call{Function: function, Params: p, File: name, SHA256: bodySum, CallSHA256: callSum(k, bodySum), Bytes: len(body)}
	w.mu.Unlock()
	return nil
}

// Finish completes the snapshot and puts it in place of the old one, and
// returns its manifest: m with Format and Calls set and Window and Options'
// "from"/"to" filled from each other. Call it only after every fetch of the
// run succeeded. It writes the manifest last, syncs the new folder, swaps
// it into place in one step where the system allows it (see the package
// comment), syncs the parent and removes the old snapshot (a failure to
// remove it is not reported: the next Create removes it).
//
// Finish fails, leaving the old snapshot as it was, if a Record failed, if
// m's window is not YYYY-MM months in order or disagrees with its options,
// if dir became a file or a folder of other files, or if writing or the swap
// fails; Abort then removes the new folder. A second Finish, or Finish after
// Abort, fails.
func (w *Writer) Finish(m Manifest) (*Manifest, error) {
	w.life.Lock()
	defer w.life.Unlock()
	switch w.state {
	case finished:
		return nil, fmt.Errorf("snapshot %s: already finished", w.dir)
	case aborted:
		return nil, fmt.Errorf("snapshot %s: finished after it was aborted", w.dir)
	}
	if w.err != nil {
		return nil, fmt.Errorf("snapshot %s is incomplete: %w", w.dir, w.err)
	}
	if err := fillWindow(&m); err != nil {
		return nil, fmt.Errorf("snapshot %s: %w", w.dir, err)
	}
	m.Calls = make([]Call, 0, len(w.calls))
	for _, c := range w.calls {
		m.Calls = append(m.Calls, c)
	}
	sort.Slice(m.Calls, func(i, j int) bool { return m.Calls[i].File < m.Calls[j].File })
	m.Format = FormatVersion
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("snapshot %s manifest: %w", w.dir, err)
	}
	if err := writeFile(filepath.Join(w.stage, ManifestName), append(b, '\n')); err != nil {
		return nil, fmt.Errorf("snapshot %s: write manifest: %w", w.dir, plain(err))
	}
	if err := syncDir(w.stage); err != nil {
		return nil, fmt.Errorf("snapshot %s: %w", w.dir, plain(err))
	}
	if err := w.swap(); err != nil {
		return nil, err
	}
	w.state = finished
	return &m, nil
}

// swap puts the finished stage in place of dir and removes the old snapshot.
func (w *Writer) swap() error {
	fi, err := os.Lstat(w.dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("snapshot folder %s: %w", w.dir, plain(err))
	}
	if err == nil {
		if err := replaceable(w.dir, fi); err != nil {
			return err
		}
	}
	if w.beforeSwap != nil {
		w.beforeSwap()
	}
	if err != nil { // no old snapshot
		if err := os.Rename(w.stage, w.dir); err != nil {
			return fmt.Errorf("snapshot %s: put the new snapshot in place: %w", w.dir, plain(err))
		}
		return syncDir(w.parent)
	}
	if !w.noExchange {
		err := exchange(w.stage, w.dir)
		if err == nil {
			// w.stage now holds the old snapshot.
			syncDir(w.parent)
			os.RemoveAll(w.stage)
			return nil
		}
		if !errors.Is(err, errNoExchange) {
			return fmt.Errorf("snapshot %s: swap in the new snapshot: %w", w.dir, plain(err))
		}
	}
	aside := filepath.Join(w.parent, tempName(w.base, kindOld, self(), randomSuffix()))
	if err := os.Rename(w.dir, aside); err != nil {
		return fmt.Errorf("snapshot %s: move the old snapshot aside: %w", w.dir, plain(err))
	}
	if w.afterAside != nil {
		w.afterAside()
	}
	if err := os.Rename(w.stage, w.dir); err != nil {
		if rerr := os.Rename(aside, w.dir); rerr != nil {
			return fmt.Errorf("snapshot %s: put the new snapshot in place: %w; the old one is in %s and could not be moved back (%v)", w.dir, plain(err), aside, plain(rerr))
		}
		return fmt.Errorf("snapshot %s: put the new snapshot in place: %w (the old one is unchanged)", w.dir, plain(err))
	}
	syncDir(w.parent)
	os.RemoveAll(aside)
	return nil
}

// fillWindow checks m's window and makes it and Options' "from"/"to" agree.
func fillWindow(m *Manifest) error {
	from, to := m.Options["from"], m.Options["to"]
	if m.Window == nil && (from != "" || to != "") {
		m.Window = &Window{From: from, To: to}
	}
	if m.Window == nil {
		return nil
	}
	win := *m.Window
	if win == (Window{}) {
		m.Window = nil
		return nil
	}
	if err := win.check(); err != nil {
		return err
	}
	if (from != "" && from != win.From) || (to != "" && to != win.To) {
		return fmt.Errorf("the window %s and the options from=%s to=%s disagree", win, from, to)
	}
	opts := make(map[string]string, len(m.Options)+2)
	for k, v := range m.Options {
		opts[k] = v
	}
	for k, v := range map[string]string{"from": win.From, "to": win.To} {
		if v != "" {
			opts[k] = v
		}
	}
	m.Options, m.Window = opts, &win
	return nil
}

// Abort removes the unfinished snapshot; the old one, if any, stays as it
// was. It is meant for defer: after Finish, or a second time, it does
// nothing and returns nil. Records and Finish after Abort fail.
func (w *Writer) Abort() error {
	w.life.Lock()
	defer w.life.Unlock()
	if w.state != writing {
		return nil
	}
	w.state = aborted
	if err := os.RemoveAll(w.stage); err != nil {
		return fmt.Errorf("snapshot %s: remove the unfinished snapshot %s: %w", w.dir, w.stage, plain(err))
	}
	return nil
}

// writeFile writes data to a temporary file beside path, syncs it and
// renames it over path.
func writeFile(path string, data []byte) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// syncDir makes the renames in a folder durable. File systems that cannot
// sync a folder are not an error.
func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = f.Sync()
	if errors.Is(err, syscall.EINVAL) || errors.Is(err, syscall.ENOTSUP) {
		err = nil
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// plain drops the operation and path from a file system error (the caller
// names the file), leaving words such as "permission denied".
func plain(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
