package metrics_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/careport/careport/fetch/sandbox/account"
	"github.com/careport/careport/reports"
	"github.com/careport/careport/reports/model"
)

// June 2025 and the period before it.
var (
	junFrom, junTo = day(6, 1), day(6, 30)
	mayFrom, mayTo = day(5, 1), day(5, 31)
)

// clientOrder sorts client IDs as the API orders rows: last name, first
// name, ID.
func clientOrder(a *account.Account, ids []int) {
	byID := map[int]*account.Client{}
	for _, c := range a.Clients {
		byID[c.ID] = c
	}
	slices.SortFunc(ids, func(x, y int) int {
		cx, cy := byID[x], byID[y]
		if c := strings.Compare(cx.LastName, cy.LastName); c != 0 {
			return c
		}
		if c := strings.Compare(cx.FirstName, cy.FirstName); c != 0 {
			return c
		}
		return x - y
	})
}

// TestFiguresMatchRecords runs the report for June 2025 over three fields
// (a lower-is-better metric, a cumulative one, and one that is both a
// metric and a session and worksheet input) and checks every grid cell,
// every data point, every target row and every headline figure against
// the independent reference computed from the raw records.
func TestFiguresMatchRecords(t *testing.T) {
	a := testAccount()
	res := run(t, a, "2025-06", 0, "--field", "Weight", "--field", "sales CALLS", "--field", "Energy level")
	if res.err != nil {
		t.Fatal(res.err)
	}
	r := res.rep
	wantLabels := []string{"2025-05-26", "2025-06-02", "2025-06-09", "2025-06-16", "2025-06-23", "2025-06-30"}
	for _, field := range []string{"Weight", "Sales calls", "Energy level"} {
		t.Run(field, func(t *testing.T) {
			// Grid.
			g := sheet(t, r, "Grid "+field)
			if got, want := header(g), append([]string{"Client", "ClientID", "Coach"}, wantLabels...); !slices.Equal(got, want) {
				t.Errorf("grid header: got %q, want %q", got, want)
			}
			ref := refGrid(refPoints(a, field, junFrom, junTo), true)
			var ids []int
			for id := range ref {
				ids = append(ids, id)
			}
			clientOrder(a, ids)
			rows := cells(t, g)
			if len(rows) != len(ids) {
				t.Fatalf("grid: got %d rows, want %d (clients %v)", len(rows), len(ids), ids)
			}
			for i, id := range ids {
				if rows[i][1] != fmt.Sprint(id) {
					t.Errorf("grid row %d: got client %s, want %d", i, rows[i][1], id)
					continue
				}
				for j, l := range wantLabels {
					if got, want := rows[i][3+j], ref[id][l]; got != want {
						t.Errorf("grid client %d bucket %s: got %q, want %q", id, l, got, want)
					}
				}
			}
			// Data points.
			var got []string
			for _, row := range cells(t, sheet(t, r, "Data points")) {
				if row[0] == field {
					got = append(got, row[2]+" "+row[4]+" "+row[5])
				}
			}
			var want []string
			pts := refPoints(a, field, junFrom, junTo)
			slices.SortStableFunc(pts, func(x, y refPoint) int {
				o := []int{x.client, y.client}
				clientOrder(a, o)
				switch {
				case x.client == y.client:
					return int(x.at - y.at)
				case o[0] == x.client:
					return -1
				}
				return 1
			})
			for _, p := range pts {
				if p.num != nil {
					want = append(want, fmt.Sprintf("%d %s %s", p.client, p.date, p.num))
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("data points:\ngot  %q\nwant %q", got, want)
			}
			// Targets and KPIs, this period and the previous one.
			cur := refAttainment(a, field, mayFrom, junTo, junFrom, junTo, junTo, true)
			prev := refAttainment(a, field, mayFrom, junTo, mayFrom, mayTo, mayTo, true)
			targets := map[string][]string{}
			for _, row := range cells(t, sheet(t, r, "Targets")) {
				if row[0] == field {
					targets[row[2]] = row
				}
			}
			if len(targets) != len(cur.targets) {
				t.Errorf("targets: got %d rows, want %d", len(targets), len(cur.targets))
			}
			for _, rt := range cur.targets {
				row, ok := targets[fmt.Sprint(rt.client)]
				if !ok {
					t.Errorf("targets: no row for client %d", rt.client)
					continue
				}
				// Start, End, Target start, Target end, As of, Value, Last reported, Target line, Gap, Status.
				got := []string{row[5], row[6], row[7], row[8], row[11], row[12], row[13], row[14], row[15], row[17]}
				want := []string{rt.start, rt.end, rt.targetStart, rt.tgtEnd, rt.asOf.String(), rt.value, rt.last, rt.target, rt.gap, rt.status}
				if !slices.Equal(got, want) {
					t.Errorf("targets client %d:\ngot  %q\nwant %q", rt.client, got, want)
				}
				if rt.hasProgress && row[17] != "no data" && row[16] != fmt.Sprintf("%.6f", rt.progress) {
					t.Errorf("targets client %d progress: got %s, want %.6f", rt.client, row[16], rt.progress)
				}
			}
			for _, tc := range []struct {
				name      string
				cur, prev string
			}{
				{"Clients reporting", fmt.Sprint(cur.reporting), fmt.Sprint(prev.reporting)},
				{"Clients with a target", fmt.Sprint(len(cur.targets)), fmt.Sprint(len(prev.targets))},
				{"On pace or ahead", pct(cur.onPace, len(cur.targets)), pct(prev.onPace, len(prev.targets))},
				{"Behind", pct(cur.behind, len(cur.targets)), pct(prev.behind, len(prev.targets))},
				{"Median progress", medianText(cur), medianText(prev)},
			} {
				c, p := kpi(t, r, field, tc.name)
				if c != tc.cur || p != tc.prev {
					t.Errorf("KPI %s: got %q / %q, want %q / %q", tc.name, c, p, tc.cur, tc.prev)
				}
			}
		})
	}
}

func medianText(rf refField) string {
	if !rf.hasMedian {
		return ""
	}
	return fmt.Sprintf("%.6f", rf.median)
}

// targetRow returns the Targets row of a field and client, nil if none.
func targetRow(t *testing.T, r *model.Report, field string, client int) []string {
	t.Helper()
	for _, row := range cells(t, sheet(t, r, "Targets")) {
		if row[0] == field && row[2] == fmt.Sprint(client) {
			return row
		}
	}
	return nil
}

// gridCell returns a field's grid cell of a client and bucket label.
func gridCell(t *testing.T, r *model.Report, field string, client int, label string) (string, bool) {
	t.Helper()
	s := sheet(t, r, "Grid "+field)
	col := s.ColumnIndex(label)
	if col < 0 {
		t.Fatalf("grid %s has no column %q: %q", field, label, header(s))
	}
	for _, row := range cells(t, s) {
		if row[1] == fmt.Sprint(client) {
			return row[col], true
		}
	}
	return "", false
}

// TestTargetCases checks the Targets sheet's cases by hand-computed
// figures: lower is better, the band's edge, a cumulative running total,
// a client with data only in the previous period, a metric with no target
// and a client with no data in the window.
func TestTargetCases(t *testing.T) {
	a := testAccount()
	res := run(t, a, "2025-06", 0, "--field", "Weight", "--field", "Sales calls")
	if res.err != nil {
		t.Fatal(res.err)
	}
	r := res.rep
	// Columns: ... As of 11, Value 12, Last reported 13, Target line 14, Gap 15, Progress 16, Status 17.
	tests := []struct {
		name   string
		field  string
		client int
		want   []string // value, last reported, target line, gap, status
	}{
		// 180 - 10 x 60/92 = 173.47826...: 174.75 is 1.2717 above, lower is better.
		{"lower is better, behind", "Weight", 101, []string{"174.75", "2025-06-24", "173.4783", "-1.2717", "behind"}},
		// Target 140 on its end date; 139.5 is 0.5 better: exactly the band, on pace.
		{"on the band's edge", "Weight", tokyoClient, []string{"139.5", "2025-06-29", "140", "0.5", "on pace"}},
		// Running total 10+12+3+8+15+7 = 55 against 90 x 60/90 = 60.
		{"cumulative", "Sales calls", 102, []string{"55", "2025-06-25", "60", "-5", "behind"}},
		// Reported in May only: judged as no data, the running total shown.
		{"no data in the period", "Sales calls", 106, []string{"30", "2025-05-10", "40", "", "no data"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			row := targetRow(t, r, tc.field, tc.client)
			if row == nil {
				t.Fatalf("no Targets row for %s client %d", tc.field, tc.client)
			}
			if got := []string{row[12], row[13], row[14], row[15], row[17]}; !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
	if row := targetRow(t, r, "Weight", 101); row[16] != "0.525000" || row[9] != "Lower is better" {
		t.Errorf("Weight 101: progress %s (want 0.525000), mode %s", row[16], row[9])
	}
	if row := targetRow(t, r, "Sales calls", 102); row[10] != "Cumulative (running total)" {
		t.Errorf("Sales calls 102: data mode %q", row[10])
	}
	// A metric without a target: on the grid, not on Targets.
	if row := targetRow(t, r, "Sales calls", 103); row != nil {
		t.Errorf("client 103's metric has no target but is on Targets: %q", row)
	}
	if v, ok := gridCell(t, r, "Sales calls", 103, "2025-06-09"); !ok || v != "6" {
		t.Errorf("grid Sales calls 103 week 2025-06-09: got %q (%t), want 6 (the latest of 5 and 6)", v, ok)
	}
	// Inactive client 104 reported Weight (no target): on the grid.
	if v, ok := gridCell(t, r, "Weight", 104, "2025-06-09"); !ok || v != "200" {
		t.Errorf("grid Weight of inactive client 104: got %q (%t), want 200", v, ok)
	}
	// The previous period: 106's running total 30 on May 31 against 40 x 30/60 = 20: ahead.
	if c, p := kpi(t, r, "Sales calls", "On pace or ahead"); c != "0.000000" || p != "0.500000" {
		t.Errorf("Sales calls on pace or ahead: got %s / %s, want 0 of 2 / 1 of 2", c, p)
	}
}

// TestNoDataInWindow checks that a client whose metric has a target but no
// data point in the period or the previous one is left out, and that its
// metrics are not even fetched: the fan-out covers only the clients the
// data fetch names.
func TestNoDataInWindow(t *testing.T) {
	res := run(t, testAccount(), "2025-06", 0, "--field", "Sales calls")
	if res.err != nil {
		t.Fatal(res.err)
	}
	if res.calls.called("Metric.getAll ClientID=101") {
		t.Error("Metric.getAll was called for client 101, who has no Sales calls data in May or June")
	}
	for _, id := range []int{102, 103, 106} {
		if !res.calls.called(fmt.Sprintf("Metric.getAll ClientID=%d", id)) {
			t.Errorf("Metric.getAll not called for client %d, who reported Sales calls", id)
		}
	}
	if row := targetRow(t, res.rep, "Sales calls", 101); row != nil {
		t.Errorf("client 101 is on Targets: %q", row)
	}
	if _, ok := gridCell(t, res.rep, "Sales calls", 101, "2025-06-02"); ok {
		t.Error("client 101 is on the grid")
	}
}

// TestBothMetricAndInputs checks a field that is a metric of one client, a
// worksheet input of another (spelled in lower case) and a session input
// of a third: the grid combines them, the front page warns, the Notes name
// the sources, and the targets read the metric only.
func TestBothMetricAndInputs(t *testing.T) {
	res := run(t, testAccount(), "2025-06", 0, "--field", "energy LEVEL")
	if res.err != nil {
		t.Fatal(res.err)
	}
	r := res.rep
	for _, tc := range []struct {
		client int
		label  string
		want   string
	}{
		{106, "2025-06-02", "6"},         // metric, Friday June 6
		{106, "2025-06-16", "7.5"},       // metric, Friday June 20
		{102, "2025-06-16", "9"},         // worksheet done Wednesday June 18
		{tokyoClient, "2025-06-09", "4"}, // session Sunday June 15, 23:30 in the account zone
		{tokyoClient, "2025-06-16", ""},  // not the week it was in Tokyo
		{102, "2025-06-02", ""},          // empty, not zero
		{106, "2025-05-26", ""},          // before the metric started
		{tokyoClient, "2025-06-23", ""},  // nothing that week
		{102, "2025-06-23", ""},          // after the worksheet
	} {
		if got, _ := gridCell(t, r, "Energy level", tc.client, tc.label); got != tc.want {
			t.Errorf("grid client %d bucket %s: got %q, want %q", tc.client, tc.label, got, tc.want)
		}
	}
	var warned bool
	for _, w := range r.Warnings {
		warned = warned || strings.Contains(w, `"Energy level" is both a metric and a session input and a worksheet input`) &&
			strings.Contains(w, "targets use the metric's own data points only")
	}
	if !warned {
		t.Errorf("no warning that Energy level has several sources: %q", r.Warnings)
	}
	var sources string
	for _, n := range r.Notes {
		for _, it := range n.Items {
			if it.Key == "Energy level" {
				sources = it.Value
			}
		}
	}
	want := `metric "Energy level": 2 data points of 1 client; session input: 1 answer of 1 client; worksheet input: 1 answer of 1 client`
	if sources != want {
		t.Errorf("notes sources: got %q, want %q", sources, want)
	}
	// Targets: the metric of 106 only (target 8 on June 30, value 7.5: 0.5 short, band 0.15).
	rows := 0
	for _, row := range cells(t, sheet(t, r, "Targets")) {
		rows++
		if got := []string{row[2], row[12], row[14], row[15], row[17]}; !slices.Equal(got, []string{"106", "7.5", "8", "-0.5", "behind"}) {
			t.Errorf("targets: got %q", got)
		}
	}
	if rows != 1 {
		t.Errorf("targets: got %d rows, want 1 (the metric's)", rows)
	}
}

// TestTextOnlyField checks a field with text values only: no numbers to
// show is an error saying so (no workbook); with --values text the grid
// holds the text.
func TestTextOnlyField(t *testing.T) {
	a := testAccount()
	res := run(t, a, "2025-06", 0, "--field", "Biggest win")
	if res.err == nil || !strings.Contains(res.err.Error(), `"Biggest win" has only text values in 2025-06 (1 data point); run with --values text`) {
		t.Fatalf("got %v, want the only-text error", res.err)
	}
	if errors.Is(res.err, reports.ErrOptions) {
		t.Error("a field without numbers is not an options error")
	}
	res = run(t, a, "2025-06", 0, "--field", "Biggest win", "--values", "text")
	if res.err != nil {
		t.Fatal(res.err)
	}
	if v, ok := gridCell(t, res.rep, "Biggest win", tokyoClient, "2025-06-09"); !ok || v != "Ran 10k" {
		t.Errorf("text grid: got %q (%t), want Ran 10k", v, ok)
	}
	if k := sheet(t, res.rep, "Grid Biggest win").Columns[4].Type; k != model.ColText {
		t.Errorf("text grid column type %s, want text", k)
	}
	dp := cells(t, sheet(t, res.rep, "Data points"))
	if len(dp) != 1 || dp[0][6] != "Ran 10k" || dp[0][5] != "" {
		t.Errorf("data points: got %q, want the one text answer without a number", dp)
	}
	if len(res.rep.KPIs) == 0 {
		t.Error("no KPIs")
	}
}

// TestValuesBoth checks --values both: a number and a text column per
// bucket, the text of a metric being its value and units.
func TestValuesBoth(t *testing.T) {
	res := run(t, testAccount(), "2025-06", 0, "--field", "Weight", "--values", "both")
	if res.err != nil {
		t.Fatal(res.err)
	}
	s := sheet(t, res.rep, "Grid Weight")
	if got := header(s)[3:5]; !slices.Equal(got, []string{"2025-05-26", "2025-05-26 text"}) {
		t.Errorf("header: got %q", got)
	}
	if v, _ := gridCell(t, res.rep, "Weight", 101, "2025-05-26 text"); v != "175.8 lbs" {
		t.Errorf("text cell: got %q, want 175.8 lbs", v)
	}
	if v, _ := gridCell(t, res.rep, "Weight", 101, "2025-05-26"); v != "175.8" {
		t.Errorf("number cell: got %q, want 175.8", v)
	}
}

// TestBucketsAndMonthBoundary checks --bucket month and day, and a period
// of two months: the week across the month's end is merged from the two
// monthly grids, the later month's value winning when it has one.
func TestBucketsAndMonthBoundary(t *testing.T) {
	a := testAccount()
	res := run(t, a, "2025-06", 0, "--field", "Weight", "--bucket", "month")
	if res.err != nil {
		t.Fatal(res.err)
	}
	if got := header(sheet(t, res.rep, "Grid Weight"))[3:]; !slices.Equal(got, []string{"2025-06"}) {
		t.Errorf("month buckets: got %q", got)
	}
	if v, _ := gridCell(t, res.rep, "Weight", 101, "2025-06"); v != "174.75" {
		t.Errorf("month cell: got %q, want 174.75 (the latest of June)", v)
	}
	res = run(t, a, "2025-06", 0, "--field", "Weight", "--bucket", "day")
	if res.err != nil {
		t.Fatal(res.err)
	}
	if h := header(sheet(t, res.rep, "Grid Weight"))[3:]; len(h) != 30 || h[0] != "2025-06-01" || h[29] != "2025-06-30" {
		t.Errorf("day buckets: got %d, %q", len(h), h)
	}
	res = run(t, a, "2025-05..2025-06", 0, "--field", "Weight", "--field", "Sales calls")
	if res.err != nil {
		t.Fatal(res.err)
	}
	for _, tc := range []struct {
		field  string
		client int
		want   string
	}{
		{"Weight", 101, "175.8"},    // May 28: 176, June 1: 175.8
		{"Sales calls", 102, "3"},   // May 27 only: the June part of the week is empty
		{"Weight", tokyoClient, ""}, // the metric starts June 1 and has no point that day
	} {
		if v, _ := gridCell(t, res.rep, tc.field, tc.client, "2025-05-26"); v != tc.want {
			t.Errorf("%s client %d week 2025-05-26: got %q, want %q", tc.field, tc.client, v, tc.want)
		}
	}
	labels := header(sheet(t, res.rep, "Grid Weight"))[3:]
	if n := len(labels); n != 10 || labels[0] != "2025-04-28" || labels[n-1] != "2025-06-30" || slices.Index(labels, "2025-05-26") < 0 {
		t.Errorf("two months of weeks: got %q", labels)
	}
	for i := 1; i < len(labels); i++ {
		if labels[i] <= labels[i-1] {
			t.Errorf("buckets out of order or repeated: %q", labels)
		}
	}
}
