package main

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/careport/careport/fetch/dataset"
	"github.com/careport/careport/fetch/snapshot"
	"github.com/careport/careport/reports"
	"github.com/careport/careport/reports/model"
)

func fetchCommand() *command {
	var (
		af       apiFlags
		out      string
		from, to string
		only     string
	)
	return &command{
		name:    "fetch",
		summary: "save every API response the reports need to a snapshot folder",
		usage:   "--out DIR [--from MONTH --to MONTH] [--reports NAME,...]",
		help: `Fetches what the selected reports (default: all) need for a window of months and
writes each raw response body exactly as received into DIR, plus manifest.json
(time fetched, API host, account time zone, each call's function and parameters
without credentials, a checksum tying each file to its call). Every kind of data
is fetched once however many reports need it, independent calls at the same time.

Refreshing an existing snapshot never destroys it: the new one is written
beside it and swapped in only when complete, so a fetch that fails (bad
credentials, a refused URL, Ctrl-C) leaves the old snapshot exactly as it was.

Reports then run from the snapshot with --snapshot DIR, make no network call,
and give results identical to a live run. Whole lists are fetched unfiltered, so
one snapshot serves any period; calls that take a period (activity stats, data
fetches) are fetched for each month of the window (default: the 12 months before
last month, through this month), and a report period outside it is refused.

Reports: ` + strings.Join(reportNames(), ", ") + `

Examples:
  careport fetch --out snap/
  careport fetch --out snap-2026/ --from 2026-01 --to 2026-10
  careport fetch --out snap/ --reports ` + reportNames()[0] + `
  careport ` + reportNames()[0] + ` --snapshot snap/ --period 2026-10`,
		flags: func(fs *pflag.FlagSet, e *env) func([]string) error {
			fs.StringVar(&out, "out", "", "snapshot folder to write (created if missing; required)")
			fs.StringVar(&from, "from", "", "first month (YYYY-MM) of the window the snapshot serves")
			fs.StringVar(&to, "to", "", "last month (YYYY-MM) of the window the snapshot serves")
			fs.StringVar(&only, "reports", "", "comma-separated reports to fetch for (default: all)")
			af.add(fs, false)
			return func(args []string) error {
				if len(args) > 0 {
					return usagef("unexpected argument %q", args[0])
				}
				if out == "" {
					return usagef("--out DIR is required")
				}
				if out == "-" {
					return usagef("--out -: a snapshot is a folder of files; give a folder")
				}
				if (from == "") != (to == "") {
					return usagef("--from and --to go together")
				}
				for _, f := range []struct{ name, v string }{{"from", from}, {"to", to}} {
					if f.v == "" {
						continue
					}
					if _, err := time.Parse("2006-01", f.v); err != nil {
						return usagef("--%s %q: want a month as YYYY-MM", f.name, f.v)
					}
				}
				if from != "" && to < from {
					return usagef("--to %s is before --from %s", to, from)
				}
				specs, err := selectReports(only)
				if err != nil {
					return err
				}
				if err := checkOutDir(out); err != nil {
					return err
				}
				log, err := af.log.logger(e.stderr)
				if err != nil {
					return err
				}
				w, err := snapshot.Create(out)
				if err != nil {
					return err
				}
				// A fetch that fails leaves the old snapshot as it was; Abort
				// removes the unfinished new one (a no-op after Finish).
				defer func() { _ = w.Abort() }()
				src, err := openSource(e, &af, log, w)
				if err != nil {
					return err
				}
				defer src.close()
				ds := src.data
				started := ds.FetchedAt()
				if err := ds.Load(e.ctx, dataset.Of(dataset.Coaches)); err != nil {
					return err
				}
				loc := ds.Location()
				window := fetchWindow(from, to, loc, started)
				if !window[0].Start.Before(started) {
					return usagef("--from %s starts after the data time (%s, %s): a snapshot holds what the account has now; give months up to this one",
						window[0].Label, started.In(loc).Format("2006-01-02 15:04"), loc)
				}
				// Every report's needs for every month of the window, then
				// the second stage of the staged ones (the data they need
				// depends on the first), for every month again.
				var (
					needs []dataset.Need
					jobs  []job
				)
				for _, s := range specs {
					jobs = append(jobs, job{s, s.New(pflag.NewFlagSet(s.Name, pflag.ContinueOnError))})
				}
				params := func(m model.Period) reports.Params {
					return reports.Params{Period: m, Location: loc, DataTime: started, GeneratedAt: started}
				}
				for _, j := range jobs {
					for _, m := range window {
						n, err := j.rep.Needs(params(m))
						if err != nil {
							return fmt.Errorf("%s: %w", j.spec.Name, err)
						}
						needs = append(needs, n...)
					}
				}
				if err := ds.Load(e.ctx, needs); err != nil {
					return err
				}
				var more []dataset.Need
				for _, j := range jobs {
					for _, m := range window {
						n, err := moreNeeds(ds, j, params(m), j.spec.Name)
						if err != nil {
							return err
						}
						more = append(more, n...)
					}
				}
				if err := ds.Load(e.ctx, more); err != nil {
					return err
				}
				m, err := w.Finish(snapshot.Manifest{
					FetchedAt: started.UTC(),
					APIHost:   af.apiHost(e),
					Timezone:  loc.String(),
					Tool:      "careport " + versionString(),
					Options: map[string]string{
						"from": window[0].Label, "to": window[len(window)-1].Label,
						"reports": strings.Join(specNames(specs), ","),
					},
				})
				if err != nil {
					return err
				}
				bytes := 0
				for _, c := range m.Calls {
					bytes += c.Bytes
				}
				fmt.Fprintf(e.stdout, "snapshot %s: %d calls, %s bytes, for %s, months %s..%s (time zone %s)\n",
					out, len(m.Calls), groupDigits(fmt.Sprint(bytes)), strings.Join(specNames(specs), ", "),
					window[0].Label, window[len(window)-1].Label, loc)
				return nil
			}
		},
	}
}

// fetchWindow returns the months a snapshot serves: --from..--to, or by
// default the 12 months before last month through this month.
func fetchWindow(from, to string, loc *time.Location, now time.Time) []model.Period {
	var first, last model.Period
	if from != "" {
		first, _ = model.ParsePeriod(from, loc, now) // syntax checked
		last, _ = model.ParsePeriod(to, loc, now)
	} else {
		last = model.Month(now, loc)
		first = last
		for range 13 {
			first = first.Prev()
		}
	}
	var out []model.Period
	for m := first; !m.Start.After(last.Start); m = m.Next() {
		out = append(out, m)
	}
	return out
}

func reportNames() []string { return specNames(reportList()) }

func specNames(specs []reports.Spec) []string {
	var out []string
	for _, s := range specs {
		out = append(out, s.Name)
	}
	return out
}

// selectReports returns the reports a comma-separated list names, or all.
func selectReports(list string) ([]reports.Spec, error) {
	all := reportList()
	if strings.TrimSpace(list) == "" {
		return all, nil
	}
	var out []reports.Spec
	for _, name := range strings.Split(list, ",") {
		name = strings.TrimSpace(name)
		i := slices.IndexFunc(all, func(s reports.Spec) bool { return s.Name == name })
		if i < 0 {
			return nil, usagef("--reports: no report %q (reports: %s)%s", name, strings.Join(reportNames(), ", "), suggest(name, reportNames()))
		}
		if !slices.ContainsFunc(out, func(s reports.Spec) bool { return s.Name == name }) {
			out = append(out, all[i])
		}
	}
	return out, nil
}
