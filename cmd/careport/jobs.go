package main

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/mail"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/careport/careport/cmd/careport/jobfile"
	"github.com/careport/careport/fetch"
	"github.com/careport/careport/fetch/dataset"
	"github.com/careport/careport/render/email"
	"github.com/careport/careport/reports"
	"github.com/careport/careport/reports/model"
)

// jobRunner runs the jobs of one jobs file over one data source: every
// job's reports read the same data set, so each API call is made once for
// the whole run however many jobs, reports and coaches need it.
type jobRunner struct {
	e     *env
	log   *slog.Logger
	src   *source
	file  *jobfile.File
	flags runFlags
	out   string

	// Set by prepare.
	now      time.Time // relative periods count from this one reading
	loc      *time.Location
	dataTime time.Time
	coaches  []fetch.Coach
}

// jobPlan is one job resolved against the account: its period and the
// messages it sends.
type jobPlan struct {
	job        *jobfile.Job
	expr       string // the period expression (the job's, or --period)
	period     model.Period
	deliveries []delivery
	problems   []string // what makes the job impossible to run as written
}

// delivery is one message of a job: the whole team's reports to the job's
// recipients, or one coach's to that coach.
type delivery struct {
	key       string // "team", "coach-3": the ledger's and the .eml file's name for it
	coachID   int    // 0: every coach (or the job's coach: filter)
	coachName string
	to        []mail.Address
	cc, bcc   []mail.Address
	problem   string // why it cannot be sent (a coach without an email)
}

// outcome is what happened to one recipient of one delivery.
type outcome struct {
	job, delivery, recipient string
	status                   string // sent, written, skipped, failed
	detail                   string
	temporary                bool
}

// prepare loads the coaches (their envelope tells the account's time zone)
// and fixes the clock reading every relative period counts from.
func (r *jobRunner) prepare() error {
	ds := r.src.data
	if err := ds.Load(r.e.ctx, dataset.Of(dataset.Coaches)); err != nil {
		return err
	}
	cs, err := ds.Coaches()
	if err != nil {
		return err
	}
	r.coaches = cs
	r.loc = ds.Location()
	r.dataTime = ds.FetchedAt()
	r.now = r.e.now()
	if r.src.snap == nil {
		r.dataTime = r.now
	}
	return nil
}

// checkPeriodExpr checks a period expression's syntax: any --period form,
// or two joined by "..".
func checkPeriodExpr(s string) error {
	if a, b, ok := strings.Cut(s, ".."); ok {
		return model.RangeSyntax(strings.TrimSpace(a), strings.TrimSpace(b))
	}
	return model.PeriodSyntax(s)
}

// resolvePeriodExpr resolves a period expression in loc against now.
func resolvePeriodExpr(s string, loc *time.Location, now time.Time) (model.Period, error) {
	if a, b, ok := strings.Cut(s, ".."); ok {
		return model.ParseRange(strings.TrimSpace(a), strings.TrimSpace(b), loc, now)
	}
	return model.ParsePeriod(s, loc, now)
}

// reportSpec finds a report of the report list by name.
func reportSpec(name string) (reports.Spec, bool) {
	for _, s := range reportList() {
		if s.Name == name {
			return s, true
		}
	}
	return reports.Spec{}, false
}

// commonReportFlags are the report flags a job sets with its own keys.
var commonReportFlags = map[string]string{
	"period": "period", "from": "period", "to": "period", "coach": "coach (or per-coach)",
	"out": "out (at the top of the file)", "format": "formats", "account-name": "account-name", "csv-bom": "",
}

// newReportJob makes one report of a job: the report's own flags parsed
// from the job's options, as `careport NAME` would parse them.
func newReportJob(s reports.Spec, args []string) (job, error) {
	fs := pflag.NewFlagSet(s.Name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	rep := s.New(fs)
	for _, a := range args {
		name, _, _ := strings.Cut(strings.TrimPrefix(a, "--"), "=")
		if key, ok := commonReportFlags[name]; ok {
			if key == "" {
				return job{}, fmt.Errorf("%s is not a job option", name)
			}
			return job{}, fmt.Errorf("%s is set for the whole job by its %s: key, not among the report's options", name, key)
		}
	}
	if err := fs.Parse(args); err != nil {
		var names []string
		fs.VisitAll(func(f *pflag.Flag) { names = append(names, f.Name) })
		if len(names) == 0 {
			return job{}, fmt.Errorf("%v (the %s report has no options of its own)", err, s.Name)
		}
		return job{}, fmt.Errorf("%v (its options: %s)", err, strings.Join(names, ", "))
	}
	if err := rep.CheckFlags(); err != nil {
		return job{}, errors.New(strings.TrimSuffix(err.Error(), ": "+reports.ErrOptions.Error()))
	}
	return job{s, rep}, nil
}

// checkJobReports checks every report name and option and every format of
// the jobs, before any call: a typo fails at once, with its position.
func checkJobReports(f *jobfile.File, jobs []*jobfile.Job) error {
	var probs []string
	at := func(p jobfile.Pos) string { return fmt.Sprintf("%s:%d:%d", f.Path, p.Line, p.Column) }
	for _, j := range jobs {
		for _, rp := range j.Reports {
			s, ok := reportSpec(rp.Name)
			if !ok {
				probs = append(probs, fmt.Sprintf("%s: job %q: no report %q%s (reports: %s)", at(rp.Pos), j.Name, rp.Name, suggest(rp.Name, reportNames()), strings.Join(reportNames(), ", ")))
				continue
			}
			if _, err := newReportJob(s, rp.Args); err != nil {
				probs = append(probs, fmt.Sprintf("%s: job %q, report %s: %v", at(rp.Pos), j.Name, rp.Name, err))
			}
		}
		if _, err := parseFormats(strings.Join(jobFormats(j), ",")); err != nil {
			probs = append(probs, fmt.Sprintf("%s: job %q: %v", at(j.Pos), j.Name, err))
		}
		if j.Period != "" {
			if err := checkPeriodExpr(j.Period); err != nil {
				probs = append(probs, fmt.Sprintf("%s: job %q: period: %v", at(j.Pos), j.Name, err))
			}
		}
	}
	if len(probs) > 0 {
		return usageError{fmt.Errorf("the jobs file has %s:\n%s", model.Count(len(probs), "problem", "problems"), indentLines(strings.Join(probs, "\n")))}
	}
	return nil
}

// jobFormats returns a job's formats, xlsx when it names none.
func jobFormats(j *jobfile.Job) []string {
	if len(j.Formats) == 0 {
		return []string{"xlsx"}
	}
	return j.Formats
}

// coachName is a coach's full name.
func coachName(c fetch.Coach) string { return strings.TrimSpace(c.FirstName + " " + c.LastName) }

// plan resolves a job: its period in the account's zone, and its messages
// with their recipients (for per-coach jobs, the coaches' emails from the
// API).
func (r *jobRunner) plan(j *jobfile.Job) *jobPlan {
	p := &jobPlan{job: j, expr: cmpOr(r.flags.period, j.Period)}
	per, err := resolvePeriodExpr(p.expr, r.loc, r.dataTime)
	if err != nil {
		p.problems = append(p.problems, fmt.Sprintf("period %q: %v", p.expr, err))
	} else {
		p.period = per
	}
	if !j.PerCoach {
		d := delivery{key: "team", to: j.To, cc: j.Cc, bcc: j.Bcc}
		if j.Coach != "" {
			id, name, err := resolveCoach(j.Coach, r.coaches)
			if err != nil {
				p.problems = append(p.problems, strings.TrimPrefix(err.Error(), "--"))
			} else {
				d.key, d.coachID, d.coachName = "coach-"+strconv.Itoa(id), id, name
			}
		}
		p.deliveries = append(p.deliveries, d)
		return p
	}
	var chosen []fetch.Coach
	if len(j.Coaches) == 0 {
		for _, c := range r.coaches {
			if c.IsActive {
				chosen = append(chosen, c)
			}
		}
		slices.SortFunc(chosen, func(a, b fetch.Coach) int { return a.ID - b.ID })
	}
	for _, v := range j.Coaches {
		id, _, err := resolveCoach(v, r.coaches)
		if err != nil {
			p.problems = append(p.problems, "coaches: "+strings.TrimPrefix(err.Error(), "--coach "))
			continue
		}
		for _, c := range r.coaches {
			if c.ID == id && !slices.ContainsFunc(chosen, func(o fetch.Coach) bool { return o.ID == id }) {
				chosen = append(chosen, c)
			}
		}
	}
	for _, c := range chosen {
		d := delivery{key: "coach-" + strconv.Itoa(c.ID), coachID: c.ID, coachName: coachName(c)}
		addr, err := mail.ParseAddress(strings.TrimSpace(c.Email))
		switch {
		case strings.TrimSpace(c.Email) == "":
			d.problem = fmt.Sprintf("coach %s (%d) has no email in CoachAccountable", terminalSafe(d.coachName), c.ID)
		case err != nil:
			d.problem = fmt.Sprintf("coach %s (%d) has the email %q in CoachAccountable, which is not an address: %v", terminalSafe(d.coachName), c.ID, terminalSafe(c.Email), err)
		default:
			d.to = []mail.Address{{Name: d.coachName, Address: addr.Address}}
		}
		p.deliveries = append(p.deliveries, d)
	}
	if len(j.Manager) > 0 {
		p.deliveries = append(p.deliveries, delivery{key: "team", to: j.Manager})
	}
	return p
}

// recipients are a delivery's envelope recipients, lower-cased and
// deduplicated, as the ledger keys them.
func (d delivery) recipients() []string {
	var out []string
	for _, l := range [][]mail.Address{d.to, d.cc, d.bcc} {
		for _, a := range l {
			k := strings.ToLower(a.Address)
			if !slices.Contains(out, k) {
				out = append(out, k)
			}
		}
	}
	return out
}

// jobsDir is the folder a job's reports and mails are written to.
func (r *jobRunner) jobsDir(j *jobfile.Job) string { return filepath.Join(r.out, j.Name) }

// reportJobs makes a fresh instance of each of a job's reports.
func reportJobs(j *jobfile.Job) ([]job, error) {
	var out []job
	for _, rp := range j.Reports {
		s, ok := reportSpec(rp.Name)
		if !ok {
			return nil, fmt.Errorf("no report %q", rp.Name)
		}
		jb, err := newReportJob(s, rp.Args)
		if err != nil {
			return nil, err
		}
		out = append(out, jb)
	}
	return out, nil
}

// buildDelivery runs a delivery's reports into the job's folder and
// returns what they wrote.
func (r *jobRunner) buildDelivery(p *jobPlan, d delivery) ([]result, error) {
	jobs, err := reportJobs(p.job)
	if err != nil {
		return nil, err
	}
	rf := &reportFlags{
		out:         r.jobsDir(p.job),
		format:      strings.Join(jobFormats(p.job), ","),
		csvBOM:      true,
		accountName: p.job.AccountName,
	}
	if a, b, ok := strings.Cut(p.expr, ".."); ok {
		rf.from, rf.to = strings.TrimSpace(a), strings.TrimSpace(b)
	} else {
		rf.period = p.expr
	}
	if d.coachID != 0 {
		rf.coach = strconv.Itoa(d.coachID)
	}
	if err := os.MkdirAll(rf.out, 0o755); err != nil {
		return nil, &outputError{"create the folder " + rf.out, err}
	}
	return runReports(r.e, r.log, r.src, jobs, rf, r.now)
}

// reportEmpty says whether a report has no data for its period: no KPI
// with a value other than zero (and, for a report without KPIs, no row in
// any sheet). It is the skip-if-empty rule.
func reportEmpty(rep *model.Report) bool {
	if len(rep.KPIs) == 0 {
		for _, s := range rep.Sheets {
			if s.Len() > 0 {
				return false
			}
		}
		return true
	}
	for _, k := range rep.KPIs {
		if !k.Current.IsEmpty() && !k.Current.Decimal().IsZero() {
			return false
		}
	}
	return true
}

// templateData is what a job's subject, body and attachment names may say.
func (r *jobRunner) templateData(p *jobPlan, d delivery, res []result) jobfile.TemplateData {
	var names []string
	for _, rp := range p.job.Reports {
		names = append(names, rp.Name)
	}
	account := cmpOr(p.job.AccountName, r.src.accountName)
	if len(res) > 0 && res[0].report.Account != "" {
		account = res[0].report.Account
	}
	return jobfile.TemplateData{
		Account:     account,
		Report:      strings.Join(names, ", "),
		Reports:     joinWords(names),
		Period:      p.period.Words(),
		PeriodLabel: p.period.Label,
		Job:         p.job.Name,
		Coach:       d.coachName,
	}
}

// joinWords joins "a", "a and b", "a, b and c".
func joinWords(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// attachments lists the files a delivery's reports wrote, each with the
// name its reader sees (the job's attachment-name, unique in the message).
func (r *jobRunner) attachments(p *jobPlan, d delivery, res []result) ([]email.Attachment, error) {
	var out []email.Attachment
	seen := map[string]int{}
	base := r.templateData(p, d, res)
	for _, rr := range res {
		for _, path := range rr.files {
			ext := filepath.Ext(path)
			td := base
			td.Report = rr.spec.Name
			td.File = strings.TrimSuffix(filepath.Base(path), ext)
			name, err := p.job.ExecAttachmentName(td)
			if err != nil {
				return nil, err
			}
			name += ext
			seen[strings.ToLower(name)]++
			if n := seen[strings.ToLower(name)]; n > 1 {
				name = strings.TrimSuffix(name, ext) + fmt.Sprintf(" (%d)", n) + ext
			}
			out = append(out, email.Attachment{Path: path, Name: name})
		}
	}
	return out, nil
}

// fromDomain is the domain of the sender's address, which Message-IDs end
// with.
func (r *jobRunner) fromDomain() string {
	_, dom, ok := strings.Cut(r.file.From.Address, "@")
	if !ok || dom == "" {
		return "careport.invalid"
	}
	return strings.ToLower(dom)
}

// message builds a delivery's message from its reports, within the job's
// size budget: a message over it is sent with its attachments in one zip
// file when the job allows it (zip-if-too-large), else refused.
func (r *jobRunner) message(p *jobPlan, d delivery, res []result, msgID string) (*email.Message, error) {
	att, err := r.attachments(p, d, res)
	if err != nil {
		return nil, err
	}
	m, err := r.compose(p, d, res, msgID, att)
	if err != nil {
		return nil, err
	}
	limit := p.job.MaxSize
	if limit <= 0 {
		limit = email.DefaultMaxSize
	}
	err = email.CheckSize(m, limit)
	var tl *email.TooLargeError
	if !errors.As(err, &tl) || !p.job.Zip {
		return m, err
	}
	zipName := fmt.Sprintf("%s-%s-%s.zip", p.job.Name, fileLabel(p.period), d.key)
	path := filepath.Join(r.jobsDir(p.job), zipName)
	if err := email.Zip(r.e.ctx, path, att, m.Date); err != nil {
		return nil, &outputError{"write " + zipName, err}
	}
	if m, err = r.compose(p, d, res, msgID, []email.Attachment{{Path: path, Name: zipName}}); err != nil {
		return nil, err
	}
	return m, email.CheckSize(m, limit)
}

// compose builds a delivery's message with the given attachments.
func (r *jobRunner) compose(p *jobPlan, d delivery, res []result, msgID string, att []email.Attachment) (*email.Message, error) {
	td := r.templateData(p, d, res)
	subject, err := p.job.ExecSubject(td)
	if err != nil {
		return nil, err
	}
	intro, err := p.job.ExecBody(td)
	if err != nil {
		return nil, err
	}
	var reps []*model.Report
	var names []string
	for _, rr := range res {
		reps = append(reps, rr.report)
	}
	for _, a := range att {
		names = append(names, a.Name)
	}
	text, html, err := email.Body(email.BodyData{Intro: intro, Reports: reps, Attachments: names, Footer: r.footer(p)})
	if err != nil {
		return nil, err
	}
	return &email.Message{
		From: r.file.From, To: d.to, Cc: d.cc, Bcc: d.bcc,
		Subject: subject, Date: r.e.now(), MessageID: msgID,
		Text: text, HTML: html, Attachments: att,
	}, nil
}

// footer is the line every mail of a job ends with.
func (r *jobRunner) footer(p *jobPlan) string {
	return fmt.Sprintf("Sent by careport, job %q of %s. Data as of %s (%s).", p.job.Name, filepath.Base(r.file.Path),
		r.dataTime.In(r.loc).Format("2006-01-02 15:04"), r.loc)
}
