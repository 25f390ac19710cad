package clientdata

import (
	"testing"
	"time"

	"github.com/careport/careport/fetch/sandbox/account"
)

// Helpers and the small hand-built account the golden tests reason about.

func day(y int, m time.Month, d int) account.Date { return account.DateOf(y, m, d) }

func at(y int, m time.Month, d, hh, mm int) account.DateTime {
	return account.DateTimeOf(y, m, d, hh, mm, 0)
}

func fx(t testing.TB, s string) account.Fixed {
	t.Helper()
	f, err := account.ParseFixed(s)
	if err != nil {
		t.Fatalf("parse fixed %q: %v", s, err)
	}
	return f
}

func fxp(t testing.TB, s string) *account.Fixed {
	f := fx(t, s)
	return &f
}

func dp(t testing.TB, id int, d account.Date, v string) *account.DataPoint {
	return &account.DataPoint{ID: id, DateOf: d, Value: fx(t, v)}
}

// testAccount is the account of the golden tests. Its clients, in report
// order (last name, first name, ID):
//
//	105 Al Chen      coach 1 active
//	101 Ava Chen     coach 1 active   company 10
//	107 Ava Chen     coach 2 active
//	104 Dee Chen     coach 2 INACTIVE
//	102 Ben Ortiz    coach 2 active
//	103 Jo "JJ" Smith, Jr.  coach 1 active  company 10
//
// Items by client (dates in 2025 unless said otherwise):
//
//	101: metric Weight (lbs) 11 03-02 180, 12 03-03 179.5, 13 03-09 178.25,
//	     14 03-31 177, 15 04-01 176; metric WEIGHT (lbs) 31 03-09 178;
//	     action done 01-15; appointments A 02-10, C 02-11, P 02-12;
//	     session 301 04-02 09:00 mood=Great/5, draft 302 04-03 Mood=Bad/1;
//	     worksheet 201 done 03-04 10:00 Mood="Mostly good"/4, 202 not done.
//	102: metric weight (kg) 21 03-04 80, 22 03-05 79; action done 02-01;
//	     appointments A 04-15 16:00, A 04-20 10:00; session 303 03-05 14:00
//	     Mood=Tired (no number); worksheet 203 done 03-05 09:00 Mood="OK, fine"/3.
//	103: metric Weight (no units) 51 03-06 -0.25; action done 03-31 23:59.
//	104: metric Weight 41 03-10 90; journal 02-02.
//	105: metric Steps 61 03-03 1000; comment 2024-12-31 23:00.
//	107: journal 01-20, file 02-20, comment 03-20.
//
// Group 7 holds 102, 103, 104. Engagement 1 is client 102's; engagement 2
// is company 10's.
func testAccount(t testing.TB) *account.Account {
	return &account.Account{
		Name:     "clientdata test",
		Timezone: "America/Denver",
		Currency: "USD",
		Coaches: []*account.Coach{
			{ID: 1, FirstName: "Dana", LastName: "Reyes", IsActive: true},
			{ID: 2, FirstName: "Eli", LastName: "Park", IsActive: true},
		},
		Companies: []*account.Company{{ID: 10, Name: "Acme", IsActive: true}},
		Clients: []*account.Client{
			{ID: 107, CoachID: 2, FirstName: "Ava", LastName: "Chen", IsActive: true},
			{ID: 103, CoachID: 1, FirstName: `Jo "JJ"`, LastName: "Smith, Jr.", IsActive: true, CompanyID: 10},
			{ID: 101, CoachID: 1, FirstName: "Ava", LastName: "Chen", IsActive: true, CompanyID: 10},
			{ID: 104, CoachID: 2, FirstName: "Dee", LastName: "Chen", IsActive: false},
			{ID: 102, CoachID: 2, FirstName: "Ben", LastName: "Ortiz", IsActive: true},
			{ID: 105, CoachID: 1, FirstName: "Al", LastName: "Chen", IsActive: true},
		},
		Groups: []*account.Group{{ID: 7, CoachID: 1, Name: "Cohort", ClientIDs: []int{102, 103, 104}}},
		Metrics: []*account.Metric{
			// WEIGHT comes first so that point 31 is found before point 13:
			// their tie (same day) must go to the higher ID, not the later find.
			{ID: 3, ClientID: 101, Name: "WEIGHT", Units: "lbs", IsComplete: true, Data: []*account.DataPoint{
				dp(t, 31, day(2025, 3, 9), "178"),
			}},
			{ID: 1, ClientID: 101, Name: "Weight", Units: "lbs", Data: []*account.DataPoint{
				dp(t, 11, day(2025, 3, 2), "180"),
				dp(t, 12, day(2025, 3, 3), "179.5"),
				dp(t, 13, day(2025, 3, 9), "178.25"),
				dp(t, 14, day(2025, 3, 31), "177"),
				dp(t, 15, day(2025, 4, 1), "176"),
			}},
			{ID: 2, ClientID: 102, Name: "weight", Units: "kg", Data: []*account.DataPoint{
				dp(t, 21, day(2025, 3, 4), "80"),
				dp(t, 22, day(2025, 3, 5), "79"),
			}},
			{ID: 4, ClientID: 104, Name: "Weight", Units: "lbs", Data: []*account.DataPoint{
				dp(t, 41, day(2025, 3, 10), "90"),
			}},
			{ID: 5, ClientID: 103, Name: "Weight", Data: []*account.DataPoint{
				dp(t, 51, day(2025, 3, 6), "-0.25"),
			}},
			{ID: 6, ClientID: 105, Name: "Steps", Units: "steps", Data: []*account.DataPoint{
				dp(t, 61, day(2025, 3, 3), "1000"),
			}},
		},
		Actions: []*account.Action{
			{ID: 1, ClientID: 101, CoachID: 1, ForWho: "L", IsDone: true, DateDone: at(2025, 1, 15, 10, 0)},
			{ID: 2, ClientID: 101, CoachID: 1, ForWho: "L"},
			{ID: 3, ClientID: 102, CoachID: 2, ForWho: "L", IsDone: true, DateDone: at(2025, 2, 1, 8, 0)},
			{ID: 4, ClientID: 103, CoachID: 1, ForWho: "L", IsDone: true, DateDone: at(2025, 3, 31, 23, 59)},
		},
		Appointments: []*account.Appointment{
			{ID: 1, CoachID: 1, ClientID: 101, Status: "A", StartDate: at(2025, 2, 10, 10, 0)},
			{ID: 2, CoachID: 1, ClientID: 101, Status: "C", StartDate: at(2025, 2, 11, 10, 0)},
			{ID: 3, CoachID: 1, ClientID: 101, Status: "P", StartDate: at(2025, 2, 12, 10, 0)},
			{ID: 4, CoachID: 2, ClientID: 102, Status: "A", StartDate: at(2025, 4, 20, 10, 0)},
			{ID: 5, CoachID: 2, ClientID: 102, Status: "A", StartDate: at(2025, 4, 15, 16, 0)},
		},
		Sessions: []*account.Session{
			{ID: 301, CoachID: 1, ClientID: 101, DateOf: at(2025, 4, 2, 9, 0), Answers: []*account.Answer{
				{Name: "mood", Value: "Great", NumberValue: fxp(t, "5")},
			}},
			{ID: 302, CoachID: 1, ClientID: 101, DateOf: at(2025, 4, 3, 10, 0), IsDraft: true, Answers: []*account.Answer{
				{Name: "Mood", Value: "Bad", NumberValue: fxp(t, "1")},
			}},
			{ID: 303, CoachID: 2, ClientID: 102, DateOf: at(2025, 3, 5, 14, 0), Answers: []*account.Answer{
				{Name: "Energy", Value: "High", NumberValue: fxp(t, "9")},
				{Name: "Mood", Value: "Tired"},
			}},
		},
		Worksheets: []*account.Worksheet{
			{ID: 201, CoachID: 1, ClientID: 101, IsDone: true, DateDone: at(2025, 3, 4, 10, 0), Answers: []*account.Answer{
				{Name: "Mood", Value: "Mostly good", NumberValue: fxp(t, "4")},
			}},
			{ID: 202, CoachID: 1, ClientID: 101, Answers: []*account.Answer{
				{Name: "Mood", Value: "x", NumberValue: fxp(t, "1")},
			}},
			{ID: 203, CoachID: 2, ClientID: 102, IsDone: true, DateDone: at(2025, 3, 5, 9, 0), Answers: []*account.Answer{
				{Name: "Mood", Value: "OK, fine", NumberValue: fxp(t, "3")},
			}},
		},
		Engagements: []*account.Engagement{
			{ID: 1, Type: "client", ClientID: 102, CoachID: 2},
			{ID: 2, Type: "company", CompanyID: 10, CoachID: 1},
		},
		Activities: []*account.Activity{
			{ClientID: 107, Kind: "J", Date: at(2025, 1, 20, 12, 0)},
			{ClientID: 107, Kind: "F", Date: at(2025, 2, 20, 12, 0)},
			{ClientID: 107, Kind: "C", Date: at(2025, 3, 20, 12, 0)},
			{ClientID: 104, Kind: "J", Date: at(2025, 2, 2, 12, 0)},
			{ClientID: 105, Kind: "C", Date: at(2024, 12, 31, 23, 0)},
		},
	}
}

func TestTestAccountIsValid(t *testing.T) {
	if err := testAccount(t).Validate(); err != nil {
		t.Fatalf("validate: %v", err)
	}
}
