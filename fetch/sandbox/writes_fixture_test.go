package sandbox

import (
	"bytes"
	"testing"
	"time"

	"github.com/careport/careport/fetch/apicode"
	"github.com/careport/careport/fetch/sandbox/account"
)

// The write tests run handlers directly on a small account built here, at
// 2025-06-30 12:00:00 in America/Denver.

func wDate(y int, m time.Month, d int) account.Date { return account.DateOf(y, m, d) }

func wDT(y int, m time.Month, d, hh, mm int) account.DateTime {
	return account.DateTimeOf(y, m, d, hh, mm, 0)
}

func wLoc(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("America/Denver")
	if err != nil {
		t.Fatalf("load location: %v", err)
	}
	return loc
}

// wFixture is the write tests' account:
//
//   - Coaches 1 Olga (owner, Denver), 2 Nate (New York), 3 Ada (admin only),
//     4 Ivan (inactive).
//   - Company 1 Acme.
//   - Clients 101 Lia (coach 1, Los Angeles), 102 Max (coach 2, inactive),
//     103 Rae (coach 1, owns her details), 104 Sam (coach 2, no timezone).
//   - Pairings: 101 P with 1 and C with 2; 102 P with 2; 103 P with 1; 104 P with 2.
//   - Projects 1 "Q3 goals" (101), 2 "Other" (102). Actions 1 open, 2 done,
//     3 canceled (101); reminders up to ID 7.
//   - Metric 1 (101, 2025-05-01..2025-08-01, data 2025-06-01 ID 9).
//   - Appointment type 1 (coach 1, 60 min, default reminder L,E,1440);
//     appointments 1 active and 2 canceled (101).
//   - Templates 1 (3 months, 12 A, coach 1), 2 (indefinite, 10 H, no coach).
//   - Engagements 1 open (101, 2025-04-01..2025-06-30), 2 complete (104,
//     2025-01-01..2025-12-31, closed 2025-03-15), 3 canceled (104, 2025-06-01..).
//   - Invoices 1 "1001" (101, 100.00, paid 40.00 by payment 1), 2 "1004"
//     (company 1, 50.00, payment 6), 3 "A1009" (104, EUR, unpaid).
func wFixture() *account.Account {
	return &account.Account{
		Name: "write tests", Timezone: "America/Denver", Currency: "USD", Currencies: []string{"USD", "EUR"},
		OwnerCoachID: 1,
		Coaches: []*account.Coach{
			{ID: 1, FirstName: "Olga", LastName: "Owner", Email: "olga@example.com", Timezone: "America/Denver", IsActive: true, IsCoaching: true},
			{ID: 2, FirstName: "Nate", LastName: "North", Email: "nate@example.com", Timezone: "America/New_York", IsActive: true, IsCoaching: true},
			{ID: 3, FirstName: "Ada", LastName: "Admin", Email: "ada@example.com", Timezone: "America/Denver", IsActive: true},
			{ID: 4, FirstName: "Ivan", LastName: "Idle", Email: "ivan@example.com", Timezone: "America/Denver", IsCoaching: true},
		},
		Companies: []*account.Company{{ID: 1, Name: "Acme", IsActive: true}},
		Clients: []*account.Client{
			{ID: 101, CoachID: 1, FirstName: "Lia", LastName: "West", Email: "lia@example.com", Timezone: "America/Los_Angeles", IsActive: true, State: "CA"},
			{ID: 102, CoachID: 2, FirstName: "Max", LastName: "Gone", Email: "max@example.com", Timezone: "America/New_York"},
			{ID: 103, CoachID: 1, FirstName: "Rae", LastName: "Self", Email: "rae@example.com", Timezone: "America/Denver", IsActive: true, OwnsDetails: true},
			{ID: 104, CoachID: 2, FirstName: "Sam", LastName: "Zone", Email: "Sam@Example.com", IsActive: true},
		},
		Pairings: []*account.Pairing{
			{CoachID: 1, ClientID: 101, Type: "P", StartDate: wDT(2024, 1, 1, 9, 0)},
			{CoachID: 2, ClientID: 101, Type: "C", StartDate: wDT(2024, 2, 1, 9, 0)},
			{CoachID: 2, ClientID: 102, Type: "P", StartDate: wDT(2024, 1, 1, 9, 0)},
			{CoachID: 1, ClientID: 103, Type: "P", StartDate: wDT(2024, 1, 1, 9, 0)},
			{CoachID: 2, ClientID: 104, Type: "P", StartDate: wDT(2024, 1, 1, 9, 0)},
		},
		ActionProjects: []*account.ActionProject{{ID: 1, ClientID: 101, Name: "Q3 goals"}, {ID: 2, ClientID: 102, Name: "Other"}},
		Actions: []*account.Action{
			{ID: 1, ClientID: 101, CoachID: 1, Action: "Open", ForWho: "L", DateDue: wDT(2025, 7, 1, 9, 0),
				Reminders: []*account.Reminder{{ID: 7, SendTo: "L", SendMethod: "E", RelativeMinutes: 60, DateToSend: wDT(2025, 7, 1, 8, 0)}}},
			{ID: 2, ClientID: 101, CoachID: 1, Action: "Done", ForWho: "L", DateDue: wDT(2025, 6, 1, 9, 0), DateDone: wDT(2025, 6, 1, 8, 0), IsDone: true},
			{ID: 3, ClientID: 101, CoachID: 1, Action: "Dropped", ForWho: "L", DateDue: wDT(2025, 6, 2, 9, 0), IsCanceled: true},
		},
		Metrics: []*account.Metric{
			{ID: 1, ClientID: 101, Name: "Weight", Units: "lbs", StartDate: wDate(2025, 5, 1), EndDate: wDate(2025, 8, 1),
				TargetMode: "H", DataMode: "R", RepeatRule: "weekly",
				Data: []*account.DataPoint{{ID: 9, DateOf: wDate(2025, 6, 1), Value: 1805000, Comment: "start"}}},
		},
		AppointmentTypes: []*account.AppointmentType{
			{ID: 1, CoachID: 1, Name: "Coaching", Duration: 60, Location: "Zoom", Description: "One hour", DefaultReminders: "L,E,1440"},
		},
		Appointments: []*account.Appointment{
			{ID: 1, CoachID: 1, ClientID: 101, AppointmentTypeID: 1, EngagementID: 1, Name: "Coaching", Status: "A",
				StartDate: wDT(2025, 5, 1, 10, 0), EndDate: wDT(2025, 5, 1, 11, 0)},
			{ID: 2, CoachID: 1, ClientID: 101, AppointmentTypeID: 1, EngagementID: 1, Name: "Coaching", Status: "C",
				StartDate: wDT(2025, 6, 1, 10, 0), EndDate: wDT(2025, 6, 1, 11, 0), DateCanceled: wDT(2025, 5, 30, 9, 0)},
		},
		EngagementTemplates: []*account.EngagementTemplate{
			{ID: 1, Name: "Quarter", ManagingCoachID: 1, Duration: 3, AllocationUnit: "A", Allocation: 12},
			{ID: 2, Name: "Hours", Duration: 0, AllocationUnit: "H", Allocation: 10},
		},
		Engagements: []*account.Engagement{
			{ID: 1, Type: "client", ClientID: 101, CoachID: 1, TemplateID: 1, Name: "Quarter", StartDate: wDate(2025, 4, 1), EndDate: wDate(2025, 6, 30), AllocationUnits: "A", Allocation: 12},
			{ID: 2, Type: "client", ClientID: 104, CoachID: 2, TemplateID: 2, Name: "Hours", StartDate: wDate(2025, 1, 1), EndDate: wDate(2025, 12, 31),
				AllocationUnits: "H", Allocation: 10, IsComplete: true, DateClosed: wDT(2025, 3, 15, 9, 0)},
			{ID: 3, Type: "client", ClientID: 104, CoachID: 2, TemplateID: 1, Name: "Quarter", StartDate: wDate(2025, 6, 1),
				AllocationUnits: "A", Allocation: 12, IsCanceled: true, DateClosed: wDT(2025, 6, 2, 9, 0)},
		},
		Invoices: []*account.Invoice{
			{ID: 1, Number: "1001", DateOf: wDate(2025, 6, 1), DateDue: wDate(2025, 6, 15), Currency: "USD", ClientID: 101,
				LineItems: []*account.LineItem{{Item: "Coaching", Amount: 10000}},
				Payments:  []*account.Payment{{ID: 1, DatePaid: wDT(2025, 6, 2, 9, 0), Amount: 4000, Method: "Cash"}}},
			{ID: 2, Number: "1004", DateOf: wDate(2025, 6, 1), DateDue: wDate(2025, 6, 15), Currency: "USD", CompanyID: 1,
				LineItems: []*account.LineItem{{Item: "Workshop", Amount: 5000}},
				Payments:  []*account.Payment{{ID: 6, DatePaid: wDT(2025, 6, 3, 9, 0), Amount: 5000, Method: "Other"}}},
			{ID: 3, Number: "A1009", DateOf: wDate(2025, 6, 1), DateDue: wDate(2025, 6, 15), Currency: "EUR", ClientID: 104,
				LineItems: []*account.LineItem{{Item: "Session", Amount: 20000}}},
		},
	}
}

// wRun runs write function fn on a with the given name-value pairs at the
// fixture's now.
func wRun(t testing.TB, a *account.Account, fn string, kv ...string) (string, any, *apiError) {
	t.Helper()
	h, ok := writeFunctions()[fn]
	if !ok {
		t.Fatalf("no write function %s", fn)
	}
	if len(kv)%2 != 0 {
		t.Fatalf("odd name-value list %q", kv)
	}
	params := map[string]string{}
	for i := 0; i < len(kv); i += 2 {
		params[kv[i]] = kv[i+1]
	}
	loc := wLoc(t)
	now := time.Date(2025, 6, 30, 12, 0, 0, 0, loc)
	return h(&call{function: fn, params: params, acct: a, loc: loc, now: now})
}

// wOK runs fn, fails the test unless it succeeds with result want, and
// returns the return value.
func wOK(t *testing.T, a *account.Account, want, fn string, kv ...string) any {
	t.Helper()
	result, ret, e := wRun(t, a, fn, kv...)
	if e != nil {
		t.Fatalf("%s %q: error %v, want result %s", fn, kv, e, want)
	}
	if result != want {
		t.Fatalf("%s %q: result %s, want %s", fn, kv, result, want)
	}
	return ret
}

// wID returns the named ID of an add function's return value.
func wID(t *testing.T, ret any, name string) int {
	t.Helper()
	m, ok := ret.(map[string]int)
	if !ok {
		t.Fatalf("return %#v is not an object of IDs", ret)
	}
	id, ok := m[name]
	if !ok {
		t.Fatalf("return %v has no %s", m, name)
	}
	return id
}

func wEncode(t *testing.T, a *account.Account) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := a.Encode(&b); err != nil {
		t.Fatalf("encode account: %v", err)
	}
	return b.Bytes()
}

func wValid(t *testing.T, a *account.Account) {
	t.Helper()
	if err := a.Validate(); err != nil {
		t.Fatalf("account after writes: %v", err)
	}
}

// wErrorCase is a call that must fail with code, leaving the account as it was.
type wErrorCase struct {
	name  string
	fn    string
	kv    []string
	setup func(a *account.Account)
	code  apicode.Code
}
