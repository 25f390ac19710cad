package main

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/spf13/pflag"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/fetch/snapshot"
)

// apiFlags are the flags of every subcommand that reads the API.
type apiFlags struct {
	url         string
	credentials string
	concurrency int
	rate        float64
	timeout     time.Duration
	idle        time.Duration
	deadline    time.Duration
	attempts    int
	snapshot    string
	log         logFlags
	// hc is the HTTP client of live runs (set by openSource; nil means
	// the fetch package's default).
	hc *http.Client
}

func (a *apiFlags) add(fs *pflag.FlagSet, withSnapshot bool) {
	fs.StringVar(&a.url, "api-url", "", "API endpoint (default $CA_API_URL, else "+fetch.DefaultBaseURL+"); plain http only for loopback")
	fs.StringVar(&a.credentials, "credentials", "", "file of CA_API_ID=... and CA_API_KEY=... lines, mode 0600 (default: the CA_API_ID and CA_API_KEY variables)")
	fs.IntVar(&a.concurrency, "concurrency", 4, "most API calls in flight at once")
	fs.Float64Var(&a.rate, "rate", 0, "most API calls per second, shared by every fetcher of the run (0 = no limit)")
	fs.DurationVar(&a.timeout, "timeout", fetch.DefaultCallTimeout, "time limit of one API call attempt, the whole response body included (e.g. 90s, 2m)")
	fs.DurationVar(&a.idle, "idle-timeout", fetch.DefaultIdleTimeout, "give up an attempt when the API sends no byte for this long (a stalled server); the attempt is retried")
	fs.DurationVar(&a.deadline, "call-deadline", fetch.DefaultCallDeadline, "time limit of one API call over all its attempts and the waits between them; also stops a body that trickles in")
	fs.IntVar(&a.attempts, "attempts", 5, "attempts per API call on network faults, HTTP 5xx and 429 (API errors are never retried)")
	if withSnapshot {
		fs.StringVar(&a.snapshot, "snapshot", "", "read every API response from this snapshot folder (made by 'careport fetch') and make no network call")
	}
	a.log.add(fs)
}

// client builds the fetch.Client the flags describe. With --snapshot it
// reads from the snapshot and needs no credentials; rec, when non-nil,
// records every accepted body.
func (a *apiFlags) client(e *env, log *slog.Logger, rec fetch.Recorder) (*fetch.Client, *snapshot.Reader, error) {
	if a.concurrency < 1 {
		return nil, nil, usagef("--concurrency must be at least 1")
	}
	if a.attempts < 1 {
		return nil, nil, usagef("--attempts must be at least 1")
	}
	if a.rate < 0 {
		return nil, nil, usagef("--rate must not be negative")
	}
	for _, d := range []struct {
		name string
		v    time.Duration
	}{{"--timeout", a.timeout}, {"--idle-timeout", a.idle}, {"--call-deadline", a.deadline}} {
		if d.v <= 0 {
			return nil, nil, usagef("%s must be a positive duration such as 30s or 2m, not %v", d.name, d.v)
		}
	}
	cfg := fetch.Config{
		Concurrency:  a.concurrency,
		Rate:         a.rate,
		CallTimeout:  a.timeout,
		IdleTimeout:  a.idle,
		CallDeadline: a.deadline,
		MaxAttempts:  a.attempts,
		Logger:       log,
		Recorder:     rec,
		HTTPClient:   a.hc,
	}
	if a.snapshot != "" {
		if a.url != "" || a.credentials != "" {
			return nil, nil, usagef("--snapshot reads no API, so --api-url and --credentials cannot go with it")
		}
		r, err := snapshot.Open(a.snapshot)
		if err != nil {
			return nil, nil, err
		}
		cfg.Source = r
		c, err := fetch.New(cfg)
		return c, r, err
	}
	cfg.BaseURL = a.url
	if cfg.BaseURL == "" {
		cfg.BaseURL = e.getenv("CA_API_URL")
	}
	if a.credentials != "" {
		creds, err := fetch.LoadCredentialsFile(a.credentials)
		if err != nil {
			return nil, nil, err
		}
		cfg.Credentials = creds
	} else {
		creds, ok := fetch.CredentialsFromEnv(e.getenv)
		if !ok {
			return nil, nil, errors.New("no API credentials: set CA_API_ID and CA_API_KEY (from the account's API settings page) or pass --credentials FILE; to try careport without an account, run 'careport demo' or 'careport sandbox'")
		}
		cfg.Credentials = creds
	}
	c, err := fetch.New(cfg)
	if err != nil {
		return nil, nil, usageError{err}
	}
	return c, nil, nil
}

// apiHost is the host part of the endpoint, for manifests and messages.
func (a *apiFlags) apiHost(e *env) string {
	raw := a.url
	if raw == "" {
		raw = e.getenv("CA_API_URL")
	}
	if raw == "" {
		raw = fetch.DefaultBaseURL
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "?"
	}
	return u.Host
}

// errorHint adds advice for errors whose own message cannot know the CLI.
func errorHint(err error) string {
	var ce *fetch.CallError
	if errors.As(err, &ce) {
		if ce.Attempts == 1 {
			return "check the network and --api-url, or raise --attempts / --timeout"
		}
		return fmt.Sprintf("the API did not answer after %d attempts; check the network and --api-url, or raise --attempts / --timeout", ce.Attempts)
	}
	var re *fetch.RecordError
	if errors.As(err, &re) {
		return "careport does not guess at values it cannot read, so no report was written; correct that record in CoachAccountable (or report it to their support) and run again"
	}
	return ""
}
