package clientdata

import (
	"slices"
	"testing"
	"time"

	"github.com/careport/careport/fetch/sandbox/account"
)

func TestCivilMatchesTime(t *testing.T) {
	// Every day from 1600-01-01 to 2400-12-31, both sides of day 0.
	first, last := day(1600, 1, 1), day(2400, 12, 31)
	for d := first; d <= last; d++ {
		want := time.Unix(int64(d)*86400, 0).UTC()
		y, m, dd := civil(int(d))
		if y != want.Year() || time.Month(m) != want.Month() || dd != want.Day() {
			t.Fatalf("civil(%d): got %04d-%02d-%02d, want %s", d, y, m, dd, want.Format("2006-01-02"))
		}
		if wd := want.Weekday(); (wd == time.Monday) != (bucketer{size: 'W'}.key(d) == int(d)) {
			t.Fatalf("day %s (%s): week key %d", want.Format("2006-01-02"), wd, bucketer{size: 'W'}.key(d))
		}
	}
}

func TestBucketLabels(t *testing.T) {
	tests := []struct {
		size byte
		d    account.Date
		want string
	}{
		{'D', day(2025, 3, 5), "2025-03-05"},
		{'D', day(1970, 1, 1), "1970-01-01"},
		{'W', day(2025, 3, 2), "2025-02-24"}, // Sunday: the week that began on Monday 02-24
		{'W', day(2025, 3, 3), "2025-03-03"}, // Monday starts a week
		{'W', day(2025, 3, 9), "2025-03-03"},
		{'W', day(2025, 3, 10), "2025-03-10"},
		{'W', day(2025, 1, 1), "2024-12-30"}, // a week across a year end
		{'W', day(1970, 1, 1), "1969-12-29"},
		{'W', day(1969, 12, 28), "1969-12-22"},
		{'M', day(2025, 3, 31), "2025-03"},
		{'M', day(2024, 12, 31), "2024-12"},
		{'M', day(2025, 1, 1), "2025-01"},
		{'Q', day(2025, 3, 31), "2025-Q1"},
		{'Q', day(2025, 4, 1), "2025-Q2"},
		{'Q', day(2025, 9, 30), "2025-Q3"},
		{'Q', day(2024, 12, 31), "2024-Q4"},
		{'Y', day(2025, 6, 1), "2025"},
		{'Y', day(1969, 12, 31), "1969"},
		{0, day(2025, 3, 5), "2025-03-03"}, // the default is weeks
		{'X', day(2025, 3, 5), "2025-03-03"},
	}
	for _, tc := range tests {
		b := newBucketer(tc.size)
		if got := b.label(b.key(tc.d)); got != tc.want {
			t.Errorf("%q bucket of %s: got %q, want %q", tc.size, formatDate(tc.d), got, tc.want)
		}
	}
}

func TestSpan(t *testing.T) {
	tests := []struct {
		size     byte
		from, to account.Date
		want     []string
	}{
		{'D', day(2025, 2, 27), day(2025, 3, 1), []string{"2025-02-27", "2025-02-28", "2025-03-01"}},
		{'W', day(2025, 3, 2), day(2025, 3, 10), []string{"2025-02-24", "2025-03-03", "2025-03-10"}},
		{'W', day(2025, 3, 3), day(2025, 3, 9), []string{"2025-03-03"}},
		{'M', day(2024, 11, 30), day(2025, 2, 1), []string{"2024-11", "2024-12", "2025-01", "2025-02"}},
		{'Q', day(2024, 11, 30), day(2025, 4, 1), []string{"2024-Q4", "2025-Q1", "2025-Q2"}},
		{'Y', day(2023, 12, 31), day(2025, 1, 1), []string{"2023", "2024", "2025"}},
		{'M', day(2025, 2, 1), day(2025, 1, 31), []string{}},
	}
	for _, tc := range tests {
		s := newSpan(newBucketer(tc.size), tc.from, tc.to)
		got := s.labels()
		if !slices.Equal(got, tc.want) {
			t.Errorf("%c %s..%s: got %q, want %q", tc.size, formatDate(tc.from), formatDate(tc.to), got, tc.want)
			continue
		}
		if len(got) == 0 {
			continue
		}
		if i := s.index(tc.from); i != 0 {
			t.Errorf("%c: index of from %s: got %d, want 0", tc.size, formatDate(tc.from), i)
		}
		if i := s.index(tc.to); i != len(got)-1 {
			t.Errorf("%c: index of to %s: got %d, want %d", tc.size, formatDate(tc.to), i, len(got)-1)
		}
		if i := s.index(tc.from - 400); i != -1 {
			t.Errorf("%c: index before the span: got %d, want -1", tc.size, i)
		}
		if i := s.index(tc.to + 400); i != -1 {
			t.Errorf("%c: index after the span: got %d, want -1", tc.size, i)
		}
	}
}

func TestAppendFixedMatchesString(t *testing.T) {
	vals := []account.Fixed{0, 1, -1, 9, 10, 99, 100, 1000, 9999, 10000, -10000, 10001, 123450, -2500,
		125000, 1234567890123, -1234567890123, 999999999999999999, -999999999999999999}
	for v := account.Fixed(-30000); v <= 30000; v += 7 {
		vals = append(vals, v)
	}
	for _, v := range vals {
		if got, want := string(appendFixed(nil, v)), v.String(); got != want {
			t.Errorf("appendFixed(%d): got %q, want %q", int64(v), got, want)
		}
	}
}
