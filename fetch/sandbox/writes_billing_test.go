package sandbox

import (
	"reflect"
	"testing"

	"github.com/careport/careport/fetch/sandbox/account"
)

func TestInvoiceAdd(t *testing.T) {
	base := []string{"ClientID", "101", "dateOf", "2025-06-30", "lineItemSet", "One month of coaching::400\r\n\r\nLoyalty discount::-25.50\n"}
	with := func(kv ...string) []string { return append(append([]string{}, base...), kv...) }
	items := []*account.LineItem{{Item: "One month of coaching", Amount: 40000}, {Item: "Loyalty discount", Amount: -2550}}
	tests := []struct {
		name   string
		kv     []string
		setup  func(a *account.Account)
		result string
		wantID int
		want   *account.Invoice // nil when no invoice is added
	}{
		{name: "defaults", kv: base, result: "added", wantID: 4, want: &account.Invoice{ID: 4, Number: "1005",
			DateAdded: wDT(2025, 6, 30, 12, 0), DateOf: wDate(2025, 6, 30), DateDue: wDate(2025, 7, 14), Currency: "USD",
			ClientID: 101, LineItems: items}},
		{name: "account payment term", kv: base, setup: func(a *account.Account) { a.PaymentTermDays = 30 }, result: "added", wantID: 4,
			want: &account.Invoice{ID: 4, Number: "1005", DateAdded: wDT(2025, 6, 30, 12, 0), DateOf: wDate(2025, 6, 30),
				DateDue: wDate(2025, 7, 30), Currency: "USD", ClientID: 101, LineItems: items}},
		{name: "first number of an account", kv: base, setup: func(a *account.Account) { a.Invoices = nil }, result: "added", wantID: 1,
			want: &account.Invoice{ID: 1, Number: "1001", DateAdded: wDT(2025, 6, 30, 12, 0), DateOf: wDate(2025, 6, 30),
				DateDue: wDate(2025, 7, 14), Currency: "USD", ClientID: 101, LineItems: items}},
		{name: "given values", kv: with("dateDue", "8/1/2025", "number", " B-17 ", "taxRate", "7.5", "currency", "eur",
			"collectPaymentIfPossible", "true"), result: "added", wantID: 4,
			want: &account.Invoice{ID: 4, Number: "B-17", DateAdded: wDT(2025, 6, 30, 12, 0), DateOf: wDate(2025, 6, 30),
				DateDue: wDate(2025, 8, 1), Currency: "EUR", TaxRate: 75000, ClientID: 101, LineItems: items}},
		{name: "unknown currency falls back", kv: with("currency", "GBP", "number", "123456789012345678901234"), result: "added", wantID: 4,
			want: &account.Invoice{ID: 4, Number: "12345678901234567890", DateAdded: wDT(2025, 6, 30, 12, 0), DateOf: wDate(2025, 6, 30),
				DateDue: wDate(2025, 7, 14), Currency: "USD", ClientID: 101, LineItems: items}},
		{name: "company invoice", kv: []string{"CompanyID", "1", "dateOf", "2025-06-30", "lineItemSet", "Workshop::1000"}, result: "added", wantID: 4,
			want: &account.Invoice{ID: 4, Number: "1005", DateAdded: wDT(2025, 6, 30, 12, 0), DateOf: wDate(2025, 6, 30),
				DateDue: wDate(2025, 7, 14), Currency: "USD", CompanyID: 1, LineItems: []*account.LineItem{{Item: "Workshop", Amount: 100000}}}},
		{name: "duplicate skipped", kv: with("number", "1001"), result: "duplicateSkipped", wantID: 1},
		{name: "duplicate added", kv: with("number", "A1009", "onDuplicateNumber", "A"), result: "duplicateAdded", wantID: 4,
			want: &account.Invoice{ID: 4, Number: "A1009", DateAdded: wDT(2025, 6, 30, 12, 0), DateOf: wDate(2025, 6, 30),
				DateDue: wDate(2025, 7, 14), Currency: "USD", ClientID: 101, LineItems: items}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := wFixture()
			if tc.setup != nil {
				tc.setup(a)
			}
			before := len(a.Invoices)
			ret := wOK(t, a, tc.result, "Invoice.add", tc.kv...)
			if id := wID(t, ret, "InvoiceID"); id != tc.wantID {
				t.Fatalf("InvoiceID %d, want %d", id, tc.wantID)
			}
			if tc.want == nil {
				if len(a.Invoices) != before {
					t.Fatalf("%d invoices, want %d", len(a.Invoices), before)
				}
				return
			}
			got := a.Invoices[len(a.Invoices)-1]
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %+v\nwant %+v", *got, *tc.want)
			}
			wValid(t, a)
		})
	}
}

func TestInvoiceAddPayment(t *testing.T) {
	tests := []struct {
		name    string
		kv      []string
		invoice int
		want    account.Payment
	}{
		{name: "defaults", kv: []string{"InvoiceID", "1", "amount", "10"}, invoice: 1,
			want: account.Payment{ID: 7, DatePaid: wDT(2025, 6, 30, 12, 0), Amount: 1000, Method: "Credit Card"}},
		{name: "exact balance by number, check", kv: []string{"InvoiceID", "#1001", "amount", "60.00", "dateOf", "2025-06-30",
			"method", "Check", "checkNumber", "22312231223122312231XX"}, invoice: 1,
			want: account.Payment{ID: 7, DatePaid: wDT(2025, 6, 30, 0, 0), Amount: 6000, Method: "Check", CheckNumber: "22312231223122312231"}},
		{name: "datePaid alias with time, check number dropped", kv: []string{"InvoiceID", "3", "amount", "12.5", "datePaid", "2025-06-30 11:59:59",
			"method", "Bank Transfer", "checkNumber", "99"}, invoice: 3,
			want: account.Payment{ID: 7, DatePaid: account.DateTimeOf(2025, 6, 30, 11, 59, 59), Amount: 1250, Method: "Bank Transfer"}},
		{name: "dateOf wins over datePaid", kv: []string{"InvoiceID", "1", "amount", "1", "dateOf", "6/1/2025", "datePaid", "2025-06-02"}, invoice: 1,
			want: account.Payment{ID: 7, DatePaid: wDT(2025, 6, 1, 0, 0), Amount: 100, Method: "Credit Card"}},
		{name: "overpay allowed", kv: []string{"InvoiceID", "#1004", "amount", "900", "allowOverpay", "true", "method", "Cash"}, invoice: 2,
			want: account.Payment{ID: 7, DatePaid: wDT(2025, 6, 30, 12, 0), Amount: 90000, Method: "Cash"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := wFixture()
			ret := wOK(t, a, "added", "Invoice.addPayment", tc.kv...)
			if id := wID(t, ret, "PaymentID"); id != tc.want.ID {
				t.Fatalf("PaymentID %d, want %d", id, tc.want.ID)
			}
			inv := a.Invoices[tc.invoice-1]
			if got := inv.Payments[len(inv.Payments)-1]; *got != tc.want {
				t.Errorf("got %+v, want %+v", *got, tc.want)
			}
			wValid(t, a)
		})
	}
	t.Run("IDs unique across invoices", func(t *testing.T) {
		a := wFixture()
		for i, inv := range []string{"1", "3", "1"} {
			ret := wOK(t, a, "added", "Invoice.addPayment", "InvoiceID", inv, "amount", "1")
			if id := wID(t, ret, "PaymentID"); id != 7+i {
				t.Errorf("payment %d: ID %d, want %d", i, id, 7+i)
			}
		}
		wValid(t, a)
	})
}

func TestInvoiceDeletePayment(t *testing.T) {
	a := wFixture()
	wOK(t, a, "deleted", "Invoice.deletePayment", "PaymentID", "6")
	if inv := a.Invoices[1]; len(inv.Payments) != 0 || inv.AmountPaid() != 0 {
		t.Errorf("invoice 2 payments %v, want none", inv.Payments)
	}
	if len(a.Invoices[0].Payments) != 1 {
		t.Errorf("invoice 1 lost its payment")
	}
	if _, _, e := wRun(t, a, "Invoice.deletePayment", "PaymentID", "6"); e == nil || e.code != 302 {
		t.Errorf("second delete: %v, want 302", e)
	}
	// The balance is free again: the payment that was refused now fits.
	wOK(t, a, "added", "Invoice.addPayment", "InvoiceID", "2", "amount", "50")
}

func TestEngagementAddForClient(t *testing.T) {
	tests := []struct {
		name string
		kv   []string
		want account.Engagement
	}{
		{name: "template defaults", kv: []string{"ClientID", "103", "EngagementTemplateID", "1"}, want: account.Engagement{ID: 4,
			Type: "client", ClientID: 103, CoachID: 1, TemplateID: 1, Name: "Quarter", StartDate: wDate(2025, 6, 30),
			EndDate: wDate(2025, 9, 29), AllocationUnits: "A", Allocation: 12, DateAdded: wDT(2025, 6, 30, 12, 0)}},
		{name: "indefinite template, client's coach", kv: []string{"ClientID", "104", "EngagementTemplateID", "2", "startDate", "2025-07-01"},
			want: account.Engagement{ID: 4, Type: "client", ClientID: 104, CoachID: 2, TemplateID: 2, Name: "Hours",
				StartDate: wDate(2025, 7, 1), AllocationUnits: "H", Allocation: 10, DateAdded: wDT(2025, 6, 30, 12, 0)}},
		{name: "month overflow like PHP", kv: []string{"ClientID", "103", "EngagementTemplateID", "1", "startDate", "2025-11-30"},
			want: account.Engagement{ID: 4, Type: "client", ClientID: 103, CoachID: 1, TemplateID: 1, Name: "Quarter",
				StartDate: wDate(2025, 11, 30), EndDate: wDate(2026, 3, 1), AllocationUnits: "A", Allocation: 12, DateAdded: wDT(2025, 6, 30, 12, 0)}},
		{name: "given values", kv: []string{"ClientID", "103", "EngagementTemplateID", "1", "CoachID", "2", "startDate", "7/1/2025",
			"endDate", "2025-07-01", "allocation", "6 H", "initializeInvoices", "true"},
			want: account.Engagement{ID: 4, Type: "client", ClientID: 103, CoachID: 2, TemplateID: 1, Name: "Quarter",
				StartDate: wDate(2025, 7, 1), EndDate: wDate(2025, 7, 1), AllocationUnits: "H", Allocation: 6, DateAdded: wDT(2025, 6, 30, 12, 0)}},
		{name: "overlap allowed", kv: []string{"ClientID", "101", "EngagementTemplateID", "1", "startDate", "2025-06-01",
			"allowMultipleCurrentEngagements", "1"},
			want: account.Engagement{ID: 4, Type: "client", ClientID: 101, CoachID: 1, TemplateID: 1, Name: "Quarter",
				StartDate: wDate(2025, 6, 1), EndDate: wDate(2025, 8, 31), AllocationUnits: "A", Allocation: 12, DateAdded: wDT(2025, 6, 30, 12, 0)}},
		{name: "right after another", kv: []string{"ClientID", "101", "EngagementTemplateID", "2", "startDate", "2025-07-01"},
			want: account.Engagement{ID: 4, Type: "client", ClientID: 101, CoachID: 1, TemplateID: 2, Name: "Hours",
				StartDate: wDate(2025, 7, 1), AllocationUnits: "H", Allocation: 10, DateAdded: wDT(2025, 6, 30, 12, 0)}},
		{name: "after a completed one closed early, over a canceled one", kv: []string{"ClientID", "104", "EngagementTemplateID", "1",
			"startDate", "2025-03-16", "allocation", "0 A"},
			want: account.Engagement{ID: 4, Type: "client", ClientID: 104, CoachID: 1, TemplateID: 1, Name: "Quarter",
				StartDate: wDate(2025, 3, 16), EndDate: wDate(2025, 6, 15), AllocationUnits: "A", Allocation: 0, DateAdded: wDT(2025, 6, 30, 12, 0)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := wFixture()
			ret := wOK(t, a, "added", "Engagement.addForClient", tc.kv...)
			if id := wID(t, ret, "EngagementID"); id != 4 {
				t.Fatalf("EngagementID %d, want 4", id)
			}
			if got := *a.Engagements[3]; got != tc.want {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestEngagementComplete(t *testing.T) {
	tests := []struct {
		name   string
		kv     []string
		setup  func(a *account.Account)
		result string
		want   account.DateTime
	}{
		{name: "now", kv: []string{"EngagementID", "1"}, result: "updated", want: wDT(2025, 6, 30, 12, 0)},
		{name: "end date", kv: []string{"EngagementID", "1", "whenOption", "E"}, result: "updated", want: account.DateTimeOf(2025, 6, 30, 23, 59, 59)},
		{name: "last appointment not canceled", kv: []string{"EngagementID", "1", "whenOption", "U"}, result: "updated", want: wDT(2025, 5, 1, 10, 0)},
		{name: "indefinite end falls back to now", kv: []string{"EngagementID", "1", "whenOption", "E"},
			setup: func(a *account.Account) { a.Engagements[0].EndDate = 0 }, result: "updated", want: wDT(2025, 6, 30, 12, 0)},
		{name: "no appointments falls back to now", kv: []string{"EngagementID", "1", "whenOption", "U"},
			setup: func(a *account.Account) { a.Appointments = nil }, result: "updated", want: wDT(2025, 6, 30, 12, 0)},
		{name: "already complete", kv: []string{"EngagementID", "2"}, result: "noop", want: wDT(2025, 3, 15, 9, 0)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := wFixture()
			if tc.setup != nil {
				tc.setup(a)
			}
			wOK(t, a, tc.result, "Engagement.complete", tc.kv...)
			en := findEngagement(a, atoi(tc.kv[1]))
			if !en.IsComplete || en.IsCanceled || en.DateClosed != tc.want {
				t.Errorf("complete %v, canceled %v, dateClosed %s; want complete at %s", en.IsComplete, en.IsCanceled, en.DateClosed, tc.want)
			}
		})
	}
}

func TestEngagementCancel(t *testing.T) {
	a := wFixture()
	wOK(t, a, "updated", "Engagement.cancel", "EngagementID", "1")
	if en := a.Engagements[0]; !en.IsCanceled || en.IsComplete || en.DateClosed != wDT(2025, 6, 30, 12, 0) {
		t.Errorf("got %+v, want canceled now", *en)
	}
	wOK(t, a, "noop", "Engagement.cancel", "EngagementID", "3")
	if en := a.Engagements[2]; en.DateClosed != wDT(2025, 6, 2, 9, 0) {
		t.Errorf("noop changed dateClosed to %s", en.DateClosed)
	}
	// A canceled engagement no longer blocks a new one.
	wOK(t, a, "added", "Engagement.addForClient", "ClientID", "101", "EngagementTemplateID", "1", "startDate", "2025-06-01")
}
