package fetch_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/fetch/sandbox"
	"github.com/careport/careport/fetch/sandbox/account"
	"github.com/careport/careport/fetch/sandbox/sandboxtest"
	"github.com/shopspring/decimal"
)

// The expectations below are built from sandboxtest.Fixture() directly,
// following the API reference, without the client's decoding or the
// sandbox's encoders.

func at(dt account.DateTime, loc *time.Location) time.Time {
	if dt == 0 {
		return time.Time{}
	}
	return dt.Time(loc)
}

func day(d account.Date, loc *time.Location) time.Time {
	if d == 0 {
		return time.Time{}
	}
	return d.Time(loc)
}

func cents(c account.Cents) decimal.Decimal { return decimal.New(int64(c), -2) }

func fixed(f account.Fixed) decimal.Decimal { return decimal.New(int64(f), -4) }

func nullFixed(f *account.Fixed) decimal.NullDecimal {
	if f == nil {
		return decimal.NullDecimal{}
	}
	return decimal.NullDecimal{Decimal: fixed(*f), Valid: true}
}

func wantReminders(rs []*account.Reminder, loc *time.Location) []fetch.Reminder {
	var out []fetch.Reminder
	for _, r := range rs {
		out = append(out, fetch.Reminder{ID: r.ID, SendTo: r.SendTo, SendMethod: r.SendMethod, RelativeMinutes: r.RelativeMinutes,
			DateToSend: at(r.DateToSend, loc), IsSent: r.IsSent, DateSent: at(r.DateSent, loc)})
	}
	return out
}

// sameRecords compares two lists record by record through their %+v text
// (time.Time and decimal.Decimal print their values), sorted by key.
func sameRecords[R any](t *testing.T, what string, got, want []R, key func(R) int) {
	t.Helper()
	slices.SortStableFunc(got, func(a, b R) int { return key(a) - key(b) })
	slices.SortStableFunc(want, func(a, b R) int { return key(a) - key(b) })
	if len(got) != len(want) {
		t.Errorf("%s: got %d records, want %d", what, len(got), len(want))
		return
	}
	for i := range got {
		g, w := fmt.Sprintf("%+v", got[i]), fmt.Sprintf("%+v", want[i])
		if g != w {
			t.Errorf("%s record %d:\n got %s\nwant %s", what, key(want[i]), g, w)
		}
	}
}

func TestFetchersMatchFixture(t *testing.T) {
	r := newRig(t, sandbox.Options{}, fetch.Config{})
	fx := sandboxtest.Fixture()
	loc := r.loc
	ctx := t.Context()
	companies := map[int]string{}
	for _, c := range fx.Companies {
		companies[c.ID] = c.Name
	}
	clients := map[int]*account.Client{}
	for _, c := range fx.Clients {
		clients[c.ID] = c
	}
	wantClient := func(c *account.Client) fetch.ClientRecord {
		return fetch.ClientRecord{ID: c.ID, CoachID: c.CoachID, FirstName: c.FirstName, LastName: c.LastName, Email: c.Email,
			DateAdded: at(c.DateAdded, loc), IsActive: c.IsActive, IsFreebie: c.IsFreebie, HomePhone: c.HomePhone,
			WorkPhone: c.WorkPhone, CellPhone: c.CellPhone, ProfileExtra: c.ProfileExtra, IsRegistered: c.IsRegistered,
			Address1: c.Address1, City: c.City, State: c.State, ZIP: c.ZIP, Country: c.Country, LoginCount: c.LoginCount,
			LastLoginDate: at(c.LastLoginDate, loc), CompanyID: c.CompanyID, CompanyName: companies[c.CompanyID]}
	}

	t.Run("Clients", func(t *testing.T) {
		got, err := r.client.Clients(ctx, fetch.ClientsOptions{IncludeInactive: true})
		if err != nil {
			t.Fatal(err)
		}
		var want []fetch.ClientRecord
		for _, c := range fx.Clients {
			want = append(want, wantClient(c))
		}
		sameRecords(t, "client", got, want, func(c fetch.ClientRecord) int { return c.ID })
		if r.client.Location() == nil || r.client.Location().String() != sandboxtest.Timezone {
			t.Errorf("Location: got %v, want %s", r.client.Location(), sandboxtest.Timezone)
		}
		if len(got) > 0 && got[0].DateAdded.Location().String() != sandboxtest.Timezone {
			t.Errorf("record zone: got %v", got[0].DateAdded.Location())
		}
		active, err := r.client.Clients(ctx, fetch.ClientsOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(active) != 4 {
			t.Errorf("active clients: got %d, want 4", len(active))
		}
		acme, err := r.client.Clients(ctx, fetch.ClientsOptions{CompanyID: 1, IncludeInactive: true})
		if err != nil || len(acme) != 2 {
			t.Errorf("Acme clients: got %d, %v; want 2", len(acme), err)
		}
	})
	t.Run("Client", func(t *testing.T) {
		for _, c := range fx.Clients {
			got, err := r.client.Client(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			sameRecords(t, "client", []fetch.ClientRecord{got}, []fetch.ClientRecord{wantClient(c)}, func(c fetch.ClientRecord) int { return c.ID })
		}
	})
	t.Run("Me", func(t *testing.T) {
		got, err := r.client.Me(ctx)
		if err != nil {
			t.Fatal(err)
		}
		o := fx.Coaches[0] // the owner
		if got.FirstName != o.FirstName || got.LastName != o.LastName || got.Email != o.Email {
			t.Errorf("got %+v, want the owner coach %s %s", got, o.FirstName, o.LastName)
		}
	})
	t.Run("Coaches", func(t *testing.T) {
		got, err := r.client.Coaches(ctx, fetch.CoachesOptions{IncludeInactive: true})
		if err != nil {
			t.Fatal(err)
		}
		var want []fetch.Coach
		for _, c := range fx.Coaches {
			p := c.Profile
			want = append(want, fetch.Coach{ID: c.ID, FirstName: c.FirstName, LastName: c.LastName, Email: c.Email,
				DateAdded: at(c.DateAdded, loc), IsActive: c.IsActive, HomePhone: c.HomePhone, WorkPhone: c.WorkPhone,
				CellPhone: c.CellPhone, IsRegistered: c.IsRegistered, Address1: c.Address1, City: c.City, State: c.State,
				ZIP: c.ZIP, AvatarURL: c.AvatarURL, LoginCount: c.LoginCount, LastLoginDate: at(c.LastLoginDate, loc),
				Profile: fetch.CoachProfile{BusinessName: p.BusinessName, Biography: p.Biography, Credentials: p.Credentials,
					Specialty: p.Specialty, Website: p.Website, ProfileExtra: p.ProfileExtra, ProfileShow: p.ProfileShow,
					ProfileShowEmail: p.ProfileShowEmail, ProfileShowHomePhone: p.ProfileShowHomePhone,
					ProfileShowWorkPhone: p.ProfileShowWorkPhone, ProfileShowCellPhone: p.ProfileShowCellPhone,
					ProfileShowAddress: p.ProfileShowAddress}})
		}
		sameRecords(t, "coach", got, want, func(c fetch.Coach) int { return c.ID })
	})
	t.Run("Companies", func(t *testing.T) {
		got, err := r.client.Companies(ctx, fetch.CompaniesOptions{IncludeInactive: true})
		if err != nil {
			t.Fatal(err)
		}
		var want []fetch.Company
		for _, c := range fx.Companies {
			want = append(want, fetch.Company{ID: c.ID, Name: c.Name, DateAdded: at(c.DateAdded, loc), IsActive: c.IsActive,
				Address1: c.Address1, City: c.City, State: c.State, ZIP: c.ZIP, Country: c.Country})
		}
		sameRecords(t, "company", got, want, func(c fetch.Company) int { return c.ID })
	})
	t.Run("Invoices", func(t *testing.T) {
		got, err := r.client.Invoices(ctx, fetch.InvoicesOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var want []fetch.Invoice
		for _, inv := range fx.Invoices {
			w := fetch.Invoice{ID: inv.ID, InvoiceNumber: inv.Number, DateAdded: at(inv.DateAdded, loc), DateOf: day(inv.DateOf, loc),
				DateDue: day(inv.DateDue, loc), Currency: inv.Currency, TaxRate: fixed(inv.TaxRate), ClientID: inv.ClientID,
				CompanyID: inv.CompanyID, CompanyName: companies[inv.CompanyID]}
			if c := clients[inv.ClientID]; c != nil {
				w.FirstName, w.LastName, w.Email = c.FirstName, c.LastName, c.Email
			}
			sub := decimal.Zero
			for _, li := range inv.LineItems {
				w.LineItems = append(w.LineItems, fetch.LineItem{Item: li.Item, Amount: cents(li.Amount)})
				sub = sub.Add(cents(li.Amount))
			}
			// Tax: rate percent of the subtotal, rounded half-up to cents.
			w.Amount = sub.Add(sub.Mul(fixed(inv.TaxRate)).Div(decimal.NewFromInt(100)).Round(2))
			w.AmountPaid = decimal.Zero
			for _, p := range inv.Payments {
				w.Payments = append(w.Payments, fetch.InvoicePayment{DatePaid: at(p.DatePaid, loc), Amount: cents(p.Amount),
					Method: p.Method, CheckNumber: p.CheckNumber})
				w.AmountPaid = w.AmountPaid.Add(cents(p.Amount))
			}
			want = append(want, w)
		}
		sameRecords(t, "invoice", got, want, func(i fetch.Invoice) int { return i.ID })
		// Figures of the fixture's comment, as a check on the check.
		for _, g := range got {
			if g.ID == 3 && (!g.Amount.Equal(decimal.RequireFromString("1071")) || !g.AmountPaid.Equal(decimal.RequireFromString("1100"))) {
				t.Errorf("invoice A1003: got %s billed, %s paid; want 1071, 1100", g.Amount, g.AmountPaid)
			}
		}
	})
	t.Run("Payments", func(t *testing.T) {
		got, err := r.client.Payments(ctx, fetch.PaymentsOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var want []fetch.Payment
		for _, inv := range fx.Invoices {
			for _, p := range inv.Payments {
				want = append(want, fetch.Payment{ID: p.ID, InvoiceID: inv.ID, InvoiceNumber: inv.Number,
					// Invoice.getPayments documents datePaid as a date (4.18).
					DatePaid: day(p.DatePaid.Date(), loc),
					Amount:   cents(p.Amount), Currency: inv.Currency, Method: p.Method, CheckNumber: p.CheckNumber})
			}
		}
		sameRecords(t, "payment", got, want, func(p fetch.Payment) int { return p.ID })
	})
	now := account.DateTimeFromTime(sandboxtest.Now(), loc)
	t.Run("Engagements", func(t *testing.T) {
		got, err := r.client.Engagements(ctx, fetch.EngagementsOptions{IncludeAppointments: true})
		if err != nil {
			t.Fatal(err)
		}
		var want []fetch.Engagement
		for _, e := range fx.Engagements {
			w := fetch.Engagement{ID: e.ID, Type: e.Type, ClientID: e.ClientID, CompanyID: e.CompanyID, CoachID: e.CoachID,
				Name: e.Name, StartDate: day(e.StartDate, loc), EndDate: day(e.EndDate, loc), AllocationUnits: e.AllocationUnits,
				Allocation: e.Allocation, AllocationPerClient: e.AllocationPerClient, NextInvoiceDate: day(e.NextInvoiceDate, loc),
				IsComplete: e.IsComplete, IsCanceled: e.IsCanceled, DateClosed: at(e.DateClosed, loc), DateAdded: at(e.DateAdded, loc),
				AllocationUsedKnown: true}
			if c := clients[e.ClientID]; c != nil {
				w.WithName = c.FirstName + " " + c.LastName
			} else {
				w.WithName = companies[e.CompanyID]
			}
			if e.Type == "client" && w.AllocationPerClient == 0 {
				w.AllocationPerClient = e.Allocation
			}
			var minutesP, minutesA int
			for _, a := range fx.Appointments {
				if a.EngagementID != e.ID {
					continue
				}
				w.Appointments = append(w.Appointments, fetch.EngagementAppointment{ID: a.ID, CoachID: a.CoachID, ClientID: a.ClientID,
					Name: a.Name, StartDate: at(a.StartDate, loc), EndDate: at(a.EndDate, loc), Status: a.Status,
					DateAdded: at(a.DateAdded, loc), DateCanceled: at(a.DateCanceled, loc), CountsInEngagement: a.CountsInEngagement})
				if a.Status != "A" || a.CountsInEngagement == -1 {
					continue
				}
				mins := int(at(a.EndDate, loc).Sub(at(a.StartDate, loc)).Minutes())
				w.AllocationUsedA++
				minutesA += mins
				if a.StartDate <= now {
					w.AllocationUsedP++
					minutesP += mins
				}
			}
			if e.AllocationUnits == "H" {
				w.AllocationUsedP, w.AllocationUsedA = minutesP/60, minutesA/60
			}
			want = append(want, w)
		}
		sameRecords(t, "engagement", got, want, func(e fetch.Engagement) int { return e.ID })
	})
	t.Run("Appointments", func(t *testing.T) {
		got, err := r.client.Appointments(ctx, fetch.AppointmentsOptions{IncludePending: true, IncludeCanceled: true})
		if err != nil {
			t.Fatal(err)
		}
		var want []fetch.Appointment
		for _, a := range fx.Appointments {
			want = append(want, fetch.Appointment{ID: a.ID, CoachID: a.CoachID, ClientID: a.ClientID, EngagementID: a.EngagementID,
				Name: a.Name, StartDate: at(a.StartDate, loc), EndDate: at(a.EndDate, loc), Status: a.Status,
				DateAdded: at(a.DateAdded, loc), DateCanceled: at(a.DateCanceled, loc), Location: a.Location,
				Description: a.Description, CountsInEngagement: a.CountsInEngagement, Reminders: wantReminders(a.Reminders, loc)})
		}
		sameRecords(t, "appointment", got, want, func(a fetch.Appointment) int { return a.ID })
		active, err := r.client.Appointments(ctx, fetch.AppointmentsOptions{ClientID: 101, From: time.Date(2025, 5, 1, 0, 0, 0, 0, loc), To: time.Date(2025, 5, 31, 0, 0, 0, 0, loc)})
		if err != nil || len(active) != 1 || active[0].ID != 1 {
			t.Errorf("client 101 in May: got %+v, %v; want appointment 1", active, err)
		}
	})
	t.Run("Sessions", func(t *testing.T) {
		got, err := r.client.Sessions(ctx, fetch.SessionsOptions{IncludeDrafts: true})
		if err != nil {
			t.Fatal(err)
		}
		var want []fetch.Session
		for _, s := range fx.Sessions {
			w := fetch.Session{ID: s.ID, CoachID: s.CoachID, ClientID: s.ClientID, DateOf: at(s.DateOf, loc), Title: s.Title,
				Content: s.Content, IsDraft: s.IsDraft, DateAdded: at(s.DateAdded, loc), DateDone: at(s.DateDone, loc)}
			for _, a := range s.Answers {
				w.Answers = append(w.Answers, fetch.Answer{Name: a.Name, Value: a.Value, NumberValue: nullFixed(a.NumberValue)})
			}
			want = append(want, w)
		}
		sameRecords(t, "session", got, want, func(s fetch.Session) int { return s.ID })
	})
	t.Run("Worksheets", func(t *testing.T) {
		got, err := r.client.Worksheets(ctx, fetch.WorksheetsOptions{IncludeOutstanding: true})
		if err != nil {
			t.Fatal(err)
		}
		var want []fetch.Worksheet
		for _, w := range fx.Worksheets {
			ws := fetch.Worksheet{ID: w.ID, CoachID: w.CoachID, ClientID: w.ClientID, Title: w.Title,
				DateAssigned: at(w.DateAssigned, loc), DateDue: at(w.DateDue, loc), DateDone: at(w.DateDone, loc),
				IsDone: w.IsDone, Reminders: wantReminders(w.Reminders, loc)}
			for _, a := range w.Answers {
				ws.Answers = append(ws.Answers, fetch.Answer{Name: a.Name, Value: a.Value, NumberValue: nullFixed(a.NumberValue)})
			}
			want = append(want, ws)
		}
		sameRecords(t, "worksheet", got, want, func(w fetch.Worksheet) int { return w.ID })
		done, err := r.client.Worksheets(ctx, fetch.WorksheetsOptions{})
		if err != nil || len(done) != 1 || done[0].ID != 1 {
			t.Errorf("completed worksheets: got %+v, %v; want worksheet 1", done, err)
		}
	})
	projects := map[int]string{}
	for _, p := range fx.ActionProjects {
		projects[p.ID] = p.Name
	}
	t.Run("ActionsForClients", func(t *testing.T) {
		ids := []int{106, 101, 102}
		got, err := r.client.ActionsForClients(ctx, ids, fetch.ActionsOptions{IncludeDone: true, IncludeCanceled: true, IncludeForCoach: true})
		if err != nil {
			t.Fatal(err)
		}
		var want []fetch.Action
		for _, a := range fx.Actions {
			want = append(want, fetch.Action{ID: a.ID, ClientID: a.ClientID, CoachID: a.CoachID, ActionProjectID: a.ActionProjectID,
				ProjectName: projects[a.ActionProjectID], Action: a.Action, ForWho: a.ForWho, DateDue: at(a.DateDue, loc),
				DateDone: at(a.DateDone, loc), IsDone: a.IsDone, IsCanceled: a.IsCanceled, Reminders: wantReminders(a.Reminders, loc)})
		}
		if !slices.IsSortedFunc(got, func(a, b fetch.Action) int { return a.ClientID - b.ClientID }) {
			t.Errorf("actions not in client ID order: %v", got)
		}
		sameRecords(t, "action", got, want, func(a fetch.Action) int { return a.ID })
		open, err := r.client.Actions(ctx, 101, fetch.ActionsOptions{})
		if err != nil || len(open) != 1 || open[0].ID != 2 {
			t.Errorf("open actions of 101: got %+v, %v; want action 2", open, err)
		}
	})
	t.Run("MetricsForClients", func(t *testing.T) {
		got, err := r.client.MetricsForClients(ctx, []int{102, 101, 103}, fetch.MetricsOptions{IncludeCompleted: true})
		if err != nil {
			t.Fatal(err)
		}
		var want []fetch.Metric
		for _, m := range fx.Metrics {
			w := fetch.Metric{ID: m.ID, ClientID: m.ClientID, Name: m.Name, Units: m.Units, TotalWeight: m.TotalWeight,
				StartDate: day(m.StartDate, loc), EndDate: day(m.EndDate, loc), TargetMode: m.TargetMode,
				TargetStart: nullFixed(m.TargetStart), TargetEnd: nullFixed(m.TargetEnd), DataMode: m.DataMode, RepeatRule: m.RepeatRule}
			for _, p := range m.Data {
				w.Data = append(w.Data, fetch.DataPoint{DateOf: day(p.DateOf, loc), Value: fixed(p.Value), Comment: p.Comment})
			}
			want = append(want, w)
		}
		if !slices.IsSortedFunc(got, func(a, b fetch.Metric) int { return a.ClientID - b.ClientID }) {
			t.Errorf("metrics not in client ID order")
		}
		sameRecords(t, "metric", got, want, func(m fetch.Metric) int { return m.ID })
		bare, err := r.client.Metrics(ctx, 101, fetch.MetricsOptions{WithoutData: true})
		if err != nil || len(bare) != 1 || len(bare[0].Data) != 0 {
			t.Errorf("metrics of 101 without data: got %+v, %v", bare, err)
		}
	})
	t.Run("DataFetch listing", func(t *testing.T) {
		got, err := r.client.DataFetch(ctx, fetch.DataFetchOptions{FieldName: "Weight", Structure: 'L', IncludeCoachName: true})
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, p := range fx.Metrics[0].Data {
			want = append(want, fmt.Sprintf("101 Ava Chen Olivia Owner %s %s", day(p.DateOf, loc).Format(time.DateOnly), fixed(p.Value)))
		}
		var gotS []string
		for _, row := range got.Rows {
			gotS = append(gotS, fmt.Sprintf("%d %s %s %s %s", row.ClientID, row.ClientName, row.CoachName, row.Date.Format(time.DateOnly), row.Value.Decimal))
			if row.Date.Location() != r.client.Location() {
				t.Errorf("row date in %v", row.Date.Location())
			}
		}
		if strings.Join(gotS, "\n") != strings.Join(want, "\n") {
			t.Errorf("got\n%s\nwant\n%s", strings.Join(gotS, "\n"), strings.Join(want, "\n"))
		}
	})
	t.Run("DataFetch grid", func(t *testing.T) {
		got, err := r.client.DataFetch(ctx, fetch.DataFetchOptions{FieldName: "Weight", Bucket: 'M', WhatData: 'B'})
		if err != nil {
			t.Fatal(err)
		}
		// One client, one bucket (May 2025): the latest point, 176.25 lbs.
		if len(got.Cells) != 1 {
			t.Fatalf("got %d cells, want 1: %+v", len(got.Cells), got.Cells)
		}
		c := got.Cells[0]
		if c.ClientID != 101 || !c.BucketStart.Equal(time.Date(2025, 5, 1, 0, 0, 0, 0, loc)) ||
			!c.Value.Valid || !c.Value.Decimal.Equal(decimal.RequireFromString("176.25")) || c.Text != "176.25 lbs" {
			t.Errorf("got %+v", c)
		}
	})
	t.Run("ActivityStats", func(t *testing.T) {
		got, err := r.client.ActivityStats(ctx, fetch.ActivityStatsOptions{ClientID: 101, Bucket: 'M',
			From: time.Date(2025, 5, 1, 0, 0, 0, 0, loc), To: time.Date(2025, 6, 30, 0, 0, 0, 0, loc), ItemTypes: "JFC"})
		if err != nil {
			t.Fatal(err)
		}
		// Client 101's journal entry, file and comment are all in May.
		var counts []string
		for _, c := range got.Cells {
			counts = append(counts, fmt.Sprintf("%d %s %s", c.ClientID, c.BucketStart.Format(time.DateOnly), c.Value.Decimal))
		}
		if want := "101 2025-05-01 3|101 2025-06-01 0"; strings.Join(counts, "|") != want {
			t.Errorf("got %s, want %s", strings.Join(counts, "|"), want)
		}
		if len(got.Clients) != 1 || !got.Clients[0].Total.Decimal.Equal(decimal.NewFromInt(3)) || !got.Clients[0].Average.Decimal.Equal(decimal.RequireFromString("1.5")) {
			t.Errorf("totals: got %+v", got.Clients)
		}
	})
}
