package main

import (
	"archive/zip"
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/careport/careport/render/email/mailpittest"
	"github.com/careport/careport/reports/metrics"
	"github.com/careport/careport/reports/revenue"
	"github.com/careport/careport/reports/scorecard"
)

var updateJobs = flag.Bool("update-jobs", false, "rewrite cmd/careport/testdata/*.eml.txt")

// boundaryRE matches a MIME boundary parameter and its delimiter lines.
var boundaryRE = regexp.MustCompile(`boundary="?([^"\r\n;]+)"?`)

// normaliseBoundaries replaces each MIME boundary of an .eml by a fixed
// name: the one part of a message that is random by design.
func normaliseBoundaries(eml []byte) []byte {
	out := eml
	for i, m := range boundaryRE.FindAllSubmatch(eml, -1) {
		out = bytes.ReplaceAll(out, m[1], []byte(fmt.Sprintf("BOUNDARY-%d", i)))
	}
	return out
}

// TestRunDryRunIsStable checks that --dry-run writes every message as an
// .eml file that is byte-stable for a fixed clock, job and period (apart
// from MIME boundaries), with CRLF line endings; the owner's message minus
// its attachments is golden-tested (go test -run TestRunDryRunIsStable
// -update-jobs rewrites it).
func TestRunDryRunIsStable(t *testing.T) {
	s := newMailSetup(t, mailpittest.Options{})
	jobs := fmt.Sprintf(`  - name: owner-monthly
    period: last-month
    reports: [%s]
    to: "Andrés Chen <andres.chen@coachwell.example.com>"
    bcc: archive@coachwell.example.com
    body: "Good morning."
    account-name: Sample coaching practice (small)
  - name: coach-scorecards
    period: last-month
    reports: [%s]
    per-coach: true
    coaches: [%q]
    account-name: Sample coaching practice (small)
    attachment-name: "scorecard {{.PeriodLabel}} {{.Coach}}"
`, revenue.Spec.Name, scorecard.Spec.Name, scorecard.DemoCoach)
	path := s.jobsFile(t, jobs)
	var first map[string][]byte
	for i := range 2 {
		out := filepath.Join(t.TempDir(), "out")
		code, stdout, stderr := s.run(t, "--dry-run", "--out", out, path)
		if code != exitOK {
			t.Fatalf("dry run: exit %d\n%s\n%s", code, stdout, stderr)
		}
		emls := map[string][]byte{}
		matches, _ := filepath.Glob(filepath.Join(out, "*", "*.eml"))
		for _, m := range matches {
			data, err := os.ReadFile(m)
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Contains(data, []byte("archive@")) {
				t.Errorf("%s names its Bcc recipient", m)
			}
			if bytes.Contains(bytes.ReplaceAll(data, []byte("\r\n"), nil), []byte("\n")) {
				t.Errorf("%s has a line ending that is not CRLF", m)
			}
			emls[filepath.Base(m)] = normaliseBoundaries(data)
		}
		if len(emls) != 2 {
			t.Fatalf("dry run wrote %v, want two .eml files", keys(emls))
		}
		if len(s.mp.Messages(t)) != 0 {
			t.Fatal("a dry run sent mail")
		}
		if i == 0 {
			first = emls
			continue
		}
		for name, data := range emls {
			if !bytes.Equal(data, first[name]) {
				t.Errorf("%s differs between two dry runs", name)
			}
		}
	}
	owner := first["owner-monthly-2026-10-team.eml"]
	if owner == nil {
		t.Fatalf("no owner-monthly-2026-10-team.eml among %v", keys(first))
	}
	// The golden part: headers and the two bodies, not the workbook's bytes.
	golden := owner
	if i := bytes.Index(owner, []byte("Content-Disposition: attachment")); i > 0 {
		golden = owner[:i]
	}
	gp := filepath.Join("testdata", "owner-monthly.eml.txt")
	if *updateJobs {
		if err := os.WriteFile(gp, golden, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(gp)
	if err != nil {
		t.Fatalf("%v (run with -update-jobs)", err)
	}
	if !bytes.Equal(golden, want) {
		t.Errorf("the owner's .eml differs from %s (run with -update-jobs and review the diff)", gp)
	}
	pm := parseMail(t, first["coach-scorecards-2026-10-coach-3.eml"])
	if pm.attachments["scorecard 2026-10 "+scorecard.DemoCoach+".xlsx"] == nil {
		t.Errorf("coach message attachments: %v", keys(pm.attachments))
	}
}

// TestRunCheck checks --check: it prints each job's resolved period,
// messages and recipients (coach emails from the API) and sends nothing;
// a coach the account does not have is a problem naming the coaches.
func TestRunCheck(t *testing.T) {
	s := newMailSetup(t, mailpittest.Options{})
	path := s.jobsFile(t, fmt.Sprintf(`  - name: coach-scorecards
    period: last-month
    reports: [%s]
    per-coach: true
    manager: owner@coachwell.example.com
`, scorecard.Spec.Name))
	code, stdout, stderr := s.run(t, "--check", path)
	if code != exitOK {
		t.Fatalf("--check: exit %d\n%s\n%s", code, stdout, stderr)
	}
	for _, want := range []string{"October 2026", "message coach-3", "to: ", "message team", "owner@coachwell.example.com", "The jobs file is valid."} {
		if !strings.Contains(stdout, want) {
			t.Errorf("--check output lacks %q:\n%s", want, stdout)
		}
	}
	for _, c := range s.acct.Coaches {
		if c.IsActive && !strings.Contains(stdout, c.Email) {
			t.Errorf("--check does not name coach %d's email %s", c.ID, c.Email)
		}
	}
	if _, err := os.Stat(filepath.Join(s.dir, "out")); err == nil {
		t.Error("--check wrote the output folder")
	}
	bad := s.jobsFile(t, fmt.Sprintf(`  - name: one-coach
    period: last-month
    reports: [%s]
    coach: Nobody Known
    to: owner@coachwell.example.com
`, revenue.Spec.Name))
	code, stdout, stderr = s.run(t, "--check", bad)
	if code != exitUsage || !strings.Contains(stderr, "Nobody Known") || !strings.Contains(stderr, "no such coach") {
		t.Errorf("--check of an unknown coach: exit %d\n%s\n%s", code, stdout, stderr)
	}
}

// TestRunBadJobsFile checks that a jobs file's mistakes are said with
// their line and column, all of them, before any call.
func TestRunBadJobsFile(t *testing.T) {
	s := newMailSetup(t, mailpittest.Options{})
	path := s.jobsFile(t, fmt.Sprintf(`  - name: owner-monthly
    period: last-month
    reports:
      - %s: {stalled-days: 3}
      - nosuchreport
    to: owner@coachwell.example.com
`, revenue.Spec.Name))
	before := s.srv.Stats().Calls
	code, _, stderr := s.run(t, path)
	if code != exitUsage {
		t.Fatalf("exit %d, want %d\n%s", code, exitUsage, stderr)
	}
	for _, want := range []string{"jobs.yaml:16:", "stalled-days", "jobs.yaml:17:", `no report "nosuchreport"`} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if n := s.srv.Stats().Calls - before; n != 0 {
		t.Errorf("a bad jobs file made %d API calls", n)
	}
}

// TestRunFetchesOnce checks that one run of several jobs makes each API
// call once: two jobs of the same report and period cost what one does.
func TestRunFetchesOnce(t *testing.T) {
	s := newMailSetup(t, mailpittest.Options{})
	one := s.jobsFile(t, fmt.Sprintf(`  - name: a
    period: last-month
    reports: [%s]
    to: a@coachwell.example.com
`, revenue.Spec.Name))
	before := s.srv.Stats().Calls
	if code, stdout, stderr := s.run(t, "--dry-run", one); code != exitOK {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	single := s.srv.Stats().Calls - before
	two := s.jobsFile(t, fmt.Sprintf(`  - name: a
    period: last-month
    reports: [%[1]s]
    to: a@coachwell.example.com
  - name: b
    period: 2026-10
    reports: [%[1]s]
    per-coach: true
    manager: b@coachwell.example.com
`, revenue.Spec.Name))
	before = s.srv.Stats().Calls
	if code, stdout, stderr := s.run(t, "--dry-run", "--force", two); code != exitOK {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	if both := s.srv.Stats().Calls - before; both != single {
		t.Errorf("two jobs made %d calls, one job %d", both, single)
	}
}

// TestRunSkipIfEmptyAndNotice checks skip-if-empty (a period with no data
// sends nothing) and the failure notice: a job whose report cannot be
// made mails the admin what failed, instead of a report, and the run
// fails.
func TestRunSkipIfEmptyAndNotice(t *testing.T) {
	s := newMailSetup(t, mailpittest.Options{})
	path := s.jobsFile(t, fmt.Sprintf(`  - name: empty
    period: 2020-01
    reports: [%s]
    to: owner@coachwell.example.com
    skip-if-empty: true
  - name: broken
    period: last-month
    reports:
      - %s: {field: No Such Field}
    to: owner@coachwell.example.com
`, revenue.Spec.Name, metrics.Spec.Name))
	code, stdout, stderr := s.run(t, path)
	if code != exitFailure {
		t.Fatalf("exit %d, want %d\n%s\n%s", code, exitFailure, stdout, stderr)
	}
	if !strings.Contains(stdout, "skip-if-empty") {
		t.Errorf("the summary does not say the empty job was skipped:\n%s", stdout)
	}
	msgs := s.mp.Messages(t)
	if len(msgs) != 1 {
		t.Fatalf("%d messages, want only the failure notice", len(msgs))
	}
	pm := parseMail(t, s.mp.Raw(t, msgs[0].ID))
	to, _ := pm.header.AddressList("To")
	if len(to) != 1 || to[0].Address != "ops@coachwell.example.com" || !strings.Contains(pm.subject, "broken") {
		t.Errorf("notice: to %v, subject %q", to, pm.subject)
	}
	if !strings.Contains(pm.text, "No Such Field") || len(pm.attachments) != 0 {
		t.Errorf("the notice does not say what failed:\n%s", pm.text)
	}
}

// TestRunRefusedRecipient checks that a recipient the server refuses is a
// permanent failure with the server's reply, while the job's other
// recipients get the message, and that a rerun retries only the refused one.
func TestRunRefusedRecipient(t *testing.T) {
	s := newMailSetup(t, mailpittest.Options{AllowedRecipients: `@coachwell\.example\.com$`})
	path := s.jobsFile(t, fmt.Sprintf(`  - name: owner-monthly
    period: last-month
    reports: [%s]
    to: [andres.chen@coachwell.example.com, someone@elsewhere.example.org]
`, revenue.Spec.Name))
	code, stdout, stderr := s.run(t, path)
	if code != exitFailure {
		t.Fatalf("exit %d, want %d\n%s\n%s", code, exitFailure, stdout, stderr)
	}
	if !strings.Contains(stdout, "someone@elsewhere.example.org") || !strings.Contains(stdout, "permanent") || !strings.Contains(stdout, "55") {
		t.Errorf("the summary does not give the refusal with the server's reply:\n%s", stdout)
	}
	// The allowed recipient got the report; the admin got a notice naming
	// the refusal.
	count := func() (reports, notices int) {
		for _, m := range s.mp.Messages(t) {
			pm := parseMail(t, s.mp.Raw(t, m.ID))
			switch {
			case len(pm.attachments) == 1 && pm.header.Get("To") != "":
				reports++
			case strings.Contains(pm.text, "someone@elsewhere.example.org"):
				notices++
			}
		}
		return
	}
	if r, n := count(); r != 1 || n != 1 {
		t.Errorf("%d reports and %d notices arrived, want 1 and 1", r, n)
	}
	// A rerun tries only the refused recipient (still refused): the one
	// who got it is not sent it again.
	code, stdout, _ = s.run(t, path)
	if r, _ := count(); code != exitFailure || r != 1 || !strings.Contains(stdout, "skipped") {
		t.Errorf("rerun: exit %d, %d reports\n%s", code, r, stdout)
	}
}

// TestRunSizeBudget checks the size budget: a message over max-size is
// refused with a clear message (and nothing written), or with
// zip-if-too-large sent as one zip of the attachments that holds the very
// files careport wrote.
func TestRunSizeBudget(t *testing.T) {
	s := newMailSetup(t, mailpittest.Options{})
	job := func(name, extra string) string {
		return fmt.Sprintf(`  - name: %s
    period: last-month
    reports: [%s]
    formats: [xlsx, csv, html]
    to: andres.chen@coachwell.example.com
    max-size: 600KB
%s`, name, revenue.Spec.Name, extra)
	}
	path := s.jobsFile(t, job("too-big", "")+job("zipped", "    zip-if-too-large: true\n"))
	code, stdout, stderr := s.run(t, "--dry-run", path)
	if code != exitFailure {
		t.Fatalf("exit %d, want %d\n%s\n%s", code, exitFailure, stdout, stderr)
	}
	if !strings.Contains(stdout, "over the limit of 600.0 KiB") {
		t.Errorf("the refusal does not say the limit:\n%s", stdout)
	}
	out := filepath.Join(s.dir, "out")
	if m, _ := filepath.Glob(filepath.Join(out, "too-big", "*-team.eml")); len(m) != 0 {
		t.Errorf("a message over the budget was written: %v", m)
	}
	eml, err := os.ReadFile(filepath.Join(out, "zipped", "zipped-2026-10-team.eml"))
	if err != nil {
		t.Fatal(err)
	}
	pm := parseMail(t, eml)
	zipped := pm.attachments["zipped-2026-10-team.zip"]
	if len(pm.attachments) != 1 || zipped == nil {
		t.Fatalf("zipped message attachments %v", keys(pm.attachments))
	}
	if len(eml) > 600<<10 {
		t.Errorf("the zipped message is %d bytes, over the budget", len(eml))
	}
	zr, err := zip.NewReader(bytes.NewReader(zipped), int64(len(zipped)))
	if err != nil {
		t.Fatalf("the zip does not open: %v", err)
	}
	names := map[string]bool{}
	for _, f := range zr.File {
		names[f.Name] = true
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		disk, err := os.ReadFile(filepath.Join(out, "zipped", f.Name))
		if err != nil {
			disk, err = os.ReadFile(filepath.Join(out, "zipped", "revenue-2026-10", f.Name))
		}
		if err != nil || !bytes.Equal(data, disk) {
			t.Errorf("zip entry %s is not the file careport wrote (%v)", f.Name, err)
		}
	}
	if !names["revenue-2026-10.xlsx"] || !names["revenue-2026-10.html"] || len(names) < 4 {
		t.Errorf("zip entries %v", names)
	}
}
