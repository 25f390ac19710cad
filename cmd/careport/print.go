package main

import (
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode"

	"github.com/careport/careport/reports/model"
)

// printResult prints what a report run wrote and its headline figures.
func printResult(e *env, res result) {
	r := res.report
	fmt.Fprintf(e.stdout, "%s\n", terminalSafe(r.Title))
	for _, f := range res.files {
		fmt.Fprintf(e.stdout, "  wrote %s\n", f)
	}
	printKPIs(e, r)
}

// printKPIs prints a report's KPIs per group: this period, the previous
// period and a year earlier, each change against this period.
func printKPIs(e *env, r *model.Report) {
	if len(r.KPIs) == 0 {
		return
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "  \t\t%s\t%s\tchange\t%s\tchange\t\n", "this period", "previous", "a year earlier")
	group := "\x00"
	for _, k := range r.KPIs {
		if k.Group != group {
			group = k.Group
			if group != "" {
				fmt.Fprintf(tw, "  %s\t\t\t\t\t\t\t\n", terminalSafe(group))
			}
		}
		fmt.Fprintf(tw, "  \t%s\t%s\t%s\t%s\t%s\t%s\t\n", terminalSafe(k.Name),
			kpiValue(k, k.Current), kpiValue(k, k.Previous), changeText(k, k.Change()),
			kpiValue(k, k.YearEarlier), changeText(k, k.YearChange()))
	}
	tw.Flush()
}

// kpiValue formats one KPI value for the terminal: money with the
// currency's digits, counts as integers, an empty value as "-".
func kpiValue(k model.KPI, v model.Value) string {
	switch {
	case v.IsEmpty():
		return "-"
	case v.Kind() == model.KindMoney:
		return groupDigits(v.Decimal().StringFixed(model.CurrencyDigits(k.Currency)))
	case v.Kind() == model.KindPercent:
		return strconv.FormatFloat(v.Float()*100, 'f', 1, 64) + "%"
	}
	return groupDigits(v.Decimal().String())
}

// changeText formats a change: relative ("+6.0%"), or for a KPI that is
// itself a percentage a difference in points ("+27.0 pts"), as the
// workbook shows it: 37% -> 64% is not a 27% rise.
func changeText(k model.KPI, v model.Value) string {
	if v.IsEmpty() {
		return "-"
	}
	s := strconv.FormatFloat(v.Float()*100, 'f', 1, 64)
	if !strings.HasPrefix(s, "-") && s != "0.0" {
		s = "+" + s
	}
	if k.Type == model.ColPercent {
		return s + " pts"
	}
	return s + "%"
}

// groupDigits puts thousands separators into a plain decimal.
func groupDigits(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	out := b.String()
	if hasFrac {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}

// terminalSafeLines is terminalSafe for a message of several lines: each
// line is escaped and the line breaks are kept, so that a list in an error
// (the valid --coach values) reads as a list.
func terminalSafeLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = terminalSafe(l)
	}
	return strings.Join(lines, "\n")
}

// terminalSafe escapes control characters (terminal escape sequences among
// them) in text that came from the API, so that printing it cannot move
// the cursor, recolour or retitle the user's terminal.
func terminalSafe(s string) string {
	clean := true
	for _, r := range s {
		if unicode.IsControl(r) || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unicode.IsControl(r) || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
