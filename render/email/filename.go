package email

import (
	"encoding/base64"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// contentTypes are the MIME types of the attachments careport writes, by
// lower-case extension. A fixed table, not mime.TypeByExtension, whose
// answers depend on the host's mime.types.
var contentTypes = map[string]string{
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".html": "text/html; charset=utf-8",
	".htm":  "text/html; charset=utf-8",
	".csv":  "text/csv; charset=utf-8",
	".zip":  "application/zip",
	".pdf":  "application/pdf",
	".json": "application/json",
	".txt":  "text/plain; charset=utf-8",
	".png":  "image/png",
	".svg":  "image/svg+xml",
	".eml":  "message/rfc822",
}

// ContentType returns the MIME type an attachment named name is sent
// with: by its extension, application/octet-stream when unknown.
func ContentType(name string) string {
	if t, ok := contentTypes[strings.ToLower(filepath.Ext(name))]; ok {
		return t
	}
	return "application/octet-stream"
}

// safeName replaces what must not be in a file name a reader's client
// saves (control characters, path separators, double quotes) with "_";
// an empty name becomes "attachment".
func safeName(name string) string {
	name = strings.ToValidUTF8(name, "_")
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '/' || r == '\\' || r == '"' {
			return '_'
		}
		return r
	}, name)
	if strings.TrimSpace(name) == "" {
		return "attachment"
	}
	return name
}

// plainNameMax is the longest name written as a plain quoted parameter:
// ` filename="<name>"` then fits a folded line of 78 characters.
const plainNameMax = 60

// plainName reports whether name can be written as a plain quoted
// parameter: printable ASCII without quotes or backslashes (safeName
// removed those), short enough for one line.
func plainName(name string) bool {
	if len(name) > plainNameMax {
		return false
	}
	for i := 0; i < len(name); i++ {
		if name[i] < 0x20 || name[i] > 0x7e {
			return false
		}
	}
	return true
}

// fileHeaders returns the Content-Type and Content-Disposition values of
// an attachment named name (already safeName'd), folded with CRLF and a
// space so that parameters start a line of their own when the line would
// pass 78 characters. A plain name is written as name="..." and
// filename="..."; any other name as an RFC 2047 encoded word in the plain
// parameter and as RFC 2231 parameters (see the package comment).
func fileHeaders(name string) (contentType, disposition string) {
	ct := ContentType(name)
	if plainName(name) {
		return fmt.Sprintf(`%s;%s name="%s"`, ct, fold(len("Content-Type: ")+len(ct)+1, len(name)+8), name),
			fmt.Sprintf(`attachment;%s filename="%s"`, fold(len("Content-Disposition: attachment;"), len(name)+12), name)
	}
	return ct + ";" + nameParams("name", name), "attachment;" + nameParams("filename", name)
}

// fold is "\r\n" when a parameter of width w does not fit after col
// characters of a line, "" otherwise; the caller adds the space.
func fold(col, w int) string {
	if col+1+w > 76 {
		return "\r\n"
	}
	return ""
}

// lineMax is the widest a folded parameter line may be, leading space
// and trailing ";" included.
const lineMax = 76

// nameParams writes the parameter attr of name in both forms, each piece
// on its own folded line (each begins with "\r\n "):
//
//	attr="=?UTF-8?B?...?= =?UTF-8?B?...?=";
//	attr*0*=UTF-8''...;
//	attr*1*=...
//
// or a single attr* parameter when the RFC 2231 value fits one line. The quoted
// RFC 2047 value is folded between its encoded words when long.
func nameParams(attr, name string) string {
	var b strings.Builder
	// RFC 2047: B-encoded words are short and free of spaces, so the
	// quoted value folds between them whatever the name.
	legacy := encodedWords(name)
	b.WriteString("\r\n ")
	b.WriteString(attr)
	b.WriteString(`="`)
	col := 1 + len(attr) + 2
	for i, w := range strings.Split(legacy, " ") {
		if i > 0 {
			if col+1+len(w) > lineMax {
				b.WriteString("\r\n ")
				col = 1
			} else {
				b.WriteByte(' ')
				col++
			}
		}
		b.WriteString(w)
		col += len(w)
	}
	b.WriteString(`";`)

	// RFC 2231: percent-encoded UTF-8, split at rune boundaries.
	const prefix = "UTF-8''"
	enc := percentRunes(name)
	if 1+len(attr)+2+len(prefix)+len(strings.Join(enc, "")) <= lineMax {
		b.WriteString("\r\n " + attr + "*=" + prefix + strings.Join(enc, ""))
		return b.String()
	}
	n := 0
	var seg strings.Builder
	flush := func() {
		if n > 0 {
			b.WriteByte(';')
		}
		fmt.Fprintf(&b, "\r\n %s*%d*=", attr, n)
		if n == 0 {
			b.WriteString(prefix)
		}
		b.WriteString(seg.String())
		seg.Reset()
		n++
	}
	for _, r := range enc {
		head := 1 + len(attr) + len(fmt.Sprintf("*%d*=", n)) + 1 // leading space, trailing ";"
		if n == 0 {
			head += len(prefix)
		}
		if seg.Len() > 0 && head+seg.Len()+len(r) > lineMax {
			flush()
		}
		seg.WriteString(r)
	}
	flush()
	return b.String()
}

// percentRunes returns name's runes each as RFC 2231 attribute-chars:
// letters, digits and "-._~" as themselves, every other octet as %XX.
func percentRunes(name string) []string {
	out := make([]string, 0, len(name))
	for _, r := range name {
		if r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-._~", r)) {
			out = append(out, string(r))
			continue
		}
		var s strings.Builder
		for _, c := range []byte(string(r)) {
			fmt.Fprintf(&s, "%%%02X", c)
		}
		out = append(out, s.String())
	}
	return out
}

// wordBytes is the most octets of a name in one encoded word: 39 octets
// are 52 base64 characters, 64 with "=?UTF-8?B?" and "?=" (RFC 2047 allows
// 75), so that even the first word, after ` filename="`, fits 78.
const wordBytes = 39

// encodedWords writes name as RFC 2047 B-encoded words separated by
// spaces, each holding whole runes (a decoder may decode words one by
// one). mime.BEncoding is not used: it leaves an ASCII name unencoded,
// and a long ASCII name would then be one unfoldable word.
func encodedWords(name string) string {
	var words []string
	for len(name) > 0 {
		n := 0
		for n < len(name) {
			_, size := utf8.DecodeRuneInString(name[n:])
			if n > 0 && n+size > wordBytes {
				break
			}
			n += size
		}
		words = append(words, "=?UTF-8?B?"+base64.StdEncoding.EncodeToString([]byte(name[:n]))+"?=")
		name = name[n:]
	}
	return strings.Join(words, " ")
}
