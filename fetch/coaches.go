package fetch

import (
	"context"
	"time"
)

// Coach is a coach of the account (section 4.3). Times are in the account
// zone; LastLoginDate is zero when the coach never logged in.
type Coach struct {
	ID            int
	FirstName     string
	LastName      string
	Email         string
	DateAdded     time.Time
	IsActive      bool
	HomePhone     string
	WorkPhone     string
	CellPhone     string
	IsRegistered  bool
	Address1      string
	City          string
	State         string
	ZIP           string
	AvatarURL     string
	LoginCount    int
	LastLoginDate time.Time
	Profile       CoachProfile
}

// CoachProfile is a coach's public profile and which parts clients see.
type CoachProfile struct {
	BusinessName         string
	Biography            string
	Credentials          string
	Specialty            string
	Website              string
	ProfileExtra         string
	ProfileShow          bool
	ProfileShowEmail     bool
	ProfileShowHomePhone bool
	ProfileShowWorkPhone bool
	ProfileShowCellPhone bool
	ProfileShowAddress   bool
}

type wireCoachProfile struct {
	BusinessName         flexString `json:"businessName"`
	Biography            flexString `json:"biography"`
	Credentials          flexString `json:"credentials"`
	Specialty            flexString `json:"specialty"`
	Website              flexString `json:"website"`
	ProfileExtra         flexString `json:"profileExtra"`
	ProfileShow          flexBool   `json:"profileShow"`
	ProfileShowEmail     flexBool   `json:"profileShowEmail"`
	ProfileShowHomePhone flexBool   `json:"profileShowHomePhone"`
	ProfileShowWorkPhone flexBool   `json:"profileShowWorkPhone"`
	ProfileShowCellPhone flexBool   `json:"profileShowCellPhone"`
	ProfileShowAddress   flexBool   `json:"profileShowAddress"`
}

// flexProfile is the profile object, also accepted as null, [] or "".
type flexProfile wireCoachProfile

func (f *flexProfile) UnmarshalJSON(b []byte) error {
	if emptyReturn(b) {
		*f = flexProfile{}
		return nil
	}
	var w wireCoachProfile
	if err := jsonUnmarshal(b, &w); err != nil {
		return err
	}
	*f = flexProfile(w)
	return nil
}

type wireCoach struct {
	ID            flexInt     `json:"ID"`
	FirstName     flexString  `json:"firstName"`
	LastName      flexString  `json:"lastName"`
	Email         flexString  `json:"email"`
	DateAdded     flexTime    `json:"dateAdded"`
	IsActive      flexBool    `json:"isActive"`
	HomePhone     flexString  `json:"homePhone"`
	WorkPhone     flexString  `json:"workPhone"`
	CellPhone     flexString  `json:"cellPhone"`
	IsRegistered  flexBool    `json:"isRegistered"`
	Address1      flexString  `json:"address1"`
	City          flexString  `json:"city"`
	State         flexString  `json:"state"`
	ZIP           flexString  `json:"ZIP"`
	AvatarURL     flexString  `json:"avatarURL"`
	LoginCount    flexInt     `json:"loginCount"`
	LastLoginDate flexTime    `json:"lastLoginDate"`
	Profile       flexProfile `json:"profile"`
}

func (w wireCoach) record(loc *time.Location) Coach {
	p := w.Profile
	return Coach{
		ID: int(w.ID), FirstName: string(w.FirstName), LastName: string(w.LastName), Email: string(w.Email),
		DateAdded: w.DateAdded.at(loc), IsActive: bool(w.IsActive), HomePhone: string(w.HomePhone),
		WorkPhone: string(w.WorkPhone), CellPhone: string(w.CellPhone), IsRegistered: bool(w.IsRegistered),
		Address1: string(w.Address1), City: string(w.City), State: string(w.State), ZIP: string(w.ZIP),
		AvatarURL: string(w.AvatarURL), LoginCount: int(w.LoginCount), LastLoginDate: w.LastLoginDate.at(loc),
		Profile: CoachProfile{
			BusinessName: string(p.BusinessName), Biography: string(p.Biography), Credentials: string(p.Credentials),
			Specialty: string(p.Specialty), Website: string(p.Website), ProfileExtra: string(p.ProfileExtra),
			ProfileShow: bool(p.ProfileShow), ProfileShowEmail: bool(p.ProfileShowEmail),
			ProfileShowHomePhone: bool(p.ProfileShowHomePhone), ProfileShowWorkPhone: bool(p.ProfileShowWorkPhone),
			ProfileShowCellPhone: bool(p.ProfileShowCellPhone), ProfileShowAddress: bool(p.ProfileShowAddress),
		},
	}
}

// CoachesOptions filters Coaches; the zero value lists active coaches,
// newest first.
type CoachesOptions struct {
	IncludeInactive bool
	SortOption      string // "C" newest first (default), "A" alphabetical
}

// Coaches lists the coaches of the account (API function Coach.getAll).
func (c *Client) Coaches(ctx context.Context, opts CoachesOptions) ([]Coach, error) {
	q := query{}
	q.flag("includeInactive", opts.IncludeInactive)
	q.str("sortOption", opts.SortOption)
	return getList(ctx, c, "Coach.getAll", q, plain(wireCoach.record))
}
