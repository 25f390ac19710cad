package engagements

import (
	"strings"
	"time"

	"github.com/careport/careport/reports/model"
)

// flag is one at-risk rule an engagement meets.
type flag uint8

const (
	flagOver    flag = 1 << iota // used beyond the allocation
	flagRunsOut                  // projected to use it up before the end date
	flagStalled                  // nothing booked, nothing held for N days
	flagUnder                    // use well behind the time elapsed
)

// flagNames are the flags' names on the sheets, worst first.
var flagNames = []struct {
	f    flag
	name string
}{{flagOver, "over-used"}, {flagRunsOut, "runs out early"}, {flagStalled, "stalled"}, {flagUnder, "under-using"}}

// String lists the flags set, comma-separated, worst first.
func (f flag) String() string {
	var out []string
	for _, n := range flagNames {
		if f&n.f != 0 {
			out = append(out, n.name)
		}
	}
	return strings.Join(out, ", ")
}

// count returns the number of flags set.
func (f flag) count() int {
	n := 0
	for ; f != 0; f &= f - 1 {
		n++
	}
	return n
}

// view is an engagement as it stood at one moment t (the end of a period,
// or the data time), with day the date of t's last instant.
type view struct {
	e      *eng
	t      time.Time
	day    model.CivilDate
	u      usage
	api    bool // used and booked are the API's figures (see checkAPI)
	known  bool // used and booked are known (not so for unknown units, except from the API)
	active bool
	// elapsed and total are days of the engagement: from its start through
	// day (at most total), and from its start through its end; total is 0
	// for an indefinite engagement.
	elapsed, total int
	runOut         model.CivilDate // projected day the allocation is used up; zero if none
	// sinceHeld is the number of days from the last held appointment (or
	// the start date, when none was held) to day.
	sinceHeld int
	flags     flag
}

// remaining is the allocation not yet used or booked (negative when more
// is used or booked than allotted).
func (v *view) remaining() int64 { return v.e.alloc - v.u.used - v.u.booked }

// view returns e at t, judged by the at-risk rules. At the report moment
// when it is the data time, use is the API's where checkAPI found that it
// disagrees with the appointments.
func (b *builder) view(e *eng, t time.Time) *view {
	current := t.Equal(b.t)
	if current {
		if v, ok := b.currentView[e]; ok {
			return v
		}
	}
	v := &view{e: e, t: t, day: dayBefore(t, b.loc), u: b.usage(e, t), active: e.activeAt(t), known: e.unit != unitUnknown}
	if current && b.isDataTime() && e.e.AllocationUsedKnown && (e.apiShown || e.unit == unitUnknown) {
		v.api, v.known = true, true
		v.u.used, v.u.booked = e.apiQuantity(e.e.AllocationUsedP), e.apiQuantity(e.e.AllocationUsedA-e.e.AllocationUsedP)
	}
	b.judge(v)
	if current {
		if b.currentView == nil {
			b.currentView = map[*eng]*view{}
		}
		b.currentView[e] = v
	}
	return v
}

// isDataTime reports whether the report moment is the data time (the
// period had not ended when the data was fetched).
func (b *builder) isDataTime() bool { return !b.d.FetchedAt.IsZero() && b.t.Equal(b.d.FetchedAt) }

// apiQuantity converts one of the API's whole-unit figures to quantities.
func (e *eng) apiQuantity(n int) int64 {
	if e.unit == unitHours {
		return int64(n) * secondsPerHour
	}
	return int64(n)
}

// apiUnits converts quantities to the API's whole units: hours are
// rounded down, as the API's integer figures are.
func (e *eng) apiUnits(q int64) int {
	if e.unit == unitHours {
		return int(q / secondsPerHour)
	}
	return int(q)
}

// judge fills v's time elapsed, projection and flags. Only an active
// engagement is judged.
func (b *builder) judge(v *view) {
	e := v.e
	if !e.end.IsZero() {
		v.total = e.end.DaysSince(e.start) + 1
	}
	days := v.day.DaysSince(e.start) + 1 // days of the engagement so far
	v.elapsed = max(days, 0)
	if v.total > 0 {
		v.elapsed = min(v.elapsed, v.total)
	}
	if e.useful() && v.u.used > 0 && v.elapsed > 0 {
		// At the pace so far (used per day elapsed), the allocation lasts
		// ceil(alloc * elapsed / used) days from the start.
		n := (e.alloc*int64(v.elapsed) + v.u.used - 1) / v.u.used
		v.runOut = e.start.AddDays(int(n) - 1)
	}
	last := e.start
	if !v.u.lastHeld.IsZero() {
		last = civil(v.u.lastHeld, b.loc)
	}
	v.sinceHeld = v.day.DaysSince(last)
	if !v.active {
		return
	}
	if e.useful() {
		if v.u.used > e.alloc {
			v.flags |= flagOver
		}
		if !v.runOut.IsZero() && !e.end.IsZero() && v.runOut.Before(e.end) {
			v.flags |= flagRunsOut
		}
		// used/alloc < elapsed/total - points/100, in integers.
		pts := int64(b.o.UnderUsePoints)
		if v.total > 0 && 100*v.u.used*int64(v.total) < (100*int64(v.elapsed)-pts*int64(v.total))*e.alloc {
			v.flags |= flagUnder
		}
	}
	if v.u.nextBooked.IsZero() && v.sinceHeld >= b.o.StalledDays {
		v.flags |= flagStalled
	}
}

// inAverage reports whether v's share used enters the average use: its
// use and allocation are known and it has an end date (an indefinite
// engagement's allocation has no term, and the API does not say whether
// it renews, so its share used is not comparable).
func (v *view) inAverage() bool { return v.known && v.e.useful() && !v.e.end.IsZero() }

// pctUsed returns the share of the allocation used, or empty when it
// cannot be computed.
func (v *view) pctUsed() model.Value {
	if !v.e.useful() {
		return model.Value{}
	}
	return ratio(v.u.used, v.e.alloc)
}

// pctElapsed returns the share of the engagement's days elapsed, or empty
// for an indefinite one.
func (v *view) pctElapsed() model.Value {
	if v.total <= 0 {
		return model.Value{}
	}
	return ratio(int64(v.elapsed), int64(v.total))
}

// behind returns how far, in points of 100, the share used lags the share
// of time elapsed (negative when ahead); ok false when either is unknown.
func (v *view) behind() (float64, bool) {
	if !v.e.useful() || v.total <= 0 {
		return 0, false
	}
	return 100 * (float64(v.elapsed)/float64(v.total) - float64(v.u.used)/float64(v.e.alloc)), true
}
