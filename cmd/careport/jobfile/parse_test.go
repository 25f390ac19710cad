package jobfile

import (
	"errors"
	"net/mail"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
)

// docExample is the example YAML from the package comment, so that the
// documentation cannot drift from what Parse accepts.
func docExample(t *testing.T) []byte {
	t.Helper()
	src, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(src), "// # Example\n//\n")
	if !ok {
		t.Fatal("doc.go has no # Example section")
	}
	block, _, _ := strings.Cut(after, "\n//\n// # ")
	var b strings.Builder
	for line := range strings.SplitSeq(block, "\n") {
		line = strings.TrimPrefix(line, "//")
		b.WriteString(strings.TrimPrefix(line, "\t") + "\n")
	}
	return []byte(b.String())
}

// plain strips what Parse keeps for itself, for comparing with literals.
func plain(f *File) *File {
	g := *f
	g.Jobs = append([]Job(nil), f.Jobs...)
	for i := range g.Jobs {
		g.Jobs[i].keyPos = nil
		g.Jobs[i].subject, g.Jobs[i].body, g.Jobs[i].attachName = nil, nil, nil
	}
	return &g
}

func addr(name, a string) mail.Address { return mail.Address{Name: name, Address: a} }

func TestParseDocExample(t *testing.T) {
	f, err := Parse("conf/jobs.yaml", docExample(t))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	ops := []mail.Address{addr("", "ops@acme.example")}
	want := &File{
		Path: "conf/jobs.yaml",
		SMTP: SMTP{
			Host: "smtp.acme.example", Port: 587, Username: "reports@acme.example",
			PasswordEnv: "ACME_SMTP_PASSWORD", Security: "starttls",
			Timeout: 30 * time.Second, Attempts: 3, Backoff: 10 * time.Second, Pos: Pos{2, 3},
		},
		From:  addr("Acme Reports", "reports@acme.example"),
		Admin: ops,
		Out:   "conf/reports",
		Jobs: []Job{{
			Name:   "monthly-owner",
			Period: "last-month",
			Reports: []Report{
				{Name: "revenue", Pos: Pos{17, 9}},
				{Name: "engagements", Args: []string{"--stalled-days=30", "--include-inactive=true"},
					ArgPos: []Pos{{18, 37}, {18, 59}}, Pos: Pos{18, 9}},
			},
			Formats:        []string{"xlsx", "pdf"},
			To:             []mail.Address{addr("Olivia Owner", "owner@acme.example")},
			Cc:             []mail.Address{addr("", "finance@acme.example"), addr("Ops Team", "ops@acme.example")},
			Subject:        "{{.Account}}: {{.Reports}} for {{.Period}}",
			Body:           "Good morning,\n\nhere are last month's figures.\n",
			AttachmentName: "acme-{{.File}}-{{.PeriodLabel}}",
			MaxSize:        10 << 20,
			Zip:            true,
			Admin:          ops,
			Pos:            Pos{14, 5},
		}, {
			Name:     "weekly-coaches",
			Period:   "last-week",
			PerCoach: true,
			Coaches:  []string{"Dana Lee", "1234"},
			Manager:  []mail.Address{addr("", "head.coach@acme.example")},
			Reports: []Report{{Name: "metrics",
				Args:   []string{"--field=Weight", "--field=Sales calls", "--bucket=week"},
				ArgPos: []Pos{{36, 27}, {36, 35}, {36, 59}}, Pos: Pos{36, 9}}},
			SkipIfEmpty:    true,
			Formats:        []string{"xlsx"},
			Subject:        DefaultSubject,
			AttachmentName: DefaultAttachmentName,
			MaxSize:        DefaultMaxSize,
			Admin:          ops,
			Pos:            Pos{30, 5},
		}},
	}
	if got := plain(f); !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%+v\nwant\n%+v", got, want)
	}
	j, ok := f.Job("weekly-coaches")
	if !ok || j.Name != "weekly-coaches" {
		t.Errorf("Job(weekly-coaches): got %v, %v", j, ok)
	}
	if _, ok := f.Job("nope"); ok {
		t.Error("Job(nope): found")
	}
	if got, want := f.Jobs[0].KeyPos("formats"), (Pos{19, 14}); got != want {
		t.Errorf("KeyPos(formats): got %v, want %v", got, want)
	}
	if got, want := f.Jobs[0].KeyPos("coach"), f.Jobs[0].Pos; got != want {
		t.Errorf("KeyPos of an absent key: got %v, want the job's %v", got, want)
	}
}

const minimal = "from: reports@acme.example\njobs:\n  - name: j\n    period: 2026-10\n    reports: [revenue]\n    to: owner@acme.example\n"

func TestParseGood(t *testing.T) {
	for _, tc := range []struct {
		name  string
		path  string
		yaml  string
		check func(t *testing.T, f *File)
	}{
		{"minimal gets the defaults", "jobs.yaml", minimal, func(t *testing.T, f *File) {
			j := f.Jobs[0]
			if f.Out != "out" || f.SMTP != (SMTP{}) || f.Admin != nil {
				t.Errorf("got out %q smtp %+v admin %v, want out, zero, nil", f.Out, f.SMTP, f.Admin)
			}
			if !reflect.DeepEqual(j.Formats, []string{"xlsx"}) || j.Subject != DefaultSubject ||
				j.AttachmentName != DefaultAttachmentName || j.Body != "" || j.MaxSize != 10<<20 {
				t.Errorf("got job %+v, want the defaults", j)
			}
		}},
		{"out beside the file", "/etc/careport/jobs.yaml", minimal, func(t *testing.T, f *File) {
			if f.Out != "/etc/careport/out" {
				t.Errorf("got out %q, want /etc/careport/out", f.Out)
			}
		}},
		{"absolute out", "conf/jobs.yaml", "out: /var/reports\n" + minimal, func(t *testing.T, f *File) {
			if f.Out != "/var/reports" {
				t.Errorf("got out %q", f.Out)
			}
		}},
		{"comma-separated addresses in one string", "jobs.yaml",
			strings.Replace(minimal, "to: owner@acme.example", "to: owner@acme.example, Ops <ops@acme.example>\n    bcc: [\"a@x.example, b@x.example\"]", 1),
			func(t *testing.T, f *File) {
				want := []mail.Address{addr("", "owner@acme.example"), addr("Ops", "ops@acme.example")}
				if !reflect.DeepEqual(f.Jobs[0].To, want) || len(f.Jobs[0].Bcc) != 2 {
					t.Errorf("got to %v bcc %v", f.Jobs[0].To, f.Jobs[0].Bcc)
				}
			}},
		{"job admin overrides", "jobs.yaml", "admin: [a@x.example]\n" + minimal + "    admin: b@x.example\n", func(t *testing.T, f *File) {
			if len(f.Admin) != 1 || f.Jobs[0].Admin[0].Address != "b@x.example" {
				t.Errorf("got admin %v, job admin %v", f.Admin, f.Jobs[0].Admin)
			}
		}},
		{"anchors and aliases", "jobs.yaml",
			"admin: &ops ops@acme.example\n" + strings.Replace(minimal, "to: owner@acme.example", "to: *ops", 1),
			func(t *testing.T, f *File) {
				if f.Jobs[0].To[0].Address != "ops@acme.example" {
					t.Errorf("got to %v", f.Jobs[0].To)
				}
			}},
		{"formats as one string, period as a range, options as null", "jobs.yaml",
			"from: r@x.example\njobs:\n  - name: q3\n    period: 2026-07..2026-Q3\n    formats: xlsx, CSV\n    reports:\n      - revenue:\n      - engagements: {stalled-days: 30}\n    to: o@x.example\n",
			func(t *testing.T, f *File) {
				j := f.Jobs[0]
				if !reflect.DeepEqual(j.Formats, []string{"xlsx", "csv"}) || j.Period != "2026-07..2026-Q3" ||
					len(j.Reports) != 2 || j.Reports[0].Args != nil || j.Reports[1].Args[0] != "--stalled-days=30" {
					t.Errorf("got %+v", j)
				}
			}},
		{"smtp tls and none defaults", "jobs.yaml", "smtp: {host: mx, security: none, allow-plain: true}\n" + minimal, func(t *testing.T, f *File) {
			if f.SMTP.Port != 25 || f.SMTP.PasswordEnv != DefaultPasswordEnv || !f.SMTP.AllowPlain {
				t.Errorf("got %+v", f.SMTP)
			}
		}},
		{"smtp tls port", "jobs.yaml", "smtp: {host: mx, security: tls}\n" + minimal, func(t *testing.T, f *File) {
			if f.SMTP.Port != 465 {
				t.Errorf("got port %d, want 465", f.SMTP.Port)
			}
		}},
		{"plain job with coach and account name", "jobs.yaml", minimal + "    coach: 1234\n    account-name: Acme Coaching\n    max-size: 25 MB\n", func(t *testing.T, f *File) {
			j := f.Jobs[0]
			if j.Coach != "1234" || j.AccountName != "Acme Coaching" || j.MaxSize != 25<<20 {
				t.Errorf("got %+v", j)
			}
		}},
		{"leading document marker", "jobs.yaml", "---\n" + minimal, func(t *testing.T, f *File) {
			if len(f.Jobs) != 1 {
				t.Errorf("got %d jobs", len(f.Jobs))
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Parse(tc.path, []byte(tc.yaml))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			tc.check(t, f)
		})
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	path := dir + "/jobs.yaml"
	if err := os.WriteFile(path, []byte(minimal), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if f.Path != path || f.Out != dir+"/out" || len(f.Jobs) != 1 {
		t.Errorf("got path %q out %q jobs %d", f.Path, f.Out, len(f.Jobs))
	}
	if _, err := Load(dir + "/missing.yaml"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: got %v, want os.ErrNotExist", err)
	}
}
