package fetch

import (
	"context"
	"time"
)

// Company is an organisation clients can belong to (section 4.5).
type Company struct {
	ID        int
	Name      string
	DateAdded time.Time // account zone
	IsActive  bool
	Address1  string
	City      string
	State     string
	ZIP       string
	Country   string
}

type wireCompany struct {
	ID        flexInt    `json:"ID"`
	Name      flexString `json:"name"`
	DateAdded flexTime   `json:"dateAdded"`
	IsActive  flexBool   `json:"isActive"`
	Address1  flexString `json:"address1"`
	City      flexString `json:"city"`
	State     flexString `json:"state"`
	ZIP       flexString `json:"ZIP"`
	Country   flexString `json:"country"`
}

func (w wireCompany) record(loc *time.Location) Company {
	return Company{
		ID: int(w.ID), Name: string(w.Name), DateAdded: w.DateAdded.at(loc), IsActive: bool(w.IsActive),
		Address1: string(w.Address1), City: string(w.City), State: string(w.State), ZIP: string(w.ZIP),
		Country: string(w.Country),
	}
}

// CompaniesOptions filters Companies; the zero value lists active companies,
// newest first.
type CompaniesOptions struct {
	IncludeInactive bool
	SortOption      string // "C" newest first (default), "A" alphabetical
}

// Companies lists companies (API function Company.getAll).
func (c *Client) Companies(ctx context.Context, opts CompaniesOptions) ([]Company, error) {
	q := query{}
	q.flag("includeInactive", opts.IncludeInactive)
	q.str("sortOption", opts.SortOption)
	return getList(ctx, c, "Company.getAll", q, plain(wireCompany.record))
}
