package fetch

import (
	"context"
	"time"
)

// Session is a coach's notes of a session (section 4.14). Times are in the
// account zone; DateDone is zero for a draft.
type Session struct {
	ID        int
	CoachID   int // author
	ClientID  int
	DateOf    time.Time
	Title     string
	Content   string // HTML
	IsDraft   bool
	Answers   []Answer
	DateAdded time.Time
	DateDone  time.Time
}

type wireSession struct {
	ID        flexInt              `json:"ID"`
	CoachID   flexInt              `json:"CoachID"`
	ClientID  flexInt              `json:"ClientID"`
	DateOf    flexTime             `json:"dateOf"`
	Title     flexString           `json:"title"`
	Content   flexString           `json:"content"`
	IsDraft   flexBool             `json:"isDraft"`
	Answers   flexList[wireAnswer] `json:"answerSet"`
	DateAdded flexTime             `json:"dateAdded"`
	DateDone  flexTime             `json:"dateDone"`
}

func (w wireSession) record(loc *time.Location) Session {
	s := Session{
		ID: int(w.ID), CoachID: int(w.CoachID), ClientID: int(w.ClientID), DateOf: w.DateOf.at(loc),
		Title: string(w.Title), Content: string(w.Content), IsDraft: bool(w.IsDraft),
		DateAdded: w.DateAdded.at(loc), DateDone: w.DateDone.at(loc),
	}
	for _, a := range w.Answers {
		s.Answers = append(s.Answers, Answer{Name: string(a.Name), Value: string(a.Value), NumberValue: a.NumberValue.null()})
	}
	return s
}

// SessionsOptions filters Sessions; the zero value lists completed
// sessions of every client. From and To compare dateOf (inclusive).
type SessionsOptions struct {
	ClientID      int
	CoachID       int
	From, To      time.Time
	IncludeDrafts bool
	SortField     string // dateDone (default), dateAdded or dateOf
	SortDirection string // "A" or "D" (default)
}

// Sessions lists session notes with their form answers (API function
// Session.getAll).
func (c *Client) Sessions(ctx context.Context, opts SessionsOptions) ([]Session, error) {
	q := query{}
	q.int("ClientID", opts.ClientID)
	q.int("CoachID", opts.CoachID)
	q.date("dateFrom", opts.From)
	q.date("dateTo", opts.To)
	q.flag("includeDrafts", opts.IncludeDrafts)
	q.str("sortField", opts.SortField)
	q.str("sortDirection", opts.SortDirection)
	return getList(ctx, c, "Session.getAll", q, plain(wireSession.record))
}
