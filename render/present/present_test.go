package present

import (
	"strings"
	"testing"
	"time"

	"github.com/careport/careport/reports/model"
)

func TestCurrency(t *testing.T) {
	for code, want := range map[string]string{"USD": "US$", "EUR": "€", "JPY": "JP¥", "XYZ": "XYZ"} {
		if got := CurrencySymbol(code); got != want {
			t.Errorf("CurrencySymbol(%s) = %q, want %q", code, got, want)
		}
	}
	if got := CurrencyCode(`us"d];`); got != "USD" {
		t.Errorf("CurrencyCode of a hostile code = %q, want USD", got)
	}
}

func TestWords(t *testing.T) {
	loc, _ := time.LoadLocation("America/New_York")
	p := model.NewPeriod(model.UnitMonth, model.CivilDate{Year: 2026, Month: 10, Day: 1}, loc)
	if got, want := PeriodWords(p), "October 2026 (2026-10-01 to 2026-10-31)"; got != want {
		t.Errorf("PeriodWords = %q, want %q", got, want)
	}
	if got, want := Stamp(time.Date(2026, 11, 1, 8, 0, 0, 0, loc)), "2026-11-01 08:00 EST"; got != want {
		t.Errorf("Stamp = %q, want %q", got, want)
	}
	if Stamp(time.Time{}) != "" {
		t.Error("Stamp of the zero time is not empty")
	}
}

func TestKPIDefinitions(t *testing.T) {
	r := &model.Report{KPIs: []model.KPI{
		{Name: "Invoiced", Group: "EUR", Definition: "Invoices dated in the period."},
		{Name: "Invoiced", Group: "USD", Definition: "Invoices dated in the period."},
		{Name: "Count"},
		{Name: "Collected", Definition: "Payments."},
	}}
	got := KPIDefinitions(r)
	if len(got) != 2 || got[0].Key != "Invoiced" || got[1].Key != "Collected" {
		t.Errorf("definitions: got %+v, want Invoiced then Collected, once each", got)
	}
}

// TestGroupKPIs checks that KPIs are grouped in order of first appearance,
// each group's KPIs in report order, and the report-wide group named.
func TestGroupKPIs(t *testing.T) {
	kpis := []model.KPI{{Name: "a", Group: "USD"}, {Name: "b", Group: ""}, {Name: "c", Group: "USD"}, {Name: "d", Group: "EUR"}}
	got := GroupKPIs(kpis)
	var s []string
	for _, g := range got {
		var names []string
		for _, k := range g.KPIs {
			names = append(names, k.Name)
		}
		s = append(s, g.Label+":"+strings.Join(names, ","))
	}
	if want := "USD:a,c|All currencies:b|EUR:d"; strings.Join(s, "|") != want {
		t.Errorf("groups %q, want %q", strings.Join(s, "|"), want)
	}
}
