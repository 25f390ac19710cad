package generate

import (
	"fmt"
	"strconv"
	"time"

	"github.com/careport/careport/fetch/sandbox/account"
)

// templateSpec is an engagement template with the price it is sold at.
type templateSpec struct {
	name       string
	months     int // 0 = indefinite
	unit       string
	allocation int
	price      account.Cents // whole package; per month when indefinite
}

func templateSpecs() []templateSpec {
	return []templateSpec{
		{"Kickstart: 1 month, 4 sessions", 1, "A", 4, 90000},
		{"Momentum: 3 months, 6 sessions", 3, "A", 6, 180000},
		{"Growth: 6 months, 12 sessions", 6, "A", 12, 360000},
		{"Executive: 6 months, 20 hours", 6, "H", 20, 600000},
		{"Leadership year: 12 months, 24 sessions", 12, "A", 24, 720000},
		{"Ongoing support: 4 hours a month", 0, "H", 4, 60000},
	}
}

const indefiniteTemplate = 5

func (g *gen) templates() {
	for i, s := range templateSpecs() {
		manager := g.coaching[i%len(g.coaching)]
		if !manager.IsActive {
			manager = g.coaching[0]
		}
		g.a.EngagementTemplates = append(g.a.EngagementTemplates, &account.EngagementTemplate{
			ID: i + 1, Name: s.name, ManagingCoachID: manager.ID, Duration: s.months,
			AllocationUnit: s.unit, Allocation: s.allocation,
		})
	}
}

func (g *gen) appointmentTypes() {
	id := 0
	for _, c := range g.coaching {
		for _, t := range []struct {
			name string
			min  int
			loc  string
		}{
			{"Coaching session", 60, "Zoom"},
			{"Intro call", 30, "Phone"},
			{"Intensive (90 min)", 90, "Office, 5th floor"},
		} {
			id++
			at := &account.AppointmentType{
				ID: id, CoachID: c.ID, Name: t.name, Duration: t.min, Location: t.loc,
				Description:      fmt.Sprintf("%s with %s", t.name, c.FirstName),
				DefaultReminders: "L,E,1440;L,T,60",
			}
			g.a.AppointmentTypes = append(g.a.AppointmentTypes, at)
			g.apptType[c.ID] = append(g.apptType[c.ID], at)
		}
	}
}

// engagements lays the client's engagements end to end (never overlapping),
// with their appointments and session notes, plus an intro call and now and
// then a declined request outside any engagement.
func (g *gen) engagements(p *clientPlan) {
	specs := templateSpecs()
	lim := p.limit(g.asOf)
	intro := workday(p.join.AddDays(1))
	g.appointment(p, nil, intro, 1, "A")
	if g.chance(10) {
		g.appointment(p, nil, workday(p.join.AddDays(2)), 0, "D")
	}
	cursor := workday(p.join.AddDays(g.between(5, 14)))
	for cursor <= lim {
		ti := pickTemplate(g)
		if p.leave == 0 && g.chance(8) {
			ti = indefiniteTemplate
		}
		spec := specs[ti]
		e := &account.Engagement{
			Type: "client", ClientID: p.c.ID, CoachID: p.coachAt(cursor), TemplateID: ti + 1, Name: spec.name,
			StartDate: cursor, AllocationUnits: spec.unit, Allocation: spec.allocation, AllocationPerClient: spec.allocation,
			DateAdded: g.officeTime(lastWorkday(cursor.AddDays(-g.between(1, 10)))),
		}
		if e.DateAdded < p.c.DateAdded {
			e.DateAdded = p.c.DateAdded
		}
		if spec.months == 0 {
			if p.leave != 0 {
				break
			}
			g.nextEngagement++
			e.ID = g.nextEngagement
			g.a.Engagements = append(g.a.Engagements, e)
			p.engs = append(p.engs, e)
			g.schedule(p, e, cursor, g.asOf.AddDays(28), 14, 1000)
			break
		}
		e.EndDate = addMonths(cursor, spec.months).AddDays(-1)
		if p.leave != 0 && e.EndDate > p.leave {
			break
		}
		next := e.EndDate.AddDays(1)
		to := e.EndDate
		switch {
		case e.EndDate < g.asOf && g.chance(12):
			// Canceled part-way.
			closed := workday(cursor.AddDays(g.r.IntN(int(e.EndDate - cursor))))
			if closed > g.asOf {
				closed = lastWorkday(g.asOf)
			}
			e.IsCanceled, e.DateClosed = true, closed.At(g.between(10, 17), 0, 0)
			to, next = closed.AddDays(-1), closed.AddDays(1)
		case e.EndDate < g.asOf:
			e.IsComplete = true
			e.DateClosed = lastWorkday(e.EndDate).At(17, g.r.IntN(60), 0)
			if e.DateClosed.Date() < cursor {
				e.DateClosed = e.EndDate.At(17, 0, 0)
			}
		default:
			if to > g.asOf.AddDays(28) {
				to = g.asOf.AddDays(28)
			}
		}
		g.nextEngagement++
		e.ID = g.nextEngagement
		g.a.Engagements = append(g.a.Engagements, e)
		p.engs = append(p.engs, e)
		n := spec.allocation
		if e.IsComplete {
			n = n * g.between(80, 100) / 100
		}
		step := max(int(e.EndDate-cursor)/max(spec.allocation, 1), 5)
		g.schedule(p, e, cursor, to, step, n)
		gap := 0
		if !g.chance(35) {
			gap = g.between(1, 45)
		}
		cursor = workday(next.AddDays(gap))
	}
}

// pickTemplate draws a fixed-length template, the shorter ones more often.
func pickTemplate(g *gen) int {
	switch r := g.r.IntN(100); {
	case r < 20:
		return 0
	case r < 50:
		return 1
	case r < 75:
		return 2
	case r < 88:
		return 3
	}
	return 4
}

// schedule books up to n appointments of engagement e every step days
// from..to.
func (g *gen) schedule(p *clientPlan, e *account.Engagement, from, to account.Date, step, n int) {
	for i := 0; i < n; i++ {
		d := workday(from.AddDays(i*step + g.r.IntN(3)))
		if d > to || (p.leave != 0 && d > p.leave) {
			return
		}
		kind := 0
		if e.AllocationUnits == "H" && g.chance(25) {
			kind = 2
		}
		g.appointment(p, e, d, kind, "")
	}
}

// appointment books one appointment of the type kind (0 session, 1 intro,
// 2 intensive) on day d; status "" means "decide from the date".
func (g *gen) appointment(p *clientPlan, e *account.Engagement, d account.Date, kind int, status string) {
	coach := p.coachAt(d)
	types := g.apptType[coach]
	at := types[kind]
	start := g.slotTime(d)
	if kind == 1 && start < p.c.DateAdded {
		start = p.c.DateAdded.Date().At(17, 0, 0)
	}
	g.nextAppointment++
	a := &account.Appointment{
		ID: g.nextAppointment, CoachID: coach, ClientID: p.c.ID, AppointmentTypeID: at.ID,
		Name: at.Name, StartDate: start, EndDate: start.Add(time.Duration(at.Duration) * time.Minute),
		Location: at.Location, Description: at.Description,
	}
	added := g.officeTime(lastWorkday(d.AddDays(-g.between(2, 21))))
	if added.Date() > g.asOf {
		added = g.officeTime(lastWorkday(g.asOf.AddDays(-g.r.IntN(5))))
	}
	if added < p.c.DateAdded {
		added = p.c.DateAdded
	}
	if added > start {
		added = start.Add(-time.Hour)
	}
	a.DateAdded = added
	if e != nil {
		a.EngagementID = e.ID
	}
	past := start <= g.endOfDay()
	if status == "" {
		switch {
		case !past && g.chance(15):
			status = "P"
		case !past:
			status = "A"
		case g.chance(8):
			status = "C"
		default:
			status = "A"
		}
	}
	a.Status = status
	switch status {
	case "A":
		switch {
		case e == nil:
		case !past || start.Date() > g.asOf.AddDays(-7):
			a.CountsInEngagement = 0 // not yet judged
		case g.chance(3):
			a.CountsInEngagement = -1 // complimentary
		default:
			a.CountsInEngagement = 1
		}
		if !past {
			a.Reminders = g.reminders(start, []int{1440, 60}, "L")
		}
	case "C":
		canceled := lastWorkday(d.AddDays(-g.r.IntN(4))).At(g.between(8, 12), g.r.IntN(60), 0)
		if canceled >= start {
			canceled = start.Add(-2 * time.Hour)
		}
		if canceled < a.DateAdded {
			canceled = a.DateAdded.Add(time.Hour)
		}
		a.DateCanceled = canceled
		if e != nil {
			a.CountsInEngagement = -1
			if start-canceled < 86400 && g.chance(40) {
				a.CountsInEngagement = 1 // late cancellation still counts
			}
		}
	case "P":
		a.DateAdded = g.officeTime(lastWorkday(g.asOf.AddDays(-g.r.IntN(7))))
		if a.DateAdded < p.c.DateAdded {
			a.DateAdded = p.c.DateAdded
		}
	case "D":
		a.Name = "Evening session request"
		a.DateAdded = p.c.DateAdded
	}
	g.a.Appointments = append(g.a.Appointments, a)
	if status == "A" && past && kind != 1 && g.chance(g.cfg.sessionShare) {
		g.session(p, a, e)
	}
}

// reminders makes one reminder per offset (minutes before due) to who.
func (g *gen) reminders(due account.DateTime, minutes []int, who string) []*account.Reminder {
	out := make([]*account.Reminder, len(minutes))
	slab := make([]account.Reminder, len(minutes))
	for i, m := range minutes {
		g.nextReminder++
		r := &slab[i]
		*r = account.Reminder{ID: g.nextReminder, SendTo: who, SendMethod: "E", RelativeMinutes: m,
			DateToSend: due.Add(-time.Duration(m) * time.Minute)}
		if m < 120 {
			r.SendMethod = "T"
		}
		if r.DateToSend <= g.endOfDay() {
			r.IsSent, r.DateSent = true, r.DateToSend
		}
		out[i] = r
	}
	return out
}

// session writes the coach's notes of a held appointment, with the form
// answers the data fetch reads by field name ("Energy level", "Biggest win",
// "Next focus").
func (g *gen) session(p *clientPlan, a *account.Appointment, e *account.Engagement) {
	g.nextSession++
	s := &account.Session{
		ID: g.nextSession, CoachID: a.CoachID, ClientID: p.c.ID, DateOf: a.StartDate,
		Title: "Session notes: " + a.Name, Visibility: "*",
		DateAdded: a.EndDate.Add(time.Duration(g.between(10, 180)) * time.Minute),
	}
	if s.DateAdded > g.endOfDay() {
		s.DateAdded = g.endOfDay()
	}
	focus := pick(g, g.w.focuses)
	s.Content = "<p>We worked on " + focus + ".</p>"
	switch r := g.r.IntN(100); {
	case r < 12:
		s.Visibility = "C"
	case r < 17:
		s.Visibility = "P"
	}
	recent := a.StartDate.Date() > g.asOf.AddDays(-10)
	if (recent && g.chance(50)) || g.chance(2) {
		s.IsDraft = true
	} else {
		s.DateDone = s.DateAdded.Add(time.Duration(g.r.IntN(120)) * time.Minute)
		if s.DateDone > g.endOfDay() {
			s.DateDone = g.endOfDay()
		}
	}
	if g.chance(40) {
		s.KeyInsights = []string{pick(g, g.w.insights)}
	}
	// Energy drifts upwards over an engagement.
	energy := g.between(3, 7)
	if e != nil && e.EndDate != 0 && e.EndDate > e.StartDate {
		progress := int(a.StartDate.Date()-e.StartDate) * 3 / int(e.EndDate-e.StartDate)
		energy += progress
	}
	energy = min(energy+g.r.IntN(2), 10)
	slab := make([]account.Answer, 3)
	num := account.Fixed(energy * account.FixedScale)
	slab[0] = account.Answer{Name: "Energy level", Value: strconv.Itoa(energy), NumberValue: &num}
	slab[1] = account.Answer{Name: "Biggest win", Value: pick(g, g.w.wins)}
	slab[2] = account.Answer{Name: "Next focus", Value: focus}
	s.Answers = []*account.Answer{&slab[0], &slab[1], &slab[2]}
	g.a.Sessions = append(g.a.Sessions, s)
}
