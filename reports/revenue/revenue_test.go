package revenue_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/fetch/sandbox"
	"github.com/careport/careport/fetch/sandbox/account"
	"github.com/careport/careport/fetch/sandbox/generate"
	"github.com/careport/careport/fetch/sandbox/sandboxtest"
	"github.com/careport/careport/reports/model"
	"github.com/careport/careport/reports/revenue"
)

// Edge-case clients added to the sample account.
const (
	boundaryClient = "Zed Boundary" // eight unpaid invoices 0..91 days past due
	overpaidClient = "Olga Overpaid"
	lateClient     = "Lena Late" // payments after the period, last-hour payments
)

// boundaryDays are the days past due at 2026-09-30 of the boundary client's
// invoices; invoice k is for 1000 + days whole units.
var boundaryDays = []int{0, 1, 30, 31, 60, 61, 90, 91}

func cents100(units int) account.Cents { return account.Cents(units * 100) }

// testAccount returns the small sample account with the edge cases above,
// all in USD and around September 2026.
func testAccount(t testing.TB) *account.Account {
	t.Helper()
	a, err := generate.Generate(generate.Small, generate.SampleSeed)
	if err != nil {
		t.Fatalf("generate: %v", err)
	}
	maxClient, maxInv, maxPay := 0, 0, 0
	for _, c := range a.Clients {
		maxClient = max(maxClient, c.ID)
	}
	for _, inv := range a.Invoices {
		maxInv = max(maxInv, inv.ID)
		for _, p := range inv.Payments {
			maxPay = max(maxPay, p.ID)
		}
	}
	base := a.Clients[0]
	newClient := func(first, last string) int {
		c := *base
		maxClient++
		c.ID, c.FirstName, c.LastName, c.CompanyID = maxClient, first, last, 0
		c.Email = strings.ToLower(first) + "@example.com"
		a.Clients = append(a.Clients, &c)
		a.Pairings = append(a.Pairings, &account.Pairing{CoachID: c.CoachID, ClientID: c.ID, Type: "P",
			StartDate: account.DateTimeOf(2024, 1, 1, 9, 0, 0)})
		return c.ID
	}
	addInv := func(client int, dateOf, due account.Date, units int, pays ...*account.Payment) {
		maxInv++
		inv := &account.Invoice{ID: maxInv, Number: "T" + strconv.Itoa(maxInv), DateAdded: dateOf.At(9, 0, 0),
			DateOf: dateOf, DateDue: due, Currency: "USD", ClientID: client,
			LineItems: []*account.LineItem{{Item: "Edge case", Amount: cents100(units)}}}
		for _, p := range pays {
			maxPay++
			p.ID = maxPay
			inv.Payments = append(inv.Payments, p)
		}
		a.Invoices = append(a.Invoices, inv)
	}
	pay := func(dt account.DateTime, units int) *account.Payment {
		return &account.Payment{DatePaid: dt, Amount: cents100(units), Method: "Check"}
	}
	asOf := account.DateOf(2026, 9, 30)
	zed := newClient("Zed", "Boundary")
	for _, d := range boundaryDays {
		due := asOf.AddDays(-d)
		addInv(zed, due.AddDays(-14), due, 1000+d)
	}
	olga := newClient("Olga", "Overpaid")
	addInv(olga, account.DateOf(2026, 9, 10), account.DateOf(2026, 9, 24), 100,
		pay(account.DateTimeOf(2026, 9, 15, 12, 0, 0), 120))
	lena := newClient("Lena", "Late")
	addInv(lena, account.DateOf(2026, 9, 20), account.DateOf(2026, 10, 4), 200,
		pay(account.DateTimeOf(2026, 9, 25, 10, 0, 0), 50), pay(account.DateTimeOf(2026, 10, 3, 10, 0, 0), 150))
	addInv(lena, asOf, asOf.AddDays(14), 300,
		pay(account.DateTimeOf(2026, 9, 30, 23, 59, 30), 100), pay(account.DateTimeOf(2026, 10, 1, 0, 0, 0), 100))
	addInv(lena, account.DateOf(2026, 8, 31), account.DateOf(2026, 9, 14), 70,
		pay(account.DateTimeOf(2026, 8, 31, 23, 30, 0), 70))
	return a
}

// fetchData serves a over real HTTP with the sandbox and fetches it with the
// production client.
func fetchData(t testing.TB, a *account.Account) *revenue.Data {
	t.Helper()
	loc, err := time.LoadLocation(a.Timezone)
	if err != nil {
		t.Fatal(err)
	}
	now := func() time.Time { return time.Date(2026, 10, 31, 12, 0, 0, 0, loc) }
	_, url := sandboxtest.Start(t, sandbox.Options{Account: a, Now: now})
	c, err := fetch.New(fetch.Config{BaseURL: url,
		Credentials: fetch.Credentials{APIID: sandboxtest.APIID, APIKey: sandboxtest.APIKey}})
	if err != nil {
		t.Fatal(err)
	}
	d, err := revenue.Fetch(t.Context(), c, now)
	if err != nil {
		t.Fatalf("fetch: %v", err)
	}
	return d
}

// cell renders a value the way the reference does.
func cell(v model.Value) string {
	switch v.Kind() {
	case model.KindText:
		return v.Str()
	case model.KindInt:
		return strconv.FormatInt(v.Int(), 10)
	case model.KindMoney:
		return v.Decimal().StringFixed(2)
	case model.KindTime:
		return v.Time().Format(time.DateOnly)
	case model.KindPercent:
		return v.Decimal().StringFixed(4)
	}
	return ""
}

// cells returns a sheet's data rows and totals row as strings.
func cells(t *testing.T, s *model.Sheet) [][]string {
	t.Helper()
	var out [][]string
	err := s.EachRow(t.Context(), func(_ int, r model.Row) error {
		row := make([]string, len(r))
		for i, v := range r {
			row[i] = cell(v)
		}
		out = append(out, row)
		return nil
	})
	if err != nil {
		t.Fatalf("sheet %q: %v", s.Name, err)
	}
	if s.Totals != nil {
		row := make([]string, len(s.Totals))
		for i, v := range s.Totals {
			row[i] = cell(v)
		}
		out = append(out, row)
	}
	return out
}

func sheet(t *testing.T, r *model.Report, name string) *model.Sheet {
	t.Helper()
	for _, s := range r.Sheets {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("no sheet %q", name)
	return nil
}

// row returns the first row of a sheet's cells whose first cells are key.
func row(t *testing.T, rows [][]string, key ...string) []string {
	t.Helper()
	for _, r := range rows {
		if len(r) >= len(key) && slices.Equal(r[:len(key)], key) {
			return r
		}
	}
	t.Fatalf("no row %q", key)
	return nil
}

func month(y int, m time.Month) model.Period {
	return model.Month(time.Date(y, m, 1, 0, 0, 0, 0, time.UTC), time.UTC)
}

// kpiCells returns a report's KPIs as the reference lists them: currency,
// name, this period, previous period, a year earlier, the two changes.
func kpiCells(kpis []model.KPI) [][]string {
	var out [][]string
	for _, k := range kpis {
		out = append(out, []string{k.Group, k.Name, cell(k.Current), cell(k.Previous), cell(k.YearEarlier),
			cell(k.Change()), cell(k.YearChange())})
	}
	return out
}

// compareAll checks every sheet of r, and its KPIs (the reference's
// kpiSheet), against the reference.
func compareAll(t *testing.T, r *model.Report, want map[string][][]string) {
	t.Helper()
	for name, rows := range want {
		var got [][]string
		if name == kpiSheet {
			got = kpiCells(r.KPIs)
		} else {
			got = cells(t, sheet(t, r, name))
		}
		if len(got) != len(rows) {
			t.Errorf("sheet %q: got %d rows, want %d", name, len(got), len(rows))
		}
		for i := range min(len(got), len(rows)) {
			if !slices.Equal(got[i], rows[i]) {
				t.Errorf("sheet %q row %d:\n got %q\nwant %q", name, i+1, got[i], rows[i])
			}
		}
	}
	for _, s := range r.Sheets {
		if _, ok := want[s.Name]; !ok {
			t.Errorf("sheet %q not checked", s.Name)
		}
	}
}

func TestBuildAgainstSandbox(t *testing.T) {
	a := testAccount(t)
	d := fetchData(t, a)
	coach := a.Clients[0].CoachID
	tests := []struct {
		name     string
		from, to model.Period
		span     span
		coachID  int
		currency string
	}{
		{name: "september", from: month(2026, 9), to: month(2026, 9), span: newSpan(2026, 9, 1)},
		{name: "quarter", from: month(2026, 7), to: month(2026, 9), span: newSpan(2026, 7, 3)},
		{name: "13 months", from: month(2025, 9), to: month(2026, 9), span: newSpan(2025, 9, 13)},
		{name: "coach filter", from: month(2026, 9), to: month(2026, 9), span: newSpan(2026, 9, 1), coachID: coach},
		{name: "currency filter", from: month(2026, 8), to: month(2026, 9), span: newSpan(2026, 8, 2), currency: "EUR"},
		{name: "currency without invoices", from: month(2026, 9), to: month(2026, 9), span: newSpan(2026, 9, 1), currency: "JPY"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, sum, err := revenue.Build(d, revenue.Options{From: tc.from, To: tc.to, CoachID: tc.coachID,
				Currency: tc.currency, AccountName: a.Name, GeneratedAt: d.FetchedAt})
			if err != nil {
				t.Fatalf("build: %v", err)
			}
			ref := newRef(a, tc.coachID, tc.currency)
			want := ref.sheets(tc.span)
			if tc.currency == "JPY" {
				want["Invoices"] = [][]string{{"Total", "", "", "", "", "0 invoices", "", "JPY",
					"0.00", "0.00", "0.00", "0.00", "0.00"}}
			}
			compareAll(t, r, want)
			if len(sum.Currencies) != len(ref.currencies) {
				t.Fatalf("summary: got %d currencies, want %v", len(sum.Currencies), ref.currencies)
			}
			for i, cs := range sum.Currencies {
				f := ref.fig(ref.currencies[i], tc.span)
				if got, want := cs.Current.Invoiced.StringFixed(2), cents(f.invoiced); cs.Currency != ref.currencies[i] || got != want {
					t.Errorf("summary %s invoiced: got %s, want %s", cs.Currency, got, want)
				}
				if got, want := cs.Current.Outstanding.StringFixed(2), cents(f.outstanding); got != want {
					t.Errorf("summary %s outstanding: got %s, want %s", cs.Currency, got, want)
				}
			}
			if got, want := sum.Period.Label, tc.span.label; got != want {
				t.Errorf("period: got %s, want %s", got, want)
			}
		})
	}
}
