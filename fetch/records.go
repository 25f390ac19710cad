package fetch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"time"
	"unsafe"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/shopspring/decimal"
)

// Reminder is a scheduled reminder of an action or appointment (section 3.1).
// Times are in the account zone; zero when absent.
type Reminder struct {
	ID              int
	SendTo          string // C coach, L client
	SendMethod      string // E email, T text
	RelativeMinutes int    // minutes before the due time
	DateToSend      time.Time
	IsSent          bool
	DateSent        time.Time
}

type wireReminder struct {
	ID              flexInt    `json:"ID"`
	SendTo          flexString `json:"sendTo"`
	SendMethod      flexString `json:"sendMethod"`
	RelativeMinutes flexInt    `json:"relativeMinutes"`
	DateToSend      flexTime   `json:"dateToSend"`
	IsSent          flexBool   `json:"isSent"`
	DateSent        flexTime   `json:"dateSent"`
}

func (w wireReminder) record(loc *time.Location) Reminder {
	return Reminder{
		ID: int(w.ID), SendTo: string(w.SendTo), SendMethod: string(w.SendMethod),
		RelativeMinutes: int(w.RelativeMinutes), DateToSend: w.DateToSend.at(loc),
		IsSent: bool(w.IsSent), DateSent: w.DateSent.at(loc),
	}
}

func reminders(ws []wireReminder, loc *time.Location) []Reminder {
	if len(ws) == 0 {
		return nil
	}
	out := make([]Reminder, len(ws))
	for i, w := range ws {
		out[i] = w.record(loc)
	}
	return out
}

// Answer is one form input of a session or worksheet (section 3.4).
type Answer struct {
	Name  string
	Value string
	// NumberValue is the numeric value, when the answer has one.
	NumberValue decimal.NullDecimal
}

type wireAnswer struct {
	Name        flexString  `json:"name"`
	Value       flexString  `json:"value"`
	NumberValue flexDecimal `json:"numberValue"`
}

// flexList is an array that may also arrive as null, "", {} or a single
// object, as PHP backends send empty and one-element lists.
type flexList[W any] []W

func (f *flexList[W]) UnmarshalJSON(b []byte) error {
	items, err := decodeList[W](b)
	if err != nil {
		return err
	}
	*f = items
	return nil
}

// query builds request parameters, sending only what is set.
type query url.Values

func (q query) int(k string, n int) {
	if n != 0 {
		url.Values(q).Set(k, strconv.Itoa(n))
	}
}

func (q query) str(k, s string) {
	if s != "" {
		url.Values(q).Set(k, s)
	}
}

func (q query) flag(k string, b bool) {
	if b {
		url.Values(q).Set(k, "true")
	}
}

func (q query) char(k string, c byte) {
	if c != 0 {
		url.Values(q).Set(k, string(c))
	}
}

// date sends t's calendar date (in t's own location) as YYYY-MM-DD.
func (q query) date(k string, t time.Time) {
	if !t.IsZero() {
		url.Values(q).Set(k, t.Format(time.DateOnly))
	}
}

// converter turns a wire record into a public one, checking it.
type converter[W, R any] func(W, *recordCtx) (R, error)

// plain adapts a conversion that cannot fail.
func plain[W, R any](f func(W, *time.Location) R) converter[W, R] {
	return func(w W, rc *recordCtx) (R, error) { return f(w, rc.loc), nil }
}

// streamDecoder is a wire record with a hand-written decoder (the large
// getAll kinds); the others go through encoding/json one record at a time.
type streamDecoder interface {
	decodeJSON(d *jsontext.Decoder, st *decState) error
}

// resetter is a wire record that can be cleared for reuse, keeping the
// capacity of its lists.
type resetter interface{ reset() }

// relocatable is a public record whose times were made in UTC as
// placeholders and are moved to the account zone, wall clock unchanged,
// once the envelope has named it (the zone comes after the return).
type relocatable interface{ relocate(z *zoner) }

// zoner moves placeholder times (made in UTC) to the account zone keeping
// their wall clock, remembering the results: the records of a call share
// few distinct dates, and time.Date in a zone is slow.
type zoner struct {
	loc   *time.Location
	done  map[int64]time.Time
	lastK int64 // the last time moved (records come sorted by date)
	last  time.Time
}

func newZoner(loc *time.Location) *zoner {
	return &zoner{loc: loc, done: map[int64]time.Time{}}
}

// move relocates *t; the zero time stays zero.
func (z *zoner) move(t *time.Time) {
	if t.IsZero() || z.loc == nil || z.loc == time.UTC {
		return
	}
	if t.Nanosecond() != 0 {
		*t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), z.loc)
		return
	}
	k := t.Unix()
	if k == z.lastK && !z.last.IsZero() {
		*t = z.last
		return
	}
	r, ok := z.done[k]
	if !ok {
		r = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, z.loc)
		if len(z.done) < maxCached {
			z.done[k] = r
		}
	}
	z.lastK, z.last = k, r
	*t = r
}

// decState is the per-call state of the hand-written decoders: caches
// through which the records of one call share equal strings and amounts
// (names, item labels, currencies, prices), which saves memory and time.
type decState struct {
	strs map[string]string
	decs map[int64]decimal.Decimal
}

func newDecState() *decState {
	return &decState{strs: map[string]string{}, decs: map[int64]decimal.Decimal{}}
}

// str reads a string value, sharing it with equal earlier ones.
func (st *decState) str(d *jsontext.Decoder, f *flexString) error {
	v, err := d.ReadValue()
	if err != nil {
		return err
	}
	raw, _, _, err := jsonScalar(v)
	if err != nil {
		return err
	}
	if len(raw) > 64 {
		*f = flexString(raw)
		return nil
	}
	if s, ok := st.strs[string(raw)]; ok {
		*f = flexString(s)
		return nil
	}
	s := string(raw)
	if len(st.strs) < maxCached {
		st.strs[s] = s
	}
	*f = flexString(s)
	return nil
}

// num reads a decimal value, sharing it with equal earlier ones.
func (st *decState) num(d *jsontext.Decoder, f *flexDecimal) error {
	v, err := d.ReadValue()
	if err != nil {
		return err
	}
	if len(v) > 0 && v[0] >= '-' && v[0] <= '9' {
		return f.setNumber(v, st.decs) // a JSON number: no quotes, no escapes
	}
	raw, _, null, err := jsonScalar(v)
	if err != nil {
		return err
	}
	raw = bytes.TrimSpace(raw)
	switch {
	case null:
		*f = flexDecimal{how: isNull}
		return nil
	case len(raw) == 0:
		*f = flexDecimal{how: isEmpty}
		return nil
	}
	return f.setNumber(raw, st.decs)
}

// decodeRecord reads one record of a return into w.
func decodeRecord[W any](d *jsontext.Decoder, w *W, st *decState) error {
	if sd, ok := any(w).(streamDecoder); ok {
		return sd.decodeJSON(d, st)
	}
	v, err := d.ReadValue()
	if err != nil {
		return err
	}
	return jsonUnmarshal(v, w)
}

// getList calls function and converts every record of its return, which
// is decoded as it arrives. Records are checked (see RecordError), and so
// is the uniqueness of the IDs of identified records. Kinds whose public
// record is relocatable are converted as they arrive (one wire record is
// reused), so that memory follows the records kept; the others are kept as
// wire records and converted at the end.
func getList[W any, R any](ctx context.Context, c *Client, function string, q query, conv converter[W, R]) ([]R, error) {
	var zr R
	_, streaming := any(&zr).(relocatable)
	rc := newRecordCtx(nil, c.log, c.redact)
	var (
		ws  []W
		out chunks[R]
		ids idSet
		n   int
		st  *decState
		w   W
	)
	reset := func() { ws, out, ids, n, st = nil, chunks[R]{}, idSet{}, 0, newDecState() }
	each := func(d *jsontext.Decoder, total int64) error {
		n++
		if !streaming {
			var w W
			if err := decodeRecord(d, &w, st); err != nil {
				return err
			}
			ws = append(ws, w)
			return nil
		}
		if r, ok := any(&w).(resetter); ok {
			r.reset()
		} else {
			var zero W
			w = zero
		}
		if err := decodeRecord(d, &w, st); err != nil {
			return err
		}
		err := ids.check(&w, n)
		if err == nil {
			// Converted straight into its slot: a failed call drops the list.
			p := out.next()
			*p, err = conv(w, rc)
		}
		if err != nil {
			if re, ok := errors.AsType[*RecordError](err); ok {
				re.Function, re.Index = function, n
			}
			return err
		}
		if n == chunkLen && total > 0 {
			// Foresee the count from the bytes read so far (plus a little),
			// so that the list is allocated once, never copied; within a
			// budget, as the body's length comes from the server.
			if off := d.InputOffset(); off > 0 {
				est := float64(n)*float64(total)/float64(off)*1.02 + 16
				if est*float64(unsafe.Sizeof(zr)) <= maxReserve {
					out.reserve(int(est))
				}
			}
		}
		return nil
	}
	reset()
	_, loc, err := c.do(ctx, function, url.Values(q), each, reset)
	if err != nil {
		return nil, err
	}
	if streaming {
		rs := out.flatten()
		z := newZoner(loc)
		for i := range rs {
			any(&rs[i]).(relocatable).relocate(z)
		}
		return rs, nil
	}
	rs, err := convertAll(c, function, ws, conv, loc)
	if err != nil {
		return nil, c.redactErr(err)
	}
	return rs, nil
}

// chunks collects records in blocks of chunkLen, so that a growing list is
// never copied (nor held twice) before its final size is known; once the
// count can be foreseen, reserve makes one block of that size, returned
// as is by flatten when the forecast held.
type chunks[R any] struct {
	full [][]R
	cur  []R
	n    int
}

const chunkLen = 1024

// maxReserve bounds the memory reserved for a foreseen record count.
const maxReserve = 256 << 20

// reserve continues the list in one block of capacity n.
func (c *chunks[R]) reserve(n int) {
	if len(c.full) > 0 || n <= cap(c.cur) {
		return
	}
	one := make([]R, len(c.cur), n)
	copy(one, c.cur)
	c.cur = one
}

// next appends a zero record and returns it for filling.
func (c *chunks[R]) next() *R {
	if len(c.cur) == cap(c.cur) {
		if c.cur != nil {
			c.full = append(c.full, c.cur)
		}
		c.cur = make([]R, 0, chunkLen)
	}
	c.cur = c.cur[:len(c.cur)+1]
	c.n++
	return &c.cur[len(c.cur)-1]
}

// flatten returns the records in order as one slice, releasing each block
// once copied.
func (c *chunks[R]) flatten() []R {
	if c.n == 0 {
		return nil
	}
	if len(c.full) == 0 {
		return c.cur
	}
	out := make([]R, 0, c.n)
	for i, b := range c.full {
		out = append(out, b...)
		c.full[i] = nil
	}
	out = append(out, c.cur...)
	*c = chunks[R]{}
	return out
}

// idSet remembers the IDs of a call's records to refuse repeats: a bitmap
// for the usual small positive IDs, a map for the others.
type idSet struct {
	bits  []uint64
	other map[int]int // ID -> record position
}

// maxBitmapID bounds the bitmap (2 MB at most).
const maxBitmapID = 1 << 24

// check refuses a record whose ID an earlier record of the call had; n is
// the record's 1-based position.
func (s *idSet) check(w any, n int) error {
	idr, ok := w.(identified)
	if !ok {
		return nil
	}
	id := idr.recordID()
	if id == 0 {
		return nil
	}
	if id > 0 && id < maxBitmapID {
		word, bit := id/64, uint64(1)<<(id%64)
		if word >= len(s.bits) {
			s.bits = append(s.bits, make([]uint64, word+1-len(s.bits)+len(s.bits)/2)...)
		}
		if s.bits[word]&bit == 0 {
			s.bits[word] |= bit
			return nil
		}
		return &RecordError{ID: id, Field: "ID", Value: strconv.Itoa(id), Problem: "repeats the ID of an earlier record"}
	}
	if s.other == nil {
		s.other = map[int]int{}
	}
	if first, dup := s.other[id]; dup {
		return &RecordError{ID: id, Field: "ID", Value: strconv.Itoa(id), Problem: fmt.Sprintf("repeats the ID of record %d", first)}
	}
	s.other[id] = n
	return nil
}

// convertAll converts ws, freeing each wire record once converted.
func convertAll[W any, R any](c *Client, function string, ws []W, conv converter[W, R], loc *time.Location) ([]R, error) {
	rc := newRecordCtx(loc, c.log, c.redact)
	out := make([]R, len(ws))
	var ids idSet
	for i := range ws {
		err := ids.check(&ws[i], i+1)
		if err == nil {
			out[i], err = conv(ws[i], rc)
		}
		if err != nil {
			if re, ok := errors.AsType[*RecordError](err); ok {
				re.Function, re.Index = function, i+1
			}
			return nil, err
		}
		var zero W
		ws[i] = zero
	}
	return out, nil
}

// getOne calls a single-item get and converts its record.
func getOne[W any, R any](ctx context.Context, c *Client, function string, q query, conv converter[W, R]) (R, error) {
	var zero R
	out, err := getList(ctx, c, function, q, conv)
	if err != nil {
		return zero, err
	}
	if len(out) != 1 {
		return zero, &DecodeError{Function: function, Err: fmt.Errorf("return: got %d records, want 1", len(out))}
	}
	return out[0], nil
}
