// Package present holds the presentation rules the renderers share, so that
// a workbook and a web page of the same report say the same thing the same
// way: currency symbols, how a period and a time are written, and the list
// of headline-figure definitions.
package present

import (
	"fmt"
	"strings"
	"time"

	"golang.org/x/text/currency"

	"github.com/careport/careport/reports/model"
)

// CurrencyCode reduces code to upper-case A-Z, so that a model cannot
// inject number-format syntax (or markup) through a currency.
func CurrencyCode(code string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' {
			return r - 'a' + 'A'
		}
		if r >= 'A' && r <= 'Z' {
			return r
		}
		return -1
	}, code)
}

// CurrencySymbol returns the CLDR symbol of an ISO 4217 code ("US$", "€",
// "JP¥", "KWD"), or the code itself for a code CLDR does not know (or
// whose symbol holds number-format syntax).
func CurrencySymbol(code string) string {
	u, err := currency.ParseISO(code)
	if err != nil {
		return code
	}
	sym := fmt.Sprint(currency.Symbol(u))
	if sym == "" || strings.ContainsAny(sym, `[]";\`) {
		return code
	}
	return sym
}

// PeriodWords describes a period for a reader: its words and its first
// and last days ("October 2026 (2026-10-01 to 2026-10-31)").
func PeriodWords(p model.Period) string {
	if p.Start.IsZero() || p.First.IsZero() {
		return p.Label
	}
	return fmt.Sprintf("%s (%s to %s)", p.Words(), p.First, p.Last)
}

// Stamp writes a time as the title blocks show it, with its zone's
// abbreviation; "" for the zero time.
func Stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02 15:04 MST")
}

// KPIDefinitions lists each headline figure's definition once per figure
// name, in the report's order, for the notes.
func KPIDefinitions(r *model.Report) []model.KeyValue {
	var defs []model.KeyValue
	seen := map[string]bool{}
	for _, k := range r.KPIs {
		if k.Definition == "" || seen[k.Name] {
			continue
		}
		seen[k.Name] = true
		defs = append(defs, model.KeyValue{Key: k.Name, Value: k.Definition})
	}
	return defs
}

// SeriesKey is the key a chart series keeps its colour by across a
// report's charts, in the workbook and on the page alike: its name without
// a trailing currency code, so "Invoiced USD", "Invoiced (EUR)" and
// "Invoiced" are one series, one colour.
func SeriesKey(name string) string {
	s := strings.TrimSpace(name)
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		last := strings.Trim(s[i+1:], "()")
		if len(last) == 3 && CurrencyCode(last) == last {
			s = strings.TrimSpace(s[:i])
		}
	}
	return strings.ToLower(s)
}

// SeriesColours is the palette chart series take colours from, in order of
// first appearance (Office's default order, RGB hex without "#"), so that a
// series has the same colour in the workbook and on the page.
var SeriesColours = []string{"4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47", "264478", "9E480E", "636363", "997300"}

// KPIGroup is one block of a report's headline figures: the KPIs of one
// KPI.Group (a currency, or a report's own heading), in report order.
type KPIGroup struct {
	// Label is the group's heading: the group's name, "All currencies"
	// for the report-wide figures.
	Label string
	KPIs  []model.KPI
}

// GroupKPIs splits kpis into their groups, in order of first appearance,
// as the workbook's front page, the HTML page and the mail list them.
func GroupKPIs(kpis []model.KPI) []KPIGroup {
	var out []KPIGroup
	at := map[string]int{}
	for _, k := range kpis {
		i, ok := at[k.Group]
		if !ok {
			label := k.Group
			if label == "" {
				label = "All currencies"
			}
			i = len(out)
			at[k.Group] = i
			out = append(out, KPIGroup{Label: label})
		}
		out[i].KPIs = append(out[i].KPIs, k)
	}
	return out
}
