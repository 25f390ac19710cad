package metrics

import (
	"strings"
	"time"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/reports/model"
	"github.com/shopspring/decimal"
)

// Pace statuses (Targets sheet, KPIs).
const (
	statusAhead  = "ahead"
	statusOnPace = "on pace"
	statusBehind = "behind"
	statusNoData = "no data"
)

// paceBand is the half-width of "on pace", as a share of the target's
// range |target end - target start| (of |target| when the target is flat).
var paceBand = decimal.New(5, -2)

// displayPlaces is the number of decimals of a target line value and a
// gap on the sheets (metric values have at most 4).
const displayPlaces = 4

// dateOf returns the calendar date of a fetched date, which is a midnight
// in the account zone.
func dateOf(t time.Time) model.CivilDate { return model.CivilDateOf(t) }

// pick returns the client's metric of field for period p: among its
// metrics of that name (case-insensitively) whose tracking period overlaps
// p, the one that started last (ties: the highest ID); nil when none.
func pick(ms []fetch.Metric, field string, p model.Period) *fetch.Metric {
	var best *fetch.Metric
	for i := range ms {
		m := &ms[i]
		if !strings.EqualFold(strings.TrimSpace(m.Name), field) {
			continue
		}
		start, end := dateOf(m.StartDate), dateOf(m.EndDate)
		if m.StartDate.IsZero() || start.After(p.Last) || (!m.EndDate.IsZero() && end.Before(p.First)) {
			continue
		}
		if best == nil || m.StartDate.After(best.StartDate) || (m.StartDate.Equal(best.StartDate) && m.ID > best.ID) {
			best = m
		}
	}
	return best
}

// hasTarget reports whether m has a target line.
func hasTarget(m *fetch.Metric) bool { return m != nil && m.TargetStart.Valid && m.TargetEnd.Valid }

// pace is a metric judged against its target line on one day.
type pace struct {
	metric *fetch.Metric
	asOf   model.CivilDate // the day judged: the period's last day, the data's date or the metric's end, the earliest
	// value is the latest value on asOf (regular) or the running total
	// (cumulative); valid when the metric has a data point on or before asOf.
	value    decimal.NullDecimal
	lastDate model.CivilDate // date of the latest data point on or before asOf
	target   decimal.Decimal // where the target line is on asOf, exact to 16 digits
	// gap is value - target, signed so that a positive gap is good news
	// (target - value for a lower-is-better metric), rounded for display.
	gap      decimal.NullDecimal
	progress decimal.NullDecimal // (value - target start) / (target end - target start)
	status   string
	// rank orders the behind: the signed gap over the target's range
	// (smallest is furthest behind).
	rank decimal.Decimal
}

// judge evaluates m (which has a target) for period p as of day asOf (the
// period's last day, or the data's date when that is earlier), by the rule
// the Notes sheet states:
//
//   - the day judged, e, is asOf, or the metric's end date when that is
//     earlier;
//   - the value is the latest data point dated from the metric's start to
//     e (regular metrics), or the sum of those data points, the running
//     total (cumulative metrics);
//   - the target line runs straight from target start on the start date to
//     target end on the end date; target(e) is where it is on e;
//   - gap = value - target(e), or target(e) - value when lower is better;
//     band = 5% of |target end - target start| (of |target(e)| for a flat
//     target); ahead when gap > band, behind when gap < -band, else on
//     pace; no data when the metric has no data point in p up to e.
//
// Every comparison is exact: the gap is compared scaled by the metric's
// length in days, so no rounded quotient decides a status.
func judge(m *fetch.Metric, p model.Period, asOf model.CivilDate) pace {
	start, end := dateOf(m.StartDate), dateOf(m.EndDate)
	e := asOf
	if !m.EndDate.IsZero() && end.Before(e) {
		e = end
	}
	pc := pace{metric: m, asOf: e, status: statusNoData}
	total := int64(end.DaysSince(start))
	elapsed := int64(e.DaysSince(start))
	ts, te := m.TargetStart.Decimal, m.TargetEnd.Decimal
	span := decimal.NewFromInt(max(total, 0))
	// scaled target: target(e) * total (or te when the metric has no length)
	var tgtScaled, scale decimal.Decimal
	if total <= 0 {
		tgtScaled, scale = te, decimal.NewFromInt(1)
	} else {
		tgtScaled = ts.Mul(span).Add(te.Sub(ts).Mul(decimal.NewFromInt(max(elapsed, 0))))
		scale = span
	}
	pc.target = tgtScaled.Div(scale)
	if e.Before(start) {
		return pc
	}
	cumulative := strings.EqualFold(m.DataMode, "C")
	inPeriod := false
	sum, has := decimal.Zero, false
	for _, dp := range m.Data {
		dd := dateOf(dp.DateOf)
		if dd.Before(start) || dd.After(e) {
			continue
		}
		if !dd.Before(p.First) {
			inPeriod = true
		}
		if cumulative {
			sum = sum.Add(dp.Value)
		} else if !has || !dd.Before(pc.lastDate) {
			sum = dp.Value
		}
		if !has || dd.After(pc.lastDate) {
			pc.lastDate = dd
		}
		has = true
	}
	if cumulative || has {
		pc.value = decimal.NullDecimal{Decimal: sum, Valid: true}
	}
	if !has && !cumulative {
		return pc
	}
	if !inPeriod {
		return pc
	}
	lower := strings.EqualFold(m.TargetMode, "L")
	gapScaled := pc.value.Decimal.Mul(scale).Sub(tgtScaled)
	if lower {
		gapScaled = gapScaled.Neg()
	}
	rangeAbs := te.Sub(ts).Abs()
	bandBase := rangeAbs
	if bandBase.IsZero() {
		bandBase = te.Abs() // a flat target: the line is te throughout
	}
	band := paceBand.Mul(bandBase).Mul(scale)
	switch {
	case gapScaled.GreaterThan(band):
		pc.status = statusAhead
	case gapScaled.LessThan(band.Neg()):
		pc.status = statusBehind
	default:
		pc.status = statusOnPace
	}
	pc.gap = decimal.NullDecimal{Decimal: gapScaled.Div(scale).Round(displayPlaces), Valid: true}
	if !rangeAbs.IsZero() {
		pc.progress = decimal.NullDecimal{Decimal: pc.value.Decimal.Sub(ts).Div(te.Sub(ts)), Valid: true}
		pc.rank = gapScaled.Div(scale).Div(rangeAbs)
	} else if !bandBase.IsZero() {
		pc.rank = gapScaled.Div(scale).Div(bandBase)
	} else {
		pc.rank = gapScaled.Div(scale)
	}
	return pc
}

// targetLine returns where m's target line is on day, which should lie in
// the tracking period: target start on the start date to target end on
// the end date, in a straight line.
func targetLine(m *fetch.Metric, day model.CivilDate) decimal.Decimal {
	start, end := dateOf(m.StartDate), dateOf(m.EndDate)
	ts, te := m.TargetStart.Decimal, m.TargetEnd.Decimal
	total := end.DaysSince(start)
	if total <= 0 {
		return te
	}
	return ts.Add(te.Sub(ts).Mul(decimal.NewFromInt(int64(day.DaysSince(start)))).Div(decimal.NewFromInt(int64(total))))
}
