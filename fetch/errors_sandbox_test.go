package fetch_test

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/fetch/apicode"
	"github.com/careport/careport/fetch/sandbox"
	"github.com/careport/careport/fetch/sandbox/sandboxtest"
)

// dropField is an HTTP transport that removes one form field from every
// request body, to play a client that forgets a credential (101/102).
type dropField struct{ field string }

func (d dropField) RoundTrip(req *http.Request) (*http.Response, error) {
	b, err := io.ReadAll(req.Body)
	if err != nil {
		return nil, err
	}
	v, err := url.ParseQuery(string(b))
	if err != nil {
		return nil, err
	}
	v.Del(d.field)
	body := v.Encode()
	req = req.Clone(req.Context())
	req.Body = io.NopCloser(strings.NewReader(body))
	req.ContentLength = int64(len(body))
	return http.DefaultTransport.RoundTrip(req)
}

func TestAPIErrorsFromSandbox(t *testing.T) {
	type call func(r *rig) error
	listClients := func(r *rig) error { _, err := r.client.Clients(t.Context(), fetch.ClientsOptions{}); return err }
	for _, tc := range []struct {
		name  string
		cfg   fetch.Config
		setup func(s *sandbox.Server)
		call  call
		code  apicode.Code
		class error
		fatal bool
		inMsg string
	}{
		{"101 APIID missing", fetch.Config{HTTPClient: &http.Client{Transport: dropField{"APIID"}}}, nil, listClients, 101, fetch.ErrCredentials, true, "CA_API_ID"},
		{"102 APIKey missing", fetch.Config{HTTPClient: &http.Client{Transport: dropField{"APIKey"}}}, nil, listClients, 102, fetch.ErrCredentials, true, "CA_API_KEY"},
		{"103 unknown APIID", fetch.Config{Credentials: fetch.Credentials{APIID: "nobody", APIKey: sandboxtest.APIKey}}, nil, listClients, 103, fetch.ErrCredentials, true, "CA_API_ID"},
		{"104 wrong key", fetch.Config{Credentials: fetch.Credentials{APIID: sandboxtest.APIID, APIKey: "wrong-key"}}, nil, listClients, 104, fetch.ErrCredentials, true, "CA_API_KEY"},
		{"105 account inactive", fetch.Config{}, func(s *sandbox.Server) { s.SetAccountActive(false) }, listClients, 105, fetch.ErrCredentials, true, "reactivate"},
		{"106 API disabled", fetch.Config{}, func(s *sandbox.Server) { s.SetAPIEnabled(false) }, listClients, 106, fetch.ErrCredentials, true, "enable API access"},
		{"201 no function", fetch.Config{}, nil, func(r *rig) error { _, err := r.client.Call(t.Context(), "", nil); return err }, 201, fetch.ErrFunction, false, ""},
		{"202 unknown function", fetch.Config{}, nil, func(r *rig) error { _, err := r.client.Call(t.Context(), "Client.getEverything", nil); return err }, 202, fetch.ErrFunction, false, ""},
		{"301 ClientID missing", fetch.Config{}, nil, func(r *rig) error { _, err := r.client.Client(t.Context(), 0); return err }, 301, fetch.ErrInput, false, ""},
		{"301 metrics without client", fetch.Config{}, nil, func(r *rig) error { _, err := r.client.Metrics(t.Context(), 0, fetch.MetricsOptions{}); return err }, 301, fetch.ErrInput, false, ""},
		{"302 unknown client", fetch.Config{}, nil, func(r *rig) error { _, err := r.client.Client(t.Context(), 999); return err }, 302, fetch.ErrNotFound, false, ""},
		{"302 unknown company filter", fetch.Config{}, nil, func(r *rig) error {
			_, err := r.client.Clients(t.Context(), fetch.ClientsOptions{CompanyID: 99})
			return err
		}, 302, fetch.ErrNotFound, false, ""},
		{"304 bad date", fetch.Config{}, nil, func(r *rig) error {
			_, err := r.client.Call(t.Context(), "Invoice.getAll", url.Values{"dateFrom": {"2025-13-45"}})
			return err
		}, 304, fetch.ErrInput, false, ""},
		{"311 unknown coach filter", fetch.Config{}, nil, func(r *rig) error {
			_, err := r.client.Clients(t.Context(), fetch.ClientsOptions{CoachID: 99})
			return err
		}, 311, fetch.ErrNotFound, false, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newRig(t, sandbox.Options{}, tc.cfg)
			if tc.setup != nil {
				tc.setup(r.srv)
			}
			err := tc.call(r)
			noKeyIn(t, err)
			var ae *fetch.APIError
			if !errors.As(err, &ae) {
				t.Fatalf("got %T %v, want *fetch.APIError", err, err)
			}
			if ae.Code != tc.code {
				t.Errorf("code: got %d, want %d", ae.Code, tc.code)
			}
			if !errors.Is(err, tc.class) {
				t.Errorf("errors.Is(err, %v): got false", tc.class)
			}
			if ae.IsFatal() != tc.fatal {
				t.Errorf("IsFatal: got %v, want %v", ae.IsFatal(), tc.fatal)
			}
			if !strings.Contains(err.Error(), tc.inMsg) {
				t.Errorf("message %q lacks %q", err, tc.inMsg)
			}
			if st := r.srv.Stats(); st.Calls != 1 {
				t.Errorf("API errors must not be retried: server saw %d calls", st.Calls)
			}
			if got := r.recordedSleeps(); len(got) != 0 {
				t.Errorf("slept %v before giving up on an API error", got)
			}
		})
	}
}
