package clientdata

import (
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/careport/careport/fetch/sandbox/account"
)

func TestDataFetch(t *testing.T) {
	const jo = `103,"Jo ""JJ"" Smith, Jr."`
	tests := []struct {
		name      string
		o         DataFetchOptions
		want      string
		wantEmpty bool
	}{
		{
			// Zero options: weeks, numeric, grid. "weight" matches Weight,
			// weight and WEIGHT. 03-02 is a Sunday: week of 02-24. In the
			// week of 03-03, points 13 and 31 share the latest day: 31 wins.
			name: "defaults weekly grid, case-insensitive, latest and tie by ID",
			o:    DataFetchOptions{FieldName: "weight"},
			want: "ClientID,Client Name,2025-02-24,2025-03-03,2025-03-10,2025-03-17,2025-03-24,2025-03-31\n" +
				"101,Ava Chen,180,178,,,,176\n" +
				"102,Ben Ortiz,,79,,,,\n" +
				jo + ",,-0.25,,,,\n",
		},
		{
			name: "explicit W N D equals the defaults",
			o:    DataFetchOptions{FieldName: "Weight", Bucket: 'W', WhatData: 'N', Structure: 'D'},
			want: "ClientID,Client Name,2025-02-24,2025-03-03,2025-03-10,2025-03-17,2025-03-24,2025-03-31\n" +
				"101,Ava Chen,180,178,,,,176\n" +
				"102,Ben Ortiz,,79,,,,\n" +
				jo + ",,-0.25,,,,\n",
		},
		{
			name: "days, inclusive From and To, coach name",
			o: DataFetchOptions{FieldName: "Weight", Bucket: 'D', IncludeCoachName: true, IncludeInactive: true,
				From: day(2025, 3, 3), To: day(2025, 3, 5)},
			want: "ClientID,Client Name,Coach Name,2025-03-03,2025-03-04,2025-03-05\n" +
				"101,Ava Chen,Dana Reyes,179.5,,\n" +
				"102,Ben Ortiz,Eli Park,,80,79\n",
		},
		{
			name: "weeks from a Sunday to a Monday",
			o:    DataFetchOptions{FieldName: "Weight", Bucket: 'W', ClientID: 101, From: day(2025, 3, 2), To: day(2025, 3, 10)},
			want: "ClientID,Client Name,2025-02-24,2025-03-03,2025-03-10\n" +
				"101,Ava Chen,180,178,\n",
		},
		{
			name: "months, inactive included",
			o:    DataFetchOptions{FieldName: "Weight", Bucket: 'M', IncludeInactive: true},
			want: "ClientID,Client Name,2025-03,2025-04\n" +
				"101,Ava Chen,177,176\n" +
				"104,Dee Chen,90,\n" +
				"102,Ben Ortiz,79,\n" +
				jo + ",-0.25,\n",
		},
		{
			name: "months with From and To give every bucket",
			o:    DataFetchOptions{FieldName: "Weight", Bucket: 'M', CoachID: 2, From: day(2025, 2, 1), To: day(2025, 5, 31)},
			want: "ClientID,Client Name,2025-02,2025-03,2025-04,2025-05\n" +
				"102,Ben Ortiz,,79,,\n",
		},
		{
			name: "only From: up to the latest point",
			o:    DataFetchOptions{FieldName: "Weight", Bucket: 'M', CoachID: 1, From: day(2025, 4, 1)},
			want: "ClientID,Client Name,2025-04\n" +
				"101,Ava Chen,176\n",
		},
		{
			name: "only To: from the earliest point",
			o:    DataFetchOptions{FieldName: "Weight", Bucket: 'M', To: day(2025, 3, 8)},
			want: "ClientID,Client Name,2025-03\n" +
				"101,Ava Chen,179.5\n" +
				"102,Ben Ortiz,79\n" +
				jo + ",-0.25\n",
		},
		{
			name: "months both: metric text is value and units",
			o:    DataFetchOptions{FieldName: "Weight", Bucket: 'M', WhatData: 'B', ClientID: 101, From: day(2025, 3, 1), To: day(2025, 4, 30)},
			want: "ClientID,Client Name,2025-03,2025-03 Text,2025-04,2025-04 Text\n" +
				"101,Ava Chen,177,177 lbs,176,176 lbs\n",
		},
		{
			// Only done worksheets and non-draft sessions; 303's Mood has
			// no number, so it does not count for N.
			name: "form answers weekly numeric",
			o:    DataFetchOptions{FieldName: "Mood"},
			want: "ClientID,Client Name,2025-03-03,2025-03-10,2025-03-17,2025-03-24,2025-03-31\n" +
				"101,Ava Chen,4,,,,5\n" +
				"102,Ben Ortiz,3,,,,\n",
		},
		{
			// On 03-05 session 303 (14:00) is later than worksheet 203 (09:00).
			name: "form answers daily text",
			o:    DataFetchOptions{FieldName: "Mood", Bucket: 'D', WhatData: 'T', From: day(2025, 3, 4), To: day(2025, 3, 5)},
			want: "ClientID,Client Name,2025-03-04,2025-03-05\n" +
				"101,Ava Chen,Mostly good,\n" +
				"102,Ben Ortiz,,Tired\n",
		},
		{
			// Each column of B takes the latest point that has such a value.
			name: "form answers daily both",
			o:    DataFetchOptions{FieldName: "Mood", Bucket: 'D', WhatData: 'B', From: day(2025, 3, 4), To: day(2025, 3, 5)},
			want: "ClientID,Client Name,2025-03-04,2025-03-04 Text,2025-03-05,2025-03-05 Text\n" +
				"101,Ava Chen,4,Mostly good,,\n" +
				"102,Ben Ortiz,,,3,Tired\n",
		},
		{
			name: "listing both with coach name, ordered by date and time",
			o:    DataFetchOptions{FieldName: "mood", Structure: 'L', WhatData: 'B', IncludeCoachName: true},
			want: "ClientID,Client Name,Coach Name,Date,Value,Text\n" +
				"101,Ava Chen,Dana Reyes,2025-03-04,4,Mostly good\n" +
				"101,Ava Chen,Dana Reyes,2025-04-02,5,Great\n" +
				"102,Ben Ortiz,Eli Park,2025-03-05,3,\"OK, fine\"\n" +
				"102,Ben Ortiz,Eli Park,2025-03-05,,Tired\n",
		},
		{
			name: "listing numeric skips points without a number",
			o:    DataFetchOptions{FieldName: "Mood", Structure: 'L'},
			want: "ClientID,Client Name,Date,Value\n" +
				"101,Ava Chen,2025-03-04,4\n" +
				"101,Ava Chen,2025-04-02,5\n" +
				"102,Ben Ortiz,2025-03-05,3\n",
		},
		{
			// Bucket does not apply to a listing; same-day points by ID.
			name: "listing text of a coach's clients in a range",
			o: DataFetchOptions{FieldName: "Weight", Structure: 'L', WhatData: 'T', Bucket: 'M', CoachID: 1,
				From: day(2025, 3, 9), To: day(2025, 3, 31)},
			want: "ClientID,Client Name,Date,Value\n" +
				"101,Ava Chen,2025-03-09,178.25 lbs\n" +
				"101,Ava Chen,2025-03-09,178 lbs\n" +
				"101,Ava Chen,2025-03-31,177 lbs\n",
		},
		{
			name: "listing text of a metric without units, quoted name",
			o:    DataFetchOptions{FieldName: "Weight", Structure: 'L', WhatData: 'T', ClientID: 103},
			want: "ClientID,Client Name,Date,Value\n" +
				jo + ",2025-03-06,-0.25\n",
		},
		{
			name: "inactive client without IncludeInactive",
			o:    DataFetchOptions{FieldName: "Weight", ClientID: 104},
			want: "ClientID,Client Name\n", wantEmpty: true,
		},
		{
			name: "unknown field",
			o:    DataFetchOptions{FieldName: "Height"},
			want: "ClientID,Client Name\n", wantEmpty: true,
		},
		{
			name: "unknown field with a closed range keeps the bucket columns",
			o:    DataFetchOptions{FieldName: "Height", Bucket: 'M', From: day(2025, 3, 1), To: day(2025, 4, 30), IncludeCoachName: true},
			want: "ClientID,Client Name,Coach Name,2025-03,2025-04\n", wantEmpty: true,
		},
		{
			name: "unknown field listing",
			o:    DataFetchOptions{FieldName: "Height", Structure: 'L', WhatData: 'B'},
			want: "ClientID,Client Name,Date,Value,Text\n", wantEmpty: true,
		},
		{
			name: "From after To",
			o:    DataFetchOptions{FieldName: "Weight", From: day(2025, 4, 1), To: day(2025, 3, 1)},
			want: "ClientID,Client Name\n", wantEmpty: true,
		},
		{
			name: "range without data",
			o:    DataFetchOptions{FieldName: "Weight", Bucket: 'D', From: day(2025, 3, 11), To: day(2025, 3, 12)},
			want: "ClientID,Client Name,2025-03-11,2025-03-12\n", wantEmpty: true,
		},
	}
	a := testAccount(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, empty := DataFetch(a, time.UTC, tc.o)
			if got != tc.want {
				t.Errorf("csv: got\n%s\nwant\n%s", got, tc.want)
			}
			if empty != tc.wantEmpty {
				t.Errorf("empty: got %v, want %v", empty, tc.wantEmpty)
			}
		})
	}
}

// TestDataFetchBothIsNumericAndText checks that a B grid interleaves the N
// and the T grid column by column (a client without numbers has no N row).
func TestDataFetchBothIsNumericAndText(t *testing.T) {
	a := testAccount(t)
	for _, field := range []string{"Weight", "Mood", "Energy"} {
		for _, bucket := range []byte{'D', 'W', 'M'} {
			o := DataFetchOptions{FieldName: field, Bucket: bucket, IncludeInactive: true}
			o.WhatData = 'N'
			n := readRows(t, o, a)
			o.WhatData = 'T'
			tx := readRows(t, o, a)
			o.WhatData = 'B'
			b := readRows(t, o, a)
			if len(b) != len(tx) || len(b) == 0 {
				t.Fatalf("%s %c: %d B rows, %d T rows", field, bucket, len(b), len(tx))
			}
			for id, brow := range b {
				trow, nrow := tx[id], n[id]
				for j := 2; j < len(trow); j++ {
					if brow[2*j-1] != trow[j] {
						t.Errorf("%s %c %s column %d: B text %q, T %q", field, bucket, id, j, brow[2*j-1], trow[j])
					}
					want := ""
					if nrow != nil {
						want = nrow[j]
					}
					if brow[2*j-2] != want {
						t.Errorf("%s %c %s column %d: B number %q, N %q", field, bucket, id, j, brow[2*j-2], want)
					}
				}
			}
		}
	}
}

// readRows runs DataFetch and returns its data records by ClientID.
func readRows(t *testing.T, o DataFetchOptions, a *account.Account) map[string][]string {
	t.Helper()
	text, _ := DataFetch(a, time.UTC, o)
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatalf("read csv: %v\n%s", err, text)
	}
	out := map[string][]string{}
	for _, r := range recs[1:] {
		out[r[0]] = r
	}
	return out
}

// TestNilRecords checks that a nil account and nil records in the account's
// lists are skipped rather than dereferenced.
func TestNilRecords(t *testing.T) {
	if got, empty := DataFetch(nil, time.UTC, DataFetchOptions{FieldName: "x"}); got != "ClientID,Client Name\n" || !empty {
		t.Errorf("nil account data fetch: got %q, %v", got, empty)
	}
	if got, empty := ActivityStats(nil, time.UTC, ActivityOptions{IncludeTotals: true}); got != "ClientID,Client Name,Total\n" || !empty {
		t.Errorf("nil account activity stats: got %q, %v", got, empty)
	}
	a := &account.Account{
		Coaches:      []*account.Coach{nil, {ID: 1, FirstName: "Dana"}},
		Clients:      []*account.Client{nil, {ID: 5, CoachID: 1, LastName: "Solo", IsActive: true}},
		Groups:       []*account.Group{nil},
		Engagements:  []*account.Engagement{nil},
		Metrics:      []*account.Metric{nil, {ClientID: 5, Name: "x", Data: []*account.DataPoint{nil, dp(t, 1, day(2025, 1, 1), "2.50")}}},
		Actions:      []*account.Action{nil},
		Appointments: []*account.Appointment{nil},
		Sessions:     []*account.Session{nil, {ClientID: 5, DateOf: at(2025, 1, 2, 0, 0), Answers: []*account.Answer{nil}}},
		Worksheets:   []*account.Worksheet{nil},
		Activities:   []*account.Activity{nil, {ClientID: 5, Kind: ""}, {ClientID: 5, Kind: "JF", Date: at(2025, 1, 1, 0, 0)}},
	}
	got, _ := DataFetch(a, time.UTC, DataFetchOptions{FieldName: "X", Bucket: 'D', IncludeCoachName: true})
	if want := "ClientID,Client Name,Coach Name,2025-01-01\n5,Solo,Dana,2.5\n"; got != want {
		t.Errorf("data fetch: got %q, want %q", got, want)
	}
	got, _ = ActivityStats(a, time.UTC, ActivityOptions{Bucket: 'D', GroupID: 1, EngagementID: 1})
	if want := "ClientID,Client Name\n"; got != want {
		t.Errorf("activity stats: got %q, want %q", got, want)
	}
	got, _ = ActivityStats(a, time.UTC, ActivityOptions{Bucket: 'D'})
	if want := "ClientID,Client Name,2025-01-01,2025-01-02\n5,Solo,1,1\n"; got != want {
		t.Errorf("activity stats: got %q, want %q", got, want)
	}
}
