package metrics

import (
	"strings"

	"github.com/spf13/pflag"

	"github.com/careport/careport/fetch/dataset"
	"github.com/careport/careport/reports"
	"github.com/careport/careport/reports/model"
)

// Spec is the metrics report's entry in the report list.
var Spec = reports.Spec{
	Name:    "metrics",
	Summary: "client numbers over time for named fields, and who is on pace for their target",
	Usage:   "--field NAME [--field NAME ...] [--bucket day|week|month] [--values number|text|both]",
	Help: `Builds the metrics report of one or more fields (--field, repeatable): a metric
name (Weight, Sales calls, ...) or the name of a session or worksheet form input
(Energy level, ...), matched as the API matches it (ClientData.getByField). For
the period (default: the last full month in the account's time zone) it shows
every client's series side by side and who is on pace for their target.

Sheets: Summary (the front page: per field, clients reporting, clients with a
target, the share on pace or ahead, the share behind and the median progress,
against the previous period), one Grid sheet per field (clients x date buckets,
as the API buckets them: --bucket day, week (the default) or month; numbers as
numbers, text as text, empty buckets empty, each client's row shaded on its own
colour scale), Data points (every data point of the period), Targets (each
client's metric with a target: where the target line is at the period's end,
the latest value or, for cumulative metrics, the running total, the gap and on
pace / ahead / behind / no data), Charts (a line chart per client of the metric
against its target line: every client with a target, or the 12 most behind),
and Notes, which define every figure and say which sources each field matched.

--values number (the default) shows numeric values, text the text values (a
metric's value with its units, a form's written answer), both shows both. A
field with no data in the period is an error with no workbook; an unknown field
lists the account's metric and form input names.

Examples:
  careport metrics --field Weight
  careport metrics --field Weight --field "Sales calls" --period 2026-Q3 --bucket month
  careport metrics --field "Energy level" --values both --coach ann@example.com
  careport metrics --snapshot snap/ --field Weight   # offline, from 'careport fetch'

A snapshot ('careport fetch') holds every field's data for each month of its
window (every bucket size), so it serves any field, month, quarter or run of
months in it; give the field as the account spells it. Weeks and day ranges
need a live run.`,
	Demo: [][]string{{"--field", "Weight", "--field", "Sales calls"}},
	New: func(fs *pflag.FlagSet) reports.Report {
		r := &report{}
		fs.StringArrayVar(&r.fields, "field", nil, "a metric or form input name to report (repeat for several)")
		fs.StringVar(&r.bucket, "bucket", "week", "date bucket of the grid: day, week or month, as the API buckets them")
		fs.StringVar(&r.values, "values", "number", "which values to show: number, text or both")
		return r
	},
}

// report is one run of the metrics report.
type report struct {
	fields []string
	bucket string
	values string
}

// Values modes (--values).
const (
	valuesNumber = "number"
	valuesText   = "text"
	valuesBoth   = "both"
)

// bucketCode returns the API's dateBucket letter of --bucket.
func (r *report) bucketCode() (byte, error) {
	switch strings.ToLower(strings.TrimSpace(r.bucket)) {
	case "day", "d":
		return 'D', nil
	case "week", "w", "":
		return 'W', nil
	case "month", "m":
		return 'M', nil
	}
	return 0, reports.Optionsf("--bucket %q: want day, week or month", r.bucket)
}

// mode returns the --values mode.
func (r *report) mode() (string, error) {
	switch v := strings.ToLower(strings.TrimSpace(r.values)); v {
	case valuesNumber, valuesText, valuesBoth:
		return v, nil
	case "":
		return valuesNumber, nil
	}
	return "", reports.Optionsf("--values %q: want number, text or both", r.values)
}

// fieldNames returns the --field values trimmed, without blanks and without
// repeats (compared case-insensitively, as the API matches names).
func (r *report) fieldNames() []string {
	var out []string
	for _, f := range r.fields {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		dup := false
		for _, o := range out {
			dup = dup || strings.EqualFold(o, f)
		}
		if !dup {
			out = append(out, f)
		}
	}
	return out
}

// CheckFlags checks --bucket and --values, and that at least one --field
// is given: without one, `careport metrics` has nothing to report. (Needs
// accepts no field: `careport fetch` then gathers every field's data.)
func (r *report) CheckFlags() error {
	if _, err := r.bucketCode(); err != nil {
		return err
	}
	if _, err := r.mode(); err != nil {
		return err
	}
	for _, f := range r.fields {
		if strings.TrimSpace(f) == "" {
			return reports.Optionsf("--field: give a metric or form input name, not an empty one")
		}
	}
	if len(r.fieldNames()) == 0 {
		return reports.Optionsf("--field NAME is required: a metric name (e.g. Weight) or a session or worksheet input name; repeat it for several fields")
	}
	return nil
}

// Needs returns the data of the first stage: clients, coaches, session
// notes and worksheets (which say which sources a field matched) and, per
// field, the data fetches of the period (the grid, in the --bucket size)
// and of the period and the previous one (the listing). Without a field (as
// `careport fetch` calls it) it asks for every client's metrics instead, so
// that MoreNeeds can name every field the account has: see the package
// comment, "Snapshots".
func (r *report) Needs(p reports.Params) ([]dataset.Need, error) {
	bucket, err := r.bucketCode()
	if err != nil {
		return nil, err
	}
	if _, err := r.mode(); err != nil {
		return nil, err
	}
	if p.Period.IsZero() {
		return nil, reports.Optionsf("metrics: no report period")
	}
	needs := dataset.Of(dataset.Clients, dataset.Coaches, dataset.Sessions, dataset.Worksheets)
	fields := r.fieldNames()
	if len(fields) == 0 {
		return append(needs, dataset.Of(dataset.Metrics)...), nil
	}
	for _, f := range fields {
		needs = append(needs, fieldNeeds(f, p.Period, []byte{bucket})...)
	}
	return needs, nil
}

// MoreNeeds returns the second stage. With fields: the metrics (Metric.getAll)
// of the clients that reported a field in the period or the previous one,
// as the data fetch listing tells, within the coach filter; and, when a
// field has no data point in the period, every client's metrics, which
// tell an unknown field from one with no data and list the known names.
// Without a field: the data fetches of every metric name and every session
// and worksheet input name of the account, in every bucket size.
func (r *report) MoreNeeds(d *dataset.Set, p reports.Params) ([]dataset.Need, error) {
	fields := r.fieldNames()
	if len(fields) == 0 {
		names, err := accountFieldNames(d, nil)
		if err != nil {
			return nil, err
		}
		var out []dataset.Need
		for _, n := range names {
			out = append(out, fieldNeeds(n, p.Period, []byte{'D', 'W', 'M'})...)
		}
		return out, nil
	}
	clients, err := d.Clients()
	if err != nil {
		return nil, err
	}
	coachOf := make(map[int]int, len(clients))
	for _, c := range clients {
		coachOf[c.ID] = c.CoachID
	}
	var ids []int
	seen := map[int]bool{}
	all := false
	for _, f := range fields {
		n := 0
		add := func(rows []point) {
			for i := range rows {
				id := rows[i].ClientID
				if !seen[id] && (p.CoachID == 0 || coachOf[id] == p.CoachID) {
					seen[id] = true
					ids = append(ids, id)
				}
			}
		}
		if err := eachListing(d, f, p.Period, func(rows []point) { n += len(rows); add(rows) }); err != nil {
			return nil, err
		}
		if err := eachListing(d, f, p.Period.Prev(), add); err != nil {
			return nil, err
		}
		if n == 0 {
			all = true
		}
	}
	out := dataset.NeedMetricsOf(ids...)
	if all {
		out = append(out, dataset.Of(dataset.Metrics)...)
	}
	return out, nil
}

// pieces splits a period into its months, each cut to the period: the
// data fetches are made per month so that a snapshot fetched month by
// month serves any run of whole months.
func pieces(p model.Period) []model.Period {
	loc := p.Location()
	var out []model.Period
	for m := model.NewPeriod(model.UnitMonth, p.First, loc); !m.First.After(p.Last); m = m.Next() {
		first, last := m.First, m.Last
		if first.Before(p.First) {
			first = p.First
		}
		if last.After(p.Last) {
			last = p.Last
		}
		out = append(out, model.Between(first, last, loc))
	}
	return out
}
