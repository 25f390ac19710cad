package scorecard_test

import (
	"sort"
	"strings"
	"time"

	"github.com/careport/careport/fetch/sandbox/account"
)

// This file recomputes the scorecard's figures from the account's raw
// records, in the account's wall-clock dates, without the report's code
// and without the activity-stats CSV: the report reads the counts of each
// kind from ClientData.getActivityStats, the test counts the records.

// span is a period as wall-clock bounds [from, to) and its days.
type span struct {
	first, last account.Date
	from, to    account.DateTime
}

func month(y, m int) span {
	t := time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC)
	first, next := account.DateFromTime(t), account.DateFromTime(t.AddDate(0, 1, 0))
	return span{first, next.AddDays(-1), first.At(0, 0, 0), next.At(0, 0, 0)}
}

func (s span) has(t account.DateTime) bool { return t != 0 && t >= s.from && t < s.to }
func (s span) hasDay(d account.Date) bool  { return d != 0 && d >= s.first && d <= s.last }

// expected are one coach's figures over one span.
type expected struct {
	clients, newClients, withActivity int
	kinds                             [8]int
	held, canceled                    int
	due, onTime, overdue              int
	wsDone, wsDue, wsDueDone          int
	notes                             int
	collected                         map[string]account.Cents
	allocA, usedA, allocH             int
	usedHMin                          int64
	clientIDs                         []int
}

func (e *expected) activity() int {
	n := 0
	for _, k := range e.kinds {
		n += k
	}
	return n
}

// coachOf returns the coach whose book client c is in for s: the latest
// starting primary pairing overlapping s; the current coach without any
// primary pairing; 0 for none.
func coachOf(a *account.Account, c *account.Client, s span) int {
	best, bestStart, any := 0, account.DateTime(-1<<62), false
	for _, p := range a.Pairings {
		if p.ClientID != c.ID || p.Type != "P" {
			continue
		}
		any = true
		if p.StartDate < s.to && (p.EndDate == 0 || p.EndDate > s.from) && p.StartDate >= bestStart {
			best, bestStart = p.CoachID, p.StartDate
		}
	}
	if !any {
		return c.CoachID
	}
	return best
}

// books returns the active clients of each coach for s.
func books(a *account.Account, s span) map[int][]*account.Client {
	out := map[int][]*account.Client{}
	for _, c := range a.Clients {
		if !c.IsActive || c.DateAdded >= s.to {
			continue
		}
		if coach := coachOf(a, c, s); coach != 0 {
			out[coach] = append(out[coach], c)
		}
	}
	return out
}

// kindsOf counts client's items of each kind (AMPSWJFC) on the days of s;
// today is the last day an appointment counts as held.
func kindsOf(a *account.Account, client int, s span, today account.Date) [8]int {
	var k [8]int
	eachItem(a, client, today, func(kind int, d account.Date) {
		if s.hasDay(d) {
			k[kind]++
		}
	})
	return k
}

// eachItem calls f with the kind index and day of every item of client.
func eachItem(a *account.Account, client int, today account.Date, f func(kind int, d account.Date)) {
	for _, x := range a.Actions {
		if x.ClientID == client && x.IsDone {
			f(0, x.DateDone.Date())
		}
	}
	for _, m := range a.Metrics {
		if m.ClientID == client {
			for _, dp := range m.Data {
				f(1, dp.DateOf)
			}
		}
	}
	for _, x := range a.Appointments {
		if x.ClientID == client && x.Status == "A" && x.StartDate.Date() <= today {
			f(2, x.StartDate.Date())
		}
	}
	for _, x := range a.Sessions {
		if x.ClientID == client && !x.IsDraft {
			f(3, x.DateOf.Date())
		}
	}
	for _, x := range a.Worksheets {
		if x.ClientID == client && x.IsDone {
			f(4, x.DateDone.Date())
		}
	}
	for _, x := range a.Activities {
		if x.ClientID == client {
			f(strings.Index("AMPSWJFC", x.Kind), x.Date.Date())
		}
	}
}

// expect computes every coach's figures for s from the raw records; now is
// the data time (wall clock).
func expect(a *account.Account, s span, now account.DateTime) map[int]*expected {
	out := map[int]*expected{}
	for coach, cs := range books(a, s) {
		e := &expected{collected: map[string]account.Cents{}}
		out[coach] = e
		for _, c := range cs {
			e.clientIDs = append(e.clientIDs, c.ID)
			e.clients++
			if s.has(c.DateAdded) {
				e.newClients++
			}
			k := kindsOf(a, c.ID, s, now.Date())
			any := false
			for i, n := range k {
				e.kinds[i] += n
				any = any || n > 0
			}
			if any {
				e.withActivity++
			}
			for _, x := range a.Appointments {
				if x.ClientID != c.ID || !s.has(x.StartDate) {
					continue
				}
				if x.Status == "A" && x.StartDate < now {
					e.held++
				}
				if x.Status == "C" {
					e.canceled++
				}
			}
			for _, x := range a.Sessions {
				if x.ClientID == c.ID && !x.IsDraft && s.has(x.DateOf) {
					e.notes++
				}
			}
			for _, x := range a.Worksheets {
				if x.ClientID != c.ID {
					continue
				}
				if x.IsDone && s.has(x.DateDone) {
					e.wsDone++
				}
				if s.has(x.DateDue) {
					e.wsDue++
					if x.IsDone && x.DateDone < s.to {
						e.wsDueDone++
					}
				}
			}
			for _, x := range a.Actions {
				if x.ClientID != c.ID || x.IsCanceled || x.ForWho == "C" || !s.has(x.DateDue) {
					continue
				}
				e.due++
				if x.IsDone && x.DateDone.Date() <= x.DateDue.Date() {
					e.onTime++
				}
				if !x.IsDone || x.DateDone >= s.to {
					e.overdue++
				}
			}
			for _, inv := range a.Invoices {
				if inv.ClientID != c.ID {
					continue
				}
				for _, p := range inv.Payments {
					if s.has(p.DatePaid) {
						e.collected[inv.Currency] += p.Amount
					}
				}
			}
			end := min(s.to, now)
			for _, g := range a.Engagements {
				if g.ClientID != c.ID || g.IsCanceled || g.Allocation <= 0 || g.StartDate > s.last ||
					(g.EndDate != 0 && g.EndDate < s.first) {
					continue
				}
				used, minutes := 0, int64(0)
				for _, x := range a.Appointments {
					if x.EngagementID == g.ID && x.Status == "A" && x.CountsInEngagement != -1 && x.StartDate < end {
						used++
						minutes += int64(x.EndDate-x.StartDate) / 60
					}
				}
				switch g.AllocationUnits {
				case "A":
					e.allocA += g.Allocation
					e.usedA += used
				case "H":
					e.allocH += g.Allocation
					e.usedHMin += minutes
				}
			}
		}
		sort.Ints(e.clientIDs)
	}
	return out
}

// lastDay returns client's last day with any item on or before end, and
// whether there is one on or after from.
func lastDay(a *account.Account, client int, from, end, today account.Date) (account.Date, bool) {
	var last account.Date
	eachItem(a, client, today, func(_ int, d account.Date) {
		if d <= end && d >= from && d > last {
			last = d
		}
	})
	return last, last != 0
}
