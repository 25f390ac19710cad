package fetch

import (
	"context"
	"time"
)

// Pairing is one period during which a coach was paired with a client at
// one access level (section 4.9). A change of access level ends one period
// and starts another.
type Pairing struct {
	CoachID  int
	ClientID int
	// Type is the access level: 'P' primary coach, 'C' coach, 'R' read-only
	// (see section 5.5); 0 when the API sent none.
	Type byte
	// Start and End are wall-clock times in the account zone; End is the
	// zero time while the pairing is current.
	Start, End time.Time
}

// Current reports whether the pairing had not ended when it was fetched.
func (p Pairing) Current() bool { return p.End.IsZero() }

type wirePairing struct {
	CoachID   flexInt    `json:"CoachID"`
	ClientID  flexInt    `json:"ClientID"`
	Type      flexString `json:"type"`
	StartDate flexTime   `json:"startDate"`
	EndDate   flexTime   `json:"endDate"`
}

func (w wirePairing) record(loc *time.Location) Pairing {
	p := Pairing{CoachID: int(w.CoachID), ClientID: int(w.ClientID),
		Start: w.StartDate.at(loc), End: w.EndDate.at(loc)}
	if len(w.Type) > 0 {
		p.Type = w.Type[0]
	}
	return p
}

// PairingHistoryOptions filters PairingHistory; the zero value lists every
// pairing period of the account, past and present.
type PairingHistoryOptions struct {
	CoachID  int
	ClientID int
	// From and To keep the periods starting in [From, To] (calendar dates
	// of their own location).
	From, To time.Time
}

// PairingHistory lists pairing periods, past and present (API function
// Pairing.getHistory), in API order.
func (c *Client) PairingHistory(ctx context.Context, opts PairingHistoryOptions) ([]Pairing, error) {
	q := query{}
	q.int("CoachID", opts.CoachID)
	q.int("ClientID", opts.ClientID)
	q.date("dateFrom", opts.From)
	q.date("dateTo", opts.To)
	return getList(ctx, c, "Pairing.getHistory", q, plain(wirePairing.record))
}
