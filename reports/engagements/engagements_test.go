package engagements_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/careport/careport/fetch/sandbox/account"
	"github.com/careport/careport/reports/engagements"
	"github.com/careport/careport/reports/model"
)

// cell renders a value the way the reference does.
func cell(v model.Value) string {
	switch v.Kind() {
	case model.KindText:
		return v.Str()
	case model.KindInt:
		return strconv.FormatInt(v.Int(), 10)
	case model.KindNumber:
		return v.Decimal().String()
	case model.KindMoney:
		return v.Decimal().StringFixed(2)
	case model.KindTime:
		return v.Time().Format("2006-01-02 15:04")
	case model.KindPercent:
		return v.Decimal().StringFixed(4)
	}
	return ""
}

// cells returns a sheet's data rows and totals row as strings.
func cells(t *testing.T, s *model.Sheet) [][]string {
	t.Helper()
	var out [][]string
	err := s.EachRow(t.Context(), func(_ int, r model.Row) error {
		row := make([]string, len(r))
		for i, v := range r {
			row[i] = cell(v)
		}
		out = append(out, row)
		return nil
	})
	if err != nil {
		t.Fatalf("sheet %q: %v", s.Name, err)
	}
	if s.Totals != nil {
		row := make([]string, len(s.Totals))
		for i, v := range s.Totals {
			row[i] = cell(v)
		}
		out = append(out, row)
	}
	return out
}

func sheet(t *testing.T, r *model.Report, name string) *model.Sheet {
	t.Helper()
	for _, s := range r.Sheets {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("no sheet %q", name)
	return nil
}

// kpiSheet names the KPIs in a want map.
const kpiSheet = "(KPIs)"

func kpiCells(kpis []model.KPI) [][]string {
	var out [][]string
	for _, k := range kpis {
		out = append(out, []string{k.Group, k.Name, cell(k.Current), cell(k.Previous), cell(k.YearEarlier)})
	}
	return out
}

// compareAll checks every sheet of r, and its KPIs, against want.
func compareAll(t *testing.T, r *model.Report, want map[string][][]string) {
	t.Helper()
	for name, rows := range want {
		var got [][]string
		if name == kpiSheet {
			got = kpiCells(r.KPIs)
		} else {
			got = cells(t, sheet(t, r, name))
		}
		if len(got) != len(rows) {
			t.Errorf("sheet %q: got %d rows, want %d", name, len(got), len(rows))
		}
		for i := range min(len(got), len(rows)) {
			if !slices.Equal(got[i], rows[i]) {
				t.Errorf("sheet %q row %d:\n got %q\nwant %q", name, i+1, got[i], rows[i])
			}
		}
	}
	for _, s := range r.Sheets {
		if _, ok := want[s.Name]; !ok {
			t.Errorf("sheet %q not checked", s.Name)
		}
	}
}

func denver(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("America/Denver")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// months returns the first days of the n months ending with y-m.
func months(y int, m time.Month, n int) []time.Time {
	var out []time.Time
	for i := n - 1; i >= 0; i-- {
		out = append(out, time.Date(y, m-time.Month(i), 1, 0, 0, 0, 0, time.UTC))
	}
	return out
}

func TestBuildAgainstSandbox(t *testing.T) {
	a := testAccount(t)
	d := fetchData(t, a)
	loc := denver(t)
	may := model.NewPeriod(model.UnitMonth, model.CivilDate{Year: 2025, Month: 5, Day: 1}, loc)
	june := model.NewPeriod(model.UnitMonth, model.CivilDate{Year: 2025, Month: 6, Day: 1}, loc)
	q2 := model.NewPeriod(model.UnitQuarter, model.CivilDate{Year: 2025, Month: 4, Day: 1}, loc)
	days := model.Between(model.CivilDate{Year: 2025, Month: 5, Day: 10}, model.CivilDate{Year: 2025, Month: 5, Day: 20}, loc)
	tests := []struct {
		name    string
		p       model.Period
		o       engagements.Options
		ro      refOpts
		months  []time.Time
		prev    [2]account.Date
		yearAgo [2]account.Date
	}{
		{name: "may", p: may, months: months(2025, 5, 12),
			ro:   refOpts{first: account.DateOf(2025, 5, 1), last: account.DateOf(2025, 5, 31)},
			prev: [2]account.Date{account.DateOf(2025, 4, 1), account.DateOf(2025, 4, 30)}, yearAgo: [2]account.Date{account.DateOf(2024, 5, 1), account.DateOf(2024, 5, 31)}},
		{name: "june at the data time", p: june, months: months(2025, 6, 12),
			ro:   refOpts{first: account.DateOf(2025, 6, 1), last: account.DateOf(2025, 6, 30)},
			prev: [2]account.Date{account.DateOf(2025, 5, 1), account.DateOf(2025, 5, 31)}, yearAgo: [2]account.Date{account.DateOf(2024, 6, 1), account.DateOf(2024, 6, 30)}},
		{name: "quarter", p: q2, months: months(2025, 6, 12),
			ro:   refOpts{first: account.DateOf(2025, 4, 1), last: account.DateOf(2025, 6, 30)},
			prev: [2]account.Date{account.DateOf(2025, 1, 1), account.DateOf(2025, 3, 31)}, yearAgo: [2]account.Date{account.DateOf(2024, 4, 1), account.DateOf(2024, 6, 30)}},
		{name: "days", p: days, months: months(2025, 5, 12),
			ro:   refOpts{first: account.DateOf(2025, 5, 10), last: account.DateOf(2025, 5, 20)},
			prev: [2]account.Date{account.DateOf(2025, 4, 29), account.DateOf(2025, 5, 9)}, yearAgo: [2]account.Date{account.DateOf(2024, 5, 10), account.DateOf(2024, 5, 20)}},
		{name: "coach filter", p: may, months: months(2025, 5, 12), o: engagements.Options{CoachID: 2},
			ro:   refOpts{first: account.DateOf(2025, 5, 1), last: account.DateOf(2025, 5, 31), coach: 2},
			prev: [2]account.Date{account.DateOf(2025, 4, 1), account.DateOf(2025, 4, 30)}, yearAgo: [2]account.Date{account.DateOf(2024, 5, 1), account.DateOf(2024, 5, 31)}},
		{name: "coach without engagements", p: may, months: months(2025, 5, 12), o: engagements.Options{CoachID: coachNoEngs},
			ro:   refOpts{first: account.DateOf(2025, 5, 1), last: account.DateOf(2025, 5, 31), coach: coachNoEngs},
			prev: [2]account.Date{account.DateOf(2025, 4, 1), account.DateOf(2025, 4, 30)}, yearAgo: [2]account.Date{account.DateOf(2024, 5, 1), account.DateOf(2024, 5, 31)}},
		{name: "include inactive, other rules", p: may, months: months(2025, 5, 12),
			o:    engagements.Options{IncludeInactive: true, StalledDays: 20, UnderUsePoints: 10},
			ro:   refOpts{first: account.DateOf(2025, 5, 1), last: account.DateOf(2025, 5, 31), includeInactive: true, stalled: 20, points: 10},
			prev: [2]account.Date{account.DateOf(2025, 4, 1), account.DateOf(2025, 4, 30)}, yearAgo: [2]account.Date{account.DateOf(2024, 5, 1), account.DateOf(2024, 5, 31)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := tc.o
			o.Period, o.GeneratedAt = tc.p, dataTime()
			r, err := engagements.Build(d, o)
			if err != nil {
				t.Fatalf("build: %v", err)
			}
			ro := tc.ro
			ro.stalled, ro.points = cmpOr(ro.stalled, engagements.DefaultStalledDays), cmpOr(ro.points, engagements.DefaultUnderUsePoints)
			ref := newRef(a, ro, dataTime(), dataTime().Add(sandboxAhead))
			cur := ref.span(ro.first, ro.last)
			want := map[string][][]string{
				kpiSheet:                     ref.kpis(cur, ref.span(tc.prev[0], tc.prev[1]), ref.span(tc.yearAgo[0], tc.yearAgo[1])),
				engagements.SheetTrend:       ref.trend(tc.months, cur),
				engagements.SheetEngagements: ref.engagementsSheet(cur),
				engagements.SheetAtRisk:      ref.atRiskSheet(cur),
				engagements.SheetRenewals:    ref.renewalsSheet(cur),
				engagements.SheetByCoach:     ref.byCoachSheet(cur),
			}
			compareAll(t, r, want)
		})
	}
}

func cmpOr(a, b int) int {
	if a != 0 {
		return a
	}
	return b
}

// note returns the report's note with the heading.
func note(t *testing.T, r *model.Report, heading string) model.Note {
	t.Helper()
	for _, n := range r.Notes {
		if n.Heading == heading {
			return n
		}
	}
	t.Fatalf("no note %q", heading)
	return model.Note{}
}

func noteText(n model.Note) string {
	var b strings.Builder
	for _, p := range n.Paragraphs {
		b.WriteString(p + "\n")
	}
	for _, kv := range n.Items {
		b.WriteString(kv.Key + ": " + kv.Value + "\n")
	}
	return b.String()
}
