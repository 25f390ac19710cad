package metrics

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/fetch/dataset"
	"github.com/careport/careport/reports/model"
	"github.com/shopspring/decimal"
)

// dataFetchOptions are the parameters of every data fetch the report
// makes: both numbers and text (whatData B, so that one call serves every
// --values mode), the coach's name, inactive clients included (a client
// who has left since still reported in a past period), no CoachID (the
// coach filter is applied locally, so one snapshot serves every coach).
// bucket is 0 for the listing, where the API ignores it.
func dataFetchOptions(field string, piece model.Period, bucket, structure byte) fetch.DataFetchOptions {
	return fetch.DataFetchOptions{
		FieldName: field, From: piece.Start, To: piece.Last.StartOf(piece.Location()),
		IncludeInactive: true, IncludeCoachName: true, Bucket: bucket, WhatData: 'B', Structure: structure,
	}
}

// fieldNeeds returns the data fetches of one field for period p: the grid
// of p in each of the buckets, and the listing of p and of the period
// before it, each month by month.
func fieldNeeds(field string, p model.Period, buckets []byte) []dataset.Need {
	var out []dataset.Need
	for _, pc := range pieces(p) {
		for _, b := range buckets {
			out = append(out, dataset.NeedDataFetch(dataFetchOptions(field, pc, b, 'D')))
		}
	}
	for _, q := range []model.Period{p, p.Prev()} {
		for _, pc := range pieces(q) {
			out = append(out, dataset.NeedDataFetch(dataFetchOptions(field, pc, 0, 'L')))
		}
	}
	return out
}

// point is one data point of a field, from the data fetch listing.
type point = fetch.DataRow

// listing returns the data points of field in p, from its monthly
// listings, in the API's order within each month and months in order.
func listing(d *dataset.Set, field string, p model.Period) ([]point, error) {
	var parts [][]point
	n := 0
	err := eachListing(d, field, p, func(rows []point) {
		parts = append(parts, rows)
		n += len(rows)
	})
	if err != nil {
		return nil, err
	}
	out := make([]point, 0, n)
	for _, rows := range parts {
		out = append(out, rows...)
	}
	return out, nil
}

// eachListing calls fn with the data points of each month of p in turn,
// without copying them (fn must not change them).
func eachListing(d *dataset.Set, field string, p model.Period, fn func([]point)) error {
	for _, pc := range pieces(p) {
		df, err := d.DataFetch(dataFetchOptions(field, pc, 0, 'L'))
		if err != nil {
			return err
		}
		fn(df.Rows)
	}
	return nil
}

// gridCell is one client's values in one bucket of the grid.
type gridCell struct {
	num  decimal.NullDecimal
	text string
}

// grid is a field's date grid over the report period: the buckets as the
// API labels them and each client's cells.
type grid struct {
	labels []string    // bucket labels as sent, in order
	starts []time.Time // each bucket's start (the label's date), midnight in the account zone
	cells  map[int][]gridCell
	names  map[int]string // client name as the data fetch gives it
	coach  map[int]string // coach name as the data fetch gives it
}

// loadGrid merges the monthly grids of field over p. A bucket that spans
// two months (a week across a month's end) comes back in both months'
// grids with the same label, each holding the latest value of its own
// days; the later month's value, when it has one, is the bucket's latest,
// so it wins. Buckets are matched by their labels only: no week start is
// assumed.
func loadGrid(d *dataset.Set, field string, p model.Period, bucket byte) (*grid, error) {
	g := &grid{cells: map[int][]gridCell{}, names: map[int]string{}, coach: map[int]string{}}
	index := map[string]int{}
	for _, pc := range pieces(p) {
		df, err := d.DataFetch(dataFetchOptions(field, pc, bucket, 'D'))
		if err != nil {
			return nil, err
		}
		for _, c := range df.Cells {
			i, ok := index[c.BucketLabel]
			if !ok {
				i = len(g.labels)
				index[c.BucketLabel] = i
				g.labels = append(g.labels, c.BucketLabel)
				g.starts = append(g.starts, c.BucketStart)
			}
			row := g.cells[c.ClientID]
			for len(row) <= i {
				row = append(row, gridCell{})
			}
			if c.Value.Valid {
				row[i].num = c.Value
			}
			if c.Text != "" {
				row[i].text = c.Text
			}
			g.cells[c.ClientID] = row
			g.names[c.ClientID] = c.ClientName
			g.coach[c.ClientID] = c.CoachName
		}
	}
	// Buckets in date order (labels of one size sort by their dates);
	// cells follow their bucket.
	order := make([]int, len(g.labels))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return g.starts[a].Compare(g.starts[b]) })
	labels, starts := make([]string, len(order)), make([]time.Time, len(order))
	for j, i := range order {
		labels[j], starts[j] = g.labels[i], g.starts[i]
	}
	for id, row := range g.cells {
		out := make([]gridCell, len(order))
		for j, i := range order {
			if i < len(row) {
				out[j] = row[i]
			}
		}
		g.cells[id] = out
	}
	g.labels, g.starts = labels, starts
	return g, nil
}

// accountFieldNames returns every field name the account has: its metric
// names (from the metrics of every client) and the input names of its
// session notes and worksheets, each spelling once, sorted. With metrics
// nil it reads every client's metrics from d.
func accountFieldNames(d *dataset.Set, metrics []fetch.Metric) ([]string, error) {
	if metrics == nil {
		var err error
		if metrics, err = d.Metrics(); err != nil {
			return nil, err
		}
	}
	ms, inputs, err := knownNames(d, metrics)
	if err != nil {
		return nil, err
	}
	out := append(ms, inputs...)
	slices.Sort(out)
	return slices.Compact(out), nil
}

// knownNames returns the account's metric names and its session and
// worksheet input names, each sorted, each spelling once.
func knownNames(d *dataset.Set, metrics []fetch.Metric) (metricNames, inputNames []string, err error) {
	for _, m := range metrics {
		if strings.TrimSpace(m.Name) != "" {
			metricNames = append(metricNames, m.Name)
		}
	}
	sessions, err := d.Sessions()
	if err != nil {
		return nil, nil, err
	}
	worksheets, err := d.Worksheets()
	if err != nil {
		return nil, nil, err
	}
	for _, s := range sessions {
		for _, a := range s.Answers {
			if strings.TrimSpace(a.Name) != "" {
				inputNames = append(inputNames, a.Name)
			}
		}
	}
	for _, w := range worksheets {
		for _, a := range w.Answers {
			if strings.TrimSpace(a.Name) != "" {
				inputNames = append(inputNames, a.Name)
			}
		}
	}
	slices.Sort(metricNames)
	slices.Sort(inputNames)
	return slices.Compact(metricNames), slices.Compact(inputNames), nil
}

// people holds the clients and coaches, for names, coaches and row order.
type people struct {
	clients map[int]fetch.ClientRecord
	names   map[int]string // client names, "first last"
	coaches map[int]string
}

func loadPeople(d *dataset.Set) (*people, error) {
	cs, err := d.Clients()
	if err != nil {
		return nil, err
	}
	coaches, err := d.Coaches()
	if err != nil {
		return nil, err
	}
	pp := &people{clients: make(map[int]fetch.ClientRecord, len(cs)), names: make(map[int]string, len(cs)),
		coaches: make(map[int]string, len(coaches))}
	for _, c := range cs {
		pp.clients[c.ID] = c
		pp.names[c.ID] = strings.TrimSpace(c.FirstName + " " + c.LastName)
	}
	for _, c := range coaches {
		pp.coaches[c.ID] = strings.TrimSpace(c.FirstName + " " + c.LastName)
	}
	return pp, nil
}

// name returns a client's name: the client record's, else the data fetch's.
func (pp *people) name(id int, fallback string) string {
	if n := pp.names[id]; n != "" {
		return n
	}
	return fallback
}

// coach returns the name of a client's primary coach: from the client and
// coach records, else the data fetch's Coach Name.
func (pp *people) coach(id int, fallback string) string {
	if c, ok := pp.clients[id]; ok {
		if n, ok := pp.coaches[c.CoachID]; ok && n != "" {
			return n
		}
	}
	return fallback
}

// keep reports whether client id passes the coach filter (0: every coach):
// its current primary coach, as the API's CoachID filter reads it.
func (pp *people) keep(id, coachID int) bool {
	if coachID == 0 {
		return true
	}
	c, ok := pp.clients[id]
	return ok && c.CoachID == coachID
}

// sortClients sorts client IDs as the API orders its rows: last name,
// first name, then ClientID; clients without a record by ID, last.
func (pp *people) sortClients(ids []int) {
	slices.SortFunc(ids, func(a, b int) int {
		ca, oka := pp.clients[a]
		cb, okb := pp.clients[b]
		if oka != okb {
			if oka {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(ca.LastName, cb.LastName), cmp.Compare(ca.FirstName, cb.FirstName), cmp.Compare(a, b))
	})
}
