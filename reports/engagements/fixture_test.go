package engagements_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/fetch/sandbox"
	"github.com/careport/careport/fetch/sandbox/account"
	"github.com/careport/careport/fetch/sandbox/sandboxtest"
	"github.com/careport/careport/reports/engagements"
)

// The test account is sandboxtest.Fixture() (America/Denver, "today"
// 2025-06-30) with one client and engagement per case the report must get
// right, around May 2025 (reported at its end, 2025-06-01 00:00, report
// day 2025-05-31) and June 2025 (reported at the data time).
//
// The fixture's own engagements: 1 Ava Chen (2025-04-01..06-30, 12 A,
// with a canceled appointment); 2 Ben Diaz (hours, completed in April);
// 3 Finn Hale (canceled in February); 4 Acme Corp (company, indefinite,
// 20 A, 5 per client). Coach 3 Ada Admin manages no engagement; client 104
// Dan Fox is inactive; 103 Cara Evans has no engagement.
const (
	engAva       = 1
	engAcme      = 4
	engBea       = 5  // starts on the period's first day
	engBeaNext   = 6  // starts the day after the period: Bea's follow-on
	engZoe       = 7  // ends on the period's last day, never closed
	engEd        = 8  // completed early, in May
	engCass      = 9  // canceled in May
	engInes      = 10 // indefinite, hours, over-used
	engHugo      = 11 // hours: 90 + 45 min counted, a complimentary hour held, declined and pending requests
	engTara      = 12 // client in Asia/Tokyo, appointment at 23:30 on the period's last day
	engSam       = 13 // last held exactly 21 days before the report day: stalled
	engNia       = 14 // last held 20 days before: not stalled
	engUma       = 15 // under-using; the API's figure disagrees at the data time
	engOmar      = 16 // over-used and runs out early
	engRex       = 17 // runs out early
	engDan       = 18 // an inactive client's
	coachNoEngs  = 3  // Ada Admin
	inactiveDan  = 104
	tokyoClient  = 107
	sandboxAhead = 48 * time.Hour // the sandbox's clock runs ahead of the data time
)

// dataTime is the data time of the tests: sandboxtest.Now.
func dataTime() time.Time { return sandboxtest.Now() }

// testAccount returns the fixture with the report's cases added.
func testAccount(t testing.TB) *account.Account {
	t.Helper()
	a := sandboxtest.Fixture()
	d := account.DateOf
	dt := func(y int, m time.Month, day, hh, mm int) account.DateTime {
		return account.DateTimeOf(y, m, day, hh, mm, 0)
	}
	client := func(id, coach int, first, last, tz string) {
		a.Clients = append(a.Clients, &account.Client{ID: id, CoachID: coach, FirstName: first, LastName: last,
			Email: first + "@example.com", Timezone: tz, DateAdded: dt(2024, 12, 1, 9, 0), IsActive: true})
		a.Pairings = append(a.Pairings, &account.Pairing{CoachID: coach, ClientID: id, Type: "P", StartDate: dt(2024, 12, 1, 9, 0)})
	}
	eng := func(id, clientID, coach int, start, end account.Date, units string, alloc int) *account.Engagement {
		e := &account.Engagement{ID: id, Type: "client", ClientID: clientID, CoachID: coach, Name: "Package " + units,
			StartDate: start, EndDate: end, AllocationUnits: units, Allocation: alloc, DateAdded: start.AddDays(-7).At(9, 0, 0)}
		a.Engagements = append(a.Engagements, e)
		return e
	}
	nextAppt := 100
	// appt books an appointment of minutes length; added is when it was
	// booked (zero: a week before).
	appt := func(engID, clientID, coach int, start account.DateTime, minutes int, status string, counts int, added account.DateTime) *account.Appointment {
		nextAppt++
		if added == 0 {
			added = start.Add(-7 * 24 * time.Hour)
		}
		x := &account.Appointment{ID: nextAppt, CoachID: coach, ClientID: clientID, EngagementID: engID, Name: "Session",
			StartDate: start, EndDate: start.Add(time.Duration(minutes) * time.Minute), Status: status, DateAdded: added,
			CountsInEngagement: counts}
		if status == "C" {
			x.DateCanceled = start.Add(-24 * time.Hour)
		}
		a.Appointments = append(a.Appointments, x)
		return x
	}
	held := func(engID, clientID, coach int, start account.DateTime) {
		appt(engID, clientID, coach, start, 60, "A", 1, 0)
	}

	// The company engagement: two clients' appointments, a canceled one,
	// and one booked for June.
	held(engAcme, 101, 1, dt(2025, 5, 5, 10, 0))
	held(engAcme, 102, 1, dt(2025, 5, 6, 10, 0))
	appt(engAcme, 102, 1, dt(2025, 5, 20, 10, 0), 60, "C", -1, 0)
	appt(engAcme, 101, 1, dt(2025, 6, 10, 10, 0), 60, "A", 0, dt(2025, 5, 25, 9, 0))

	client(112, 1, "Bea", "Boundary", sandboxtest.Timezone)
	eng(engBea, 112, 1, d(2025, 5, 1), d(2025, 7, 31), "A", 6)
	held(engBea, 112, 1, dt(2025, 5, 12, 9, 0))
	appt(engBea, 112, 1, dt(2025, 6, 9, 9, 0), 60, "A", 0, dt(2025, 5, 20, 9, 0))
	next := eng(engBeaNext, 112, 1, d(2025, 6, 1), d(2025, 8, 31), "A", 6)
	next.DateAdded = dt(2025, 5, 28, 9, 0)

	client(118, 2, "Zoe", "Ends", sandboxtest.Timezone)
	eng(engZoe, 118, 2, d(2025, 3, 1), d(2025, 5, 31), "A", 4)
	for _, m := range []time.Month{3, 4, 5} {
		held(engZoe, 118, 2, dt(2025, m, 10, 11, 0))
	}

	client(113, 2, "Ed", "Early", sandboxtest.Timezone)
	ed := eng(engEd, 113, 2, d(2025, 3, 1), d(2025, 8, 31), "A", 12)
	ed.IsComplete, ed.DateClosed = true, dt(2025, 5, 20, 15, 0)
	for _, m := range []time.Month{3, 4, 5} {
		held(engEd, 113, 2, dt(2025, m, 15, 11, 0))
	}
	appt(engEd, 113, 2, dt(2025, 6, 15, 11, 0), 60, "C", -1, dt(2025, 5, 1, 9, 0)).DateCanceled = dt(2025, 5, 20, 15, 5)

	client(114, 1, "Cass", "Cancel", sandboxtest.Timezone)
	cass := eng(engCass, 114, 1, d(2025, 4, 1), d(2025, 9, 30), "A", 6)
	cass.IsCanceled, cass.DateClosed = true, dt(2025, 5, 10, 10, 0)
	held(engCass, 114, 1, dt(2025, 4, 15, 10, 0))
	held(engCass, 114, 1, dt(2025, 5, 5, 10, 0))

	client(115, 2, "Ines", "Indefinite", sandboxtest.Timezone)
	eng(engInes, 115, 2, d(2025, 2, 1), 0, "H", 4)
	for _, s := range []struct {
		m, day, min int
	}{{2, 10, 60}, {3, 10, 60}, {4, 10, 60}, {5, 10, 90}, {5, 30, 45}} {
		appt(engInes, 115, 2, dt(2025, time.Month(s.m), s.day, 14, 0), s.min, "A", 1, 0)
	}
	appt(engInes, 115, 2, dt(2025, 6, 20, 14, 0), 60, "A", 0, dt(2025, 5, 30, 15, 0))

	client(111, 2, "Hugo", "Hours", sandboxtest.Timezone)
	eng(engHugo, 111, 2, d(2025, 4, 15), d(2025, 10, 14), "H", 10)
	appt(engHugo, 111, 2, dt(2025, 4, 20, 9, 0), 90, "A", 1, 0)
	appt(engHugo, 111, 2, dt(2025, 5, 12, 9, 0), 45, "A", 0, 0)  // held, not yet judged: counts
	appt(engHugo, 111, 2, dt(2025, 5, 20, 9, 0), 60, "A", -1, 0) // held, complimentary: does not count
	appt(engHugo, 111, 2, dt(2025, 5, 25, 9, 0), 60, "D", 0, 0)  // declined request
	appt(engHugo, 111, 2, dt(2025, 6, 5, 9, 0), 60, "P", 0, dt(2025, 5, 28, 9, 0))
	appt(engHugo, 111, 2, dt(2025, 6, 12, 9, 0), 60, "A", 0, dt(2025, 5, 26, 9, 0))
	appt(engHugo, 111, 2, dt(2025, 5, 28, 9, 0), 60, "C", 1, 0) // a late cancellation the app credits: never counts

	client(tokyoClient, 2, "Tara", "Tokyo", "Asia/Tokyo")
	eng(engTara, tokyoClient, 2, d(2025, 5, 1), d(2025, 6, 30), "A", 4)
	held(engTara, tokyoClient, 2, dt(2025, 5, 1, 9, 0))
	appt(engTara, tokyoClient, 2, dt(2025, 5, 31, 23, 30), 29, "A", 0, 0) // June 1 in Tokyo

	client(109, 2, "Sam", "Stalled", sandboxtest.Timezone)
	client(116, 2, "Nia", "Nostall", sandboxtest.Timezone)
	for _, c := range []struct{ eng, client, lastDay int }{{engSam, 109, 10}, {engNia, 116, 11}} {
		eng(c.eng, c.client, 2, d(2025, 3, 1), d(2025, 8, 31), "A", 12)
		for _, day := range []account.Date{d(2025, 3, 5), d(2025, 3, 20), d(2025, 4, 5), d(2025, 5, c.lastDay)} {
			held(c.eng, c.client, 2, day.At(16, 0, 0))
		}
	}

	client(110, 1, "Uma", "Under", sandboxtest.Timezone)
	eng(engUma, 110, 1, d(2025, 1, 1), d(2025, 6, 30), "A", 12)
	for _, day := range []account.Date{d(2025, 1, 10), d(2025, 2, 10), d(2025, 5, 25)} {
		held(engUma, 110, 1, day.At(10, 0, 0))
	}
	appt(engUma, 110, 1, dt(2025, 6, 5, 10, 0), 60, "A", 1, dt(2025, 5, 26, 9, 0))
	// Held after the data time but before the sandbox's clock: the API
	// counts it as used, the appointments say booked.
	appt(engUma, 110, 1, dt(2025, 7, 1, 10, 0), 60, "A", 0, dt(2025, 6, 20, 9, 0))

	client(108, 1, "Omar", "Over", sandboxtest.Timezone)
	eng(engOmar, 108, 1, d(2025, 4, 1), d(2025, 6, 30), "A", 4)
	for _, day := range []int{5, 12, 19, 26} {
		held(engOmar, 108, 1, dt(2025, 4, day, 10, 0))
	}
	held(engOmar, 108, 1, dt(2025, 5, 3, 10, 0))
	appt(engOmar, 108, 1, dt(2025, 6, 2, 10, 0), 60, "A", 0, dt(2025, 5, 20, 9, 0))

	client(117, 1, "Rex", "Runout", sandboxtest.Timezone)
	eng(engRex, 117, 1, d(2025, 4, 1), d(2025, 9, 30), "A", 6)
	for _, day := range []account.Date{d(2025, 4, 10), d(2025, 4, 24), d(2025, 5, 8), d(2025, 5, 22)} {
		held(engRex, 117, 1, day.At(10, 0, 0))
	}
	appt(engRex, 117, 1, dt(2025, 6, 5, 10, 0), 60, "A", 0, dt(2025, 5, 23, 9, 0))

	eng(engDan, inactiveDan, 2, d(2025, 4, 1), d(2025, 7, 31), "A", 6)
	held(engDan, inactiveDan, 2, dt(2025, 5, 5, 10, 0))

	// Invoices of the renewals: Zoe's partly paid one (a payment after the
	// period does not reduce it at the period's end), a paid one and a
	// credit note; Bea's open invoices in two currencies.
	inv := func(id, clientID int, dateOf account.Date, cur string, cents account.Cents, pays ...*account.Payment) {
		a.Invoices = append(a.Invoices, &account.Invoice{ID: id, Number: "T" + strconv.Itoa(id), DateAdded: dateOf.At(9, 0, 0),
			DateOf: dateOf, DateDue: dateOf.AddDays(14), Currency: cur, ClientID: clientID,
			LineItems: []*account.LineItem{{Item: "Package", Amount: cents}}, Payments: pays})
	}
	pay := func(id int, at account.DateTime, cents account.Cents) *account.Payment {
		return &account.Payment{ID: id, DatePaid: at, Amount: cents, Method: "Check"}
	}
	inv(10, 118, d(2025, 5, 15), "USD", 30000, pay(10, dt(2025, 5, 20, 10, 0), 10000), pay(11, dt(2025, 6, 5, 10, 0), 5000))
	inv(11, 118, d(2025, 4, 1), "USD", 20000, pay(12, dt(2025, 4, 2, 10, 0), 20000))
	inv(12, 118, d(2025, 5, 16), "USD", -5000)
	inv(13, 112, d(2025, 5, 2), "USD", 60000)
	inv(14, 112, d(2025, 5, 3), "EUR", 12000)
	inv(15, 112, d(2025, 6, 2), "USD", 40000) // dated after the period
	if err := a.Validate(); err != nil {
		t.Fatalf("test account: %v", err)
	}
	return a
}

// fetchData serves a over real HTTP with the sandbox, whose clock runs
// sandboxAhead of the data time, and fetches it with the production
// client at the data time.
func fetchData(t testing.TB, a *account.Account) *engagements.Data {
	t.Helper()
	_, url := sandboxtest.Start(t, sandbox.Options{Account: a, Now: func() time.Time { return dataTime().Add(sandboxAhead) }})
	c, err := fetch.New(fetch.Config{BaseURL: url,
		Credentials: fetch.Credentials{APIID: sandboxtest.APIID, APIKey: sandboxtest.APIKey}})
	if err != nil {
		t.Fatal(err)
	}
	d, err := engagements.Fetch(t.Context(), c, dataTime)
	if err != nil {
		t.Fatalf("fetch: %v", err)
	}
	return d
}
