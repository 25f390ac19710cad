package metrics

import (
	"fmt"
	"slices"
	"strings"

	"github.com/careport/careport/reports/model"
	"github.com/shopspring/decimal"
)

// maxCharts is the most line charts drawn per field: with more clients
// with a target, the Charts sheet draws the maxCharts furthest behind.
const maxCharts = 12

// charted returns the paces a field's charts draw, in order, and a
// sentence saying which they are.
func charted(f *field) ([]pace, string) {
	var judged []pace
	for _, pc := range f.paces {
		if pc.status != statusNoData {
			judged = append(judged, pc)
		}
	}
	if len(judged) <= maxCharts {
		return judged, fmt.Sprintf("%s: every client with a target and data in the period (%d), as small multiples in the order of the Targets sheet.",
			f.name, len(judged))
	}
	slices.SortStableFunc(judged, func(a, b pace) int { return a.rank.Cmp(b.rank) })
	return judged[:maxCharts], fmt.Sprintf("%s: the %d clients furthest behind of the %d with a target and data in the period (smallest gap as a share of the target's range first).",
		f.name, maxCharts, len(judged))
}

// chartSheets adds, per field with clients to chart, a chart data sheet
// (a row per bucket: each charted client's series and target line) and,
// for all fields, the Charts sheet: a table of the charted clients and
// one native line chart per client below it.
func (b *builder) chartSheets() {
	p := b.p.Period
	var charts []model.Chart
	type listed struct {
		f  *field
		pc pace
	}
	var all []listed
	for _, f := range b.fields {
		pcs, note := charted(f)
		b.chartNotes = append(b.chartNotes, note)
		if len(pcs) == 0 {
			continue
		}
		g := f.grid
		cols := []model.Column{model.TextCol("Bucket")}
		for _, pc := range pcs {
			n := b.seriesName(pc)
			cols = append(cols, model.NumberCol(n), model.NumberCol(n+" target"))
		}
		data := b.r.AddSheet(SheetChartData+" "+f.name, cols...)
		for i, label := range g.labels {
			bs := model.CivilDateOf(g.starts[i])
			if bs.Before(p.First) {
				bs = p.First
			}
			be := p.Last
			if i+1 < len(g.starts) {
				if next := model.CivilDateOf(g.starts[i+1]).AddDays(-1); next.Before(be) {
					be = next
				}
			}
			vals := []model.Value{model.Text(label)}
			for _, pc := range pcs {
				v, t := b.bucketPoint(pc, bs, be)
				vals = append(vals, v, t)
			}
			data.AddRow(vals...)
		}
		for _, pc := range pcs {
			n := b.seriesName(pc)
			charts = append(charts, model.Chart{Kind: model.ChartLine,
				Title:    fmt.Sprintf("%s: %s (%s)", f.name, b.pp.name(pc.metric.ClientID, ""), pc.status),
				Category: "Bucket", Values: []string{n, n + " target"}, Data: data.Name})
			all = append(all, listed{f, pc})
		}
	}
	if len(charts) == 0 {
		return
	}
	s := b.r.AddSheet(SheetCharts, model.IntCol("Chart"), model.TextCol("Field"), model.TextCol("Client"),
		model.IntCol("ClientID"), model.TextCol("Coach"), model.TextCol("Status"), model.NumberCol("Gap"))
	for i, l := range all {
		id := l.pc.metric.ClientID
		s.AddRow(model.Int(int64(i+1)), model.Text(l.f.name), model.Text(b.pp.name(id, "")), model.Int(int64(id)),
			optText(b.pp.coach(id, "")), model.Text(l.pc.status), num(l.pc.gap))
	}
	s.Charts = charts
}

// seriesName is a charted client's column name: name and ID, unique.
func (b *builder) seriesName(pc pace) string {
	id := pc.metric.ClientID
	return strings.TrimSpace(fmt.Sprintf("%s (%d)", b.pp.name(id, ""), id))
}

// bucketPoint returns a charted metric's value and target line in the
// bucket of days bs..be: the latest data point of the bucket (regular) or
// the running total at the bucket's end (cumulative), counted up to the
// data's date; and the target line at the bucket's end (or the metric's
// end, when earlier). Either is empty outside the metric's tracking period.
func (b *builder) bucketPoint(pc pace, bs, be model.CivilDate) (model.Value, model.Value) {
	m := pc.metric
	start, end := dateOf(m.StartDate), dateOf(m.EndDate)
	var val, tgt model.Value
	if !be.Before(start) && !bs.After(end) {
		day := be
		if end.Before(day) {
			day = end
		}
		tgt = model.Number(targetLine(m, day).Round(displayPlaces))
	}
	last := be
	if b.asOf.Before(last) {
		last = b.asOf
	}
	if end.Before(last) {
		last = end
	}
	if bs.After(last) || last.Before(start) {
		return val, tgt
	}
	if strings.EqualFold(m.DataMode, "C") {
		sum := decimal.Zero
		for _, dp := range m.Data {
			if d := dateOf(dp.DateOf); !d.Before(start) && !d.After(last) {
				sum = sum.Add(dp.Value)
			}
		}
		return model.Number(sum), tgt
	}
	var latest model.CivilDate
	found := false
	for _, dp := range m.Data {
		d := dateOf(dp.DateOf)
		if d.Before(bs) || d.Before(start) || d.After(last) {
			continue
		}
		if !found || !d.Before(latest) {
			latest, val, found = d, model.Number(dp.Value), true
		}
	}
	return val, tgt
}
