package scorecard

import (
	"time"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/reports"
	"github.com/careport/careport/reports/model"
)

// history is the shared primary-coach history (reports.PrimaryHistory).
type history = reports.PrimaryHistory

func newHistory(ps []fetch.Pairing) history { return reports.NewPrimaryHistory(ps) }

// coachFor returns the primary period that puts client in a coach's book
// for period p: the latest-starting one that overlaps p, which is the
// primary coach at p's end (or, when the client's last primary period
// ended within p, the last primary coach in p).
func coachFor(h history, client int, p model.Period) (reports.PrimarySpan, bool) {
	return h.During(client, p.Start.UnixNano(), p.End.UnixNano())
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
		if s, ok := coachFor(h, c.ID, p); ok {
			coach, since = s.Coach, s.Since
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
