package fetch

import (
	"context"
	"net/url"
	"strconv"
	"time"

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

// getList calls function and converts every record of its return.
func getList[W any, R any](ctx context.Context, c *Client, function string, q query, conv func(W, *time.Location) R) ([]R, error) {
	env, loc, err := c.call(ctx, function, url.Values(q))
	if err != nil {
		return nil, err
	}
	ws, err := decodeList[W](env.Return)
	if err != nil {
		return nil, c.decodeError(function, err)
	}
	out := make([]R, len(ws))
	for i, w := range ws {
		out[i] = conv(w, loc)
	}
	return out, nil
}

// getOne calls a single-item get and converts its record.
func getOne[W any, R any](ctx context.Context, c *Client, function string, q query, conv func(W, *time.Location) R) (R, error) {
	var zero R
	env, loc, err := c.call(ctx, function, url.Values(q))
	if err != nil {
		return zero, err
	}
	w, err := decodeOne[W](env.Return)
	if err != nil {
		return zero, c.decodeError(function, err)
	}
	return conv(w, loc), nil
}
