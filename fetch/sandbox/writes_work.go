package sandbox

import (
	"slices"
	"strings"
	"time"

	"github.com/careport/careport/fetch/apicode"
	"github.com/careport/careport/fetch/sandbox/account"
)

// endOfDay is the default timeDue of Action.add (11:59pm, 5.6 proposal).
const endOfDay = 23*3600 + 59*60

// actionAdd is Action.add (5.6): returns {"ActionID": n, "ActionProjectID": m}
// (m is 0 for a standalone action). The due date and time are read in the
// timezone timezoneOf selects (default the assigning coach's) and stored in
// the account's; each reminder's dateToSend is the due time minus its minutes.
func actionAdd(c *call) (string, any, *apiError) {
	if e := c.required("ClientID", "theAction", "dateDue"); e != nil {
		return "", nil, e
	}
	cl, e := c.clientParam("ClientID")
	if e != nil {
		return "", nil, e
	}
	coach, e := c.coachParam("CoachID")
	if e != nil {
		return "", nil, e
	}
	projectID, _, e := c.idFilter("ActionProjectID", func(id int) bool {
		for _, p := range c.acct.ActionProjects {
			if p.ID == id && p.ClientID == cl.ID {
				return true
			}
		}
		return false
	}, true)
	if e != nil {
		return "", nil, e
	}
	due, e := c.dateParam("dateDue")
	if e != nil {
		return "", nil, e
	}
	secs, hasTime, e := c.timeParam("timeDue")
	if e != nil {
		return "", nil, e
	}
	if !hasTime {
		secs = endOfDay
	}
	tzOf, e := c.enumParam("timezoneOf", "C", "C", "L", "A")
	if e != nil {
		return "", nil, e
	}
	weight, _, e := c.intParam("weight")
	if e != nil {
		return "", nil, e
	}
	specs, e := c.parseReminderSet("reminderSet", c.params["reminderSet"])
	if e != nil {
		return "", nil, e
	}

	if coach == nil {
		coach = findCoach(c.acct, cl.CoachID)
	}
	coachID := 0
	if coach != nil {
		coachID = coach.ID
	}
	if name := strings.TrimSpace(c.params["projectName"]); projectID == 0 && name != "" {
		for _, p := range c.acct.ActionProjects {
			if p.ClientID == cl.ID && p.Name == name {
				projectID = p.ID
				break
			}
		}
		if projectID == 0 {
			projectID = nextID(c.acct.ActionProjects, func(x *account.ActionProject) int { return x.ID })
			c.acct.ActionProjects = append(c.acct.ActionProjects, &account.ActionProject{ID: projectID, ClientID: cl.ID, Name: name})
		}
	}
	if projectID == 0 {
		weight = 0
	}
	dueAt := c.toAccount(due, secs, c.zone(tzOf, coach, cl))
	a := &account.Action{ID: nextID(c.acct.Actions, func(x *account.Action) int { return x.ID }), ClientID: cl.ID,
		CoachID: coachID, ActionProjectID: projectID, Action: c.str("theAction", 0), Comment: c.str("comment", 0),
		ForWho: "L", DateDue: dueAt, Weight: weight, IsLocked: c.boolParam("isLocked", false),
		Reminders: makeReminders(c.acct, specs, dueAt)}
	c.acct.Actions = append(c.acct.Actions, a)
	return resultAdded, map[string]int{"ActionID": a.ID, "ActionProjectID": projectID}, nil
}

// actionMarkDone is Action.markDone (5.7): 421 on a canceled action, noop
// when already done. dateDone and timeDone default to the date and time of
// day now in the timezone timezoneOf selects. A comment is recorded as a
// comment activity (kind C) of the client.
func actionMarkDone(c *call) (string, any, *apiError) {
	if e := c.required("ActionID"); e != nil {
		return "", nil, e
	}
	id, _, e := c.idFilter("ActionID", func(id int) bool { return findAction(c.acct, id) != nil }, false)
	if e != nil {
		return "", nil, e
	}
	a := findAction(c.acct, id)
	day, e := c.dateParam("dateDone")
	if e != nil {
		return "", nil, e
	}
	secs, hasTime, e := c.timeParam("timeDone")
	if e != nil {
		return "", nil, e
	}
	tzOf, e := c.enumParam("timezoneOf", "C", "C", "L", "A")
	if e != nil {
		return "", nil, e
	}
	if a.IsCanceled {
		return "", nil, fail(apicode.ActionCanceled, "%s: action %d is canceled and cannot be marked complete.", c.function, a.ID)
	}
	if a.IsDone {
		return resultNoop, nothing(), nil
	}
	loc := c.zone(tzOf, findCoach(c.acct, a.CoachID), findClient(c.acct, a.ClientID))
	local := c.now.In(loc)
	if day == 0 {
		day = account.DateFromTime(local)
	}
	if !hasTime {
		secs = local.Hour()*3600 + local.Minute()*60 + local.Second()
	}
	a.IsDone = true
	a.DateDone = c.toAccount(day, secs, loc)
	if c.has("comment") {
		c.acct.Activities = append(c.acct.Activities, &account.Activity{ClientID: a.ClientID, Kind: "C", Date: c.nowDT()})
	}
	return resultUpdated, nothing(), nil
}

func findAction(a *account.Account, id int) *account.Action {
	return find(a.Actions, id, func(x *account.Action) int { return x.ID })
}

// repeatRules are the reporting frequencies of Metric.add (5.8).
func repeatRules() []string {
	return []string{"none", "daily", "bidaily", "weekdays", "MWF", "TR", "customWeekly", "weekly", "biweekly",
		"monthlyDOM", "monthlyLastDOM", "monthlyDOW", "bimonthlyDOM", "bimonthlyDOW", "quarterlyDOM"}
}

// metricAdd is Metric.add (5.8): returns {"MetricID": n}. Targets are kept
// only with doTarget; the reminder settings are validated and not stored.
func metricAdd(c *call) (string, any, *apiError) {
	if e := c.required("ClientID", "name", "units", "startDate", "endDate"); e != nil {
		return "", nil, e
	}
	cl, e := c.clientParam("ClientID")
	if e != nil {
		return "", nil, e
	}
	start, e := c.dateParam("startDate")
	if e != nil {
		return "", nil, e
	}
	end, e := c.dateParam("endDate")
	if e != nil {
		return "", nil, e
	}
	doTarget := c.boolParam("doTarget", false)
	tStart, hasStart, e := c.fixedParam("targetStart")
	if e != nil {
		return "", nil, e
	}
	tEnd, hasEnd, e := c.fixedParam("targetEnd")
	if e != nil {
		return "", nil, e
	}
	targetMode, e := c.enumParam("targetMode", "H", "H", "L")
	if e != nil {
		return "", nil, e
	}
	dataMode, e := c.enumParam("dataMode", "R", "R", "C")
	if e != nil {
		return "", nil, e
	}
	rule, e := c.enumParam("repeatRule", "weekdays", repeatRules()...)
	if e != nil {
		return "", nil, e
	}
	if _, e := c.enumParam("reminderMode", "", "DO", "DS"); e != nil {
		return "", nil, e
	}
	if _, e := c.enumParam("remindSendMethod", "E", "E", "T"); e != nil {
		return "", nil, e
	}
	if _, _, e := c.timeParam("remindTime"); e != nil {
		return "", nil, e
	}
	if _, _, e := c.intParam("remindDays"); e != nil {
		return "", nil, e
	}
	if end < start {
		return "", nil, fail(apicode.InvalidDate, "%s: endDate %s is before startDate %s.", c.function, end, start)
	}
	m := &account.Metric{ID: nextID(c.acct.Metrics, func(x *account.Metric) int { return x.ID }), ClientID: cl.ID,
		Name: c.str("name", 0), Units: c.str("units", 0), StartDate: start, EndDate: end, TargetMode: targetMode,
		DataMode: dataMode, RepeatRule: rule}
	if doTarget && hasStart {
		m.TargetStart = &tStart
	}
	if doTarget && hasEnd {
		m.TargetEnd = &tEnd
	}
	c.acct.Metrics = append(c.acct.Metrics, m)
	return resultAdded, map[string]int{"MetricID": m.ID}, nil
}

// metricAddData is Metric.addData (5.9): one value per metric and day; a
// second value for a day replaces the first ("updated"). A date outside
// the metric's period or after today is 431.
func metricAddData(c *call) (string, any, *apiError) {
	if e := c.required("MetricID", "dateOf", "value"); e != nil {
		return "", nil, e
	}
	var m *account.Metric
	_, _, e := c.idFilter("MetricID", func(id int) bool {
		m = find(c.acct.Metrics, id, func(x *account.Metric) int { return x.ID })
		return m != nil
	}, false)
	if e != nil {
		return "", nil, e
	}
	day, e := c.dateParam("dateOf")
	if e != nil {
		return "", nil, e
	}
	value, _, e := c.fixedParam("value")
	if e != nil {
		return "", nil, e
	}
	switch {
	case day < m.StartDate || (m.EndDate != 0 && day > m.EndDate):
		return "", nil, fail(apicode.MetricDateRefused, "%s: %s is outside the metric's period %s to %s.", c.function, day, m.StartDate, m.EndDate)
	case day > c.today():
		return "", nil, fail(apicode.MetricDateRefused, "%s: %s is in the future.", c.function, day)
	}
	comment := c.str("comment", 0)
	for _, p := range m.Data {
		if p.DateOf == day {
			p.Value, p.Comment = value, comment
			return resultUpdated, nothing(), nil
		}
	}
	id := 0
	for _, x := range c.acct.Metrics {
		for _, p := range x.Data {
			id = max(id, p.ID)
		}
	}
	m.Data = append(m.Data, &account.DataPoint{ID: id + 1, DateOf: day, Value: value, Comment: comment})
	slices.SortStableFunc(m.Data, func(x, y *account.DataPoint) int { return int(x.DateOf - y.DateOf) })
	return resultAdded, nothing(), nil
}

// Maximum lengths of Appointment.add and Session.add.
const (
	maxAppointmentText = 100
	maxTitle           = 200
	maxContent         = 100000
)

// appointmentAdd is Appointment.add (5.10): returns {"AppointmentID": n}.
// The start is read in the timezone timezoneOf selects (default the
// coach's); the end is start plus the type's duration. The appointment is
// linked to the client's open engagement whose period contains its date
// (account timezone), else EngagementID 0.
func appointmentAdd(c *call) (string, any, *apiError) {
	if e := c.required("ClientID", "AppointmentTypeID", "dateOf", "timeOf"); e != nil {
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
	var typ *account.AppointmentType
	if _, _, e := c.idFilter("AppointmentTypeID", func(id int) bool {
		typ = findAppointmentType(c.acct, id)
		return typ != nil
	}, false); e != nil {
		return "", nil, e
	}
	day, e := c.dateParam("dateOf")
	if e != nil {
		return "", nil, e
	}
	secs, _, e := c.timeParam("timeOf")
	if e != nil {
		return "", nil, e
	}
	tzOf, e := c.enumParam("timezoneOf", "C", "C", "L", "A")
	if e != nil {
		return "", nil, e
	}
	set := c.params["reminderSet"]
	if strings.TrimSpace(set) == "default" {
		set = typ.DefaultReminders
	}
	specs, e := c.parseReminderSet("reminderSet", set)
	if e != nil {
		return "", nil, e
	}

	if coach == nil {
		coach = findCoach(c.acct, cl.CoachID)
	}
	coachID := 0
	if coach != nil {
		coachID = coach.ID
	}
	pick := func(param, def string) string {
		if c.has(param) {
			return c.str(param, maxAppointmentText)
		}
		return def
	}
	start := c.toAccount(day, secs, c.zone(tzOf, coach, cl))
	ap := &account.Appointment{ID: nextID(c.acct.Appointments, func(x *account.Appointment) int { return x.ID }),
		CoachID: coachID, ClientID: cl.ID, AppointmentTypeID: typ.ID, EngagementID: openEngagementOn(c.acct, cl.ID, start.Date()),
		Name: pick("alternateLabel", typ.Name), StartDate: start, EndDate: start.Add(time.Duration(typ.Duration) * time.Minute),
		Status: "A", DateAdded: c.nowDT(), Location: pick("location", typ.Location), Description: pick("description", typ.Description),
		Reminders: makeReminders(c.acct, specs, start)}
	c.acct.Appointments = append(c.acct.Appointments, ap)
	return resultAdded, map[string]int{"AppointmentID": ap.ID}, nil
}

// openEngagementOn is the lowest-ID engagement of the client that is
// neither complete nor canceled and whose period contains day, or 0.
func openEngagementOn(a *account.Account, clientID int, day account.Date) int {
	best := 0
	for _, en := range a.Engagements {
		if en.ClientID != clientID || en.IsComplete || en.IsCanceled || day < en.StartDate || (en.EndDate != 0 && day > en.EndDate) {
			continue
		}
		if best == 0 || en.ID < best {
			best = en.ID
		}
	}
	return best
}

// appointmentCancel is Appointment.cancel (5.11): status C and dateCanceled
// now; noop when already canceled.
func appointmentCancel(c *call) (string, any, *apiError) {
	if e := c.required("AppointmentID"); e != nil {
		return "", nil, e
	}
	var ap *account.Appointment
	if _, _, e := c.idFilter("AppointmentID", func(id int) bool {
		ap = find(c.acct.Appointments, id, func(x *account.Appointment) int { return x.ID })
		return ap != nil
	}, false); e != nil {
		return "", nil, e
	}
	if ap.Status == "C" {
		return resultNoop, nothing(), nil
	}
	ap.Status, ap.DateCanceled = "C", c.nowDT()
	return resultUpdated, nothing(), nil
}

// sessionAdd is Session.add (5.12): returns {"SessionID": n}. The session
// is complete (not a draft, dateDone now); dateOf and timeOf are in the
// account timezone.
func sessionAdd(c *call) (string, any, *apiError) {
	if e := c.required("ClientID", "title", "dateOf", "timeOf", "content"); e != nil {
		return "", nil, e
	}
	cl, e := c.clientParam("ClientID")
	if e != nil {
		return "", nil, e
	}
	coach, e := c.coachParam("CoachID")
	if e != nil {
		return "", nil, e
	}
	day, e := c.dateParam("dateOf")
	if e != nil {
		return "", nil, e
	}
	secs, _, e := c.timeParam("timeOf")
	if e != nil {
		return "", nil, e
	}
	vis, e := c.enumParam("visibility", "*", "*", "C", "P")
	if e != nil {
		return "", nil, e
	}
	coachID := cl.CoachID
	if coach != nil {
		coachID = coach.ID
	}
	var insights []string
	for line := range strings.SplitSeq(c.params["keyInsightSet"], "\n") {
		if line = strings.TrimSpace(line); line != "" {
			insights = append(insights, line)
		}
	}
	now := c.nowDT()
	s := &account.Session{ID: nextID(c.acct.Sessions, func(x *account.Session) int { return x.ID }), CoachID: coachID,
		ClientID: cl.ID, DateOf: day.At(0, 0, secs), Title: c.str("title", maxTitle), Content: c.str("content", maxContent),
		Visibility: vis, KeyInsights: insights, DateAdded: now, DateDone: now}
	c.acct.Sessions = append(c.acct.Sessions, s)
	return resultAdded, map[string]int{"SessionID": s.ID}, nil
}
