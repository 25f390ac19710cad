package html

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/careport/careport/render/html/htmldump"
	"github.com/careport/careport/reports/model"
	"github.com/shopspring/decimal"
)

// sections returns the page's sheet sections by heading.
func sections(t *testing.T, doc *html.Node) map[string]*html.Node {
	t.Helper()
	out := map[string]*html.Node{}
	for _, s := range htmldump.Find(doc, func(n *html.Node) bool { return htmldump.HasClass(n, "sheet") }) {
		out[htmldump.Text(elements(s, atom.H2)[0])] = s
	}
	return out
}

func bodyRows(sec *html.Node) int {
	n := 0
	for _, tb := range elements(sec, atom.Tbody) {
		n += len(elements(tb, atom.Tr))
	}
	return n
}

func captionOf(sec *html.Node) string {
	for _, p := range elements(sec, atom.P) {
		if htmldump.HasClass(p, "caption") && !htmldump.HasClass(p.Parent, "chart") {
			return htmldump.Text(p)
		}
	}
	return ""
}

// TestTableCap checks the cap on table rows: a sheet of up to MaxRows data
// rows in full, a longer one its first MaxRows rows with the sentence
// saying so, the totals row always, and the page's notes naming the
// capped sheets.
func TestTableCap(t *testing.T) {
	tests := []struct {
		rows, maxRows int
		wantRows      int
		wantCaption   string
	}{
		{0, 0, 0, "No rows."},
		{DefaultMaxRows, 0, DefaultMaxRows, ""},
		{DefaultMaxRows + 1, 0, DefaultMaxRows, "First 200 of 201 rows; the workbook has them all."},
		{95120, 0, DefaultMaxRows, "First 200 of 95,120 rows; the workbook has them all."},
		{30, 25, 25, "First 25 of 30 rows; the workbook has them all."},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%d rows, cap %d", tc.rows, tc.maxRows), func(t *testing.T) {
			_, doc := render(t, tc.rows, Options{MaxRows: tc.maxRows})
			sec := sections(t, doc)["Ledger"]
			if got := bodyRows(sec); got != tc.wantRows {
				t.Errorf("rows: got %d, want %d", got, tc.wantRows)
			}
			if got := captionOf(sec); got != tc.wantCaption {
				t.Errorf("caption: got %q, want %q", got, tc.wantCaption)
			}
			foot := elements(sec, atom.Tfoot)
			if len(foot) != 1 || !strings.Contains(htmldump.Text(foot[0]), "Total") {
				t.Errorf("totals row missing")
			}
			notes := htmldump.Text(htmldump.Find(doc, func(n *html.Node) bool { return htmldump.Attr(n, "id") == "notes" })[0])
			capped := strings.Contains(notes, "the CSV files have every row of Ledger")
			if capped != (tc.wantCaption != "" && tc.rows > 0) {
				t.Errorf("notes name the capped ledger: %v, want %v\n%s", capped, !capped, notes)
			}
		})
	}
}

// countingSource is a row source that counts the rows it fills.
type countingSource struct {
	n      int
	filled int
}

func (c *countingSource) Len() int { return c.n }

func (c *countingSource) FillRow(i int, dst model.Row) error {
	c.filled++
	dst[0] = model.Int(int64(i))
	return nil
}

// TestCapReadsOnlyWhatItShows checks that a capped sheet's row source is
// read only as far as the page needs: the rows shown, or up to the last
// block total row, which is shown wherever it is.
func TestCapReadsOnlyWhatItShows(t *testing.T) {
	r := &model.Report{Name: "x", Title: "X"}
	src := &countingSource{n: 1_000_000}
	s := r.AddSheet("Big", model.IntCol("N"))
	s.Source = src
	var buf bytes.Buffer
	if err := Write(t.Context(), &buf, r, Options{}); err != nil {
		t.Fatal(err)
	}
	if src.filled != DefaultMaxRows {
		t.Errorf("filled %d rows, want %d", src.filled, DefaultMaxRows)
	}
	src.filled = 0
	s.Formatting().TotalRows = []int{999_999}
	buf.Reset()
	if err := Write(t.Context(), &buf, r, Options{}); err != nil {
		t.Fatal(err)
	}
	if src.filled != src.n {
		t.Errorf("filled %d rows, want all %d to reach the block total", src.filled, src.n)
	}
	doc, err := html.Parse(&buf)
	if err != nil {
		t.Fatal(err)
	}
	sec := sections(t, doc)["Big"]
	if got := htmldump.Text(elements(sec, atom.Tfoot)[0]); got != "999,999" {
		t.Errorf("block total row: got %q, want 999,999", got)
	}
	if got := captionOf(sec); got != "First 200 of 999,999 rows; the workbook has them all." {
		t.Errorf("caption %q", got)
	}
}

// TestConditionalClasses checks the classes of the fixture's formats: a
// data bar proportional to the highest value of the rows' currency, a
// colour scale from lowest to highest, sign colours by the direction of
// good news.
func TestConditionalClasses(t *testing.T) {
	s := model.NewSheet("S", model.TextCol("Currency"), model.MoneyCol("Amount", ""), model.CountCol("N"), model.NumberCol("Gap"))
	add := func(cur string, units, n int64, gap string) {
		g := model.Value{}
		if gap != "" {
			g = model.Number(decimalOf(gap))
		}
		s.AddRow(model.Text(cur), model.MoneyMinor(units, 2), model.Int(n), g)
	}
	add("USD", 1000, 0, "1")
	add("USD", 500, 5, "-1")
	add("JPY", 9999999, 10, "0")
	add("JPY", 0, 10, "")
	f := s.Formatting()
	f.CurrencyColumn = "Currency"
	f.Conditional = []model.CondFormat{
		{Column: "Amount", Kind: model.DataBar, Better: model.BetterUp},
		{Column: "N", Kind: model.ColourScale, Better: model.BetterDown},
		{Column: "Gap", Kind: model.SignColours, Better: model.BetterDown},
	}
	c, err := collect(t.Context(), s, 10)
	if err != nil {
		t.Fatal(err)
	}
	shades := &shadeSet{}
	got := condClasses(s, c.data, s.CurrencyColumnIndex(), shades)
	want := [][]string{
		{"", "db0-10", "", "bad"}, // the highest USD amount; a positive gap is bad news
		{"", "db0-5", "cs1-5", "good"},
		{"", "db0-10", "cs1-10", ""}, // JPY is scaled on its own
		{"", "", "cs1-10", ""},       // no bar for zero
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("classes:\n got %q\nwant %q", got, want)
	}
	if len(shades.colours) != 2 || shades.colours[0] != model.ColourGood || shades.colours[1] != model.ColourBad {
		t.Errorf("colours %v, want the good green then the bad red", shades.colours)
	}
	css := shades.css()
	for _, rule := range []string{".db0-5{background-image:linear-gradient(90deg,rgba(99,190,123,.55) 50%,transparent 50%)}", ".cs1-10{background-color:rgba(248,105,107,0.60)}"} {
		if !strings.Contains(css, rule) {
			t.Errorf("style rules lack %s", rule)
		}
	}
}

func decimalOf(s string) decimal.Decimal { return decimal.RequireFromString(s) }
