package jobfile

import (
	"strings"
	"testing"
)

func TestExec(t *testing.T) {
	f, err := Parse("jobs.yaml", []byte(job("    to: o@x.example",
		`    subject: "{{.Account}} {{.PeriodLabel}}: {{.Reports}}"`,
		`    body: "Hello {{.Coach}},"`,
		`    attachment-name: "{{.Account}}-{{.File}}"`)))
	if err != nil {
		t.Fatal(err)
	}
	j := &f.Jobs[0]
	d := TemplateData{Account: "Acme", Reports: "revenue and engagements", PeriodLabel: "2026-10", Coach: "Dana", File: "revenue"}
	for _, tc := range []struct {
		name string
		exec func(TemplateData) (string, error)
		want string
	}{
		{"subject", j.ExecSubject, "Acme 2026-10: revenue and engagements"},
		{"body", j.ExecBody, "Hello Dana,"},
		{"attachment name", j.ExecAttachmentName, "Acme-revenue"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.exec(d)
			if err != nil || got != tc.want {
				t.Errorf("got %q, %v, want %q", got, err, tc.want)
			}
		})
	}
}

func TestExecRefusesInjection(t *testing.T) {
	j := &Job{Name: "j", Subject: DefaultSubject, AttachmentName: "{{.Account}}"} // not from Parse: templates parsed on first use
	for _, tc := range []struct {
		name    string
		exec    func(TemplateData) (string, error)
		account string
		wantErr string
	}{
		{"subject with a line break", j.ExecSubject, "Acme\r\nBcc: victim@x.example", "one line"},
		{"subject with a control character", j.ExecSubject, "Acme\x00", "control character"},
		{"attachment name with a slash", j.ExecAttachmentName, "../etc/passwd", "folder"},
		{"attachment name with a backslash", j.ExecAttachmentName, `a\b`, "folder"},
		{"empty attachment name", j.ExecAttachmentName, " ", "empty"},
		{"dot-dot attachment name", j.ExecAttachmentName, "..", "not a file name"},
		{"attachment name with a tab", j.ExecAttachmentName, "a\tb", "control character"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.exec(TemplateData{Account: tc.account, File: "f"})
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("got %q, %v, want an error saying %q", got, err, tc.wantErr)
			}
		})
	}
	// The default subject of a hand-made Job works.
	got, err := (&Job{Name: "k"}).ExecSubject(TemplateData{Account: "Acme", Reports: "revenue", Period: "October 2026"})
	if want := "Acme: revenue for October 2026"; err != nil || got != want {
		t.Errorf("default subject: got %q, %v, want %q", got, err, want)
	}
}

func TestParseSize(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    int64
		wantErr bool
	}{
		{"10MB", 10 << 20, false},
		{"25 MB", 25 << 20, false},
		{"500KB", 500 << 10, false},
		{"500kb", 500 << 10, false},
		{"2GiB", 2 << 30, false},
		{"1048576", 1 << 20, false},
		{"100B", 100, false},
		{"1.5MB", 0, true},
		{"0", 0, true},
		{"-1MB", 0, true},
		{"+1MB", 0, true},
		{"MB", 0, true},
		{"10 XB", 0, true},
		{"99999999999GB", 0, true},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := parseSize(tc.in)
			if (err != nil) != tc.wantErr || got != tc.want {
				t.Errorf("got %d, %v, want %d (error %v)", got, err, tc.want, tc.wantErr)
			}
		})
	}
}

func TestSuggest(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"subjct", "subject"},
		{"form", "from"},
		{"too", "to"},
		{"zip", "zip-if-too-large"},
		{"colour", ""},
	} {
		got := suggest(tc.in, append(jobKeys, "from"))
		want := ""
		if tc.want != "" {
			want = ` (did you mean "` + tc.want + `"?)`
		}
		if got != want {
			t.Errorf("suggest(%q): got %q, want %q", tc.in, got, want)
		}
	}
}
