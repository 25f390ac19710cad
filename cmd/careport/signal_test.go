package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/careport/careport/fetch/sandbox"
	"github.com/careport/careport/fetch/sandbox/sandboxtest"
)

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// careportBinary builds cmd/careport once per test run and returns its path.
func careportBinary(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "careport-bin-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "careport")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = errors.New(string(out))
		}
	})
	if buildErr != nil {
		t.Fatalf("build careport: %v", buildErr)
	}
	return binPath
}

// TestSIGINTExits130 runs the built binary against a slow sandbox, sends
// it SIGINT while it waits for the API, and checks it stops within a second
// with status 130 and leaves no output.
func TestSIGINTExits130(t *testing.T) {
	bin := careportBinary(t)
	_, url := sandboxtest.Start(t, sandbox.Options{Now: sandboxtest.Now, Latency: 5 * time.Second})
	for _, args := range [][]string{
		{reportList()[0].Name, "--period", "2025-05", "--out", filepath.Join(t.TempDir(), "out")},
		{"fetch", "--out", filepath.Join(t.TempDir(), "snap")},
	} {
		cmd := exec.CommandContext(t.Context(), bin, args...)
		cmd.Env = append(os.Environ(), "CA_API_URL="+url, "CA_API_ID="+sandboxtest.APIID, "CA_API_KEY="+sandboxtest.APIKey)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(500 * time.Millisecond)
		sent := time.Now()
		if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
			t.Fatal(err)
		}
		err := cmd.Wait()
		if d := time.Since(sent); d > time.Second {
			t.Errorf("%s: stopped %v after SIGINT, want within a second", args[0], d)
		}
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != exitInterrupted {
			t.Errorf("%s: got %v, want exit status %d", args[0], err, exitInterrupted)
		}
		if _, err := os.Stat(args[len(args)-1]); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s: the interrupted run left %s", args[0], args[len(args)-1])
		}
	}
}

// TestSIGKILLKeepsOutputsWhole runs the built binary over and over into
// the same --out, SIGKILLs it at moments spread over its run, and checks
// after every kill that the folder holds the previous run's outputs whole:
// the same files with the same bytes (the data does not change between
// runs), never a half-written file or a CSV folder missing files. The next
// complete run leaves no staging or temporary files behind.
func TestSIGKILLKeepsOutputsWhole(t *testing.T) {
	bin := careportBinary(t)
	srv, url := sandboxtest.Start(t, sandbox.Options{Now: sandboxtest.Now})
	_ = srv
	out := filepath.Join(t.TempDir(), "out")
	args := []string{reportList()[0].Name, "--period", "2025-05", "--format", "csv,xlsx", "--out", out, "-q"}
	envv := append(os.Environ(), "CA_API_URL="+url, "CA_API_ID="+sandboxtest.APIID, "CA_API_KEY="+sandboxtest.APIKey)
	run := func() {
		t.Helper()
		cmd := exec.CommandContext(t.Context(), bin, args...)
		cmd.Env = envv
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("run: %v\n%s", err, b)
		}
	}
	run()
	want := snapshotFiles(t, out)
	start := time.Now()
	run()
	full := time.Since(start)
	for i := range 12 {
		cmd := exec.CommandContext(t.Context(), bin, args...)
		cmd.Env = envv
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(full * time.Duration(i) / 11)
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		got := snapshotFiles(t, out)
		for name, b := range want {
			g, ok := got[name]
			switch {
			case !ok:
				t.Errorf("kill %d: %s is missing", i, name)
			case filepath.Ext(name) == ".csv" && g != b:
				t.Errorf("kill %d: %s changed", i, name)
			case filepath.Ext(name) == ".xlsx" && len(g) < 1000:
				t.Errorf("kill %d: %s is %d bytes", i, name, len(g))
			}
		}
		for name := range got {
			if _, ok := want[name]; !ok {
				t.Errorf("kill %d: unexpected %s in the output folder", i, name)
			}
		}
	}
	run()
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("a complete run left %s behind", e.Name())
		}
	}
}

// snapshotFiles reads every visible file below dir (hidden staging
// folders and temporary files are skipped).
func snapshotFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(dir, p)
			out[rel] = string(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestProgressOnlyOnATerminal runs the built binary's fetch on a terminal
// (script(1) gives it one) and off one: the terminal shows what is being
// fetched and the count of calls; a pipe and --quiet show nothing.
func TestProgressOnlyOnATerminal(t *testing.T) {
	bin := careportBinary(t)
	script, err := exec.LookPath("script")
	if err != nil {
		t.Fatalf("script(1) from util-linux is needed to give careport a terminal: %v", err)
	}
	_, url := sandboxtest.Start(t, sandbox.Options{Now: sandboxtest.Now, Latency: 300 * time.Millisecond})
	envv := append(os.Environ(), "CA_API_URL="+url, "CA_API_ID="+sandboxtest.APIID, "CA_API_KEY="+sandboxtest.APIKey)
	fetchArgs := func(extra ...string) []string {
		// One report's calls are enough to see the progress lines; every
		// report's, at this latency, would take minutes.
		return append([]string{"fetch", "--reports", reportList()[0].Name, "--out", filepath.Join(t.TempDir(), "snap")}, extra...)
	}
	quote := func(args []string) string {
		var b strings.Builder
		for _, a := range args {
			b.WriteString(" '" + a + "'")
		}
		return b.String()
	}
	term := func(extra ...string) string {
		t.Helper()
		cmd := exec.CommandContext(t.Context(), script, "-qec", bin+quote(fetchArgs(extra...)), "/dev/null")
		cmd.Env = envv
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("script: %v\n%s", err, out)
		}
		return string(out)
	}
	if out := term(); !strings.Contains(out, "fetching coaches") || !strings.Contains(out, "(1/") {
		t.Errorf("on a terminal, no progress shown:\n%q", out)
	}
	if out := term("-q"); strings.Contains(out, "fetching") {
		t.Errorf("with --quiet, progress shown:\n%q", out)
	}
	cmd := exec.CommandContext(t.Context(), bin, fetchArgs()...)
	cmd.Env = envv
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	if stderr.Len() != 0 {
		t.Errorf("off a terminal, stderr got %q", stderr.String())
	}
}
