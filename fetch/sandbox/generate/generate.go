// Package generate builds realistic, deterministic CoachAccountable accounts
// for the sandbox: coaches, clients, pairings, engagements, appointments,
// session notes, worksheets, actions, metrics, invoices and payments, with a
// history that ends on a fixed day (AsOf, 2026-10-31) in America/New_York.
//
// The same Size and seed always give the same account, byte for byte once
// encoded with account.Encode: the generator draws from a PCG source seeded
// with the seed, never reads the clock and never iterates over a map.
//
// Small is the committed sample (samples/small.json, seed SampleSeed): about
// 6 coaches, 60 clients and 24 months of history. Large is generated on
// demand (about 40 coaches, 2,000 clients and 5 years: some 100k invoices,
// 150k payments, 10k engagements and 1M metric data points) and never
// committed.
package generate

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/careport/careport/fetch/sandbox/account"
)

// Size selects how big a generated account is.
type Size string

// The sizes Generate knows.
const (
	// Small is about 6 coaches, 60 clients and 24 months of history.
	Small Size = "small"
	// Large is about 40 coaches, 2,000 clients and 5 years of history.
	Large Size = "large"
)

// SampleSeed is the seed of the committed sample account samples/small.json.
const SampleSeed int64 = 1

// Timezone is the timezone of every generated account.
const Timezone = "America/New_York"

// AsOf is the last day of a generated account's history (its "today").
func AsOf() account.Date { return account.DateOf(2026, time.October, 31) }

// ParseSize reads "small" or "large" (case-insensitive).
func ParseSize(s string) (Size, error) {
	switch Size(strings.ToLower(strings.TrimSpace(s))) {
	case Small:
		return Small, nil
	case Large:
		return Large, nil
	}
	return "", fmt.Errorf("account size %q: want small or large", s)
}

// config holds the knobs that differ between sizes.
type config struct {
	name          string
	months        int // length of the history
	coaches       int // including the owner, admins and inactive coaches
	admins        int // administrative-only coaches (IsCoaching false)
	inactive      int // deactivated coaches
	clients       int
	companies     int
	groups        int
	dailyMetrics  bool // large: daily/weekday cadences; small: weekly data only
	maxMetrics    int  // metrics per client: 1..maxMetrics
	sessionShare  int  // percent of held appointments with session notes
	activityScale int  // activities per client-month, at most
}

func configFor(size Size) (config, error) {
	switch size {
	case Small:
		return config{name: "Sample coaching practice (small)", months: 24, coaches: 6, admins: 1, inactive: 1,
			clients: 60, companies: 4, groups: 3, maxMetrics: 3, sessionShare: 70, activityScale: 4}, nil
	case Large:
		return config{name: "Generated coaching practice (large)", months: 60, coaches: 40, admins: 2, inactive: 4,
			clients: 2000, companies: 40, groups: 24, dailyMetrics: true, maxMetrics: 3, sessionShare: 50, activityScale: 3}, nil
	}
	return config{}, fmt.Errorf("account size %q: want small or large", size)
}

// Generate builds the account of the given size from seed. The same size and
// seed give the same account (and the same bytes once encoded); different
// seeds give different accounts. The result passes account.Validate.
func Generate(size Size, seed int64) (*account.Account, error) {
	cfg, err := configFor(size)
	if err != nil {
		return nil, err
	}
	g := newGen(cfg, seed)
	g.build()
	if err := g.a.Validate(); err != nil {
		return nil, fmt.Errorf("generate %s account (seed %d): %w", size, seed, err)
	}
	return g.a, nil
}

// gen is the state of one generation run.
type gen struct {
	r     *rand.Rand
	cfg   config
	a     *account.Account
	start account.Date // first day of the history
	asOf  account.Date
	w     words
	plans []*clientPlan

	emails map[string]int // lower-cased email -> uses, for uniqueness

	coaching []*account.Coach // active and inactive coaches who coach
	apptType map[int][]*account.AppointmentType

	inactiveCoach   *account.Coach // the coach who left (nil if none)
	inactiveSince   account.Date
	nextAppointment int
	nextSession     int
	nextWorksheet   int
	nextAction      int
	nextProject     int
	nextMetric      int
	nextDataPoint   int
	nextReminder    int
	nextEngagement  int
	invoices        []*account.Invoice
}

func newGen(cfg config, seed int64) *gen {
	asOf := AsOf()
	startT := asOf.AddDays(1).Time(time.UTC).AddDate(0, -cfg.months, 0)
	return &gen{
		r:     rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15)),
		cfg:   cfg,
		start: account.DateFromTime(startT),
		asOf:  asOf,
		w:     newWords(),
		a: &account.Account{
			Name:            cfg.name,
			Timezone:        Timezone,
			Currency:        "USD",
			Currencies:      []string{"USD", "EUR", "GBP"},
			AsOf:            asOf,
			PaymentTermDays: 14,
		},
		emails:   map[string]int{},
		apptType: map[int][]*account.AppointmentType{},
	}
}

func (g *gen) build() {
	g.coaches()
	g.companies()
	g.clients()
	g.pairings()
	g.groups()
	g.appointmentTypes()
	g.templates()
	for _, p := range g.plans {
		g.engagements(p)
		g.billing(p)
		g.metrics(p)
		g.worksheets(p)
		g.actions(p)
		g.activities(p)
	}
	g.companyBilling()
	g.finishInvoices()
}

// Random helpers.

// chance reports true with the given percent probability.
func (g *gen) chance(percent int) bool { return g.r.IntN(100) < percent }

// between returns a uniform integer in [lo, hi].
func (g *gen) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + g.r.IntN(hi-lo+1)
}

// pick returns a random element of list.
func pick[T any](g *gen, list []T) T { return list[g.r.IntN(len(list))] }

// Date helpers.

// weekday returns the day of the week of d (Sunday = 0).
func weekday(d account.Date) time.Weekday { return time.Weekday((int(d)%7 + 7 + 4) % 7) }

// workday returns d, or the next Monday when d falls on a weekend.
func workday(d account.Date) account.Date {
	switch weekday(d) {
	case time.Saturday:
		return d + 2
	case time.Sunday:
		return d + 1
	}
	return d
}

// lastWorkday returns d, or the Friday before when d falls on a weekend.
func lastWorkday(d account.Date) account.Date {
	switch weekday(d) {
	case time.Saturday:
		return d - 1
	case time.Sunday:
		return d - 2
	}
	return d
}

// addMonths moves d by n calendar months (Go's normalisation of day overflow).
func addMonths(d account.Date, n int) account.Date {
	return account.DateFromTime(d.Time(time.UTC).AddDate(0, n, 0))
}

// firstOfMonth returns the first day of d's month.
func firstOfMonth(d account.Date) account.Date {
	t := d.Time(time.UTC)
	return account.DateOf(t.Year(), t.Month(), 1)
}

// officeTime returns a business-hours time (9:00 to 17:45) on d.
func (g *gen) officeTime(d account.Date) account.DateTime {
	return d.At(g.between(9, 17), 15*g.r.IntN(4), 0)
}

// slotTime returns a bookable slot start (9:00 to 16:30, on the half hour) on d.
func (g *gen) slotTime(d account.Date) account.DateTime {
	return d.At(g.between(9, 16), 30*g.r.IntN(2), 0)
}

// endOfDay is the last second of AsOf: nothing happens after it.
func (g *gen) endOfDay() account.DateTime { return g.asOf.At(23, 59, 59) }

// sortInvoices orders invoices by date, then client/company, for numbering.
func sortInvoices(list []*account.Invoice) {
	slices.SortStableFunc(list, func(a, b *account.Invoice) int {
		if a.DateOf != b.DateOf {
			return int(a.DateOf) - int(b.DateOf)
		}
		if a.DateAdded != b.DateAdded {
			if a.DateAdded < b.DateAdded {
				return -1
			}
			return 1
		}
		return 0
	})
}
