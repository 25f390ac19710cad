package sandbox

import (
	"fmt"
	"maps"
	"net/http"
	"time"
)

// Fault is a kind of injected transport fault.
type Fault int

// The fault kinds. A 5xx, 429 or dropped call is refused before its function
// runs; a truncated or slow body carries the answer of a call that did run.
const (
	FaultNone     Fault = iota // answer normally
	Fault500                   // HTTP 500 with a short HTML body
	Fault502                   // HTTP 502 with a short HTML body
	Fault503                   // HTTP 503 with a short HTML body
	Fault429                   // HTTP 429 with Retry-After: 1 (seconds)
	FaultDrop                  // connection closed without a response (hijack and close)
	FaultTruncate              // HTTP 200, correct headers, body cut off mid-JSON, then connection closed
	FaultSlowBody              // HTTP 200, body written in small chunks with pauses (SlowBodyDelay total)
)

var faultNames = [...]string{"none", "500", "502", "503", "429", "drop", "truncate", "slowbody"}

// String names the fault kind: "none", "500", "502", "503", "429", "drop",
// "truncate" or "slowbody".
func (f Fault) String() string {
	if f >= 0 && int(f) < len(faultNames) {
		return faultNames[f]
	}
	return fmt.Sprintf("Fault(%d)", int(f))
}

// ParseFault reads a name as String writes it.
func ParseFault(s string) (Fault, error) {
	for i, n := range faultNames {
		if n == s {
			return Fault(i), nil
		}
	}
	return FaultNone, fmt.Errorf("unknown fault kind %q", s)
}

// Stats is a snapshot of a Server's counters.
type Stats struct {
	Calls       int64            // API requests received (including faulted ones)
	InFlight    int64            // requests being handled right now
	MaxInFlight int64            // highest InFlight seen since start/ResetStats
	ByFunction  map[string]int64 // calls per "a" value ("" when missing)
	Faults      map[Fault]int64  // injected faults by kind
}

// Stats returns a snapshot of the counters; safe for concurrent use.
func (s *Server) Stats() Stats {
	s.statMu.Lock()
	defer s.statMu.Unlock()
	return Stats{
		Calls:       s.calls.Load(),
		InFlight:    s.inFlight.Load(),
		MaxInFlight: s.maxInFlight.Load(),
		ByFunction:  maps.Clone(s.byFunction),
		Faults:      maps.Clone(s.faults),
	}
}

// ResetStats zeroes the counters; MaxInFlight restarts from the current InFlight.
func (s *Server) ResetStats() {
	s.statMu.Lock()
	defer s.statMu.Unlock()
	s.calls.Store(0)
	s.maxInFlight.Store(s.inFlight.Load())
	s.byFunction = map[string]int64{}
	s.faults = map[Fault]int64{}
}

// InjectNext queues faults: the next len(faults) API calls get exactly these
// faults, in order, before any random draw (FaultNone answers normally).
func (s *Server) InjectNext(faults ...Fault) {
	s.randMu.Lock()
	defer s.randMu.Unlock()
	s.injected = append(s.injected, faults...)
}

// draw decides the fault and the added wait of one call.
func (s *Server) draw() (Fault, time.Duration) {
	s.randMu.Lock()
	defer s.randMu.Unlock()
	wait := s.opts.Latency
	if s.opts.Jitter > 0 {
		wait += time.Duration(s.rng.Int64N(int64(s.opts.Jitter)))
	}
	if len(s.injected) > 0 {
		f := s.injected[0]
		s.injected = s.injected[1:]
		return f, wait
	}
	if s.opts.Faults <= 0 || s.rng.Float64() >= s.opts.Faults {
		return FaultNone, wait
	}
	kinds := s.opts.FaultKinds
	if len(kinds) == 0 {
		kinds = []Fault{Fault500, Fault502, Fault503, Fault429, FaultDrop, FaultTruncate, FaultSlowBody}
	}
	return kinds[s.rng.IntN(len(kinds))], wait
}

// refuse answers a call with a fault that stops it before its function runs.
func (s *Server) refuse(w http.ResponseWriter, f Fault) {
	switch f {
	case FaultDrop:
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				conn.Close()
				return
			}
		}
		panic(http.ErrAbortHandler) // HTTP/2: the server resets the stream
	case Fault429:
		w.Header().Set("Retry-After", "1")
		writeHTML(w, http.StatusTooManyRequests)
	case Fault502:
		writeHTML(w, http.StatusBadGateway)
	case Fault503:
		writeHTML(w, http.StatusServiceUnavailable)
	default:
		writeHTML(w, http.StatusInternalServerError)
	}
}

func writeHTML(w http.ResponseWriter, status int) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	fmt.Fprintf(w, "<html><head><title>%d %s</title></head><body><h1>%s</h1></body></html>\n",
		status, http.StatusText(status), http.StatusText(status))
}

// truncate sends the headers of the whole body (Content-Length included) but
// only its first half, then closes the connection.
func truncate(w http.ResponseWriter, body []byte) {
	half := body[:len(body)/2]
	if hj, ok := w.(http.Hijacker); ok {
		if conn, bufrw, err := hj.Hijack(); err == nil {
			defer conn.Close()
			fmt.Fprintf(bufrw, "HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: %d\r\nConnection: close\r\n\r\n", len(body))
			bufrw.Write(half)
			bufrw.Flush()
			return
		}
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", fmt.Sprint(len(body)))
	w.WriteHeader(http.StatusOK)
	w.Write(half)
	if fl, ok := w.(http.Flusher); ok {
		fl.Flush()
	}
	panic(http.ErrAbortHandler) // the server closes the connection mid-body
}

// dribble writes body in 20 chunks spread over SlowBodyDelay, stopping when
// the request's context ends.
func (s *Server) dribble(w http.ResponseWriter, r *http.Request, body []byte) {
	const chunks = 20
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", fmt.Sprint(len(body)))
	w.WriteHeader(http.StatusOK)
	fl, _ := w.(http.Flusher)
	pause := s.opts.SlowBodyDelay / chunks
	size := (len(body) + chunks - 1) / chunks
	t := time.NewTimer(pause)
	defer t.Stop()
	for len(body) > 0 {
		select {
		case <-t.C:
		case <-r.Context().Done():
			return
		}
		n := min(size, len(body))
		if _, err := w.Write(body[:n]); err != nil {
			return
		}
		if fl != nil {
			fl.Flush()
		}
		body = body[n:]
		t.Reset(pause)
	}
}
