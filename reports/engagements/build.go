package engagements

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/reports/model"
)

// Options selects what Build reports.
type Options struct {
	// Period is the report period, any run of days in the account zone;
	// its Prev and YearEarlier are the comparison periods.
	Period model.Period
	// CoachID, when not 0, keeps only the engagements this coach manages
	// (and, for the count of clients without an active engagement, the
	// clients whose primary coach it is).
	CoachID int
	// StalledDays is the stalled rule's number of days; 0 means
	// DefaultStalledDays.
	StalledDays int
	// UnderUsePoints is the under-using rule's lag in percentage points;
	// 0 means DefaultUnderUsePoints.
	UnderUsePoints int
	// IncludeInactive keeps the engagements of inactive clients and
	// companies, which are left out by default.
	IncludeInactive bool
	// AccountName is shown in the report's title block.
	AccountName string
	// GeneratedAt is when the report is built (the injected clock).
	GeneratedAt time.Time
}

// ErrOptions is returned (wrapped) for options Build cannot report on.
var ErrOptions = errors.New("invalid engagement report options")

// Sheet names of the report, in order (the front page and Notes are the
// renderers').
const (
	SheetTrend       = "Trend"
	SheetEngagements = "Engagements"
	SheetAtRisk      = "At risk"
	SheetRenewals    = "Renewals"
	SheetByCoach     = "By coach"
)

// builder holds the state of one Build.
type builder struct {
	d       *Data
	o       Options
	loc     *time.Location
	r       *model.Report
	p       model.Period // the report period
	t       time.Time    // the report moment: the period's end, or the data time if earlier
	day     model.CivilDate
	all     []*eng // every engagement with a start date, by ID
	scope   []*eng // those the report covers (coach and inactive filters)
	inScope map[*eng]bool
	byID    map[int]*eng

	coachNames  map[int]string
	clients     map[int]*fetch.ClientRecord
	companies   map[int]*fetch.Company
	problems    []problem
	leftOut     int // engagements of inactive clients or companies left out
	apiShown    int // engagements whose used or booked figure is the API's
	usageMemo   map[memoKey]usage
	invoicesOf  map[int][]*fetch.Invoice // by ClientID, or -CompanyID for company invoices
	currentView map[*eng]*view
}

type memoKey struct {
	e *eng
	t int64
}

// Build builds the engagement report from d. It returns an error wrapping
// ErrOptions for a missing period, a period that starts after the data
// time, or a CoachID that names no coach of the account. Build does not
// modify d.
func Build(d *Data, o Options) (*model.Report, error) {
	if d == nil {
		return nil, errors.New("engagements build: no data")
	}
	if o.Period.IsZero() {
		return nil, fmt.Errorf("engagements build: a period is required: %w", ErrOptions)
	}
	if o.StalledDays == 0 {
		o.StalledDays = DefaultStalledDays
	}
	if o.UnderUsePoints == 0 {
		o.UnderUsePoints = DefaultUnderUsePoints
	}
	if o.StalledDays < 0 || o.UnderUsePoints < 0 || o.UnderUsePoints > 100 {
		return nil, fmt.Errorf("engagements build: stalled days %d, under-use points %d: %w", o.StalledDays, o.UnderUsePoints, ErrOptions)
	}
	loc := d.Location
	if loc == nil {
		loc = time.UTC
	}
	b := &builder{d: d, o: o, loc: loc, p: o.Period.In(loc), usageMemo: map[memoKey]usage{}}
	b.t = b.p.End
	if !d.FetchedAt.IsZero() && d.FetchedAt.Before(b.t) {
		b.t = d.FetchedAt
	}
	if !b.p.Start.Before(b.t) {
		return nil, fmt.Errorf("engagements build: the period %s starts after the data time %s: %w",
			b.p.Label, d.FetchedAt.In(loc).Format("2006-01-02 15:04"), ErrOptions)
	}
	b.day = dayBefore(b.t, loc)
	b.index()
	if o.CoachID != 0 {
		if _, ok := b.coachNames[o.CoachID]; !ok {
			return nil, fmt.Errorf("engagements build: no coach with ID %d in the account: %w", o.CoachID, ErrOptions)
		}
	}
	b.engagements()
	b.appointments()
	b.checkAPI()
	b.r = &model.Report{
		Name:        Spec.Name,
		Title:       "Engagement report " + b.p.Label,
		Account:     o.AccountName,
		Period:      b.p,
		Previous:    b.p.Prev(),
		YearEarlier: b.p.YearEarlier(),
		Timezone:    loc.String(),
		GeneratedAt: o.GeneratedAt.In(loc),
		DataTime:    d.FetchedAt.In(loc),
	}
	b.r.KPIs = b.kpis()
	b.trendSheet()
	b.engagementsSheet()
	b.atRiskSheet()
	b.renewalsSheet()
	b.byCoachSheet()
	b.notes()
	b.warnings()
	for _, s := range b.r.Sheets {
		if err := s.Err(); err != nil {
			return nil, fmt.Errorf("engagements build: %w", err)
		}
	}
	return b.r, nil
}

// dayBefore returns the civil date, in loc, of the last instant before t:
// the period's last day when t is its end.
func dayBefore(t time.Time, loc *time.Location) model.CivilDate {
	return model.CivilDateOf(t.Add(-time.Nanosecond).In(loc))
}

// civil returns the civil date of t in loc (zero for the zero time).
func civil(t time.Time, loc *time.Location) model.CivilDate {
	if t.IsZero() {
		return model.CivilDate{}
	}
	return model.CivilDateOf(t.In(loc))
}

// index builds the lookups of coaches, clients and companies.
func (b *builder) index() {
	b.coachNames = map[int]string{}
	for _, c := range b.d.Coaches {
		b.coachNames[c.ID] = strings.TrimSpace(c.FirstName + " " + c.LastName)
	}
	b.clients = make(map[int]*fetch.ClientRecord, len(b.d.Clients))
	for i := range b.d.Clients {
		b.clients[b.d.Clients[i].ID] = &b.d.Clients[i]
	}
	b.companies = map[int]*fetch.Company{}
	for i := range b.d.Companies {
		b.companies[b.d.Companies[i].ID] = &b.d.Companies[i]
	}
}

// coachName names a managing coach for the sheets.
func (b *builder) coachName(id int) string {
	if id == 0 {
		return noCoach
	}
	if n, ok := b.coachNames[id]; ok {
		return n
	}
	return "(coach " + strconv.Itoa(id) + ", not in the coach list)"
}

// noCoach names the managing coach of an engagement without one.
const noCoach = "(no managing coach)"

// engagements reads every engagement once: its dates, units and state,
// checking what would make a figure wrong, and picks the ones in scope.
func (b *builder) engagements() {
	b.byID = make(map[int]*eng, len(b.d.Engagements))
	b.inScope = map[*eng]bool{}
	for i := range b.d.Engagements {
		fe := &b.d.Engagements[i]
		e := &eng{e: fe, company: fe.ClientID == 0 && fe.CompanyID != 0, coach: b.coachName(fe.CoachID)}
		e.name = strings.TrimSpace(fe.WithName)
		switch {
		case e.company:
			co := b.companies[fe.CompanyID]
			if co == nil {
				b.problem(fe, "its company (CompanyID %d) is not in the company list", fe.CompanyID)
			} else {
				e.inactive = !co.IsActive
				e.name = cmp.Or(e.name, co.Name)
			}
		case fe.ClientID != 0:
			c := b.clients[fe.ClientID]
			if c == nil {
				b.problem(fe, "its client (ClientID %d) is not in the client list", fe.ClientID)
			} else {
				e.inactive = !c.IsActive
				e.name = cmp.Or(e.name, strings.TrimSpace(c.FirstName+" "+c.LastName))
			}
		default:
			b.problem(fe, "it names neither a client nor a company")
		}
		e.name = cmp.Or(e.name, fmt.Sprintf("(engagement %d)", fe.ID))
		if fe.StartDate.IsZero() {
			b.problem(fe, "it has no start date, so it cannot be placed in time; it is left out of every figure")
			continue
		}
		e.start = civil(fe.StartDate, b.loc)
		e.from = e.start.StartOf(b.loc)
		if !fe.EndDate.IsZero() {
			e.end = civil(fe.EndDate, b.loc)
			if e.end.Before(e.start) {
				b.problem(fe, "its end date %s is before its start date %s; it is read as never active", e.end, e.start)
			}
			e.endAt = e.end.AddDays(1).StartOf(b.loc)
			e.until = e.endAt
		}
		b.readState(e)
		b.readUnits(e)
		b.all = append(b.all, e)
		b.byID[fe.ID] = e
	}
	slices.SortFunc(b.all, func(x, y *eng) int { return cmp.Compare(x.e.ID, y.e.ID) })
	for _, e := range b.all {
		switch {
		case b.o.CoachID != 0 && e.e.CoachID != b.o.CoachID:
		case e.inactive && !b.o.IncludeInactive:
			if e.openDuring(b.p.Start, b.t) {
				b.leftOut++
			}
		default:
			b.scope = append(b.scope, e)
			b.inScope[e] = true
		}
	}
}

// readState reads whether and when e was completed or canceled.
func (b *builder) readState(e *eng) {
	fe := e.e
	switch {
	case fe.IsComplete && fe.IsCanceled:
		b.problem(fe, "it is marked both complete and canceled; it is read as canceled")
	case (fe.IsComplete || fe.IsCanceled) && fe.DateClosed.IsZero():
		b.problem(fe, "it is marked %s but has no dateClosed, so when it ended is not known; it is read as running to its end date", stateWord(fe))
		return
	case !fe.IsComplete && !fe.IsCanceled && !fe.DateClosed.IsZero():
		b.problem(fe, "it has a dateClosed (%s) but is marked neither complete nor canceled; it is read as closed then",
			fe.DateClosed.In(b.loc).Format("2006-01-02 15:04"))
	}
	if fe.DateClosed.IsZero() {
		return
	}
	e.closed = true
	if e.until.IsZero() || fe.DateClosed.Before(e.until) {
		e.until = fe.DateClosed
	}
}

func stateWord(fe *fetch.Engagement) string {
	if fe.IsCanceled {
		return "canceled"
	}
	return "complete"
}

// readUnits reads the allocation's unit and size.
func (b *builder) readUnits(e *eng) {
	fe := e.e
	switch strings.ToUpper(strings.TrimSpace(fe.AllocationUnits)) {
	case "A":
		e.unit = unitAppointments
		e.alloc, e.perAlloc = int64(fe.Allocation), int64(fe.AllocationPerClient)
	case "H":
		e.unit = unitHours
		e.alloc, e.perAlloc = int64(fe.Allocation)*secondsPerHour, int64(fe.AllocationPerClient)*secondsPerHour
	default:
		b.problem(fe, "its allocation units %q are neither A (appointments) nor H (hours), so its use cannot be counted; it shows the API's figures and is left out of the use averages and at-risk rules", fe.AllocationUnits)
		return
	}
	if fe.Allocation <= 0 {
		b.problem(fe, "its allocation is %d, so the share used cannot be computed; it is left out of the use averages and the use-based at-risk rules", fe.Allocation)
	}
}

// useful reports whether e's use can be set against its allocation.
func (e *eng) useful() bool { return e.unit != unitUnknown && e.alloc > 0 }

// appointments links each appointment to its engagement (its
// EngagementID, from Appointment.getAll) and checks the link against the
// engagements' own AppointmentSet.
func (b *builder) appointments() {
	inSet := map[int]int{} // appointment ID -> engagement listing it
	for _, e := range b.all {
		for _, a := range e.e.Appointments {
			if prev, dup := inSet[a.ID]; dup && prev != e.e.ID {
				b.problem(e.e, "its AppointmentSet lists appointment %d, which engagement %d lists too", a.ID, prev)
			}
			inSet[a.ID] = e.e.ID
		}
	}
	seen := map[int]bool{}
	for i := range b.d.Appointments {
		a := &b.d.Appointments[i]
		seen[a.ID] = true
		if set, ok := inSet[a.ID]; ok && set != a.EngagementID {
			if e := b.byID[set]; e != nil {
				b.problem(e.e, "its AppointmentSet lists appointment %d, whose EngagementID is %d; the appointment counts toward engagement %d, as Appointment.getAll says", a.ID, a.EngagementID, a.EngagementID)
			}
		}
		if a.EngagementID == 0 {
			continue
		}
		e := b.byID[a.EngagementID]
		if e == nil {
			b.problems = append(b.problems, problem{id: a.EngagementID, what: fmt.Sprintf("appointment %d names engagement %d, which Engagement.getAll did not return (or which has no start date); it counts toward nothing", a.ID, a.EngagementID)})
			continue
		}
		switch a.Status {
		case "A", "C", "P", "D":
		default:
			b.problem(e.e, "appointment %d has status %q, which is none of A, C, P and D; it is neither held nor booked", a.ID, a.Status)
		}
		if a.StartDate.IsZero() {
			b.problem(e.e, "appointment %d has no start date; it is neither held nor booked", a.ID)
			continue
		}
		if e.unit == unitHours && a.EndDate.Before(a.StartDate) {
			b.problem(e.e, "appointment %d ends before it starts; it counts as zero hours", a.ID)
		}
		if !e.company && a.ClientID != 0 && a.ClientID != e.e.ClientID {
			b.problem(e.e, "appointment %d is with client %d, not the engagement's client %d; it counts toward the engagement, as its EngagementID says", a.ID, a.ClientID, e.e.ClientID)
		}
		e.appts = append(e.appts, a)
	}
	for _, e := range b.all {
		for _, a := range e.e.Appointments {
			if !seen[a.ID] {
				b.problem(e.e, "its AppointmentSet lists appointment %d, which Appointment.getAll did not return; it is not counted", a.ID)
			}
		}
		sortAppts(e.appts)
	}
}

// usage returns e's use at t, memoized.
func (b *builder) usage(e *eng, t time.Time) usage {
	k := memoKey{e, t.UnixNano()}
	if u, ok := b.usageMemo[k]; ok {
		return u
	}
	u := e.usageAt(t)
	b.usageMemo[k] = u
	return u
}
