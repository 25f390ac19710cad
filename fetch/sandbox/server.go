package sandbox

import (
	"bufio"
	"bytes"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/careport/careport/fetch/apicode"
	"github.com/careport/careport/fetch/sandbox/account"
)

// MaxBodyBytes is the largest request body the sandbox reads; a larger one
// is answered with HTTP 413.
const MaxBodyBytes = 32 << 20

// Options configures a Server.
type Options struct {
	// Account is required; the server takes ownership and mutates it on writes.
	Account *account.Account
	// APIID and APIKey are the credentials the server accepts (required, non-empty).
	APIID, APIKey string
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Latency plus a uniform random share of Jitter is waited before every
	// API call is answered (the wait ends early when the request's context does).
	Latency, Jitter time.Duration
	// Faults is the share (0..1) of calls that get a random injected fault.
	Faults float64
	// FaultKinds are the kinds drawn from when Faults > 0; empty means all kinds.
	FaultKinds []Fault
	// SlowBodyDelay is the total delay of FaultSlowBody (default 2s).
	SlowBodyDelay time.Duration
	// Seed seeds the fault and jitter draws, so runs are reproducible.
	Seed int64
	// StatePath, when set, is where the account is saved atomically after
	// every successful write call and on Close.
	StatePath string
	// Logger receives request and save logs; nil discards them.
	Logger *slog.Logger
}

// function is one implemented API function.
type function struct {
	h     handler
	write bool
}

// Server is a running emulated account. Its methods are safe for concurrent use.
type Server struct {
	opts   Options
	acct   *account.Account
	loc    *time.Location
	now    func() time.Time
	log    *slog.Logger
	funcs  map[string]function
	listed map[string]bool // every function of Appendix A

	mu sync.RWMutex // guards acct

	accountActive atomic.Bool
	apiEnabled    atomic.Bool

	calls, inFlight, maxInFlight atomic.Int64
	statMu                       sync.Mutex
	byFunction                   map[string]int64
	faults                       map[Fault]int64

	randMu   sync.Mutex // guards rng and injected
	rng      *rand.Rand
	injected []Fault
}

// New checks opts (the account with account.Validate) and returns a Server
// for opts.Account.
func New(opts Options) (*Server, error) {
	if opts.Account == nil {
		return nil, errors.New("sandbox: no account")
	}
	if opts.APIID == "" || opts.APIKey == "" {
		return nil, errors.New("sandbox: APIID and APIKey are required")
	}
	if opts.Faults < 0 || opts.Faults > 1 {
		return nil, fmt.Errorf("sandbox: fault rate %v is outside 0..1", opts.Faults)
	}
	for _, k := range opts.FaultKinds {
		if k <= FaultNone || k > FaultSlowBody {
			return nil, fmt.Errorf("sandbox: unknown fault kind %d", int(k))
		}
	}
	if opts.Latency < 0 || opts.Jitter < 0 {
		return nil, errors.New("sandbox: negative latency or jitter")
	}
	if err := opts.Account.Validate(); err != nil {
		return nil, fmt.Errorf("sandbox: %w", err)
	}
	loc, err := opts.Account.Location()
	if err != nil {
		return nil, fmt.Errorf("sandbox: %w", err)
	}
	if opts.SlowBodyDelay <= 0 {
		opts.SlowBodyDelay = 2 * time.Second
	}
	s := &Server{
		opts:       opts,
		acct:       opts.Account,
		loc:        loc,
		now:        opts.Now,
		log:        opts.Logger,
		funcs:      map[string]function{},
		listed:     apiFunctions(),
		byFunction: map[string]int64{},
		faults:     map[Fault]int64{},
		rng:        rand.New(rand.NewPCG(uint64(opts.Seed), uint64(opts.Seed)^0x5eed5a4db0c)),
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	for name, h := range readFunctions() {
		s.funcs[name] = function{h: h}
	}
	for name, h := range writeFunctions() {
		s.funcs[name] = function{h: h, write: true}
	}
	s.accountActive.Store(true)
	s.apiEnabled.Store(true)
	return s, nil
}

// Handler serves the API at /API/ and /API; every other path is 404.
func (s *Server) Handler() http.Handler { return http.HandlerFunc(s.serveHTTP) }

// SetAccountActive switches the account's state: while false, every call
// with valid credentials fails with 105.
func (s *Server) SetAccountActive(active bool) { s.accountActive.Store(active) }

// SetAPIEnabled switches API access: while false, every call with valid
// credentials (and an active account) fails with 106.
func (s *Server) SetAPIEnabled(enabled bool) { s.apiEnabled.Store(enabled) }

// Close saves the account to StatePath when set. Calls after Close still
// work; a second Close saves again.
func (s *Server) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.opts.StatePath == "" {
		return nil
	}
	if err := s.acct.Save(s.opts.StatePath); err != nil {
		return fmt.Errorf("sandbox close: %w", err)
	}
	return nil
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/API/" && r.URL.Path != "/API" {
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodPost && r.Method != http.MethodGet {
		w.Header().Set("Allow", "GET, POST")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	s.calls.Add(1)
	n := s.inFlight.Add(1)
	defer s.inFlight.Add(-1)
	for {
		m := s.maxInFlight.Load()
		if n <= m || s.maxInFlight.CompareAndSwap(m, n) {
			break
		}
	}

	params, status, err := readParams(w, r)
	s.statMu.Lock()
	s.byFunction[params["a"]]++
	s.statMu.Unlock()
	if err != nil {
		http.Error(w, err.Error(), status)
		return
	}

	fault, wait := s.draw()
	if wait > 0 {
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return
		}
	}
	if fault != FaultNone {
		s.statMu.Lock()
		s.faults[fault]++
		s.statMu.Unlock()
		s.log.Debug("sandbox fault", "function", params["a"], "fault", fault.String())
	}
	switch fault {
	case Fault500, Fault502, Fault503, Fault429, FaultDrop:
		s.refuse(w, fault)
		return
	case FaultTruncate, FaultSlowBody:
		var buf bytes.Buffer
		s.logCall(params, s.answer(&buf, params), fault)
		if fault == FaultTruncate {
			truncate(w, buf.Bytes())
		} else {
			s.dribble(w, r, buf.Bytes())
		}
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	bw := bufio.NewWriterSize(w, 64<<10)
	s.logCall(params, s.answer(bw, params), FaultNone)
	if err := bw.Flush(); err != nil {
		s.log.Debug("sandbox response cut short", "function", params["a"], "err", err)
	}
}

// logCall logs one answered call at debug level (never the key).
func (s *Server) logCall(params map[string]string, code apicode.Code, f Fault) {
	s.log.Debug("sandbox call", "function", params["a"], "error", int(code), "fault", f.String())
}

// readParams merges the query string and the body's form fields: body over
// query, last occurrence wins. The status is for the error when there is one.
func readParams(w http.ResponseWriter, r *http.Request) (map[string]string, int, error) {
	params := map[string]string{}
	merge := func(v url.Values) {
		for k, vs := range v {
			if len(vs) > 0 {
				params[k] = vs[len(vs)-1]
			}
		}
	}
	q, _ := url.ParseQuery(r.URL.RawQuery) // keep the well-formed pairs, as PHP does
	merge(q)
	if r.Body == nil || r.Method == http.MethodGet && r.ContentLength == 0 {
		return params, 0, nil
	}
	r.Body = http.MaxBytesReader(w, r.Body, MaxBodyBytes)
	mt, mp, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	tooBig := func(err error) (map[string]string, int, error) {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return params, http.StatusRequestEntityTooLarge, fmt.Errorf("request body over %d bytes", MaxBodyBytes)
		}
		return params, http.StatusBadRequest, fmt.Errorf("read request body: %w", err)
	}
	switch mt {
	case "application/x-www-form-urlencoded":
		b, err := io.ReadAll(r.Body)
		if err != nil {
			return tooBig(err)
		}
		v, _ := url.ParseQuery(string(b))
		merge(v)
	case "multipart/form-data":
		if mp["boundary"] == "" {
			return params, http.StatusBadRequest, errors.New("multipart body without boundary")
		}
		if err := r.ParseMultipartForm(MaxBodyBytes); err != nil {
			return tooBig(err)
		}
		defer r.MultipartForm.RemoveAll()
		merge(r.MultipartForm.Value)
	}
	return params, 0, nil
}

// answer runs the call and writes its envelope to w. Validation happens
// before anything is written, so a failure is always a clean envelope.
func (s *Server) answer(w io.Writer, params map[string]string) apicode.Code {
	name := params["a"]
	if e := s.checkAccess(params); e != nil {
		writeFailure(w, e)
		return e.code
	}
	f, ok := s.funcs[name]
	if !ok {
		e := fail(apicode.FunctionUnknown, "The function you are trying to call, %s, does not exist.", name)
		if s.listed[name] {
			e = fail(apicode.FunctionUnknown, "The function %s exists in the CoachAccountable API but the sandbox does not implement it.", name)
		}
		writeFailure(w, e)
		return e.code
	}
	if f.write {
		s.mu.Lock()
		defer s.mu.Unlock()
	} else {
		s.mu.RLock()
		defer s.mu.RUnlock()
	}
	c := &call{function: name, params: params, acct: s.acct, loc: s.loc, now: s.now().In(s.loc)}
	result, ret, e := f.h(c)
	if e != nil {
		writeFailure(w, e)
		return e.code
	}
	if f.write && s.opts.StatePath != "" {
		if err := s.acct.Save(s.opts.StatePath); err != nil {
			s.log.Error("sandbox state not saved", "function", name, "err", err)
		}
	}
	s.writeSuccess(w, name, result, ret)
	return apicode.OK
}

// checkAccess applies the checks 101-106 and 201 (section 1.9, step 1 and
// the first half of step 2).
func (s *Server) checkAccess(p map[string]string) *apiError {
	switch {
	case p["APIID"] == "":
		return fail(apicode.APIIDMissing, "The APIID was not supplied.")
	case p["APIKey"] == "":
		return fail(apicode.APIKeyMissing, "The APIKey was not supplied.")
	case subtle.ConstantTimeCompare([]byte(p["APIID"]), []byte(s.opts.APIID)) != 1:
		return fail(apicode.APIIDUnknown, "The API ID provided does not match any account.")
	case subtle.ConstantTimeCompare([]byte(p["APIKey"]), []byte(s.opts.APIKey)) != 1:
		return fail(apicode.APIKeyWrong, "The API Key provided is not valid.")
	case !s.accountActive.Load():
		return fail(apicode.AccountInactive, "This CoachAccountable account is not active.")
	case !s.apiEnabled.Load():
		return fail(apicode.APIDisabled, "API access is not enabled for this account.")
	case p["a"] == "":
		return fail(apicode.FunctionMissing, "No function was named: the a parameter is missing.")
	}
	return nil
}

// records is a list return value streamed element by element, so that a
// whole-account list is never held in memory as one value.
type records struct {
	n  int
	at func(i int) any
}

// recordList wraps already built elements.
func recordList[T any](items []T) records {
	return records{n: len(items), at: func(i int) any { return items[i] }}
}

// loaded is the usual success of a read function.
func loaded(r records) (string, any, *apiError) {
	if r.n == 0 {
		return "empty", r, nil
	}
	return "loaded", r, nil
}

// errWriter remembers the first write error and then writes nothing.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

func jsonString(s string) []byte {
	b, _ := json.Marshal(s) // a string always encodes
	return b
}

func writeFailure(w io.Writer, e *apiError) {
	fmt.Fprintf(w, `{"status":"failure","result":"","return":[],"error":%d,"message":%s}`, int(e.code), jsonString(e.message))
}

func (s *Server) writeSuccess(w io.Writer, function, result string, ret any) {
	ew := &errWriter{w: w}
	fmt.Fprintf(ew, `{"status":"success","result":%s,"return":`, jsonString(result))
	var msg string
	switch v := ret.(type) {
	case records:
		io.WriteString(ew, "[")
		var buf bytes.Buffer // one record at a time, reused
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		for i := 0; i < v.n && ew.err == nil; i++ {
			buf.Reset()
			if i > 0 {
				buf.WriteByte(',')
			}
			if err := enc.Encode(v.at(i)); err != nil {
				s.log.Error("sandbox record not encoded", "function", function, "err", err)
				buf.WriteString("null")
			}
			ew.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
		}
		io.WriteString(ew, "]")
		switch v.n {
		case 0:
			msg = function + ": nothing matched."
		case 1:
			msg = function + ": loaded 1 record."
		default:
			msg = fmt.Sprintf("%s: loaded %d records.", function, v.n)
		}
	case nil:
		io.WriteString(ew, "[]")
	default:
		b, err := json.Marshal(v)
		if err != nil {
			s.log.Error("sandbox return not encoded", "function", function, "err", err)
			b = []byte("[]")
		}
		ew.Write(b)
	}
	if msg == "" {
		msg = resultMessage(function, result)
	}
	fmt.Fprintf(ew, `,"error":0,"message":%s,"timezone":%s}`, jsonString(msg), jsonString(s.acct.Timezone))
}

func resultMessage(function, result string) string {
	object, _, _ := strings.Cut(function, ".")
	switch result {
	case "added":
		return "The " + object + " is added."
	case "duplicateSkipped":
		return "A duplicate " + object + " exists; its ID is returned."
	case "duplicateAdded":
		return "A duplicate " + object + " was added."
	case "updated":
		return "The " + object + " is updated."
	case "noop":
		return "Nothing to change: the " + object + " is already so."
	case "deleted":
		return "The " + object + " is deleted."
	case "sent":
		return "Sent."
	case "empty":
		return function + ": nothing matched."
	}
	return function + ": " + result + "."
}
