package sandbox

import (
	"strconv"
	"strings"
	"time"

	"github.com/careport/careport/fetch/apicode"
	"github.com/careport/careport/fetch/sandbox/account"
)

// writeFunctions lists the write functions the sandbox implements. The
// server runs them under the account's write lock and saves the state file
// after each successful one.
//
// Every write handler validates in the order of section 1.9: required
// parameters (301), referenced records (302, 311-313), formats (303-306,
// 321/322, 492-494, 443), then business rules (4xx), and changes the account
// only after every check passed, so a failed call leaves it untouched.
func writeFunctions() map[string]handler {
	return map[string]handler{
		"Coach.add":               coachAdd,
		"Client.add":              clientAdd,
		"Client.update":           clientUpdate,
		"Client.deactivate":       clientDeactivate,
		"Pairing.set":             pairingSet,
		"Action.add":              actionAdd,
		"Action.markDone":         actionMarkDone,
		"Metric.add":              metricAdd,
		"Metric.addData":          metricAddData,
		"Appointment.add":         appointmentAdd,
		"Appointment.cancel":      appointmentCancel,
		"Session.add":             sessionAdd,
		"Invoice.add":             invoiceAdd,
		"Invoice.addPayment":      invoiceAddPayment,
		"Invoice.deletePayment":   invoiceDeletePayment,
		"Engagement.addForClient": engagementAddForClient,
		"Engagement.complete":     engagementComplete,
		"Engagement.cancel":       engagementCancel,
	}
}

// Result symbols of write functions (section 1.6).
const (
	resultAdded            = "added"
	resultDuplicateSkipped = "duplicateSkipped"
	resultDuplicateAdded   = "duplicateAdded"
	resultUpdated          = "updated"
	resultNoop             = "noop"
	resultDeleted          = "deleted"
)

// nothing is the return value of a write function that returns nothing
// (section 1.7 proposal: an empty JSON array).
func nothing() []any { return []any{} }

// nextID is one more than the largest ID of items (1 for none).
func nextID[T any](items []T, id func(T) int) int {
	n := 0
	for _, it := range items {
		n = max(n, id(it))
	}
	return n + 1
}

// coachParam reads an optional coach ID and checks it as section 1.9 step 4
// does: 311 when it names no coach (or is not a number), 312 when the
// coach is inactive, 313 when the coach has no coaching role. Absent gives nil.
func (c *call) coachParam(name string) (*account.Coach, *apiError) {
	id, found, e := c.coachFilter(name)
	if e != nil || !found {
		return nil, e
	}
	co := findCoach(c.acct, id)
	if !co.IsActive {
		return nil, fail(apicode.CoachInactive, "%s: %s %d is an inactive coach.", c.function, name, id)
	}
	if !co.IsCoaching {
		return nil, fail(apicode.CoachNotCoaching, "%s: %s %d has no coaching role.", c.function, name, id)
	}
	return co, nil
}

// clientParam reads a client ID that must name a client (302); the caller
// has checked that it was supplied.
func (c *call) clientParam(name string) (*account.Client, *apiError) {
	id, _, e := c.clientFilter(name)
	if e != nil {
		return nil, e
	}
	return findClient(c.acct, id), nil
}

// requiredName reads a supplied name that must contain a letter (306; a
// value of blanks only is unusable too).
func (c *call) requiredName(name string, max int) (string, *apiError) {
	v, e := c.nameParam(name, max)
	if e == nil && v == "" {
		e = fail(apicode.InvalidName, "%s: %s is blank.", c.function, name)
	}
	return v, e
}

// requiredEmail reads a supplied email address (303 when invalid or blank).
func (c *call) requiredEmail(name string, max int) (string, *apiError) {
	v, e := c.emailParam(name, max)
	if e == nil && v == "" {
		e = fail(apicode.InvalidEmail, "%s: %s is blank.", c.function, name)
	}
	return v, e
}

// timezoneParam reads an optional IANA timezone name; one Go cannot load is
// 301 (no documented code fits better). Absent gives "".
func (c *call) timezoneParam(name string) (string, *apiError) {
	v := strings.TrimSpace(c.params[name])
	if v == "" {
		return "", nil
	}
	if _, err := time.LoadLocation(v); err != nil {
		return "", fail(apicode.RequiredMissing, "%s: %s %q is not a known timezone.", c.function, name, v)
	}
	return v, nil
}

// zone is the location a timezoneOf letter selects (section 1.4): C the
// coach's, L the client's, A the account's. An empty or unknown timezone
// on the person falls back to the account's.
func (c *call) zone(option string, coach *account.Coach, client *account.Client) *time.Location {
	var name string
	switch {
	case option == "C" && coach != nil:
		name = coach.Timezone
	case option == "L" && client != nil:
		name = client.Timezone
	}
	if name == "" {
		return c.loc
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return c.loc
	}
	return loc
}

// toAccount converts a wall-clock date and time of day (seconds since
// midnight) in loc into the account timezone's wall clock.
func (c *call) toAccount(d account.Date, secs int, loc *time.Location) account.DateTime {
	u := d.Time(time.UTC)
	t := time.Date(u.Year(), u.Month(), u.Day(), 0, 0, secs, 0, loc)
	return account.DateTimeFromTime(t, c.loc)
}

// reminderSpec is one parsed reminderSet triplet (section 3.1).
type reminderSpec struct {
	sendTo, method string
	minutes        int
}

// parseReminderSet reads a reminderSet value (3.1 proposal): blank is none,
// items are separated by ';' (blank items ignored), each must have three
// comma-separated parts (321) with valid values (322).
func (c *call) parseReminderSet(name, v string) ([]reminderSpec, *apiError) {
	var out []reminderSpec
	for item := range strings.SplitSeq(v, ";") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		parts := strings.Split(item, ",")
		if len(parts) != 3 {
			return nil, fail(apicode.ReminderSyntax, "%s: %s item %q is not a who,method,minutes triplet.", c.function, name, item)
		}
		who, method, mins := strings.TrimSpace(parts[0]), strings.TrimSpace(parts[1]), strings.TrimSpace(parts[2])
		n, err := strconv.Atoi(mins)
		if (who != "C" && who != "L") || (method != "E" && method != "T") || err != nil {
			return nil, fail(apicode.ReminderValue, "%s: %s item %q has an invalid value.", c.function, name, item)
		}
		out = append(out, reminderSpec{sendTo: who, method: method, minutes: n})
	}
	return out, nil
}

// nextReminderID is one more than the largest reminder ID of the account
// (reminder IDs are unique across actions, appointments and worksheets).
func nextReminderID(a *account.Account) int {
	n := 0
	for _, x := range a.Actions {
		for _, r := range x.Reminders {
			n = max(n, r.ID)
		}
	}
	for _, x := range a.Appointments {
		for _, r := range x.Reminders {
			n = max(n, r.ID)
		}
	}
	for _, x := range a.Worksheets {
		for _, r := range x.Reminders {
			n = max(n, r.ID)
		}
	}
	return n + 1
}

// makeReminders builds the reminders of specs for a due time, with new IDs.
func makeReminders(a *account.Account, specs []reminderSpec, due account.DateTime) []*account.Reminder {
	if len(specs) == 0 {
		return nil
	}
	id := nextReminderID(a)
	out := make([]*account.Reminder, len(specs))
	for i, s := range specs {
		out[i] = &account.Reminder{ID: id + i, SendTo: s.sendTo, SendMethod: s.method, RelativeMinutes: s.minutes,
			DateToSend: due.Add(-time.Duration(s.minutes) * time.Minute)}
	}
	return out
}

// dateTimeOrNow reads a date or date/time parameter: a bare date keeps its
// midnight, absent gives now. hasTime tells whether a time part was sent.
func (c *call) dateTimeOrNow(names ...string) (dt account.DateTime, hasTime bool, e *apiError) {
	for _, name := range names {
		v := c.params[name]
		if v == "" {
			continue
		}
		dt, hasTime, ok := parseDateTime(v)
		if !ok {
			return 0, false, fail(apicode.InvalidDate, "%s: %s %q is not a valid date.", c.function, name, v)
		}
		return dt, hasTime, nil
	}
	return c.nowDT(), true, nil
}
