package clientdata

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/careport/careport/fetch/sandbox/account"
)

// DataFetchOptions are the validated parameters of ClientData.getByField
// (6.1). Zero values are the API defaults: no filter, open date range,
// Bucket 'W', WhatData 'N', Structure 'D'.
type DataFetchOptions struct {
	// FieldName is matched case-insensitively against metric names and the
	// names of session and worksheet form answers.
	FieldName string
	// CoachID keeps only clients whose primary coach this is; ClientID only
	// this client.
	CoachID, ClientID int
	// From and To bound the data points' dates, both inclusive; zero is open.
	From, To account.Date
	// IncludeInactive adds inactive clients; IncludeCoachName adds the
	// Coach Name column.
	IncludeInactive, IncludeCoachName bool
	// Bucket is the grid's bucket size: 'D' days, 'W' Monday weeks, 'M'
	// months ('Q' and 'Y' work too).
	Bucket byte
	// WhatData selects 'N' numeric values, 'T' text values or 'B' both.
	WhatData byte
	// Structure is 'D' a date grid (a row per client, a column per bucket)
	// or 'L' a listing (a row per data point).
	Structure byte
}

// point is one data point of the requested field.
type point struct {
	date   account.Date
	at     account.DateTime // for "latest": a metric point's date at 00:00, else the record's date/time
	id     int              // the data point's, session's or worksheet's ID: breaks ties of at
	ord    int              // discovery order: breaks the remaining ties
	num    account.Fixed
	hasNum bool
	text   string // answer text, or the metric's units
	metric bool   // text is the metric's units: the text value is num + " " + units
}

// textValue returns the point's text value (6.1): an answer's value, or a
// metric value followed by a space and the metric's units ("12.5 lbs").
func (p *point) textValue() string {
	if !p.metric {
		return p.text
	}
	var tmp [64]byte
	buf := appendFixed(tmp[:0], p.num)
	if p.text != "" {
		buf = append(append(buf, ' '), p.text...)
	}
	return string(buf)
}

// numValue returns the point's numeric value as text, "" when it has none.
func (p *point) numValue() string {
	if !p.hasNum {
		return ""
	}
	var tmp [24]byte
	return string(appendFixed(tmp[:0], p.num))
}

// appendFixed appends f exactly as f.String() formats it (a plain decimal
// without trailing zeros: "12.5", "3", "-0.25"), without fmt's allocations;
// a test checks the two agree.
func appendFixed(buf []byte, f account.Fixed) []byte {
	v := uint64(f)
	if f < 0 {
		buf = append(buf, '-')
		v = -v
	}
	buf = strconv.AppendUint(buf, v/account.FixedScale, 10)
	frac := v % account.FixedScale
	if frac == 0 {
		return buf
	}
	digits := [4]byte{byte('0' + frac/1000), byte('0' + frac/100%10), byte('0' + frac/10%10), byte('0' + frac%10)}
	n := 4
	for digits[n-1] == '0' {
		n--
	}
	return append(append(buf, '.'), digits[:n]...)
}

// later reports whether p is later than q: by date/time, then ID, then
// discovery order.
func (p *point) later(q *point) bool {
	if p.at != q.at {
		return p.at > q.at
	}
	if p.id != q.id {
		return p.id > q.id
	}
	return p.ord > q.ord
}

// DataFetch returns the CSV text of ClientData.getByField for o, and
// whether it has no data row (the call's result is then "empty" and the
// text is the header line alone).
//
// Values come from (a) data points of the clients' metrics whose name
// matches o.FieldName (numeric value: the point's value; text value: the
// value, a space and the metric's units), dated by the point's dateOf, and
// (b) answers whose name matches in non-draft sessions (dated by dateOf)
// and done worksheets (dated by dateDone): numeric value numberValue, text
// value value. For 'N' only points with a numeric value count. A grid cell
// holds the latest point of its bucket (by date and time, ties by the
// highest ID); with 'B' the numeric and the text column of a bucket are
// each chosen that way. A listing is ordered by client, then date and time.
// The grid's buckets run from o.From's (else the earliest point's) to
// o.To's (else the latest point's). An unknown field name gives the header
// alone. loc is unused: account dates are already wall-clock values.
func DataFetch(a *account.Account, loc *time.Location, o DataFetchOptions) (csv string, empty bool) {
	_ = loc
	if a == nil {
		a = &account.Account{}
	}
	what := o.WhatData
	if what != 'T' && what != 'B' {
		what = 'N'
	}
	clients := selectClients(a, clientFilter{
		coachID: o.CoachID, clientID: o.ClientID, includeInactive: o.IncludeInactive,
	})
	points := collectPoints(a, clients, o)

	// Rows: clients with at least one point that counts for what.
	counts := func(p *point) bool { return what != 'N' || p.hasNum }
	var rows []int // indexes into clients
	lo, hi := account.Date(0), account.Date(0)
	for i := range clients {
		has := false
		for j := range points[i] {
			p := &points[i][j]
			if !counts(p) {
				continue
			}
			has = true
			if lo == 0 || p.date < lo {
				lo = p.date
			}
			if hi == 0 || p.date > hi {
				hi = p.date
			}
		}
		if has {
			rows = append(rows, i)
		}
	}
	cc := newClientColumns(a, o.IncludeCoachName)

	if o.Structure == 'L' {
		return dataListing(clients, points, rows, cc, what), len(rows) == 0
	}

	from, to := o.From, o.To
	if from == 0 {
		from = lo
	}
	if to == 0 {
		to = hi
	}
	var sp span
	if from != 0 && to != 0 {
		sp = newSpan(newBucketer(o.Bucket), from, to)
	}
	return dataGrid(clients, points, rows, cc, what, sp), len(rows) == 0
}

// collectPoints returns, per client (same index as clients), the data
// points of o.FieldName dated within o.From..o.To.
func collectPoints(a *account.Account, clients []*account.Client, o DataFetchOptions) [][]point {
	row := make(map[int]int, len(clients))
	for i, c := range clients {
		row[c.ID] = i
	}
	points := make([][]point, len(clients))
	inRange := func(d account.Date) bool {
		return d != 0 && (o.From == 0 || d >= o.From) && (o.To == 0 || d <= o.To)
	}
	ord := 0
	add := func(i int, p point) {
		ord++
		p.ord = ord
		points[i] = append(points[i], p)
	}
	for _, m := range a.Metrics {
		if m == nil || !strings.EqualFold(m.Name, o.FieldName) {
			continue
		}
		i, ok := row[m.ClientID]
		if !ok {
			continue
		}
		if points[i] == nil {
			points[i] = make([]point, 0, len(m.Data))
		}
		for _, dp := range m.Data {
			if dp == nil || !inRange(dp.DateOf) {
				continue
			}
			add(i, point{
				date: dp.DateOf, at: dp.DateOf.At(0, 0, 0), id: dp.ID,
				num: dp.Value, hasNum: true, text: m.Units, metric: true,
			})
		}
	}
	answers := func(i int, at account.DateTime, id int, as []*account.Answer) {
		for _, an := range as {
			if an == nil || !strings.EqualFold(an.Name, o.FieldName) {
				continue
			}
			p := point{date: at.Date(), at: at, id: id, text: an.Value}
			if an.NumberValue != nil {
				p.num, p.hasNum = *an.NumberValue, true
			}
			add(i, p)
		}
	}
	for _, s := range a.Sessions {
		if s == nil || s.IsDraft || !inRange(s.DateOf.Date()) {
			continue
		}
		if i, ok := row[s.ClientID]; ok {
			answers(i, s.DateOf, s.ID, s.Answers)
		}
	}
	for _, w := range a.Worksheets {
		if w == nil || !w.IsDone || !inRange(w.DateDone.Date()) {
			continue
		}
		if i, ok := row[w.ClientID]; ok {
			answers(i, w.DateDone, w.ID, w.Answers)
		}
	}
	return points
}

// dataGrid writes the date grid (structure D).
func dataGrid(clients []*account.Client, points [][]point, rows []int, cc clientColumns, what byte, sp span) string {
	labels := sp.labels()
	per := 1
	if what == 'B' {
		per = 2
	}
	header := cc.header(make([]string, 0, 3+per*sp.n))
	for _, l := range labels {
		switch what {
		case 'B':
			header = append(header, l, l+" Text")
		default:
			header = append(header, l)
		}
	}
	t := newCSVText((len(rows) + 1) * (40 + 8*per*sp.n))
	t.write(header)

	numBest := make([]*point, sp.n)
	textBest := make([]*point, sp.n)
	rec := make([]string, 0, len(header))
	for _, i := range rows {
		clear(numBest)
		clear(textBest)
		for j := range points[i] {
			p := &points[i][j]
			b := sp.index(p.date)
			if b < 0 {
				continue
			}
			if p.hasNum && (numBest[b] == nil || p.later(numBest[b])) {
				numBest[b] = p
			}
			if textBest[b] == nil || p.later(textBest[b]) {
				textBest[b] = p
			}
		}
		c := clients[i]
		rec = cc.row(rec[:0], c, strconv.Itoa(c.ID))
		for b := range sp.n {
			if what != 'T' {
				v := ""
				if p := numBest[b]; p != nil {
					v = p.numValue()
				}
				rec = append(rec, v)
			}
			if what != 'N' {
				v := ""
				if p := textBest[b]; p != nil {
					v = p.textValue()
				}
				rec = append(rec, v)
			}
		}
		t.write(rec)
	}
	return t.String()
}

// dataListing writes the data point listing (structure L).
func dataListing(clients []*account.Client, points [][]point, rows []int, cc clientColumns, what byte) string {
	header := append(cc.header(nil), "Date", "Value")
	if what == 'B' {
		header = append(header, "Text")
	}
	n := 0
	for _, i := range rows {
		n += len(points[i])
	}
	t := newCSVText(64 * (n + 1))
	dates := map[account.Date]string{} // dates recur across clients: format each once
	t.write(header)
	rec := make([]string, 0, len(header))
	for _, i := range rows {
		ps := points[i]
		byTime := func(p, q point) int {
			if p.later(&q) {
				return 1
			}
			if q.later(&p) {
				return -1
			}
			return 0
		}
		if !slices.IsSortedFunc(ps, byTime) {
			slices.SortFunc(ps, byTime)
		}
		c := clients[i]
		id := strconv.Itoa(c.ID)
		for j := range ps {
			p := &ps[j]
			if what == 'N' && !p.hasNum {
				continue
			}
			rec = cc.row(rec[:0], c, id)
			date, ok := dates[p.date]
			if !ok {
				date = formatDate(p.date)
				dates[p.date] = date
			}
			rec = append(rec, date)
			switch what {
			case 'N':
				rec = append(rec, p.numValue())
			case 'T':
				rec = append(rec, p.textValue())
			default:
				rec = append(rec, p.numValue(), p.textValue())
			}
			t.write(rec)
		}
	}
	return t.String()
}
