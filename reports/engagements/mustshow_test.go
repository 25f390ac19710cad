package engagements_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/careport/careport/reports/engagements"
	"github.com/careport/careport/reports/model"
)

// The "Must show" cases, each checked on the cells a reader sees
// against figures worked out by hand from the records in fixture_test.go
// (TestBuildAgainstSandbox checks every cell against the reference).

// build builds the report of the month y-m of 2025 with o over the test
// account.
func build(t *testing.T, d *engagements.Data, m int, o engagements.Options) *model.Report {
	t.Helper()
	o.Period = model.NewPeriod(model.UnitMonth, model.CivilDate{Year: 2025, Month: timeMonth(m), Day: 1}, denver(t))
	o.GeneratedAt = dataTime()
	r, err := engagements.Build(d, o)
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return r
}

// table is a sheet's cells with its column names.
type table struct {
	cols []string
	rows [][]string
}

func tableOf(t *testing.T, r *model.Report, name string) table {
	t.Helper()
	s := sheet(t, r, name)
	tb := table{rows: cells(t, s)}
	if s.Totals != nil {
		tb.rows = tb.rows[:len(tb.rows)-1]
	}
	for _, c := range s.Columns {
		tb.cols = append(tb.cols, c.Name)
	}
	return tb
}

// row returns the row whose ID column is id, or nil.
func (tb table) row(id int) map[string]string {
	ci := -1
	for i, c := range tb.cols {
		if c == "ID" {
			ci = i
		}
	}
	for _, r := range tb.rows {
		if ci >= 0 && r[ci] == strconv.Itoa(id) {
			m := map[string]string{}
			for i, c := range tb.cols {
				m[c] = r[i]
			}
			return m
		}
	}
	return nil
}

// first returns the row whose first cell is key.
func (tb table) first(key string) map[string]string {
	for _, r := range tb.rows {
		if r[0] == key {
			m := map[string]string{}
			for i, c := range tb.cols {
				m[c] = r[i]
			}
			return m
		}
	}
	return nil
}

func kpi(t *testing.T, r *model.Report, name string) string {
	t.Helper()
	for _, k := range r.KPIs {
		if k.Name == name {
			return cell(k.Current)
		}
	}
	t.Fatalf("no KPI %q", name)
	return ""
}

// expect checks cells of a row: each key of want a column.
func expect(t *testing.T, what string, got map[string]string, want map[string]string) {
	t.Helper()
	if got == nil {
		t.Errorf("%s: no row", what)
		return
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s %s: got %q, want %q", what, k, got[k], w)
		}
	}
}

func TestMustShow(t *testing.T) {
	a := testAccount(t)
	d := fetchData(t, a)
	may := build(t, d, 5, engagements.Options{})
	list := tableOf(t, may, engagements.SheetEngagements)
	risk := tableOf(t, may, engagements.SheetAtRisk)
	renew := tableOf(t, may, engagements.SheetRenewals)

	t.Run("starts on the period's first day", func(t *testing.T) {
		expect(t, "Bea", list.row(engBea), map[string]string{"Start": "2025-05-01 00:00", "Status": "Active"})
		if got := kpi(t, may, "New"); got != "2" { // Bea and Tara start in May
			t.Errorf("New: got %s, want 2", got)
		}
	})
	t.Run("starts the day after the period", func(t *testing.T) {
		if list.row(engBeaNext) != nil {
			t.Error("engagement 6 (starts 2025-06-01) is listed for May")
		}
		june := tableOf(t, build(t, d, 6, engagements.Options{}), engagements.SheetEngagements)
		expect(t, "Bea's next in June", june.row(engBeaNext), map[string]string{"Start": "2025-06-01 00:00", "Status": "Active"})
		expect(t, "Bea's renewal", renew.row(engBea), map[string]string{"Days left": "61", "Due": "within 90 days",
			"Follow-on engagement": "Package A (ID 6)", "Follow-on start": "2025-06-01 00:00",
			"Open invoices": "2", "Open balance": "", "Currency": "",
			"Open invoice list": "T13 (USD 600.00, dated 2025-05-02); T14 (EUR 120.00, dated 2025-05-03)"})
	})
	t.Run("ends on the period's last day", func(t *testing.T) {
		expect(t, "Zoe", list.row(engZoe), map[string]string{"End": "2025-05-31 00:00", "Used": "3", "Remaining": "1",
			"Status": "Ended, not marked complete", "Flags": ""})
		if risk.row(engZoe) != nil {
			t.Error("Zoe's engagement, ended at the period's end, is at risk")
		}
		// T10: 300.00 less 100.00 paid in May (the 50.00 of June 5 is
		// after the period); T11 is paid, T12 a credit note.
		expect(t, "Zoe's renewal", renew.row(engZoe), map[string]string{"Days left": "0", "Due": "within 30 days",
			"Open invoices": "1", "Open balance": "200.00", "Currency": "USD", "Open invoice list": "T10 (USD 200.00, dated 2025-05-15)"})
		trend := tableOf(t, may, engagements.SheetTrend)
		// April ends with 12 active (fixture 1, 4 and Zoe, Ed, Cass, Ines,
		// Hugo, Sam, Nia, Uma, Omar, Rex); May adds Bea and Tara and ends
		// Ed, Cass and Zoe.
		expect(t, "Trend April", trend.first("2025-04"), map[string]string{"Active at month end": "12"})
		expect(t, "Trend May", trend.first("2025-05"), map[string]string{"Active at month end": "11", "New": "2",
			"Completed": "1", "Canceled": "1", "Ended": "3"})
		if got := kpi(t, may, "Active at end"); got != "11" {
			t.Errorf("Active at end: got %s, want 11", got)
		}
	})
	t.Run("completed early", func(t *testing.T) {
		expect(t, "Ed", list.row(engEd), map[string]string{"Status": "Completed early", "Used": "3"})
		if got := kpi(t, may, "Completed"); got != "1" {
			t.Errorf("Completed: got %s, want 1", got)
		}
	})
	t.Run("canceled", func(t *testing.T) {
		expect(t, "Cass", list.row(engCass), map[string]string{"Status": "Canceled", "Used": "2"})
		if got := kpi(t, may, "Canceled"); got != "1" {
			t.Errorf("Canceled: got %s, want 1", got)
		}
	})
	t.Run("indefinite", func(t *testing.T) {
		// 60+60+60+90+45 minutes held of 4 hours; at 5.25 h in 120 days
		// the 4 h last ceil(4*120/5.25) = 92 days, to 2025-05-03.
		expect(t, "Ines", list.row(engInes), map[string]string{"End": "", "Time elapsed %": "", "Used": "5.25",
			"Used %": "1.3125", "Projected run-out": "2025-05-03 00:00", "Flags": "over-used"})
		expect(t, "Ines at risk", risk.row(engInes), map[string]string{"Why": "over-used: 5.25 of 4 hours used"})
		if renew.row(engInes) != nil || renew.row(engAcme) != nil {
			t.Error("an indefinite engagement is a renewal")
		}
		// Average use leaves out the indefinite ones (Ines, Acme): (1/12 +
		// 1/6 + 2.25/10 + 4/12 + 5/4 + 4/6 + 4/12 + 2/4 + 3/12) / 9.
		if got := kpi(t, may, "Average use"); got != "0.4231" {
			t.Errorf("Average use: got %s, want 0.4231", got)
		}
	})
	t.Run("hours-based", func(t *testing.T) {
		// 90 min credited + 45 min not yet judged = 2.25 h; the
		// complimentary hour (-1) was held but does not count; the 1 h of
		// June 12 is booked; the pending request is not.
		expect(t, "Hugo", list.row(engHugo), map[string]string{"Units": "hours", "Allocation": "10", "Used": "2.25",
			"Booked": "1", "Remaining": "6.75", "Used %": "0.2250", "Last held": "2025-05-20 09:00",
			"Next booked": "2025-06-12 09:00"})
	})
	t.Run("company engagement", func(t *testing.T) {
		expect(t, "Acme", list.row(engAcme), map[string]string{"Kind": "Company", "Client or company": "Acme Corp",
			"Allocation": "20", "Per client": "5", "Used": "2", "Booked": "1", "Remaining": "17"})
		n := noteText(note(t, may, "Company engagements"))
		if !strings.Contains(n, "20 appointments in all, 5 per client (allocationPerClient); used by client: Ava Chen 1, Ben Diaz 1.") {
			t.Errorf("Company engagements note: got %q", n)
		}
	})
	t.Run("canceled and declined appointments", func(t *testing.T) {
		// Carl's engagements held 10 appointments in May and had Hugo's
		// late cancellation; Olivia's held 9 and had two canceled (Ava's
		// and Acme's). Hugo's declined request is neither.
		coach := tableOf(t, may, engagements.SheetByCoach)
		expect(t, "Carl", coach.first("Carl Coach"), map[string]string{"Appointments held": "10", "Appointments canceled": "1",
			"Cancellation rate": "0.0909"})
		expect(t, "Olivia", coach.first("Olivia Owner"), map[string]string{"Appointments held": "9", "Appointments canceled": "2",
			"Cancellation rate": "0.1818"})
	})
	t.Run("inactive client", func(t *testing.T) {
		if list.row(engDan) != nil {
			t.Error("the inactive client's engagement is listed without --include-inactive")
		}
		if n := noteText(note(t, may, "Inactive clients")); !strings.Contains(n, "1 engagement of inactive clients or companies, open in 2025-05, is left out") {
			t.Errorf("Inactive clients note: got %q", n)
		}
		all := tableOf(t, build(t, d, 5, engagements.Options{IncludeInactive: true}), engagements.SheetEngagements)
		expect(t, "Dan with --include-inactive", all.row(engDan), map[string]string{"Client or company": "Dan Fox", "Used": "1"})
	})
	t.Run("coach with no engagements", func(t *testing.T) {
		coach := tableOf(t, may, engagements.SheetByCoach)
		expect(t, "Ada", coach.first("Ada Admin"), map[string]string{"Active at end": "0", "New": "0", "Ended": "0",
			"Average use": "", "At risk": "0", "Appointments held": "0", "Cancellation rate": ""})
		if coach.first("Ivan Idle") != nil {
			t.Error("the inactive coach without engagements is listed")
		}
		r := build(t, d, 5, engagements.Options{CoachID: coachNoEngs})
		if len(r.Warnings) == 0 || !strings.Contains(r.Warnings[0], "No engagement managed by Ada Admin is open at any time in 2025-05") {
			t.Errorf("warnings: got %q", r.Warnings)
		}
	})
	t.Run("client in another time zone", func(t *testing.T) {
		// Tara's 23:30 appointment of May 31 (Denver) is June 1 in Tokyo:
		// it is held in May, in the account zone.
		expect(t, "Tara", list.row(engTara), map[string]string{"Used": "2", "Last held": "2025-05-31 23:30"})
		if n := strings.Join(note(t, may, "Definitions").Paragraphs, "\n"); !strings.Contains(n, "a client's own time zone is not used") {
			t.Error("the Notes do not say that a client's time zone is not used")
		}
	})
	t.Run("stalled after N days", func(t *testing.T) {
		expect(t, "Sam (21 days)", risk.row(engSam), map[string]string{"Flags": "stalled", "Days since last held": "21",
			"Why": "stalled: nothing booked and 21 days since the last held appointment"})
		if risk.row(engNia) != nil {
			t.Error("Nia (20 days) is stalled at 21 days")
		}
		r := tableOf(t, build(t, d, 5, engagements.Options{StalledDays: 20}), engagements.SheetAtRisk)
		expect(t, "Nia with --stalled-days 20", r.row(engNia), map[string]string{"Flags": "stalled", "Days since last held": "20"})
	})
	t.Run("under-using by points", func(t *testing.T) {
		// 3 of 12 used after 151 of 181 days.
		expect(t, "Uma", risk.row(engUma), map[string]string{"Flags": "under-using", "Used %": "0.2500", "Time elapsed %": "0.8343",
			"Why": "under-using: 25.0% used after 83.4% of the time (more than 25 points behind)"})
		r := tableOf(t, build(t, d, 5, engagements.Options{UnderUsePoints: 60}), engagements.SheetAtRisk)
		if r.row(engUma) != nil {
			t.Error("Uma (58.4 points behind) is under-using at 60 points")
		}
	})
	t.Run("over-used and runs out early", func(t *testing.T) {
		// 5 of 4 used in 61 days: used up after ceil(4*61/5) = 49 days.
		expect(t, "Omar", risk.row(engOmar), map[string]string{"Flags": "over-used, runs out early", "Projected run-out": "2025-05-19 00:00"})
		// 4 of 6 in 61 days: ceil(6*61/4) = 92 days, to 2025-07-01.
		expect(t, "Rex", risk.row(engRex), map[string]string{"Flags": "runs out early", "Projected run-out": "2025-07-01 00:00"})
		if got := risk.rows[0][3]; got != strconv.Itoa(engAva) { // two flags, furthest behind
			t.Errorf("worst first: got engagement %s first, want %d", got, engAva)
		}
	})
}

// TestAPIFigures checks that where the API's allocationUsedP disagrees
// with the appointments (Uma's appointment of 2025-07-01 is past on the
// sandbox's clock, booked at the data time), the disagreement is listed
// and, at the data time, the API's figure is shown.
func TestAPIFigures(t *testing.T) {
	a := testAccount(t)
	d := fetchData(t, a)
	want := "the API says 5 appointments used (allocationUsedP) and 5 used or booked (allocationUsedA); the appointments give 4 and 5"
	may := build(t, d, 5, engagements.Options{})
	if n := noteText(note(t, may, "Data problems")); !strings.Contains(n, "Engagement 15: Uma Under: "+want+"; the sheets, as of 2025-05-31, count the appointments") {
		t.Errorf("May's Data problems: got %q", n)
	}
	expect(t, "Uma in May", tableOf(t, may, engagements.SheetEngagements).row(engUma),
		map[string]string{"Used": "3", "Booked": "1", "Note": "see Data problems on the Notes sheet"})
	june := build(t, d, 6, engagements.Options{})
	if n := noteText(note(t, june, "Data problems")); !strings.Contains(n, want+"; the sheets show the API's figures") {
		t.Errorf("June's Data problems: got %q", n)
	}
	expect(t, "Uma in June", tableOf(t, june, engagements.SheetEngagements).row(engUma),
		map[string]string{"Used": "5", "Booked": "0", "Remaining": "7",
			"Note": "used and booked are the API's figures; see Data problems on the Notes sheet"})
	if w := strings.Join(june.Warnings, " "); !strings.Contains(w, "For 1 engagement, Used and Booked show the API's allocation used") {
		t.Errorf("June's warnings: got %q", w)
	}
}

// TestBuildRefuses checks the options Build refuses.
func TestBuildRefuses(t *testing.T) {
	d := fetchData(t, testAccount(t))
	loc := denver(t)
	for _, tc := range []struct {
		name string
		o    engagements.Options
	}{
		{"no period", engagements.Options{}},
		{"unknown coach", engagements.Options{Period: model.NewPeriod(model.UnitMonth, model.CivilDate{Year: 2025, Month: 5, Day: 1}, loc), CoachID: 99}},
		{"after the data time", engagements.Options{Period: model.NewPeriod(model.UnitMonth, model.CivilDate{Year: 2025, Month: 7, Day: 1}, loc)}},
		{"points beyond 100", engagements.Options{Period: model.NewPeriod(model.UnitMonth, model.CivilDate{Year: 2025, Month: 5, Day: 1}, loc), UnderUsePoints: 101}},
	} {
		if _, err := engagements.Build(d, tc.o); !errors.Is(err, engagements.ErrOptions) {
			t.Errorf("%s: got %v, want ErrOptions", tc.name, err)
		}
	}
}

func timeMonth(m int) time.Month { return time.Month(m) }
