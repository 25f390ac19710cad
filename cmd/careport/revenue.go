package main

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/fetch/snapshot"
	"github.com/careport/careport/render/csvfile"
	"github.com/careport/careport/render/xlsx"
	"github.com/careport/careport/reports/model"
	"github.com/careport/careport/reports/revenue"
)

// revenueFlags are the report flags of `careport revenue` (also used by the demo).
type revenueFlags struct {
	period   string
	from, to string
	coach    int
	currency string
	out      string
	format   string
	name     string
}

func (r *revenueFlags) add(fs *pflag.FlagSet) {
	fs.StringVar(&r.period, "period", "", "the month to report, YYYY-MM (default: the last full month in the account's timezone)")
	fs.StringVar(&r.from, "from", "", "first month of a longer period, YYYY-MM (with --to)")
	fs.StringVar(&r.to, "to", "", "last month of a longer period, YYYY-MM (with --from)")
	fs.IntVar(&r.coach, "coach", 0, "only invoices of clients whose primary coach has this CoachID")
	fs.StringVar(&r.currency, "currency", "", "only invoices in this ISO 4217 currency, e.g. USD")
	fs.StringVar(&r.out, "out", ".", "folder to write the report files to")
	fs.StringVar(&r.format, "format", "xlsx", "comma-separated output formats: xlsx, csv")
	fs.StringVar(&r.name, "account-name", "", "account name shown in the report (default: the API host)")
}

// formats parses --format.
func (r *revenueFlags) formats() (xlsxOut, csvOut bool, err error) {
	for _, f := range strings.Split(r.format, ",") {
		switch strings.ToLower(strings.TrimSpace(f)) {
		case "xlsx":
			xlsxOut = true
		case "csv":
			csvOut = true
		case "":
		default:
			return false, false, usagef("--format: unknown format %q (want xlsx, csv)", f)
		}
	}
	if !xlsxOut && !csvOut {
		return false, false, usagef("--format names no format")
	}
	return xlsxOut, csvOut, nil
}

// checkPeriodFlags validates the period flags before any network call.
func (r *revenueFlags) checkPeriodFlags() error {
	if r.period != "" && (r.from != "" || r.to != "") {
		return usagef("use either --period or --from/--to, not both")
	}
	if (r.from == "") != (r.to == "") {
		return usagef("--from and --to go together")
	}
	for name, v := range map[string]string{"period": r.period, "from": r.from, "to": r.to} {
		if v == "" {
			continue
		}
		if _, err := time.Parse("2006-01", v); err != nil {
			return usagef("--%s %q: want a month as YYYY-MM", name, v)
		}
	}
	if r.from != "" && r.to < r.from {
		return usagef("--to %s is before --from %s", r.to, r.from)
	}
	if r.currency != "" {
		r.currency = strings.ToUpper(r.currency)
		if len(r.currency) != 3 || strings.Trim(r.currency, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
			return usagef("--currency %q: want a three-letter ISO 4217 code such as USD", r.currency)
		}
	}
	if r.coach < 0 {
		return usagef("--coach must be a CoachID")
	}
	return nil
}

// periods resolves the report period in the account's timezone, now being
// the clock's reading (for the default, the last full month).
func (r *revenueFlags) periods(loc *time.Location, now time.Time) (from, to model.Period) {
	month := func(s string) model.Period {
		t, _ := time.ParseInLocation("2006-01", s, loc) // validated by checkPeriodFlags
		return model.Month(t, loc)
	}
	switch {
	case r.period != "":
		p := month(r.period)
		return p, p
	case r.from != "":
		return month(r.from), month(r.to)
	}
	p := model.LastFullMonth(now, loc)
	return p, p
}

// checkSnapshotWindow refuses a period outside the months a snapshot was
// fetched for (careport fetch --from/--to).
func checkSnapshotWindow(m snapshot.Manifest, from, to model.Period) error {
	if f := m.Options["from"]; f != "" && from.Start.Format("2006-01") < f {
		return fmt.Errorf("the snapshot was fetched for %s..%s; the report starts in %s", f, m.Options["to"], from.Start.Format("2006-01"))
	}
	if t := m.Options["to"]; t != "" && to.Start.Format("2006-01") > t {
		return fmt.Errorf("the snapshot was fetched for %s..%s; the report ends in %s", m.Options["from"], t, to.Start.Format("2006-01"))
	}
	return nil
}

func revenueCommand() *command {
	var (
		af apiFlags
		rf revenueFlags
	)
	return &command{
		name:    "revenue",
		summary: "the monthly revenue report: invoiced, collected, outstanding, AR aging",
		usage:   "[--period YYYY-MM | --from YYYY-MM --to YYYY-MM] [--out DIR] [--format xlsx,csv]",
		help: `Builds the revenue report for a month (default: the last full month in the
account's timezone) or a range of months, as an XLSX workbook and/or one CSV file
per sheet. Sheets: Summary (against the previous period and a year earlier, with a
chart of the last 12 months), Trend, Monthly, By coach, By client, Line items,
Payments, AR aging, Invoices (the ledger, one sheet per currency, each with a pivot
table) and Notes, which defines every figure. Amounts in different currencies are
never added. Files are written atomically: an interrupted run leaves none half-written.

Examples:
  careport revenue                              # last full month, revenue-YYYY-MM.xlsx in .
  careport revenue --period 2026-10 --out reports/
  careport revenue --from 2026-01 --to 2026-10 --format xlsx,csv
  careport revenue --coach 12 --currency EUR
  careport revenue --snapshot snap/ --period 2026-10   # offline, from 'careport fetch'`,
		flags: func(fs *pflag.FlagSet, e *env) func([]string) error {
			rf.add(fs)
			af.add(fs, true)
			return func(args []string) error {
				if len(args) > 0 {
					return usagef("unexpected argument %q", args[0])
				}
				if err := rf.checkPeriodFlags(); err != nil {
					return err
				}
				if _, _, err := rf.formats(); err != nil {
					return err
				}
				log, err := af.log.logger(e.stderr)
				if err != nil {
					return err
				}
				c, snap, err := af.client(e, log, nil)
				if err != nil {
					return err
				}
				name := rf.name
				if name == "" {
					name = af.apiHost(e)
					if snap != nil {
						name = snap.Manifest().APIHost
					}
				}
				res, err := runRevenue(e, log, c, snap, &rf, name, e.now())
				if err != nil {
					return err
				}
				printRevenue(e, res)
				return nil
			}
		},
	}
}

// revenueResult is what a revenue run produced.
type revenueResult struct {
	files   []string
	summary *revenue.Summary
	from    model.Period
	to      model.Period
}

// runRevenue fetches (or replays), builds and renders the revenue report.
// now is the clock reading that picks the default period.
func runRevenue(e *env, log *slog.Logger, c *fetch.Client, snap *snapshot.Reader, rf *revenueFlags, accountName string, now time.Time) (*revenueResult, error) {
	xlsxOut, csvOut, err := rf.formats()
	if err != nil {
		return nil, err
	}
	d, err := revenue.Fetch(e.ctx, c, e.now)
	if err != nil {
		return nil, err
	}
	if snap != nil {
		d.FetchedAt = snap.Manifest().FetchedAt
	}
	loc := d.Location
	if loc == nil {
		loc = time.UTC
	}
	from, to := rf.periods(loc, now)
	if dataTime := d.FetchedAt; !dataTime.IsZero() && to.End.After(dataTime) {
		// Not an error (a month-to-date report is useful), but the user
		// should know that outstanding and aging are as of the data time.
		log.Warn("the report period has not ended when the data was fetched; figures are as of the data time",
			"last_month", to.Label, "data_time", dataTime.In(loc).Format(time.DateTime))
	}
	if snap != nil {
		if err := checkSnapshotWindow(snap.Manifest(), from, to); err != nil {
			return nil, err
		}
	}
	rep, sum, err := revenue.Build(d, revenue.Options{
		From: from, To: to, CoachID: rf.coach, Currency: rf.currency,
		AccountName: accountName, GeneratedAt: e.now(),
	})
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(rf.out, 0o755); err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	base := "revenue-" + from.Start.Format("2006-01")
	if to.Start != from.Start {
		base += "_" + to.Start.Format("2006-01")
	}
	res := &revenueResult{summary: sum, from: from, to: to}
	if xlsxOut {
		path := filepath.Join(rf.out, base+".xlsx")
		if err := xlsx.WriteFile(e.ctx, path, rep, xlsx.Options{}); err != nil {
			return nil, fmt.Errorf("write %s: %w", path, err)
		}
		res.files = append(res.files, path)
	}
	if csvOut {
		dir := filepath.Join(rf.out, base+"-csv")
		files, err := csvfile.WriteDir(e.ctx, dir, rep)
		if err != nil {
			return nil, fmt.Errorf("write %s: %w", dir, err)
		}
		res.files = append(res.files, files...)
	}
	return res, nil
}

func printRevenue(e *env, res *revenueResult) {
	label := res.from.Start.Format("2006-01")
	if res.to.Start != res.from.Start {
		label += " to " + res.to.Start.Format("2006-01")
	}
	fmt.Fprintf(e.stdout, "Revenue report for %s\n", label)
	for _, f := range res.files {
		fmt.Fprintf(e.stdout, "  wrote %s\n", f)
	}
	printHeadlines(e.stdout, res.summary)
}
