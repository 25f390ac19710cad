package revenue

import (
	"cmp"
	"math"
	"slices"

	"github.com/careport/careport/fetch"
)

// primarySpan is one period during which a coach was a client's primary
// coach, as Unix nanoseconds; end is math.MaxInt64 while it is current and
// start math.MinInt64 when the API sent no start.
type primarySpan struct {
	coach      int
	start, end int64
}

// coachHistory answers "who was this client's primary coach on that day"
// from Pairing.getHistory: per client, the periods of type 'P', by start.
type coachHistory map[int][]primarySpan

func newCoachHistory(ps []fetch.Pairing) coachHistory {
	h := coachHistory{}
	for _, p := range ps {
		if p.Type != 'P' || p.ClientID == 0 || p.CoachID == 0 {
			continue
		}
		s := primarySpan{coach: p.CoachID, start: math.MinInt64, end: math.MaxInt64}
		if !p.Start.IsZero() {
			s.start = p.Start.UnixNano()
		}
		if !p.End.IsZero() {
			s.end = p.End.UnixNano()
		}
		if s.end <= s.start {
			continue
		}
		h[p.ClientID] = append(h[p.ClientID], s)
	}
	for _, l := range h {
		slices.SortStableFunc(l, func(x, y primarySpan) int { return cmp.Compare(x.start, y.start) })
	}
	return h
}

// on returns the primary coach of client on the calendar day [from, to)
// (Unix nanoseconds of its midnight and the next, in the account zone): the
// coach of the latest-starting primary period that overlaps the day, which
// is the primary coach at the day's end when the history is consistent. ok
// is false when no period overlaps the day.
func (h coachHistory) on(client int, from, to int64) (coach int, ok bool) {
	l := h[client]
	if len(l) == 0 {
		return 0, false
	}
	for i := len(l) - 1; i >= 0; i-- {
		if s := l[i]; s.start < to && s.end > from {
			return s.coach, true
		}
	}
	return 0, false
}
