package main

import (
	"bytes"
	"testing"
)

// TestProgressAfterFirstLoad checks that the progress bar goes on after
// the first load (the coaches) completes: it showed "(0/1)", cleared itself
// and then showed nothing while the invoices were fetched.
func TestProgressAfterFirstLoad(t *testing.T) {
	var buf bytes.Buffer
	e := &env{ctx: t.Context(), stderr: &buf}
	p := &progress{e: e, running: map[string]int{}, stop: make(chan struct{})}
	defer p.close()
	p.Planned(1)
	p.Started("coaches")
	p.Done("coaches", nil)
	p.Planned(4)
	for _, need := range []string{"clients", "companies", "invoices"} {
		p.Started(need)
		p.Done(need, nil)
	}
	if p.bar.IsFinished() {
		t.Fatal("the bar finished with one call of five to go")
	}
	st := p.bar.State()
	if st.CurrentNum != 4 || st.Max != 5 {
		t.Errorf("bar: got %d of %d, want 4 of 5", st.CurrentNum, st.Max)
	}
	p.Started("pairings")
	p.Done("pairings", nil)
	if !p.bar.IsFinished() {
		t.Error("the bar did not finish after the last call")
	}
}
