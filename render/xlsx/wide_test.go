package xlsx

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/careport/careport/reports/model"
)

// wideReport has a sheet of two label columns and n money columns (a
// pivot of coaches by n months).
func wideReport(n int) *model.Report {
	cols := []model.Column{{Name: "Coach", Type: model.ColText}, {Name: "Currency", Type: model.ColText}}
	for i := range n {
		cols = append(cols, model.Column{Name: fmt.Sprintf("2025-%02d", i+1), Type: model.ColMoney, Currency: "USD"})
	}
	r := &model.Report{Name: "wide", Title: "Wide report"}
	s := r.AddSheet("By coach", cols...)
	for i := range 5 {
		row := []model.Value{model.Text(fmt.Sprintf("Coach %d", i)), model.Text("USD")}
		for j := range n {
			row = append(row, model.MoneyMinor(int64(123456*(i+j+1)), 2))
		}
		s.AddRow(row...)
	}
	return r
}

// TestWideSheetPrintsReadably checks that a sheet too wide for one page
// (a pivot of 22 months printed at about 30 %, unreadable) prints across
// pages with its label columns repeated, and that a narrow one still fits
// one page wide.
func TestWideSheetPrintsReadably(t *testing.T) {
	tests := []struct {
		name     string
		months   int
		wantWide int // 0: more than one
		wantCols bool
	}{
		{"a quarter", 4, 1, false},
		{"a year", 13, 1, false},
		{"22 months", 23, 0, true},
		{"240 months", 241, 0, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "w.xlsx")
			if err := WriteFile(t.Context(), path, wideReport(tc.months), Options{}); err != nil {
				t.Fatal(err)
			}
			f := openBook(t, path)
			pl, err := f.GetPageLayout("By coach")
			if err != nil {
				t.Fatal(err)
			}
			wide := *pl.FitToWidth
			if tc.wantWide == 1 && wide != 1 {
				t.Errorf("fit to %d pages wide, want 1", wide)
			}
			if tc.wantWide == 0 && wide < 2 {
				t.Errorf("fit to %d page wide, want more", wide)
			}
			titles := ""
			for _, dn := range f.GetDefinedName() {
				if dn.Name == "_xlnm.Print_Titles" && dn.Scope == "By coach" {
					titles = dn.RefersTo
				}
			}
			if !strings.Contains(titles, "$1:$1") {
				t.Errorf("print titles %q: the header row is not repeated", titles)
			}
			if got := strings.Contains(titles, "$A:$B"); got != tc.wantCols {
				t.Errorf("print titles %q: label columns repeated %v, want %v", titles, got, tc.wantCols)
			}
		})
	}
}

// TestLabelColumnsNamed checks a sheet that names its row labels (a rank,
// then a coach): the leading integer column is repeated with the name on
// every page across, and both stay in view when scrolling right; without
// LabelColumns the leading-text rule finds no labels (the rank is first).
func TestLabelColumnsNamed(t *testing.T) {
	for _, label := range []int{0, 2} {
		cols := []model.Column{model.IntCol("Rank"), model.TextCol("Coach")}
		for i := range 23 {
			cols = append(cols, model.MoneyCol(fmt.Sprintf("2025-%02d", i+1), "USD"))
		}
		r := &model.Report{Name: "wide", Title: "Wide report"}
		s := r.AddSheet("By coach", cols...)
		for i := range 5 {
			row := []model.Value{model.Int(int64(i + 1)), model.Text(fmt.Sprintf("Coach %d", i))}
			for j := range 23 {
				row = append(row, model.MoneyMinor(int64(123456*(i+j+1)), 2))
			}
			s.AddRow(row...)
		}
		s.Formatting().LabelColumns = label
		path := filepath.Join(t.TempDir(), "w.xlsx")
		if err := WriteFile(t.Context(), path, r, Options{}); err != nil {
			t.Fatal(err)
		}
		f := openBook(t, path)
		titles := ""
		for _, dn := range f.GetDefinedName() {
			if dn.Name == "_xlnm.Print_Titles" && dn.Scope == "By coach" {
				titles = dn.RefersTo
			}
		}
		if got, want := strings.Contains(titles, "$A:$B"), label == 2; got != want {
			t.Errorf("LabelColumns %d: print titles %q, label columns repeated %v, want %v", label, titles, got, want)
		}
		panes, err := f.GetPanes("By coach")
		if err != nil {
			t.Fatal(err)
		}
		if got := panes.XSplit; got != label {
			t.Errorf("LabelColumns %d: frozen columns %d, want %d", label, got, label)
		}
	}
}
