package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/spf13/pflag"

	"github.com/careport/careport/fetch/dataset"
	"github.com/careport/careport/fetch/sandbox"
	"github.com/careport/careport/fetch/sandbox/sandboxtest"
	"github.com/careport/careport/reports"
	"github.com/careport/careport/reports/model"
)

// stagedProbe is a report that needs the actions of only the clients whose
// name starts with "A" (a second stage, known once the clients are loaded);
// Build records what it could read.
type stagedProbe struct {
	want    []int
	actions int
}

func (s *stagedProbe) CheckFlags() error { return nil }
func (s *stagedProbe) Needs(reports.Params) ([]dataset.Need, error) {
	return dataset.Of(dataset.Clients), nil
}
func (s *stagedProbe) MoreNeeds(d *dataset.Set, _ reports.Params) ([]dataset.Need, error) {
	cs, err := d.Clients()
	if err != nil {
		return nil, err
	}
	s.want = nil
	for _, c := range cs {
		if strings.HasPrefix(c.FirstName, "A") {
			s.want = append(s.want, c.ID)
		}
	}
	return dataset.NeedActionsOf(s.want...), nil
}
func (s *stagedProbe) Build(d *dataset.Set, p reports.Params) (*model.Report, error) {
	acts, err := d.ActionsOf(s.want)
	if err != nil {
		return nil, err
	}
	s.actions = len(acts)
	return &model.Report{Name: "probe", Title: "Probe", Period: p.Period}, nil
}

// TestStagedNeeds checks that the command loads a staged report's second
// stage before Build, and only it: one Action.getAll per client it named.
func TestStagedNeeds(t *testing.T) {
	srv, url := sandboxtest.Start(t, sandbox.Options{})
	var out, errb bytes.Buffer
	e := &env{ctx: t.Context(), stdout: &out, stderr: &errb, now: sandboxtest.Now,
		getenv: func(k string) string {
			return map[string]string{"CA_API_ID": sandboxtest.APIID, "CA_API_KEY": sandboxtest.APIKey}[k]
		}}
	var af apiFlags
	af.add(pflag.NewFlagSet("t", pflag.ContinueOnError), false)
	af.url = url
	af.log.quiet = true
	log, err := af.log.logger(&errb)
	if err != nil {
		t.Fatal(err)
	}
	src, err := openSource(e, &af, log, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer src.close()
	probe := &stagedProbe{}
	spec := reports.Spec{Name: "probe", Summary: "s", Help: "h", New: func(*pflag.FlagSet) reports.Report { return probe }}
	rf := reportFlags{out: t.TempDir(), format: "csv", period: "2025-05"}
	if _, err := runReports(e, log, src, []job{{spec, probe}}, &rf, sandboxtest.Now()); err != nil {
		t.Fatal(err)
	}
	fx := sandboxtest.Fixture()
	want := 0
	named := map[int]bool{}
	for _, c := range fx.Clients {
		if strings.HasPrefix(c.FirstName, "A") {
			named[c.ID] = true
		}
	}
	for _, a := range fx.Actions {
		if named[a.ClientID] && a.ForWho != "C" {
			want++
		}
	}
	if len(named) == 0 || len(named) == len(fx.Clients) {
		t.Fatalf("the fixture should have some, not all, clients named A...: %d of %d", len(named), len(fx.Clients))
	}
	if got := srv.Stats().ByFunction["Action.getAll"]; got != int64(len(named)) {
		t.Errorf("Action.getAll called %d times, want %d (the clients the second stage named)", got, len(named))
	}
	if probe.actions != want {
		t.Errorf("Build read %d actions, want %d", probe.actions, want)
	}
}
