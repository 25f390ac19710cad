package fetch

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/careport/careport/fetch/apicode"
)

type noSource struct{}

func (noSource) Body(context.Context, string, url.Values) ([]byte, error) {
	return nil, errors.New("none")
}

func TestNewChecks(t *testing.T) {
	creds := Credentials{APIID: "id", APIKey: testKey}
	for _, tc := range []struct {
		name    string
		cfg     Config
		wantErr string
	}{
		{"default https", Config{Credentials: creds}, ""},
		{"http loopback v4", Config{BaseURL: "http://127.0.0.1:8080/API/", Credentials: creds}, ""},
		{"http loopback 127/8", Config{BaseURL: "http://127.3.4.5/API/", Credentials: creds}, ""},
		{"http localhost", Config{BaseURL: "http://localhost:1/API/", Credentials: creds}, ""},
		{"http ::1", Config{BaseURL: "http://[::1]:1/API/", Credentials: creds}, ""},
		{"http remote", Config{BaseURL: "http://www.coachaccountable.com/API/", Credentials: creds}, "unencrypted"},
		{"http lookalike", Config{BaseURL: "http://localhost.evil.com/API/", Credentials: creds}, "plain http"},
		{"ftp", Config{BaseURL: "ftp://x/", Credentials: creds}, "scheme"},
		{"no key", Config{Credentials: Credentials{APIID: "id"}}, "CA_API_KEY"},
		{"no credentials with source", Config{Source: noSource{}}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := New(tc.cfg)
			if tc.wantErr == "" {
				if err != nil || c == nil {
					t.Fatalf("got %v", err)
				}
				if c.hc == nil || c.Location() != nil {
					t.Errorf("defaults: http client %v, location %v", c.hc, c.Location())
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("got %v, want an error containing %q", err, tc.wantErr)
			}
		})
	}
}

func TestAPIErrorClasses(t *testing.T) {
	for _, tc := range []struct {
		code  apicode.Code
		is    []error
		isnt  []error
		fatal bool
		hint  string
	}{
		{apicode.APIKeyWrong, []error{ErrCredentials}, []error{ErrNotFound, ErrInput}, true, "CA_API_KEY"},
		{apicode.AccountInactive, []error{ErrCredentials}, nil, true, "reactivate"},
		{apicode.APIDisabled, []error{ErrCredentials}, nil, true, "enable API access"},
		{apicode.UnknownID, []error{ErrNotFound}, []error{ErrCredentials, ErrInput}, false, ""},
		{apicode.CoachUnknown, []error{ErrNotFound}, nil, false, ""},
		{apicode.InvalidDate, []error{ErrInput}, []error{ErrNotFound}, false, ""},
		{apicode.FunctionUnknown, []error{ErrFunction}, []error{ErrInput}, false, ""},
	} {
		t.Run(tc.code.String(), func(t *testing.T) {
			var err error = &APIError{Function: "Client.get", Code: tc.code, Message: "m"}
			err = errors.Join(errors.New("context"), err)
			for _, target := range tc.is {
				if !errors.Is(err, target) {
					t.Errorf("errors.Is(%v): got false", target)
				}
			}
			for _, target := range tc.isnt {
				if errors.Is(err, target) {
					t.Errorf("errors.Is(%v): got true", target)
				}
			}
			if !errors.Is(err, &APIError{Code: tc.code}) || errors.Is(err, &APIError{Code: tc.code, Function: "Other.fn"}) {
				t.Error("matching by code/function is wrong")
			}
			var ae *APIError
			if !errors.As(err, &ae) || ae.IsFatal() != tc.fatal {
				t.Errorf("IsFatal: got %v, want %v", ae.IsFatal(), tc.fatal)
			}
			if !strings.Contains(ae.Error(), "Client.get") || !strings.Contains(ae.Error(), tc.hint) {
				t.Errorf("message %q lacks function or hint %q", ae.Error(), tc.hint)
			}
		})
	}
}
