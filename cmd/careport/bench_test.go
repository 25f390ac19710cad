package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/careport/careport/fetch/sandbox"
	"github.com/careport/careport/fetch/sandbox/account"
	"github.com/careport/careport/fetch/sandbox/generate"
	"github.com/careport/careport/fetch/sandbox/sandboxtest"
)

// BenchmarkRevenueLargeSnapshot is the whole `careport revenue --snapshot`
// run of the large generated account (95,120 invoices, a 52 MB
// Invoice.getAll) as a user runs it: the built binary, decode, build and
// the workbook written. It reports the wall time and the child's own peak
// RSS (see watchHWM). Issue 14's goal: at most 0.9 s and 150 MB.
func BenchmarkRevenueLargeSnapshot(b *testing.B) {
	bin := careportBinary(b)
	name := reportList()[0].Name
	_, snap, period := largeSnapshot(b, bin, "--reports", name)
	benchRun(b, bin, name, "--snapshot", snap, "--period", period, "-q")
}

// largeSnapshot serves the large generated account from a sandbox whose
// clock is the morning after the account's history ends, and takes a
// snapshot of it with `careport fetch --out DIR -q fetchArgs...` (untimed).
// It returns the account, the snapshot folder and the account's last month
// (YYYY-MM), the month the benchmarks report.
func largeSnapshot(b *testing.B, bin string, fetchArgs ...string) (*account.Account, string, string) {
	b.Helper()
	acct, err := generate.Generate(generate.Large, 1)
	if err != nil {
		b.Fatal(err)
	}
	loc, err := acct.Location()
	if err != nil {
		b.Fatal(err)
	}
	now := acct.AsOf.AddDays(1).Time(loc).Add(9 * time.Hour)
	_, url := sandboxtest.Start(b, sandbox.Options{Account: acct, Now: func() time.Time { return now }})
	snap := filepath.Join(b.TempDir(), "snap")
	fetchCmd := exec.Command(bin, append([]string{"fetch", "--out", snap, "-q"}, fetchArgs...)...)
	fetchCmd.Env = append(os.Environ(), "CA_API_URL="+url, "CA_API_ID="+sandboxtest.APIID, "CA_API_KEY="+sandboxtest.APIKey)
	start := time.Now()
	if out, err := fetchCmd.CombinedOutput(); err != nil {
		b.Fatalf("fetch: %v\n%s", err, out)
	}
	b.Logf("snapshot fetched in %s", time.Since(start).Round(time.Second))
	return acct, snap, acct.AsOf.Time(loc).Format("2006-01")
}

// benchRun runs the built binary with args and a fresh --out folder once
// per iteration, fails on a failed run, and reports the wall time and the
// child's own peak RSS (see watchHWM).
func benchRun(b *testing.B, bin string, args ...string) {
	b.Helper()
	var wall time.Duration
	var rss int64
	for b.Loop() {
		cmd := exec.Command(bin, append(args, "--out", b.TempDir())...)
		var errb bytes.Buffer
		cmd.Stderr = &errb
		start := time.Now()
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		hwm := watchHWM(cmd.Process.Pid, done)
		wall += time.Since(start)
		if cmd.ProcessState == nil || !cmd.ProcessState.Success() {
			b.Fatalf("%s: %v\n%s", args[0], cmd.ProcessState, errb.String())
		}
		rss = max(rss, hwm)
	}
	b.ReportMetric(wall.Seconds()/float64(b.N), "wall-s/op")
	b.ReportMetric(float64(rss)/1024, "peak-rss-MB")
}

// watchHWM polls the process's VmHWM (its peak resident set, in kB) until
// done reports its exit, and returns the last value read. wait4's
// ru_maxrss cannot be used: Go starts children with vfork, and Linux
// carries the parent's high-water mark (this test process, which holds the
// large account) across the child's exec.
func watchHWM(pid int, done <-chan error) int64 {
	var last int64
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for {
		if b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid)); err == nil {
			for _, line := range strings.Split(string(b), "\n") {
				if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
					if n, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64); err == nil && n > last {
						last = n
					}
				}
			}
		}
		select {
		case <-done:
			return last
		case <-tick.C:
		}
	}
}
