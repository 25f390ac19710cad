package snapshot

import (
	"encoding/json"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// goInternals are fragments of Go error texts no user should see.
var goInternals = []string{"invalid character", "looking for beginning", "no such file or directory", "stat ", "open ", "unexpected end of JSON", "json:", "cannot unmarshal"}

// editManifest rewrites dir's manifest through edit.
func editManifest(t *testing.T, dir string, edit func(m map[string]any)) {
	t.Helper()
	p := filepath.Join(dir, ManifestName)
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	edit(m)
	if b, err = json.MarshalIndent(m, "", "  "); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func calls(m map[string]any) []any { return m["calls"].([]any) }

func swapField(m map[string]any, fields ...string) {
	c := calls(m)
	a, b := c[0].(map[string]any), c[1].(map[string]any)
	for _, f := range fields {
		a[f], b[f] = b[f], a[f]
	}
}

func TestOpenErrorsInPlainWords(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, dir string) string // returns the path to open
		is    error
		want  []string
	}{
		{"missing folder", func(t *testing.T, dir string) string { return filepath.Join(dir, "nope") },
			ErrNotFound, []string{"no snapshot folder DIR", "careport fetch --out DIR"}},
		{"a file", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "f.xlsx")
			if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
			return p
		}, ErrNotFound, []string{"DIR is a file, not a snapshot folder"}},
		{"no manifest", func(t *testing.T, dir string) string { return dir },
			ErrNotFound, []string{"no manifest.json", "careport fetch --out"}},
		{"corrupt manifest", func(t *testing.T, dir string) string {
			writeSnapshot(t, dir, oldCalls)
			if err := os.WriteFile(filepath.Join(dir, ManifestName), []byte("{\n  \"format\": 2,\n  garbage\n}"), 0o600); err != nil {
				t.Fatal(err)
			}
			return dir
		}, ErrDamaged, []string{"manifest.json", "is damaged", "line 3", "careport fetch --out " + "DIR"}},
		{"truncated manifest", func(t *testing.T, dir string) string {
			writeSnapshot(t, dir, oldCalls)
			p := filepath.Join(dir, ManifestName)
			b, _ := os.ReadFile(p)
			if err := os.WriteFile(p, b[:len(b)/2], 0o600); err != nil {
				t.Fatal(err)
			}
			return dir
		}, ErrDamaged, []string{"is damaged", "cut short", "careport fetch --out"}},
		{"wrong type in manifest", func(t *testing.T, dir string) string {
			writeSnapshot(t, dir, oldCalls)
			editManifest(t, dir, func(m map[string]any) { calls(m)[0].(map[string]any)["bytes"] = "many" })
			return dir
		}, ErrDamaged, []string{"is damaged", "calls.bytes"}},
		{"old format", func(t *testing.T, dir string) string {
			writeSnapshot(t, dir, oldCalls)
			editManifest(t, dir, func(m map[string]any) { m["format"] = 1 })
			return dir
		}, ErrFormat, []string{"made by an older careport", "fetch again with careport fetch --out"}},
		{"newer format", func(t *testing.T, dir string) string {
			writeSnapshot(t, dir, oldCalls)
			editManifest(t, dir, func(m map[string]any) { m["format"] = 99 })
			return dir
		}, ErrFormat, []string{"newer careport"}},
		{"files swapped between calls", func(t *testing.T, dir string) string {
			writeSnapshot(t, dir, oldCalls)
			editManifest(t, dir, func(m map[string]any) { swapField(m, "file", "sha256", "bytes") })
			return dir
		}, ErrDamaged, []string{"Client.getAll", "Invoice.getAll", "careport fetch --out"}},
		{"files and their call hashes swapped", func(t *testing.T, dir string) string {
			writeSnapshot(t, dir, oldCalls)
			editManifest(t, dir, func(m map[string]any) { swapField(m, "file", "sha256", "bytes", "callSha256") })
			return dir
		}, ErrDamaged, []string{"not the response to", "careport fetch --out"}},
		{"files renamed and entries swapped", func(t *testing.T, dir string) string {
			m := writeSnapshot(t, dir, oldCalls)
			a, b := filepath.Join(dir, m.Calls[0].File), filepath.Join(dir, m.Calls[1].File)
			if err := os.Rename(a, a+".x"); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(b, a); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(a+".x", b); err != nil {
				t.Fatal(err)
			}
			editManifest(t, dir, func(m map[string]any) { swapField(m, "sha256", "bytes", "callSha256") })
			return dir
		}, ErrDamaged, []string{"not the response to", "careport fetch --out"}},
		{"functions swapped", func(t *testing.T, dir string) string {
			writeSnapshot(t, dir, oldCalls)
			editManifest(t, dir, func(m map[string]any) { swapField(m, "function", "params") })
			return dir
		}, ErrDamaged, []string{"careport fetch --out"}},
		{"file changed", func(t *testing.T, dir string) string {
			m := writeSnapshot(t, dir, oldCalls)
			if err := os.WriteFile(filepath.Join(dir, m.Calls[0].File), []byte(`{"x":2}`), 0o600); err != nil {
				t.Fatal(err)
			}
			return dir
		}, ErrDamaged, []string{"Client.getAll-", "changed after the fetch"}},
		{"file missing", func(t *testing.T, dir string) string {
			m := writeSnapshot(t, dir, oldCalls)
			if err := os.Remove(filepath.Join(dir, m.Calls[0].File)); err != nil {
				t.Fatal(err)
			}
			return dir
		}, ErrDamaged, []string{"Client.getAll-", "is missing"}},
		{"file name escapes", func(t *testing.T, dir string) string {
			writeSnapshot(t, dir, oldCalls)
			editManifest(t, dir, func(m map[string]any) { calls(m)[0].(map[string]any)["file"] = "../x.json" })
			return dir
		}, ErrDamaged, []string{"../x.json"}},
		{"call listed twice", func(t *testing.T, dir string) string {
			writeSnapshot(t, dir, oldCalls)
			editManifest(t, dir, func(m map[string]any) { m["calls"] = append(calls(m), calls(m)[0]) })
			return dir
		}, ErrDamaged, []string{"twice"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			p := tc.setup(t, dir)
			_, err := Open(p)
			if err == nil {
				t.Fatal("got nil error")
			}
			msg := strings.ReplaceAll(err.Error(), p, "DIR")
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("got %q, want it to contain %q", msg, w)
				}
			}
			for _, g := range goInternals {
				if strings.Contains(msg, g) {
					t.Errorf("got %q: shows Go internals (%q)", msg, g)
				}
			}
			if !errors.Is(err, tc.is) {
				t.Errorf("errors.Is(%v, %v) = false", err, tc.is)
			}
		})
	}
}

func TestBodyOfAMissingCall(t *testing.T) {
	dir := t.TempDir()
	writeSnapshot(t, dir, oldCalls)
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		fn     string
		params url.Values
		want   []string
		months bool
	}{
		{"other parameters", "Client.getAll", url.Values{}, []string{"Client.getAll with no parameters", "careport fetch --out " + dir}, false},
		{"other call", "Metric.getAll", url.Values{"ClientID": {"9"}, "APIKey": {"secret-key-value"}}, []string{"Metric.getAll with ClientID=9", "careport fetch --out " + dir}, false},
		{"dates", "Session.getAll", url.Values{"dateFrom": {"2025-01-01"}, "dateTo": {"2025-06-30"}}, []string{"Session.getAll with dateFrom=2025-01-01, dateTo=2025-06-30", "months", "--from YYYY-MM --to YYYY-MM"}, true},
		{"a week", "ClientData.getByField", url.Values{"dateFrom": {"2025-03-24"}, "dateTo": {"2025-03-30"}}, []string{"not whole months", "month by month", "without --snapshot"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := r.Body(t.Context(), tc.fn, tc.params)
			if err == nil {
				t.Fatal("got nil error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("got %q, want it to contain %q", err, w)
				}
			}
			if got := strings.Contains(err.Error(), "months"); got != tc.months {
				t.Errorf("mentions the months: got %v, want %v (%q)", got, tc.months, err)
			}
			if strings.Contains(err.Error(), "secret") {
				t.Errorf("credentials in the error: %q", err)
			}
			var mc *MissingCallError
			if !errors.As(err, &mc) || mc.Function != tc.fn {
				t.Errorf("errors.As MissingCallError: got %+v", mc)
			}
		})
	}
}

func TestWindow(t *testing.T) {
	for _, tc := range []struct {
		name     string
		in       Manifest
		want     *Window
		wantOpts map[string]string
		wantErr  string
	}{
		{"window", Manifest{Window: &Window{From: "2025-01", To: "2025-06"}}, &Window{From: "2025-01", To: "2025-06"}, map[string]string{"from": "2025-01", "to": "2025-06"}, ""},
		{"from options", Manifest{Options: map[string]string{"from": "2025-02", "x": "y"}}, &Window{From: "2025-02"}, map[string]string{"from": "2025-02", "x": "y"}, ""},
		{"none", Manifest{}, nil, nil, ""},
		{"bad month", Manifest{Window: &Window{From: "2025-13"}}, nil, nil, "YYYY-MM"},
		{"backwards", Manifest{Window: &Window{From: "2025-06", To: "2025-01"}}, nil, nil, "before"},
		{"disagree", Manifest{Window: &Window{From: "2025-01"}, Options: map[string]string{"from": "2024-01"}}, nil, nil, "disagree"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "snap")
			w, err := Create(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer w.Abort()
			_, err = w.Finish(tc.in)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("got %v, want an error containing %q", err, tc.wantErr)
				}
				if _, err := os.Stat(dir); !os.IsNotExist(err) {
					t.Errorf("a refused Finish made the folder")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			r, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			m := r.Manifest()
			if (m.Window == nil) != (tc.want == nil) || (m.Window != nil && *m.Window != *tc.want) {
				t.Errorf("Window: got %+v, want %+v", m.Window, tc.want)
			}
			if len(m.Options) != len(tc.wantOpts) {
				t.Errorf("Options: got %v, want %v", m.Options, tc.wantOpts)
			}
			for k, v := range tc.wantOpts {
				if m.Options[k] != v {
					t.Errorf("Options[%s]: got %q, want %q", k, m.Options[k], v)
				}
			}
		})
	}
}
