package main

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
)

// chartWant is one chart a report's model asks for, as the page must draw
// it.
type chartWant struct {
	title  string
	series int // one per value column; a pie has one
	// labels are the chart's category and series names that contain a
	// hostile string: each must reach the chart's options as it is, byte
	// for byte (go-echarts' own serialisation drops "__f__").
	labels []string
}

// pageWant is what a page must show.
type pageWant struct {
	charts []chartWant
	// texts must appear in the page's text as they are (the hostile names).
	texts []string
}

// pageProblems lists everything wrong with one visit of a page, in words
// that say what a reader would have met. It is empty for a good page.
func pageProblems(v *visit, vp viewport, want pageWant) []string {
	var out []string
	add := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	p := v.probe
	for _, e := range v.errors {
		add("console error: %s", e)
	}
	cdn := false
	for _, r := range v.requests {
		add("a request left the page: %s", r)
		if u, err := url.Parse(strings.TrimSpace(r[strings.IndexByte(r, ' ')+1:])); err == nil && u.Host != "" {
			cdn = cdn || strings.Contains(strings.ToLower(u.Path), "echarts")
		}
	}
	if cdn {
		add("the page loads ECharts from the network: the binary was built without the embedded library (run `make assets`)")
	}
	for _, d := range v.dialogs {
		add("a JavaScript dialog opened: %s", d)
	}
	if p.Injected > 0 {
		add("%d element(s) with an onerror handler or src=x: a name's markup became HTML", p.Injected)
	}
	if len(p.CSP) == 0 {
		add("no Content-Security-Policy meta tag")
	}
	for _, c := range p.CSP {
		if src := cspDirective(c, "script-src", "default-src"); src == nil {
			add("the Content-Security-Policy %q does not restrict scripts (no script-src or default-src)", c)
		} else if slices.Contains(src, "'unsafe-inline'") || slices.Contains(src, "*") {
			add("the Content-Security-Policy %q lets any inline script run", c)
		}
	}
	if p.ScrollWidth > p.ClientWidth {
		add("at %s width (%d px) the page scrolls sideways: scrollWidth %d > clientWidth %d",
			vp.name, vp.width, p.ScrollWidth, p.ClientWidth)
	}
	for _, s := range want.texts {
		if !strings.Contains(p.Text, s) {
			add("the page's text does not contain %q", s)
		}
	}
	out = append(out, chartProblems(p, want.charts)...)
	for _, tip := range v.tips {
		if tip.Injected > 0 {
			add("the tooltip of %q made %d element(s): its label became HTML", tip.Label, tip.Injected)
		}
		if !strings.Contains(tip.Text, tip.Label) {
			add("the tooltip of %q does not show it as text (it shows %q)", tip.Label, tip.Text)
		}
	}
	return dedupe(out)
}

// dedupe folds repeats of a problem into one line that says how many
// times it happened (ECharts can hit one CSP rule hundreds of times).
func dedupe(probs []string) []string {
	n := map[string]int{}
	var out []string
	for _, p := range probs {
		if n[p]++; n[p] == 1 {
			out = append(out, p)
		}
	}
	for i, p := range out {
		if n[p] > 1 {
			out[i] = fmt.Sprintf("%s (%d times)", p, n[p])
		}
	}
	return out
}

// chartProblems compares the page's ECharts instances with the model's
// charts, in order: the page draws them as the model lists them.
func chartProblems(p pageProbe, want []chartWant) []string {
	var out []string
	add := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	if len(want) > 0 && !p.ECharts {
		add("ECharts did not load (no window.echarts); scripts from elsewhere: %q", p.ExternalScripts)
	}
	if len(p.Charts) != len(want) {
		var titles []string
		for _, w := range want {
			titles = append(titles, w.title)
		}
		add("the page has %d chart(s), the report's model %d: %q", len(p.Charts), len(want), titles)
	}
	for i, c := range p.Charts {
		name := fmt.Sprintf("chart %d (%s)", i+1, cmpOr(c.Title, c.ID))
		if !c.Instance {
			add("%s: no ECharts instance", name)
			continue
		}
		if !c.drew() {
			add("%s: nothing drawn (%dx%d px, no painted canvas pixel, no SVG shape)", name, c.Width, c.Height)
		}
		if c.Points == 0 {
			add("%s: no data point", name)
		}
		if i >= len(want) {
			continue
		}
		w := want[i]
		if c.Series != w.series {
			add("%s: %d series, the model's chart %q has %d", name, c.Series, w.title, w.series)
		}
		// The title is the chart's own or a heading of the page.
		switch {
		case c.Title != "" && c.Title != w.title:
			add("%s: titled %q, the model's chart %d is %q", name, c.Title, i+1, w.title)
		case c.Title == "" && !strings.Contains(p.Text, w.title):
			add("%s: the title %q is neither the chart's nor in the page's text", name, w.title)
		}
		shown := append(slices.Clone(c.SeriesNames), c.Labels...)
		for _, l := range w.labels {
			if !slices.Contains(shown, l) {
				add("%s: the label %q is not among the chart's names %q", name, l, shown)
			}
		}
	}
	return out
}

// cspDirective returns the sources of the first of the directives that the
// policy has, nil if it has none of them.
func cspDirective(policy string, names ...string) []string {
	dirs := map[string][]string{}
	for _, d := range strings.Split(policy, ";") {
		f := strings.Fields(d)
		if len(f) > 0 {
			dirs[strings.ToLower(f[0])] = f[1:]
		}
	}
	for _, n := range names {
		if src, ok := dirs[n]; ok {
			return src
		}
	}
	return nil
}
