package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
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
func careportBinary(t *testing.T) string {
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
