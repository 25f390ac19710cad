package sandbox

import (
	"cmp"
	"strings"

	"github.com/careport/careport/fetch/apicode"
	"github.com/careport/careport/fetch/sandbox/account"
)

// Lookups scan the account's slices: the account changes under writes, and
// a scan of even the large sample's clients or invoices is fast next to
// encoding a response.

// find returns the record of list whose ID (as idOf reads it) is id, or nil.
func find[T any](list []*T, id int, idOf func(*T) int) *T {
	for _, x := range list {
		if idOf(x) == id {
			return x
		}
	}
	return nil
}

func findCoach(a *account.Account, id int) *account.Coach {
	return find(a.Coaches, id, func(c *account.Coach) int { return c.ID })
}

func findClient(a *account.Account, id int) *account.Client {
	return find(a.Clients, id, func(c *account.Client) int { return c.ID })
}

func findCompany(a *account.Account, id int) *account.Company {
	return find(a.Companies, id, func(c *account.Company) int { return c.ID })
}

func findGroup(a *account.Account, id int) *account.Group {
	return find(a.Groups, id, func(g *account.Group) int { return g.ID })
}

func findEngagement(a *account.Account, id int) *account.Engagement {
	return find(a.Engagements, id, func(e *account.Engagement) int { return e.ID })
}

func findTemplate(a *account.Account, id int) *account.EngagementTemplate {
	return find(a.EngagementTemplates, id, func(t *account.EngagementTemplate) int { return t.ID })
}

func findAppointmentType(a *account.Account, id int) *account.AppointmentType {
	return find(a.AppointmentTypes, id, func(t *account.AppointmentType) int { return t.ID })
}

func companyNames(a *account.Account) map[int]string {
	m := make(map[int]string, len(a.Companies))
	for _, c := range a.Companies {
		m[c.ID] = c.Name
	}
	return m
}

func clientsByID(a *account.Account) map[int]*account.Client {
	m := make(map[int]*account.Client, len(a.Clients))
	for _, c := range a.Clients {
		m[c.ID] = c
	}
	return m
}

func fullName(first, last string) string { return strings.TrimSpace(first + " " + last) }

// idFilter reads an optional ID filter naming a record that must exist
// (302 otherwise). found says whether the filter was given; "0" is a
// filter only when zeroOK.
func (c *call) idFilter(name string, exists func(int) bool, zeroOK bool) (id int, found bool, e *apiError) {
	id, found, e = c.intParam(name)
	if e != nil || !found {
		return id, found, e
	}
	if id == 0 && zeroOK {
		return 0, true, nil
	}
	if !exists(id) {
		return 0, true, fail(apicode.UnknownID, "%s: %s %d refers to nothing.", c.function, name, id)
	}
	return id, true, nil
}

// coachFilter reads an optional CoachID; a coach that does not exist is 311.
func (c *call) coachFilter(name string) (int, bool, *apiError) {
	v := c.params[name]
	id, found, e := c.intParam(name)
	if e != nil || found && findCoach(c.acct, id) == nil {
		return 0, true, fail(apicode.CoachUnknown, "%s: %s %q matches no coach.", c.function, name, v)
	}
	return id, found, nil
}

func (c *call) clientFilter(name string) (int, bool, *apiError) {
	return c.idFilter(name, func(id int) bool { return findClient(c.acct, id) != nil }, false)
}

func (c *call) companyFilter(name string, zeroOK bool) (int, bool, *apiError) {
	return c.idFilter(name, func(id int) bool { return findCompany(c.acct, id) != nil }, zeroOK)
}

// dateRange reads a from/to pair of date filters (304 when invalid). A
// date-only upper bound covers its whole day; absent bounds are 0.
func (c *call) dateRange(from, to string) (account.DateTime, account.DateTime, *apiError) {
	f, e := c.dateTimeParam(from)
	if e != nil {
		return 0, 0, e
	}
	t, e := c.dateToParam(to)
	if e != nil {
		return 0, 0, e
	}
	return f, t, nil
}

// inRange reports whether v lies within [from, to]; zero bounds are open.
func inRange(v, from, to account.DateTime) bool {
	return (from == 0 || v >= from) && (to == 0 || v <= to)
}

// inDateRange is inRange for a date compared with date/time bounds: the
// date's midnight against from, and the date itself against to's day.
func inDateRange(d account.Date, from, to account.DateTime) bool {
	return (from == 0 || d.At(23, 59, 59) >= from) && (to == 0 || d.At(0, 0, 0) <= to)
}

// hasPrefixFold reports whether s starts with prefix, ignoring case.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// direction reads sortDirection (A or D, default D) as a multiplier.
func (c *call) direction() (int, *apiError) {
	d, e := c.enumParam("sortDirection", "D", "A", "D")
	if d == "A" {
		return 1, e
	}
	return -1, e
}

// byOption sorts for sortOption: C by dateAdded descending then ID
// descending; A active first, then by name keys and ID (3.7 proposal).
func byOption[T any](option string, active func(T) bool, added func(T) account.DateTime, id func(T) int, names func(T) []string) func(x, y T) int {
	if option == "A" {
		return func(x, y T) int {
			if ax, ay := active(x), active(y); ax != ay {
				if ax {
					return -1
				}
				return 1
			}
			nx, ny := names(x), names(y)
			for i := range nx {
				if r := cmp.Compare(strings.ToLower(nx[i]), strings.ToLower(ny[i])); r != 0 {
					return r
				}
			}
			return cmp.Compare(id(x), id(y))
		}
	}
	return func(x, y T) int {
		if r := cmp.Compare(added(y), added(x)); r != 0 {
			return r
		}
		return cmp.Compare(id(y), id(x))
	}
}

// compareNumbers orders invoice numbers naturally: numeric ones by value
// before others, the rest as text.
func compareNumbers(x, y string) int {
	nx, ex := atoiStrict(x)
	ny, ey := atoiStrict(y)
	switch {
	case ex && ey:
		return cmp.Compare(nx, ny)
	case ex:
		return -1
	case ey:
		return 1
	}
	return cmp.Compare(x, y)
}

func atoiStrict(s string) (int64, bool) {
	if s == "" || len(s) > 18 {
		return 0, false
	}
	var n int64
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, false
		}
		n = n*10 + int64(r-'0')
	}
	return n, true
}
