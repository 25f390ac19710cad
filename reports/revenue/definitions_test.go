package revenue_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/fetch/sandbox/account"
	"github.com/careport/careport/fetch/sandbox/generate"
	"github.com/careport/careport/reports/model"
	"github.com/careport/careport/reports/revenue"
	"github.com/shopspring/decimal"
)

// defAccount is an account purpose-built for the revenue definitions: the
// small sample account's people with every invoice replaced by these (tax 0,
// amounts in whole minor units of two decimals as the API sends them):
//
//   - Carl Change, whose primary coach changes from A to B at 10:00 on
//     2026-06-15 (A keeps coaching access): 40 on 2023-12-01 (before any
//     pairing history), 100 on 2026-03-10, 50 on 2026-06-14, 200 on
//     2026-06-15 and 300 on 2026-09-10, each paid in cash at noon that day.
//   - Pia Prepaid: 500 dated 2026-10-05, 300 of it paid on 2026-09-20.
//   - Rolf Refund: 100 dated 2026-08-10, paid 140 on 2026-08-12, refunded
//     -40 on 2026-09-05 (a refund only in September).
//   - Nora Note: 200 dated 2026-09-03 (due 09-17), 150 paid 2026-09-20, and a
//     credit note of -50 dated 2026-09-15, not refunded.
//   - Zoe Zero: an invoice of 0 dated 2026-09-08.
//   - Kareem Kuwait: 10.00, 10.01 and 10.01 KWD on 2026-09-01..03, unpaid.
//   - Junko Japan: 1000 and 1001 JPY on 2026-09-01 and 02, unpaid.
//
// Everyone but Carl has coach C. With beforeChange, Carl's history is a
// single primary period with A, still current, as it was before the change.
func defAccount(t testing.TB, beforeChange bool) (a *account.Account, coachA, coachB, coachC int) {
	t.Helper()
	a, err := generate.Generate(generate.Small, generate.SampleSeed)
	if err != nil {
		t.Fatalf("generate: %v", err)
	}
	if len(a.Coaches) < 5 {
		t.Fatalf("sample account has %d coaches, want 5 or more", len(a.Coaches))
	}
	coachA, coachB, coachC = a.Coaches[2].ID, a.Coaches[3].ID, a.Coaches[4].ID
	a.Invoices = nil
	maxClient := 0
	for _, c := range a.Clients {
		maxClient = max(maxClient, c.ID)
	}
	base := a.Clients[0]
	since := account.DateTimeOf(2024, 1, 1, 9, 0, 0)
	newClient := func(first, last string, coach int) int {
		c := *base
		maxClient++
		c.ID, c.FirstName, c.LastName, c.CompanyID, c.CoachID = maxClient, first, last, 0, coach
		c.Email = strings.ToLower(first) + "@example.com"
		a.Clients = append(a.Clients, &c)
		return c.ID
	}
	pair := func(client, coach int, typ string, from, to account.DateTime) {
		a.Pairings = append(a.Pairings, &account.Pairing{CoachID: coach, ClientID: client, Type: typ,
			StartDate: from, EndDate: to})
	}
	n, payID := 0, 0
	pay := func(dt account.DateTime, units int, method string) *account.Payment {
		payID++
		return &account.Payment{ID: payID, DatePaid: dt, Amount: account.Cents(units * 100), Method: method}
	}
	addInv := func(client int, cur string, dateOf account.Date, cents int, pays ...*account.Payment) {
		n++
		a.Invoices = append(a.Invoices, &account.Invoice{ID: n, Number: "D" + strconv.Itoa(100+n),
			DateAdded: dateOf.At(9, 0, 0), DateOf: dateOf, DateDue: dateOf.AddDays(14), Currency: cur,
			ClientID: client, LineItems: []*account.LineItem{{Item: "Coaching", Amount: account.Cents(cents)}},
			Payments: pays})
	}
	noon := func(d account.Date) account.DateTime { return d.At(12, 0, 0) }

	handover := account.DateTimeOf(2026, 6, 15, 10, 0, 0)
	var carl int
	if beforeChange {
		carl = newClient("Carl", "Change", coachA)
		pair(carl, coachA, "P", since, 0)
	} else {
		carl = newClient("Carl", "Change", coachB)
		pair(carl, coachA, "P", since, handover)
		pair(carl, coachA, "C", handover, 0)
		pair(carl, coachB, "P", handover, 0)
	}
	for _, x := range []struct {
		d     account.Date
		units int
	}{{account.DateOf(2023, 12, 1), 40}, {account.DateOf(2026, 3, 10), 100}, {account.DateOf(2026, 6, 14), 50},
		{account.DateOf(2026, 6, 15), 200}, {account.DateOf(2026, 9, 10), 300}} {
		addInv(carl, "USD", x.d, x.units*100, pay(noon(x.d), x.units, "Cash"))
	}
	client := func(first, last string) int {
		id := newClient(first, last, coachC)
		pair(id, coachC, "P", since, 0)
		return id
	}
	addInv(client("Pia", "Prepaid"), "USD", account.DateOf(2026, 10, 5), 50000,
		pay(account.DateTimeOf(2026, 9, 20, 10, 0, 0), 300, "Bank Transfer"))
	addInv(client("Rolf", "Refund"), "USD", account.DateOf(2026, 8, 10), 10000,
		pay(account.DateTimeOf(2026, 8, 12, 10, 0, 0), 140, "Check"),
		pay(account.DateTimeOf(2026, 9, 5, 10, 0, 0), -40, "Credit Card"))
	nora := client("Nora", "Note")
	addInv(nora, "USD", account.DateOf(2026, 9, 3), 20000, pay(account.DateTimeOf(2026, 9, 20, 11, 0, 0), 150, "Cash"))
	addInv(nora, "USD", account.DateOf(2026, 9, 15), -5000)
	addInv(client("Zoe", "Zero"), "USD", account.DateOf(2026, 9, 8), 0)
	kareem := client("Kareem", "Kuwait")
	for i, c := range []int{1000, 1001, 1001} {
		addInv(kareem, "KWD", account.DateOf(2026, 9, 1+i), c)
	}
	junko := client("Junko", "Japan")
	for i, c := range []int{100000, 100100} {
		addInv(junko, "JPY", account.DateOf(2026, 9, 1+i), c)
	}
	return a, coachA, coachB, coachC
}

func coachName(t testing.TB, a *account.Account, id int) string {
	t.Helper()
	for _, c := range a.Coaches {
		if c.ID == id {
			return c.FirstName + " " + c.LastName
		}
	}
	t.Fatalf("no coach %d", id)
	return ""
}

// TestDefinitions checks each revenue definition on defAccount against
// figures worked out by hand from the records above.
func TestDefinitions(t *testing.T) {
	a, coachA, coachB, coachC := defAccount(t, false)
	d := fetchData(t, a)
	nameA, nameB, nameC := coachName(t, a, coachA), coachName(t, a, coachB), coachName(t, a, coachC)
	build := func(t *testing.T, from, to model.Period, coach int) (*model.Report, *revenue.Summary) {
		t.Helper()
		r, sum, err := revenue.Build(d, revenue.Options{From: from, To: to, CoachID: coach})
		if err != nil {
			t.Fatalf("build: %v", err)
		}
		return r, sum
	}
	sep, sepSum := build(t, month(2026, 9), month(2026, 9), 0)
	usd := func(t *testing.T, sum *revenue.Summary) revenue.Figures {
		t.Helper()
		for _, c := range sum.Currencies {
			if c.Currency == "USD" {
				return c.Current
			}
		}
		t.Fatalf("no USD in the summary")
		return revenue.Figures{}
	}

	t.Run("coach attribution", func(t *testing.T) {
		// Jan..Sep 2026: A had Carl's 100 (March) and 50 (June 14), B his 200
		// (June 15, the hand-over day) and 300 (September); C has Rolf's 100
		// in August and Nora's 200 and Zoe's 0 in September; Nora's credit
		// note is not invoiced.
		r, _ := build(t, month(2026, 1), month(2026, 9), 0)
		rows := cells(t, sheet(t, r, "By coach"))
		z := "0.00"
		tests := []struct {
			coach string
			want  []string
		}{
			{nameA, []string{z, z, "100.00", z, z, "50.00", z, z, z, "150.00"}},
			{nameB, []string{z, z, z, z, z, "200.00", z, z, "300.00", "500.00"}},
			{nameC, []string{z, z, z, z, z, z, z, "100.00", "200.00", "300.00"}}, // Rolf's August 100
		}
		for _, tc := range tests {
			if got := row(t, rows, tc.coach, "USD")[2:]; !slices.Equal(got, tc.want) {
				t.Errorf("By coach %s: got %q, want %q", tc.coach, got, tc.want)
			}
		}
	})

	t.Run("coach filter uses the attribution", func(t *testing.T) {
		r, sum := build(t, month(2026, 1), month(2026, 9), coachA)
		var numbers []string
		for _, rw := range cells(t, sheet(t, r, "Invoices")) {
			numbers = append(numbers, rw[0]+" "+rw[6])
		}
		if want := []string{"D102 " + nameA, "D103 " + nameA, "Total "}; !slices.Equal(numbers, want) {
			t.Errorf("ledger of coach A: got %q, want %q", numbers, want)
		}
		if got := usd(t, sum).Invoiced.StringFixed(2); got != "150.00" {
			t.Errorf("invoiced for coach A: got %s, want 150.00", got)
		}
	})

	t.Run("fallback to the current coach is counted", func(t *testing.T) {
		// 2023-12-01 is before any pairing: the current coach, B.
		r, _ := build(t, month(2023, 12), month(2023, 12), 0)
		if got := row(t, cells(t, sheet(t, r, "By coach")), nameB, "USD"); got[2] != "40.00" {
			t.Errorf("By coach 2023-12: got %q, want B with 40.00", got)
		}
		if got, want := notesText(r), "1 of the 1 client invoices dated in 2023-12 had no primary-coach history"; !strings.Contains(got, want) {
			t.Errorf("notes lack %q:\n%s", want, got)
		}
		if got, want := notesText(sep), "Every client invoice dated in 2026-09 was attributed from the pairing history."; !strings.Contains(got, want) {
			t.Errorf("notes lack %q:\n%s", want, got)
		}
	})

	t.Run("a past month does not change after a coach change", func(t *testing.T) {
		before, _, _, _ := defAccount(t, true)
		bd := fetchData(t, before)
		o := revenue.Options{From: month(2026, 3), To: month(2026, 3)}
		old, _, err := revenue.Build(bd, o)
		if err != nil {
			t.Fatal(err)
		}
		now, _, err := revenue.Build(d, o)
		if err != nil {
			t.Fatal(err)
		}
		for i, s := range old.Sheets {
			if got, want := cells(t, now.Sheets[i]), cells(t, s); !slices.EqualFunc(got, want, slices.Equal) {
				t.Errorf("March sheet %q changed after the coach change:\n got %q\nwant %q", s.Name, got, want)
			}
		}
		if got := row(t, cells(t, sheet(t, now, "By coach")), nameA, "USD"); got[2] != "100.00" {
			t.Errorf("March by coach: got %q, want A with 100.00", got)
		}
	})

	t.Run("september figures", func(t *testing.T) {
		f := usd(t, sepSum)
		// Invoices: 300 (Carl) + 200 (Nora) + 0 (Zoe); the credit note -50.
		// Payments: 300 Carl + 300 Pia + 150 Nora received, -40 Rolf refunded.
		// At the end: Nora's 50 outstanding, her credit note 50 credit,
		// Pia's 300 prepaid for an October invoice.
		got := map[string]string{
			"invoiced": f.Invoiced.StringFixed(2), "credit notes": f.CreditNotes.StringFixed(2),
			"received": f.Received.StringFixed(2), "refunds": f.Refunds.StringFixed(2),
			"collected": f.Collected.StringFixed(2), "outstanding": f.Outstanding.StringFixed(2),
			"credit": f.Overpaid.StringFixed(2), "prepaid": f.Prepaid.StringFixed(2),
			"net": f.NetReceivable.StringFixed(2), "average": f.AverageInvoice.StringFixed(2),
			"invoices": strconv.Itoa(f.InvoiceCount), "zero": strconv.Itoa(f.ZeroInvoiceCount),
			"notes": strconv.Itoa(f.CreditNoteCount), "payers": strconv.Itoa(f.PayingClients),
		}
		want := map[string]string{
			"invoiced": "500.00", "credit notes": "-50.00", "received": "750.00", "refunds": "-40.00",
			"collected": "710.00", "outstanding": "50.00", "credit": "50.00", "prepaid": "300.00",
			"net": "-300.00", "average": "250.00", // 500 / 2: the zero invoice is not averaged
			"invoices": "3", "zero": "1", "notes": "1", "payers": "3", // Rolf's refund makes no payer
		}
		for k, w := range want {
			if got[k] != w {
				t.Errorf("%s: got %s, want %s", k, got[k], w)
			}
		}
	})

	tests := []struct {
		name  string
		sheet string
		key   []string
		want  []string
	}{
		// Client, Coach, Currency, Invoiced, Credit notes, Collected,
		// Outstanding, Credit, Prepaid, Net, Invoices.
		{"credit note by client", "By client", []string{"Nora Note"},
			[]string{nameC, "USD", "200.00", "-50.00", "150.00", "50.00", "50.00", "0.00", "0.00", "1"}},
		{"prepayment by client", "By client", []string{"Pia Prepaid"},
			[]string{nameC, "USD", "0.00", "0.00", "300.00", "0.00", "0.00", "300.00", "-300.00", "0"}},
		{"refund-only client", "By client", []string{"Rolf Refund"},
			[]string{nameC, "USD", "0.00", "0.00", "-40.00", "0.00", "0.00", "0.00", "0.00", "0"}},
		{"zero invoice by client", "By client", []string{"Zoe Zero"},
			[]string{nameC, "USD", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "1"}},
		// Buckets (N1 due 09-17 is 13 days late), outstanding, credit, prepaid, net.
		{"gross AR with credit and net", "AR aging", []string{"Nora Note", "USD"},
			[]string{"0.00", "50.00", "0.00", "0.00", "0.00", "50.00", "50.00", "0.00", "0.00"}},
		{"prepaid in AR", "AR aging", []string{"Pia Prepaid", "USD"},
			[]string{"0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "300.00", "-300.00"}},
		{"AR total", "AR aging", []string{"Total", "USD"},
			[]string{"0.00", "50.00", "0.00", "0.00", "0.00", "50.00", "50.00", "300.00", "-300.00"}},
		{"payments received", "Payments", []string{"Payments received", "Cash", "USD"}, []string{"2", "450.00"}},
		{"payments received by transfer", "Payments", []string{"Payments received", "Bank Transfer", "USD"}, []string{"1", "300.00"}},
		{"refunds line", "Payments", []string{"Refunds", "Credit Card", "USD"}, []string{"1", "-40.00"}},
		{"payments net to collected", "Payments", []string{"Total", "", "USD"}, []string{"4", "710.00"}},
		{"credit note in the ledger", "Invoices USD", []string{"D109", "Credit note"},
			[]string{"2026-09-15", "2026-09-29", "2026-09", "Nora Note", nameC, "USD", "-50.00", "0.00", "-50.00", "0.00", "0.00"}},
		{"ledger total", "Invoices USD", []string{"Total"},
			[]string{"", "", "", "", "3 invoices, 1 credit note", "", "USD", "450.00", "0.00", "450.00", "450.00", "50.00"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := row(t, cells(t, sheet(t, sep, tc.sheet)), tc.key...)[len(tc.key):]
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}

	t.Run("prepaid becomes the invoice balance on its date", func(t *testing.T) {
		_, sum := build(t, month(2026, 10), month(2026, 10), 0)
		f := usd(t, sum)
		if got := [2]string{f.Outstanding.StringFixed(2), f.Prepaid.StringFixed(2)}; got != [2]string{"250.00", "0.00"} {
			t.Errorf("october outstanding, prepaid: got %q, want 250.00 (Pia 200 + Nora 50), 0.00", got)
		}
		_, sum = build(t, month(2026, 8), month(2026, 8), 0)
		if got := usd(t, sum).Overpaid.StringFixed(2); got != "40.00" {
			t.Errorf("august credit: got %s, want Rolf's 40.00 overpayment", got)
		}
	})

	t.Run("minor units of KWD and JPY", func(t *testing.T) {
		tests := map[string]struct {
			digits            int32
			invoiced, average string
		}{
			"KWD": {3, "30.020", "10.007"}, // 30.02 / 3 = 10.00666..., to 3 decimals
			"JPY": {0, "2001", "1001"},     // 2001 / 2 = 1000.5, half away from zero
		}
		for _, c := range sepSum.Currencies {
			w, ok := tests[c.Currency]
			if !ok {
				continue
			}
			f := c.Current
			if got := f.Invoiced.StringFixed(w.digits); got != w.invoiced {
				t.Errorf("%s invoiced: got %s, want %s", c.Currency, got, w.invoiced)
			}
			if got := f.AverageInvoice; got.String() != w.average {
				t.Errorf("%s average: got %s, want %s (the currency's %d decimals)", c.Currency, got, w.average, w.digits)
			}
			delete(tests, c.Currency)
		}
		if len(tests) > 0 {
			t.Errorf("currencies missing from the summary: %v", tests)
		}
	})

	t.Run("KPIs follow the definitions", func(t *testing.T) {
		kpis := revenue.KPIs(sepSum)
		get := func(group, name string) string {
			for _, k := range kpis {
				if k.Group == group && k.Name == name {
					return cell(k.Current)
				}
			}
			return "(none)"
		}
		tests := []struct{ group, name, want string }{
			{"USD", "Invoiced", "500.00"},
			{"USD", "Credit notes", "-50.00"},
			{"USD", "Collected", "710.00"},
			{"USD", "Refunds", "-40.00"},
			{"USD", "Prepaid (unapplied)", "300.00"},
			{"USD", "Invoices", "3"},
			{"USD", "Paying clients", "3"},
			{"USD", "Average invoice", "250.00"},
			{"JPY", "Refunds", "0.00"}, // listed for every currency once non-zero in one
		}
		for _, tc := range tests {
			if got := get(tc.group, tc.name); got != tc.want {
				t.Errorf("KPI %s %s: got %s, want %s", tc.group, tc.name, got, tc.want)
			}
		}
	})

	t.Run("against the reference", func(t *testing.T) {
		for _, tc := range []struct {
			from, to model.Period
			span     span
			coach    int
		}{
			{month(2026, 9), month(2026, 9), newSpan(2026, 9, 1), 0},
			{month(2026, 7), month(2026, 10), newSpan(2026, 7, 4), 0},
			{month(2026, 1), month(2026, 9), newSpan(2026, 1, 9), coachA},
			{month(2026, 6), month(2026, 6), newSpan(2026, 6, 1), coachB},
		} {
			r, _ := build(t, tc.from, tc.to, tc.coach)
			compareAll(t, r, newRef(a, tc.coach, "").sheets(tc.span))
		}
	})
}

// notesText is the report's notes as one text.
func notesText(r *model.Report) string {
	var b strings.Builder
	for _, n := range r.Notes {
		b.WriteString(n.Heading + "\n" + strings.Join(n.Paragraphs, "\n") + "\n")
		for _, kv := range n.Items {
			b.WriteString(kv.Key + ": " + kv.Value + "\n")
		}
	}
	return b.String()
}

// TestUnsummableAmount checks that an amount int64 units cannot hold is an
// error, not a silently wrong sum.
func TestUnsummableAmount(t *testing.T) {
	for _, amount := range []string{"1e30", "123456789012345678"} {
		d := &revenue.Data{Location: time.UTC, Invoices: []fetch.Invoice{{ID: 1, InvoiceNumber: "1", Currency: "USD",
			DateOf: time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC), Amount: decimal.RequireFromString(amount)}}}
		_, _, err := revenue.Build(d, revenue.Options{From: month(2026, 9), To: month(2026, 9)})
		if err == nil || !strings.Contains(err.Error(), "cannot be summed exactly") {
			t.Errorf("amount %s: got %v, want an error saying it cannot be summed exactly", amount, err)
		}
	}
}
