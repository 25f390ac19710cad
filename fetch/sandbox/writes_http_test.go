package sandbox_test

import (
	"encoding/json"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/careport/careport/fetch/sandbox"
	"github.com/careport/careport/fetch/sandbox/account"
	"github.com/careport/careport/fetch/sandbox/sandboxtest"
)

// writeHTTPCase is one write call over HTTP against a fresh fixture sandbox:
// either a success with result and return, or a failure with code.
type writeHTTPCase struct {
	name   string
	fn     string
	kv     []string
	result string // success result; "" for a failure
	ret    string // expected return JSON on success
	code   int    // expected error on failure
	// read, when set, is a read call whose return must contain every
	// string of contains after the write.
	read     []string
	contains []string
}

func writeHTTPCases() []writeHTTPCase {
	return []writeHTTPCase{
		{name: "coach added", fn: "Coach.add", kv: []string{"firstName", "Kim", "lastName", "Lee", "email", "kim@example.com"},
			result: "added", ret: `{"CoachID":5}`, read: []string{"Coach.get", "CoachID", "5"}, contains: []string{`"firstName":"Kim"`}},
		{name: "coach duplicate skipped", fn: "Coach.add", kv: []string{"firstName", "O", "lastName", "O", "email", "OLIVIA@example.com"},
			result: "duplicateSkipped", ret: `{"CoachID":1}`},
		{name: "coach duplicate refused", fn: "Coach.add", kv: []string{"firstName", "O", "lastName", "O", "email", "olivia@example.com",
			"onDuplicateEmail", "E"}, code: 411},
		{name: "coach bad email", fn: "Coach.add", kv: []string{"firstName", "K", "lastName", "L", "email", "k@"}, code: 303},
		{name: "client added", fn: "Client.add", kv: []string{"CoachID", "2", "firstName", "Gus", "lastName", "Hill", "email", "gus@example.com"},
			result: "added", ret: `{"ClientID":107}`, read: []string{"Pairing.getForClient", "ClientID", "107"},
			contains: []string{`"CoachID":2`, `"type":"P"`}},
		{name: "client with admin coach", fn: "Client.add", kv: []string{"CoachID", "3", "firstName", "G", "lastName", "H", "email", "g@example.com"}, code: 313},
		{name: "client updated", fn: "Client.update", kv: []string{"ClientID", "101", "city", "Boulder"}, result: "updated", ret: `[]`,
			read: []string{"Client.get", "ClientID", "101"}, contains: []string{`"city":"Boulder"`}},
		{name: "client update noop", fn: "Client.update", kv: []string{"ClientID", "101", "city", "Denver"}, result: "noop", ret: `[]`},
		{name: "client deactivated", fn: "Client.deactivate", kv: []string{"ClientID", "101"}, result: "updated", ret: `[]`,
			read: []string{"Client.get", "ClientID", "101"}, contains: []string{`"isActive":false`}},
		{name: "client deactivate noop", fn: "Client.deactivate", kv: []string{"ClientID", "104"}, result: "noop", ret: `[]`},
		{name: "client deactivate unknown", fn: "Client.deactivate", kv: []string{"ClientID", "99"}, code: 302},
		{name: "pairing added", fn: "Pairing.set", kv: []string{"CoachID", "2", "ClientID", "103", "type", "R"}, result: "added", ret: `[]`,
			read: []string{"Pairing.getForCoach", "CoachID", "2"}, contains: []string{`"ClientID":103`}},
		{name: "pairing promoted", fn: "Pairing.set", kv: []string{"CoachID", "2", "ClientID", "101", "type", "P"}, result: "updated", ret: `[]`,
			read: []string{"Client.get", "ClientID", "101"}, contains: []string{`"CoachID":2`}},
		{name: "pairing demotes primary", fn: "Pairing.set", kv: []string{"CoachID", "1", "ClientID", "101", "type", "R"}, code: 415},
		{name: "action added", fn: "Action.add", kv: []string{"ClientID", "102", "theAction", "Plan", "dateDue", "2025-07-20",
			"projectName", "Summer"}, result: "added", ret: `{"ActionID":6,"ActionProjectID":2}`,
			read: []string{"Action.getAll", "ClientID", "102"}, contains: []string{`"projectName":"Summer"`, `"dateDue":"2025-07-20 23:59:00"`}},
		{name: "action bad reminder", fn: "Action.add", kv: []string{"ClientID", "102", "theAction", "Plan", "dateDue", "2025-07-20",
			"reminderSet", "L,E,60,C"}, code: 321},
		{name: "action marked done", fn: "Action.markDone", kv: []string{"ActionID", "2"}, result: "updated", ret: `[]`,
			read: []string{"Action.getAll", "ClientID", "101", "includeDone", "true"}, contains: []string{`"dateDone":"2025-06-30 12:00:00"`}},
		{name: "action already done", fn: "Action.markDone", kv: []string{"ActionID", "1"}, result: "noop", ret: `[]`},
		{name: "action canceled", fn: "Action.markDone", kv: []string{"ActionID", "3"}, code: 421},
		{name: "metric added", fn: "Metric.add", kv: []string{"ClientID", "102", "name", "Focus", "units", "hours",
			"startDate", "2025-06-01", "endDate", "2025-06-30", "doTarget", "1", "targetStart", "2", "targetEnd", "4"},
			result: "added", ret: `{"MetricID":4}`, read: []string{"Metric.getAll", "ClientID", "102"},
			contains: []string{`"name":"Focus"`, `"targetStart":2`, `"repeatRule":"weekdays"`}},
		{name: "metric data added", fn: "Metric.addData", kv: []string{"MetricID", "3", "dateOf", "2025-06-29", "value", "6.75"},
			result: "added", ret: `[]`, read: []string{"Metric.getAll", "ClientID", "102"}, contains: []string{`{"dateOf":"2025-06-29","value":6.75,"comment":""}`}},
		{name: "metric data replaced", fn: "Metric.addData", kv: []string{"MetricID", "3", "dateOf", "2025-02-03", "value", "8"},
			result: "updated", ret: `[]`, read: []string{"Metric.getAll", "ClientID", "102"}, contains: []string{`{"dateOf":"2025-02-03","value":8,"comment":""}`}},
		{name: "metric data in the future", fn: "Metric.addData", kv: []string{"MetricID", "3", "dateOf", "2025-07-01", "value", "8"}, code: 431},
		{name: "appointment added", fn: "Appointment.add", kv: []string{"ClientID", "101", "AppointmentTypeID", "1", "dateOf", "2025-06-30",
			"timeOf", "4:00pm", "reminderSet", "default"}, result: "added", ret: `{"AppointmentID":8}`,
			read:     []string{"Appointment.getAll", "ClientID", "101"},
			contains: []string{`"ID":8,"CoachID":1,"ClientID":101,"EngagementID":1,"what":"Coaching session"`, `"startDate":"2025-06-30 16:00:00","endDate":"2025-06-30 17:00:00"`, `"dateToSend":"2025-06-29 16:00:00"`}},
		{name: "appointment bad time", fn: "Appointment.add", kv: []string{"ClientID", "101", "AppointmentTypeID", "1", "dateOf", "2025-06-30",
			"timeOf", "4pm"}, code: 305},
		{name: "appointment canceled", fn: "Appointment.cancel", kv: []string{"AppointmentID", "2"}, result: "updated", ret: `[]`,
			read: []string{"Appointment.getAll", "ClientID", "101", "includeCanceled", "true"}, contains: []string{`"dateCanceled":"2025-06-30 12:00:00"`}},
		{name: "appointment cancel noop", fn: "Appointment.cancel", kv: []string{"AppointmentID", "3"}, result: "noop", ret: `[]`},
		{name: "session added", fn: "Session.add", kv: []string{"ClientID", "106", "title", "Intro", "dateOf", "6/29/2025", "timeOf", "10:00",
			"content", "<p>Hello</p>"}, result: "added", ret: `{"SessionID":4}`,
			read: []string{"Session.getAll", "ClientID", "106"}, contains: []string{`"title":"Intro"`, `"dateOf":"2025-06-29 10:00:00"`}},
		{name: "session by inactive coach", fn: "Session.add", kv: []string{"ClientID", "106", "CoachID", "4", "title", "Intro",
			"dateOf", "6/29/2025", "timeOf", "10:00", "content", "x"}, code: 312},
		{name: "invoice added", fn: "Invoice.add", kv: []string{"ClientID", "106", "dateOf", "2025-06-30", "taxRate", "10",
			"lineItemSet", "Coaching::400\nWorkbook::50.5"}, result: "added", ret: `{"InvoiceID":5}`,
			read:     []string{"Invoice.get", "InvoiceID", "#1005"},
			contains: []string{`"invoiceNumber":"1005"`, `"dateDue":"2025-07-14"`, `"amount":495.55`, `"amountPaid":0.00`}},
		{name: "invoice duplicate number", fn: "Invoice.add", kv: []string{"ClientID", "106", "dateOf", "2025-06-30", "number", "A1003",
			"onDuplicateNumber", "E", "lineItemSet", "x::1"}, code: 491},
		{name: "invoice inactive client", fn: "Invoice.add", kv: []string{"ClientID", "104", "dateOf", "2025-06-30", "lineItemSet", "x::1"}, code: 498},
		{name: "invoice malformed items", fn: "Invoice.add", kv: []string{"ClientID", "106", "dateOf", "2025-06-30", "lineItemSet", "a::1, b::2"}, code: 493},
		{name: "payment added", fn: "Invoice.addPayment", kv: []string{"InvoiceID", "#1004", "amount", "50", "method", "Check",
			"checkNumber", "77", "dateOf", "2025-06-30"}, result: "added", ret: `{"PaymentID":5}`,
			read:     []string{"Invoice.getPayments", "dateFrom", "2025-06-30"},
			contains: []string{`{"ID":5,"InvoiceID":4,"invoiceNumber":"1004","datePaid":"2025-06-30","amount":50.00,"currency":"USD","method":"Check","checkNumber":"77"}`}},
		{name: "payment overpays", fn: "Invoice.addPayment", kv: []string{"InvoiceID", "#1002", "amount", "400.01"}, code: 496},
		{name: "payment in the future", fn: "Invoice.addPayment", kv: []string{"InvoiceID", "#1002", "amount", "900", "dateOf", "2025-07-01"}, code: 497},
		{name: "payment deleted", fn: "Invoice.deletePayment", kv: []string{"PaymentID", "2"}, result: "deleted", ret: `[]`,
			read: []string{"Invoice.get", "InvoiceID", "2"}, contains: []string{`"amountPaid":0.00`, `"paymentSet":[]`}},
		{name: "engagement added", fn: "Engagement.addForClient", kv: []string{"ClientID", "103", "EngagementTemplateID", "1"},
			result: "added", ret: `{"EngagementID":5}`, read: []string{"Engagement.getAll", "ClientID", "103"},
			contains: []string{`"startDate":"2025-06-30","endDate":"2025-09-29","allocationUnits":"A","allocation":12`}},
		{name: "engagement overlaps", fn: "Engagement.addForClient", kv: []string{"ClientID", "101", "EngagementTemplateID", "2"}, code: 440},
		{name: "engagement bad allocation", fn: "Engagement.addForClient", kv: []string{"ClientID", "103", "EngagementTemplateID", "1",
			"allocation", "12A"}, code: 443},
		{name: "engagement completed", fn: "Engagement.complete", kv: []string{"EngagementID", "1", "whenOption", "E"}, result: "updated", ret: `[]`,
			read: []string{"Engagement.getAll", "ClientID", "101"}, contains: []string{`"isComplete":true,"isCanceled":false,"dateClosed":"2025-06-30 23:59:59"`}},
		{name: "engagement complete canceled", fn: "Engagement.complete", kv: []string{"EngagementID", "3"}, code: 441},
		{name: "engagement canceled", fn: "Engagement.cancel", kv: []string{"EngagementID", "4"}, result: "updated", ret: `[]`},
		{name: "engagement cancel complete", fn: "Engagement.cancel", kv: []string{"EngagementID", "2"}, code: 442},
		{name: "required missing", fn: "Engagement.cancel", code: 301},
	}
}

// TestWritesOverHTTP drives every write function over real HTTP with both
// body encodings, each case on a fresh fixture sandbox.
func TestWritesOverHTTP(t *testing.T) {
	for _, tc := range writeHTTPCases() {
		for _, enc := range encodings {
			t.Run(tc.fn+"/"+tc.name+"/"+enc, func(t *testing.T) {
				_, endpoint := startFixture(t)
				env := call(t, endpoint, enc, tc.fn, tc.kv...)
				if tc.result == "" {
					if env.Status != "failure" || env.Error != tc.code {
						t.Fatalf("got %s error %d (%s), want failure %d", env.Status, env.Error, env.Message, tc.code)
					}
					return
				}
				if env.Status != "success" || env.Result != tc.result {
					t.Fatalf("got %s %q error %d (%s), want success %q", env.Status, env.Result, env.Error, env.Message, tc.result)
				}
				if got := string(env.Return); got != tc.ret {
					t.Errorf("return %s, want %s", got, tc.ret)
				}
				if tc.read == nil {
					return
				}
				read := call(t, endpoint, enc, tc.read[0], tc.read[1:]...)
				for _, want := range tc.contains {
					if !strings.Contains(string(read.Return), want) {
						t.Errorf("%s return lacks %s:\n%s", tc.read[0], want, read.Return)
					}
				}
			})
		}
	}
}

// TestActionAddPHPMultipart posts Action.add exactly as PHP cURL does
// (Appendix B): a hand-built multipart body with CRLF line ends and cURL's
// boundary, the function name after the other fields.
func TestActionAddPHPMultipart(t *testing.T) {
	_, endpoint := startFixture(t)
	const boundary = "------------------------d74496d66958873e"
	var b strings.Builder
	for _, f := range [][2]string{
		{"ClientID", "101"}, {"theAction", "Test the API"}, {"dateDue", "4/5/2025"}, {"timeDue", "3:32pm"},
		{"reminderSet", "L,T,1440;C,E,20"}, {"a", "Action.add"}, {"APIID", sandboxtest.APIID}, {"APIKey", sandboxtest.APIKey},
	} {
		b.WriteString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f[0] + "\"\r\n\r\n" + f[1] + "\r\n")
	}
	b.WriteString("--" + boundary + "--\r\n")
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, endpoint, strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "multipart/form-data; boundary="+boundary)
	env := do(t, req)
	if env.Status != "success" || env.Result != "added" || string(env.Return) != `{"ActionID":6,"ActionProjectID":0}` {
		t.Fatalf("got %s %s %s (%d %s), want added {\"ActionID\":6,\"ActionProjectID\":0}", env.Status, env.Result, env.Return, env.Error, env.Message)
	}
	read := call(t, endpoint, "urlencoded", "Action.getAll", "ClientID", "101")
	var actions []struct {
		ID          int    `json:"ID"`
		Action      string `json:"action"`
		DateDue     string `json:"dateDue"`
		ReminderSet []struct {
			ID              int    `json:"ID"`
			SendTo          string `json:"sendTo"`
			SendMethod      string `json:"sendMethod"`
			RelativeMinutes int    `json:"relativeMinutes"`
			DateToSend      string `json:"dateToSend"`
			IsSent          bool   `json:"isSent"`
		} `json:"reminderSet"`
	}
	if err := json.Unmarshal(read.Return, &actions); err != nil {
		t.Fatalf("Action.getAll return: %v", err)
	}
	for _, a := range actions {
		if a.ID != 6 {
			continue
		}
		if a.Action != "Test the API" || a.DateDue != "2025-04-05 15:32:00" || len(a.ReminderSet) != 2 {
			t.Fatalf("action %+v, want Test the API due 2025-04-05 15:32:00 with 2 reminders", a)
		}
		r0, r1 := a.ReminderSet[0], a.ReminderSet[1]
		if r0.ID != 4 || r0.SendTo != "L" || r0.SendMethod != "T" || r0.RelativeMinutes != 1440 || r0.DateToSend != "2025-04-04 15:32:00" || r0.IsSent {
			t.Errorf("first reminder %+v, want ID 4, L T 1440 at 2025-04-04 15:32:00", r0)
		}
		if r1.ID != 5 || r1.SendTo != "C" || r1.SendMethod != "E" || r1.RelativeMinutes != 20 || r1.DateToSend != "2025-04-05 15:12:00" {
			t.Errorf("second reminder %+v, want ID 5, C E 20 at 2025-04-05 15:12:00", r1)
		}
		return
	}
	t.Fatalf("Action.getAll lacks action 6: %s", read.Return)
}

// seedAccount is the least an account built through the API needs that no
// write function creates: the owner, an appointment type and templates.
func seedAccount() *account.Account {
	return &account.Account{
		Name: "built through the API", Timezone: sandboxtest.Timezone, Currency: "USD", Currencies: []string{"USD", "CAD"},
		OwnerCoachID: 1,
		Coaches: []*account.Coach{{ID: 1, FirstName: "Olga", LastName: "Owner", Email: "olga@example.com",
			Timezone: sandboxtest.Timezone, IsActive: true, IsCoaching: true}},
		AppointmentTypes: []*account.AppointmentType{{ID: 1, CoachID: 1, Name: "Session", Duration: 45, Location: "Office"}},
		EngagementTemplates: []*account.EngagementTemplate{
			{ID: 1, Name: "Two months", ManagingCoachID: 1, Duration: 2, AllocationUnit: "A", Allocation: 8},
		},
	}
}

// TestBuildAccountThroughAPI builds an account with write calls only and
// checks that the read calls, and the saved state file, see all of it.
func TestBuildAccountThroughAPI(t *testing.T) {
	state := filepath.Join(t.TempDir(), "state.json")
	_, endpoint := sandboxtest.Start(t, sandbox.Options{Account: seedAccount(), Now: sandboxtest.Now, StatePath: state})
	steps := []struct {
		fn, enc string
		kv      []string
		result  string
		ret     string
	}{
		{"Coach.add", "multipart", []string{"firstName", "Cory", "lastName", "Coach", "email", "cory@example.com", "timezone", "America/New_York"}, "added", `{"CoachID":2}`},
		{"Client.add", "urlencoded", []string{"firstName", "Ava", "lastName", "Chen", "email", "ava@example.com"}, "added", `{"ClientID":1}`},
		{"Client.add", "multipart", []string{"CoachID", "2", "firstName", "Ben", "lastName", "Diaz", "email", "ben@example.com"}, "added", `{"ClientID":2}`},
		{"Client.add", "urlencoded", []string{"firstName", "Ava", "lastName", "Again", "email", "AVA@example.com"}, "duplicateSkipped", `{"ClientID":1}`},
		{"Pairing.set", "urlencoded", []string{"CoachID", "2", "ClientID", "1"}, "added", `[]`},
		{"Invoice.add", "multipart", []string{"ClientID", "1", "dateOf", "2025-06-01", "taxRate", "10", "currency", "CAD",
			"lineItemSet", "One month of coaching::400\r\nBeing a Baller 6-week Course::600\r\n"}, "added", `{"InvoiceID":1}`},
		{"Invoice.add", "urlencoded", []string{"ClientID", "2", "dateOf", "2025-06-15", "lineItemSet", "Session::150"}, "added", `{"InvoiceID":2}`},
		{"Invoice.addPayment", "urlencoded", []string{"InvoiceID", "#1001", "amount", "500", "dateOf", "2025-06-10", "method", "Bank Transfer"}, "added", `{"PaymentID":1}`},
		{"Invoice.addPayment", "multipart", []string{"InvoiceID", "1", "amount", "600.00", "datePaid", "2025-06-20 09:30"}, "added", `{"PaymentID":2}`},
		{"Invoice.addPayment", "urlencoded", []string{"InvoiceID", "2", "amount", "100", "method", "Cash"}, "added", `{"PaymentID":3}`},
		{"Invoice.deletePayment", "urlencoded", []string{"PaymentID", "3"}, "deleted", `[]`},
		{"Engagement.addForClient", "multipart", []string{"ClientID", "1", "EngagementTemplateID", "1", "startDate", "2025-06-01"}, "added", `{"EngagementID":1}`},
		{"Appointment.add", "urlencoded", []string{"ClientID", "1", "AppointmentTypeID", "1", "dateOf", "2025-06-15", "timeOf", "10:00",
			"reminderSet", "L,E,60"}, "added", `{"AppointmentID":1}`},
		{"Appointment.add", "multipart", []string{"ClientID", "2", "AppointmentTypeID", "1", "dateOf", "2025-07-02", "timeOf", "9:00am"}, "added", `{"AppointmentID":2}`},
		{"Metric.add", "urlencoded", []string{"ClientID", "1", "name", "Energy", "units", "points", "startDate", "2025-06-01", "endDate", "2025-08-31"}, "added", `{"MetricID":1}`},
		{"Metric.addData", "multipart", []string{"MetricID", "1", "dateOf", "2025-06-20", "value", "7", "comment", "good week"}, "added", `[]`},
		{"Metric.addData", "urlencoded", []string{"MetricID", "1", "dateOf", "2025-06-02", "value", "5.5"}, "added", `[]`},
		{"Action.add", "urlencoded", []string{"ClientID", "1", "theAction", "Write goals", "dateDue", "2025-07-01", "timeDue", "17:00",
			"projectName", "Goals"}, "added", `{"ActionID":1,"ActionProjectID":1}`},
		{"Action.markDone", "multipart", []string{"ActionID", "1", "dateDone", "2025-06-29", "timeDone", "8:00pm"}, "updated", `[]`},
		{"Session.add", "urlencoded", []string{"ClientID", "1", "title", "Kickoff", "dateOf", "2025-06-15", "timeOf", "10:00", "content", "<p>Goals</p>"}, "added", `{"SessionID":1}`},
		{"Engagement.complete", "urlencoded", []string{"EngagementID", "1", "whenOption", "U"}, "updated", `[]`},
	}
	for i, s := range steps {
		env := call(t, endpoint, s.enc, s.fn, s.kv...)
		if env.Status != "success" || env.Result != s.result || string(env.Return) != s.ret {
			t.Fatalf("step %d %s: got %s %q %s (%d %s), want %q %s", i, s.fn, env.Status, env.Result, env.Return, env.Error, env.Message, s.result, s.ret)
		}
	}

	reads := []struct {
		fn       string
		kv       []string
		contains []string
	}{
		{"Coach.getAll", nil, []string{`"ID":2`, `"email":"cory@example.com"`}},
		{"Client.getAll", []string{"sortOption", "A"}, []string{`"ID":1,"CoachID":1,"firstName":"Ava"`, `"ID":2,"CoachID":2,"firstName":"Ben"`}},
		{"Pairing.getForClient", []string{"ClientID", "1"}, []string{`"CoachID":1`, `"CoachID":2`, `"type":"C"`}},
		{"Invoice.getAll", nil, []string{`"invoiceNumber":"1001"`, `"currency":"CAD","amount":1100.00,"amountPaid":1100.00`,
			`"invoiceNumber":"1002"`, `"amount":150.00,"amountPaid":0.00`}},
		{"Invoice.getPayments", nil, []string{`"ID":1,"InvoiceID":1`, `"datePaid":"2025-06-10","amount":500.00,"currency":"CAD","method":"Bank Transfer"`,
			`"ID":2,"InvoiceID":1`, `"method":"Credit Card"`}},
		{"Engagement.getAll", []string{"ClientID", "1", "includeAppointments", "true"}, []string{`"startDate":"2025-06-01","endDate":"2025-07-31"`,
			`"isComplete":true`, `"dateClosed":"2025-06-15 10:00:00"`, `"AppointmentSet":[{"ID":1`}},
		{"Appointment.getAll", []string{"ClientID", "1"}, []string{`"EngagementID":1`, `"startDate":"2025-06-15 10:00:00","endDate":"2025-06-15 10:45:00"`,
			`"location":"Office"`, `"dateToSend":"2025-06-15 09:00:00"`}},
		{"Appointment.getAll", []string{"ClientID", "2", "includePending", "true"}, []string{`"EngagementID":0`, `"startDate":"2025-07-02 07:00:00"`}},
		{"Metric.getAll", []string{"ClientID", "1"}, []string{`"dataSet":[{"dateOf":"2025-06-02","value":5.5,"comment":""},{"dateOf":"2025-06-20","value":7,"comment":"good week"}]`}},
		{"Action.getAll", []string{"ClientID", "1", "includeDone", "true"}, []string{`"projectName":"Goals"`, `"dateDue":"2025-07-01 17:00:00"`,
			`"dateDone":"2025-06-29 20:00:00","isDone":true`}},
		{"Session.getAll", []string{"ClientID", "1"}, []string{`"title":"Kickoff"`, `"dateOf":"2025-06-15 10:00:00"`}},
	}
	for _, r := range reads {
		env := call(t, endpoint, "urlencoded", r.fn, r.kv...)
		if env.Status != "success" {
			t.Fatalf("%s: %d %s", r.fn, env.Error, env.Message)
		}
		for _, want := range r.contains {
			if !strings.Contains(string(env.Return), want) {
				t.Errorf("%s %q: return lacks %s:\n%s", r.fn, r.kv, want, env.Return)
			}
		}
	}

	saved, err := account.Load(state)
	if err != nil {
		t.Fatalf("load saved state: %v", err)
	}
	if len(saved.Coaches) != 2 || len(saved.Clients) != 2 || len(saved.Invoices) != 2 || len(saved.Invoices[0].Payments) != 2 ||
		len(saved.Engagements) != 1 || len(saved.Appointments) != 2 || len(saved.Metrics) != 1 || len(saved.Actions) != 1 ||
		len(saved.Sessions) != 1 || len(saved.Pairings) != 3 {
		t.Errorf("saved state holds %d coaches, %d clients, %d invoices, %d engagements, %d appointments, %d metrics, %d actions, %d sessions, %d pairings",
			len(saved.Coaches), len(saved.Clients), len(saved.Invoices), len(saved.Engagements), len(saved.Appointments),
			len(saved.Metrics), len(saved.Actions), len(saved.Sessions), len(saved.Pairings))
	}
}
