package metrics_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/pflag"

	"github.com/careport/careport/fetch/dataset"
	"github.com/careport/careport/fetch/sandbox/sandboxtest"
	"github.com/careport/careport/reports"
	"github.com/careport/careport/reports/metrics"
	"github.com/careport/careport/reports/model"
)

// TestFieldErrors checks an unknown field (an options error listing the
// account's names), a known field without data (a plain error: no
// workbook), a field without data beside one with data (a warning), and
// the coach filter.
func TestFieldErrors(t *testing.T) {
	a := testAccount()
	res := run(t, a, "2025-06", 0, "--field", "Wieght")
	if !errors.Is(res.err, reports.ErrOptions) {
		t.Fatalf("unknown field: got %v, want an options error", res.err)
	}
	for _, name := range []string{`"Wieght"`, "Weight", "Sales calls", "Sleep", "Steps", "Energy level", "Biggest win", "Top value"} {
		if !strings.Contains(res.err.Error(), name) {
			t.Errorf("unknown field error lacks %s: %v", name, res.err)
		}
	}
	res = run(t, a, "2025-06", 0, "--field", "Sleep")
	if res.err == nil || errors.Is(res.err, reports.ErrOptions) || !strings.Contains(res.err.Error(), `the field "Sleep" has no data point in 2025-06`) {
		t.Errorf("field without data: got %v", res.err)
	}
	res = run(t, a, "2025-06", 0, "--field", "Sleep", "--field", "Weight")
	if res.err != nil {
		t.Fatal(res.err)
	}
	if !slices.ContainsFunc(res.rep.Warnings, func(w string) bool { return strings.Contains(w, `"Sleep" has no data point in 2025-06`) }) {
		t.Errorf("no warning about Sleep: %q", res.rep.Warnings)
	}
	// Coach 2's clients: 102, 104 (inactive), 106.
	res = run(t, a, "2025-06", 2, "--field", "Weight", "--field", "Sales calls")
	if res.err != nil {
		t.Fatal(res.err)
	}
	for field, want := range map[string][]string{"Weight": {"104"}, "Sales calls": {"102"}} {
		var got []string
		for _, row := range cells(t, sheet(t, res.rep, "Grid "+field)) {
			got = append(got, row[1])
		}
		if !slices.Equal(got, want) {
			t.Errorf("coach 2 %s grid clients: got %q, want %q", field, got, want)
		}
	}
	if c, p := kpi(t, res.rep, "Sales calls", "Clients with a target"); c != "2" || p != "2" {
		t.Errorf("coach 2 Sales calls clients with a target: got %s / %s, want 2 / 2 (102 and 106)", c, p)
	}
	// Biggest win has June data, of client 107 (coach 1) only.
	res = run(t, a, "2025-06", 2, "--field", "Biggest win", "--values", "text")
	if res.err == nil || !strings.Contains(res.err.Error(), `"Biggest win" has no data point of a client of Carl Coach in 2025-06`) {
		t.Errorf("coach 2, Biggest win: got %v", res.err)
	}
}

// TestFlags checks the report's own flags: --field is required by
// CheckFlags (careport metrics) but not by Needs (careport fetch calls it
// with the defaults), which then asks for every client's metrics.
func TestFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		ok   bool
	}{
		{nil, false},
		{[]string{"--field", " "}, false},
		{[]string{"--field", "Weight"}, true},
		{[]string{"--field", "Weight", "--bucket", "year"}, false},
		{[]string{"--field", "Weight", "--bucket", "Month"}, true},
		{[]string{"--field", "Weight", "--values", "all"}, false},
		{[]string{"--field", "Weight", "--values", "both"}, true},
	} {
		fs := pflag.NewFlagSet("m", pflag.ContinueOnError)
		rep := metrics.Spec.New(fs)
		if err := fs.Parse(tc.args); err != nil {
			t.Fatal(err)
		}
		err := rep.CheckFlags()
		if (err == nil) != tc.ok || (err != nil && !errors.Is(err, reports.ErrOptions)) {
			t.Errorf("%q: got %v, want ok %t", tc.args, err, tc.ok)
		}
	}
	rep := metrics.Spec.New(pflag.NewFlagSet("m", pflag.ContinueOnError))
	p := reports.Params{Period: model.NewPeriod(model.UnitMonth, model.CivilDate{Year: 2025, Month: 6, Day: 1}, sandboxtest.Now().Location())}
	needs, err := rep.Needs(p)
	if err != nil {
		t.Fatalf("Needs without --field: %v", err)
	}
	if !slices.ContainsFunc(needs, func(n dataset.Need) bool { return n.Kind == dataset.Metrics && n.ClientID == 0 }) {
		t.Errorf("Needs without --field does not ask for every client's metrics: %v", needs)
	}
}
