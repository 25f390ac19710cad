package fetch

import (
	"context"
	"time"
)

// Action is a to-do assigned to a client (section 4.10). Times are in the
// account zone; DateDone is zero while not done.
type Action struct {
	ID              int
	ClientID        int
	CoachID         int // assigning coach
	ActionProjectID int // 0 for a standalone action
	ProjectName     string
	Action          string // the text
	ForWho          string // C coach, L client
	DateDue         time.Time
	DateDone        time.Time
	IsDone          bool
	IsCanceled      bool
	Reminders       []Reminder
}

type wireAction struct {
	ID              flexInt                `json:"ID"`
	ClientID        flexInt                `json:"ClientID"`
	CoachID         flexInt                `json:"CoachID"`
	ActionProjectID flexInt                `json:"ActionProjectID"`
	ProjectName     flexString             `json:"projectName"`
	Action          flexString             `json:"action"`
	ForWho          flexString             `json:"forWho"`
	DateDue         flexTime               `json:"dateDue"`
	DateDone        flexTime               `json:"dateDone"`
	IsDone          flexBool               `json:"isDone"`
	IsCanceled      flexBool               `json:"isCanceled"`
	Reminders       flexList[wireReminder] `json:"reminderSet"`
}

func (w wireAction) record(loc *time.Location) Action {
	return Action{
		ID: int(w.ID), ClientID: int(w.ClientID), CoachID: int(w.CoachID), ActionProjectID: int(w.ActionProjectID),
		ProjectName: string(w.ProjectName), Action: string(w.Action), ForWho: string(w.ForWho),
		DateDue: w.DateDue.at(loc), DateDone: w.DateDone.at(loc), IsDone: bool(w.IsDone),
		IsCanceled: bool(w.IsCanceled), Reminders: reminders(w.Reminders, loc),
	}
}

// ActionsOptions filters Actions; the zero value lists a client's open
// actions for the client.
type ActionsOptions struct {
	CoachID         int // assigning coach
	ActionProjectID int
	ProjectName     string // project name prefix
	IncludeDone     bool
	IncludeCanceled bool
	IncludeForCoach bool
}

// Actions lists one client's actions (API function Action.getAll). Records
// without a ClientID from the server get clientID.
func (c *Client) Actions(ctx context.Context, clientID int, opts ActionsOptions) ([]Action, error) {
	q := query{}
	q.int("ClientID", clientID)
	q.int("CoachID", opts.CoachID)
	q.int("ActionProjectID", opts.ActionProjectID)
	q.str("projectName", opts.ProjectName)
	q.flag("includeDone", opts.IncludeDone)
	q.flag("includeCanceled", opts.IncludeCanceled)
	q.flag("includeForCoach", opts.IncludeForCoach)
	as, err := getList(ctx, c, "Action.getAll", q, plain(wireAction.record))
	for i := range as {
		if as[i].ClientID == 0 {
			as[i].ClientID = clientID
		}
	}
	return as, err
}

// ActionsForClients calls Actions once per client, at most Concurrency at a
// time, and returns every action in ascending client ID order (each
// client's in API order), however the calls finish. The first error
// cancels the calls not yet done and is returned.
func (c *Client) ActionsForClients(ctx context.Context, clientIDs []int, opts ActionsOptions) ([]Action, error) {
	return fanOut(ctx, c, "Action.getAll", clientIDs, func(ctx context.Context, id int) ([]Action, error) {
		return c.Actions(ctx, id, opts)
	})
}
