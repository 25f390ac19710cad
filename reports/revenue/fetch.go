package revenue

import (
	"context"
	"fmt"
	"time"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/fetch/dataset"
)

// Data is everything the revenue report reads: whole lists fetched once
// without date filters (reports filter locally, so one snapshot serves any
// period). Times in the records are in Location, the account time zone.
type Data struct {
	Location  *time.Location
	Invoices  []fetch.Invoice
	Clients   []fetch.ClientRecord
	Coaches   []fetch.Coach
	Companies []fetch.Company
	// Pairings is the pairing history (Pairing.getHistory), from which each
	// invoice is attributed to the client's primary coach on its date.
	Pairings  []fetch.Pairing
	FetchedAt time.Time
}

// dataFrom takes the report's data out of a loaded data set.
func dataFrom(d *dataset.Set) (*Data, error) {
	data := &Data{Location: d.Location(), FetchedAt: d.FetchedAt()}
	var err error
	if data.Clients, err = d.Clients(); err != nil {
		return nil, err
	}
	if data.Coaches, err = d.Coaches(); err != nil {
		return nil, err
	}
	if data.Companies, err = d.Companies(); err != nil {
		return nil, err
	}
	if data.Invoices, err = d.Invoices(); err != nil {
		return nil, err
	}
	if data.Pairings, err = d.Pairings(); err != nil {
		return nil, err
	}
	return data, nil
}

// Fetch loads the revenue report's data through a new data set over c (the
// same calls the report command makes, all at once) and returns it; for
// tests, examples and benchmarks that build the report directly. FetchedAt
// is now() when the fetch started.
func Fetch(ctx context.Context, c *fetch.Client, now func() time.Time) (*Data, error) {
	if now == nil {
		now = time.Now
	}
	ds, err := dataset.Fetch(ctx, c, now(), needs)
	if err != nil {
		return nil, fmt.Errorf("revenue fetch: %w", err)
	}
	return dataFrom(ds)
}
