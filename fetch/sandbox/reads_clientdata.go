package sandbox

import (
	"strings"

	"github.com/careport/careport/fetch/apicode"
	"github.com/careport/careport/fetch/sandbox/clientdata"
)

// csvReturn is the return of the CSV calls (1.7): {"data": csv}.
type csvReturn struct {
	Data string `json:"data"`
}

func csvResult(csv string, empty bool) (string, any, *apiError) {
	if empty {
		return "empty", csvReturn{Data: csv}, nil
	}
	return "loaded", csvReturn{Data: csv}, nil
}

// clientDataGetByField is ClientData.getByField (6.1). Checks in the order
// of 1.9: fieldname (301), CoachID (311), ClientID (302), dates (304), then
// the enumerations (301).
func clientDataGetByField(c *call) (string, any, *apiError) {
	if e := c.required("fieldname"); e != nil {
		return "", nil, e
	}
	o := clientdata.DataFetchOptions{FieldName: c.str("fieldname", 0)}
	var e *apiError
	if o.CoachID, _, e = c.coachFilter("CoachID"); e != nil {
		return "", nil, e
	}
	if o.ClientID, _, e = c.clientFilter("ClientID"); e != nil {
		return "", nil, e
	}
	if o.From, e = c.dateParam("dateFrom"); e != nil {
		return "", nil, e
	}
	if o.To, e = c.dateParam("dateTo"); e != nil {
		return "", nil, e
	}
	var bucket, what, structure string
	if bucket, e = c.enumParam("dateBucket", "W", "D", "W", "M"); e != nil {
		return "", nil, e
	}
	if what, e = c.enumParam("whatData", "N", "N", "T", "B"); e != nil {
		return "", nil, e
	}
	if structure, e = c.enumParam("structure", "D", "D", "L"); e != nil {
		return "", nil, e
	}
	o.Bucket, o.WhatData, o.Structure = bucket[0], what[0], structure[0]
	o.IncludeInactive = c.boolParam("includeInactive", false)
	o.IncludeCoachName = c.boolParam("includeCoachName", false)
	return csvResult(clientdata.DataFetch(c.acct, c.loc, o))
}

// clientDataGetActivityStats is ClientData.getActivityStats (6.2). Checks
// in the order of 1.9: CoachID (311), ClientID, GroupID, CompanyID,
// EngagementID (302), dates (304), then dateBucket and itemTypes (301).
func clientDataGetActivityStats(c *call) (string, any, *apiError) {
	var o clientdata.ActivityOptions
	var e *apiError
	if o.CoachID, _, e = c.coachFilter("CoachID"); e != nil {
		return "", nil, e
	}
	if o.ClientID, _, e = c.clientFilter("ClientID"); e != nil {
		return "", nil, e
	}
	if o.GroupID, _, e = c.idFilter("GroupID", func(id int) bool { return findGroup(c.acct, id) != nil }, false); e != nil {
		return "", nil, e
	}
	if o.CompanyID, _, e = c.companyFilter("CompanyID", false); e != nil {
		return "", nil, e
	}
	if o.EngagementID, _, e = c.idFilter("EngagementID", func(id int) bool { return findEngagement(c.acct, id) != nil }, false); e != nil {
		return "", nil, e
	}
	if o.From, e = c.dateParam("dateFrom"); e != nil {
		return "", nil, e
	}
	if o.To, e = c.dateParam("dateTo"); e != nil {
		return "", nil, e
	}
	bucket, e := c.enumParam("dateBucket", "W", "D", "W", "M", "Q", "Y")
	if e != nil {
		return "", nil, e
	}
	o.Bucket = bucket[0]
	o.ItemTypes = c.str("itemTypes", 0)
	for _, r := range o.ItemTypes {
		if !strings.ContainsRune("AMPSWJFC", r) {
			return "", nil, fail(apicode.RequiredMissing, "%s: itemTypes %q holds %q, which is none of AMPSWJFC.", c.function, o.ItemTypes, r)
		}
	}
	o.IncludeInactive = c.boolParam("includeInactive", false)
	o.IncludeTotals = c.boolParam("includeTotals", true)
	o.IncludeAverages = c.boolParam("includeAverages", true)
	o.Today = c.today()
	return csvResult(clientdata.ActivityStats(c.acct, c.loc, o))
}
