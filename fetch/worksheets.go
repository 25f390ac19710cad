package fetch

import (
	"context"
	"time"
)

// Worksheet is a worksheet assigned to a client (section 4.15). Times are
// in the account zone; DateDone is zero while the client has not completed
// it. Content (the HTML form) is never fetched: no report reads it, and it
// is the bulk of the response.
type Worksheet struct {
	ID           int
	CoachID      int // assigning coach
	ClientID     int
	Title        string
	DateAssigned time.Time
	DateDue      time.Time
	DateDone     time.Time
	IsDone       bool
	Answers      []Answer
	Reminders    []Reminder
}

type wireWorksheet struct {
	ID           flexInt                `json:"ID"`
	CoachID      flexInt                `json:"CoachID"`
	ClientID     flexInt                `json:"ClientID"`
	Title        flexString             `json:"title"`
	DateAssigned flexTime               `json:"dateAssigned"`
	DateDue      flexTime               `json:"dateDue"`
	DateDone     flexTime               `json:"dateDone"`
	IsDone       flexBool               `json:"isDone"`
	Answers      flexList[wireAnswer]   `json:"answerSet"`
	Reminders    flexList[wireReminder] `json:"reminderSet"`
}

func (w wireWorksheet) record(loc *time.Location) Worksheet {
	ws := Worksheet{
		ID: int(w.ID), CoachID: int(w.CoachID), ClientID: int(w.ClientID), Title: string(w.Title),
		DateAssigned: w.DateAssigned.at(loc), DateDue: w.DateDue.at(loc), DateDone: w.DateDone.at(loc),
		IsDone: bool(w.IsDone), Reminders: reminders(w.Reminders, loc),
	}
	for _, a := range w.Answers {
		ws.Answers = append(ws.Answers, Answer{Name: string(a.Name), Value: string(a.Value), NumberValue: a.NumberValue.null()})
	}
	return ws
}

// WorksheetsOptions filters Worksheets; the zero value lists the completed
// worksheets of every client. AssignedFrom and AssignedTo compare
// dateAssigned (inclusive).
type WorksheetsOptions struct {
	ClientID           int
	CompanyID          int
	Title              string // title prefix
	IncludeOutstanding bool   // also the ones not completed yet
	AssignedFrom       time.Time
	AssignedTo         time.Time
}

// Worksheets lists worksheets with their form answers, without their HTML
// content (API function Worksheet.getAll).
func (c *Client) Worksheets(ctx context.Context, opts WorksheetsOptions) ([]Worksheet, error) {
	q := query{}
	q.int("ClientID", opts.ClientID)
	q.int("CompanyID", opts.CompanyID)
	q.str("title", opts.Title)
	q.flag("includeOutstanding", opts.IncludeOutstanding)
	q.date("dateAssignedFrom", opts.AssignedFrom)
	q.date("dateAssignedTo", opts.AssignedTo)
	return getList(ctx, c, "Worksheet.getAll", q, plain(wireWorksheet.record))
}
