package scorecard_test

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/fetch/sandbox"
	"github.com/careport/careport/fetch/sandbox/account"
	"github.com/careport/careport/fetch/sandbox/sandboxtest"
	"github.com/careport/careport/reports"
	"github.com/careport/careport/reports/model"
)

// Coach IDs of the sample account.
const (
	coachAndres = 1
	coachAdmin  = 2 // Daniel White, administrative only
	coachThomas = 3
	coachMei    = 4
	coachEmma   = 6 // inactive
)

func notesText(r *model.Report, heading string) string {
	for _, n := range r.Notes {
		if n.Heading == heading {
			return strings.Join(n.Paragraphs, "\n")
		}
	}
	return ""
}

// TestHandOverMidPeriod checks the hand-over rule: Hana Handover was
// Thomas Patel's until 2026-09-15 12:00 and Mei Rodriguez's after, so all
// of September (a journal entry on the 5th and a session held on the 10th
// under Thomas; a worksheet, an action and a comment after) counts for Mei, and
// August (a journal entry) for Thomas.
func TestHandOverMidPeriod(t *testing.T) {
	a := testAccount(t)
	names := coachNames(a)
	sep := run(t, a, &runOpts{period: "2026-09"})
	mei := readSheet(t, sep, names[coachMei], "Client")
	row := mei.rows[handover]
	if row == nil {
		t.Fatalf("%s is not on %s's sheet for 2026-09", handover, names[coachMei])
	}
	// Also her action done on time on the 20th and her worksheet done on the
	// 17th (after the hand-over).
	for col, n := range map[string]int{"Journal (J)": 1, "Appointments (P)": 1, "Comments (C)": 1, "Actions (A)": 1,
		"Worksheets (W)": 1, "Activity": 5, "2026-08": 1, "2026-09": 5} {
		checkValue(t, "September, Mei / Hana "+col, row[col], wi(n))
	}
	if got := cellText(row["Coach since"]); got != "2026-09-15 00:00" {
		t.Errorf("Hana's coach since: got %q, want 2026-09-15", got)
	}
	if thomas := readSheet(t, sep, names[coachThomas], "Client"); thomas.rows[handover] != nil {
		t.Errorf("%s is on %s's sheet for 2026-09 too", handover, names[coachThomas])
	}
	// Her actions, worksheets, appointments and money went with her:
	// Mei's Team row counts them (checked in full by TestTeamMatchesRecords;
	// here the Trend puts August's journal entry in Thomas's book).
	aug := run(t, testAccount(t), &runOpts{period: "2026-08"})
	if row := readSheet(t, aug, names[coachThomas], "Client").rows[handover]; row == nil {
		t.Errorf("%s is not on %s's sheet for 2026-08", handover, names[coachThomas])
	} else {
		checkValue(t, "August, Thomas / Hana Activity", row["Activity"], wi(1))
	}
	if readSheet(t, aug, names[coachMei], "Client").rows[handover] != nil {
		t.Errorf("%s is on %s's sheet for 2026-08", handover, names[coachMei])
	}
}

// TestCoachesWithoutClients checks the rules for coaches: the
// administrative-only coach and a coach without clients are not on the
// Team sheet and are named on the Notes; the inactive coach who still has
// an active client is ranked, marked inactive and warned about.
func TestCoachesWithoutClients(t *testing.T) {
	a := testAccount(t)
	names := coachNames(a)
	r := run(t, a, &runOpts{period: "2026-09"})
	team := readSheet(t, r, "Team", "Coach")
	for _, id := range []int{coachAdmin, noClientsCoach} {
		if team.rows[names[id]] != nil {
			t.Errorf("%s (no clients) is on the Team sheet", names[id])
		}
		if hasSheet(r, names[id]) {
			t.Errorf("%s (no clients) has a sheet", names[id])
		}
		if n := notesText(r, "Coaches not listed"); !strings.Contains(n, names[id]+" (ID") {
			t.Errorf("the Notes do not name %s as not listed:\n%s", names[id], n)
		}
	}
	emma := team.rows[names[coachEmma]]
	if emma == nil {
		t.Fatalf("the inactive coach %s, primary coach of %s, is not listed", names[coachEmma], orphan)
	}
	if emma["Status"].Str() != "inactive" || emma["Rank"].IsEmpty() {
		t.Errorf("%s: status %q rank %v, want inactive and ranked", names[coachEmma], emma["Status"].Str(), emma["Rank"].Int())
	}
	checkValue(t, "Emma's active clients", emma["Active clients"], wi(1))
	if !slices.ContainsFunc(r.Warnings, func(w string) bool {
		return strings.Contains(w, names[coachEmma]+" is inactive but was the primary coach of 1 active client in 2026-09")
	}) {
		t.Errorf("no warning about the inactive coach; warnings: %q", r.Warnings)
	}

	// One coach's workbook for a coach without clients: their empty row,
	// no rank, an empty sheet, and a warning.
	nora := run(t, testAccount(t), &runOpts{period: "2026-09", coachID: noClientsCoach})
	row, _, _ := coachFigures(t, nora)
	checkValue(t, "Nora Active clients", row["Active clients"], wi(0))
	checkValue(t, "Nora Score", row["Score"], want{empty: true})
	checkValue(t, "Nora Share active", row["Share active"], want{empty: true})
	if _, ok := row["Rank"]; ok || row["Status"].Str() != "no active clients" {
		t.Errorf("Nora: rank %v status %q", row["Rank"].Int(), row["Status"].Str())
	}
	if s := readSheet(t, nora, names[noClientsCoach], "Client"); len(s.keys) != 0 {
		t.Errorf("Nora's sheet has rows %v", s.keys)
	}
	if !slices.ContainsFunc(nora.Warnings, func(w string) bool { return strings.Contains(w, "has no active client in 2026-09") }) {
		t.Errorf("no warning for a coach without clients: %q", nora.Warnings)
	}
}

// TestInactiveClientsLeftOut checks that a client inactive at the data
// time (Xena Former, with a journal entry and a payment in September) is
// in no figure and is counted under Left out, with every other inactive
// client attributed for the period.
func TestInactiveClientsLeftOut(t *testing.T) {
	a := testAccount(t)
	now := account.DateTimeFromTime(dataNow(a), mustLoc(t, a))
	sep := month(2026, 9)
	clients, items := 0, 0
	usd := account.Cents(0)
	for _, c := range a.Clients {
		if c.IsActive || c.DateAdded >= sep.to || coachOf(a, c, sep) == 0 {
			continue
		}
		clients++
		for _, n := range kindsOf(a, c.ID, sep, now.Date()) {
			items += n
		}
		for _, inv := range a.Invoices {
			for _, p := range inv.Payments {
				if inv.ClientID == c.ID && inv.Currency == "USD" && sep.has(p.DatePaid) {
					usd += p.Amount
				}
			}
		}
	}
	r := run(t, a, &runOpts{period: "2026-09"})
	for _, s := range r.Sheets {
		if strings.Contains(dumpSheet(t, s), former) {
			t.Errorf("the inactive client %s is on sheet %q", former, s.Name)
		}
	}
	note := notesText(r, "Left out")
	want := []string{strconv.Itoa(clients) + " clients inactive at the data time were attributed", "with " + strconv.Itoa(items) + " items of activity",
		"USD " + usd.String()}
	for _, w := range want {
		if !strings.Contains(note, w) {
			t.Errorf("Left out note lacks %q:\n%s", w, note)
		}
	}
}

func dumpSheet(t testing.TB, s *model.Sheet) string {
	return dumpReport(t, &model.Report{Sheets: []*model.Sheet{s}})
}

// TestOneCoachWorkbook checks --coach: the coach's Figures sheet has the
// same figures as their Team row in the team's workbook (the score too: the
// team's highest figures are still read) but no rank; only their sheet; and actions are
// fetched only for the clients of their books in the three periods.
func TestOneCoachWorkbook(t *testing.T) {
	a := testAccount(t)
	names := coachNames(a)
	teamRun := &runOpts{period: "2026-09"}
	all := readSheet(t, run(t, a, teamRun), "Team", "Coach").rows[names[coachMei]]
	b := testAccount(t)
	one := &runOpts{period: "2026-09", coachID: coachMei}
	r := run(t, b, one)
	row, _, _ := coachFigures(t, r)
	for col, v := range all {
		if _, ok := row[col]; !ok && strings.HasPrefix(col, "Collected ") {
			// Money columns are the currencies of the workbook's clients.
			if !v.Decimal().IsZero() {
				t.Errorf("one coach's workbook has no column %s, the team's has %s", col, cellText(v))
			}
			continue
		}
		if col == "Rank" || col == "Coach" || (col == "Status" && v.IsEmpty()) {
			continue
		}
		if cellText(row[col]) != cellText(v) {
			t.Errorf("%s: one coach's workbook has %s, the team's %s", col, cellText(row[col]), cellText(v))
		}
	}
	if _, ok := row["Rank"]; ok {
		t.Errorf("a rank in one coach's workbook")
	}
	for _, id := range []int{coachAndres, coachThomas, coachEmma} {
		if hasSheet(r, names[id]) {
			t.Errorf("one coach's workbook has %s's sheet", names[id])
		}
	}
	if !hasSheet(r, names[coachMei]) {
		t.Errorf("no sheet for %s", names[coachMei])
	}
	// Action.getAll: once per active client of the selected books of
	// 2026-09, 2026-08 and 2025-09 (the team's run: of every coach).
	for _, c := range []struct {
		o     *runOpts
		coach int
	}{{one, coachMei}, {teamRun, 0}} {
		seen := map[int]bool{}
		for _, s := range []span{month(2026, 9), month(2026, 8), month(2025, 9)} {
			for coach, cs := range books(a, s) {
				if c.coach != 0 && coach != c.coach {
					continue
				}
				for _, cl := range cs {
					seen[cl.ID] = true
				}
			}
		}
		if got := c.o.srv.Stats().ByFunction["Action.getAll"]; got != int64(len(seen)) {
			t.Errorf("coach %d: Action.getAll called %d times, want %d (one per needed client)", c.coach, got, len(seen))
		}
	}
	if len(r.Filters) != 1 || !strings.Contains(r.Filters[0].Value, names[coachMei]) {
		t.Errorf("filters %v", r.Filters)
	}
}

// TestOptions checks the refusals of periods and flags.
func TestOptions(t *testing.T) {
	a := testAccount(t)
	now := dataNow(a)
	_, url := sandboxtest.Start(t, sandbox.Options{Account: a, Now: func() time.Time { return now }})
	c, err := fetch.New(fetch.Config{BaseURL: url, Credentials: fetch.Credentials{APIID: sandboxtest.APIID, APIKey: sandboxtest.APIKey}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		o    runOpts
		want string
	}{
		{"week", runOpts{period: "2026-W38"}, "whole months"},
		{"day", runOpts{period: "2026-09-15"}, "whole months"},
		{"quiet weeks zero", runOpts{period: "2026-09", args: []string{"--quiet-weeks", "0"}}, "--quiet-weeks 0"},
		{"quiet weeks too many", runOpts{period: "2026-09", args: []string{"--quiet-weeks", "14"}}, "want 1 to 13"},
		{"unknown coach", runOpts{period: "2026-09", coachID: 99}, "no coach with ID 99"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := build(t.Context(), c, now, &tc.o)
			if err == nil || !errors.Is(err, reports.ErrOptions) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want an options error saying %q", err, tc.want)
			}
		})
	}
}
