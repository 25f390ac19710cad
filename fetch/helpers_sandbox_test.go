package fetch_test

import (
	"bytes"
	"context"
	"log/slog"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/fetch/sandbox"
	"github.com/careport/careport/fetch/sandbox/sandboxtest"
)

// rig is a sandbox over real HTTP and a production Client talking to it,
// with a recording sleep (no real waiting) and captured debug logs.
type rig struct {
	srv    *sandbox.Server
	url    string
	client *fetch.Client
	loc    *time.Location

	mu     sync.Mutex
	sleeps []time.Duration
	logs   *syncBuffer
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// newRig starts a sandbox with opts (fixture account and clock by default)
// and a Client configured by cfg on top of the rig's defaults.
func newRig(t testing.TB, opts sandbox.Options, cfg fetch.Config) *rig {
	t.Helper()
	if opts.Now == nil {
		opts.Now = sandboxtest.Now
	}
	r := &rig{logs: &syncBuffer{}}
	r.srv, r.url = sandboxtest.Start(t, opts)
	if cfg.BaseURL == "" {
		cfg.BaseURL = r.url
	}
	if cfg.Credentials == (fetch.Credentials{}) {
		cfg.Credentials = fetch.Credentials{APIID: sandboxtest.APIID, APIKey: sandboxtest.APIKey}
	}
	if cfg.Sleep == nil {
		cfg.Sleep = func(ctx context.Context, d time.Duration) error {
			r.mu.Lock()
			r.sleeps = append(r.sleeps, d)
			r.mu.Unlock()
			return ctx.Err()
		}
	}
	if cfg.Rand == nil {
		cfg.Rand = rand.New(rand.NewPCG(1, 2))
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewJSONHandler(r.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	var err error
	r.client, err = fetch.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	r.loc, err = time.LoadLocation(sandboxtest.Timezone)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.assertNoKey(t) })
	return r
}

// assertNoKey fails if the API key appears in the captured logs.
func (r *rig) assertNoKey(t testing.TB) {
	t.Helper()
	if strings.Contains(r.logs.String(), sandboxtest.APIKey) {
		t.Errorf("API key found in the logs")
	}
}

func (r *rig) recordedSleeps() []time.Duration {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]time.Duration(nil), r.sleeps...)
}

// noKeyIn fails if err's message contains the API key.
func noKeyIn(t testing.TB, err error) {
	t.Helper()
	if err != nil && strings.Contains(err.Error(), sandboxtest.APIKey) {
		t.Errorf("API key found in error %q", err)
	}
}

func newJSONLogger(w *syncBuffer) *slog.Logger {
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}
