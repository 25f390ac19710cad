package scorecard_test

import (
	"math"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/careport/careport/fetch/sandbox/account"
	"github.com/careport/careport/reports/model"
)

func coachNames(a *account.Account) map[int]string {
	out := map[int]string{}
	for _, c := range a.Coaches {
		out[c.ID] = c.FirstName + " " + c.LastName
	}
	return out
}

// ratioOf is n/d, ok false for d 0.
func ratioOf(n, d int) (float64, bool) {
	if d == 0 {
		return 0, false
	}
	return float64(n) / float64(d), true
}

// figureChecks lists, per Team sheet column, the expected value of a
// coach's figures: an int, a ratio (ok false: an empty cell) or a
// two-decimal number.
type want struct {
	i     int
	f     float64
	d     string
	empty bool
	kind  byte // 'i' int, 'f' ratio, 'd' money, 'n' number
}

func wi(n int) want { return want{i: n, kind: 'i'} }
func wf(f float64, ok bool) want {
	return want{f: f, empty: !ok, kind: 'f'}
}

func columnsOf(e *expected, a *account.Account) map[string]want {
	if e == nil {
		e = &expected{collected: map[string]account.Cents{}}
	}
	per := want{empty: true, kind: 'n'}
	if e.clients > 0 {
		per = want{d: decimal.NewFromInt(int64(e.activity())).DivRound(decimal.NewFromInt(int64(e.clients)), 2).StringFixed(2), kind: 'n'}
	}
	m := map[string]want{
		"Active clients":                wi(e.clients),
		"New clients":                   wi(e.newClients),
		"Clients with activity":         wi(e.withActivity),
		"Share active":                  wf(ratioOf(e.withActivity, e.clients)),
		"Activity":                      wi(e.activity()),
		"Activity per client":           per,
		"Appointments held":             wi(e.held),
		"Appointments canceled":         wi(e.canceled),
		"Cancellation rate":             wf(ratioOf(e.canceled, e.held+e.canceled)),
		"Actions due":                   wi(e.due),
		"Actions on time":               wi(e.onTime),
		"Actions overdue":               wi(e.overdue),
		"On-time rate":                  wf(ratioOf(e.onTime, e.due)),
		"Worksheets completed":          wi(e.wsDone),
		"Worksheets due":                wi(e.wsDue),
		"Worksheet completion":          wf(ratioOf(e.wsDueDone, e.wsDue)),
		"Session notes written":         wi(e.notes),
		"Allocation use (appointments)": wf(ratioOf(e.usedA, e.allocA)),
	}
	if e.allocH > 0 {
		m["Allocation use (hours)"] = wf(float64(e.usedHMin)/float64(60*e.allocH), true)
	} else {
		m["Allocation use (hours)"] = wf(0, false)
	}
	for i, name := range []string{"Actions (A)", "Metrics (M)", "Appointments (P)", "Notes (S)", "Worksheets (W)", "Journal (J)", "Files (F)", "Comments (C)"} {
		m[name] = wi(e.kinds[i])
	}
	for _, cur := range a.Currencies {
		m["Collected "+cur] = want{d: decimal.New(int64(e.collected[cur]), -2).StringFixed(2), kind: 'd'}
	}
	return m
}

func checkValue(t *testing.T, where string, got model.Value, w want) {
	t.Helper()
	switch {
	case w.empty:
		if !got.IsEmpty() {
			t.Errorf("%s: got %v, want an empty cell", where, got.Float())
		}
	case w.kind == 'i':
		if got.Kind() != model.KindInt || got.Int() != int64(w.i) {
			t.Errorf("%s: got %v (%s), want %d", where, got.Int(), got.Kind(), w.i)
		}
	case w.kind == 'f':
		if got.Kind() != model.KindPercent || math.Abs(got.Float()-w.f) > 1e-12 {
			t.Errorf("%s: got %v (%s), want %v", where, got.Float(), got.Kind(), w.f)
		}
	case w.kind == 'd', w.kind == 'n':
		k := model.KindMoney
		if w.kind == 'n' {
			k = model.KindNumber
		}
		if got.Kind() != k || got.Decimal().StringFixed(2) != w.d {
			t.Errorf("%s: got %s (%s), want %s (%s)", where, got.Decimal().StringFixed(2), got.Kind(), w.d, k)
		}
	}
}

// changeOf is the expected "vs prev" of a column.
func changeOf(c, p want) want {
	if c.empty || p.empty {
		return want{empty: true, kind: c.kind}
	}
	switch c.kind {
	case 'i':
		return wi(c.i - p.i)
	case 'f':
		return wf(c.f-p.f, true)
	}
	cd, _ := decimal.NewFromString(c.d)
	pd, _ := decimal.NewFromString(p.d)
	return want{d: cd.Sub(pd).StringFixed(2), kind: c.kind}
}

// scoreOf recomputes the stated score formula: 30% share active, 20%
// activity per client and 20% appointments held per client relative to
// the team's highest, 15% on-time rate, 15% worksheet completion; a
// component without a base is left out and the others scaled up.
func scoreOf(e *expected, team map[int]*expected) (float64, bool) {
	if e == nil || e.clients == 0 {
		return 0, false
	}
	var maxAct, maxAppt float64
	for _, o := range team {
		if o.clients > 0 {
			maxAct = max(maxAct, float64(o.activity())/float64(o.clients))
			maxAppt = max(maxAppt, float64(o.held)/float64(o.clients))
		}
	}
	sum, w := 0.0, 0.0
	add := func(weight float64, v float64, ok bool) {
		if ok {
			sum += weight * v
			w += weight
		}
	}
	add(30, float64(e.withActivity)/float64(e.clients), true)
	add(20, float64(e.activity())/float64(e.clients)/maxAct, maxAct > 0)
	add(20, float64(e.held)/float64(e.clients)/maxAppt, maxAppt > 0)
	add(15, float64(e.onTime)/float64(max(e.due, 1)), e.due > 0)
	add(15, float64(e.wsDueDone)/float64(max(e.wsDue, 1)), e.wsDue > 0)
	if w == 0 {
		return 0, false
	}
	return sum / w, true
}

// TestTeamMatchesRecords checks every figure of every coach on the Team
// sheet, its change against the previous period, the score and the rank
// order against figures recomputed from the account's records.
func TestTeamMatchesRecords(t *testing.T) {
	a := testAccount(t)
	names := coachNames(a)
	now := account.DateTimeFromTime(dataNow(a), mustLoc(t, a))
	cur, prev := expect(a, month(2026, 9), now), expect(a, month(2026, 8), now)
	r := run(t, a, &runOpts{period: "2026-09"})
	team := readSheet(t, r, "Team", "Coach")

	var wantCoaches []string
	for id, e := range cur {
		if e.clients > 0 {
			wantCoaches = append(wantCoaches, names[id])
		}
	}
	got := slices.Clone(team.keys)
	sort.Strings(got)
	sort.Strings(wantCoaches)
	if !slices.Equal(got, wantCoaches) {
		t.Fatalf("Team coaches: got %v, want %v", got, wantCoaches)
	}
	type ranked struct {
		name  string
		score float64
	}
	var order []ranked
	for id, e := range cur {
		name := names[id]
		row := team.rows[name]
		if row == nil {
			continue
		}
		wc, wp := columnsOf(e, a), columnsOf(prev[id], a)
		for col, w := range wc {
			checkValue(t, name+" "+col, row[col], w)
			checkValue(t, name+" "+col+" vs prev", row[col+" vs prev"], changeOf(w, wp[col]))
		}
		s, ok := scoreOf(e, cur)
		checkValue(t, name+" Score", row["Score"], wf(s, ok))
		ps, pok := scoreOf(prev[id], prev)
		checkValue(t, name+" Score vs prev", row["Score vs prev"], changeOf(wf(s, ok), wf(ps, pok)))
		order = append(order, ranked{name, s})
		if st := row["Status"].Str(); (id == 6) != (st == "inactive") {
			t.Errorf("%s: status %q", name, st)
		}
	}
	slices.SortFunc(order, func(x, y ranked) int {
		if x.score != y.score {
			if x.score > y.score {
				return -1
			}
			return 1
		}
		return strings.Compare(x.name, y.name)
	})
	for i, o := range order {
		if team.keys[i] != o.name || team.rows[o.name]["Rank"].Int() != int64(i+1) {
			t.Errorf("rank %d: got %s (rank %d), want %s", i+1, team.keys[i], team.rows[team.keys[i]]["Rank"].Int(), o.name)
		}
	}
	// The totals row is the team: the sum over the listed coaches.
	var sum expected
	sum.collected = map[string]account.Cents{}
	for _, e := range cur {
		addExpected(&sum, e)
	}
	for col, w := range columnsOf(&sum, a) {
		checkValue(t, "Team total "+col, team.tot[col], w)
	}
}

func addExpected(s, e *expected) {
	s.clients += e.clients
	s.newClients += e.newClients
	s.withActivity += e.withActivity
	for i := range s.kinds {
		s.kinds[i] += e.kinds[i]
	}
	s.held += e.held
	s.canceled += e.canceled
	s.due += e.due
	s.onTime += e.onTime
	s.overdue += e.overdue
	s.wsDone += e.wsDone
	s.wsDue += e.wsDue
	s.wsDueDone += e.wsDueDone
	s.notes += e.notes
	for c, v := range e.collected {
		s.collected[c] += v
	}
	s.allocA += e.allocA
	s.usedA += e.usedA
	s.allocH += e.allocH
	s.usedHMin += e.usedHMin
}

func mustLoc(t testing.TB, a *account.Account) *time.Location {
	t.Helper()
	loc, err := a.Location()
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// TestKPIs checks the front page's figures: the team's (every coach's
// book) in 2026-09, 2026-08 and 2025-09, recomputed from the records, and
// the money collected per currency.
func TestKPIs(t *testing.T) {
	a := testAccount(t)
	now := account.DateTimeFromTime(dataNow(a), mustLoc(t, a))
	var sums [3]expected
	for i, s := range []span{month(2026, 9), month(2026, 8), month(2025, 9)} {
		sums[i].collected = map[string]account.Cents{}
		for _, e := range expect(a, s, now) {
			addExpected(&sums[i], e)
		}
	}
	r := run(t, a, &runOpts{period: "2026-09"})
	if r.Previous.Label != "2026-08" || r.YearEarlier.Label != "2025-09" {
		t.Fatalf("comparison periods %s, %s", r.Previous.Label, r.YearEarlier.Label)
	}
	cols := [3]map[string]want{columnsOf(&sums[0], a), columnsOf(&sums[1], a), columnsOf(&sums[2], a)}
	seen := 0
	for _, k := range r.KPIs {
		name := k.Name
		if name == "Collected" {
			name += " " + k.Group
		}
		if _, ok := cols[0][name]; !ok {
			t.Errorf("KPI %s/%s has no expected value", k.Group, k.Name)
			continue
		}
		seen++
		checkValue(t, "KPI "+name+" this period", k.Current, cols[0][name])
		checkValue(t, "KPI "+name+" previous", k.Previous, cols[1][name])
		checkValue(t, "KPI "+name+" a year earlier", k.YearEarlier, cols[2][name])
	}
	if seen < 12 {
		t.Errorf("only %d KPIs", seen)
	}
}

// TestQuarter checks a quarter: every coach's Team figures over the three
// months, against the records, with the books of the quarter's end (Hana
// Handover's July and August count for Mei Rodriguez too), and the
// comparison with the quarter before.
func TestQuarter(t *testing.T) {
	a := testAccount(t)
	names := coachNames(a)
	now := account.DateTimeFromTime(dataNow(a), mustLoc(t, a))
	q3 := span{account.DateOf(2026, 7, 1), account.DateOf(2026, 9, 30), dt(2026, 7, 1, 0, 0), dt(2026, 10, 1, 0, 0)}
	q2 := span{account.DateOf(2026, 4, 1), account.DateOf(2026, 6, 30), dt(2026, 4, 1, 0, 0), dt(2026, 7, 1, 0, 0)}
	cur, prev := expect(a, q3, now), expect(a, q2, now)
	r := run(t, a, &runOpts{period: "2026-Q3"})
	if r.Period.Label != "2026-Q3" || r.Previous.Label != "2026-Q2" || r.YearEarlier.Label != "2025-Q3" {
		t.Errorf("periods %s, %s, %s", r.Period.Label, r.Previous.Label, r.YearEarlier.Label)
	}
	team := readSheet(t, r, "Team", "Coach")
	n := 0
	for id, e := range cur {
		row := team.rows[names[id]]
		if row == nil {
			t.Errorf("%s is not on the Team sheet", names[id])
			continue
		}
		n++
		wc, wp := columnsOf(e, a), columnsOf(prev[id], a)
		for col, w := range wc {
			checkValue(t, names[id]+" "+col, row[col], w)
			checkValue(t, names[id]+" "+col+" vs prev", row[col+" vs prev"], changeOf(w, wp[col]))
		}
	}
	if n != len(team.keys) {
		t.Errorf("Team lists %v, want %d coaches", team.keys, n)
	}
	mei := readSheet(t, r, names[coachMei], "Client").rows[handover]
	if mei == nil {
		t.Fatalf("%s is not on %s's Q3 sheet", handover, names[coachMei])
	}
	checkValue(t, "Q3 Mei / Hana Activity", mei["Activity"], wi(6)) // August's journal entry too
}

// TestKPIDefinitions checks that every front-page figure says in one short
// line how it is computed.
func TestKPIDefinitions(t *testing.T) {
	r := run(t, testAccount(t), &runOpts{period: "2026-09", coachID: coachMei})
	for _, k := range r.KPIs {
		if k.Definition == "" || len(k.Definition) > 70 {
			t.Errorf("KPI %s: definition %q, want one short line", k.Name, k.Definition)
		}
	}
}
