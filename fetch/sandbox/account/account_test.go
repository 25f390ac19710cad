package account

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestCivilJSON(t *testing.T) {
	tests := []struct {
		name string
		in   any
		want string
	}{
		{"date", DateOf(2026, 10, 31), `"2026-10-31"`},
		{"zero date", Date(0), `null`},
		{"date before 1970", DateOf(1969, 12, 31), `"1969-12-31"`},
		{"datetime", DateTimeOf(2026, 3, 8, 2, 30, 5), `"2026-03-08 02:30:05"`},
		{"zero datetime", DateTime(0), `null`},
		{"cents", Cents(41250), `412.50`},
		{"negative cents", Cents(-5), `-0.05`},
		{"fixed", Fixed(125000), `12.5`},
		{"fixed negative fraction", Fixed(-2500), `-0.25`},
		{"fixed integer", Fixed(30000), `3`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := json.Marshal(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != tc.want {
				t.Errorf("got %s, want %s", b, tc.want)
			}
		})
	}
}

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    Fixed
		wantErr bool
	}{
		{"12.5", 125000, false}, {"-0.25", -2500, false}, {"+3", 30000, false}, {".5", 5000, false},
		{"1.23456", 0, true}, {"1e3", 0, true}, {"1,000", 0, true}, {"", 0, true}, {"-", 0, true}, {"12 lbs", 0, true},
	} {
		got, err := ParseFixed(tc.in)
		if (err != nil) != tc.wantErr || got != tc.want {
			t.Errorf("ParseFixed(%q): got %v, %v; want %v, error %v", tc.in, got, err, tc.want, tc.wantErr)
		}
	}
	if _, err := ParseCents("1.005"); err == nil {
		t.Error("ParseCents(1.005): got nil error, want more than two decimals")
	}
	var d Date
	if err := json.Unmarshal([]byte(`"2025-02-30"`), &d); err == nil {
		t.Errorf("2025-02-30: got %v, want an error", d)
	}
	dt, err := ParseDateTime("2026-01-02 03:04")
	if err != nil || dt.String() != "2026-01-02 03:04:00" || dt.Date() != DateOf(2026, 1, 2) {
		t.Errorf("ParseDateTime: got %v, %v", dt, err)
	}
	ny, _ := time.LoadLocation("America/New_York")
	if got := dt.Time(ny); got.Hour() != 3 || got.Location() != ny {
		t.Errorf("DateTime.Time: got %v", got)
	}
}

func TestInvoiceTotals(t *testing.T) {
	tests := []struct {
		name    string
		items   []Cents
		rate    string
		wantTax Cents
	}{
		{"no tax", []Cents{40000}, "0", 0},
		{"7.5 percent", []Cents{40000, 60000}, "7.5", 7500},
		{"half cent rounds up", []Cents{9999}, "8.25", 825}, // 824.9175 -> 825
		{"exact half rounds away from zero", []Cents{10}, "5", 1},
		{"negative subtotal", []Cents{-10}, "5", -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rate, _ := ParseFixed(tc.rate)
			inv := &Invoice{TaxRate: rate}
			var sub Cents
			for _, a := range tc.items {
				inv.LineItems = append(inv.LineItems, &LineItem{Item: "x", Amount: a})
				sub += a
			}
			if got := inv.Tax(); got != tc.wantTax {
				t.Errorf("Tax: got %v, want %v", got, tc.wantTax)
			}
			if got := inv.Amount(); got != sub+tc.wantTax {
				t.Errorf("Amount: got %v, want %v", got, sub+tc.wantTax)
			}
		})
	}
}

func minimal() *Account {
	return &Account{
		Timezone: "America/Denver", Currency: "USD",
		Coaches:  []*Coach{{ID: 1}},
		Clients:  []*Client{{ID: 10, CoachID: 1}},
		Invoices: []*Invoice{{ID: 5, ClientID: 10, Currency: "USD", Payments: []*Payment{{ID: 1}}}},
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name    string
		change  func(a *Account)
		wantErr string // "" = valid
	}{
		{"valid", func(a *Account) {}, ""},
		{"bad timezone", func(a *Account) { a.Timezone = "Mars/Olympus" }, "timezone"},
		{"no currency", func(a *Account) { a.Currency = "" }, "currency"},
		{"duplicate coach", func(a *Account) { a.Coaches = append(a.Coaches, &Coach{ID: 1}) }, "coach ID 1"},
		{"null client", func(a *Account) { a.Clients = append(a.Clients, nil) }, "client number 2 is null"},
		{"client of missing coach", func(a *Account) { a.Clients[0].CoachID = 9 }, "coach 9"},
		{"invoice of nobody", func(a *Account) { a.Invoices[0].ClientID = 0 }, "neither a client nor a company"},
		{"duplicate payment", func(a *Account) {
			a.Invoices = append(a.Invoices, &Invoice{ID: 6, ClientID: 10, Currency: "USD", Payments: []*Payment{{ID: 1}}})
		}, "payment ID 1"},
		{"metric of missing client", func(a *Account) { a.Metrics = []*Metric{{ID: 1, ClientID: 99}} }, "client 99"},
		{"duplicate data point", func(a *Account) {
			a.Metrics = []*Metric{{ID: 1, ClientID: 10, Data: []*DataPoint{{ID: 3}, {ID: 3}}}}
		}, "metric data point ID 3"},
		{"appointment of missing engagement", func(a *Account) {
			a.Appointments = []*Appointment{{ID: 1, CoachID: 1, ClientID: 10, EngagementID: 4}}
		}, "engagement 4"},
		{"engagement of nobody", func(a *Account) { a.Engagements = []*Engagement{{ID: 1}} }, "neither a client nor a company"},
		{"group member missing", func(a *Account) { a.Groups = []*Group{{ID: 1, ClientIDs: []int{10, 11}}} }, "client 11"},
		{"bad pairing type", func(a *Account) { a.Pairings = []*Pairing{{CoachID: 1, ClientID: 10, Type: "X"}} }, "type \"X\""},
		{"bad activity kind", func(a *Account) { a.Activities = []*Activity{{ClientID: 10, Kind: "Z"}} }, "kind \"Z\""},
		{"null reminder", func(a *Account) {
			a.Actions = []*Action{{ID: 1, ClientID: 10, Reminders: []*Reminder{nil}}}
		}, "reminder number 1 is null"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := minimal()
			tc.change(a)
			err := a.Validate()
			switch {
			case tc.wantErr == "" && err != nil:
				t.Errorf("got %v, want valid", err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Errorf("got %v, want an error containing %q", err, tc.wantErr)
			}
		})
	}
}

func TestSaveLoad(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.json")
	a := minimal()
	if err := a.Save(path); err != nil {
		t.Fatal(err)
	}
	b, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if b.Invoices[0].Payments[0].ID != 1 || b.Clients[0].CoachID != 1 {
		t.Errorf("round trip lost data: %+v", b)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("Save left %d files, want 1", len(entries))
	}
	if err := os.WriteFile(path, []byte(`{"timezone":"UTC","currency":"USD","bogus":1}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(path); err == nil || !strings.Contains(err.Error(), "bogus") {
		t.Errorf("unknown field: got %v", err)
	}
}
