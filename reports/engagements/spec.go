package engagements

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/spf13/pflag"

	"github.com/careport/careport/fetch/dataset"
	"github.com/careport/careport/reports"
	"github.com/careport/careport/reports/model"
)

// The defaults of the report's own flags.
const (
	// DefaultStalledDays is the number of days without a held appointment
	// (and nothing booked) after which an engagement is stalled.
	DefaultStalledDays = 21
	// DefaultUnderUsePoints is how many percentage points the share of the
	// allocation used may lag the share of the time elapsed before an
	// engagement is under-using.
	DefaultUnderUsePoints = 25
)

// Spec is the engagement report's entry in the report list.
var Spec = reports.Spec{
	Name:    "engagements",
	Summary: "the engagement report: who is active, who is stalling, whose package ends soon",
	Usage:   "[--stalled-days N] [--under-use-points N] [--include-inactive]",
	Help: `Builds the engagement report for a period (default: the last full month in the
account's time zone): the state of every engagement (a client's or a company's
package of appointments or hours) at the period's end, or at the data time when
the period had not ended then. Sheets: Summary (the front page: active
engagements at the end, new, completed and canceled ones, active clients without
an active engagement, average allocation use, engagements at risk and renewals
due within 30/60/90 days, each against the previous period and a year earlier;
KPIs.csv in CSV), Trend (per month over the 12 months ending with the period,
with charts of active engagements and of new against ended ones), Engagements
(every engagement open at some time in the period: allocation, used, booked,
remaining, percent used against percent of time elapsed, projected run-out date,
last and next appointment, status and flags), At risk (under-using, stalled,
running out early or over-used, worst first), Renewals (ending within 90 days of
the period's end, with the client's open invoices and any follow-on
engagement), By coach (per managing coach) and Notes, which defines every figure
and lists data problems, such as the API's allocation used disagreeing with the
appointments. Inactive clients' engagements are left out unless
--include-inactive.

Examples:
  careport engagements                               # last full month
  careport engagements --period this-month --out reports/
  careport engagements --period 2026-Q3 --format xlsx,csv
  careport engagements --coach ann@example.com --stalled-days 14
  careport engagements --under-use-points 20 --include-inactive
  careport engagements --snapshot snap/ --period 2026-10   # offline, from 'careport fetch'`,
	New: func(fs *pflag.FlagSet) reports.Report {
		r := &report{}
		fs.IntVar(&r.stalledDays, "stalled-days", DefaultStalledDays,
			"an engagement with nothing booked and no appointment held for this many days is stalled (1-365)")
		fs.IntVar(&r.underUsePoints, "under-use-points", DefaultUnderUsePoints,
			"an engagement whose percent of allocation used is more than this many points below its percent of time elapsed is under-using (1-100)")
		// An on/off switch rather than BoolVar, whose help reads
		// "--include-inactive[=true|false]".
		fs.VarPF(onOff{&r.includeInactive}, "include-inactive", "",
			"also report the engagements of inactive clients and companies").NoOptDefVal = "true"
		return r
	},
}

// onOff is an on/off flag's value: set by the bare flag, =true or =false,
// and refusing other values in plain words.
type onOff struct{ p *bool }

func (o onOff) Set(v string) error {
	b, err := strconv.ParseBool(v)
	if err != nil {
		return errors.New("want true or false")
	}
	*o.p = b
	return nil
}

func (o onOff) String() string {
	if o.p == nil {
		return "false"
	}
	return strconv.FormatBool(*o.p)
}

func (o onOff) Type() string { return "bool" }

// report is one run of the engagement report.
type report struct {
	stalledDays     int
	underUsePoints  int
	includeInactive bool
}

// CheckFlags checks the ranges of --stalled-days and --under-use-points.
func (r *report) CheckFlags() error {
	if r.stalledDays < 1 || r.stalledDays > 365 {
		return reports.Optionsf("--stalled-days %d: want a number of days from 1 to 365", r.stalledDays)
	}
	if r.underUsePoints < 1 || r.underUsePoints > 100 {
		return reports.Optionsf("--under-use-points %d: want a number of percentage points from 1 to 100", r.underUsePoints)
	}
	return nil
}

// Needs checks the flags and the period and returns the report's data
// needs, the same for every period.
func (r *report) Needs(p reports.Params) ([]dataset.Need, error) {
	if err := r.CheckFlags(); err != nil {
		return nil, err
	}
	if err := checkPeriod(p.Period); err != nil {
		return nil, err
	}
	return needs, nil
}

// checkPeriod refuses a missing period.
func checkPeriod(p model.Period) error {
	if p.IsZero() || p.First.IsZero() || p.Last.Before(p.First) {
		return reports.Optionsf("engagements: no report period")
	}
	return nil
}

// Build builds the engagement report from the data set.
func (r *report) Build(d *dataset.Set, p reports.Params) (*model.Report, error) {
	if err := r.CheckFlags(); err != nil {
		return nil, err
	}
	if err := checkPeriod(p.Period); err != nil {
		return nil, err
	}
	data, err := dataFrom(d)
	if err != nil {
		return nil, err
	}
	if p.Location != nil {
		data.Location = p.Location
	}
	if !p.DataTime.IsZero() {
		data.FetchedAt = p.DataTime
	}
	rep, err := Build(data, Options{Period: p.Period, CoachID: p.CoachID, StalledDays: r.stalledDays,
		UnderUsePoints: r.underUsePoints, IncludeInactive: r.includeInactive,
		AccountName: p.AccountName, GeneratedAt: p.GeneratedAt})
	if err != nil {
		return nil, err
	}
	if p.CoachID != 0 {
		rep.Filters = append(rep.Filters, model.KeyValue{Key: "Coach", Value: fmt.Sprintf("%s (%d)", p.CoachName, p.CoachID)})
	}
	return rep, nil
}
