package engagements

import (
	"context"
	"fmt"
	"time"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/fetch/dataset"
)

// Data is everything the engagement report reads: whole lists fetched once
// without date filters (the report filters locally, so one snapshot serves
// any period). Times in the records are in Location, the account zone.
type Data struct {
	Location *time.Location
	// FetchedAt is the data time: "now" for the API's own figures
	// (allocationUsedP counts the appointments held by then).
	FetchedAt time.Time
	// Engagements come from Engagement.getAll with their AppointmentSet.
	Engagements []fetch.Engagement
	// Appointments come from Appointment.getAll, pending, declined and
	// canceled ones included.
	Appointments []fetch.Appointment
	Clients      []fetch.ClientRecord
	Coaches      []fetch.Coach
	Companies    []fetch.Company
	// Invoices give the open invoices of the Renewals sheet.
	Invoices []fetch.Invoice
}

// needs are the data the report reads, whatever the period and flags.
var needs = dataset.Of(dataset.Engagements, dataset.Appointments, dataset.Clients, dataset.Coaches,
	dataset.Companies, dataset.Invoices)

// dataFrom takes the report's data out of a loaded data set.
func dataFrom(d *dataset.Set) (*Data, error) {
	data := &Data{Location: d.Location(), FetchedAt: d.FetchedAt()}
	var err error
	if data.Engagements, err = d.Engagements(); err != nil {
		return nil, err
	}
	if data.Appointments, err = d.Appointments(); err != nil {
		return nil, err
	}
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
	return data, nil
}

// Fetch loads the report's data through a new data set over c (the calls
// the report command makes, all at once); for tests, examples and
// benchmarks that build the report directly. FetchedAt is now() when the
// fetch started.
func Fetch(ctx context.Context, c *fetch.Client, now func() time.Time) (*Data, error) {
	if now == nil {
		now = time.Now
	}
	ds, err := dataset.Fetch(ctx, c, now(), needs)
	if err != nil {
		return nil, fmt.Errorf("engagements fetch: %w", err)
	}
	return dataFrom(ds)
}
