package scorecard

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/reports/model"
)

// primarySpan is one period during which a coach was a client's primary
// coach (pairing type 'P'), as Unix nanoseconds: end is math.MaxInt64
// while it is current, start math.MinInt64 when the API sent none.
type primarySpan struct {
	coach      int
	start, end int64
	since      time.Time // the pairing's start as sent (zero when none)
}

// history answers "whose book was this client in" from Pairing.getHistory.
type history map[int][]primarySpan

func newHistory(ps []fetch.Pairing) history {
	h := history{}
	for _, p := range ps {
		if p.Type != 'P' || p.ClientID == 0 || p.CoachID == 0 {
			continue
		}
		s := primarySpan{coach: p.CoachID, start: math.MinInt64, end: math.MaxInt64, since: p.Start}
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

// coachFor returns the coach whose book client is in for period p: the
// coach of the latest-starting primary period that overlaps p, which is
// the primary coach at p's end (or, when the client's last primary period
// ended within p, the last primary coach in p). ok is false when no
// primary period overlaps p.
func (h history) coachFor(client int, p model.Period) (span primarySpan, ok bool) {
	from, to := p.Start.UnixNano(), p.End.UnixNano()
	l := h[client]
	for i := len(l) - 1; i >= 0; i-- {
		if s := l[i]; s.start < to && s.end > from {
			return s, true
		}
	}
	return primarySpan{}, false
}

// book is who belonged to which coach in one period.
type book struct {
	period model.Period
	// active are each coach's active clients (see the package comment),
	// sorted by name; inactive the clients attributed to the coach who are
	// inactive at the data time and left out of every figure.
	active, inactive map[int][]*fetch.ClientRecord
	coachOf          map[int]int       // active client -> coach
	since            map[int]time.Time // active client -> start of the primary period used (zero: unknown)
	fellBack         []int             // clients without primary history, attributed to their current coach
}

// newBook attributes every client added before p's end to a coach for p.
func newBook(clients []fetch.ClientRecord, h history, p model.Period) *book {
	b := &book{period: p, active: map[int][]*fetch.ClientRecord{}, inactive: map[int][]*fetch.ClientRecord{},
		coachOf: map[int]int{}, since: map[int]time.Time{}}
	for i := range clients {
		c := &clients[i]
		if !c.DateAdded.IsZero() && !c.DateAdded.Before(p.End) {
			continue // not a client yet
		}
		coach, since := 0, time.Time{}
		if s, ok := h.coachFor(c.ID, p); ok {
			coach, since = s.coach, s.since
		} else if len(h[c.ID]) == 0 && c.CoachID != 0 {
			// No primary history at all: the client's current coach, counted
			// on the Notes. A client whose history does not reach p (one
			// paired later) is in no book for p.
			coach = c.CoachID
			if c.IsActive {
				b.fellBack = append(b.fellBack, c.ID)
			}
		}
		if coach == 0 {
			continue
		}
		if !c.IsActive {
			b.inactive[coach] = append(b.inactive[coach], c)
			continue
		}
		b.active[coach] = append(b.active[coach], c)
		b.coachOf[c.ID] = coach
		b.since[c.ID] = since
	}
	for _, l := range b.active {
		sortClients(l)
	}
	return b
}
