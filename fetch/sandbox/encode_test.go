package sandbox_test

import "testing"

// TestRecordWireFormat checks returned records field for field, byte for
// byte, against the fixture: field names and order, integers, money with
// two decimals, nulls, "" and date formats (sections 1.8 and 4).
func TestRecordWireFormat(t *testing.T) {
	_, endpoint := startFixture(t)
	tests := []struct {
		name string
		fn   string
		kv   []string
		want string
	}{
		{"client with company", "Client.get", []string{"ClientID", "101"}, `[{"ID":101,"CoachID":1,"firstName":"Ava","lastName":"Chen",
			"email":"ava@example.com","dateAdded":"2024-02-11 09:30:00","isActive":true,"isFreebie":false,"homePhone":"","workPhone":"",
			"cellPhone":"555-0101","profileExtra":"","isRegistered":true,"address1":"","city":"Denver","state":"CO","ZIP":"80202",
			"country":"US","loginCount":31,"lastLoginDate":"2025-03-20 18:02:00","CompanyID":1,"companyName":"Acme Corp"}]`},
		{"client without company or login", "Client.get", []string{"ClientID", "103"}, `[{"ID":103,"CoachID":1,"firstName":"Cara",
			"lastName":"Evans","email":"cara@example.com","dateAdded":"2024-05-02 14:00:00","isActive":true,"isFreebie":true,
			"homePhone":"","workPhone":"","cellPhone":"","profileExtra":"","isRegistered":false,"address1":"","city":"","state":"",
			"ZIP":"","country":"","loginCount":0,"lastLoginDate":null,"CompanyID":0,"companyName":""}]`},
		{"coach with avatar", "Coach.getAll", []string{"sortOption", "A"}, `[` + coach3 + `,` + coach2 + `,{"ID":1,"firstName":"Olivia",
			"lastName":"Owner","email":"olivia@example.com","dateAdded":"2023-01-05 09:00:00","isActive":true,"homePhone":"",
			"workPhone":"","cellPhone":"555-0100","isRegistered":true,"address1":"","city":"Denver","state":"CO","ZIP":"80202",
			"avatarURL":"https://example.com/olivia.png","loginCount":120,"lastLoginDate":"2025-06-29 08:15:00","profile":{
			"businessName":"Owner Coaching","biography":"Coach since 2010.","credentials":"PCC","specialty":"Leadership",
			"website":"https://example.com","profileExtra":"","profileShow":true,"profileShowEmail":true,"profileShowHomePhone":false,
			"profileShowWorkPhone":false,"profileShowCellPhone":false,"profileShowAddress":false}}]`},
		{"coach without avatar", "Coach.get", []string{"CoachID", "4"}, `[{"ID":4,"firstName":"Ivan","lastName":"Idle",
			"email":"ivan@example.com","dateAdded":"2023-02-01 12:00:00","isActive":false,"homePhone":"","workPhone":"","cellPhone":"",
			"isRegistered":false,"address1":"","city":"","state":"","ZIP":"","loginCount":0,"lastLoginDate":null,"profile":` + emptyProfile + `}]`},
		{"company", "Company.getAll", nil, `[{"ID":1,"name":"Acme Corp","dateAdded":"2023-06-01 09:00:00","isActive":true,
			"address1":"1 Main St","city":"Denver","state":"CO","ZIP":"80202","country":"US"}]`},
		{"pairings of client", "Pairing.getForClient", []string{"ClientID", "101"}, `[{"CoachID":1,"coachName":"Olivia Owner",
			"dateAdded":"2024-02-11 09:30:00","type":"P"},{"CoachID":2,"coachName":"Carl Coach","dateAdded":"2024-08-01 09:00:00","type":"C"}]`},
		{"pairings of coach", "Pairing.getForCoach", []string{"CoachID", "1"}, `[{"ClientID":101,"clientName":"Ava Chen",
			"dateAdded":"2024-02-11 09:30:00","type":"P"},{"ClientID":103,"clientName":"Cara Evans","dateAdded":"2024-05-02 14:00:00",
			"type":"P"},{"ClientID":105,"clientName":"Eve Gray","dateAdded":"2023-09-09 09:00:00","type":"P"}]`},
		{"pairing history", "Pairing.getHistory", []string{"ClientID", "102"}, `[{"CoachID":1,"ClientID":102,"type":"P",
			"startDate":"2024-01-15 10:00:00","endDate":"2024-06-01 09:00:00"},{"CoachID":2,"ClientID":102,"type":"P",
			"startDate":"2024-06-01 09:00:00","endDate":null}]`},
		{"open action with reminder", "Action.getAll", []string{"ClientID", "101"}, `[{"ID":2,"ClientID":101,"CoachID":1,
			"ActionProjectID":0,"projectName":"","action":"Call a mentor","forWho":"L","dateDue":"2025-07-05 15:32:00","dateDone":null,
			"isDone":false,"isCanceled":false,"reminderSet":[{"ID":1,"sendTo":"L","sendMethod":"T","relativeMinutes":1440,
			"dateToSend":"2025-07-04 15:32:00","isSent":false,"dateSent":null}]}]`},
		{"done action in project", "Action.getAll", []string{"ActionProjectID", "1", "includeDone", "true"}, `[{"ID":1,"ClientID":101,
			"CoachID":1,"ActionProjectID":1,"projectName":"Q3 goals","action":"Draft the plan","forWho":"L",
			"dateDue":"2025-05-10 17:00:00","dateDone":"2025-05-09 15:20:00","isDone":true,"isCanceled":false,"reminderSet":[]}]`},
		{"metrics", "Metric.getAll", []string{"ClientID", "101", "includeCompleted", "true"}, `[{"ID":1,"name":"Weight","units":"lbs",
			"totalWeight":3,"startDate":"2025-05-01","endDate":"2025-08-01","targetMode":"L","targetStart":180,"targetEnd":170,
			"dataMode":"R","repeatRule":"W","dataSet":[{"dateOf":"2025-05-01","value":180.5,"comment":"start"},
			{"dateOf":"2025-05-08","value":178,"comment":""},{"dateOf":"2025-05-15","value":176.25,"comment":""}]},
			{"ID":2,"name":"Steps","units":"steps","totalWeight":0,"startDate":"2025-01-01","endDate":"2025-03-31","targetMode":"H",
			"targetStart":null,"targetEnd":null,"dataMode":"C","repeatRule":"D","dataSet":[{"dateOf":"2025-01-02","value":8000,"comment":""}]}]`},
		{"appointment types", "Appointment.getTypes", nil, `[{"ID":1,"CoachID":1,"name":"Coaching session","duration":60,
			"location":"Zoom","description":"One hour"},{"ID":2,"CoachID":2,"name":"Check-in","duration":30,"location":"Phone","description":""}]`},
		{"appointments held and canceled", "Appointment.getAll", []string{"ClientID", "101", "dateTo", "2025-05-31", "includeCanceled", "true"},
			`[{"ID":1,"CoachID":1,"ClientID":101,"EngagementID":1,"what":"Coaching session","name":"Coaching session",
			"startDate":"2025-05-01 10:00:00","endDate":"2025-05-01 11:00:00","status":"A","dateAdded":"2025-04-02 09:00:00",
			"dateCanceled":null,"location":"Zoom","description":"","countsInEngagement":1,"reminderSet":[{"ID":2,"sendTo":"L",
			"sendMethod":"E","relativeMinutes":1440,"dateToSend":"2025-04-30 10:00:00","isSent":true,"dateSent":"2025-04-30 10:00:00"}]},
			{"ID":3,"CoachID":1,"ClientID":101,"EngagementID":1,"what":"Coaching session","name":"Coaching session",
			"startDate":"2025-05-15 10:00:00","endDate":"2025-05-15 11:00:00","status":"C","dateAdded":"2025-04-02 09:05:00",
			"dateCanceled":"2025-05-14 08:00:00","location":"Zoom","description":"","countsInEngagement":-1,"reminderSet":[]}]`},
		{"pending appointment without engagement", "Appointment.getAll", []string{"ClientID", "106", "includePending", "true"},
			`[{"ID":6,"CoachID":2,"ClientID":106,"EngagementID":0,"what":"Check-in","name":"Check-in","startDate":"2025-07-02 09:00:00",
			"endDate":"2025-07-02 09:30:00","status":"P","dateAdded":"2025-06-28 09:00:00","dateCanceled":null,"location":"",
			"description":"","countsInEngagement":0,"reminderSet":[]}]`},
		{"session with answers", "Session.getAll", []string{"ClientID", "101"}, `[{"ID":1,"CoachID":1,"ClientID":101,
			"dateOf":"2025-05-01 10:00:00","title":"Kickoff","content":"<p>Goals set.</p>","isDraft":false,"answerSet":[
			{"name":"Energy level","value":"7","numberValue":7},{"name":"Biggest win","value":"Shipped the plan","numberValue":null}],
			"dateAdded":"2025-05-01 11:05:00","dateDone":"2025-05-01 11:30:00"}]`},
		{"draft session", "Session.getAll", []string{"ClientID", "101", "includeDrafts", "true", "sortField", "dateAdded"}, `[{"ID":2,
			"CoachID":1,"ClientID":101,"dateOf":"2025-06-01 10:00:00","title":"Follow-up","content":"<p>Draft</p>","isDraft":true,
			"answerSet":[],"dateAdded":"2025-06-01 11:00:00","dateDone":null},{"ID":1,"CoachID":1,"ClientID":101,
			"dateOf":"2025-05-01 10:00:00","title":"Kickoff","content":"<p>Goals set.</p>","isDraft":false,"answerSet":[
			{"name":"Energy level","value":"7","numberValue":7},{"name":"Biggest win","value":"Shipped the plan","numberValue":null}],
			"dateAdded":"2025-05-01 11:05:00","dateDone":"2025-05-01 11:30:00"}]`},
		{"worksheet with content", "Worksheet.getAll", []string{"ClientID", "101", "includeContent", "true"}, `[{"ID":1,"CoachID":1,
			"ClientID":101,"title":"Values exercise","content":"<p>List your values</p>","dateAssigned":"2025-05-02 09:00:00",
			"dateDue":"2025-05-12 17:00:00","dateDone":"2025-05-10 20:00:00","isDone":true,"answerSet":[{"name":"Top value",
			"value":"Honesty","numberValue":null},{"name":"Energy level","value":"8","numberValue":8}],"reminderSet":[]}]`},
		{"paid client invoice with tax", "Invoice.get", []string{"InvoiceID", "1"}, `[{"ID":1,"invoiceNumber":"1001",
			"dateAdded":"2025-04-01 09:00:00","dateOf":"2025-04-01","dateDue":"2025-04-15","currency":"USD","amount":483.75,
			"amountPaid":483.75,"taxRate":7.5,"ClientID":101,"firstName":"Ava","lastName":"Chen","email":"ava@example.com","CompanyID":0,
			"companyName":"","lineItemSet":[{"item":"One month of coaching","amount":400.00},{"item":"Workbook","amount":50.00}],
			"paymentSet":[{"datePaid":"2025-04-10 13:00:00","amount":483.75,"method":"Credit Card","checkNumber":""}]}]`},
		{"overpaid company invoice in EUR", "Invoice.get", []string{"InvoiceID", "#A1003"}, `[{"ID":3,"invoiceNumber":"A1003",
			"dateAdded":"2025-05-05 09:00:00","dateOf":"2025-05-05","dateDue":"2025-06-04","currency":"EUR","amount":1071.00,
			"amountPaid":1100.00,"taxRate":19,"ClientID":0,"firstName":"","lastName":"","email":"","CompanyID":1,"companyName":"Acme Corp",
			"lineItemSet":[{"item":"Team workshop","amount":1000.00},{"item":"Loyalty discount","amount":-100.00}],"paymentSet":[
			{"datePaid":"2025-05-30 11:00:00","amount":1000.00,"method":"Bank Transfer","checkNumber":""},
			{"datePaid":"2025-06-02 11:00:00","amount":100.00,"method":"Bank Transfer","checkNumber":""}]}]`},
		{"unpaid invoice rounding tax half-up", "Invoice.getAll", []string{"ClientID", "103"}, `[{"ID":4,"invoiceNumber":"1004",
			"dateAdded":"2025-06-30 09:00:00","dateOf":"2025-06-30","dateDue":"2025-07-14","currency":"USD","amount":108.24,
			"amountPaid":0.00,"taxRate":8.25,"ClientID":103,"firstName":"Cara","lastName":"Evans","email":"cara@example.com",
			"CompanyID":0,"companyName":"","lineItemSet":[{"item":"Single session","amount":99.99}],"paymentSet":[]}]`},
		{"partial payment", "Invoice.getPayments", []string{"dateFrom", "2025-05-20", "dateTo", "2025-05-20"}, `[{"ID":2,"InvoiceID":2,
			"invoiceNumber":"1002","datePaid":"2025-05-20","amount":200.00,"currency":"USD","method":"Check","checkNumber":"2231"}]`},
		{"groups", "Group.getAll", nil, `[{"ID":1,"CoachID":1,"name":"Leadership cohort","type":"G"}]`},
		{"templates", "Engagement.getTemplates", nil, `[{"ID":1,"name":"3 months, 12 sessions","managingCoachID":1,"duration":3,
			"allocationUnit":"A","allocation":12},{"ID":2,"name":"Hours package","managingCoachID":2,"duration":0,"allocationUnit":"H",
			"allocation":10}]`},
		{"active engagement with appointments", "Engagement.getAll", []string{"ClientID", "101", "includeAppointments", "1"}, `[{"ID":1,
			"type":"client","ClientID":101,"CompanyID":0,"CoachID":1,"withName":"Ava Chen","name":"3 months, 12 sessions",
			"startDate":"2025-04-01","endDate":"2025-06-30","allocationUnits":"A","allocation":12,"allocationUsedP":1,"allocationUsedA":2,
			"allocationUsedV":0,"allocationPerClient":12,"nextInvoiceDate":"2025-07-01","isComplete":false,"isCanceled":false,
			"dateClosed":null,"dateAdded":"2025-03-25 09:00:00","AppointmentSet":[
			{"ID":1,"CoachID":1,"ClientID":101,"what":"Coaching session","name":"Coaching session","startDate":"2025-05-01 10:00:00",
			"endDate":"2025-05-01 11:00:00","status":"A","dateAdded":"2025-04-02 09:00:00","dateCanceled":null,"countsInEngagement":1},
			{"ID":2,"CoachID":1,"ClientID":101,"what":"Coaching session","name":"Coaching session","startDate":"2025-07-10 10:00:00",
			"endDate":"2025-07-10 11:00:00","status":"A","dateAdded":"2025-06-01 09:00:00","dateCanceled":null,"countsInEngagement":0},
			{"ID":3,"CoachID":1,"ClientID":101,"what":"Coaching session","name":"Coaching session","startDate":"2025-05-15 10:00:00",
			"endDate":"2025-05-15 11:00:00","status":"C","dateAdded":"2025-04-02 09:05:00","dateCanceled":"2025-05-14 08:00:00",
			"countsInEngagement":-1}]}]`},
		{"completed hours engagement and company engagement", "Engagement.getAll", []string{"startDateTo", "2025-01-01"}, `[{"ID":2,
			"type":"client","ClientID":102,"CompanyID":0,"CoachID":2,"withName":"Ben Diaz","name":"Hours package","startDate":"2025-01-01",
			"endDate":"2025-03-31","allocationUnits":"H","allocation":10,"allocationUsedP":2,"allocationUsedA":2,"allocationUsedV":0,
			"allocationPerClient":10,"nextInvoiceDate":null,"isComplete":true,"isCanceled":false,"dateClosed":"2025-04-01 09:00:00",
			"dateAdded":"2024-12-20 09:00:00"},{"ID":4,"type":"company","ClientID":0,"CompanyID":1,"CoachID":1,"withName":"Acme Corp",
			"name":"Acme leadership programme","startDate":"2025-01-01","endDate":null,"allocationUnits":"A","allocation":20,
			"allocationUsedP":0,"allocationUsedA":0,"allocationUsedV":0,"allocationPerClient":5,"nextInvoiceDate":null,
			"isComplete":false,"isCanceled":false,"dateClosed":null,"dateAdded":"2024-12-01 09:00:00"}]`},
	}
	for _, enc := range encodings {
		for _, tc := range tests {
			t.Run(enc+"/"+tc.name, func(t *testing.T) {
				env := call(t, endpoint, enc, tc.fn, tc.kv...)
				if env.Status != "success" {
					t.Fatalf("got %s %d (%s)", env.Status, env.Error, env.Message)
				}
				if want := compact(t, tc.want); string(env.Return) != want {
					t.Errorf("return\n got %s\nwant %s", env.Return, want)
				}
			})
		}
	}
}

const emptyProfile = `{"businessName":"","biography":"","credentials":"","specialty":"","website":"","profileExtra":"",
	"profileShow":false,"profileShowEmail":false,"profileShowHomePhone":false,"profileShowWorkPhone":false,
	"profileShowCellPhone":false,"profileShowAddress":false}`

const coach3 = `{"ID":3,"firstName":"Ada","lastName":"Admin","email":"ada@example.com","dateAdded":"2023-04-01 11:00:00",
	"isActive":true,"homePhone":"","workPhone":"","cellPhone":"","isRegistered":false,"address1":"","city":"","state":"","ZIP":"",
	"avatarURL":"","loginCount":0,"lastLoginDate":null,"profile":` + emptyProfile + `}`

const coach2 = `{"ID":2,"firstName":"Carl","lastName":"Coach","email":"carl@example.com","dateAdded":"2023-03-01 10:00:00",
	"isActive":true,"homePhone":"","workPhone":"","cellPhone":"","isRegistered":true,"address1":"","city":"","state":"","ZIP":"",
	"avatarURL":"","loginCount":40,"lastLoginDate":"2025-06-20 17:30:00","profile":` + emptyProfile + `}`
