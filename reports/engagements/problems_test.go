package engagements_test

import (
	"strings"
	"testing"

	"github.com/careport/careport/fetch/sandbox/account"
	"github.com/careport/careport/reports/engagements"
)

// TestDataProblems serves engagements whose data contradicts itself, and
// a response missing the API's figures, and checks that each is read as
// the Notes say, listed under Data problems, and counted on the front
// page, rather than silently giving a figure.
func TestDataProblems(t *testing.T) {
	a := testAccount(t)
	d := account.DateOf
	add := func(id, client int, start, end account.Date, units string, alloc int) *account.Engagement {
		e := &account.Engagement{ID: id, Type: "client", ClientID: client, CoachID: 1, Name: "Odd package",
			StartDate: start, EndDate: end, AllocationUnits: units, Allocation: alloc, DateAdded: start.At(9, 0, 0)}
		a.Engagements = append(a.Engagements, e)
		return e
	}
	both := add(30, 103, d(2025, 4, 1), d(2025, 7, 31), "A", 6)
	both.IsComplete, both.IsCanceled, both.DateClosed = true, true, d(2025, 5, 10).At(10, 0, 0)
	add(31, 106, d(2025, 4, 1), d(2025, 7, 31), "A", 6).IsComplete = true // no dateClosed
	add(32, 103, d(2025, 4, 1), d(2025, 7, 31), "M", 6)
	add(33, 106, d(2025, 4, 1), d(2025, 7, 31), "A", 0)
	add(34, 103, d(2025, 5, 10), d(2025, 5, 1), "A", 6)
	add(35, 106, d(2025, 4, 1), d(2025, 7, 31), "A", 6).DateClosed = d(2025, 5, 12).At(10, 0, 0)
	data := fetchData(t, a)
	// An API that sends no allocationUsedP/A for engagement 1, and an
	// Appointment.getAll without appointment 1 that engagement 1's
	// AppointmentSet lists.
	for i := range data.Engagements {
		if data.Engagements[i].ID == engAva {
			data.Engagements[i].AllocationUsedKnown = false
		}
	}
	for i, x := range data.Appointments {
		if x.ID == 1 {
			data.Appointments = append(data.Appointments[:i], data.Appointments[i+1:]...)
			break
		}
	}
	r := build(t, data, 5, engagements.Options{})
	n := noteText(note(t, r, "Data problems"))
	for _, want := range []string{
		"Engagement 1: Ava Chen: its AppointmentSet lists appointment 1, which Appointment.getAll did not return; it is not counted",
		"Engagement 1: Ava Chen: the API sent no allocationUsedP/A, so its use is counted from the appointments only",
		"Engagement 30: Cara Evans: it is marked both complete and canceled; it is read as canceled",
		"Engagement 31: Finn Hale: it is marked complete but has no dateClosed, so when it ended is not known; it is read as running to its end date",
		"Engagement 32: Cara Evans: its allocation units \"M\" are neither A (appointments) nor H (hours)",
		"Engagement 33: Finn Hale: its allocation is 0, so the share used cannot be computed",
		"Engagement 34: Cara Evans: its end date 2025-05-01 is before its start date 2025-05-10; it is read as never active",
		"Engagement 35: Finn Hale: it has a dateClosed (2025-05-12 10:00) but is marked neither complete nor canceled; it is read as closed then",
		"Engagement 15: Uma Under: the API says 5 appointments used",
	} {
		if !strings.Contains(n, want) {
			t.Errorf("Data problems lack %q:\n%s", want, n)
		}
	}
	if w := strings.Join(r.Warnings, " "); !strings.Contains(w, "9 data problems were found in the engagement data") {
		t.Errorf("warnings: got %q", w)
	}
	list := tableOf(t, r, engagements.SheetEngagements)
	expect(t, "both flags", list.row(30), map[string]string{"Status": "Canceled"})
	expect(t, "complete without dateClosed", list.row(31), map[string]string{"Status": "Active"})
	expect(t, "unknown units", list.row(32), map[string]string{"Units": "unknown (M)", "Allocation": "6", "Used": "", "Used %": "", "Flags": "stalled"})
	expect(t, "no allocation", list.row(33), map[string]string{"Used %": "", "Flags": "stalled"})
	expect(t, "closed without a flag", list.row(35), map[string]string{"Status": "Closed"})
	if list.row(34) != nil {
		t.Error("the engagement ending before it starts is listed")
	}
	// Appointment 1 no longer counts for Ava: nothing held in May.
	expect(t, "Ava", list.row(engAva), map[string]string{"Used": "0", "Last held": ""})
}
