package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/careport/careport/fetch/sandbox/sandboxtest"
	"github.com/careport/careport/reports/metrics"
)

// TestMetricsCommand runs `careport metrics` against the fixture: a
// missing or unknown --field is a usage error (exit 2, the unknown one
// listing the account's names), a field without data in the period fails
// without writing anything (exit 1), and a field with data writes the
// report.
func TestMetricsCommand(t *testing.T) {
	_, env := startSandbox(t)
	now := sandboxtest.Now()
	tests := []struct {
		name    string
		args    []string
		code    int
		stderr  []string
		written bool
	}{
		{"no field", nil, exitUsage, []string{"--field NAME is required"}, false},
		{"unknown field", []string{"--field", "Wieght"}, exitUsage,
			[]string{`--field "Wieght": the account has no metric or form input of that name`, "Weight", "Energy level"}, false},
		{"no data", []string{"--field", "Sleep"}, exitFailure, []string{`the field "Sleep" has no data point in 2025-05`}, false},
		{"bad bucket", []string{"--field", "Weight", "--bucket", "year"}, exitUsage, []string{"--bucket"}, false},
		{"report", []string{"--field", "Weight", "--field", "Energy level"}, exitOK, nil, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			args := append([]string{metrics.Spec.Name, "--period", "2025-05", "--out", out, "--format", "csv,xlsx", "-q"}, tc.args...)
			code, _, errOut := runCLIAt(t, now, env, args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, tc.code, errOut)
			}
			for _, s := range tc.stderr {
				if !strings.Contains(errOut, s) {
					t.Errorf("stderr lacks %q:\n%s", s, errOut)
				}
			}
			_, err := os.Stat(out)
			if wrote := err == nil && len(listFiles(t, out)) > 0; wrote != tc.written {
				t.Errorf("wrote files: %t, want %t", wrote, tc.written)
			}
		})
	}
}

// TestMetricsFromSnapshot fetches a snapshot for the metrics report alone
// (careport fetch calls Needs and MoreNeeds without --field), then runs the
// report from it for fields it was never told about, a month and a run of
// two months, in two bucket sizes, with no API call, and checks every CSV
// equals the live run's.
func TestMetricsFromSnapshot(t *testing.T) {
	srv, env := startSandbox(t)
	now := sandboxtest.Now()
	snap := filepath.Join(t.TempDir(), "snap")
	name := metrics.Spec.Name
	code, out, errOut := runCLIAt(t, now, env, "fetch", "--out", snap, "--reports", name, "--from", "2025-03", "--to", "2025-06", "-q")
	if code != exitOK {
		t.Fatalf("fetch: exit %d\n%s\n%s", code, out, errOut)
	}
	for _, args := range [][]string{
		{"--period", "2025-05", "--field", "Weight", "--field", "Energy level"},
		{"--period", "2025-05", "--field", "Top value", "--values", "text", "--bucket", "month"},
		{"--from", "2025-05", "--to", "2025-06", "--field", "Energy level", "--bucket", "day", "--values", "both"},
	} {
		live, off := t.TempDir(), t.TempDir()
		common := []string{name, "--format", "csv", "--account-name", "Fixture", "-q"}
		code, _, errOut := runCLIAt(t, now, env, append(append(common, "--out", live), args...)...)
		if code != exitOK {
			t.Fatalf("live %q: exit %d\n%s", args, code, errOut)
		}
		before := srv.Stats().Calls
		code, _, errOut = runCLIAt(t, now, map[string]string{}, append(append(common, "--out", off, "--snapshot", snap), args...)...)
		if code != exitOK {
			t.Fatalf("snapshot %q: exit %d\n%s", args, code, errOut)
		}
		if got := srv.Stats().Calls; got != before {
			t.Errorf("snapshot %q: %d API calls, want 0", args, got-before)
		}
		lf, of := listFiles(t, live), listFiles(t, off)
		if len(lf) < 4 || len(lf) != len(of) {
			t.Fatalf("%q: live files %v, snapshot files %v", args, lf, of)
		}
		for rel := range lf {
			if strings.HasSuffix(rel, "Notes.csv") {
				continue // names the data time, which differs by design
			}
			a, _ := os.ReadFile(filepath.Join(live, rel))
			b, err := os.ReadFile(filepath.Join(off, rel))
			if err != nil || !bytes.Equal(a, b) {
				t.Errorf("%q: %s differs between the live and the snapshot run (%v)", args, rel, err)
			}
		}
	}
}

// BenchmarkMetricsLargeSnapshot is `careport metrics --snapshot` over the
// large generated account (about 2,000 clients and 1M metric data points)
// as a user runs it: the built binary reporting the account's eight metric
// names over the 12 months to 2026-10 (so every client's Metric.getAll, with
// its whole data set, is decoded), the workbook and CSVs written. The
// snapshot (careport fetch --reports metrics) is made once, untimed. It
// reports the wall time and the child's peak RSS (VmHWM, as
// BenchmarkRevenueLargeSnapshot).
//
//	go test ./cmd/careport -run '^$' -bench MetricsLargeSnapshot -benchtime 1x -timeout 60m
func BenchmarkMetricsLargeSnapshot(b *testing.B) {
	bin := careportBinary(b)
	name := metrics.Spec.Name
	acct, snap, _ := largeSnapshot(b, bin, "--reports", name, "--from", "2024-11", "--to", "2026-10")
	points := 0
	for _, m := range acct.Metrics {
		points += len(m.Data)
	}
	args := []string{name, "--snapshot", snap, "--from", "2025-11", "--to", "2026-10", "-q", "--format", "xlsx,csv"}
	for _, f := range []string{"Weight", "Sleep", "Meditation", "Steps", "Revenue", "Sales calls", "Stress level", "Focus hours"} {
		args = append(args, "--field", f)
	}
	benchRun(b, bin, args...)
	b.ReportMetric(float64(points), "data-points")
}
