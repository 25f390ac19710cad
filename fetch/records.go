package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"time"

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
	decodeJSON(d *jsontext.Decoder) error
}

// decodeRecord reads one record of a return into w.
func decodeRecord[W any](d *jsontext.Decoder, w *W) error {
	if sd, ok := any(w).(streamDecoder); ok {
		return sd.decodeJSON(d)
	}
	v, err := d.ReadValue()
	if err != nil {
		return err
	}
	return jsonUnmarshal(v, w)
}

// getList calls function and converts every record of its return, which
// is decoded as it arrives. Records are checked (see RecordError), and so
// is the uniqueness of the IDs of identified records.
func getList[W any, R any](ctx context.Context, c *Client, function string, q query, conv converter[W, R]) ([]R, error) {
	var ws []W
	each := func(d *jsontext.Decoder) error {
		var w W
		if err := decodeRecord(d, &w); err != nil {
			return err
		}
		ws = append(ws, w)
		return nil
	}
	_, loc, err := c.do(ctx, function, url.Values(q), each, func() { ws = nil })
	if err != nil {
		return nil, err
	}
	out, err := convertAll(c, function, ws, conv, loc)
	if err != nil {
		return nil, c.redactErr(err)
	}
	return out, nil
}

// convertAll converts ws, freeing each wire record once converted.
func convertAll[W any, R any](c *Client, function string, ws []W, conv converter[W, R], loc *time.Location) ([]R, error) {
	rc := newRecordCtx(loc, c.log, c.redact)
	out := make([]R, len(ws))
	var seen map[int]int
	for i := range ws {
		var err error
		if idr, ok := any(&ws[i]).(identified); ok {
			if id := idr.recordID(); id != 0 {
				if seen == nil {
					seen = make(map[int]int, len(ws))
				}
				if first, dup := seen[id]; dup {
					err = &RecordError{ID: id, Field: "ID", Value: strconv.Itoa(id), Problem: fmt.Sprintf("repeats the ID of record %d", first)}
				}
				seen[id] = i + 1
			}
		}
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
