package main

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// The browser harness: one headless Chromium for a test, a tab that records
// everything a page does that a reader's browser would do behind their back
// (console errors, exceptions, CSP violations, dialogs, requests), and the
// probes that read what the page shows. html_browser_test.go runs it over
// every report's HTML; browser_selftest_test.go proves on hand-written
// pages that each check can fail.

// probeJS reads a loaded page: its charts, text and width (see the file).
//
//go:embed testdata/browser/probe.js
var probeJS string

// tooltipsJS shows the tooltips of the chart items with hostile labels.
//
//go:embed testdata/browser/tooltips.js
var tooltipsJS string

// settledJS is true once the page has loaded and every chart's animation
// has ended, so that the probe and the screenshot see the final drawing.
const settledJS = `document.readyState === 'complete' &&
  [...document.querySelectorAll('[_echarts_instance_]')].every((el) => {
    const inst = window.echarts && window.echarts.getInstanceByDom(el);
    const zr = inst && inst.getZr && inst.getZr();
    return !zr || !zr.animation || !zr.animation.isFinished || zr.animation.isFinished();
  })`

// violationsJS runs before any script of every page the tab opens. A CSP
// violation is an error for this test however the browser reports it; the
// page's securitypolicyviolation events are the sure record of them.
const violationsJS = `window.__careportViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__careportViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') +
    (e.sample ? ' (' + e.sample + ')' : '') + ' at ' + e.sourceFile + ':' + e.lineNumber);
}, true);`

// chromiumNames are the browsers the test drives, first found first: the
// Debian package's, then the same under other names.
var chromiumNames = []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "headless-shell"}

// findChromium returns the browser's path, or fails the test: a missing
// browser is a broken test machine, never a reason to skip.
func findChromium(t testing.TB) string {
	t.Helper()
	for _, name := range chromiumNames {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatalf("the browser test needs Chromium, and none of %s is installed: run `apt-get install chromium` (Debian; .ci/run installs it)",
		strings.Join(chromiumNames, ", "))
	return ""
}

// browser is one headless Chromium, shut down when the test ends.
type browser struct {
	ctx context.Context
}

// startBrowser starts Chromium with a fresh profile. The browser gets no
// network proxy and no extensions; each tab turns the network off itself.
func startBrowser(t testing.TB) *browser {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(findChromium(t)),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1200, 900),
	)
	if os.Geteuid() == 0 {
		// Chromium refuses to run as root with its sandbox (CI containers
		// run as root). The pages are our own files, opened offline.
		opts = append(opts, chromedp.NoSandbox)
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	// The first Do starts the browser and ties its life to ctx (so no
	// timeout here: it would end the browser with it).
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start %s: %v", findChromium(t), err)
	}
	return &browser{ctx: ctx}
}

// viewport is a window size the pages are looked at in.
type viewport struct {
	name          string
	width, height int64
	mobile        bool
}

var (
	desktop = viewport{name: "desktop", width: 1200, height: 900}
	// phone is an iPhone's CSS width, as the issue asks (375 px).
	phone = viewport{name: "phone", width: 375, height: 812, mobile: true}
)

// tab is one browser tab with the network off, recording what each page
// it opens does.
type tab struct {
	ctx context.Context

	mu       sync.Mutex
	page     string   // the URL of the page being looked at
	errors   []string // console errors, exceptions, error log entries
	requests []string // every request but the page itself
	dialogs  []string // alert, confirm, prompt, beforeunload
}

// newTab opens a tab, offline, that records from the first event on.
func (b *browser) newTab(t testing.TB) *tab {
	t.Helper()
	tb := &tab{}
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithListener(tb.record))
	t.Cleanup(cancel)
	tb.ctx = ctx
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	// Offline twice over: every request fails as with no network, and
	// navigator.onLine says so.
	if _, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		MatchedNetworkConditions: []*network.Conditions{{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}},
	}); err != nil {
		t.Fatalf("turn the network off: %v", err)
	}
	if _, err := chromedp.Call(ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{
		Offline: true, DownloadThroughput: -1, UploadThroughput: -1,
	}); err != nil {
		t.Fatalf("turn the network off: %v", err)
	}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: violationsJS}); err != nil {
		t.Fatalf("add the CSP listener: %v", err)
	}
	return tb
}

// record is the tab's listener: it runs in the tab's event loop, in order,
// so it only notes things down. A dialog blocks the page until answered,
// so it is dismissed from another goroutine.
func (tb *tab) record(ev any) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			tb.errors = append(tb.errors, "console."+string(ev.Type)+": "+remoteArgs(ev.Args))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			msg += " " + d.Exception.Description
		}
		tb.errors = append(tb.errors, fmt.Sprintf("uncaught exception at %s:%d: %s", d.URL, d.LineNumber+1, msg))
	case *log.EventEntryAdded:
		if e := ev.Entry; e.Level == log.EntryLevelError {
			tb.errors = append(tb.errors, fmt.Sprintf("browser log (%s): %s %s", e.Source, e.Text, e.URL))
		}
	case *network.EventRequestWillBeSent:
		u := ev.Request.URL
		if u != tb.page && !inPage(u) {
			tb.requests = append(tb.requests, string(ev.Type)+" "+u)
		}
	case *page.EventJavascriptDialogOpening:
		tb.dialogs = append(tb.dialogs, fmt.Sprintf("%s(%q)", ev.Type, ev.Message))
		go func() {
			_, _ = chromedp.Call(tb.ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}()
	}
}

// inPage reports whether a URL is data the page carries itself (data: and
// blob: URLs, about:blank): loading it sends nothing anywhere.
func inPage(u string) bool {
	for _, p := range []string{"data:", "blob:", "about:"} {
		if strings.HasPrefix(u, p) {
			return true
		}
	}
	return false
}

// remoteArgs is a console call's arguments as the console shows them.
func remoteArgs(args []*runtime.RemoteObject) string {
	var parts []string
	for _, a := range args {
		switch {
		case a.Value != nil:
			var s string
			if json.Unmarshal([]byte(a.Value), &s) == nil {
				parts = append(parts, s)
			} else {
				parts = append(parts, string(a.Value))
			}
		case a.Description != "":
			parts = append(parts, a.Description)
		default:
			parts = append(parts, string(a.Type))
		}
	}
	return strings.Join(parts, " ")
}

// chartProbe is what probe.js reads of one ECharts instance.
type chartProbe struct {
	ID          string   `json:"id"`
	Width       int      `json:"width"`
	Height      int      `json:"height"`
	Instance    bool     `json:"instance"`
	Series      int      `json:"series"`
	Points      int      `json:"points"`
	SeriesNames []string `json:"seriesNames"`
	Labels      []string `json:"labels"`
	Title       string   `json:"title"`
	Painted     int      `json:"painted"`
	SVGShapes   int      `json:"svgShapes"`
}

// drew reports whether the chart put anything on screen.
func (c chartProbe) drew() bool { return c.Painted > 0 || c.SVGShapes > 0 }

// pageProbe is what probe.js reads of a page.
type pageProbe struct {
	URL             string       `json:"url"`
	Title           string       `json:"title"`
	Text            string       `json:"text"`
	ScrollWidth     int          `json:"scrollWidth"`
	ClientWidth     int          `json:"clientWidth"`
	InnerWidth      int          `json:"innerWidth"`
	Charts          []chartProbe `json:"charts"`
	ECharts         bool         `json:"echarts"`
	CSP             []string     `json:"csp"`
	ExternalScripts []string     `json:"externalScripts"`
	Injected        int          `json:"injected"`
	Violations      []string     `json:"violations"`
}

// tipProbe is what tooltips.js read of one tooltip.
type tipProbe struct {
	Chart    string `json:"chart"`
	Label    string `json:"label"`
	Text     string `json:"text"`
	Injected int    `json:"injected"`
}

// visit is what the tab saw of one page at one viewport.
type visit struct {
	probe    pageProbe
	tips     []tipProbe
	errors   []string
	requests []string
	dialogs  []string
	png      []byte // full-page screenshot
	screen   []byte // screenshot of the first screen (the viewport)
}

// fileURL is the file:// URL of a local file, as the browser's address bar
// has it.
func fileURL(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String(), nil
}

// look opens the file at path in the tab at the viewport, waits for it to
// settle, and returns what it showed and did. hostile are the strings whose
// chart tooltips it opens. A page that never settles is an error.
func (tb *tab) look(path string, vp viewport, hostile []string) (*visit, error) {
	u, err := fileURL(path)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(tb.ctx, 30*time.Second)
	defer cancel()
	tb.mu.Lock()
	tb.page, tb.errors, tb.requests, tb.dialogs = u, nil, nil, nil
	tb.mu.Unlock()
	if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: vp.width, Height: vp.height, DeviceScaleFactor: 1, Mobile: vp.mobile,
	}); err != nil {
		return nil, fmt.Errorf("set the %s viewport: %w", vp.name, err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
		return nil, fmt.Errorf("open %s: %w", u, err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](settledJS, chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		return nil, fmt.Errorf("%s did not settle (load, chart animations) within 15 s: %w", u, err)
	}
	v := &visit{}
	if v.probe, err = chromedp.Run(ctx, chromedp.Evaluate[pageProbe](probeJS)); err != nil {
		return nil, fmt.Errorf("probe %s: %w", u, err)
	}
	// The screenshots before the tooltips are opened: the page as it loads.
	if v.png, err = chromedp.Run(ctx, chromedp.FullScreenshot(100)); err != nil {
		return nil, fmt.Errorf("screenshot %s: %w", u, err)
	}
	if v.screen, err = chromedp.Run(ctx, chromedp.CaptureScreenshot()); err != nil {
		return nil, fmt.Errorf("screenshot %s: %w", u, err)
	}
	if len(hostile) > 0 {
		args, err := json.Marshal(hostile)
		if err != nil {
			return nil, err
		}
		expr := "(" + strings.TrimSpace(tooltipsJS) + ")(..." + string(args) + ")"
		if v.tips, err = chromedp.Run(ctx, chromedp.Evaluate[[]tipProbe](expr, chromedp.EvalAwaitPromise)); err != nil {
			return nil, fmt.Errorf("open the tooltips of %s: %w", u, err)
		}
	}
	// A moment for what the tooltips set off (an image that fails to
	// load, its onerror handler), then a round trip, so that every event
	// the page caused has reached the listener (the tab keeps their order).
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[int](`new Promise((ok) => setTimeout(() => ok(1), 250))`, chromedp.EvalAwaitPromise)); err != nil {
		return nil, err
	}
	tb.mu.Lock()
	v.errors = append(v.errors, tb.errors...)
	v.requests = append(v.requests, tb.requests...)
	v.dialogs = append(v.dialogs, tb.dialogs...)
	tb.mu.Unlock()
	for _, s := range v.probe.Violations {
		v.errors = append(v.errors, "CSP violation: "+s)
	}
	return v, nil
}
