package xlsx

import (
	"strconv"
	"strings"
	"unicode/utf16"
)

// maxSheetName is Excel's limit on a sheet name, in UTF-16 units.
const maxSheetName = 31

// sheetNames hands out valid, unique worksheet names.
type sheetNames struct {
	used map[string]bool // lower-cased names already taken
}

func newSheetNames() *sheetNames { return &sheetNames{used: make(map[string]bool)} }

// cleanSheetName makes name valid for Excel: the characters []:*?/\ become
// "_", and "!" too (excelize splits ranges on it); single quotes become U+2019
// (excelize does not escape them in the autofilter's defined name); leading
// and trailing spaces and quotes are dropped; an empty name becomes "Sheet".
// The result may still be too long; unique truncates it.
func cleanSheetName(name string) string {
	name = strings.Trim(name, "' ")
	var b strings.Builder
	for _, r := range name {
		switch {
		case strings.ContainsRune(`[]:*?/\!`, r):
			b.WriteRune('_')
		case r == '\'':
			b.WriteRune('\u2019')
		case r < 0x20 || r == 0x7f:
			b.WriteRune(' ')
		default:
			b.WriteRune(r)
		}
	}
	s := strings.TrimSpace(strings.Trim(strings.TrimSpace(b.String()), "\u2019"))
	if s == "" {
		s = "Sheet"
	}
	return s
}

// truncUTF16 cuts s to at most n UTF-16 units without splitting a character.
func truncUTF16(s string, n int) string {
	units := 0
	for i, r := range s {
		w := utf16.RuneLen(r)
		if w < 0 {
			w = 1
		}
		if units+w > n {
			return strings.TrimRight(s[:i], " ")
		}
		units += w
	}
	return s
}

// unique returns a valid name based on name, unused so far (Excel compares
// names case-insensitively), adding " (2)", " (3)", ... when needed, and
// records it.
func (n *sheetNames) unique(name string) string {
	base := cleanSheetName(name)
	for i := 1; ; i++ {
		suffix := ""
		if i > 1 {
			suffix = " (" + strconv.Itoa(i) + ")"
		}
		cand := truncUTF16(base, maxSheetName-len(suffix)) + suffix
		key := strings.ToLower(cand)
		if !n.used[key] {
			n.used[key] = true
			return cand
		}
	}
}
