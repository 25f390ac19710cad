package clientdata

import (
	"strconv"
	"strings"
	"time"

	"github.com/careport/careport/fetch/sandbox/account"
)

// ActivityOptions are the validated parameters of
// ClientData.getActivityStats (6.2). Zero values: no filter, open date
// range, Bucket 'W', all item types, no Total or Average column (the API's
// defaults for includeTotals and includeAverages are the caller's to apply).
type ActivityOptions struct {
	// CoachID keeps clients whose primary coach this is; ClientID this
	// client; GroupID the group's client members; CompanyID the company's
	// clients; EngagementID the engagement's client (a company engagement:
	// the company's clients). Filters combine with AND.
	CoachID, ClientID, GroupID, CompanyID, EngagementID int
	// Bucket is 'D' days, 'W' Monday weeks, 'M' months, 'Q' quarters or 'Y'
	// years.
	Bucket byte
	// From and To bound the items' dates, both inclusive; zero is open.
	From, To account.Date
	// ItemTypes holds the letters of the kinds counted (AMPSWJFC); "" is all.
	ItemTypes string
	// IncludeInactive adds inactive clients; IncludeTotals and
	// IncludeAverages add the Total and Average columns.
	IncludeInactive, IncludeTotals, IncludeAverages bool
	// Today is the account's current date: the end of an open range, and
	// the last day on which an appointment counts as held. Zero: an open
	// range ends at the latest activity and every active appointment counts.
	Today account.Date
}

// allItemTypes are the item kinds of 6.2.
const allItemTypes = "AMPSWJFC"

// ActivityStats returns the CSV text of ClientData.getActivityStats for o,
// and whether no client matches the filters (the call's result is then
// "empty" and the text is the header line alone).
//
// Every matching client gets a row, with 0 in buckets without activity.
// Items counted, by letter: A actions done (isDone, by dateDone); M metric
// data points (dateOf); P appointments of status A (startDate, on or before
// o.Today); S non-draft session notes (dateOf); W worksheets done (dateDone);
// J, F, C the account's Activities of that kind (date). Only items dated
// within o.From..o.To count. The buckets run from o.From's bucket (else the
// earliest counted item's) to o.To's (else o.Today's, else the latest
// item's); without any, there are no bucket columns. Total is the row's sum;
// Average is Total divided by the number of bucket columns, rounded half-up
// to 2 decimals (0 without bucket columns). loc is unused: account dates
// are already wall-clock values.
func ActivityStats(a *account.Account, loc *time.Location, o ActivityOptions) (csv string, empty bool) {
	_ = loc
	if a == nil {
		a = &account.Account{}
	}
	clients := selectClients(a, clientFilter{
		coachID: o.CoachID, clientID: o.ClientID, includeInactive: o.IncludeInactive,
		extra: activityFilter(a, o),
	})
	row := make(map[int]int, len(clients))
	for i, c := range clients {
		row[c.ID] = i
	}
	types := o.ItemTypes
	if types == "" {
		types = allItemTypes
	}
	to := o.To
	if to == 0 {
		to = o.Today
	}
	inRange := func(d account.Date) bool {
		return d != 0 && (o.From == 0 || d >= o.From) && (to == 0 || d <= to)
	}

	// First pass (open ends only): the earliest and latest counted items.
	from, last := o.From, to
	if from == 0 || last == 0 {
		var lo, hi account.Date
		eachItem(a, types, o.Today, row, func(_ int, d account.Date) {
			if !inRange(d) {
				return
			}
			if lo == 0 || d < lo {
				lo = d
			}
			if d > hi {
				hi = d
			}
		})
		if from == 0 {
			from = lo
		}
		if last == 0 {
			last = hi
		}
	}
	var sp span
	if from != 0 && last != 0 {
		sp = newSpan(newBucketer(o.Bucket), from, last)
	}

	counts := make([]int32, len(clients)*sp.n)
	if sp.n > 0 {
		eachItem(a, types, o.Today, row, func(i int, d account.Date) {
			if !inRange(d) {
				return
			}
			if b := sp.index(d); b >= 0 {
				counts[i*sp.n+b]++
			}
		})
	}

	cc := newClientColumns(a, false)
	header := append(cc.header(nil), sp.labels()...)
	if o.IncludeTotals {
		header = append(header, "Total")
	}
	if o.IncludeAverages {
		header = append(header, "Average")
	}
	t := newCSVText(8 * (len(clients) + 1) * (len(header) + 4))
	t.write(header)
	rec := make([]string, 0, len(header))
	for i, c := range clients {
		rec = cc.row(rec[:0], c, strconv.Itoa(c.ID))
		total := 0
		for _, n := range counts[i*sp.n : (i+1)*sp.n] {
			total += int(n)
			rec = append(rec, strconv.Itoa(int(n)))
		}
		if o.IncludeTotals {
			rec = append(rec, strconv.Itoa(total))
		}
		if o.IncludeAverages {
			rec = append(rec, average(total, sp.n))
		}
		t.write(rec)
	}
	return t.String(), len(clients) == 0
}

// activityFilter returns the GroupID, CompanyID and EngagementID filters
// of o as one predicate, or nil when none is set.
func activityFilter(a *account.Account, o ActivityOptions) func(*account.Client) bool {
	if o.GroupID == 0 && o.CompanyID == 0 && o.EngagementID == 0 {
		return nil
	}
	var members map[int]bool
	if o.GroupID != 0 {
		members = map[int]bool{}
		for _, g := range a.Groups {
			if g != nil && g.ID == o.GroupID {
				for _, id := range g.ClientIDs {
					members[id] = true
				}
			}
		}
	}
	engClient, engCompany, engFound := 0, 0, o.EngagementID == 0
	for _, e := range a.Engagements {
		if e != nil && o.EngagementID != 0 && e.ID == o.EngagementID {
			engFound = true
			if e.ClientID != 0 {
				engClient = e.ClientID
			} else {
				engCompany = e.CompanyID
			}
		}
	}
	return func(c *account.Client) bool {
		switch {
		case members != nil && !members[c.ID],
			o.CompanyID != 0 && c.CompanyID != o.CompanyID,
			!engFound,
			engClient != 0 && c.ID != engClient,
			o.EngagementID != 0 && engClient == 0 && (engCompany == 0 || c.CompanyID != engCompany):
			return false
		}
		return true
	}
}

// eachItem calls f with the row and date of every item of the kinds in
// types that belongs to a client in row. today, when not zero, is the last
// day an active appointment counts as held.
func eachItem(a *account.Account, types string, today account.Date, row map[int]int, f func(i int, d account.Date)) {
	has := func(letter byte) bool { return strings.IndexByte(types, letter) >= 0 }
	if has('A') {
		for _, x := range a.Actions {
			if x == nil || !x.IsDone {
				continue
			}
			if i, ok := row[x.ClientID]; ok {
				f(i, x.DateDone.Date())
			}
		}
	}
	if has('M') {
		for _, m := range a.Metrics {
			if m == nil {
				continue
			}
			i, ok := row[m.ClientID]
			if !ok {
				continue
			}
			for _, dp := range m.Data {
				if dp != nil {
					f(i, dp.DateOf)
				}
			}
		}
	}
	if has('P') {
		for _, x := range a.Appointments {
			if x == nil || x.Status != "A" {
				continue
			}
			d := x.StartDate.Date()
			if today != 0 && d > today {
				continue // not held yet
			}
			if i, ok := row[x.ClientID]; ok {
				f(i, d)
			}
		}
	}
	if has('S') {
		for _, x := range a.Sessions {
			if x == nil || x.IsDraft {
				continue
			}
			if i, ok := row[x.ClientID]; ok {
				f(i, x.DateOf.Date())
			}
		}
	}
	if has('W') {
		for _, x := range a.Worksheets {
			if x == nil || !x.IsDone {
				continue
			}
			if i, ok := row[x.ClientID]; ok {
				f(i, x.DateDone.Date())
			}
		}
	}
	for _, x := range a.Activities {
		if x == nil || len(x.Kind) != 1 || !strings.Contains("JFC", x.Kind) || !has(x.Kind[0]) {
			continue
		}
		if i, ok := row[x.ClientID]; ok {
			f(i, x.Date.Date())
		}
	}
}

// average returns total/n rounded half-up to 2 decimals without trailing
// zeros ("11.33", "1.67", "0.5", "3"); "0" when n is 0.
func average(total, n int) string {
	if n <= 0 {
		return "0"
	}
	// hundredths = round(total*100/n), half-up; counts are never negative.
	h := (int64(total)*200 + int64(n)) / (2 * int64(n))
	return account.Fixed(h * (account.FixedScale / 100)).String()
}
