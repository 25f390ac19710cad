package clientdata

import (
	"strconv"

	"github.com/careport/careport/fetch/sandbox/account"
)

// bucketer maps dates to date buckets of one size and labels them (6.3).
// A bucket is identified by an integer key; consecutive buckets have keys
// step apart, so a range of buckets is a contiguous run of indexes.
type bucketer struct {
	size byte // 'D', 'W', 'M', 'Q' or 'Y'
}

// newBucketer returns the bucketer of size; an unknown size (or 0, the
// API default) means weeks.
func newBucketer(size byte) bucketer {
	switch size {
	case 'D', 'W', 'M', 'Q', 'Y':
		return bucketer{size: size}
	}
	return bucketer{size: 'W'}
}

// key returns the key of the bucket holding d.
func (b bucketer) key(d account.Date) int {
	n := int(d)
	switch b.size {
	case 'D':
		return n
	case 'W':
		// 1970-01-01 (day 0) was a Thursday: the Monday of its week is day -3.
		return n - floorMod(n+3, 7)
	}
	y, m, _ := civil(n)
	switch b.size {
	case 'M':
		return y*12 + m - 1
	case 'Q':
		return y*4 + (m-1)/3
	}
	return y
}

// step is the distance between the keys of consecutive buckets.
func (b bucketer) step() int {
	if b.size == 'W' {
		return 7
	}
	return 1
}

// label returns the column label of the bucket with key k:
// D 2025-03-05, W 2025-03-03 (the Monday), M 2025-03, Q 2025-Q1, Y 2025.
func (b bucketer) label(k int) string {
	switch b.size {
	case 'D', 'W':
		y, m, d := civil(k)
		buf := make([]byte, 0, 10)
		buf = appendPadded(buf, y, 4)
		buf = append(buf, '-')
		buf = appendPadded(buf, m, 2)
		buf = append(buf, '-')
		buf = appendPadded(buf, d, 2)
		return string(buf)
	case 'M':
		y, m := floorDiv(k, 12), floorMod(k, 12)+1
		buf := appendPadded(make([]byte, 0, 7), y, 4)
		buf = append(buf, '-')
		return string(appendPadded(buf, m, 2))
	case 'Q':
		y, q := floorDiv(k, 4), floorMod(k, 4)+1
		buf := appendPadded(make([]byte, 0, 7), y, 4)
		buf = append(buf, '-', 'Q')
		return string(strconv.AppendInt(buf, int64(q), 10))
	}
	return string(appendPadded(make([]byte, 0, 4), k, 4))
}

// span is a run of consecutive buckets: first key and count.
type span struct {
	b     bucketer
	first int
	n     int
}

// newSpan returns the buckets from the one holding from to the one holding
// to, both inclusive; none when to is before from.
func newSpan(b bucketer, from, to account.Date) span {
	s := span{b: b, first: b.key(from)}
	if last := b.key(to); last >= s.first {
		s.n = (last-s.first)/b.step() + 1
	}
	return s
}

// index returns the column index of d's bucket, or -1 when d's bucket is
// outside the span.
func (s span) index(d account.Date) int {
	k := s.b.key(d)
	if k < s.first {
		return -1
	}
	if i := (k - s.first) / s.b.step(); i < s.n {
		return i
	}
	return -1
}

// labels returns the labels of the span's buckets in order.
func (s span) labels() []string {
	out := make([]string, s.n)
	for i := range out {
		out[i] = s.b.label(s.first + i*s.b.step())
	}
	return out
}

// civil returns the proleptic Gregorian year, month (1-12) and day of the
// month of the day n days after 1970-01-01 (H. Hinnant's civil_from_days).
func civil(n int) (year, month, day int) {
	z := n + 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day = doy - (153*mp+2)/5 + 1
	month = mp + 3
	if mp >= 10 {
		month = mp - 9
	}
	year = yoe + era*400
	if month <= 2 {
		year++
	}
	return year, month, day
}

// formatDate formats d as YYYY-MM-DD (also 1970-01-01, which account.Date
// formats as "" because zero means absent there).
func formatDate(d account.Date) string { return bucketer{size: 'D'}.label(int(d)) }

// appendPadded appends v in decimal, zero-padded to width digits.
func appendPadded(buf []byte, v, width int) []byte {
	if v < 0 {
		buf = append(buf, '-')
		v = -v
	}
	var tmp [20]byte
	s := strconv.AppendInt(tmp[:0], int64(v), 10)
	for i := len(s); i < width; i++ {
		buf = append(buf, '0')
	}
	return append(buf, s...)
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func floorMod(a, b int) int { return a - floorDiv(a, b)*b }
