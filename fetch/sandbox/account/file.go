package account

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// Decode reads an account file (the JSON encoding of Account) and checks it
// with Validate.
func Decode(r io.Reader) (*Account, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var a Account
	if err := dec.Decode(&a); err != nil {
		return nil, fmt.Errorf("decode account: %w", err)
	}
	if err := a.Validate(); err != nil {
		return nil, err
	}
	return &a, nil
}

// Load reads and validates the account file at path.
func Load(path string) (*Account, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	a, err := Decode(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return a, nil
}

// Encode writes a as indented JSON; the same account always gives the same bytes.
func (a *Account) Encode(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(a)
}

// Save writes a to path atomically: a temporary file in the same folder,
// synced, then renamed over path. A crash leaves the old file or the new one.
func (a *Account) Save(path string) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("save account: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = a.Encode(tmp); err != nil {
		return fmt.Errorf("save account: %w", err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("save account: %w", err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("save account: %w", err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("save account: %w", err)
	}
	return nil
}

// Location returns the account's timezone.
func (a *Account) Location() (*time.Location, error) {
	loc, err := time.LoadLocation(a.Timezone)
	if err != nil {
		return nil, fmt.Errorf("account timezone %q: %w", a.Timezone, err)
	}
	return loc, nil
}

// Validate checks what the sandbox relies on: a known timezone, unique IDs,
// and references that point at existing records.
func (a *Account) Validate() error {
	if _, err := a.Location(); err != nil {
		return err
	}
	if a.Currency == "" {
		return fmt.Errorf("account: currency is empty")
	}
	if err := a.checkNulls(); err != nil {
		return err
	}
	coaches, companies, clients := newIDs("coach"), newIDs("company"), newIDs("client")
	for _, c := range a.Coaches {
		if err := coaches.add(c.ID); err != nil {
			return err
		}
	}
	if a.OwnerCoachID != 0 && !coaches.seen[a.OwnerCoachID] {
		return fmt.Errorf("account: ownerCoachID %d is no coach", a.OwnerCoachID)
	}
	for _, c := range a.Companies {
		if err := companies.add(c.ID); err != nil {
			return err
		}
	}
	for _, c := range a.Clients {
		if err := clients.add(c.ID); err != nil {
			return err
		}
		if err := coaches.ref("client", c.ID, c.CoachID, false); err != nil {
			return err
		}
		if err := companies.ref("client", c.ID, c.CompanyID, true); err != nil {
			return err
		}
	}
	for _, p := range a.Pairings {
		if !coaches.seen[p.CoachID] || !clients.seen[p.ClientID] {
			return fmt.Errorf("account: pairing %d-%d names a missing coach or client", p.CoachID, p.ClientID)
		}
	}
	invoices := map[int]bool{}
	payments := map[int]bool{}
	for _, inv := range a.Invoices {
		if inv == nil {
			return fmt.Errorf("account: null invoice")
		}
		if invoices[inv.ID] || inv.ID <= 0 {
			return fmt.Errorf("account: invoice ID %d is duplicated or not positive", inv.ID)
		}
		invoices[inv.ID] = true
		if err := clients.ref("invoice", inv.ID, inv.ClientID, true); err != nil {
			return err
		}
		if err := companies.ref("invoice", inv.ID, inv.CompanyID, true); err != nil {
			return err
		}
		if inv.ClientID == 0 && inv.CompanyID == 0 {
			return fmt.Errorf("account: invoice %d has neither a client nor a company", inv.ID)
		}
		if inv.Currency == "" {
			return fmt.Errorf("account: invoice %d has no currency", inv.ID)
		}
		for _, p := range inv.Payments {
			if p == nil {
				return fmt.Errorf("account: invoice %d has a null payment", inv.ID)
			}
			if payments[p.ID] || p.ID <= 0 {
				return fmt.Errorf("account: payment ID %d is duplicated or not positive", p.ID)
			}
			payments[p.ID] = true
		}
	}
	return a.validateRecords(coaches, clients, companies)
}
