package revenue_test

import (
	"slices"
	"testing"

	"github.com/careport/careport/reports/model"
	"github.com/careport/careport/reports/revenue"
)

// TestLayout checks what the report asks of renderers beyond its cells:
// the front page's KPIs and charts, per-row currency formats and block
// totals on the sheets listing currencies in blocks, the aging colour
// scales, the ledger tables and the pivots left out of a one-month report.
func TestLayout(t *testing.T) {
	d := fetchData(t, testAccount(t))
	build := func(t *testing.T, o revenue.Options) *model.Report {
		t.Helper()
		return buildReport(t, d, o)
	}
	sep := build(t, revenue.Options{From: month(2026, 9), To: month(2026, 9)})
	blockSheets := []string{"Monthly", "By coach", "By client", "Line items", "Payments", "AR aging"}

	t.Run("KPIs", func(t *testing.T) {
		better := map[string]model.Better{}
		for _, k := range sep.KPIs {
			better[k.Name] = k.Better
			if k.Definition == "" || len(k.Definition) > 60 {
				t.Errorf("KPI %s definition %q: want one short sentence (60 characters at most, one line on the front page)", k.Name, k.Definition)
			}
		}
		for name, want := range map[string]model.Better{"Invoiced": model.BetterUp, "Collected": model.BetterUp,
			"Outstanding at end": model.BetterDown, "Overpaid (credit)": model.BetterNeutral,
			"Net receivable": model.BetterDown, "Invoices": model.BetterUp, "Paying clients": model.BetterUp,
			"Average invoice": model.BetterNeutral} {
			got, ok := better[name]
			if !ok {
				t.Errorf("no KPI %q", name)
			} else if got != want {
				t.Errorf("KPI %q better: got %d, want %d", name, got, want)
			}
		}
		if sep.Previous.Label != "2026-08" || sep.YearEarlier.Label != "2025-09" {
			t.Errorf("comparison periods: got %s and %s", sep.Previous.Label, sep.YearEarlier.Label)
		}
	})

	t.Run("KPIs of credit notes, refunds and prepaid money", func(t *testing.T) {
		a, _, _, _ := defAccount(t, false)
		r := buildReport(t, fetchData(t, a), revenue.Options{From: month(2026, 9), To: month(2026, 9)})
		better := map[string]model.Better{}
		for _, k := range r.KPIs {
			better[k.Name] = k.Better
		}
		for name, want := range map[string]model.Better{"Credit notes": model.BetterUp, "Credit note count": model.BetterDown,
			"Refunds": model.BetterUp, "Prepaid (unapplied)": model.BetterNeutral, "Net receivable": model.BetterDown} {
			if got, ok := better[name]; !ok || got != want {
				t.Errorf("KPI %q better: got %d (listed %v), want %d", name, got, ok, want)
			}
		}
	})

	t.Run("block sheets", func(t *testing.T) {
		for _, name := range blockSheets {
			s := sheet(t, sep, name)
			if s.Format == nil || s.Format.CurrencyColumn != "Currency" {
				t.Errorf("%s: no per-row currency column", name)
				continue
			}
			if err := s.CheckFormat(); err != nil {
				t.Errorf("%s: %v", name, err)
			}
			if name == "Monthly" {
				continue // no totals
			}
			// One block total per currency, each the last row of its
			// currency's block, labelled "Total".
			rows := cells(t, s)
			var want []int
			for i := range rows {
				if i == len(rows)-1 || rows[i+1][s.ColumnIndex("Currency")] != rows[i][s.ColumnIndex("Currency")] {
					want = append(want, i)
				}
			}
			if !slices.Equal(s.Format.TotalRows, want) {
				t.Errorf("%s total rows: got %v, want %v", name, s.Format.TotalRows, want)
			}
			for _, i := range s.Format.TotalRows {
				if rows[i][0] != "Total" {
					t.Errorf("%s total row %d: got %q", name, i, rows[i])
				}
			}
			if s.Totals != nil {
				t.Errorf("%s: a totals row beside the block totals", name)
			}
		}
	})

	t.Run("aging colours", func(t *testing.T) {
		s := sheet(t, sep, "AR aging")
		var cols []string
		for _, cf := range s.Format.Conditional {
			if cf.Kind != model.ColourScale {
				t.Errorf("%s: kind %s, want a colour scale", cf.Column, cf.Kind)
			}
			cols = append(cols, cf.Column)
		}
		if want := []string{"1-30 days", "31-60 days", "61-90 days", "Over 90 days"}; !slices.Equal(cols, want) {
			t.Errorf("colour scales on %q, want %q", cols, want)
		}
		// Warmer for older: less green and blue in each later colour.
		for i := 1; i < len(s.Format.Conditional); i++ {
			a, b := s.Format.Conditional[i-1].HighColour(), s.Format.Conditional[i].HighColour()
			if b[2:] >= a[2:] {
				t.Errorf("%s (%s) is not warmer than %s (%s)", cols[i], b, cols[i-1], a)
			}
		}
	})

	t.Run("ledgers", func(t *testing.T) {
		for _, name := range []string{"Invoices EUR", "Invoices GBP", "Invoices USD"} {
			s := sheet(t, sep, name)
			if s.Format == nil || !s.Format.Table {
				t.Errorf("%s: not a table", name)
				continue
			}
			if s.Pivot == nil || s.Format.OmitPivot == "" {
				t.Errorf("%s: one month, want the pivot kept and left out with a reason; got %+v, %q", name, s.Pivot, s.Format.OmitPivot)
			}
		}
		q := build(t, revenue.Options{From: month(2026, 7), To: month(2026, 9)})
		if s := sheet(t, q, "Invoices USD"); s.Format.OmitPivot != "" || s.Format.PivotCaption == "" {
			t.Errorf("a quarter's pivot: got omitted %q, caption %q; want it shown with a caption", s.Format.OmitPivot, s.Format.PivotCaption)
		}
	})

	t.Run("one currency", func(t *testing.T) {
		r := build(t, revenue.Options{From: month(2026, 9), To: month(2026, 9), Currency: "USD"})
		for _, name := range blockSheets[1:] {
			s := sheet(t, r, name)
			if s.Totals == nil || len(s.Format.TotalRows) != 0 {
				t.Errorf("%s: got totals %v and block totals %v, want the totals row only", name, s.Totals != nil, s.Format.TotalRows)
			}
		}
		if len(r.Charts) != 1 || r.Charts[0].Data != "Trend" {
			t.Errorf("charts: got %+v, want one drawing Trend", r.Charts)
		}
	})
}

func buildReport(t *testing.T, d *revenue.Data, o revenue.Options) *model.Report {
	t.Helper()
	r, _, err := revenue.Build(d, o)
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return r
}
