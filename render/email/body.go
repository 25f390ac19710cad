package email

import (
	"bytes"
	"fmt"
	htmltemplate "html/template"
	"strings"
	texttemplate "text/template"
	"unicode/utf8"

	"github.com/careport/careport/render/html"
	"github.com/careport/careport/render/present"
	"github.com/careport/careport/reports/model"
	"github.com/careport/careport/templates"
)

// BodyData is what a report mail's body says.
type BodyData struct {
	// Intro is the job's own text: plain paragraphs separated by blank
	// lines; "" for none. It is text, never markup.
	Intro string
	// Reports are the reports attached; the body shows each one's title,
	// account, period, filters, data time, warnings and a short table of
	// its KPIs (this period, previous period, change) per KPI group.
	Reports []*model.Report
	// Attachments are the attached files' names, listed in the body.
	Attachments []string
	// Footer is the last line, e.g. "Sent by careport, job monthly-owner,
	// data as of ...".
	Footer string
}

// Body renders a report mail's plain-text and HTML bodies from
// templates/mail.txt.tmpl and templates/mail.html.tmpl. The HTML has inline
// styles only (mail clients strip <style>), no images and no scripts, and
// everything from d is escaped by html/template. An empty KPI value reads
// "n/a", never 0; a change is coloured by whether it is good news
// (model.KPI.Good).
func Body(d BodyData) (text, html string, err error) {
	v := bodyView{Intro: paragraphs(d.Intro), Attachments: d.Attachments, Footer: d.Footer}
	for _, r := range d.Reports {
		if r == nil {
			continue
		}
		v.Reports = append(v.Reports, reportView(r))
	}
	v.Title = "careport"
	if len(v.Reports) > 0 {
		v.Title = v.Reports[0].Title
	}
	return render("report", v)
}

// NoticeBody renders the bodies of a failure notice, sent instead of a
// report when a job's run failed: which job and period, and each problem
// (one sentence each), with the footer.
func NoticeBody(job, period string, problems []string, footer string) (text, html string, err error) {
	return render("notice", noticeView{Job: job, Period: period, Problems: problems, Footer: footer})
}

// render executes the template name of both files with v.
func render(name string, v any) (text, html string, err error) {
	tt, err := texttemplate.ParseFS(templates.FS, "mail.txt.tmpl")
	if err != nil {
		return "", "", fmt.Errorf("parse mail text template: %w", err)
	}
	ht, err := htmltemplate.ParseFS(templates.FS, "mail.html.tmpl")
	if err != nil {
		return "", "", fmt.Errorf("parse mail html template: %w", err)
	}
	var tb, hb bytes.Buffer
	if err := tt.ExecuteTemplate(&tb, name, v); err != nil {
		return "", "", fmt.Errorf("render mail text %s: %w", name, err)
	}
	if err := ht.ExecuteTemplate(&hb, name, v); err != nil {
		return "", "", fmt.Errorf("render mail html %s: %w", name, err)
	}
	return tb.String(), hb.String(), nil
}

// bodyView is what the report templates read.
type bodyView struct {
	Title       string // the page title: the first report's
	Intro       []string
	Reports     []reportBody
	Attachments []string
	Footer      string
}

// noticeView is what the notice templates read.
type noticeView struct {
	Job, Period string
	Problems    []string
	Footer      string
}

// reportBody is one report in the body.
type reportBody struct {
	Title, Account string
	Meta           []model.KeyValue
	Warnings       []string
	Groups         []kpiGroup
}

// kpiGroup is one group of KPIs (a currency, or the report-wide ones).
type kpiGroup struct {
	Label string
	Rows  []kpiRow
	// Table is the group as aligned text lines, header first.
	Table []string
}

// kpiRow is one KPI's line.
type kpiRow struct {
	Name, Current, Previous, Change string
	// Colour is the change's CSS colour: good, bad or neutral news.
	Colour string
}

// Colours of a change: those of GitHub's light theme, readable on white
// and distinguishable in grey.
const (
	colourGood    = "#1a7f37"
	colourBad     = "#cf222e"
	colourNeutral = "#57606a"
)

// reportView describes r for the body.
func reportView(r *model.Report) reportBody {
	b := reportBody{Title: r.Title, Account: r.Account, Warnings: r.Warnings}
	if b.Title == "" {
		b.Title = r.Name
	}
	add := func(k, v string) {
		if v != "" {
			b.Meta = append(b.Meta, model.KeyValue{Key: k, Value: v})
		}
	}
	add("Account", r.Account)
	add("Period", present.PeriodWords(r.Period))
	add("Compared with", present.PeriodWords(r.Previous))
	if len(r.Filters) > 0 {
		fs := make([]string, len(r.Filters))
		for i, kv := range r.Filters {
			fs[i] = kv.Key + ": " + kv.Value
		}
		add("Filters", strings.Join(fs, "; "))
	}
	add("Data as of", present.Stamp(r.DataTime))
	b.Groups = kpiGroups(r.KPIs)
	return b
}

// kpiGroups is one group per KPI group, in order of first appearance, as
// the workbook's front page and the HTML page list them.
func kpiGroups(kpis []model.KPI) []kpiGroup {
	var out []kpiGroup
	for _, g := range present.GroupKPIs(kpis) {
		kg := kpiGroup{Label: g.Label}
		for _, k := range g.KPIs {
			ch := k.Change()
			row := kpiRow{Name: k.Name, Current: kpiValue(k, k.Current), Previous: kpiValue(k, k.Previous),
				Change: html.Change(k, ch), Colour: colourNeutral}
			if row.Change == "" {
				row.Change = "n/a"
			}
			switch k.Good(ch) {
			case 1:
				row.Colour = colourGood
			case -1:
				row.Colour = colourBad
			}
			kg.Rows = append(kg.Rows, row)
		}
		kg.Table = textTable(kg.Rows)
		out = append(out, kg)
	}
	return out
}

// kpiValue formats one of a KPI's values: "n/a" when it is not known.
func kpiValue(k model.KPI, v model.Value) string {
	if v.IsEmpty() {
		return "n/a"
	}
	return html.Cell(k.Type, k.Currency, v)
}

// textTable writes rows as aligned columns under a header: names left,
// figures right, two spaces between.
func textTable(rows []kpiRow) []string {
	cells := [][]string{{"", "This period", "Previous", "Change"}}
	for _, r := range rows {
		cells = append(cells, []string{r.Name, r.Current, r.Previous, r.Change})
	}
	w := make([]int, 4)
	for _, row := range cells {
		for j, c := range row {
			w[j] = max(w[j], utf8.RuneCountInString(c))
		}
	}
	lines := make([]string, len(cells))
	for i, row := range cells {
		var b strings.Builder
		for j, c := range row {
			pad := strings.Repeat(" ", w[j]-utf8.RuneCountInString(c))
			if j == 0 {
				b.WriteString(c + pad)
				continue
			}
			b.WriteString("  " + pad + c)
		}
		lines[i] = strings.TrimRight(b.String(), " ")
	}
	return lines
}

// paragraphs splits text at blank lines into paragraphs, each with its
// line breaks joined by spaces.
func paragraphs(text string) []string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	var out []string
	for _, p := range strings.Split(text, "\n\n") {
		p = strings.Join(strings.Fields(p), " ")
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}
