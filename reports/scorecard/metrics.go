package scorecard

import (
	"github.com/careport/careport/reports/model"
	"github.com/shopspring/decimal"
)

// kindNames name the item kinds of Letters, for column headers.
var kindNames = [len(Letters)]string{
	"Actions (A)", "Metrics (M)", "Appointments (P)", "Notes (S)",
	"Worksheets (W)", "Journal (J)", "Files (F)", "Comments (C)",
}

// kindDefs say what each letter counts, for the Notes.
var kindDefs = [len(Letters)]string{
	"A: actions completed (the coach's own to-dos on the client included, as the API counts them), by their done date",
	"M: metric data points recorded, by their date",
	"P: appointments held (active, not canceled or pending), by their start",
	"S: session notes completed (drafts excluded), by the session date",
	"W: worksheets the client completed, by their done date",
	"J: journal entries written",
	"F: files shared with the client",
	"C: comments posted",
}

// mtype is how a metric is shown.
type mtype uint8

const (
	mCount   mtype = iota // a count; its change is a difference
	mPercent              // a ratio; its change is in points
	mRatio                // a number with 2 decimals (per client); its change is a difference
)

// metric is one figure of a coach in a period: a Team sheet column (and
// its change), and a front-page KPI when kpi is set.
type metric struct {
	name   string
	typ    mtype
	better model.Better
	kpi    bool
	def    string
	value  func(f *figures) model.Value
}

func count(n int) model.Value { return model.Int(int64(n)) }

func pct(v float64, ok bool) model.Value {
	if !ok {
		return model.Value{}
	}
	return model.Percent(v)
}

// ratioValue is a per-client figure: an exact number, not money.
func ratioValue(d decimal.Decimal, ok bool) model.Value {
	if !ok {
		return model.Value{}
	}
	return model.Number(d)
}

// column returns the sheet column of a metric.
func (m metric) column(name string) model.Column {
	switch m.typ {
	case mPercent:
		return model.PercentCol(name)
	case mRatio:
		return model.NumberCol(name)
	}
	return model.CountCol(name)
}

// changeColumn returns the column of a metric's change.
func (m metric) changeColumn(name string) model.Column {
	switch m.typ {
	case mPercent:
		return model.PercentCol(name)
	case mRatio:
		return model.NumberCol(name)
	}
	return model.IntCol(name)
}

// kpiType is the KPI type of a metric.
func (m metric) kpiType() model.ColumnType {
	switch m.typ {
	case mPercent:
		return model.ColPercent
	case mRatio:
		return model.ColNumber
	}
	return model.ColCount
}

// change returns cur - prev: a difference of counts or numbers, points for
// percentages; empty when either is empty.
func change(c, p model.Value) model.Value {
	if c.IsEmpty() || p.IsEmpty() {
		return model.Value{}
	}
	switch c.Kind() {
	case model.KindInt:
		return model.Int(c.Int() - p.Int())
	case model.KindPercent:
		return model.Percent(c.Float() - p.Float())
	case model.KindMoney:
		return model.MoneyDecimal(c.Decimal().Sub(p.Decimal()))
	case model.KindNumber:
		return model.Number(c.Decimal().Sub(p.Decimal()))
	}
	return model.Value{}
}

// kpiDefs are the front page's one-line definitions of the KPI metrics
// (the Notes have the full ones).
var kpiDefs = map[string]string{
	"Active clients":        "Clients in the coach's book, active now.",
	"New clients":           "Active clients added in the period.",
	"Share active":          "Clients with any activity / active clients.",
	"Activity":              "Items of every kind (AMPSWJFC) in the period.",
	"Activity per client":   "Activity / active clients.",
	"Appointments held":     "Active appointments started in the period.",
	"Cancellation rate":     "Canceled / (held + canceled) appointments.",
	"Actions overdue":       "Due in the period, not done by its end.",
	"On-time rate":          "Actions done by their due day / actions due.",
	"Worksheets completed":  "Worksheets done in the period.",
	"Worksheet completion":  "Worksheets due and done / worksheets due.",
	"Session notes written": "Completed session notes dated in the period.",
}

// metrics are the Team sheet's figures, in column order; the money
// collected, one column per currency, follows them.
func metrics() []metric {
	ms := []metric{
		{"Active clients", mCount, model.BetterUp, true,
			"Active clients: the clients in the coach's book for the period who are active at the data time.",
			func(f *figures) model.Value { return count(f.clients) }},
		{"New clients", mCount, model.BetterUp, true,
			"New clients: active clients added to the account (dateAdded) in the period.",
			func(f *figures) model.Value { return count(f.newClients) }},
		{"Clients with activity", mCount, model.BetterUp, false,
			"Clients with activity: active clients with at least one item of any kind in the period.",
			func(f *figures) model.Value { return count(f.withActivity) }},
		{"Share active", mPercent, model.BetterUp, true,
			"Share active: clients with activity / active clients.",
			func(f *figures) model.Value { return pct(f.shareActive()) }},
		{"Activity", mCount, model.BetterUp, true,
			"Activity: items of every kind (letters AMPSWJFC) of the active clients in the period.",
			func(f *figures) model.Value { return count(f.activity()) }},
		{"Activity per client", mRatio, model.BetterUp, true,
			"Activity per client: activity / active clients, to 2 decimals.",
			func(f *figures) model.Value { return ratioValue(f.perClient(f.activity())) }},
	}
	for k := range len(Letters) {
		ms = append(ms, metric{kindNames[k], mCount, model.BetterUp, false, kindDefs[k] + ".",
			func(f *figures) model.Value { return count(int(f.kinds[k])) }})
	}
	return append(ms,
		metric{"Appointments held", mCount, model.BetterUp, true,
			"Appointments held: the active clients' appointments of status active (A) starting in the period, before the data time (Appointment.getAll).",
			func(f *figures) model.Value { return count(f.held) }},
		metric{"Appointments canceled", mCount, model.BetterDown, false,
			"Appointments canceled: their appointments of status canceled (C) that were to start in the period.",
			func(f *figures) model.Value { return count(f.canceled) }},
		metric{"Cancellation rate", mPercent, model.BetterDown, true,
			"Cancellation rate: canceled / (held + canceled); pending and declined requests are not counted.",
			func(f *figures) model.Value { return pct(f.cancelRate()) }},
		metric{"Actions due", mCount, model.BetterNeutral, false,
			"Actions due: the clients' actions (Action.getAll, not canceled, not the coach's own) due in the period.",
			func(f *figures) model.Value { return count(f.due) }},
		metric{"Actions on time", mCount, model.BetterUp, false,
			"Actions on time: actions due in the period done on or before their due date (the done date's day is not after the due date's day).",
			func(f *figures) model.Value { return count(f.onTime) }},
		metric{"Actions overdue", mCount, model.BetterDown, true,
			"Actions overdue: actions due in the period and not done by its end.",
			func(f *figures) model.Value { return count(f.overdue) }},
		metric{"On-time rate", mPercent, model.BetterUp, true,
			"On-time rate: actions on time / actions due.",
			func(f *figures) model.Value { return pct(f.onTimeRate()) }},
		metric{"Worksheets completed", mCount, model.BetterUp, true,
			"Worksheets completed: worksheets (Worksheet.getAll) done in the period.",
			func(f *figures) model.Value { return count(f.wsDone) }},
		metric{"Worksheets due", mCount, model.BetterNeutral, false,
			"Worksheets due: worksheets due in the period.",
			func(f *figures) model.Value { return count(f.wsDue) }},
		metric{"Worksheet completion", mPercent, model.BetterUp, true,
			"Worksheet completion: worksheets due in the period that were done by its end / worksheets due.",
			func(f *figures) model.Value { return pct(f.wsCompletion()) }},
		metric{"Session notes written", mCount, model.BetterUp, true,
			"Session notes written: completed session notes (Session.getAll, drafts excluded) dated in the period.",
			func(f *figures) model.Value { return count(f.notes) }},
		metric{"Allocation use (appointments)", mPercent, model.BetterUp, false,
			"Allocation use (appointments): over the active clients' appointment-based engagements running in the period (canceled ones excluded), their active appointments that count in the engagement (countsInEngagement not -1) started by the period's end (or the data time), / their allocations.",
			func(f *figures) model.Value { return pct(f.allocUseA()) }},
		metric{"Allocation use (hours)", mPercent, model.BetterUp, false,
			"Allocation use (hours): the same for hour-based engagements, the appointments' lengths in hours / the hours allocated; hours and appointments are never added.",
			func(f *figures) model.Value { return pct(f.allocUseH()) }},
	)
}
