// Package htmldump writes the outline of a careport HTML page as text, for
// golden files and tests: what a reader sees (title block, KPI cards,
// charts with their series, tables with their first, last and totals
// rows, notes) and the page's scripts and policy, without the inlined
// chart library, the style sheet or the hashes, which change with every
// edit of the style and are checked by render/html's own tests. The
// outline is the same whether the binary inlines ECharts or the page
// loads it from the CDN: the policy names the library <echarts> either
// way, and the CDN build's notice of it is left out.
package htmldump

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Outline parses the page in r and returns its outline, one line per item.
func Outline(r io.Reader) (string, error) {
	doc, err := html.Parse(r)
	if err != nil {
		return "", fmt.Errorf("parse page: %w", err)
	}
	o := &outliner{}
	// The policy names the chart library by its hash when inlined and by
	// its URL when loaded from the CDN; the outline says <echarts> for
	// both, so that it is the same for a build with or without it.
	for _, sc := range Find(doc, func(n *html.Node) bool { return n.DataAtom == atom.Script }) {
		if src := Attr(sc, "src"); src != "" {
			o.library = src
		} else if text := rawText(sc); strings.Contains(text, "Apache Software Foundation") {
			h := sha256.Sum256([]byte(text))
			o.library = "'sha256-" + base64.StdEncoding.EncodeToString(h[:]) + "'"
		}
	}
	o.walk(doc)
	o.line("scripts: %s; chart option blocks: %d", strings.Join(o.scripts, ", "), o.jsons)
	return o.b.String(), nil
}

var hashRE = regexp.MustCompile(`'sha256-[A-Za-z0-9+/=]+'`)

type outliner struct {
	library string // the library's source in the policy
	b       strings.Builder
	scripts []string
	jsons   int
}

func (o *outliner) line(format string, args ...any) {
	fmt.Fprintf(&o.b, format, args...)
	o.b.WriteByte('\n')
}

// Attr returns the value of n's attribute key, or "".
func Attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// HasClass reports whether n has the class c.
func HasClass(n *html.Node, c string) bool {
	for _, f := range strings.Fields(Attr(n, "class")) {
		if f == c {
			return true
		}
	}
	return false
}

// Text returns n's text with runs of white space made one space.
func Text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// rawText is the text of a script or style element.
func rawText(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(c.Data)
	}
	return b.String()
}

// short cuts a paragraph to its start: the outline shows where a note
// is, not all its words.
func short(s string) string {
	const n = 72
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

func children(n *html.Node, a atom.Atom) []*html.Node {
	var out []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == a {
			out = append(out, c)
		}
	}
	return out
}

// Find returns the elements under n (n included) for which match is true,
// in document order.
func Find(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func (o *outliner) walk(n *html.Node) {
	if n.Type != html.ElementNode {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			o.walk(c)
		}
		return
	}
	switch n.DataAtom {
	case atom.Title:
		o.line("title: %s", Text(n))
		return
	case atom.Meta:
		if Attr(n, "http-equiv") == "Content-Security-Policy" {
			csp := Attr(n, "content")
			if o.library != "" {
				csp = strings.ReplaceAll(csp, o.library, "<echarts>")
			}
			o.line("csp: %s", hashRE.ReplaceAllString(csp, "'sha256-…'"))
		}
		return
	case atom.Style:
		return
	case atom.Script:
		o.script(n)
		return
	case atom.H1, atom.H2, atom.H3:
		o.line("%s: %s", n.Data, Text(n))
		return
	case atom.Dl:
		for _, dt := range children(n, atom.Dt) {
			dd := dt.NextSibling
			for dd != nil && dd.DataAtom != atom.Dd {
				dd = dd.NextSibling
			}
			val := ""
			if dd != nil {
				val = Text(dd)
			}
			o.line("  %s = %s", Text(dt), val)
		}
		return
	case atom.Li:
		if n.Parent != nil && HasClass(n.Parent, "warnings") {
			o.line("warning: %s", Text(n))
			return
		}
	case atom.Nav:
		var parts []string
		for _, a := range Find(n, func(e *html.Node) bool { return e.DataAtom == atom.A }) {
			parts = append(parts, Text(a))
		}
		o.line("contents: %s", strings.Join(parts, " | "))
		return
	case atom.Article:
		if HasClass(n, "card") {
			o.card(n)
			return
		}
	case atom.Figure:
		o.chart(n)
		return
	case atom.Table:
		o.table(n)
		return
	case atom.P:
		if HasClass(n, "library-note") {
			return // said only by a build without the inlined library
		}
		if HasClass(n, "caption") {
			o.line("caption: %s", Text(n))
		} else {
			o.line("p: %s", short(Text(n)))
		}
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		o.walk(c)
	}
}

func (o *outliner) script(n *html.Node) {
	switch {
	case Attr(n, "type") == "application/json":
		o.jsons++
	case Attr(n, "src") != "" || strings.Contains(rawText(n), "Apache Software Foundation"):
		o.scripts = append(o.scripts, "echarts") // inlined or from the CDN: the same library
	default:
		o.scripts = append(o.scripts, "page script")
	}
}

// card writes a KPI card: name, value, the two comparisons with the class
// of each change.
func (o *outliner) card(n *html.Node) {
	var parts []string
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		s := Text(c)
		for _, ch := range Find(c, func(e *html.Node) bool { return HasClass(e, "chg") }) {
			s += " [" + strings.TrimSpace(strings.TrimPrefix(Attr(ch, "class"), "chg")) + "]"
		}
		parts = append(parts, s)
	}
	o.line("card: %s", strings.Join(parts, " | "))
}

// chart writes a chart: caption, kind, series and categories from its
// options block, or the message shown instead.
func (o *outliner) chart(n *html.Node) {
	var caption string
	if fc := Find(n, func(e *html.Node) bool { return e.DataAtom == atom.Figcaption }); len(fc) > 0 {
		caption = Text(fc[0])
	}
	boxes := Find(n, func(e *html.Node) bool { return HasClass(e, "chart-box") })
	if len(boxes) == 0 {
		o.line("chart: %s (no box)", caption)
		return
	}
	box := boxes[0]
	if Attr(box, "data-chart") == "" {
		o.line("chart: %s: %s", caption, Text(box))
		return
	}
	desc := fmt.Sprintf("%s, %s series", Attr(box, "data-kind"), Attr(box, "data-series"))
	for _, s := range Find(n, func(e *html.Node) bool { return e.DataAtom == atom.Script }) {
		o.script(s)
		var opt struct {
			Series []struct {
				Name string `json:"name"`
				Data []any  `json:"data"`
			} `json:"series"`
			XAxis []struct {
				Data []string `json:"data"`
			} `json:"xAxis"`
			YAxis []struct {
				Data []string `json:"data"`
			} `json:"yAxis"`
		}
		if err := json.Unmarshal([]byte(rawText(s)), &opt); err != nil {
			desc += " (options: " + err.Error() + ")"
			continue
		}
		var names []string
		for _, se := range opt.Series {
			names = append(names, fmt.Sprintf("%s (%d points)", se.Name, len(se.Data)))
		}
		desc += ": " + strings.Join(names, ", ")
		var cats []string
		for _, a := range append(opt.XAxis, opt.YAxis...) {
			cats = append(cats, a.Data...)
		}
		if len(cats) > 0 {
			desc += fmt.Sprintf("; categories %s..%s", cats[0], cats[len(cats)-1])
		}
	}
	o.line("chart: %s: %s", caption, desc)
	for _, p := range Find(n, func(e *html.Node) bool { return HasClass(e, "caption") }) {
		o.line("  caption: %s", Text(p))
	}
}

// table writes a table: its columns, row counts, first, last and totals
// rows, and how many cells have each conditional class.
func (o *outliner) table(n *html.Node) {
	var cols []string
	for _, th := range Find(n, func(e *html.Node) bool { return e.DataAtom == atom.Th }) {
		cols = append(cols, Text(th))
	}
	o.line("table: %s", strings.Join(cols, " | "))
	row := func(tr *html.Node) string {
		var cells []string
		for _, td := range children(tr, atom.Td) {
			cells = append(cells, Text(td))
		}
		return strings.Join(cells, " | ")
	}
	var body, foot []*html.Node
	for _, sec := range children(n, atom.Tbody) {
		body = append(body, children(sec, atom.Tr)...)
	}
	for _, sec := range children(n, atom.Tfoot) {
		foot = append(foot, children(sec, atom.Tr)...)
	}
	o.line("  rows: %d, totals rows: %d", len(body), len(foot))
	if len(body) > 0 {
		o.line("  first: %s", row(body[0]))
	}
	if len(body) > 1 {
		o.line("  last: %s", row(body[len(body)-1]))
	}
	for _, tr := range foot {
		o.line("  total: %s", row(tr))
	}
	counts := map[string]int{}
	var order []string
	for _, td := range Find(n, func(e *html.Node) bool { return e.DataAtom == atom.Td }) {
		for _, c := range strings.Fields(Attr(td, "class")) {
			switch c {
			case "t", "tw", "n", "lbl": // layout, not conditional formats
				continue
			}
			if counts[c] == 0 {
				order = append(order, c)
			}
			counts[c]++
		}
	}
	if len(order) > 0 {
		var parts []string
		for _, c := range order {
			parts = append(parts, fmt.Sprintf("%s×%d", c, counts[c]))
		}
		o.line("  classes: %s", strings.Join(parts, " "))
	}
}
