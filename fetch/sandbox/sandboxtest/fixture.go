package sandboxtest

import (
	"time"

	"github.com/careport/careport/fetch/sandbox/account"
)

// Timezone is the fixture account's timezone.
const Timezone = "America/Denver"

func d(y int, m time.Month, day int) account.Date { return account.DateOf(y, m, day) }

func dt(y int, m time.Month, day, hh, mm int) account.DateTime {
	return account.DateTimeOf(y, m, day, hh, mm, 0)
}

func fx(s string) *account.Fixed {
	f, err := account.ParseFixed(s)
	if err != nil {
		panic(err) // a typo in the literals below, found by the first test run
	}
	return &f
}

// Fixture returns a fresh copy of a small hand-built Team account, "today"
// 2025-06-30 (see Now), in America/Denver:
//
//   - Coaches: 1 Olivia Owner (owner), 2 Carl Coach, 3 Ada Admin
//     (administrative only), 4 Ivan Idle (inactive).
//   - Companies: 1 Acme Corp, 2 Defunct LLC (inactive).
//   - Clients: 101 Ava Chen (coach 1, Acme), 102 Ben Diaz (coach 2, Acme),
//     103 Cara Evans (coach 1, freebie), 104 Dan Fox (coach 2, inactive),
//     105 Eve Gray (coach 1, Defunct, inactive), 106 Finn Hale (coach 2).
//   - Pairings: each client's primary coach; 101 also with coach 2 (C);
//     102 was coach 1's until 2024-06-01 (history).
//   - Group 1 "Leadership cohort" (101, 102); action project 1 "Q3 goals" (101).
//   - Actions 1 done, 2 open with a reminder, 3 canceled, 5 for the coach
//     (client 101); 4 open (client 102).
//   - Metrics 1 Weight (101, target 180 to 170 lbs, 3 points), 2 Steps (101,
//     complete), 3 Sleep (102, no target).
//   - Appointment types 1 (coach 1, 60 min), 2 (coach 2, 30 min).
//   - Appointments: 1 held, 2 future, 3 canceled (101, engagement 1); 4 held
//     90 min, 5 held 60 min (102, engagement 2); 6 pending, 7 declined (106).
//   - Engagement templates 1 (3 months, 12 A), 2 (indefinite, 10 H).
//   - Engagements 1 active (101), 2 completed (102, hours), 3 canceled
//     (106), 4 company Acme (indefinite).
//   - Sessions 1 (101, answers), 2 draft (101), 3 (102, answers).
//   - Worksheets 1 done (101, answers), 2 outstanding (102).
//   - Invoices: 1 #1001 USD 7.5% tax paid in full (483.75); 2 #1002 USD
//     600.00 partly paid (200.00) and overdue; 3 #A1003 EUR company Acme,
//     19% tax and a discount line, overpaid (1071.00 billed, 1100.00 paid);
//     4 #1004 USD 8.25% tax (108.24), unpaid, not yet due.
//   - Activities J, F, C of client 101 and J of 102.
func Fixture() *account.Account {
	return &account.Account{
		Name:            "careport sandboxtest fixture",
		Timezone:        Timezone,
		Currency:        "USD",
		Currencies:      []string{"USD", "EUR"},
		AsOf:            d(2025, 6, 30),
		OwnerCoachID:    1,
		PaymentTermDays: 14,
		Coaches: []*account.Coach{
			{ID: 1, FirstName: "Olivia", LastName: "Owner", Email: "olivia@example.com", CellPhone: "555-0100", Gender: "F",
				Timezone: Timezone, DateAdded: dt(2023, 1, 5, 9, 0), IsActive: true, IsRegistered: true, City: "Denver", State: "CO",
				ZIP: "80202", AvatarURL: "https://example.com/olivia.png", LoginCount: 120, LastLoginDate: dt(2025, 6, 29, 8, 15),
				IsCoaching: true, Permissions: []string{"billing", "reports", "allClients"},
				Profile: account.CoachProfile{BusinessName: "Owner Coaching", Biography: "Coach since 2010.", Credentials: "PCC",
					Specialty: "Leadership", Website: "https://example.com", ProfileShow: true, ProfileShowEmail: true}},
			{ID: 2, FirstName: "Carl", LastName: "Coach", Email: "carl@example.com", Gender: "M", Timezone: Timezone,
				DateAdded: dt(2023, 3, 1, 10, 0), IsActive: true, IsRegistered: true, LoginCount: 40,
				LastLoginDate: dt(2025, 6, 20, 17, 30), IsCoaching: true},
			{ID: 3, FirstName: "Ada", LastName: "Admin", Email: "ada@example.com", Gender: "F", Timezone: Timezone,
				DateAdded: dt(2023, 4, 1, 11, 0), IsActive: true, IsRegistered: false, IsCoaching: false,
				Permissions: []string{"billing"}},
			{ID: 4, FirstName: "Ivan", LastName: "Idle", Email: "ivan@example.com", Gender: "M", Timezone: Timezone,
				DateAdded: dt(2023, 2, 1, 12, 0), IsActive: false, IsCoaching: true},
		},
		Companies: []*account.Company{
			{ID: 1, Name: "Acme Corp", DateAdded: dt(2023, 6, 1, 9, 0), IsActive: true, Address1: "1 Main St", City: "Denver",
				State: "CO", ZIP: "80202", Country: "US"},
			{ID: 2, Name: "Defunct LLC", DateAdded: dt(2023, 7, 1, 9, 0), IsActive: false, Country: "US"},
		},
		Clients: []*account.Client{
			{ID: 101, CoachID: 1, FirstName: "Ava", LastName: "Chen", Email: "ava@example.com", Gender: "F", Timezone: Timezone,
				DateAdded: dt(2024, 2, 11, 9, 30), IsActive: true, CellPhone: "555-0101", IsRegistered: true, City: "Denver",
				State: "CO", ZIP: "80202", Country: "US", LoginCount: 31, LastLoginDate: dt(2025, 3, 20, 18, 2), CompanyID: 1},
			{ID: 102, CoachID: 2, FirstName: "Ben", LastName: "Diaz", Email: "ben@example.com", Gender: "M", Timezone: Timezone,
				DateAdded: dt(2024, 1, 15, 10, 0), IsActive: true, CompanyID: 1, ProfileExtra: "Prefers mornings"},
			{ID: 103, CoachID: 1, FirstName: "Cara", LastName: "Evans", Email: "cara@example.com", Gender: "F", Timezone: Timezone,
				DateAdded: dt(2024, 5, 2, 14, 0), IsActive: true, IsFreebie: true},
			{ID: 104, CoachID: 2, FirstName: "Dan", LastName: "Fox", Email: "dan@example.com", Gender: "M", Timezone: Timezone,
				DateAdded: dt(2023, 11, 3, 8, 0), IsActive: false},
			{ID: 105, CoachID: 1, FirstName: "Eve", LastName: "Gray", Email: "eve@example.com", Gender: "F", Timezone: Timezone,
				DateAdded: dt(2023, 9, 9, 9, 0), IsActive: false, CompanyID: 2},
			{ID: 106, CoachID: 2, FirstName: "Finn", LastName: "Hale", Email: "finn@example.com", Gender: "U", Timezone: Timezone,
				DateAdded: dt(2025, 1, 20, 16, 45), IsActive: true},
		},
		Pairings: []*account.Pairing{
			{CoachID: 1, ClientID: 101, Type: "P", StartDate: dt(2024, 2, 11, 9, 30)},
			{CoachID: 2, ClientID: 101, Type: "C", StartDate: dt(2024, 8, 1, 9, 0)},
			{CoachID: 1, ClientID: 102, Type: "P", StartDate: dt(2024, 1, 15, 10, 0), EndDate: dt(2024, 6, 1, 9, 0)},
			{CoachID: 2, ClientID: 102, Type: "P", StartDate: dt(2024, 6, 1, 9, 0)},
			{CoachID: 1, ClientID: 103, Type: "P", StartDate: dt(2024, 5, 2, 14, 0)},
			{CoachID: 2, ClientID: 104, Type: "P", StartDate: dt(2023, 11, 3, 8, 0)},
			{CoachID: 1, ClientID: 105, Type: "P", StartDate: dt(2023, 9, 9, 9, 0)},
			{CoachID: 2, ClientID: 106, Type: "P", StartDate: dt(2025, 1, 20, 16, 45)},
		},
		Groups: []*account.Group{
			{ID: 1, CoachID: 1, Name: "Leadership cohort", Type: "G", ClientIDs: []int{101, 102}},
		},
		ActionProjects: []*account.ActionProject{{ID: 1, ClientID: 101, Name: "Q3 goals"}},
		Actions: []*account.Action{
			{ID: 1, ClientID: 101, CoachID: 1, ActionProjectID: 1, Action: "Draft the plan", ForWho: "L",
				DateDue: dt(2025, 5, 10, 17, 0), DateDone: dt(2025, 5, 9, 15, 20), IsDone: true},
			{ID: 2, ClientID: 101, CoachID: 1, Action: "Call a mentor", ForWho: "L", DateDue: dt(2025, 7, 5, 15, 32),
				Reminders: []*account.Reminder{{ID: 1, SendTo: "L", SendMethod: "T", RelativeMinutes: 1440, DateToSend: dt(2025, 7, 4, 15, 32)}}},
			{ID: 3, ClientID: 101, CoachID: 1, ActionProjectID: 1, Action: "Old idea", ForWho: "L", DateDue: dt(2025, 4, 1, 9, 0), IsCanceled: true},
			{ID: 4, ClientID: 102, CoachID: 2, Action: "Book a retreat", ForWho: "L", DateDue: dt(2025, 7, 15, 12, 0)},
			{ID: 5, ClientID: 101, CoachID: 1, Action: "Prepare the agenda", ForWho: "C", DateDue: dt(2025, 7, 1, 9, 0)},
		},
		Metrics: []*account.Metric{
			{ID: 1, ClientID: 101, Name: "Weight", Units: "lbs", TotalWeight: 3, StartDate: d(2025, 5, 1), EndDate: d(2025, 8, 1),
				TargetMode: "L", TargetStart: fx("180"), TargetEnd: fx("170"), DataMode: "R", RepeatRule: "W",
				Data: []*account.DataPoint{
					{ID: 1, DateOf: d(2025, 5, 1), Value: *fx("180.5"), Comment: "start"},
					{ID: 2, DateOf: d(2025, 5, 8), Value: *fx("178")},
					{ID: 3, DateOf: d(2025, 5, 15), Value: *fx("176.25")},
				}},
			{ID: 2, ClientID: 101, Name: "Steps", Units: "steps", StartDate: d(2025, 1, 1), EndDate: d(2025, 3, 31),
				TargetMode: "H", DataMode: "C", RepeatRule: "D", IsComplete: true,
				Data: []*account.DataPoint{{ID: 4, DateOf: d(2025, 1, 2), Value: *fx("8000")}}},
			{ID: 3, ClientID: 102, Name: "Sleep", Units: "hours", StartDate: d(2025, 2, 1), EndDate: d(2025, 12, 31),
				TargetMode: "H", DataMode: "R", RepeatRule: "D",
				Data: []*account.DataPoint{{ID: 5, DateOf: d(2025, 2, 3), Value: *fx("7.5")}}},
		},
		AppointmentTypes: []*account.AppointmentType{
			{ID: 1, CoachID: 1, Name: "Coaching session", Duration: 60, Location: "Zoom", Description: "One hour", DefaultReminders: "L,E,1440"},
			{ID: 2, CoachID: 2, Name: "Check-in", Duration: 30, Location: "Phone"},
		},
		Appointments: []*account.Appointment{
			{ID: 1, CoachID: 1, ClientID: 101, AppointmentTypeID: 1, EngagementID: 1, Name: "Coaching session",
				StartDate: dt(2025, 5, 1, 10, 0), EndDate: dt(2025, 5, 1, 11, 0), Status: "A", DateAdded: dt(2025, 4, 2, 9, 0),
				Location: "Zoom", CountsInEngagement: 1,
				Reminders: []*account.Reminder{{ID: 2, SendTo: "L", SendMethod: "E", RelativeMinutes: 1440, DateToSend: dt(2025, 4, 30, 10, 0), IsSent: true, DateSent: dt(2025, 4, 30, 10, 0)}}},
			{ID: 2, CoachID: 1, ClientID: 101, AppointmentTypeID: 1, EngagementID: 1, Name: "Coaching session",
				StartDate: dt(2025, 7, 10, 10, 0), EndDate: dt(2025, 7, 10, 11, 0), Status: "A", DateAdded: dt(2025, 6, 1, 9, 0), Location: "Zoom"},
			{ID: 3, CoachID: 1, ClientID: 101, AppointmentTypeID: 1, EngagementID: 1, Name: "Coaching session",
				StartDate: dt(2025, 5, 15, 10, 0), EndDate: dt(2025, 5, 15, 11, 0), Status: "C", DateAdded: dt(2025, 4, 2, 9, 5),
				DateCanceled: dt(2025, 5, 14, 8, 0), Location: "Zoom", CountsInEngagement: -1},
			{ID: 4, CoachID: 2, ClientID: 102, AppointmentTypeID: 2, EngagementID: 2, Name: "Strategy deep dive",
				StartDate: dt(2025, 2, 1, 14, 0), EndDate: dt(2025, 2, 1, 15, 30), Status: "A", DateAdded: dt(2025, 1, 5, 9, 0), CountsInEngagement: 1},
			{ID: 5, CoachID: 2, ClientID: 102, AppointmentTypeID: 2, EngagementID: 2, Name: "Check-in",
				StartDate: dt(2025, 3, 1, 14, 0), EndDate: dt(2025, 3, 1, 15, 0), Status: "A", DateAdded: dt(2025, 1, 5, 9, 1), CountsInEngagement: 1},
			{ID: 6, CoachID: 2, ClientID: 106, AppointmentTypeID: 2, Name: "Check-in",
				StartDate: dt(2025, 7, 2, 9, 0), EndDate: dt(2025, 7, 2, 9, 30), Status: "P", DateAdded: dt(2025, 6, 28, 9, 0)},
			{ID: 7, CoachID: 2, ClientID: 106, AppointmentTypeID: 2, Name: "Check-in",
				StartDate: dt(2025, 6, 20, 9, 0), EndDate: dt(2025, 6, 20, 9, 30), Status: "D", DateAdded: dt(2025, 6, 10, 9, 0)},
		},
		Sessions: []*account.Session{
			{ID: 1, CoachID: 1, ClientID: 101, DateOf: dt(2025, 5, 1, 10, 0), Title: "Kickoff", Content: "<p>Goals set.</p>",
				Visibility: "*", KeyInsights: []string{"Wants focus"},
				Answers: []*account.Answer{
					{Name: "Energy level", Value: "7", NumberValue: fx("7")},
					{Name: "Biggest win", Value: "Shipped the plan"},
				},
				DateAdded: dt(2025, 5, 1, 11, 5), DateDone: dt(2025, 5, 1, 11, 30)},
			{ID: 2, CoachID: 1, ClientID: 101, DateOf: dt(2025, 6, 1, 10, 0), Title: "Follow-up", Content: "<p>Draft</p>",
				IsDraft: true, Visibility: "C", DateAdded: dt(2025, 6, 1, 11, 0)},
			{ID: 3, CoachID: 2, ClientID: 102, DateOf: dt(2025, 2, 1, 14, 0), Title: "Deep dive", Content: "<p>Priorities</p>",
				Visibility: "*", Answers: []*account.Answer{{Name: "Energy level", Value: "5", NumberValue: fx("5")}},
				DateAdded: dt(2025, 2, 1, 16, 0), DateDone: dt(2025, 2, 2, 9, 0)},
		},
		Worksheets: []*account.Worksheet{
			{ID: 1, CoachID: 1, ClientID: 101, Title: "Values exercise", Content: "<p>List your values</p>",
				DateAssigned: dt(2025, 5, 2, 9, 0), DateDue: dt(2025, 5, 12, 17, 0), DateDone: dt(2025, 5, 10, 20, 0), IsDone: true,
				Answers: []*account.Answer{{Name: "Top value", Value: "Honesty"}, {Name: "Energy level", Value: "8", NumberValue: fx("8")}}},
			{ID: 2, CoachID: 2, ClientID: 102, Title: "Weekly reflection", Content: "<p>Reflect</p>",
				DateAssigned: dt(2025, 6, 25, 9, 0), DateDue: dt(2025, 7, 2, 17, 0),
				Reminders: []*account.Reminder{{ID: 3, SendTo: "L", SendMethod: "E", RelativeMinutes: 120, DateToSend: dt(2025, 7, 2, 15, 0)}}},
		},
		EngagementTemplates: []*account.EngagementTemplate{
			{ID: 1, Name: "3 months, 12 sessions", ManagingCoachID: 1, Duration: 3, AllocationUnit: "A", Allocation: 12},
			{ID: 2, Name: "Hours package", ManagingCoachID: 2, Duration: 0, AllocationUnit: "H", Allocation: 10},
		},
		Engagements: []*account.Engagement{
			{ID: 1, Type: "client", ClientID: 101, CoachID: 1, TemplateID: 1, Name: "3 months, 12 sessions",
				StartDate: d(2025, 4, 1), EndDate: d(2025, 6, 30), AllocationUnits: "A", Allocation: 12,
				NextInvoiceDate: d(2025, 7, 1), DateAdded: dt(2025, 3, 25, 9, 0)},
			{ID: 2, Type: "client", ClientID: 102, CoachID: 2, TemplateID: 2, Name: "Hours package",
				StartDate: d(2025, 1, 1), EndDate: d(2025, 3, 31), AllocationUnits: "H", Allocation: 10,
				IsComplete: true, DateClosed: dt(2025, 4, 1, 9, 0), DateAdded: dt(2024, 12, 20, 9, 0)},
			{ID: 3, Type: "client", ClientID: 106, CoachID: 2, TemplateID: 1, Name: "3 months, 12 sessions",
				StartDate: d(2025, 2, 1), EndDate: d(2025, 4, 30), AllocationUnits: "A", Allocation: 12,
				IsCanceled: true, DateClosed: dt(2025, 2, 15, 9, 0), DateAdded: dt(2025, 1, 25, 9, 0)},
			{ID: 4, Type: "company", CompanyID: 1, CoachID: 1, Name: "Acme leadership programme",
				StartDate: d(2025, 1, 1), AllocationUnits: "A", Allocation: 20, AllocationPerClient: 5,
				DateAdded: dt(2024, 12, 1, 9, 0)},
		},
		Invoices: []*account.Invoice{
			{ID: 1, Number: "1001", DateAdded: dt(2025, 4, 1, 9, 0), DateOf: d(2025, 4, 1), DateDue: d(2025, 4, 15),
				Currency: "USD", TaxRate: *fx("7.5"), ClientID: 101,
				LineItems: []*account.LineItem{{Item: "One month of coaching", Amount: 40000}, {Item: "Workbook", Amount: 5000}},
				Payments:  []*account.Payment{{ID: 1, DatePaid: dt(2025, 4, 10, 13, 0), Amount: 48375, Method: "Credit Card"}}},
			{ID: 2, Number: "1002", DateAdded: dt(2025, 5, 1, 9, 0), DateOf: d(2025, 5, 1), DateDue: d(2025, 5, 15),
				Currency: "USD", ClientID: 102,
				LineItems: []*account.LineItem{{Item: "Being a Baller 6-week Course", Amount: 60000}},
				Payments:  []*account.Payment{{ID: 2, DatePaid: dt(2025, 5, 20, 10, 0), Amount: 20000, Method: "Check", CheckNumber: "2231"}}},
			{ID: 3, Number: "A1003", DateAdded: dt(2025, 5, 5, 9, 0), DateOf: d(2025, 5, 5), DateDue: d(2025, 6, 4),
				Currency: "EUR", TaxRate: *fx("19"), CompanyID: 1,
				LineItems: []*account.LineItem{{Item: "Team workshop", Amount: 100000}, {Item: "Loyalty discount", Amount: -10000}},
				Payments: []*account.Payment{
					{ID: 3, DatePaid: dt(2025, 5, 30, 11, 0), Amount: 100000, Method: "Bank Transfer"},
					{ID: 4, DatePaid: dt(2025, 6, 2, 11, 0), Amount: 10000, Method: "Bank Transfer"},
				}},
			{ID: 4, Number: "1004", DateAdded: dt(2025, 6, 30, 9, 0), DateOf: d(2025, 6, 30), DateDue: d(2025, 7, 14),
				Currency: "USD", TaxRate: *fx("8.25"), ClientID: 103,
				LineItems: []*account.LineItem{{Item: "Single session", Amount: 9999}}},
		},
		Activities: []*account.Activity{
			{ClientID: 101, Kind: "J", Date: dt(2025, 5, 3, 20, 0)},
			{ClientID: 101, Kind: "F", Date: dt(2025, 5, 4, 9, 0)},
			{ClientID: 101, Kind: "C", Date: dt(2025, 5, 5, 12, 0)},
			{ClientID: 102, Kind: "J", Date: dt(2025, 2, 10, 21, 0)},
		},
	}
}
