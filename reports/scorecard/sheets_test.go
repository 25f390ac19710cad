package scorecard_test

import (
	"fmt"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/careport/careport/fetch/sandbox/account"
)

// trendMonths are the 12 months ending with 2026-09.
func trendMonths() []span {
	var out []span
	for i := range 12 {
		t := time.Date(2025, 10+time.Month(i), 1, 0, 0, 0, 0, time.UTC)
		out = append(out, month(t.Year(), int(t.Month())))
	}
	return out
}

func label(s span) string { return s.first.Time(time.UTC).Format("2006-01") }

func dateText(d account.Date) string { return d.Time(time.UTC).Format("2006-01-02") }

// TestCoachSheetsMatchRecords checks every listed coach's sheet: its
// clients, their activity by kind in the period and per trend month, the
// last activity, the quiet days and the totals row; and the Trend sheet,
// each month's activity of each coach's book of that month.
func TestCoachSheetsMatchRecords(t *testing.T) {
	a := testAccount(t)
	names := coachNames(a)
	loc := mustLoc(t, a)
	now := account.DateTimeFromTime(dataNow(a), loc)
	sep := month(2026, 9)
	windowStart := account.DateOf(2025, 9, 1) // the year-earlier month opens the window
	cur := expect(a, sep, now)
	r := run(t, a, &runOpts{period: "2026-09"})
	clientsByID := map[int]*account.Client{}
	for _, c := range a.Clients {
		clientsByID[c.ID] = c
	}
	kinds := []string{"Actions (A)", "Metrics (M)", "Appointments (P)", "Notes (S)", "Worksheets (W)", "Journal (J)", "Files (F)", "Comments (C)"}
	for coach, e := range cur {
		if e.clients == 0 {
			continue
		}
		s := readSheet(t, r, names[coach], "Client")
		var wantNames []string
		var tot [8]int
		for _, id := range e.clientIDs {
			c := clientsByID[id]
			name := c.FirstName + " " + c.LastName
			wantNames = append(wantNames, name)
			row := s.rows[name]
			if row == nil {
				t.Errorf("%s: no row for %s", names[coach], name)
				continue
			}
			where := names[coach] + " / " + name
			checkValue(t, where+" Client ID", row["Client ID"], wi(id))
			k := kindsOf(a, id, sep, now.Date())
			n := 0
			for i, col := range kinds {
				checkValue(t, where+" "+col, row[col], wi(k[i]))
				n += k[i]
				tot[i] += k[i]
			}
			checkValue(t, where+" Activity", row["Activity"], wi(n))
			for _, m := range trendMonths() {
				if c.DateAdded >= m.to {
					checkValue(t, where+" "+label(m)+" (not a client yet)", row[label(m)], want{empty: true})
					continue
				}
				mk := kindsOf(a, id, m, now.Date())
				sum := 0
				for _, v := range mk {
					sum += v
				}
				checkValue(t, where+" "+label(m), row[label(m)], wi(sum))
			}
			last, ok := lastDay(a, id, windowStart, sep.last, now.Date())
			switch got := row["Last activity"]; {
			case !ok && !got.IsEmpty():
				t.Errorf("%s Last activity: got %s, want empty", where, got.Time().Format(time.DateOnly))
			case ok && got.Time().Format(time.DateOnly) != dateText(last):
				t.Errorf("%s Last activity: got %q, want %s", where, cellText(got), dateText(last))
			}
			quiet := want{empty: true, kind: 'i'}
			if n == 0 {
				from := windowStart.AddDays(-1)
				if ok {
					from = last
				}
				quiet = wi(int(sep.last - from))
			}
			checkValue(t, where+" Quiet (days)", row["Quiet (days)"], quiet)
		}
		sort.Strings(wantNames)
		got := slices.Clone(s.keys)
		sort.Strings(got)
		if !slices.Equal(got, wantNames) {
			t.Errorf("%s's clients: got %v, want %v", names[coach], got, wantNames)
		}
		for i, col := range kinds {
			checkValue(t, names[coach]+" total "+col, s.tot[col], wi(tot[i]))
		}
	}
	// Trend: each month's book.
	trend := readSheet(t, r, "Trend", "Month")
	for _, m := range trendMonths() {
		row := trend.rows[label(m)]
		if row == nil {
			t.Fatalf("Trend: no row %s", label(m))
		}
		team := 0
		for coach, cs := range books(a, m) {
			n := 0
			for _, c := range cs {
				for _, v := range kindsOf(a, c.ID, m, now.Date()) {
					n += v
				}
			}
			if cur[coach] == nil || cur[coach].clients == 0 {
				continue // not listed
			}
			team += n
			checkValue(t, fmt.Sprintf("Trend %s %s", label(m), names[coach]), row[names[coach]], wi(n))
		}
		checkValue(t, "Trend "+label(m)+" Team", row["Team"], wi(team))
	}
}

// TestQuietClients checks the Quiet clients sheet against the records:
// the listed coaches' active clients without activity in the period, or
// without any in the last 4 weeks up to its end (since 2026-09-03).
func TestQuietClients(t *testing.T) {
	a := testAccount(t)
	names := coachNames(a)
	now := account.DateTimeFromTime(dataNow(a), mustLoc(t, a))
	sep := month(2026, 9)
	quietFrom := account.DateOf(2026, 9, 3)
	o := &runOpts{period: "2026-09"}
	r := run(t, a, o)
	q := readSheet(t, r, "Quiet clients", "Client")
	want := map[string]string{} // client -> coach
	for coach, cs := range books(a, sep) {
		for _, c := range cs {
			k := kindsOf(a, c.ID, sep, now.Date())
			n := 0
			for _, v := range k {
				n += v
			}
			last, ok := lastDay(a, c.ID, account.DateOf(2025, 9, 1), sep.last, now.Date())
			if n == 0 || !ok || last < quietFrom {
				want[c.FirstName+" "+c.LastName] = names[coach]
			}
		}
	}
	for _, name := range []string{quietNever, quietLapsed, quietWeeks} {
		if want[name] == "" {
			t.Fatalf("the records do not make %s quiet: the test account is wrong", name)
		}
	}
	if len(q.keys) != len(want) {
		t.Errorf("Quiet clients: got %d rows %v, want %d: %v", len(q.keys), q.keys, len(want), want)
	}
	for name, coach := range want {
		row := q.rows[name]
		if row == nil {
			t.Errorf("Quiet clients: no row for %s (%s)", name, coach)
			continue
		}
		if got := row["Coach"].Str(); got != coach {
			t.Errorf("Quiet clients %s: coach %q, want %q", name, got, coach)
		}
	}
	// The three made quiet on purpose, by hand.
	checks := []struct {
		client, last, why string
		days, activity    int
	}{
		{quietNever, "", "no activity in 2026-09, nor since 2025-09-01 at least", 395, 0},
		{quietLapsed, "2026-06-10", "no activity in 2026-09; last on 2026-06-10", 112, 0},
		{quietWeeks, "2026-09-01", "no activity in the last 4 weeks (since 2026-09-03); last on 2026-09-01", 29, 1},
	}
	for _, c := range checks {
		row := q.rows[c.client]
		if row == nil {
			continue
		}
		if got := cellText(row["Last activity"]); (c.last == "" && got != "") || (c.last != "" && got != c.last+" 00:00") {
			t.Errorf("%s: last activity %q, want %q", c.client, got, c.last)
		}
		checkValue(t, c.client+" days since", row["Days since last activity"], wi(c.days))
		checkValue(t, c.client+" Activity in period", row["Activity in period"], wi(c.activity))
		if got := row["Why"].Str(); got != c.why {
			t.Errorf("%s: why %q, want %q", c.client, got, c.why)
		}
	}
	// A client whose last activity is older than the month fetched day by
	// day (Lara's, in June) costs one more day-by-day call, for that month
	// and client only: 13 months x 8 letters, September by day, and those.
	older := 0
	for _, cs := range books(a, sep) {
		for _, c := range cs {
			if last, ok := lastDay(a, c.ID, account.DateOf(2025, 9, 1), sep.last, now.Date()); ok && last < sep.first {
				older++
			}
		}
	}
	if got, want := o.srv.Stats().ByFunction["ClientData.getActivityStats"], int64(13*8+1+older); got != want {
		t.Errorf("activity stats calls: got %d, want %d (%d clients last active before September)", got, want, older)
	}
}
