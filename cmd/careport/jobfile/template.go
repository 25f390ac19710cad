package jobfile

import (
	"errors"
	"fmt"
	"strings"
	"text/template"
	"unicode"
)

// TemplateData is what a job's subject, body and attachment-name templates
// see. The caller fills it for each message (and, for attachment-name,
// each file).
type TemplateData struct {
	Account     string // the account's name, or the job's account-name
	Report      string // the report names as in the file, joined by ", ": "revenue, engagements"
	Reports     string // the reports' titles for prose: "revenue and engagements"
	Period      string // the period for prose: "October 2026"
	PeriodLabel string // the period's label: "2026-10"
	Job         string // the job's name
	Coach       string // the coach's full name in a per-coach message; "" otherwise
	File        string // attachment-name only: the report file's name without extension
}

// sampleData is what the templates are tried with when the file is read.
var sampleData = TemplateData{
	Account: "Acme", Report: "revenue", Reports: "revenue", Period: "October 2026",
	PeriodLabel: "2026-10", Job: "job", Coach: "Dana Lee", File: "revenue",
}

// ExecSubject executes the job's subject template. The result is trimmed
// of surrounding spaces; it is an error if it holds a line break or another
// control character (which would let a value inject mail headers).
func (j *Job) ExecSubject(d TemplateData) (string, error) {
	s, err := j.exec(&j.subject, "subject", j.Subject, DefaultSubject, d)
	if err != nil {
		return "", err
	}
	s = strings.TrimSpace(s)
	if err := checkSubject(s); err != nil {
		return "", fmt.Errorf("job %s: subject %q: %w", j.Name, s, err)
	}
	return s, nil
}

// ExecBody executes the job's body template; "" when the job has none.
func (j *Job) ExecBody(d TemplateData) (string, error) {
	return j.exec(&j.body, "body", j.Body, "", d)
}

// ExecAttachmentName executes the job's attachment-name template: a file
// name without its extension. It is an error if the result is empty, "."
// or "..", or holds / or \ or a control character.
func (j *Job) ExecAttachmentName(d TemplateData) (string, error) {
	s, err := j.exec(&j.attachName, "attachment-name", j.AttachmentName, DefaultAttachmentName, d)
	if err != nil {
		return "", err
	}
	if err := checkAttachmentName(s); err != nil {
		return "", fmt.Errorf("job %s: attachment name %q: %w", j.Name, s, err)
	}
	return s, nil
}

// exec runs the cached template, parsing text (or def when text is "")
// first for a Job not made by Parse.
func (j *Job) exec(cache **template.Template, name, text, def string, d TemplateData) (string, error) {
	if *cache == nil {
		if text == "" {
			text = def
		}
		t, err := parseTemplate(name, text)
		if err != nil {
			return "", fmt.Errorf("job %s: %s template: %w", j.Name, name, err)
		}
		*cache = t
	}
	var b strings.Builder
	if err := (*cache).Execute(&b, d); err != nil {
		return "", fmt.Errorf("job %s: %s template: %w", j.Name, name, err)
	}
	return b.String(), nil
}

func parseTemplate(name, text string) (*template.Template, error) {
	return template.New(name).Option("missingkey=error").Parse(text)
}

var (
	errNewline = errors.New("a subject must be one line")
	errEmpty   = errors.New("it is empty")
)

func checkSubject(s string) error {
	for _, r := range s {
		if r == '\n' || r == '\r' {
			return errNewline
		}
		if unicode.IsControl(r) {
			return fmt.Errorf("it holds the control character %U", r)
		}
	}
	return nil
}

func checkAttachmentName(s string) error {
	switch strings.TrimSpace(s) {
	case "":
		return errEmpty
	case ".", "..":
		return fmt.Errorf("%q is not a file name", s)
	}
	for _, r := range s {
		switch {
		case r == '/' || r == '\\':
			return fmt.Errorf("it holds %q: a file name cannot hold a folder", r)
		case unicode.IsControl(r):
			return fmt.Errorf("it holds the control character %U", r)
		}
	}
	return nil
}

// templateMessage makes a text/template error one readable clause: it
// drops the "template: name:1:2: executing ..." preamble and Go type names.
func templateMessage(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, ">: "); i >= 0 && strings.Contains(msg[:i], "executing") {
		msg = msg[i+3:]
	} else if strings.HasPrefix(msg, "template: ") {
		// "template: subject:1: unexpected ..." -> "unexpected ..."
		rest := strings.TrimPrefix(msg, "template: ")
		parts := strings.SplitN(rest, ": ", 2)
		if len(parts) == 2 {
			msg = parts[1]
		}
	}
	if i := strings.Index(msg, " in type "); i >= 0 {
		msg = msg[:i] + " (the fields are .Account, .Report, .Reports, .Period, .PeriodLabel, .Job, .Coach and .File)"
	}
	return msg
}
