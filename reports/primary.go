package reports

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/careport/careport/fetch"
)

// PrimarySpan is one period during which a coach was a client's primary
// coach (pairing type 'P' in Pairing.getHistory). Start and End are Unix
// nanoseconds: End is math.MaxInt64 while the period is current, Start
// math.MinInt64 when the API sent none. Since is the start as sent (zero
// when none).
type PrimarySpan struct {
	Coach      int
	Start, End int64
	Since      time.Time
}

// PrimaryHistory answers "who was this client's primary coach then" from
// the pairing history: per client, the primary periods in start order. The
// revenue report attributes each invoice by it, the scorecard each client's
// book.
type PrimaryHistory map[int][]PrimarySpan

// NewPrimaryHistory keeps the primary periods of ps with a client and a
// coach, dropping empty or reversed ones.
func NewPrimaryHistory(ps []fetch.Pairing) PrimaryHistory {
	h := PrimaryHistory{}
	for _, p := range ps {
		if p.Type != 'P' || p.ClientID == 0 || p.CoachID == 0 {
			continue
		}
		s := PrimarySpan{Coach: p.CoachID, Start: math.MinInt64, End: math.MaxInt64, Since: p.Start}
		if !p.Start.IsZero() {
			s.Start = p.Start.UnixNano()
		}
		if !p.End.IsZero() {
			s.End = p.End.UnixNano()
		}
		if s.End <= s.Start {
			continue
		}
		h[p.ClientID] = append(h[p.ClientID], s)
	}
	for _, l := range h {
		slices.SortStableFunc(l, func(x, y PrimarySpan) int { return cmp.Compare(x.Start, y.Start) })
	}
	return h
}

// During returns the latest-starting primary period of client that
// overlaps [from, to) (Unix nanoseconds): the primary coach at the end of
// that time when the history is consistent, or the last one within it when
// the client's last primary period ended inside it. ok is false when none
// overlaps.
func (h PrimaryHistory) During(client int, from, to int64) (span PrimarySpan, ok bool) {
	l := h[client]
	for i := len(l) - 1; i >= 0; i-- {
		if s := l[i]; s.Start < to && s.End > from {
			return s, true
		}
	}
	return PrimarySpan{}, false
}
