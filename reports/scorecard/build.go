package scorecard

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/fetch/dataset"
	"github.com/careport/careport/reports"
	"github.com/careport/careport/reports/model"
)

// The periods a builder computes figures for, by index.
const (
	cur = iota
	prev
	yearEarlier
	nPeriods
)

// builder holds one run's data and results.
type builder struct {
	pl       plan
	d        *lists
	act      *activity
	rec      *records
	hist     history
	coachID  int // the --coach filter, 0 for every coach
	dataTime time.Time
	loc      *time.Location
	clients  map[int]*fetch.ClientRecord
	coaches  map[int]*fetch.Coach
	known    map[int]bool // client IDs

	periods [nPeriods]model.Period
	books   [nPeriods]*book
	figs    [nPeriods]map[int]*figures // coach -> figures, every coach with active clients
	team    [nPeriods]*figures         // the listed coaches' sum
	max     [nPeriods]maxima
	// listed are the coaches on the Team sheet, in rank order.
	listed []int
	rank   map[int]int // 0 when not ranked
	names  map[int]string
	quiet  []quietClient
	last   map[int]lastSeen // current active clients of the listed coaches
}

// lastSeen is a client's last activity up to the period's end.
type lastSeen struct {
	day   model.CivilDate
	known bool
}

// prepare reads everything but the second-stage data and attributes the
// clients for the three periods.
func prepare(ds *dataset.Set, p reports.Params, weeks int) (*builder, error) {
	d, err := listsFrom(ds)
	if err != nil {
		return nil, err
	}
	loc := p.Location
	if loc == nil {
		loc = d.Location
	}
	period := toDate(p.Period.In(loc), p.DataTime)
	if err := checkMonths(period); err != nil {
		return nil, err
	}
	b := &builder{pl: newPlan(period, loc, weeks), d: d, hist: newHistory(d.Pairings), coachID: p.CoachID,
		dataTime: p.DataTime, loc: loc, clients: map[int]*fetch.ClientRecord{}, coaches: map[int]*fetch.Coach{},
		known: map[int]bool{}}
	if b.dataTime.IsZero() {
		b.dataTime = d.FetchedAt
	}
	for i := range d.Clients {
		b.clients[d.Clients[i].ID] = &d.Clients[i]
		b.known[d.Clients[i].ID] = true
	}
	for i := range d.Coaches {
		b.coaches[d.Coaches[i].ID] = &d.Coaches[i]
	}
	if b.coachID != 0 && b.coaches[b.coachID] == nil {
		return nil, reports.Optionsf("no coach with ID %d in the account", b.coachID)
	}
	if b.act, err = readActivity(ds, b.pl, b.known); err != nil {
		return nil, err
	}
	b.periods = [nPeriods]model.Period{b.pl.period, b.pl.prev, b.pl.yearEarlier}
	for t, per := range b.periods {
		b.books[t] = newBook(d.Clients, b.hist, per)
	}
	return b, nil
}

// selected reports whether coach is in the report (the --coach filter).
func (b *builder) selected(coach int) bool { return b.coachID == 0 || coach == b.coachID }

// needed returns the clients whose actions the report reads: the active
// clients of the selected coaches' books in the three periods, ascending.
func (b *builder) needed() []int {
	seen := map[int]bool{}
	for _, bk := range b.books {
		for coach, cs := range bk.active {
			if !b.selected(coach) {
				continue
			}
			for _, c := range cs {
				seen[c.ID] = true
			}
		}
	}
	return slices.Sorted(maps.Keys(seen))
}

// dayNeeds returns, for every current active client of a selected coach
// whose last activity is in a month not fetched day by day, that month's
// window index, by client.
func (b *builder) dayNeeds() map[int]int {
	out := map[int]int{}
	for coach, cs := range b.books[cur].active {
		if !b.selected(coach) {
			continue
		}
		for _, c := range cs {
			if _, _, err := b.act.lastDay(c.ID, b.pl.period.Last); errors.Is(err, errNoDays) {
				out[c.ID] = b.act.lastMonth(c.ID, b.pl.period.Last)
			}
		}
	}
	return out
}

// moreNeeds are the second-stage needs: the needed clients' actions and
// the day-by-day calls of the last active months.
func (b *builder) moreNeeds() []dataset.Need {
	out := dataset.NeedActionsOf(b.needed()...)
	days := b.dayNeeds()
	for _, c := range slices.Sorted(maps.Keys(days)) {
		out = append(out, dataset.NeedActivityStats(dayOptions(b.pl.window[days[c]], c)))
	}
	return out
}

// loadMore reads the second-stage data.
func (b *builder) loadMore(ds *dataset.Set) error {
	var err error
	if b.d.Actions, err = ds.ActionsOf(b.needed()); err != nil {
		return err
	}
	days := b.dayNeeds()
	for _, c := range slices.Sorted(maps.Keys(days)) {
		if err := b.act.readClientDays(ds, c, days[c], b.known); err != nil {
			return err
		}
	}
	b.rec = newRecords(b.d)
	return nil
}

// compute works out every coach's figures, the scores and the ranks.
func (b *builder) compute() error {
	for t, per := range b.periods {
		lo, hi := b.pl.monthsOf(per)
		b.figs[t] = map[int]*figures{}
		for coach, cs := range b.books[t].active {
			f := &figures{}
			for _, c := range cs {
				b.rec.clientFigures(f, c, per, b.act, lo, hi, b.dataTime)
			}
			b.figs[t][coach] = f
		}
		b.max[t] = teamMaxima(b.figs[t])
	}
	b.names = b.coachNames()
	for coach := range b.figs[cur] {
		if b.selected(coach) {
			b.listed = append(b.listed, coach)
		}
	}
	if b.coachID != 0 && !slices.Contains(b.listed, b.coachID) {
		b.listed = append(b.listed, b.coachID) // shown without clients
	}
	b.rank = map[int]int{}
	sc := func(coach int) (float64, bool) {
		f := b.figs[cur][coach]
		if f == nil {
			return 0, false
		}
		return score(f, b.max[cur])
	}
	slices.SortFunc(b.listed, func(x, y int) int {
		sx, okx := sc(x)
		sy, oky := sc(y)
		switch {
		case okx != oky:
			if okx {
				return -1
			}
			return 1
		case sx != sy:
			if sx > sy {
				return -1
			}
			return 1
		}
		ax, ay := 0, 0
		if f := b.figs[cur][x]; f != nil {
			ax = f.activity()
		}
		if f := b.figs[cur][y]; f != nil {
			ay = f.activity()
		}
		return cmp.Or(cmp.Compare(ay, ax), cmp.Compare(b.names[x], b.names[y]), cmp.Compare(x, y))
	})
	if b.coachID == 0 {
		for i, coach := range b.listed {
			if _, ok := sc(coach); ok {
				b.rank[coach] = i + 1
			}
		}
	}
	for t := range b.periods {
		b.team[t] = &figures{}
		for coach, f := range b.figs[t] {
			if b.selected(coach) {
				b.team[t].add(f)
			}
		}
	}
	return b.findQuiet()
}

// coachNames returns a display name per coach, made unique with the ID
// where two coaches share one (sheet names and chart series need that).
func (b *builder) coachNames() map[int]string {
	names := map[int]string{}
	count := map[string]int{}
	ids := slices.Sorted(maps.Keys(b.coaches))
	for _, t := range b.figs {
		for coach := range t {
			if b.coaches[coach] == nil && !slices.Contains(ids, coach) {
				ids = append(ids, coach) // a coach the coach list does not know
			}
		}
	}
	for _, id := range ids {
		n := coachName(b.coaches[id], id)
		names[id] = n
		count[strings.ToLower(n)]++
	}
	for id, n := range names {
		if count[strings.ToLower(n)] > 1 {
			names[id] = fmt.Sprintf("%s (ID %d)", n, id)
		}
	}
	return names
}

// coachName is a coach's first and last name, or a placeholder naming the
// ID of a coach the coach list lacks.
func coachName(c *fetch.Coach, id int) string {
	if c == nil {
		return fmt.Sprintf("Unknown coach (ID %d)", id)
	}
	n := strings.TrimSpace(c.FirstName + " " + c.LastName)
	if n == "" {
		n = fmt.Sprintf("Coach %d", id)
	}
	return n
}

// clientName is a client's first and last name.
func clientName(c *fetch.ClientRecord) string {
	n := strings.TrimSpace(c.FirstName + " " + c.LastName)
	if n == "" {
		n = fmt.Sprintf("Client %d", c.ID)
	}
	return n
}

// quietClient is a row of the Quiet clients sheet.
type quietClient struct {
	coach    int
	client   *fetch.ClientRecord
	last     lastSeen
	activity int    // in the period
	days     int    // days without activity at the period's end (at least, when last is unknown)
	reason   string // why the client is quiet
}

// findQuiet finds the listed coaches' quiet clients and every current
// active client's last activity.
func (b *builder) findQuiet() error {
	p := b.pl.period
	lo, hi := b.pl.monthsOf(p)
	b.last = map[int]lastSeen{}
	for _, coach := range b.listed {
		for _, c := range b.books[cur].active[coach] {
			day, ok, err := b.act.lastDay(c.ID, p.Last)
			if err != nil {
				return err
			}
			ls := lastSeen{day, ok}
			b.last[c.ID] = ls
			n := b.act.over(c.ID, lo, hi).total()
			q := quietClient{coach: coach, client: c, last: ls, activity: n}
			switch {
			case ok:
				q.days = p.Last.DaysSince(day)
			default:
				q.days = p.Last.DaysSince(b.pl.window[0].First) + 1
			}
			switch {
			case n == 0 && ok:
				q.reason = fmt.Sprintf("no activity in %s; last on %s", p.Label, day)
			case n == 0:
				q.reason = fmt.Sprintf("no activity in %s, nor since %s at least", p.Label, b.pl.window[0].First)
			case ok && day.Before(b.pl.quietFrom):
				q.reason = fmt.Sprintf("no activity in the last %s (since %s); last on %s", plural(b.pl.quietWeeks, "week", "weeks"), b.pl.quietFrom, day)
			default:
				continue
			}
			b.quiet = append(b.quiet, q)
		}
	}
	slices.SortFunc(b.quiet, func(x, y quietClient) int {
		return cmp.Or(cmp.Compare(b.names[x.coach], b.names[y.coach]), cmp.Compare(y.days, x.days),
			cmp.Compare(clientName(x.client), clientName(y.client)), cmp.Compare(x.client.ID, y.client.ID))
	})
	return nil
}
