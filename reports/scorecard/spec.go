package scorecard

import (
	"fmt"
	"strconv"

	"github.com/spf13/pflag"

	"github.com/careport/careport/fetch/dataset"
	"github.com/careport/careport/reports"
	"github.com/careport/careport/reports/model"
)

// DemoCoach is the coach of the sample account whose workbook `careport
// demo` writes beside the team's (the generated small account is
// deterministic, so the name is stable).
const DemoCoach = "Thomas Patel"

// Spec is the scorecard's entry in the report list.
var Spec = reports.Spec{
	Name:    "scorecard",
	Summary: "the coach activity scorecard: each coach's clients' engagement, ranked",
	Usage:   "[--quiet-weeks N]",
	Periods: "a month 2026-10, a quarter 2026-Q3, a year 2026, or last-month (the default), this-month, last-quarter, this-quarter, last-year, this-year, ytd; whole months only, at most 12",
	Help: `Builds the coach activity scorecard for a month (default: the last full month in
the account's time zone), a quarter, a year or a range of months: how actively
each coach's clients are engaged, from CoachAccountable's activity stats (one
call per kind of item: actions, metric data, appointments, session notes,
worksheets, journal entries, files, comments) and the appointments, actions,
worksheets, session notes, payments and engagements of the clients. Sheets:
Summary (the front page: the team's figures against the previous period and a
year earlier, charts of activity per coach and over 12 months), Team (one row
per coach, ranked by a score stated on the Notes, every figure with its change
against the previous period), Trend (12 months of each coach's activity), one
sheet per coach (their clients, activity by kind and month, last activity,
quiet clients highlighted), Quiet clients (the list to act on) and Notes.
With --coach, a Figures sheet (one row per figure: this period, the previous
one, the change and what it counts) takes the Team sheet's place.

A client belongs, for a period, to their primary coach at the period's end
(from the pairing history), so a hand-over moves the whole period to the new
coach. Clients inactive now are left out (the API has no deactivation date);
coaches without active clients (administrative-only ones among them) are not
ranked. --coach gives one coach's own workbook.

Examples:
  careport scorecard                              # last full month, the whole team
  careport scorecard --period 2026-Q3 --out reports/
  careport scorecard --coach ann@example.com      # one coach's workbook
  careport scorecard --quiet-weeks 6 --snapshot snap/`,
	// The sample coach's run looks for clients quiet for a week: every
	// client of the sample is active every month, and a week shows the
	// Quiet clients list a coach works from.
	Demo: [][]string{nil, {"--coach", DemoCoach, "--quiet-weeks", "1"}},
	New: func(fs *pflag.FlagSet) reports.Report {
		r := &report{}
		fs.IntVar(&r.quietWeeks, "quiet-weeks", defaultQuietWeeks, "a client without activity in the last N weeks up to the period's end is quiet (1 to "+strconv.Itoa(maxQuietWeeks)+")")
		return r
	},
}

// The bounds of --quiet-weeks: the quiet window is fetched day by day.
const (
	defaultQuietWeeks = 4
	maxQuietWeeks     = 13
)

// report is one run of the scorecard.
type report struct {
	quietWeeks int
}

// CheckFlags checks --quiet-weeks.
func (r *report) CheckFlags() error {
	if r.quietWeeks < 1 || r.quietWeeks > maxQuietWeeks {
		return reports.Optionsf("--quiet-weeks %d: want 1 to %d weeks", r.quietWeeks, maxQuietWeeks)
	}
	return nil
}

// Needs checks the period and returns the lists and the activity stats
// of the plan's months.
func (r *report) Needs(p reports.Params) ([]dataset.Need, error) {
	if err := r.CheckFlags(); err != nil {
		return nil, err
	}
	period := toDate(p.Period, p.DataTime)
	if err := checkMonths(period); err != nil {
		return nil, err
	}
	return newPlan(period, period.Location(), r.quietWeeks).needs(), nil
}

// MoreNeeds returns the actions of the clients the report reads (the
// active clients of the selected coaches' books in the report period, the
// previous one and a year earlier) and the day-by-day activity of the
// month of the last activity of each current client quiet longer than the
// quiet window.
func (r *report) MoreNeeds(d *dataset.Set, p reports.Params) ([]dataset.Need, error) {
	b, err := prepare(d, p, r.quietWeeks)
	if err != nil {
		return nil, err
	}
	return b.moreNeeds(), nil
}

// Build builds the scorecard.
func (r *report) Build(d *dataset.Set, p reports.Params) (*model.Report, error) {
	if err := r.CheckFlags(); err != nil {
		return nil, err
	}
	b, err := prepare(d, p, r.quietWeeks)
	if err != nil {
		return nil, err
	}
	if err := b.loadMore(d); err != nil {
		return nil, fmt.Errorf("scorecard: %w", err)
	}
	if err := b.compute(); err != nil {
		return nil, err
	}
	return b.report(p), nil
}

// report assembles the workbook.
func (b *builder) report(p reports.Params) *model.Report {
	title := "Coach scorecard " + b.pl.period.Label
	if b.coachID != 0 {
		title += ": " + b.names[b.coachID]
	}
	r := &model.Report{
		Name: Spec.Name, Title: title, Account: p.AccountName,
		Period: b.pl.period, Previous: b.pl.prev, YearEarlier: b.pl.yearEarlier,
		Timezone:    b.loc.String(),
		GeneratedAt: p.GeneratedAt.In(b.loc),
		DataTime:    b.d.FetchedAt.In(b.loc),
	}
	if b.coachID != 0 {
		r.Filters = append(r.Filters, model.KeyValue{Key: "Coach", Value: fmt.Sprintf("%s (%d)", b.names[b.coachID], b.coachID)})
	}
	r.KPIs = b.kpis()
	if b.coachID != 0 {
		b.figuresSheet(r)
	} else {
		b.teamSheet(r)
	}
	b.trendSheet(r)
	b.coachSheets(r)
	b.quietSheet(r)
	b.notes(r, p.GeneratedAt)
	r.Warnings = b.warnings()
	return r
}
