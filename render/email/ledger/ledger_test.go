package ledger

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// clock returns a clock that advances a minute per call.
func clock() func() time.Time {
	t := time.Date(2026, 11, 1, 7, 0, 0, 0, time.UTC)
	return func() time.Time {
		t = t.Add(time.Minute)
		return t
	}
}

func open(t *testing.T, dir string) *Ledger {
	t.Helper()
	l, err := Open(dir, clock())
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := l.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return l
}

func TestRoundTrip(t *testing.T) {
	dir := t.TempDir()
	l, err := Open(dir, clock())
	if err != nil {
		t.Fatal(err)
	}
	sent := Entry{Job: "monthly-owner", Period: "2026-10", Delivery: "team", Recipient: "Owner@Acme.Example",
		MessageID: MessageID("monthly-owner", "2026-10", "team", 0, "acme.example"), Status: Sent,
		Attempts: 1, Files: []string{"revenue.xlsx", "engagements.xlsx"}}
	failed := Entry{Job: "monthly-owner", Period: "2026-10", Delivery: "team", Recipient: "cfo@acme.example",
		Status: Failed, Temporary: true, Error: "451 4.7.1 try again later", Attempts: 3}
	for _, e := range []Entry{sent, failed} {
		if err := l.Record(e); err != nil {
			t.Fatalf("Record: %v", err)
		}
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}

	l2 := open(t, dir)
	got, ok := l2.Lookup("monthly-owner", "2026-10", "team", "OWNER@acme.example")
	if !ok {
		t.Fatal("Lookup after reopen: not found")
	}
	want := sent
	want.Recipient = "owner@acme.example"
	want.Time = time.Date(2026, 11, 1, 7, 1, 0, 0, time.UTC)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	got, ok = l2.Lookup("monthly-owner", "2026-10", "team", "cfo@acme.example")
	if !ok || got.Status != Failed || !got.Temporary || got.Error != failed.Error || got.Attempts != 3 {
		t.Errorf("failed entry: got %+v, %v", got, ok)
	}
	if _, ok := l2.Lookup("monthly-owner", "2026-09", "team", "cfo@acme.example"); ok {
		t.Error("Lookup of another period found an entry")
	}
	if n := len(l2.Entries()); n != 2 {
		t.Errorf("got %d entries, want 2", n)
	}

	// The file is human-readable, versioned and sorted by recipient.
	data, err := os.ReadFile(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	if !strings.Contains(s, `"version": 1`) || !strings.Contains(s, "\n  \"entries\"") {
		t.Errorf("file is not indented JSON with a version:\n%s", s)
	}
	if i, j := strings.Index(s, "cfo@"), strings.Index(s, "owner@"); i < 0 || j < 0 || i > j {
		t.Errorf("entries not sorted by recipient:\n%s", s)
	}
}

func TestUpsert(t *testing.T) {
	l := open(t, t.TempDir())
	e := Entry{Job: "j", Period: "2026-10", Delivery: "coach-3", Recipient: "a@b.example", Status: Failed, Error: "550 no"}
	if err := l.Record(e); err != nil {
		t.Fatal(err)
	}
	e.Status, e.Error, e.Recipient = Sent, "", "A@B.example"
	if err := l.Record(e); err != nil {
		t.Fatal(err)
	}
	if n := len(l.Entries()); n != 1 {
		t.Fatalf("got %d entries after upsert, want 1", n)
	}
	got, _ := l.Lookup("j", "2026-10", "coach-3", "a@b.example")
	if got.Status != Sent || got.Error != "" {
		t.Errorf("got %+v, want the sent entry", got)
	}
	if want := time.Date(2026, 11, 1, 7, 2, 0, 0, time.UTC); !got.Time.Equal(want) {
		t.Errorf("got time %v, want %v (the second Record's clock)", got.Time, want)
	}
}

func TestRecordRefusesBadEntries(t *testing.T) {
	l := open(t, t.TempDir())
	for _, tc := range []struct {
		name string
		e    Entry
	}{
		{"no job", Entry{Period: "p", Delivery: "team", Recipient: "a@b", Status: Sent}},
		{"no recipient", Entry{Job: "j", Period: "p", Delivery: "team", Status: Sent}},
		{"bad status", Entry{Job: "j", Period: "p", Delivery: "team", Recipient: "a@b", Status: "queued"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := l.Record(tc.e); err == nil {
				t.Error("got nil error, want one")
			}
		})
	}
	if n := len(l.Entries()); n != 0 {
		t.Errorf("got %d entries, want 0", n)
	}
}

func TestCorruptFileRefused(t *testing.T) {
	for _, tc := range []struct{ name, content string }{
		{"not json", "sent to everyone\n"},
		{"truncated", `{"version": 1, "entries": [{"job": "j"`},
		{"other version", `{"version": 2, "entries": []}`},
		{"no version", `{"entries": []}`},
		{"unknown field", `{"version": 1, "entries": [], "extra": true}`},
		{"bad entry", `{"version": 1, "entries": [{"job": "j", "period": "p", "delivery": "team", "recipient": "a@b", "status": "maybe"}]}`},
		{"two documents", `{"version": 1, "entries": []} {}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, FileName)
			if err := os.WriteFile(path, []byte(tc.content), 0o644); err != nil {
				t.Fatal(err)
			}
			l, err := Open(dir, clock())
			if err == nil {
				_ = l.Close()
				t.Fatal("got nil error, want ErrCorrupt")
			}
			if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), path) {
				t.Errorf("got %v, want ErrCorrupt naming %s", err, path)
			}
			// The file is left alone and the lock released.
			if b, _ := os.ReadFile(path); string(b) != tc.content {
				t.Errorf("file changed to %q", b)
			}
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
			l3, err := Open(dir, clock()) // not locked by the failed Open
			if err != nil {
				t.Fatalf("Open after a failed Open: %v", err)
			}
			if err := l3.Close(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestLock(t *testing.T) {
	dir := t.TempDir()
	l, err := Open(dir, clock())
	if err != nil {
		t.Fatal(err)
	}
	_, err = Open(dir, clock())
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second Open: got %v, want ErrLocked", err)
	}
	if pid := strconv.Itoa(os.Getpid()); !strings.Contains(err.Error(), "process "+pid) {
		t.Errorf("got %q, want it to name process %s", err, pid)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if err := l.Record(Entry{Job: "j", Period: "p", Delivery: "team", Recipient: "a@b", Status: Sent}); err == nil {
		t.Error("Record after Close: got nil error")
	}
	l2, err := Open(dir, clock())
	if err != nil {
		t.Fatalf("Open after Close: %v", err)
	}
	if err := l2.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestAtomicWriteLeavesNoTemporaryFile(t *testing.T) {
	dir := t.TempDir()
	l := open(t, dir)
	for i := range 3 {
		if err := l.Record(Entry{Job: "j", Period: "2026-10", Delivery: "team", Recipient: "r" + strconv.Itoa(i) + "@x.example", Status: Sent}); err != nil {
			t.Fatal(err)
		}
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	if want := []string{LockName, FileName}; !reflect.DeepEqual(names, want) {
		t.Errorf("got files %v, want %v", names, want)
	}
}

func TestRecordWriteFailureKeepsState(t *testing.T) {
	dir := t.TempDir()
	l := open(t, dir)
	e := Entry{Job: "j", Period: "2026-10", Delivery: "team", Recipient: "a@x.example", Status: Sent}
	if err := l.Record(e); err != nil {
		t.Fatal(err)
	}
	// A directory where the file should be makes the rename fail.
	path := filepath.Join(dir, FileName)
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(path, 0o755); err != nil {
		t.Fatal(err)
	}
	e2 := e
	e2.Recipient = "b@x.example"
	if err := l.Record(e2); err == nil {
		t.Fatal("Record: got nil error, want the write's")
	}
	if _, ok := l.Lookup("j", "2026-10", "team", "b@x.example"); ok {
		t.Error("the entry whose write failed is in the ledger")
	}
}

// dotAtom is RFC 5322's msg-id for the forms MessageID writes:
// dot-atom-text "@" dot-atom-text.
var dotAtom = regexp.MustCompile("^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")

func TestMessageID(t *testing.T) {
	base := MessageID("monthly-owner", "2026-10", "team", 0, "Acme.Example")
	if again := MessageID("monthly-owner", "2026-10", "team", 0, "acme.example"); again != base {
		t.Errorf("same inputs: got %q and %q", base, again)
	}
	if !regexp.MustCompile(`^careport\.[0-9a-f]{24}@acme\.example$`).MatchString(base) {
		t.Errorf("got %q, want careport.<24 hex>@acme.example", base)
	}
	seen := map[string]string{base: "base"}
	for _, tc := range []struct {
		name                  string
		job, period, delivery string
		gen                   int
		domain                string
	}{
		{"other job", "weekly", "2026-10", "team", 0, "acme.example"},
		{"other period", "monthly-owner", "2026-11", "team", 0, "acme.example"},
		{"other delivery", "monthly-owner", "2026-10", "coach-3", 0, "acme.example"},
		{"other generation", "monthly-owner", "2026-10", "team", 1, "acme.example"},
		{"parts shifted", "monthly-owner2", "026-10", "team", 0, "acme.example"},
		{"empty domain", "monthly-owner", "2026-10", "team", 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id := MessageID(tc.job, tc.period, tc.delivery, tc.gen, tc.domain)
			if prev, dup := seen[id]; dup {
				t.Errorf("got %q, the same as %s", id, prev)
			}
			seen[id] = tc.name
			if !dotAtom.MatchString(id) {
				t.Errorf("got %q, not dot-atom@dot-atom", id)
			}
		})
	}
}

func TestNextGeneration(t *testing.T) {
	l := open(t, t.TempDir())
	rcpts := []string{"a@x.example", "B@x.example"}
	if got := NextGeneration(l, "j", "2026-10", "team", rcpts); got != 0 {
		t.Errorf("empty ledger: got %d, want 0", got)
	}
	rec := func(r string, s Status, gen int) {
		t.Helper()
		if err := l.Record(Entry{Job: "j", Period: "2026-10", Delivery: "team", Recipient: r, Status: s, Generation: gen}); err != nil {
			t.Fatal(err)
		}
	}
	rec("a@x.example", Failed, 0)
	if got := NextGeneration(l, "j", "2026-10", "team", rcpts); got != 0 {
		t.Errorf("only failed: got %d, want 0", got)
	}
	rec("b@x.example", Sent, 2)
	rec("other@x.example", Sent, 7) // not among the recipients
	if got := NextGeneration(l, "j", "2026-10", "team", rcpts); got != 3 {
		t.Errorf("got %d, want 3", got)
	}
	if got := NextGeneration(l, "j", "2026-10", "manager", rcpts); got != 0 {
		t.Errorf("other delivery: got %d, want 0", got)
	}
}
