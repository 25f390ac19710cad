package sandbox_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/careport/careport/fetch/sandbox"
	"github.com/careport/careport/fetch/sandbox/sandboxtest"
)

// rawCall posts Invoice.getAll and returns the response (body read fully,
// with the read error) or the transport error.
func rawCall(t *testing.T, endpoint string) (*http.Response, []byte, error, error) {
	t.Helper()
	form := "a=Invoice.getAll&APIID=" + sandboxtest.APIID + "&APIKey=" + sandboxtest.APIKey
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, endpoint, strings.NewReader(form))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		return nil, nil, nil, err
	}
	defer resp.Body.Close()
	b, readErr := io.ReadAll(resp.Body)
	return resp, b, readErr, nil
}

func TestInjectNext(t *testing.T) {
	const slow = 300 * time.Millisecond
	tests := []struct {
		fault sandbox.Fault
		check func(t *testing.T, resp *http.Response, body []byte, readErr, err error, elapsed time.Duration)
	}{
		{sandbox.FaultNone, func(t *testing.T, resp *http.Response, body []byte, readErr, err error, _ time.Duration) {
			if err != nil || readErr != nil || resp.StatusCode != 200 || !json.Valid(body) {
				t.Errorf("err %v, read %v, status %v, valid JSON %v", err, readErr, resp, json.Valid(body))
			}
		}},
		{sandbox.Fault500, statusCheck(500, "")},
		{sandbox.Fault502, statusCheck(502, "")},
		{sandbox.Fault503, statusCheck(503, "")},
		{sandbox.Fault429, statusCheck(429, "1")},
		{sandbox.FaultDrop, func(t *testing.T, resp *http.Response, _ []byte, _, err error, _ time.Duration) {
			if err == nil {
				t.Errorf("got a response (status %d), want a transport error", resp.StatusCode)
			}
		}},
		{sandbox.FaultTruncate, func(t *testing.T, resp *http.Response, body []byte, readErr, err error, _ time.Duration) {
			if err != nil {
				t.Fatalf("transport error %v, want a cut body", err)
			}
			if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/json; charset=utf-8" {
				t.Errorf("status %d, type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
			}
			if !errors.Is(readErr, io.ErrUnexpectedEOF) {
				t.Errorf("read error %v, want unexpected EOF", readErr)
			}
			if int64(len(body)) >= resp.ContentLength || len(body) == 0 || json.Valid(body) {
				t.Errorf("read %d of Content-Length %d bytes (valid JSON %v), want a non-empty prefix", len(body), resp.ContentLength, json.Valid(body))
			}
		}},
		{sandbox.FaultSlowBody, func(t *testing.T, resp *http.Response, body []byte, readErr, err error, elapsed time.Duration) {
			if err != nil || readErr != nil || resp.StatusCode != 200 || !json.Valid(body) {
				t.Fatalf("err %v, read %v, valid JSON %v", err, readErr, json.Valid(body))
			}
			if elapsed < slow*9/10 {
				t.Errorf("body arrived after %v, want about %v", elapsed, slow)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.fault.String(), func(t *testing.T) {
			srv, endpoint := sandboxtest.Start(t, sandbox.Options{Now: sandboxtest.Now, SlowBodyDelay: slow})
			srv.InjectNext(tc.fault)
			start := time.Now()
			resp, body, readErr, err := rawCall(t, endpoint)
			tc.check(t, resp, body, readErr, err, time.Since(start))
			// The queue is used up: the next call is normal.
			if resp, body, readErr, err := rawCall(t, endpoint); err != nil || readErr != nil || resp.StatusCode != 200 || !json.Valid(body) {
				t.Errorf("call after the fault: err %v, read %v", err, readErr)
			}
			st := srv.Stats()
			wantFaults := int64(1)
			if tc.fault == sandbox.FaultNone {
				wantFaults = 0
			}
			if st.Calls != 2 || st.Faults[tc.fault] != wantFaults || st.ByFunction["Invoice.getAll"] != 2 {
				t.Errorf("stats %+v", st)
			}
		})
	}
}

func statusCheck(status int, retryAfter string) func(t *testing.T, resp *http.Response, body []byte, readErr, err error, _ time.Duration) {
	return func(t *testing.T, resp *http.Response, body []byte, readErr, err error, _ time.Duration) {
		if err != nil || readErr != nil {
			t.Fatalf("err %v, read %v", err, readErr)
		}
		if resp.StatusCode != status || resp.Header.Get("Retry-After") != retryAfter {
			t.Errorf("status %d, Retry-After %q; want %d, %q", resp.StatusCode, resp.Header.Get("Retry-After"), status, retryAfter)
		}
		if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") || !strings.Contains(string(body), "<html>") {
			t.Errorf("body %q (%s), want a short HTML page", body, resp.Header.Get("Content-Type"))
		}
	}
}

func TestInjectNextQueueOrder(t *testing.T) {
	srv, endpoint := startFixture(t)
	srv.InjectNext(sandbox.Fault503, sandbox.FaultNone)
	srv.InjectNext(sandbox.Fault429)
	var got []int
	for range 4 {
		resp, _, _, err := rawCall(t, endpoint)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, resp.StatusCode)
	}
	if !equalInts(got, []int{503, 200, 429, 200}) {
		t.Errorf("statuses %v, want [503 200 429 200]", got)
	}
}

// statuses runs n sequential calls against a fresh sandbox with opts and
// returns their HTTP statuses.
func statuses(t *testing.T, opts sandbox.Options, n int) []int {
	t.Helper()
	_, endpoint := sandboxtest.Start(t, opts)
	var out []int
	for range n {
		resp, _, _, err := rawCall(t, endpoint)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, resp.StatusCode)
	}
	return out
}

func TestRandomFaultsAreSeeded(t *testing.T) {
	opts := sandbox.Options{Faults: 0.5, FaultKinds: []sandbox.Fault{sandbox.Fault500, sandbox.Fault503}, Seed: 7}
	a, b := statuses(t, opts, 40), statuses(t, opts, 40)
	if !equalInts(a, b) {
		t.Errorf("same seed, different faults:\n%v\n%v", a, b)
	}
	count := map[int]int{}
	for _, s := range a {
		count[s]++
	}
	if count[200] == 0 || count[500] == 0 || count[503] == 0 || len(count) != 3 {
		t.Errorf("status counts %v, want a mix of 200, 500 and 503 only", count)
	}
	opts.Seed = 8
	if c := statuses(t, opts, 40); equalInts(a, c) {
		t.Errorf("seeds 7 and 8 gave the same 40 draws")
	}
	if all := statuses(t, sandbox.Options{Faults: 1, FaultKinds: []sandbox.Fault{sandbox.Fault502}}, 5); !equalInts(all, []int{502, 502, 502, 502, 502}) {
		t.Errorf("rate 1: %v", all)
	}
}

func TestMaxInFlight(t *testing.T) {
	const n = 6
	srv, endpoint := sandboxtest.Start(t, sandbox.Options{Now: sandboxtest.Now, Latency: 400 * time.Millisecond})
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			if resp, _, _, err := rawCall(t, endpoint); err != nil || resp.StatusCode != 200 {
				t.Errorf("concurrent call: %v", err)
			}
		})
	}
	wg.Wait()
	st := srv.Stats()
	if st.Calls != n || st.InFlight != 0 || st.MaxInFlight < 2 || st.MaxInFlight > n {
		t.Errorf("stats %+v, want %d calls, none in flight, 2..%d at most at once", st, n, n)
	}
	srv.ResetStats()
	if st := srv.Stats(); st.MaxInFlight != 0 {
		t.Errorf("MaxInFlight after reset %d", st.MaxInFlight)
	}
}

func TestLatencyEndsWithRequestContext(t *testing.T) {
	srv, endpoint := sandboxtest.Start(t, sandbox.Options{Latency: time.Hour})
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader("a=Client.getAll"))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if _, err := http.DefaultTransport.RoundTrip(req); err == nil {
		t.Fatal("call during an hour of latency succeeded")
	}
	// The server notices the gone client and stops waiting.
	deadline := time.Now().Add(10 * time.Second)
	for srv.Stats().InFlight != 0 {
		if time.Now().After(deadline) {
			t.Fatal("request still in flight 10s after its client left")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestFaultNames(t *testing.T) {
	for f := sandbox.FaultNone; f <= sandbox.FaultSlowBody; f++ {
		got, err := sandbox.ParseFault(f.String())
		if err != nil || got != f {
			t.Errorf("ParseFault(%q) = %v, %v", f.String(), got, err)
		}
	}
	if _, err := sandbox.ParseFault("meteor"); err == nil {
		t.Error("ParseFault(meteor) succeeded")
	}
}
