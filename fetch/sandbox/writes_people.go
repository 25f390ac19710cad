package sandbox

import (
	"strings"

	"github.com/careport/careport/fetch/apicode"
	"github.com/careport/careport/fetch/sandbox/account"
)

// Maximum lengths of the newer listing (section 5); longer values are
// truncated silently (section 1.4 proposal).
const (
	maxName    = 50
	maxEmail   = 50
	maxPhone   = 20
	maxAddress = 100
	maxCity    = 100
	maxState   = 3
	maxZIP     = 10
	maxExtra   = 2000
)

// personFields are the identity fields Coach.add and Client.add share.
type personFields struct {
	first, last, email           string
	home, work, cell, gender, tz string
	onDuplicate                  string
	sendInvite                   bool
	inviteMessage                string
}

// readPerson validates the identity fields of an add function in table
// order: names 306, email 303, then the enums and the timezone (301).
func (c *call) readPerson() (personFields, *apiError) {
	var p personFields
	var e *apiError
	if p.first, e = c.requiredName("firstName", maxName); e != nil {
		return p, e
	}
	if p.last, e = c.requiredName("lastName", maxName); e != nil {
		return p, e
	}
	if p.email, e = c.requiredEmail("email", maxEmail); e != nil {
		return p, e
	}
	p.home, p.work, p.cell = c.str("homePhone", maxPhone), c.str("workPhone", maxPhone), c.str("cellPhone", maxPhone)
	if p.gender, e = c.enumParam("gender", "U", "M", "F", "U"); e != nil {
		return p, e
	}
	if p.tz, e = c.timezoneParam("timezone"); e != nil {
		return p, e
	}
	if p.onDuplicate, e = c.enumParam("onDuplicateEmail", "S", "S", "A", "E"); e != nil {
		return p, e
	}
	p.sendInvite = c.boolParam("sendInvite", false)
	p.inviteMessage = c.str("inviteMessage", 0)
	return p, nil
}

// inviteLacksLink reports whether an invitation is to be sent with a custom
// message that lacks the [magicLink] tag (402 / 412).
func (p personFields) inviteLacksLink() bool {
	return p.sendInvite && p.inviteMessage != "" && !strings.Contains(p.inviteMessage, "[magicLink]")
}

// coachAdd is Coach.add (5.1): returns {"CoachID": n}.
func coachAdd(c *call) (string, any, *apiError) {
	if e := c.required("firstName", "lastName", "email"); e != nil {
		return "", nil, e
	}
	p, e := c.readPerson()
	if e != nil {
		return "", nil, e
	}
	result := resultAdded
	if dup := duplicateCoach(c.acct, p.email); dup != nil {
		switch p.onDuplicate {
		case "S":
			return resultDuplicateSkipped, map[string]int{"CoachID": dup.ID}, nil
		case "E":
			return "", nil, fail(apicode.CoachDuplicateEmail, "%s: a coach with the email %s already exists.", c.function, p.email)
		}
		result = resultDuplicateAdded
	}
	if p.inviteLacksLink() {
		return "", nil, fail(apicode.CoachInviteNoMagicLink, "%s: inviteMessage lacks the [magicLink] tag.", c.function)
	}
	if p.tz == "" {
		p.tz = c.acct.Timezone
	}
	co := &account.Coach{ID: nextID(c.acct.Coaches, func(x *account.Coach) int { return x.ID }),
		FirstName: p.first, LastName: p.last, Email: p.email, HomePhone: p.home, WorkPhone: p.work, CellPhone: p.cell,
		Gender: p.gender, Timezone: p.tz, DateAdded: c.nowDT(), IsActive: true, IsCoaching: true}
	c.acct.Coaches = append(c.acct.Coaches, co)
	return result, map[string]int{"CoachID": co.ID}, nil
}

// duplicateCoach is the lowest-ID coach with the email (any case), or nil.
func duplicateCoach(a *account.Account, email string) *account.Coach {
	var dup *account.Coach
	for _, co := range a.Coaches {
		if strings.EqualFold(strings.TrimSpace(co.Email), email) && (dup == nil || co.ID < dup.ID) {
			dup = co
		}
	}
	return dup
}

// duplicateClient is the lowest-ID client with the email (any case, active
// or not), or nil.
func duplicateClient(a *account.Account, email string) *account.Client {
	var dup *account.Client
	for _, cl := range a.Clients {
		if strings.EqualFold(strings.TrimSpace(cl.Email), email) && (dup == nil || cl.ID < dup.ID) {
			dup = cl
		}
	}
	return dup
}

// clientAdd is Client.add (5.2): returns {"ClientID": n}. Without CoachID
// the account owner becomes the primary coach. When the plan's limit of
// active clients (Account.MaxActiveClients) is reached, upgradeIfNeeded
// (default true) raises the limit by one; false fails with 404.
func clientAdd(c *call) (string, any, *apiError) {
	if e := c.required("firstName", "lastName", "email"); e != nil {
		return "", nil, e
	}
	coach, e := c.coachParam("CoachID")
	if e != nil {
		return "", nil, e
	}
	p, e := c.readPerson()
	if e != nil {
		return "", nil, e
	}
	rule, e := c.enumParam("appointmentScheduleRule", "D", "ABE", "AUE", "D", "NA")
	if e != nil {
		return "", nil, e
	}
	result := resultAdded
	if dup := duplicateClient(c.acct, p.email); dup != nil {
		switch p.onDuplicate {
		case "S":
			return resultDuplicateSkipped, map[string]int{"ClientID": dup.ID}, nil
		case "E":
			return "", nil, fail(apicode.ClientDuplicateEmail, "%s: a client with the email %s already exists.", c.function, p.email)
		}
		result = resultDuplicateAdded
	}
	upgrade := false
	if limit := c.acct.MaxActiveClients; limit > 0 {
		active := 0
		for _, cl := range c.acct.Clients {
			if cl.IsActive {
				active++
			}
		}
		if active >= limit {
			if !c.boolParam("upgradeIfNeeded", true) {
				return "", nil, fail(apicode.ClientLimitReached, "%s: the plan allows %d active clients and upgradeIfNeeded is false.", c.function, limit)
			}
			upgrade = true
		}
	}
	if p.inviteLacksLink() {
		return "", nil, fail(apicode.ClientInviteNoMagicLink, "%s: inviteMessage lacks the [magicLink] tag.", c.function)
	}
	if coach == nil {
		coach = findCoach(c.acct, c.acct.OwnerCoachID)
	}
	if coach == nil && len(c.acct.Coaches) > 0 {
		coach = c.acct.Coaches[0]
	}
	if coach == nil {
		return "", nil, fail(apicode.CoachUnknown, "%s: the account has no coach to be the primary coach.", c.function)
	}
	if p.tz == "" {
		p.tz = coach.Timezone
	}
	if p.tz == "" {
		p.tz = c.acct.Timezone
	}
	if upgrade {
		c.acct.MaxActiveClients++
	}
	now := c.nowDT()
	cl := &account.Client{ID: nextID(c.acct.Clients, func(x *account.Client) int { return x.ID }), CoachID: coach.ID,
		FirstName: p.first, LastName: p.last, Email: p.email, Gender: p.gender, Timezone: p.tz, DateAdded: now,
		IsActive: true, HomePhone: p.home, WorkPhone: p.work, CellPhone: p.cell, ProfileExtra: c.str("profileExtra", maxExtra),
		Address1: c.str("address", maxAddress), City: c.str("city", maxCity), State: c.str("state", maxState),
		ZIP: c.str("ZIP", maxZIP), AppointmentScheduleRule: rule}
	c.acct.Clients = append(c.acct.Clients, cl)
	c.acct.Pairings = append(c.acct.Pairings, &account.Pairing{CoachID: coach.ID, ClientID: cl.ID, Type: "P", StartDate: now})
	return result, map[string]int{"ClientID": cl.ID}, nil
}

// clientUpdate is Client.update (5.3): only supplied fields change; noop
// when every supplied value equals the stored one.
func clientUpdate(c *call) (string, any, *apiError) {
	if e := c.required("ClientID"); e != nil {
		return "", nil, e
	}
	cl, e := c.clientParam("ClientID")
	if e != nil {
		return "", nil, e
	}
	type change struct {
		field *string
		value string
	}
	var changes []change
	for _, n := range []struct {
		param string
		field *string
	}{{"firstName", &cl.FirstName}, {"lastName", &cl.LastName}} {
		if !c.has(n.param) {
			continue
		}
		v, e := c.requiredName(n.param, maxName)
		if e != nil {
			return "", nil, e
		}
		changes = append(changes, change{n.field, v})
	}
	for _, s := range []struct {
		param string
		max   int
		field *string
	}{
		{"homePhone", maxPhone, &cl.HomePhone}, {"cellPhone", maxPhone, &cl.CellPhone}, {"workPhone", maxPhone, &cl.WorkPhone},
	} {
		if c.has(s.param) {
			changes = append(changes, change{s.field, c.str(s.param, s.max)})
		}
	}
	if c.has("timezone") {
		tz, e := c.timezoneParam("timezone")
		if e != nil {
			return "", nil, e
		}
		changes = append(changes, change{&cl.Timezone, tz})
	}
	for _, s := range []struct {
		param string
		max   int
		field *string
	}{
		{"address", maxAddress, &cl.Address1}, {"city", maxCity, &cl.City}, {"state", maxState, &cl.State}, {"ZIP", maxZIP, &cl.ZIP},
	} {
		if c.has(s.param) {
			changes = append(changes, change{s.field, c.str(s.param, s.max)})
		}
	}
	if c.has("appointmentScheduleRule") {
		rule, e := c.enumParam("appointmentScheduleRule", "", "ABE", "AUE", "D", "NA")
		if e != nil {
			return "", nil, e
		}
		changes = append(changes, change{&cl.AppointmentScheduleRule, rule})
	}
	if cl.OwnsDetails {
		return "", nil, fail(apicode.ClientOwnsDetails, "%s: client %d manages their own details.", c.function, cl.ID)
	}
	result := resultNoop
	for _, ch := range changes {
		if *ch.field != ch.value {
			*ch.field = ch.value
			result = resultUpdated
		}
	}
	return result, nothing(), nil
}

// clientDeactivate is Client.deactivate (5.4): noop when already inactive.
func clientDeactivate(c *call) (string, any, *apiError) {
	if e := c.required("ClientID"); e != nil {
		return "", nil, e
	}
	cl, e := c.clientParam("ClientID")
	if e != nil {
		return "", nil, e
	}
	if !cl.IsActive {
		return resultNoop, nothing(), nil
	}
	cl.IsActive = false
	cl.MayAccessWhenInactive = c.boolParam("mayAccessWhenInactive", false)
	return resultUpdated, nothing(), nil
}

// pairingSet is Pairing.set (5.5). Every change ends the current period
// (EndDate now) and appends a new one, so Pairing.getHistory keeps the
// history. Setting P demotes the previous primary coach to C and moves the
// client's CoachID; demoting the primary coach itself is 415.
func pairingSet(c *call) (string, any, *apiError) {
	if e := c.required("CoachID", "ClientID"); e != nil {
		return "", nil, e
	}
	coach, e := c.coachParam("CoachID")
	if e != nil {
		return "", nil, e
	}
	cl, e := c.clientParam("ClientID")
	if e != nil {
		return "", nil, e
	}
	typ, e := c.enumParam("type", "C", "N", "R", "C", "P")
	if e != nil {
		return "", nil, e
	}
	current := currentPairing(c.acct, coach.ID, cl.ID)
	switch {
	case current == nil && typ == "N", current != nil && current.Type == typ:
		return resultNoop, nothing(), nil
	case current != nil && current.Type == "P":
		return "", nil, fail(apicode.CoachIsPrimary, "%s: coach %d is the primary coach of client %d; the client must keep a primary coach.", c.function, coach.ID, cl.ID)
	}
	now := c.nowDT()
	if typ == "P" {
		for _, p := range c.acct.Pairings {
			if p.ClientID == cl.ID && p.EndDate == 0 && p.Type == "P" {
				p.EndDate = now
				c.acct.Pairings = append(c.acct.Pairings, &account.Pairing{CoachID: p.CoachID, ClientID: cl.ID, Type: "C", StartDate: now})
			}
		}
		cl.CoachID = coach.ID
	}
	result := resultAdded
	if current != nil {
		current.EndDate = now
		result = resultUpdated
	}
	if typ != "N" {
		c.acct.Pairings = append(c.acct.Pairings, &account.Pairing{CoachID: coach.ID, ClientID: cl.ID, Type: typ, StartDate: now})
	}
	return result, nothing(), nil
}

// currentPairing is the open pairing period of a coach and a client, or nil.
func currentPairing(a *account.Account, coachID, clientID int) *account.Pairing {
	for _, p := range a.Pairings {
		if p.CoachID == coachID && p.ClientID == clientID && p.EndDate == 0 {
			return p
		}
	}
	return nil
}
