package metrics

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/careport/careport/reports/model"
)

// warnings adds the front-page sentences about a field whose values come
// from more than one kind of record, and about a data fetch that lists
// data points the records do not account for.
func (b *builder) warnings() {
	for _, f := range b.fields {
		s := f.src
		var kinds []string
		if s.metricPoints > 0 {
			kinds = append(kinds, "a metric")
		}
		if s.sessionAnswers > 0 {
			kinds = append(kinds, "a session input")
		}
		if s.worksheetAnswers > 0 {
			kinds = append(kinds, "a worksheet input")
		}
		if len(kinds) > 1 {
			w := fmt.Sprintf("%q is both %s in this period: its grid and data points hold the values of all of them, as the API combines them (the latest value of a bucket wins)",
				f.name, strings.Join(kinds, " and "))
			if s.metricPoints > 0 {
				w += "; its targets use the metric's own data points only"
			}
			b.r.Warnings = append(b.r.Warnings, w+".")
		}
		if records := s.metricPoints + s.sessionAnswers + s.worksheetAnswers; records != len(f.cur) {
			b.r.Warnings = append(b.r.Warnings, fmt.Sprintf(
				"The data fetch lists %s of %q in %s, and the account's metrics, session notes and worksheets hold %d: the API matched the name to something else as well (the input that feeds a metric, say), or some records changed between the calls.",
				model.Count(len(f.cur), "data point", "data points"), f.name, b.p.Period.Label, records))
		}
	}
}

// notes fills the Notes sheet: the sources of each field, the definitions
// and the parameters.
func (b *builder) notes() {
	r := b.r
	p := b.p.Period
	var items []model.KeyValue
	for _, f := range b.fields {
		items = append(items, model.KeyValue{Key: f.name, Value: f.src.describe()})
	}
	r.Notes = append(r.Notes, model.Note{
		Heading: "Sources of each field",
		Paragraphs: []string{"A field name is matched as ClientData.getByField (the data fetch) matches it, ignoring case, against metric names " +
			"(the value is the data point's number; its text is the number and the metric's units, \"12.5 lbs\"), the form inputs of completed " +
			"session notes (dated by the session's date) and of completed worksheets (dated by the day they were completed): the number of a " +
			"rating, the text of the answer. Counts below are of the period, within the coach filter."},
		Items: items,
	})
	bucket := "Buckets are weeks as the API labels them: each column is headed by the label the API sends (the first day of the bucket, in the account's calendar), so the week start is the API's, not assumed."
	switch b.bucket {
	case 'D':
		bucket = "Buckets are days, each column headed by the label the API sends (the day's date)."
	case 'M':
		bucket = "Buckets are calendar months, each column headed by the label the API sends (the month)."
	}
	values := map[string]string{
		valuesNumber: "Values: numbers (--values number). The grid and the Data points sheet show the numeric value of each data point; data points with text only are left out.",
		valuesText:   "Values: text (--values text). The grid shows the text of each bucket's latest data point; the Data points sheet lists every data point with its number and text.",
		valuesBoth:   "Values: both (--values both). Each bucket has a number column and a text column (\"<label> text\"), each holding its own latest value; the Data points sheet lists every data point.",
	}[b.mode]
	r.Notes = append(r.Notes, model.Note{Heading: "Definitions", Paragraphs: []string{
		"Grid (one sheet per field): a row per client with a value in the period, a column per date bucket (the data fetch's date grid, " +
			"structure D), holding the client's latest value in that bucket as the API gives it, and empty when the client reported nothing there " +
			"(never zero). Each row is shaded on its own colour scale, from its lowest to its highest value (green: higher is better; red: lower is " +
			"better; blue when the field's metrics do not say). The data is fetched month by month and a bucket across a month's end shows the " +
			"later month's value when it has one: the bucket's latest.",
		bucket,
		values,
		"Data points: every data point of the period (the data fetch's listing, structure L), by field, client and date.",
		"Targets: for each client who reported the field in the period or the previous one, the client's metric of that name whose tracking " +
			"period overlaps the report period (the one that started last, when several do), if it has a target. Metrics without a target are not " +
			"listed (their values are on the grid). As of is the period's last day, or the data's date when the period had not ended, or the " +
			"metric's end date when earlier. Value is the latest data point from the metric's start to As of; for a cumulative metric, whose " +
			"reported numbers add up, it is the running total: the sum of the data points from the start to As of. Target line is where the " +
			"straight line from Target start (on the start date) to Target end (on the end date) is on As of. The values are the metric's own " +
			"data points (Metric.getAll), never another source of the same name.",
		"Pace rule: Gap = Value - Target line, or Target line - Value when lower is better, so a positive gap is always good news. The band is " +
			"5% of |Target end - Target start| (of |Target end| for a flat target). Ahead: gap above the band; behind: gap below minus the band; on " +
			"pace: within it; no data: the metric has no data point in the period up to As of (a client who stopped reporting is not judged on " +
			"old data). Progress = (Value - Target start) / (Target end - Target start). Statuses are decided on exact figures; Target line and Gap " +
			"are shown to 4 decimals.",
		"Front page, per field: clients reporting (a data point in the period, shown in the --values mode); clients with a target: of the " +
			"clients who reported the field in the period or the previous one, those whose metric overlapping the period has a target (as on " +
			"the Targets sheet; the previous period's figure counts the same clients, judged on its last day); on pace or ahead, and behind, as shares of the clients with a target (no data counts in neither); median progress of " +
			"the clients judged. The previous period is the period of the same length just before, judged on its last day; a year earlier is not computed (n/a).",
		"Charts: a line chart per client of the metric's series against its target line, by bucket: the latest data point of the bucket (regular) " +
			"or the running total at the bucket's end (cumulative), and the target line at the bucket's end. The Charts sheet lists the charted " +
			"clients; the data is on the \"Chart data\" sheets. Which clients:",
	}})
	r.Notes[len(r.Notes)-1].Paragraphs = append(r.Notes[len(r.Notes)-1].Paragraphs, b.chartNotes...)
	r.Notes = append(r.Notes, model.Note{Heading: "Time zone and data", Paragraphs: []string{
		"Every date is a calendar day in the account's time zone, " + b.loc.String() + ", as the API dates every data point; a client's own " +
			"time zone is not used, so a client elsewhere has each value in the account's day (a Sunday-night answer is in that Sunday's bucket " +
			"even where it was already Monday).",
		"Metrics (Metric.getAll, completed ones included) are fetched only for the clients who reported a field in the period or the previous one, " +
			"within the coach filter. The coach filter keeps the clients whose current primary coach is the coach, as the API's filter does; inactive " +
			"clients are included.",
		"A snapshot (careport fetch) holds the data fetches of every metric and form input name of the account for each month of its window, in " +
			"every bucket size, and every client's metrics: any field, and any month, quarter or run of months of the window, can be reported from it.",
	}})
	params := []model.KeyValue{
		{Key: "Period", Value: p.Label},
		{Key: "Previous period", Value: p.Prev().Label},
		{Key: "Judged as of", Value: b.asOf.String()},
		{Key: "Bucket", Value: bucketWord(b.bucket)},
		{Key: "Values", Value: b.mode},
		{Key: "Time zone", Value: b.loc.String()},
		{Key: "Data fetched at", Value: fmtTime(b.p.DataTime, b.loc)},
		{Key: "Generated at", Value: fmtTime(b.p.GeneratedAt, b.loc)},
	}
	coach := "all coaches"
	if b.p.CoachID != 0 {
		coach = b.p.CoachName + " (ID " + strconv.Itoa(b.p.CoachID) + "): clients whose current primary coach this is"
	}
	params = append(params, model.KeyValue{Key: "Coach filter", Value: coach})
	r.Notes = append(r.Notes, model.Note{Heading: "Parameters", Items: params})
}

// describe says in words what a field name matched.
func (s sources) describe() string {
	var parts []string
	if len(s.metricNames) > 0 {
		parts = append(parts, fmt.Sprintf("metric %s: %s of %s", quoteAll(s.metricNames),
			model.Count(s.metricPoints, "data point", "data points"), model.Count(s.metricClients, "client", "clients")))
	} else {
		parts = append(parts, "no metric")
	}
	if s.sessionAnswers > 0 {
		parts = append(parts, fmt.Sprintf("session input: %s of %s", model.Count(s.sessionAnswers, "answer", "answers"),
			model.Count(s.sessionClients, "client", "clients")))
	} else {
		parts = append(parts, "no session input")
	}
	if s.worksheetAnswers > 0 {
		parts = append(parts, fmt.Sprintf("worksheet input: %s of %s", model.Count(s.worksheetAnswers, "answer", "answers"),
			model.Count(s.worksheetClient, "client", "clients")))
	} else {
		parts = append(parts, "no worksheet input")
	}
	return strings.Join(parts, "; ")
}

func quoteAll(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, ", ")
}

func fmtTime(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return "(unknown)"
	}
	return t.In(loc).Format("2006-01-02 15:04:05 MST")
}
