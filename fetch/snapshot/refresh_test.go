package snapshot

import (
	"bufio"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestCreateLeavesOldSnapshotAlone(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "snap")
	writeSnapshot(t, dir, oldCalls)
	before := tree(t, dir)

	w, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range newCalls {
		if err := w.Record(c.fn, c.params, []byte(c.body)); err != nil {
			t.Fatal(err)
		}
	}
	sameTree(t, "during the refresh", tree(t, dir), before)
	checkBodies(t, dir, oldCalls)
	if got := leftovers(t, dir); len(got) != 1 || !strings.HasPrefix(got[0], ".snap.new-") {
		t.Errorf("staging folders: got %q, want one .snap.new-*", got)
	}
	if err := w.Abort(); err != nil {
		t.Fatalf("Abort: %v", err)
	}
	if err := w.Abort(); err != nil {
		t.Errorf("second Abort: got %v, want nil", err)
	}
	sameTree(t, "after Abort", tree(t, dir), before)
	if got := leftovers(t, dir); len(got) != 0 {
		t.Errorf("after Abort: left behind %q", got)
	}
	if _, err := w.Finish(Manifest{}); err == nil {
		t.Error("Finish after Abort: got nil error")
	}
	if err := w.Record("Coach.getAll", nil, []byte("{}")); err == nil {
		t.Error("Record after Abort: got nil error")
	}
	checkBodies(t, dir, oldCalls)
}

func TestFinishSwapsInTheNewSnapshot(t *testing.T) {
	for _, tc := range []struct {
		name       string
		old        bool // a snapshot is there before
		noExchange bool // use the rename fallback
	}{
		{"replace, exchange", true, false},
		{"replace, rename fallback", true, true},
		{"new folder", false, false},
		{"new folder, rename fallback", false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "snap")
			if tc.old {
				writeSnapshot(t, dir, oldCalls)
			}
			w, err := Create(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer w.Abort()
			w.noExchange = tc.noExchange
			for _, c := range newCalls {
				if err := w.Record(c.fn, c.params, []byte(c.body)); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := w.Finish(Manifest{Timezone: "UTC"}); err != nil {
				t.Fatal(err)
			}
			checkBodies(t, dir, newCalls)
			r, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := r.Body(t.Context(), "Invoice.getAll", url.Values{}); err == nil {
				t.Error("a call only the old snapshot had is still served")
			}
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := len(entries), len(newCalls)+1; got != want {
				t.Errorf("files in the new snapshot: got %d, want %d (the old files must go)", got, want)
			}
			if got := leftovers(t, dir); len(got) != 0 {
				t.Errorf("after Finish: left behind %q", got)
			}
			if err := w.Abort(); err != nil {
				t.Errorf("Abort after Finish: got %v, want nil", err)
			}
			checkBodies(t, dir, newCalls)
			if _, err := w.Finish(Manifest{}); err == nil {
				t.Error("second Finish: got nil error")
			}
		})
	}
}

func TestCreateRefusesWhatIsNotASnapshot(t *testing.T) {
	root := t.TempDir()
	file := filepath.Join(root, "report.xlsx")
	if err := os.WriteFile(file, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	docs := filepath.Join(root, "docs")
	if err := os.Mkdir(docs, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(docs, "notes.txt"), []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(root, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(empty, ".DS_Store"), []byte("finder"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, dir, want string
	}{
		{"a file", file, "is a file, not a folder"},
		{"a folder of other files", docs, "notes.txt"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := tree(t, root)
			w, err := Create(tc.dir)
			if err == nil {
				w.Abort()
				t.Fatalf("got nil error, want one containing %q", tc.want)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %q, want it to contain %q", err, tc.want)
			}
			sameTree(t, "after the refusal", tree(t, root), before)
		})
	}
	w, err := Create(empty)
	if err != nil {
		t.Fatalf("an empty folder: %v", err)
	}
	if _, err := w.Finish(Manifest{}); err != nil {
		t.Fatal(err)
	}
	checkBodies(t, empty, nil)
}

func TestCreateRemovesStaleStaging(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("owner start times are read from /proc")
	}
	root := t.TempDir()
	dir := filepath.Join(root, "snap")
	writeSnapshot(t, dir, oldCalls)
	before := tree(t, dir)
	me := self()
	dead := owner{pid: me.pid, start: me.start + "1"} // this pid, another process's start: pid reused
	mk := func(name string, age time.Duration) string {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Join(p, "sub"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(p, "sub", "f.json"), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		old := time.Now().Add(-age)
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
		return name
	}
	gone := []string{
		mk(tempName("snap", kindNew, dead, "aaaa"), 0),
		mk(tempName("snap", kindOld, dead, "bbbb"), 0),
		mk(".snap.new-garbage", 48*time.Hour),
	}
	kept := []string{
		mk(tempName("snap", kindNew, me, "cccc"), 48*time.Hour), // a live run
		mk(".snap.new-garbage2", time.Minute),
		mk(".snapx.new-1-1-dddd", 48*time.Hour), // another folder's
		mk("other", 48*time.Hour),
	}
	w, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	for _, n := range gone {
		if _, err := os.Stat(filepath.Join(root, n)); !os.IsNotExist(err) {
			t.Errorf("stale %s: still there (%v)", n, err)
		}
	}
	for _, n := range kept {
		if _, err := os.Stat(filepath.Join(root, n)); err != nil {
			t.Errorf("%s: removed (%v), want kept", n, err)
		}
	}
	sameTree(t, "the snapshot", tree(t, dir), before)
}

func TestInterruptedFallbackSwapIsUndone(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("owner start times are read from /proc")
	}
	for _, opener := range []string{"Open", "Create"} {
		t.Run(opener, func(t *testing.T) {
			root := t.TempDir()
			dir := filepath.Join(root, "snap")
			writeSnapshot(t, dir, oldCalls)
			before := tree(t, dir)
			me := self()
			aside := filepath.Join(root, tempName("snap", kindOld, owner{pid: me.pid, start: me.start + "1"}, "eeee"))
			if err := os.Rename(dir, aside); err != nil {
				t.Fatal(err)
			}
			if opener == "Create" {
				w, err := Create(dir)
				if err != nil {
					t.Fatal(err)
				}
				defer w.Abort()
			}
			checkBodies(t, dir, oldCalls)
			sameTree(t, "restored", tree(t, dir), before)
		})
	}
}

// TestKilledFetchLeavesOldSnapshot kills a child process (this test binary
// run as TestHelperProcess) while it refreshes a snapshot, at three points.
func TestKilledFetchLeavesOldSnapshot(t *testing.T) {
	for _, phase := range []string{"record", "swap", "aside"} {
		t.Run(phase, func(t *testing.T) {
			root := t.TempDir()
			dir := filepath.Join(root, "snap")
			writeSnapshot(t, dir, oldCalls)
			before := tree(t, dir)

			cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
			cmd.Env = append(os.Environ(), "CAREPORT_SNAPSHOT_HELPER="+phase, "CAREPORT_SNAPSHOT_DIR="+dir)
			cmd.Stderr = os.Stderr
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			ready := make(chan string, 1)
			go func() {
				line, _ := bufio.NewReader(out).ReadString('\n')
				ready <- line
				io.Copy(io.Discard, out)
			}()
			select {
			case line := <-ready:
				if line != "ready\n" {
					cmd.Process.Kill()
					cmd.Wait()
					t.Fatalf("helper said %q, want ready", line)
				}
			case <-time.After(60 * time.Second):
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatal("helper never got ready")
			}
			if err := cmd.Process.Kill(); err != nil { // SIGKILL
				t.Fatal(err)
			}
			if err := cmd.Wait(); err == nil {
				t.Fatal("helper exited cleanly, want killed")
			}
			if phase != "aside" {
				// The exchange never leaves the folder missing, so
				// the old snapshot is untouched before any recovery.
				sameTree(t, "after SIGKILL", tree(t, dir), before)
			}
			if got := leftovers(t, dir); len(got) == 0 {
				t.Error("no staging folder left: the helper was not killed mid-refresh")
			}
			checkBodies(t, dir, oldCalls)
			sameTree(t, "after SIGKILL and Open", tree(t, dir), before)

			w, err := Create(dir)
			if err != nil {
				t.Fatal(err)
			}
			if got := leftovers(t, dir); len(got) != 1 {
				t.Errorf("after the next Create: got %q, want only its own staging folder", got)
			}
			if err := w.Abort(); err != nil {
				t.Fatal(err)
			}
			sameTree(t, "after the next run's Abort", tree(t, dir), before)
		})
	}
}

// TestHelperProcess is not a test: TestKilledFetchLeavesOldSnapshot runs the
// test binary with it to have a process to kill.
func TestHelperProcess(t *testing.T) {
	phase := os.Getenv("CAREPORT_SNAPSHOT_HELPER")
	if phase == "" {
		t.Skip("run by TestKilledFetchLeavesOldSnapshot")
	}
	block := func() {
		fmt.Println("ready")
		select {}
	}
	w, err := Create(os.Getenv("CAREPORT_SNAPSHOT_DIR"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	for _, c := range newCalls {
		if err := w.Record(c.fn, c.params, []byte(c.body)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
	}
	switch phase {
	case "record":
		big := []byte(strings.Repeat("x", 1<<20))
		for i := 0; ; i++ {
			if err := w.Record("Metric.getAll", url.Values{"ClientID": {strconv.Itoa(i)}}, big); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(2)
			}
			if i == 3 {
				fmt.Println("ready")
			}
		}
	case "swap":
		w.beforeSwap = block
	case "aside":
		w.noExchange = true
		w.afterAside = block
	}
	_, err = w.Finish(Manifest{})
	fmt.Fprintln(os.Stderr, "Finish returned", err)
	os.Exit(2)
}

func TestFinishRefusesAfterAFailedRecord(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "snap")
	writeSnapshot(t, dir, oldCalls)
	before := tree(t, dir)
	w, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	if err := os.RemoveAll(w.stage); err != nil { // as a full or vanished disk would
		t.Fatal(err)
	}
	if err := w.Record("Coach.getAll", nil, []byte("{}")); err == nil {
		t.Fatal("Record into a removed folder: got nil error")
	}
	if _, err := w.Finish(Manifest{}); err == nil || !strings.Contains(err.Error(), "incomplete") {
		t.Errorf("Finish after a failed Record: got %v, want 'incomplete'", err)
	}
	if err := w.Abort(); err != nil {
		t.Fatal(err)
	}
	sameTree(t, "after the failed run", tree(t, dir), before)
}
