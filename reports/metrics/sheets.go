package metrics

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/careport/careport/reports/model"
	"github.com/shopspring/decimal"
)

// Sheet names. Grid and chart data sheets are one per field: "Grid
// Weight", "Chart data Weight".
const (
	SheetGrid       = "Grid"
	SheetDataPoints = "Data points"
	SheetTargets    = "Targets"
	SheetCharts     = "Charts"
	SheetChartData  = "Chart data"
)

// report assembles the workbook; empty are the sentences about fields left
// out for lack of data.
func (b *builder) report(empty []string) {
	p := b.p.Period
	var names []string
	for _, f := range b.fields {
		names = append(names, f.name)
	}
	b.r = &model.Report{
		Name:        Spec.Name,
		Title:       "Metrics report " + p.Label,
		Account:     b.p.AccountName,
		Period:      p,
		Previous:    p.Prev(),
		YearEarlier: p.YearEarlier(),
		Timezone:    b.loc.String(),
		GeneratedAt: b.p.GeneratedAt.In(b.loc),
		DataTime:    b.p.DataTime.In(b.loc),
		Filters:     []model.KeyValue{{Key: "Fields", Value: strings.Join(names, ", ")}},
	}
	if b.p.CoachID != 0 {
		b.r.Filters = append(b.r.Filters, model.KeyValue{Key: "Coach", Value: fmt.Sprintf("%s (%d)", b.p.CoachName, b.p.CoachID)})
	}
	if b.bucket != 'W' {
		b.r.Filters = append(b.r.Filters, model.KeyValue{Key: "Bucket", Value: bucketWord(b.bucket)})
	}
	if b.mode != valuesNumber {
		b.r.Filters = append(b.r.Filters, model.KeyValue{Key: "Values", Value: b.mode})
	}
	for _, e := range empty {
		b.r.Warnings = append(b.r.Warnings, upperFirst(e)+": it is left out of the report.")
	}
	b.r.KPIs = b.kpis()
	for _, f := range b.fields {
		b.gridSheet(f)
	}
	b.dataPointsSheet()
	b.targetsSheet()
	b.chartSheets()
	b.warnings()
	b.notes()
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// bucketWord names a bucket size.
func bucketWord(b byte) string {
	switch b {
	case 'D':
		return "day"
	case 'M':
		return "month"
	}
	return "week"
}

func num(d decimal.NullDecimal) model.Value {
	if !d.Valid {
		return model.Value{}
	}
	return model.Number(d.Decimal)
}

func optText(s string) model.Value {
	if s == "" {
		return model.Value{}
	}
	return model.Text(s)
}

// gridSheet is one field's date grid: a row per client with a value in the
// --values mode, a column per bucket as the API labels it (two with
// --values both: the number and the text), the latest value of the bucket,
// empty when the client reported nothing in it. Each row is shaded on its
// own colour scale.
func (b *builder) gridSheet(f *field) {
	g := f.grid
	cols := []model.Column{model.TextCol("Client"), model.IntCol("ClientID"), model.TextCol("Coach")}
	for _, l := range g.labels {
		switch b.mode {
		case valuesNumber:
			cols = append(cols, model.NumberCol(l))
		case valuesText:
			cols = append(cols, model.TextCol(l))
		default:
			cols = append(cols, model.NumberCol(l), model.TextCol(l+" text"))
		}
	}
	s := b.r.AddSheet(SheetGrid+" "+f.name, cols...)
	var ids []int
	for id, row := range g.cells {
		if !b.pp.keep(id, b.p.CoachID) {
			continue
		}
		for _, c := range row {
			if (b.mode != valuesText && c.num.Valid) || (b.mode != valuesNumber && c.text != "") {
				ids = append(ids, id)
				break
			}
		}
	}
	b.pp.sortClients(ids)
	for _, id := range ids {
		vals := []model.Value{model.Text(b.pp.name(id, g.names[id])), model.Int(int64(id)), optText(b.pp.coach(id, g.coach[id]))}
		for _, c := range g.cells[id] {
			switch b.mode {
			case valuesNumber:
				vals = append(vals, num(c.num))
			case valuesText:
				vals = append(vals, optText(c.text))
			default:
				vals = append(vals, num(c.num), optText(c.text))
			}
		}
		s.AddRow(vals...)
	}
	if b.mode != valuesText && len(g.labels) > 0 {
		s.Formatting().Conditional = append(s.Formatting().Conditional, model.CondFormat{
			Column: cols[3].Name, ToColumn: cols[len(cols)-1].Name, PerRow: true,
			Kind: model.ColourScale, Better: b.direction(f)})
	}
}

// direction is the colour of a field's grid scale: green for higher is
// better, red for lower is better (the mode of its metrics, when they
// agree), else neutral blue.
func (b *builder) direction(f *field) model.Better {
	modes := map[string]bool{}
	for _, ms := range b.metrics {
		for _, m := range ms {
			if strings.EqualFold(strings.TrimSpace(m.Name), f.asked) {
				modes[strings.ToUpper(m.TargetMode)] = true
			}
		}
	}
	switch {
	case len(modes) != 1:
		return model.BetterNeutral
	case modes["L"]:
		return model.BetterDown
	case modes["H"]:
		return model.BetterUp
	}
	return model.BetterNeutral
}

// dpRow is one row of the Data points sheet: a data point of a field's
// period (f.cur[i]).
type dpRow struct {
	f *field
	i int32
}

// dataPointsSheet lists every data point of the period shown in the
// --values mode, field by field, client by client (as the API orders
// them), then by date. It streams its rows: the large account has
// hundreds of thousands.
func (b *builder) dataPointsSheet() {
	var rows []dpRow
	for _, f := range b.fields {
		rank := map[int]int{}
		var ids []int
		for _, pt := range f.cur {
			if _, ok := rank[pt.ClientID]; !ok {
				rank[pt.ClientID] = 0
				ids = append(ids, pt.ClientID)
			}
		}
		b.pp.sortClients(ids)
		for i, id := range ids {
			rank[id] = i
		}
		start := len(rows)
		for i := range f.cur {
			if b.shown(f.cur[i]) {
				rows = append(rows, dpRow{f, int32(i)})
			}
		}
		part := rows[start:]
		// Stable: within a client the listing is already by date, month
		// after month.
		sortStableBy(part, func(r dpRow) int { return rank[r.f.cur[r.i].ClientID] })
	}
	s := b.r.AddSheet(SheetDataPoints, model.TextCol("Field"), model.TextCol("Client"), model.IntCol("ClientID"),
		model.TextCol("Coach"), model.DateCol("Date"), model.NumberCol("Value"), model.TextCol("Text"))
	s.Source = model.RowFunc{N: len(rows), Fill: func(i int, dst model.Row) error {
		f := rows[i].f
		pt := &f.cur[rows[i].i]
		dst[0] = model.Text(f.name)
		dst[1] = model.Text(b.pp.name(pt.ClientID, pt.ClientName))
		dst[2] = model.Int(int64(pt.ClientID))
		dst[3] = optText(b.pp.coach(pt.ClientID, pt.CoachName))
		dst[4] = model.DateOf(pt.Date.In(b.loc))
		dst[5] = num(pt.Value)
		dst[6] = optText(pt.Text)
		return nil
	}}
	s.Formatting().Table = true
}

// targetsSheet lists, per field, each reporting client's metric that has a
// target, judged on the period's last day (or the data's date).
func (b *builder) targetsSheet() {
	s := b.r.AddSheet(SheetTargets, model.TextCol("Field"), model.TextCol("Client"), model.IntCol("ClientID"),
		model.TextCol("Coach"), model.TextCol("Units"), model.DateCol("Start"), model.DateCol("End"),
		model.NumberCol("Target start"), model.NumberCol("Target end"), model.TextCol("Mode"), model.TextCol("Data mode"),
		model.DateCol("As of"), model.NumberCol("Value"), model.DateCol("Last reported"), model.NumberCol("Target line"),
		model.NumberCol("Gap"), model.PercentCol("Progress"), model.TextCol("Status"))
	s.Formatting().Conditional = []model.CondFormat{{Column: "Gap", Kind: model.SignColours, Better: model.BetterUp}}
	for _, f := range b.fields {
		for _, pc := range f.paces {
			m := pc.metric
			mode, dataMode := "Higher is better", "Regular"
			if strings.EqualFold(m.TargetMode, "L") {
				mode = "Lower is better"
			}
			if strings.EqualFold(m.DataMode, "C") {
				dataMode = "Cumulative (running total)"
			}
			last := model.Value{}
			if !pc.lastDate.IsZero() {
				last = model.Date(pc.lastDate.Year, pc.lastDate.Month, pc.lastDate.Day)
			}
			progress := model.Value{}
			if pc.progress.Valid {
				progress = model.PercentDecimal(pc.progress.Decimal)
			}
			s.AddRow(model.Text(f.name), model.Text(b.pp.name(m.ClientID, "")), model.Int(int64(m.ClientID)),
				optText(b.pp.coach(m.ClientID, "")), optText(m.Units), dateValue(m.StartDate), dateValue(m.EndDate),
				model.Number(m.TargetStart.Decimal), model.Number(m.TargetEnd.Decimal), model.Text(mode), model.Text(dataMode),
				model.Date(pc.asOf.Year, pc.asOf.Month, pc.asOf.Day), num(pc.value), last,
				model.Number(pc.target.Round(displayPlaces)), num(pc.gap), progress, model.Text(pc.status))
		}
	}
}

// dateValue is the calendar date of a fetched date (a midnight in the
// account zone), empty for the zero time.
func dateValue(t time.Time) model.Value {
	if t.IsZero() {
		return model.Value{}
	}
	return model.DateOf(t)
}

// sortStableBy sorts rows by key, keeping the order of equal keys.
func sortStableBy[T any](rows []T, key func(T) int) {
	slices.SortStableFunc(rows, func(a, b T) int { return cmp.Compare(key(a), key(b)) })
}
