package main

import (
	"crypto/sha256"
	"encoding/base64"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fakeECharts stands in for ECharts on the hand-written pages: the same
// calls the probes make (getInstanceByDom, getOption, getZr, dispatchAction),
// a canvas that paints or not, and a tooltip that shows a label either as
// text or, on the bad page, as HTML.
const fakeECharts = `
window.echarts = { getInstanceByDom: (el) => el.__inst };
function fakeChart(id, option, paint, tooltipHTML) {
  const el = document.getElementById(id);
  const cv = document.createElement('canvas');
  cv.width = el.clientWidth; cv.height = el.clientHeight;
  const wrap = document.createElement('div');
  wrap.appendChild(cv); el.appendChild(wrap);
  if (paint) cv.getContext('2d').fillRect(10, 10, 40, 40);
  el.setAttribute('_echarts_instance_', 'ec_' + id);
  let tip = null;
  el.__inst = {
    getOption: () => option,
    getZr: () => ({ animation: { isFinished: () => true } }),
    dispatchAction: (a) => {
      if (a.type === 'hideTip') { if (tip) tip.remove(); tip = null; return; }
      tip = document.createElement('div');
      const label = option.xAxis[0].data[a.dataIndex];
      if (tooltipHTML) tip.innerHTML = label; else tip.textContent = label;
      el.appendChild(tip);
    },
  };
}
`

// selfTestPage writes a page with the given head and body whose one inline
// script (fakeECharts and then script) is allowed by hash when csp is set,
// and returns its path.
func selfTestPage(t *testing.T, name, csp, body, script string) string {
	t.Helper()
	js := fakeECharts + script
	head := ""
	if csp != "" {
		sum := sha256.Sum256([]byte(js))
		csp = strings.ReplaceAll(csp, "HASH", "'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'")
		head = `<meta http-equiv="Content-Security-Policy" content="` + html.EscapeString(csp) + `">`
	}
	page := `<!doctype html><html><head><meta charset="utf-8">` +
		`<meta name="viewport" content="width=device-width, initial-scale=1">` + head +
		`<title>` + name + `</title><style>body{margin:8px;font-family:sans-serif} .chart{width:100%;height:200px}</style></head><body>` +
		body + `<script>` + js + `</script></body></html>`
	path := filepath.Join(t.TempDir(), name+".html")
	if err := os.WriteFile(path, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestBrowserHarness shows that every check of the browser test can fail:
// a good hand-written page passes them all at both widths, and pages with
// each fault the issue names (a console error, an exception, a request, a
// dialog, markup from a name, a missing or dropped name, a chart that did
// not draw or has the wrong series, a page wider than a phone, a CSP
// violation) are caught.
func TestBrowserHarness(t *testing.T) {
	b := startBrowser(t)
	tb := b.newTab(t)
	const script, img = `</script><script>alert(1)</script>`, `<img src=x onerror=alert(1)>`
	hostile := []string{script, img, "__f__"}
	policy := "default-src 'none'; script-src HASH; style-src 'unsafe-inline'"

	good := selfTestPage(t, "good", policy,
		`<h1>Clients</h1><table><tr><td>`+html.EscapeString(script)+`</td><td>`+html.EscapeString(img)+
			`</td><td>__f__</td></tr></table><div id="c1" class="chart"></div>`,
		`fakeChart('c1', {title: [{text: 'Revenue'}], tooltip: [{}],
			xAxis: [{type: 'category', data: [`+jsString(script)+`, `+jsString(img)+`, '__f__']}],
			series: [{name: 'Invoiced', data: [1, 2, 3]}, {name: 'Collected', data: [1, 2, 3]}]}, true, false);`)
	want := pageWant{
		charts: []chartWant{{title: "Revenue", series: 2, labels: []string{script, img, "__f__"}}},
		texts:  hostile,
	}
	for _, vp := range []viewport{desktop, phone} {
		v, err := tb.look(good, vp, hostile)
		if err != nil {
			t.Fatal(err)
		}
		if probs := pageProblems(v, vp, want); len(probs) > 0 {
			t.Errorf("the good page at %s width: %q", vp.name, probs)
		}
		if len(v.tips) != 3 {
			t.Errorf("the good page at %s width: %d tooltips opened, want 3 (one per hostile label): %+v", vp.name, len(v.tips), v.tips)
		}
		if len(v.png) < 1000 || string(v.png[1:4]) != "PNG" {
			t.Errorf("the good page at %s width: the screenshot is not a PNG (%d bytes)", vp.name, len(v.png))
		}
	}

	bad := selfTestPage(t, "bad", "",
		`<h1>Clients</h1><p>`+img+`</p><p>`+html.EscapeString(script)+`</p><div style="width:600px">wide</div>`+
			`<div id="c1" class="chart"></div><div id="c2" class="chart"></div>`,
		`console.error('boom');
		fetch('https://cdn.example.org/echarts@5.4.3/dist/echarts.min.js').catch(() => {});
		setTimeout(() => { throw new Error('uncaught'); }, 0);
		fakeChart('c1', {title: [{text: 'Revenue'}], tooltip: [{}], xAxis: [{type: 'category', data: ['a', `+jsString(img)+`]}],
			series: [{name: 'Invoiced', data: [1, 2]}]}, true, true);
		fakeChart('c2', {title: [{text: 'Wrong title'}], xAxis: [{type: 'category', data: ['a']}], series: [{name: 'x', data: []}]}, false, false);`)
	badWant := pageWant{
		charts: []chartWant{
			{title: "Revenue", series: 2, labels: []string{img, "Collected"}},
			{title: "Payments", series: 1},
			{title: "Missing", series: 1},
		},
		texts: hostile,
	}
	v, err := tb.look(bad, phone, hostile)
	if err != nil {
		t.Fatal(err)
	}
	probs := strings.Join(pageProblems(v, phone, badWant), "\n")
	t.Logf("the bad page's problems:\n%s", probs)
	for _, want := range []string{
		"console error: console.error: boom",
		"console error: uncaught exception",
		"a request left the page: ",
		"https://cdn.example.org/echarts@5.4.3/dist/echarts.min.js",
		"the page loads ECharts from the network",
		"a JavaScript dialog opened: alert(\"1\")",
		"a name's markup became HTML",
		"no Content-Security-Policy meta tag",
		"at phone width (375 px) the page scrolls sideways",
		`the page's text does not contain "__f__"`,
		"the page has 2 chart(s), the report's model 3",
		"chart 1 (Revenue): 1 series, the model's chart \"Revenue\" has 2",
		"chart 1 (Revenue): the label \"Collected\" is not among",
		"chart 2 (Wrong title): nothing drawn",
		"chart 2 (Wrong title): no data point",
		"chart 2 (Wrong title): titled \"Wrong title\", the model's chart 2 is \"Payments\"",
		"the tooltip of " + `"` + strings.ReplaceAll(img, `"`, `\"`) + `" made`,
	} {
		if !strings.Contains(probs, want) {
			t.Errorf("the bad page's problems miss %q; they are:\n%s", want, probs)
		}
	}

	// A page whose inline script the policy does not allow: the browser
	// blocks it and says so.
	blocked := selfTestPage(t, "blocked", "default-src 'none'; script-src 'sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='", `<p>text</p>`, `document.title = 'ran';`)
	if v, err = tb.look(blocked, desktop, nil); err != nil {
		t.Fatal(err)
	}
	probs = strings.Join(pageProblems(v, desktop, pageWant{}), "\n")
	if !strings.Contains(probs, "CSP violation: script-src") || v.probe.Title == "ran" {
		t.Errorf("the blocked script is not reported as a CSP violation (title %q); problems:\n%s", v.probe.Title, probs)
	}
}

// jsString is s as a JavaScript string literal that is safe inside a
// <script> element.
func jsString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `'`, `\'`, "<", `\x3c`, ">", `\x3e`, "\n", `\n`)
	return "'" + r.Replace(s) + "'"
}
