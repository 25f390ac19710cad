package revenue

import (
	"context"
	"fmt"
	"time"

	"github.com/careport/careport/fetch"
)

// Data is everything the revenue report needs, fetched once without date
// filters (reports filter locally, so one snapshot serves any period).
// Times in the records are in Location, the account time zone.
type Data struct {
	Location  *time.Location
	Invoices  []fetch.Invoice
	Clients   []fetch.ClientRecord
	Coaches   []fetch.Coach
	Companies []fetch.Company
	FetchedAt time.Time
}

// Fetch reads the data of the revenue report with exactly these calls, always
// with the same parameters so that replay from a snapshot finds them:
// Client.getAll, Coach.getAll and Company.getAll (inactive records included)
// and Invoice.getAll (no filter). FetchedAt is now() when the fetch started.
// Errors are the fetch package's, wrapped with the call that failed.
func Fetch(ctx context.Context, c *fetch.Client, now func() time.Time) (*Data, error) {
	if c == nil {
		return nil, fmt.Errorf("revenue fetch: nil client")
	}
	if now == nil {
		now = time.Now
	}
	d := &Data{FetchedAt: now()}
	var err error
	if d.Clients, err = c.Clients(ctx, fetch.ClientsOptions{IncludeInactive: true}); err != nil {
		return nil, fmt.Errorf("revenue fetch clients: %w", err)
	}
	if d.Coaches, err = c.Coaches(ctx, fetch.CoachesOptions{IncludeInactive: true}); err != nil {
		return nil, fmt.Errorf("revenue fetch coaches: %w", err)
	}
	if d.Companies, err = c.Companies(ctx, fetch.CompaniesOptions{IncludeInactive: true}); err != nil {
		return nil, fmt.Errorf("revenue fetch companies: %w", err)
	}
	if d.Invoices, err = c.Invoices(ctx, fetch.InvoicesOptions{}); err != nil {
		return nil, fmt.Errorf("revenue fetch invoices: %w", err)
	}
	d.Location = c.Location()
	if d.Location == nil {
		d.Location = time.UTC
	}
	return d, nil
}
