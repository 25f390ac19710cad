package sandbox_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/careport/careport/fetch/sandbox"
	"github.com/careport/careport/fetch/sandbox/account"
	"github.com/careport/careport/fetch/sandbox/sandboxtest"
)

func TestNewRejectsBadOptions(t *testing.T) {
	badTZ := sandboxtest.Fixture()
	badTZ.Timezone = "Mars/Olympus"
	badRef := sandboxtest.Fixture()
	badRef.Pairings[0].CoachID = 77
	tests := []struct {
		name string
		opts sandbox.Options
	}{
		{"no account", sandbox.Options{APIID: "a", APIKey: "b"}},
		{"no APIID", sandbox.Options{Account: sandboxtest.Fixture(), APIKey: "b"}},
		{"no APIKey", sandbox.Options{Account: sandboxtest.Fixture(), APIID: "a"}},
		{"fault rate above 1", sandbox.Options{Account: sandboxtest.Fixture(), APIID: "a", APIKey: "b", Faults: 1.5}},
		{"unknown fault kind", sandbox.Options{Account: sandboxtest.Fixture(), APIID: "a", APIKey: "b", FaultKinds: []sandbox.Fault{42}}},
		{"bad timezone", sandbox.Options{Account: badTZ, APIID: "a", APIKey: "b"}},
		{"pairing of a missing coach", sandbox.Options{Account: badRef, APIID: "a", APIKey: "b"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := sandbox.New(tc.opts); err == nil {
				t.Errorf("New succeeded, want an error")
			}
		})
	}
}

func TestCredentialAndFunctionChecks(t *testing.T) {
	srv, endpoint := startFixture(t)
	id, key := sandboxtest.APIID, sandboxtest.APIKey
	tests := []struct {
		name     string
		fields   []string
		inactive bool
		disabled bool
		code     int
		message  string // a part the message must contain
	}{
		{name: "nothing", fields: nil, code: 101},
		{name: "empty APIID", fields: []string{"APIID", "", "APIKey", key, "a", "Client.getAll"}, code: 101},
		{name: "no APIKey", fields: []string{"APIID", id, "a", "Client.getAll"}, code: 102},
		{name: "unknown APIID", fields: []string{"APIID", "nope", "APIKey", "wrong", "a", "Client.getAll"}, code: 103},
		{name: "wrong key", fields: []string{"APIID", id, "APIKey", "wrong", "a", "Client.getAll"}, code: 104},
		{name: "wrong key beats unknown function", fields: []string{"APIID", id, "APIKey", "wrong", "a", "No.such"}, code: 104},
		{name: "wrong key beats inactive account", fields: []string{"APIID", id, "APIKey", "wrong", "a", "Client.getAll"}, inactive: true, code: 104},
		{name: "inactive account", fields: []string{"APIID", id, "APIKey", key, "a", "Client.getAll"}, inactive: true, code: 105},
		{name: "inactive beats API disabled", fields: []string{"APIID", id, "APIKey", key}, inactive: true, disabled: true, code: 105},
		{name: "API disabled", fields: []string{"APIID", id, "APIKey", key, "a", "Client.getAll"}, disabled: true, code: 106},
		{name: "no function", fields: []string{"APIID", id, "APIKey", key}, code: 201},
		{name: "empty function", fields: []string{"APIID", id, "APIKey", key, "a", ""}, code: 201},
		{name: "unknown function", fields: []string{"APIID", id, "APIKey", key, "a", "Client.fly"}, code: 202, message: "Client.fly"},
		{name: "wrong case", fields: []string{"APIID", id, "APIKey", key, "a", "client.getAll"}, code: 202, message: "client.getAll"},
		{name: "listed but not implemented", fields: []string{"APIID", id, "APIKey", key, "a", "Offering.getAll"}, code: 202, message: "sandbox does not implement"},
		{name: "unknown function before parameters", fields: []string{"APIID", id, "APIKey", key, "a", "Client.gets", "ClientID", "x"}, code: 202},
		{name: "field names are case-sensitive", fields: []string{"apiid", id, "APIKey", key, "a", "Client.getAll"}, code: 101},
	}
	for _, enc := range encodings {
		for _, tc := range tests {
			t.Run(enc+"/"+tc.name, func(t *testing.T) {
				srv.SetAccountActive(!tc.inactive)
				srv.SetAPIEnabled(!tc.disabled)
				defer srv.SetAccountActive(true)
				defer srv.SetAPIEnabled(true)
				env := postFields(t, endpoint, enc, tc.fields)
				if env.Status != "failure" || env.Error != tc.code {
					t.Fatalf("got %s %d (%s), want failure %d", env.Status, env.Error, env.Message, tc.code)
				}
				if !strings.Contains(env.Message, tc.message) {
					t.Errorf("message %q lacks %q", env.Message, tc.message)
				}
				if strings.Contains(env.Message, key) {
					t.Errorf("message %q reveals the API key", env.Message)
				}
			})
		}
	}
}

func TestQueryStringGETAndRepeatedFields(t *testing.T) {
	_, endpoint := startFixture(t)
	creds := url.Values{"APIID": {sandboxtest.APIID}, "APIKey": {sandboxtest.APIKey}}
	newReq := func(t *testing.T, method string, query url.Values, enc string, kv []string) *http.Request {
		t.Helper()
		var body io.Reader
		ct := ""
		if kv != nil {
			body, ct = bodyOf(t, enc, kv)
		}
		req, err := http.NewRequestWithContext(t.Context(), method, endpoint+"?"+query.Encode(), body)
		if err != nil {
			t.Fatal(err)
		}
		if ct != "" {
			req.Header.Set("Content-Type", ct)
		}
		return req
	}
	merge := func(extra url.Values) url.Values {
		v := url.Values{}
		for k, vs := range creds {
			v[k] = vs
		}
		for k, vs := range extra {
			v[k] = vs
		}
		return v
	}
	tests := []struct {
		name   string
		method string
		query  url.Values
		body   []string
		want   []int // client IDs
	}{
		{"GET with query string", http.MethodGet, merge(url.Values{"a": {"Client.get"}, "ClientID": {"104"}}), nil, []int{104}},
		{"axios POST with empty body", http.MethodPost, merge(url.Values{"a": {"Client.get"}, "ClientID": {"104"}}), nil, []int{104}},
		{"body wins over query", http.MethodPost, merge(url.Values{"a": {"Client.get"}, "ClientID": {"104"}}), []string{"ClientID", "103"}, []int{103}},
		{"query fills in body", http.MethodPost, url.Values{"a": {"Client.get"}}, []string{"APIID", sandboxtest.APIID, "APIKey", sandboxtest.APIKey, "ClientID", "105"}, []int{105}},
		{"last occurrence wins in body", http.MethodPost, creds, []string{"a", "Client.get", "ClientID", "101", "ClientID", "106"}, []int{106}},
		{"last occurrence wins in query", http.MethodGet, merge(url.Values{"a": {"Client.get"}, "ClientID": {"101", "102"}}), nil, []int{102}},
		{"unknown fields ignored", http.MethodPost, creds, []string{"a", "Client.get", "ClientID", "101", "page", "2", "clientid", "x"}, []int{101}},
	}
	for _, enc := range encodings {
		for _, tc := range tests {
			t.Run(enc+"/"+tc.name, func(t *testing.T) {
				env := do(t, newReq(t, tc.method, tc.query, enc, tc.body))
				if env.Status != "success" {
					t.Fatalf("got %s %d (%s)", env.Status, env.Error, env.Message)
				}
				if got := env.ints(t, "ID"); !equalInts(got, tc.want) {
					t.Errorf("IDs %v, want %v", got, tc.want)
				}
			})
		}
	}
	t.Run("path without slash", func(t *testing.T) {
		q := merge(url.Values{"a": {"Client.get"}, "ClientID": {"101"}})
		req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, strings.TrimSuffix(endpoint, "/")+"?"+q.Encode(), nil)
		if err != nil {
			t.Fatal(err)
		}
		if env := do(t, req); env.Status != "success" {
			t.Errorf("got %s %d", env.Status, env.Error)
		}
	})
}

// bodyOf is body under another name, so that table fields can be called body.
func bodyOf(t *testing.T, enc string, kv []string) (io.Reader, string) {
	t.Helper()
	return body(t, enc, kv)
}

func TestHTTPLevel(t *testing.T) {
	_, endpoint := startFixture(t)
	base := strings.TrimSuffix(endpoint, "/API/")
	tests := []struct {
		name   string
		method string
		url    string
		body   io.Reader
		ct     string
		status int
	}{
		{"other path", http.MethodPost, base + "/api/", strings.NewReader("a=Client.getAll"), "application/x-www-form-urlencoded", 404},
		{"root", http.MethodGet, base + "/", nil, "", 404},
		{"PUT", http.MethodPut, endpoint, strings.NewReader("a=Client.getAll"), "application/x-www-form-urlencoded", 405},
		{"body over 32 MiB", http.MethodPost, endpoint, io.LimitReader(zeros{}, sandbox.MaxBodyBytes+1024), "application/x-www-form-urlencoded", 413},
		{"multipart without boundary", http.MethodPost, endpoint, strings.NewReader("x"), "multipart/form-data", 400},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, err := http.NewRequestWithContext(t.Context(), tc.method, tc.url, tc.body)
			if err != nil {
				t.Fatal(err)
			}
			if tc.ct != "" {
				req.Header.Set("Content-Type", tc.ct)
			}
			resp, err := http.DefaultTransport.RoundTrip(req)
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tc.status {
				t.Errorf("status %d, want %d", resp.StatusCode, tc.status)
			}
		})
	}
}

// zeros reads as an endless run of 'a' bytes (a valid, huge form value).
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	return len(p), nil
}

// rawExchange sends raw request bytes over TCP and decodes the envelope
// generically, as a client that knows nothing of this code would.
func rawExchange(t *testing.T, endpoint, request string) map[string]any {
	t.Helper()
	u, err := url.Parse(endpoint)
	if err != nil {
		t.Fatal(err)
	}
	var d net.Dialer
	conn, err := d.DialContext(t.Context(), "tcp", u.Host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, strings.ReplaceAll(request, "HOST", u.Host)); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	var env map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
		t.Fatalf("decode: %v", err)
	}
	return env
}

// TestUnmodifiedLiveAPIClient sends requests byte for byte as PHP cURL (the
// docs' sample code) and a urlencoding client send them.
func TestUnmodifiedLiveAPIClient(t *testing.T) {
	_, endpoint := startFixture(t)
	const boundary = "------------------------d74496d66958873e"
	var mp strings.Builder
	for _, f := range [][2]string{{"includeInactive", "1"}, {"sortOption", "A"}, {"a", "Client.getAll"},
		{"APIID", sandboxtest.APIID}, {"APIKey", sandboxtest.APIKey}} {
		fmt.Fprintf(&mp, "--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n", boundary, f[0], f[1])
	}
	fmt.Fprintf(&mp, "--%s--\r\n", boundary)
	multipartReq := "POST /API/ HTTP/1.1\r\nHost: HOST\r\nAccept: */*\r\n" +
		fmt.Sprintf("Content-Length: %d\r\n", mp.Len()) +
		"Content-Type: multipart/form-data; boundary=" + boundary + "\r\n\r\n" + mp.String()
	form := "a=Client.getAll&APIID=" + sandboxtest.APIID + "&APIKey=" + sandboxtest.APIKey + "&includeInactive=true&sortOption=A"
	urlencodedReq := "POST /API/ HTTP/1.1\r\nHost: HOST\r\nUser-Agent: python-requests/2.31\r\nAccept: */*\r\n" +
		"Content-Type: application/x-www-form-urlencoded\r\n" + fmt.Sprintf("Content-Length: %d\r\n\r\n", len(form)) + form

	for name, req := range map[string]string{"PHP cURL multipart": multipartReq, "urlencoded": urlencodedReq} {
		t.Run(name, func(t *testing.T) {
			env := rawExchange(t, endpoint, req)
			if env["status"] != "success" || env["error"] != float64(0) || env["result"] != "loaded" || env["timezone"] != "America/Denver" {
				t.Fatalf("envelope %v", env)
			}
			ret, ok := env["return"].([]any)
			if !ok || len(ret) != 6 {
				t.Fatalf("return %v, want 6 clients", env["return"])
			}
			first, _ := ret[0].(map[string]any)
			if first["ID"] != float64(101) || first["lastName"] != "Chen" || first["isActive"] != true || first["companyName"] != "Acme Corp" {
				t.Errorf("first client %v", first)
			}
		})
	}
}

func TestStatsByFunction(t *testing.T) {
	srv, endpoint := startFixture(t)
	call(t, endpoint, "urlencoded", "Client.getAll")
	call(t, endpoint, "multipart", "Client.getAll")
	call(t, endpoint, "urlencoded", "Coach.getAll")
	call(t, endpoint, "urlencoded", "Nope.nope")
	st := srv.Stats()
	if st.Calls != 4 || st.ByFunction["Client.getAll"] != 2 || st.ByFunction["Coach.getAll"] != 1 || st.ByFunction["Nope.nope"] != 1 {
		t.Errorf("stats %+v", st)
	}
	srv.ResetStats()
	if st := srv.Stats(); st.Calls != 0 || len(st.ByFunction) != 0 || st.InFlight != 0 {
		t.Errorf("after ResetStats: %+v", st)
	}
}

func TestStateSavedOnCloseAndReloaded(t *testing.T) {
	path := t.TempDir() + "/state.json"
	srv, err := sandbox.New(sandbox.Options{Account: sandboxtest.Fixture(), APIID: "id", APIKey: "key", StatePath: path})
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	reloaded, err := account.Load(path)
	if err != nil {
		t.Fatalf("reload: %v", err)
	}
	var want, got strings.Builder
	if err := sandboxtest.Fixture().Encode(&want); err != nil {
		t.Fatal(err)
	}
	if err := reloaded.Encode(&got); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Errorf("reloaded account differs from the fixture")
	}
	// The reloaded state serves the same records.
	_, endpoint := sandboxtest.Start(t, sandbox.Options{Account: reloaded, Now: sandboxtest.Now})
	env := call(t, endpoint, "urlencoded", "Invoice.get", "InvoiceID", "#A1003")
	if ids := env.ints(t, "ID"); !equalInts(ids, []int{3}) {
		t.Errorf("reloaded Invoice.get IDs %v", ids)
	}
}

func TestStateSavedAfterSuccessfulWrites(t *testing.T) {
	path := t.TempDir() + "/state.json"
	_, endpoint := sandboxtest.Start(t, sandbox.Options{Now: sandboxtest.Now, StatePath: path})
	exists := func() bool {
		_, err := os.Stat(path)
		return err == nil
	}
	call(t, endpoint, "urlencoded", "Client.getAll")
	if exists() {
		t.Fatal("a read saved the state")
	}
	if env := call(t, endpoint, "urlencoded", "Client.deactivate", "ClientID", "999"); env.Error != 302 {
		t.Fatalf("failed write: got %d, want 302", env.Error)
	}
	if exists() {
		t.Fatal("a failed write saved the state")
	}
	if env := call(t, endpoint, "multipart", "Client.deactivate", "ClientID", "101"); env.Status != "success" || env.Result != "updated" {
		t.Fatalf("write: %s/%s %d (%s)", env.Status, env.Result, env.Error, env.Message)
	}
	saved, err := account.Load(path)
	if err != nil {
		t.Fatalf("load saved state: %v", err)
	}
	for _, c := range saved.Clients {
		if c.ID == 101 && c.IsActive {
			t.Error("saved state still has client 101 active")
		}
	}
}

// TestConcurrentReadsAndWrites runs writes and reads together (run with
// -race): writes are serialised, reads see whole states.
func TestConcurrentReadsAndWrites(t *testing.T) {
	_, endpoint := startFixture(t)
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for range 10 {
				env := call(t, endpoint, encodings[w%2], "Invoice.addPayment", "InvoiceID", "#1004", "amount", "1", "method", "Cash", "dateOf", "2025-06-30")
				if env.Status != "success" {
					t.Errorf("addPayment: %d %s", env.Error, env.Message)
				}
			}
		})
		wg.Go(func() {
			for range 10 {
				if env := call(t, endpoint, encodings[w%2], "Invoice.getAll"); len(env.ints(t, "ID")) != 4 {
					t.Errorf("Invoice.getAll during writes: %s", env.Return)
				}
			}
		})
	}
	wg.Wait()
	env := call(t, endpoint, "urlencoded", "Invoice.get", "InvoiceID", "4")
	var invs []struct {
		AmountPaid json.Number `json:"amountPaid"`
	}
	if err := json.Unmarshal(env.Return, &invs); err != nil || len(invs) != 1 {
		t.Fatalf("decode %s: %v", env.Return, err)
	}
	if invs[0].AmountPaid != "40.00" {
		t.Errorf("amountPaid %s after 40 payments of 1.00, want 40.00", invs[0].AmountPaid)
	}
}
