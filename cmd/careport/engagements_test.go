package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/careport/careport/fetch/sandbox/sandboxtest"
)

// TestEngagementsCommand runs `careport engagements` against the sandbox
// fixture through the generic report command: the workbook with every
// sheet of the issue, the CSV files, and the report's own flags.
func TestEngagementsCommand(t *testing.T) {
	_, env := startSandbox(t)
	dir := t.TempDir()
	code, out, errOut := runCLIAt(t, sandboxtest.Now(), env, "engagements", "--period", "2025-05", "--out", dir,
		"--format", "xlsx,csv", "--stalled-days", "14", "--under-use-points", "30", "--include-inactive")
	if code != exitOK {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	for _, want := range []string{"Engagement report 2025-05", "Active at end", "Renewals in 90 days"} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	f, err := excelize.OpenFile(filepath.Join(dir, "engagements-2025-05.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	want := []string{"Summary", "Trend", "Engagements", "At risk", "Renewals", "By coach", "Notes"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Errorf("sheets: got %q, want %q", got, want)
	}
	// The fixture's Ava Chen engagement (1) was active through May.
	rows, err := f.GetRows("Engagements")
	if err != nil || len(rows) < 2 || !slices.ContainsFunc(rows, func(r []string) bool { return len(r) > 0 && r[0] == "Ava Chen" }) {
		t.Errorf("Engagements sheet: %v, rows %q", err, rows)
	}
	notes, err := f.GetRows("Notes")
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	for _, r := range notes {
		text.WriteString(strings.Join(r, " ") + "\n")
	}
	for _, want := range []string{"14 days (--stalled-days)", "30 points (--under-use-points)", "included (--include-inactive)"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("Notes lack %q", want)
		}
	}
	csvs, err := os.ReadDir(filepath.Join(dir, "engagements-2025-05"))
	if err != nil || len(csvs) < 6 {
		t.Errorf("CSV folder: %v, %d files", err, len(csvs))
	}
}

// TestEngagementsFlags checks that the report's own flags are refused
// out of range before any call is made.
func TestEngagementsFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--stalled-days", "0"}, "--stalled-days 0"},
		{[]string{"--stalled-days", "400"}, "from 1 to 365"},
		{[]string{"--under-use-points", "101"}, "--under-use-points 101"},
		{[]string{"--stalled-days", "many"}, "--stalled-days"},
	} {
		// No API flags: a refused flag must fail before the missing
		// credentials are noticed.
		code, _, errOut := runCLI(t, nil, append([]string{"engagements", "--out", t.TempDir()}, tc.args...)...)
		if code != exitUsage || !strings.Contains(errOut, tc.want) {
			t.Errorf("%q: got exit %d, stderr %q; want %d and %q", tc.args, code, errOut, exitUsage, tc.want)
		}
	}
}
