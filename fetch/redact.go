package fetch

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// redactFragment is the shortest run of the API key's characters that is
// removed wherever it appears: a server that echoes a cut or wrapped key
// must not leak most of it.
const redactFragment = 8

// redact removes the API key, and every fragment of it of redactFragment
// or more characters, from text that came from outside (a server message,
// a body excerpt, a time zone name, a record value). Every string that
// reaches an error or a log line passes through it.
func (c *Client) redact(s string) string {
	return redactKey(s, c.creds.APIKey)
}

func redactKey(s, key string) string {
	if len(key) < redactFragment || len(s) < redactFragment {
		if key != "" && len(key) < redactFragment {
			return strings.ReplaceAll(s, key, redacted)
		}
		return s
	}
	frags := make(map[string]struct{}, len(key))
	for i := 0; i+redactFragment <= len(key); i++ {
		frags[key[i:i+redactFragment]] = struct{}{}
	}
	// Mark every byte covered by a fragment, then replace each marked run.
	var marked []bool
	for i := 0; i+redactFragment <= len(s); i++ {
		if _, ok := frags[s[i:i+redactFragment]]; ok {
			if marked == nil {
				marked = make([]bool, len(s))
			}
			for j := i; j < i+redactFragment; j++ {
				marked[j] = true
			}
		}
	}
	if marked == nil {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if !marked[i] {
			b.WriteByte(s[i])
			i++
			continue
		}
		for i < len(s) && marked[i] {
			i++
		}
		b.WriteString(redacted)
	}
	return b.String()
}

// redactErr returns err with the API key removed from its text; the cause
// stays reachable through errors.Is and errors.As.
func (c *Client) redactErr(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	if r := c.redact(msg); r != msg {
		return &redactedError{msg: r, err: err}
	}
	return err
}

// redactedError keeps a cause for errors.Is/As but shows a redacted text.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

// excerptLen is the most characters of an error body shown.
const excerptLen = 160

// excerpt makes a short, printable excerpt of an error body: the API key
// removed first (so that cutting cannot leave a piece of it), then HTML
// tags, scripts and styles dropped, control characters and runs of white
// space turned into single spaces, and the result cut to excerptLen
// characters with "..." when longer.
func (c *Client) excerpt(body []byte) string {
	s := c.redact(strings.ToValidUTF8(string(body), "?"))
	if looksLikeHTML(s) {
		s = stripTags(s)
	}
	var b strings.Builder
	space := false
	n := 0
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == utf8.RuneError {
			space = true
			continue
		}
		if n >= excerptLen {
			b.WriteString("...")
			return strings.TrimSpace(b.String())
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
			n++
		}
		space = false
		b.WriteRune(r)
		n++
	}
	return b.String()
}

func looksLikeHTML(s string) bool {
	t := strings.ToLower(strings.TrimSpace(s))
	return strings.HasPrefix(t, "<") && (strings.Contains(t, "<html") || strings.Contains(t, "<!doctype") ||
		strings.Contains(t, "<body") || strings.Contains(t, "<head") || strings.Contains(t, "</"))
}

// stripTags drops tags, and the contents of script, style and head's title
// is kept (it is often the only useful line).
func stripTags(s string) string {
	var b strings.Builder
	lower := strings.ToLower(s)
	for i := 0; i < len(s); {
		if s[i] != '<' {
			b.WriteByte(s[i])
			i++
			continue
		}
		for _, skip := range []string{"script", "style"} {
			if strings.HasPrefix(lower[i+1:], skip) {
				if end := strings.Index(lower[i:], "</"+skip); end >= 0 {
					i += end
				}
			}
		}
		end := strings.IndexByte(s[i:], '>')
		if end < 0 {
			break
		}
		i += end + 1
		b.WriteByte(' ')
	}
	return b.String()
}

// decodeError reports a return that could not be read, its text (which may
// quote the body) with the API key removed.
func (c *Client) decodeError(function string, err error) error {
	return c.redactErr(&DecodeError{Function: function, Err: err})
}

// printable replaces control characters (terminal escape sequences
// included) with spaces, so that a server's text cannot drive a terminal.
func printable(s string) string {
	clean := true
	for _, r := range s {
		if unicode.IsControl(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
}
