package reports

import (
	"errors"
	"testing"
	"time"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/reports/model"
)

// TestPrimaryHistory checks the coach a hand-over gives for a day and a
// month: the latest primary period overlapping it, and nothing before the
// first one; non-primary and empty periods are ignored.
func TestPrimaryHistory(t *testing.T) {
	loc, err := time.LoadLocation("America/Denver")
	if err != nil {
		t.Fatal(err)
	}
	at := func(d, h int) time.Time { return time.Date(2026, 9, d, h, 0, 0, 0, loc) }
	h := NewPrimaryHistory([]fetch.Pairing{
		{Type: 'P', ClientID: 1, CoachID: 7, Start: at(1, 9), End: at(14, 12)},
		{Type: 'P', ClientID: 1, CoachID: 8, Start: at(14, 12)},
		{Type: 'S', ClientID: 1, CoachID: 9, Start: at(1, 0)},
		{Type: 'P', ClientID: 2, CoachID: 7, Start: at(20, 0), End: at(20, 0)},
	})
	day := func(d int) (int64, int64) { return at(d, 0).UnixNano(), at(d+1, 0).UnixNano() }
	for _, tc := range []struct {
		client, day, want int
		ok                bool
	}{
		{1, 5, 7, true},
		{1, 14, 8, true}, // handed over at noon: the coach at the day's end
		{1, 20, 8, true},
		{2, 20, 0, false}, // an empty period
		{3, 5, 0, false},
	} {
		from, to := day(tc.day)
		sp, ok := h.During(tc.client, from, to)
		if ok != tc.ok || sp.Coach != tc.want {
			t.Errorf("client %d on day %d: got coach %d (%t), want %d (%t)", tc.client, tc.day, sp.Coach, ok, tc.want, tc.ok)
		}
	}
	aug := model.NewPeriod(model.UnitMonth, model.CivilDate{Year: 2026, Month: 8, Day: 1}, loc)
	if sp, ok := h.During(1, aug.Start.UnixNano(), aug.End.UnixNano()); ok {
		t.Errorf("August, before any pairing: got coach %d", sp.Coach)
	}
}

// TestWholeMonths checks the whole-month rules: ytd read as months to
// date, a part month refused, a range past the limit refused.
func TestWholeMonths(t *testing.T) {
	loc := time.UTC
	now := time.Date(2026, 10, 15, 12, 0, 0, 0, loc)
	ytd, err := model.ParsePeriod("ytd", loc, now)
	if err != nil {
		t.Fatal(err)
	}
	m := MonthsToDate(ytd, now)
	if m.First != (model.CivilDate{Year: 2026, Month: 1, Day: 1}) || m.Last != (model.CivilDate{Year: 2026, Month: 10, Day: 31}) {
		t.Errorf("ytd as months: got %s..%s", m.First, m.Last)
	}
	if err := CheckWholeMonths("revenue", m, 12); err != nil {
		t.Errorf("ytd as months: %v", err)
	}
	day, _ := model.ParsePeriod("2026-10-15", loc, now)
	if err := CheckWholeMonths("revenue", day, 12); !errors.Is(err, ErrOptions) {
		t.Errorf("a day: got %v, want an options error", err)
	}
	long, _ := model.ParseRange("2024-01", "2026-10", loc, now)
	if err := CheckWholeMonths("the scorecard", long, 12); !errors.Is(err, ErrOptions) {
		t.Errorf("34 months against 12: got %v, want an options error", err)
	}
}
