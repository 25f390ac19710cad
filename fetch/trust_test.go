package fetch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeAPI is an httptest server answering every call with handler and
// counting the requests.
type fakeAPI struct {
	url  string
	hits atomic.Int64
}

func newFakeAPI(t *testing.T, handler http.HandlerFunc) *fakeAPI {
	t.Helper()
	f := &fakeAPI{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.hits.Add(1)
		handler(w, r)
	}))
	t.Cleanup(srv.Close)
	f.url = srv.URL + "/API/"
	return f
}

// answer serves body with status 200.
func answer(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, body) }
}

// fakeClient returns a Client of f with instant backoff and its log.
func fakeClient(t *testing.T, f *fakeAPI, cfg Config) (*Client, *syncLog) {
	t.Helper()
	logs := &syncLog{}
	cfg.BaseURL = f.url
	if cfg.Credentials == (Credentials{}) {
		cfg.Credentials = Credentials{APIID: "id", APIKey: testKey}
	}
	cfg.Sleep = func(ctx context.Context, _ time.Duration) error { return ctx.Err() }
	cfg.Logger = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c, logs
}

type syncLog struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncLog) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncLog) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// envelope wraps records in a success envelope.
func envelope(records ...string) string {
	return `{"status":"success","result":"loaded","return":[` + strings.Join(records, ",") +
		`],"error":0,"message":"","timezone":"America\/Denver"}`
}

// invoiceJSON is a valid invoice with edit applied to its fields.
func invoiceJSON(edit func(m map[string]any)) string {
	m := map[string]any{
		"ID": 7, "invoiceNumber": "1007", "dateAdded": "2025-01-02 10:00:00", "dateOf": "2025-01-02",
		"dateDue": "2025-01-16", "currency": "USD", "amount": json.Number("430.00"), "amountPaid": json.Number("100.50"),
		"taxRate": 7.5, "ClientID": 4, "firstName": "Ava", "lastName": "Chen", "email": "a@x", "CompanyID": 0, "companyName": "",
		"lineItemSet": []any{map[string]any{"item": "Coaching", "amount": json.Number("400.00")}},
		"paymentSet":  []any{map[string]any{"datePaid": "2025-01-05 00:00:00", "amount": json.Number("100.50"), "method": "Check", "checkNumber": "12"}},
	}
	if edit != nil {
		edit(m)
	}
	b, err := json.Marshal(m)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func paymentJSON(edit func(m map[string]any)) string {
	m := map[string]any{"ID": 3, "InvoiceID": 7, "invoiceNumber": "1007", "datePaid": "2025-01-05",
		"amount": "100.50", "currency": "USD", "method": "Check", "checkNumber": "12"}
	if edit != nil {
		edit(m)
	}
	b, err := json.Marshal(m)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func set(k string, v any) func(map[string]any) { return func(m map[string]any) { m[k] = v } }
func del(k string) func(map[string]any)        { return func(m map[string]any) { delete(m, k) } }

// setItem sets field k of the first element of list.
func setItem(list, k string, v any) func(map[string]any) {
	return func(m map[string]any) { m[list].([]any)[0].(map[string]any)[k] = v }
}

func delItem(list, k string) func(map[string]any) {
	return func(m map[string]any) { delete(m[list].([]any)[0].(map[string]any), k) }
}

func TestRecordChecks(t *testing.T) {
	for _, tc := range []struct {
		name      string
		payments  bool // call Invoice.getPayments
		records   []string
		wantID    int
		wantIndex int
		wantField string
		wantIn    string // in the message
	}{
		{"amount empty", false, []string{invoiceJSON(set("amount", ""))}, 7, 1, "amount", `is empty`},
		{"amount null", false, []string{invoiceJSON(set("amount", nil))}, 7, 1, "amount", "is null"},
		{"amount missing", false, []string{invoiceJSON(del("amount"))}, 7, 1, "amount", "is missing"},
		{"amountPaid missing", false, []string{invoiceJSON(del("amountPaid"))}, 7, 1, "amountPaid", "is missing"},
		{"line item amount null", false, []string{invoiceJSON(setItem("lineItemSet", "amount", nil))}, 7, 1, "lineItemSet[1].amount", "is null"},
		{"line item amount missing", false, []string{invoiceJSON(delItem("lineItemSet", "amount"))}, 7, 1, "lineItemSet[1].amount", "is missing"},
		{"invoice payment amount empty", false, []string{invoiceJSON(setItem("paymentSet", "amount", ""))}, 7, 1, "paymentSet[1].amount", "is empty"},
		{"payment amount empty", true, []string{paymentJSON(set("amount", ""))}, 3, 1, "amount", "is empty"},
		{"payment amount missing", true, []string{paymentJSON(del("amount"))}, 3, 1, "amount", "is missing"},
		{"zero dateOf", false, []string{invoiceJSON(set("dateOf", "0000-00-00"))}, 7, 1, "dateOf", "zero date"},
		{"zero dateOf with time", false, []string{invoiceJSON(set("dateOf", "0000-00-00 00:00:00"))}, 7, 1, "dateOf", "zero date"},
		{"missing dateOf", false, []string{invoiceJSON(del("dateOf"))}, 7, 1, "dateOf", "missing"},
		{"zero datePaid in invoice", false, []string{invoiceJSON(setItem("paymentSet", "datePaid", "0000-00-00 00:00:00"))}, 7, 1, "paymentSet[1].datePaid", "zero date"},
		{"zero datePaid", true, []string{paymentJSON(set("datePaid", "0000-00-00"))}, 3, 1, "datePaid", "zero date"},
		{"null datePaid", true, []string{paymentJSON(set("datePaid", nil))}, 3, 1, "datePaid", "is null"},
		{"huge amount", false, []string{invoiceJSON(set("amount", json.Number("1e40")))}, 7, 1, "amount", "out of range"},
		{"1e15", false, []string{invoiceJSON(set("amount", "1000000000000000.00"))}, 7, 1, "amount", "out of range"},
		{"negative huge line", false, []string{invoiceJSON(setItem("lineItemSet", "amount", "-1e15"))}, 7, 1, "lineItemSet[1].amount", "out of range"},
		{"sub-cent", false, []string{invoiceJSON(set("amount", json.Number("600.005")))}, 7, 1, "amount", "more decimals than USD has minor units (2)"},
		{"sub-yen", false, []string{invoiceJSON(func(m map[string]any) {
			m["currency"], m["amount"], m["amountPaid"] = "JPY", "1000.5", "0"
		})}, 7, 1, "amount", "JPY has minor units (0)"},
		{"sub-cent payment", true, []string{paymentJSON(set("amount", "0.001"))}, 3, 1, "amount", "more decimals"},
		{"duplicate ID", false, []string{invoiceJSON(nil), invoiceJSON(set("invoiceNumber", "1008"))}, 7, 2, "ID", "repeats the ID"},
		{"duplicate payment ID", true, []string{paymentJSON(nil), paymentJSON(nil)}, 3, 2, "ID", "repeats the ID"},
		{"no ID", false, []string{invoiceJSON(nil), invoiceJSON(del("ID"))}, 0, 2, "ID", "missing"},
		{"ID zero", false, []string{invoiceJSON(set("ID", "0"))}, 0, 1, "ID", "missing"},
		{"no currency", false, []string{invoiceJSON(set("currency", ""))}, 7, 1, "currency", "is empty"},
		{"null currency", false, []string{invoiceJSON(set("currency", nil))}, 7, 1, "currency", "is empty"},
		{"unknown currency", false, []string{invoiceJSON(set("currency", "XYZ"))}, 7, 1, "currency", `"XYZ" is not an ISO 4217`},
		{"formula currency", false, []string{invoiceJSON(set("currency", "=1+1"))}, 7, 1, "currency", "not an ISO 4217"},
		{"escape currency", false, []string{invoiceJSON(set("currency", "\x1b[31mUSD"))}, 7, 1, "currency", `"\x1b[31mUSD"`},
		{"no-currency code", false, []string{invoiceJSON(set("currency", "XXX"))}, 7, 1, "currency", "not an ISO 4217"},
		{"payment currency", true, []string{paymentJSON(set("currency", "dollars"))}, 3, 1, "currency", "not an ISO 4217"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeAPI(t, answer(envelope(tc.records...)))
			c, _ := fakeClient(t, f, Config{})
			var err error
			function := "Invoice.getAll"
			if tc.payments {
				function = "Invoice.getPayments"
				_, err = c.Payments(t.Context(), PaymentsOptions{})
			} else {
				_, err = c.Invoices(t.Context(), InvoicesOptions{})
			}
			var re *RecordError
			if !errors.As(err, &re) {
				t.Fatalf("got %v, want a *RecordError", err)
			}
			if re.Function != function || re.ID != tc.wantID || re.Index != tc.wantIndex || re.Field != tc.wantField {
				t.Errorf("got %s %d (record %d) %s, want %s %d (record %d) %s", re.Function, re.ID, re.Index, re.Field,
					function, tc.wantID, tc.wantIndex, tc.wantField)
			}
			if msg := err.Error(); !strings.Contains(msg, tc.wantIn) || !strings.Contains(msg, function) || !strings.Contains(msg, tc.wantField) {
				t.Errorf("message %q: want it to name %s, %s and contain %q", msg, function, tc.wantField, tc.wantIn)
			}
			if strings.ContainsRune(err.Error(), 0x1b) {
				t.Errorf("message %q holds a raw escape character", err)
			}
			if n := f.hits.Load(); n != 1 {
				t.Errorf("got %d requests, want 1 (refused data is not retried)", n)
			}
		})
	}
}

func TestRecordChecksAccept(t *testing.T) {
	for _, tc := range []struct {
		name   string
		record string
		check  func(t *testing.T, inv Invoice)
	}{
		{"lower-case currency", invoiceJSON(set("currency", "usd")), func(t *testing.T, inv Invoice) {
			if inv.Currency != "USD" {
				t.Errorf("currency: got %q, want USD", inv.Currency)
			}
		}},
		{"zero due date stays zero", invoiceJSON(set("dateDue", "0000-00-00")), func(t *testing.T, inv Invoice) {
			if !inv.DateDue.IsZero() {
				t.Errorf("dateDue: got %v, want zero", inv.DateDue)
			}
		}},
		{"trailing zeros", invoiceJSON(set("amount", "430.0000")), func(t *testing.T, inv Invoice) {
			if inv.Amount.String() != "430" {
				t.Errorf("amount: got %s, want 430", inv.Amount)
			}
		}},
		{"amount just below the bound", invoiceJSON(set("amount", "999999999999999.99")), func(t *testing.T, inv Invoice) {
			if inv.Amount.String() != "999999999999999.99" {
				t.Errorf("amount: got %s", inv.Amount)
			}
		}},
		{"yen", invoiceJSON(func(m map[string]any) {
			m["currency"], m["amount"], m["amountPaid"] = "JPY", "1000", "0"
			m["paymentSet"] = map[string]any{} // PHP's empty set
		}), func(t *testing.T, inv Invoice) {
			if inv.Currency != "JPY" || inv.Amount.String() != "1000" {
				t.Errorf("got %s %s", inv.Currency, inv.Amount)
			}
		}},
		{"dinar has 3 decimals", invoiceJSON(func(m map[string]any) {
			m["currency"], m["amount"], m["amountPaid"] = "KWD", "10.125", "0"
			m["lineItemSet"], m["paymentSet"] = []any{}, "" // PHP's empty sets
		}), func(t *testing.T, inv Invoice) {
			if inv.Amount.String() != "10.125" || inv.LineItems != nil || inv.Payments != nil {
				t.Errorf("got %s, %v, %v", inv.Amount, inv.LineItems, inv.Payments)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeAPI(t, answer(envelope(tc.record)))
			c, logs := fakeClient(t, f, Config{})
			invs, err := c.Invoices(t.Context(), InvoicesOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(invs) != 1 {
				t.Fatalf("got %d invoices, want 1", len(invs))
			}
			tc.check(t, invs[0])
			if tc.name == "lower-case currency" && !strings.Contains(logs.String(), "not in upper case") {
				t.Errorf("no warning about the currency's case in %q", logs)
			}
		})
	}
}

func TestRedirectRefused(t *testing.T) {
	target := newFakeAPI(t, answer(envelope()))
	for _, code := range []int{http.StatusTemporaryRedirect, http.StatusPermanentRedirect, http.StatusFound} {
		for _, injected := range []bool{false, true} {
			t.Run(fmt.Sprintf("%d injected=%v", code, injected), func(t *testing.T) {
				f := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request) {
					http.Redirect(w, r, target.url, code)
				})
				cfg := Config{}
				var hc *http.Client
				if injected {
					hc = &http.Client{Timeout: time.Minute}
					cfg.HTTPClient = hc
				}
				c, _ := fakeClient(t, f, cfg)
				_, err := c.Invoices(t.Context(), InvoicesOptions{})
				if err == nil || !strings.Contains(err.Error(), target.url) || !strings.Contains(err.Error(), "redirect") {
					t.Fatalf("got %v, want a refusal naming %s", err, target.url)
				}
				if n := target.hits.Load(); n != 0 {
					t.Errorf("the redirect target got %d requests, want 0", n)
				}
				if n := f.hits.Load(); n != 1 {
					t.Errorf("got %d requests, want 1 (a refused redirect is not retried)", n)
				}
				if hc != nil && hc.CheckRedirect != nil {
					t.Error("the caller's http.Client was changed")
				}
			})
		}
	}
}

func TestRedactKey(t *testing.T) {
	key := testKey
	for _, tc := range []struct {
		name, in string
	}{
		{"whole", "echo " + key + " end"},
		{"fragment", "echo " + key[3:14] + " end"},
		{"two fragments", key[:9] + "/" + key[20:29]},
		{"at the end", strings.Repeat("x", 100) + key[:10]},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := redactKey(tc.in, key)
			if frag := keyFragment(got, key); frag != "" {
				t.Errorf("got %q, which holds %q of the key", got, frag)
			}
			if !strings.Contains(got, redacted) {
				t.Errorf("got %q, want %s in it", got, redacted)
			}
		})
	}
	if got := redactKey("nothing here "+key[:7], key); got != "nothing here "+key[:7] {
		t.Errorf("short fragment: got %q, want it unchanged", got)
	}
}

// keyFragment returns the first 8-character piece of key found in s.
func keyFragment(s, key string) string {
	for i := 0; i+8 <= len(key); i++ {
		if strings.Contains(s, key[i:i+8]) {
			return key[i : i+8]
		}
	}
	return ""
}

func TestErrorBodyRedactedBeforeCut(t *testing.T) {
	// The key starts just before where the old 120-byte cut was.
	body := "<html><body><p>" + strings.Repeat("a", 95) + " APIKey=" + testKey + "</p>" + strings.Repeat("<div>filler text</div>", 500) + "</body></html>"
	f := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusBadRequest)
		_, _ = io.WriteString(w, body)
	})
	c, logs := fakeClient(t, f, Config{})
	_, err := c.Invoices(t.Context(), InvoicesOptions{})
	var he *HTTPError
	if !errors.As(err, &he) {
		t.Fatalf("got %v, want an *HTTPError", err)
	}
	for where, s := range map[string]string{"error": err.Error(), "log": logs.String()} {
		if frag := keyFragment(s, testKey); frag != "" {
			t.Errorf("%s holds %q of the key: %s", where, frag, s)
		}
	}
	if strings.Contains(he.Snippet, "<") || len(he.Snippet) > excerptLen+3 || strings.Contains(he.Snippet, "  ") {
		t.Errorf("snippet %q: want a short excerpt without tags", he.Snippet)
	}
}

func TestTimezoneEchoRedacted(t *testing.T) {
	body := `{"status":"success","result":"empty","return":[],"error":0,"message":"","timezone":"` + testKey[2:30] + `"}`
	f := newFakeAPI(t, answer(body))
	c, logs := fakeClient(t, f, Config{})
	if _, err := c.Invoices(t.Context(), InvoicesOptions{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "unknown account time zone") {
		t.Fatalf("no time zone warning in %q", logs)
	}
	if frag := keyFragment(logs.String(), testKey); frag != "" {
		t.Errorf("log holds %q of the key: %s", frag, logs)
	}
}

func TestHTTPErrorMessages(t *testing.T) {
	page := "<!DOCTYPE html><html><head><title>404 Not Found</title><style>body{color:red}</style></head><body>\n\n<h1>Not   Found</h1>\n" +
		strings.Repeat("<p>The requested URL was not found on this server.</p>", 40) + "</body></html>"
	f := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusNotFound)
		_, _ = io.WriteString(w, page)
	})
	c, _ := fakeClient(t, f, Config{})
	_, err := c.Invoices(t.Context(), InvoicesOptions{})
	msg := fmt.Sprint(err)
	for _, want := range []string{"HTTP 404", "404 Not Found Not Found The requested URL", "ends in /API/", "..."} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
	if strings.Contains(msg, "<") || strings.Contains(msg, "color:red") || len(msg) > 400 {
		t.Errorf("message %q: want a short excerpt without tags or styles", msg)
	}
	if n := f.hits.Load(); n != 1 {
		t.Errorf("got %d requests, want 1", n)
	}
}

func TestBaseURLWithoutScheme(t *testing.T) {
	creds := Credentials{APIID: "id", APIKey: testKey}
	for _, raw := range []string{"localhost:8080/API/", "www.coachaccountable.com/API/", "127.0.0.1:8080", "/API/"} {
		t.Run(raw, func(t *testing.T) {
			_, err := New(Config{BaseURL: raw, Credentials: creds})
			if err == nil {
				t.Fatal("got nil error")
			}
			msg := err.Error()
			if strings.Contains(msg, "first path segment") || !strings.Contains(msg, "e.g. https://") || !strings.Contains(msg, raw) {
				t.Errorf("got %q, want a plain message with an example", msg)
			}
		})
	}
}

func TestBodyCap(t *testing.T) {
	f := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, `{"status":"success","return":[`)
		chunk := bytes.Repeat([]byte(" "), 64<<10) // valid JSON white space, forever
		for r.Context().Err() == nil {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	c, _ := fakeClient(t, f, Config{MaxBodyBytes: 1 << 20, MaxAttempts: 5})
	_, err := c.Invoices(t.Context(), InvoicesOptions{})
	var tl *BodyTooLargeError
	if !errors.As(err, &tl) || tl.Limit != 1<<20 {
		t.Fatalf("got %v, want a *BodyTooLargeError at 1 MiB", err)
	}
	if !strings.Contains(err.Error(), "response larger than 1048576 bytes") || !strings.Contains(err.Error(), "Invoice.getAll") {
		t.Errorf("message %q", err)
	}
	if n := f.hits.Load(); n != 1 {
		t.Errorf("got %d requests, want 1 (not retried)", n)
	}
}

// stall sends the start of an envelope and then nothing until the client
// goes away.
func stall(w http.ResponseWriter, r *http.Request) {
	_, _ = io.WriteString(w, `{"status":"success","return":[`)
	w.(http.Flusher).Flush()
	<-r.Context().Done()
}

func TestIdleTimeout(t *testing.T) {
	f := newFakeAPI(t, stall)
	c, _ := fakeClient(t, f, Config{IdleTimeout: 100 * time.Millisecond, MaxAttempts: 2})
	_, err := c.Invoices(t.Context(), InvoicesOptions{})
	var ce *CallError
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), "idle timeout") {
		t.Fatalf("got %v, want a *CallError naming the idle timeout", err)
	}
	if n := f.hits.Load(); n != 2 {
		t.Errorf("got %d requests, want 2 (an idle body is retried)", n)
	}
}

func TestCallDeadline(t *testing.T) {
	f := newFakeAPI(t, stall)
	c, _ := fakeClient(t, f, Config{IdleTimeout: time.Minute, CallDeadline: 200 * time.Millisecond, MaxAttempts: 5})
	start := time.Now()
	_, err := c.Invoices(t.Context(), InvoicesOptions{})
	if !errors.Is(err, ErrCallDeadline) || !strings.Contains(err.Error(), "Invoice.getAll") {
		t.Fatalf("got %v, want ErrCallDeadline naming the call", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v", d)
	}
}

// bigInvoicesBody is an Invoice.getAll body of about size bytes.
func bigInvoicesBody(size int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"status":"success","result":"loaded","return":[`)
	for id := 1; b.Len() < size; id++ {
		if id > 1 {
			b.WriteByte(',')
		}
		b.WriteString(invoiceJSON(set("ID", id)))
	}
	b.WriteString(`],"error":0,"message":"","timezone":"America\/Denver"}`)
	return b.Bytes()
}

func TestCancelDuringDecode(t *testing.T) {
	body := bigInvoicesBody(40 << 20)
	for _, tc := range []struct {
		name string
		cfg  func(t *testing.T) Config
	}{
		{"http", func(t *testing.T) Config {
			f := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write(body) })
			return Config{BaseURL: f.url, Credentials: Credentials{APIID: "id", APIKey: testKey}}
		}},
		{"snapshot", func(*testing.T) Config { return Config{Source: bodySource(body)} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := New(tc.cfg(t))
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			var canceled time.Time
			time.AfterFunc(20*time.Millisecond, func() { canceled = time.Now(); cancel() })
			_, err = c.Invoices(ctx, InvoicesOptions{})
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("got %v, want context.Canceled", err)
			}
			if d := time.Since(canceled); d > time.Second {
				t.Errorf("stopped %v after the cancel, want within a second", d)
			}
		})
	}
}

// streamSource serves body as a stream and counts the calls of each kind.
type streamSource struct {
	body         []byte
	opens, reads atomic.Int64
}

func (s *streamSource) Body(context.Context, string, url.Values) ([]byte, error) {
	s.reads.Add(1)
	return s.body, nil
}

func (s *streamSource) Open(context.Context, string, url.Values) (io.ReadCloser, error) {
	s.opens.Add(1)
	return io.NopCloser(bytes.NewReader(s.body)), nil
}

func TestStreamSource(t *testing.T) {
	src := &streamSource{body: []byte(envelope(invoiceJSON(nil), invoiceJSON(set("ID", 8))))}
	c, err := New(Config{Source: src})
	if err != nil {
		t.Fatal(err)
	}
	invs, err := c.Invoices(t.Context(), InvoicesOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(invs) != 2 || src.opens.Load() != 1 || src.reads.Load() != 0 {
		t.Errorf("got %d invoices, %d opens, %d whole reads; want 2, 1, 0", len(invs), src.opens.Load(), src.reads.Load())
	}
	c, err = New(Config{Source: src, MaxBodyBytes: 100})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Invoices(t.Context(), InvoicesOptions{}); !strings.Contains(fmt.Sprint(err), "response larger than 100 bytes") {
		t.Errorf("got %v, want the body size limit", err)
	}
}

func TestTrickleStopsAtDeadline(t *testing.T) {
	f := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, `{"status":"success","return":[`)
		for r.Context().Err() == nil {
			_, _ = io.WriteString(w, " ")
			w.(http.Flusher).Flush()
			time.Sleep(20 * time.Millisecond)
		}
	})
	c, _ := fakeClient(t, f, Config{IdleTimeout: time.Second, CallDeadline: 300 * time.Millisecond})
	start := time.Now()
	_, err := c.Invoices(t.Context(), InvoicesOptions{})
	if !errors.Is(err, ErrCallDeadline) {
		t.Fatalf("got %v, want ErrCallDeadline", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v", d)
	}
}

func TestDecodeErrorNamesField(t *testing.T) {
	// A bad value after many records, so that the decoder's buffer has
	// moved on by the time the error is written.
	records := make([]string, 0, 2001)
	for id := 1; id <= 2000; id++ {
		records = append(records, invoiceJSON(set("ID", id)))
	}
	records = append(records, invoiceJSON(func(m map[string]any) { m["ID"], m["taxRate"] = 5000, "7,5" }))
	f := newFakeAPI(t, answer(envelope(records...)))
	c, _ := fakeClient(t, f, Config{})
	_, err := c.Invoices(t.Context(), InvoicesOptions{})
	var de *DecodeError
	if !errors.As(err, &de) || !strings.Contains(err.Error(), "record 2001: taxRate:") {
		t.Fatalf("got %v, want a *DecodeError naming record 2001 and taxRate", err)
	}
	if n := f.hits.Load(); n != 1 {
		t.Errorf("got %d requests, want 1 (a bad value is not retried)", n)
	}
}

func TestEscapedNames(t *testing.T) {
	rec := strings.Replace(invoiceJSON(nil), `"amount":430.00`, `"\u0061mount":430.00,"unknown\/x":{"a":[1]}`, 1)
	if rec == invoiceJSON(nil) {
		t.Fatal("test record not changed")
	}
	f := newFakeAPI(t, answer(envelope(rec)))
	c, _ := fakeClient(t, f, Config{})
	invs, err := c.Invoices(t.Context(), InvoicesOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := invs[0].Amount.String(); got != "430" {
		t.Errorf("amount: got %s, want 430", got)
	}
}

func TestAPIErrorMessageCleaned(t *testing.T) {
	f := newFakeAPI(t, answer(`{"status":"failure","result":"","return":[],"error":302,"message":"no such \u001b[31mclient `+testKey+`"}`))
	c, _ := fakeClient(t, f, Config{})
	_, err := c.Client(t.Context(), 5)
	var ae *APIError
	if !errors.As(err, &ae) {
		t.Fatalf("got %v, want an *APIError", err)
	}
	if strings.ContainsRune(ae.Message, 0x1b) || keyFragment(err.Error(), testKey) != "" {
		t.Errorf("message %q holds an escape character or the key", ae.Message)
	}
}
