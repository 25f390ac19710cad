package metrics

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/fetch/dataset"
	"github.com/careport/careport/reports"
	"github.com/careport/careport/reports/model"
)

// field is everything the report shows of one --field.
type field struct {
	asked string // as given on the command line
	name  string // as the account spells it (a metric's name first)
	grid  *grid
	cur   []point // data points of the period, coach filter applied
	prev  []point // data points of the previous period, likewise
	// reporters are the clients with a data point in the period or the
	// previous one (the clients whose metrics were fetched), in row order.
	reporters []int
	src       sources
	paces     []pace // the period's targets, in row order
	prevPaces []pace // the previous period's
	noData    string // why the field is left out ("" when it is reported)
}

// sources says which kinds of record a field name matched in the period.
type sources struct {
	metricNames, inputNames           []string // spellings seen
	metricPoints, metricClients       int
	sessionAnswers, sessionClients    int
	worksheetAnswers, worksheetClient int
}

// builder holds the state of one Build.
type builder struct {
	p       reports.Params
	loc     *time.Location
	mode    string
	bucket  byte
	asOf    model.CivilDate // the period's last day, or the data's date when earlier
	pp      *people
	metrics map[int][]fetch.Metric // by client
	fields  []*field
	r       *model.Report
	// chartNote says which clients the Charts sheet draws, per field.
	chartNotes []string
}

// Build builds the metrics report from the data loaded for Needs and
// MoreNeeds. An unknown field name is an options error listing the
// account's metric and form input names; a field with no data in the
// period is left out with a warning, and when every field is, Build fails
// with a sentence saying so (no workbook is written).
func (r *report) Build(d *dataset.Set, p reports.Params) (*model.Report, error) {
	if err := r.CheckFlags(); err != nil {
		return nil, err
	}
	bucket, _ := r.bucketCode()
	mode, _ := r.mode()
	loc := p.Location
	if loc == nil {
		loc = p.Period.Location()
	}
	b := &builder{p: p, loc: loc, mode: mode, bucket: bucket, asOf: p.Period.Last, metrics: map[int][]fetch.Metric{}}
	if !p.DataTime.IsZero() {
		if dd := model.CivilDateOf(p.DataTime.In(loc)); dd.Before(b.asOf) {
			b.asOf = dd
		}
	}
	var err error
	if b.pp, err = loadPeople(d); err != nil {
		return nil, err
	}
	var unfiltered []int // per field, data points of the period before the coach filter
	seen := map[int]bool{}
	var ids []int
	for _, name := range r.fieldNames() {
		f := &field{asked: name, name: name}
		cur, err := listing(d, name, p.Period)
		if err != nil {
			return nil, err
		}
		prev, err := listing(d, name, p.Period.Prev())
		if err != nil {
			return nil, err
		}
		unfiltered = append(unfiltered, len(cur))
		f.cur, f.prev = b.keep(cur), b.keep(prev)
		if f.grid, err = loadGrid(d, name, p.Period, bucket); err != nil {
			return nil, err
		}
		for _, rows := range [][]point{f.cur, f.prev} {
			for _, pt := range rows {
				if !seen[pt.ClientID] {
					seen[pt.ClientID] = true
					ids = append(ids, pt.ClientID)
				}
			}
		}
		b.fields = append(b.fields, f)
	}
	ms, err := d.MetricsOf(ids)
	if err != nil {
		return nil, err
	}
	for _, m := range ms {
		b.metrics[m.ClientID] = append(b.metrics[m.ClientID], m)
	}
	if err := b.checkNames(d, unfiltered); err != nil {
		return nil, err
	}
	var reported []*field
	var empty []string
	for _, f := range b.fields {
		b.analyse(d, f)
		if f.noData != "" {
			empty = append(empty, f.noData)
			continue
		}
		reported = append(reported, f)
	}
	if len(reported) == 0 {
		return nil, errors.New(strings.Join(empty, "; "))
	}
	b.fields = reported
	b.report(empty)
	for _, s := range b.r.Sheets {
		if err := s.Err(); err != nil {
			return nil, fmt.Errorf("metrics build: %w", err)
		}
	}
	return b.r, nil
}

// keep applies the coach filter to data points.
func (b *builder) keep(rows []point) []point {
	if b.p.CoachID == 0 {
		return rows
	}
	var out []point
	for _, pt := range rows {
		if b.pp.keep(pt.ClientID, b.p.CoachID) {
			out = append(out, pt)
		}
	}
	return out
}

// checkNames refuses a field that no metric, session input or worksheet
// input of the account is called, listing the names that are. Only fields
// without a data point in the period (before the coach filter) can be
// unknown; for them MoreNeeds loaded every client's metrics.
func (b *builder) checkNames(d *dataset.Set, unfiltered []int) error {
	var unknown []string
	var metricNames, inputNames []string
	loaded := false
	for i, f := range b.fields {
		if unfiltered[i] > 0 {
			continue
		}
		if !loaded {
			all, err := d.Metrics()
			if err != nil {
				return err
			}
			if metricNames, inputNames, err = knownNames(d, all); err != nil {
				return err
			}
			loaded = true
		}
		known := false
		for _, n := range append(metricNames, inputNames...) {
			known = known || strings.EqualFold(strings.TrimSpace(n), f.asked)
		}
		if !known {
			unknown = append(unknown, strconv.Quote(f.asked))
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	list := func(names []string) string {
		if len(names) == 0 {
			return "(none)"
		}
		return strings.Join(names, ", ")
	}
	return reports.Optionsf("--field %s: the account has no metric or form input of that name; its metrics are: %s; its session and worksheet inputs are: %s",
		strings.Join(unknown, ", "), list(metricNames), list(inputNames))
}

// analyse finds a field's sources and targets, and whether it has data to
// report in the --values mode.
func (b *builder) analyse(d *dataset.Set, f *field) {
	p := b.p.Period
	b.sources(d, f)
	switch {
	case len(f.cur) == 0 && b.p.CoachID != 0:
		f.noData = fmt.Sprintf("the field %q has no data point of a client of %s in %s", f.name, b.p.CoachName, p.Label)
		return
	case len(f.cur) == 0:
		f.noData = fmt.Sprintf("the field %q has no data point in %s", f.name, p.Label)
		return
	case b.mode == valuesNumber && countNumbers(f.cur) == 0:
		f.noData = fmt.Sprintf("the field %q has only text values in %s (%s); run with --values text or --values both",
			f.name, p.Label, model.Count(len(f.cur), "data point", "data points"))
		return
	}
	seen := map[int]bool{}
	for _, rows := range [][]point{f.cur, f.prev} {
		for _, pt := range rows {
			if !seen[pt.ClientID] {
				seen[pt.ClientID] = true
				f.reporters = append(f.reporters, pt.ClientID)
			}
		}
	}
	b.pp.sortClients(f.reporters)
	for _, id := range f.reporters {
		if m := pick(b.metrics[id], f.name, p); hasTarget(m) {
			f.paces = append(f.paces, judge(m, p, b.asOf))
		}
		prev := p.Prev()
		if m := pick(b.metrics[id], f.name, prev); hasTarget(m) {
			f.prevPaces = append(f.prevPaces, judge(m, prev, prev.Last))
		}
	}
}

// sources counts what the field name matched in the period: metrics (of
// the clients fetched, which are all clients with data), completed
// session notes (dated by dateOf) and completed worksheets (dated by
// dateDone), within the coach filter. Names are compared as the API
// compares them, ignoring case.
func (b *builder) sources(d *dataset.Set, f *field) {
	p := b.p.Period
	s := &f.src
	mc := map[int]bool{}
	for _, ms := range b.metrics {
		for _, m := range ms {
			if !strings.EqualFold(strings.TrimSpace(m.Name), f.asked) || !b.pp.keep(m.ClientID, b.p.CoachID) {
				continue
			}
			s.metricNames = appendNew(s.metricNames, m.Name)
			for _, dp := range m.Data {
				if p.ContainsDate(dateOf(dp.DateOf)) {
					s.metricPoints++
					mc[m.ClientID] = true
				}
			}
		}
	}
	s.metricClients = len(mc)
	sessions, err1 := d.Sessions()
	worksheets, err2 := d.Worksheets()
	if err1 == nil {
		sc := map[int]bool{}
		for _, se := range sessions {
			if se.IsDraft || !b.pp.keep(se.ClientID, b.p.CoachID) || !p.ContainsDate(model.CivilDateOf(se.DateOf.In(b.loc))) {
				continue
			}
			for _, a := range se.Answers {
				if strings.EqualFold(strings.TrimSpace(a.Name), f.asked) {
					s.inputNames = appendNew(s.inputNames, a.Name)
					s.sessionAnswers++
					sc[se.ClientID] = true
				}
			}
		}
		s.sessionClients = len(sc)
	}
	if err2 == nil {
		wc := map[int]bool{}
		for _, w := range worksheets {
			if !w.IsDone || w.DateDone.IsZero() || !b.pp.keep(w.ClientID, b.p.CoachID) || !p.ContainsDate(model.CivilDateOf(w.DateDone.In(b.loc))) {
				continue
			}
			for _, a := range w.Answers {
				if strings.EqualFold(strings.TrimSpace(a.Name), f.asked) {
					s.inputNames = appendNew(s.inputNames, a.Name)
					s.worksheetAnswers++
					wc[w.ClientID] = true
				}
			}
		}
		s.worksheetClient = len(wc)
	}
	switch {
	case len(s.metricNames) > 0:
		f.name = s.metricNames[0]
	case len(s.inputNames) > 0:
		f.name = s.inputNames[0]
	}
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// countNumbers counts the data points that have a numeric value.
func countNumbers(rows []point) int {
	n := 0
	for _, pt := range rows {
		if pt.Value.Valid {
			n++
		}
	}
	return n
}

// shown reports whether a data point is shown in the --values mode: with
// number, only points with a numeric value; with text or both, every
// point (as the API lists them).
func (b *builder) shown(pt point) bool { return b.mode != valuesNumber || pt.Value.Valid }
