package fetch

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/gocarina/gocsv"
	"github.com/shopspring/decimal"
)

// DataRow is one data point of a data fetch listing (structure L).
type DataRow struct {
	ClientID   int
	ClientName string
	CoachName  string    // "" unless asked for
	Date       time.Time // midnight in the account zone
	// Value is the numeric value; invalid when the cell was empty or only
	// text was asked for.
	Value decimal.NullDecimal
	Text  string
}

// Cell is one client's value in one date bucket of a date grid (data fetch
// structure D, activity stats).
type Cell struct {
	ClientID   int
	ClientName string
	CoachName  string
	// BucketStart is the date the bucket's label names, at midnight in the
	// account zone (the Monday of a week, the 1st of a month or quarter, ...).
	BucketStart time.Time
	BucketLabel string // the column header as sent
	// Value is the number (a count for activity stats); invalid when empty.
	Value decimal.NullDecimal
	Text  string
}

// ActivityClient is one client row of activity stats with its totals.
type ActivityClient struct {
	ClientID   int
	ClientName string
	CoachName  string
	Total      decimal.NullDecimal // invalid when the column is absent or empty
	Average    decimal.NullDecimal
}

// csvTable is a CSV text read into a header and rows, with the line on
// which each row starts.
type csvTable struct {
	function string
	header   []string // trimmed names as sent
	rows     [][]string
	lines    []int // lines[i] is the line of rows[i]
	headLine int
}

// readCSV reads text with encoding/csv: quoted fields, doubled quotes,
// embedded newlines, \r\n, an optional BOM. Every row must have as many
// fields as the header.
func readCSV(function, text string) (*csvTable, error) {
	text = strings.TrimPrefix(text, "\ufeff")
	t := &csvTable{function: function}
	if strings.TrimSpace(text) == "" {
		return t, nil
	}
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = 0
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, &CSVError{Function: function, Line: pe.Line, Err: pe.Err}
			}
			return nil, &CSVError{Function: function, Err: err}
		}
		line, _ := r.FieldPos(0)
		if t.header == nil {
			t.header = make([]string, len(rec))
			for i, h := range rec {
				t.header[i] = strings.TrimSpace(h)
			}
			t.headLine = line
			continue
		}
		t.rows = append(t.rows, rec)
		t.lines = append(t.lines, line)
	}
	return t, nil
}

// headerKey normalises a header for matching: trimmed, lower case, inner
// spaces collapsed.
func headerKey(h string) string { return strings.ToLower(strings.Join(strings.Fields(h), " ")) }

// find returns the index of the first header matching one of names, or -1.
func (t *csvTable) find(names ...string) int {
	for _, n := range names {
		for i, h := range t.header {
			if headerKey(h) == n {
				return i
			}
		}
	}
	return -1
}

// clientCols are the positions of the client columns (-1 when absent).
type clientCols struct {
	id, name, first, last, coach int
}

func (t *csvTable) clientColumns() (clientCols, error) {
	c := clientCols{
		id:    t.find("clientid", "client id", "id"),
		name:  t.find("client name", "client", "name"),
		first: t.find("first name", "firstname"),
		last:  t.find("last name", "lastname"),
		coach: t.find("coach name", "coach"),
	}
	if c.id < 0 {
		return c, &CSVError{Function: t.function, Line: t.headLine, Column: "ClientID", Err: errors.New("required column missing")}
	}
	return c, nil
}

func (c clientCols) used(i int) bool {
	return i == c.id || i == c.name || i == c.first || i == c.last || i == c.coach
}

// client reads the client columns of row i.
func (t *csvTable) client(c clientCols, i int) (id int, name, coach string, err error) {
	row := t.rows[i]
	s := strings.TrimSpace(row[c.id])
	id, err = strconv.Atoi(s)
	if err != nil {
		return 0, "", "", &CSVError{Function: t.function, Line: t.lines[i], Column: t.header[c.id], Err: fmt.Errorf("ClientID %q is not an integer", s)}
	}
	switch {
	case c.name >= 0:
		name = strings.TrimSpace(row[c.name])
	case c.first >= 0 || c.last >= 0:
		var parts []string
		for _, j := range []int{c.first, c.last} {
			if j >= 0 && strings.TrimSpace(row[j]) != "" {
				parts = append(parts, strings.TrimSpace(row[j]))
			}
		}
		name = strings.Join(parts, " ")
	}
	if c.coach >= 0 {
		coach = strings.TrimSpace(row[c.coach])
	}
	return id, name, coach, nil
}

// number reads a numeric cell: empty is no value; otherwise a plain
// decimal with an optional sign. Separators, decimal commas, units and
// exponents are errors naming the call, line and column.
func (t *csvTable) number(i, col int) (decimal.NullDecimal, error) {
	s := strings.TrimSpace(t.rows[i][col])
	if s == "" {
		return decimal.NullDecimal{}, nil
	}
	if !plainDecimal(s) {
		return decimal.NullDecimal{}, &CSVError{Function: t.function, Line: t.lines[i], Column: t.header[col], Err: fmt.Errorf("%q is not a plain decimal number", s)}
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.NullDecimal{}, &CSVError{Function: t.function, Line: t.lines[i], Column: t.header[col], Err: err}
	}
	return decimal.NullDecimal{Decimal: d, Valid: true}, nil
}

func plainDecimal(s string) bool {
	if s != "" && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	if len(s) == 0 || len(s) > 40 {
		return false
	}
	digits, dots := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.':
			dots++
		default:
			return false
		}
	}
	return digits > 0 && dots <= 1
}

var monthLayouts = []string{"Jan 2006", "January 2006", "2006-01", "2006/01", "2006-1", "2006/1"}
var dayLayouts = []string{"2006-01-02", "1/2/2006", "01/02/2006"}

// parseBucketLabel reads a period label (section 6.4): YYYY-MM-DD, M/D/YYYY,
// MM/DD/YYYY, YYYY-MM, YYYY/MM, Mon YYYY, Month YYYY, YYYY-Qn, Qn YYYY or
// YYYY, optionally prefixed by "Week of ". It returns the label's own first
// day at midnight in loc.
func parseBucketLabel(label string, loc *time.Location) (time.Time, bool) {
	s := strings.Join(strings.Fields(label), " ")
	if len(s) >= 8 && strings.EqualFold(s[:8], "week of ") {
		s = strings.TrimSpace(s[8:])
	}
	if s == "" || len(s) > 20 {
		return time.Time{}, false
	}
	day := func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc) }
	for _, l := range dayLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return day(t), true
		}
	}
	for _, l := range monthLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return day(t), true
		}
	}
	// Quarters: YYYY-Qn, YYYY Qn, Qn YYYY, Qn-YYYY.
	up := strings.ToUpper(s)
	var ys, qs string
	switch {
	case len(up) == 7 && up[4] == '-' && up[5] == 'Q', len(up) == 7 && up[4] == ' ' && up[5] == 'Q':
		ys, qs = up[:4], up[6:]
	case len(up) == 7 && up[0] == 'Q' && (up[2] == ' ' || up[2] == '-'):
		ys, qs = up[3:], up[1:2]
	case len(up) == 4:
		ys = up
	default:
		return time.Time{}, false
	}
	y, err := strconv.Atoi(ys)
	if err != nil || y < 1000 || y > 9999 || strings.ContainsAny(ys, "+-") {
		return time.Time{}, false
	}
	if qs == "" {
		return time.Date(y, 1, 1, 0, 0, 0, 0, loc), true
	}
	q, err := strconv.Atoi(qs)
	if err != nil || q < 1 || q > 4 {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(3*q-2), 1, 0, 0, 0, 0, loc), true
}

// bucketCol is a date-grid bucket: its number (or text-only) column and
// its text column.
type bucketCol struct {
	label      string
	start      time.Time
	value, txt int // -1 when absent
}

// buckets finds the bucket columns in header order. With textOnly, a plain
// label column holds text (whatData T).
func (t *csvTable) buckets(c clientCols, skip map[int]bool, loc *time.Location, textOnly bool) []bucketCol {
	var out []bucketCol
	byLabel := map[string]int{}
	for i, h := range t.header {
		if c.used(i) || skip[i] {
			continue
		}
		label, isText := h, false
		lk := strings.ToLower(h)
		switch {
		case strings.HasSuffix(lk, " text"):
			label, isText = strings.TrimSpace(h[:len(h)-len(" text")]), true
		case strings.HasSuffix(lk, " (text)"):
			label, isText = strings.TrimSpace(h[:len(h)-len(" (text)")]), true
		}
		start, ok := parseBucketLabel(label, loc)
		if !ok {
			continue // unrecognised columns are ignored
		}
		k := start.Format(time.DateOnly) + "|" + headerKey(label)
		j, seen := byLabel[k]
		if !seen {
			out = append(out, bucketCol{label: label, start: start, value: -1, txt: -1})
			j = len(out) - 1
			byLabel[k] = j
		}
		if isText || textOnly {
			out[j].txt = i
		} else {
			out[j].value = i
		}
	}
	return out
}

// gridCells turns a date grid into a long table, row by row, bucket by bucket.
func (t *csvTable) gridCells(c clientCols, bs []bucketCol) ([]Cell, error) {
	cells := make([]Cell, 0, len(t.rows)*len(bs))
	for i := range t.rows {
		id, name, coach, err := t.client(c, i)
		if err != nil {
			return nil, err
		}
		for _, b := range bs {
			cell := Cell{ClientID: id, ClientName: name, CoachName: coach, BucketStart: b.start, BucketLabel: b.label}
			if b.value >= 0 {
				if cell.Value, err = t.number(i, b.value); err != nil {
					return nil, err
				}
			}
			if b.txt >= 0 {
				cell.Text = t.rows[i][b.txt]
			}
			cells = append(cells, cell)
		}
	}
	return cells, nil
}

// listingRow is the canonical listing record handed to gocsv.
type listingRow struct {
	ClientID   string `csv:"ClientID"`
	ClientName string `csv:"Client Name"`
	CoachName  string `csv:"Coach Name"`
	Date       string `csv:"Date"`
	Value      string `csv:"Value"`
	Text       string `csv:"Text"`
}

// canonicalReader feeds gocsv records rewritten to the canonical listing
// columns, so that header aliases, order and extra columns do not matter.
type canonicalReader struct {
	recs [][]string
	pos  int
}

func (r *canonicalReader) Read() ([]string, error) {
	if r.pos >= len(r.recs) {
		return nil, io.EOF
	}
	r.pos++
	return r.recs[r.pos-1], nil
}

func (r *canonicalReader) ReadAll() ([][]string, error) {
	rest := r.recs[r.pos:]
	r.pos = len(r.recs)
	return rest, nil
}

func parseListing(t *csvTable, loc *time.Location, whatData byte) ([]DataRow, error) {
	c, err := t.clientColumns()
	if err != nil {
		return nil, err
	}
	dateCol := t.find("date")
	valCol := t.find("value", "numeric value", "number")
	txtCol := t.find("text", "text value")
	if whatData == 'T' && txtCol < 0 {
		// Text only: the text is in Value.
		txtCol, valCol = valCol, -1
	}
	if dateCol < 0 {
		return nil, &CSVError{Function: t.function, Line: t.headLine, Column: "Date", Err: errors.New("required column missing")}
	}
	if valCol < 0 && txtCol < 0 {
		return nil, &CSVError{Function: t.function, Line: t.headLine, Column: "Value", Err: errors.New("required column missing")}
	}
	cell := func(row []string, i int) string {
		if i < 0 {
			return ""
		}
		return row[i]
	}
	recs := [][]string{{"ClientID", "Client Name", "Coach Name", "Date", "Value", "Text"}}
	for i, row := range t.rows {
		_, name, coach, err := t.client(c, i)
		if err != nil {
			return nil, err
		}
		recs = append(recs, []string{row[c.id], name, coach, cell(row, dateCol), cell(row, valCol), cell(row, txtCol)})
	}
	var raw []listingRow
	if err := gocsv.UnmarshalCSV(&canonicalReader{recs: recs}, &raw); err != nil {
		return nil, &CSVError{Function: t.function, Line: t.headLine, Err: err}
	}
	if len(raw) != len(t.rows) {
		return nil, &CSVError{Function: t.function, Line: t.headLine, Err: fmt.Errorf("decoded %d rows of %d", len(raw), len(t.rows))}
	}
	out := make([]DataRow, len(raw))
	for i, r := range raw {
		id, err := strconv.Atoi(strings.TrimSpace(r.ClientID))
		if err != nil {
			return nil, &CSVError{Function: t.function, Line: t.lines[i], Column: t.header[c.id], Err: fmt.Errorf("ClientID %q is not an integer", r.ClientID)}
		}
		civ, err := parseCivil(r.Date)
		if err != nil || !civ.ok {
			if err == nil {
				err = errors.New("empty date")
			}
			return nil, &CSVError{Function: t.function, Line: t.lines[i], Column: t.header[dateCol], Err: err}
		}
		d := DataRow{ClientID: id, ClientName: r.ClientName, CoachName: r.CoachName, Date: civ.dateIn(loc), Text: r.Text}
		if valCol >= 0 {
			if d.Value, err = t.number(i, valCol); err != nil {
				return nil, err
			}
		}
		out[i] = d
	}
	return out, nil
}

// DataFetch is the table of a data fetch (ClientData.getByField): Rows for
// the listing structure (L), Cells for the date grid (D).
type DataFetch struct {
	Structure byte // 'D' or 'L'
	Rows      []DataRow
	Cells     []Cell
}

// ParseDataFetchCSV parses the CSV text of ClientData.getByField by header
// names (section 6.4 of the API reference): structure 'L' is a listing,
// anything else a date grid; whatData 'T' means value columns hold text.
// Dates are placed at midnight in loc (the account zone). Empty text or a
// header alone is an empty table. A malformed text is a *CSVError naming
// function and the line; no partial table is returned.
func ParseDataFetchCSV(function, text string, loc *time.Location, structure, whatData byte) (*DataFetch, error) {
	if loc == nil {
		loc = time.UTC
	}
	t, err := readCSV(function, text)
	if err != nil {
		return nil, err
	}
	if structure != 'L' {
		structure = 'D'
	}
	df := &DataFetch{Structure: structure}
	if t.header == nil {
		return df, nil
	}
	if structure == 'L' {
		df.Rows, err = parseListing(t, loc, whatData)
		if err != nil {
			return nil, err
		}
		return df, nil
	}
	c, err := t.clientColumns()
	if err != nil {
		return nil, err
	}
	df.Cells, err = t.gridCells(c, t.buckets(c, nil, loc, whatData == 'T'))
	if err != nil {
		return nil, err
	}
	return df, nil
}

// ActivityStats is the table of ClientData.getActivityStats: a count per
// client and bucket, and the per-client totals when sent.
type ActivityStats struct {
	Cells   []Cell
	Clients []ActivityClient
}

// ParseActivityStatsCSV parses the CSV text of ClientData.getActivityStats
// by header names (section 6.4). Bucket starts are midnight in loc. A
// malformed text is a *CSVError naming function and the line.
func ParseActivityStatsCSV(function, text string, loc *time.Location) (*ActivityStats, error) {
	if loc == nil {
		loc = time.UTC
	}
	t, err := readCSV(function, text)
	if err != nil {
		return nil, err
	}
	as := &ActivityStats{}
	if t.header == nil {
		return as, nil
	}
	c, err := t.clientColumns()
	if err != nil {
		return nil, err
	}
	totalCol := t.find("total", "totals")
	avgCol := t.find("average", "averages")
	skip := map[int]bool{totalCol: true, avgCol: true}
	as.Cells, err = t.gridCells(c, t.buckets(c, skip, loc, false))
	if err != nil {
		return nil, err
	}
	for i := range t.rows {
		id, name, coach, err := t.client(c, i)
		if err != nil {
			return nil, err
		}
		ac := ActivityClient{ClientID: id, ClientName: name, CoachName: coach}
		if totalCol >= 0 {
			if ac.Total, err = t.number(i, totalCol); err != nil {
				return nil, err
			}
		}
		if avgCol >= 0 {
			if ac.Average, err = t.number(i, avgCol); err != nil {
				return nil, err
			}
		}
		as.Clients = append(as.Clients, ac)
	}
	return as, nil
}
