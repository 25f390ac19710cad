package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/careport/careport/fetch/sandbox"
	"github.com/careport/careport/fetch/sandbox/sandboxtest"
)

// TestHelpIsFull checks that `careport help <report>` and `<report> --help`
// print the same full help, every flag included.
func TestHelpIsFull(t *testing.T) {
	for _, s := range reportList() {
		_, a, _ := runCLI(t, nil, "help", s.Name)
		_, b, _ := runCLI(t, nil, s.Name, "--help")
		if a != b {
			t.Errorf("help %s and %s --help differ:\n%s\n---\n%s", s.Name, s.Name, a, b)
		}
		for _, flag := range []string{"--period", "--from", "--coach", "--out", "--format", "--snapshot", "--api-url", "--quiet"} {
			if !strings.Contains(a, flag) {
				t.Errorf("help %s lacks %s", s.Name, flag)
			}
		}
	}
}

// TestCLIBehaviour is a table of what a newcomer tries, through run.
func TestCLIBehaviour(t *testing.T) {
	_, sb := startSandbox(t)
	name := reportList()[0].Name
	file := filepath.Join(t.TempDir(), "afile")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		env      map[string]string
		args     []string
		wantCode int
		wantOut  string
		wantErr  string
		notErr   string
	}{
		{"command typo", nil, []string{name[:len(name)-1]}, exitUsage, "", `did you mean "` + name + `"?`, ""},
		{"flag typo", nil, []string{name, "--perod", "2025-05"}, exitUsage, "", `did you mean "--period"?`, ""},
		{"global flag before command", sb, []string{"-q", name, "--period", "2025-05", "--out", t.TempDir()}, exitOK, "wrote ", "", "warning"},
		{"log format before command", sb, []string{"--log-format", "json", name, "--period", "2025-06", "--out", t.TempDir()}, exitOK, "", `"level":"WARN"`, ""},
		{"warnings are sentences", sb, []string{name, "--period", "2025-06", "--out", t.TempDir()}, exitOK, "", "careport: warning: The period 2025-06 had not ended", "level="},
		{"out is a file", nil, []string{name, "--out", file}, exitUsage, "", "is a file, not a folder", ""},
		{"out below a file", nil, []string{name, "--out", filepath.Join(file, "x")}, exitUsage, "", "is a file", ""},
		{"out dash", nil, []string{name, "--out", "-"}, exitUsage, "", "cannot go to standard output", ""},
		{"coach by email", sb, []string{name, "--period", "2025-05", "--coach", "CARL@example.com", "--out", t.TempDir(), "-q"}, exitOK, "coach-2", "", ""},
		{"coach by name", sb, []string{name, "--period", "2025-05", "--coach", "carl  coach", "--out", t.TempDir(), "-q"}, exitOK, "coach-2", "", ""},
		{"unknown coach", sb, []string{name, "--period", "2025-05", "--coach", "99", "--out", t.TempDir()}, exitUsage, "", "olivia@example.com", ""},
		{"currency not in account", sb, []string{name, "--period", "2025-05", "--currency", "JPY", "--out", t.TempDir()}, exitUsage, "", "its currencies are EUR, USD", ""},
		{"list coaches", sb, []string{"list", "coaches"}, exitOK, "carl@example.com", "", ""},
		{"list currencies", sb, []string{"list", "currencies"}, exitOK, "EUR", "", ""},
		{"list reports", nil, []string{"list", "reports"}, exitOK, name, "", ""},
		{"quarter period", sb, []string{name, "--period", "2025-Q1", "--out", t.TempDir(), "-q"}, exitOK, "wrote ", "", ""},
		{"year to date", sb, []string{name, "--period", "ytd", "--out", t.TempDir(), "-q"}, exitOK, "wrote ", "", ""},
		{"week refused", sb, []string{name, "--period", "2025-W10", "--out", t.TempDir()}, exitUsage, "", "whole months", ""},
		{"range of months", sb, []string{name, "--from", "2025-01", "--to", "2025-03", "--out", t.TempDir(), "-q"}, exitOK, "2025-01..2025-03", "", ""},
		{"backwards range", nil, []string{name, "--from", "2025-05", "--to", "2025-01"}, exitUsage, "", "before", ""},
		{"connection refused", map[string]string{"CA_API_URL": "http://127.0.0.1:1/API/", "CA_API_ID": "x", "CA_API_KEY": "y"}, []string{name, "--attempts", "1", "--out", t.TempDir()}, exitFailure, "", "could not connect to 127.0.0.1:1: connection refused", "dial tcp"},
		{"snapshot with api url", nil, []string{name, "--snapshot", t.TempDir(), "--api-url", "http://127.0.0.1:1/API/", "--out", t.TempDir()}, exitUsage, "", "--snapshot reads no API", ""},
		{"list typo", nil, []string{"list", "coachs"}, exitUsage, "", `did you mean "coaches"?`, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCLIAt(t, sandboxtest.Now(), tc.env, tc.args...)
			if code != tc.wantCode {
				t.Errorf("exit code: got %d, want %d\nstdout: %s\nstderr: %s", code, tc.wantCode, out, errOut)
			}
			if !strings.Contains(out, tc.wantOut) {
				t.Errorf("stdout: got %q, want it to contain %q", out, tc.wantOut)
			}
			if !strings.Contains(errOut, tc.wantErr) {
				t.Errorf("stderr: got %q, want it to contain %q", errOut, tc.wantErr)
			}
			if tc.notErr != "" && strings.Contains(errOut, tc.notErr) {
				t.Errorf("stderr: got %q, want no %q", errOut, tc.notErr)
			}
		})
	}
}

// TestInterruptExits130 cancels a run while it waits for a slow API and
// checks it stops at once with status 130 and writes no report.
func TestInterruptExits130(t *testing.T) {
	_, url := sandboxtest.Start(t, sandbox.Options{Now: sandboxtest.Now, Latency: 3 * time.Second})
	vars := map[string]string{"CA_API_URL": url, "CA_API_ID": sandboxtest.APIID, "CA_API_KEY": sandboxtest.APIKey}
	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(200*time.Millisecond, cancel)
	var out, errb bytes.Buffer
	e := &env{ctx: ctx, stdout: &out, stderr: &errb, getenv: func(k string) string { return vars[k] }, now: sandboxtest.Now}
	dir := t.TempDir()
	start := time.Now()
	code := runEnv(e, []string{reportList()[0].Name, "--period", "2025-05", "--out", dir})
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("the interrupted run took %v to stop", d)
	}
	if code != exitInterrupted {
		t.Errorf("exit code: got %d, want %d (%s)", code, exitInterrupted, errb.String())
	}
	if files := listFiles(t, dir); len(files) != 0 {
		t.Errorf("an interrupted run wrote %v", files)
	}
}

// TestStdoutWriteFailure checks that output lost to a full disk or a closed
// pipe is a failure, not exit 0.
func TestStdoutWriteFailure(t *testing.T) {
	e := &env{ctx: t.Context(), stdout: failWriter{}, stderr: &bytes.Buffer{}, getenv: func(string) string { return "" }, now: time.Now}
	if code := runEnv(e, []string{"version"}); code != exitFailure {
		t.Errorf("exit code: got %d, want %d", code, exitFailure)
	}
	if full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0); err == nil {
		defer full.Close()
		e := &env{ctx: t.Context(), stdout: full, stderr: &bytes.Buffer{}, getenv: func(string) string { return "" }, now: time.Now}
		if code := runEnv(e, []string{"list", "reports"}); code != exitFailure {
			t.Errorf("/dev/full: exit code: got %d, want %d", code, exitFailure)
		}
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// TestFetchRefreshFailureKeepsSnapshot refreshes a good snapshot with a
// wrong key and a refused URL and checks every file is as it was.
func TestFetchRefreshFailureKeepsSnapshot(t *testing.T) {
	_, env := startSandbox(t)
	snap := filepath.Join(t.TempDir(), "snap")
	if code, _, errOut := runCLIAt(t, sandboxtest.Now(), env, "fetch", "--out", snap, "-q"); code != exitOK {
		t.Fatalf("fetch: exit %d: %s", code, errOut)
	}
	before := map[string]string{}
	for rel := range listFiles(t, snap) {
		b, _ := os.ReadFile(filepath.Join(snap, rel))
		before[rel] = string(b)
	}
	bad := map[string]string{"CA_API_URL": env["CA_API_URL"], "CA_API_ID": env["CA_API_ID"], "CA_API_KEY": "WRONG"}
	refused := map[string]string{"CA_API_URL": "http://example.com/API/", "CA_API_ID": "x", "CA_API_KEY": "y"}
	for name, vars := range map[string]map[string]string{"wrong key": bad, "refused url": refused} {
		if code, _, _ := runCLIAt(t, sandboxtest.Now(), vars, "fetch", "--out", snap, "-q"); code == exitOK {
			t.Errorf("%s: fetch succeeded", name)
		}
		after := listFiles(t, snap)
		if len(after) != len(before) {
			t.Errorf("%s: %d files after, %d before", name, len(after), len(before))
		}
		for rel, want := range before {
			if b, err := os.ReadFile(filepath.Join(snap, rel)); err != nil || string(b) != want {
				t.Errorf("%s: %s changed (%v)", name, rel, err)
			}
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(snap))
	if len(entries) != 1 {
		t.Errorf("left beside the snapshot: %v", entries)
	}
}

// TestTerminalEscapes checks that escape sequences in API data (a coach
// named with an ANSI sequence) never reach the terminal raw.
func TestTerminalEscapes(t *testing.T) {
	acct := sandboxtest.Fixture()
	acct.Coaches[1].FirstName = "Carl\x1b]0;pwned\x07\x1b[31m"
	_, url := sandboxtest.Start(t, sandbox.Options{Account: acct, Now: sandboxtest.Now})
	env := map[string]string{"CA_API_URL": url, "CA_API_ID": sandboxtest.APIID, "CA_API_KEY": sandboxtest.APIKey}
	for _, args := range [][]string{
		{"list", "coaches"},
		{reportList()[0].Name, "--coach", "nobody", "--period", "2025-05", "--out", t.TempDir()},
	} {
		_, out, errOut := runCLIAt(t, sandboxtest.Now(), env, args...)
		if strings.ContainsAny(out+errOut, "\x1b\x07") {
			t.Errorf("%v: raw escape sequence printed:\n%q\n%q", args, out, errOut)
		}
		if !strings.Contains(out+errOut, `Carl\x1b]0;pwned\a\x1b[31m`) {
			t.Errorf("%v: the escaped name is not shown:\n%s%s", args, out, errOut)
		}
	}
}

// TestBadRecordRefused checks that an invoice the API sends with an amount
// careport cannot read stops the run naming the record, writes nothing,
// and says what to do.
func TestBadRecordRefused(t *testing.T) {
	acct := sandboxtest.Fixture()
	acct.Invoices[0].Currency = "=1+1"
	_, url := sandboxtest.Start(t, sandbox.Options{Account: acct, Now: sandboxtest.Now})
	env := map[string]string{"CA_API_URL": url, "CA_API_ID": sandboxtest.APIID, "CA_API_KEY": sandboxtest.APIKey}
	dir := t.TempDir()
	code, _, errOut := runCLIAt(t, sandboxtest.Now(), env, reportList()[0].Name, "--period", "2025-05", "--out", dir)
	if code != exitFailure {
		t.Errorf("exit code: got %d, want %d (%s)", code, exitFailure, errOut)
	}
	for _, want := range []string{"Invoice.getAll", "currency", "no report was written"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr %q lacks %q", errOut, want)
		}
	}
	if files := listFiles(t, dir); len(files) != 0 {
		t.Errorf("wrote %v", files)
	}
}
