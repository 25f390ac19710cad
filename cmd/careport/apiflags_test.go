package main

import (
	"strings"
	"testing"
)

func TestAPIFlagChecks(t *testing.T) {
	creds := map[string]string{"CA_API_ID": "id", "CA_API_KEY": "key-0123456789abcdef"}
	for _, tc := range []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
	}{
		{"timeout zero", []string{"revenue", "--timeout", "0"}, exitUsage, "--timeout must be a positive duration"},
		{"timeout negative", []string{"revenue", "--timeout", "-5s"}, exitUsage, "--timeout must be a positive duration"},
		{"idle timeout zero", []string{"revenue", "--idle-timeout", "0s"}, exitUsage, "--idle-timeout must be a positive duration"},
		{"call deadline negative", []string{"revenue", "--call-deadline", "-1m"}, exitUsage, "--call-deadline must be a positive duration"},
		{"url without scheme", []string{"revenue", "--api-url", "localhost:8080/API/"}, exitUsage, "e.g. https://"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, creds, tc.args...)
			if code != tc.wantCode || !strings.Contains(stderr, tc.wantErr) {
				t.Errorf("got exit %d, stderr %q; want exit %d and %q", code, stderr, tc.wantCode, tc.wantErr)
			}
			if strings.Contains(stderr, "first path segment") {
				t.Errorf("stderr %q shows a Go internal message", stderr)
			}
		})
	}
}

func TestAPIFlagHelp(t *testing.T) {
	code, stdout, _ := runCLI(t, nil, "revenue", "--help")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"--idle-timeout", "--call-deadline", "--timeout"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("help lacks %s", want)
		}
	}
}
