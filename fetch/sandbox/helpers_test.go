package sandbox_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/careport/careport/fetch/sandbox"
	"github.com/careport/careport/fetch/sandbox/sandboxtest"
)

// encodings are the two body encodings every table test runs with.
var encodings = []string{"urlencoded", "multipart"}

// envelope is a decoded response envelope, checked for its documented shape.
type envelope struct {
	Status   string
	Result   string
	Return   json.RawMessage
	Error    int
	Message  string
	Timezone *string
}

// startFixture runs a sandbox over the fixture with the fixed test clock.
func startFixture(t *testing.T) (*sandbox.Server, string) {
	t.Helper()
	return sandboxtest.Start(t, sandbox.Options{Now: sandboxtest.Now})
}

// body encodes kv (name, value, name, value, ...) in the given encoding and
// returns the body and its Content-Type.
func body(t *testing.T, enc string, kv []string) (io.Reader, string) {
	t.Helper()
	if len(kv)%2 != 0 {
		t.Fatalf("odd field list %q", kv)
	}
	switch enc {
	case "urlencoded":
		var sb strings.Builder
		for i := 0; i < len(kv); i += 2 {
			if i > 0 {
				sb.WriteByte('&')
			}
			sb.WriteString(url.QueryEscape(kv[i]) + "=" + url.QueryEscape(kv[i+1]))
		}
		return strings.NewReader(sb.String()), "application/x-www-form-urlencoded"
	case "multipart":
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		for i := 0; i < len(kv); i += 2 {
			if err := mw.WriteField(kv[i], kv[i+1]); err != nil {
				t.Fatal(err)
			}
		}
		if err := mw.Close(); err != nil {
			t.Fatal(err)
		}
		return &buf, mw.FormDataContentType()
	}
	t.Fatalf("unknown encoding %q", enc)
	return nil, ""
}

// call posts function fn with the test credentials and extra fields.
func call(t *testing.T, endpoint, enc, fn string, kv ...string) envelope {
	t.Helper()
	fields := append([]string{"APIID", sandboxtest.APIID, "APIKey", sandboxtest.APIKey, "a", fn}, kv...)
	return postFields(t, endpoint, enc, fields)
}

func postFields(t *testing.T, endpoint, enc string, fields []string) envelope {
	t.Helper()
	b, ct := body(t, enc, fields)
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, endpoint, b)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", ct)
	return do(t, req)
}

// do sends req, checks the HTTP layer (200, JSON content type) and decodes
// the envelope.
func do(t *testing.T, req *http.Request) envelope {
	t.Helper()
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatalf("%s: %v", req.URL, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read body: %v", err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("HTTP status %d, want 200; body %s", resp.StatusCode, raw)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type %q, want application/json; charset=utf-8", ct)
	}
	return decodeEnvelope(t, raw)
}

// decodeEnvelope checks the envelope's fields and their JSON types: exactly
// status, result, return, error, message, plus timezone on success only.
func decodeEnvelope(t *testing.T, raw []byte) envelope {
	t.Helper()
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		t.Fatalf("body is not a JSON object: %v\n%s", err, raw)
	}
	var env envelope
	for name, dst := range map[string]any{"status": &env.Status, "result": &env.Result, "error": &env.Error, "message": &env.Message} {
		v, ok := fields[name]
		if !ok {
			t.Fatalf("envelope lacks %q: %s", name, raw)
		}
		if err := json.Unmarshal(v, dst); err != nil {
			t.Fatalf("envelope %q = %s: %v", name, v, err)
		}
	}
	ret, ok := fields["return"]
	if !ok {
		t.Fatalf("envelope lacks return: %s", raw)
	}
	env.Return = ret
	want := 5
	if tz, ok := fields["timezone"]; ok {
		var s string
		if err := json.Unmarshal(tz, &s); err != nil {
			t.Fatalf("timezone %s: %v", tz, err)
		}
		env.Timezone = &s
		want++
	}
	if len(fields) != want {
		t.Errorf("envelope has %d fields, want %d: %s", len(fields), want, raw)
	}
	switch env.Status {
	case "success":
		if env.Error != 0 || env.Timezone == nil || *env.Timezone != sandboxtest.Timezone {
			t.Errorf("success envelope with error %d, timezone %v: %s", env.Error, env.Timezone, raw)
		}
	case "failure":
		if env.Error == 0 || env.Timezone != nil || string(env.Return) != "[]" || env.Result != "" {
			t.Errorf("failure envelope malformed: %s", raw)
		}
	default:
		t.Errorf("status %q", env.Status)
	}
	if env.Message == "" {
		t.Errorf("empty message: %s", raw)
	}
	return env
}

// records decodes a list return into raw elements.
func (e envelope) records(t *testing.T) []json.RawMessage {
	t.Helper()
	var out []json.RawMessage
	if err := json.Unmarshal(e.Return, &out); err != nil {
		t.Fatalf("return is not an array: %v: %s", err, e.Return)
	}
	return out
}

// ints reads the integer field name of every element (it must be a JSON integer).
func (e envelope) ints(t *testing.T, name string) []int {
	t.Helper()
	var out []int
	for _, r := range e.records(t) {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(r, &m); err != nil {
			t.Fatal(err)
		}
		var n int
		if err := json.Unmarshal(m[name], &n); err != nil {
			t.Fatalf("field %s = %s is not an integer", name, m[name])
		}
		out = append(out, n)
	}
	return out
}

// compact strips insignificant whitespace from a JSON literal.
func compact(t *testing.T, s string) string {
	t.Helper()
	var b bytes.Buffer
	if err := json.Compact(&b, []byte(s)); err != nil {
		t.Fatalf("bad JSON literal: %v\n%s", err, s)
	}
	return b.String()
}

func equalInts(a, b []int) bool { return slices.Equal(a, b) }
