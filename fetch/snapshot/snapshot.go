// Package snapshot stores the raw API responses of one careport fetch in a
// folder, and serves them back so that a report can run with no network call.
//
// A snapshot folder holds one file per API call, named for the function and
// a hash of its parameters, containing the response body exactly as it was
// received, and manifest.json, written last, which lists every call (function
// and parameters without credentials), its file and the file's sha256. A
// folder without a manifest is not a snapshot: a fetch that fails leaves none,
// so half a snapshot can never be mistaken for a whole one.
//
// Writer implements fetch.Recorder and Reader implements fetch.Source.
package snapshot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

// ManifestName is the name of the manifest file inside a snapshot folder.
const ManifestName = "manifest.json"

// FormatVersion is the manifest format written by this package.
const FormatVersion = 1

// Manifest describes a snapshot.
type Manifest struct {
	Format    int       `json:"format"`
	FetchedAt time.Time `json:"fetchedAt"`
	// APIHost is the host of the API the responses came from (no path, no credentials).
	APIHost string `json:"apiHost"`
	// Timezone is the account timezone the envelopes named.
	Timezone string `json:"timezone"`
	// Tool is the careport version that fetched it.
	Tool string `json:"tool,omitempty"`
	// Options are the fetch options that shaped the calls (e.g. from/to).
	Options map[string]string `json:"options,omitempty"`
	Calls   []Call            `json:"calls"`
}

// Call is one API call of a snapshot.
type Call struct {
	Function string            `json:"function"`
	Params   map[string]string `json:"params"`
	File     string            `json:"file"`
	SHA256   string            `json:"sha256"`
	Bytes    int               `json:"bytes"`
}

// credentialFields are never recorded, whatever a caller passes.
var credentialFields = []string{"a", "APIID", "APIKey"}

func cleanParams(params url.Values) url.Values {
	out := url.Values{}
	for k, vs := range params {
		out[k] = append([]string(nil), vs...)
	}
	for _, k := range credentialFields {
		out.Del(k)
	}
	return out
}

// key identifies a call: its function and its parameters in canonical order.
func key(function string, params url.Values) string {
	return function + "?" + cleanParams(params).Encode()
}

// fileName is the stable file name of a call.
func fileName(function string, params url.Values) string {
	sum := sha256.Sum256([]byte(key(function, params)))
	return function + "-" + hex.EncodeToString(sum[:])[:16] + ".json"
}

// Writer records response bodies into a snapshot folder. It is safe for
// concurrent use by the fetchers of one run.
type Writer struct {
	dir   string
	mu    sync.Mutex
	calls map[string]Call
}

// Create prepares dir for a new snapshot, creating it if needed. If dir
// already holds a snapshot its manifest is removed first, so the folder is
// not a valid snapshot again until Finish succeeds.
func Create(dir string) (*Writer, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create snapshot: %w", err)
	}
	if err := os.Remove(filepath.Join(dir, ManifestName)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("create snapshot: remove old manifest: %w", err)
	}
	return &Writer{dir: dir, calls: map[string]Call{}}, nil
}

// Record stores one response body exactly as received (fetch.Recorder).
// Credentials in params are never written.
func (w *Writer) Record(function string, params url.Values, body []byte) error {
	name := fileName(function, params)
	if err := writeFileAtomic(filepath.Join(w.dir, name), body); err != nil {
		return fmt.Errorf("snapshot %s: %w", function, err)
	}
	sum := sha256.Sum256(body)
	p := map[string]string{}
	for k, vs := range cleanParams(params) {
		if len(vs) > 0 {
			p[k] = vs[len(vs)-1]
		}
	}
	w.mu.Lock()
	w.calls[key(function, params)] = Call{Function: function, Params: p, File: name, SHA256: hex.EncodeToString(sum[:]), Bytes: len(body)}
	w.mu.Unlock()
	return nil
}

// Finish writes the manifest (atomically, last) and returns it. Call it only
// after every fetch of the run succeeded.
func (w *Writer) Finish(m Manifest) (*Manifest, error) {
	w.mu.Lock()
	m.Calls = make([]Call, 0, len(w.calls))
	for _, c := range w.calls {
		m.Calls = append(m.Calls, c)
	}
	w.mu.Unlock()
	sort.Slice(m.Calls, func(i, j int) bool { return m.Calls[i].File < m.Calls[j].File })
	m.Format = FormatVersion
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("snapshot manifest: %w", err)
	}
	if err := writeFileAtomic(filepath.Join(w.dir, ManifestName), append(b, '\n')); err != nil {
		return nil, fmt.Errorf("snapshot manifest: %w", err)
	}
	return &m, nil
}

// Reader serves a snapshot's bodies (fetch.Source). It makes no network call.
type Reader struct {
	dir      string
	manifest Manifest
	byKey    map[string]Call
}

// Open reads dir's manifest and checks that every file it lists is present
// with the recorded sha256.
func Open(dir string) (*Reader, error) {
	b, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("open snapshot %s: no %s (not a snapshot, or its fetch did not finish)", dir, ManifestName)
	}
	if err != nil {
		return nil, fmt.Errorf("open snapshot: %w", err)
	}
	r := &Reader{dir: dir, byKey: map[string]Call{}}
	if err := json.Unmarshal(b, &r.manifest); err != nil {
		return nil, fmt.Errorf("open snapshot %s: manifest: %w", dir, err)
	}
	if r.manifest.Format != FormatVersion {
		return nil, fmt.Errorf("open snapshot %s: manifest format %d, want %d", dir, r.manifest.Format, FormatVersion)
	}
	for _, c := range r.manifest.Calls {
		if strings.ContainsAny(c.File, `/\`) || c.File == ".." {
			return nil, fmt.Errorf("open snapshot %s: bad file name %q in manifest", dir, c.File)
		}
		body, err := os.ReadFile(filepath.Join(dir, c.File))
		if err != nil {
			return nil, fmt.Errorf("open snapshot %s: %w", dir, err)
		}
		sum := sha256.Sum256(body)
		if hex.EncodeToString(sum[:]) != c.SHA256 {
			return nil, fmt.Errorf("open snapshot %s: %s does not match its sha256 in the manifest (file changed after the fetch)", dir, c.File)
		}
		v := url.Values{}
		for k, s := range c.Params {
			v.Set(k, s)
		}
		r.byKey[key(c.Function, v)] = c
	}
	return r, nil
}

// Manifest returns the snapshot's manifest.
func (r *Reader) Manifest() Manifest { return r.manifest }

// Body returns the recorded body of a call (fetch.Source). A call the
// snapshot does not hold is an error that says how to get it.
func (r *Reader) Body(ctx context.Context, function string, params url.Values) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	c, ok := r.byKey[key(function, params)]
	if !ok {
		return nil, fmt.Errorf("snapshot %s holds no response for %s with parameters %q; fetch a new snapshot with this careport version (careport fetch --out DIR)", r.dir, function, cleanParams(params).Encode())
	}
	return os.ReadFile(filepath.Join(r.dir, c.File))
}

// writeFileAtomic writes data to a temporary file beside path, syncs it and
// renames it over path.
func writeFileAtomic(path string, data []byte) (err error) {
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
