package reports

import (
	"time"

	"github.com/careport/careport/reports/model"
)

// MonthsToDate reads a period that runs from the first day of a month to
// the date of the data time (ytd, or --to that date) as the whole months up
// to the data's month: that month has not ended and has no data after the
// data time, so its figures are the ones to date, as for this-month. Any
// other period is returned as it is. Reports of whole months (revenue, the
// scorecard) read such periods this way.
func MonthsToDate(p model.Period, dataTime time.Time) model.Period {
	if p.IsZero() || dataTime.IsZero() {
		return p
	}
	loc := p.Location()
	if p.Last != model.CivilDateOf(dataTime.In(loc)) {
		return p
	}
	first := model.NewPeriod(model.UnitMonth, p.First, loc)
	last := model.NewPeriod(model.UnitMonth, p.Last, loc)
	if first.First != p.First || last.Last == p.Last {
		return p
	}
	return model.Span(first, last)
}

// CheckWholeMonths refuses (with an options error naming the report, say
// "the scorecard") a period that is not a whole number of calendar months,
// read by its civil dates (never by instants at local midnights, which do
// not exist in some zones), or that is longer than most months.
func CheckWholeMonths(report string, p model.Period, most int) error {
	if p.IsZero() || p.First.IsZero() || p.Last.Before(p.First) {
		return Optionsf("%s: no report period", report)
	}
	first := model.NewPeriod(model.UnitMonth, p.First, time.UTC)
	last := model.NewPeriod(model.UnitMonth, p.Last, time.UTC)
	if first.First != p.First || last.Last != p.Last {
		return Optionsf("%s reports whole months, and %s is not; use a month (2026-10), a quarter (2026-Q3), a year or --from/--to months", report, p.Label)
	}
	if n := model.Span(first, last).Len(); n > most {
		return Optionsf("%s reports at most %d months, and %s is %d; use a shorter range", report, most, p.Label, n)
	}
	return nil
}
