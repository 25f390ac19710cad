package scorecard_test

import (
	"strings"
	"testing"

	"github.com/careport/careport/fetch/sandbox/account"
	"github.com/careport/careport/reports/model"
	"github.com/careport/careport/reports/scorecard"
)

// The Figures sheet's columns.
const (
	colFigure     = "Figure"
	colThis       = "This period"
	colPrevious   = "Previous period"
	colChange     = "Change"
	colCurrency   = "Currency"
	colDefinition = "Definition"
)

// coachFigures reads a one-coach workbook's Figures sheet back into the
// shape of that coach's Team row: each figure's This period value under
// its name and its Change under "<name> vs prev", so the Team sheet's
// expectations apply to it unchanged; prev has the Previous period values.
// It fails the test when the workbook also has a Team sheet.
func coachFigures(t *testing.T, r *model.Report) (row, prev map[string]model.Value, tb *table) {
	t.Helper()
	if hasSheet(r, scorecard.SheetTeam) {
		t.Errorf("one coach's workbook has a %s sheet", scorecard.SheetTeam)
	}
	tb = readSheet(t, r, scorecard.SheetFigures, colFigure)
	row, prev = map[string]model.Value{}, map[string]model.Value{}
	for _, name := range tb.keys {
		f := tb.rows[name]
		row[name] = f[colThis]
		row[name+" vs prev"] = f[colChange]
		prev[name] = f[colPrevious]
		cur := strings.TrimPrefix(name, "Collected ")
		if cur == name {
			cur = ""
		}
		if got := f[colCurrency].Str(); got != cur {
			t.Errorf("Figures %s: currency %q, want %q", name, got, cur)
		}
		// One line that fits the widest column, so the sheet prints on a
		// page at a readable scale; the Notes have the full definitions.
		if d := f[colDefinition].Str(); d == "" || len([]rune(d)) > 60 {
			t.Errorf("Figures %s: definition %q, want one line of at most 60 characters", name, d)
		}
	}
	return row, prev, tb
}

// TestOneCoachFiguresMatchRecords checks, for every coach with clients,
// their one-coach workbook's Figures sheet against the figures recomputed
// from the account's records: each figure for the period and the previous
// one, the change, the score; and that it has a row for every figure of the
// Team sheet and no other.
func TestOneCoachFiguresMatchRecords(t *testing.T) {
	a := testAccount(t)
	names := coachNames(a)
	now := account.DateTimeFromTime(dataNow(a), mustLoc(t, a))
	cur, prev := expect(a, month(2026, 9), now), expect(a, month(2026, 8), now)
	checked := 0
	for id, e := range cur {
		if e.clients == 0 {
			continue
		}
		checked++
		r := run(t, testAccount(t), &runOpts{period: "2026-09", coachID: id})
		row, before, tb := coachFigures(t, r)
		name := names[id]
		wc, wp := columnsOf(e, a), columnsOf(prev[id], a)
		for col, w := range wc {
			if _, ok := row[col]; !ok && strings.HasPrefix(col, "Collected ") && w.d == "0.00" && wp[col].d == "0.00" {
				continue // no money in this currency in either period: no row
			}
			checkValue(t, name+" "+col, row[col], w)
			checkValue(t, name+" "+col+" previous", before[col], wp[col])
			checkValue(t, name+" "+col+" change", row[col+" vs prev"], changeOf(w, wp[col]))
		}
		s, ok := scoreOf(e, cur)
		ps, pok := scoreOf(prev[id], prev)
		checkValue(t, name+" Score", row["Score"], wf(s, ok))
		checkValue(t, name+" Score previous", before["Score"], wf(ps, pok))
		checkValue(t, name+" Score change", row["Score vs prev"], changeOf(wf(s, ok), wf(ps, pok)))
		for _, k := range tb.keys {
			if _, ok := wc[k]; !ok && k != "Score" && !(k == "Status" && id == 6) {
				t.Errorf("%s: Figures has a row %q the Team sheet has no column for", name, k)
			}
		}
		if st := row["Status"].Str(); (id == 6) != (st == "inactive") {
			t.Errorf("%s: status %q", name, st)
		}
	}
	if checked < 2 {
		t.Fatalf("only %d coaches with clients checked", checked)
	}
}

// TestTeamWorkbookHasNoFigures checks that the team's workbook keeps its
// Team sheet and has no Figures sheet.
func TestTeamWorkbookHasNoFigures(t *testing.T) {
	r := run(t, testAccount(t), &runOpts{period: "2026-09"})
	if !hasSheet(r, scorecard.SheetTeam) || hasSheet(r, scorecard.SheetFigures) {
		t.Errorf("team workbook: Team sheet %v, Figures sheet %v", hasSheet(r, scorecard.SheetTeam), hasSheet(r, scorecard.SheetFigures))
	}
}
