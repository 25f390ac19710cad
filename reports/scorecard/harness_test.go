package scorecard_test

import (
	"context"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/spf13/pflag"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/fetch/dataset"
	"github.com/careport/careport/fetch/sandbox"
	"github.com/careport/careport/fetch/sandbox/account"
	"github.com/careport/careport/fetch/sandbox/generate"
	"github.com/careport/careport/fetch/sandbox/sandboxtest"
	"github.com/careport/careport/reports"
	"github.com/careport/careport/reports/model"
	"github.com/careport/careport/reports/scorecard"
)

// The edge cases added to the sample account (coach IDs 1, 3, 4, 5 coach
// in it; 2 is administrative only; 6 is inactive).
const (
	noClientsCoach = 7               // Nora Noclients: active, coaching, no clients
	handover       = "Hana Handover" // coach 3's until 2026-09-15 12:00, then coach 4's
	quietNever     = "Quinn Quiet"   // coach 3's, no activity ever
	quietLapsed    = "Lara Lapsed"   // coach 5's, last activity 2026-06-10
	quietWeeks     = "Walt Weeks"    // coach 1's, activity on 2026-09-01 only
	orphan         = "Ian Orphan"    // active, primary coach 6 (inactive)
	former         = "Xena Former"   // inactive, coach 3's, activity and a payment in 2026-09
)

func dt(y int, m time.Month, d, hh, mm int) account.DateTime {
	return account.DateTimeOf(y, m, d, hh, mm, 0)
}

// testAccount returns the small sample account with the edge cases above.
func testAccount(t testing.TB) *account.Account {
	t.Helper()
	a, err := generate.Generate(generate.Small, generate.SampleSeed)
	if err != nil {
		t.Fatalf("generate: %v", err)
	}
	ids := map[string]int{}
	next := func(kind string, cur int) int {
		if ids[kind] < cur {
			ids[kind] = cur
		}
		ids[kind]++
		return ids[kind]
	}
	for _, c := range a.Clients {
		next("client", c.ID)
	}
	for _, x := range a.Appointments {
		next("appt", x.ID)
	}
	for _, x := range a.Actions {
		next("action", x.ID)
	}
	for _, x := range a.Sessions {
		next("session", x.ID)
	}
	for _, x := range a.Worksheets {
		next("sheet", x.ID)
	}
	for _, x := range a.Engagements {
		next("eng", x.ID)
	}
	for _, x := range a.Invoices {
		next("inv", x.ID)
		for _, p := range x.Payments {
			next("pay", p.ID)
		}
	}
	id := func(kind string) int { return next(kind, 0) }
	a.Coaches = append(a.Coaches, &account.Coach{ID: noClientsCoach, FirstName: "Nora", LastName: "Noclients",
		Email: "nora@example.com", Timezone: a.Timezone, DateAdded: dt(2026, 1, 5, 9, 0), IsActive: true, IsCoaching: true})
	client := func(first, last string, coach int, added account.DateTime, active bool) int {
		c := &account.Client{ID: id("client"), CoachID: coach, FirstName: first, LastName: last,
			Email: first + "@example.com", Timezone: a.Timezone, DateAdded: added, IsActive: active}
		a.Clients = append(a.Clients, c)
		a.Pairings = append(a.Pairings, &account.Pairing{CoachID: coach, ClientID: c.ID, Type: "P", StartDate: added})
		return c.ID
	}
	activity := func(client int, kind string, at account.DateTime) {
		a.Activities = append(a.Activities, &account.Activity{ClientID: client, Kind: kind, Date: at})
	}

	// The hand-over: coach 3 until 2026-09-15 12:00, then coach 4 (coach 3
	// keeps coaching access, as Pairing.set does).
	h := client("Hana", "Handover", 3, dt(2025, 1, 6, 9, 0), true)
	a.Pairings[len(a.Pairings)-1].EndDate = dt(2026, 9, 15, 12, 0)
	a.Pairings = append(a.Pairings,
		&account.Pairing{CoachID: 4, ClientID: h, Type: "P", StartDate: dt(2026, 9, 15, 12, 0)},
		&account.Pairing{CoachID: 3, ClientID: h, Type: "C", StartDate: dt(2026, 9, 15, 12, 0)})
	a.Clients[len(a.Clients)-1].CoachID = 4
	activity(h, "J", dt(2026, 8, 20, 20, 0))
	activity(h, "J", dt(2026, 9, 5, 20, 0))
	activity(h, "C", dt(2026, 9, 25, 8, 0))
	eng := id("eng")
	a.Engagements = append(a.Engagements, &account.Engagement{ID: eng, Type: "client", ClientID: h, CoachID: 3,
		Name: "Ten sessions", StartDate: account.DateOf(2026, 8, 1), EndDate: account.DateOf(2026, 12, 31),
		AllocationUnits: "A", Allocation: 10, AllocationPerClient: 10, DateAdded: dt(2026, 7, 30, 9, 0)})
	a.Appointments = append(a.Appointments,
		&account.Appointment{ID: id("appt"), CoachID: 3, ClientID: h, EngagementID: eng, Name: "Session",
			StartDate: dt(2026, 9, 10, 10, 0), EndDate: dt(2026, 9, 10, 11, 0), Status: "A", DateAdded: dt(2026, 9, 1, 9, 0), CountsInEngagement: 1},
		&account.Appointment{ID: id("appt"), CoachID: 4, ClientID: h, EngagementID: eng, Name: "Session",
			StartDate: dt(2026, 9, 22, 10, 0), EndDate: dt(2026, 9, 22, 11, 0), Status: "C", DateAdded: dt(2026, 9, 1, 9, 5),
			DateCanceled: dt(2026, 9, 21, 9, 0), CountsInEngagement: -1},
		&account.Appointment{ID: id("appt"), CoachID: 4, ClientID: h, EngagementID: eng, Name: "Session",
			StartDate: dt(2026, 10, 20, 10, 0), EndDate: dt(2026, 10, 20, 11, 0), Status: "A", DateAdded: dt(2026, 9, 1, 9, 10), CountsInEngagement: 1})
	action := func(client int, due, done account.DateTime, canceled bool, forWho string) {
		a.Actions = append(a.Actions, &account.Action{ID: id("action"), ClientID: client, CoachID: 4, Action: "Do it",
			ForWho: forWho, DateDue: due, DateDone: done, IsDone: done != 0, IsCanceled: canceled})
	}
	action(h, dt(2026, 9, 20, 9, 0), dt(2026, 9, 20, 23, 0), false, "L") // on time: done later the same day
	action(h, dt(2026, 9, 25, 9, 0), 0, false, "L")                      // overdue
	action(h, dt(2026, 9, 28, 9, 0), dt(2026, 10, 2, 9, 0), false, "L")  // late: overdue at the period's end
	action(h, dt(2026, 9, 15, 9, 0), 0, true, "L")                       // canceled: not counted
	action(h, dt(2026, 9, 16, 9, 0), 0, false, "C")                      // the coach's own: not fetched
	a.Worksheets = append(a.Worksheets,
		&account.Worksheet{ID: id("sheet"), CoachID: 4, ClientID: h, Title: "Reflection", DateAssigned: dt(2026, 9, 10, 9, 0),
			DateDue: dt(2026, 9, 18, 17, 0), DateDone: dt(2026, 9, 17, 20, 0), IsDone: true},
		&account.Worksheet{ID: id("sheet"), CoachID: 4, ClientID: h, Title: "Plan", DateAssigned: dt(2026, 9, 20, 9, 0),
			DateDue: dt(2026, 9, 29, 17, 0)})
	inv := &account.Invoice{ID: id("inv"), Number: "T1", DateAdded: dt(2026, 9, 1, 9, 0), DateOf: account.DateOf(2026, 9, 1),
		DateDue: account.DateOf(2026, 9, 15), Currency: "EUR", ClientID: h,
		LineItems: []*account.LineItem{{Item: "Coaching", Amount: 25000}},
		Payments: []*account.Payment{
			{ID: id("pay"), DatePaid: dt(2026, 9, 20, 10, 0), Amount: 25000, Method: "Check"},
			{ID: id("pay"), DatePaid: dt(2026, 9, 25, 10, 0), Amount: -5000, Method: "Check"},
		}}
	a.Invoices = append(a.Invoices, inv)

	client("Quinn", "Quiet", 3, dt(2025, 2, 3, 9, 0), true)
	l := client("Lara", "Lapsed", 5, dt(2025, 3, 3, 9, 0), true)
	activity(l, "F", dt(2026, 6, 10, 9, 0))
	w := client("Walt", "Weeks", 1, dt(2025, 4, 7, 9, 0), true)
	a.Sessions = append(a.Sessions,
		&account.Session{ID: id("session"), CoachID: 1, ClientID: w, DateOf: dt(2026, 9, 1, 10, 0), Title: "Check-in",
			DateAdded: dt(2026, 9, 1, 11, 0), DateDone: dt(2026, 9, 1, 11, 30)},
		&account.Session{ID: id("session"), CoachID: 1, ClientID: w, DateOf: dt(2026, 9, 20, 10, 0), Title: "Draft",
			IsDraft: true, DateAdded: dt(2026, 9, 20, 11, 0)})
	o := client("Ian", "Orphan", 6, dt(2024, 6, 3, 9, 0), true)
	a.Appointments = append(a.Appointments, &account.Appointment{ID: id("appt"), CoachID: 6, ClientID: o, Name: "Session",
		StartDate: dt(2026, 9, 8, 10, 0), EndDate: dt(2026, 9, 8, 11, 0), Status: "A", DateAdded: dt(2026, 9, 1, 9, 0)})
	x := client("Xena", "Former", 3, dt(2025, 5, 5, 9, 0), false)
	activity(x, "J", dt(2026, 9, 12, 20, 0))
	a.Invoices = append(a.Invoices, &account.Invoice{ID: id("inv"), Number: "T2", DateAdded: dt(2026, 9, 1, 9, 0),
		DateOf: account.DateOf(2026, 9, 1), DateDue: account.DateOf(2026, 9, 15), Currency: "USD", ClientID: x,
		LineItems: []*account.LineItem{{Item: "Coaching", Amount: 10000}},
		Payments:  []*account.Payment{{ID: id("pay"), DatePaid: dt(2026, 9, 9, 10, 0), Amount: 10000, Method: "Cash"}}})
	if err := a.Validate(); err != nil {
		t.Fatalf("test account: %v", err)
	}
	return a
}

// dataNow is the data time of the tests: noon on the sample's last day.
func dataNow(a *account.Account) time.Time {
	loc, err := a.Location()
	if err != nil {
		panic(err)
	}
	return a.AsOf.Time(loc).Add(12 * time.Hour)
}

// runOpts are the options of one scorecard run.
type runOpts struct {
	period  string
	coachID int
	args    []string
	wrap    func(http.Handler) http.Handler // wraps the sandbox handler (rewrites responses)
	srv     *sandbox.Server                 // set by run
	// times, when set, receives the time of each step: the coaches, the
	// first-stage needs, the second stage, Build.
	times *[4]time.Duration
}

// run serves a over real HTTP with the sandbox and runs the scorecard on it
// as the command does: the needs, the second stage, then Build.
func run(t testing.TB, a *account.Account, o *runOpts) *model.Report {
	t.Helper()
	now := dataNow(a)
	sopts := sandbox.Options{Account: a, Now: func() time.Time { return now }}
	var url string
	if o.wrap == nil {
		o.srv, url = sandboxtest.Start(t, sopts)
	} else {
		o.srv, url = startWrapped(t, sopts, o.wrap)
	}
	c, err := fetch.New(fetch.Config{BaseURL: url,
		Credentials: fetch.Credentials{APIID: sandboxtest.APIID, APIKey: sandboxtest.APIKey}})
	if err != nil {
		t.Fatal(err)
	}
	r, err := build(t.Context(), c, now, o)
	if err != nil {
		t.Fatalf("scorecard %s: %v", o.period, err)
	}
	return r
}

// build runs the scorecard over client c.
func build(ctx context.Context, c *fetch.Client, now time.Time, o *runOpts) (*model.Report, error) {
	step, last := 0, time.Now()
	lap := func() {
		if o.times != nil {
			t := time.Now()
			o.times[step] += t.Sub(last)
			step, last = step+1, t
		}
	}
	ds, err := dataset.New(c, dataset.Options{FetchedAt: now})
	if err != nil {
		return nil, err
	}
	if err := ds.Load(ctx, dataset.Of(dataset.Coaches)); err != nil {
		return nil, err
	}
	lap()
	loc := ds.Location()
	per, err := model.ParsePeriod(o.period, loc, now)
	if err != nil {
		return nil, err
	}
	fs := pflag.NewFlagSet("scorecard", pflag.ContinueOnError)
	rep := scorecard.Spec.New(fs)
	if err := fs.Parse(o.args); err != nil {
		return nil, err
	}
	if err := rep.CheckFlags(); err != nil {
		return nil, err
	}
	p := reports.Params{Period: per, CoachID: o.coachID, AccountName: "test", Location: loc, DataTime: now, GeneratedAt: now}
	if o.coachID != 0 {
		cs, err := ds.Coaches()
		if err != nil {
			return nil, err
		}
		for _, c := range cs {
			if c.ID == o.coachID {
				p.CoachName = c.FirstName + " " + c.LastName
			}
		}
	}
	needs, err := rep.Needs(p)
	if err != nil {
		return nil, err
	}
	if err := ds.Load(ctx, needs); err != nil {
		return nil, err
	}
	lap()
	more, err := rep.(reports.Staged).MoreNeeds(ds, p)
	if err != nil {
		return nil, err
	}
	if err := ds.Load(ctx, more); err != nil {
		return nil, err
	}
	lap()
	r, err := rep.Build(ds, p)
	lap()
	return r, err
}

// table is a sheet read back as rows keyed by one column's text, each a
// map of column name to value.
type table struct {
	cols []string
	rows map[string]map[string]model.Value
	keys []string // key column values in sheet order
	tot  map[string]model.Value
}

func readSheet(t testing.TB, r *model.Report, name, key string) *table {
	t.Helper()
	for _, s := range r.Sheets {
		if s.Name != name {
			continue
		}
		tb := &table{rows: map[string]map[string]model.Value{}}
		for _, c := range s.Columns {
			tb.cols = append(tb.cols, c.Name)
		}
		err := s.EachRow(t.Context(), func(_ int, row model.Row) error {
			m := map[string]model.Value{}
			for i, v := range row {
				m[tb.cols[i]] = v
			}
			k := m[key].Str()
			tb.rows[k] = m
			tb.keys = append(tb.keys, k)
			return nil
		})
		if err != nil {
			t.Fatalf("sheet %q: %v", name, err)
		}
		if s.Totals != nil {
			tb.tot = map[string]model.Value{}
			for i, v := range s.Totals {
				tb.tot[tb.cols[i]] = v
			}
		}
		return tb
	}
	var names []string
	for _, s := range r.Sheets {
		names = append(names, s.Name)
	}
	t.Fatalf("no sheet %q; sheets: %v", name, names)
	return nil
}

func hasSheet(r *model.Report, name string) bool {
	return slices.ContainsFunc(r.Sheets, func(s *model.Sheet) bool { return s.Name == name })
}
