package main

// Tests of what a new user tried and found wrong: each failed before its fix.

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/careport/careport/fetch/sandbox"
	"github.com/careport/careport/fetch/sandbox/sandboxtest"
)

// TestNewcomerDefects is a table of what a new user tried and found wrong,
// each case failing before its fix.
func TestNewcomerDefects(t *testing.T) {
	_, sb := startSandbox(t)
	name := reportList()[0].Name
	// The middle of a month: relative words must work on any day, not only
	// on the last day of a month.
	midJune := time.Date(2025, 6, 15, 12, 0, 0, 0, sandboxtest.Now().Location())
	tests := []struct {
		name     string
		now      time.Time
		env      map[string]string
		args     []string
		wantCode int
		wantOut  string
		wantErr  string
		notErr   string
	}{
		{"ytd in mid-month", midJune, sb, []string{name, "--period", "ytd", "--out", t.TempDir()}, exitOK,
			"wrote ", "had not ended", "whole months"},
		{"unknown coach listed one per line", sandboxtest.Now(), sb, []string{name, "--period", "2025-05", "--coach", "nobody", "--out", t.TempDir()}, exitUsage,
			"", "its coaches are:\n  1  Olivia Owner  olivia@example.com\n  2  Carl Coach", `\n`},
		{"range too long is a usage error", sandboxtest.Now(), sb, []string{name, "--from", "2000-01", "--to", "2025-05", "--out", t.TempDir()}, exitUsage,
			"", "at most 240 months", "invalid revenue report options"},
		{"no data for a coach names the filter", sandboxtest.Now(), sb, []string{name, "--period", "2025-05", "--coach", "3", "--out", t.TempDir()}, exitOK,
			"wrote ", "for the coach Ada Admin", ""},
		{"list with an extra argument", sandboxtest.Now(), sb, []string{"list", "coaches", "extra"}, exitUsage,
			"", `unexpected argument "extra"`, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCLIAt(t, tc.now, tc.env, tc.args...)
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

// TestDemoOutFileStartsNothing checks that a bad --out is refused before
// the demo's sandbox starts (it printed "Sandbox serving" first).
func TestDemoOutFileStartsNothing(t *testing.T) {
	file := filepath.Join(t.TempDir(), "afile")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := runCLI(t, nil, "demo", "--out", file)
	if code != exitUsage || out != "" {
		t.Errorf("got exit %d and stdout %q, want exit %d and nothing on stdout", code, out, exitUsage)
	}
}

// TestDataTimeInAccountZone checks that the front page's "Data as of" is in
// the account's zone when the machine's clock is in another one (a live run
// printed "2026-12-01 22:42 UTC" for a New York account).
func TestDataTimeInAccountZone(t *testing.T) {
	_, sb := startSandbox(t)
	dir := t.TempDir()
	now := sandboxtest.Now().UTC()
	code, _, errOut := runCLIAt(t, now, sb, reportList()[0].Name, "--period", "2025-05", "--out", dir, "-q")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	f, err := excelize.OpenFile(filepath.Join(dir, reportList()[0].Name+"-2025-05.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	want := now.In(sandboxtest.Now().Location()).Format("2006-01-02 15:04 MST")
	for _, r := range rows {
		if len(r) > 1 && r[0] == "Data as of" {
			if r[1] != want {
				t.Errorf("Data as of: got %q, want %q", r[1], want)
			}
			return
		}
	}
	t.Error("no Data as of row on the front page")
}

// TestSandboxFlagsPlain checks that the sandbox's refusals are usage errors
// in plain words, not Go's "listen tcp: address bogus: missing port in
// address" or "decode account: EOF".
func TestSandboxFlagsPlain(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.json")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
		notErr   string
	}{
		{"negative latency", []string{"--addr", "127.0.0.1:0", "--latency", "-1s"}, exitUsage, "--latency must not be negative", ""},
		{"negative jitter", []string{"--addr", "127.0.0.1:0", "--jitter", "-5ms"}, exitUsage, "--jitter must not be negative", ""},
		{"address without port", []string{"--addr", "bogus"}, exitUsage, "--addr bogus: want HOST:PORT", "missing port"},
		{"address in use", []string{"--addr", busy.Addr().String()}, exitFailure, "is already in use", "bind:"},
		{"missing account file", []string{"--addr", "127.0.0.1:0", "--account", filepath.Join(dir, "nope.json")}, exitUsage, "nope.json: no such file", "open "},
		{"empty account file", []string{"--addr", "127.0.0.1:0", "--account", empty}, exitFailure, "the file is empty", "EOF"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(t.Context(), 2*time.Second)
			defer cancel()
			var out, errb syncBuffer
			e := &env{ctx: ctx, stdout: &out, stderr: &errb, getenv: func(string) string { return "" }, now: time.Now}
			code := runEnv(e, append([]string{"sandbox"}, tc.args...))
			if code != tc.wantCode {
				t.Errorf("exit code: got %d, want %d\nstdout: %s\nstderr: %s", code, tc.wantCode, out.String(), errb.String())
			}
			if !strings.Contains(errb.String(), tc.wantErr) {
				t.Errorf("stderr: got %q, want it to contain %q", errb.String(), tc.wantErr)
			}
			if tc.notErr != "" && strings.Contains(errb.String(), tc.notErr) {
				t.Errorf("stderr: got %q, want no %q", errb.String(), tc.notErr)
			}
		})
	}
}

// TestOutputErrorPlain checks that a full disk while writing is reported
// as the step and the reason, without the staging folder's and temporary
// file's paths (".careport-staging-23874-.../.revenue-2026-10.xlsx.tmp-...").
func TestOutputErrorPlain(t *testing.T) {
	tmp := "/out/.careport-staging-1-2/.revenue-2026-10.xlsx.tmp-1-2"
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"full disk", fmt.Errorf("xlsx: write workbook: %w", &os.PathError{Op: "write", Path: tmp, Err: syscall.ENOSPC}),
			"write the revenue xlsx in out: no space left on device"},
		{"rename", fmt.Errorf("commit: %w", &os.LinkError{Op: "rename", Old: tmp, New: "/out/x", Err: syscall.EXDEV}),
			"write the revenue xlsx in out: invalid cross-device link"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := &outputError{"write the revenue xlsx in out", tc.err}
			if got := err.Error(); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
			if !errors.Is(err, tc.err) {
				t.Error("the cause is not wrapped")
			}
		})
	}
}

// TestHelpSwitches checks that on/off flags read as plain --quiet in every
// help (pflag 1.1 printed "-h, --help[=true|false]") and still parse as
// before: bare, =false, and a bad value refused in plain words.
func TestHelpSwitches(t *testing.T) {
	for _, c := range commands() {
		_, out, _ := runCLI(t, nil, c.name, "--help")
		if strings.Contains(out, "[=true|false]") {
			t.Errorf("%s --help shows [=true|false]:\n%s", c.name, out)
		}
		if !strings.Contains(out, "-h, --help ") {
			t.Errorf("%s --help lacks -h, --help", c.name)
		}
	}
	name := reportList()[0].Name
	code, _, errOut := runCLI(t, nil, name, "--csv-bom=maybe")
	if code != exitUsage || !strings.Contains(errOut, "want true or false") || strings.Contains(errOut, "strconv") {
		t.Errorf("--csv-bom=maybe: got exit %d, %q; want exit %d and want true or false", code, errOut, exitUsage)
	}
	_, sb := startSandbox(t)
	dir := t.TempDir()
	code, _, errOut = runCLIAt(t, sandboxtest.Now(), sb, "-q", name, "--period", "2025-05", "--format", "csv", "--csv-bom=false", "-h=false", "--out", dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if errOut != "" {
		t.Errorf("-q: stderr %q, want nothing", errOut)
	}
	b, err := os.ReadFile(filepath.Join(dir, name+"-2025-05", name+"-2025-05 KPIs.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasPrefix(string(b), "\uFEFF") {
		t.Error("--csv-bom=false wrote a BOM")
	}
}

// TestListSortedByID checks that list coaches and list clients print in
// ID order, whatever order the API sends (the sample account's coaches
// came as 3, 2, 6, 4, 1, 5).
func TestListSortedByID(t *testing.T) {
	acct := sandboxtest.Fixture()
	slices.Reverse(acct.Coaches)
	slices.Reverse(acct.Clients)
	_, url := sandboxtest.Start(t, sandbox.Options{Account: acct, Now: sandboxtest.Now})
	env := map[string]string{"CA_API_URL": url, "CA_API_ID": sandboxtest.APIID, "CA_API_KEY": sandboxtest.APIKey}
	for _, what := range []string{"coaches", "clients"} {
		code, out, errOut := runCLIAt(t, sandboxtest.Now(), env, "list", what)
		if code != exitOK {
			t.Fatalf("list %s: exit %d: %s", what, code, errOut)
		}
		var ids []int
		for _, line := range strings.Split(strings.TrimSpace(out), "\n")[1:] {
			id, err := strconv.Atoi(strings.Fields(line)[0])
			if err != nil {
				t.Fatalf("list %s: line %q", what, line)
			}
			ids = append(ids, id)
		}
		if !slices.IsSorted(ids) {
			t.Errorf("list %s: got IDs %v, want them in order", what, ids)
		}
	}
}

// TestUnfinishedPeriodWarnsInWorkbook checks that a period not ended at the
// data time is said on the workbook's front page too, not only on stderr:
// whoever the workbook is forwarded to compares a part month with whole
// ones otherwise.
func TestUnfinishedPeriodWarnsInWorkbook(t *testing.T) {
	_, sb := startSandbox(t)
	dir := t.TempDir()
	now := time.Date(2025, 6, 15, 12, 0, 0, 0, sandboxtest.Now().Location())
	code, _, errOut := runCLIAt(t, now, sb, reportList()[0].Name, "--period", "2025-06", "--out", dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if n := strings.Count(errOut, "had not ended"); n != 1 {
		t.Errorf("stderr says %d times that the period had not ended, want once:\n%s", n, errOut)
	}
	f, err := excelize.OpenFile(filepath.Join(dir, reportList()[0].Name+"-2025-06.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		for _, c := range r {
			if strings.Contains(c, "had not ended") {
				return
			}
		}
	}
	t.Error("the front page does not say the period had not ended")
}

// TestHelpCorners checks help's odd corners: 'help help' is the command
// list (it was "unknown command "help" (did you mean "help"?)"), a command
// without arguments has no trailing space in its synopsis, and version's
// refusal does not stutter.
func TestHelpCorners(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantOut  string
		wantErr  string
		notAll   string
	}{
		{"help help", []string{"help", "help"}, exitOK, "Commands:", "", "unknown command"},
		{"synopsis without arguments", []string{"version", "--help"}, exitOK, "Usage: careport version\n", "", "version \n"},
		{"version with an argument", []string{"version", "extra"}, exitUsage, "", `unexpected argument "extra"`, "version: version"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, nil, tc.args...)
			if code != tc.wantCode {
				t.Errorf("exit code: got %d, want %d\nstdout: %s\nstderr: %s", code, tc.wantCode, out, errOut)
			}
			if !strings.Contains(out, tc.wantOut) || !strings.Contains(errOut, tc.wantErr) {
				t.Errorf("got stdout %q, stderr %q; want %q and %q in them", out, errOut, tc.wantOut, tc.wantErr)
			}
			if strings.Contains(out+errOut, tc.notAll) {
				t.Errorf("got %q, want no %q", out+errOut, tc.notAll)
			}
		})
	}
}

// TestCoachNameWithoutAccents checks that --coach finds "Andrés Chen" typed
// as "Andres Chen" (it listed every coach as if none matched).
func TestCoachNameWithoutAccents(t *testing.T) {
	acct := sandboxtest.Fixture()
	acct.Coaches[1].FirstName, acct.Coaches[1].LastName = "Cárl", "Coäch"
	_, url := sandboxtest.Start(t, sandbox.Options{Account: acct, Now: sandboxtest.Now})
	env := map[string]string{"CA_API_URL": url, "CA_API_ID": sandboxtest.APIID, "CA_API_KEY": sandboxtest.APIKey}
	code, out, errOut := runCLIAt(t, sandboxtest.Now(), env, reportList()[0].Name, "--period", "2025-05", "--coach", "carl coach", "--out", t.TempDir(), "-q")
	if code != exitOK || !strings.Contains(out, "coach-2") {
		t.Errorf("got exit %d, stdout %q, stderr %q; want exit 0 and the coach-2 report", code, out, errOut)
	}
}

// TestFetchFutureWindowRefused checks that a snapshot window that starts
// after the data time is refused, not written as a snapshot no report can
// read ("the period 2030-01 starts after the data was fetched").
func TestFetchFutureWindowRefused(t *testing.T) {
	_, sb := startSandbox(t)
	out := filepath.Join(t.TempDir(), "snap")
	code, _, errOut := runCLIAt(t, sandboxtest.Now(), sb, "fetch", "--out", out, "--from", "2030-01", "--to", "2030-02")
	if code != exitUsage || !strings.Contains(errOut, "--from 2030-01 starts after") {
		t.Errorf("got exit %d, stderr %q; want exit %d and --from 2030-01 starts after", code, errOut, exitUsage)
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a snapshot folder was left: %v", err)
	}
}

// TestFetchReportsOnce checks that a report named twice in --reports is
// fetched for and listed once ("for revenue, revenue").
func TestFetchReportsOnce(t *testing.T) {
	_, sb := startSandbox(t)
	name := reportList()[0].Name
	code, out, errOut := runCLIAt(t, sandboxtest.Now(), sb, "fetch", "--out", filepath.Join(t.TempDir(), "s"), "--reports", name+", "+name, "-q")
	if code != exitOK || !strings.Contains(out, "for "+name+", months") {
		t.Errorf("got exit %d, stdout %q, stderr %q; want the report listed once", code, out, errOut)
	}
}

// TestPeriodHelpMatchesReport checks that a report's --period help lists
// only the forms it accepts: revenue's advertised ISO weeks and days, then
// refused them.
func TestPeriodHelpMatchesReport(t *testing.T) {
	for _, s := range reportList() {
		if s.Periods == "" {
			continue
		}
		_, out, _ := runCLI(t, nil, s.Name, "--help")
		for _, line := range strings.Split(out, "\n") {
			if strings.Contains(line, "--period string") && !strings.Contains(line, s.Periods) {
				t.Errorf("%s --help: got %q, want the report's forms %q", s.Name, line, s.Periods)
			}
		}
	}
	_, out, _ := runCLI(t, nil, "revenue", "--help")
	if strings.Contains(out, "2026-W43") {
		t.Errorf("revenue --help offers ISO weeks, which revenue refuses:\n%s", out)
	}
}
