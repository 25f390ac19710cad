package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/careport/careport/fetch/sandbox"
	"github.com/careport/careport/fetch/sandbox/generate"
	"github.com/careport/careport/fetch/sandbox/sandboxtest"
)

// BenchmarkEngagementsLargeSnapshot is the whole `careport engagements
// --snapshot` run of the large generated account as a user runs it: the
// built binary decoding the snapshot (engagements with their appointments,
// every appointment, clients, coaches, companies, invoices), building the
// report of the last full month and writing the workbook. It reports the
// wall time and the child's own peak RSS (VmHWM, see watchHWM).
//
//	go test ./cmd/careport -run '^$' -bench EngagementsLargeSnapshot -benchtime 3x
func BenchmarkEngagementsLargeSnapshot(b *testing.B) {
	bin := careportBinary(b)
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
	envv := append(os.Environ(), "CA_API_URL="+url, "CA_API_ID="+sandboxtest.APIID, "CA_API_KEY="+sandboxtest.APIKey)
	fetchCmd := exec.Command(bin, "fetch", "--out", snap, "-q", "--reports", "engagements")
	fetchCmd.Env = envv
	if out, err := fetchCmd.CombinedOutput(); err != nil {
		b.Fatalf("fetch: %v\n%s", err, out)
	}
	period := acct.AsOf.Time(loc).Format("2006-01")
	var wall time.Duration
	var rss int64
	for b.Loop() {
		cmd := exec.Command(bin, "engagements", "--snapshot", snap, "--period", period, "--out", b.TempDir(), "-q")
		start := time.Now()
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		hwm := watchHWM(cmd.Process.Pid, done)
		wall += time.Since(start)
		rss = max(rss, hwm)
	}
	b.ReportMetric(wall.Seconds()/float64(b.N), "wall-s/op")
	b.ReportMetric(float64(rss)/1024, "peak-rss-MB")
}
