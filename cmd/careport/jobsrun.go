package main

import (
	"errors"
	"fmt"
	"net"
	"net/mail"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/careport/careport/cmd/careport/jobfile"
	"github.com/careport/careport/render/email"
	"github.com/careport/careport/render/email/ledger"
	"github.com/careport/careport/reports/model"
)

// smtpConfig builds the SMTP settings of a run: the jobs file's smtp:
// block, with CAREPORT_SMTP_HOST, CAREPORT_SMTP_PORT and CAREPORT_SMTP_USER
// over it, and the password from the variable the file names. The password
// is never in the file.
func (r *jobRunner) smtpConfig() (email.Config, error) {
	s := r.file.SMTP
	getenv := r.e.getenv
	c := email.Config{
		Host: cmpOr(strings.TrimSpace(getenv("CAREPORT_SMTP_HOST")), s.Host), Port: s.Port,
		Username:   cmpOr(strings.TrimSpace(getenv("CAREPORT_SMTP_USER")), s.Username),
		AllowPlain: s.AllowPlain, Timeout: s.Timeout, Attempts: s.Attempts, Backoff: s.Backoff,
		Logger: r.log,
	}
	if v := strings.TrimSpace(getenv("CAREPORT_SMTP_PORT")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 || n > 65535 {
			return c, usagef("CAREPORT_SMTP_PORT=%q is not a port number", v)
		}
		c.Port = n
	}
	sec, err := email.ParseSecurity(cmpOr(s.Security, "starttls"))
	if err != nil {
		return c, usagef("smtp security: %v", err)
	}
	c.Security = sec
	if c.Host == "" {
		return c, usagef("%s names no SMTP host (smtp: host:, or CAREPORT_SMTP_HOST); --dry-run needs none", r.file.Path)
	}
	pwVar := cmpOr(s.PasswordEnv, "CAREPORT_SMTP_PASSWORD")
	c.Password = getenv(pwVar)
	if c.Username != "" && c.Password == "" {
		return c, usagef("the SMTP user %s has no password: set the environment variable %s (the jobs file's password-env)", c.Username, pwVar)
	}
	if err := c.Validate(); err != nil {
		return c, usageError{err}
	}
	return c, nil
}

// run runs the jobs: for each delivery, what the ledger has not recorded as
// sent is built, composed and sent (or written as .eml with --dry-run).
func (r *jobRunner) run(jobs []*jobfile.Job) error {
	if err := r.prepare(); err != nil {
		return err
	}
	var cfg email.Config
	if !r.flags.dryRun {
		c, err := r.smtpConfig()
		if err != nil {
			return err
		}
		cfg = c
	}
	if err := os.MkdirAll(r.out, 0o755); err != nil {
		return &outputError{"create the output folder " + r.out, err}
	}
	l, err := ledger.Open(r.out, r.e.now)
	if err != nil {
		if errors.Is(err, ledger.ErrLocked) {
			return fmt.Errorf("%w; two runs delivering the same jobs at once could send twice, so this one stops", err)
		}
		return err
	}
	var outs []outcome
	for _, j := range jobs {
		o, err := r.runJob(r.plan(j), l, cfg)
		outs = append(outs, o...)
		if err != nil {
			r.printSummary(outs)
			_ = l.Close()
			return err
		}
	}
	if err := l.Close(); err != nil {
		return err
	}
	r.printSummary(outs)
	var failed, temp int
	for _, o := range outs {
		if o.status == "failed" {
			failed++
			if o.temporary {
				temp++
			}
		}
	}
	if failed > 0 {
		what := fmt.Sprintf("%s failed", model.Count(failed, "delivery", "deliveries"))
		if temp > 0 {
			what += fmt.Sprintf(" (%d temporarily)", temp)
		}
		return fmt.Errorf("%s; the reports are in %s, and a rerun of the same command sends only what was not sent", what, r.out)
	}
	return nil
}

// fileLabel is a period label fit for a file name ("2026-07_2026-09").
func fileLabel(p model.Period) string { return strings.ReplaceAll(p.Label, "..", "_") }

// runJob runs one job's deliveries and, when any failed, mails the job's
// admins a notice. Its error stops the whole run (an interrupt, a ledger
// that cannot be written); everything else is an outcome.
func (r *jobRunner) runJob(p *jobPlan, l *ledger.Ledger, cfg email.Config) ([]outcome, error) {
	j := p.job
	var (
		outs     []outcome
		problems []string
	)
	fail := func(d delivery, rcpts []string, temporary bool, detail string) {
		if len(rcpts) == 0 {
			rcpts = []string{cmpOr(d.coachName, "-")}
		}
		for _, rc := range rcpts {
			outs = append(outs, outcome{job: j.Name, delivery: d.key, recipient: rc, status: "failed", temporary: temporary, detail: detail})
		}
		problems = append(problems, fmt.Sprintf("%s (%s): %s", d.key, strings.Join(rcpts, ", "), detail))
	}
	if len(p.problems) > 0 {
		for _, d := range p.deliveries {
			fail(d, d.recipients(), false, strings.Join(p.problems, "; "))
		}
		if len(p.deliveries) == 0 {
			fail(delivery{key: "-"}, nil, false, strings.Join(p.problems, "; "))
		}
		return outs, r.notify(p, cfg, problems)
	}
	label := p.period.Label
	for _, d := range p.deliveries {
		if err := r.e.ctx.Err(); err != nil {
			return outs, err
		}
		rcpts := d.recipients()
		if d.problem != "" {
			fail(d, nil, false, d.problem)
			continue
		}
		var pending []string
		gen := 0
		for _, rc := range rcpts {
			e, ok := l.Lookup(j.Name, label, d.key, rc)
			if ok {
				gen = max(gen, e.Generation)
			}
			if ok && e.Status == ledger.Sent && !r.flags.force {
				outs = append(outs, outcome{job: j.Name, delivery: d.key, recipient: rc, status: "skipped",
					detail: fmt.Sprintf("sent %s as <%s>", e.Time.In(r.loc).Format("2006-01-02 15:04"), e.MessageID)})
				continue
			}
			pending = append(pending, rc)
		}
		if len(pending) == 0 {
			continue
		}
		if r.flags.force && !r.flags.dryRun {
			gen = ledger.NextGeneration(l, j.Name, label, d.key, rcpts)
		}
		res, err := r.buildDelivery(p, d)
		if err != nil {
			if interrupted(r.e.ctx, err) {
				return outs, err
			}
			fail(d, pending, false, "the reports could not be made: "+err.Error())
			continue
		}
		if j.SkipIfEmpty && allEmpty(res) {
			for _, rc := range pending {
				outs = append(outs, outcome{job: j.Name, delivery: d.key, recipient: rc, status: "skipped",
					detail: fmt.Sprintf("no data for %s (skip-if-empty)", label)})
			}
			continue
		}
		m, err := r.message(p, d, res, ledger.MessageID(j.Name, label, d.key, gen, r.fromDomain()))
		if err != nil {
			fail(d, pending, false, err.Error())
			continue
		}
		if r.flags.dryRun {
			path := filepath.Join(r.jobsDir(j), fmt.Sprintf("%s-%s-%s.eml", j.Name, fileLabel(p.period), d.key))
			if err := email.WriteFile(r.e.ctx, path, m); err != nil {
				return outs, &outputError{"write " + path, err}
			}
			for _, rc := range pending {
				outs = append(outs, outcome{job: j.Name, delivery: d.key, recipient: rc, status: "written", detail: path})
			}
			continue
		}
		var files []string
		for _, a := range m.Attachments {
			files = append(files, a.Name)
		}
		for _, sr := range email.SendTo(r.e.ctx, cfg, m, pending) {
			e := ledger.Entry{Job: j.Name, Period: label, Delivery: d.key, Recipient: strings.ToLower(sr.Recipient),
				MessageID: m.MessageID, Status: ledger.Sent, Attempts: sr.Attempts, Generation: gen, Files: files}
			o := outcome{job: j.Name, delivery: d.key, recipient: e.Recipient, status: "sent", detail: "<" + m.MessageID + ">"}
			if sr.Err != nil {
				e.Status, e.Error = ledger.Failed, sr.Err.Error()
				var se *email.SendError
				e.Temporary = errors.As(sr.Err, &se) && se.Temporary
				o.status, o.temporary, o.detail = "failed", e.Temporary, sendDetail(sr.Err)
				problems = append(problems, fmt.Sprintf("%s: %s", d.key, sr.Err))
			}
			if err := l.Record(e); err != nil {
				return append(outs, o), fmt.Errorf("record the delivery in the ledger: %w", err)
			}
			outs = append(outs, o)
		}
		if err := r.e.ctx.Err(); err != nil {
			return outs, err
		}
	}
	if len(problems) == 0 {
		return outs, nil
	}
	return outs, r.notify(p, cfg, problems)
}

// sendDetail says a send failure for the summary: temporary or permanent,
// and the server's reply.
func sendDetail(err error) string {
	var se *email.SendError
	if !errors.As(err, &se) {
		return err.Error()
	}
	kind := "permanent"
	if se.Temporary {
		kind = "temporary"
	}
	reply := se.Reply
	if se.Code != 0 {
		reply = strings.TrimSpace(strconv.Itoa(se.Code) + " " + strings.TrimSpace(se.Enhanced+" "+se.Reply))
	}
	if reply == "" && se.Err != nil {
		reply = se.Err.Error()
	}
	return kind + ": " + reply
}

// allEmpty says whether every report of a delivery has no data.
func allEmpty(res []result) bool {
	for _, rr := range res {
		if !reportEmpty(rr.report) {
			return false
		}
	}
	return true
}

// notify mails a job's admins (the job's admin:, else the file's) a notice
// of what failed, in place of the report. Without admins it does nothing;
// with --dry-run it writes the notice as an .eml file. A notice that
// cannot be sent is said in the log: the run's summary already lists the
// failures.
func (r *jobRunner) notify(p *jobPlan, cfg email.Config, problems []string) error {
	admins := p.job.Admin
	if len(admins) == 0 {
		admins = r.file.Admin
	}
	if len(admins) == 0 {
		return nil
	}
	periodWords := p.expr
	if !p.period.IsZero() {
		periodWords = fmt.Sprintf("%s (%s)", p.period.Words(), p.period.Label)
	}
	text, html, err := email.NoticeBody(p.job.Name, periodWords, problems, r.footer(p))
	if err != nil {
		return err
	}
	now := r.e.now()
	m := &email.Message{
		From: r.file.From, To: admins,
		Subject:   fmt.Sprintf("careport: job %s failed for %s", p.job.Name, periodWords),
		Date:      now,
		MessageID: ledger.MessageID(p.job.Name, p.period.Label, "notice-"+now.UTC().Format("20060102T150405.000000000"), 0, r.fromDomain()),
		Text:      text, HTML: html,
	}
	if r.flags.dryRun {
		path := filepath.Join(r.jobsDir(p.job), fmt.Sprintf("%s-%s-failure-notice.eml", p.job.Name, cmpOr(fileLabel(p.period), "period")))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return &outputError{"create the folder " + filepath.Dir(path), err}
		}
		if err := email.WriteFile(r.e.ctx, path, m); err != nil {
			return &outputError{"write " + path, err}
		}
		r.log.Warn("job " + p.job.Name + " failed; its failure notice is in " + path)
		return nil
	}
	for _, sr := range email.Send(r.e.ctx, cfg, m) {
		if sr.Err != nil {
			r.log.Warn(fmt.Sprintf("the failure notice of job %s could not be sent to %s: %v", p.job.Name, sr.Recipient, sr.Err))
		} else {
			r.log.Info(fmt.Sprintf("sent the failure notice of job %s to %s", p.job.Name, sr.Recipient))
		}
	}
	return nil
}

// printSummary prints one line per recipient of every delivery, then the
// totals.
func (r *jobRunner) printSummary(outs []outcome) {
	if len(outs) == 0 {
		fmt.Fprintln(r.e.stdout, "Nothing to deliver.")
		return
	}
	tw := tabwriter.NewWriter(r.e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "JOB\tMESSAGE\tRECIPIENT\tRESULT\tDETAIL")
	counts := map[string]int{}
	for _, o := range outs {
		counts[o.status]++
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", o.job, o.delivery, terminalSafe(o.recipient), o.status, terminalSafe(o.detail))
	}
	tw.Flush()
	var parts []string
	for _, s := range []string{"sent", "written", "skipped", "failed"} {
		if counts[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[s], s))
		}
	}
	fmt.Fprintf(r.e.stdout, "%s (per recipient).\n", strings.Join(parts, ", "))
}

// check validates the jobs against the account (coach names and emails from
// Coach.getAll) and prints what each would do; it sends and writes nothing.
func (r *jobRunner) check(jobs []*jobfile.Job) error {
	if err := r.prepare(); err != nil {
		return err
	}
	w := r.e.stdout
	var probs []string
	fmt.Fprintf(w, "%s: %s; mail from %s\n", r.file.Path, model.Count(len(jobs), "job", "jobs"), terminalSafe(strings.Join(addrs([]mail.Address{r.file.From}), "")))
	if c, err := r.smtpConfig(); err != nil {
		probs = append(probs, err.Error())
	} else {
		fmt.Fprintf(w, "SMTP: %s (%s)\n", net.JoinHostPort(c.Host, strconv.Itoa(c.Port)), securityWords(c.Security))
	}
	fmt.Fprintf(w, "Output and ledger: %s\n", filepath.Join(r.out, "careport-ledger.json"))
	for _, j := range jobs {
		p := r.plan(j)
		fmt.Fprintf(w, "\njob %s: period %s", j.Name, p.expr)
		if !p.period.IsZero() {
			fmt.Fprintf(w, " = %s (%s to %s, %s)", p.period.Words(), p.period.First, p.period.Last, r.loc)
		}
		fmt.Fprintln(w)
		var reps []string
		for _, rp := range j.Reports {
			reps = append(reps, strings.TrimSpace(rp.Name+" "+strings.Join(rp.Args, " ")))
		}
		fmt.Fprintf(w, "  reports: %s\n", strings.Join(reps, "; "))
		fmt.Fprintf(w, "  attachments: each report as %s", strings.Join(jobFormats(j), ", "))
		limit := j.MaxSize
		if limit <= 0 {
			limit = email.DefaultMaxSize
		}
		fmt.Fprintf(w, "; at most %.1f MB a message", float64(limit)/(1<<20))
		if j.Zip {
			fmt.Fprint(w, ", zipped when larger")
		}
		fmt.Fprintln(w)
		if j.SkipIfEmpty {
			fmt.Fprintln(w, "  skip-if-empty: nothing is sent for a period with no data")
		}
		for _, pr := range p.problems {
			probs = append(probs, fmt.Sprintf("job %s: %s", j.Name, pr))
		}
		for _, d := range p.deliveries {
			what := "the whole team's reports"
			if d.coachID != 0 {
				what = "the reports of " + terminalSafe(d.coachName) + "'s clients"
			}
			fmt.Fprintf(w, "  message %s: %s\n", d.key, what)
			if d.problem != "" {
				fmt.Fprintf(w, "    cannot be sent: %s\n", d.problem)
				probs = append(probs, fmt.Sprintf("job %s, message %s: %s", j.Name, d.key, d.problem))
				continue
			}
			for _, l := range []struct {
				name string
				as   []string
			}{{"to", addrs(d.to)}, {"cc", addrs(d.cc)}, {"bcc", addrs(d.bcc)}} {
				if len(l.as) > 0 {
					fmt.Fprintf(w, "    %s: %s\n", l.name, terminalSafe(strings.Join(l.as, ", ")))
				}
			}
		}
		admins := j.Admin
		if len(admins) == 0 {
			admins = r.file.Admin
		}
		if len(admins) > 0 {
			fmt.Fprintf(w, "  failure notices to: %s\n", terminalSafe(strings.Join(addrs(admins), ", ")))
		}
	}
	if len(probs) > 0 {
		return usageError{fmt.Errorf("the jobs cannot run as written (%s):\n%s", model.Count(len(probs), "problem", "problems"), indentLines(strings.Join(probs, "\n")))}
	}
	fmt.Fprintln(w, "\nThe jobs file is valid.")
	return nil
}

// addrs writes addresses for a reader, "Name <a@b>" or "a@b", not in the
// encoded form of a mail header.
func addrs(as []mail.Address) []string {
	var out []string
	for _, a := range as {
		if a.Name == "" {
			out = append(out, a.Address)
			continue
		}
		out = append(out, a.Name+" <"+a.Address+">")
	}
	return out
}

// securityWords says an SMTP security setting.
func securityWords(s email.Security) string {
	switch s {
	case email.ImplicitTLS:
		return "implicit TLS"
	case email.Plain:
		return "no TLS, loopback only"
	}
	return "STARTTLS required"
}
