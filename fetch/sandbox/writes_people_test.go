package sandbox

import (
	"strings"
	"testing"

	"github.com/careport/careport/fetch/sandbox/account"
)

func TestCoachAdd(t *testing.T) {
	long := strings.Repeat("x", 60)
	tests := []struct {
		name   string
		kv     []string
		result string
		wantID int
		check  func(t *testing.T, co *account.Coach)
	}{
		{name: "defaults", kv: []string{"firstName", " Kim ", "lastName", "Lee", "email", "kim@example.com"}, result: "added", wantID: 5,
			check: func(t *testing.T, co *account.Coach) {
				if co.FirstName != "Kim" || co.Gender != "U" || co.Timezone != "America/Denver" || !co.IsActive || !co.IsCoaching {
					t.Errorf("got %+v, want Kim, gender U, account timezone, active coaching coach", *co)
				}
				if co.DateAdded != wDT(2025, 6, 30, 12, 0) {
					t.Errorf("dateAdded %s, want 2025-06-30 12:00:00", co.DateAdded)
				}
			}},
		{name: "fields and truncation", kv: []string{"firstName", "Kim" + long, "lastName", "Lee", "email", "kim@example.com",
			"cellPhone", "555-0100-0100-0100-0100-99", "gender", "F", "timezone", "Europe/Paris", "sendInvite", "true",
			"inviteMessage", "Join via [magicLink]"}, result: "added", wantID: 5,
			check: func(t *testing.T, co *account.Coach) {
				if len(co.FirstName) != 50 || len(co.CellPhone) != 20 || co.Gender != "F" || co.Timezone != "Europe/Paris" {
					t.Errorf("got %+v, want a 50-rune name, 20-rune phone, F, Europe/Paris", *co)
				}
			}},
		{name: "duplicate skipped by default", kv: []string{"firstName", "N", "lastName", "N", "email", "Nate@Example.COM"}, result: "duplicateSkipped", wantID: 2},
		{name: "duplicate added", kv: []string{"firstName", "N", "lastName", "N", "email", "nate@example.com", "onDuplicateEmail", "A"}, result: "duplicateAdded", wantID: 5},
		{name: "duplicate skipped before invite check", kv: []string{"firstName", "N", "lastName", "N", "email", "nate@example.com",
			"sendInvite", "1", "inviteMessage", "no link"}, result: "duplicateSkipped", wantID: 2},
		{name: "invite message ignored without sendInvite", kv: []string{"firstName", "K", "lastName", "L", "email", "k@example.com",
			"inviteMessage", "no link"}, result: "added", wantID: 5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := wFixture()
			ret := wOK(t, a, tc.result, "Coach.add", tc.kv...)
			if got := wID(t, ret, "CoachID"); got != tc.wantID {
				t.Fatalf("CoachID %d, want %d", got, tc.wantID)
			}
			wantCoaches := 4
			if tc.result != "duplicateSkipped" {
				wantCoaches = 5
			}
			if len(a.Coaches) != wantCoaches {
				t.Fatalf("%d coaches, want %d", len(a.Coaches), wantCoaches)
			}
			if tc.check != nil {
				tc.check(t, findCoach(a, tc.wantID))
			}
			wValid(t, a)
		})
	}
}

func TestClientAdd(t *testing.T) {
	base := []string{"firstName", "Kim", "lastName", "Lee", "email", "kim@example.com"}
	with := func(kv ...string) []string { return append(append([]string{}, base...), kv...) }
	tests := []struct {
		name   string
		kv     []string
		setup  func(a *account.Account)
		result string
		wantID int
		check  func(t *testing.T, a *account.Account, cl *account.Client)
	}{
		{name: "defaults to the owner", kv: base, result: "added", wantID: 105,
			check: func(t *testing.T, a *account.Account, cl *account.Client) {
				if cl.CoachID != 1 || cl.Timezone != "America/Denver" || !cl.IsActive || cl.IsRegistered || cl.Gender != "U" ||
					cl.AppointmentScheduleRule != "D" || cl.DateAdded != wDT(2025, 6, 30, 12, 0) {
					t.Errorf("got %+v", *cl)
				}
				p := a.Pairings[len(a.Pairings)-1]
				if *p != (account.Pairing{CoachID: 1, ClientID: 105, Type: "P", StartDate: wDT(2025, 6, 30, 12, 0)}) {
					t.Errorf("pairing %+v, want P with coach 1 from now", *p)
				}
			}},
		{name: "coach's timezone and fields", kv: with("CoachID", "2", "address", strings.Repeat("a", 120), "city", "Boston",
			"state", "Mass", "ZIP", "02108-123456", "homePhone", "1", "workPhone", "2", "cellPhone", "3", "gender", "M",
			"profileExtra", "notes", "appointmentScheduleRule", "NA"), result: "added", wantID: 105,
			check: func(t *testing.T, a *account.Account, cl *account.Client) {
				if cl.CoachID != 2 || cl.Timezone != "America/New_York" || len(cl.Address1) != 100 || cl.City != "Boston" ||
					cl.State != "Mas" || cl.ZIP != "02108-1234" || cl.HomePhone != "1" || cl.WorkPhone != "2" ||
					cl.CellPhone != "3" || cl.Gender != "M" || cl.ProfileExtra != "notes" || cl.AppointmentScheduleRule != "NA" {
					t.Errorf("got %+v", *cl)
				}
				if p := currentPairing(a, 2, 105); p == nil || p.Type != "P" {
					t.Errorf("pairing with coach 2 = %+v, want P", p)
				}
			}},
		{name: "explicit timezone", kv: with("timezone", "Asia/Tokyo"), result: "added", wantID: 105,
			check: func(t *testing.T, _ *account.Account, cl *account.Client) {
				if cl.Timezone != "Asia/Tokyo" {
					t.Errorf("timezone %s, want Asia/Tokyo", cl.Timezone)
				}
			}},
		{name: "duplicate of an inactive client, any case", kv: with("email", "MAX@example.com"), result: "duplicateSkipped", wantID: 102},
		{name: "duplicate added", kv: with("email", "sam@example.com", "onDuplicateEmail", "A"), result: "duplicateAdded", wantID: 105},
		{name: "limit upgraded by default", kv: base, setup: func(a *account.Account) { a.MaxActiveClients = 3 }, result: "added", wantID: 105,
			check: func(t *testing.T, a *account.Account, _ *account.Client) {
				if a.MaxActiveClients != 4 {
					t.Errorf("MaxActiveClients %d, want 4 after the upgrade", a.MaxActiveClients)
				}
			}},
		{name: "room under the limit", kv: with("upgradeIfNeeded", "false"), setup: func(a *account.Account) { a.MaxActiveClients = 4 }, result: "added", wantID: 105,
			check: func(t *testing.T, a *account.Account, _ *account.Client) {
				if a.MaxActiveClients != 4 {
					t.Errorf("MaxActiveClients %d, want 4", a.MaxActiveClients)
				}
			}},
		{name: "invite with magic link", kv: with("sendInvite", "yes", "inviteMessage", "Hi [magicLink]"), result: "added", wantID: 105},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := wFixture()
			if tc.setup != nil {
				tc.setup(a)
			}
			ret := wOK(t, a, tc.result, "Client.add", tc.kv...)
			if got := wID(t, ret, "ClientID"); got != tc.wantID {
				t.Fatalf("ClientID %d, want %d", got, tc.wantID)
			}
			if tc.check != nil {
				tc.check(t, a, findClient(a, tc.wantID))
			}
			wValid(t, a)
		})
	}
}

func TestClientUpdate(t *testing.T) {
	a := wFixture()
	ret := wOK(t, a, "updated", "Client.update", "ClientID", "101", "firstName", "Leah", "city", "Denver", "state", "Colorado",
		"timezone", "America/Denver", "appointmentScheduleRule", "ABE", "cellPhone", "555")
	if r, ok := ret.([]any); !ok || len(r) != 0 {
		t.Errorf("return %#v, want an empty array", ret)
	}
	cl := findClient(a, 101)
	if cl.FirstName != "Leah" || cl.LastName != "West" || cl.City != "Denver" || cl.State != "Col" ||
		cl.Timezone != "America/Denver" || cl.AppointmentScheduleRule != "ABE" || cl.CellPhone != "555" || cl.Email != "lia@example.com" {
		t.Errorf("got %+v", *cl)
	}
	wOK(t, a, "noop", "Client.update", "ClientID", "101", "firstName", "Leah", "state", "Col")
	wOK(t, a, "noop", "Client.update", "ClientID", "101", "lastName", "")
	wOK(t, a, "noop", "Client.update", "ClientID", "104")
	wOK(t, a, "updated", "Client.update", "ClientID", "102", "ZIP", "10001", "address", "1 Way", "homePhone", "1", "workPhone", "2")
	if cl := findClient(a, 102); cl.ZIP != "10001" || cl.Address1 != "1 Way" || cl.HomePhone != "1" || cl.WorkPhone != "2" {
		t.Errorf("got %+v", *cl)
	}
}

func TestClientDeactivate(t *testing.T) {
	a := wFixture()
	wOK(t, a, "updated", "Client.deactivate", "ClientID", "101", "mayAccessWhenInactive", "true")
	if cl := findClient(a, 101); cl.IsActive || !cl.MayAccessWhenInactive {
		t.Errorf("got active %v, mayAccess %v; want inactive with access", cl.IsActive, cl.MayAccessWhenInactive)
	}
	wOK(t, a, "noop", "Client.deactivate", "ClientID", "101")
	wOK(t, a, "updated", "Client.deactivate", "ClientID", "104")
	if cl := findClient(a, 104); cl.IsActive || cl.MayAccessWhenInactive {
		t.Errorf("got active %v, mayAccess %v; want inactive without access", cl.IsActive, cl.MayAccessWhenInactive)
	}
}

// current lists the open pairing periods of a client as coach:type.
func wCurrent(a *account.Account, clientID int) map[int]string {
	m := map[int]string{}
	for _, p := range a.Pairings {
		if p.ClientID == clientID && p.EndDate == 0 {
			if _, dup := m[p.CoachID]; dup {
				m[p.CoachID] += "+dup"
			}
			m[p.CoachID] += p.Type
		}
	}
	return m
}

func TestPairingSet(t *testing.T) {
	now := wDT(2025, 6, 30, 12, 0)
	tests := []struct {
		name        string
		kv          []string
		result      string
		want        map[int]string // current pairings of the client after the call
		client      int
		primary     int
		newPeriods  int // periods appended
		endedPeriod int // count of periods ended now
	}{
		{name: "new coaching pairing", kv: []string{"CoachID", "2", "ClientID", "103"}, result: "added", client: 103,
			want: map[int]string{1: "P", 2: "C"}, primary: 1, newPeriods: 1},
		{name: "new read-only pairing", kv: []string{"CoachID", "2", "ClientID", "103", "type", "R"}, result: "added", client: 103,
			want: map[int]string{1: "P", 2: "R"}, primary: 1, newPeriods: 1},
		{name: "same level", kv: []string{"CoachID", "2", "ClientID", "101", "type", "C"}, result: "noop", client: 101,
			want: map[int]string{1: "P", 2: "C"}, primary: 1},
		{name: "primary stays primary", kv: []string{"CoachID", "1", "ClientID", "101", "type", "P"}, result: "noop", client: 101,
			want: map[int]string{1: "P", 2: "C"}, primary: 1},
		{name: "remove where none", kv: []string{"CoachID", "2", "ClientID", "103", "type", "N"}, result: "noop", client: 103,
			want: map[int]string{1: "P"}, primary: 1},
		{name: "level changed", kv: []string{"CoachID", "2", "ClientID", "101", "type", "R"}, result: "updated", client: 101,
			want: map[int]string{1: "P", 2: "R"}, primary: 1, newPeriods: 1, endedPeriod: 1},
		{name: "removed", kv: []string{"CoachID", "2", "ClientID", "101", "type", "N"}, result: "updated", client: 101,
			want: map[int]string{1: "P"}, primary: 1, endedPeriod: 1},
		{name: "promoted to primary", kv: []string{"CoachID", "2", "ClientID", "101", "type", "P"}, result: "updated", client: 101,
			want: map[int]string{1: "C", 2: "P"}, primary: 2, newPeriods: 2, endedPeriod: 2},
		{name: "new primary", kv: []string{"CoachID", "2", "ClientID", "103", "type", "P"}, result: "added", client: 103,
			want: map[int]string{1: "C", 2: "P"}, primary: 2, newPeriods: 2, endedPeriod: 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := wFixture()
			before := len(a.Pairings)
			wOK(t, a, tc.result, "Pairing.set", tc.kv...)
			got := wCurrent(a, tc.client)
			if len(got) != len(tc.want) {
				t.Fatalf("current pairings %v, want %v", got, tc.want)
			}
			for k, v := range tc.want {
				if got[k] != v {
					t.Fatalf("current pairings %v, want %v", got, tc.want)
				}
			}
			if cl := findClient(a, tc.client); cl.CoachID != tc.primary {
				t.Errorf("client CoachID %d, want %d", cl.CoachID, tc.primary)
			}
			if n := len(a.Pairings) - before; n != tc.newPeriods {
				t.Errorf("%d periods appended, want %d", n, tc.newPeriods)
			}
			ended := 0
			for _, p := range a.Pairings[:before] {
				if p.EndDate == now {
					ended++
				}
			}
			for _, p := range a.Pairings[before:] {
				if p.StartDate != now || p.EndDate != 0 {
					t.Errorf("new period %+v, want one starting now", *p)
				}
			}
			if ended != tc.endedPeriod {
				t.Errorf("%d periods ended now, want %d", ended, tc.endedPeriod)
			}
			wValid(t, a)
		})
	}
}
