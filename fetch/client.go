// Package fetch is careport's client of the CoachAccountable API: one HTTP
// endpoint taking form POSTs (a=function, APIID, APIKey, parameters) and
// answering a JSON envelope (status, result, return, error, message,
// timezone). See /work/shared/api/COACHACCOUNTABLE.md.
//
// Every call goes through Client.Call, the single request path: it bounds
// concurrency across the Client, waits on the shared rate limiter, retries
// transport faults (connection errors, per-attempt timeouts, HTTP 429 and
// 5xx, unreadable bodies) with capped exponential backoff and full jitter,
// honours Retry-After, and turns envelope errors into *APIError, which is
// never retried. The typed fetchers (Clients, Invoices, Metrics, ...) decode
// the envelope's return tolerantly (numbers as strings, booleans as 0/1,
// zero dates, [] / {} / "" for empty) into plain Go records: money and other
// decimals as decimal.Decimal, dates and times as time.Time in the account
// zone the envelope names (Location).
//
// The API key never appears in an error, a log line or a recorded file.
//
// A Recorder sees every accepted body (for snapshots); with a Source the
// Client makes no network call and decodes recorded bodies exactly as if
// they had come over HTTP.
package fetch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// DefaultBaseURL is the live API endpoint.
const DefaultBaseURL = "https://www.coachaccountable.com/API/"

// Defaults of Config fields left zero.
const (
	DefaultCallTimeout = 60 * time.Second
	DefaultMaxAttempts = 5
	DefaultConcurrency = 4
	DefaultBackoffBase = 200 * time.Millisecond
	DefaultBackoffCap  = 10 * time.Second
)

// maxBody bounds a response body (the largest getAll of a big account is
// well below it).
const maxBody = 1 << 30

// Recorder receives every accepted response body: the final attempt's body,
// whose envelope decoded with error 0. params exclude a, APIID and APIKey;
// body is exactly as received. An error from Record fails the call.
type Recorder interface {
	Record(function string, params url.Values, body []byte) error
}

// Source supplies response bodies instead of the network (a snapshot).
// params exclude a, APIID and APIKey.
type Source interface {
	Body(ctx context.Context, function string, params url.Values) ([]byte, error)
}

// Config configures a Client. The zero value of every field but Credentials
// means its default.
type Config struct {
	// BaseURL is the API endpoint (default DefaultBaseURL). Plain http is
	// refused unless the host is loopback (127.0.0.0/8, ::1, localhost).
	BaseURL string
	// Credentials are required unless Source is set.
	Credentials Credentials
	// HTTPClient is used for every request; nil means a new http.Client
	// (never http.DefaultClient). Its own Timeout, if any, also applies.
	HTTPClient *http.Client
	// CallTimeout bounds each attempt, body included (default 60s).
	CallTimeout time.Duration
	// MaxAttempts is how many times a call is tried on transport faults (default 5).
	MaxAttempts int
	// Concurrency bounds the requests in flight across the whole Client (default 4).
	Concurrency int
	// Rate limits requests per second (0 = unlimited). Ignored when Limiter is set.
	Rate float64
	// Limiter, when set, is waited on before every attempt; share one between
	// the Clients of a run to limit them together.
	Limiter *rate.Limiter
	// Logger receives a Debug line per attempt and Warn lines; nil discards.
	Logger *slog.Logger
	// Now is the clock (default time.Now); used for Retry-After dates.
	Now func() time.Time
	// Sleep waits d or until ctx ends (returning ctx's error); default a timer.
	// Tests pass one that returns at once.
	Sleep func(ctx context.Context, d time.Duration) error
	// Rand is the jitter source (default seeded from the clock). The Client
	// guards it with a lock.
	Rand *rand.Rand
	// BackoffBase and BackoffCap shape the retry delays: attempt n waits a
	// uniformly random duration in [0, min(Cap, Base*2^(n-1))) (default 200ms, 10s).
	BackoffBase, BackoffCap time.Duration
	// Progress, when set, shows a progress bar of the fan-out fetchers.
	Progress io.Writer
	// Recorder, when set, receives every accepted body.
	Recorder Recorder
	// Source, when set, replaces the network entirely.
	Source Source
}

// Client calls the CoachAccountable API. It is safe for concurrent use.
type Client struct {
	baseURL     string
	creds       Credentials
	hc          *http.Client
	callTimeout time.Duration
	maxAttempts int
	sem         chan struct{}
	limiter     *rate.Limiter
	log         *slog.Logger
	now         func() time.Time
	sleep       func(context.Context, time.Duration) error
	backoff     backoff
	progress    io.Writer
	recorder    Recorder
	source      Source

	mu    sync.Mutex
	rnd   *rand.Rand
	loc   *time.Location
	zones map[string]*time.Location
}

// New checks cfg and returns a Client. It refuses a plain-http BaseURL to a
// non-loopback host (the key would travel in clear) and missing credentials
// unless cfg.Source is set.
func New(cfg Config) (*Client, error) {
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	u, err := url.Parse(cfg.BaseURL)
	if err != nil {
		return nil, fmt.Errorf("new client: base URL: %w", err)
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !isLoopback(u.Hostname()) {
			return nil, fmt.Errorf("new client: base URL %s uses plain http to a non-loopback host; the API key would be sent unencrypted (use https, or http only to 127.0.0.1, ::1 or localhost)", u.Redacted())
		}
	default:
		return nil, fmt.Errorf("new client: base URL %s: scheme must be https (or http to a loopback host)", u.Redacted())
	}
	if u.User != nil {
		return nil, fmt.Errorf("new client: base URL must not hold user information")
	}
	if cfg.Source == nil && !cfg.Credentials.complete() {
		return nil, fmt.Errorf("new client: missing credentials: set %s and %s (environment or credentials file)", EnvAPIID, EnvAPIKey)
	}
	c := &Client{
		baseURL:     u.String(),
		creds:       cfg.Credentials,
		hc:          cfg.HTTPClient,
		callTimeout: cfg.CallTimeout,
		maxAttempts: cfg.MaxAttempts,
		limiter:     cfg.Limiter,
		log:         cfg.Logger,
		now:         cfg.Now,
		sleep:       cfg.Sleep,
		backoff:     backoff{base: cfg.BackoffBase, cap: cfg.BackoffCap},
		progress:    cfg.Progress,
		recorder:    cfg.Recorder,
		source:      cfg.Source,
		rnd:         cfg.Rand,
		zones:       map[string]*time.Location{},
	}
	if c.hc == nil {
		c.hc = &http.Client{}
	}
	if c.callTimeout <= 0 {
		c.callTimeout = DefaultCallTimeout
	}
	if c.maxAttempts <= 0 {
		c.maxAttempts = DefaultMaxAttempts
	}
	n := cfg.Concurrency
	if n <= 0 {
		n = DefaultConcurrency
	}
	c.sem = make(chan struct{}, n)
	if c.limiter == nil && cfg.Rate > 0 {
		burst := int(cfg.Rate)
		if burst < 1 {
			burst = 1
		}
		c.limiter = rate.NewLimiter(rate.Limit(cfg.Rate), burst)
	}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	if c.now == nil {
		c.now = time.Now
	}
	if c.sleep == nil {
		c.sleep = sleepCtx
	}
	if c.backoff.base <= 0 {
		c.backoff.base = DefaultBackoffBase
	}
	if c.backoff.cap <= 0 {
		c.backoff.cap = DefaultBackoffCap
	}
	if c.rnd == nil {
		seed := uint64(c.now().UnixNano())
		c.rnd = rand.New(rand.NewPCG(seed, seed>>1|1))
	}
	return c, nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Location is the account time zone named by the last successful envelope
// (UTC if that name was unknown); nil before any successful call.
func (c *Client) Location() *time.Location {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.loc
}

// zone returns the location of an envelope's timezone name, caching it, and
// records it as the Client's Location. Unknown names fall back to UTC with
// a warning.
func (c *Client) zone(name string) *time.Location {
	c.mu.Lock()
	defer c.mu.Unlock()
	loc, ok := c.zones[name]
	if !ok {
		var err error
		loc, err = time.LoadLocation(name)
		if err != nil || name == "" {
			c.log.Warn("unknown account time zone; using UTC", "timezone", name)
			loc = time.UTC
		}
		c.zones[name] = loc
	}
	c.loc = loc
	return loc
}

// redact removes the API key from text that came from outside (a server
// message, a body snippet), in case a server echoes it.
func (c *Client) redact(s string) string {
	if c.creds.APIKey == "" {
		return s
	}
	return strings.ReplaceAll(s, c.creds.APIKey, redacted)
}

// decodeError reports a body that could not be decoded; the cause's text,
// which may quote the body, has the API key removed.
func (c *Client) decodeError(function string, err error) error {
	if c.creds.APIKey != "" && strings.Contains(err.Error(), c.creds.APIKey) {
		err = &redactedError{msg: c.redact(err.Error()), err: err}
	}
	return &DecodeError{Function: function, Err: err}
}

// redactedError keeps a cause for errors.Is/As but shows a redacted text.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

func (c *Client) jitter(n int64) int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.rnd.Int64N(n)
}

// Call calls one API function with params (which must not hold a, APIID or
// APIKey; they are added) and returns the decoded envelope. An envelope
// error is an *APIError (not retried); transport faults are retried up to
// MaxAttempts, then reported as a *CallError; when ctx ends, ctx's error is
// returned. With a Source, the body comes from it instead of the network.
func (c *Client) Call(ctx context.Context, function string, params url.Values) (*Envelope, error) {
	env, _, err := c.call(ctx, function, params)
	return env, err
}

// call is Call also returning the account location of the envelope.
func (c *Client) call(ctx context.Context, function string, params url.Values) (*Envelope, *time.Location, error) {
	params = cleanParams(params)
	if c.source != nil {
		body, err := c.source.Body(ctx, function, params)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: snapshot: %w", function, err)
		}
		env, err := c.accept(function, body)
		if err != nil {
			return nil, nil, err
		}
		return env, c.zone(env.Timezone), nil
	}
	form := url.Values{}
	for k, v := range params {
		form[k] = v
	}
	form.Set("a", function)
	form.Set("APIID", c.creds.APIID)
	form.Set("APIKey", c.creds.APIKey)
	payload := form.Encode()

	var last error
	for attempt := 1; ; attempt++ {
		body, retryAfter, err := c.attempt(ctx, function, attempt, payload)
		if err == nil {
			env, err := c.accept(function, body)
			var de *DecodeError
			if errors.As(err, &de) {
				// An unreadable envelope is a damaged transfer: retry.
				last = err
			} else if err != nil {
				return nil, nil, err
			} else {
				if c.recorder != nil {
					if err := c.recorder.Record(function, params, body); err != nil {
						return nil, nil, fmt.Errorf("%s: record response: %w", function, err)
					}
				}
				return env, c.zone(env.Timezone), nil
			}
		} else {
			if ctx.Err() != nil {
				return nil, nil, ctx.Err()
			}
			if !retryable(err) {
				return nil, nil, fmt.Errorf("%s: %w", function, err)
			}
			last = err
		}
		if attempt >= c.maxAttempts {
			return nil, nil, &CallError{Function: function, Attempts: attempt, Last: last}
		}
		wait := c.backoff.delay(attempt, c.jitter)
		if retryAfter > wait {
			wait = retryAfter
		}
		c.log.Debug("api retry", "function", function, "attempt", attempt, "wait", wait, "error", last.Error())
		if err := c.sleep(ctx, wait); err != nil {
			return nil, nil, err
		}
	}
}

// cleanParams copies params without the fields the Client sets itself.
func cleanParams(params url.Values) url.Values {
	out := url.Values{}
	for k, v := range params {
		if k == "a" || k == "APIID" || k == "APIKey" {
			continue
		}
		out[k] = append([]string(nil), v...)
	}
	return out
}

// accept decodes an envelope and turns an API error into *APIError.
func (c *Client) accept(function string, body []byte) (*Envelope, error) {
	env, err := DecodeEnvelope(body)
	if err != nil {
		return nil, c.decodeError(function, err)
	}
	if env.Error != 0 {
		return nil, &APIError{Function: function, Code: env.Error, Message: c.redact(env.Message)}
	}
	return env, nil
}

// attempt makes one HTTP request and reads its body. It returns the body of
// a 200 response, or an error and the server's Retry-After wait.
func (c *Client) attempt(ctx context.Context, function string, n int, payload string) (body []byte, retryAfter time.Duration, err error) {
	if c.limiter != nil {
		if err := c.limiter.Wait(ctx); err != nil {
			if ctx.Err() != nil {
				return nil, 0, ctx.Err()
			}
			return nil, 0, fmt.Errorf("rate limiter: %w", err)
		}
	}
	select {
	case c.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, 0, ctx.Err()
	}
	defer func() { <-c.sem }()

	start := time.Now()
	actx, cancel := context.WithTimeout(ctx, c.callTimeout)
	defer cancel()
	status := 0
	defer func() {
		attrs := []any{"function", function, "attempt", n, "duration", time.Since(start), "bytes", len(body), "status", status}
		if err != nil {
			attrs = append(attrs, "error", c.redact(err.Error()))
		}
		c.log.Debug("api call", attrs...)
	}()

	req, err := http.NewRequestWithContext(actx, http.MethodPost, c.baseURL, strings.NewReader(payload))
	if err != nil {
		return nil, 0, fmt.Errorf("build request: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, 0, &transportError{err: stripURL(err)}
	}
	defer resp.Body.Close()
	status = resp.StatusCode
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if resp.StatusCode != http.StatusOK {
		he := &HTTPError{StatusCode: resp.StatusCode, Status: resp.Status, Snippet: c.redact(snippet(b))}
		if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
			retryAfter = parseRetryAfter(resp.Header.Get("Retry-After"), c.now())
		}
		return nil, retryAfter, he
	}
	if err != nil {
		return nil, 0, &transportError{err: fmt.Errorf("read body: %w", stripURL(err))}
	}
	return b, 0, nil
}

// transportError marks a failure of the connection or the transfer.
type transportError struct{ err error }

func (e *transportError) Error() string { return e.err.Error() }
func (e *transportError) Unwrap() error { return e.err }

// stripURL drops the request URL from a *url.Error so that errors stay short;
// the URL never holds credentials (they travel in the body).
func stripURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("%s: %w", strings.ToLower(ue.Op), ue.Err)
	}
	return err
}

func snippet(b []byte) string {
	b = bytes.TrimSpace(b)
	if len(b) > 120 {
		b = b[:120]
	}
	return strings.ToValidUTF8(string(b), "?")
}
