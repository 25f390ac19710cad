package fetch_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/fetch/sandbox"
	"github.com/careport/careport/fetch/sandbox/sandboxtest"
)

func TestRetriesRecover(t *testing.T) {
	for _, tc := range []struct {
		name      string
		faults    []sandbox.Fault
		wantSleep time.Duration // exact wait of the first retry when the server says; 0 = jittered
	}{
		{"500", []sandbox.Fault{sandbox.Fault500}, 0},
		{"502", []sandbox.Fault{sandbox.Fault502}, 0},
		{"503", []sandbox.Fault{sandbox.Fault503}, 0},
		{"429 honours Retry-After", []sandbox.Fault{sandbox.Fault429}, time.Second},
		{"dropped connection", []sandbox.Fault{sandbox.FaultDrop}, 0},
		{"truncated body", []sandbox.Fault{sandbox.FaultTruncate}, 0},
		{"all kinds in a row", []sandbox.Fault{sandbox.Fault500, sandbox.FaultDrop, sandbox.FaultTruncate, sandbox.Fault502}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newRig(t, sandbox.Options{}, fetch.Config{MaxAttempts: 5})
			r.srv.InjectNext(tc.faults...)
			got, err := r.client.Clients(t.Context(), fetch.ClientsOptions{IncludeInactive: true})
			if err != nil {
				t.Fatalf("got %v, want recovery", err)
			}
			if len(got) != len(sandboxtest.Fixture().Clients) {
				t.Errorf("got %d clients, want %d", len(got), len(sandboxtest.Fixture().Clients))
			}
			st := r.srv.Stats()
			if want := int64(len(tc.faults) + 1); st.Calls != want {
				t.Errorf("server saw %d calls, want %d", st.Calls, want)
			}
			sleeps := r.recordedSleeps()
			if len(sleeps) != len(tc.faults) {
				t.Fatalf("slept %d times, want %d", len(sleeps), len(tc.faults))
			}
			for i, s := range sleeps {
				ceiling := fetch.DefaultBackoffBase << i
				if tc.wantSleep != 0 {
					if s != tc.wantSleep {
						t.Errorf("sleep %d: got %v, want %v (Retry-After)", i, s, tc.wantSleep)
					}
				} else if s < 0 || s >= ceiling {
					t.Errorf("sleep %d: got %v, want in [0, %v)", i, s, ceiling)
				}
			}
			logs := r.logs.String()
			for _, want := range []string{`"function":"Client.getAll"`, `"attempt":1`, fmt.Sprintf(`"attempt":%d`, len(tc.faults)+1), `"duration"`, `"bytes"`} {
				if !strings.Contains(logs, want) {
					t.Errorf("debug log lacks %s", want)
				}
			}
		})
	}
}

func TestRetriesGiveUp(t *testing.T) {
	r := newRig(t, sandbox.Options{}, fetch.Config{MaxAttempts: 3})
	r.srv.InjectNext(sandbox.Fault500, sandbox.Fault503, sandbox.Fault502, sandbox.FaultNone)
	_, err := r.client.Clients(t.Context(), fetch.ClientsOptions{})
	noKeyIn(t, err)
	var ce *fetch.CallError
	if !errors.As(err, &ce) {
		t.Fatalf("got %T %v, want *fetch.CallError", err, err)
	}
	if ce.Function != "Client.getAll" || ce.Attempts != 3 {
		t.Errorf("got function %q, %d attempts; want Client.getAll, 3", ce.Function, ce.Attempts)
	}
	var he *fetch.HTTPError
	if !errors.As(err, &he) || he.StatusCode != http.StatusBadGateway {
		t.Errorf("last cause: got %v, want HTTP 502", ce.Last)
	}
	for _, want := range []string{"Client.getAll", "3 attempts", "502"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q lacks %q", err, want)
		}
	}
	if st := r.srv.Stats(); st.Calls != 3 {
		t.Errorf("server saw %d calls, want 3", st.Calls)
	}
	if n := len(r.recordedSleeps()); n != 2 {
		t.Errorf("slept %d times, want 2", n)
	}
}

func TestGiveUpOnDroppedConnections(t *testing.T) {
	r := newRig(t, sandbox.Options{}, fetch.Config{MaxAttempts: 2})
	r.srv.InjectNext(sandbox.FaultDrop, sandbox.FaultTruncate)
	_, err := r.client.Coaches(t.Context(), fetch.CoachesOptions{})
	noKeyIn(t, err)
	var ce *fetch.CallError
	if !errors.As(err, &ce) || ce.Attempts != 2 || ce.Function != "Coach.getAll" {
		t.Fatalf("got %v, want a CallError after 2 attempts", err)
	}
}

func TestNotFoundStatusNotRetried(t *testing.T) {
	r := newRig(t, sandbox.Options{}, fetch.Config{})
	c, err := fetch.New(fetch.Config{BaseURL: strings.TrimSuffix(r.url, "API/") + "elsewhere/",
		Credentials: fetch.Credentials{APIID: sandboxtest.APIID, APIKey: sandboxtest.APIKey},
		Sleep:       func(context.Context, time.Duration) error { t.Error("slept before a 404"); return nil }})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Clients(t.Context(), fetch.ClientsOptions{})
	var he *fetch.HTTPError
	if !errors.As(err, &he) || he.StatusCode != http.StatusNotFound {
		t.Fatalf("got %v, want HTTP 404", err)
	}
	var ce *fetch.CallError
	if errors.As(err, &ce) {
		t.Errorf("a 404 was retried: %v", err)
	}
}

func TestPerAttemptTimeout(t *testing.T) {
	// The slow body takes 5s; each attempt may take 400ms (ample for a normal
	// answer from a loopback sandbox, even on a loaded machine).
	r := newRig(t, sandbox.Options{SlowBodyDelay: 5 * time.Second}, fetch.Config{CallTimeout: 400 * time.Millisecond})
	r.srv.InjectNext(sandbox.FaultSlowBody)
	got, err := r.client.Companies(t.Context(), fetch.CompaniesOptions{})
	if err != nil {
		t.Fatalf("got %v, want recovery after the slow attempt timed out", err)
	}
	if len(got) != 1 {
		t.Errorf("got %d companies, want 1", len(got))
	}
	if st := r.srv.Stats(); st.Calls != 2 {
		t.Errorf("server saw %d calls, want 2", st.Calls)
	}
}

func TestContextEndsRetries(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	r := newRig(t, sandbox.Options{}, fetch.Config{MaxAttempts: 10, Sleep: func(ctx context.Context, d time.Duration) error {
		cancel() // the run is interrupted while waiting to retry
		<-ctx.Done()
		return ctx.Err()
	}})
	r.srv.InjectNext(sandbox.Fault503, sandbox.Fault503, sandbox.Fault503)
	_, err := r.client.Clients(ctx, fetch.ClientsOptions{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	var ce *fetch.CallError
	if errors.As(err, &ce) {
		t.Errorf("got a CallError, want ctx's error")
	}
	if st := r.srv.Stats(); st.Calls != 1 {
		t.Errorf("server saw %d calls after cancel, want 1", st.Calls)
	}
}

func TestNoKeyInLogsOrErrors(t *testing.T) {
	r := newRig(t, sandbox.Options{}, fetch.Config{MaxAttempts: 2})
	var errs []error
	r.srv.InjectNext(sandbox.Fault500, sandbox.FaultDrop)
	_, err := r.client.Clients(t.Context(), fetch.ClientsOptions{})
	errs = append(errs, err)
	_, err = r.client.Client(t.Context(), 12345)
	errs = append(errs, err)
	_, err = r.client.Call(t.Context(), "No.such", nil)
	errs = append(errs, err)
	r.srv.SetAPIEnabled(false)
	_, err = r.client.Coaches(t.Context(), fetch.CoachesOptions{})
	errs = append(errs, err)
	for _, err := range errs {
		if err == nil {
			t.Fatal("want every call to fail")
		}
		noKeyIn(t, err)
		if s := fmt.Sprintf("%+v %#v", err, err); strings.Contains(s, sandboxtest.APIKey) {
			t.Errorf("key in formatted error %s", s)
		}
	}
	logs := r.logs.String()
	if !strings.Contains(logs, `"level":"DEBUG"`) {
		t.Fatal("no debug lines captured")
	}
	if strings.Contains(logs, sandboxtest.APIKey) || strings.Contains(logs, "APIKey=") {
		t.Errorf("key in logs:\n%s", logs)
	}
}
