package render_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/careport/careport/render"
	"github.com/careport/careport/render/output"
	"github.com/careport/careport/reports/model"
)

func report(filter string) *model.Report {
	r := &model.Report{Name: "revenue", Title: "Monthly revenue",
		Period: model.Month(time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), time.UTC)}
	if filter != "" {
		r.Filters = []model.KeyValue{{Key: "Currency", Value: filter}}
	}
	s := r.AddSheet("Invoices", model.IntCol("ID"), model.MoneyCol("Amount", "EUR"))
	s.AddRow(model.Int(1), model.MoneyMinor(1250, 2))
	s.SetTotals(model.Value{}, model.MoneyMinor(1250, 2))
	return r
}

func TestRenderEveryFormat(t *testing.T) {
	dir := t.TempDir()
	// An unfiltered run, then a filtered one: different names, both kept.
	for _, filter := range []string{"", "EUR"} {
		out, err := output.Begin(dir)
		if err != nil {
			t.Fatal(err)
		}
		var paths []string
		for _, f := range render.Formats() {
			p, err := f.Render(t.Context(), report(filter), out, render.Options{})
			if err != nil {
				t.Fatalf("%s: %v", f.Name(), err)
			}
			paths = append(paths, p...)
		}
		if err := out.Commit(); err != nil {
			t.Fatal(err)
		}
		for _, p := range paths {
			if _, err := os.Stat(p); err != nil {
				t.Errorf("returned path %s: %v", p, err)
			}
		}
	}
	var got []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && p != dir {
			rel, _ := filepath.Rel(dir, p)
			got = append(got, rel)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"revenue-2026-10", "revenue-2026-10-EUR", "revenue-2026-10-EUR.xlsx", "revenue-2026-10-EUR.html",
		"revenue-2026-10-EUR/revenue-2026-10-EUR Invoices (totals).csv", "revenue-2026-10-EUR/revenue-2026-10-EUR Invoices.csv",
		"revenue-2026-10.xlsx", "revenue-2026-10.html",
		"revenue-2026-10/revenue-2026-10 Invoices (totals).csv", "revenue-2026-10/revenue-2026-10 Invoices.csv",
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("output folder:\ngot  %q\nwant %q", got, want)
	}
}

func TestLookup(t *testing.T) {
	for _, name := range []string{"xlsx", "CSV", "html"} {
		if f, err := render.Lookup(name); err != nil || f == nil {
			t.Errorf("Lookup(%q): %v", name, err)
		}
	}
	if _, err := render.Lookup("pdf"); err == nil || err.Error() != `unknown format "pdf" (formats: xlsx, csv, html)` {
		t.Errorf("Lookup(pdf): got %v", err)
	}
}
