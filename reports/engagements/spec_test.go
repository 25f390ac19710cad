package engagements_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/spf13/pflag"

	"github.com/careport/careport/fetch/dataset"
	"github.com/careport/careport/reports"
	"github.com/careport/careport/reports/engagements"
	"github.com/careport/careport/reports/model"
)

// TestSpec checks the report's flags and needs: defaults, ranges, and the
// data kinds it reads (the same for any period, so one snapshot serves
// all).
func TestSpec(t *testing.T) {
	if err := reports.Check([]reports.Spec{engagements.Spec}); err != nil {
		t.Fatal(err)
	}
	loc := time.UTC
	p := reports.Params{Period: model.NewPeriod(model.UnitMonth, model.CivilDate{Year: 2025, Month: 5, Day: 1}, loc), Location: loc}
	for _, tc := range []struct {
		name string
		args []string
		ok   bool
	}{
		{"defaults", nil, true},
		{"in range", []string{"--stalled-days", "1", "--under-use-points", "100", "--include-inactive"}, true},
		{"no days", []string{"--stalled-days", "0"}, false},
		{"over a year", []string{"--stalled-days", "366"}, false},
		{"no points", []string{"--under-use-points", "0"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := pflag.NewFlagSet("engagements", pflag.ContinueOnError)
			r := engagements.Spec.New(fs)
			if err := fs.Parse(tc.args); err != nil {
				t.Fatal(err)
			}
			err := r.CheckFlags()
			if (err == nil) != tc.ok || (err != nil && !errors.Is(err, reports.ErrOptions)) {
				t.Fatalf("CheckFlags: got %v, want ok %v (ErrOptions otherwise)", err, tc.ok)
			}
			needs, err := r.Needs(p)
			if !tc.ok {
				if !errors.Is(err, reports.ErrOptions) {
					t.Errorf("Needs: got %v, want ErrOptions", err)
				}
				return
			}
			want := dataset.Of(dataset.Engagements, dataset.Appointments, dataset.Clients, dataset.Coaches, dataset.Companies, dataset.Invoices)
			if err != nil || !slices.Equal(needs, want) {
				t.Errorf("Needs: got %v, %v; want %v", needs, err, want)
			}
		})
	}
	r := engagements.Spec.New(pflag.NewFlagSet("engagements", pflag.ContinueOnError))
	if _, err := r.Needs(reports.Params{}); !errors.Is(err, reports.ErrOptions) {
		t.Errorf("Needs without a period: got %v, want ErrOptions", err)
	}
}
