package jobfile

import (
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"text/template"

	"github.com/careport/careport/reports/model"
	"github.com/goccy/go-yaml/ast"
)

var jobKeys = []string{
	"name", "period", "reports", "formats", "to", "cc", "bcc", "subject", "body",
	"attachment-name", "skip-if-empty", "per-coach", "coaches", "manager", "coach",
	"admin", "max-size", "zip-if-too-large", "account-name",
}

// jobs decodes the jobs list.
func (d *decoder) jobs(n ast.Node, admin []mail.Address) []Job {
	seq, ok := n.(*ast.SequenceNode)
	if !ok {
		d.errorf(n, `"jobs" must be a list of jobs (each starting with "- name: ..."), not %s`, describe(n))
		return nil
	}
	if len(seq.Values) == 0 {
		d.errorf(n, `"jobs" is an empty list: give at least one job`)
		return nil
	}
	var jobs []Job
	names := map[string]Pos{}
	for i, it := range seq.Values {
		it = d.resolve(it)
		if it == nil {
			continue
		}
		j, ok := d.job(it, i+1, admin)
		if !ok {
			continue
		}
		if j.Name != "" {
			np := j.keyPos["name"]
			if first, dup := names[j.Name]; dup {
				d.problemAt(np, fmt.Sprintf("job name %q is used twice (first at %d:%d): names must be unique", j.Name, first.Line, first.Column))
			} else {
				names[j.Name] = np
			}
		}
		jobs = append(jobs, j)
	}
	return jobs
}

// jobName finds the name key of a job mapping before the walk, for
// messages.
func jobName(m *ast.MappingNode) string {
	for _, mv := range m.Values {
		if k, ok := mv.Key.(*ast.StringNode); ok && k.Value == "name" {
			if s, ok := scalar(mv.Value); ok {
				return s
			}
		}
	}
	return ""
}

func validName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// job decodes the nth job (1-based).
func (d *decoder) job(n ast.Node, nth int, admin []mail.Address) (Job, bool) {
	m, ok := n.(*ast.MappingNode)
	if !ok {
		d.errorf(n, "job %d must be a mapping of keys (name, period, reports, ...), not %s", nth, describe(n))
		return Job{}, false
	}
	j := Job{
		Formats:        []string{"xlsx"},
		Subject:        DefaultSubject,
		AttachmentName: DefaultAttachmentName,
		MaxSize:        DefaultMaxSize,
		Admin:          slices.Clone(admin),
		Pos:            pos(m),
		keyPos:         map[string]Pos{},
	}
	where := fmt.Sprintf("in job %d", nth)
	if name := jobName(m); name != "" {
		where = fmt.Sprintf("in job %q", name)
	}
	recipients := map[string]ast.Node{} // key -> value node, for the checks after the walk
	bad := map[string]bool{}            // template keys already reported
	seen := d.mapping(m, where, jobKeys, func(key string, kp Pos, v ast.Node) {
		j.keyPos[key] = pos(v)
		what := fmt.Sprintf("%s %s", key, where)
		switch key {
		case "name":
			if s, ok := d.str(v, what); ok {
				if !validName(s) {
					d.errorf(v, "job name %q must be lower-case letters, digits and hyphens (it is used in folder and file names)", s)
				}
				j.Name = s
			}
		case "period":
			if s, ok := d.str(v, what); ok {
				if err := periodSyntax(s); err != nil {
					d.errorf(v, "period %s: %v", where, err)
				}
				j.Period = s
			}
		case "reports":
			j.Reports = d.reports(v, where)
		case "formats":
			j.Formats = d.formats(v, where)
		case "to", "cc", "bcc", "manager":
			recipients[key] = v
			as, _ := d.addresses(v, what)
			switch key {
			case "to":
				j.To = as
			case "cc":
				j.Cc = as
			case "bcc":
				j.Bcc = as
			case "manager":
				j.Manager = as
			}
		case "admin":
			j.Admin, _ = d.addresses(v, what)
		case "subject":
			j.Subject, j.subject = d.template(v, what, key)
			bad[key] = j.subject == nil
		case "body":
			j.Body, j.body = d.template(v, what, key)
			bad[key] = j.body == nil
		case "attachment-name":
			j.AttachmentName, j.attachName = d.template(v, what, key)
			bad[key] = j.attachName == nil
		case "skip-if-empty":
			j.SkipIfEmpty, _ = d.boolean(v, what)
		case "per-coach":
			j.PerCoach, _ = d.boolean(v, what)
		case "zip-if-too-large":
			j.Zip, _ = d.boolean(v, what)
		case "coaches":
			j.Coaches, _, _ = d.strings(v, what)
		case "coach":
			if s, ok := d.str(v, what); ok {
				if strings.TrimSpace(s) == "" {
					d.errorf(v, "%s is empty", what)
				}
				j.Coach = s
			}
		case "max-size":
			if s, ok := d.size(v, what); ok {
				j.MaxSize = s
			}
		case "account-name":
			j.AccountName, _ = d.str(v, what)
		}
	})
	for _, req := range []string{"name", "period", "reports"} {
		if _, ok := seen[req]; !ok {
			d.errorf(m, "%s has no %q%s", strings.TrimPrefix(where, "in "), req, requiredHint[req])
		}
	}
	d.jobChecks(&j, where, seen, recipients)
	// The templates are tried once the name is known.
	d.tryTemplates(&j, where, bad)
	return j, true
}

var requiredHint = map[string]string{
	"name":    " (lower-case letters, digits and hyphens)",
	"period":  ", such as period: last-month",
	"reports": ", such as reports: [revenue]",
}

// jobChecks checks what involves more than one key.
func (d *decoder) jobChecks(j *Job, where string, seen map[string]Pos, recipients map[string]ast.Node) {
	if j.PerCoach {
		for _, key := range []string{"to", "cc", "bcc"} {
			if v, ok := recipients[key]; ok {
				d.errorf(v, "a per-coach job sends each coach their own report: %s is not allowed %s; put the team's recipients in manager", key, where)
			}
		}
		if _, ok := seen["coach"]; ok {
			d.problemAt(j.keyPos["coach"], fmt.Sprintf("coach is for plain jobs %s: a per-coach job limits its coaches with coaches", where))
		}
	} else {
		for _, key := range []string{"coaches", "manager"} {
			if _, ok := seen[key]; ok {
				d.problemAt(j.keyPos[key], fmt.Sprintf("%s is only for per-coach jobs %s: add per-coach: true, or use to and coach", key, where))
			}
		}
		_, to := seen["to"]
		_, cc := seen["cc"]
		_, bcc := seen["bcc"]
		if !to && !cc && !bcc {
			d.problemAt(j.Pos, fmt.Sprintf("%s has no recipients: give to (or cc or bcc), or make it per-coach", strings.TrimPrefix(where, "in ")))
		}
	}
	// One address in two of to, cc, bcc and manager would get two copies.
	first := map[string]string{}
	for _, key := range []string{"to", "cc", "bcc", "manager"} {
		var list []mail.Address
		switch key {
		case "to":
			list = j.To
		case "cc":
			list = j.Cc
		case "bcc":
			list = j.Bcc
		case "manager":
			list = j.Manager
		}
		for _, a := range list {
			addr := strings.ToLower(a.Address)
			if prev, dup := first[addr]; dup {
				d.errorf(recipients[key], "%s is in both %s and %s %s: give each address once", a.Address, prev, key, where)
				continue
			}
			first[addr] = key
		}
	}
}

// periodSyntax checks a period expression or a range "a..b".
func periodSyntax(s string) error {
	if from, to, ok := strings.Cut(s, ".."); ok {
		return model.RangeSyntax(strings.TrimSpace(from), strings.TrimSpace(to))
	}
	return model.PeriodSyntax(s)
}

// formats decodes the formats key: a list or one string (commas allowed).
func (d *decoder) formats(n ast.Node, where string) []string {
	if s, ok := scalar(n); ok {
		var out []string
		for f := range strings.SplitSeq(s, ",") {
			out = append(out, strings.TrimSpace(f))
		}
		return d.checkFormats(out, nil, n, where)
	}
	list, ps, ok := d.strings(n, "formats "+where)
	if !ok {
		return []string{"xlsx"}
	}
	return d.checkFormats(list, ps, n, where)
}

func (d *decoder) checkFormats(list []string, ps []Pos, n ast.Node, where string) []string {
	seen := map[string]bool{}
	var out []string
	for i, f := range list {
		p := pos(n)
		if ps != nil {
			p = ps[i]
		}
		f = strings.ToLower(f)
		if !validName(f) {
			d.problemAt(p, fmt.Sprintf("format %q %s is not a format name (such as xlsx, csv, html)", list[i], where))
			continue
		}
		if seen[f] {
			d.problemAt(p, fmt.Sprintf("format %q is given twice %s", f, where))
			continue
		}
		seen[f] = true
		out = append(out, f)
	}
	return out
}

// template decodes a template key and parses it; it returns the text and
// the parsed template (nil on a problem).
func (d *decoder) template(n ast.Node, what, name string) (string, *template.Template) {
	s, ok := d.str(n, what)
	if !ok {
		return "", nil
	}
	t, err := parseTemplate(name, s)
	if err != nil {
		d.errorf(n, "bad template in %s: %s", what, templateMessage(err))
		return s, nil
	}
	return s, t
}

// tryTemplates parses the default templates the job did not override and
// runs all three with sample data, so that a misspelt field or a subject
// with a line break is found now, not when the mail is due.
func (d *decoder) tryTemplates(j *Job, where string, bad map[string]bool) {
	data := sampleData
	data.Job = j.Name
	for _, tt := range []struct {
		key   string
		cache **template.Template
		text  string
		check func(string) error
	}{
		{"subject", &j.subject, j.Subject, func(s string) error { return checkSubject(strings.TrimSpace(s)) }},
		{"body", &j.body, j.Body, nil},
		{"attachment-name", &j.attachName, j.AttachmentName, checkAttachmentName},
	} {
		if bad[tt.key] {
			continue
		}
		if *tt.cache == nil {
			t, err := parseTemplate(tt.key, tt.text)
			if err != nil { // only a default could get here, and they parse
				d.problemAt(j.KeyPos(tt.key), fmt.Sprintf("bad template in %s %s: %s", tt.key, where, templateMessage(err)))
				continue
			}
			*tt.cache = t
		}
		var b strings.Builder
		if err := (*tt.cache).Execute(&b, data); err != nil {
			d.problemAt(j.KeyPos(tt.key), fmt.Sprintf("bad template in %s %s: %s", tt.key, where, templateMessage(err)))
			continue
		}
		if tt.check != nil {
			if err := tt.check(b.String()); err != nil {
				d.problemAt(j.KeyPos(tt.key), fmt.Sprintf("%s %s gives %q: %v", tt.key, where, b.String(), err))
			}
		}
	}
}
