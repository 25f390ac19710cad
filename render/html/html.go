// Package html renders a report model as one self-contained HTML page: the
// file opens in any browser, offline, on a phone or printed, and needs
// nothing beside it.
//
// The page reads the same model as the XLSX renderer: a title block
// (report, account, period, comparison periods, time zone, data time,
// filters, the report's warnings), a card per KPI (this period's value,
// the change against the previous period and a year earlier, green or red
// by whether the change is good news for that figure, a percentage's
// change in points), the report's charts, then one section per sheet with
// its own charts, and the notes. Figures are written as the workbook shows
// them (see Cell). A sheet with more than Options.MaxRows data rows
// (DefaultMaxRows, 200) shows its first rows and says "first N of M rows;
// the workbook has them all"; totals rows are always shown. Conditional
// formats become classes: sign colours, colour scales and data bars in ten
// steps, scaled over the rows shown.
//
// Charts are built with go-echarts from the model's chart specs (column
// and bar charts, lines, pies) and drawn by ECharts on a canvas (its SVG
// renderer sets style attributes, which the page's policy refuses).
// The options are marshalled with encoding/json's HTML-safe escaping into
// JSON data blocks, never with go-echarts' templates (see charts.go), and
// tooltips render as rich text, so text from the data (client names in
// labels, legends and tooltips, sheet names, notes) is always shown as
// text. Everything else is written by html/template's contextual
// escaping.
//
// The page carries a Content-Security-Policy meta tag: no source but its
// own inline blocks, each allowed by its SHA-256 hash: the style sheet
// (style-src), the ECharts library and the page's script (script-src), and
// data: images. A binary built after `make assets` inlines ECharts (about
// 1 MB minified), so the page makes no request at all; one built without
// it loads ECharts from jsDelivr with Subresource Integrity, the policy
// allowing that one URL, and Inlined reports false so the command can say
// so. A page without charts has no script at all.
//
// Style: system fonts only, light and dark schemes (prefers-color-scheme),
// a layout readable 375 px wide in which only tables scroll sideways,
// inside their own box, and a print style sheet (landscape) that repeats
// table headers and keeps rows, cards and charts whole.
package html

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"strings"
	"sync"

	"github.com/careport/careport/render/atomicfile"
	"github.com/careport/careport/render/present"
	"github.com/careport/careport/reports/model"
	"github.com/careport/careport/templates"
)

// Options tunes the page; the zero value gives the defaults.
type Options struct {
	// MaxRows is the most data rows a table shows; 0 means
	// DefaultMaxRows.
	MaxRows int
	// NoInline loads ECharts from the CDN even when the binary carries
	// it, as a binary built without `make assets` does (for tests).
	NoInline bool
}

// page is what the template reads.
type page struct {
	Title      string
	Account    string
	Meta       []model.KeyValue
	Warnings   []string
	Contents   []link
	Groups     []kpiGroup
	Charts     []chartView
	Sheets     []sheetView
	Notes      []model.Note
	Footer     string
	CSP        string
	CSS        template.CSS
	Script     template.JS
	Library    template.JS
	LibraryURL string
	// LibraryIntegrity is the SRI hash of the CDN copy.
	LibraryIntegrity string
	// LibraryNote says, in the title block, that the page loads ECharts
	// from the CDN (a build without the inlined library).
	LibraryNote string
	HasCharts   bool
}

type link struct{ ID, Label string }

// kpiGroup is one block of KPI cards.
type kpiGroup struct {
	Label string
	Cards []kpiCard
}

// kpiCard is one KPI.
type kpiCard struct {
	Name, Value, Previous, YearEarlier string
	NA                                 bool
	Change, ChangeClass                string
	YearChange, YearClass              string
	Definition                         string
}

// files is the parsed template, style sheet and script, read once.
var files = sync.OnceValues(func() (*parsed, error) {
	css, err := fs.ReadFile(templates.FS, "report.css")
	if err != nil {
		return nil, err
	}
	js, err := fs.ReadFile(templates.FS, "charts.js")
	if err != nil {
		return nil, err
	}
	script, err := inlineScript(js)
	if err != nil {
		return nil, fmt.Errorf("charts.js: %w", err)
	}
	t, err := template.ParseFS(templates.FS, "report.html.tmpl")
	if err != nil {
		return nil, err
	}
	return &parsed{tmpl: t, css: strings.ReplaceAll(string(css), "\r\n", "\n"), script: script}, nil
})

type parsed struct {
	tmpl   *template.Template
	css    string
	script string
}

// WriteFile renders r to path atomically: the page appears at path
// complete, or on any error or cancellation not at all.
func WriteFile(ctx context.Context, path string, r *model.Report, opts Options) error {
	return atomicfile.Write(ctx, path, 0o644, func(w io.Writer) error {
		return Write(ctx, w, r, opts)
	})
}

// Write renders r as one HTML page to w. It stops with ctx's error when
// ctx ends, and fails on a sheet whose rows do not match its columns, a
// row source error, or a chart naming an unknown sheet or column; nothing
// is written to w unless the whole page was built.
func Write(ctx context.Context, w io.Writer, r *model.Report, opts Options) error {
	if r == nil {
		return fmt.Errorf("html: nil report")
	}
	if opts.MaxRows <= 0 {
		opts.MaxRows = DefaultMaxRows
	}
	f, err := files()
	if err != nil {
		return fmt.Errorf("html templates: %w", err)
	}
	lib, err := library()
	if err != nil {
		return fmt.Errorf("html: inlined ECharts: %w", err)
	}
	if opts.NoInline {
		lib = ""
	}
	for i, s := range r.Sheets {
		if s == nil {
			return fmt.Errorf("sheet %d: nil", i+1)
		}
		if err := s.Err(); err != nil {
			return err
		}
		if err := s.CheckFormat(); err != nil {
			return err
		}
	}
	p, css, err := build(ctx, r, opts)
	if err != nil {
		return err
	}
	p.CSS = template.CSS(f.css + css)
	p.Script = template.JS(f.script)
	p.LibraryURL, p.LibraryIntegrity = libraryURL, libraryIntegrity
	if p.HasCharts {
		p.Library = template.JS(lib)
	}
	p.CSP = policy(string(p.CSS), p.HasCharts, lib, f.script)
	if lib == "" && p.HasCharts {
		p.LibraryNote = "This page loads its chart library, ECharts " + ECharts + ", from " + libraryURL +
			" (checked by its Subresource Integrity hash): without a network connection the charts are not drawn; the tables have their figures."
	}
	var buf bytes.Buffer
	buf.Grow(1 << 20)
	if err := f.tmpl.Execute(&buf, p); err != nil {
		return fmt.Errorf("html page: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write page: %w", err)
	}
	return nil
}

// policy is the page's Content-Security-Policy: nothing but the page's own
// style block and scripts, by hash, and data: images (none today; ECharts
// may use them for patterns). With lib "" the ECharts build is the CDN's,
// allowed by its full URL.
func policy(css string, charts bool, lib, script string) string {
	scripts := "'none'"
	if charts {
		src := libraryURL
		if lib != "" {
			src = scriptHash(lib)
		}
		scripts = src + " " + scriptHash(script)
	}
	return "default-src 'none'; script-src " + scripts + "; style-src " + scriptHash(css) +
		"; img-src data:; base-uri 'none'; form-action 'none'"
}

// build fills the page from r and returns the style rules its
// conditional formats need.
func build(ctx context.Context, r *model.Report, opts Options) (*page, string, error) {
	title := r.Title
	if title == "" {
		title = r.Name
	}
	p := &page{Title: title, Account: r.Account, Warnings: r.Warnings}
	p.Meta = titleBlock(r)
	p.Groups = kpiGroups(r.KPIs)
	if len(p.Groups) > 0 {
		p.Contents = append(p.Contents, link{"kpis", "Headline figures"})
	}
	// The rows of every sheet, once: a chart may draw another sheet's rows.
	rows := make([]*collected, len(r.Sheets))
	charted := map[string]bool{}
	for _, ch := range r.Charts {
		charted[ch.Data] = true
	}
	for _, s := range r.Sheets {
		for _, ch := range s.Charts {
			d := ch.Data
			if d == "" {
				d = s.Name
			}
			charted[d] = true
		}
	}
	for i, s := range r.Sheets {
		keep := opts.MaxRows
		if charted[s.Name] {
			keep = max(keep, maxChartPoints)
		}
		c, err := collect(ctx, s, keep)
		if err != nil {
			return nil, "", err
		}
		rows[i] = c
	}
	source := func(own int, ch model.Chart) (chartSource, error) {
		if own >= 0 && (ch.Data == "" || ch.Data == r.Sheets[own].Name) {
			return chartSource{r.Sheets[own], rows[own]}, nil
		}
		for i, s := range r.Sheets {
			if s.Name == ch.Data {
				return chartSource{s, rows[i]}, nil
			}
		}
		return chartSource{}, fmt.Errorf("unknown data sheet %q", ch.Data)
	}
	pal := palette{}
	for _, ch := range r.Charts { // the report's charts take the first colours
		for _, v := range ch.Values {
			pal.of(v)
		}
	}
	n := 0
	chart := func(own int, ch model.Chart) (chartView, error) {
		n++
		src, err := source(own, ch)
		if err != nil {
			return chartView{}, fmt.Errorf("chart %q: %w", ch.Title, err)
		}
		cv, err := buildChart(fmt.Sprintf("chart-%d", n), ch, src, pal)
		if err != nil {
			return chartView{}, fmt.Errorf("chart %q: %w", ch.Title, err)
		}
		if cv.Options != "" {
			p.HasCharts = true
		}
		return cv, nil
	}
	for _, ch := range r.Charts {
		cv, err := chart(-1, ch)
		if err != nil {
			return nil, "", err
		}
		p.Charts = append(p.Charts, cv)
	}
	if len(p.Charts) > 0 {
		p.Contents = append(p.Contents, link{"charts", "Charts"})
	}
	shades := &shadeSet{}
	var st tableStats
	var capped []string
	for i, s := range r.Sheets {
		if err := ctx.Err(); err != nil {
			return nil, "", err
		}
		sv := sheetTable(s, rows[i], opts.MaxRows, shades, &st)
		sv.ID = fmt.Sprintf("sheet-%d", i+1)
		for _, ch := range s.Charts {
			cv, err := chart(i, ch)
			if err != nil {
				return nil, "", fmt.Errorf("sheet %q: %w", s.Name, err)
			}
			sv.Charts = append(sv.Charts, cv)
		}
		if rows[i].count > opts.MaxRows {
			capped = append(capped, fmt.Sprintf("%s (%s rows)", s.Name, groupDigits(fmt.Sprint(rows[i].count))))
		}
		p.Sheets = append(p.Sheets, sv)
		p.Contents = append(p.Contents, link{sv.ID, s.Name})
	}
	p.Contents = append(p.Contents, link{"notes", "Notes"})
	p.Notes = notes(r, opts.MaxRows, capped, st)
	p.Footer = footer(r)
	return p, shades.css(), nil
}

// titleBlock is the report's identity, as the workbook's front page has it.
func titleBlock(r *model.Report) []model.KeyValue {
	filters := "none"
	if len(r.Filters) > 0 {
		var parts []string
		for _, kv := range r.Filters {
			parts = append(parts, kv.Key+": "+kv.Value)
		}
		filters = strings.Join(parts, "; ")
	}
	out := []model.KeyValue{
		{Key: "Account", Value: r.Account},
		{Key: "Period", Value: periodWords(r.Period)},
	}
	if r.Previous.Label != "" || r.YearEarlier.Label != "" {
		out = append(out, model.KeyValue{Key: "Compared with",
			Value: fmt.Sprintf("previous period %s; a year earlier %s", r.Previous.Label, r.YearEarlier.Label)})
	}
	return append(out,
		model.KeyValue{Key: "Time zone", Value: r.Timezone},
		model.KeyValue{Key: "Data as of", Value: stamp(r.DataTime)},
		model.KeyValue{Key: "Filters", Value: filters})
}

// kpiGroups is one block of cards per KPI group, in order of first
// appearance, as the workbook's front page lists them.
func kpiGroups(kpis []model.KPI) []kpiGroup {
	var out []kpiGroup
	for _, g := range present.GroupKPIs(kpis) {
		kg := kpiGroup{Label: g.Label}
		for _, k := range g.KPIs {
			ch, ych := k.Change(), k.YearChange()
			kg.Cards = append(kg.Cards, kpiCard{
				Name: k.Name, Value: kpiValue(k, k.Current), NA: k.Current.IsEmpty(),
				Previous: kpiValue(k, k.Previous), YearEarlier: kpiValue(k, k.YearEarlier),
				Change: Change(k, ch), ChangeClass: changeClass(k, ch),
				YearChange: Change(k, ych), YearClass: changeClass(k, ych),
				Definition: k.Definition,
			})
		}
		out = append(out, kg)
	}
	return out
}

// notes is the Notes section: the report's identity, the headline figures'
// definitions, the report's notes, and what the page left out.
func notes(r *model.Report, maxRows int, capped []string, st tableStats) []model.Note {
	about := model.Note{Heading: "Report", Items: []model.KeyValue{
		{Key: "Report", Value: r.Title},
		{Key: "Account", Value: r.Account},
		{Key: "Period", Value: periodWords(r.Period)},
		{Key: "Time zone", Value: r.Timezone},
		{Key: "Generated", Value: stamp(r.GeneratedAt)},
		{Key: "Data as of", Value: stamp(r.DataTime)},
	}}
	out := []model.Note{about}
	defs := present.KPIDefinitions(r)
	if len(defs) > 0 {
		out = append(out, model.Note{Heading: "Headline figures", Items: defs})
	}
	out = append(out, r.Notes...)
	var page []string
	if len(capped) > 0 {
		page = append(page, fmt.Sprintf("Tables show at most %s rows each; the workbook (--format xlsx) and the CSV files have every row of %s.",
			groupDigits(fmt.Sprint(maxRows)), strings.Join(capped, ", ")))
	}
	if st.cut > 0 {
		page = append(page, fmt.Sprintf("%s longer than %s characters %s cut on this page.",
			model.Count(st.cut, "text cell", "text cells"), groupDigits(fmt.Sprint(maxCellRunes)), plural(st.cut, "was", "were")))
	}
	if len(page) > 0 {
		out = append(out, model.Note{Heading: "This page", Paragraphs: page})
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func footer(r *model.Report) string {
	s := "careport " + r.Name
	if r.Period.Label != "" {
		s += " " + r.Period.Label
	}
	if g := stamp(r.GeneratedAt); g != "" {
		s += ", generated " + g
	}
	return s + "."
}
