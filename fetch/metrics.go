package fetch

import (
	"context"
	"time"

	"github.com/shopspring/decimal"
)

// Metric is a number a client tracks (section 4.11). StartDate, EndDate and
// data dates are midnight in the account zone.
type Metric struct {
	ID int
	// ClientID is the client whose metrics were asked for (the API does not
	// return it).
	ClientID    int
	Name        string
	Units       string // e.g. "$", "lbs"
	TotalWeight int
	StartDate   time.Time
	EndDate     time.Time
	TargetMode  string // H higher is better, L lower is better
	// TargetStart and TargetEnd are invalid when the metric has no target.
	TargetStart decimal.NullDecimal
	TargetEnd   decimal.NullDecimal
	DataMode    string // R regular, C cumulative
	RepeatRule  string
	Data        []DataPoint
}

// DataPoint is one value of a metric.
type DataPoint struct {
	DateOf  time.Time
	Value   decimal.Decimal
	Comment string
}

type wireDataPoint struct {
	DateOf  flexTime    `json:"dateOf"`
	Value   flexDecimal `json:"value"`
	Comment flexString  `json:"comment"`
}

type wireMetric struct {
	ID          flexInt                 `json:"ID"`
	Name        flexString              `json:"name"`
	Units       flexString              `json:"units"`
	TotalWeight flexInt                 `json:"totalWeight"`
	StartDate   flexTime                `json:"startDate"`
	EndDate     flexTime                `json:"endDate"`
	TargetMode  flexString              `json:"targetMode"`
	TargetStart flexDecimal             `json:"targetStart"`
	TargetEnd   flexDecimal             `json:"targetEnd"`
	DataMode    flexString              `json:"dataMode"`
	RepeatRule  flexString              `json:"repeatRule"`
	Data        flexList[wireDataPoint] `json:"dataSet"`
}

func (w wireMetric) record(loc *time.Location) Metric {
	m := Metric{
		ID: int(w.ID), Name: string(w.Name), Units: string(w.Units), TotalWeight: int(w.TotalWeight),
		StartDate: w.StartDate.date(loc), EndDate: w.EndDate.date(loc), TargetMode: string(w.TargetMode),
		TargetStart: w.TargetStart.null(), TargetEnd: w.TargetEnd.null(), DataMode: string(w.DataMode),
		RepeatRule: string(w.RepeatRule),
	}
	for _, d := range w.Data {
		m.Data = append(m.Data, DataPoint{DateOf: d.DateOf.date(loc), Value: d.Value.value(), Comment: string(d.Comment)})
	}
	return m
}

// MetricsOptions filters Metrics; the zero value lists a client's current
// metrics with their data.
type MetricsOptions struct {
	IncludeCompleted bool
	// WithoutData leaves out the data points (includeData=false).
	WithoutData bool
}

// Metrics lists one client's metrics with their data (API function
// Metric.getAll).
func (c *Client) Metrics(ctx context.Context, clientID int, opts MetricsOptions) ([]Metric, error) {
	q := query{}
	q.int("ClientID", clientID)
	q.flag("includeCompleted", opts.IncludeCompleted)
	if opts.WithoutData {
		q["includeData"] = []string{"false"}
	}
	ms, err := getList(ctx, c, "Metric.getAll", q, plain(wireMetric.record))
	for i := range ms {
		ms[i].ClientID = clientID
	}
	return ms, err
}

// MetricsForClients calls Metrics once per client, at most Concurrency at a
// time, and returns every metric in ascending client ID order (each
// client's in API order), however the calls finish. The first error
// cancels the calls not yet done and is returned.
func (c *Client) MetricsForClients(ctx context.Context, clientIDs []int, opts MetricsOptions) ([]Metric, error) {
	return fanOut(ctx, c, "Metric.getAll", clientIDs, func(ctx context.Context, id int) ([]Metric, error) {
		return c.Metrics(ctx, id, opts)
	})
}
