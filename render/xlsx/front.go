package xlsx

import (
	"fmt"
	"math"
	"strings"

	"github.com/careport/careport/reports/model"
	"github.com/xuri/excelize/v2"
)

// frontName is the name of the front page.
const frontName = "Summary"

// Front page columns: KPI name, five figures, the definition.
var frontWidths = []float64{26, 15, 15, 10, 15, 10, 58}

// Front page chart size in pixels: two side by side, the first from column
// A, the second from column E (columns A to D are about 480 pixels wide),
// within the width of the KPI block, so they fit the page with it.
const (
	frontChartW, frontChartH = 530, 300
	frontChartRows           = 17 // rows a chart and its gap take
	// frontChart2X is where the second chart of a row starts inside
	// column E (columns A to D are about 482 pixels wide).
	frontChart2X = 66
)

// groupLabel is the heading of a KPI group.
func groupLabel(g string) string {
	if g == "" {
		return "All currencies"
	}
	return g
}

// frontPage writes the front page with the normal cell API (it is small,
// and must fit one page): the title block, the KPI block per group, the
// report's charts.
func (w *writer) frontPage() error {
	sheet := w.layout.Front
	f, r := w.f, w.r
	row := 0
	put := func(col int, v any, style int) error {
		cell, err := excelize.CoordinatesToCellName(col, row)
		if err != nil {
			return err
		}
		switch x := v.(type) {
		case string:
			err = f.SetCellStr(sheet, cell, w.text(x))
		case nil:
		default:
			err = f.SetCellValue(sheet, cell, x)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", cell, err)
		}
		return f.SetCellStyle(sheet, cell, cell, style)
	}
	st := func(numFmt string, k cellKind) int {
		id, err := w.st.get(numFmt, k)
		if err != nil && w.err == nil {
			w.err = err
		}
		return id
	}
	title := r.Title
	if title == "" {
		title = r.Name
	}
	row++
	if err := put(1, title, st("", kindTitle)); err != nil {
		return err
	}
	if err := f.SetRowHeight(sheet, 1, 24); err != nil {
		return err
	}
	filters := "none"
	if len(r.Filters) > 0 {
		var parts []string
		for _, kv := range r.Filters {
			parts = append(parts, kv.Key+": "+kv.Value)
		}
		filters = strings.Join(parts, "; ")
	}
	block := [][2]string{
		{"Account", r.Account},
		{"Period", periodWords(r.Period)},
		{"Compared with", fmt.Sprintf("previous period %s; a year earlier %s", r.Previous.Label, r.YearEarlier.Label)},
		{"Time zone", r.Timezone},
		{"Data as of", stamp(r.DataTime)},
		{"Filters", filters},
	}
	// Warnings (a period with no data, one not ended at the data time) are
	// on the front page as well as on stderr: the reader of a forwarded
	// workbook never saw the terminal.
	for _, wn := range r.Warnings {
		block = append(block, [2]string{"Warning", wn})
	}
	for _, kv := range block {
		row++
		if err := put(1, kv[0], st("", kindLabel)); err != nil {
			return err
		}
		if err := put(2, kv[1], st("", kindBody)); err != nil {
			return err
		}
	}
	row++
	// One block per KPI group, in order of first appearance.
	var groups []string
	seen := map[string]bool{}
	for _, k := range r.KPIs {
		if !seen[k.Group] {
			seen[k.Group] = true
			groups = append(groups, k.Group)
		}
	}
	headers := []string{"", "This period", "Previous period", "Change", "A year earlier", "Change", "How it is computed"}
	for _, g := range groups {
		row++
		for i, h := range headers {
			k := kindHeadRight
			if i == 0 || i == 6 {
				k = kindHeadLeft
			}
			if i == 0 {
				h = groupLabel(g)
			}
			if err := put(i+1, h, st("", k)); err != nil {
				return err
			}
		}
		for _, k := range r.KPIs {
			if k.Group != g {
				continue
			}
			row++
			if err := w.kpiRow(put, st, k); err != nil {
				return err
			}
		}
		row++
	}
	row++
	if err := put(1, "Changes are relative (a percentage's change is in points); green is good news and red bad news for that figure.", st("", kindCaption)); err != nil {
		return err
	}
	for i, wd := range frontWidths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, wd); err != nil {
			return err
		}
	}
	row += 2
	// The charts start on a page of their own, so that the title block and
	// the KPIs print at a readable size on the first page (one page wide,
	// as many tall as needed) instead of everything shrunk onto one.
	chartsOnOwnPage := len(r.Charts) > 0 && len(r.KPIs) > 0
	if chartsOnOwnPage {
		row = max(row, 2)
		if err := f.InsertPageBreak(sheet, fmt.Sprintf("A%d", row)); err != nil {
			return err
		}
	}
	for i, ch := range r.Charts {
		src, err := w.chartData(nil, Part{}, ch)
		if err != nil {
			return fmt.Errorf("chart %q: %w", ch.Title, err)
		}
		width := uint(frontChartW)
		if len(r.Charts) == 1 {
			width = 2*frontChartW + 12 // a single chart takes both places
		}
		c, err := w.buildChart(ch, src, width, frontChartH)
		if err != nil {
			return fmt.Errorf("chart %q: %w", ch.Title, err)
		}
		if c == nil {
			continue
		}
		c.Format.OffsetX = 0
		col := "A"
		if i%2 == 1 {
			col = "E"
			c.Format.OffsetX = frontChart2X
		}
		cell := fmt.Sprintf("%s%d", col, row+(i/2)*frontChartRows)
		if err := f.AddChart(sheet, cell, c); err != nil {
			return fmt.Errorf("chart %q: %w", ch.Title, err)
		}
	}
	last := row
	if n := len(r.Charts); n > 0 {
		last = row + (n+1)/2*frontChartRows
	}
	if err := f.SetSheetDimension(sheet, fmt.Sprintf("A1:G%d", last)); err != nil {
		return err
	}
	if w.err != nil {
		return w.err
	}
	fitHeight := 1
	if chartsOnOwnPage {
		fitHeight = 0
	}
	return setupPage(f, r, sheet, pageSetup{fitHeight: fitHeight})
}

// kpiRow writes one KPI: name, this period, previous, change, a year
// earlier, change, definition; changes coloured by whether they are good
// news.
func (w *writer) kpiRow(put func(int, any, int) error, st func(string, cellKind) int, k model.KPI) error {
	numFmt := columnFormat(k.Type, k.Currency)
	chFmt := fmtChange
	if k.Type == model.ColPercent {
		chFmt = fmtPoints
	}
	value := func(col int, v model.Value) error {
		if v.IsEmpty() {
			return put(col, "n/a", st("", kindNA))
		}
		return put(col, w.cellValue(v), st(numFmt, kindBody))
	}
	change := func(col int, c model.Value) error {
		if c.IsEmpty() {
			return put(col, "n/a", st("", kindNA))
		}
		kind := kindBody
		switch k.Good(c) {
		case 1:
			kind = kindGood
		case -1:
			kind = kindBad
		}
		x := c.Float()
		if k.Type == model.ColPercent {
			x = math.Round(x*100*1e6) / 1e6 // points, without float noise
		}
		return put(col, x, st(chFmt, kind))
	}
	steps := []func() error{
		func() error { return put(1, k.Name, st("", kindBody)) },
		func() error { return value(2, k.Current) },
		func() error { return value(3, k.Previous) },
		func() error { return change(4, k.Change()) },
		func() error { return value(5, k.YearEarlier) },
		func() error { return change(6, k.YearChange()) },
		func() error { return put(7, k.Definition, st("", kindNote)) },
	}
	for _, s := range steps {
		if err := s(); err != nil {
			return fmt.Errorf("KPI %q: %w", k.Name, err)
		}
	}
	return nil
}
