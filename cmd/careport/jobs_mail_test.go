package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/careport/careport/fetch/sandbox"
	"github.com/careport/careport/fetch/sandbox/account"
	"github.com/careport/careport/fetch/sandbox/generate"
	"github.com/careport/careport/fetch/sandbox/sandboxtest"
	"github.com/careport/careport/render/email/ledger"
	"github.com/careport/careport/render/email/mailpittest"
	"github.com/careport/careport/reports/engagements"
	"github.com/careport/careport/reports/revenue"
	"github.com/careport/careport/reports/scorecard"
)

// mailSetup is a sandbox with the sample account on the demo clock, and a
// real SMTP server (mailpit) on loopback.
type mailSetup struct {
	acct *account.Account
	srv  *sandbox.Server
	env  map[string]string
	now  time.Time
	mp   *mailpittest.Server
	dir  string
}

func newMailSetup(t *testing.T, o mailpittest.Options) *mailSetup {
	t.Helper()
	acct, err := generate.Generate(generate.Small, generate.SampleSeed)
	if err != nil {
		t.Fatal(err)
	}
	loc, err := acct.Location()
	if err != nil {
		t.Fatal(err)
	}
	now := acct.AsOf.AddDays(1).Time(loc).Add(9 * time.Hour)
	srv, url := sandboxtest.Start(t, sandbox.Options{Account: acct, Now: func() time.Time { return now }})
	env := map[string]string{"CA_API_URL": url, "CA_API_ID": sandboxtest.APIID, "CA_API_KEY": sandboxtest.APIKey}
	return &mailSetup{acct: acct, srv: srv, env: env, now: now, mp: mailpittest.Start(t, o), dir: t.TempDir()}
}

// jobsFile writes a jobs file whose smtp: block points at the test's
// mailpit, with the given jobs: section.
func (s *mailSetup) jobsFile(t *testing.T, jobs string) string {
	t.Helper()
	host, port := s.mp.SMTPAddr()
	body := fmt.Sprintf(`smtp:
  host: %s
  port: %d
  security: none
  allow-plain: true
  attempts: 3
  backoff: 10ms
  timeout: 5s
from: "Coachwell Reports <reports@coachwell.example.com>"
admin: ops@coachwell.example.com
out: out
jobs:
%s`, host, port, jobs)
	path := filepath.Join(s.dir, "jobs.yaml")
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func (s *mailSetup) run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	return runCLIAt(t, s.now, s.env, append([]string{"run", "-q"}, args...)...)
}

// parsedMail is a message as Go's own parsers read it.
type parsedMail struct {
	header      mail.Header
	subject     string
	text, html  string
	attachments map[string][]byte // by decoded file name
}

// parseMail reads a raw message with net/mail, mime and mime/multipart
// (not with careport's code): the headers, the decoded subject, both
// bodies and every attachment by its decoded file name.
func parseMail(t *testing.T, raw []byte) parsedMail {
	t.Helper()
	m, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("net/mail cannot read the message: %v", err)
	}
	dec := new(mime.WordDecoder)
	subj, err := dec.DecodeHeader(m.Header.Get("Subject"))
	if err != nil {
		t.Fatalf("subject %q: %v", m.Header.Get("Subject"), err)
	}
	pm := parsedMail{header: m.Header, subject: subj, attachments: map[string][]byte{}}
	var walk func(ct, cte, disp string, body io.Reader)
	walk = func(ct, cte, disp string, body io.Reader) {
		mt, params, err := mime.ParseMediaType(ct)
		if err != nil {
			t.Fatalf("Content-Type %q: %v", ct, err)
		}
		if strings.HasPrefix(mt, "multipart/") {
			mr := multipart.NewReader(body, params["boundary"])
			for {
				p, err := mr.NextRawPart()
				if err == io.EOF {
					return
				}
				if err != nil {
					t.Fatalf("multipart: %v", err)
				}
				walk(p.Header.Get("Content-Type"), p.Header.Get("Content-Transfer-Encoding"), p.Header.Get("Content-Disposition"), p)
			}
		}
		var r io.Reader = body
		switch strings.ToLower(cte) {
		case "base64":
			r = base64.NewDecoder(base64.StdEncoding, body)
		case "quoted-printable":
			r = quotedprintable.NewReader(body)
		}
		data, err := io.ReadAll(r)
		if err != nil {
			t.Fatalf("part %s: %v", mt, err)
		}
		if disp != "" {
			d, dp, err := mime.ParseMediaType(disp)
			if err != nil {
				t.Fatalf("Content-Disposition %q: %v", disp, err)
			}
			if d == "attachment" {
				name := dp["filename"]
				if name == "" {
					t.Fatalf("an attachment without a file name Go can read: %q", disp)
				}
				pm.attachments[name] = data
				return
			}
		}
		switch mt {
		case "text/plain":
			pm.text = string(data)
		case "text/html":
			pm.html = string(data)
		}
	}
	walk(m.Header.Get("Content-Type"), m.Header.Get("Content-Transfer-Encoding"), "", m.Body)
	return pm
}

// mailsByMessageID fetches every message mailpit holds, parsed, by
// Message-ID.
func mailsByMessageID(t *testing.T, mp *mailpittest.Server) map[string]parsedMail {
	t.Helper()
	out := map[string]parsedMail{}
	for _, s := range mp.Messages(t) {
		pm := parseMail(t, mp.Raw(t, s.ID))
		out[strings.Trim(pm.header.Get("Message-Id"), "<>")] = pm
	}
	return out
}

// ledgerEntries reads the ledger a run left.
func ledgerEntries(t *testing.T, out string) []ledger.Entry {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, "careport-ledger.json"))
	if err != nil {
		t.Fatal(err)
	}
	var l struct {
		Entries []ledger.Entry `json:"entries"`
	}
	if err := json.Unmarshal(data, &l); err != nil {
		t.Fatalf("ledger: %v", err)
	}
	return l.Entries
}

// workbookStrings returns every cell value of a workbook, for "is this
// name in it" checks.
func workbookStrings(t *testing.T, data []byte) map[string]bool {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the attachment does not open as a workbook: %v", err)
	}
	defer f.Close()
	out := map[string]bool{}
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			for _, c := range r {
				out[strings.TrimSpace(c)] = true
			}
		}
	}
	return out
}

// TestRunJobsSendsMail runs a jobs file against a real SMTP server: the
// owner's pack to To, Cc and Bcc, and a per-coach scorecard to each coach
// at the email the API has for them, with a manager copy. It checks what
// arrived with Go's own mail parsers, then that a rerun sends nothing.
func TestRunJobsSendsMail(t *testing.T) {
	s := newMailSetup(t, mailpittest.Options{})
	path := s.jobsFile(t, fmt.Sprintf(`  - name: owner-monthly
    period: last-month
    reports:
      - %s
      - %s: {stalled-days: 21}
    formats: [xlsx, html]
    to: "Andrés Chen <andres.chen@coachwell.example.com>"
    cc: [ops@coachwell.example.com]
    bcc: archive@coachwell.example.com
    subject: "{{.Account}}: {{.Reports}} for {{.Period}}"
    body: "Good morning, here are the figures for {{.Period}}."
    account-name: Sample coaching practice (small)
  - name: coach-scorecards
    period: last-month
    reports: [%s]
    per-coach: true
    manager: owner@coachwell.example.com
    subject: "Scorecard {{.Period}}{{if .Coach}} for {{.Coach}}{{end}}"
    attachment-name: "scorecard {{.PeriodLabel}}{{if .Coach}} {{.Coach}}{{end}}"
`, revenue.Spec.Name, engagements.Spec.Name, scorecard.Spec.Name))
	code, stdout, stderr := s.run(t, path)
	if code != exitOK {
		t.Fatalf("run: exit %d\n%s\n%s", code, stdout, stderr)
	}
	out := filepath.Join(s.dir, "out")
	got := mailsByMessageID(t, s.mp)
	entries := ledgerEntries(t, out)
	byDelivery := map[string][]ledger.Entry{}
	for _, e := range entries {
		if e.Status != ledger.Sent {
			t.Errorf("ledger entry not sent: %v", e)
		}
		k := e.Job + "/" + e.Delivery
		byDelivery[k] = append(byDelivery[k], e)
	}

	// The owner's pack: three envelope recipients of one message.
	owner := byDelivery["owner-monthly/team"]
	if len(owner) != 3 {
		t.Fatalf("owner-monthly: ledger has %d recipients, want 3: %v", len(owner), owner)
	}
	pm, ok := got[owner[0].MessageID]
	if !ok {
		t.Fatalf("the owner's message %v did not arrive; got %d messages", owner[0].MessageID, len(got))
	}
	if want := "Sample coaching practice (small): revenue and engagements for October 2026"; pm.subject != want {
		t.Errorf("subject %q, want %q", pm.subject, want)
	}
	to, err := pm.header.AddressList("To")
	if err != nil || len(to) != 1 || to[0].Name != "Andrés Chen" || to[0].Address != "andres.chen@coachwell.example.com" {
		t.Errorf("To: %v (%v)", to, err)
	}
	if cc, err := pm.header.AddressList("Cc"); err != nil || len(cc) != 1 || cc[0].Address != "ops@coachwell.example.com" {
		t.Errorf("Cc: %v (%v)", cc, err)
	}
	if !strings.Contains(pm.text, "Good morning, here are the figures for October 2026.") || !strings.Contains(pm.html, "Good morning") {
		t.Errorf("the body lacks the job's text:\n%s", pm.text)
	}
	if !strings.Contains(pm.text, "Invoiced") || !strings.Contains(pm.html, "Invoiced") {
		t.Errorf("the body lacks the revenue KPIs:\n%s", pm.text)
	}
	wantFiles := []string{"revenue-2026-10.xlsx", "revenue-2026-10.html", "engagements-2026-10.xlsx", "engagements-2026-10.html"}
	for _, name := range wantFiles {
		data, ok := pm.attachments[name]
		if !ok {
			t.Errorf("no attachment %s (have %v)", name, keys(pm.attachments))
			continue
		}
		disk, err := os.ReadFile(filepath.Join(out, "owner-monthly", name))
		if err != nil || !bytes.Equal(data, disk) {
			t.Errorf("attachment %s differs from the file careport wrote (%v)", name, err)
		}
		if strings.HasSuffix(name, ".xlsx") {
			workbookStrings(t, data)
		}
	}
	if len(pm.attachments) != len(wantFiles) {
		t.Errorf("attachments %v, want %v", keys(pm.attachments), wantFiles)
	}
	// One SMTP transaction per recipient (so that one refused address
	// does not stop the others): the Bcc address got the same message.
	bcc := false
	for _, s := range s.mp.Messages(t) {
		if strings.Trim(s.MessageID, "<>") == owner[0].MessageID {
			bcc = bcc || slices.ContainsFunc(s.Bcc, func(a mailpittest.Address) bool { return a.Address == "archive@coachwell.example.com" })
		}
	}
	if !bcc {
		t.Errorf("mailpit saw no envelope recipient archive@coachwell.example.com for the owner's message")
	}

	// Per coach: each active coach at the API's email, only their clients.
	clientName := map[int]string{}
	for _, c := range s.acct.Clients {
		clientName[c.ID] = strings.TrimSpace(c.FirstName + " " + c.LastName)
	}
	pairedWith := map[int]map[string]bool{}
	for _, p := range s.acct.Pairings {
		if pairedWith[p.CoachID] == nil {
			pairedWith[p.CoachID] = map[string]bool{}
		}
		pairedWith[p.CoachID][clientName[p.ClientID]] = true
	}
	coaches, withClients := 0, 0
	for _, c := range s.acct.Coaches {
		if !c.IsActive {
			continue
		}
		coaches++
		key := fmt.Sprintf("coach-scorecards/coach-%d", c.ID)
		es := byDelivery[key]
		if len(es) != 1 || es[0].Recipient != strings.ToLower(c.Email) {
			t.Errorf("%s: ledger %v, want one entry for %s", key, es, c.Email)
			continue
		}
		pm, ok := got[es[0].MessageID]
		if !ok {
			t.Errorf("%s: the message did not arrive", key)
			continue
		}
		name := strings.TrimSpace(c.FirstName + " " + c.LastName)
		if to, err := pm.header.AddressList("To"); err != nil || len(to) != 1 || !strings.EqualFold(to[0].Address, c.Email) || to[0].Name != name {
			t.Errorf("%s: To %v (%v), want %s <%s>", key, to, err, name, c.Email)
		}
		if want := "Scorecard October 2026 for " + name; pm.subject != want {
			t.Errorf("%s: subject %q, want %q", key, pm.subject, want)
		}
		att := "scorecard 2026-10 " + name + ".xlsx"
		data, ok := pm.attachments[att]
		if !ok {
			t.Errorf("%s: no attachment %q (have %v)", key, att, keys(pm.attachments))
			continue
		}
		disk, err := os.ReadFile(filepath.Join(out, "coach-scorecards", fmt.Sprintf("scorecard-2026-10-coach-%d.xlsx", c.ID)))
		if err != nil || !bytes.Equal(data, disk) {
			t.Errorf("%s: attachment differs from the file careport wrote (%v)", key, err)
		}
		cells := workbookStrings(t, data)
		own := 0
		for id, n := range clientName {
			switch {
			case pairedWith[c.ID][n]:
				if cells[n] {
					own++
				}
			case cells[n]:
				t.Errorf("%s: the workbook names %s (client %d), who was never %s's client", key, n, id, name)
			}
		}
		if own > 0 {
			withClients++
		}
	}
	if coaches == 0 || withClients < coaches-1 {
		t.Fatalf("%d active coaches, %d of whose workbooks name their own clients", coaches, withClients)
	}
	if m := byDelivery["coach-scorecards/team"]; len(m) != 1 || m[0].Recipient != "owner@coachwell.example.com" {
		t.Errorf("manager copy: %v", m)
	} else if pm := got[m[0].MessageID]; pm.attachments["scorecard 2026-10.xlsx"] == nil {
		t.Errorf("manager copy: attachments %v", keys(pm.attachments))
	}
	if want := 1 + coaches + 1; len(got) != want {
		t.Errorf("%d messages arrived, want %d", len(got), want)
	}

	// A rerun sends nothing new, and says why.
	before := len(s.mp.Messages(t))
	code, stdout, stderr = s.run(t, path)
	if code != exitOK {
		t.Fatalf("rerun: exit %d\n%s\n%s", code, stdout, stderr)
	}
	if n := len(s.mp.Messages(t)); n != before {
		t.Errorf("the rerun sent %d more messages", n-before)
	}
	if !strings.Contains(stdout, "skipped") || strings.Contains(stdout, " sent  ") {
		t.Errorf("rerun summary:\n%s", stdout)
	}
	// --force sends again, under new Message-IDs.
	code, stdout, stderr = s.run(t, "--force", "--job", "owner-monthly", path)
	if code != exitOK {
		t.Fatalf("--force: exit %d\n%s\n%s", code, stdout, stderr)
	}
	again := mailsByMessageID(t, s.mp)
	if len(again) != len(got)+1 {
		t.Errorf("--force: %d messages, want %d", len(again), len(got)+1)
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// TestRunJobsOutage checks that an SMTP server that is down fails the run
// with a clear message and the reports on disk, and that a rerun once it is
// back sends what was missed, and nothing twice.
func TestRunJobsOutage(t *testing.T) {
	s := newMailSetup(t, mailpittest.Options{})
	path := s.jobsFile(t, fmt.Sprintf(`  - name: owner-monthly
    period: last-month
    reports: [%s]
    to: [andres.chen@coachwell.example.com, ops@coachwell.example.com]
`, revenue.Spec.Name))
	s.mp.Stop(t)
	code, stdout, stderr := s.run(t, path)
	if code != exitFailure {
		t.Fatalf("run with the server down: exit %d, want %d\n%s\n%s", code, exitFailure, stdout, stderr)
	}
	if !strings.Contains(stderr, "2 deliveries failed (2 temporarily)") || !strings.Contains(stdout, "temporary") {
		t.Errorf("the failure is not said clearly:\nstdout:\n%s\nstderr:\n%s", stdout, stderr)
	}
	report := filepath.Join(s.dir, "out", "owner-monthly", "revenue-2026-10.xlsx")
	if _, err := os.Stat(report); err != nil {
		t.Errorf("the report is not on disk after the failed send: %v", err)
	}
	for _, e := range ledgerEntries(t, filepath.Join(s.dir, "out")) {
		if e.Status != ledger.Failed || !e.Temporary {
			t.Errorf("ledger after the outage: %v", e)
		}
	}
	s.mp.Restart(t)
	code, stdout, stderr = s.run(t, path)
	if code != exitOK {
		t.Fatalf("rerun: exit %d\n%s\n%s", code, stdout, stderr)
	}
	msgs := s.mp.Messages(t)
	if len(msgs) != 2 {
		t.Fatalf("after the rerun %d messages arrived, want one per recipient, 2", len(msgs))
	}
	pm := parseMail(t, s.mp.Raw(t, msgs[0].ID))
	disk, _ := os.ReadFile(report)
	if !bytes.Equal(pm.attachments["revenue-2026-10.xlsx"], disk) {
		t.Errorf("the attachment is not the file on disk")
	}
	if code, stdout, _ := s.run(t, path); code != exitOK || len(s.mp.Messages(t)) != 2 {
		t.Errorf("a third run: exit %d, %d messages\n%s", code, len(s.mp.Messages(t)), stdout)
	}
}
