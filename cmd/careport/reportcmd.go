package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode"

	"github.com/spf13/pflag"
	"golang.org/x/sys/unix"
	"golang.org/x/text/unicode/norm"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/fetch/dataset"
	"github.com/careport/careport/fetch/snapshot"
	"github.com/careport/careport/render"
	"github.com/careport/careport/render/csvfile"
	"github.com/careport/careport/render/output"
	"github.com/careport/careport/reports"
	"github.com/careport/careport/reports/model"
)

// reportFlags are the flags every report has, beyond its own and the API
// flags.
type reportFlags struct {
	period      string
	from, to    string
	coach       string
	out         string
	format      string
	accountName string
	csvBOM      bool
}

// periodForms lists every --period form, for reports that take them all.
const periodForms = "a month 2026-10, a quarter 2026-Q3, an ISO week 2026-W43, a year 2026, a day 2026-10-15, or last-month (the default), this-month, last-quarter, this-quarter, last-week, this-week, last-year, this-year, ytd (1 January to today)"

// add defines the common report flags; periods lists the period forms the
// report accepts ("" for periodForms).
func (r *reportFlags) add(fs *pflag.FlagSet, periods string) {
	fs.StringVar(&r.period, "period", "", "the period to report: "+cmpOr(periods, periodForms)+"; resolved in the account's time zone against the data time")
	fs.StringVar(&r.from, "from", "", "first period of a longer range, in any --period form (with --to)")
	fs.StringVar(&r.to, "to", "", "last period of a longer range, in any --period form (with --from)")
	fs.StringVar(&r.coach, "coach", "", "only this coach's clients: a CoachID, the coach's email or full name (see 'careport list coaches')")
	fs.StringVar(&r.out, "out", ".", "folder to write the report files to (created if missing)")
	fs.StringVar(&r.format, "format", "xlsx", formatHelp())
	switchVarP(fs, &r.csvBOM, "csv-bom", "", true, "start CSV files with a UTF-8 byte-order mark, which Excel needs to read UTF-8 (--csv-bom=false for tools that do not want it)")
	fs.StringVar(&r.accountName, "account-name", "", "account name shown in the report (default: the API host)")
}

// check validates the flags that need no data, before any network call.
func (r *reportFlags) check() error {
	if r.period != "" && (r.from != "" || r.to != "") {
		return usagef("use either --period or --from/--to, not both")
	}
	if (r.from == "") != (r.to == "") {
		return usagef("--from and --to go together")
	}
	for _, f := range []struct{ name, v string }{{"period", r.period}, {"from", r.from}, {"to", r.to}} {
		if f.v == "" {
			continue
		}
		if err := model.PeriodSyntax(f.v); err != nil {
			return usagef("--%s: %v", f.name, err)
		}
	}
	if r.from != "" {
		// The order of two absolute ends does not depend on the account's
		// time zone, so it is checked now, before any call.
		if err := model.RangeSyntax(r.from, r.to); err != nil {
			return usageError{err}
		}
	}
	if _, err := parseFormats(r.format); err != nil {
		return err
	}
	return checkOutDir(r.out)
}

// resolvePeriod turns the period flags into a period in loc, now being the
// data time (relative words count from it).
func (r *reportFlags) resolvePeriod(loc *time.Location, now time.Time) (model.Period, error) {
	var (
		p   model.Period
		err error
	)
	switch {
	case r.from != "":
		p, err = model.ParseRange(r.from, r.to, loc, now)
	case r.period != "":
		p, err = model.ParsePeriod(r.period, loc, now)
	default:
		p, err = model.ParsePeriod("last-month", loc, now)
	}
	if err != nil {
		return p, usageError{err}
	}
	return p, nil
}

// checkOutDir refuses an --out that cannot become a writable folder, so
// that a run does not fail after minutes of fetching.
func checkOutDir(out string) error {
	if out == "" {
		return usagef("--out must name a folder")
	}
	if out == "-" {
		return usagef("--out -: a report is several files, so it cannot go to standard output; give a folder")
	}
	dir := filepath.Clean(out)
	for {
		fi, err := os.Stat(dir)
		if err == nil {
			if !fi.IsDir() {
				if dir == filepath.Clean(out) {
					return usagef("--out %s is a file, not a folder", out)
				}
				return usagef("--out %s cannot be created: %s is a file", out, dir)
			}
			// access(2) rather than a probe file: a run killed at this
			// point must not leave anything in the user's folder.
			if err := unix.Access(dir, unix.W_OK|unix.X_OK); err != nil {
				return usagef("--out %s: cannot write in %s (%s)", out, dir, plainFSError(err))
			}
			return nil
		}
		if !errors.Is(err, os.ErrNotExist) && !errors.Is(err, syscall.ENOTDIR) {
			return usagef("--out %s: %s", out, plainFSError(err))
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return usagef("--out %s: no folder of that path exists", out)
		}
		dir = parent
	}
}

// outputError is a failure to write a run's outputs, said as the step and
// the file system's reason ("no space left on device"), without the paths
// of the staging folder and temporary files the user never sees.
type outputError struct {
	step string
	err  error
}

func (o *outputError) Error() string { return o.step + ": " + plainFSError(o.err) }
func (o *outputError) Unwrap() error { return o.err }

// plainFSError says what a file-system error means, without Go's
// "op path: " prefix.
func plainFSError(err error) string {
	switch {
	case errors.Is(err, os.ErrPermission):
		return "permission denied"
	case errors.Is(err, os.ErrNotExist):
		return "it does not exist"
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err.Error()
	}
	return err.Error()
}

// reportCommand is the one command every report gets: the same common
// flags, the same steps (check flags, fetch what the report needs once,
// build, render each format, print the headline figures).
func reportCommand(spec reports.Spec) *command {
	var (
		af apiFlags
		rf reportFlags
		rp reports.Report
	)
	usage := "[--period P | --from P --to P] [--coach C] [--out DIR] [--format " + strings.Join(formatNames(), ",") + "]"
	if spec.Usage != "" {
		usage += " " + spec.Usage
	}
	return &command{
		name:    spec.Name,
		summary: spec.Summary,
		usage:   usage,
		help:    spec.Help,
		flags: func(fs *pflag.FlagSet, e *env) func([]string) error {
			rf.add(fs, spec.Periods)
			rp = spec.New(fs)
			af.add(fs, true)
			return func(args []string) error {
				if len(args) > 0 {
					return usagef("unexpected argument %q", args[0])
				}
				if err := rf.check(); err != nil {
					return err
				}
				if err := rp.CheckFlags(); err != nil {
					return optionsError(spec.Name, err)
				}
				log, err := af.log.logger(e.stderr)
				if err != nil {
					return err
				}
				src, err := openSource(e, &af, log, nil)
				if err != nil {
					return err
				}
				res, err := runReports(e, log, src, []job{{spec, rp}}, &rf, e.now())
				src.close()
				for _, r := range res {
					printResult(e, r)
				}
				return err
			}
		},
	}
}

// source is where a run's data comes from: the client (live or replaying a
// snapshot), the data set over it and what the account is called.
type source struct {
	client      *fetch.Client
	snap        *snapshot.Reader
	data        *dataset.Set
	accountName string
	progress    *progress
	noticed     map[string]bool // formats whose notice was said (render.Noticer)
}

// close ends the source's progress display.
func (s *source) close() {
	if s != nil {
		s.progress.close()
	}
}

// openSource builds the client the API flags describe and the run's data
// set; rec, when set, records every response (careport fetch).
func openSource(e *env, af *apiFlags, log *slog.Logger, rec fetch.Recorder) (*source, error) {
	ct := &countingTransport{base: http.DefaultTransport.(*http.Transport).Clone()}
	af.hc = &http.Client{Transport: ct}
	prog := newProgress(e, af.log.quiet, ct)
	c, snap, err := af.client(e, log, rec)
	if err != nil {
		return nil, err
	}
	s := &source{client: c, snap: snap, accountName: af.apiHost(e), progress: prog, noticed: map[string]bool{}}
	o := dataset.Options{FetchedAt: e.now()}
	if prog != nil {
		o.Progress = prog
	}
	if snap != nil {
		m := snap.Manifest()
		o.FetchedAt = m.FetchedAt
		s.accountName = m.APIHost
		if m.Timezone != "" {
			loc, err := time.LoadLocation(m.Timezone)
			if err != nil {
				return nil, fmt.Errorf("the snapshot names the time zone %q, which this machine does not know: %w", m.Timezone, err)
			}
			o.Location = loc
		}
	}
	if s.data, err = dataset.New(c, o); err != nil {
		return nil, err
	}
	return s, nil
}

// job is one report to run.
type job struct {
	spec reports.Spec
	rep  reports.Report
}

// label is the name a job's errors start with when it runs among n jobs:
// none when it runs alone, since the command line's own prefix
// ("careport NAME: ") already names it.
func (j job) label(n int) string {
	if n == 1 {
		return ""
	}
	return j.spec.Name
}

// result is what one report run produced.
type result struct {
	spec   reports.Spec
	report *model.Report
	files  []string
}

// runReports runs the jobs over one data set: every kind of data is
// fetched once for all of them. now is the clock reading relative periods
// count from when the data is live (a snapshot's fetch time otherwise).
func runReports(e *env, log *slog.Logger, src *source, jobs []job, rf *reportFlags, now time.Time) ([]result, error) {
	ds := src.data
	// The coaches come first: every report may filter by coach, and their
	// envelope tells the account time zone the period is resolved in.
	if err := ds.Load(e.ctx, dataset.Of(dataset.Coaches)); err != nil {
		return nil, err
	}
	loc := ds.Location()
	dataTime := ds.FetchedAt()
	if src.snap == nil {
		dataTime = now
	}
	period, err := rf.resolvePeriod(loc, dataTime)
	if err != nil {
		return nil, err
	}
	if !period.Start.Before(dataTime) {
		return nil, usagef("the period %s starts after the data was fetched (%s, %s); nothing can be reported for it yet",
			period.Label, dataTime.In(loc).Format("2006-01-02 15:04"), loc)
	}
	// A period not ended at the data time is said with each report's
	// warnings, so that the workbook's front page says it too: whoever it
	// is forwarded to never saw the terminal.
	notEnded := period.End.After(dataTime)
	if src.snap != nil {
		if err := checkSnapshotWindow(src.snap.Manifest(), period, loc); err != nil {
			return nil, err
		}
	}
	coaches, err := ds.Coaches()
	if err != nil {
		return nil, err
	}
	coachID, coachName, err := resolveCoach(rf.coach, coaches)
	if err != nil {
		return nil, err
	}
	p := reports.Params{
		Period: period, CoachID: coachID, CoachName: coachName,
		AccountName: cmpOr(rf.accountName, src.accountName),
		Location:    loc, DataTime: ds.FetchedAt(), GeneratedAt: e.now(),
	}
	var needs []dataset.Need
	for _, j := range jobs {
		n, err := j.rep.Needs(p)
		if err != nil {
			return nil, optionsError(j.label(len(jobs)), err)
		}
		needs = append(needs, n...)
	}
	if err := ds.Load(e.ctx, needs); err != nil {
		return nil, err
	}
	var more []dataset.Need
	for _, j := range jobs {
		n, err := moreNeeds(ds, j, p, j.label(len(jobs)))
		if err != nil {
			return nil, err
		}
		more = append(more, n...)
	}
	if err := ds.Load(e.ctx, more); err != nil {
		return nil, err
	}
	if err := e.ctx.Err(); err != nil {
		return nil, err
	}
	formats, err := parseFormats(rf.format)
	if err != nil {
		return nil, err
	}
	for _, f := range formats {
		// A format's notice is said once per process, however many runs
		// (the demo's) use the format.
		if n, ok := f.(render.Noticer); ok && n.Notice() != "" && !src.noticed[f.Name()] {
			log.Warn(n.Notice())
			src.noticed[f.Name()] = true
		}
	}
	// Every output of the run is written to a staging folder and swapped in
	// at the end: a failed or interrupted run leaves the previous outputs
	// exactly as they were.
	set, err := output.Begin(rf.out)
	if err != nil {
		return nil, &outputError{"prepare the output folder " + rf.out, err}
	}
	defer func() { _ = set.Abort() }() // a no-op after Commit
	opts := render.Options{CSV: csvfile.Options{NoBOM: !rf.csvBOM}}
	var out []result
	for _, j := range jobs {
		r, err := j.rep.Build(ds, p)
		if err != nil {
			return nil, optionsError(j.label(len(jobs)), err)
		}
		if notEnded {
			label := period.Label
			if r.Period.Label != "" {
				label = r.Period.Label // as the report reads it (ytd as months)
			}
			w := fmt.Sprintf("The period %s had not ended when the data was fetched (%s, %s); its figures are as of then.",
				label, dataTime.In(loc).Format("2006-01-02 15:04"), loc)
			r.Warnings = append([]string{w}, r.Warnings...)
		}
		for _, w := range r.Warnings {
			log.Warn(w)
		}
		res := result{spec: j.spec, report: r}
		for _, f := range formats {
			files, err := f.Render(e.ctx, r, set, opts)
			if err != nil {
				return nil, &outputError{fmt.Sprintf("write the %s %s in %s", j.spec.Name, f.Name(), rf.out), err}
			}
			res.files = append(res.files, files...)
		}
		out = append(out, res)
	}
	if err := e.ctx.Err(); err != nil {
		return nil, err
	}
	if err := set.Commit(); err != nil {
		return nil, &outputError{"replace the outputs in " + rf.out, err}
	}
	return out, nil
}

// moreNeeds returns the second-stage needs of a staged report (see
// reports.Staged), nil for any other.
func moreNeeds(ds *dataset.Set, j job, p reports.Params, label string) ([]dataset.Need, error) {
	st, ok := j.rep.(reports.Staged)
	if !ok {
		return nil, nil
	}
	n, err := st.MoreNeeds(ds, p)
	if err != nil {
		return nil, optionsError(label, err)
	}
	return n, nil
}

// optionsError turns a report's options error into a usage error, and
// starts any other error with name (unless it is "").
func optionsError(name string, err error) error {
	if errors.Is(err, reports.ErrOptions) {
		msg := strings.TrimSuffix(err.Error(), ": "+reports.ErrOptions.Error())
		return usageError{errors.New(msg)}
	}
	if name == "" {
		return err
	}
	return fmt.Errorf("%s: %w", name, err)
}

// checkSnapshotWindow refuses a period outside the months a snapshot was
// fetched for (careport fetch --from/--to).
func checkSnapshotWindow(m snapshot.Manifest, p model.Period, loc *time.Location) error {
	first := p.Start.In(loc).Format("2006-01")
	last := p.End.Add(-time.Nanosecond).In(loc).Format("2006-01")
	from, to := m.Options["from"], m.Options["to"]
	if (from != "" && first < from) || (to != "" && last > to) {
		return fmt.Errorf("the snapshot was fetched for %s..%s and the report period %s is outside it; fetch again with careport fetch --from %s --to %s --out DIR",
			from, to, p.Label, first, last)
	}
	return nil
}

// resolveCoach finds the coach a --coach value names: a CoachID, an email
// (case-insensitive) or a full name (case- and space-insensitive). ""
// means every coach.
func resolveCoach(v string, coaches []fetch.Coach) (int, string, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, "", nil
	}
	name := func(c fetch.Coach) string { return strings.TrimSpace(c.FirstName + " " + c.LastName) }
	nameKey := func(s string) string { return foldAccents(strings.ToLower(strings.Join(strings.Fields(s), " "))) }
	var found []fetch.Coach
	if id, err := strconv.Atoi(v); err == nil {
		for _, c := range coaches {
			if c.ID == id {
				found = append(found, c)
			}
		}
	} else {
		for _, c := range coaches {
			if strings.EqualFold(c.Email, v) || nameKey(name(c)) == nameKey(v) {
				found = append(found, c)
			}
		}
	}
	switch len(found) {
	case 1:
		return found[0].ID, name(found[0]), nil
	case 0:
		var b strings.Builder
		fmt.Fprintf(&b, "--coach %q: the account has no such coach; its coaches are:", v)
		coaches = slices.Clone(coaches)
		slices.SortFunc(coaches, func(a, b fetch.Coach) int { return a.ID - b.ID })
		for i, c := range coaches {
			if i == 20 {
				fmt.Fprintf(&b, "\n  ... and %d more (careport list coaches)", len(coaches)-20)
				break
			}
			fmt.Fprintf(&b, "\n  %d  %s  %s", c.ID, terminalSafe(name(c)), terminalSafe(c.Email))
		}
		return 0, "", usageError{errors.New(b.String())}
	}
	var ids []string
	for _, c := range found {
		ids = append(ids, strconv.Itoa(c.ID))
	}
	return 0, "", usagef("--coach %q names %d coaches (IDs %s); give the CoachID", v, len(found), strings.Join(ids, ", "))
}

// foldAccents drops the accents of s ("Andrés" is "Andres"), so that a
// name typed on a keyboard without them still matches.
func foldAccents(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// interrupted reports whether the run was stopped by a signal.
func interrupted(ctx context.Context, err error) bool {
	return ctx.Err() != nil || errors.Is(err, context.Canceled)
}
