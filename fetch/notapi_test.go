package fetch

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// TestHTMLPageIsNotRetried checks that a 200 answer holding a web page (a
// login page, the wrong URL) fails at once, saying what it is, instead of
// being retried as a damaged transfer and reported as "did not answer".
func TestHTMLPageIsNotRetried(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("\n  <!DOCTYPE html><html><title>Sign in</title><body><h1>Please sign in</h1></body></html>"))
	}))
	defer srv.Close()
	c, err := New(Config{BaseURL: srv.URL + "/API/", Credentials: Credentials{APIID: "id", APIKey: "key-0123456789abcdef"}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Coaches(t.Context(), CoachesOptions{})
	var na *NotAPIError
	if !errors.As(err, &na) {
		t.Fatalf("got %v, want a NotAPIError", err)
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("the page was asked for %d times, want 1", n)
	}
	for _, want := range []string{"web page", "/API/", "Please sign in"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	if strings.Contains(err.Error(), "<h1>") {
		t.Errorf("error %q shows raw HTML", err)
	}
}
