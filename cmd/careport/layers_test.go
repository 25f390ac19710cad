package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestLayers enforces the one-way data flow of STYLE.md with `go list`:
// fetch -> reports -> render; the sandbox shares only error codes with the
// client; reports never reach excelize or go-echarts and never import
// net/http or html/template themselves.
func TestLayers(t *testing.T) {
	const mod = "github.com/careport/careport/"
	list := func(args ...string) map[string][]string {
		t.Helper()
		out, err := exec.CommandContext(t.Context(), "go", append([]string{"list"}, args...)...).Output()
		if err != nil {
			t.Fatalf("go list %v: %v", args, err)
		}
		m := map[string][]string{}
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			pkg, rest, _ := strings.Cut(line, ":")
			m[pkg] = strings.Fields(rest)
		}
		return m
	}
	deps := list("-deps=false", "-f", `{{.ImportPath}}:{{join .Deps " "}}`, mod+"...")
	imports := list("-f", `{{.ImportPath}}:{{join .Imports " "}}`, mod+"...")
	if len(deps) < 10 {
		t.Fatalf("go list found only %d packages", len(deps))
	}
	for pkg, ds := range deps {
		rel := strings.TrimPrefix(pkg, mod)
		for _, d := range ds {
			drel, ours := strings.CutPrefix(d, mod)
			switch {
			case strings.HasPrefix(rel, "fetch") && ours && (strings.HasPrefix(drel, "reports") || strings.HasPrefix(drel, "render") || strings.HasPrefix(drel, "cmd")):
				t.Errorf("%s depends on %s: fetch must not reach reports, render or cmd", pkg, d)
			case strings.HasPrefix(rel, "fetch/sandbox") && ours && drel == "fetch":
				t.Errorf("%s depends on package fetch: the sandbox may share only fetch/apicode", pkg)
			case strings.HasPrefix(rel, "reports") && (strings.Contains(d, "excelize") || strings.Contains(d, "go-echarts") || (ours && strings.HasPrefix(drel, "render"))):
				t.Errorf("%s depends on %s: reports must not know the renderers", pkg, d)
			case strings.HasPrefix(rel, "render") && ours && (strings.HasPrefix(drel, "fetch") || (strings.HasPrefix(drel, "reports/") && drel != "reports/model")):
				t.Errorf("%s depends on %s: render knows only the report model", pkg, d)
			case !strings.HasPrefix(rel, "cmd") && ours && strings.HasPrefix(drel, "cmd"):
				t.Errorf("%s depends on %s: nothing imports cmd", pkg, d)
			}
		}
	}
	for pkg, is := range imports {
		if !strings.HasPrefix(strings.TrimPrefix(pkg, mod), "reports") {
			continue
		}
		for _, i := range is {
			if i == "net/http" || i == "html/template" {
				t.Errorf("%s imports %s", pkg, i)
			}
		}
	}
}
