package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/careport/careport/cmd/careport/jobfile"
	"github.com/careport/careport/reports/model"
)

// runFlags are the flags of `careport run`.
type runFlags struct {
	check  bool
	dryRun bool
	force  bool
	jobs   []string
	period string
	out    string
}

func runCommand() *command {
	var (
		af apiFlags
		rf runFlags
	)
	return &command{
		name:    "run",
		summary: "run the report jobs of a jobs file and mail the reports (for cron)",
		usage:   "[--check] [--dry-run] [--force] [--job NAME]... [--period P] JOBS.yaml",
		help: `Runs every job of a jobs file: builds each job's reports for its period (resolved in
the account's time zone), writes them to the file's output folder, and mails them
as attachments to the job's recipients, or with per-coach: true to each coach
(the report of their own clients, at the email the API has for them) and a
manager copy of the whole team's. The data is fetched once for every job of the
run. samples/jobs.yaml is a commented example; the jobs file's format is
described in the package comment of cmd/careport/jobfile.

Delivery is idempotent: a ledger in the output folder (careport-ledger.json)
records what was sent for which job, period and recipient, so a rerun sends
nothing twice and retries only the recipients that failed; --force sends again.
Temporary SMTP failures (4xx, a server that is down) are retried with backoff;
a job that fails mails a notice to its admin addresses instead of a report.
The summary says, per recipient, what was sent, skipped and why, and what failed
(temporary or permanent, with the server's reply). Exit status 1 when anything
failed; a rerun then sends what was missed.

SMTP settings come from the file's smtp: block, overridden by CAREPORT_SMTP_HOST,
CAREPORT_SMTP_PORT and CAREPORT_SMTP_USER; the password only from the
environment variable the file names (password-env, default CAREPORT_SMTP_PASSWORD).
STARTTLS is required unless the file says security: tls (implicit TLS, port
465) or security: none with allow-plain: true, which only a loopback host may use.

Examples:
  careport run --check jobs.yaml              # validate, and print what would run, to whom
  careport run --dry-run jobs.yaml            # write each mail as an .eml file instead of sending
  careport run jobs.yaml                      # what cron runs on the first of the month
  careport run --job owner-monthly --period 2026-10 --force jobs.yaml   # send October's again
  # crontab: 0 7 1 * *  cd /srv/careport && careport run -q jobs.yaml`,
		flags: func(fs *pflag.FlagSet, e *env) func([]string) error {
			switchVarP(fs, &rf.check, "check", "", false, "validate the file (coach names and emails against the account) and print what would run, to whom, with which attachments; send nothing")
			switchVarP(fs, &rf.dryRun, "dry-run", "n", false, "build the reports and write each mail as an .eml file in the output folder instead of sending it")
			switchVarP(fs, &rf.force, "force", "", false, "send again what the ledger says was sent already (with new Message-IDs)")
			fs.StringArrayVar(&rf.jobs, "job", nil, "run only this job (repeatable; default every job)")
			fs.StringVar(&rf.period, "period", "", "run every job for this period instead of its own (any report --period form, or A..B), e.g. to catch up on a missed month")
			fs.StringVar(&rf.out, "out", "", "output folder for reports, .eml files and the ledger (default: the file's out:, else out/ beside the jobs file)")
			af.add(fs, true)
			return func(args []string) error {
				if len(args) != 1 {
					return usagef("give one jobs file (see samples/jobs.yaml)")
				}
				if rf.check && (rf.dryRun || rf.force) {
					return usagef("--check sends nothing and writes nothing, so it takes no --dry-run or --force")
				}
				f, err := jobfile.Load(args[0])
				if err != nil {
					return jobFileError(err)
				}
				if rf.period != "" {
					if err := checkPeriodExpr(rf.period); err != nil {
						return usagef("--period: %v", err)
					}
				}
				plans, err := selectJobs(f, rf.jobs)
				if err != nil {
					return err
				}
				if err := checkJobReports(f, plans); err != nil {
					return err
				}
				out := rf.out
				if out == "" {
					out = f.Out
				}
				if !rf.check {
					if err := checkOutDir(out); err != nil {
						return err
					}
				}
				log, err := af.log.logger(e.stderr)
				if err != nil {
					return err
				}
				src, err := openSource(e, &af, log, nil)
				if err != nil {
					return err
				}
				defer src.close()
				r := &jobRunner{e: e, log: log, src: src, file: f, flags: rf, out: filepath.Clean(out)}
				if rf.check {
					return r.check(plans)
				}
				return r.run(plans)
			}
		},
	}
}

// jobFileError turns a jobs file's problems into a usage error: the file
// is the command's input, as wrong as a wrong flag.
func jobFileError(err error) error {
	var je *jobfile.Error
	if errors.As(err, &je) {
		return usageError{fmt.Errorf("the jobs file has %s:\n%s", model.Count(len(je.Problems), "problem", "problems"), indentLines(err.Error()))}
	}
	return usageError{err}
}

// selectJobs returns the file's jobs that --job names (all when none), in
// the file's order.
func selectJobs(f *jobfile.File, only []string) ([]*jobfile.Job, error) {
	if len(only) == 0 {
		out := make([]*jobfile.Job, len(f.Jobs))
		for i := range f.Jobs {
			out[i] = &f.Jobs[i]
		}
		return out, nil
	}
	var names []string
	for _, j := range f.Jobs {
		names = append(names, j.Name)
	}
	for _, n := range only {
		if !slices.Contains(names, n) {
			return nil, usagef("--job %q: %s has no such job%s; its jobs are %s", n, f.Path, suggest(n, names), strings.Join(names, ", "))
		}
	}
	var out []*jobfile.Job
	for i := range f.Jobs {
		if slices.Contains(only, f.Jobs[i].Name) {
			out = append(out, &f.Jobs[i])
		}
	}
	return out, nil
}

// indentLines indents every line of s by two spaces.
func indentLines(s string) string {
	return "  " + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n  ")
}
