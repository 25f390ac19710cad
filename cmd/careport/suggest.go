package main

import (
	"strings"

	"github.com/spf13/pflag"
)

// suggest returns ` (did you mean "x"?)` for the candidate nearest to s, or
// "" when none is near enough to be a likely typo.
func suggest(s string, candidates []string) string {
	best, bestD := "", 0
	for _, c := range candidates {
		d := editDistance(strings.ToLower(s), strings.ToLower(c))
		if best == "" || d < bestD {
			best, bestD = c, d
		}
	}
	limit := max(1, min(3, len(s)/3))
	if best == "" || bestD > limit {
		if best != "" && len(s) >= 3 && strings.HasPrefix(best, s) {
			return ` (did you mean "` + best + `"?)`
		}
		return ""
	}
	return ` (did you mean "` + best + `"?)`
}

// suggestFlag suggests the nearest flag for pflag's "unknown flag: --x"
// error, or "".
func suggestFlag(err error, fs *pflag.FlagSet) string {
	msg := err.Error()
	_, name, ok := strings.Cut(msg, "unknown flag: --")
	if !ok {
		return ""
	}
	name, _, _ = strings.Cut(name, "=")
	var names []string
	fs.VisitAll(func(f *pflag.Flag) { names = append(names, f.Name) })
	if s := suggest(name, names); s != "" {
		return strings.Replace(s, `"`, `"--`, 1)
	}
	return ""
}

// editDistance is the Levenshtein distance of a and b (bytes; our command
// and flag names are ASCII). Written here because it is ten lines and no
// library is worth a dependency for it.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
