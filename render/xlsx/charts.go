package xlsx

import (
	"fmt"

	"github.com/careport/careport/render/present"
	"github.com/careport/careport/reports/model"
	"github.com/xuri/excelize/v2"
)

// seriesColours is the palette series take colours from, in order of first
// use in the workbook (Office's default order: blue, orange, grey, gold,
// light blue, green, then darker shades).
var seriesColours = present.SeriesColours

// palette gives every series name one colour across all charts of a
// workbook: the name without a trailing currency code ("Invoiced USD",
// "Invoiced (EUR)" and "Invoiced" are the same series), so invoiced is the
// same colour in every chart and collected another.
type palette struct {
	colour map[string]string
}

func newPalette() *palette { return &palette{colour: make(map[string]string)} }

// seriesKey is the palette key of a series name.
func seriesKey(name string) string { return present.SeriesKey(name) }

// of returns the colour of the series name, assigning the next free one.
func (p *palette) of(name string) string {
	k := seriesKey(name)
	if c, ok := p.colour[k]; ok {
		return c
	}
	c := seriesColours[len(p.colour)%len(seriesColours)]
	p.colour[k] = c
	return c
}

// chartSource is where a chart's data is: its model sheet and the name and
// data-row count of the sheet's first worksheet.
type chartSource struct {
	sheet *model.Sheet
	name  string
	rows  int
}

// chartData finds the sheet chart ch draws; own is the sheet the chart is
// on (nil for the front page), used when ch.Data is "".
func (w *writer) chartData(own *model.Sheet, ownPart Part, ch model.Chart) (chartSource, error) {
	if own != nil && (ch.Data == "" || ch.Data == own.Name) {
		return chartSource{own, ownPart.Name, ownPart.Rows}, nil
	}
	for si, s := range w.r.Sheets {
		if s == nil || s.Name != ch.Data {
			continue
		}
		for _, p := range w.layout.Parts {
			if p.Sheet == si {
				return chartSource{s, p.Name, p.Rows}, nil
			}
		}
	}
	return chartSource{}, fmt.Errorf("unknown data sheet %q", ch.Data)
}

// chartFont is the font of axis labels and legends: dark and small enough
// for twelve month labels.
func chartFont(size float64) excelize.Font {
	return excelize.Font{Family: fontName, Size: size, Color: colorText}
}

// buildChart returns the excelize chart for ch over src, width x height
// pixels, or nil when src has no rows (an empty series range would need
// repair in Excel).
func (w *writer) buildChart(ch model.Chart, src chartSource, width, height uint) (*excelize.Chart, error) {
	if src.rows == 0 {
		return nil, nil
	}
	sheetRef := quoteSheet(src.name)
	lastRow := src.rows + 1
	cat := src.sheet.ColumnIndex(ch.Category)
	if cat < 0 {
		return nil, fmt.Errorf("unknown category column %q", ch.Category)
	}
	catCol, _ := excelize.ColumnNumberToName(cat + 1)
	var kind excelize.ChartType
	switch ch.Kind {
	case model.ChartColumn:
		kind = excelize.Col
	case model.ChartBar:
		kind = excelize.Bar
	case model.ChartLine:
		kind = excelize.Line
	case model.ChartPie:
		kind = excelize.Pie
	default:
		return nil, fmt.Errorf("unknown chart kind %d", ch.Kind)
	}
	var series []excelize.ChartSeries
	axisFmt := ""
	for _, v := range ch.Values {
		vi := src.sheet.ColumnIndex(v)
		if vi < 0 {
			return nil, fmt.Errorf("unknown value column %q", v)
		}
		col, _ := excelize.ColumnNumberToName(vi + 1)
		s := excelize.ChartSeries{
			Name:       fmt.Sprintf("%s!$%s$1", sheetRef, col),
			Categories: fmt.Sprintf("%s!$%s$2:$%s$%d", sheetRef, catCol, catCol, lastRow),
			Values:     fmt.Sprintf("%s!$%s$2:$%s$%d", sheetRef, col, col, lastRow),
		}
		colour := w.palette.of(v)
		switch kind {
		case excelize.Line:
			s.Line = excelize.LineOptions{Width: 2.25, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colour}}}
		case excelize.Pie:
		default:
			s.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colour}}
		}
		series = append(series, s)
		if axisFmt == "" {
			axisFmt = axisFormat(src.sheet.Columns[vi])
		}
	}
	if len(series) == 0 {
		return nil, fmt.Errorf("no value columns")
	}
	// A title longer than the chart is wide gets a smaller font rather
	// than being cut: about 7 pixels a character at 12 points.
	titleSize := 12.0
	if n := len([]rune(ch.Title)); n*7 > int(width)-20 {
		titleSize = 10
	}
	axis := func(numFmt string) excelize.ChartAxis {
		a := excelize.ChartAxis{Font: chartFont(9)}
		if numFmt != "" {
			a.NumFmt = excelize.ChartNumFmt{CustomNumFmt: numFmt}
		}
		return a
	}
	// Category labels such as "2026-10" wrap onto two lines when a dozen
	// share a chart's width; tilted, they stay whole.
	xAxis := axis("")
	if src.rows > 6 {
		xAxis.Alignment = excelize.Alignment{TextRotation: -45}
	}
	yAxis := axis(axisFmt)
	yAxis.MajorGridLines = true
	legendFont := chartFont(9)
	titleFont := excelize.Font{Family: fontName, Size: titleSize, Bold: true, Color: colorText}
	return &excelize.Chart{
		Type:      kind,
		Series:    series,
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: ch.Title, Font: &titleFont}}},
		Format:    excelize.GraphicOptions{OffsetX: 10, OffsetY: 6},
		Dimension: excelize.ChartDimension{Width: width, Height: height},
		Legend:    excelize.ChartLegend{Position: "bottom", Font: &legendFont},
		XAxis:     xAxis,
		YAxis:     yAxis,
	}, nil
}

// axisFormat is the value axis number format for a value column: money
// in its currency without decimals, percents as whole percents.
func axisFormat(c model.Column) string {
	switch c.Type {
	case model.ColMoney:
		return moneyFormatDigits(c.Currency, 0)
	case model.ColPercent:
		return "0%"
	case model.ColNumber:
		return fmtNumber
	}
	return fmtInteger
}

// addSheetCharts adds a data sheet's own charts: a chart of the sheet's
// rows sits to their right; a chart of another sheet's rows sits below
// this sheet's table, where a reader of a summary looks next.
func (w *writer) addSheetCharts(ss *sheetState) error {
	for ci, ch := range ss.s.Charts {
		src, err := w.chartData(ss.s, ss.parts[0], ch)
		if err != nil {
			return fmt.Errorf("sheet %q chart %q: %w", ss.s.Name, ch.Title, err)
		}
		c, err := w.buildChart(ch, src, 600, 320)
		if err != nil {
			return fmt.Errorf("sheet %q chart %q: %w", ss.s.Name, ch.Title, err)
		}
		if c == nil {
			continue
		}
		anchorCol, _ := excelize.ColumnNumberToName(len(ss.s.Columns) + 2)
		anchor := fmt.Sprintf("%s%d", anchorCol, 2+ci*18)
		if src.sheet != ss.s {
			anchor = fmt.Sprintf("A%d", ss.parts[0].Rows+ss.parts[0].TotalRows+4+ci*18)
		}
		if err := w.f.AddChart(ss.parts[0].Name, anchor, c); err != nil {
			return fmt.Errorf("sheet %q chart %q: %w", ss.s.Name, ch.Title, err)
		}
	}
	return nil
}
