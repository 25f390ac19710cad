package fetch

import (
	"context"
	"time"
)

// Appointment is a booked session (section 4.13). Times are wall-clock
// times in the account zone; DateCanceled is zero unless canceled.
type Appointment struct {
	ID           int
	CoachID      int
	ClientID     int
	EngagementID int    // 0 when none
	Name         string // the label ("name", or "what" in older servers)
	StartDate    time.Time
	EndDate      time.Time
	Status       string // A active, C canceled, P pending, D declined
	DateAdded    time.Time
	DateCanceled time.Time
	Location     string
	Description  string
	// CountsInEngagement is 1 when credited to the engagement, -1 when not,
	// 0 when not yet judged.
	CountsInEngagement int
	Reminders          []Reminder
}

type wireAppointment struct {
	ID                 flexInt                `json:"ID"`
	CoachID            flexInt                `json:"CoachID"`
	ClientID           flexInt                `json:"ClientID"`
	EngagementID       flexInt                `json:"EngagementID"`
	Name               flexString             `json:"name"`
	What               flexString             `json:"what"`
	StartDate          flexTime               `json:"startDate"`
	EndDate            flexTime               `json:"endDate"`
	Status             flexString             `json:"status"`
	DateAdded          flexTime               `json:"dateAdded"`
	DateCanceled       flexTime               `json:"dateCanceled"`
	Location           flexString             `json:"location"`
	Description        flexString             `json:"description"`
	CountsInEngagement flexInt                `json:"countsInEngagement"`
	Reminders          flexList[wireReminder] `json:"reminderSet"`
}

func (w wireAppointment) label() string {
	if w.Name != "" {
		return string(w.Name)
	}
	return string(w.What)
}

func (w wireAppointment) record(loc *time.Location) Appointment {
	return Appointment{
		ID: int(w.ID), CoachID: int(w.CoachID), ClientID: int(w.ClientID), EngagementID: int(w.EngagementID),
		Name: w.label(), StartDate: w.StartDate.at(loc), EndDate: w.EndDate.at(loc), Status: string(w.Status),
		DateAdded: w.DateAdded.at(loc), DateCanceled: w.DateCanceled.at(loc), Location: string(w.Location),
		Description: string(w.Description), CountsInEngagement: int(w.CountsInEngagement),
		Reminders: reminders(w.Reminders, loc),
	}
}

// AppointmentsOptions filters Appointments; the zero value lists every
// active appointment. From and To compare the start (inclusive; a date-only
// To covers the whole day) and are sent as the calendar date of their own
// location.
type AppointmentsOptions struct {
	CoachID         int
	ClientID        int
	CompanyID       int
	Name            string // only appointments whose name starts with this
	From, To        time.Time
	IncludePending  bool
	IncludeCanceled bool
}

// Appointments lists appointments (API function Appointment.getAll).
func (c *Client) Appointments(ctx context.Context, opts AppointmentsOptions) ([]Appointment, error) {
	q := query{}
	q.int("CoachID", opts.CoachID)
	q.int("ClientID", opts.ClientID)
	q.int("CompanyID", opts.CompanyID)
	q.str("name", opts.Name)
	q.date("dateFrom", opts.From)
	q.date("dateTo", opts.To)
	q.flag("includePending", opts.IncludePending)
	q.flag("includeCanceled", opts.IncludeCanceled)
	return getList(ctx, c, "Appointment.getAll", q, plain(wireAppointment.record))
}
