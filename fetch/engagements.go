package fetch

import (
	"context"
	"time"
)

// Engagement is a client's or company's enrolment in a package (section
// 4.20). StartDate, EndDate and NextInvoiceDate are the first instant of
// their day in the account zone (midnight, or the moment the day starts
// where the zone skips midnight); EndDate is zero for an indefinite
// engagement, DateClosed while open.
type Engagement struct {
	ID              int
	Type            string // opaque; "client" or "company" in the sandbox
	ClientID        int    // 0 for a company engagement
	CompanyID       int    // 0 for a client engagement
	CoachID         int    // managing coach
	WithName        string // the client's or company's name
	Name            string
	StartDate       time.Time
	EndDate         time.Time
	AllocationUnits string // A appointments, H hours
	Allocation      int
	// AllocationUsedP, AllocationUsedA and AllocationUsedV are the API's
	// own (undocumented) figures of the allocation used, in the units of
	// AllocationUnits; see AllocationUsedKnown.
	AllocationUsedP int
	AllocationUsedA int
	AllocationUsedV int
	// AllocationUsedKnown is true when the API sent both allocationUsedP
	// and allocationUsedA as numbers; when false (a field absent, null or
	// "") the two read 0, which is then not a figure.
	AllocationUsedKnown bool
	AllocationPerClient int
	NextInvoiceDate     time.Time
	IsComplete          bool
	IsCanceled          bool
	DateClosed          time.Time
	DateAdded           time.Time
	// Appointments are present only with IncludeAppointments.
	Appointments []EngagementAppointment
}

// EngagementAppointment is an appointment listed inside an engagement.
type EngagementAppointment struct {
	ID                 int
	CoachID            int
	ClientID           int
	Name               string
	StartDate          time.Time
	EndDate            time.Time
	Status             string
	DateAdded          time.Time
	DateCanceled       time.Time
	CountsInEngagement int
}

type wireEngagement struct {
	ID                  flexInt                   `json:"ID"`
	Type                flexString                `json:"type"`
	ClientID            flexInt                   `json:"ClientID"`
	CompanyID           flexInt                   `json:"CompanyID"`
	CoachID             flexInt                   `json:"CoachID"`
	WithName            flexString                `json:"withName"`
	Name                flexString                `json:"name"`
	StartDate           flexTime                  `json:"startDate"`
	EndDate             flexTime                  `json:"endDate"`
	AllocationUnits     flexString                `json:"allocationUnits"`
	Allocation          flexInt                   `json:"allocation"`
	AllocationUsedP     flexOptInt                `json:"allocationUsedP"`
	AllocationUsedA     flexOptInt                `json:"allocationUsedA"`
	AllocationUsedV     flexInt                   `json:"allocationUsedV"`
	AllocationPerClient flexInt                   `json:"allocationPerClient"`
	NextInvoiceDate     flexTime                  `json:"nextInvoiceDate"`
	IsComplete          flexBool                  `json:"isComplete"`
	IsCanceled          flexBool                  `json:"isCanceled"`
	DateClosed          flexTime                  `json:"dateClosed"`
	DateAdded           flexTime                  `json:"dateAdded"`
	Appointments        flexList[wireAppointment] `json:"AppointmentSet"`
}

func (w wireEngagement) record(loc *time.Location) Engagement {
	e := Engagement{
		ID: int(w.ID), Type: string(w.Type), ClientID: int(w.ClientID), CompanyID: int(w.CompanyID),
		CoachID: int(w.CoachID), WithName: string(w.WithName), Name: string(w.Name),
		StartDate: w.StartDate.date(loc), EndDate: w.EndDate.date(loc), AllocationUnits: string(w.AllocationUnits),
		Allocation: int(w.Allocation), AllocationUsedP: int(w.AllocationUsedP.n), AllocationUsedA: int(w.AllocationUsedA.n),
		AllocationUsedV: int(w.AllocationUsedV), AllocationUsedKnown: w.AllocationUsedP.ok && w.AllocationUsedA.ok,
		AllocationPerClient: int(w.AllocationPerClient),
		NextInvoiceDate:     w.NextInvoiceDate.date(loc), IsComplete: bool(w.IsComplete), IsCanceled: bool(w.IsCanceled),
		DateClosed: w.DateClosed.at(loc), DateAdded: w.DateAdded.at(loc),
	}
	for _, a := range w.Appointments {
		e.Appointments = append(e.Appointments, EngagementAppointment{
			ID: int(a.ID), CoachID: int(a.CoachID), ClientID: int(a.ClientID), Name: a.label(),
			StartDate: a.StartDate.at(loc), EndDate: a.EndDate.at(loc), Status: string(a.Status),
			DateAdded: a.DateAdded.at(loc), DateCanceled: a.DateCanceled.at(loc),
			CountsInEngagement: int(a.CountsInEngagement),
		})
	}
	return e
}

// EngagementsOptions filters Engagements; the zero value lists all
// engagements without their appointments. Date bounds are inclusive and
// sent as the calendar date of their own location.
type EngagementsOptions struct {
	ClientID            int
	CompanyID           int
	CoachID             int // managing coach
	StartFrom, StartTo  time.Time
	EndFrom, EndTo      time.Time
	IncludeAppointments bool
}

// Engagements lists engagements (API function Engagement.getAll).
func (c *Client) Engagements(ctx context.Context, opts EngagementsOptions) ([]Engagement, error) {
	q := query{}
	q.int("ClientID", opts.ClientID)
	q.int("CompanyID", opts.CompanyID)
	q.int("CoachID", opts.CoachID)
	q.date("startDateFrom", opts.StartFrom)
	q.date("startDateTo", opts.StartTo)
	q.date("endDateFrom", opts.EndFrom)
	q.date("endDateTo", opts.EndTo)
	q.flag("includeAppointments", opts.IncludeAppointments)
	return getList(ctx, c, "Engagement.getAll", q, plain(wireEngagement.record))
}
