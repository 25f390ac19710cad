// Package clientdata computes the CSV texts of the sandbox's two report
// calls, ClientData.getByField (the data fetch, DataFetch) and
// ClientData.getActivityStats (activity stats, ActivityStats), from the
// state of an emulated account, in the layout of section 6.3 of
// COACHACCOUNTABLE.md (the emulator contract):
//
//   - UTF-8 without a byte-order mark, lines ending in "\n", the text ending
//     with a newline; fields quoted only when needed, as encoding/csv writes
//     them.
//   - Client columns first: ClientID, Client Name (first name, space, last
//     name), then Coach Name (the primary coach) when asked for.
//   - Rows ordered by last name, first name, then ClientID (plain byte-wise
//     string order).
//   - Grid columns are date buckets labelled D 2025-03-05, W 2025-03-03 (the
//     Monday of a Monday-to-Sunday week), M 2025-03, Q 2025-Q1, Y 2025; every
//     bucket from the first to the last is present, empty or not.
//   - Numbers are plain decimals without trailing zeros (account.Fixed's
//     String); averages are rounded half-up to 2 decimals.
//
// All dates of an account are wall-clock values in the account's timezone,
// so bucketing is calendar arithmetic on account.Date; no time.Location is
// consulted. Both functions read the account and never change it; the
// caller holds the account's lock. Parameter validation (unknown IDs and
// letters: 301, 302, 311) is the caller's job; this package accepts any
// input without panicking and treats a zero option as the API default where
// one exists.
package clientdata

import (
	"cmp"
	"encoding/csv"
	"slices"
	"strings"

	"github.com/careport/careport/fetch/sandbox/account"
)

// clientFilter is the set of client filters common to both calls; zero
// fields do not filter.
type clientFilter struct {
	coachID, clientID int
	includeInactive   bool
	// extra, when non-nil, must also accept the client.
	extra func(*account.Client) bool
}

// selectClients returns the clients of a that pass f, in report row order:
// last name, first name, then ClientID.
func selectClients(a *account.Account, f clientFilter) []*account.Client {
	var out []*account.Client
	for _, c := range a.Clients {
		switch {
		case c == nil,
			!c.IsActive && !f.includeInactive,
			f.coachID != 0 && c.CoachID != f.coachID,
			f.clientID != 0 && c.ID != f.clientID,
			f.extra != nil && !f.extra(c):
			continue
		}
		out = append(out, c)
	}
	slices.SortFunc(out, func(x, y *account.Client) int {
		if c := cmp.Compare(x.LastName, y.LastName); c != 0 {
			return c
		}
		if c := cmp.Compare(x.FirstName, y.FirstName); c != 0 {
			return c
		}
		return cmp.Compare(x.ID, y.ID)
	})
	return out
}

// fullName joins a first and a last name with a space ("Ava Chen"); a
// missing part leaves no stray space.
func fullName(first, last string) string {
	switch {
	case first == "":
		return last
	case last == "":
		return first
	}
	return first + " " + last
}

// clientColumns writes the client columns of 6.3 for a set of rows.
type clientColumns struct {
	coachNames map[int]string // primary coach names by CoachID; nil without Coach Name
}

// newClientColumns prepares the client columns; withCoach adds Coach Name.
func newClientColumns(a *account.Account, withCoach bool) clientColumns {
	if !withCoach {
		return clientColumns{}
	}
	names := make(map[int]string, len(a.Coaches))
	for _, c := range a.Coaches {
		if c != nil {
			names[c.ID] = fullName(c.FirstName, c.LastName)
		}
	}
	return clientColumns{coachNames: names}
}

// header appends the client column names to rec.
func (cc clientColumns) header(rec []string) []string {
	rec = append(rec, "ClientID", "Client Name")
	if cc.coachNames != nil {
		rec = append(rec, "Coach Name")
	}
	return rec
}

// row appends c's client columns to rec.
func (cc clientColumns) row(rec []string, c *account.Client, id string) []string {
	rec = append(rec, id, fullName(c.FirstName, c.LastName))
	if cc.coachNames != nil {
		rec = append(rec, cc.coachNames[c.CoachID])
	}
	return rec
}

// csvText collects CSV records into a string with encoding/csv (fields
// quoted only when needed, lines ending in "\n").
type csvText struct {
	sb strings.Builder
	w  *csv.Writer
}

// newCSVText returns an empty text with room for about sizeHint bytes.
func newCSVText(sizeHint int) *csvText {
	t := &csvText{}
	t.sb.Grow(sizeHint)
	t.w = csv.NewWriter(&t.sb)
	return t
}

// write adds one record. A csv.Writer fails only when its destination
// does, and a strings.Builder never does: there is no error to handle.
func (t *csvText) write(rec []string) { _ = t.w.Write(rec) }

// String flushes the writer and returns the text.
func (t *csvText) String() string {
	t.w.Flush()
	return t.sb.String()
}
