package snapshot

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"time"
)

// Kinds of the hidden folders a Writer makes beside a snapshot.
const (
	kindNew = "new" // a snapshot being written
	kindOld = "old" // the previous snapshot, moved aside during a swap
)

// staleAge is the age after which a hidden folder whose owner cannot be
// checked is taken for a leftover.
const staleAge = 24 * time.Hour

// owner identifies the process that made a hidden folder. start is the
// process start time in clock ticks since boot, from /proc/<pid>/stat, so
// that a pid reused by another process is not taken for the owner; "0" where
// it is unknown.
type owner struct {
	pid   int
	start string
}

// self is the owner of this process's folders.
func self() owner {
	pid := os.Getpid()
	start, err := procStart(pid)
	if err != nil {
		start = "0"
	}
	return owner{pid: pid, start: start}
}

// procStart reads a process's start time from /proc/<pid>/stat.
func procStart(pid int) (string, error) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return "", err
	}
	// The command name (field 2) is in parentheses and may hold anything;
	// the start time is field 22, the 20th after it.
	i := strings.LastIndexByte(string(b), ')')
	if i < 0 {
		return "", errors.New("unexpected /proc stat")
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 20 {
		return "", errors.New("unexpected /proc stat")
	}
	return f[19], nil
}

// alive reports whether o's process still runs; known is false when that
// cannot be told for sure.
func (o owner) alive() (alive, known bool) {
	if o.pid <= 0 {
		return false, false
	}
	start, err := procStart(o.pid)
	switch {
	case err == nil:
		if o.start == "0" {
			return true, false // a process with this pid runs; maybe another
		}
		return start == o.start, true
	case errors.Is(err, fs.ErrNotExist):
		if _, err := os.Stat("/proc/self/stat"); err == nil {
			return false, true // /proc works and has no such process
		}
	}
	return processExists(o.pid)
}

// tempName is the name of a hidden folder of kind beside the snapshot
// folder base: .<base>.<kind>-<pid>-<start>-<random>.
func tempName(base, kind string, o owner, random string) string {
	return "." + base + "." + kind + "-" + strconv.Itoa(o.pid) + "-" + o.start + "-" + random
}

// parseTempName reads a name made by tempName for base. ok is false for a
// name that is not one of base's hidden folders; parsed is false for one
// that is, but whose owner cannot be read from it.
func parseTempName(base, name string) (kind string, o owner, ok, parsed bool) {
	rest, found := strings.CutPrefix(name, "."+base+".")
	if !found {
		return "", owner{}, false, false
	}
	kind, rest, _ = strings.Cut(rest, "-")
	if kind != kindNew && kind != kindOld {
		return "", owner{}, false, false
	}
	f := strings.Split(rest, "-")
	if len(f) != 3 {
		return kind, owner{}, true, false
	}
	pid, err := strconv.Atoi(f[0])
	if err != nil || pid <= 0 || f[1] == "" {
		return kind, owner{}, true, false
	}
	return kind, owner{pid: pid, start: f[1]}, true, true
}

// randomSuffix is 8 random hex digits.
func randomSuffix() string {
	var b [4]byte
	rand.Read(b[:]) // never fails (crypto/rand)
	return hex.EncodeToString(b[:])
}

// leftover is a hidden folder beside a snapshot left by a run that ended.
type leftover struct {
	path string
	kind string
}

// leftovers lists the hidden folders of base in parent whose runs ended:
// an owner that no longer runs, or, where that cannot be told, a folder
// older than staleAge. With live, it lists instead the folders whose owner
// still runs (or may).
func findLeftovers(parent, base string, now time.Time, live bool) ([]leftover, error) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return nil, err
	}
	me := self()
	var out []leftover
	for _, e := range entries {
		kind, o, ok, parsed := parseTempName(base, e.Name())
		if !ok || !e.IsDir() {
			continue
		}
		stale := false
		if parsed && o == me {
			stale = false // this process's own, e.g. a concurrent Writer
		} else if alive, known := o.alive(); parsed && known {
			stale = !alive
		} else if fi, err := e.Info(); err == nil {
			stale = now.Sub(fi.ModTime()) > staleAge
		}
		if stale != live {
			out = append(out, leftover{path: parent + string(os.PathSeparator) + e.Name(), kind: kind})
		}
	}
	return out, nil
}
