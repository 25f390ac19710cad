package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/careport/careport/cmd/careport/jobfile"
	"github.com/careport/careport/fetch"
	"github.com/careport/careport/fetch/sandbox"
	"github.com/careport/careport/fetch/sandbox/generate"
	"github.com/careport/careport/reports"
)

func demoCommand() *command {
	var (
		out, jobsFile string
		lf            logFlags
	)
	return &command{
		name:    "demo",
		summary: "produce the sample reports from the built-in sample account",
		usage:   "[--out DIR] [--jobs JOBS.yaml]",
		help: `Starts the sandbox in-process with the small sample account (samples/small.json),
runs every report (` + strings.Join(reportNames(), ", ") + `) through real HTTP exactly as against the live API,
for the sample's last full month, writes the files to --out and prints where each file
is and the headline figures. With --jobs it then runs that jobs file as
'careport run --dry-run' would, over the same data: every mail is written as an
.eml file under --out instead of being sent. Nothing leaves this machine.

Examples:
  careport demo --out out/
  careport demo --out out/ --jobs samples/jobs.yaml   # what make demo runs`,
		flags: func(fs *pflag.FlagSet, e *env) func([]string) error {
			fs.StringVar(&out, "out", "out", "folder to write the sample reports to")
			fs.StringVar(&jobsFile, "jobs", "", "then run this jobs file with --dry-run, leaving its mails as .eml files in --out")
			lf.add(fs)
			return func(args []string) error {
				if len(args) > 0 {
					return usagef("unexpected argument %q", args[0])
				}
				if err := checkOutDir(out); err != nil {
					return err
				}
				// The jobs file is checked before the demo starts, so a typo
				// in it fails at once.
				var (
					jf      *jobfile.File
					jobList []*jobfile.Job
				)
				if jobsFile != "" {
					f, err := jobfile.Load(jobsFile)
					if err != nil {
						return jobFileError(err)
					}
					if jobList, err = selectJobs(f, nil); err != nil {
						return err
					}
					if err := checkJobReports(f, jobList); err != nil {
						return err
					}
					jf = f
				}
				log, err := lf.logger(e.stderr)
				if err != nil {
					return err
				}
				acct, err := generate.Generate(generate.Small, generate.SampleSeed)
				if err != nil {
					return err
				}
				loc, err := acct.Location()
				if err != nil {
					return err
				}
				// The sample's history ends on AsOf, so "now" is the next morning:
				// the last full month is the sample's last month. The sandbox
				// runs on the same clock, so that what it derives from "now"
				// (an engagement's use so far) agrees with the data time.
				now := acct.AsOf.AddDays(1).Time(loc).Add(9 * time.Hour)
				creds := fetch.Credentials{APIID: "demo-" + randomToken(8), APIKey: randomToken(20)}
				srv, err := sandbox.New(sandbox.Options{Account: acct, APIID: creds.APIID, APIKey: creds.APIKey, Logger: log,
					Now: func() time.Time { return now }})
				if err != nil {
					return err
				}
				ln, err := net.Listen("tcp", "127.0.0.1:0")
				if err != nil {
					return fmt.Errorf("start sandbox: %w", err)
				}
				hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
				go func() { _ = hs.Serve(ln) }() // after Shutdown, Serve returns ErrServerClosed
				defer func() {
					ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
					defer cancel()
					_ = hs.Shutdown(ctx)
					_ = srv.Close()
				}()
				url := "http://" + ln.Addr().String() + "/API/"
				fmt.Fprintf(e.stdout, "Sandbox serving %q at %s\n", acct.Name, url)
				demoEnv := *e
				demoEnv.now = func() time.Time { return now }
				// The API flags at their defaults, as a user's run would have
				// them, pointed at the in-process sandbox.
				var af apiFlags
				af.add(pflag.NewFlagSet("demo", pflag.ContinueOnError), false)
				af.url, af.log = url, lf
				demoEnv.getenv = func(k string) string {
					switch k {
					case "CA_API_ID":
						return creds.APIID
					case "CA_API_KEY":
						return creds.APIKey
					}
					return ""
				}
				src, err := openSource(&demoEnv, &af, log, nil)
				if err != nil {
					return err
				}
				defer src.close()
				src.accountName = acct.Name
				// Each demo run of each report is one run over the same data
				// set, so every call is made once for all of them.
				for _, s := range reportList() {
					runs := s.Demo
					if runs == nil {
						runs = [][]string{nil}
					}
					for _, args := range runs {
						j, rf, err := demoJob(s, args)
						if err != nil {
							return err
						}
						rf.out, rf.format, rf.csvBOM = out, strings.Join(formatNames(), ","), true
						res, err := runReports(&demoEnv, log, src, []job{j}, rf, now)
						for _, r := range res {
							printResult(e, r)
						}
						if err != nil {
							return fmt.Errorf("demo %s %s: %w", s.Name, strings.Join(args, " "), err)
						}
						if len(res) != 1 {
							return fmt.Errorf("the demo did not write the %s report", s.Name)
						}
					}
				}
				if jf == nil {
					return nil
				}
				fmt.Fprintf(e.stdout, "\nThe jobs of %s, as careport run --dry-run:\n", jobsFile)
				r := &jobRunner{e: &demoEnv, log: log, src: src, file: jf, flags: runFlags{dryRun: true}, out: filepath.Clean(out)}
				r.e.stdout = e.stdout
				return r.run(jobList)
			}
		},
	}
}

// demoJob parses one demo run's arguments as `careport NAME` would.
func demoJob(s reports.Spec, args []string) (job, *reportFlags, error) {
	fs := pflag.NewFlagSet(s.Name, pflag.ContinueOnError)
	var rf reportFlags
	rf.add(fs, s.Periods)
	rep := s.New(fs)
	if err := fs.Parse(args); err != nil {
		return job{}, nil, fmt.Errorf("demo run of %s %q: %w", s.Name, args, err)
	}
	if fs.NArg() > 0 {
		return job{}, nil, fmt.Errorf("demo run of %s: unexpected argument %q", s.Name, fs.Arg(0))
	}
	if err := rep.CheckFlags(); err != nil {
		return job{}, nil, fmt.Errorf("demo run of %s %q: %w", s.Name, args, err)
	}
	return job{s, rep}, &rf, nil
}
