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
	// From and To are the first and last month of the report, inclusive;
	// both are required. Each is read as the calendar month of its Start
	// (wall clock in its own location) and rebuilt in the account zone.
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

// months is a run of n calendar months starting at first, in the account zone.
type months struct {
	first model.Period
	n     int
}

func (m months) list() []model.Period {
	out := make([]model.Period, 0, m.n)
	for p, i := m.first, 0; i < m.n; p, i = p.Next(), i+1 {
		out = append(out, p)
	}
	return out
}

func (m months) last() model.Period {
	p := m.first
	for range m.n - 1 {
		p = p.Next()
	}
	return p
}

// period returns the run as one period: the month itself when n is 1, else a
// custom period labelled "first..last".
func (m months) period() model.Period {
	if m.n == 1 {
		return m.first
	}
	last := m.last()
	p := model.Custom(m.first.Start, last.End)
	p.Label = m.first.Label + ".." + last.Label
	return p
}

// shift returns the run moved by k months.
func (m months) shift(k int) months {
	y, mo, _ := m.first.Start.Date()
	loc := m.first.Start.Location()
	return months{first: model.Month(time.Date(y, mo+time.Month(k), 1, 0, 0, 0, 0, loc), loc), n: m.n}
}

// monthIn returns the calendar month of p.Start's wall clock, in loc.
func monthIn(p model.Period, loc *time.Location) model.Period {
	y, m, _ := p.Start.Date()
	return model.Month(time.Date(y, m, 1, 0, 0, 0, 0, loc), loc)
}

func monthsBetween(a, b model.Period) int {
	ay, am, _ := a.Start.Date()
	by, bm, _ := b.Start.Date()
	return (by-ay)*12 + int(bm-am)
}

// Build builds the revenue report from d. It returns an error wrapping
// ErrOptions when From or To is missing, To is before From, the period is
// longer than 240 months, or CoachID names no coach of the account; a
// Currency without invoices is not an error but a report of empty sheets
// with a note. Build does not modify d, but the Invoices sheets read d's
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
	if o.From.Start.IsZero() || o.To.Start.IsZero() {
		return nil, nil, fmt.Errorf("revenue build: from and to months are required: %w", ErrOptions)
	}
	from, to := monthIn(o.From, loc), monthIn(o.To, loc)
	n := monthsBetween(from, to) + 1
	if n < 1 {
		return nil, nil, fmt.Errorf("revenue build: to %s is before from %s: %w", to.Label, from.Label, ErrOptions)
	}
	if n > maxMonths {
		return nil, nil, fmt.Errorf("revenue build: %s..%s is %d months, more than %d: %w",
			from.Label, to.Label, n, maxMonths, ErrOptions)
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
	run := months{first: from, n: n}
	rb := &reportBuilder{b: b, o: o, run: run, memo: map[memoKey]Figures{}}
	sum := rb.summary()
	r := &model.Report{
		Title:       "Revenue report " + sum.Period.Label,
		Account:     o.AccountName,
		Period:      sum.Period,
		Timezone:    loc.String(),
		GeneratedAt: o.GeneratedAt,
		DataTime:    d.FetchedAt,
	}
	rb.r = r
	rb.summarySheet(sum)
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
	run  months
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
		Previous:    rb.run.shift(-rb.run.n).period(),
		YearEarlier: rb.run.shift(-12).period(),
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
