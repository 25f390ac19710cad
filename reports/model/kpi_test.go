package model

import (
	"testing"

	"github.com/shopspring/decimal"
)

// TestKPIChange checks the change figures and their direction against
// values worked out by hand.
func TestKPIChange(t *testing.T) {
	m := func(s string) Value { return MoneyDecimal(decimal.RequireFromString(s)) }
	tests := []struct {
		name   string
		k      KPI
		change string // "" for an empty change
		good   int
	}{
		{"rise, up is good", KPI{Current: m("150"), Previous: m("100"), Better: BetterUp}, "0.5", 1},
		{"rise, down is good", KPI{Current: m("150"), Previous: m("100"), Better: BetterDown}, "0.5", -1},
		{"neutral", KPI{Current: m("50"), Previous: m("100"), Better: BetterNeutral}, "-0.5", 0},
		{"from a negative base", KPI{Current: m("-50"), Previous: m("-100"), Better: BetterUp}, "0.5", 1},
		{"zero base", KPI{Current: m("10"), Previous: m("0")}, "", 0},
		{"unknown previous", KPI{Current: m("10")}, "", 0},
		{"counts", KPI{Current: Int(3), Previous: Int(4), Better: BetterUp}, "-0.25", -1},
		{"percent points", KPI{Current: Percent(0.5), Previous: Percent(0.4), Better: BetterUp}, "0.1", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.k.Change()
			got := ""
			if !c.IsEmpty() {
				got = decimal.NewFromFloat(c.Float()).Round(6).String()
			}
			if got != tc.change {
				t.Errorf("change: got %q, want %q", got, tc.change)
			}
			if g := tc.k.Good(c); g != tc.good {
				t.Errorf("good: got %d, want %d", g, tc.good)
			}
		})
	}
}
