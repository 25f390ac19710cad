package metrics_test

// An independent reference: every expected figure is computed here from
// the sandbox account's raw records, with the sandbox's documented rules
// (API reference 6.1, 6.3: names match ignoring case; metric points,
// completed sessions dated by dateOf, done worksheets dated by dateDone;
// Monday weeks; a bucket holds its latest point, ties by ID) and the pace
// rule the Notes state, in exact rational arithmetic. Nothing here calls
// the report's code.

import (
	"fmt"
	"math/big"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/careport/careport/fetch/sandbox/account"
)

type refPoint struct {
	client int
	date   account.Date
	at     account.DateTime
	id     int
	num    *account.Fixed
	text   string
	metric bool
}

// refPoints returns every data point of field dated from..to.
func refPoints(a *account.Account, field string, from, to account.Date) []refPoint {
	in := func(d account.Date) bool { return d >= from && d <= to }
	var out []refPoint
	for _, m := range a.Metrics {
		if !strings.EqualFold(m.Name, field) {
			continue
		}
		for _, dp := range m.Data {
			if in(dp.DateOf) {
				v := dp.Value
				text := v.String()
				if m.Units != "" {
					text += " " + m.Units
				}
				out = append(out, refPoint{client: m.ClientID, date: dp.DateOf, at: dp.DateOf.At(0, 0, 0), id: dp.ID, num: &v, text: text, metric: true})
			}
		}
	}
	ans := func(client int, at account.DateTime, id int, as []*account.Answer) {
		for _, an := range as {
			if strings.EqualFold(an.Name, field) && in(at.Date()) {
				out = append(out, refPoint{client: client, date: at.Date(), at: at, id: id, num: an.NumberValue, text: an.Value})
			}
		}
	}
	for _, s := range a.Sessions {
		if !s.IsDraft {
			ans(s.ClientID, s.DateOf, s.ID, s.Answers)
		}
	}
	for _, w := range a.Worksheets {
		if w.IsDone {
			ans(w.ClientID, w.DateDone, w.ID, w.Answers)
		}
	}
	return out
}

// monday returns the Monday on or before d.
func monday(d account.Date) account.Date {
	t := d.Time(time.UTC)
	return d.AddDays(-((int(t.Weekday()) + 6) % 7))
}

// refGrid returns, per client, per Monday (as YYYY-MM-DD), the latest
// point's number (number true) or text.
func refGrid(points []refPoint, number bool) map[int]map[string]string {
	best := map[int]map[string]refPoint{}
	for _, p := range points {
		if number && p.num == nil {
			continue
		}
		k := monday(p.date).String()
		if best[p.client] == nil {
			best[p.client] = map[string]refPoint{}
		}
		q, ok := best[p.client][k]
		if !ok || p.at > q.at || (p.at == q.at && p.id > q.id) {
			best[p.client][k] = p
		}
	}
	out := map[int]map[string]string{}
	for c, m := range best {
		out[c] = map[string]string{}
		for k, p := range m {
			if number {
				out[c][k] = p.num.String()
			} else {
				out[c][k] = p.text
			}
		}
	}
	return out
}

// rat is an exact rational of a Fixed.
func rat(f account.Fixed) *big.Rat { return new(big.Rat).SetFrac64(int64(f), account.FixedScale) }

// round4 formats r to 4 decimals, half away from zero, without trailing
// zeros (as an exact decimal prints).
func round4(r *big.Rat) string {
	scaled := new(big.Rat).Mul(r, big.NewRat(10000, 1))
	n, d := scaled.Num(), scaled.Denom()
	q, m := new(big.Int).QuoRem(new(big.Int).Abs(n), d, new(big.Int))
	if new(big.Int).Mul(m, big.NewInt(2)).Cmp(d) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if n.Sign() < 0 {
		q.Neg(q)
	}
	s := new(big.Rat).SetFrac(q, big.NewInt(10000)).FloatString(4)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		s = "0"
	}
	return s
}

// refTarget is the expected Targets row of one client.
type refTarget struct {
	client                          int
	asOf                            account.Date
	value, target, gap, last        string
	status                          string
	progress                        float64
	hasProgress                     bool
	start, end, targetStart, tgtEnd string
}

// refPick is the client's metric of field for from..to: overlapping, the
// latest start, ties by the highest ID.
func refPick(a *account.Account, client int, field string, from, to account.Date) *account.Metric {
	var best *account.Metric
	for _, m := range a.Metrics {
		if m.ClientID != client || !strings.EqualFold(m.Name, field) || m.StartDate > to || m.EndDate < from {
			continue
		}
		if best == nil || m.StartDate > best.StartDate || (m.StartDate == best.StartDate && m.ID > best.ID) {
			best = m
		}
	}
	return best
}

// refJudge judges m for the period from..to as of asOf by the Notes' pace
// rule.
func refJudge(m *account.Metric, from, asOf account.Date) refTarget {
	e := min(asOf, m.EndDate)
	rt := refTarget{client: m.ClientID, asOf: e, status: "no data", start: m.StartDate.String(), end: m.EndDate.String(),
		targetStart: m.TargetStart.String(), tgtEnd: m.TargetEnd.String()}
	ts, te := rat(*m.TargetStart), rat(*m.TargetEnd)
	total := int64(m.EndDate - m.StartDate)
	target := new(big.Rat).Set(te)
	if total > 0 {
		frac := big.NewRat(int64(e-m.StartDate), total)
		target = new(big.Rat).Add(ts, new(big.Rat).Mul(new(big.Rat).Sub(te, ts), frac))
	}
	rt.target = round4(target)
	if e < m.StartDate {
		return rt
	}
	cum := m.DataMode == "C"
	sum := new(big.Rat)
	var last account.Date
	has, inPeriod := false, false
	for _, dp := range m.Data {
		if dp.DateOf < m.StartDate || dp.DateOf > e {
			continue
		}
		if cum {
			sum.Add(sum, rat(dp.Value))
		} else if !has || dp.DateOf >= last {
			sum = rat(dp.Value)
		}
		if dp.DateOf > last {
			last = dp.DateOf
		}
		has = true
		inPeriod = inPeriod || dp.DateOf >= from
	}
	if has {
		rt.last = last.String()
	}
	if has || cum {
		rt.value = round4(sum)
	}
	if !inPeriod {
		return rt
	}
	gap := new(big.Rat).Sub(sum, target)
	if m.TargetMode == "L" {
		gap.Neg(gap)
	}
	rng := new(big.Rat).Abs(new(big.Rat).Sub(te, ts))
	base := rng
	if rng.Sign() == 0 {
		base = new(big.Rat).Abs(te)
	}
	band := new(big.Rat).Mul(base, big.NewRat(5, 100))
	switch {
	case gap.Cmp(band) > 0:
		rt.status = "ahead"
	case gap.Cmp(new(big.Rat).Neg(band)) < 0:
		rt.status = "behind"
	default:
		rt.status = "on pace"
	}
	rt.gap = round4(gap)
	if rng.Sign() != 0 {
		p := new(big.Rat).Quo(new(big.Rat).Sub(sum, ts), new(big.Rat).Sub(te, ts))
		rt.progress, _ = p.Float64()
		rt.hasProgress = true
	}
	return rt
}

// refField is the expected content of a field over a month.
type refField struct {
	reporting int
	targets   []refTarget
	onPace    int
	behind    int
	median    float64
	hasMedian bool
}

// refAttainment computes the KPIs of field for from..to judged as of asOf;
// the clients considered for targets are those with a point in the window
// winFrom..winTo (the period and the one compared with it).
func refAttainment(a *account.Account, field string, winFrom, winTo, from, to, asOf account.Date, number bool) refField {
	var rf refField
	rep := map[int]bool{}
	for _, p := range refPoints(a, field, from, to) {
		if !number || p.num != nil {
			rep[p.client] = true
		}
	}
	rf.reporting = len(rep)
	fetched := map[int]bool{}
	for _, p := range refPoints(a, field, winFrom, winTo) {
		fetched[p.client] = true
	}
	var ids []int
	for id := range fetched {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	var progress []float64
	for _, id := range ids {
		m := refPick(a, id, field, from, to)
		if m == nil || m.TargetStart == nil || m.TargetEnd == nil {
			continue
		}
		rt := refJudge(m, from, asOf)
		rf.targets = append(rf.targets, rt)
		switch rt.status {
		case "on pace", "ahead":
			rf.onPace++
		case "behind":
			rf.behind++
		}
		if rt.status != "no data" && rt.hasProgress {
			progress = append(progress, rt.progress)
		}
	}
	slices.Sort(progress)
	if n := len(progress); n > 0 {
		rf.hasMedian = true
		rf.median = progress[n/2]
		if n%2 == 0 {
			rf.median = (progress[n/2-1] + progress[n/2]) / 2
		}
	}
	return rf
}

func pct(n, of int) string {
	if of == 0 {
		return ""
	}
	return fmt.Sprintf("%.6f", float64(n)/float64(of))
}
