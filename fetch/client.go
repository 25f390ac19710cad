// Package fetch is careport's client of the CoachAccountable API: one HTTP
// endpoint taking form POSTs (a=function, APIID, APIKey, parameters) and
// answering a JSON envelope (status, result, return, error, message,
// timezone). See the team's API reference, COACHACCOUNTABLE.md (kept outside
// the repository, at ../shared/api/ from its root).
//
// Every call goes through Client.Call's single request path: it bounds
// concurrency across the Client, waits on the shared rate limiter, retries
// transport faults (connection errors, per-attempt and idle timeouts, HTTP
// 429 and 5xx, unreadable bodies) with capped exponential backoff and full
// jitter, honours Retry-After, stops at the per-call deadline, and turns
// envelope errors into *APIError, which is never retried. It never follows
// a redirect (that would re-send the API key), and a body over the size
// limit fails the call at once (*BodyTooLargeError).
//
// The typed fetchers (Clients, Invoices, Metrics, ...) decode the
// envelope's return as it streams in, record by record, tolerantly (numbers
// as strings, booleans as 0/1, [] / {} / "" for empty) into plain Go
// records: money and other decimals as decimal.Decimal, dates and times as
// time.Time in the account zone the envelope names (Location). They never
// guess at money: an amount that is missing, null or "", out of range or
// more precise than its currency allows, a currency that is not ISO 4217, a
// zero or missing date that a report needs (an invoice's dateOf, a
// payment's datePaid), a missing or repeated ID, all fail the call with a
// *RecordError naming the function, the record and the field. Dates that
// may be absent (a due date, a last login) are the zero time.Time.
//
// The API key, and any piece of it of 8 characters or more, never appears
// in an error, a log line or a recorded file.
//
// A Recorder sees every accepted body (for snapshots); with a Source the
// Client makes no network call and decodes recorded bodies exactly as if
// they had come over HTTP.
package fetch

import (
	"bufio"
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
	"strconv"
	"strings"
	"sync"
	"syscall"
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
	// DefaultIdleTimeout gives up an attempt whose response sends no byte
	// for this long (a stalled server).
	DefaultIdleTimeout = 30 * time.Second
	// DefaultCallDeadline bounds a whole call: every attempt and every
	// backoff wait. It is what stops a body that trickles in too slowly for
	// the idle timeout to notice (a byte every few seconds).
	DefaultCallDeadline = 2 * time.Minute
	// DefaultMaxBodyBytes bounds a response body (the largest getAll of a
	// big account is well below it).
	DefaultMaxBodyBytes = 1 << 30
)

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

// StreamSource is a Source that can also open a body as a stream, so that a
// large recorded body is decoded as it is read instead of being held in
// memory whole. The Client uses Open when its Source implements it; the
// ReadCloser is closed once the body is decoded.
type StreamSource interface {
	Source
	Open(ctx context.Context, function string, params url.Values) (io.ReadCloser, error)
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
	// The Client uses a copy whose CheckRedirect refuses every redirect: a
	// redirected POST would re-send the API key to the redirect target.
	HTTPClient *http.Client
	// CallTimeout bounds each attempt, body included (default 60s).
	CallTimeout time.Duration
	// IdleTimeout gives up an attempt when no byte of the response arrives
	// for this long, waiting for the headers included (default 30s); the
	// attempt is retried like a timeout.
	IdleTimeout time.Duration
	// CallDeadline bounds a whole call across its attempts and backoff
	// waits (default 2m); past it the call fails with ErrCallDeadline.
	CallDeadline time.Duration
	// MaxBodyBytes bounds a response body (default 1 GiB): reading stops
	// at the cap and the call fails with a *BodyTooLargeError, not retried.
	MaxBodyBytes int64
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
	idleTimeout time.Duration
	deadline    time.Duration
	maxBody     int64
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
	u, err := parseBaseURL(cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !isLoopback(u.Hostname()) {
			return nil, fmt.Errorf("base URL %s uses plain http to a non-loopback host; the API key would be sent unencrypted (use https, or http only to 127.0.0.1, ::1 or localhost)", u.Redacted())
		}
	default:
		return nil, fmt.Errorf("base URL %s: scheme must be https (or http to a loopback host), e.g. %s", u.Redacted(), DefaultBaseURL)
	}
	if u.User != nil {
		return nil, fmt.Errorf("base URL must not hold user information")
	}
	if cfg.Source == nil && !cfg.Credentials.complete() {
		return nil, fmt.Errorf("missing credentials: set %s and %s (environment or credentials file)", EnvAPIID, EnvAPIKey)
	}
	hc := &http.Client{}
	if cfg.HTTPClient != nil {
		cp := *cfg.HTTPClient
		hc = &cp
	}
	hc.CheckRedirect = refuseRedirect
	c := &Client{
		baseURL:     u.String(),
		creds:       cfg.Credentials,
		hc:          hc,
		callTimeout: cfg.CallTimeout,
		idleTimeout: cfg.IdleTimeout,
		deadline:    cfg.CallDeadline,
		maxBody:     cfg.MaxBodyBytes,
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
	if c.callTimeout <= 0 {
		c.callTimeout = DefaultCallTimeout
	}
	if c.idleTimeout <= 0 {
		c.idleTimeout = DefaultIdleTimeout
	}
	if c.deadline <= 0 {
		c.deadline = DefaultCallDeadline
	}
	if c.maxBody <= 0 {
		c.maxBody = DefaultMaxBodyBytes
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

// parseBaseURL reads an endpoint URL, refusing in plain words one without
// a scheme or host ("localhost:8080/API/", "www.example.com/API/").
func parseBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Opaque != "" || u.Host == "" || u.Scheme == "" {
		return nil, fmt.Errorf("base URL %s is not a full URL: write it with its scheme and host, e.g. %s (or http://127.0.0.1:8080/API/ for a local sandbox)", strconv.QuoteToASCII(raw), DefaultBaseURL)
	}
	return u, nil
}

// refuseRedirect is the CheckRedirect of every Client: following a 307 or
// 308 would re-send the POST body, API key included, to the target; a 301,
// 302 or 303 would turn the call into a GET that cannot succeed.
func refuseRedirect(req *http.Request, _ []*http.Request) error {
	return &redirectError{target: req.URL.Redacted()}
}

// redirectError reports a refused redirect; it is not retried.
type redirectError struct{ target string }

func (e *redirectError) Error() string {
	return fmt.Sprintf("the API URL redirects to %s; careport does not follow redirects, which would send the API key there: use the final endpoint URL if you trust it", e.target)
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
			c.log.Warn("unknown account time zone; using UTC", "timezone", c.redact(name))
			loc = time.UTC
		}
		c.zones[name] = loc
	}
	c.loc = loc
	return loc
}

func (c *Client) jitter(n int64) int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.rnd.Int64N(n)
}

// Call calls one API function with params (which must not hold a, APIID or
// APIKey; they are added) and returns the decoded envelope, its return kept
// raw. An envelope error is an *APIError (not retried); transport faults
// are retried up to MaxAttempts, then reported as a *CallError; a body over
// MaxBodyBytes is a *BodyTooLargeError; past CallDeadline the error matches
// ErrCallDeadline; when ctx ends, ctx's error is returned. With a Source,
// the body comes from it instead of the network.
func (c *Client) Call(ctx context.Context, function string, params url.Values) (*Envelope, error) {
	env, _, err := c.call(ctx, function, params)
	return env, err
}

// ErrCallDeadline matches a call given up at Config.CallDeadline.
var ErrCallDeadline = errors.New("call deadline exceeded")

// BodyTooLargeError is a response body larger than Config.MaxBodyBytes. It
// is never retried: the same call would send the same body.
type BodyTooLargeError struct {
	Limit int64 // bytes
}

// Error names the limit.
func (e *BodyTooLargeError) Error() string {
	return fmt.Sprintf("response larger than %d bytes (the body size limit); not retried", e.Limit)
}

// call is Call also returning the account location of the envelope.
func (c *Client) call(ctx context.Context, function string, params url.Values) (*Envelope, *time.Location, error) {
	return c.do(ctx, function, params, nil, nil)
}

// do is the single request path. With each set, the return's records are
// passed to it as they are decoded (see streamEnvelope) and reset is called
// before every attempt, so that a retried call starts afresh; with each nil,
// Envelope.Return holds the raw return. Every error it returns has the API
// key removed.
func (c *Client) do(ctx context.Context, function string, params url.Values, each recordFunc, reset func()) (*Envelope, *time.Location, error) {
	env, err := c.doEnvelope(ctx, function, cleanParams(params), each, reset)
	if err != nil {
		return nil, nil, c.redactErr(err)
	}
	return env, c.zone(env.Timezone), nil
}

func (c *Client) doEnvelope(ctx context.Context, function string, params url.Values, each recordFunc, reset func()) (*Envelope, error) {
	if c.source != nil {
		return c.fromSource(ctx, function, params, each)
	}
	form := url.Values{}
	for k, v := range params {
		form[k] = v
	}
	form.Set("a", function)
	form.Set("APIID", c.creds.APIID)
	form.Set("APIKey", c.creds.APIKey)
	payload := form.Encode()

	dctx, cancel := context.WithTimeoutCause(ctx, c.deadline, ErrCallDeadline)
	defer cancel()
	deadlineErr := func(attempts int) error {
		return fmt.Errorf("%s: no complete answer within %v over %d attempts: %w", function, c.deadline, attempts, ErrCallDeadline)
	}
	var last error
	for attempt := 1; ; attempt++ {
		if reset != nil {
			reset()
		}
		env, body, retryAfter, err := c.attempt(dctx, function, attempt, payload, each)
		if err == nil {
			env, err := c.accept(function, env)
			if err != nil {
				return nil, err
			}
			if c.recorder != nil {
				if err := c.recorder.Record(function, params, body); err != nil {
					return nil, fmt.Errorf("%s: record response: %w", function, err)
				}
			}
			return env, nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if dctx.Err() != nil {
			return nil, deadlineErr(attempt)
		}
		if !retryable(err) {
			if _, ok := errors.AsType[*DecodeError](err); ok {
				return nil, err
			}
			if _, ok := errors.AsType[*RecordError](err); ok {
				return nil, err
			}
			return nil, fmt.Errorf("%s: %w", function, err)
		}
		last = err
		if attempt >= c.maxAttempts {
			return nil, &CallError{Function: function, Attempts: attempt, Last: last}
		}
		wait := c.backoff.delay(attempt, c.jitter)
		if retryAfter > wait {
			wait = retryAfter
		}
		c.log.Debug("api retry", "function", function, "attempt", attempt, "wait", wait, "error", c.redact(last.Error()))
		if err := c.sleep(dctx, wait); err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, deadlineErr(attempt)
		}
	}
}

// fromSource decodes a body from the Source, streaming it when the Source
// is a StreamSource.
func (c *Client) fromSource(ctx context.Context, function string, params url.Values, each recordFunc) (*Envelope, error) {
	var r io.Reader
	total := int64(-1)
	if ss, ok := c.source.(StreamSource); ok {
		rc, err := ss.Open(ctx, function, params)
		if err != nil {
			return nil, fmt.Errorf("%s: snapshot: %w", function, err)
		}
		defer rc.Close() // read only; a close error changes nothing
		r = rc
	} else {
		body, err := c.source.Body(ctx, function, params)
		if err != nil {
			return nil, fmt.Errorf("%s: snapshot: %w", function, err)
		}
		r = bytes.NewReader(body)
		total = int64(len(body))
	}
	br := &bodyReader{r: &ctxReader{ctx: ctx, r: r}, limit: c.maxBody}
	env, err := streamEnvelope(ctx, br, total, each)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if te, ok := errors.AsType[*BodyTooLargeError](br.err); ok {
			return nil, fmt.Errorf("%s: %w", function, te)
		}
		if _, ok := errors.AsType[*RecordError](err); ok {
			return nil, err
		}
		return nil, &DecodeError{Function: function, Err: err}
	}
	return c.accept(function, env)
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

// accept turns an envelope's API error into *APIError.
func (c *Client) accept(function string, env *Envelope) (*Envelope, error) {
	if env.Error != 0 {
		return nil, &APIError{Function: function, Code: env.Error, Message: printable(c.redact(env.Message))}
	}
	return env, nil
}

// errIdle is the cause of an attempt given up at the idle timeout.
var errIdle = errors.New("idle timeout")

// attempt makes one HTTP request and decodes its body as it arrives. It
// returns the envelope of a 200 response (and, with a Recorder, the body),
// or an error and the server's Retry-After wait.
func (c *Client) attempt(ctx context.Context, function string, n int, payload string, each recordFunc) (env *Envelope, body []byte, retryAfter time.Duration, err error) {
	if c.limiter != nil {
		if err := c.limiter.Wait(ctx); err != nil {
			if ctx.Err() != nil {
				return nil, nil, 0, ctx.Err()
			}
			return nil, nil, 0, fmt.Errorf("rate limiter: %w", err)
		}
	}
	select {
	case c.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, nil, 0, ctx.Err()
	}
	defer func() { <-c.sem }()

	start := time.Now()
	tctx, cancel := context.WithTimeout(ctx, c.callTimeout)
	defer cancel()
	actx, cancelIdle := context.WithCancelCause(tctx)
	defer cancelIdle(nil)
	idle := time.AfterFunc(c.idleTimeout, func() { cancelIdle(errIdle) })
	defer idle.Stop()

	status := 0
	br := &bodyReader{r: http.NoBody, limit: c.maxBody, idle: idle, d: c.idleTimeout}
	defer func() {
		attrs := []any{"function", function, "attempt", n, "duration", time.Since(start), "bytes", br.n, "status", status}
		if err != nil {
			attrs = append(attrs, "error", c.redact(err.Error()))
		}
		c.log.Debug("api call", attrs...)
	}()
	// fault explains a failure of the transfer, most specific cause first.
	fault := func(what string, err error) error {
		if te, ok := errors.AsType[*BodyTooLargeError](br.err); ok {
			return te
		}
		if ctx.Err() == nil && context.Cause(actx) == errIdle {
			return &transportError{err: fmt.Errorf("%s: no data for %v (idle timeout)", what, c.idleTimeout)}
		}
		return &transportError{err: fmt.Errorf("%s: %w", what, stripURL(err))}
	}

	req, err := http.NewRequestWithContext(actx, http.MethodPost, c.baseURL, strings.NewReader(payload))
	if err != nil {
		return nil, nil, 0, fmt.Errorf("build request: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	resp, err := c.hc.Do(req)
	if err != nil {
		if re, ok := errors.AsType[*redirectError](err); ok {
			return nil, nil, 0, re
		}
		if ctx.Err() == nil && context.Cause(actx) == errIdle {
			return nil, nil, 0, fault("request", err)
		}
		return nil, nil, 0, &transportError{err: stripURL(err)}
	}
	defer resp.Body.Close()
	status = resp.StatusCode
	br.r = resp.Body
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(br, errorBodyLimit))
		he := &HTTPError{StatusCode: resp.StatusCode, Status: resp.Status, Snippet: c.excerpt(b)}
		if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
			retryAfter = parseRetryAfter(resp.Header.Get("Retry-After"), c.now())
		}
		return nil, nil, retryAfter, he
	}
	var r io.Reader = br
	total := resp.ContentLength
	if c.recorder != nil {
		if body, err = io.ReadAll(br); err != nil {
			return nil, nil, 0, fault("read body", err)
		}
		r = bytes.NewReader(body)
		total = int64(len(body))
	}
	// A page of HTML (a login page, a web server's own page) is not a
	// damaged transfer to retry but the wrong URL: say so at once.
	pr := bufio.NewReaderSize(r, 4096)
	if head, _ := pr.Peek(512); isHTML(head) {
		return nil, nil, 0, &NotAPIError{Function: function, Excerpt: c.excerpt(head)}
	}
	r = pr
	env, err = streamEnvelope(actx, r, total, each)
	if err != nil {
		switch {
		case br.err != nil && br.err != io.EOF:
			return nil, nil, 0, fault("read body", br.err)
		case ctx.Err() != nil:
			return nil, nil, 0, ctx.Err()
		case actx.Err() != nil:
			return nil, nil, 0, fault("read body", actx.Err())
		}
		if _, ok := errors.AsType[*RecordError](err); ok {
			return nil, nil, 0, err // refused data: the same call would send it again
		}
		if _, ok := errors.AsType[*recordDecodeError](err); ok {
			// The value arrived whole; it will not change.
			return nil, nil, 0, &DecodeError{Function: function, Err: err}
		}
		// An unreadable envelope is a damaged transfer: retry.
		return nil, nil, 0, &transportError{err: &DecodeError{Function: function, Err: err}}
	}
	return env, body, 0, nil
}

// errorBodyLimit is how much of a non-200 body is read for its excerpt.
const errorBodyLimit = 64 << 10

// bodyReader reads a response body, failing with *BodyTooLargeError past
// limit bytes and restarting the idle timer on every byte received. It
// remembers the first error it returned.
type bodyReader struct {
	r     io.Reader
	n     int64
	limit int64
	idle  *time.Timer
	d     time.Duration
	err   error
}

func (b *bodyReader) Read(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	if rest := b.limit - b.n + 1; int64(len(p)) > rest {
		p = p[:rest]
	}
	n, err := b.r.Read(p)
	b.n += int64(n)
	if n > 0 && b.idle != nil {
		b.idle.Reset(b.d)
	}
	if b.n > b.limit {
		b.err = &BodyTooLargeError{Limit: b.limit}
		return 0, b.err
	}
	if err != nil {
		b.err = err
	}
	return n, err
}

// ctxReader stops reading when ctx ends (a snapshot body has no
// connection to cancel).
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (r *ctxReader) Read(p []byte) (int, error) {
	if err := r.ctx.Err(); err != nil {
		return 0, err
	}
	return r.r.Read(p)
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
		return plainNetError(ue.Err)
	}
	return err
}

// plainNetError says what the common network failures mean, in words,
// keeping the cause for errors.Is/As.
func plainNetError(err error) error {
	var dnsErr *net.DNSError
	var opErr *net.OpError
	switch {
	case errors.As(err, &dnsErr) && dnsErr.IsNotFound:
		return &plainError{msg: "no such host " + dnsErr.Name + " (check --api-url)", err: err}
	case errors.Is(err, syscall.ECONNREFUSED) && errors.As(err, &opErr) && opErr.Addr != nil:
		return &plainError{msg: "could not connect to " + opErr.Addr.String() + ": connection refused (is the server running?)", err: err}
	case errors.Is(err, context.DeadlineExceeded):
		return &plainError{msg: "no answer in time", err: err}
	}
	return err
}

// isHTML reports whether a body starts, after white space and a BOM, with
// '<': an HTML or XML page, never the API's JSON envelope.
func isHTML(head []byte) bool {
	head = bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	return len(head) > 0 && head[0] == '<'
}

// plainError is an error with a message in words and its cause.
type plainError struct {
	msg string
	err error
}

func (e *plainError) Error() string { return e.msg }
func (e *plainError) Unwrap() error { return e.err }
