package scorecard

import (
	"time"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/fetch/dataset"
	"github.com/careport/careport/reports"
	"github.com/careport/careport/reports/model"
)

// Letters are the activity-stats item kinds, in the API's order (section
// 6.2); each is fetched by a call of its own, so that the per-kind counts
// are the server's and never a guess at its column layout.
const Letters = "AMPSWJFC"

// maxMonths bounds the report period: the trend and comparison windows
// (and so the calls) grow with it.
const maxMonths = 12

// trendMonths is the length of the trend window, in months.
const trendMonths = 12

// plan is the periods one run reads, all whole months in the account zone.
type plan struct {
	period      model.Period   // the report period, as asked
	prev        model.Period   // the same number of months just before it
	yearEarlier model.Period   // the same months a year earlier
	trend       []model.Period // the trendMonths months ending with the period's last
	window      []model.Period // every month read: the year-earlier one to the period's last
	daily       []model.Period // the months of the quiet window, fetched by day
	quietFrom   model.CivilDate
	quietWeeks  int
}

// newPlan returns the plan of period p (in loc) with quiet clients looked
// for over the last weeks weeks; p must be whole months (see checkMonths).
func newPlan(p model.Period, loc *time.Location, weeks int) plan {
	p = p.In(loc)
	last := model.NewPeriod(model.UnitMonth, p.Last, loc)
	if p.Unit == model.UnitCustom {
		// Whole months given as days: read them as months, so that the
		// comparison periods are whole months too.
		p = model.Span(model.NewPeriod(model.UnitMonth, p.First, loc), last)
	}
	pl := plan{period: p, prev: p.Prev(), yearEarlier: p.YearEarlier(), quietWeeks: weeks}
	pl.trend = model.Span(last.Shift(1-trendMonths), last).Months()
	first := pl.trend[0]
	if ye := model.NewPeriod(model.UnitMonth, pl.yearEarlier.First, loc); ye.First.Before(first.First) {
		first = ye
	}
	pl.window = model.Span(first, last).Months()
	pl.quietFrom = p.Last.AddDays(1 - 7*weeks)
	from := model.NewPeriod(model.UnitMonth, pl.quietFrom, loc)
	pl.daily = model.Span(from, last).Months()
	return pl
}

// monthIndex returns the index of the month holding d in the window, or -1.
func (pl plan) monthIndex(d model.CivilDate) int {
	if len(pl.window) == 0 || d.Before(pl.window[0].First) {
		return -1
	}
	i := (d.Year-pl.window[0].First.Year)*12 + int(d.Month) - int(pl.window[0].First.Month)
	if i >= len(pl.window) {
		return -1
	}
	return i
}

// monthsOf returns the window indexes of the months of p (whole months).
func (pl plan) monthsOf(p model.Period) (lo, hi int) {
	return pl.monthIndex(p.First), pl.monthIndex(p.Last) + 1
}

// monthOptions are the activity-stats options of month m for one letter:
// the month as one bucket, every client (inactive ones too: they are left
// out locally, and counted on the Notes), without averages.
func monthOptions(m model.Period, letter byte) fetch.ActivityStatsOptions {
	return fetch.ActivityStatsOptions{Bucket: 'M', From: m.Start, To: m.Last.StartOf(m.Location()),
		ItemTypes: string(letter), IncludeInactive: true, WithoutAverages: true}
}

// dayOptions are the options of the day-by-day call of month m, every kind
// together, for one client (clientID > 0) or every client (0).
func dayOptions(m model.Period, clientID int) fetch.ActivityStatsOptions {
	return fetch.ActivityStatsOptions{Bucket: 'D', From: m.Start, To: m.Last.StartOf(m.Location()),
		ClientID: clientID, ItemTypes: Letters, IncludeInactive: true, WithoutAverages: true}
}

// listNeeds are the whole lists the scorecard reads.
var listNeeds = dataset.Of(dataset.Clients, dataset.Coaches, dataset.Pairings, dataset.Appointments,
	dataset.Sessions, dataset.Worksheets, dataset.Invoices, dataset.Engagements)

// needs returns the first-stage needs of the plan: the lists, one activity
// stats call per letter and month of the window (so that a snapshot fetched
// month by month serves any period of whole months), and the day-by-day
// calls of the quiet window's months.
func (pl plan) needs() []dataset.Need {
	out := append([]dataset.Need(nil), listNeeds...)
	for _, m := range pl.window {
		for i := range len(Letters) {
			out = append(out, dataset.NeedActivityStats(monthOptions(m, Letters[i])))
		}
	}
	for _, m := range pl.daily {
		out = append(out, dataset.NeedActivityStats(dayOptions(m, 0)))
	}
	return out
}

// toDate and checkMonths are the shared whole-month rules (see
// reports.MonthsToDate and reports.CheckWholeMonths).
func toDate(p model.Period, dataTime time.Time) model.Period {
	return reports.MonthsToDate(p, dataTime)
}

func checkMonths(p model.Period) error {
	return reports.CheckWholeMonths("the scorecard", p, maxMonths)
}
