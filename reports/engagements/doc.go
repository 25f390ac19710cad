// Package engagements builds the engagement report: who is active, who is
// not using what they bought, and whose package ends soon. An engagement is
// a client's (or a company's) enrolment in a package: a start and an end
// date (none for an indefinite one), an allocation of appointments (units
// A) or hours (H), the appointments that count toward it, and a state
// (open, completed, canceled).
//
// The report reads Engagement.getAll (with each AppointmentSet),
// Appointment.getAll (pending, declined and canceled ones included),
// Client.getAll, Coach.getAll, Company.getAll and Invoice.getAll through
// the shared data layer, without date filters, so one snapshot serves any
// period; Build filters locally.
//
// # The report moment
//
// Figures "at the end" of a period are taken at its end (midnight after its
// last day in the account zone), or at the data time when the period had
// not ended then. An engagement is active at a moment when its start date
// had begun, its end date had not passed (it runs to the end of that day;
// an indefinite one never ends by date) and it had not been completed or
// canceled (dateClosed) before it.
//
// # Use
//
// Use counts the held appointments (status A, started before the moment)
// whose countsInEngagement is not -1, never canceled ones; hours-based use
// sums appointment lengths. Booked counts those booked by then for later.
// Where the API's own allocationUsedP/A disagree with the count from the
// appointments at the data time, the report lists the disagreement as a
// data problem and, at the data time, shows the API's figure, which the user
// sees in the app.
//
// # Sheets
//
// The front page carries the KPIs (active at the end, new, completed,
// canceled, active clients without an active engagement, average use, at
// risk, renewals due within 30/60/90 days) against the previous period and
// a year earlier, and the Trend charts. Trend has a row per month;
// Engagements one per engagement open at some moment of the period; At
// risk the engagements meeting the under-using, stalled, runs-out-early or
// over-used rules, worst first; Renewals those ending within 90 days of the
// report day with the open invoices and any follow-on engagement; By coach
// a row per managing coach. The Notes sheet defines every figure, lists the
// parameters, explains company engagements (allocationPerClient) and lists
// the data problems.
package engagements
