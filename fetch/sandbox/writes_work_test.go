package sandbox

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/careport/careport/fetch/sandbox/account"
)

func TestActionAdd(t *testing.T) {
	base := []string{"ClientID", "101", "theAction", "Call a mentor", "dateDue", "4/5/2025", "timeDue", "3:32pm"}
	with := func(kv ...string) []string { return append(append([]string{}, base...), kv...) }
	tests := []struct {
		name        string
		kv          []string
		wantProject int
		projects    int // action projects afterwards
		check       func(t *testing.T, x *account.Action)
	}{
		{name: "coach's timezone by default", kv: base, projects: 2, check: func(t *testing.T, x *account.Action) {
			want := account.Action{ID: 4, ClientID: 101, CoachID: 1, Action: "Call a mentor", ForWho: "L", DateDue: wDT(2025, 4, 5, 15, 32)}
			if x.ID != want.ID || x.ClientID != want.ClientID || x.CoachID != want.CoachID || x.Action != want.Action ||
				x.ForWho != "L" || x.DateDue != want.DateDue || x.IsDone || x.IsCanceled || x.IsLocked || len(x.Reminders) != 0 {
				t.Errorf("got %+v, want %+v", *x, want)
			}
		}},
		{name: "client's timezone", kv: with("timezoneOf", "L", "dateDue", "2025-07-05"), projects: 2, check: func(t *testing.T, x *account.Action) {
			if x.DateDue != wDT(2025, 7, 5, 16, 32) {
				t.Errorf("dateDue %s, want 2025-07-05 16:32:00 (15:32 in Los Angeles)", x.DateDue)
			}
		}},
		{name: "named coach's timezone", kv: with("CoachID", "2", "dateDue", "2025-07-05"), projects: 2, check: func(t *testing.T, x *account.Action) {
			if x.CoachID != 2 || x.DateDue != wDT(2025, 7, 5, 13, 32) {
				t.Errorf("coach %d, dateDue %s; want coach 2, 2025-07-05 13:32:00 (15:32 in New York)", x.CoachID, x.DateDue)
			}
		}},
		{name: "account timezone", kv: with("CoachID", "2", "timezoneOf", "A", "dateDue", "2025-07-05"), projects: 2, check: func(t *testing.T, x *account.Action) {
			if x.DateDue != wDT(2025, 7, 5, 15, 32) {
				t.Errorf("dateDue %s, want 2025-07-05 15:32:00", x.DateDue)
			}
		}},
		{name: "client without timezone falls back", kv: with("ClientID", "104", "timezoneOf", "L", "dateDue", "2025-07-05"), projects: 2,
			check: func(t *testing.T, x *account.Action) {
				if x.CoachID != 2 || x.DateDue != wDT(2025, 7, 5, 15, 32) {
					t.Errorf("coach %d, dateDue %s; want 2 and 2025-07-05 15:32:00", x.CoachID, x.DateDue)
				}
			}},
		{name: "default time 11:59pm, date part of a date/time", kv: []string{"ClientID", "101", "theAction", "x", "dateDue", "2025-07-05 08:00"},
			projects: 2, check: func(t *testing.T, x *account.Action) {
				if x.DateDue != wDT(2025, 7, 5, 23, 59) {
					t.Errorf("dateDue %s, want 2025-07-05 23:59:00", x.DateDue)
				}
			}},
		{name: "reminders", kv: with("dateDue", "2025-07-05", "reminderSet", " L,T,1440 ; C,E,20;L,E,-30;"), projects: 2,
			check: func(t *testing.T, x *account.Action) {
				want := []account.Reminder{
					{ID: 8, SendTo: "L", SendMethod: "T", RelativeMinutes: 1440, DateToSend: wDT(2025, 7, 4, 15, 32)},
					{ID: 9, SendTo: "C", SendMethod: "E", RelativeMinutes: 20, DateToSend: wDT(2025, 7, 5, 15, 12)},
					{ID: 10, SendTo: "L", SendMethod: "E", RelativeMinutes: -30, DateToSend: wDT(2025, 7, 5, 16, 2)},
				}
				if len(x.Reminders) != len(want) {
					t.Fatalf("%d reminders, want %d", len(x.Reminders), len(want))
				}
				for i, r := range x.Reminders {
					if *r != want[i] {
						t.Errorf("reminder %d: got %+v, want %+v", i, *r, want[i])
					}
				}
			}},
		{name: "existing project by name", kv: with("projectName", "Q3 goals", "weight", "3", "isLocked", "true", "comment", "Soon"),
			wantProject: 1, projects: 2, check: func(t *testing.T, x *account.Action) {
				if x.ActionProjectID != 1 || x.Weight != 3 || !x.IsLocked || x.Comment != "Soon" {
					t.Errorf("got %+v", *x)
				}
			}},
		{name: "new project by name", kv: with("projectName", "Other"), wantProject: 3, projects: 3, check: func(t *testing.T, x *account.Action) {
			if x.ActionProjectID != 3 {
				t.Errorf("project %d, want 3", x.ActionProjectID)
			}
		}},
		{name: "project by ID wins over name", kv: with("ActionProjectID", "1", "projectName", "New"), wantProject: 1, projects: 2},
		{name: "ActionProjectID 0 is standalone", kv: with("ActionProjectID", "0", "weight", "5"), projects: 2, check: func(t *testing.T, x *account.Action) {
			if x.ActionProjectID != 0 || x.Weight != 0 {
				t.Errorf("project %d, weight %d; want a standalone action without weight", x.ActionProjectID, x.Weight)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := wFixture()
			ret := wOK(t, a, "added", "Action.add", tc.kv...)
			if id, pid := wID(t, ret, "ActionID"), wID(t, ret, "ActionProjectID"); id != 4 || pid != tc.wantProject {
				t.Fatalf("return %v, want ActionID 4, ActionProjectID %d", ret, tc.wantProject)
			}
			if len(a.ActionProjects) != tc.projects {
				t.Errorf("%d projects, want %d", len(a.ActionProjects), tc.projects)
			}
			if p := a.ActionProjects[len(a.ActionProjects)-1]; tc.projects == 3 && (p.ClientID != 101 || p.Name != "Other") {
				t.Errorf("new project %+v, want Other of client 101", *p)
			}
			if tc.check != nil {
				tc.check(t, findAction(a, 4))
			}
			wValid(t, a)
		})
	}
}

func TestActionMarkDone(t *testing.T) {
	tests := []struct {
		name   string
		kv     []string
		result string
		want   account.DateTime
	}{
		{name: "now", kv: []string{"ActionID", "1"}, result: "updated", want: wDT(2025, 6, 30, 12, 0)},
		{name: "given date, time now", kv: []string{"ActionID", "1", "dateDone", "2025-06-28"}, result: "updated", want: wDT(2025, 6, 28, 12, 0)},
		{name: "given date and time", kv: []string{"ActionID", "1", "dateDone", "6/28/2025", "timeDone", "7:15am"}, result: "updated", want: wDT(2025, 6, 28, 7, 15)},
		{name: "client's timezone", kv: []string{"ActionID", "1", "dateDone", "2025-06-28", "timeDone", "23:30", "timezoneOf", "L"},
			result: "updated", want: wDT(2025, 6, 29, 0, 30)},
		{name: "client's timezone now", kv: []string{"ActionID", "1", "timezoneOf", "L"}, result: "updated", want: wDT(2025, 6, 30, 12, 0)},
		{name: "already done", kv: []string{"ActionID", "2"}, result: "noop", want: wDT(2025, 6, 1, 8, 0)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := wFixture()
			wOK(t, a, tc.result, "Action.markDone", tc.kv...)
			x := findAction(a, atoi(tc.kv[1]))
			if !x.IsDone || x.DateDone != tc.want {
				t.Errorf("isDone %v, dateDone %s; want done at %s", x.IsDone, x.DateDone, tc.want)
			}
		})
	}
	t.Run("comment is a comment activity", func(t *testing.T) {
		a := wFixture()
		wOK(t, a, "updated", "Action.markDone", "ActionID", "1", "comment", "Well done")
		if len(a.Activities) != 1 || *a.Activities[0] != (account.Activity{ClientID: 101, Kind: "C", Date: wDT(2025, 6, 30, 12, 0)}) {
			t.Errorf("activities %v, want one comment of client 101 now", a.Activities)
		}
	})
}

func TestMetricAdd(t *testing.T) {
	base := []string{"ClientID", "101", "name", "Steps", "units", "steps", "startDate", "2025-07-01", "endDate", "9/30/2025"}
	with := func(kv ...string) []string { return append(append([]string{}, base...), kv...) }
	fx := func(s string) *account.Fixed { f, _ := account.ParseFixed(s); return &f }
	tests := []struct {
		name string
		kv   []string
		want account.Metric
	}{
		{name: "defaults", kv: base, want: account.Metric{ID: 2, ClientID: 101, Name: "Steps", Units: "steps",
			StartDate: wDate(2025, 7, 1), EndDate: wDate(2025, 9, 30), TargetMode: "H", DataMode: "R", RepeatRule: "weekdays"}},
		{name: "targets ignored without doTarget", kv: with("targetStart", "1000", "targetEnd", "5000", "repeatRule", "MWF"),
			want: account.Metric{ID: 2, ClientID: 101, Name: "Steps", Units: "steps", StartDate: wDate(2025, 7, 1),
				EndDate: wDate(2025, 9, 30), TargetMode: "H", DataMode: "R", RepeatRule: "MWF"}},
		{name: "targets", kv: with("doTarget", "true", "targetStart", "1000", "targetEnd", "5000.5", "targetMode", "L", "dataMode", "C",
			"repeatRule", "quarterlyDOM", "setReminders", "1", "reminderMode", "DS", "remindSendMethod", "T", "remindTime", "8:00am", "remindDays", "3"),
			want: account.Metric{ID: 2, ClientID: 101, Name: "Steps", Units: "steps", StartDate: wDate(2025, 7, 1),
				EndDate: wDate(2025, 9, 30), TargetMode: "L", TargetStart: fx("1000"), TargetEnd: fx("5000.5"), DataMode: "C", RepeatRule: "quarterlyDOM"}},
		{name: "one-day metric", kv: with("endDate", "2025-07-01"), want: account.Metric{ID: 2, ClientID: 101, Name: "Steps", Units: "steps",
			StartDate: wDate(2025, 7, 1), EndDate: wDate(2025, 7, 1), TargetMode: "H", DataMode: "R", RepeatRule: "weekdays"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := wFixture()
			ret := wOK(t, a, "added", "Metric.add", tc.kv...)
			if id := wID(t, ret, "MetricID"); id != 2 {
				t.Fatalf("MetricID %d, want 2", id)
			}
			m := a.Metrics[1]
			if m.ID != tc.want.ID || m.ClientID != tc.want.ClientID || m.Name != tc.want.Name || m.Units != tc.want.Units ||
				m.StartDate != tc.want.StartDate || m.EndDate != tc.want.EndDate || m.TargetMode != tc.want.TargetMode ||
				m.DataMode != tc.want.DataMode || m.RepeatRule != tc.want.RepeatRule || len(m.Data) != 0 ||
				!equalFixed(m.TargetStart, tc.want.TargetStart) || !equalFixed(m.TargetEnd, tc.want.TargetEnd) {
				t.Errorf("got %+v, want %+v", *m, tc.want)
			}
		})
	}
}

func equalFixed(x, y *account.Fixed) bool {
	if x == nil || y == nil {
		return x == y
	}
	return *x == *y
}

func TestMetricAddData(t *testing.T) {
	a := wFixture()
	wOK(t, a, "added", "Metric.addData", "MetricID", "1", "dateOf", "2025-05-01", "value", "-2.25", "comment", "first")
	wOK(t, a, "added", "Metric.addData", "MetricID", "1", "dateOf", "2025-06-30", "value", "170")
	wOK(t, a, "updated", "Metric.addData", "MetricID", "1", "dateOf", "6/1/2025", "value", "179.5", "comment", "redo")
	type point struct {
		id      int
		day     string
		value   string
		comment string
	}
	var got []point
	for _, p := range a.Metrics[0].Data {
		got = append(got, point{p.ID, p.DateOf.String(), p.Value.String(), p.Comment})
	}
	want := []point{{10, "2025-05-01", "-2.25", "first"}, {9, "2025-06-01", "179.5", "redo"}, {11, "2025-06-30", "170", ""}}
	if !slices.Equal(got, want) {
		t.Errorf("data %v, want %v", got, want)
	}
}

func TestAppointmentAdd(t *testing.T) {
	base := []string{"ClientID", "101", "AppointmentTypeID", "1", "dateOf", "2025-06-30", "timeOf", "3:00pm"}
	with := func(kv ...string) []string { return append(append([]string{}, base...), kv...) }
	tests := []struct {
		name  string
		kv    []string
		want  account.Appointment
		rems  []account.Reminder
		setup func(a *account.Account)
	}{
		{name: "type defaults in an open engagement", kv: base, want: account.Appointment{ID: 3, CoachID: 1, ClientID: 101,
			AppointmentTypeID: 1, EngagementID: 1, Name: "Coaching", StartDate: wDT(2025, 6, 30, 15, 0), EndDate: wDT(2025, 6, 30, 16, 0),
			Status: "A", DateAdded: wDT(2025, 6, 30, 12, 0), Location: "Zoom", Description: "One hour"}},
		{name: "overrides, after the engagement, default reminders", kv: with("dateOf", "2025-07-01", "alternateLabel", "Kickoff",
			"location", strings.Repeat("L", 120), "description", "Intro", "reminderSet", "default", "sendNotification", "true"),
			want: account.Appointment{ID: 3, CoachID: 1, ClientID: 101, AppointmentTypeID: 1, Name: "Kickoff",
				StartDate: wDT(2025, 7, 1, 15, 0), EndDate: wDT(2025, 7, 1, 16, 0), Status: "A", DateAdded: wDT(2025, 6, 30, 12, 0),
				Location: strings.Repeat("L", 100), Description: "Intro"},
			rems: []account.Reminder{{ID: 8, SendTo: "L", SendMethod: "E", RelativeMinutes: 1440, DateToSend: wDT(2025, 6, 30, 15, 0)}}},
		{name: "named coach's timezone, completed engagement not used", kv: with("CoachID", "2", "reminderSet", "C,T,15"),
			setup: func(a *account.Account) { a.Engagements[0].IsComplete = true },
			want: account.Appointment{ID: 3, CoachID: 2, ClientID: 101, AppointmentTypeID: 1, Name: "Coaching",
				StartDate: wDT(2025, 6, 30, 13, 0), EndDate: wDT(2025, 6, 30, 14, 0), Status: "A", DateAdded: wDT(2025, 6, 30, 12, 0),
				Location: "Zoom", Description: "One hour"},
			rems: []account.Reminder{{ID: 8, SendTo: "C", SendMethod: "T", RelativeMinutes: 15, DateToSend: wDT(2025, 6, 30, 12, 45)}}},
		{name: "client's timezone", kv: with("timezoneOf", "L"), want: account.Appointment{ID: 3, CoachID: 1, ClientID: 101,
			AppointmentTypeID: 1, EngagementID: 1, Name: "Coaching", StartDate: wDT(2025, 6, 30, 16, 0), EndDate: wDT(2025, 6, 30, 17, 0),
			Status: "A", DateAdded: wDT(2025, 6, 30, 12, 0), Location: "Zoom", Description: "One hour"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := wFixture()
			if tc.setup != nil {
				tc.setup(a)
			}
			ret := wOK(t, a, "added", "Appointment.add", tc.kv...)
			if id := wID(t, ret, "AppointmentID"); id != 3 {
				t.Fatalf("AppointmentID %d, want 3", id)
			}
			got := *a.Appointments[2]
			rems := got.Reminders
			got.Reminders = nil
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
			if len(rems) != len(tc.rems) {
				t.Fatalf("%d reminders, want %d", len(rems), len(tc.rems))
			}
			for i, r := range rems {
				if *r != tc.rems[i] {
					t.Errorf("reminder %d: got %+v, want %+v", i, *r, tc.rems[i])
				}
			}
		})
	}
}

func TestAppointmentCancel(t *testing.T) {
	a := wFixture()
	wOK(t, a, "updated", "Appointment.cancel", "AppointmentID", "1", "notifyClient", "true", "comment", "Sorry")
	if ap := a.Appointments[0]; ap.Status != "C" || ap.DateCanceled != wDT(2025, 6, 30, 12, 0) {
		t.Errorf("status %s, dateCanceled %s; want C now", ap.Status, ap.DateCanceled)
	}
	wOK(t, a, "noop", "Appointment.cancel", "AppointmentID", "2")
	if ap := a.Appointments[1]; ap.DateCanceled != wDT(2025, 5, 30, 9, 0) {
		t.Errorf("noop changed dateCanceled to %s", ap.DateCanceled)
	}
}

func TestSessionAdd(t *testing.T) {
	a := wFixture()
	ret := wOK(t, a, "added", "Session.add", "ClientID", "104", "title", strings.Repeat("T", 210), "dateOf", "2025-06-29",
		"timeOf", "14:30", "content", "<p>Notes</p>", "keyInsightSet", "*Big one\r\n\nsmall one\n", "visibility", "C")
	if id := wID(t, ret, "SessionID"); id != 1 {
		t.Fatalf("SessionID %d, want 1", id)
	}
	s := a.Sessions[0]
	now := wDT(2025, 6, 30, 12, 0)
	if s.CoachID != 2 || s.ClientID != 104 || len(s.Title) != 200 || s.DateOf != wDT(2025, 6, 29, 14, 30) ||
		s.Content != "<p>Notes</p>" || s.IsDraft || s.Visibility != "C" || s.DateAdded != now || s.DateDone != now ||
		!slices.Equal(s.KeyInsights, []string{"*Big one", "small one"}) {
		t.Errorf("got %+v", *s)
	}
	ret = wOK(t, a, "added", "Session.add", "ClientID", "101", "CoachID", "2", "title", "t", "dateOf", "2025-06-29",
		"timeOf", "9:00am", "content", "c")
	if id := wID(t, ret, "SessionID"); id != 2 || a.Sessions[1].CoachID != 2 || a.Sessions[1].Visibility != "*" {
		t.Errorf("second session %+v, want ID 2 by coach 2 visible to all", *a.Sessions[1])
	}
}

func TestActionAddUnknownPersonTimezone(t *testing.T) {
	a := wFixture()
	findCoach(a, 1).Timezone = "Not/AZone"
	wOK(t, a, "added", "Action.add", "ClientID", "101", "theAction", "x", "dateDue", "2025-07-05", "timeDue", "9:00")
	if got := findAction(a, 4).DateDue; got != wDT(2025, 7, 5, 9, 0) {
		t.Errorf("dateDue %s, want 2025-07-05 09:00:00 (account timezone)", got)
	}
}
