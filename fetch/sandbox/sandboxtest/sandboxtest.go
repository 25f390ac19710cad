// Package sandboxtest starts sandboxes for tests: Start runs a
// fetch/sandbox server on a loopback httptest server, and Fixture builds a
// small hand-made account whose every figure a test can check by eye.
package sandboxtest

import (
	"testing"
	"time"

	"net/http/httptest"

	"github.com/careport/careport/fetch/sandbox"
)

// APIID and APIKey are the credentials Start gives a sandbox when the
// options leave them empty (30 and 40 characters, like the docs' samples).
const (
	APIID  = "SANDBOXTESTAPIID00000000000001"
	APIKey = "sandboxtestapikey000000000000000000000001"
)

// Now is a fixed clock for tests: 2025-06-30 12:00:00 in the fixture's
// timezone (America/Denver), the fixture's AsOf day. Pass it as Options.Now.
func Now() time.Time {
	loc, err := time.LoadLocation(Timezone)
	if err != nil {
		loc = time.FixedZone("MDT", -6*3600)
	}
	return time.Date(2025, 6, 30, 12, 0, 0, 0, loc)
}

// Start runs a sandbox on an httptest server at 127.0.0.1 serving opts and
// closes both with tb.Cleanup. Account defaults to Fixture() when nil;
// APIID and APIKey default to the constants above. The URL returned is the
// API endpoint, ending in "/API/".
func Start(tb testing.TB, opts sandbox.Options) (*sandbox.Server, string) {
	tb.Helper()
	if opts.Account == nil {
		opts.Account = Fixture()
	}
	if opts.APIID == "" {
		opts.APIID = APIID
	}
	if opts.APIKey == "" {
		opts.APIKey = APIKey
	}
	s, err := sandbox.New(opts)
	if err != nil {
		tb.Fatalf("sandboxtest: %v", err)
	}
	ts := httptest.NewServer(s.Handler())
	tb.Cleanup(func() {
		ts.Close()
		if err := s.Close(); err != nil {
			tb.Errorf("sandboxtest: close: %v", err)
		}
	})
	return s, ts.URL + "/API/"
}
