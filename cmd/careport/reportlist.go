package main

import (
	"github.com/careport/careport/reports"
	"github.com/careport/careport/reports/engagements"
	"github.com/careport/careport/reports/metrics"
	"github.com/careport/careport/reports/revenue"
	"github.com/careport/careport/reports/scorecard"
)

// reportList is the one list of careport's reports. Every command that
// works over reports (`careport <report>`, fetch, demo, list, help) iterates
// it; adding a report means writing its package and adding one line here.
// TestNoReportNamedOutsideList fails if any other file of cmd names one.
func reportList() []reports.Spec {
	return []reports.Spec{
		revenue.Spec,
		engagements.Spec,
		scorecard.Spec,
		metrics.Spec,
	}
}
