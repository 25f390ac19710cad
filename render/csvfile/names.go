package csvfile

import (
	"strconv"
	"strings"
	"unicode"
)

// maxFileBase is the longest file name base, in bytes.
const maxFileBase = 100

// fileNames hands out safe, unique file name bases.
type fileNames struct {
	used map[string]bool // lower-cased bases already taken
}

func newFileNames() *fileNames { return &fileNames{used: make(map[string]bool)} }

// safeBase makes a sheet name safe as a file name on Linux, macOS and
// Windows: letters and digits of any script, space, '-', '_', '.', '(' and ')' are kept,
// anything else becomes '_'; leading and trailing dots and spaces are
// dropped; Windows device names get a leading '_'; empty becomes "sheet".
func safeBase(name string) string {
	var b strings.Builder
	for _, r := range name {
		switch {
		case unicode.IsLetter(r), unicode.IsDigit(r),
			r == ' ', r == '-', r == '_', r == '.', r == '(', r == ')':
			b.WriteRune(r)
		default:
			b.WriteRune('_')
		}
	}
	s := strings.Trim(b.String(), ". ")
	if len(s) > maxFileBase {
		cut := 0
		for i := range s {
			if i > maxFileBase {
				break
			}
			cut = i
		}
		s = strings.TrimRight(s[:cut], ". ")
	}
	if s == "" {
		return "sheet"
	}
	stem, _, _ := strings.Cut(strings.ToUpper(s), ".")
	switch stem {
	case "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
		"LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9":
		s = "_" + s
	}
	return s
}

// unique returns a safe base for name not used before (compared
// case-insensitively, as macOS and Windows do), adding "-2", "-3", ...
func (n *fileNames) unique(name string) string {
	base := safeBase(name)
	for i := 1; ; i++ {
		cand := base
		if i > 1 {
			cand += "-" + strconv.Itoa(i)
		}
		if key := strings.ToLower(cand); !n.used[key] {
			n.used[key] = true
			return cand
		}
	}
}
