package generate

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/careport/careport/fetch/sandbox/account"
)

func TestParseSize(t *testing.T) {
	tests := []struct {
		name, in string
		want     Size
		wantErr  bool
	}{
		{"small", "small", Small, false},
		{"large upper case", " LARGE ", Large, false},
		{"empty", "", "", true},
		{"unknown", "medium", "", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseSize(tc.in)
			if (err != nil) != tc.wantErr || got != tc.want {
				t.Errorf("ParseSize(%q) = %q, %v; want %q, error %v", tc.in, got, err, tc.want, tc.wantErr)
			}
		})
	}
}

func TestGenerateUnknownSize(t *testing.T) {
	if _, err := Generate("huge", 1); err == nil {
		t.Fatal("Generate(huge) succeeded, want an error")
	}
}

func encode(t *testing.T, a *account.Account) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := a.Encode(&buf); err != nil {
		t.Fatalf("encode: %v", err)
	}
	return buf.Bytes()
}

func TestGenerateIsDeterministic(t *testing.T) {
	gen := func(seed int64) []byte {
		a, err := Generate(Small, seed)
		if err != nil {
			t.Fatalf("Generate(small, %d): %v", seed, err)
		}
		return encode(t, a)
	}
	a1, a2, b := gen(7), gen(7), gen(8)
	if !bytes.Equal(a1, a2) {
		t.Error("same seed gave different bytes")
	}
	if bytes.Equal(a1, b) {
		t.Error("different seeds gave the same bytes")
	}
}

// TestGenerateRoundTrips checks that the encoded account decodes (with
// unknown fields refused, and Validate) and encodes to the same bytes.
func TestGenerateRoundTrips(t *testing.T) {
	a, err := Generate(Small, SampleSeed)
	if err != nil {
		t.Fatal(err)
	}
	b := encode(t, a)
	back, err := account.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("decode generated account: %v", err)
	}
	if !bytes.Equal(encode(t, back), b) {
		t.Error("decode then encode changed the bytes")
	}
}

func TestGenerateInvariants(t *testing.T) {
	for _, seed := range []int64{SampleSeed, 2, 3, 42} {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			a, err := Generate(Small, seed)
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, a)
		})
	}
}

func TestSmallSize(t *testing.T) {
	a, err := Generate(Small, SampleSeed)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(a.Coaches); got != 6 {
		t.Errorf("coaches: got %d, want 6", got)
	}
	if got := len(a.Clients); got != 60 {
		t.Errorf("clients: got %d, want 60", got)
	}
	first := a.Invoices[0].DateOf
	if months := int(a.AsOf-first) / 30; months < 22 || months > 24 {
		t.Errorf("history: first invoice %s, AsOf %s: got about %d months, want 24", first, a.AsOf, months)
	}
	companies := map[int]bool{}
	for _, c := range a.Clients {
		if c.CompanyID != 0 {
			companies[c.CompanyID] = true
		}
	}
	if len(companies) < 3 {
		t.Errorf("clients belong to %d companies, want at least 3", len(companies))
	}
	nonASCII := 0
	for _, c := range a.Clients {
		if !isASCII(c.FirstName + c.LastName) {
			nonASCII++
		}
	}
	if nonASCII == 0 {
		t.Error("no client has a non-ASCII name")
	}
	recentOverdue := 0
	for _, inv := range a.Invoices {
		if inv.DateOf > a.AsOf.AddDays(-60) && inv.DateDue < a.AsOf && inv.AmountPaid() < inv.Amount() {
			recentOverdue++
		}
	}
	if recentOverdue == 0 {
		t.Error("no overdue invoice dated in the last 60 days")
	}
}

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// checkInvariants asserts the business rules the sandbox and the reports
// rely on.
func checkInvariants(t testing.TB, a *account.Account) {
	t.Helper()
	if err := a.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	asOf := a.AsOf
	endOfDay := asOf.At(23, 59, 59)
	if asOf != account.DateOf(2026, time.October, 31) || a.Timezone != "America/New_York" || a.Currency != "USD" {
		t.Errorf("got AsOf %s, timezone %s, currency %s", asOf, a.Timezone, a.Currency)
	}
	clients := map[int]*account.Client{}
	for _, c := range a.Clients {
		clients[c.ID] = c
	}
	coaches := map[int]*account.Coach{}
	var owner, admin, inactiveCoach bool
	for _, c := range a.Coaches {
		coaches[c.ID] = c
		owner = owner || c.ID == a.OwnerCoachID
		admin = admin || !c.IsCoaching
		inactiveCoach = inactiveCoach || !c.IsActive
		if len(c.Permissions) == 0 {
			t.Errorf("coach %d has no permissions", c.ID)
		}
	}
	if !owner || !admin || !inactiveCoach {
		t.Errorf("coaches: owner %v, admin-only %v, inactive %v; want all", owner, admin, inactiveCoach)
	}

	// Pairings: exactly one current P per client, matching Client.CoachID;
	// at most one current pairing per coach and client.
	primaries := map[int]int{}
	current := map[[2]int]int{}
	types := map[string]bool{}
	ended := 0
	for _, p := range a.Pairings {
		types[p.Type] = true
		if p.EndDate != 0 {
			ended++
			if p.EndDate < p.StartDate {
				t.Errorf("pairing %d-%d ends %s before it starts %s", p.CoachID, p.ClientID, p.EndDate, p.StartDate)
			}
			continue
		}
		current[[2]int{p.CoachID, p.ClientID}]++
		if p.Type == "P" {
			primaries[p.ClientID]++
			if c := clients[p.ClientID]; c.CoachID != p.CoachID {
				t.Errorf("client %d: CoachID %d, current P pairing with %d", c.ID, c.CoachID, p.CoachID)
			}
		}
		if !coaches[p.CoachID].IsCoaching && p.Type != "R" {
			t.Errorf("admin-only coach %d has a %s pairing", p.CoachID, p.Type)
		}
	}
	for _, c := range a.Clients {
		if primaries[c.ID] != 1 {
			t.Errorf("client %d has %d current primary pairings, want 1", c.ID, primaries[c.ID])
		}
	}
	for k, n := range current {
		if n > 1 {
			t.Errorf("coach %d and client %d have %d current pairings", k[0], k[1], n)
		}
	}
	for _, ty := range []string{"P", "C", "R"} {
		if !types[ty] {
			t.Errorf("no pairing of type %s", ty)
		}
	}
	if ended == 0 {
		t.Error("no ended pairing periods")
	}
	for _, g := range a.Groups {
		if len(g.ClientIDs) == 0 {
			t.Errorf("group %d has no members", g.ID)
		}
	}

	// Clients: every variant present.
	var active, inactive int
	for _, c := range a.Clients {
		if c.IsActive {
			active++
		} else {
			inactive++
		}
		if c.DateAdded.Date() > asOf {
			t.Errorf("client %d added %s after AsOf", c.ID, c.DateAdded)
		}
	}
	if active == 0 || inactive == 0 {
		t.Errorf("clients: %d active, %d inactive; want both", active, inactive)
	}

	// Engagements: no two non-canceled ones of a client overlap; states.
	engs := map[int]*account.Engagement{}
	byClient := map[int][]*account.Engagement{}
	states := map[string]int{}
	templates := map[int]bool{}
	for _, e := range a.Engagements {
		if engs[e.ID] != nil {
			t.Errorf("engagement ID %d duplicated", e.ID)
		}
		engs[e.ID] = e
		templates[e.TemplateID] = true
		switch {
		case e.IsCanceled && e.IsComplete:
			t.Errorf("engagement %d is both canceled and complete", e.ID)
		case e.IsCanceled:
			states["canceled"]++
		case e.IsComplete:
			states["completed"]++
		default:
			states["active"]++
		}
		if (e.IsCanceled || e.IsComplete) != (e.DateClosed != 0) {
			t.Errorf("engagement %d: closed %v but dateClosed %q", e.ID, e.IsCanceled || e.IsComplete, e.DateClosed)
		}
		if e.DateClosed.Date() > asOf {
			t.Errorf("engagement %d closed after AsOf: %s", e.ID, e.DateClosed)
		}
		if e.EndDate != 0 && e.EndDate < e.StartDate {
			t.Errorf("engagement %d ends before it starts", e.ID)
		}
		if e.Type == "client" && !e.IsCanceled {
			byClient[e.ClientID] = append(byClient[e.ClientID], e)
		}
		if (e.Type == "client") != (e.ClientID != 0 && e.CompanyID == 0) {
			t.Errorf("engagement %d: type %s with client %d, company %d", e.ID, e.Type, e.ClientID, e.CompanyID)
		}
	}
	for _, st := range []string{"active", "completed", "canceled"} {
		if states[st] == 0 {
			t.Errorf("no %s engagement", st)
		}
	}
	const never = account.Date(1 << 30)
	periodEnd := func(e *account.Engagement) account.Date {
		end := e.EndDate
		if end == 0 {
			end = never
		}
		if e.IsComplete && e.DateClosed.Date() < end {
			end = e.DateClosed.Date()
		}
		return end
	}
	for id, list := range byClient {
		for i, x := range list {
			for _, y := range list[i+1:] {
				if x.StartDate <= periodEnd(y) && y.StartDate <= periodEnd(x) {
					t.Errorf("client %d: engagements %d and %d overlap", id, x.ID, y.ID)
				}
			}
		}
	}
	for _, tpl := range a.EngagementTemplates {
		if !templates[tpl.ID] {
			t.Errorf("template %d (%s) is never used", tpl.ID, tpl.Name)
		}
	}

	// Appointments: statuses, engagement membership, business hours.
	apptStatus := map[string]int{}
	counts := map[int]int{}
	apptTypes := map[int]*account.AppointmentType{}
	for _, at := range a.AppointmentTypes {
		apptTypes[at.ID] = at
	}
	seenAppt := map[int]bool{}
	for _, ap := range a.Appointments {
		if seenAppt[ap.ID] {
			t.Errorf("appointment ID %d duplicated", ap.ID)
		}
		seenAppt[ap.ID] = true
		apptStatus[ap.Status]++
		counts[ap.CountsInEngagement]++
		at := apptTypes[ap.AppointmentTypeID]
		if at == nil || at.CoachID != ap.CoachID {
			t.Errorf("appointment %d: type %d is not coach %d's", ap.ID, ap.AppointmentTypeID, ap.CoachID)
		} else if ap.EndDate-ap.StartDate != account.DateTime(at.Duration*60) {
			t.Errorf("appointment %d lasts %ds, type says %d min", ap.ID, ap.EndDate-ap.StartDate, at.Duration)
		}
		checkOfficeHours(t, fmt.Sprint("appointment ", ap.ID), ap.StartDate, 8, 18)
		if ap.DateAdded > ap.StartDate || ap.DateAdded.Date() > asOf {
			t.Errorf("appointment %d added %s, starts %s", ap.ID, ap.DateAdded, ap.StartDate)
		}
		switch ap.Status {
		case "C":
			if ap.DateCanceled == 0 || ap.DateCanceled > ap.StartDate || ap.DateCanceled < ap.DateAdded {
				t.Errorf("canceled appointment %d: dateCanceled %q (added %s, starts %s)", ap.ID, ap.DateCanceled, ap.DateAdded, ap.StartDate)
			}
		case "P":
			if ap.StartDate <= endOfDay {
				t.Errorf("pending appointment %d is in the past: %s", ap.ID, ap.StartDate)
			}
		case "A":
			if ap.StartDate > endOfDay && ap.CountsInEngagement != 0 {
				t.Errorf("future appointment %d already counts %d", ap.ID, ap.CountsInEngagement)
			}
		}
		if ap.Status != "C" && ap.DateCanceled != 0 {
			t.Errorf("appointment %d (%s) has dateCanceled", ap.ID, ap.Status)
		}
		if ap.EngagementID == 0 {
			if ap.CountsInEngagement != 0 {
				t.Errorf("appointment %d outside engagements counts %d", ap.ID, ap.CountsInEngagement)
			}
			continue
		}
		e := engs[ap.EngagementID]
		if e == nil || e.ClientID != ap.ClientID {
			t.Errorf("appointment %d: engagement %d is not client %d's", ap.ID, ap.EngagementID, ap.ClientID)
			continue
		}
		d := ap.StartDate.Date()
		if d < e.StartDate || (e.EndDate != 0 && d > e.EndDate) || (e.IsCanceled && d >= e.DateClosed.Date()) {
			t.Errorf("appointment %d on %s is outside engagement %d (%s..%s)", ap.ID, d, e.ID, e.StartDate, e.EndDate)
		}
	}
	for _, st := range []string{"A", "C", "P", "D"} {
		if apptStatus[st] == 0 {
			t.Errorf("no appointment with status %s", st)
		}
	}
	for _, c := range []int{1, -1, 0} {
		if counts[c] == 0 {
			t.Errorf("no appointment with countsInEngagement %d", c)
		}
	}

	// Invoices and payments.
	currencies := map[string]int{}
	methods := map[string]int{}
	numbers := map[string]bool{}
	taxes := map[account.Fixed]bool{}
	var lettered, overdue, overpaid, partial, multi, company, discounts int
	for _, inv := range a.Invoices {
		currencies[inv.Currency]++
		taxes[inv.TaxRate] = true
		if numbers[inv.Number] {
			t.Errorf("invoice number %s duplicated", inv.Number)
		}
		numbers[inv.Number] = true
		if inv.Number[0] < '0' || inv.Number[0] > '9' {
			lettered++
		}
		if (inv.ClientID == 0) == (inv.CompanyID == 0) {
			t.Errorf("invoice %d: client %d, company %d; want exactly one", inv.ID, inv.ClientID, inv.CompanyID)
		}
		if inv.ClientID == 0 {
			company++
		}
		if due := int(inv.DateDue - inv.DateOf); due != 14 && due != 30 {
			t.Errorf("invoice %d due %d days after its date", inv.ID, due)
		}
		if inv.DateOf > asOf || inv.DateAdded.Date() != inv.DateOf && inv.DateAdded.Date() > inv.DateOf {
			t.Errorf("invoice %d dated %s, added %s", inv.ID, inv.DateOf, inv.DateAdded)
		}
		if len(inv.LineItems) == 0 {
			t.Errorf("invoice %d has no line items", inv.ID)
		}
		for _, li := range inv.LineItems {
			if li.Amount < 0 {
				discounts++
			}
		}
		amount, paid := inv.Amount(), inv.AmountPaid()
		if amount <= 0 {
			t.Errorf("invoice %d amount %s", inv.ID, amount)
		}
		switch {
		case paid > amount:
			overpaid++
		case paid > 0 && paid < amount:
			partial++
		case paid < amount && inv.DateDue < asOf:
			overdue++
		}
		if len(inv.Payments) > 1 {
			multi++
		}
		var last account.DateTime
		for _, p := range inv.Payments {
			methods[p.Method]++
			if p.Amount <= 0 {
				t.Errorf("payment %d amount %s", p.ID, p.Amount)
			}
			if p.DatePaid.Date() < inv.DateOf || p.DatePaid > endOfDay {
				t.Errorf("payment %d on %s outside [%s, %s] of invoice %d", p.ID, p.DatePaid, inv.DateOf, asOf, inv.ID)
			}
			if p.DatePaid < last {
				t.Errorf("payments of invoice %d out of order", inv.ID)
			}
			last = p.DatePaid
			if (p.Method == "Check") != (p.CheckNumber != "") {
				t.Errorf("payment %d: method %s, check number %q", p.ID, p.Method, p.CheckNumber)
			}
			checkOfficeHours(t, fmt.Sprint("payment ", p.ID), p.DatePaid, 8, 24)
		}
	}
	usedCurrencies := 0
	for _, c := range a.Currencies {
		if currencies[c] > 0 {
			usedCurrencies++
		}
	}
	if usedCurrencies < 2 {
		t.Errorf("invoices use %d currencies, want at least 2", usedCurrencies)
	}
	for _, m := range []string{"Cash", "Check", "Credit Card", "Bank Transfer", "Other"} {
		if methods[m] == 0 {
			t.Errorf("no payment by %s", m)
		}
	}
	for _, rate := range []account.Fixed{0, 75000, 200000} {
		if !taxes[rate] {
			t.Errorf("no invoice with tax rate %s", rate)
		}
	}
	for name, n := range map[string]int{"lettered number": lettered, "overdue": overdue, "overpaid": overpaid,
		"partly paid": partial, "several payments": multi, "company": company, "discount line": discounts} {
		if n == 0 {
			t.Errorf("no %s invoice", name)
		}
	}

	// Metrics: data inside the period, one a day, none after AsOf.
	var withTarget, withoutTarget int
	for _, m := range a.Metrics {
		if m.TargetStart == nil {
			withoutTarget++
		} else {
			withTarget++
		}
		var prev account.Date
		for _, dp := range m.Data {
			if dp.DateOf <= prev {
				t.Errorf("metric %d: data on %s after %s (want one a day, oldest first)", m.ID, dp.DateOf, prev)
			}
			prev = dp.DateOf
			if dp.DateOf < m.StartDate || dp.DateOf > m.EndDate || dp.DateOf > asOf {
				t.Errorf("metric %d: data on %s outside %s..%s or after AsOf", m.ID, dp.DateOf, m.StartDate, m.EndDate)
			}
		}
	}
	if withTarget == 0 || withoutTarget == 0 {
		t.Errorf("metrics: %d with target, %d without; want both", withTarget, withoutTarget)
	}

	// Sessions, worksheets, actions, activities.
	var drafts, energy int
	for _, s := range a.Sessions {
		if s.IsDraft {
			drafts++
			if s.DateDone != 0 {
				t.Errorf("draft session %d has dateDone", s.ID)
			}
		}
		for _, an := range s.Answers {
			if an.Name == "Energy level" && an.NumberValue != nil {
				energy++
			}
		}
		if s.DateOf > endOfDay || s.DateAdded > endOfDay || s.DateDone > endOfDay {
			t.Errorf("session %d is after AsOf", s.ID)
		}
	}
	if drafts == 0 || energy == 0 {
		t.Errorf("sessions: %d drafts, %d energy answers; want some of each", drafts, energy)
	}
	var wsDone, wsOpen int
	for _, w := range a.Worksheets {
		if w.IsDone != (w.DateDone != 0) {
			t.Errorf("worksheet %d: isDone %v, dateDone %q", w.ID, w.IsDone, w.DateDone)
		}
		if w.IsDone {
			wsDone++
			if w.DateDone < w.DateAssigned || w.DateDone > endOfDay {
				t.Errorf("worksheet %d done %s, assigned %s", w.ID, w.DateDone, w.DateAssigned)
			}
		} else {
			wsOpen++
		}
	}
	if wsDone == 0 || wsOpen == 0 {
		t.Errorf("worksheets: %d done, %d outstanding; want both", wsDone, wsOpen)
	}
	var done, open, canceled, inProject, reminders int
	for _, ac := range a.Actions {
		switch {
		case ac.IsDone:
			done++
			if ac.DateDone == 0 || ac.DateDone > endOfDay {
				t.Errorf("action %d done at %q", ac.ID, ac.DateDone)
			}
		case ac.IsCanceled:
			canceled++
		default:
			open++
		}
		if ac.ActionProjectID != 0 {
			inProject++
		}
		reminders += len(ac.Reminders)
	}
	if done == 0 || open == 0 || canceled == 0 || inProject == 0 || reminders == 0 {
		t.Errorf("actions: %d done, %d open, %d canceled, %d in projects, %d reminders; want some of each", done, open, canceled, inProject, reminders)
	}
	kinds := map[string]int{}
	for _, ac := range a.Activities {
		kinds[ac.Kind]++
		if ac.Date > endOfDay || ac.Date < clients[ac.ClientID].DateAdded {
			t.Errorf("activity of client %d at %s outside the client's time", ac.ClientID, ac.Date)
		}
	}
	for _, k := range []string{"J", "F", "C"} {
		if kinds[k] == 0 {
			t.Errorf("no activity of kind %s", k)
		}
	}
}

// checkOfficeHours asserts dt falls on a weekday between from and to o'clock.
func checkOfficeHours(t testing.TB, what string, dt account.DateTime, from, to int) {
	t.Helper()
	tm := dt.Time(time.UTC)
	if wd := tm.Weekday(); wd == time.Saturday || wd == time.Sunday {
		t.Errorf("%s at %s falls on a %s", what, dt, wd)
	}
	if h := tm.Hour(); h < from || h >= to {
		t.Errorf("%s at %s is outside %d:00-%d:00", what, dt, from, to)
	}
}
