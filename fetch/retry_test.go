package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"testing"
	"time"
)

func TestBackoffCeiling(t *testing.T) {
	b := backoff{base: 200 * time.Millisecond, cap: 10 * time.Second}
	want := []time.Duration{200, 400, 800, 1600, 3200, 6400, 10000, 10000}
	for i, w := range want {
		if got := b.ceiling(i + 1); got != w*time.Millisecond {
			t.Errorf("attempt %d: got %v, want %v", i+1, got, w*time.Millisecond)
		}
	}
	if got := b.ceiling(1000); got != 10*time.Second {
		t.Errorf("attempt 1000: got %v, want the cap", got)
	}
}

func TestBackoffFullJitter(t *testing.T) {
	b := backoff{base: 200 * time.Millisecond, cap: 10 * time.Second}
	// The jitter source decides the whole delay: [0, ceiling).
	for _, tc := range []struct {
		name    string
		attempt int
		rnd     func(int64) int64
		want    time.Duration
	}{
		{"lowest", 3, func(int64) int64 { return 0 }, 0},
		{"highest", 3, func(n int64) int64 { return n - 1 }, 800*time.Millisecond - 1},
		{"half of cap", 10, func(n int64) int64 { return n / 2 }, 5 * time.Second},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := b.delay(tc.attempt, tc.rnd); got != tc.want {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		in   string
		want time.Duration
	}{
		{"1", time.Second}, {" 30 ", 30 * time.Second}, {"0", 0}, {"-5", 0}, {"", 0}, {"soon", 0},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0},
		{"999999999", 24 * time.Hour},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := parseRetryAfter(tc.in, now); got != tc.want {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestRetryable(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want bool
	}{
		{"500", &HTTPError{StatusCode: 500}, true},
		{"502", &HTTPError{StatusCode: 502}, true},
		{"503", &HTTPError{StatusCode: 503}, true},
		{"429", &HTTPError{StatusCode: 429}, true},
		{"404", &HTTPError{StatusCode: 404}, false},
		{"400", &HTTPError{StatusCode: 400}, false},
		{"EOF", &transportError{err: io.ErrUnexpectedEOF}, true},
		{"timeout", &transportError{err: context.DeadlineExceeded}, true},
		{"wrapped", fmt.Errorf("x: %w", &transportError{err: io.EOF}), true},
		{"api error", &APIError{Code: 302}, false},
		{"other", errors.New("build request"), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := retryable(tc.err); got != tc.want {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}
