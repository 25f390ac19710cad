package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"

	"github.com/careport/careport/fetch/sandbox"
	"github.com/careport/careport/fetch/sandbox/account"
	"github.com/careport/careport/fetch/sandbox/generate"
	"github.com/careport/careport/fetch/sandbox/sandboxtest"
	"github.com/careport/careport/reports/model"
	"github.com/careport/careport/reports/scorecard"
)

// screenshotsEnv names a folder the browser test saves its screenshots to
// (an absolute path; one full-page and one first-screen PNG per report
// and width); by default they go to a temporary folder that the test
// removes. The README says how its screenshot is made from them.
const screenshotsEnv = "CAREPORT_SCREENSHOTS"

// The hostile names the issue lists: one ends a <script> element and opens
// another, one is markup that runs when parsed as HTML, and one is the
// marker go-echarts strips from the options it writes.
const (
	hostileScript = `</script><script>alert(1)</script>`
	hostileImg    = `<img src=x onerror=alert(1)>`
	hostileFunc   = `__f__`
)

// hostileNames are the three, in the order hostileAccount hands them out.
var hostileNames = []string{hostileScript, hostileImg, hostileFunc}

// maxProblems is the most problems the test lists per page and width: the
// first ones say what is wrong.
const maxProblems = 15

// hostileAccount is the demo's sample account with the hostile names given
// to three clients and two coaches. The clients are the demo coach's (so
// that the scorecard's per-coach run lists them) with a data point in the
// sample's last month of a metric with a target of a demo run's --field
// (so that the metrics report charts them); the coaches are two others,
// whom the team's scorecard charts.
func hostileAccount(t *testing.T) *account.Account {
	t.Helper()
	acct, err := generate.Generate(generate.Small, generate.SampleSeed)
	if err != nil {
		t.Fatal(err)
	}
	demo := -1
	var others []*account.Coach
	for _, c := range acct.Coaches {
		switch {
		case c.FirstName+" "+c.LastName == scorecard.DemoCoach:
			demo = c.ID
		case c.IsActive && c.IsCoaching:
			others = append(others, c)
		}
	}
	if demo < 0 || len(others) < 2 {
		t.Fatalf("the sample account has no coach %q or fewer than two other coaches", scorecard.DemoCoach)
	}
	others[0].FirstName, others[0].LastName = hostileScript, hostileFunc
	others[1].FirstName = hostileImg
	// The metrics the demo runs chart: the --field values of the report
	// list's demo runs.
	fields := map[string]bool{}
	for _, s := range reportList() {
		for _, args := range s.Demo {
			for i, a := range args {
				if a == "--field" && i+1 < len(args) {
					fields[args[i+1]] = true
				}
			}
		}
	}
	asOf := acct.AsOf.Time(time.UTC)
	monthStart := account.DateOf(asOf.Year(), asOf.Month(), 1)
	tracked := map[int]bool{}
	for _, m := range acct.Metrics {
		if !fields[m.Name] || m.TargetStart == nil {
			continue
		}
		for _, d := range m.Data {
			if d.DateOf >= monthStart && d.DateOf <= acct.AsOf {
				tracked[m.ClientID] = true
			}
		}
	}
	var picked []*account.Client
	for _, c := range acct.Clients {
		if c.CoachID == demo && c.IsActive && tracked[c.ID] && len(picked) < len(hostileNames) {
			picked = append(picked, c)
		}
	}
	if len(picked) < len(hostileNames) {
		t.Fatalf("the sample account has %d active clients of %s with a data point of a metric of %q with a target in its last month, want %d",
			len(picked), scorecard.DemoCoach, slices.Sorted(maps.Keys(fields)), len(hostileNames))
	}
	for i, c := range picked {
		c.FirstName = hostileNames[i]
	}
	return acct
}

// demoPage is one HTML file a demo run wrote, with the model it shows.
type demoPage struct {
	run    string // "scorecard --coach Thomas Patel --quiet-weeks 1"
	path   string
	report *model.Report
}

// hostileDemo runs every demo run of every report in the report list, as
// `careport demo` does (one data set for all, the demo's clock), against
// the hostile account served by the sandbox over real HTTP, writing HTML
// only, and returns each run's page with its model.
func hostileDemo(t *testing.T, dir string) []demoPage {
	t.Helper()
	acct := hostileAccount(t)
	loc, err := acct.Location()
	if err != nil {
		t.Fatal(err)
	}
	now := acct.AsOf.AddDays(1).Time(loc).Add(9 * time.Hour)
	_, url := sandboxtest.Start(t, sandbox.Options{Account: acct, Now: func() time.Time { return now }})
	var stderr bytes.Buffer
	e := &env{ctx: t.Context(), stdout: io.Discard, stderr: &stderr, now: func() time.Time { return now },
		getenv: func(k string) string {
			return map[string]string{"CA_API_ID": sandboxtest.APIID, "CA_API_KEY": sandboxtest.APIKey}[k]
		}}
	var af apiFlags
	af.add(pflag.NewFlagSet("demo", pflag.ContinueOnError), false)
	af.url, af.log = url, logFlags{format: "text", quiet: true}
	log := slog.New(slog.NewTextHandler(&stderr, &slog.HandlerOptions{Level: slog.LevelError}))
	src, err := openSource(e, &af, log, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer src.close()
	src.accountName = acct.Name
	var pages []demoPage
	for _, s := range reportList() {
		runs := s.Demo
		if runs == nil {
			runs = [][]string{nil}
		}
		for _, args := range runs {
			name := strings.TrimSpace(s.Name + " " + strings.Join(args, " "))
			j, rf, err := demoJob(s, args)
			if err != nil {
				t.Fatal(err)
			}
			rf.out, rf.format = dir, "html"
			res, err := runReports(e, log, src, []job{j}, rf, now)
			if err != nil {
				t.Fatalf("%s: %v\n%s", name, err, stderr.String())
			}
			var html []string
			for _, f := range res[0].files {
				if strings.HasSuffix(f, ".html") {
					html = append(html, f)
				}
			}
			if len(html) != 1 {
				t.Fatalf("%s wrote %q, want one .html file", name, res[0].files)
			}
			pages = append(pages, demoPage{run: name, path: html[0], report: res[0].report})
		}
	}
	return pages
}

// TestHTMLInBrowser opens every report's HTML, as the demo writes it but
// for an account with hostile client and coach names, in headless Chromium
// with the network off, at desktop width and at a phone's 375 px, and
// checks what the "Must show" asks: every chart of the report's
// model drew, with its series; the console has no error (nor exception,
// nor CSP violation); no request left the page; the hostile names raised
// no dialog, made no element and appear as text, in the tables and in the
// charts' options and tooltips; and the phone layout does not scroll
// sideways. It saves a full-page PNG of each report at each width in
// $CAREPORT_SCREENSHOTS (default: a temporary folder):
//
//	CAREPORT_SCREENSHOTS=$PWD/out/shots go test -count=1 -run TestHTMLInBrowser ./cmd/careport
func TestHTMLInBrowser(t *testing.T) {
	shots := os.Getenv(screenshotsEnv)
	if shots == "" {
		shots = t.TempDir()
	} else if !filepath.IsAbs(shots) {
		t.Fatalf("%s=%s: give an absolute path (go test runs in the package's folder), e.g. %s=$PWD/out/shots", screenshotsEnv, shots, screenshotsEnv)
	} else if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	b := startBrowser(t) // first: a missing Chromium fails before the reports run
	start := time.Now()
	pages := hostileDemo(t, filepath.Join(t.TempDir(), "out"))
	t.Logf("%d demo runs written as HTML in %.1f s", len(pages), time.Since(start).Seconds())
	// The pages are the ones `careport demo` writes, file for file.
	demoDir := t.TempDir()
	start = time.Now()
	if code, out, errOut := runCLI(t, nil, "demo", "--out", demoDir, "-q"); code != exitOK {
		t.Fatalf("demo: exit %d\n%s\n%s", code, out, errOut)
	}
	t.Logf("the demo ran in %.1f s", time.Since(start).Seconds())
	var demoHTML, ours []string
	for f := range listFiles(t, demoDir) {
		if strings.HasSuffix(f, ".html") {
			demoHTML = append(demoHTML, f)
		}
	}
	for _, pg := range pages {
		ours = append(ours, filepath.Base(pg.path))
	}
	slices.Sort(demoHTML)
	slices.Sort(ours)
	if !slices.Equal(demoHTML, ours) {
		t.Errorf("the demo writes the HTML files %q; this test looks at %q", demoHTML, ours)
	}
	tb := b.newTab(t)
	seen := map[string]bool{} // hostile names some chart carries
	for _, pg := range pages {
		want := modelWant(t.Context(), t, pg.report)
		for _, c := range want.charts {
			for _, l := range c.labels {
				for _, h := range hostileNames {
					seen[h] = seen[h] || strings.Contains(l, h)
				}
			}
		}
		for _, vp := range []viewport{desktop, phone} {
			start := time.Now()
			v, err := tb.look(pg.path, vp, hostileNames)
			if err != nil {
				t.Fatalf("%s: %v", pg.run, err)
			}
			probs := pageProblems(v, vp, want)
			if len(probs) > maxProblems {
				probs = append(probs[:maxProblems], fmt.Sprintf("and %d more problems", len(probs)-maxProblems))
			}
			for _, p := range probs {
				t.Errorf("%s at %s width: %s", pg.run, vp.name, p)
			}
			base := filepath.Join(shots, strings.TrimSuffix(filepath.Base(pg.path), ".html")+"-"+vp.name)
			png := base + ".png"
			if err := os.WriteFile(png, v.png, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(base+"-first-screen.png", v.screen, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("%s at %s width: %d charts, %d tooltips of hostile labels, looked at in %.1f s; %s (%d KB)",
				pg.run, vp.name, len(v.probe.Charts), len(v.tips), time.Since(start).Seconds(), png, len(v.png)/1024)
		}
	}
	// The account is made so that each hostile name reaches some chart;
	// if a change of the sample moved them out, the test would lose its
	// point without failing.
	for _, h := range hostileNames {
		if !seen[h] {
			t.Errorf("no report's chart carries the hostile name %q: pick other clients or coaches in hostileAccount", h)
		}
	}
}

// modelWant is what a report's page must show, from its model: every
// chart (the front page's, then each sheet's, in order), with its series
// and the hostile names among its labels (a chart of an empty sheet has
// nothing to draw: only its title must be there), and every hostile name
// that the model has anywhere as text.
func modelWant(ctx context.Context, t *testing.T, r *model.Report) pageWant {
	t.Helper()
	var want pageWant
	hostile := func(s string) bool {
		return slices.ContainsFunc(hostileNames, func(h string) bool { return strings.Contains(s, h) })
	}
	// inModel are the hostile names the model has somewhere as text.
	inModel := map[string]bool{}
	addText := func(ss ...string) {
		for _, s := range ss {
			for _, h := range hostileNames {
				inModel[h] = inModel[h] || strings.Contains(s, h)
			}
		}
	}
	sheet := func(name string) *model.Sheet {
		for _, s := range r.Sheets {
			if s.Name == name {
				return s
			}
		}
		return nil
	}
	chart := func(on *model.Sheet, c model.Chart) {
		w := chartWant{title: c.Title, series: len(c.Values)}
		if c.Kind == model.ChartPie {
			w.series = 1
		}
		data := on
		if c.Data != "" {
			data = sheet(c.Data)
		}
		if data == nil {
			t.Fatalf("%s: the chart %q draws the sheet %q, which the report does not have", r.Name, c.Title, c.Data)
		}
		if data.Len() == 0 {
			// Nothing to draw: the page says so under the chart's title.
			want.texts = append(want.texts, c.Title)
			return
		}
		for _, v := range c.Values {
			if hostile(v) {
				w.labels = append(w.labels, v)
			}
		}
		if col := data.ColumnIndex(c.Category); col >= 0 {
			if err := data.EachRow(ctx, func(_ int, row model.Row) error {
				if s := row[col].Str(); row[col].Kind() == model.KindText && hostile(s) && !slices.Contains(w.labels, s) {
					w.labels = append(w.labels, s)
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
		}
		want.charts = append(want.charts, w)
	}
	for _, c := range r.Charts {
		chart(nil, c)
	}
	for _, s := range r.Sheets {
		for _, c := range s.Charts {
			chart(s, c)
		}
	}
	addText(r.Title, r.Account)
	for _, f := range r.Filters {
		addText(f.Value)
	}
	addText(r.Warnings...)
	for _, k := range r.KPIs {
		addText(k.Name, k.Group)
	}
	for _, s := range r.Sheets {
		if err := s.EachRow(ctx, func(_ int, row model.Row) error {
			for _, v := range row {
				if v.Kind() == model.KindText {
					addText(v.Str())
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	for _, h := range hostileNames {
		if inModel[h] {
			want.texts = append(want.texts, h)
		}
	}
	return want
}
