package model

import (
	"errors"
	"testing"
	"time"
)

// TestMixedColumn checks what a Mixed column takes (every kind but times),
// the type each cell formats as, and CheckFormat's refusals: money without
// a currency column, and a scale or bar on it (sign colours are fine).
func TestMixedColumn(t *testing.T) {
	c := MixedCol("Value")
	for k, want := range map[Value]ColumnType{
		Int(3): ColInteger, Percent(0.5): ColPercent, MoneyMinor(100, 2): ColMoney,
		Text("x"): ColText, {}: ColText,
	} {
		if got := c.CellType(k); got != want {
			t.Errorf("CellType(%s) = %s, want %s", k.Kind(), got, want)
		}
	}
	if got := CountCol("N").CellType(Text("x")); got != ColCount {
		t.Errorf("a count column's cell type: %s", got)
	}
	s := NewSheet("F", TextCol("Figure"), c, TextCol("Currency"))
	s.AddRow(Text("When"), DateTime(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)), Value{})
	if !errors.Is(s.Err(), ErrRowShape) {
		t.Errorf("a time in a mixed column: %v", s.Err())
	}
	s = NewSheet("F", TextCol("Figure"), c, TextCol("Currency"))
	s.AddRow(Text("Collected"), MoneyMinor(100, 2), Text("USD"))
	if err := s.CheckFormat(); err == nil {
		t.Error("money in a mixed column without a currency column passed CheckFormat")
	}
	s.Formatting().CurrencyColumn = "Currency"
	s.Format.Conditional = []CondFormat{{Column: "Value", Kind: SignColours}}
	if err := s.CheckFormat(); err != nil {
		t.Error(err)
	}
	for _, k := range []CondKind{ColourScale, DataBar} {
		s.Format.Conditional = []CondFormat{{Column: "Figure", ToColumn: "Currency", Kind: k}}
		if err := s.CheckFormat(); err == nil {
			t.Errorf("%s over a mixed column passed CheckFormat", k)
		}
	}
}
