package jobfile

import (
	"fmt"
	"net/mail"
	"os"
	"text/template"
	"time"
)

// File is a parsed jobs file. Parse fills every default, so a zero field
// means what its comment says.
type File struct {
	Path  string         // the path given to Parse or Load, for messages
	SMTP  SMTP           // the mail server; SMTP.Pos.Line is 0 when the file has no smtp key
	From  mail.Address   // the sender
	Admin []mail.Address // default failure-notice recipients for every job; may be empty
	Out   string         // output folder: "out" or the file's out key, joined to the jobs file's folder unless absolute
	Jobs  []Job          // in file order; at least one
}

// SMTP is the mail server's settings. The password is never here: the
// sender reads the environment variable PasswordEnv names.
type SMTP struct {
	Host        string
	Port        int           // default 587 for starttls, 465 for tls, 25 for none
	Username    string        // "" means no authentication
	PasswordEnv string        // the name of the variable holding the password; default CAREPORT_SMTP_PASSWORD
	Security    string        // "starttls" (default), "tls" or "none"
	AllowPlain  bool          // key allow-plain; always true when Security is "none"
	Timeout     time.Duration // 0: the sender's default
	Attempts    int           // 0: the sender's default
	Backoff     time.Duration // 0: the sender's default
	Pos         Pos           // of the smtp key's value; zero when absent
}

// Job is one job of the file: reports for a period, mailed to recipients.
// A Job from Parse has its templates parsed, and its Exec methods are safe
// for concurrent use; a Job made by hand parses them on first use.
type Job struct {
	Name           string         // unique in the file; [a-z0-9-]+
	Period         string         // a period expression or a range "a..b", as written (syntax checked)
	Reports        []Report       // at least one
	Formats        []string       // default ["xlsx"]; no duplicates; names not checked here
	To, Cc, Bcc    []mail.Address // plain jobs: at least one address among them; per-coach jobs: none
	Subject        string         // text/template; default DefaultSubject
	Body           string         // text/template; default ""
	AttachmentName string         // text/template; default DefaultAttachmentName
	SkipIfEmpty    bool           // key skip-if-empty
	PerCoach       bool           // key per-coach
	Coaches        []string       // per-coach only: IDs, emails or names as written; empty = every active coach
	Manager        []mail.Address // per-coach only
	Coach          string         // plain jobs only: ID, email or name as written; "" = no filter
	Admin          []mail.Address // failure notices; default File.Admin
	MaxSize        int64          // bytes; key max-size; default DefaultMaxSize
	Zip            bool           // key zip-if-too-large
	AccountName    string         // key account-name; "" = the account's own name
	Pos            Pos            // of the job's first key

	keyPos                    map[string]Pos
	subject, body, attachName *template.Template
}

// Report is one report of a job: `- revenue` or
// `- engagements: {stalled-days: 30, include-inactive: true}` or
// `- metrics: {field: [Weight, "Sales calls"], bucket: week}`.
type Report struct {
	Name string
	// Args are the report's options as command-line arguments, in file
	// order: "--stalled-days=30", "--include-inactive=true",
	// "--field=Weight", "--field=Sales calls". A list value gives one
	// argument per item; scalars are as written (quotes removed).
	Args   []string
	ArgPos []Pos // ArgPos[i] is where Args[i]'s value is
	Pos    Pos   // of the report's name
}

// Pos is a position in the jobs file: 1-based line and column (columns
// count bytes, as goccy/go-yaml does). The zero Pos means "not in the
// file".
type Pos struct{ Line, Column int }

// String returns "line:column".
func (p Pos) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Column) }

// Defaults for the keys of a job.
const (
	DefaultSubject        = "{{.Account}}: {{.Reports}} for {{.Period}}"
	DefaultAttachmentName = "{{.File}}"
	DefaultMaxSize        = 10 << 20
	DefaultPasswordEnv    = "CAREPORT_SMTP_PASSWORD"
	DefaultOut            = "out"
)

// Load reads and parses the jobs file at path. A file that cannot be read
// gives an *os.PathError (wrapped); a bad file gives an *Error.
func Load(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read jobs file: %w", err)
	}
	return Parse(path, data)
}

// Job returns the job named name.
func (f *File) Job(name string) (*Job, bool) {
	for i := range f.Jobs {
		if f.Jobs[i].Name == name {
			return &f.Jobs[i], true
		}
	}
	return nil, false
}

// KeyPos returns where key (as written in the file, "formats") has its
// value in the job, or the job's Pos when the key is absent, so that a
// caller checking a value (format names, report flags) can point at it.
func (j *Job) KeyPos(key string) Pos {
	if p, ok := j.keyPos[key]; ok {
		return p
	}
	return j.Pos
}
