package model

import (
	"archive/zip"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

func TestCivilDate(t *testing.T) {
	d := CivilDate{2026, time.October, 15}
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"string", d.String(), "2026-10-15"},
		{"string pads", CivilDate{7, time.March, 5}.String(), "0007-03-05"},
		{"add days over month", d.AddDays(17).String(), "2026-11-01"},
		{"add days back over year", CivilDate{2026, 1, 1}.AddDays(-1).String(), "2025-12-31"},
		{"add days leap", CivilDate{2024, 2, 28}.AddDays(1).String(), "2024-02-29"},
		{"days since", CivilDate{2027, 1, 1}.DaysSince(CivilDate{2026, 1, 1}), 365},
		{"days since negative", CivilDate{2024, 2, 1}.DaysSince(CivilDate{2024, 3, 1}), -29},
		{"days since far", CivilDate{2400, 1, 1}.DaysSince(CivilDate{1600, 1, 1}), 292194},
		{"weekday", d.Weekday(), time.Thursday},
		{"compare before", d.Compare(CivilDate{2026, 11, 1}), -1},
		{"compare same", d.Compare(CivilDate{2026, 10, 15}), 0},
		{"compare after year", d.Compare(CivilDate{2025, 12, 31}), 1},
		{"before", d.Before(d.AddDays(1)), true},
		{"after", d.After(d.AddDays(1)), false},
		{"valid", d.IsValid(), true},
		{"not valid", CivilDate{2026, 2, 29}.IsValid(), false},
		{"zero", CivilDate{}.IsZero(), true},
		{"of", CivilDateOf(time.Date(2026, 10, 31, 23, 30, 0, 0, time.FixedZone("x", -3600))), CivilDate{2026, 10, 31}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %v, want %v", tc.got, tc.want)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    CivilDate
		wantErr bool
	}{
		{"2026-10-15", CivilDate{2026, 10, 15}, false},
		{"2024-02-29", CivilDate{2024, 2, 29}, false},
		{"2026-02-29", CivilDate{}, true},
		{"2026-10-32", CivilDate{}, true},
		{"2026-1-5", CivilDate{}, true},
		{"26-10-15", CivilDate{}, true},
		{"2026-10-15T00:00", CivilDate{}, true},
		{"", CivilDate{}, true},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseDate(tc.in)
			if (err != nil) != tc.wantErr {
				t.Fatalf("error: got %v, want error %v", err, tc.wantErr)
			}
			if got != tc.want {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

// TestStartOfNamedZones pins the day starts of zones whose midnight does not
// exist on some days, or exists twice.
func TestStartOfNamedZones(t *testing.T) {
	tests := []struct {
		zone string
		day  CivilDate
		want string // RFC 3339 in the zone
	}{
		{"America/Asuncion", CivilDate{2023, 10, 1}, "2023-10-01T01:00:00-03:00"},
		{"America/Asuncion", CivilDate{2023, 9, 30}, "2023-09-30T00:00:00-04:00"},
		{"America/Santiago", CivilDate{2023, 9, 3}, "2023-09-03T01:00:00-03:00"},
		{"America/Havana", CivilDate{2023, 3, 12}, "2023-03-12T01:00:00-04:00"},
		{"Atlantic/Azores", CivilDate{2023, 3, 26}, "2023-03-26T01:00:00Z"},
		{"Asia/Beirut", CivilDate{2023, 3, 26}, "2023-03-26T01:00:00+03:00"},
		{"America/Sao_Paulo", CivilDate{2018, 11, 4}, "2018-11-04T01:00:00-02:00"},
		// Clocks set back from 24:00 to 23:00: midnight comes once, an hour later.
		{"America/Santiago", CivilDate{2023, 4, 2}, "2023-04-02T00:00:00-04:00"},
		// Clocks set back from 01:00 to 00:00: the first of the two midnights.
		{"America/Havana", CivilDate{2023, 11, 5}, "2023-11-05T00:00:00-04:00"},
		// Samoa skipped 2011-12-30: the day starts (and ends) at the next one.
		{"Pacific/Apia", CivilDate{2011, 12, 30}, "2011-12-31T00:00:00+14:00"},
		{"America/New_York", CivilDate{2026, 3, 8}, "2026-03-08T00:00:00-05:00"},
		{"UTC", CivilDate{2026, 10, 15}, "2026-10-15T00:00:00Z"},
	}
	for _, tc := range tests {
		t.Run(tc.zone+" "+tc.day.String(), func(t *testing.T) {
			loc, err := time.LoadLocation(tc.zone)
			if err != nil {
				t.Skipf("zone not available: %v", err)
			}
			got := tc.day.StartOf(loc)
			if s := got.Format(time.RFC3339); s != tc.want {
				t.Errorf("got %s, want %s", s, tc.want)
			}
			if got.Location() != loc {
				t.Errorf("location: got %v, want %v", got.Location(), loc)
			}
		})
	}
}

// checkFirstInstant fails unless start is the first instant whose local date
// in loc is d or later: its own date is d (or, for a day the zone skipped,
// the next), and no earlier instant reads d. The earlier instants are
// checked segment by segment: between two offset changes the wall clock only
// moves forward, so a segment's latest wall time is just before its end.
func checkFirstInstant(t *testing.T, loc *time.Location, d CivilDate, start time.Time) {
	t.Helper()
	got := CivilDateOf(start.In(loc))
	if got != d && (got != d.AddDays(1) || d.AddDays(1).StartOf(loc) != start) {
		t.Errorf("%s: StartOf(%s) = %s reads %s", loc, d, start, got)
		return
	}
	for x := start.Add(-30 * time.Hour); x.Before(start); {
		end := zoneEnd(x)
		if end.IsZero() || end.After(start) {
			end = start
		}
		if last := CivilDateOf(end.Add(-time.Second).In(loc)); !last.Before(d) {
			t.Errorf("%s: StartOf(%s) = %s, but %s already reads %s", loc, d, start, end.Add(-time.Second).In(loc), last)
			return
		}
		x = end
	}
}

// zoneEnd returns the end of the zone segment holding x, working around
// ZoneBounds reporting an end at x on Dec 31 of leap years past a zone's
// last listed transition (see StartOf).
func zoneEnd(x time.Time) time.Time {
	_, end := x.ZoneBounds()
	if !end.IsZero() && !end.After(x) {
		return x.Add(24 * time.Hour)
	}
	return end
}

// zoneDB returns every zone of Go's time zone database
// ($GOROOT/lib/time/zoneinfo.zip), loaded from that file so that the test
// does not depend on the system's copy; without it, the zones of
// /usr/share/zoneinfo.
func zoneDB(t *testing.T) []*time.Location {
	t.Helper()
	var locs []*time.Location
	out, err := exec.CommandContext(t.Context(), "go", "env", "GOROOT").Output()
	if err == nil {
		zr, err := zip.OpenReader(filepath.Join(strings.TrimSpace(string(out)), "lib", "time", "zoneinfo.zip"))
		if err == nil {
			defer zr.Close()
			for _, f := range zr.File {
				if f.FileInfo().IsDir() {
					continue
				}
				rc, err := f.Open()
				if err != nil {
					t.Fatal(err)
				}
				data, err := io.ReadAll(rc)
				if err := rc.Close(); err != nil {
					t.Fatal(err)
				}
				if err != nil {
					t.Fatal(err)
				}
				loc, err := time.LoadLocationFromTZData(f.Name, data)
				if err != nil {
					t.Fatalf("zone %s: %v", f.Name, err)
				}
				locs = append(locs, loc)
			}
			return locs
		}
	}
	const root = "/usr/share/zoneinfo"
	err = filepath.WalkDir(root, func(path string, de fs.DirEntry, err error) error {
		if err != nil || de.IsDir() {
			return err
		}
		name, _ := filepath.Rel(root, path)
		if strings.HasPrefix(name, "posix/") || strings.HasPrefix(name, "right/") || !strings.ContainsAny(name[:1], "ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
			return nil
		}
		if loc, err := time.LoadLocation(name); err == nil {
			locs = append(locs, loc)
		}
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	if len(locs) == 0 {
		t.Skip("no time zone database found")
	}
	sort.Slice(locs, func(i, j int) bool { return locs[i].String() < locs[j].String() })
	return locs
}

// TestDayBoundsAllZones checks the bounds of every day around every change
// of offset from 1970 to 2044, in every zone; past a zone's last listed
// transition (2037 at the latest) Go computes them from the zone's rule.
func TestDayBoundsAllZones(t *testing.T) {
	zones := zoneDB(t)
	from, to := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2045, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, loc := range zones {
		// The turn of leap years past the listed transitions, where
		// ZoneBounds reports a segment end that is not one.
		for _, y := range []int{2040, 2044} {
			for d := (CivilDate{y, 12, 29}); d.Before(CivilDate{y + 1, 1, 3}); d = d.AddDays(1) {
				checkFirstInstant(t, loc, d, d.StartOf(loc))
			}
		}
	}
	days, odd := 0, 0
	for _, loc := range zones {
		for x := from.In(loc); x.Before(to); {
			end := zoneEnd(x)
			if end.IsZero() {
				break
			}
			x = end
			before, after := CivilDateOf(end.Add(-time.Second)), CivilDateOf(end)
			lo, hi := before, after
			if hi.Before(lo) {
				lo, hi = hi, lo
			}
			for d := lo.AddDays(-1); !d.After(hi.AddDays(1)); d = d.AddDays(1) {
				days++
				start, next := d.StartOf(loc), d.AddDays(1).StartOf(loc)
				checkFirstInstant(t, loc, d, start)
				length := next.Sub(start)
				switch length {
				case 23 * time.Hour, 24 * time.Hour, 25 * time.Hour:
					continue
				}
				// A change by other than an hour (Lord Howe's half hour,
				// a zone changing its standard offset, Samoa skipping a
				// day): the day lasts 24 h less the change of offset, and
				// less the part of the day skipped at its start.
				odd++
				_, off0 := start.Zone()
				_, off1 := next.Zone()
				want := 24*time.Hour - time.Duration(off1-off0)*time.Second
				want -= sinceMidnight(start, d) - sinceMidnight(next, d.AddDays(1))
				if length != want || length < 0 || length > 48*time.Hour {
					t.Errorf("%s: day %s lasts %s (from %s to %s), want %s", loc, d, length, start, next, want)
				}
			}
		}
	}
	t.Logf("%d zones, %d days around offset changes, %d not 23, 24 or 25 hours long", len(zones), days, odd)
}

// sinceMidnight is how far t's wall clock is past the midnight of day d.
func sinceMidnight(t time.Time, d CivilDate) time.Duration {
	y, m, dd := t.Date()
	wall := time.Date(y, m, dd, t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
	return wall.Sub(time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC))
}

// TestCivilArithmetic checks the integer calendar arithmetic against the
// time package for every day from 1600 to 2400 and around year 0.
func TestCivilArithmetic(t *testing.T) {
	check := func(from, to time.Time) {
		t.Helper()
		epoch := time.Date(1970, 1, 1, 12, 0, 0, 0, time.UTC)
		for x := from; x.Before(to); x = x.AddDate(0, 0, 1) {
			d := CivilDateOf(x)
			n := int((x.Unix() - epoch.Unix()) / 86400) // noon to noon: exact
			if got := d.days(); got != n {
				t.Fatalf("%s: days() = %d, want %d", d, got, n)
			}
			if got := civilFromDays(n); got != d {
				t.Fatalf("civilFromDays(%d) = %s, want %s", n, got, d)
			}
			if d.Weekday() != x.Weekday() {
				t.Fatalf("%s: weekday %s, want %s", d, d.Weekday(), x.Weekday())
			}
		}
	}
	check(time.Date(1600, 1, 1, 12, 0, 0, 0, time.UTC), time.Date(2400, 1, 1, 12, 0, 0, 0, time.UTC))
	check(time.Date(-2, 1, 1, 12, 0, 0, 0, time.UTC), time.Date(2, 1, 1, 12, 0, 0, 0, time.UTC))
	for _, tc := range []struct{ in, want CivilDate }{
		{CivilDate{2026, 13, 1}, CivilDate{2027, 1, 1}},
		{CivilDate{2026, 0, 1}, CivilDate{2025, 12, 1}},
		{CivilDate{2026, -11, 1}, CivilDate{2025, 1, 1}},
		{CivilDate{2026, 3, 0}, CivilDate{2026, 2, 28}},
		{CivilDate{2026, 2, 29}, CivilDate{2026, 3, 1}},
		{CivilDate{2026, 12, 400}, CivilDate{2028, 1, 4}},
	} {
		want := CivilDateOf(time.Date(tc.in.Year, tc.in.Month, tc.in.Day, 12, 0, 0, 0, time.UTC))
		if got := tc.in.normal(); got != tc.want || got != want {
			t.Errorf("normal(%v) = %v, want %v (time.Date: %v)", tc.in, got, tc.want, want)
		}
	}
}
