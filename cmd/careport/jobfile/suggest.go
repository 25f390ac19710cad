package jobfile

import "strings"

// suggest returns ` (did you mean "x"?)` for the candidate nearest to s,
// or "" when none is near enough to be a likely typo. (Near cmd/careport's
// suggest, which this package cannot import.)
func suggest(s string, candidates []string) string {
	best, bestD := "", 0
	for _, c := range candidates {
		d := editDistance(strings.ToLower(s), strings.ToLower(c))
		if best == "" || d < bestD {
			best, bestD = c, d
		}
	}
	if best != "" && bestD <= max(1, min(3, len(s)/3)) {
		return ` (did you mean "` + best + `"?)`
	}
	// A short form of a long key: "zip" for zip-if-too-large.
	if len(s) >= 3 {
		for _, c := range candidates {
			if strings.HasPrefix(c, strings.ToLower(s)) {
				return ` (did you mean "` + c + `"?)`
			}
		}
	}
	return ""
}

// editDistance is the optimal-string-alignment distance of a and b in
// bytes: Levenshtein's, with a swap of two neighbours ("form" for "from")
// counting as one edit.
func editDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}
