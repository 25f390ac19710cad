package model

// Better says which direction of change is good news for a KPI, so that
// renderers colour a change (green for good, red for bad) without knowing
// the report.
type Better uint8

// Directions of a KPI. BetterNeutral changes are shown without colour.
const (
	BetterUp Better = iota
	BetterDown
	BetterNeutral
)

// KPI is one headline figure of a report: its value over the report period,
// the previous period of the same length and the same period a year
// earlier. The terminal summary, the workbook's KPI block, the HTML cards
// and the mail body all read these, so every headline figure has exactly one
// definition.
type KPI struct {
	// Name is the figure's short label, e.g. "Invoiced".
	Name string
	// Group is the block the KPI belongs to: the ISO 4217 currency for a
	// report's per-currency figures (counts of that currency's invoices
	// included), "" for report-wide ones. Renderers list groups in the
	// order their first KPI appears.
	Group string
	// Type is ColMoney, ColCount, ColInteger or ColPercent; it decides the
	// format of the three values.
	Type ColumnType
	// Currency is the ISO 4217 code of a money KPI's values.
	Currency string
	// Current, Previous and YearEarlier are the figure over Report.Period,
	// Report.Previous and Report.YearEarlier; an empty Value means the
	// figure is not known for that period (no data), which is not zero.
	Current, Previous, YearEarlier Value
	// Better says whether a rise is good news.
	Better Better
	// Definition is one sentence saying how the figure is computed; it is
	// shown beside the figure and on the Notes sheet.
	Definition string
}

// Change returns the relative change of Current against Previous as a
// percent value: empty when either is empty or Previous is zero.
func (k KPI) Change() Value { return relChange(k.Current, k.Previous) }

// YearChange returns the relative change of Current against YearEarlier,
// like Change.
func (k KPI) YearChange() Value { return relChange(k.Current, k.YearEarlier) }

func relChange(cur, base Value) Value {
	if cur.IsEmpty() || base.IsEmpty() {
		return Value{}
	}
	if cur.Kind() == KindPercent || base.Kind() == KindPercent {
		// A change of a ratio is a difference in points, not a ratio of
		// ratios: 40% -> 50% is +10 points, reported as 0.10.
		return Percent(cur.Float() - base.Float())
	}
	b := base.Decimal()
	if b.IsZero() {
		return Value{}
	}
	return PercentDecimal(cur.Decimal().Sub(b).Div(b.Abs()))
}

// Good reports whether the change c (a Change or YearChange value) is good
// news (+1), bad news (-1) or neither (0, also for an empty or zero change).
func (k KPI) Good(c Value) int {
	if c.IsEmpty() || k.Better == BetterNeutral {
		return 0
	}
	s := c.Decimal().Sign()
	if c.Kind() == KindPercent {
		switch f := c.Float(); {
		case f > 0:
			s = 1
		case f < 0:
			s = -1
		default:
			s = 0
		}
	}
	if k.Better == BetterDown {
		s = -s
	}
	return s
}
