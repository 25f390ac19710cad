package engagements

import (
	"cmp"
	"slices"
	"time"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/reports/model"
)

// unit is what an engagement's allocation counts.
type unit uint8

const (
	unitUnknown unit = iota // a letter other than A or H: use cannot be counted
	unitAppointments
	unitHours
)

// secondsPerHour converts hours-based allocations to seconds, the unit in
// which their use is summed exactly.
const secondsPerHour = 3600

// eng is one engagement with what the report derives from it once. Use is
// held in "quantities": appointments for unitAppointments, seconds for
// unitHours, so that every comparison is exact integer arithmetic.
type eng struct {
	e        *fetch.Engagement
	name     string // the client's or company's name
	company  bool
	coach    string // the managing coach's name
	unit     unit
	alloc    int64 // allocation in quantities
	perAlloc int64 // allocationPerClient in quantities (company engagements)
	start    model.CivilDate
	end      model.CivilDate // zero for an indefinite engagement
	// from is the first instant of the start date; until is when it
	// stopped being active: the first instant after its end date or its
	// dateClosed, whichever is earlier (zero: still running, no end date).
	from, until time.Time
	endAt       time.Time // first instant after the end date (zero: indefinite)
	closed      bool      // completed or canceled, with a dateClosed
	inactive    bool      // the client or company is inactive
	apiShown    bool      // the API's use disagrees with the appointments; show the API's
	appts       []*fetch.Appointment
}

// activeAt reports whether e is active at instant t: started before t and
// not yet ended (by its end date, or completed or canceled) at t.
func (e *eng) activeAt(t time.Time) bool {
	return e.from.Before(t) && (e.until.IsZero() || t.Before(e.until))
}

// openDuring reports whether e was active at some instant of [start, t):
// it started before t and stopped after start (and after it started: one
// closed, or ending, before its start never was active).
func (e *eng) openDuring(start, t time.Time) bool {
	return e.from.Before(t) && (e.until.IsZero() || (e.until.After(start) && e.until.After(e.from)))
}

// endedIn reports whether e stopped being active in (start, t]: its end
// date or its closing falls in the period. An engagement that never was
// active (closed before it started) does not end.
func (e *eng) endedIn(start, t time.Time) bool {
	return !e.until.IsZero() && e.until.After(e.from) && e.until.After(start) && !e.until.After(t)
}

// newIn reports whether e started in [start, t) and was active at all.
func (e *eng) newIn(start, t time.Time) bool {
	return !e.from.Before(start) && e.from.Before(t) && (e.until.IsZero() || e.until.After(e.from))
}

// closedIn reports whether e was closed (dateClosed) in [start, t).
func (e *eng) closedIn(start, t time.Time) bool {
	dc := e.e.DateClosed
	return e.closed && !dc.Before(start) && dc.Before(t)
}

// quantity returns what appointment a uses of e's allocation: 1 for an
// appointments-based engagement, its length in seconds for an hours-based
// one (never negative).
func (e *eng) quantity(a *fetch.Appointment) int64 {
	if e.unit == unitHours {
		return max(int64(a.EndDate.Sub(a.StartDate)/time.Second), 0)
	}
	return 1
}

// held reports whether a was held before t: active (status A, neither
// canceled nor a pending or declined request) and started before t.
func held(a *fetch.Appointment, t time.Time) bool {
	return a.Status == "A" && a.StartDate.Before(t)
}

// counts reports whether a held appointment counts toward the allocation:
// countsInEngagement is 1 (credited) or 0 (not yet judged, which the API's
// own figures count); -1 means not credited.
func counts(a *fetch.Appointment) bool { return a.CountsInEngagement != -1 }

// bookedAt reports whether a was booked at t for later: starting at or
// after t, added before t, and then neither canceled nor a request; an
// appointment canceled after t was still booked at t.
func bookedAt(a *fetch.Appointment, t time.Time) bool {
	if a.StartDate.Before(t) || (!a.DateAdded.IsZero() && !a.DateAdded.Before(t)) {
		return false
	}
	switch a.Status {
	case "A":
		return counts(a)
	case "C":
		return !a.DateCanceled.IsZero() && !a.DateCanceled.Before(t)
	}
	return false
}

// usage is an engagement's use of its allocation at one moment.
type usage struct {
	used, booked int64     // quantities
	heldN        int       // appointments held (counted or not)
	lastHeld     time.Time // start of the last held appointment; zero if none
	nextBooked   time.Time // start of the next booked one; zero if none
}

// usageAt returns e's use at t from its appointments.
func (e *eng) usageAt(t time.Time) usage {
	var u usage
	for _, a := range e.appts {
		switch {
		case held(a, t):
			u.heldN++
			if a.StartDate.After(u.lastHeld) {
				u.lastHeld = a.StartDate
			}
			if counts(a) {
				u.used += e.quantity(a)
			}
		case bookedAt(a, t):
			u.booked += e.quantity(a)
			if u.nextBooked.IsZero() || a.StartDate.Before(u.nextBooked) {
				u.nextBooked = a.StartDate
			}
		}
	}
	return u
}

// sortAppts orders appointments by start, then ID.
func sortAppts(as []*fetch.Appointment) {
	slices.SortFunc(as, func(x, y *fetch.Appointment) int {
		return cmp.Or(x.StartDate.Compare(y.StartDate), cmp.Compare(x.ID, y.ID))
	})
}
