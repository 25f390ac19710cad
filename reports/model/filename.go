package model

import (
	"strings"
	"unicode"
)

// FileBase returns the base name (no extension) every renderer gives r's
// output, so that filtered and unfiltered runs never overwrite each other:
// the report Name, the period label, then one part per filter, joined by
// "-": "revenue-2026-10", "revenue-2026-10-EUR", "revenue-2026-10-coach-7".
//
// A filter's part is, in this order of rules: for the key "Currency" the
// value alone ("EUR"); for a value ending in a parenthesised ID, such as
// "Ann Lee (7)", the lower-cased key and the ID ("coach-7"); otherwise the
// lower-cased key and the value ("status-paid"). Every part keeps only
// letters and digits (of any script), other runs of characters becoming a
// single "-"; a custom period "2026-10-01..2026-10-15" becomes
// "2026-10-01_2026-10-15". An empty Name gives "report".
func (r *Report) FileBase() string {
	parts := []string{slug(r.Name, true)}
	if parts[0] == "" {
		parts[0] = "report"
	}
	if l := strings.ReplaceAll(r.Period.Label, "..", "_"); l != "" {
		parts = append(parts, slugKeep(l, "-_"))
	}
	for _, f := range r.Filters {
		key := slug(f.Key, true)
		val := strings.TrimSpace(f.Value)
		switch {
		case strings.EqualFold(strings.TrimSpace(f.Key), "currency"):
			parts = append(parts, slug(val, false))
		case strings.HasSuffix(val, ")") && strings.LastIndex(val, "(") >= 0:
			id := val[strings.LastIndex(val, "(")+1 : len(val)-1]
			parts = append(parts, join(key, slug(id, false)))
		default:
			parts = append(parts, join(key, slug(val, false)))
		}
	}
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "-")
}

func join(a, b string) string {
	if a == "" || b == "" {
		return a + b
	}
	return a + "-" + b
}

// slug keeps letters and digits, replacing every other run by one "-".
func slug(s string, lower bool) string {
	if lower {
		s = strings.ToLower(s)
	}
	return slugKeep(s, "")
}

// slugKeep is slug that also keeps the characters in keep.
func slugKeep(s, keep string) string {
	var b strings.Builder
	dash := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(keep, r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}
