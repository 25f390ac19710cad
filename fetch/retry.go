package fetch

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// backoff computes capped exponential delays with full jitter.
type backoff struct {
	base, cap time.Duration
}

// delay returns the wait after failed attempt n (1-based): a uniformly random
// duration in [0, min(cap, base*2^(n-1))), drawn with rnd (which returns a
// value in [0, max) for max > 0).
func (b backoff) delay(n int, rnd func(max int64) int64) time.Duration {
	ceiling := b.ceiling(n)
	if ceiling <= 0 {
		return 0
	}
	return time.Duration(rnd(int64(ceiling)))
}

// ceiling is min(cap, base*2^(n-1)), without overflow.
func (b backoff) ceiling(n int) time.Duration {
	if n < 1 {
		n = 1
	}
	d := b.base
	for i := 1; i < n; i++ {
		if d >= b.cap/2 {
			return b.cap
		}
		d *= 2
	}
	if d > b.cap {
		return b.cap
	}
	return d
}

// retryable decides whether a failed attempt is worth repeating, in the
// manner of stripe-go's shouldRetry: transport failures (connection reset,
// refused, EOF, per-attempt timeout, truncated body), HTTP 429 and 5xx are;
// other statuses (404, 400, ...) and anything else are not. Envelope errors
// never reach here: the API answered and repeating will not change its mind.
func retryable(err error) bool {
	var he *HTTPError
	if errors.As(err, &he) {
		return he.StatusCode == http.StatusTooManyRequests || he.StatusCode >= 500
	}
	var te *transportError
	return errors.As(err, &te)
}

// parseRetryAfter reads a Retry-After header: delay-seconds or an HTTP date
// (relative to now). It returns 0 when absent, malformed or in the past.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n <= 0 {
			return 0
		}
		if n > 24*3600 {
			n = 24 * 3600
		}
		return time.Duration(n) * time.Second
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0
	}
	if d := t.Sub(now); d > 0 {
		return d
	}
	return 0
}
