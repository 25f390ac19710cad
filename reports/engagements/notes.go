package engagements

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/careport/careport/reports/model"
)

// maxProblemLines bounds the Data problems note; the rest are counted.
const maxProblemLines = 1000

// notes fills the Notes sheet: definitions, parameters, company
// engagements, what was left out and the data problems.
func (b *builder) notes() {
	r := b.r
	r.Notes = append(r.Notes, model.Note{Heading: "Definitions", Paragraphs: b.definitions()})
	r.Notes = append(r.Notes, b.parameters())
	if n := b.companyNote(); len(n.Items) > 0 {
		r.Notes = append(r.Notes, n)
	}
	if b.leftOut > 0 {
		r.Notes = append(r.Notes, model.Note{Heading: "Inactive clients", Paragraphs: []string{fmt.Sprintf(
			"%s of inactive clients or companies, open in %s, %s left out; run with --include-inactive to include them.",
			model.Count(b.leftOut, "engagement", "engagements"), b.p.Label, plural(b.leftOut, "is", "are"))}})
	}
	ps := b.sortedProblems()
	dp := model.Note{Heading: "Data problems"}
	if len(ps) == 0 {
		dp.Paragraphs = []string{"None: the data of every engagement of the report is consistent, and the API's allocation used agrees with the appointments for each."}
	} else {
		dp.Paragraphs = []string{fmt.Sprintf("%s found. Where the API's allocationUsedP/A disagree with the count from the appointments, "+
			"the API's figure is the one the user sees in the app.", model.Count(len(ps), "problem", "problems"))}
		for i, p := range ps {
			if i == maxProblemLines {
				dp.Paragraphs = append(dp.Paragraphs, fmt.Sprintf("... and %d more problems not listed here.", len(ps)-maxProblemLines))
				break
			}
			dp.Items = append(dp.Items, p.line())
		}
	}
	r.Notes = append(r.Notes, dp)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// moment describes the report moment in words.
func (b *builder) momentWords() string {
	if b.isDataTime() {
		return "the data time, " + fmtTime(b.t, b.loc) + " (the period had not ended then)"
	}
	return "the end of the period, midnight after " + b.day.String()
}

func fmtTime(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return "(unknown)"
	}
	return t.In(loc).Format("2006-01-02 15:04:05 MST")
}

// definitions are the Notes sheet's definitions, one paragraph each.
func (b *builder) definitions() []string {
	o := b.o
	return []string{
		"Report moment: every figure \"at the end\" is taken at the period's end (midnight after its last day, in the account time zone), or at the data time when the period had not ended then; the report day is the date of the moment's last instant. The previous period and the same period a year earlier are taken at their own ends. Here: " + b.momentWords() + ".",
		"Active at a moment: the engagement's start date had begun before it, its end date had not passed (an engagement runs to the end of its end date; an indefinite one, without an end date, never ends by date), and it had not been completed or canceled before it (its dateClosed). So an engagement ending on the period's last day is no longer active at the period's end, and one starting the next day is not active yet.",
		"New: engagements whose start date is in the period (up to the report moment); one closed before it started was never active and is not new. Completed and Canceled: engagements marked complete (isComplete) or canceled (isCanceled) whose dateClosed is in the period; one marked both is read as canceled. Ended (Trend and By coach): engagements that stopped being active in the period, because their end date was one of its days or they were completed or canceled in it, whichever came first; so active at a month's end is active at the month before's end plus new minus ended.",
		"Engagements sheet: every engagement of the report that was active at some moment of the period (up to the report moment), as it stood at the report moment. Status: Active; Not started; Completed (Completed early when dateClosed is before the end date); Canceled; or Ended, not marked complete (its end date passed and it was not closed by then).",
		"Used: the appointments of the engagement (by their EngagementID in Appointment.getAll) held before the moment, that is with status A (so never canceled, pending or declined) and starting before it, whose countsInEngagement is 1 (credited) or 0 (not yet judged, which the API's own figures count too); -1 (not credited, e.g. a complimentary session) does not count. Canceled appointments never count, even a late cancellation the app may credit; pending and declined requests are neither held nor booked.",
		"Booked: the appointments starting at or after the moment that had been booked by then (dateAdded before it), counting as above and not canceled by then (an appointment canceled later was still booked at that moment). Remaining: allocation minus used minus booked, what is left to book; negative when more is used or booked than allotted.",
		"Hours-based engagements (units H): use is the sum of the appointments' lengths (end minus start), shown in hours to two decimals; appointments-based ones (units A) count appointments. The API's own figures (allocationUsedP/A) are whole numbers, hours rounded down, and the count from the appointments is compared with them after rounding down the same way.",
		"API figures: where allocationUsedP (used) or allocationUsedA (used and booked) disagree with the count from the appointments at the data time, the engagement is listed under Data problems. When the report moment is the data time, Used and Booked then show the API's figures for it, which the user sees in the app (the Note column says so); for a period that had ended, the figures at its end are counted from the appointments, since the API's are as of the data time. The data time is when the fetch started: an API that counts by its own clock, later (or wrong), disagrees for every appointment held in between.",
		"Used %: used divided by the allocation. Time elapsed %: the engagement's days from its start date through the report day, divided by its days from start to end date, both inclusive (none for an indefinite engagement). Projected run-out: the day the allocation is used up at the pace so far, start date + ceil(allocation x days elapsed / used) - 1 (none until something is used). Last held and Next booked: the start of the latest held appointment (credited or not) and of the earliest booked one.",
		"Company engagements: a company's engagement covers its clients. Allocation is the company's whole allocation and Per client (allocationPerClient) is what each of its clients may use; use counts every client's appointments. The Company engagements note below gives each one's use per client.",
		fmt.Sprintf("At risk (engagements active at the report moment, worst first: most rules met, then furthest behind in points, then longest without a held appointment): under-using, Used %% more than %d points below Time elapsed %% (the rule is used < elapsed - %d points; --under-use-points, default %d; only engagements with an end date); stalled, nothing booked and no appointment held for %d days or more, counted from the last held appointment (or from the start date when none was held) to the report day (--stalled-days, default %d), the way CoachAccountable's scheduling nudge reads it; runs out early, the projected run-out is before the end date; over-used, used beyond the allocation. The use-based rules need known units and an allocation above zero. An indefinite engagement's allocation is read as the API gives it, as its whole allocation: one whose allocation renews (\"4 hours a month\") shows as over-used once it has used more than one allocation, since the API does not say that it renews.",
			o.UnderUsePoints, o.UnderUsePoints, DefaultUnderUsePoints, o.StalledDays, DefaultStalledDays),
		"Average use: the mean Used % of the engagements active at the moment that have an end date and whose units and allocation are known; indefinite engagements are left out, since their allocation has no term and the API does not say whether it renews (monthly, say). Clients without one: active clients (isActive as the API says now, since it keeps no history of it) added before the moment who had no active engagement of their own or of their company, whoever manages it; with --coach, the clients whose primary coach that coach is.",
		"Renewals: engagements started and not completed or canceled before the moment whose end date is the report day or within 90 days after it (Days left 0 to 90), grouped within 30, 60 and 90 days; the front page counts them cumulatively (within 60 includes within 30). Open invoices: the client's invoices (for a company engagement, the company's) dated before the moment whose amount less the payments made before it is above zero (a credit note never is), per the outstanding definition of the revenue report; Open balance sums them only when they share one currency (the list gives each). Next invoice date: the engagement's nextInvoiceDate as the API gives it at the data time. Follow-on engagement: the earliest engagement of the same client or company that starts after this one, is not canceled and had been added before the moment.",
		"By coach: per managing coach (the engagement's CoachID): active at the end, new, ended, average use and at risk as above; appointments held and canceled, the appointments of the coach's engagements with status A or C scheduled (startDate) in the period up to the report moment; cancellation rate, canceled / (held + canceled). Every active coach is listed, with zeros for one who manages no engagement.",
		fmt.Sprintf("Dates and times are those of the account time zone (%s), as the API gives them; a client's own time zone is not used (the API does not give it), so an appointment late on the period's last day in the account zone is in the period even for a client for whom it is already the next morning.", b.loc),
	}
}

// parameters is the Notes sheet's Parameters section.
func (b *builder) parameters() model.Note {
	o := b.o
	coach := "all coaches"
	if o.CoachID != 0 {
		coach = fmt.Sprintf("%s (ID %d): only the engagements this coach manages", b.coachNames[o.CoachID], o.CoachID)
	}
	inactive := "their engagements, and inactive companies', are left out (--include-inactive to include them)"
	if o.IncludeInactive {
		inactive = "included (--include-inactive)"
	}
	return model.Note{Heading: "Parameters", Items: []model.KeyValue{
		{Key: "Period", Value: b.p.Label},
		{Key: "Previous period", Value: b.p.Prev().Label},
		{Key: "Same period a year earlier", Value: b.p.YearEarlier().Label},
		{Key: "Report moment", Value: b.momentWords()},
		{Key: "Report day", Value: b.day.String()},
		{Key: "Stalled after", Value: model.Count(o.StalledDays, "day", "days") + " (--stalled-days)"},
		{Key: "Under-using beyond", Value: model.Count(o.UnderUsePoints, "point", "points") + " (--under-use-points)"},
		{Key: "Inactive clients", Value: inactive},
		{Key: "Coach filter", Value: coach},
		{Key: "Time zone", Value: b.loc.String()},
		{Key: "Data fetched at", Value: fmtTime(b.d.FetchedAt, b.loc)},
		{Key: "Generated at", Value: fmtTime(o.GeneratedAt, b.loc)},
	}}
}

// companyNote explains each listed company engagement: its allocation in
// all and per client, and what each client used by the report moment.
func (b *builder) companyNote() model.Note {
	n := model.Note{Heading: "Company engagements"}
	for _, e := range b.listed() {
		if !e.company || e.unit == unitUnknown {
			continue
		}
		v := b.view(e, b.t)
		per := map[int]int64{}
		for _, a := range e.appts {
			if held(a, b.t) && counts(a) {
				per[a.ClientID] += e.quantity(a)
			}
		}
		ids := make([]int, 0, len(per))
		for id := range per {
			ids = append(ids, id)
		}
		names := func(id int) string {
			if c := b.clients[id]; c != nil {
				return strings.TrimSpace(c.FirstName + " " + c.LastName)
			}
			return fmt.Sprintf("client %d", id)
		}
		slices.SortFunc(ids, func(x, y int) int { return cmp.Or(strings.Compare(names(x), names(y)), cmp.Compare(x, y)) })
		var parts []string
		for _, id := range ids {
			s := names(id) + " " + numText(e.qty(per[id]))
			if e.perAlloc > 0 && per[id] > e.perAlloc {
				s += " (beyond the per-client allocation)"
			}
			parts = append(parts, s)
		}
		used := "nothing used yet"
		if len(parts) > 0 {
			used = "used by client: " + strings.Join(parts, ", ")
		}
		if v.api {
			used += fmt.Sprintf("; the API says %d used in all", e.e.AllocationUsedP)
		}
		n.Items = append(n.Items, model.KeyValue{
			Key: "Engagement " + itoa(e.e.ID),
			Value: fmt.Sprintf("%s, %s: %s %s in all, %s per client (allocationPerClient); %s.",
				e.name, e.e.Name, numText(e.qty(e.alloc)), e.unitsName(), numText(e.qty(e.perAlloc)), used),
		})
	}
	return n
}

// warnings puts on the front page what the reader must see.
func (b *builder) warnings() {
	r := b.r
	if len(b.listed()) == 0 {
		filter := ""
		if b.o.CoachID != 0 {
			filter = " managed by " + b.coachNames[b.o.CoachID]
		}
		r.Warnings = append(r.Warnings, fmt.Sprintf("No engagement%s is open at any time in %s, so the sheets list none.", filter, b.p.Label))
	}
	if n := len(b.sortedProblems()); n > 0 {
		w := fmt.Sprintf("%s found in the engagement data; the Notes sheet lists them under Data problems.", model.Count(n, "data problem was", "data problems were"))
		if b.apiShown > 0 && b.isDataTime() {
			w += fmt.Sprintf(" For %s, Used and Booked show the API's allocation used, which disagrees with the appointments.",
				model.Count(b.apiShown, "engagement", "engagements"))
		}
		r.Warnings = append(r.Warnings, w)
	}
}
