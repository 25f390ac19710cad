package main

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/careport/careport/reports"
)

// TestNoReportNamedOutsideList enforces the platform's promise: adding a
// report means writing its package and adding one line to reportList. No
// other file of cmd may import a report package or name a report.
func TestNoReportNamedOutsideList(t *testing.T) {
	if err := reports.Check(reportList()); err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if f == "reportlist.go" || strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		af, err := parser.ParseFile(token.NewFileSet(), f, src, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, im := range af.Imports {
			path, _ := strconv.Unquote(im.Path.Value)
			if rest, ok := strings.CutPrefix(path, "github.com/careport/careport/reports/"); ok && rest != "model" {
				t.Errorf("%s imports the report package %s; only reportlist.go may", f, path)
			}
		}
		for _, s := range reportList() {
			re := regexp.MustCompile(`\b` + regexp.QuoteMeta(s.Name) + `\b`)
			for i, line := range strings.Split(string(src), "\n") {
				if re.MatchString(line) {
					t.Errorf("%s:%d names the report %q: %s", f, i+1, s.Name, strings.TrimSpace(line))
				}
			}
		}
	}
}

// TestDemoRunsParse checks that every report's demo runs are valid command
// lines of that report, so that `make demo` cannot fail on a typo.
func TestDemoRunsParse(t *testing.T) {
	for _, s := range reportList() {
		for _, args := range s.Demo {
			if _, _, err := demoJob(s, args); err != nil {
				t.Errorf("%s demo run %q: %v", s.Name, args, err)
			}
		}
	}
	if _, _, err := demoJob(reportList()[0], []string{"--no-such-flag"}); err == nil {
		t.Error("a demo run with an unknown flag parsed")
	}
}
