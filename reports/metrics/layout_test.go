package metrics_test

import (
	"testing"

	"github.com/careport/careport/reports/model"
)

// TestClientTimeZone checks a client whose time zone (Asia/Tokyo) differs
// from the account's (America/Denver): the session dated Sunday 2025-06-15
// 23:30 in the account zone, already Monday in Tokyo, is that Sunday's
// data point and in the week of 2025-06-09, as the API dates it.
func TestClientTimeZone(t *testing.T) {
	res := run(t, testAccount(), "2025-06", 0, "--field", "Energy level")
	if res.err != nil {
		t.Fatal(res.err)
	}
	for label, want := range map[string]string{"2025-06-09": "4", "2025-06-16": ""} {
		if got, ok := gridCell(t, res.rep, "Energy level", tokyoClient, label); !ok || got != want {
			t.Errorf("week %s: got %q (%t), want %q", label, got, ok, want)
		}
	}
	found := false
	for _, row := range cells(t, sheet(t, res.rep, "Data points")) {
		if row[2] == "107" {
			found = true
			if row[4] != "2025-06-15" || row[5] != "4" {
				t.Errorf("data point of client 107: got date %s value %s, want 2025-06-15 and 4", row[4], row[5])
			}
		}
	}
	if !found {
		t.Error("no data point of client 107")
	}
	if res.rep.Timezone != "America/Denver" {
		t.Errorf("report time zone %q", res.rep.Timezone)
	}
}

// TestGridLayout checks the grid's presentation: numbers as Number cells,
// each row on its own colour scale over the bucket columns (red: Weight
// is lower-is-better), and a report title, period and filters.
func TestGridLayout(t *testing.T) {
	res := run(t, testAccount(), "2025-06", 0, "--field", "Weight", "--bucket", "month", "--values", "both")
	if res.err != nil {
		t.Fatal(res.err)
	}
	s := sheet(t, res.rep, "Grid Weight")
	if s.Columns[3].Type != model.ColNumber || s.Columns[4].Type != model.ColText {
		t.Errorf("bucket columns: %s and %s, want number and text", s.Columns[3].Type, s.Columns[4].Type)
	}
	cf := s.Format.Conditional
	if len(cf) != 1 || !cf[0].PerRow || cf[0].Kind != model.ColourScale || cf[0].Column != "2025-06" ||
		cf[0].ToColumn != "2025-06 text" || cf[0].Better != model.BetterDown {
		t.Errorf("grid format: %+v", cf)
	}
	if err := s.CheckFormat(); err != nil {
		t.Error(err)
	}
	r := res.rep
	if r.Title != "Metrics report 2025-06" || r.Period.Label != "2025-06" || r.Previous.Label != "2025-05" {
		t.Errorf("title %q, period %q, previous %q", r.Title, r.Period.Label, r.Previous.Label)
	}
	want := []model.KeyValue{{Key: "Fields", Value: "Weight"}, {Key: "Bucket", Value: "month"}, {Key: "Values", Value: "both"}}
	if len(r.Filters) != len(want) {
		t.Fatalf("filters: %v", r.Filters)
	}
	for i := range want {
		if r.Filters[i] != want[i] {
			t.Errorf("filter %d: got %v, want %v", i, r.Filters[i], want[i])
		}
	}
	if base := r.FileBase(); base != "metrics-2025-06-fields-Weight-bucket-month-values-both" {
		t.Errorf("file base %q", base)
	}
}
