package fetch_test

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/fetch/apicode"
	"github.com/careport/careport/fetch/sandbox"
	"github.com/careport/careport/fetch/sandbox/account"
	"github.com/careport/careport/fetch/sandbox/sandboxtest"
	"golang.org/x/time/rate"
)

// bigAccount builds an account of n active clients of one coach, each with
// one metric holding one data point.
func bigAccount(n int) *account.Account {
	a := &account.Account{
		Name: "fan-out benchmark", Timezone: sandboxtest.Timezone, Currency: "USD", Currencies: []string{"USD"},
		OwnerCoachID: 1, PaymentTermDays: 14,
		Coaches: []*account.Coach{{ID: 1, FirstName: "Olivia", LastName: "Owner", Email: "o@example.com", Timezone: sandboxtest.Timezone,
			DateAdded: account.DateTimeOf(2023, 1, 1, 9, 0, 0), IsActive: true, IsCoaching: true}},
	}
	for i := 1; i <= n; i++ {
		added := account.DateTimeOf(2024, 1, 1, 9, 0, 0)
		a.Clients = append(a.Clients, &account.Client{ID: i, CoachID: 1, FirstName: "Client", LastName: fmt.Sprintf("N%05d", i),
			Email: fmt.Sprintf("c%d@example.com", i), Timezone: sandboxtest.Timezone, DateAdded: added, IsActive: true})
		a.Pairings = append(a.Pairings, &account.Pairing{CoachID: 1, ClientID: i, Type: "P", StartDate: added})
		a.Metrics = append(a.Metrics, &account.Metric{ID: i, ClientID: i, Name: "Weight", Units: "lbs",
			StartDate: account.DateOf(2025, 1, 1), EndDate: account.DateOf(2025, 12, 31), TargetMode: "L", DataMode: "R", RepeatRule: "W",
			Data: []*account.DataPoint{{ID: i, DateOf: account.DateOf(2025, 3, 1), Value: account.Fixed(int64(i) * account.FixedScale)}}})
	}
	return a
}

func TestMaxInFlightNeverExceedsConcurrency(t *testing.T) {
	const conc = 3
	r := newRig(t, sandbox.Options{Account: bigAccount(40), Latency: 15 * time.Millisecond}, fetch.Config{Concurrency: conc})
	ids := make([]int, 40)
	for i := range ids {
		ids[i] = 40 - i // reversed: results must still come back in ID order
	}
	// Several fan-outs and single calls at once share the Client's bound.
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 3 {
		wg.Go(func() {
			ms, err := r.client.MetricsForClients(t.Context(), ids, fetch.MetricsOptions{})
			if err == nil && len(ms) != 40 {
				err = fmt.Errorf("got %d metrics, want 40", len(ms))
			}
			if err == nil && !slices.IsSortedFunc(ms, func(a, b fetch.Metric) int { return a.ClientID - b.ClientID }) {
				err = errors.New("metrics not in client ID order")
			}
			for i, m := range ms {
				if err == nil && (m.ClientID != i+1 || m.ID != i+1) {
					err = fmt.Errorf("metric %d belongs to client %d", m.ID, m.ClientID)
				}
			}
			errs <- err
		})
		wg.Go(func() {
			_, err := r.client.Clients(t.Context(), fetch.ClientsOptions{})
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	st := r.srv.Stats()
	if st.MaxInFlight > conc {
		t.Errorf("MaxInFlight = %d, want <= %d", st.MaxInFlight, conc)
	}
	if st.MaxInFlight < 2 {
		t.Errorf("MaxInFlight = %d: calls did not run concurrently", st.MaxInFlight)
	}
	if got := st.ByFunction["Metric.getAll"]; got != 120 {
		t.Errorf("Metric.getAll calls: got %d, want 120", got)
	}
}

func TestFanOutFirstErrorCancelsRest(t *testing.T) {
	r := newRig(t, sandbox.Options{Account: bigAccount(30), Latency: 5 * time.Millisecond}, fetch.Config{Concurrency: 2})
	r.srv.SetAPIEnabled(false)
	ids := make([]int, 30)
	for i := range ids {
		ids[i] = i + 1
	}
	ms, err := r.client.MetricsForClients(t.Context(), ids, fetch.MetricsOptions{})
	if !errors.Is(err, fetch.ErrCredentials) || !errors.Is(err, &fetch.APIError{Code: apicode.APIDisabled}) {
		t.Fatalf("got %v, want the 106 API error", err)
	}
	if ms != nil {
		t.Errorf("got %d metrics with the error, want none", len(ms))
	}
	if calls := r.srv.Stats().ByFunction["Metric.getAll"]; calls > 4 {
		t.Errorf("%d calls made after a fatal error, want the rest canceled", calls)
	}
}

func TestSharedLimiter(t *testing.T) {
	// One limiter with a burst of 5 and a slow refill, shared by two Clients:
	// five calls between them use up the burst.
	lim := rate.NewLimiter(rate.Every(time.Hour), 5)
	r := newRig(t, sandbox.Options{}, fetch.Config{Limiter: lim})
	other, err := fetch.New(fetch.Config{BaseURL: r.url, Limiter: lim,
		Credentials: fetch.Credentials{APIID: sandboxtest.APIID, APIKey: sandboxtest.APIKey}})
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if _, err := r.client.Companies(t.Context(), fetch.CompaniesOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	for range 2 {
		if _, err := other.Coaches(t.Context(), fetch.CoachesOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	if tokens := lim.Tokens(); tokens >= 1 {
		t.Errorf("limiter has %.2f tokens left, want < 1 after 5 calls of two clients", tokens)
	}
}

func TestProgressBar(t *testing.T) {
	var buf bytes.Buffer
	r := newRig(t, sandbox.Options{}, fetch.Config{Progress: &buf})
	if _, err := r.client.MetricsForClients(t.Context(), []int{101, 102, 103}, fetch.MetricsOptions{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(buf.Bytes(), []byte("Metric.getAll")) {
		t.Errorf("progress output lacks the description: %q", buf.String())
	}
}

// BenchmarkFanOut fetches the metrics of 2,000 clients through a sandbox
// answering each call after 50ms, with Concurrency 8: ideally 2000*50ms/8 =
// 12.5s. It reports the seconds taken and the sandbox's max_in_flight.
func BenchmarkFanOut(b *testing.B) {
	const n, conc, latency = 2000, 8, 50 * time.Millisecond
	r := newRig(b, sandbox.Options{Account: bigAccount(n), Latency: latency}, fetch.Config{Concurrency: conc})
	ids := make([]int, n)
	for i := range ids {
		ids[i] = i + 1
	}
	ideal := float64(n) * latency.Seconds() / conc
	var total time.Duration
	b.ResetTimer()
	for b.Loop() {
		r.srv.ResetStats()
		start := time.Now()
		ms, err := r.client.MetricsForClients(b.Context(), ids, fetch.MetricsOptions{})
		total += time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		if len(ms) != n {
			b.Fatalf("got %d metrics, want %d", len(ms), n)
		}
	}
	st := r.srv.Stats()
	b.ReportMetric(ideal, "ideal_s")
	b.ReportMetric(total.Seconds()/float64(b.N), "measured_s")
	b.ReportMetric(float64(st.MaxInFlight), "max_in_flight")
	if st.MaxInFlight > conc {
		b.Errorf("MaxInFlight = %d, want <= %d", st.MaxInFlight, conc)
	}
}
