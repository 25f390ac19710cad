package html

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io/fs"
	"os"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/careport/careport/render/html/htmldump"
)

// render writes testReport(rows) and returns the page bytes and its parse.
func render(t *testing.T, rows int, opts Options) ([]byte, *html.Node) {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(t.Context(), &buf, testReport(rows), opts); err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), doc
}

func elements(doc *html.Node, a atom.Atom) []*html.Node {
	return htmldump.Find(doc, func(n *html.Node) bool { return n.DataAtom == a })
}

// scriptText is a script element's text as the browser hands it to the
// engine (and hashes it for the policy).
func scriptText(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(c.Data)
	}
	return b.String()
}

// TestHostileTextIsText renders names that try to end a script, add an
// element with a handler, or smuggle a go-echarts function marker, in
// every place data lands (title, account, filters, warnings, KPI names and
// definitions, sheet names, table cells, chart titles, category labels,
// series names, pie slices, notes), and checks the page bytes: none of it
// appears unescaped, the page has only its own scripts and no element
// with an event handler, and each text reaches the reader whole: in the
// DOM's text and in the charts' options, "__f__" included.
func TestHostileTextIsText(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts Options
	}{{"inlined", Options{}}, {"cdn", Options{NoInline: true}}} {
		t.Run(tc.name, func(t *testing.T) {
			page, doc := render(t, 10, tc.opts)
			for _, bad := range []string{"<script>alert", "</script><script>", "<img src=x", "onerror=alert(1)>"} {
				if bytes.Contains(page, []byte(bad)) {
					i := bytes.Index(page, []byte(bad))
					t.Errorf("page holds %q unescaped: ...%s...", bad, page[max(0, i-80):min(len(page), i+80)])
				}
			}
			// Every script is the library, the page's script or a JSON
			// options block; nothing from the data became an element.
			var libs, own, data int
			for _, s := range elements(doc, atom.Script) {
				switch {
				case htmldump.Attr(s, "type") == "application/json":
					data++
				case htmldump.Attr(s, "src") != "":
					if htmldump.Attr(s, "src") != libraryURL {
						t.Errorf("script from %q", htmldump.Attr(s, "src"))
					}
					libs++
				case strings.Contains(scriptText(s), "Apache Software Foundation"):
					libs++
				case strings.Contains(scriptText(s), "careport: draws the page's charts"):
					own++
				default:
					t.Errorf("unexpected script %.200q", scriptText(s))
				}
			}
			if libs != 1 || own != 1 || data != 4 {
				t.Errorf("scripts: %d libraries, %d page scripts, %d option blocks; want 1, 1, 4", libs, own, data)
			}
			if n := len(elements(doc, atom.Img)); n != 0 {
				t.Errorf("page has %d img elements, want none", n)
			}
			for _, el := range htmldump.Find(doc, func(*html.Node) bool { return true }) {
				for _, a := range el.Attr {
					if strings.HasPrefix(strings.ToLower(a.Key), "on") || a.Key == "style" {
						t.Errorf("<%s> has attribute %s=%q", el.Data, a.Key, a.Val)
					}
				}
			}
			text := htmldump.Text(doc.LastChild) // the html element: head and body
			for _, want := range []string{
				"Monthly revenue " + hostileImg, "Acme Coaching " + hostileScript, "Ann " + hostileFunc + " (7)",
				"A warning naming " + hostileScript, "Invoices " + hostileScript, "Sum of invoice totals " + hostileImg,
				"Trend " + hostileScript, "Clients " + hostileImg, "Invoiced vs collected " + hostileScript,
				"Invoices share " + hostileFunc, "Definitions " + hostileScript, "value " + hostileScript,
			} {
				if !strings.Contains(text, want) {
					t.Errorf("page text lacks %q", want)
				}
			}
			var cells []string
			for _, td := range elements(doc, atom.Td) {
				cells = append(cells, htmldump.Text(td))
			}
			for _, name := range []string{hostileScript, hostileImg, hostileFunc, "{a|b} {c}", "Zoë & Co"} {
				if !contains(cells, name) {
					t.Errorf("no table cell reads %q", name)
				}
			}
			// The charts' options hold the names whole, as JSON strings:
			// category labels, series names (legends, tooltips), pie slices.
			var labels []string
			for _, s := range elements(doc, atom.Script) {
				if htmldump.Attr(s, "type") != "application/json" {
					continue
				}
				var opt map[string]any
				if err := json.Unmarshal([]byte(scriptText(s)), &opt); err != nil {
					t.Fatalf("options block: %v\n%s", err, scriptText(s))
				}
				labels = append(labels, strings.Fields(flatten(opt))...)
				if tip, _ := opt["tooltip"].(map[string]any); tip["renderMode"] != "richText" || tip["formatter"] != nil {
					t.Errorf("tooltip %v: want rich text and no formatter", tip)
				}
			}
			joined := strings.Join(labels, " ")
			for _, name := range []string{hostileScript, hostileImg, hostileFunc, "Share " + hostileImg} {
				if !strings.Contains(joined, strings.Join(strings.Fields(name), " ")) {
					t.Errorf("chart options lack %q", name)
				}
			}
		})
	}
}

// flatten returns every string in v, space-separated.
func flatten(v any) string {
	var b strings.Builder
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case string:
			b.WriteString(x)
			b.WriteByte(' ')
		case []any:
			for _, e := range x {
				walk(e)
			}
		case map[string]any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	return b.String()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// policyOf returns the page's Content-Security-Policy directives.
func policyOf(t *testing.T, doc *html.Node) map[string][]string {
	t.Helper()
	var metas []string
	for _, m := range elements(doc, atom.Meta) {
		if htmldump.Attr(m, "http-equiv") == "Content-Security-Policy" {
			metas = append(metas, htmldump.Attr(m, "content"))
		}
	}
	if len(metas) != 1 {
		t.Fatalf("got %d policy meta tags, want 1", len(metas))
	}
	out := map[string][]string{}
	for _, d := range strings.Split(metas[0], ";") {
		f := strings.Fields(d)
		if len(f) > 0 {
			out[f[0]] = f[1:]
		}
	}
	return out
}

func sha256Source(s string) string {
	h := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(h[:]) + "'"
}

// TestPolicyMatchesScripts checks the policy against the parsed page: it
// allows nothing by default, every inline script and the style block by
// the SHA-256 of their text as parsed, nothing else; the CDN build, by
// its one URL, with the integrity attribute the library's.
func TestPolicyMatchesScripts(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts Options
	}{{"inlined", Options{}}, {"cdn", Options{NoInline: true}}} {
		t.Run(tc.name, func(t *testing.T) {
			_, doc := render(t, 10, tc.opts)
			csp := policyOf(t, doc)
			if got := strings.Join(csp["default-src"], " "); got != "'none'" {
				t.Errorf("default-src %q, want 'none'", got)
			}
			if got := strings.Join(csp["img-src"], " "); got != "data:" {
				t.Errorf("img-src %q, want data:", got)
			}
			var want []string
			for _, s := range elements(doc, atom.Script) {
				switch {
				case htmldump.Attr(s, "type") == "application/json":
					// Data, never run: JSON.parse reads it.
				case htmldump.Attr(s, "src") != "":
					want = append(want, htmldump.Attr(s, "src"))
					if got := htmldump.Attr(s, "integrity"); got != libraryIntegrity {
						t.Errorf("CDN script integrity %q, want %q", got, libraryIntegrity)
					}
					if htmldump.Attr(s, "crossorigin") != "anonymous" {
						t.Errorf("CDN script without crossorigin=anonymous (SRI needs CORS)")
					}
				default:
					want = append(want, sha256Source(scriptText(s)))
				}
			}
			if got := strings.Join(csp["script-src"], " "); got != strings.Join(want, " ") {
				t.Errorf("script-src %q, want %q", got, strings.Join(want, " "))
			}
			if tc.opts.NoInline == Inlined() && len(want) == 2 && !strings.HasPrefix(want[0], "https://") {
				t.Errorf("the library is inlined with NoInline %v", tc.opts.NoInline)
			}
			styles := elements(doc, atom.Style)
			if len(styles) != 1 {
				t.Fatalf("%d style blocks, want 1", len(styles))
			}
			if got, want := strings.Join(csp["style-src"], " "), sha256Source(scriptText(styles[0])); got != want {
				t.Errorf("style-src %q, want %q", got, want)
			}
		})
	}
}

// TestPageWithoutChartsHasNoScript checks that a report without charts
// gets no script at all, and a policy that allows none.
func TestPageWithoutChartsHasNoScript(t *testing.T) {
	r := testReport(3)
	r.Charts = nil
	for _, s := range r.Sheets {
		s.Charts = nil
	}
	var buf bytes.Buffer
	if err := Write(t.Context(), &buf, r, Options{}); err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(elements(doc, atom.Script)); n != 0 {
		t.Errorf("%d scripts, want none", n)
	}
	if got := strings.Join(policyOf(t, doc)["script-src"], " "); got != "'none'" {
		t.Errorf("script-src %q, want 'none'", got)
	}
}

// TestInlinedLibrary checks the embedded ECharts build: it is the file
// the CDN copy's integrity hash names (so both builds draw with the same
// library), and it can sit in a <script> block. A build without `make
// assets` has no library; CI always runs make, so there it must be
// present.
func TestInlinedLibrary(t *testing.T) {
	lib, err := library()
	if err != nil {
		t.Fatal(err)
	}
	if lib == "" {
		if ciBuild() {
			t.Fatal("no inlined ECharts: CI runs make test, whose assets target puts it in render/html/assets")
		}
		t.Log("this build has no inlined ECharts (run make assets); pages load it from the CDN")
		return
	}
	raw, err := fs.ReadFile(assets, "assets/echarts.min.js")
	if err != nil {
		t.Fatal(err)
	}
	if got := integrity(raw); got != libraryIntegrity {
		t.Errorf("embedded echarts.min.js has integrity %s, want the CDN file's %s", got, libraryIntegrity)
	}
	// The page holds the file with LF line endings: the HTML parser makes
	// CR LF one LF before the browser hashes the block.
	if want := strings.ReplaceAll(string(raw), "\r\n", "\n"); lib != want {
		t.Errorf("inlined library differs from the file beyond line endings")
	}
	if !strings.Contains(lib, `version="`+ECharts+`"`) {
		t.Errorf("inlined library does not say version %s", ECharts)
	}
	t.Logf("inlined ECharts %s: %d bytes", ECharts, len(lib))
}

// TestInlineScriptRefuses checks the guard on inlined script text.
func TestInlineScriptRefuses(t *testing.T) {
	for _, s := range []string{"a</SCRIPT>b", "x<!--y", "<script>", "a\x00b"} {
		if _, err := inlineScript([]byte(s)); err == nil {
			t.Errorf("inlineScript(%q) accepted", s)
		}
	}
	got, err := inlineScript([]byte("a\r\nb\rc\n"))
	if err != nil || got != "a\nb\nc\n" {
		t.Errorf("inlineScript line endings: got %q, %v", got, err)
	}
}

// ciBuild reports whether the tests run in CI (.ci/run sets CI=true).
func ciBuild() bool { return os.Getenv("CI") == "true" }

// TestLibraryNote checks that a page loading ECharts from the CDN says so
// in its title block, and an inlined one does not.
func TestLibraryNote(t *testing.T) {
	for _, noInline := range []bool{false, true} {
		_, doc := render(t, 3, Options{NoInline: noInline})
		notes := htmldump.Find(doc, func(n *html.Node) bool { return htmldump.HasClass(n, "library-note") })
		want := noInline || !Inlined()
		if (len(notes) == 1) != want {
			t.Errorf("NoInline %v: %d library notes, want one: %v", noInline, len(notes), want)
		}
		if len(notes) == 1 && !strings.Contains(htmldump.Text(notes[0]), libraryURL) {
			t.Errorf("library note %q does not name %s", htmldump.Text(notes[0]), libraryURL)
		}
	}
}

// TestOutlineSameForBothBuilds checks what the golden outlines rely on:
// a page outlines the same whether ECharts is inlined or loaded from the
// CDN, so the goldens pass with and without `make assets`.
func TestOutlineSameForBothBuilds(t *testing.T) {
	a, _ := render(t, 3, Options{})
	b, _ := render(t, 3, Options{NoInline: true})
	oa, err := htmldump.Outline(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	ob, err := htmldump.Outline(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if oa != ob {
		t.Errorf("outlines differ:\n%s\n---\n%s", oa, ob)
	}
	if !strings.Contains(oa, "script-src <echarts> 'sha256-…'") {
		t.Errorf("outline policy: %s", strings.SplitN(oa, "\n", 2)[0])
	}
}
