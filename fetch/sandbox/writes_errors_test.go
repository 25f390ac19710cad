package sandbox

import (
	"bytes"
	"strings"
	"testing"

	"github.com/careport/careport/fetch/apicode"
	"github.com/careport/careport/fetch/sandbox/account"
)

// wErrorCases lists every error code each write function can return, and
// the order of checks of section 1.9 where several apply.
func wErrorCases() []wErrorCase {
	const (
		c301 = apicode.RequiredMissing
		c302 = apicode.UnknownID
		c303 = apicode.InvalidEmail
		c304 = apicode.InvalidDate
		c305 = apicode.InvalidTime
		c306 = apicode.InvalidName
		c311 = apicode.CoachUnknown
		c312 = apicode.CoachInactive
		c313 = apicode.CoachNotCoaching
		c321 = apicode.ReminderSyntax
		c322 = apicode.ReminderValue
	)
	person := func(extra ...string) []string {
		return append([]string{"firstName", "Kim", "lastName", "New", "email", "kim@example.com"}, extra...)
	}
	action := func(extra ...string) []string {
		return append([]string{"ClientID", "101", "theAction", "Do it", "dateDue", "2025-07-05"}, extra...)
	}
	metric := func(extra ...string) []string {
		return append([]string{"ClientID", "101", "name", "Steps", "units", "steps", "startDate", "2025-07-01", "endDate", "2025-09-30"}, extra...)
	}
	appt := func(extra ...string) []string {
		return append([]string{"ClientID", "101", "AppointmentTypeID", "1", "dateOf", "2025-07-10", "timeOf", "10:00"}, extra...)
	}
	session := func(extra ...string) []string {
		return append([]string{"ClientID", "101", "title", "Notes", "dateOf", "2025-06-29", "timeOf", "9:00am", "content", "<p>x</p>"}, extra...)
	}
	invoice := func(extra ...string) []string {
		return append([]string{"ClientID", "101", "dateOf", "2025-06-30", "lineItemSet", "Coaching::400"}, extra...)
	}
	pay := func(extra ...string) []string { return append([]string{"InvoiceID", "1"}, extra...) }
	engage := func(extra ...string) []string {
		return append([]string{"ClientID", "103", "EngagementTemplateID", "1"}, extra...)
	}
	limit := func(a *account.Account) { a.MaxActiveClients = 3 }
	return []wErrorCase{
		// Coach.add
		{name: "no firstName", fn: "Coach.add", kv: []string{"lastName", "N", "email", "k@example.com"}, code: c301},
		{name: "no email", fn: "Coach.add", kv: []string{"firstName", "K", "lastName", "N"}, code: c301},
		{name: "empty email is absent", fn: "Coach.add", kv: []string{"firstName", "K", "lastName", "N", "email", ""}, code: c301},
		{name: "name without letters", fn: "Coach.add", kv: person("firstName", "1234"), code: c306},
		{name: "blank lastName", fn: "Coach.add", kv: person("lastName", "   "), code: c306},
		{name: "name before email", fn: "Coach.add", kv: person("lastName", "99", "email", "bad"), code: c306},
		{name: "bad email", fn: "Coach.add", kv: person("email", "kim@example"), code: c303},
		{name: "blank email", fn: "Coach.add", kv: person("email", "   "), code: c303},
		{name: "email with display name", fn: "Coach.add", kv: person("email", "Kim <kim@example.com>"), code: c303},
		{name: "bad gender", fn: "Coach.add", kv: person("gender", "X"), code: c301},
		{name: "bad timezone", fn: "Coach.add", kv: person("timezone", "Mars/Olympus"), code: c301},
		{name: "bad onDuplicateEmail", fn: "Coach.add", kv: person("onDuplicateEmail", "Q"), code: c301},
		{name: "duplicate with E", fn: "Coach.add", kv: person("email", "NATE@example.com", "onDuplicateEmail", "E"), code: apicode.CoachDuplicateEmail},
		{name: "invite without magic link", fn: "Coach.add", kv: person("sendInvite", "1", "inviteMessage", "Welcome"), code: apicode.CoachInviteNoMagicLink},

		// Client.add
		{name: "no lastName", fn: "Client.add", kv: []string{"firstName", "K", "email", "k@example.com"}, code: c301},
		{name: "required before coach", fn: "Client.add", kv: []string{"CoachID", "99", "firstName", "K"}, code: c301},
		{name: "unknown coach", fn: "Client.add", kv: person("CoachID", "99"), code: c311},
		{name: "coach not a number", fn: "Client.add", kv: person("CoachID", "abc"), code: c311},
		{name: "inactive coach", fn: "Client.add", kv: person("CoachID", "4"), code: c312},
		{name: "admin coach", fn: "Client.add", kv: person("CoachID", "3"), code: c313},
		{name: "coach before formats", fn: "Client.add", kv: person("CoachID", "4", "email", "bad"), code: c312},
		{name: "bad name", fn: "Client.add", kv: person("firstName", "--"), code: c306},
		{name: "bad email", fn: "Client.add", kv: person("email", "not an email"), code: c303},
		{name: "bad schedule rule", fn: "Client.add", kv: person("appointmentScheduleRule", "X"), code: c301},
		{name: "duplicate with E, any case", fn: "Client.add", kv: person("email", "sam@EXAMPLE.com", "onDuplicateEmail", "E"), code: apicode.ClientDuplicateEmail},
		{name: "limit without upgrade", fn: "Client.add", kv: person("upgradeIfNeeded", "false"), setup: limit, code: apicode.ClientLimitReached},
		{name: "limit with empty upgrade (false)", fn: "Client.add", kv: person("upgradeIfNeeded", ""), setup: limit, code: apicode.ClientLimitReached},
		{name: "invite without magic link", fn: "Client.add", kv: person("sendInvite", "true", "inviteMessage", "Hi"), code: apicode.ClientInviteNoMagicLink},

		// Client.update
		{name: "no ClientID", fn: "Client.update", kv: []string{"firstName", "K"}, code: c301},
		{name: "unknown client", fn: "Client.update", kv: []string{"ClientID", "999"}, code: c302},
		{name: "client not a number", fn: "Client.update", kv: []string{"ClientID", "x1"}, code: c302},
		{name: "bad name", fn: "Client.update", kv: []string{"ClientID", "101", "lastName", "7"}, code: c306},
		{name: "bad timezone", fn: "Client.update", kv: []string{"ClientID", "101", "timezone", "Nowhere"}, code: c301},
		{name: "bad schedule rule", fn: "Client.update", kv: []string{"ClientID", "101", "appointmentScheduleRule", "Z"}, code: c301},
		{name: "owns details", fn: "Client.update", kv: []string{"ClientID", "103", "city", "Boulder"}, code: apicode.ClientOwnsDetails},
		{name: "format before owns details", fn: "Client.update", kv: []string{"ClientID", "103", "firstName", "9"}, code: c306},

		// Client.deactivate
		{name: "no ClientID", fn: "Client.deactivate", code: c301},
		{name: "unknown client", fn: "Client.deactivate", kv: []string{"ClientID", "5"}, code: c302},

		// Pairing.set
		{name: "no ClientID", fn: "Pairing.set", kv: []string{"CoachID", "2"}, code: c301},
		{name: "no CoachID", fn: "Pairing.set", kv: []string{"ClientID", "101"}, code: c301},
		{name: "unknown coach", fn: "Pairing.set", kv: []string{"CoachID", "9", "ClientID", "101"}, code: c311},
		{name: "inactive coach", fn: "Pairing.set", kv: []string{"CoachID", "4", "ClientID", "101"}, code: c312},
		{name: "admin coach", fn: "Pairing.set", kv: []string{"CoachID", "3", "ClientID", "101"}, code: c313},
		{name: "coach before client", fn: "Pairing.set", kv: []string{"CoachID", "9", "ClientID", "999"}, code: c311},
		{name: "unknown client", fn: "Pairing.set", kv: []string{"CoachID", "2", "ClientID", "999"}, code: c302},
		{name: "bad type", fn: "Pairing.set", kv: []string{"CoachID", "2", "ClientID", "101", "type", "X"}, code: c301},
		{name: "demote primary to C", fn: "Pairing.set", kv: []string{"CoachID", "1", "ClientID", "101", "type", "C"}, code: apicode.CoachIsPrimary},
		{name: "demote primary by default type", fn: "Pairing.set", kv: []string{"CoachID", "1", "ClientID", "101"}, code: apicode.CoachIsPrimary},
		{name: "remove primary", fn: "Pairing.set", kv: []string{"CoachID", "1", "ClientID", "101", "type", "N"}, code: apicode.CoachIsPrimary},

		// Action.add
		{name: "no ClientID", fn: "Action.add", kv: []string{"theAction", "x", "dateDue", "2025-07-01"}, code: c301},
		{name: "no theAction", fn: "Action.add", kv: []string{"ClientID", "101", "dateDue", "2025-07-01"}, code: c301},
		{name: "no dateDue", fn: "Action.add", kv: []string{"ClientID", "101", "theAction", "x"}, code: c301},
		{name: "unknown client", fn: "Action.add", kv: action("ClientID", "999"), code: c302},
		{name: "unknown coach", fn: "Action.add", kv: action("CoachID", "77"), code: c311},
		{name: "inactive coach", fn: "Action.add", kv: action("CoachID", "4"), code: c312},
		{name: "admin coach", fn: "Action.add", kv: action("CoachID", "3"), code: c313},
		{name: "project of another client", fn: "Action.add", kv: action("ActionProjectID", "2"), code: c302},
		{name: "unknown project", fn: "Action.add", kv: action("ActionProjectID", "50"), code: c302},
		{name: "bad dateDue", fn: "Action.add", kv: action("dateDue", "2025-13-45"), code: c304},
		{name: "reference before format", fn: "Action.add", kv: action("dateDue", "junk", "CoachID", "77"), code: c311},
		{name: "bad timeDue", fn: "Action.add", kv: action("timeDue", "25:00"), code: c305},
		{name: "bad timeDue 12h", fn: "Action.add", kv: action("timeDue", "13:00pm"), code: c305},
		{name: "bad timezoneOf", fn: "Action.add", kv: action("timezoneOf", "X"), code: c301},
		{name: "reminder not a triplet", fn: "Action.add", kv: action("reminderSet", "L,E"), code: c321},
		{name: "reminders joined by comma", fn: "Action.add", kv: action("reminderSet", "L,E,60,C,E,20"), code: c321},
		{name: "reminder bad who", fn: "Action.add", kv: action("reminderSet", "X,E,60"), code: c322},
		{name: "reminder bad method", fn: "Action.add", kv: action("reminderSet", "L,S,60"), code: c322},
		{name: "reminder bad minutes", fn: "Action.add", kv: action("reminderSet", "L,E,1h"), code: c322},
		{name: "date before reminder", fn: "Action.add", kv: action("dateDue", "5/32/2025", "reminderSet", "bad"), code: c304},

		// Action.markDone
		{name: "no ActionID", fn: "Action.markDone", code: c301},
		{name: "unknown action", fn: "Action.markDone", kv: []string{"ActionID", "40"}, code: c302},
		{name: "bad dateDone", fn: "Action.markDone", kv: []string{"ActionID", "1", "dateDone", "tomorrow"}, code: c304},
		{name: "bad timeDone", fn: "Action.markDone", kv: []string{"ActionID", "1", "timeDone", "noon"}, code: c305},
		{name: "bad timezoneOf", fn: "Action.markDone", kv: []string{"ActionID", "1", "timezoneOf", "Z"}, code: c301},
		{name: "canceled", fn: "Action.markDone", kv: []string{"ActionID", "3"}, code: apicode.ActionCanceled},

		// Metric.add
		{name: "no units", fn: "Metric.add", kv: []string{"ClientID", "101", "name", "x", "startDate", "2025-07-01", "endDate", "2025-08-01"}, code: c301},
		{name: "no endDate", fn: "Metric.add", kv: []string{"ClientID", "101", "name", "x", "units", "u", "startDate", "2025-07-01"}, code: c301},
		{name: "unknown client", fn: "Metric.add", kv: metric("ClientID", "1"), code: c302},
		{name: "bad startDate", fn: "Metric.add", kv: metric("startDate", "07/32/2025"), code: c304},
		{name: "bad endDate", fn: "Metric.add", kv: metric("endDate", "2025-02-30"), code: c304},
		{name: "end before start", fn: "Metric.add", kv: metric("endDate", "2025-06-30"), code: c304},
		{name: "target not a number", fn: "Metric.add", kv: metric("doTarget", "true", "targetStart", "ten"), code: c301},
		{name: "bad targetMode", fn: "Metric.add", kv: metric("targetMode", "X"), code: c301},
		{name: "bad dataMode", fn: "Metric.add", kv: metric("dataMode", "X"), code: c301},
		{name: "bad repeatRule", fn: "Metric.add", kv: metric("repeatRule", "hourly"), code: c301},
		{name: "bad reminderMode", fn: "Metric.add", kv: metric("reminderMode", "XX"), code: c301},
		{name: "bad remindSendMethod", fn: "Metric.add", kv: metric("remindSendMethod", "P"), code: c301},
		{name: "bad remindTime", fn: "Metric.add", kv: metric("remindTime", "8 o'clock"), code: c305},
		{name: "bad remindDays", fn: "Metric.add", kv: metric("remindDays", "two"), code: c301},

		// Metric.addData
		{name: "no value", fn: "Metric.addData", kv: []string{"MetricID", "1", "dateOf", "2025-06-10"}, code: c301},
		{name: "unknown metric", fn: "Metric.addData", kv: []string{"MetricID", "8", "dateOf", "2025-06-10", "value", "1"}, code: c302},
		{name: "bad date", fn: "Metric.addData", kv: []string{"MetricID", "1", "dateOf", "June 10", "value", "1"}, code: c304},
		{name: "value not a number", fn: "Metric.addData", kv: []string{"MetricID", "1", "dateOf", "2025-06-10", "value", "1,5"}, code: c301},
		{name: "before start", fn: "Metric.addData", kv: []string{"MetricID", "1", "dateOf", "2025-04-30", "value", "1"}, code: apicode.MetricDateRefused},
		{name: "in the future", fn: "Metric.addData", kv: []string{"MetricID", "1", "dateOf", "2025-07-01", "value", "1"}, code: apicode.MetricDateRefused},
		{name: "after end", fn: "Metric.addData", kv: []string{"MetricID", "1", "dateOf", "2025-06-20", "value", "1"},
			setup: func(a *account.Account) { a.Metrics[0].EndDate = wDate(2025, 6, 15) }, code: apicode.MetricDateRefused},

		// Appointment.add
		{name: "no timeOf", fn: "Appointment.add", kv: []string{"ClientID", "101", "AppointmentTypeID", "1", "dateOf", "2025-07-10"}, code: c301},
		{name: "no AppointmentTypeID", fn: "Appointment.add", kv: []string{"ClientID", "101", "dateOf", "2025-07-10", "timeOf", "9:00"}, code: c301},
		{name: "unknown coach", fn: "Appointment.add", kv: appt("CoachID", "12"), code: c311},
		{name: "inactive coach", fn: "Appointment.add", kv: appt("CoachID", "4"), code: c312},
		{name: "admin coach", fn: "Appointment.add", kv: appt("CoachID", "3"), code: c313},
		{name: "coach before client", fn: "Appointment.add", kv: appt("CoachID", "12", "ClientID", "5"), code: c311},
		{name: "unknown client", fn: "Appointment.add", kv: appt("ClientID", "5"), code: c302},
		{name: "unknown type", fn: "Appointment.add", kv: appt("AppointmentTypeID", "3"), code: c302},
		{name: "bad date", fn: "Appointment.add", kv: appt("dateOf", "2025-7-10"), code: c304},
		{name: "bad time", fn: "Appointment.add", kv: appt("timeOf", "10"), code: c305},
		{name: "bad timezoneOf", fn: "Appointment.add", kv: appt("timezoneOf", "c"), code: c301},
		{name: "reminder not a triplet", fn: "Appointment.add", kv: appt("reminderSet", "L,E,60;C"), code: c321},
		{name: "reminder bad value", fn: "Appointment.add", kv: appt("reminderSet", "L,E,sixty"), code: c322},

		// Appointment.cancel
		{name: "no AppointmentID", fn: "Appointment.cancel", code: c301},
		{name: "unknown appointment", fn: "Appointment.cancel", kv: []string{"AppointmentID", "3"}, code: c302},

		// Session.add
		{name: "no content", fn: "Session.add", kv: []string{"ClientID", "101", "title", "t", "dateOf", "2025-06-29", "timeOf", "9:00"}, code: c301},
		{name: "no title", fn: "Session.add", kv: []string{"ClientID", "101", "dateOf", "2025-06-29", "timeOf", "9:00", "content", "c"}, code: c301},
		{name: "unknown client", fn: "Session.add", kv: session("ClientID", "100"), code: c302},
		{name: "unknown coach", fn: "Session.add", kv: session("CoachID", "100"), code: c311},
		{name: "inactive coach", fn: "Session.add", kv: session("CoachID", "4"), code: c312},
		{name: "admin coach", fn: "Session.add", kv: session("CoachID", "3"), code: c313},
		{name: "bad date", fn: "Session.add", kv: session("dateOf", "29/06/2025"), code: c304},
		{name: "bad time", fn: "Session.add", kv: session("timeOf", "9.00"), code: c305},
		{name: "bad visibility", fn: "Session.add", kv: session("visibility", "all"), code: c301},

		// Invoice.add
		{name: "neither client nor company", fn: "Invoice.add", kv: []string{"dateOf", "2025-06-30", "lineItemSet", "a::1"}, code: c301},
		{name: "empty ClientID is absent", fn: "Invoice.add", kv: []string{"ClientID", "", "CompanyID", "", "dateOf", "2025-06-30"}, code: c301},
		{name: "no dateOf", fn: "Invoice.add", kv: []string{"ClientID", "101", "lineItemSet", "a::1"}, code: c301},
		{name: "unknown client", fn: "Invoice.add", kv: invoice("ClientID", "999"), code: c302},
		{name: "unknown company", fn: "Invoice.add", kv: []string{"CompanyID", "9", "dateOf", "2025-06-30", "lineItemSet", "a::1"}, code: c302},
		{name: "bad dateOf", fn: "Invoice.add", kv: invoice("dateOf", "2025/06/30"), code: c304},
		{name: "bad dateDue", fn: "Invoice.add", kv: invoice("dateDue", "soon"), code: c304},
		{name: "bad taxRate", fn: "Invoice.add", kv: invoice("taxRate", "7.5%"), code: c301},
		{name: "bad onDuplicateNumber", fn: "Invoice.add", kv: invoice("onDuplicateNumber", "X"), code: c301},
		{name: "no line items", fn: "Invoice.add", kv: []string{"ClientID", "101", "dateOf", "2025-06-30"}, code: apicode.InvoiceNoLineItems},
		{name: "blank line items", fn: "Invoice.add", kv: invoice("lineItemSet", "\n \r\n"), code: apicode.InvoiceNoLineItems},
		{name: "items joined by semicolon", fn: "Invoice.add", kv: invoice("lineItemSet", "A::1;B::2"), code: apicode.InvoiceLineItemSetSyntax},
		{name: "item without ::", fn: "Invoice.add", kv: invoice("lineItemSet", "A::1\nB 2"), code: apicode.InvoiceLineItemSyntax},
		{name: "item without label", fn: "Invoice.add", kv: invoice("lineItemSet", " ::400"), code: apicode.InvoiceLineItemSyntax},
		{name: "price not a decimal", fn: "Invoice.add", kv: invoice("lineItemSet", "A::$400"), code: apicode.InvoiceLineItemSyntax},
		{name: "price with three decimals", fn: "Invoice.add", kv: invoice("lineItemSet", "A::4.005"), code: apicode.InvoiceLineItemSyntax},
		{name: "inactive client", fn: "Invoice.add", kv: invoice("ClientID", "102"), code: apicode.ClientInactive},
		{name: "inactive before duplicate", fn: "Invoice.add", kv: invoice("ClientID", "102", "number", "1001", "onDuplicateNumber", "E"), code: apicode.ClientInactive},
		{name: "line items before inactive", fn: "Invoice.add", kv: invoice("ClientID", "102", "lineItemSet", ""), code: apicode.InvoiceNoLineItems},
		{name: "duplicate number with E", fn: "Invoice.add", kv: invoice("number", "A1009", "onDuplicateNumber", "E"), code: apicode.InvoiceDuplicateNumber},

		// Invoice.addPayment
		{name: "no amount", fn: "Invoice.addPayment", kv: pay(), code: c301},
		{name: "no InvoiceID", fn: "Invoice.addPayment", kv: []string{"amount", "1"}, code: c301},
		{name: "unknown invoice", fn: "Invoice.addPayment", kv: []string{"InvoiceID", "77", "amount", "1"}, code: c302},
		{name: "unknown invoice number", fn: "Invoice.addPayment", kv: []string{"InvoiceID", "#1002", "amount", "1"}, code: c302},
		{name: "bad dateOf", fn: "Invoice.addPayment", kv: pay("amount", "1", "dateOf", "2025-06-31"), code: c304},
		{name: "bad datePaid alias", fn: "Invoice.addPayment", kv: pay("amount", "1", "datePaid", "yesterday"), code: c304},
		{name: "bad method", fn: "Invoice.addPayment", kv: pay("amount", "1", "method", "credit card"), code: c301},
		{name: "future date", fn: "Invoice.addPayment", kv: pay("amount", "1", "dateOf", "2025-07-01"), code: apicode.PaymentDateInFuture},
		{name: "later today", fn: "Invoice.addPayment", kv: pay("amount", "1", "dateOf", "2025-06-30 12:00:01"), code: apicode.PaymentDateInFuture},
		{name: "future before overpay", fn: "Invoice.addPayment", kv: pay("amount", "900", "dateOf", "7/1/2025"), code: apicode.PaymentDateInFuture},
		{name: "zero amount", fn: "Invoice.addPayment", kv: pay("amount", "0"), code: apicode.PaymentAmountInvalid},
		{name: "negative amount", fn: "Invoice.addPayment", kv: pay("amount", "-5"), code: apicode.PaymentAmountInvalid},
		{name: "amount not a number", fn: "Invoice.addPayment", kv: pay("amount", "ten"), code: apicode.PaymentAmountInvalid},
		{name: "overpay", fn: "Invoice.addPayment", kv: pay("amount", "60.01"), code: apicode.PaymentAmountInvalid},
		{name: "overpay paid invoice", fn: "Invoice.addPayment", kv: []string{"InvoiceID", "#1004", "amount", "0.01", "allowOverpay", "0"}, code: apicode.PaymentAmountInvalid},

		// Invoice.deletePayment
		{name: "no PaymentID", fn: "Invoice.deletePayment", code: c301},
		{name: "unknown payment", fn: "Invoice.deletePayment", kv: []string{"PaymentID", "2"}, code: c302},
		{name: "payment not a number", fn: "Invoice.deletePayment", kv: []string{"PaymentID", "one"}, code: c302},

		// Engagement.addForClient
		{name: "no template", fn: "Engagement.addForClient", kv: []string{"ClientID", "103"}, code: c301},
		{name: "unknown client", fn: "Engagement.addForClient", kv: engage("ClientID", "1"), code: c302},
		{name: "unknown template", fn: "Engagement.addForClient", kv: engage("EngagementTemplateID", "3"), code: c302},
		{name: "unknown coach", fn: "Engagement.addForClient", kv: engage("CoachID", "5"), code: c311},
		{name: "inactive coach", fn: "Engagement.addForClient", kv: engage("CoachID", "4"), code: c312},
		{name: "admin coach", fn: "Engagement.addForClient", kv: engage("CoachID", "3"), code: c313},
		{name: "bad startDate", fn: "Engagement.addForClient", kv: engage("startDate", "2025-00-01"), code: c304},
		{name: "bad endDate", fn: "Engagement.addForClient", kv: engage("endDate", "x"), code: c304},
		{name: "allocation without unit", fn: "Engagement.addForClient", kv: engage("allocation", "12"), code: apicode.EngagementAllocation},
		{name: "allocation bad unit", fn: "Engagement.addForClient", kv: engage("allocation", "12 M"), code: apicode.EngagementAllocation},
		{name: "allocation not a number", fn: "Engagement.addForClient", kv: engage("allocation", "twelve A"), code: apicode.EngagementAllocation},
		{name: "end before start", fn: "Engagement.addForClient", kv: engage("startDate", "2025-07-01", "endDate", "2025-06-30"), code: c304},
		{name: "overlap", fn: "Engagement.addForClient", kv: []string{"ClientID", "101", "EngagementTemplateID", "2", "startDate", "2025-06-30"}, code: apicode.EngagementOverlap},
		{name: "overlap of indefinite new one", fn: "Engagement.addForClient", kv: []string{"ClientID", "101", "EngagementTemplateID", "2", "startDate", "2025-01-01"}, code: apicode.EngagementOverlap},
		{name: "overlap with flag false", fn: "Engagement.addForClient", kv: []string{"ClientID", "101", "EngagementTemplateID", "1", "startDate", "2025-03-01", "allowMultipleCurrentEngagements", "false"}, code: apicode.EngagementOverlap},
		{name: "overlap of completed one before close", fn: "Engagement.addForClient", kv: []string{"ClientID", "104", "EngagementTemplateID", "1", "startDate", "2025-03-15"}, code: apicode.EngagementOverlap},

		// Engagement.complete
		{name: "no EngagementID", fn: "Engagement.complete", code: c301},
		{name: "unknown engagement", fn: "Engagement.complete", kv: []string{"EngagementID", "4"}, code: c302},
		{name: "bad whenOption", fn: "Engagement.complete", kv: []string{"EngagementID", "1", "whenOption", "X"}, code: c301},
		{name: "canceled", fn: "Engagement.complete", kv: []string{"EngagementID", "3"}, code: apicode.EngagementCanceled},

		// Engagement.cancel
		{name: "no EngagementID", fn: "Engagement.cancel", code: c301},
		{name: "unknown engagement", fn: "Engagement.cancel", kv: []string{"EngagementID", "0"}, code: c302},
		{name: "complete", fn: "Engagement.cancel", kv: []string{"EngagementID", "2"}, code: apicode.EngagementComplete},
	}
}

// TestWriteErrors checks every documented error of every write function and
// that a failed call changes nothing.
func TestWriteErrors(t *testing.T) {
	for _, tc := range wErrorCases() {
		t.Run(tc.fn+"/"+tc.name, func(t *testing.T) {
			a := wFixture()
			if tc.setup != nil {
				tc.setup(a)
			}
			before := wEncode(t, a)
			result, ret, e := wRun(t, a, tc.fn, tc.kv...)
			if e == nil {
				t.Fatalf("got result %s, return %v; want error %d", result, ret, tc.code)
			}
			if e.code != tc.code {
				t.Errorf("got error %d (%s), want %d", e.code, e.message, tc.code)
			}
			if !strings.HasPrefix(e.message, tc.fn+":") {
				t.Errorf("message %q does not name the function", e.message)
			}
			if after := wEncode(t, a); !bytes.Equal(before, after) {
				t.Errorf("the failed call changed the account")
			}
		})
	}
}

// TestWriteErrorsCoverCodes checks that the table above holds every error
// code section 5 lists for each function (besides 101-106 and 201-202).
func TestWriteErrorsCoverCodes(t *testing.T) {
	documented := map[string][]apicode.Code{
		"Coach.add":               {301, 303, 306, 411, 412},
		"Client.add":              {301, 303, 306, 311, 312, 313, 401, 402, 404},
		"Client.update":           {301, 302, 306, 405},
		"Client.deactivate":       {301, 302},
		"Pairing.set":             {301, 302, 311, 312, 313, 415},
		"Action.add":              {301, 302, 304, 305, 311, 312, 313, 321, 322},
		"Action.markDone":         {301, 302, 304, 305, 421},
		"Metric.add":              {301, 302, 304, 305},
		"Metric.addData":          {301, 302, 304, 431},
		"Appointment.add":         {301, 302, 304, 305, 311, 312, 313, 321, 322},
		"Appointment.cancel":      {301, 302},
		"Session.add":             {301, 302, 304, 305, 311, 312, 313},
		"Invoice.add":             {301, 302, 304, 491, 492, 493, 494, 498},
		"Invoice.addPayment":      {301, 302, 304, 496, 497},
		"Invoice.deletePayment":   {301, 302},
		"Engagement.addForClient": {301, 302, 304, 311, 312, 313, 440, 443},
		"Engagement.complete":     {301, 302, 441},
		"Engagement.cancel":       {301, 302, 442},
	}
	seen := map[string]map[apicode.Code]bool{}
	for _, tc := range wErrorCases() {
		if seen[tc.fn] == nil {
			seen[tc.fn] = map[apicode.Code]bool{}
		}
		seen[tc.fn][tc.code] = true
	}
	for fn := range writeFunctions() {
		codes, ok := documented[fn]
		if !ok {
			t.Errorf("%s: no documented error list", fn)
		}
		for _, code := range codes {
			if !seen[fn][code] {
				t.Errorf("%s: no test case for error %d", fn, code)
			}
		}
	}
}
