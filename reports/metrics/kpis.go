package metrics

import (
	"slices"

	"github.com/careport/careport/reports/model"
	"github.com/shopspring/decimal"
)

// attainment is one period's headline figures of one field.
type attainment struct {
	reporting int // clients with a data point shown in the --values mode
	targets   int // clients whose metric has a target
	onPace    int // on pace or ahead
	behind    int
	progress  []decimal.Decimal // of the clients judged, for the median
}

func (b *builder) attainment(rows []point, paces []pace) attainment {
	var a attainment
	seen := map[int]bool{}
	for _, pt := range rows {
		if b.shown(pt) && !seen[pt.ClientID] {
			seen[pt.ClientID] = true
			a.reporting++
		}
	}
	for _, pc := range paces {
		a.targets++
		switch pc.status {
		case statusOnPace, statusAhead:
			a.onPace++
		case statusBehind:
			a.behind++
		}
		if pc.status != statusNoData && pc.progress.Valid {
			a.progress = append(a.progress, pc.progress.Decimal)
		}
	}
	return a
}

// median returns the middle value of ds (the mean of the two middle ones
// for an even count); ok false when ds is empty.
func median(ds []decimal.Decimal) (decimal.Decimal, bool) {
	if len(ds) == 0 {
		return decimal.Zero, false
	}
	s := slices.Clone(ds)
	slices.SortFunc(s, func(a, b decimal.Decimal) int { return a.Cmp(b) })
	n := len(s)
	if n%2 == 1 {
		return s[n/2], true
	}
	return s[n/2-1].Add(s[n/2]).Div(decimal.NewFromInt(2)), true
}

// kpis returns the attainment summary: per field (the KPI group), clients
// reporting, clients with a target, the share on pace or ahead, the share
// behind and the median progress, for the period and the previous one.
// The year-earlier figures are not computed (the report compares with the
// previous period only) and show as n/a.
func (b *builder) kpis() []model.KPI {
	var out []model.KPI
	for _, f := range b.fields {
		cur, prev := b.attainment(f.cur, f.paces), b.attainment(f.prev, f.prevPaces)
		add := func(name string, t model.ColumnType, better model.Better, def string, v func(attainment) model.Value) {
			out = append(out, model.KPI{Name: name, Group: f.name, Type: t, Better: better, Definition: def,
				Current: v(cur), Previous: v(prev)})
		}
		share := func(n func(attainment) int) func(attainment) model.Value {
			return func(a attainment) model.Value {
				if a.targets == 0 {
					return model.Value{}
				}
				return model.Percent(float64(n(a)) / float64(a.targets))
			}
		}
		add("Clients reporting", model.ColCount, model.BetterUp, "Clients with a data point of the field in the period.",
			func(a attainment) model.Value { return model.Int(int64(a.reporting)) })
		add("Clients with a target", model.ColCount, model.BetterNeutral, "Clients reporting in this or the compared period whose metric overlapping the period has a target.",
			func(a attainment) model.Value { return model.Int(int64(a.targets)) })
		add("On pace or ahead", model.ColPercent, model.BetterUp, "Share of the clients with a target on pace or ahead at the period's end.",
			share(func(a attainment) int { return a.onPace }))
		add("Behind", model.ColPercent, model.BetterDown, "Share of the clients with a target behind at the period's end.",
			share(func(a attainment) int { return a.behind }))
		add("Median progress", model.ColPercent, model.BetterUp, "Median of (value - target start) / (target end - target start).",
			func(a attainment) model.Value {
				m, ok := median(a.progress)
				if !ok {
					return model.Value{}
				}
				return model.PercentDecimal(m)
			})
	}
	return out
}
