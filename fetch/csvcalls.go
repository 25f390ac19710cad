package fetch

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"time"
)

// csvText takes the CSV from return.data, or from return itself when it is
// a string; an empty return is an empty text.
func csvText(raw json.RawMessage) (string, error) {
	if emptyReturn(raw) {
		return "", nil
	}
	t := bytes.TrimSpace(raw)
	switch t[0] {
	case '"':
		var s string
		if err := json.Unmarshal(t, &s); err != nil {
			return "", fmt.Errorf("return: %w", err)
		}
		return s, nil
	case '{':
		var w struct {
			Data *flexString `json:"data"`
		}
		if err := json.Unmarshal(t, &w); err != nil {
			return "", fmt.Errorf("return: %w", err)
		}
		if w.Data == nil {
			return "", fmt.Errorf("return: object without data")
		}
		return string(*w.Data), nil
	}
	return "", fmt.Errorf("return: got %.20s, want {\"data\": CSV} or a string", t)
}

// DataFetchOptions are the parameters of DataFetch; FieldName is required.
// Zero values mean the API defaults (weekly buckets, numbers, date grid).
type DataFetchOptions struct {
	FieldName        string // metric name or form input name
	CoachID          int    // clients of this primary coach
	ClientID         int
	From, To         time.Time // inclusive, sent as the calendar date of their location
	IncludeInactive  bool
	IncludeCoachName bool
	Bucket           byte // 'D', 'W' (default) or 'M'
	WhatData         byte // 'N' numbers (default), 'T' text, 'B' both
	Structure        byte // 'D' date grid (default), 'L' listing
}

// DataFetch pulls one named field for many clients over time (API function
// ClientData.getByField) and parses its CSV (see ParseDataFetchCSV).
func (c *Client) DataFetch(ctx context.Context, opts DataFetchOptions) (*DataFetch, error) {
	const fn = "ClientData.getByField"
	q := query{}
	q.str("fieldname", opts.FieldName)
	q.int("CoachID", opts.CoachID)
	q.int("ClientID", opts.ClientID)
	q.date("dateFrom", opts.From)
	q.date("dateTo", opts.To)
	q.flag("includeInactive", opts.IncludeInactive)
	q.flag("includeCoachName", opts.IncludeCoachName)
	q.char("dateBucket", opts.Bucket)
	q.char("whatData", opts.WhatData)
	q.char("structure", opts.Structure)
	env, loc, err := c.call(ctx, fn, url.Values(q))
	if err != nil {
		return nil, err
	}
	text, err := csvText(env.Return)
	if err != nil {
		return nil, c.decodeError(fn, err)
	}
	return ParseDataFetchCSV(fn, text, loc, opts.Structure, opts.WhatData)
}

// ActivityStatsOptions are the parameters of ActivityStats; the zero value
// counts every kind of item for every active client in weekly buckets,
// with totals and averages.
type ActivityStatsOptions struct {
	CoachID      int
	ClientID     int
	GroupID      int
	CompanyID    int
	EngagementID int
	Bucket       byte      // 'D', 'W' (default), 'M', 'Q' or 'Y'
	From, To     time.Time // sent as the calendar date of their location
	// ItemTypes are letters of AMPSWJFC (default all).
	ItemTypes       string
	IncludeInactive bool
	// WithoutTotals and WithoutAverages leave out those columns.
	WithoutTotals, WithoutAverages bool
}

// ActivityStats counts client activity per period (API function
// ClientData.getActivityStats) and parses its CSV (see
// ParseActivityStatsCSV).
func (c *Client) ActivityStats(ctx context.Context, opts ActivityStatsOptions) (*ActivityStats, error) {
	const fn = "ClientData.getActivityStats"
	q := query{}
	q.int("CoachID", opts.CoachID)
	q.int("ClientID", opts.ClientID)
	q.int("GroupID", opts.GroupID)
	q.int("CompanyID", opts.CompanyID)
	q.int("EngagementID", opts.EngagementID)
	q.char("dateBucket", opts.Bucket)
	q.date("dateFrom", opts.From)
	q.date("dateTo", opts.To)
	q.str("itemTypes", opts.ItemTypes)
	q.flag("includeInactive", opts.IncludeInactive)
	if opts.WithoutTotals {
		q["includeTotals"] = []string{"false"}
	}
	if opts.WithoutAverages {
		q["includeAverages"] = []string{"false"}
	}
	env, loc, err := c.call(ctx, fn, url.Values(q))
	if err != nil {
		return nil, err
	}
	text, err := csvText(env.Return)
	if err != nil {
		return nil, c.decodeError(fn, err)
	}
	return ParseActivityStatsCSV(fn, text, loc)
}
