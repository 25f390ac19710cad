package revenue

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/careport/careport/reports/model"
)

// Options selects what Build reports.
type Options struct {
	// Period is the report period: whole calendar months (a month, a
	// quarter, a year, a run of months, or days that begin and end
	// months), read by its civil dates in the account zone. Its label
	// names the report ("2025-Q1"), and its Prev and YearEarlier are the
	// comparison periods. When Period is zero, From and To give the
	// period.
	Period model.Period
	// From and To are the first and last month of the report, inclusive,
	// when Period is zero: each is read as the calendar month of its first
	// day (its civil date First) in the account zone.
	From, To model.Period
	// CoachID, when not 0, keeps only the invoices of clients whose primary
	// coach is this coach; company invoices are then left out.
	CoachID int
	// Currency, when not "", keeps only invoices in this ISO 4217 code
	// (case-insensitive). A currency without invoices gives an empty report
	// with a note.
	Currency string
	// AccountName is shown in the report's title block.
	AccountName string
	// GeneratedAt is when the report is built (the injected clock).
	GeneratedAt time.Time
}

// maxMonths bounds the report period (the By coach sheet has a column per
// month).
const maxMonths = 240

// ErrOptions is returned (wrapped) for options Build cannot report on.
var ErrOptions = errors.New("invalid revenue report options")

// Summary carries the headline figures of the report period per currency,
// for the CLI and e-mail.
type Summary struct {
	Period      model.Period // the report period (From..To in the account zone)
	Previous    model.Period // the same number of months just before it
	YearEarlier model.Period // the same months one year earlier
	Currencies  []CurrencySummary
}

// CurrencySummary is the figures of one currency over the report period and
// the two comparison periods. All money is in Currency.
type CurrencySummary struct {
	Currency    string
	Current     Figures
	Previous    Figures
	YearEarlier Figures
}

// run is the report period as a run of whole calendar months in the
// account zone, with the period the reader asked for: its label and unit
// name the report ("2025-Q1", not "2025-01..2025-03"), and its previous and
// year-earlier periods are the comparison periods.
type run struct {
	asked  model.Period // the period as asked, in the account zone
	months model.Period // the same days as a month period (UnitMonth)
	n      int          // number of months
}

// newRun returns the run of the months from's first day to to's last day
// in loc (both read as calendar months of their civil dates), or of asked
// when it is not zero: asked must then cover whole months.
func newRun(asked, from, to model.Period, loc *time.Location) (run, error) {
	if asked.IsZero() {
		f := model.NewPeriod(model.UnitMonth, from.First, loc)
		t := model.NewPeriod(model.UnitMonth, to.First, loc)
		if t.First.Before(f.First) {
			return run{}, fmt.Errorf("revenue build: to %s is before from %s: %w", t.Label, f.Label, ErrOptions)
		}
		asked = model.Span(f, t)
	}
	asked = asked.In(loc)
	first := model.NewPeriod(model.UnitMonth, asked.First, loc)
	last := model.NewPeriod(model.UnitMonth, asked.Last, loc)
	if first.First != asked.First || last.Last != asked.Last {
		return run{}, fmt.Errorf("revenue build: %s is not a run of whole months: %w", asked.Label, ErrOptions)
	}
	m := model.Span(first, last)
	if asked.Unit == model.UnitCustom || asked.Unit == model.UnitWeek {
		// Whole months given as days: report them as months, so that the
		// comparison periods are whole months too.
		asked = m
	}
	return run{asked: asked, months: m, n: m.Len()}, nil
}

// list returns the run's months, in order.
func (r run) list() []model.Period { return r.months.Months() }

// period returns the report period as asked.
func (r run) period() model.Period { return r.asked }

// window returns the n months ending with the run's last month.
func (r run) window(n int) []model.Period {
	last := model.NewPeriod(model.UnitMonth, r.months.Last, r.months.Location())
	return model.Span(last.Shift(1-n), last).Months()
}

// Build builds the revenue report from d. It returns an error wrapping
// ErrOptions when neither Period nor both From and To are given, To is
// before From, Period is not whole months, the period is longer than 240
// months, or CoachID names no coach of the account; a
// Currency without invoices is not an error but a report of empty sheets
// with a note. The report carries the KPIs of the summary (see KPIs) and
// the front page charts. Build does not modify d, but the Invoices sheets read d's
// invoices when their rows are streamed: keep d unchanged until the report
// is rendered. Summary lists currencies in ascending code order.
func Build(d *Data, o Options) (*model.Report, *Summary, error) {
	if d == nil {
		return nil, nil, fmt.Errorf("revenue build: no data")
	}
	loc := d.Location
	if loc == nil {
		loc = time.UTC
	}
	if o.Period.IsZero() && (o.From.IsZero() || o.To.IsZero()) {
		return nil, nil, fmt.Errorf("revenue build: a period, or from and to months, are required: %w", ErrOptions)
	}
	run, err := newRun(o.Period, o.From, o.To, loc)
	if err != nil {
		return nil, nil, err
	}
	if run.n > maxMonths {
		return nil, nil, fmt.Errorf("revenue build: %s is %d months, more than %d: %w",
			run.months.Label, run.n, maxMonths, ErrOptions)
	}
	o.Currency = strings.ToUpper(strings.TrimSpace(o.Currency))
	if o.CoachID < 0 {
		return nil, nil, fmt.Errorf("revenue build: coach ID %d: %w", o.CoachID, ErrOptions)
	}
	if o.CoachID != 0 {
		found := false
		for _, c := range d.Coaches {
			found = found || c.ID == o.CoachID
		}
		if !found {
			return nil, nil, fmt.Errorf("revenue build: no coach with ID %d in the account: %w", o.CoachID, ErrOptions)
		}
	}
	b, err := newBook(d, loc, o.CoachID, o.Currency)
	if err != nil {
		return nil, nil, fmt.Errorf("revenue build: %w", err)
	}
	rb := &reportBuilder{b: b, o: o, run: run, memo: map[memoKey]Figures{}}
	sum := rb.summary()
	r := &model.Report{
		Name:        "revenue",
		Title:       "Revenue report " + sum.Period.Label,
		Previous:    sum.Previous,
		YearEarlier: sum.YearEarlier,
		KPIs:        KPIs(sum),
		Account:     o.AccountName,
		Period:      sum.Period,
		Timezone:    loc.String(),
		// Both in the account zone, as every date of the report: the front
		// page prints them as they are.
		GeneratedAt: o.GeneratedAt.In(loc),
		DataTime:    d.FetchedAt.In(loc),
	}
	rb.r = r
	rb.trendSheet()
	rb.monthlySheet()
	rb.byCoachSheet()
	rb.byClientSheet()
	rb.lineItemsSheet()
	rb.paymentsSheet()
	rb.agingSheet()
	rb.invoiceSheets()
	rb.notes(d, sum)
	for _, s := range r.Sheets {
		if err := s.Err(); err != nil {
			return nil, nil, fmt.Errorf("revenue build: %w", err)
		}
	}
	return r, sum, nil
}

type memoKey struct {
	cur        string
	start, end int64
}

// reportBuilder holds the state of one Build.
type reportBuilder struct {
	b    *book
	o    Options
	run  run
	r    *model.Report
	memo map[memoKey]Figures
}

// fig returns the memoized figures of cur over p.
func (rb *reportBuilder) fig(cur string, p model.Period) Figures {
	k := memoKey{cur, p.Start.UnixNano(), p.End.UnixNano()}
	if f, ok := rb.memo[k]; ok {
		return f
	}
	f := rb.b.figures(cur, p)
	rb.memo[k] = f
	return f
}

func (rb *reportBuilder) summary() *Summary {
	s := &Summary{
		Period:      rb.run.period(),
		Previous:    rb.run.period().Prev(),
		YearEarlier: rb.run.period().YearEarlier(),
	}
	for _, cur := range rb.b.currencies {
		s.Currencies = append(s.Currencies, CurrencySummary{
			Currency:    cur,
			Current:     rb.fig(cur, s.Period),
			Previous:    rb.fig(cur, s.Previous),
			YearEarlier: rb.fig(cur, s.YearEarlier),
		})
	}
	return s
}
