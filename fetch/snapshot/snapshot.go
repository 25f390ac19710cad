// Package snapshot stores the raw API responses of one careport fetch in a
// folder, and serves them back so that a report can run with no network call.
//
// # Layout
//
// A snapshot folder holds one file per API call, named for the function and
// a hash of its parameters (Function-<16 hex>.json), containing the response
// body exactly as it was received, and manifest.json, which lists every call
// (function and parameters without credentials), its file, the file's size
// and sha256, and a second sha256 over the call's key and the body's
// sha256 (Call.CallSHA256) that ties each file to the call that produced it: a
// manifest whose entries were swapped or edited is refused by Open even
// though every file is intact.
//
// # Refreshing
//
// Create never touches an existing snapshot. It writes into a new hidden
// sibling folder, .<name>.new-<pid>-<start>-<random>; Finish writes the
// manifest last, syncs, and only then swaps the new folder into place (on
// Linux with one atomic renameat2(RENAME_EXCHANGE); elsewhere, or where the
// file system lacks it, by renaming the old folder aside to
// .<name>.old-<pid>-<start>-<random>, the new one into place, and removing the
// old one). Abort, meant for defer, removes the unfinished folder. So a fetch
// that fails for any reason, or is killed, leaves the old snapshot exactly as
// it was, and a folder without a manifest is never mistaken for a snapshot.
//
// Folders left by killed runs are cleaned up by the next Create: one whose
// owner process (the pid and process start time in its name, read from /proc
// on Linux) no longer runs is removed at once; where the owner cannot be
// checked (no /proc, or a name not in this form) the folder is removed once
// it is more than 24 hours old. If a run was killed between the two renames
// of the fallback, so that the folder is missing and its previous snapshot
// sits in a .old- folder of a dead owner, Create and Open move it back.
//
// Create refuses a path that is a file, and a folder holding anything but a
// snapshot's files (manifest.json, Function-<hash>.json and temporary files of
// earlier careport versions), since a refresh replaces the whole folder.
//
// # Errors
//
// Errors are sentences for the user that name the folder and say what to do,
// usually careport fetch --out DIR. Open's errors match ErrNotFound (no
// snapshot there), ErrDamaged (a manifest or file that does not check) or
// ErrFormat (another careport's format) with errors.Is; Body's error for a
// call the snapshot does not hold is a *MissingCallError.
//
// Writer implements fetch.Recorder and Reader implements fetch.Source.
package snapshot

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"time"
)

// ManifestName is the name of the manifest file inside a snapshot folder.
const ManifestName = "manifest.json"

// FormatVersion is the manifest format written by this package; Open reads
// only this format. Format 2 added Call.CallSHA256 and Manifest.Window.
const FormatVersion = 2

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
	// Options are the fetch options that shaped the calls. The keys "from"
	// and "to" always equal Window's From and To: Finish fills either from
	// the other.
	Options map[string]string `json:"options,omitempty"`
	// Window is the range of months the snapshot was fetched for; nil when
	// the fetch was not limited to months.
	Window *Window `json:"window,omitempty"`
	Calls  []Call  `json:"calls"`
}

// Window is a range of calendar months, both ends included, as "YYYY-MM"
// strings in the account's timezone. An empty From or To leaves that end
// open.
type Window struct {
	From string `json:"from,omitempty"`
	To   string `json:"to,omitempty"`
}

// String shows the window as "2025-01..2025-06" ("..2025-06" with no From).
func (w Window) String() string { return w.From + ".." + w.To }

// check reports a window that is not two YYYY-MM months in order.
func (w Window) check() error {
	for _, m := range []string{w.From, w.To} {
		if m == "" {
			continue
		}
		if t, err := time.Parse("2006-01", m); err != nil || t.Format("2006-01") != m {
			return fmt.Errorf("month %q of the window is not YYYY-MM", m)
		}
	}
	if w.From != "" && w.To != "" && w.To < w.From {
		return fmt.Errorf("the window ends (%s) before it starts (%s)", w.To, w.From)
	}
	return nil
}

// Call is one API call of a snapshot.
type Call struct {
	Function string            `json:"function"`
	Params   map[string]string `json:"params"`
	// File is the body's file name, derived from Function and Params.
	File string `json:"file"`
	// SHA256 is the hex sha256 of the body.
	SHA256 string `json:"sha256"`
	// CallSHA256 is the hex sha256 over the call's key (function and
	// parameters) and the body's sha256, which ties the file to the call.
	CallSHA256 string `json:"callSha256"`
	Bytes      int    `json:"bytes"`
}

// Errors that Open's errors match with errors.Is.
var (
	// ErrNotFound: no snapshot at the path (no folder, a file, or no manifest).
	ErrNotFound = errors.New("no snapshot")
	// ErrDamaged: the manifest cannot be read, or a file does not match it.
	ErrDamaged = errors.New("snapshot damaged")
	// ErrFormat: the manifest is of a format this careport does not read.
	ErrFormat = errors.New("snapshot of another format")
)

// snapError is an error in plain words that still unwraps to its kind (one
// of the Err values) and its cause.
type snapError struct {
	kind, cause error
	msg         string
}

func (e *snapError) Error() string { return e.msg }

func (e *snapError) Unwrap() []error {
	var out []error
	for _, err := range []error{e.kind, e.cause} {
		if err != nil {
			out = append(out, err)
		}
	}
	return out
}

func newError(kind, cause error, format string, args ...any) error {
	return &snapError{kind: kind, cause: cause, msg: fmt.Sprintf(format, args...)}
}

// MissingCallError is Body's error for a call the snapshot does not hold.
type MissingCallError struct {
	Dir      string
	Function string
	Params   url.Values // without credentials
	Window   *Window    // the snapshot's, if any
}

func (e *MissingCallError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "snapshot %s has no response for %s", e.Dir, describe(e.Function, e.Params))
	if from, to, ok := partMonth(e.Params); ok {
		// A call of part of a month (a week's, a day's) is one no fetch
		// makes: snapshots hold whole months of the calls that take dates.
		fmt.Fprintf(&b, ", dates %s to %s, which are not whole months; a snapshot holds these calls month by month, so report whole months from it (--period YYYY-MM, a quarter, a year or --from/--to months), or run without --snapshot", from, to)
		return b.String()
	}
	if hasDates(e.Params) {
		if e.Window != nil {
			fmt.Fprintf(&b, " (it was fetched for the months %s)", e.Window)
		}
		fmt.Fprintf(&b, "; fetch it again for the months you need: careport fetch --from YYYY-MM --to YYYY-MM --out %s", e.Dir)
	} else {
		fmt.Fprintf(&b, "; it was fetched for other calls (by another careport version or for other reports); fetch it again: careport fetch --out %s", e.Dir)
	}
	return b.String()
}

// partMonth reports whether a call's dateFrom and dateTo (both
// YYYY-MM-DD) do not cover whole calendar months, and returns them.
func partMonth(params url.Values) (from, to string, ok bool) {
	from, to = params.Get("dateFrom"), params.Get("dateTo")
	f, err1 := time.Parse(time.DateOnly, from)
	t, err2 := time.Parse(time.DateOnly, to)
	if err1 != nil || err2 != nil {
		return "", "", false
	}
	whole := f.Day() == 1 && t.AddDate(0, 0, 1).Day() == 1
	return from, to, !whole
}

// hasDates reports whether a call has date parameters (dateFrom,
// startDateTo, ... or a YYYY-MM-DD value), which the months of a fetch decide.
func hasDates(params url.Values) bool {
	for k, vs := range params {
		if strings.Contains(strings.ToLower(k), "date") {
			return true
		}
		for _, v := range vs {
			if isoDate.MatchString(v) {
				return true
			}
		}
	}
	return false
}

var isoDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}`)

// describe names a call for a user: "Metric.getAll with ClientID=9".
func describe(function string, params url.Values) string {
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		for _, v := range params[k] {
			parts = append(parts, k+"="+v)
		}
	}
	if len(parts) == 0 {
		return function + " with no parameters"
	}
	return function + " with " + strings.Join(parts, ", ")
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

// paramsOf turns a manifest's parameters back into url.Values.
func paramsOf(m map[string]string) url.Values {
	v := url.Values{}
	for k, s := range m {
		v.Set(k, s)
	}
	return v
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

// callSum is Call.CallSHA256: the sha256 of a line naming the format, the
// length of the call's key, the key, and the hex sha256 of the body, so that
// no two calls and bodies give the same input, and the body is hashed once.
func callSum(k, bodySHA256 string) string {
	sum := sha256.Sum256(fmt.Appendf(nil, "careport snapshot call\n%d\n%s\n%s", len(k), k, bodySHA256))
	return hex.EncodeToString(sum[:])
}
