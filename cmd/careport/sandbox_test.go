package main

import (
	"bytes"
	"context"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/careport/careport/fetch"
)

// TestSandboxFlags checks the sandbox flags that are refused before it
// starts serving.
func TestSandboxFlags(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a-file")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string // substring of stderr
	}{
		{"seed without generate", []string{"--seed", "7"}, exitUsage, "--seed goes with --generate"},
		{"seed with account", []string{"--account", "../../samples/example-account.json", "--seed", "7"}, exitUsage, "--seed goes with --generate"},
		{"state in a missing folder", []string{"--state", filepath.Join(dir, "nope", "state.json")}, exitUsage, "the folder " + filepath.Join(dir, "nope") + " does not exist"},
		{"state under a file", []string{"--state", filepath.Join(file, "state.json")}, exitUsage, "is a file, not a folder"},
		{"state is a folder", []string{"--state", dir}, exitUsage, "is a folder; give the path of a file"},
		{"generate bad size", []string{"--generate", "huge", "--seed", "7"}, exitUsage, "huge"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// The address is taken by no one, but a refused command line
			// must never reach Listen; a short context stops it if it does.
			ctx, cancel := context.WithTimeout(t.Context(), 2*time.Second)
			defer cancel()
			var out, errb syncBuffer
			e := &env{ctx: ctx, stdout: &out, stderr: &errb, getenv: func(string) string { return "" }, now: time.Now}
			code := runEnv(e, append([]string{"sandbox", "--addr", "127.0.0.1:0"}, tc.args...))
			if code != tc.wantCode {
				t.Errorf("exit code: got %d, want %d\nstdout: %s\nstderr: %s", code, tc.wantCode, out.String(), errb.String())
			}
			if !strings.Contains(errb.String(), tc.wantErr) {
				t.Errorf("stderr: got %q, want it to contain %q", errb.String(), tc.wantErr)
			}
			if strings.Contains(out.String(), "CA_API_URL") {
				t.Errorf("the sandbox started serving: %s", out.String())
			}
		})
	}
}

// TestSandboxServes starts the sandbox on several addresses and checks that
// the URL it prints is one careport's client accepts and reaches, with the
// credentials it prints.
func TestSandboxServes(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantHost string
		wantOut  string // substring of stdout
	}{
		{"loopback", []string{"--addr", "127.0.0.1:0"}, "127.0.0.1", "Press Ctrl-C"},
		{"all interfaces", []string{"--addr", "0.0.0.0:0"}, "127.0.0.1", "Listening on all interfaces"},
		{"no host", []string{"--addr", ":0"}, "127.0.0.1", "Listening on all interfaces"},
		{"generated with seed", []string{"--addr", "127.0.0.1:0", "--generate", "small", "--seed", "7"}, "127.0.0.1", "Press Ctrl-C"},
		{"state in an existing folder", []string{"--addr", "127.0.0.1:0", "--state", filepath.Join(t.TempDir(), "state.json")}, "127.0.0.1", "Press Ctrl-C"},
	}
	urlRE := regexp.MustCompile(`export CA_API_URL=(\S+)`)
	idRE := regexp.MustCompile(`export CA_API_ID=(\S+)`)
	keyRE := regexp.MustCompile(`export CA_API_KEY=(\S+)`)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			var out, errb syncBuffer
			e := &env{ctx: ctx, stdout: &out, stderr: &errb, getenv: func(string) string { return "" }, now: time.Now}
			done := make(chan int, 1)
			go func() { done <- runEnv(e, append([]string{"sandbox"}, tc.args...)) }()

			deadline := time.After(10 * time.Second)
			for !strings.Contains(out.String(), "Press Ctrl-C") {
				select {
				case code := <-done:
					t.Fatalf("sandbox exited %d before serving: %s", code, errb.String())
				case <-deadline:
					t.Fatalf("sandbox did not start: stdout %q, stderr %q", out.String(), errb.String())
				case <-time.After(10 * time.Millisecond):
				}
			}
			stdout := out.String()
			if !strings.Contains(stdout, tc.wantOut) {
				t.Errorf("stdout: got %q, want it to contain %q", stdout, tc.wantOut)
			}
			m, id, key := urlRE.FindStringSubmatch(stdout), idRE.FindStringSubmatch(stdout), keyRE.FindStringSubmatch(stdout)
			if m == nil || id == nil || key == nil {
				t.Fatalf("stdout lacks the URL or credentials: %q", stdout)
			}
			if want := "http://" + tc.wantHost + ":"; !strings.HasPrefix(m[1], want) || !strings.HasSuffix(m[1], "/API/") {
				t.Errorf("URL: got %s, want %s<port>/API/", m[1], want)
			}
			c, err := fetch.New(fetch.Config{BaseURL: m[1], Credentials: fetch.Credentials{APIID: id[1], APIKey: key[1]}})
			if err != nil {
				t.Fatalf("the client refuses the printed URL: %v", err)
			}
			coaches, err := c.Coaches(ctx, fetch.CoachesOptions{})
			if err != nil || len(coaches) == 0 {
				t.Errorf("Coaches over the printed URL: got %d coaches, error %v", len(coaches), err)
			}
			cancel()
			if code := <-done; code != exitOK {
				t.Errorf("exit code after interrupt: got %d, want %d (stderr %q)", code, exitOK, errb.String())
			}
		})
	}
}

func TestSandboxURL(t *testing.T) {
	tests := []struct {
		addr, want string
		note       string // substring of the note; "" for none
	}{
		{"127.0.0.1:8765", "http://127.0.0.1:8765/API/", ""},
		{"[::1]:8765", "http://[::1]:8765/API/", ""},
		{"0.0.0.0:8765", "http://127.0.0.1:8765/API/", "all interfaces, port 8765"},
		{"[::]:8765", "http://127.0.0.1:8765/API/", "all interfaces"},
		{"192.0.2.7:8765", "http://192.0.2.7:8765/API/", "will refuse this URL"},
	}
	for _, tc := range tests {
		t.Run(tc.addr, func(t *testing.T) {
			addr, err := net.ResolveTCPAddr("tcp", tc.addr)
			if err != nil {
				t.Fatal(err)
			}
			got, note := sandboxURL(addr)
			if got != tc.want {
				t.Errorf("URL: got %s, want %s", got, tc.want)
			}
			if (tc.note == "") != (note == "") || !strings.Contains(note, tc.note) {
				t.Errorf("note: got %q, want one containing %q", note, tc.note)
			}
		})
	}
}

// syncBuffer is a bytes.Buffer safe for the sandbox goroutine to write while
// the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
