package revenue

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/careport/careport/fetch/dataset"
	"github.com/careport/careport/reports"
	"github.com/careport/careport/reports/model"
	"github.com/shopspring/decimal"
)

// Spec is the revenue report's entry in the report list.
var Spec = reports.Spec{
	Name:    "revenue",
	Summary: "the monthly revenue report: invoiced, collected, outstanding, AR aging",
	Usage:   "[--currency CODE]",
	Periods: "a month 2026-10, a quarter 2026-Q3, a year 2026, or last-month (the default), this-month, last-quarter, this-quarter, last-year, this-year, ytd (January to this month, as far as the data goes); whole months only",
	Help: `Builds the revenue report for a month (default: the last full month in the
account's time zone), a quarter, a year or a range of months, as an XLSX workbook
and/or one CSV file per sheet. Sheets: Summary (the front page: the headline
figures against the previous period and a year earlier, and a chart of the last
12 months per currency; KPIs.csv in CSV), Trend, Monthly, By coach, By client,
Line items, Payments, AR aging, Invoices (the ledger, one sheet per currency,
each with a pivot table by month and coach when the report covers more than one
month) and Notes, which defines every figure. Credit notes (negative invoices)
and refunds (negative payments) are shown as their own figures; money paid
before an invoice's date is "Prepaid (unapplied)"; each invoice belongs to the
client's primary coach on its date. Amounts in different currencies are never
added. Revenue reports whole months, at most 240: a week or a range of days is
refused; ytd (and a range ending on the data's date) reports the months of the
year to date, the current one as far as the data goes.

Examples:
  careport revenue                              # last full month, revenue-YYYY-MM.xlsx in .
  careport revenue --period 2026-10 --out reports/
  careport revenue --period 2026-Q3 --format xlsx,csv
  careport revenue --from 2026-01 --to 2026-10
  careport revenue --coach ann@example.com --currency EUR
  careport revenue --snapshot snap/ --period 2026-10   # offline, from 'careport fetch'`,
	New: func(fs *pflag.FlagSet) reports.Report {
		r := &report{}
		fs.StringVar(&r.currency, "currency", "", "only invoices in this ISO 4217 currency, e.g. USD (see 'careport list currencies')")
		return r
	},
}

// report is one run of the revenue report.
type report struct {
	currency string
}

// needs are the data the revenue report reads, whatever the period.
var needs = dataset.Of(dataset.Clients, dataset.Coaches, dataset.Companies, dataset.Invoices, dataset.Pairings)

// CheckFlags checks --currency's syntax.
func (r *report) CheckFlags() error {
	if c := strings.TrimSpace(r.currency); c != "" {
		if len(c) != 3 || strings.Trim(strings.ToUpper(c), "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
			return reports.Optionsf("--currency %q: want a three-letter ISO 4217 code such as USD", r.currency)
		}
	}
	return nil
}

// Needs checks the period and returns the report's data needs.
func (r *report) Needs(p reports.Params) ([]dataset.Need, error) {
	if err := r.CheckFlags(); err != nil {
		return nil, err
	}
	if err := checkMonths(toDate(p.Period, p.DataTime)); err != nil {
		return nil, err
	}
	return needs, nil
}

// toDate and checkMonths are the shared whole-month rules (see
// reports.MonthsToDate and reports.CheckWholeMonths).
func toDate(p model.Period, dataTime time.Time) model.Period {
	return reports.MonthsToDate(p, dataTime)
}

func checkMonths(p model.Period) error { return reports.CheckWholeMonths("revenue", p, maxMonths) }

// Build builds the revenue report from the data set.
func (r *report) Build(d *dataset.Set, p reports.Params) (*model.Report, error) {
	data, err := dataFrom(d)
	if err != nil {
		return nil, err
	}
	data.Location = p.Location
	p.Period = toDate(p.Period, p.DataTime)
	if err := checkMonths(p.Period); err != nil {
		return nil, err
	}
	cur := strings.ToUpper(strings.TrimSpace(r.currency))
	if cur != "" {
		var all []string
		for _, inv := range data.Invoices {
			all = append(all, inv.Currency)
		}
		slices.Sort(all)
		all = slices.Compact(all)
		if !slices.Contains(all, cur) {
			if len(all) == 0 {
				return nil, reports.Optionsf("--currency %s: the account has no invoices in any currency", cur)
			}
			return nil, reports.Optionsf("--currency %s: the account has no invoices in %s; its currencies are %s", cur, cur, strings.Join(all, ", "))
		}
	}
	rep, sum, err := Build(data, Options{Period: p.Period, CoachID: p.CoachID, Currency: cur,
		AccountName: p.AccountName, GeneratedAt: p.GeneratedAt})
	if err != nil {
		return nil, err
	}
	rep.Name = Spec.Name
	if p.CoachID != 0 {
		rep.Filters = append(rep.Filters, model.KeyValue{Key: "Coach", Value: fmt.Sprintf("%s (%s)", p.CoachName, strconv.Itoa(p.CoachID))})
	}
	if cur != "" {
		rep.Filters = append(rep.Filters, model.KeyValue{Key: "Currency", Value: cur})
	}
	if len(sum.Currencies) == 0 || quiet(sum) {
		rep.Warnings = append(rep.Warnings, noDataWarning(data, rep.Period, p.Location, filterWords(p.CoachName, cur)))
	}
	return rep, nil
}

// quiet reports whether the period has no invoice and no payment in any
// currency.
func quiet(sum *Summary) bool {
	for _, c := range sum.Currencies {
		f := c.Current
		if f.InvoiceCount > 0 || f.CreditNoteCount > 0 || !f.Received.IsZero() || !f.Refunds.IsZero() {
			return false
		}
	}
	return true
}

// filterWords names the filters of a run for a sentence ("for the coach
// Ann Lee in EUR"), or "".
func filterWords(coach, currency string) string {
	var w string
	if coach != "" {
		w += " for the coach " + coach
	}
	if currency != "" {
		w += " in " + currency
	}
	return w
}

// noDataWarning says, in one sentence, that the period has no invoices or
// payments (matching the filters named by filters, see filterWords) and
// names the latest dated record of the whole account.
func noDataWarning(d *Data, p model.Period, loc *time.Location, filters string) string {
	var latest time.Time
	for _, inv := range d.Invoices {
		if inv.DateOf.After(latest) {
			latest = inv.DateOf
		}
		for _, pm := range inv.Payments {
			if pm.DatePaid.After(latest) {
				latest = pm.DatePaid
			}
		}
	}
	if latest.IsZero() {
		return "The account has no invoices or payments at all, so every figure is empty."
	}
	if filters != "" {
		return fmt.Sprintf("No invoice or payment%s is dated in %s; the latest invoice or payment of the whole account is dated %s.",
			filters, p.Label, latest.In(loc).Format(time.DateOnly))
	}
	return fmt.Sprintf("No invoice or payment is dated in %s; the latest invoice or payment in the account is dated %s.",
		p.Label, latest.In(loc).Format(time.DateOnly))
}

// KPIs returns the headline figures of a summary, per currency: the values
// the terminal summary, the workbook's front page, HTML cards and mail
// bodies show, in this order: Invoiced, Credit notes, Credit note count,
// Collected, Refunds, Outstanding at end, Overpaid (credit), Prepaid
// (unapplied), Net receivable, Invoices, Paying clients, Average invoice.
// Credit notes (and their count), refunds, overpaid and prepaid money are
// listed only when one of them is not zero in some currency and period,
// and then for every currency; Net receivable only when overpaid or prepaid
// money is listed (else it is Outstanding). Credit notes and refunds are
// negative amounts, as on the sheets, so a rise is good news; for
// Outstanding, Net receivable and the credit note count a fall is. Each
// Definition is one short sentence (the Notes sheet has the full ones).
func KPIs(sum *Summary) []model.KPI {
	nonZero := func(f func(Figures) decimal.Decimal) bool {
		for _, c := range sum.Currencies {
			for _, x := range []Figures{c.Current, c.Previous, c.YearEarlier} {
				if !f(x).IsZero() {
					return true
				}
			}
		}
		return false
	}
	withCredit := nonZero(func(f Figures) decimal.Decimal { return f.CreditNotes })
	withRefunds := nonZero(func(f Figures) decimal.Decimal { return f.Refunds })
	withOverpaid := nonZero(func(f Figures) decimal.Decimal { return f.Overpaid })
	withPrepaid := nonZero(func(f Figures) decimal.Decimal { return f.Prepaid })
	var out []model.KPI
	for _, c := range sum.Currencies {
		cur := c.Currency
		add := func(name string, t model.ColumnType, better model.Better, def string, f func(Figures) model.Value) {
			out = append(out, model.KPI{Name: name, Group: cur, Type: t, Currency: cur, Better: better, Definition: def,
				Current: f(c.Current), Previous: f(c.Previous), YearEarlier: f(c.YearEarlier)})
		}
		t := model.ColMoney
		add("Invoiced", t, model.BetterUp, "Invoices dated in the period, tax included; no credit notes.",
			func(f Figures) model.Value { return money(f.Invoiced) })
		if withCredit {
			add("Credit notes", t, model.BetterUp, "Negative invoices dated in the period (negative).",
				func(f Figures) model.Value { return money(f.CreditNotes) })
			add("Credit note count", model.ColCount, model.BetterDown, "Credit notes dated in the period.",
				func(f Figures) model.Value { return count(f.CreditNoteCount) })
		}
		add("Collected", t, model.BetterUp, "Payments dated in the period, net of refunds.",
			func(f Figures) model.Value { return money(f.Collected) })
		if withRefunds {
			add("Refunds", t, model.BetterUp, "Negative payments dated in the period, in Collected.",
				func(f Figures) model.Value { return money(f.Refunds) })
		}
		add("Outstanding at end", t, model.BetterDown, "Unpaid invoice balances at the end of the period.",
			func(f Figures) model.Value { return money(f.Outstanding) })
		if withOverpaid {
			add("Overpaid (credit)", t, model.BetterNeutral, "Paid beyond invoice amounts, at the end of the period.",
				func(f Figures) model.Value { return money(f.Overpaid) })
		}
		if withPrepaid {
			add("Prepaid (unapplied)", t, model.BetterNeutral, "Paid before the invoice's date, at the end of the period.",
				func(f Figures) model.Value { return money(f.Prepaid) })
		}
		if withOverpaid || withPrepaid {
			add("Net receivable", t, model.BetterDown, "Outstanding minus overpaid minus prepaid, at the end.",
				func(f Figures) model.Value { return money(f.NetReceivable) })
		}
		add("Invoices", model.ColCount, model.BetterUp, "Invoices dated in the period, zero amounts included.",
			func(f Figures) model.Value { return count(f.InvoiceCount) })
		add("Paying clients", model.ColCount, model.BetterUp, "Clients and companies paying more than zero in the period.",
			func(f Figures) model.Value { return count(f.PayingClients) })
		add("Average invoice", model.ColMoney, model.BetterNeutral, "Invoiced / invoices of non-zero amount.",
			func(f Figures) model.Value {
				if f.InvoiceCount == f.ZeroInvoiceCount {
					return model.Value{}
				}
				return money(f.AverageInvoice)
			})
	}
	return out
}
