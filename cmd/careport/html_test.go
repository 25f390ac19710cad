package main

import (
	"bytes"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"

	"github.com/careport/careport/render/html"
	"github.com/careport/careport/render/html/htmldump"
)

// TestHTMLPackGolden outlines every page the demo writes (the sample
// account's reports of its last full month: title block, KPI cards,
// charts and their series, tables with their first, last and totals rows,
// notes, scripts and policy; see render/html/htmldump) and compares each
// with its golden file in testdata/, rewritten only by
// `go test ./cmd/careport -run TestHTMLPackGolden -update`. Every demo run
// writes a page beside its workbook.
func TestHTMLPackGolden(t *testing.T) {
	dir := demoPack(t)
	books, err := filepath.Glob(filepath.Join(dir, "*.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	pages, err := filepath.Glob(filepath.Join(dir, "*.html"))
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) == 0 || len(pages) != len(books) {
		t.Fatalf("the demo wrote %d pages for %d workbooks", len(pages), len(books))
	}
	for _, p := range pages {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out, err := htmldump.Outline(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		t.Logf("%s: %d bytes", filepath.Base(p), len(b))
		golden(t, filepath.Base(p)+".txt", out)
	}
}

// htmlKeepEnv names a folder to copy the large account's page to, for a
// look in a browser.
const htmlKeepEnv = "CAREPORT_HTML_KEEP"

// BenchmarkHTMLLargeRevenue renders the HTML page of the large generated
// account's revenue report (95,120 invoices; the report of its last full
// month, read from a snapshot as `careport revenue --snapshot` reads it):
// the report is built once, then each iteration writes the page. It
// reports the page's size (html-bytes, ECharts inlined or not as this
// build has it) and the time to render it (ns/op). CAREPORT_HTML_KEEP=dir
// keeps the page as dir/large-revenue-YYYY-MM.html.
//
//	go test ./cmd/careport -run '^$' -bench HTMLLargeRevenue -benchtime 5x
func BenchmarkHTMLLargeRevenue(b *testing.B) {
	spec := reportList()[0]
	acct, snap, period := largeSnapshot(b, careportBinary(b), "--reports", spec.Name)
	loc, err := acct.Location()
	if err != nil {
		b.Fatal(err)
	}
	now := acct.AsOf.AddDays(1).Time(loc).Add(9 * time.Hour)

	e := &env{ctx: b.Context(), stdout: io.Discard, stderr: io.Discard, getenv: func(string) string { return "" }, now: func() time.Time { return now }}
	var af apiFlags
	fs := pflag.NewFlagSet("bench", pflag.ContinueOnError)
	af.add(fs, true)
	if err := fs.Parse([]string{"--snapshot", snap, "-q"}); err != nil {
		b.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	src, err := openSource(e, &af, log, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer src.close()
	j, rf, err := demoJob(spec, nil)
	if err != nil {
		b.Fatal(err)
	}
	rf.period, rf.out, rf.format = period, b.TempDir(), "html"
	res, err := runReports(e, log, src, []job{j}, rf, now)
	if err != nil {
		b.Fatal(err)
	}
	if len(res) != 1 || len(res[0].files) != 1 || !strings.HasSuffix(res[0].files[0], ".html") {
		b.Fatalf("got results %+v, want one page", res)
	}
	fi, err := os.Stat(res[0].files[0])
	if err != nil {
		b.Fatal(err)
	}
	r := res[0].report
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := html.Write(b.Context(), &buf, r, html.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	if int64(buf.Len()) != fi.Size() {
		b.Errorf("rendered %d bytes, the command wrote %d", buf.Len(), fi.Size())
	}
	b.ReportMetric(float64(fi.Size()), "html-bytes")
	b.ReportMetric(float64(len(r.Sheets)), "sheets")
	b.Logf("%s: %d bytes, ECharts inlined: %v", filepath.Base(res[0].files[0]), fi.Size(), html.Inlined())
	if keep := os.Getenv(htmlKeepEnv); keep != "" {
		if err := os.WriteFile(filepath.Join(keep, "large-"+filepath.Base(res[0].files[0])), buf.Bytes(), 0o644); err != nil {
			b.Error(err)
		}
	}
	page := buf.String()
	if i := strings.Index(page, "Tables show at most"); i >= 0 {
		b.Logf("%s", page[i:i+strings.Index(page[i:], "</p>")])
	}
}
