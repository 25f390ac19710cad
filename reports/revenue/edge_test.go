package revenue_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/careport/careport/reports/model"
	"github.com/careport/careport/reports/revenue"
)

// TestEdgeCases checks by hand the figures of the edge-case clients that
// testAccount adds, independently of the reference.
func TestEdgeCases(t *testing.T) {
	a := testAccount(t)
	d := fetchData(t, a)
	build := func(t *testing.T, p model.Period) *model.Report {
		t.Helper()
		r, _, err := revenue.Build(d, revenue.Options{From: p, To: p})
		if err != nil {
			t.Fatalf("build: %v", err)
		}
		return r
	}
	sep := build(t, month(2026, 9))

	t.Run("aging boundaries", func(t *testing.T) {
		// Invoice for 1000+k units is k days past due on 2026-09-30.
		got := row(t, cells(t, sheet(t, sep, "AR aging")), "Zed Boundary", "USD")
		want := []string{"Zed Boundary", "USD",
			"1000.00",                            // 0 days: not yet due
			"2031.00",                            // 1 + 30 days
			"2091.00",                            // 31 + 60 days
			"2151.00",                            // 61 + 90 days
			"1091.00",                            // 91 days
			"8364.00", "0.00", "0.00", "8364.00"} // total outstanding, credit, prepaid, net
		if !slices.Equal(got, want) {
			t.Errorf("got %q, want %q", got, want)
		}
	})

	tests := []struct {
		name   string
		period model.Period
		sheet  string
		key    []string
		want   []string
	}{
		{name: "overpaid invoice", period: month(2026, 9), sheet: "By client", key: []string{"Olga Overpaid"},
			want: []string{"USD", "100.00", "0.00", "120.00", "0.00", "20.00", "0.00", "-20.00", "1"}},
		{name: "overpaid in aging", period: month(2026, 9), sheet: "AR aging", key: []string{"Olga Overpaid", "USD"},
			want: []string{"0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "20.00", "0.00", "-20.00"}},
		// 200 dated 09-20: 50 paid 09-25, 150 paid 10-03 (after the period);
		// 300 dated 09-30: 100 paid 09-30 23:59:30, 100 paid 10-01 00:00.
		{name: "payments after the period end", period: month(2026, 9), sheet: "By client", key: []string{"Lena Late"},
			want: []string{"USD", "500.00", "0.00", "150.00", "350.00", "0.00", "0.00", "350.00", "2"}},
		{name: "not yet due at period end", period: month(2026, 9), sheet: "AR aging", key: []string{"Lena Late", "USD"},
			want: []string{"350.00", "0.00", "0.00", "0.00", "0.00", "350.00", "0.00", "0.00", "350.00"}},
		// 70 dated 08-31 and paid 08-31 23:30: August's.
		{name: "last hour of august", period: month(2026, 8), sheet: "By client", key: []string{"Lena Late"},
			want: []string{"USD", "70.00", "0.00", "70.00", "0.00", "0.00", "0.00", "0.00", "1"}},
		{name: "october collects the late payments", period: month(2026, 10), sheet: "By client", key: []string{"Lena Late"},
			want: []string{"USD", "0.00", "0.00", "250.00", "100.00", "0.00", "0.00", "100.00", "0"}}, // 300 - 100 - 100
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := build(t, tc.period)
			got := row(t, cells(t, sheet(t, r, tc.sheet)), tc.key...)
			got = got[len(tc.key):]
			if tc.sheet == "By client" {
				got = got[1:] // skip the coach
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}

	t.Run("ledger paid to date", func(t *testing.T) {
		rows := cells(t, sheet(t, sep, "Invoices USD"))
		var lena [][]string
		for _, r := range rows {
			if r[5] == "Lena Late" {
				lena = append(lena, r[8:])
			}
		}
		want := [][]string{
			{"200.00", "0.00", "200.00", "50.00", "150.00"},
			{"300.00", "0.00", "300.00", "100.00", "200.00"},
		}
		if !slices.EqualFunc(lena, want, slices.Equal) {
			t.Errorf("got %q, want %q", lena, want)
		}
	})

	t.Run("several currencies", func(t *testing.T) {
		var names []string
		for _, s := range sep.Sheets {
			names = append(names, s.Name)
		}
		want := []string{"Trend", "Monthly", "By coach", "By client", "Line items", "Payments", "AR aging",
			"Invoices EUR", "Invoices GBP", "Invoices USD"}
		if !slices.Equal(names, want) {
			t.Fatalf("sheets: got %q, want %q", names, want)
		}
		inv := sheet(t, sep, "Invoices EUR")
		if c := inv.Columns[inv.ColumnIndex("Amount")]; c.Currency != "EUR" {
			t.Errorf("Invoices EUR amount currency: got %q", c.Currency)
		}
		if inv.Source == nil {
			t.Errorf("Invoices EUR: rows are not streamed from a RowSource")
		}
		if p := inv.Pivot; p == nil || p.Rows != "Month" || p.Columns != "Coach" || p.Data != "Amount" {
			t.Errorf("Invoices EUR pivot: got %+v", p)
		}
		// Money columns of sheets listing currencies in blocks carry none.
		mon := sheet(t, sep, "Monthly")
		if c := mon.Columns[mon.ColumnIndex("Invoiced")]; c.Currency != "" {
			t.Errorf("Monthly invoiced currency with several currencies: got %q, want none", c.Currency)
		}
		trend := sheet(t, sep, "Trend")
		if len(sep.Charts) != 3 {
			t.Fatalf("report charts: got %d, want 3", len(sep.Charts))
		}
		for _, s := range sep.Sheets {
			if len(s.Charts) > 0 {
				t.Errorf("sheet %q has charts; the report's charts belong on the front page", s.Name)
			}
		}
		for _, ch := range sep.Charts {
			if ch.Data != "Trend" {
				t.Errorf("chart %q draws sheet %q, want Trend", ch.Title, ch.Data)
			}
			for _, col := range append([]string{ch.Category}, ch.Values...) {
				if trend.ColumnIndex(col) < 0 {
					t.Errorf("chart %q names missing column %q", ch.Title, col)
				}
			}
		}
		if trend.Len() != 12 {
			t.Errorf("trend rows: got %d, want 12", trend.Len())
		}
	})

	t.Run("one currency", func(t *testing.T) {
		r, _, err := revenue.Build(d, revenue.Options{From: month(2026, 9), To: month(2026, 9), Currency: "gbp"})
		if err != nil {
			t.Fatal(err)
		}
		s := sheet(t, r, "By client")
		if c := s.Columns[s.ColumnIndex("Invoiced")]; c.Currency != "GBP" {
			t.Errorf("By client invoiced currency: got %q, want GBP", c.Currency)
		}
		if s.Totals == nil {
			t.Errorf("By client: no totals row with one currency")
		}
		sheet(t, r, "Invoices")
	})
}

func TestNotes(t *testing.T) {
	a := testAccount(t)
	d := fetchData(t, a)
	coach := a.Clients[0].CoachID
	tests := []struct {
		name string
		o    revenue.Options
		want []string
	}{
		{name: "defaults", o: revenue.Options{}, want: []string{"Invoiced:", "Collected:", "Outstanding at a moment",
			"Overpaid (credit)", "America/New_York", "all coaches", "all currencies", "EUR, GBP, USD", "2026-10-31 12:00:00"}},
		{name: "coach", o: revenue.Options{CoachID: coach}, want: []string{"company invoices are excluded"}},
		{name: "empty currency", o: revenue.Options{Currency: "JPY"}, want: []string{"only JPY", "no invoices in JPY"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.o.From, tc.o.To = month(2026, 9), month(2026, 9)
			r, _, err := revenue.Build(d, tc.o)
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for _, n := range r.Notes {
				b.WriteString(n.Heading + "\n" + strings.Join(n.Paragraphs, "\n") + "\n")
				for _, kv := range n.Items {
					b.WriteString(kv.Key + ": " + kv.Value + "\n")
				}
			}
			for _, w := range tc.want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("notes lack %q:\n%s", w, b.String())
				}
			}
		})
	}
}

func TestBuildErrors(t *testing.T) {
	d := &revenue.Data{Coaches: nil}
	tests := []struct {
		name string
		d    *revenue.Data
		o    revenue.Options
	}{
		{name: "no from", d: d, o: revenue.Options{To: month(2026, 9)}},
		{name: "no to", d: d, o: revenue.Options{From: month(2026, 9)}},
		{name: "to before from", d: d, o: revenue.Options{From: month(2026, 9), To: month(2026, 8)}},
		{name: "unknown coach", d: d, o: revenue.Options{From: month(2026, 9), To: month(2026, 9), CoachID: 7}},
		{name: "too long", d: d, o: revenue.Options{From: month(2000, 1), To: month(2026, 9)}},
		{name: "negative coach", d: d, o: revenue.Options{From: month(2026, 9), To: month(2026, 9), CoachID: -1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := revenue.Build(tc.d, tc.o)
			if !errors.Is(err, revenue.ErrOptions) {
				t.Errorf("got %v, want ErrOptions", err)
			}
		})
	}
	if _, _, err := revenue.Build(nil, revenue.Options{From: month(2026, 9), To: month(2026, 9)}); err == nil {
		t.Errorf("nil data: got nil error")
	}
}
