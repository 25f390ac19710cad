package engagements

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/reports/model"
	"github.com/shopspring/decimal"
)

// problem is one thing in the data that a figure could be wrong about,
// listed on the Notes sheet under Data problems.
type problem struct {
	id   int               // the engagement's ID
	fe   *fetch.Engagement // nil when Engagement.getAll did not return it
	who  string            // its client or company, when known
	what string
}

// problem records a data problem of engagement fe.
func (b *builder) problem(fe *fetch.Engagement, format string, args ...any) {
	b.problems = append(b.problems, problem{id: fe.ID, fe: fe, who: fe.WithName, what: fmt.Sprintf(format, args...)})
}

// relevant reports whether p concerns the report: an engagement it covers,
// or, without a coach filter, one the data does not let it place.
func (b *builder) relevant(p problem) bool {
	if p.fe == nil {
		return b.o.CoachID == 0
	}
	if e := b.byID[p.id]; e != nil {
		return b.inScope[e]
	}
	return b.o.CoachID == 0 || p.fe.CoachID == b.o.CoachID
}

// checkAPI compares, for each engagement of the report, the API's own
// allocationUsedP (used by appointments held by the data time) and
// allocationUsedA (used and booked) with the count from the appointments
// at the data time, in the API's whole units. A disagreement is a data
// problem; when the report moment is the data time the sheets show the
// API's figures for that engagement, since the user sees them in the app.
func (b *builder) checkAPI() {
	if b.d.FetchedAt.IsZero() {
		return
	}
	for _, e := range b.scope {
		fe := e.e
		if !fe.AllocationUsedKnown {
			if e.unit == unitUnknown {
				b.problem(fe, "the API sent no allocationUsedP/A either, so its use is not known")
			} else {
				b.problem(fe, "the API sent no allocationUsedP/A, so its use is counted from the appointments only")
			}
			continue
		}
		if e.unit == unitUnknown {
			continue
		}
		u := e.usageAt(b.d.FetchedAt)
		p, a := e.apiUnits(u.used), e.apiUnits(u.used+u.booked)
		if p == fe.AllocationUsedP && a == fe.AllocationUsedA {
			continue
		}
		e.apiShown = true
		b.apiShown++
		what := "appointments"
		if e.unit == unitHours {
			what = "whole hours"
		}
		shown := "the sheets show the API's figures, which the app shows"
		if !b.isDataTime() {
			shown = "the sheets, as of " + b.day.String() + ", count the appointments, since the API's figures are as of the data time"
		}
		b.problem(fe, "the API says %d %s used (allocationUsedP) and %d used or booked (allocationUsedA); the appointments give %d and %d; %s",
			fe.AllocationUsedP, what, fe.AllocationUsedA, p, a, shown)
	}
}

// sortedProblems returns the data problems by engagement ID, in the order
// found within one engagement.
func (b *builder) sortedProblems() []problem {
	var ps []problem
	for _, p := range b.problems {
		if b.relevant(p) {
			ps = append(ps, p)
		}
	}
	slices.SortStableFunc(ps, func(x, y problem) int { return cmp.Compare(x.id, y.id) })
	return ps
}

// line is a data problem as a Notes line.
func (p problem) line() model.KeyValue {
	v := p.what
	if p.who != "" {
		v = p.who + ": " + v
	}
	return model.KeyValue{Key: "Engagement " + strconv.Itoa(p.id), Value: v}
}

// ratio returns n/d as a percent value (empty when d is 0).
func ratio(n, d int64) model.Value {
	if d == 0 {
		return model.Value{}
	}
	return model.PercentDecimal(decimal.NewFromInt(n).Div(decimal.NewFromInt(d)))
}
