package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/careport/careport/fetch/sandbox"
	"github.com/careport/careport/fetch/sandbox/generate"
	"github.com/careport/careport/fetch/sandbox/sandboxtest"
	"github.com/careport/careport/reports/scorecard"
)

// scorecardName is the scorecard's command name, from its Spec (cmd names
// a report only in the report list).
var scorecardName = scorecard.Spec.Name

// TestScorecardSnapshotMatchesLive fetches a snapshot of one month for
// the scorecard (its activity stats month by month, and the second stage)
// and checks that the team's and one coach's workbooks built from it
// without a call are the live runs', file for file.
func TestScorecardSnapshotMatchesLive(t *testing.T) {
	acct, err := generate.Generate(generate.Small, generate.SampleSeed)
	if err != nil {
		t.Fatal(err)
	}
	loc, err := acct.Location()
	if err != nil {
		t.Fatal(err)
	}
	now := acct.AsOf.AddDays(1).Time(loc).Add(9 * time.Hour)
	srv, url := sandboxtest.Start(t, sandbox.Options{Account: acct, Now: func() time.Time { return now }})
	env := map[string]string{"CA_API_URL": url, "CA_API_ID": sandboxtest.APIID, "CA_API_KEY": sandboxtest.APIKey}
	snap := filepath.Join(t.TempDir(), "snap")
	if code, out, errOut := runCLIAt(t, now, env, "fetch", "--out", snap, "--reports", scorecardName, "--from", "2026-09", "--to", "2026-09", "-q"); code != exitOK {
		t.Fatalf("fetch: exit %d\n%s\n%s", code, out, errOut)
	}
	for _, extra := range [][]string{nil, {"--coach", scorecard.DemoCoach}} {
		live, off := t.TempDir(), t.TempDir()
		args := append([]string{scorecardName, "--period", "2026-09", "--format", "csv", "-q"}, extra...)
		if code, out, errOut := runCLIAt(t, now, env, append(args, "--out", live)...); code != exitOK {
			t.Fatalf("live %v: exit %d\n%s\n%s", extra, code, out, errOut)
		}
		before := srv.Stats().Calls
		if code, out, errOut := runCLIAt(t, now, nil, append(args, "--out", off, "--snapshot", snap)...); code != exitOK {
			t.Fatalf("snapshot %v: exit %d\n%s\n%s", extra, code, out, errOut)
		}
		if n := srv.Stats().Calls - before; n != 0 {
			t.Errorf("the snapshot run made %d calls", n)
		}
		lf, of := listFiles(t, live), listFiles(t, off)
		if len(lf) < 4 || len(lf) != len(of) {
			t.Fatalf("%v: files live %v, snapshot %v", extra, lf, of)
		}
		for rel := range lf {
			if strings.HasSuffix(rel, " Notes.csv") {
				continue // names the data time, which differs by design
			}
			a, _ := os.ReadFile(filepath.Join(live, rel))
			b, err := os.ReadFile(filepath.Join(off, rel))
			if err != nil || !bytes.Equal(a, b) {
				t.Errorf("%s differs between the live and the snapshot run (%v)", rel, err)
			}
		}
	}
}

// TestScorecardDemo checks that the demo writes the team's scorecard and
// the sample coach's workbook, which has that coach's sheet only.
func TestScorecardDemo(t *testing.T) {
	dir := t.TempDir()
	if code, out, errOut := runCLI(t, nil, "demo", "--out", dir, "-q"); code != exitOK {
		t.Fatalf("demo: exit %d\n%s\n%s", code, out, errOut)
	}
	files := listFiles(t, dir)
	var books []string
	for f := range files {
		if strings.HasPrefix(f, scorecardName+"-") && strings.HasSuffix(f, ".xlsx") {
			books = append(books, f)
		}
	}
	// The coach's workbook is named for the coach's ID (3 in the sample).
	slices.SortFunc(books, func(x, y string) int { return len(x) - len(y) })
	if len(books) != 2 || !strings.HasSuffix(books[1], "-coach-3.xlsx") {
		t.Fatalf("demo scorecards: %v, want the team's and coach 3's", books)
	}
	sheets := func(name string) []string {
		f, err := excelize.OpenFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		return f.GetSheetList()
	}
	team, coach := sheets(books[0]), sheets(books[1])
	for _, want := range []string{"Summary", "Trend", scorecard.DemoCoach, "Quiet clients", "Notes"} {
		if !slices.Contains(team, want) || !slices.Contains(coach, want) {
			t.Errorf("sheet %q: team workbook %v, coach workbook %v", want, team, coach)
		}
	}
	// The coach's workbook has its figures down a sheet in place of the
	// one-row Team sheet.
	if !slices.Contains(team, scorecard.SheetTeam) || slices.Contains(team, scorecard.SheetFigures) ||
		slices.Contains(coach, scorecard.SheetTeam) || !slices.Contains(coach, scorecard.SheetFigures) {
		t.Errorf("team workbook %v, coach workbook %v: want Team in the team's, Figures in the coach's", team, coach)
	}
	if len(coach) != 6 || len(team) <= len(coach) {
		t.Errorf("the coach's workbook has sheets %v; the team's %v", coach, team)
	}
}

// BenchmarkScorecardLargeSnapshot is `careport scorecard --snapshot` of the
// large generated account for 2026-10 as a user runs it: the built binary
// reading a snapshot that `careport fetch --reports scorecard` took of that
// month, building and writing the workbook. It reports the wall time and
// the child's peak RSS (see watchHWM).
//
//	go test ./cmd/careport -run '^$' -bench ScorecardLargeSnapshot -benchtime 3x
func BenchmarkScorecardLargeSnapshot(b *testing.B) {
	bin := careportBinary(b)
	// The snapshot holds the month reported only (its activity stats are
	// fetched month by month).
	acct, _ := generate.Generate(generate.Large, 1)
	loc, _ := acct.Location()
	period := acct.AsOf.Time(loc).Format("2006-01")
	_, snap, _ := largeSnapshot(b, bin, "--reports", scorecardName, "--from", period, "--to", period)
	benchRun(b, bin, scorecardName, "--snapshot", snap, "--period", period, "-q")
}
