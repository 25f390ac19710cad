package revenue

import (
	"github.com/careport/careport/fetch"
	"github.com/careport/careport/reports"
)

// coachHistory is the shared primary-coach history (reports.PrimaryHistory).
type coachHistory = reports.PrimaryHistory

func newCoachHistory(ps []fetch.Pairing) coachHistory { return reports.NewPrimaryHistory(ps) }
