package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/careport/careport/fetch/sandbox"
	"github.com/careport/careport/fetch/sandbox/sandboxtest"
)

// runCLI runs careport in-process with the given environment.
func runCLI(t *testing.T, envVars map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	return runCLIAt(t, time.Now(), envVars, args...)
}

func runCLIAt(t *testing.T, now time.Time, envVars map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	getenv := func(k string) string { return envVars[k] }
	e := &env{ctx: t.Context(), stdout: &out, stderr: &errb, getenv: getenv, now: func() time.Time { return now }}
	code := runEnv(e, args)
	return code, out.String(), errb.String()
}

func TestUsageAndHelp(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantOut  string // substring of stdout
		wantErr  string // substring of stderr
	}{
		{"no args", nil, exitUsage, "", "Commands:"},
		{"help", []string{"help"}, exitOK, "Commands:", ""},
		{"help command", []string{"help", "revenue"}, exitOK, "--period", ""},
		{"help unknown", []string{"help", "nope"}, exitUsage, "", "unknown command"},
		{"unknown command", []string{"frobnicate"}, exitUsage, "", "unknown command \"frobnicate\""},
		{"version", []string{"version"}, exitOK, "careport ", ""},
		{"--version", []string{"--version"}, exitOK, "careport ", ""},
		{"subcommand --help", []string{"revenue", "--help"}, exitOK, "Examples:", ""},
		{"sandbox --help", []string{"sandbox", "--help"}, exitOK, "--generate", ""},
		{"fetch --help", []string{"fetch", "-h"}, exitOK, "manifest.json", ""},
		{"bad flag", []string{"revenue", "--nope"}, exitUsage, "", "unknown flag"},
		{"bad period", []string{"revenue", "--period", "2026-13"}, exitUsage, "", "is not a period"},
		{"period and range", []string{"revenue", "--period", "2026-10", "--from", "2026-01", "--to", "2026-02"}, exitUsage, "", "either --period or --from/--to"},
		{"to before from", []string{"revenue", "--from", "2026-05", "--to", "2026-02"}, exitUsage, "", "before it starts"},
		{"bad format", []string{"revenue", "--format", "pdf"}, exitUsage, "", "unknown format"},
		{"bad currency", []string{"revenue", "--currency", "dollars"}, exitUsage, "", "ISO 4217"},
		{"bad log format", []string{"revenue", "--log-format", "xml"}, exitUsage, "", "--log-format"},
		{"no credentials", []string{"revenue"}, exitFailure, "", "CA_API_ID and CA_API_KEY"},
		{"plain http refused", []string{"revenue", "--api-url", "http://example.com/API/"}, exitUsage, "", "http"},
		{"fetch needs out", []string{"fetch"}, exitUsage, "", "--out DIR is required"},
		{"extra argument", []string{"version", "x"}, exitUsage, "", "no arguments"},
		{"sandbox exclusive", []string{"sandbox", "--account", "a.json", "--generate", "small"}, exitUsage, "", "exclude each other"},
		{"sandbox bad faults", []string{"sandbox", "--faults", "2"}, exitUsage, "", "--faults"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env := map[string]string{}
			if tc.name == "plain http refused" {
				env = map[string]string{"CA_API_ID": "x", "CA_API_KEY": "y"}
			}
			code, out, errOut := runCLI(t, env, tc.args...)
			if code != tc.wantCode {
				t.Errorf("exit code: got %d, want %d\nstdout: %s\nstderr: %s", code, tc.wantCode, out, errOut)
			}
			if !strings.Contains(out, tc.wantOut) {
				t.Errorf("stdout: got %q, want it to contain %q", out, tc.wantOut)
			}
			if !strings.Contains(errOut, tc.wantErr) {
				t.Errorf("stderr: got %q, want it to contain %q", errOut, tc.wantErr)
			}
		})
	}
}

func TestCredentialsFileMode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "creds")
	if err := os.WriteFile(path, []byte("CA_API_ID=abc\nCA_API_KEY=TOPSECRETKEY123\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCLI(t, nil, "revenue", "--credentials", path, "--api-url", "http://127.0.0.1:1/API/")
	if code != exitFailure {
		t.Errorf("exit code: got %d, want %d (%s)", code, exitFailure, errOut)
	}
	if !strings.Contains(errOut, "chmod 600") {
		t.Errorf("stderr %q does not say how to fix the mode", errOut)
	}
	if strings.Contains(errOut, "TOPSECRETKEY123") {
		t.Errorf("stderr shows the API key: %q", errOut)
	}
}

// startSandbox serves the fixture account and returns the environment that
// points careport at it.
func startSandbox(t *testing.T) (*sandbox.Server, map[string]string) {
	t.Helper()
	srv, url := sandboxtest.Start(t, sandbox.Options{})
	return srv, map[string]string{"CA_API_URL": url, "CA_API_ID": sandboxtest.APIID, "CA_API_KEY": sandboxtest.APIKey}
}

func TestRevenueWrongKey(t *testing.T) {
	_, env := startSandbox(t)
	env["CA_API_KEY"] = "WRONG-KEY-SHOULD-NOT-LEAK"
	code, _, errOut := runCLI(t, env, "revenue", "--period", "2025-05", "--out", t.TempDir())
	if code != exitFailure {
		t.Fatalf("exit code: got %d, want %d", code, exitFailure)
	}
	if !strings.Contains(errOut, "104") || !strings.Contains(errOut, "CA_API_KEY") {
		t.Errorf("stderr %q should name error 104 and how to fix it", errOut)
	}
	if strings.Contains(errOut, "WRONG-KEY-SHOULD-NOT-LEAK") {
		t.Errorf("stderr shows the API key: %q", errOut)
	}
}

// TestSnapshotMatchesLive fetches a snapshot over HTTP, then builds the
// report from it with no network (the sandbox is stopped) and checks every
// output file is byte-identical to the live run's.
func TestSnapshotMatchesLive(t *testing.T) {
	srv, env := startSandbox(t)
	now := sandboxtest.Now()
	liveDir, snapDir, offDir := t.TempDir(), filepath.Join(t.TempDir(), "snap"), t.TempDir()

	code, out, errOut := runCLIAt(t, now, env, "revenue", "--out", liveDir, "--format", "csv,xlsx", "--account-name", "Fixture", "-q")
	if code != exitOK {
		t.Fatalf("live revenue: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = runCLIAt(t, now, env, "fetch", "--out", snapDir, "-q")
	if code != exitOK {
		t.Fatalf("fetch: exit %d\n%s\n%s", code, out, errOut)
	}
	callsBefore := srv.Stats().Calls
	code, out, errOut = runCLIAt(t, now, map[string]string{}, "revenue", "--snapshot", snapDir, "--out", offDir, "--format", "csv,xlsx", "--account-name", "Fixture", "-q")
	if code != exitOK {
		t.Fatalf("snapshot revenue: exit %d\n%s\n%s", code, out, errOut)
	}
	if got := srv.Stats().Calls; got != callsBefore {
		t.Errorf("the snapshot run made %d API calls, want 0", got-callsBefore)
	}

	live := listFiles(t, liveDir)
	off := listFiles(t, offDir)
	if len(live) == 0 || len(live) != len(off) {
		t.Fatalf("files: live %v, snapshot %v", live, off)
	}
	for rel := range live {
		if filepath.Ext(rel) != ".csv" {
			continue // zip member order is not stable; the CSVs carry every figure
		}
		if rel == filepath.Join(filepath.Dir(rel), "Notes.csv") {
			continue // the Notes sheet names the data time, which differs by design
		}
		a, _ := os.ReadFile(filepath.Join(liveDir, rel))
		b, err := os.ReadFile(filepath.Join(offDir, rel))
		if err != nil {
			t.Errorf("snapshot run lacks %s", rel)
			continue
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between the live and the snapshot run", rel)
		}
	}
	// The key must appear in no snapshot file.
	for rel := range listFiles(t, snapDir) {
		b, _ := os.ReadFile(filepath.Join(snapDir, rel))
		if bytes.Contains(b, []byte(sandboxtest.APIKey)) {
			t.Errorf("snapshot file %s contains the API key", rel)
		}
	}
	// A period outside the snapshot's window is refused.
	code, out, errOut = runCLIAt(t, now, env, "fetch", "--out", snapDir, "--from", "2025-01", "--to", "2025-03", "-q")
	if code != exitOK {
		t.Fatalf("fetch with window: exit %d\n%s\n%s", code, out, errOut)
	}
	code, _, errOut = runCLIAt(t, now, nil, "revenue", "--snapshot", snapDir, "--period", "2025-05", "--out", t.TempDir())
	if code != exitFailure || !strings.Contains(errOut, "fetched for 2025-01..2025-03") {
		t.Errorf("period outside the snapshot window: exit %d, stderr %q", code, errOut)
	}
}

func listFiles(t *testing.T, dir string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out[rel] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestDemo(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := runCLI(t, nil, "demo", "--out", dir, "-q")
	if code != exitOK {
		t.Fatalf("demo: exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{"Sandbox serving", "wrote ", ".xlsx", "Invoiced"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q:\n%s", want, out)
		}
	}
	files := listFiles(t, dir)
	if len(files) < 2 {
		t.Errorf("demo wrote %v", files)
	}
}

// TestSandboxCommand runs `careport sandbox` until its context ends and
// checks it printed the URL and credentials and stopped cleanly.
func TestSandboxCommand(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Second)
	defer cancel()
	var out, errb bytes.Buffer
	e := &env{ctx: ctx, stdout: &out, stderr: &errb, getenv: func(string) string { return "" }, now: time.Now}
	state := filepath.Join(t.TempDir(), "state.json")
	code := runEnv(e, []string{"sandbox", "--addr", "127.0.0.1:0", "--account", "../../samples/example-account.json", "--state", state})
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, want := range []string{"export CA_API_URL=http://127.0.0.1:", "export CA_API_ID=", "export CA_API_KEY="} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	if _, err := os.Stat(state); err != nil {
		t.Errorf("state file not saved on shutdown: %v", err)
	}
}

// TestRevenueUnfinishedPeriodWarns checks that a period that had not ended
// when the data was fetched is reported with a warning, and a finished one
// without.
func TestRevenueUnfinishedPeriodWarns(t *testing.T) {
	_, env := startSandbox(t)
	now := sandboxtest.Now() // 2025-06-30 in the fixture's zone
	for _, tc := range []struct {
		period string
		warn   bool
	}{{"2025-05", false}, {"2025-06", true}} {
		code, _, errOut := runCLIAt(t, now, env, "revenue", "--period", tc.period, "--out", t.TempDir(), "-q")
		if code != exitOK {
			t.Fatalf("%s: exit %d: %s", tc.period, code, errOut)
		}
		if got := strings.Contains(errOut, "had not ended when the data was fetched"); got != tc.warn {
			t.Errorf("%s: warning shown %v, want %v (stderr %q)", tc.period, got, tc.warn, errOut)
		}
	}
	// A period entirely after the data time is refused in one sentence.
	code, _, errOut := runCLIAt(t, now, env, "revenue", "--period", "2026-01", "--out", t.TempDir(), "-q")
	if code != exitUsage || !strings.Contains(errOut, "starts after the data was fetched (2025-06-30") {
		t.Errorf("future period: exit %d, stderr %q", code, errOut)
	}
}
