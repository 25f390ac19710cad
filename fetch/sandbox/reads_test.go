package sandbox_test

import (
	"encoding/json"
	"strings"
	"testing"
)

// readCase is one call of a read function: either it fails with code, or it
// succeeds with result and (when ids is not nil) returns records whose
// idField values are ids, in this order.
type readCase struct {
	name    string
	fn      string
	kv      []string
	code    int
	result  string
	idField string
	ids     []int
	check   func(t *testing.T, env envelope)
}

func readCases() []readCase {
	hasField := func(field string, want bool) func(t *testing.T, env envelope) {
		return func(t *testing.T, env envelope) {
			for _, r := range env.records(t) {
				var m map[string]json.RawMessage
				if err := json.Unmarshal(r, &m); err != nil {
					t.Fatal(err)
				}
				if _, ok := m[field]; ok != want {
					t.Errorf("field %s present = %v, want %v: %s", field, ok, want, r)
				}
			}
		}
	}
	csvHas := func(parts ...string) func(t *testing.T, env envelope) {
		return func(t *testing.T, env envelope) {
			var ret struct {
				Data *string `json:"data"`
			}
			if err := json.Unmarshal(env.Return, &ret); err != nil || ret.Data == nil {
				t.Fatalf("return %s is not {\"data\": csv}: %v", env.Return, err)
			}
			for _, p := range parts {
				if !strings.Contains(*ret.Data, p) {
					t.Errorf("CSV lacks %q:\n%s", p, *ret.Data)
				}
			}
		}
	}
	return []readCase{
		{name: "clients default newest first", fn: "Client.getAll", result: "loaded", ids: []int{106, 103, 101, 102}},
		{name: "clients alphabetical with inactive", fn: "Client.getAll", kv: []string{"includeInactive", "true", "sortOption", "A"}, result: "loaded", ids: []int{101, 102, 103, 106, 104, 105}},
		{name: "clients PHP false", fn: "Client.getAll", kv: []string{"includeInactive", ""}, result: "loaded", ids: []int{106, 103, 101, 102}},
		{name: "clients PHP true", fn: "Client.getAll", kv: []string{"includeInactive", "1", "CompanyID", "2"}, result: "loaded", ids: []int{105}},
		{name: "clients of coach 2 any access", fn: "Client.getAll", kv: []string{"CoachID", "2"}, result: "loaded", ids: []int{106, 101, 102}},
		{name: "clients of company 1", fn: "Client.getAll", kv: []string{"CompanyID", "1"}, result: "loaded", ids: []int{101, 102}},
		{name: "clients of no company", fn: "Client.getAll", kv: []string{"CompanyID", "0"}, result: "loaded", ids: []int{106, 103}},
		{name: "clients empty company filter", fn: "Client.getAll", kv: []string{"CompanyID", ""}, result: "loaded", ids: []int{106, 103, 101, 102}},
		{name: "clients of inactive company", fn: "Client.getAll", kv: []string{"CompanyID", "2"}, result: "empty", ids: []int{}},
		{name: "clients unknown coach", fn: "Client.getAll", kv: []string{"CoachID", "99"}, code: 311},
		{name: "clients malformed coach", fn: "Client.getAll", kv: []string{"CoachID", "abc"}, code: 311},
		{name: "clients unknown company", fn: "Client.getAll", kv: []string{"CompanyID", "99"}, code: 302},
		{name: "clients bad sortOption", fn: "Client.getAll", kv: []string{"sortOption", "Z"}, code: 301},

		{name: "client inactive", fn: "Client.get", kv: []string{"ClientID", "104"}, result: "loaded", ids: []int{104}},
		{name: "client missing ID", fn: "Client.get", code: 301},
		{name: "client unknown", fn: "Client.get", kv: []string{"ClientID", "999"}, code: 302},
		{name: "client malformed", fn: "Client.get", kv: []string{"ClientID", "x1"}, code: 302},

		{name: "coaches default", fn: "Coach.getAll", result: "loaded", ids: []int{3, 2, 1}, check: hasField("avatarURL", true)},
		{name: "coaches alphabetical with inactive", fn: "Coach.getAll", kv: []string{"includeInactive", "yes", "sortOption", "A"}, result: "loaded", ids: []int{3, 2, 1, 4}},
		{name: "coaches bad sortOption", fn: "Coach.getAll", kv: []string{"sortOption", "a"}, code: 301},
		{name: "coach", fn: "Coach.get", kv: []string{"CoachID", "4"}, result: "loaded", ids: []int{4}, check: hasField("avatarURL", false)},
		{name: "coach missing ID", fn: "Coach.get", code: 301},
		{name: "coach unknown", fn: "Coach.get", kv: []string{"CoachID", "99"}, code: 311},

		{name: "companies", fn: "Company.getAll", result: "loaded", ids: []int{1}},
		{name: "companies with inactive", fn: "Company.getAll", kv: []string{"includeInactive", "true"}, result: "loaded", ids: []int{2, 1}},
		{name: "companies alphabetical", fn: "Company.getAll", kv: []string{"includeInactive", "true", "sortOption", "A"}, result: "loaded", ids: []int{1, 2}},
		{name: "companies bad sortOption", fn: "Company.getAll", kv: []string{"sortOption", "B"}, code: 301},

		{name: "pairings of client", fn: "Pairing.getForClient", kv: []string{"ClientID", "101"}, result: "loaded", idField: "CoachID", ids: []int{1, 2}},
		{name: "pairings of client missing", fn: "Pairing.getForClient", code: 301},
		{name: "pairings of client unknown", fn: "Pairing.getForClient", kv: []string{"ClientID", "999"}, code: 302},
		{name: "pairings of coach", fn: "Pairing.getForCoach", kv: []string{"CoachID", "2"}, result: "loaded", idField: "ClientID", ids: []int{101, 102, 104, 106}},
		{name: "pairings of admin coach", fn: "Pairing.getForCoach", kv: []string{"CoachID", "3"}, result: "empty", ids: []int{}},
		{name: "pairings of coach missing", fn: "Pairing.getForCoach", code: 301},
		{name: "pairings of coach unknown", fn: "Pairing.getForCoach", kv: []string{"CoachID", "99"}, code: 311},
		{name: "history of client", fn: "Pairing.getHistory", kv: []string{"ClientID", "102"}, result: "loaded", idField: "CoachID", ids: []int{1, 2}},
		{name: "history of coach in range", fn: "Pairing.getHistory", kv: []string{"CoachID", "1", "dateFrom", "2024-01-01", "dateTo", "2/11/2024"}, result: "loaded", idField: "ClientID", ids: []int{102, 101}},
		{name: "history bad date", fn: "Pairing.getHistory", kv: []string{"dateFrom", "2025-13-45"}, code: 304},
		{name: "history unknown coach", fn: "Pairing.getHistory", kv: []string{"CoachID", "99"}, code: 311},
		{name: "history unknown client", fn: "Pairing.getHistory", kv: []string{"ClientID", "999"}, code: 302},

		{name: "actions open of client", fn: "Action.getAll", kv: []string{"ClientID", "101"}, result: "loaded", ids: []int{2}},
		{name: "actions all of client", fn: "Action.getAll", kv: []string{"ClientID", "101", "includeDone", "true", "includeCanceled", "1", "includeForCoach", "on"}, result: "loaded", ids: []int{1, 2, 3, 5}},
		{name: "actions without client", fn: "Action.getAll", result: "loaded", ids: []int{2, 4}},
		{name: "actions by project name", fn: "Action.getAll", kv: []string{"projectName", "q3", "includeDone", "true", "includeCanceled", "true"}, result: "loaded", ids: []int{1, 3}},
		{name: "actions by project", fn: "Action.getAll", kv: []string{"ActionProjectID", "1", "includeDone", "1"}, result: "loaded", ids: []int{1}},
		{name: "actions by coach", fn: "Action.getAll", kv: []string{"CoachID", "2"}, result: "loaded", ids: []int{4}},
		{name: "actions none", fn: "Action.getAll", kv: []string{"ClientID", "103"}, result: "empty", ids: []int{}},
		{name: "actions unknown client", fn: "Action.getAll", kv: []string{"ClientID", "999"}, code: 302},
		{name: "actions unknown coach", fn: "Action.getAll", kv: []string{"CoachID", "99"}, code: 311},
		{name: "actions unknown project", fn: "Action.getAll", kv: []string{"ActionProjectID", "99"}, code: 302},

		{name: "metrics", fn: "Metric.getAll", kv: []string{"ClientID", "101"}, result: "loaded", ids: []int{1}, check: hasField("dataSet", true)},
		{name: "metrics with completed", fn: "Metric.getAll", kv: []string{"ClientID", "101", "includeCompleted", "true"}, result: "loaded", ids: []int{1, 2}},
		{name: "metrics without data", fn: "Metric.getAll", kv: []string{"ClientID", "101", "includeData", "false"}, result: "loaded", ids: []int{1}, check: hasField("dataSet", false)},
		{name: "metrics missing client", fn: "Metric.getAll", code: 301},
		{name: "metrics unknown client", fn: "Metric.getAll", kv: []string{"ClientID", "999"}, code: 302},

		{name: "appointment types", fn: "Appointment.getTypes", result: "loaded", ids: []int{1, 2}},
		{name: "appointment types of coach", fn: "Appointment.getTypes", kv: []string{"CoachID", "2"}, result: "loaded", ids: []int{2}},
		{name: "appointment types unknown coach", fn: "Appointment.getTypes", kv: []string{"CoachID", "99"}, code: 311},

		{name: "appointments active", fn: "Appointment.getAll", result: "loaded", ids: []int{1, 2, 4, 5}},
		{name: "appointments with canceled", fn: "Appointment.getAll", kv: []string{"includeCanceled", "true"}, result: "loaded", ids: []int{1, 2, 3, 4, 5}},
		{name: "appointments with pending", fn: "Appointment.getAll", kv: []string{"includePending", "true"}, result: "loaded", ids: []int{1, 2, 4, 5, 6}},
		{name: "appointments with both", fn: "Appointment.getAll", kv: []string{"includePending", "true", "includeCanceled", "true"}, result: "loaded", ids: []int{1, 2, 3, 4, 5, 6, 7}},
		{name: "appointments of client in May", fn: "Appointment.getAll", kv: []string{"ClientID", "101", "dateFrom", "2025-05-01", "dateTo", "05/31/2025"}, result: "loaded", ids: []int{1}},
		{name: "appointments date/time bounds", fn: "Appointment.getAll", kv: []string{"dateFrom", "2025-05-01 10:00", "dateTo", "2025-07-10 09:59:59"}, result: "loaded", ids: []int{1}},
		{name: "appointments of company", fn: "Appointment.getAll", kv: []string{"CompanyID", "1", "CoachID", "2"}, result: "loaded", ids: []int{4, 5}},
		{name: "appointments by name", fn: "Appointment.getAll", kv: []string{"name", "check"}, result: "loaded", ids: []int{5}},
		{name: "appointments unknown coach", fn: "Appointment.getAll", kv: []string{"CoachID", "99"}, code: 311},
		{name: "appointments unknown client", fn: "Appointment.getAll", kv: []string{"ClientID", "999"}, code: 302},
		{name: "appointments unknown company", fn: "Appointment.getAll", kv: []string{"CompanyID", "99"}, code: 302},
		{name: "appointments bad date", fn: "Appointment.getAll", kv: []string{"dateTo", "13/45/2025"}, code: 304},

		{name: "sessions", fn: "Session.getAll", result: "loaded", ids: []int{1, 3}},
		{name: "sessions with drafts by dateOf ascending", fn: "Session.getAll", kv: []string{"includeDrafts", "true", "sortField", "dateOf", "sortDirection", "A"}, result: "loaded", ids: []int{3, 1, 2}},
		{name: "sessions of client", fn: "Session.getAll", kv: []string{"ClientID", "102"}, result: "loaded", ids: []int{3}},
		{name: "sessions from May", fn: "Session.getAll", kv: []string{"dateFrom", "2025-05-01"}, result: "loaded", ids: []int{1}},
		{name: "sessions of coach 2", fn: "Session.getAll", kv: []string{"CoachID", "2", "dateTo", "2025-01-31"}, result: "empty", ids: []int{}},
		{name: "sessions bad sortField", fn: "Session.getAll", kv: []string{"sortField", "title"}, code: 301},
		{name: "sessions unknown coach", fn: "Session.getAll", kv: []string{"CoachID", "99"}, code: 311},
		{name: "sessions unknown client", fn: "Session.getAll", kv: []string{"ClientID", "999"}, code: 302},
		{name: "sessions bad date", fn: "Session.getAll", kv: []string{"dateFrom", "yesterday"}, code: 304},

		{name: "worksheets done", fn: "Worksheet.getAll", result: "loaded", ids: []int{1}, check: hasField("content", false)},
		{name: "worksheets with outstanding", fn: "Worksheet.getAll", kv: []string{"includeOutstanding", "true", "includeContent", "true"}, result: "loaded", ids: []int{2, 1}, check: hasField("content", true)},
		{name: "worksheets by title", fn: "Worksheet.getAll", kv: []string{"includeOutstanding", "true", "title", "weekly"}, result: "loaded", ids: []int{2}},
		{name: "worksheets unknown company", fn: "Worksheet.getAll", kv: []string{"CompanyID", "99"}, code: 302},
		{name: "worksheets bad date", fn: "Worksheet.getAll", kv: []string{"dateAssignedFrom", "2025-02-30"}, code: 304},

		{name: "invoices newest first", fn: "Invoice.getAll", result: "loaded", ids: []int{4, 3, 2, 1}},
		{name: "invoices by due ascending", fn: "Invoice.getAll", kv: []string{"sortField", "dateDue", "sortDirection", "A"}, result: "loaded", ids: []int{1, 2, 3, 4}},
		{name: "invoices of client", fn: "Invoice.getAll", kv: []string{"ClientID", "101"}, result: "loaded", ids: []int{1}},
		{name: "invoices of company", fn: "Invoice.getAll", kv: []string{"CompanyID", "1"}, result: "loaded", ids: []int{3}},
		{name: "invoices of coach", fn: "Invoice.getAll", kv: []string{"CoachID", "1"}, result: "loaded", ids: []int{4, 1}},
		{name: "invoices in range", fn: "Invoice.getAll", kv: []string{"dateFrom", "2025-05-01", "dateTo", "5/5/2025"}, result: "loaded", ids: []int{3, 2}},
		{name: "invoices none", fn: "Invoice.getAll", kv: []string{"ClientID", "106"}, result: "empty", ids: []int{}},
		{name: "invoices unknown client", fn: "Invoice.getAll", kv: []string{"ClientID", "999"}, code: 302},
		{name: "invoices unknown company", fn: "Invoice.getAll", kv: []string{"CompanyID", "99"}, code: 302},
		{name: "invoices unknown coach", fn: "Invoice.getAll", kv: []string{"CoachID", "99"}, code: 311},
		{name: "invoices bad date", fn: "Invoice.getAll", kv: []string{"dateFrom", "2025-1-1x"}, code: 304},
		{name: "invoices bad direction", fn: "Invoice.getAll", kv: []string{"sortDirection", "up"}, code: 301},
		{name: "invoice by ID", fn: "Invoice.get", kv: []string{"InvoiceID", "3"}, result: "loaded", ids: []int{3}},
		{name: "invoice by number", fn: "Invoice.get", kv: []string{"InvoiceID", "#1002"}, result: "loaded", ids: []int{2}},
		{name: "invoice by letter number", fn: "Invoice.get", kv: []string{"InvoiceID", "#A1003"}, result: "loaded", ids: []int{3}},
		{name: "invoice unknown number", fn: "Invoice.get", kv: []string{"InvoiceID", "#9999"}, code: 302},
		{name: "invoice unknown ID", fn: "Invoice.get", kv: []string{"InvoiceID", "99"}, code: 302},
		{name: "invoice missing ID", fn: "Invoice.get", code: 301},
		{name: "payments newest first", fn: "Invoice.getPayments", result: "loaded", ids: []int{4, 3, 2, 1}},
		{name: "payments by number", fn: "Invoice.getPayments", kv: []string{"sortField", "invoiceNumber", "sortDirection", "A"}, result: "loaded", ids: []int{1, 2, 3, 4}},
		{name: "payments in range", fn: "Invoice.getPayments", kv: []string{"dateFrom", "2025-05-20", "dateTo", "2025-05-30"}, result: "loaded", ids: []int{3, 2}},
		{name: "payments bad date", fn: "Invoice.getPayments", kv: []string{"dateTo", "2025/05/30"}, code: 304},
		{name: "payments bad sortField", fn: "Invoice.getPayments", kv: []string{"sortField", "amount"}, code: 301},

		{name: "templates", fn: "Engagement.getTemplates", result: "loaded", ids: []int{1, 2}},
		{name: "engagements", fn: "Engagement.getAll", result: "loaded", ids: []int{1, 2, 3, 4}, check: hasField("AppointmentSet", false)},
		{name: "engagements with appointments", fn: "Engagement.getAll", kv: []string{"includeAppointments", "true"}, result: "loaded", ids: []int{1, 2, 3, 4}, check: hasField("AppointmentSet", true)},
		{name: "engagements of client", fn: "Engagement.getAll", kv: []string{"ClientID", "101"}, result: "loaded", ids: []int{1}},
		{name: "engagements of company", fn: "Engagement.getAll", kv: []string{"CompanyID", "1"}, result: "loaded", ids: []int{4}},
		{name: "engagements of coach", fn: "Engagement.getAll", kv: []string{"CoachID", "2"}, result: "loaded", ids: []int{2, 3}},
		{name: "engagements starting from Feb", fn: "Engagement.getAll", kv: []string{"startDateFrom", "2025-02-01"}, result: "loaded", ids: []int{1, 3}},
		{name: "engagements ending by April", fn: "Engagement.getAll", kv: []string{"endDateTo", "2025-04-30"}, result: "loaded", ids: []int{2, 3}},
		{name: "engagements ending from June", fn: "Engagement.getAll", kv: []string{"endDateFrom", "2025-06-01"}, result: "loaded", ids: []int{1, 4}},
		{name: "engagements unknown client", fn: "Engagement.getAll", kv: []string{"ClientID", "999"}, code: 302},
		{name: "engagements unknown company", fn: "Engagement.getAll", kv: []string{"CompanyID", "99"}, code: 302},
		{name: "engagements unknown coach", fn: "Engagement.getAll", kv: []string{"CoachID", "99"}, code: 311},
		{name: "engagements bad date", fn: "Engagement.getAll", kv: []string{"endDateFrom", "never"}, code: 304},

		{name: "me", fn: "Account.me", result: "loaded", check: func(t *testing.T, env envelope) {
			want := compact(t, `[{"firstName":"Olivia","lastName":"Owner","email":"olivia@example.com","username":"olivia@example.com"}]`)
			if string(env.Return) != want {
				t.Errorf("got %s, want %s", env.Return, want)
			}
		}},

		{name: "data fetch", fn: "ClientData.getByField", kv: []string{"fieldname", "weight", "structure", "L"}, result: "loaded", check: csvHas("101", "Ava Chen", "176.25")},
		{name: "data fetch unknown field", fn: "ClientData.getByField", kv: []string{"fieldname", "Nothing here"}, result: "empty", check: csvHas()},
		{name: "data fetch missing field", fn: "ClientData.getByField", code: 301},
		{name: "data fetch unknown coach", fn: "ClientData.getByField", kv: []string{"fieldname", "Weight", "CoachID", "99"}, code: 311},
		{name: "data fetch unknown client", fn: "ClientData.getByField", kv: []string{"fieldname", "Weight", "ClientID", "999"}, code: 302},
		{name: "data fetch bad date", fn: "ClientData.getByField", kv: []string{"fieldname", "Weight", "dateFrom", "2025-02-30"}, code: 304},
		{name: "data fetch bad bucket", fn: "ClientData.getByField", kv: []string{"fieldname", "Weight", "dateBucket", "Q"}, code: 301},
		{name: "data fetch bad whatData", fn: "ClientData.getByField", kv: []string{"fieldname", "Weight", "whatData", "X"}, code: 301},
		{name: "data fetch bad structure", fn: "ClientData.getByField", kv: []string{"fieldname", "Weight", "structure", "X"}, code: 301},
		{name: "activity stats", fn: "ClientData.getActivityStats", kv: []string{"dateBucket", "M", "dateFrom", "2025-05-01", "dateTo", "2025-05-31", "ClientID", "101"}, result: "loaded", check: csvHas("101", "Ava Chen")},
		{name: "activity stats bad item type", fn: "ClientData.getActivityStats", kv: []string{"itemTypes", "APX"}, code: 301},
		{name: "activity stats lower-case item type", fn: "ClientData.getActivityStats", kv: []string{"itemTypes", "a"}, code: 301},
		{name: "activity stats bad bucket", fn: "ClientData.getActivityStats", kv: []string{"dateBucket", "H"}, code: 301},
		{name: "activity stats unknown coach", fn: "ClientData.getActivityStats", kv: []string{"CoachID", "99"}, code: 311},
		{name: "activity stats unknown client", fn: "ClientData.getActivityStats", kv: []string{"ClientID", "999"}, code: 302},
		{name: "activity stats unknown group", fn: "ClientData.getActivityStats", kv: []string{"GroupID", "9"}, code: 302},
		{name: "activity stats unknown company", fn: "ClientData.getActivityStats", kv: []string{"CompanyID", "99"}, code: 302},
		{name: "activity stats unknown engagement", fn: "ClientData.getActivityStats", kv: []string{"EngagementID", "99"}, code: 302},
		{name: "activity stats bad date", fn: "ClientData.getActivityStats", kv: []string{"dateTo", "31/12/2025"}, code: 304},
	}
}

func TestReadFunctions(t *testing.T) {
	_, endpoint := startFixture(t)
	for _, enc := range encodings {
		for _, tc := range readCases() {
			t.Run(enc+"/"+tc.fn+"/"+tc.name, func(t *testing.T) {
				env := call(t, endpoint, enc, tc.fn, tc.kv...)
				if tc.code != 0 {
					if env.Status != "failure" || env.Error != tc.code {
						t.Fatalf("got %s %d (%s), want failure %d", env.Status, env.Error, env.Message, tc.code)
					}
					return
				}
				if env.Status != "success" || env.Result != tc.result {
					t.Fatalf("got %s/%s %d (%s), want success/%s", env.Status, env.Result, env.Error, env.Message, tc.result)
				}
				if tc.ids != nil {
					field := tc.idField
					if field == "" {
						field = "ID"
					}
					if got := env.ints(t, field); !equalInts(got, tc.ids) && !(len(got) == 0 && len(tc.ids) == 0) {
						t.Errorf("%s values %v, want %v", field, got, tc.ids)
					}
				}
				if tc.check != nil {
					tc.check(t, env)
				}
			})
		}
	}
}
