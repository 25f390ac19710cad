package jobfile

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// job is a valid job at line 3 of a file that starts with from and jobs;
// extra lines go after its keys.
func job(extra ...string) string {
	return "from: r@x.example\njobs:\n  - name: j\n    period: 2026-10\n    reports: [revenue]\n" + strings.Join(extra, "\n") + "\n"
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		yaml string
		want []string // "line:col: part of the message", in order
	}{
		{"unknown key with suggestion", job("    to: o@x.example", "    subjct: hi"),
			[]string{`7:5: unknown key "subjct" in job "j" (did you mean "subject"?)`}},
		{"unknown top-level key", "form: r@x.example\n" + job("    to: o@x.example")[len("from: r@x.example\n"):],
			[]string{`1:1: unknown key "form" at the top level (did you mean "from"?)`, `1:1: the file has no "from"`}},
		{"duplicate key", job("    to: o@x.example", "    period: 2026-11"),
			[]string{`7:5: key "period" given twice in job "j" (first at 4:5)`}},
		{"duplicate key in a flow mapping", "from: r@x.example\njobs:\n  - name: j\n    period: 2026-10\n    reports: [{engagements: {stalled-days: 1, stalled-days: 2}}]\n    to: o@x.example\n",
			[]string{`5:47: option "stalled-days" given twice in the options of report "engagements" in job "j" (first at 5:30)`}},
		{"second document", job("    to: o@x.example") + "---\nfrom: x@y.example\n",
			[]string{`7:1: a jobs file is one YAML document`}},
		{"bad period", "from: r@x.example\njobs:\n  - name: j\n    period: 2026-13\n    reports: [revenue]\n    to: o@x.example\n",
			[]string{`4:13: period in job "j": "2026-13" is not a period`}},
		{"bad range", "from: r@x.example\njobs:\n  - name: j\n    period: 2026-10..2026-09\n    reports: [revenue]\n    to: o@x.example\n",
			[]string{`4:13: period in job "j": the range ends`}},
		{"bad address", job("    to: [o@x.example, not an address]"),
			[]string{`6:23: bad address "not an address" in to in job "j"`}},
		{"bad from", strings.Replace(job("    to: o@x.example"), "r@x.example", "Reports", 1),
			[]string{`1:7: bad address "Reports" in "from"`}},
		{"two from addresses", strings.Replace(job("    to: o@x.example"), "r@x.example", "a@x.example, b@x.example", 1),
			[]string{`1:7: "from" must be one address, not 2`}},
		{"password key", "smtp:\n  host: mx\n  password: hunter2\n" + job("    to: o@x.example"),
			[]string{`3:3: the password never goes in the jobs file`}},
		{"security none without allow-plain", "smtp:\n  host: mx\n  security: none\n" + job("    to: o@x.example"),
			[]string{`3:13: security none sends the reports and the password unencrypted`}},
		{"smtp wrong types", "smtp:\n  port: 587a\n  timeout: 30\n  security: startls\n" + job("    to: o@x.example"),
			[]string{`2:3: smtp has no host`, `2:9: port in smtp must be a whole number`, `3:12: timeout in smtp needs a unit, as in "30s"`,
				`4:13: security in smtp must be starttls, tls or none, not "startls" (did you mean "starttls"?)`}},
		{"per-coach with to", job("    per-coach: true", "    to: o@x.example", "    coach: Dana"),
			[]string{`7:9: a per-coach job sends each coach their own report: to is not allowed`, `8:12: coach is for plain jobs`}},
		{"plain job with manager", job("    to: o@x.example", "    manager: m@x.example"),
			[]string{`7:14: manager is only for per-coach jobs`}},
		{"plain job without recipients", job("    subject: hi"),
			[]string{`3:5: job "j" has no recipients`}},
		{"same address twice", job("    to: o@x.example", "    cc: O@x.example"),
			[]string{`7:9: O@x.example is in both to and cc`}},
		{"bad max-size", job("    to: o@x.example", "    max-size: 10XB"),
			[]string{`7:15: max-size in job "j": "10XB" is not a size`}},
		{"bad template syntax", job("    to: o@x.example", "    subject: \"{{.Account\""),
			[]string{`7:14: bad template in subject in job "j": unclosed action`}},
		{"misspelt template field", job("    to: o@x.example", "    body: \"Hi {{.Coch}}\""),
			[]string{`7:11: bad template in body in job "j": can't evaluate field Coch`}},
		{"multi-line subject", job("    to: o@x.example", "    subject: |", "      two", "      lines"),
			[]string{`7:14: subject in job "j" gives "two\nlines\n": a subject must be one line`}},
		{"attachment name with a slash", job("    to: o@x.example", "    attachment-name: \"{{.Job}}/{{.File}}\""),
			[]string{`7:22: attachment-name in job "j" gives "j/revenue"`}},
		{"nested map in report options", "from: r@x.example\njobs:\n  - name: j\n    period: 2026-10\n    reports:\n      - metrics: {field: {a: 1}}\n    to: o@x.example\n",
			[]string{`6:26: option "field" in the options of report "metrics" in job "j" must be a value or a list of values, not a mapping`}},
		{"report options not indented", "from: r@x.example\njobs:\n  - name: j\n    period: 2026-10\n    reports:\n      - engagements:\n        stalled-days: 30\n    to: o@x.example\n",
			[]string{`7:9: the options of report "engagements" in job "j" must be indented under its name`}},
		{"bad report name", "from: r@x.example\njobs:\n  - name: j\n    period: 2026-10\n    reports: [Revenue]\n    to: o@x.example\n",
			[]string{`5:15: report "Revenue" in job "j" is not a report name`}},
		{"reports not a list", "from: r@x.example\njobs:\n  - name: j\n    period: 2026-10\n    reports: revenue\n    to: o@x.example\n",
			[]string{`5:14: reports in job "j" must be a list, as in reports: [revenue]`}},
		{"bad job name", strings.Replace(job("    to: o@x.example"), "name: j", "name: Monthly Owner", 1),
			[]string{`3:11: job name "Monthly Owner" must be lower-case letters, digits and hyphens`}},
		{"duplicate job name", job("    to: o@x.example", "  - name: j", "    period: 2026-10", "    reports: [revenue]", "    to: o@x.example"),
			[]string{`7:11: job name "j" is used twice (first at 3:11)`}},
		{"missing required keys", "from: r@x.example\njobs:\n  - to: o@x.example\n",
			[]string{`3:5: job 1 has no "name"`, `3:5: job 1 has no "period"`, `3:5: job 1 has no "reports"`}},
		{"duplicate format", job("    to: o@x.example", "    formats: [xlsx, csv, xlsx]"),
			[]string{`7:26: format "xlsx" is given twice`}},
		{"wrong type for a boolean", job("    to: o@x.example", "    per-coach: yes"),
			[]string{`7:16: per-coach in job "j" must be true or false, not "yes"`}},
		{"key without value", job("    to: o@x.example", "    cc:"),
			[]string{`7:5: key "cc" in job "j" has no value`}},
		{"tag", job("    to: o@x.example", "    subject: !!str 12"),
			[]string{`7:14: YAML tags (!!str) are not supported`}},
		{"merge key", "from: r@x.example\njobs:\n  - name: j\n    <<: {period: 2026-10}\n    reports: [revenue]\n    to: o@x.example\n",
			[]string{`3:5: job "j" has no "period"`, `4:5: merge keys (<<) are not supported`}},
		{"syntax error", "from: r@x.example\njobs: [\n", []string{`2:7: sequence end token ']' not found`}},
		{"empty file", "", []string{`the file is empty`}},
		{"not a mapping", "- a\n- b\n", []string{`1:1: a jobs file is a mapping of keys`}},
		{"no jobs", "from: r@x.example\n", []string{`1:1: the file has no "jobs"`}},
		{"empty jobs", "from: r@x.example\njobs: []\n", []string{`2:7: "jobs" is an empty list`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Parse("jobs.yaml", []byte(tc.yaml))
			if err == nil {
				t.Fatalf("got %+v, want errors %q", f, tc.want)
			}
			var perr *Error
			if !errors.As(err, &perr) {
				t.Fatalf("got %T %v, want *Error", err, err)
			}
			var got []string
			for _, p := range perr.Problems {
				if p.Path != "jobs.yaml" {
					t.Errorf("problem path %q, want jobs.yaml", p.Path)
				}
				if p.Pos.Line == 0 {
					got = append(got, p.Msg)
				} else {
					got = append(got, fmt.Sprintf("%d:%d: %s", p.Pos.Line, p.Pos.Column, p.Msg))
				}
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %d problems:\n%s\nwant %d:\n%s", len(got), strings.Join(got, "\n"), len(tc.want), strings.Join(tc.want, "\n"))
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tc.want[i]) {
					t.Errorf("problem %d: got\n%s\nwant it to start with\n%s", i, got[i], tc.want[i])
				}
				if strings.Contains(got[i], "\n") && !strings.Contains(tc.want[i], "\n") {
					t.Errorf("problem %d is more than one line: %q", i, got[i])
				}
			}
			// Error() is one "path:line:col: msg" line per problem.
			if lines := strings.Split(err.Error(), "\n"); len(lines) < len(got) || !strings.HasPrefix(lines[0], "jobs.yaml:") {
				t.Errorf("Error() = %q", err.Error())
			}
		})
	}
}

func TestParseReportsEveryProblem(t *testing.T) {
	var b strings.Builder
	b.WriteString("from: r@x.example\njobs:\n")
	for i := range 30 {
		fmt.Fprintf(&b, "  - name: j%d\n    period: bad\n    reports: [revenue]\n    to: o@x.example\n", i)
	}
	_, err := Parse("jobs.yaml", []byte(b.String()))
	var perr *Error
	if !errors.As(err, &perr) {
		t.Fatalf("got %v, want *Error", err)
	}
	if n := len(perr.Problems); n != maxProblems+1 {
		t.Fatalf("got %d problems, want %d and a last one saying there are more", n, maxProblems+1)
	}
	if last := perr.Problems[maxProblems].Msg; !strings.Contains(last, "too many problems") {
		t.Errorf("last problem %q, want too many problems", last)
	}
	if p := perr.Problems[1].Pos; p != (Pos{8, 13}) {
		t.Errorf("second problem at %v, want 8:13 (the second job's period)", p)
	}
}

func TestPasswordEnvNotEchoed(t *testing.T) {
	_, err := Parse("jobs.yaml", []byte("smtp:\n  host: mx\n  password-env: \"s3cret pass!\"\n"+job("    to: o@x.example")))
	if err == nil || strings.Contains(err.Error(), "s3cret") {
		t.Errorf("got %v, want an error that does not repeat the value", err)
	}
}
