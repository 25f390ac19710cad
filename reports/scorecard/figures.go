package scorecard

import (
	"time"

	"github.com/careport/careport/fetch"
	"github.com/careport/careport/reports/model"
	"github.com/shopspring/decimal"
)

// figures are one coach's (or the team's) figures over one period, all
// over the active clients of the coach's book for that period.
type figures struct {
	clients, newClients, withActivity int
	kinds                             counts
	held, canceled                    int
	due, onTime, overdue              int
	wsDone, wsDue, wsDueDone          int
	notes                             int
	collected                         map[string]decimal.Decimal // by ISO 4217 code
	allocA, usedA                     int                        // appointments
	allocH                            int                        // hours
	usedHMinutes                      int64
}

func (f *figures) activity() int { return f.kinds.total() }

// add adds g into f (the team's figures are the sum of its coaches').
func (f *figures) add(g *figures) {
	f.clients += g.clients
	f.newClients += g.newClients
	f.withActivity += g.withActivity
	for k := range f.kinds {
		f.kinds[k] += g.kinds[k]
	}
	f.held += g.held
	f.canceled += g.canceled
	f.due += g.due
	f.onTime += g.onTime
	f.overdue += g.overdue
	f.wsDone += g.wsDone
	f.wsDue += g.wsDue
	f.wsDueDone += g.wsDueDone
	f.notes += g.notes
	for cur, v := range g.collected {
		f.addMoney(cur, v)
	}
	f.allocA += g.allocA
	f.usedA += g.usedA
	f.allocH += g.allocH
	f.usedHMinutes += g.usedHMinutes
}

func (f *figures) addMoney(cur string, v decimal.Decimal) {
	if f.collected == nil {
		f.collected = map[string]decimal.Decimal{}
	}
	f.collected[cur] = f.collected[cur].Add(v)
}

// ratio returns n/d as a float for a percent cell, ok false when d is 0.
func ratio(n, d int) (float64, bool) {
	if d == 0 {
		return 0, false
	}
	return float64(n) / float64(d), true
}

func (f *figures) shareActive() (float64, bool) { return ratio(f.withActivity, f.clients) }
func (f *figures) cancelRate() (float64, bool)  { return ratio(f.canceled, f.held+f.canceled) }
func (f *figures) onTimeRate() (float64, bool)  { return ratio(f.onTime, f.due) }
func (f *figures) wsCompletion() (float64, bool) {
	return ratio(f.wsDueDone, f.wsDue)
}
func (f *figures) allocUseA() (float64, bool) { return ratio(f.usedA, f.allocA) }
func (f *figures) allocUseH() (float64, bool) {
	if f.allocH == 0 {
		return 0, false
	}
	return float64(f.usedHMinutes) / float64(60*f.allocH), true
}

// perClient returns n per active client, rounded half away from zero to 2
// decimals; ok false without clients.
func (f *figures) perClient(n int) (decimal.Decimal, bool) {
	if f.clients == 0 {
		return decimal.Zero, false
	}
	return decimal.NewFromInt(int64(n)).DivRound(decimal.NewFromInt(int64(f.clients)), 2), true
}

// records indexes the account's records by client.
type records struct {
	appts    map[int][]*fetch.Appointment
	sessions map[int][]*fetch.Session
	sheets   map[int][]*fetch.Worksheet
	actions  map[int][]*fetch.Action
	payments map[int][]payment
	engs     map[int][]*fetch.Engagement
	byEng    map[int][]*fetch.Appointment // engagement ID -> its appointments
}

// payment is one payment of a client invoice.
type payment struct {
	paid     time.Time
	amount   decimal.Decimal
	currency string
}

func newRecords(d *lists) *records {
	r := &records{appts: map[int][]*fetch.Appointment{}, sessions: map[int][]*fetch.Session{},
		sheets: map[int][]*fetch.Worksheet{}, actions: map[int][]*fetch.Action{}, payments: map[int][]payment{},
		engs: map[int][]*fetch.Engagement{}, byEng: map[int][]*fetch.Appointment{}}
	for i := range d.Appointments {
		a := &d.Appointments[i]
		r.appts[a.ClientID] = append(r.appts[a.ClientID], a)
		if a.EngagementID != 0 {
			r.byEng[a.EngagementID] = append(r.byEng[a.EngagementID], a)
		}
	}
	for i := range d.Sessions {
		s := &d.Sessions[i]
		r.sessions[s.ClientID] = append(r.sessions[s.ClientID], s)
	}
	for i := range d.Worksheets {
		w := &d.Worksheets[i]
		r.sheets[w.ClientID] = append(r.sheets[w.ClientID], w)
	}
	for i := range d.Actions {
		a := &d.Actions[i]
		r.actions[a.ClientID] = append(r.actions[a.ClientID], a)
	}
	for i := range d.Invoices {
		inv := &d.Invoices[i]
		if inv.ClientID == 0 {
			continue // a company invoice: no coach
		}
		for _, p := range inv.Payments {
			r.payments[inv.ClientID] = append(r.payments[inv.ClientID], payment{p.DatePaid, p.Amount, inv.Currency})
		}
	}
	for i := range d.Engagements {
		e := &d.Engagements[i]
		if e.ClientID != 0 {
			r.engs[e.ClientID] = append(r.engs[e.ClientID], e)
		}
	}
	return r
}

// dayOf returns the civil date of t in loc.
func dayOf(t time.Time, loc *time.Location) model.CivilDate { return model.CivilDateOf(t.In(loc)) }

// clientFigures adds client c's figures over p (window months [lo, hi) of
// act) to f. dataTime bounds appointments held: one not yet started is
// not held.
func (r *records) clientFigures(f *figures, c *fetch.ClientRecord, p model.Period, act *activity, lo, hi int, dataTime time.Time) {
	loc := p.Location()
	f.clients++
	if p.Contains(c.DateAdded) {
		f.newClients++
	}
	k := act.over(c.ID, lo, hi)
	if k.total() > 0 {
		f.withActivity++
	}
	for i := range f.kinds {
		f.kinds[i] += k[i]
	}
	for _, a := range r.appts[c.ID] {
		if !p.Contains(a.StartDate) {
			continue
		}
		switch a.Status {
		case "A":
			if a.StartDate.Before(dataTime) {
				f.held++
			}
		case "C":
			f.canceled++
		}
	}
	for _, s := range r.sessions[c.ID] {
		if !s.IsDraft && p.Contains(s.DateOf) {
			f.notes++
		}
	}
	for _, w := range r.sheets[c.ID] {
		done := w.IsDone && !w.DateDone.IsZero()
		if done && p.Contains(w.DateDone) {
			f.wsDone++
		}
		if !w.DateDue.IsZero() && p.Contains(w.DateDue) {
			f.wsDue++
			if done && w.DateDone.Before(p.End) {
				f.wsDueDone++
			}
		}
	}
	for _, a := range r.actions[c.ID] {
		if a.IsCanceled || a.ForWho == "C" || a.DateDue.IsZero() || !p.Contains(a.DateDue) {
			continue
		}
		f.due++
		done := a.IsDone && !a.DateDone.IsZero()
		if done && !dayOf(a.DateDone, loc).After(dayOf(a.DateDue, loc)) {
			f.onTime++
		}
		if !done || !a.DateDone.Before(p.End) {
			f.overdue++
		}
	}
	for _, pm := range r.payments[c.ID] {
		if p.Contains(pm.paid) {
			f.addMoney(pm.currency, pm.amount)
		}
	}
	end := p.End
	if dataTime.Before(end) {
		end = dataTime
	}
	for _, e := range r.engs[c.ID] {
		if e.IsCanceled || e.Allocation <= 0 || !overlaps(e, p) {
			continue
		}
		var used int
		var minutes int64
		for _, a := range r.byEng[e.ID] {
			if a.Status != "A" || a.CountsInEngagement == -1 || !a.StartDate.Before(end) {
				continue
			}
			used++
			if a.EndDate.After(a.StartDate) {
				minutes += int64(a.EndDate.Sub(a.StartDate) / time.Minute)
			}
		}
		switch e.AllocationUnits {
		case "A":
			f.allocA += e.Allocation
			f.usedA += used
		case "H":
			f.allocH += e.Allocation
			f.usedHMinutes += minutes
		}
	}
}

// overlaps reports whether engagement e runs during some of p: it starts
// before p ends and ends (if it has an end date) on or after p's first day.
func overlaps(e *fetch.Engagement, p model.Period) bool {
	if !e.StartDate.IsZero() && !e.StartDate.Before(p.End) {
		return false
	}
	return e.EndDate.IsZero() || !e.EndDate.Before(p.Start)
}

// inactiveLeftOut adds what the inactive clients attributed for p would
// have added: their number, activity and payments.
type leftOut struct {
	clients   int
	activity  int
	collected map[string]decimal.Decimal
}

func (r *records) leftOutFigures(l *leftOut, c *fetch.ClientRecord, p model.Period, act *activity, lo, hi int) {
	l.clients++
	k := act.over(c.ID, lo, hi)
	l.activity += k.total()
	for _, pm := range r.payments[c.ID] {
		if p.Contains(pm.paid) {
			if l.collected == nil {
				l.collected = map[string]decimal.Decimal{}
			}
			l.collected[pm.currency] = l.collected[pm.currency].Add(pm.amount)
		}
	}
}
