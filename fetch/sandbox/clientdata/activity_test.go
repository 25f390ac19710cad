package clientdata

import (
	"strings"
	"testing"
	"time"
)

func TestActivityStats(t *testing.T) {
	const jo = `103,"Jo ""JJ"" Smith, Jr."`
	today := day(2025, 4, 15)
	tests := []struct {
		name      string
		o         ActivityOptions
		want      string
		wantEmpty bool
	}{
		{
			// 101 March: 5 weight points (03-02, 03-03, 03-09 twice, 03-31)
			// and worksheet 201. 102 April: only the 04-15 appointment is
			// held by today; 04-20 is not.
			name: "months, all items, totals and averages",
			o: ActivityOptions{Bucket: 'M', From: day(2025, 1, 1), To: day(2025, 4, 30), Today: today,
				IncludeTotals: true, IncludeAverages: true},
			want: "ClientID,Client Name,2025-01,2025-02,2025-03,2025-04,Total,Average\n" +
				"105,Al Chen,0,0,1,0,1,0.25\n" +
				"101,Ava Chen,1,1,6,2,10,2.5\n" +
				"107,Ava Chen,1,1,1,0,3,0.75\n" +
				"102,Ben Ortiz,0,1,4,1,6,1.5\n" +
				jo + ",0,0,2,0,2,0.5\n",
		},
		{
			name: "quarters across a year end, averages rounded half-up",
			o: ActivityOptions{Bucket: 'Q', From: day(2024, 10, 1), To: day(2025, 6, 30), Today: today,
				IncludeTotals: true, IncludeAverages: true},
			want: "ClientID,Client Name,2024-Q4,2025-Q1,2025-Q2,Total,Average\n" +
				"105,Al Chen,1,1,0,2,0.67\n" +
				"101,Ava Chen,0,8,2,10,3.33\n" +
				"107,Ava Chen,0,3,0,3,1\n" +
				"102,Ben Ortiz,0,5,1,6,2\n" +
				jo + ",0,2,0,2,0.67\n",
		},
		{
			// From open: the earliest activity (105's comment of 2024-12-31
			// 23:00); To open: today.
			name: "years, open range, totals only",
			o:    ActivityOptions{Bucket: 'Y', Today: today, IncludeTotals: true},
			want: "ClientID,Client Name,2024,2025,Total\n" +
				"105,Al Chen,1,1,2\n" +
				"101,Ava Chen,0,10,10\n" +
				"107,Ava Chen,0,3,3\n" +
				"102,Ben Ortiz,0,6,6\n" +
				jo + ",0,2,2\n",
		},
		{
			// 03-02 is a Sunday (week of 02-24); 03-10 a Monday.
			name: "weeks from a Sunday to a Monday",
			o:    ActivityOptions{Bucket: 'W', ClientID: 101, ItemTypes: "M", From: day(2025, 3, 2), To: day(2025, 3, 10), Today: today},
			want: "ClientID,Client Name,2025-02-24,2025-03-03,2025-03-10\n" +
				"101,Ava Chen,1,3,0\n",
		},
		{
			name: "days, averages of 4/3",
			o: ActivityOptions{Bucket: 'D', ClientID: 102, From: day(2025, 3, 4), To: day(2025, 3, 6), Today: today,
				IncludeTotals: true, IncludeAverages: true},
			want: "ClientID,Client Name,2025-03-04,2025-03-05,2025-03-06,Total,Average\n" +
				"102,Ben Ortiz,1,3,0,4,1.33\n",
		},
		{
			name: "zero bucket is weeks",
			o:    ActivityOptions{ClientID: 107, From: day(2025, 1, 20), To: day(2025, 1, 27), Today: today},
			want: "ClientID,Client Name,2025-01-20,2025-01-27\n" +
				"107,Ava Chen,1,0\n",
		},
		{
			name: "no activity and an open start: no bucket columns",
			o:    ActivityOptions{ClientID: 107, ItemTypes: "P", To: day(2025, 4, 30), Today: today, IncludeTotals: true, IncludeAverages: true},
			want: "ClientID,Client Name,Total,Average\n" +
				"107,Ava Chen,0,0\n",
		},
		{
			name: "no client matches",
			o:    ActivityOptions{CoachID: 2, CompanyID: 10, Bucket: 'M', From: day(2025, 1, 1), To: day(2025, 2, 28), Today: today, IncludeTotals: true},
			want: "ClientID,Client Name,2025-01,2025-02,Total\n", wantEmpty: true,
		},
	}
	a := testAccount(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, empty := ActivityStats(a, time.UTC, tc.o)
			if got != tc.want {
				t.Errorf("csv: got\n%s\nwant\n%s", got, tc.want)
			}
			if empty != tc.wantEmpty {
				t.Errorf("empty: got %v, want %v", empty, tc.wantEmpty)
			}
		})
	}
}

// TestActivityStatsFilters runs every client filter over January and
// February with actions and journal entries (AJ), where the counts are:
// 101 1,0; 102 0,1; 103 0,0; 104 (inactive) 0,1; 105 0,0; 107 1,0.
func TestActivityStatsFilters(t *testing.T) {
	const header = "ClientID,Client Name,2025-01,2025-02\n"
	rows := map[string]string{
		"101": "101,Ava Chen,1,0\n",
		"102": "102,Ben Ortiz,0,1\n",
		"103": `103,"Jo ""JJ"" Smith, Jr.",0,0` + "\n",
		"104": "104,Dee Chen,0,1\n",
		"105": "105,Al Chen,0,0\n",
		"107": "107,Ava Chen,1,0\n",
	}
	tests := []struct {
		name string
		o    ActivityOptions
		want []string // ClientIDs in row order
	}{
		{"no filter", ActivityOptions{}, []string{"105", "101", "107", "102", "103"}},
		{"inactive included", ActivityOptions{IncludeInactive: true}, []string{"105", "101", "107", "104", "102", "103"}},
		{"coach", ActivityOptions{CoachID: 2}, []string{"107", "102"}},
		{"coach with inactive", ActivityOptions{CoachID: 2, IncludeInactive: true}, []string{"107", "104", "102"}},
		{"client", ActivityOptions{ClientID: 105}, []string{"105"}},
		{"inactive client", ActivityOptions{ClientID: 104}, nil},
		{"group", ActivityOptions{GroupID: 7}, []string{"102", "103"}},
		{"group with inactive", ActivityOptions{GroupID: 7, IncludeInactive: true}, []string{"104", "102", "103"}},
		{"group and coach", ActivityOptions{GroupID: 7, CoachID: 1}, []string{"103"}},
		{"company", ActivityOptions{CompanyID: 10}, []string{"101", "103"}},
		{"client engagement", ActivityOptions{EngagementID: 1}, []string{"102"}},
		{"company engagement", ActivityOptions{EngagementID: 2}, []string{"101", "103"}},
		{"company engagement and client", ActivityOptions{EngagementID: 2, ClientID: 102}, nil},
		{"unknown group", ActivityOptions{GroupID: 99}, nil},
		{"unknown engagement", ActivityOptions{EngagementID: 99}, nil},
	}
	a := testAccount(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := tc.o
			o.Bucket, o.ItemTypes = 'M', "AJ"
			o.From, o.To, o.Today = day(2025, 1, 1), day(2025, 2, 28), day(2025, 4, 15)
			want := header
			for _, id := range tc.want {
				want += rows[id]
			}
			got, empty := ActivityStats(a, time.UTC, o)
			if got != want {
				t.Errorf("csv: got\n%s\nwant\n%s", got, want)
			}
			if empty != (len(tc.want) == 0) {
				t.Errorf("empty: got %v, want %v", empty, len(tc.want) == 0)
			}
		})
	}
}

// TestActivityStatsItemTypes counts each kind alone, January to April 2025,
// for all clients including the inactive one.
func TestActivityStatsItemTypes(t *testing.T) {
	const header = "ClientID,Client Name,2025-01,2025-02,2025-03,2025-04,Total\n"
	tests := []struct {
		types string
		today int // day of April 2025
		want  string
	}{
		{"A", 15, "105,Al Chen,0,0,0,0,0\n101,Ava Chen,1,0,0,0,1\n107,Ava Chen,0,0,0,0,0\n104,Dee Chen,0,0,0,0,0\n102,Ben Ortiz,0,1,0,0,1\n103,X,0,0,1,0,1\n"},
		{"M", 15, "105,Al Chen,0,0,1,0,1\n101,Ava Chen,0,0,5,1,6\n107,Ava Chen,0,0,0,0,0\n104,Dee Chen,0,0,1,0,1\n102,Ben Ortiz,0,0,2,0,2\n103,X,0,0,1,0,1\n"},
		{"P", 15, "105,Al Chen,0,0,0,0,0\n101,Ava Chen,0,1,0,0,1\n107,Ava Chen,0,0,0,0,0\n104,Dee Chen,0,0,0,0,0\n102,Ben Ortiz,0,0,0,1,1\n103,X,0,0,0,0,0\n"},
		{"P", 14, "105,Al Chen,0,0,0,0,0\n101,Ava Chen,0,1,0,0,1\n107,Ava Chen,0,0,0,0,0\n104,Dee Chen,0,0,0,0,0\n102,Ben Ortiz,0,0,0,0,0\n103,X,0,0,0,0,0\n"},
		{"P", 30, "105,Al Chen,0,0,0,0,0\n101,Ava Chen,0,1,0,0,1\n107,Ava Chen,0,0,0,0,0\n104,Dee Chen,0,0,0,0,0\n102,Ben Ortiz,0,0,0,2,2\n103,X,0,0,0,0,0\n"},
		{"S", 15, "105,Al Chen,0,0,0,0,0\n101,Ava Chen,0,0,0,1,1\n107,Ava Chen,0,0,0,0,0\n104,Dee Chen,0,0,0,0,0\n102,Ben Ortiz,0,0,1,0,1\n103,X,0,0,0,0,0\n"},
		{"W", 15, "105,Al Chen,0,0,0,0,0\n101,Ava Chen,0,0,1,0,1\n107,Ava Chen,0,0,0,0,0\n104,Dee Chen,0,0,0,0,0\n102,Ben Ortiz,0,0,1,0,1\n103,X,0,0,0,0,0\n"},
		{"J", 15, "105,Al Chen,0,0,0,0,0\n101,Ava Chen,0,0,0,0,0\n107,Ava Chen,1,0,0,0,1\n104,Dee Chen,0,1,0,0,1\n102,Ben Ortiz,0,0,0,0,0\n103,X,0,0,0,0,0\n"},
		{"F", 15, "105,Al Chen,0,0,0,0,0\n101,Ava Chen,0,0,0,0,0\n107,Ava Chen,0,1,0,0,1\n104,Dee Chen,0,0,0,0,0\n102,Ben Ortiz,0,0,0,0,0\n103,X,0,0,0,0,0\n"},
		{"C", 15, "105,Al Chen,0,0,0,0,0\n101,Ava Chen,0,0,0,0,0\n107,Ava Chen,0,0,1,0,1\n104,Dee Chen,0,0,0,0,0\n102,Ben Ortiz,0,0,0,0,0\n103,X,0,0,0,0,0\n"},
		{"SW", 15, "105,Al Chen,0,0,0,0,0\n101,Ava Chen,0,0,1,1,2\n107,Ava Chen,0,0,0,0,0\n104,Dee Chen,0,0,0,0,0\n102,Ben Ortiz,0,0,2,0,2\n103,X,0,0,0,0,0\n"},
		{"AMPSWJFC", 15, "105,Al Chen,0,0,1,0,1\n101,Ava Chen,1,1,6,2,10\n107,Ava Chen,1,1,1,0,3\n104,Dee Chen,0,1,1,0,2\n102,Ben Ortiz,0,1,4,1,6\n103,X,0,0,2,0,2\n"},
		{"", 15, "105,Al Chen,0,0,1,0,1\n101,Ava Chen,1,1,6,2,10\n107,Ava Chen,1,1,1,0,3\n104,Dee Chen,0,1,1,0,2\n102,Ben Ortiz,0,1,4,1,6\n103,X,0,0,2,0,2\n"},
	}
	a := testAccount(t)
	a.Clients[1].FirstName, a.Clients[1].LastName = "X", "Zed" // 103, short and last
	for _, tc := range tests {
		t.Run(tc.types+"/today-04-"+itoa2(tc.today), func(t *testing.T) {
			o := ActivityOptions{Bucket: 'M', ItemTypes: tc.types, IncludeInactive: true, IncludeTotals: true,
				From: day(2025, 1, 1), To: day(2025, 4, 30), Today: day(2025, 4, tc.today)}
			got, _ := ActivityStats(a, time.UTC, o)
			want := header + strings.ReplaceAll(tc.want, "103,X,", "103,X Zed,")
			if got != want {
				t.Errorf("csv: got\n%s\nwant\n%s", got, want)
			}
		})
	}
}

func TestAverage(t *testing.T) {
	tests := []struct {
		total, n int
		want     string
	}{
		{34, 3, "11.33"},
		{5, 3, "1.67"},
		{2, 3, "0.67"},
		{1, 3, "0.33"},
		{1, 8, "0.13"}, // 0.125 rounds up
		{1, 200, "0.01"},
		{1, 201, "0"},
		{6, 3, "2"},
		{1, 2, "0.5"},
		{0, 4, "0"},
		{7, 0, "0"},
		{1000000, 7, "142857.14"},
	}
	for _, tc := range tests {
		if got := average(tc.total, tc.n); got != tc.want {
			t.Errorf("average(%d, %d): got %q, want %q", tc.total, tc.n, got, tc.want)
		}
	}
}

func itoa2(n int) string { return string([]byte{byte('0' + n/10), byte('0' + n%10)}) }
