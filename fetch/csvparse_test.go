package fetch

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

func dec(s string) decimal.NullDecimal {
	if s == "" {
		return decimal.NullDecimal{}
	}
	return decimal.NullDecimal{Decimal: decimal.RequireFromString(s), Valid: true}
}

func sameNull(a, b decimal.NullDecimal) bool {
	return a.Valid == b.Valid && (!a.Valid || a.Decimal.Equal(b.Decimal))
}

func TestParseListing(t *testing.T) {
	loc, _ := time.LoadLocation("America/Denver")
	d := func(y int, m time.Month, dd int) time.Time { return time.Date(y, m, dd, 0, 0, 0, 0, loc) }
	for _, tc := range []struct {
		name     string
		text     string
		whatData byte
		want     []DataRow
	}{
		{"spec example", "ClientID,Client Name,Date,Value\n1042,Ava Chen,2025-03-04,12\n1042,Ava Chen,2025-03-18,14.5\n1077,Ben Ortiz,2025-03-05,9\n", 'N',
			[]DataRow{{1042, "Ava Chen", "", d(2025, 3, 4), dec("12"), ""}, {1042, "Ava Chen", "", d(2025, 3, 18), dec("14.5"), ""}, {1077, "Ben Ortiz", "", d(2025, 3, 5), dec("9"), ""}}},
		{"both, coach, reordered, aliases, BOM, CRLF, extra column", "\ufeffDate,Text Value,Numeric Value, client id ,Coach,Client,Extra\r\n2025-03-04,\"Good, mostly\",-0.25,7,Dana Reyes,Ava Chen,x\r\n2025-03-05,,,7,Dana Reyes,Ava Chen,y\r\n", 'B',
			[]DataRow{{7, "Ava Chen", "Dana Reyes", d(2025, 3, 4), dec("-0.25"), "Good, mostly"}, {7, "Ava Chen", "Dana Reyes", d(2025, 3, 5), dec(""), ""}}},
		{"text only in Value", "ClientID,Client Name,Date,Value\n1,Ann Bee,2025-01-02,12.5 lbs\n", 'T',
			[]DataRow{{1, "Ann Bee", "", d(2025, 1, 2), dec(""), "12.5 lbs"}}},
		{"first and last name", "ID,First Name,Last Name,Date,Value\n3,Cy,Dee,2025-01-02 08:00:00,1\n", 'N',
			[]DataRow{{3, "Cy Dee", "", d(2025, 1, 2), dec("1"), ""}}},
		{"embedded newline", "ClientID,Client Name,Date,Value,Text\n3,\"Cy\nDee\",2025-01-02,1,\"a \"\"b\"\"\"\n", 'B',
			[]DataRow{{3, "Cy\nDee", "", d(2025, 1, 2), dec("1"), `a "b"`}}},
		{"header only", "ClientID,Client Name,Date,Value\n", 'N', nil},
		{"empty", "", 'N', nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseDataFetchCSV("ClientData.getByField", tc.text, loc, 'L', tc.whatData)
			if err != nil {
				t.Fatal(err)
			}
			if got.Structure != 'L' || len(got.Cells) != 0 {
				t.Fatalf("got structure %c with %d cells", got.Structure, len(got.Cells))
			}
			if len(got.Rows) != len(tc.want) {
				t.Fatalf("got %d rows, want %d: %+v", len(got.Rows), len(tc.want), got.Rows)
			}
			for i, g := range got.Rows {
				w := tc.want[i]
				if g.ClientID != w.ClientID || g.ClientName != w.ClientName || g.CoachName != w.CoachName ||
					!g.Date.Equal(w.Date) || g.Date.Location() != loc || !sameNull(g.Value, w.Value) || g.Text != w.Text {
					t.Errorf("row %d: got %+v, want %+v", i, g, w)
				}
			}
		})
	}
}

func TestParseGrid(t *testing.T) {
	loc, _ := time.LoadLocation("America/Denver")
	d := func(y int, m time.Month, dd int) time.Time { return time.Date(y, m, dd, 0, 0, 0, 0, loc) }
	type cell struct {
		id    int
		start time.Time
		val   string
		text  string
	}
	for _, tc := range []struct {
		name     string
		text     string
		whatData byte
		want     []cell
	}{
		{"weeks", "ClientID,Client Name,2025-03-03,2025-03-10,2025-03-17\n1042,Ava Chen,12,,14.5\n1077,Ben Ortiz,9,11,\n", 'N', []cell{
			{1042, d(2025, 3, 3), "12", ""}, {1042, d(2025, 3, 10), "", ""}, {1042, d(2025, 3, 17), "14.5", ""},
			{1077, d(2025, 3, 3), "9", ""}, {1077, d(2025, 3, 10), "11", ""}, {1077, d(2025, 3, 17), "", ""}}},
		{"months with text", "ClientID,Client Name,Coach Name,2025-03,2025-03 Text,2025-04,2025-04 Text\n1042,Ava Chen,Dana Reyes,4,Mostly good,5,Great\n", 'B', []cell{
			{1042, d(2025, 3, 1), "4", "Mostly good"}, {1042, d(2025, 4, 1), "5", "Great"}}},
		{"label formats", "Client,Notes,ClientID,Week of 3/2/2025,Mar 2025,March 2025,2025/04,2025-Q2,Q3 2025,2026,04/05/2025 (text)\nAva,n,1,1,2,3,4,5,6,7,x\n", 'N', []cell{
			{1, d(2025, 3, 2), "1", ""}, {1, d(2025, 3, 1), "2", ""}, {1, d(2025, 3, 1), "3", ""}, {1, d(2025, 4, 1), "4", ""},
			{1, d(2025, 4, 1), "5", ""}, {1, d(2025, 7, 1), "6", ""}, {1, d(2026, 1, 1), "7", ""}, {1, d(2025, 4, 5), "", "x"}}},
		{"text only", "ClientID,Client Name,2025-03-03\n5,Eve,feeling good\n", 'T', []cell{{5, d(2025, 3, 3), "", "feeling good"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseDataFetchCSV("ClientData.getByField", tc.text, loc, 'D', tc.whatData)
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Cells) != len(tc.want) {
				t.Fatalf("got %d cells, want %d: %+v", len(got.Cells), len(tc.want), got.Cells)
			}
			for i, g := range got.Cells {
				w := tc.want[i]
				if g.ClientID != w.id || !g.BucketStart.Equal(w.start) || g.BucketStart.Location() != loc || !sameNull(g.Value, dec(w.val)) || g.Text != w.text {
					t.Errorf("cell %d: got %+v, want %+v", i, g, w)
				}
			}
		})
	}
}

func TestParseActivityStats(t *testing.T) {
	loc, _ := time.LoadLocation("America/Denver")
	text := "ClientID,Client Name,2025-01,2025-02,2025-03,Total,Average\n1042,Ava Chen,14,9,11,34,11.33\n1077,Ben Ortiz,0,3,2,5,1.67\n"
	got, err := ParseActivityStatsCSV("ClientData.getActivityStats", text, loc)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Cells) != 6 || len(got.Clients) != 2 {
		t.Fatalf("got %d cells, %d clients; want 6, 2", len(got.Cells), len(got.Clients))
	}
	if c := got.Cells[4]; c.ClientID != 1077 || c.BucketLabel != "2025-02" || !c.BucketStart.Equal(time.Date(2025, 2, 1, 0, 0, 0, 0, loc)) || !sameNull(c.Value, dec("3")) {
		t.Errorf("cell 4: got %+v", c)
	}
	if a := got.Clients[0]; a.ClientID != 1042 || a.ClientName != "Ava Chen" || !sameNull(a.Total, dec("34")) || !sameNull(a.Average, dec("11.33")) {
		t.Errorf("client 0: got %+v", a)
	}
	// Totals and averages absent, aliases.
	got, err = ParseActivityStatsCSV("f", "Client ID,Name,2025,Totals\n1,A,3,3\n", loc)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Cells) != 1 || !sameNull(got.Clients[0].Total, dec("3")) || got.Clients[0].Average.Valid {
		t.Errorf("got %+v", got)
	}
}

func TestParseCSVErrors(t *testing.T) {
	for _, tc := range []struct {
		name      string
		text      string
		structure byte
		line      int
		column    string
	}{
		{"ragged row", "ClientID,Client Name,Date,Value\n1,A,2025-01-01,1\n2,B,2025-01-01\n", 'L', 3, ""},
		{"ClientID not an integer", "ClientID,Client Name,Date,Value\n1,A,2025-01-01,1\nx,B,2025-01-01,2\n", 'L', 3, "ClientID"},
		{"thousands separator", "ClientID,Client Name,Date,Value\n1,A,2025-01-01,\"1,200\"\n", 'L', 2, "Value"},
		{"decimal comma", "ClientID,Client Name,2025-01\n1,A,\"1,5\"\n", 'D', 2, "2025-01"},
		{"unit", "ClientID,Client Name,2025-01\n1,A,12 lbs\n", 'D', 2, "2025-01"},
		{"missing ClientID", "Client Name,Date,Value\nA,2025-01-01,1\n", 'L', 1, "ClientID"},
		{"missing Date", "ClientID,Client Name,Value\n1,A,1\n", 'L', 1, "Date"},
		{"bad date", "ClientID,Client Name,Date,Value\n1,A,someday,1\n", 'L', 2, "Date"},
		{"bad quote", "ClientID,Client Name,2025-01\n1,\"A,1\n", 'D', 2, ""},
		{"line after embedded newline", "ClientID,Client Name,2025-01\n1,\"A\nB\",1\n2,C,x\n", 'D', 4, "2025-01"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseDataFetchCSV("ClientData.getByField", tc.text, time.UTC, tc.structure, 'N')
			var ce *CSVError
			if !errors.As(err, &ce) {
				t.Fatalf("got %v, %+v; want a *CSVError", err, got)
			}
			if got != nil {
				t.Errorf("got a partial table with the error")
			}
			if ce.Function != "ClientData.getByField" || ce.Line != tc.line || ce.Column != tc.column {
				t.Errorf("got function %q line %d column %q, want line %d column %q", ce.Function, ce.Line, ce.Column, tc.line, tc.column)
			}
			if !strings.Contains(err.Error(), "ClientData.getByField") || !strings.Contains(err.Error(), "line") {
				t.Errorf("message %q does not name the call and line", err)
			}
		})
	}
	if _, err := ParseActivityStatsCSV("ClientData.getActivityStats", "ClientID,2025-01,Total\n1,2,x\n", time.UTC); err == nil {
		t.Error("non-numeric Total: got nil error")
	}
}

func TestParseBucketLabel(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // "" = not a label
	}{
		{"2025-03-05", "2025-03-05"}, {"3/5/2025", "2025-03-05"}, {"03/05/2025", "2025-03-05"}, {"2025-03", "2025-03-01"},
		{"2025/03", "2025-03-01"}, {"Mar 2025", "2025-03-01"}, {"March 2025", "2025-03-01"}, {"2025-Q4", "2025-10-01"},
		{"Q1 2025", "2025-01-01"}, {"2025", "2025-01-01"}, {"Week of 2025-03-03", "2025-03-03"}, {"week of 3/3/2025", "2025-03-03"},
		{"Total", ""}, {"Notes", ""}, {"2025-Q5", ""}, {"123", ""}, {"-123", ""}, {"2025-13", ""}, {"", ""},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := parseBucketLabel(tc.in, time.UTC)
			if tc.want == "" {
				if ok {
					t.Errorf("got %v, want not a label", got)
				}
				return
			}
			if !ok || got.Format(time.DateOnly) != tc.want {
				t.Errorf("got %v (%v), want %s", got, ok, tc.want)
			}
		})
	}
}
