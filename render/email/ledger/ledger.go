// Package ledger records which report mails were sent, so that a rerun of
// a job for the same period sends nothing twice, and two schedulers
// running the same jobs at once cannot both send.
//
// The ledger is the file careport-ledger.json in the output folder: JSON,
// indented, its entries sorted by job, period, delivery and recipient, with
// a version field. An entry is keyed by (job, period, delivery, recipient):
// the job's name, the period's label ("2026-10"), which message of the job
// ("team", "coach-3", "manager") and the recipient's lower-cased address.
// Each Record rewrites the whole file atomically before it returns, so a
// crash right after a send keeps the record of it. A file that cannot be
// read as a ledger is an error, never silently reset: resetting would send
// everything again.
//
// While a Ledger is open it holds an exclusive flock(2) on
// .careport-ledger.lock in the same folder; the lock file holds the
// holder's process ID. The lock is advisory and per open file, so a second
// Open fails even in the same process, and it is released by the kernel
// when the holder dies, so a killed run leaves nothing to clean up.
package ledger

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/sys/unix"

	"github.com/careport/careport/render/atomicfile"
)

// FileName and LockName are the ledger's file and its lock file, in the
// folder given to Open.
const (
	FileName = "careport-ledger.json"
	LockName = ".careport-ledger.lock"
)

// version is the file format's version; Open refuses any other.
const version = 1

// ErrLocked is wrapped by Open's error when another Ledger (in this or
// another process) holds the folder's lock.
var ErrLocked = errors.New("ledger is locked by another run")

// ErrCorrupt is wrapped by Open's error when the ledger file exists but is
// not a ledger this version can read.
var ErrCorrupt = errors.New("ledger file is corrupt")

// Status is the outcome of a delivery.
type Status string

// The statuses of an Entry.
const (
	Sent   Status = "sent"
	Failed Status = "failed"
)

// Entry is one delivery of one message to one recipient.
type Entry struct {
	Job       string `json:"job"`
	Period    string `json:"period"`    // the period's label: "2026-10"
	Delivery  string `json:"delivery"`  // which message of the job: "team", "coach-3", "manager"
	Recipient string `json:"recipient"` // the address, lower-cased by Record
	MessageID string `json:"message_id"`
	Status    Status `json:"status"`
	Temporary bool   `json:"temporary,omitempty"` // Failed only: the server said try again later
	// Error is the server's reply or the reason, for Failed. It must never
	// hold a password: the caller writes it from the SMTP reply.
	Error      string    `json:"error,omitempty"`
	Attempts   int       `json:"attempts"`
	Time       time.Time `json:"time"`       // set by Record from the Ledger's clock
	Generation int       `json:"generation"` // 0 for the first send; each forced resend one more
	Files      []string  `json:"files,omitempty"`
}

type key struct{ job, period, delivery, recipient string }

func (e Entry) key() key {
	return key{e.Job, e.Period, e.Delivery, strings.ToLower(e.Recipient)}
}

// fileFormat is the JSON document.
type fileFormat struct {
	Version int     `json:"version"`
	Entries []Entry `json:"entries"`
}

// Ledger is an open ledger. It is safe for concurrent use by several
// goroutines.
type Ledger struct {
	path string
	now  func() time.Time

	mu      sync.Mutex
	lock    *os.File // nil once closed
	entries map[key]Entry
}

// Open locks and reads the ledger in dir, creating dir if needed; an
// absent file is an empty ledger (the file is written by the first
// Record). now is the clock for Entry.Time. The error wraps ErrLocked when
// another Ledger holds dir (and names the holder's process ID) and
// ErrCorrupt when the file is not a ledger.
func Open(dir string, now func() time.Time) (*Ledger, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("ledger folder: %w", err)
	}
	lockPath := filepath.Join(dir, LockName)
	lf, err := os.OpenFile(lockPath, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open ledger lock: %w", err)
	}
	if err := unix.Flock(int(lf.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		holder := readPID(lf)
		_ = lf.Close() // the lock error is what matters
		if errors.Is(err, unix.EWOULDBLOCK) {
			if holder != "" {
				return nil, fmt.Errorf("ledger %s is in use by process %s: %w", dir, holder, ErrLocked)
			}
			return nil, fmt.Errorf("ledger %s is in use by another process: %w", dir, ErrLocked)
		}
		return nil, fmt.Errorf("lock %s: %w", lockPath, err)
	}
	l := &Ledger{path: filepath.Join(dir, FileName), now: now, lock: lf, entries: map[key]Entry{}}
	if err := writePID(lf); err != nil {
		return nil, errors.Join(err, l.Close())
	}
	if err := l.read(); err != nil {
		return nil, errors.Join(err, l.Close())
	}
	return l, nil
}

func readPID(f *os.File) string {
	b := make([]byte, 32)
	n, _ := f.ReadAt(b, 0) // best effort: only for the message
	s := strings.TrimSpace(string(b[:n]))
	if _, err := strconv.Atoi(s); err != nil {
		return ""
	}
	return s
}

func writePID(f *os.File) error {
	if err := f.Truncate(0); err != nil {
		return fmt.Errorf("write ledger lock: %w", err)
	}
	if _, err := f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0); err != nil {
		return fmt.Errorf("write ledger lock: %w", err)
	}
	return nil
}

// read loads the file; absent is empty.
func (l *Ledger) read() error {
	data, err := os.ReadFile(l.path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read ledger: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var ff fileFormat
	if err := dec.Decode(&ff); err != nil {
		return fmt.Errorf("ledger %s: %w: %v (move it aside only if resending everything is what you want)", l.path, ErrCorrupt, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("ledger %s: %w: data after the JSON document", l.path, ErrCorrupt)
	}
	if ff.Version != version {
		return fmt.Errorf("ledger %s: %w: version %d, want %d", l.path, ErrCorrupt, ff.Version, version)
	}
	for i, e := range ff.Entries {
		if err := e.check(); err != nil {
			return fmt.Errorf("ledger %s: %w: entry %d: %v", l.path, ErrCorrupt, i+1, err)
		}
		k := e.key()
		if _, dup := l.entries[k]; dup {
			return fmt.Errorf("ledger %s: %w: entry %d repeats job %s period %s delivery %s recipient %s", l.path, ErrCorrupt, i+1, e.Job, e.Period, e.Delivery, e.Recipient)
		}
		l.entries[k] = e
	}
	return nil
}

func (e Entry) check() error {
	switch {
	case e.Job == "", e.Period == "", e.Delivery == "", e.Recipient == "":
		return errors.New("job, period, delivery and recipient are required")
	case e.Status != Sent && e.Status != Failed:
		return fmt.Errorf("status %q is not sent or failed", e.Status)
	case e.Generation < 0:
		return fmt.Errorf("generation %d is negative", e.Generation)
	}
	return nil
}

// Lookup returns the entry for (job, period, delivery, recipient); the
// recipient's case does not matter.
func (l *Ledger) Lookup(job, period, delivery, recipient string) (Entry, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	e, ok := l.entries[key{job, period, delivery, strings.ToLower(recipient)}]
	return e, ok
}

// Entries returns every entry, sorted by job, period, delivery and
// recipient.
func (l *Ledger) Entries() []Entry {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.sorted()
}

func (l *Ledger) sorted() []Entry {
	out := make([]Entry, 0, len(l.entries))
	for _, e := range l.entries {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].key(), out[j].key()
		if a.job != b.job {
			return a.job < b.job
		}
		if a.period != b.period {
			return a.period < b.period
		}
		if a.delivery != b.delivery {
			return a.delivery < b.delivery
		}
		return a.recipient < b.recipient
	})
	return out
}

// Record stores e, replacing any entry with the same key, with Recipient
// lower-cased and Time set from the clock, and writes the file before it
// returns. If the write fails the ledger is left as it was.
func (l *Ledger) Record(e Entry) error {
	e.Recipient = strings.ToLower(e.Recipient)
	if err := e.check(); err != nil {
		return fmt.Errorf("record: %w", err)
	}
	e.Time = l.now()
	e.Files = append([]string(nil), e.Files...)
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.lock == nil {
		return errors.New("record: ledger is closed")
	}
	k := e.key()
	old, had := l.entries[k]
	l.entries[k] = e
	if err := l.write(); err != nil {
		if had {
			l.entries[k] = old
		} else {
			delete(l.entries, k)
		}
		return fmt.Errorf("record: %w", err)
	}
	return nil
}

func (l *Ledger) write() error {
	data, err := json.MarshalIndent(fileFormat{Version: version, Entries: l.sorted()}, "", "  ")
	if err != nil {
		return fmt.Errorf("encode ledger: %w", err)
	}
	data = append(data, '\n')
	return atomicfile.Write(context.Background(), l.path, 0o644, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Close releases the lock. A second Close does nothing.
func (l *Ledger) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.lock == nil {
		return nil
	}
	lf := l.lock
	l.lock = nil
	uerr := unix.Flock(int(lf.Fd()), unix.LOCK_UN)
	if uerr != nil {
		uerr = fmt.Errorf("unlock ledger: %w", uerr)
	}
	if err := lf.Close(); err != nil {
		return errors.Join(uerr, fmt.Errorf("close ledger lock: %w", err))
	}
	return uerr
}

// MessageID returns the Message-ID (without angle brackets) for a
// delivery: "careport." and the first 24 hex digits of a SHA-256 of job,
// period, delivery and generation, "@" and domain (lower-cased; the From
// address's domain). The same inputs always give the same ID, so a resent
// message is recognisable and a forced resend (another generation) is a
// new message. An empty domain gives "careport.invalid".
func MessageID(job, period, delivery string, generation int, domain string) string {
	h := sha256.New()
	for _, part := range []string{job, period, delivery, strconv.Itoa(generation)} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	domain = strings.ToLower(strings.TrimSpace(domain))
	if domain == "" {
		domain = "careport.invalid"
	}
	return "careport." + hex.EncodeToString(h.Sum(nil))[:24] + "@" + domain
}

// NextGeneration returns the generation for a forced resend of (job,
// period, delivery) to recipients: one more than the highest generation
// among their entries that were sent, or 0 when none was.
func NextGeneration(l *Ledger, job, period, delivery string, recipients []string) int {
	next := 0
	for _, r := range recipients {
		if e, ok := l.Lookup(job, period, delivery, r); ok && e.Status == Sent {
			next = max(next, e.Generation+1)
		}
	}
	return next
}
