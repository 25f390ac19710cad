package fetch

import (
	"context"
	"time"

	"github.com/go-json-experiment/json/jsontext"
)

// ClientRecord is a coaching client (section 4.1). Times are in the account
// zone; LastLoginDate is zero when the client never logged in.
type ClientRecord struct {
	ID            int
	CoachID       int // primary coach
	FirstName     string
	LastName      string
	Email         string
	DateAdded     time.Time
	IsActive      bool
	IsFreebie     bool
	HomePhone     string
	WorkPhone     string
	CellPhone     string
	ProfileExtra  string
	IsRegistered  bool
	Address1      string
	City          string
	State         string
	ZIP           string
	Country       string
	LoginCount    int
	LastLoginDate time.Time
	CompanyID     int // 0 when none
	CompanyName   string
}

type wireClient struct {
	ID            flexInt    `json:"ID"`
	CoachID       flexInt    `json:"CoachID"`
	FirstName     flexString `json:"firstName"`
	LastName      flexString `json:"lastName"`
	Email         flexString `json:"email"`
	DateAdded     flexTime   `json:"dateAdded"`
	IsActive      flexBool   `json:"isActive"`
	IsFreebie     flexBool   `json:"isFreebie"`
	HomePhone     flexString `json:"homePhone"`
	WorkPhone     flexString `json:"workPhone"`
	CellPhone     flexString `json:"cellPhone"`
	ProfileExtra  flexString `json:"profileExtra"`
	IsRegistered  flexBool   `json:"isRegistered"`
	Address1      flexString `json:"address1"`
	City          flexString `json:"city"`
	State         flexString `json:"state"`
	ZIP           flexString `json:"ZIP"`
	Country       flexString `json:"country"`
	LoginCount    flexInt    `json:"loginCount"`
	LastLoginDate flexTime   `json:"lastLoginDate"`
	CompanyID     flexInt    `json:"CompanyID"`
	CompanyName   flexString `json:"companyName"`
}

func (w wireClient) recordID() int { return int(w.ID) }

// record converts a client, which must have an ID.
func (w wireClient) record(rc *recordCtx) (ClientRecord, error) {
	if e := requiredID(w.ID); e != nil {
		return ClientRecord{}, e
	}
	return w.convert(rc.loc), nil
}

func (w wireClient) convert(loc *time.Location) ClientRecord {
	return ClientRecord{
		ID: int(w.ID), CoachID: int(w.CoachID), FirstName: string(w.FirstName), LastName: string(w.LastName),
		Email: string(w.Email), DateAdded: w.DateAdded.at(loc), IsActive: bool(w.IsActive), IsFreebie: bool(w.IsFreebie),
		HomePhone: string(w.HomePhone), WorkPhone: string(w.WorkPhone), CellPhone: string(w.CellPhone),
		ProfileExtra: string(w.ProfileExtra), IsRegistered: bool(w.IsRegistered), Address1: string(w.Address1),
		City: string(w.City), State: string(w.State), ZIP: string(w.ZIP), Country: string(w.Country),
		LoginCount: int(w.LoginCount), LastLoginDate: w.LastLoginDate.at(loc), CompanyID: int(w.CompanyID),
		CompanyName: string(w.CompanyName),
	}
}

// ClientsOptions filters Clients; the zero value lists active clients,
// newest first.
type ClientsOptions struct {
	IncludeInactive bool
	CoachID         int // only clients paired with this coach (311 if none such)
	CompanyID       int // only clients of this company (302 if none such)
	// WithoutCompany asks for clients of no company (CompanyID=0).
	WithoutCompany bool
	SortOption     string // "C" newest first (default), "A" alphabetical
}

// Clients lists clients (API function Client.getAll).
func (c *Client) Clients(ctx context.Context, opts ClientsOptions) ([]ClientRecord, error) {
	q := query{}
	q.flag("includeInactive", opts.IncludeInactive)
	q.int("CoachID", opts.CoachID)
	q.int("CompanyID", opts.CompanyID)
	if opts.WithoutCompany && opts.CompanyID == 0 {
		q["CompanyID"] = []string{"0"}
	}
	q.str("sortOption", opts.SortOption)
	return getList(ctx, c, "Client.getAll", q, wireClient.record)
}

// Client fetches one client, active or not (API function Client.get). An
// unknown id is an *APIError matching ErrNotFound.
func (c *Client) Client(ctx context.Context, id int) (ClientRecord, error) {
	q := query{}
	q.int("ClientID", id)
	return getOne(ctx, c, "Client.get", q, wireClient.record)
}

// decodeJSON reads a client from d (the fast path of Client.getAll).
func (c *ClientRecord) relocate(z *zoner) {
	z.move(&c.DateAdded)
	z.move(&c.LastLoginDate)
}

func (w *wireClient) decodeJSON(d *jsontext.Decoder, st *decState) error {
	return readObject(d, func(name []byte, d *jsontext.Decoder) error {
		var set func([]byte) error
		switch string(name) {
		case "firstName":
			return st.str(d, &w.FirstName)
		case "lastName":
			return st.str(d, &w.LastName)
		case "city":
			return st.str(d, &w.City)
		case "state":
			return st.str(d, &w.State)
		case "country":
			return st.str(d, &w.Country)
		case "companyName":
			return st.str(d, &w.CompanyName)
		case "ID":
			set = w.ID.set
		case "CoachID":
			set = w.CoachID.set
		case "email":
			set = w.Email.set
		case "dateAdded":
			set = w.DateAdded.set
		case "isActive":
			set = w.IsActive.set
		case "isFreebie":
			set = w.IsFreebie.set
		case "homePhone":
			set = w.HomePhone.set
		case "workPhone":
			set = w.WorkPhone.set
		case "cellPhone":
			set = w.CellPhone.set
		case "profileExtra":
			set = w.ProfileExtra.set
		case "isRegistered":
			set = w.IsRegistered.set
		case "address1":
			set = w.Address1.set
		case "ZIP":
			set = w.ZIP.set
		case "loginCount":
			set = w.LoginCount.set
		case "lastLoginDate":
			set = w.LastLoginDate.set
		case "CompanyID":
			set = w.CompanyID.set
		default:
			return errUnknownField
		}
		return readScalar(d, set)
	})
}
