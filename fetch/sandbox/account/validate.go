package account

import "fmt"

// ids collects the IDs of one kind of record and reports duplicates.
type ids struct {
	kind string
	seen map[int]bool
}

func newIDs(kind string) *ids { return &ids{kind: kind, seen: map[int]bool{}} }

func (s *ids) add(id int) error {
	if id <= 0 || s.seen[id] {
		return fmt.Errorf("account: %s ID %d is duplicated or not positive", s.kind, id)
	}
	s.seen[id] = true
	return nil
}

// ref checks that id names an existing record; zero is allowed when optional.
func (s *ids) ref(owner string, ownerID, id int, optional bool) error {
	if id == 0 && optional {
		return nil
	}
	if !s.seen[id] {
		return fmt.Errorf("account: %s %d names %s %d, which does not exist", owner, ownerID, s.kind, id)
	}
	return nil
}

// validateRecords checks the IDs and references of the records that
// Validate's first pass does not cover, so that a hand-written account file
// with a dangling reference is refused at load time instead of surprising a
// read function later.
func (a *Account) validateRecords(coaches, clients, companies *ids) error {
	for _, p := range a.Pairings {
		switch p.Type {
		case "R", "C", "P":
		default:
			return fmt.Errorf("account: pairing %d-%d: type %q is not R, C or P", p.CoachID, p.ClientID, p.Type)
		}
	}
	groups := newIDs("group")
	for _, g := range a.Groups {
		if err := groups.add(g.ID); err != nil {
			return err
		}
		if err := coaches.ref("group", g.ID, g.CoachID, true); err != nil {
			return err
		}
		for _, c := range g.ClientIDs {
			if err := clients.ref("group", g.ID, c, false); err != nil {
				return err
			}
		}
	}
	projects := newIDs("action project")
	for _, p := range a.ActionProjects {
		if err := projects.add(p.ID); err != nil {
			return err
		}
		if err := clients.ref("action project", p.ID, p.ClientID, false); err != nil {
			return err
		}
	}
	actions := newIDs("action")
	for _, x := range a.Actions {
		if err := actions.add(x.ID); err != nil {
			return err
		}
		if err := clients.ref("action", x.ID, x.ClientID, false); err != nil {
			return err
		}
		if err := coaches.ref("action", x.ID, x.CoachID, true); err != nil {
			return err
		}
		if err := projects.ref("action", x.ID, x.ActionProjectID, true); err != nil {
			return err
		}
	}
	metrics, points := newIDs("metric"), newIDs("metric data point")
	for _, m := range a.Metrics {
		if err := metrics.add(m.ID); err != nil {
			return err
		}
		if err := clients.ref("metric", m.ID, m.ClientID, false); err != nil {
			return err
		}
		for _, d := range m.Data {
			if d == nil {
				return fmt.Errorf("account: metric %d has a null data point", m.ID)
			}
			if err := points.add(d.ID); err != nil {
				return err
			}
		}
	}
	types := newIDs("appointment type")
	for _, t := range a.AppointmentTypes {
		if err := types.add(t.ID); err != nil {
			return err
		}
		if err := coaches.ref("appointment type", t.ID, t.CoachID, false); err != nil {
			return err
		}
	}
	templates := newIDs("engagement template")
	for _, t := range a.EngagementTemplates {
		if err := templates.add(t.ID); err != nil {
			return err
		}
		if err := coaches.ref("engagement template", t.ID, t.ManagingCoachID, true); err != nil {
			return err
		}
	}
	engagements := newIDs("engagement")
	for _, e := range a.Engagements {
		if err := engagements.add(e.ID); err != nil {
			return err
		}
		if e.ClientID == 0 && e.CompanyID == 0 {
			return fmt.Errorf("account: engagement %d has neither a client nor a company", e.ID)
		}
		for _, err := range []error{
			clients.ref("engagement", e.ID, e.ClientID, true),
			companies.ref("engagement", e.ID, e.CompanyID, true),
			coaches.ref("engagement", e.ID, e.CoachID, true),
			templates.ref("engagement", e.ID, e.TemplateID, true),
		} {
			if err != nil {
				return err
			}
		}
	}
	appointments := newIDs("appointment")
	for _, x := range a.Appointments {
		if err := appointments.add(x.ID); err != nil {
			return err
		}
		for _, err := range []error{
			coaches.ref("appointment", x.ID, x.CoachID, false),
			clients.ref("appointment", x.ID, x.ClientID, false),
			types.ref("appointment", x.ID, x.AppointmentTypeID, true),
			engagements.ref("appointment", x.ID, x.EngagementID, true),
		} {
			if err != nil {
				return err
			}
		}
	}
	sessions := newIDs("session")
	for _, x := range a.Sessions {
		if err := sessions.add(x.ID); err != nil {
			return err
		}
		if err := clients.ref("session", x.ID, x.ClientID, false); err != nil {
			return err
		}
		if err := coaches.ref("session", x.ID, x.CoachID, false); err != nil {
			return err
		}
	}
	worksheets := newIDs("worksheet")
	for _, x := range a.Worksheets {
		if err := worksheets.add(x.ID); err != nil {
			return err
		}
		if err := clients.ref("worksheet", x.ID, x.ClientID, false); err != nil {
			return err
		}
		if err := coaches.ref("worksheet", x.ID, x.CoachID, true); err != nil {
			return err
		}
	}
	for i, x := range a.Activities {
		if err := clients.ref("activity", i+1, x.ClientID, false); err != nil {
			return err
		}
		switch x.Kind {
		case "J", "F", "C":
		default:
			return fmt.Errorf("account: activity %d: kind %q is not J, F or C", i+1, x.Kind)
		}
	}
	return nil
}

// noNil refuses a null element in a list of records (JSON null decodes to a
// nil pointer, which no function of the sandbox expects).
func noNil[T any](kind string, xs []*T) error {
	for i, x := range xs {
		if x == nil {
			return fmt.Errorf("account: %s number %d is null", kind, i+1)
		}
	}
	return nil
}

// checkNulls refuses null records anywhere in the account.
func (a *Account) checkNulls() error {
	for _, err := range []error{
		noNil("coach", a.Coaches), noNil("company", a.Companies), noNil("client", a.Clients),
		noNil("pairing", a.Pairings), noNil("group", a.Groups), noNil("action project", a.ActionProjects),
		noNil("action", a.Actions), noNil("metric", a.Metrics), noNil("appointment type", a.AppointmentTypes),
		noNil("appointment", a.Appointments), noNil("session", a.Sessions), noNil("worksheet", a.Worksheets),
		noNil("engagement template", a.EngagementTemplates), noNil("engagement", a.Engagements),
		noNil("invoice", a.Invoices), noNil("activity", a.Activities),
	} {
		if err != nil {
			return err
		}
	}
	for _, x := range a.Invoices {
		if err := noNil("line item", x.LineItems); err != nil {
			return fmt.Errorf("invoice %d: %w", x.ID, err)
		}
	}
	for _, x := range a.Sessions {
		if err := noNil("answer", x.Answers); err != nil {
			return fmt.Errorf("session %d: %w", x.ID, err)
		}
	}
	for _, x := range a.Worksheets {
		if err := noNil("answer", x.Answers); err != nil {
			return fmt.Errorf("worksheet %d: %w", x.ID, err)
		}
		if err := noNil("reminder", x.Reminders); err != nil {
			return fmt.Errorf("worksheet %d: %w", x.ID, err)
		}
	}
	for _, x := range a.Actions {
		if err := noNil("reminder", x.Reminders); err != nil {
			return fmt.Errorf("action %d: %w", x.ID, err)
		}
	}
	for _, x := range a.Appointments {
		if err := noNil("reminder", x.Reminders); err != nil {
			return fmt.Errorf("appointment %d: %w", x.ID, err)
		}
	}
	return nil
}
