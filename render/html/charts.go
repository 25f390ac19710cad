package html

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/careport/careport/render/present"
	"github.com/careport/careport/reports/model"
)

// Charts: go-echarts builds each chart's ECharts options from the model's
// chart spec; the page never uses go-echarts' templates, which write the
// options unescaped into the page (JSONNotEscaped) and strip every "__f__"
// from the text as a function marker. The options are marshalled here
// with encoding/json's default escaping of <, > and & (\u003c ...) into a
// JSON data block, so no text from the data can end the block or start
// markup, and "__f__" stays text. No option is a function: the page's
// script adds the number formatters a "careport" entry of the options
// describes, and tooltips render as rich text, not HTML.

// maxChartPoints is the most categories a chart draws; a data sheet with
// more rows is drawn for its first maxChartPoints, and the chart says so.
const maxChartPoints = 1000

// seriesColours is the workbook's palette (present.SeriesColours) as CSS
// colours, so a series has the same colour in both files.
var seriesColours = func() []string {
	out := make([]string, len(present.SeriesColours))
	for i, c := range present.SeriesColours {
		out[i] = "#" + c
	}
	return out
}()

// palette gives every series name one colour across the page's charts,
// keyed by the name without a trailing currency code, as the workbook does.
type palette map[string]string

func seriesKey(name string) string { return present.SeriesKey(name) }

func (p palette) of(name string) string {
	k := seriesKey(name)
	if c, ok := p[k]; ok {
		return c
	}
	c := seriesColours[len(p)%len(seriesColours)]
	p[k] = c
	return c
}

// numberSpec tells the page's script how to write a series' values: the
// workbook's format of its column.
type numberSpec struct {
	Kind   string `json:"kind"` // money, percent, int or number
	Prefix string `json:"prefix,omitempty"`
	Digits int    `json:"digits"` // decimals in tooltips; -1: all
}

func specOf(c model.Column) numberSpec {
	switch c.Type {
	case model.ColMoney:
		return numberSpec{Kind: "money", Prefix: moneyPrefix(currencyCode(c.Currency)), Digits: int(model.CurrencyDigits(currencyCode(c.Currency)))}
	case model.ColPercent:
		return numberSpec{Kind: "percent", Digits: 1}
	case model.ColInteger, model.ColCount:
		return numberSpec{Kind: "int", Digits: 0}
	}
	return numberSpec{Kind: "number", Digits: -1}
}

// chartMeta is the "careport" entry of a chart's options, which the page's
// script reads and removes before drawing.
type chartMeta struct {
	Value      numberSpec   `json:"value"`      // the value axis
	Series     []numberSpec `json:"series"`     // tooltips, per series
	Horizontal bool         `json:"horizontal"` // values on the x axis
}

// pageVisitor adjusts go-echarts' options for the page: rich-text
// tooltips confined to the chart, the careport entry, no toolbox.
type pageVisitor struct {
	charts.BaseConfigurationVisitor
	meta chartMeta
}

// tooltip is go-echarts' tooltip with the options it lacks.
type tooltip struct {
	opts.Tooltip
	// RenderMode "richText" draws the tooltip in the chart instead of as
	// HTML, so no text from the data is ever parsed as markup (ECharts'
	// security guide: tooltip formatters return HTML).
	RenderMode string `json:"renderMode"`
	// Confine keeps the tooltip inside the chart: on a phone it never
	// widens the page.
	Confine bool `json:"confine"`
}

// VisitTooltipOpt makes every tooltip rich text, confined to its chart.
func (v pageVisitor) VisitTooltipOpt(t opts.Tooltip) any {
	return tooltip{Tooltip: t, RenderMode: "richText", Confine: true}
}

// Visit drops the toolbox go-echarts always writes (the page has no
// tools: a printout or the workbook serve) and adds the careport entry.
func (v pageVisitor) Visit(m map[string]any) {
	delete(m, "toolbox")
	m["careport"] = v.meta
}

// chartView is one chart of the page.
type chartView struct {
	ID      string
	Title   string
	Kind    string      // bar, line or pie, for tests and the browser check
	Series  int         // number of series drawn
	Options template.JS // HTML-safe JSON; "" when there is nothing to draw
	Empty   string      // why nothing is drawn
	Caption string      // a note under the chart (points left out)
}

// chartSource is the rows a chart draws: the sheet and its collected rows.
type chartSource struct {
	sheet *model.Sheet
	rows  *collected
}

// buildChart builds the options of ch over src.
func buildChart(id string, ch model.Chart, src chartSource, pal palette) (chartView, error) {
	cv := chartView{ID: id, Title: ch.Title}
	if cv.Title == "" {
		cv.Title = strings.Join(ch.Values, ", ")
	}
	s := src.sheet
	cat := s.ColumnIndex(ch.Category)
	if cat < 0 {
		return cv, fmt.Errorf("unknown category column %q", ch.Category)
	}
	var vals []int
	for _, name := range ch.Values {
		vi := s.ColumnIndex(name)
		if vi < 0 {
			return cv, fmt.Errorf("unknown value column %q", name)
		}
		vals = append(vals, vi)
	}
	if len(vals) == 0 {
		return cv, fmt.Errorf("no value columns")
	}
	rows := src.rows.data
	if len(rows) > maxChartPoints {
		rows = rows[:maxChartPoints]
	}
	if src.rows.count > len(rows) {
		cv.Caption = fmt.Sprintf("The chart draws the first %s of the %s rows of %q; the workbook has them all.",
			groupDigits(fmt.Sprint(len(rows))), groupDigits(fmt.Sprint(src.rows.count)), s.Name)
	}
	if len(rows) == 0 {
		cv.Empty = fmt.Sprintf("No rows to draw: the sheet %q is empty.", s.Name)
		return cv, nil
	}
	cats := make([]string, len(rows))
	curIdx := s.CurrencyColumnIndex()
	for i, r := range rows {
		cats[i] = Cell(s.Columns[cat].Type, s.RowCurrency(r, cat, curIdx), r[cat])
	}
	meta := chartMeta{Value: specOf(s.Columns[vals[0]])}
	for _, vi := range vals {
		meta.Series = append(meta.Series, specOf(s.Columns[vi]))
	}
	point := func(v model.Value) any {
		switch v.Kind() {
		case model.KindInt, model.KindMoney, model.KindNumber, model.KindPercent:
			return v.Float() // the last step: a chart point
		}
		return "-" // ECharts' empty point: a gap, not zero
	}
	tip := opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}
	legend := opts.Legend{Show: opts.Bool(true), Type: "scroll", Bottom: "0"}
	grid := opts.Grid{Left: "1%", Right: "3%", Top: "6%", Bottom: "14%", ContainLabel: opts.Bool(true)}
	colours := charts.WithColorsOpts(opts.Colors(seriesColours))
	var base *charts.BaseConfiguration
	switch ch.Kind {
	case model.ChartColumn, model.ChartBar:
		c := charts.NewBar()
		c.SetGlobalOptions(colours, charts.WithTooltipOpts(tip), charts.WithLegendOpts(legend), charts.WithGridOpts(grid))
		c.SetXAxis(cats)
		for _, vi := range vals {
			data := make([]opts.BarData, len(rows))
			for i, r := range rows {
				data[i] = opts.BarData{Value: point(r[vi])}
			}
			name := s.Columns[vi].Name
			c.AddSeries(name, data, charts.WithItemStyleOpts(opts.ItemStyle{Color: pal.of(name)}))
		}
		if ch.Kind == model.ChartBar {
			c.XYReversal()
			meta.Horizontal = true
			// Categories read top to bottom in sheet order.
			c.SetGlobalOptions(charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true)}),
				charts.WithXAxisOpts(opts.XAxis{Type: "value"}))
		}
		c.Validate()
		base, cv.Kind = &c.BaseConfiguration, "bar"
	case model.ChartLine:
		c := charts.NewLine()
		c.SetGlobalOptions(colours, charts.WithTooltipOpts(tip), charts.WithLegendOpts(legend), charts.WithGridOpts(grid))
		c.SetXAxis(cats)
		for _, vi := range vals {
			data := make([]opts.LineData, len(rows))
			for i, r := range rows {
				data[i] = opts.LineData{Value: point(r[vi])}
			}
			name := s.Columns[vi].Name
			col := pal.of(name)
			c.AddSeries(name, data, charts.WithItemStyleOpts(opts.ItemStyle{Color: col}),
				charts.WithLineStyleOpts(opts.LineStyle{Color: col, Width: 2}))
		}
		c.Validate()
		base, cv.Kind = &c.BaseConfiguration, "line"
	case model.ChartPie:
		// A pie draws the first value column, one slice per category.
		c := charts.NewPie()
		tip.Trigger = "item"
		c.SetGlobalOptions(colours, charts.WithTooltipOpts(tip), charts.WithLegendOpts(legend))
		vi := vals[0]
		var data []opts.PieData
		for i, r := range rows {
			if p, ok := point(r[vi]).(float64); ok {
				data = append(data, opts.PieData{Name: cats[i], Value: p})
			}
		}
		c.AddSeries(s.Columns[vi].Name, data, charts.WithPieChartOpts(opts.PieChart{Radius: []string{"30%", "65%"}}))
		c.Validate()
		meta.Series = meta.Series[:1]
		base, cv.Kind = &c.BaseConfiguration, "pie"
		vals = vals[:1]
	default:
		return cv, fmt.Errorf("unknown chart kind %d", ch.Kind)
	}
	base.Accept(pageVisitor{meta: meta})
	js, err := marshalOptions(base.JSON())
	if err != nil {
		return cv, err
	}
	cv.Options, cv.Series = js, len(vals)
	return cv, nil
}

// marshalOptions writes chart options as JSON safe inside a <script>
// block: encoding/json escapes <, >, & and U+2028/U+2029, so the text
// holds no "</script", "<!--" or markup, whatever the data says.
func marshalOptions(v any) (template.JS, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true) // the default, said because it is the point
	if err := enc.Encode(v); err != nil {
		return "", fmt.Errorf("chart options: %w", err)
	}
	return template.JS(bytes.TrimSpace(buf.Bytes())), nil
}
