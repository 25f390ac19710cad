package scorecard

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/fetch/dataset"
	"github.com/careport/careport/reports/model"
	"github.com/shopspring/decimal"
)

// bigCount bounds a count of items in one cell: beyond it a count is a
// data problem, not a number of items.
var bigCount = decimal.NewFromInt(1 << 30)

func decimalInt(n int64) decimal.Decimal { return decimal.NewFromInt(n) }

// lists are the records the scorecard reads besides the activity stats:
// whole lists fetched once without date filters, and the actions of the
// clients the report needs only (see builder.needed). Times are in
// Location, the account time zone.
type lists struct {
	Location     *time.Location
	FetchedAt    time.Time
	Clients      []fetch.ClientRecord
	Coaches      []fetch.Coach
	Pairings     []fetch.Pairing
	Appointments []fetch.Appointment
	Sessions     []fetch.Session
	Worksheets   []fetch.Worksheet
	Invoices     []fetch.Invoice
	Engagements  []fetch.Engagement
	Actions      []fetch.Action
}

// listsFrom takes the whole lists out of a loaded data set.
func listsFrom(d *dataset.Set) (*lists, error) {
	data := &lists{Location: d.Location(), FetchedAt: d.FetchedAt()}
	var err error
	if data.Clients, err = d.Clients(); err != nil {
		return nil, err
	}
	if data.Coaches, err = d.Coaches(); err != nil {
		return nil, err
	}
	if data.Pairings, err = d.Pairings(); err != nil {
		return nil, err
	}
	if data.Appointments, err = d.Appointments(); err != nil {
		return nil, err
	}
	if data.Sessions, err = d.Sessions(); err != nil {
		return nil, err
	}
	if data.Worksheets, err = d.Worksheets(); err != nil {
		return nil, err
	}
	if data.Invoices, err = d.Invoices(); err != nil {
		return nil, err
	}
	if data.Engagements, err = d.Engagements(); err != nil {
		return nil, err
	}
	return data, nil
}

// counts are one client's items in one month, by letter (Letters order).
type counts [len(Letters)]int32

func (c counts) total() int {
	n := 0
	for _, v := range c {
		n += int(v)
	}
	return n
}

// activity is the activity stats of a plan, by client: the monthly counts
// per letter over the window and the days with any activity in the months
// fetched day by day.
type activity struct {
	pl      plan
	monthly map[int][]counts // client -> one entry per window month
	// days are the days with activity, ascending, per client; dailyAll are
	// the window months fetched by day for every client, dailyOne those
	// fetched for one client.
	days     map[int][]model.CivilDate
	dailyAll map[int]bool
	dailyOne map[int]map[int]bool
	problems *problems
}

// problems collects data problems, each message once with a count.
type problems struct {
	order []string
	n     map[string]int
}

func (p *problems) add(format string, args ...any) {
	if p.n == nil {
		p.n = map[string]int{}
	}
	msg := fmt.Sprintf(format, args...)
	if p.n[msg] == 0 {
		p.order = append(p.order, msg)
	}
	p.n[msg]++
}

// list returns the problems in order of first appearance, with their counts.
func (p *problems) list() []string {
	var out []string
	for _, m := range p.order {
		if n := p.n[m]; n > 1 {
			out = append(out, fmt.Sprintf("%s (%d times)", m, n))
		} else {
			out = append(out, m)
		}
	}
	return out
}

// readActivity reads the plan's monthly and day-by-day activity stats from
// d. known are the account's client IDs: rows of other IDs are a data
// problem and are left out.
func readActivity(d *dataset.Set, pl plan, known map[int]bool) (*activity, error) {
	a := &activity{pl: pl, monthly: map[int][]counts{}, days: map[int][]model.CivilDate{},
		dailyAll: map[int]bool{}, dailyOne: map[int]map[int]bool{}, problems: &problems{}}
	loc := pl.period.Location()
	for i, m := range pl.window {
		for k := range len(Letters) {
			as, err := d.ActivityStats(monthOptions(m, Letters[k]))
			if err != nil {
				return nil, err
			}
			what := fmt.Sprintf("activity stats of %s, kind %c", m.Label, Letters[k])
			a.read(as, m, loc, known, what, func(client int, _ model.CivilDate, n int32) {
				row := a.monthly[client]
				if row == nil {
					row = make([]counts, len(pl.window))
					a.monthly[client] = row
				}
				row[i][k] += n
			})
		}
	}
	for _, m := range pl.daily {
		as, err := d.ActivityStats(dayOptions(m, 0))
		if err != nil {
			return nil, err
		}
		a.dailyAll[pl.monthIndex(m.First)] = true
		a.read(as, m, loc, known, "day-by-day activity stats of "+m.Label, a.addDay)
	}
	return a, nil
}

// readClientDays reads the day-by-day activity of one client in month i of
// the window (a second-stage need).
func (a *activity) readClientDays(d *dataset.Set, client, i int, known map[int]bool) error {
	m := a.pl.window[i]
	as, err := d.ActivityStats(dayOptions(m, client))
	if err != nil {
		return err
	}
	if a.dailyOne[client] == nil {
		a.dailyOne[client] = map[int]bool{}
	}
	a.dailyOne[client][i] = true
	what := fmt.Sprintf("day-by-day activity stats of %s for client %d", m.Label, client)
	a.read(as, m, m.Location(), known, what, func(c int, day model.CivilDate, n int32) {
		if c == client {
			a.addDay(c, day, n)
		}
	})
	return nil
}

func (a *activity) addDay(client int, day model.CivilDate, n int32) {
	if n <= 0 {
		return
	}
	l := a.days[client]
	i, found := slices.BinarySearchFunc(l, day, model.CivilDate.Compare)
	if !found {
		a.days[client] = slices.Insert(l, i, day)
	}
}

// read checks one activity-stats table of month m and calls add for every
// count of a known client: a count must be a whole number of zero or more
// in a bucket that starts in m (a coarser bucket, a week starting before
// m, is dated m's first day, since the call counts only items in m), and a
// row's Total, when sent, must be the sum of its buckets.
func (a *activity) read(as *fetch.ActivityStats, m model.Period, loc *time.Location, known map[int]bool, what string,
	add func(client int, day model.CivilDate, n int32)) {
	sums := map[int]int64{}
	for _, c := range as.Cells {
		if !known[c.ClientID] {
			a.problems.add("%s: a row for client ID %d, who is not in the client list, was left out", what, c.ClientID)
			continue
		}
		if !c.Value.Valid {
			a.problems.add("%s: an empty count (client %d, bucket %q) was read as no activity", what, c.ClientID, c.BucketLabel)
			continue
		}
		v := c.Value.Decimal
		if !v.IsInteger() || v.Sign() < 0 || v.GreaterThanOrEqual(bigCount) {
			a.problems.add("%s: the count %s (client %d, bucket %q) is not a whole number of items and was left out", what, v, c.ClientID, c.BucketLabel)
			continue
		}
		day := model.CivilDateOf(c.BucketStart.In(loc))
		if day.After(m.Last) {
			a.problems.add("%s: bucket %q starts after the month and was left out", what, c.BucketLabel)
			continue
		}
		if day.Before(m.First) {
			day = m.First
		}
		n := int32(v.IntPart())
		sums[c.ClientID] += int64(n)
		add(c.ClientID, day, n)
	}
	for _, ac := range as.Clients {
		if !known[ac.ClientID] || !ac.Total.Valid {
			continue
		}
		if got := sums[ac.ClientID]; !ac.Total.Decimal.Equal(decimalInt(got)) {
			a.problems.add("%s: client %d's Total is %s but its buckets add up to %d; the buckets were used", what, ac.ClientID, ac.Total.Decimal, got)
		}
	}
}

// month returns client's counts in window month i.
func (a *activity) month(client, i int) counts {
	if row := a.monthly[client]; row != nil && i >= 0 && i < len(row) {
		return row[i]
	}
	return counts{}
}

// over returns client's counts over window months [lo, hi).
func (a *activity) over(client, lo, hi int) counts {
	var out counts
	row := a.monthly[client]
	if row == nil {
		return out
	}
	for i := max(lo, 0); i < hi && i < len(row); i++ {
		for k := range out {
			out[k] += row[i][k]
		}
	}
	return out
}

// errNoDays is returned by lastDay when the day of a client's last
// activity is in a month that was not fetched day by day for the client.
var errNoDays = errors.New("the day-by-day activity of that month was not loaded")

// lastDay returns the last day with activity of client on or before day
// end, looked for in the window: ok is false when the client has no
// activity in the window up to end. It needs the day-by-day counts of the
// month holding that day (see lastMonth).
func (a *activity) lastDay(client int, end model.CivilDate) (day model.CivilDate, ok bool, err error) {
	l := a.days[client]
	i, found := slices.BinarySearchFunc(l, end, model.CivilDate.Compare)
	if found {
		return end, true, nil
	}
	mi := a.lastMonth(client, end)
	if i > 0 && (mi < 0 || !l[i-1].Before(a.pl.window[mi].First)) {
		return l[i-1], true, nil
	}
	if mi < 0 {
		return model.CivilDate{}, false, nil
	}
	if a.dailyAll[mi] || a.dailyOne[client][mi] {
		// The month has activity by the monthly calls but none by day:
		// the two calls disagree.
		a.problems.add("client %d: the activity stats of %s count activity that the day-by-day stats of the month do not show; the last activity date is left empty", client, a.pl.window[mi].Label)
		return model.CivilDate{}, false, nil
	}
	return model.CivilDate{}, false, fmt.Errorf("scorecard: last activity of client %d in %s: %w", client, a.pl.window[mi].Label, errNoDays)
}

// lastMonth returns the window index of the last month up to day end in
// which client has any activity by the monthly counts, or -1.
func (a *activity) lastMonth(client int, end model.CivilDate) int {
	row := a.monthly[client]
	hi := a.pl.monthIndex(end)
	if hi < 0 {
		hi = len(a.pl.window) - 1
	}
	for i := min(hi, len(row)-1); i >= 0; i-- {
		if row[i].total() > 0 {
			return i
		}
	}
	return -1
}

// sortClients orders clients by last name, first name, then ID.
func sortClients(cs []*fetch.ClientRecord) {
	slices.SortFunc(cs, func(x, y *fetch.ClientRecord) int {
		return cmp.Or(cmp.Compare(strings.ToLower(x.LastName), strings.ToLower(y.LastName)),
			cmp.Compare(strings.ToLower(x.FirstName), strings.ToLower(y.FirstName)), cmp.Compare(x.ID, y.ID))
	})
}
