package scorecard

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/careport/careport/reports/model"
	"github.com/shopspring/decimal"
)

// Definitions on the Notes sheet that are not a single figure's.
const (
	defBook            = "Which coach a client belongs to (the coach's book): for each period (the report period, the previous one, the one a year earlier and each month of the trend), a client belongs to the coach of the latest primary-coach period (pairing type P in Pairing.getHistory) that overlaps it, which is the primary coach at the period's end. A client handed over during a period therefore counts wholly for the new coach in that period, all of the period's activity included, and for the old coach in the periods before. A client with no primary-coach history at all belongs to their current coach (Client.getAll CoachID); one whose history starts after a period is in no book for it."
	defEveryFigure     = "Every figure of a coach is about the active clients of the coach's book, whoever recorded the item (the primary coach or another coach with access): appointments, actions, worksheets, session notes, payments and engagement use are those of these clients."
	defInactiveClients = "Inactive clients: a client inactive at the data time is left out of every figure, list and chart, for every period: the API does not say when a client was deactivated, so counting them in an earlier period would be a guess. What that leaves out of the report period is counted under Left out below."
	defCoaches         = "Coaches: the Team sheet lists, ranked by score, every coach with at least one active client in their book for the period, active or not (an inactive coach who still has clients is marked inactive, and the front page warns). Coaches with no active client in the period are not listed; they are named under Coaches not listed. The API does not tell an administrative-only coach from a coach without clients, so an administrative-only coach is one of these. With --coach, the workbook is that coach's alone: in place of the Team sheet a Figures sheet with one row per figure of their Team row (the period's value, the previous period's, the change as in the vs prev columns, the currency of money rows and the figure's definition; not ranked, since the other coaches' actions are not read), their sheet, their quiet clients; the relative score components still use the whole team's highest figures."
	defActivity        = "Activity comes from ClientData.getActivityStats, one call per letter and month of the window (each month one bucket, inactive clients included and then left out), so the count of each kind is the server's own; the letters are:"
	defChange          = "Change (vs prev columns): the figure minus the same figure for the previous period of the same length (each period with its own book); a difference of counts or per-client numbers, and of percentage points for percentages. On the front page changes are relative, as the front page says. Per-client figures are numbers with 2 decimals (rounded half away from zero)."
	defTrend           = "Trend sheet and the charts: each month's activity of the coach's book of that month (so a handed-over client's months count for the coach who had them); the Team column is the listed coaches' sum. On a coach's sheet, the month columns are each listed client's own activity, whichever coach they belonged to then (empty before the month the client was added), and the totals row adds up those clients only."
	defLast            = "Last activity: the last day with any activity up to the period's last day, from day-by-day activity stats (the months of the quiet window for every client, and the month of the last activity for a client quiet longer); empty when the client has no activity in the window. Quiet (days): for a client without activity in the period, the days from the last activity to the period's last day (or, without any activity in the window, the days of the window up to the period's end: at least that many)."
	defCollected       = "Collected (per currency, never added across currencies): payments (an invoice's paymentSet) dated in the period on the invoices of the coach's active clients, refunds (negative payments) included; company invoices have no coach and are left out. Unlike the revenue report, which attributes an invoice to the primary coach on its date, the scorecard uses the book rule above for money too."
)

// notes fills the report's Notes.
func (b *builder) notes(r *model.Report, generatedAt time.Time) {
	defs := []string{defBook, defEveryFigure, defInactiveClients, defCoaches, defActivity}
	for _, k := range kindDefs {
		defs = append(defs, "  "+k+".")
	}
	defs = append(defs, scoreFormula())
	for _, m := range metrics() {
		if !strings.HasSuffix(m.name, ")") || strings.HasPrefix(m.name, "Allocation") {
			defs = append(defs, m.def)
		}
	}
	defs = append(defs, defCollected, defChange, defTrend, defLast,
		fmt.Sprintf("Quiet clients: the active clients of the listed coaches with no activity in the period, or none in the last %s up to its end (%s to %s; --quiet-weeks), with the days since their last activity (at least, as above, without any in the window).", plural(b.pl.quietWeeks, "week", "weeks"), b.pl.quietFrom, b.pl.period.Last))
	r.Notes = append(r.Notes, model.Note{Heading: "Definitions", Paragraphs: defs})
	coach := "all coaches"
	if b.coachID != 0 {
		coach = b.names[b.coachID] + " (ID " + strconv.Itoa(b.coachID) + ")"
	}
	trend := b.pl.trend[0].Label + ".." + b.pl.trend[len(b.pl.trend)-1].Label
	r.Notes = append(r.Notes, model.Note{Heading: "Parameters", Items: []model.KeyValue{
		{Key: "Period", Value: b.pl.period.Label},
		{Key: "Previous period", Value: b.pl.prev.Label},
		{Key: "Same period a year earlier", Value: b.pl.yearEarlier.Label},
		{Key: "Trend window", Value: trend},
		{Key: "Quiet window", Value: fmt.Sprintf("%s, %s to %s", plural(b.pl.quietWeeks, "week", "weeks"), b.pl.quietFrom, b.pl.period.Last)},
		{Key: "Time zone", Value: b.loc.String()},
		{Key: "Data fetched at", Value: fmtTime(b.d.FetchedAt, b.loc)},
		{Key: "Generated at", Value: fmtTime(generatedAt, b.loc)},
		{Key: "Coach filter", Value: coach},
	}})
	if b.coachID == 0 {
		r.Notes = append(r.Notes, model.Note{Heading: "Coaches not listed", Paragraphs: b.unlisted()})
	}
	r.Notes = append(r.Notes, model.Note{Heading: "Left out", Paragraphs: b.leftOut()})
	if ps := b.act.problems.list(); len(ps) > 0 {
		r.Notes = append(r.Notes, model.Note{Heading: "Data problems", Paragraphs: ps})
	}
}

// unlisted names the coaches left off the Team sheet and why.
func (b *builder) unlisted() []string {
	var out []string
	for _, id := range slices.Sorted(maps.Keys(b.coaches)) {
		if slices.Contains(b.listed, id) {
			continue
		}
		why := "active, with no active client in the period (an administrative-only coach, or one not yet given clients)"
		if !b.coaches[id].IsActive {
			why = "inactive, with no active client in the period"
		}
		out = append(out, fmt.Sprintf("%s (ID %d): %s.", b.names[id], id, why))
	}
	if len(out) == 0 {
		out = append(out, "Every coach of the account is listed.")
	}
	return out
}

// leftOut counts what the rules leave out of the report period.
func (b *builder) leftOut() []string {
	p := b.pl.period
	lo, hi := b.pl.monthsOf(p)
	var l leftOut
	for coach, cs := range b.books[cur].inactive {
		if !b.selected(coach) {
			continue
		}
		for _, c := range cs {
			b.rec.leftOutFigures(&l, c, p, b.act, lo, hi)
		}
	}
	out := []string{fmt.Sprintf("%s inactive at the data time %s attributed to the %s for %s and left out, with %d items of activity in the period%s.",
		plural(l.clients, "client", "clients"), isAre(l.clients), coachesWord(b.coachID), p.Label, l.activity, moneyWords(l.collected))}
	fell := 0
	for _, id := range b.books[cur].fellBack {
		if b.selected(b.books[cur].coachOf[id]) {
			fell++
		}
	}
	if fell > 0 {
		out = append(out, fmt.Sprintf("%s without any primary-coach history %s attributed to their current coach.", plural(fell, "active client", "active clients"), isAre(fell)))
	}
	if b.coachID == 0 {
		company := map[string]decimal.Decimal{}
		for _, inv := range b.d.Invoices {
			if inv.ClientID != 0 {
				continue
			}
			for _, pm := range inv.Payments {
				if p.Contains(pm.DatePaid) {
					company[inv.Currency] = company[inv.Currency].Add(pm.Amount)
				}
			}
		}
		if len(company) > 0 {
			out = append(out, "Payments on company invoices, which have no coach, in the period:"+moneyList(company)+".")
		}
	}
	return out
}

func coachesWord(coachID int) string {
	if coachID != 0 {
		return "coach"
	}
	return "coaches"
}

func isAre(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// moneyWords is ", and payments of USD 10.00, EUR 5.00" or "".
func moneyWords(m map[string]decimal.Decimal) string {
	if len(m) == 0 {
		return ""
	}
	return ", and payments of" + moneyList(m)
}

func moneyList(m map[string]decimal.Decimal) string {
	var parts []string
	for _, c := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, " "+c+" "+m[c].StringFixed(model.CurrencyDigits(c)))
	}
	return strings.Join(parts, ",")
}

func fmtTime(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return "(unknown)"
	}
	return t.In(loc).Format("2006-01-02 15:04:05 MST")
}

// warnings are the sentences the front page must show.
func (b *builder) warnings() []string {
	var out []string
	p := b.pl.period
	for _, coach := range b.listed {
		c := b.coaches[coach]
		n := b.fig(cur, coach).clients
		switch {
		case n == 0:
			out = append(out, fmt.Sprintf("%s has no active client in %s: an administrative-only coach, an inactive one, or one not yet given clients; every figure is empty.", b.names[coach], p.Label))
		case c == nil:
			out = append(out, fmt.Sprintf("%s, the primary coach of %s in %s, is not in the coach list.", b.names[coach], plural(n, "active client", "active clients"), p.Label))
		case !c.IsActive:
			out = append(out, fmt.Sprintf("%s is inactive but was the primary coach of %s in %s; hand them over.", b.names[coach], plural(n, "active client", "active clients"), p.Label))
		}
	}
	if b.team[cur].clients > 0 && b.team[cur].activity() == 0 {
		out = append(out, fmt.Sprintf("No activity of any kind is recorded in %s for these clients.", p.Label))
	}
	if ps := b.act.problems.list(); len(ps) > 0 {
		out = append(out, fmt.Sprintf("The activity stats had %s; see Data problems on the Notes sheet.", plural(len(ps), "problem", "problems")))
	}
	return out
}
