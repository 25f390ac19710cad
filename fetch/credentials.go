package fetch

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"strings"
)

// Environment variables read by CredentialsFromEnv and names accepted in a
// credentials file.
const (
	EnvAPIID  = "CA_API_ID"
	EnvAPIKey = "CA_API_KEY"
)

// Credentials are the API ID and private API key of a CoachAccountable
// account. Every way of printing or encoding a Credentials (String,
// GoString, fmt verbs, JSON, slog) shows the ID and hides the key.
type Credentials struct {
	APIID  string
	APIKey string
}

const redacted = "[redacted]"

// String shows the API ID and hides the key.
func (c Credentials) String() string {
	k := ""
	if c.APIKey != "" {
		k = redacted
	}
	return fmt.Sprintf("APIID=%s APIKey=%s", c.APIID, k)
}

// GoString is used by %#v; it hides the key.
func (c Credentials) GoString() string {
	k := `""`
	if c.APIKey != "" {
		k = `"` + redacted + `"`
	}
	return fmt.Sprintf("fetch.Credentials{APIID:%q, APIKey:%s}", c.APIID, k)
}

// Format makes every fmt verb (%v, %+v, %s, %q, %#v, ...) hide the key.
func (c Credentials) Format(f fmt.State, verb rune) {
	switch {
	case verb == 'v' && f.Flag('#'):
		fmt.Fprint(f, c.GoString())
	case verb == 'q':
		fmt.Fprintf(f, "%q", c.String())
	default:
		fmt.Fprint(f, c.String())
	}
}

// MarshalJSON encodes the ID and a redacted key.
func (c Credentials) MarshalJSON() ([]byte, error) {
	k := ""
	if c.APIKey != "" {
		k = redacted
	}
	return json.Marshal(struct {
		APIID  string `json:"APIID"`
		APIKey string `json:"APIKey"`
	}{c.APIID, k})
}

// LogValue makes slog show the ID and a redacted key.
func (c Credentials) LogValue() slog.Value {
	k := ""
	if c.APIKey != "" {
		k = redacted
	}
	return slog.GroupValue(slog.String("APIID", c.APIID), slog.String("APIKey", k))
}

// complete reports whether both parts are set.
func (c Credentials) complete() bool { return c.APIID != "" && c.APIKey != "" }

// CredentialsFromEnv reads CA_API_ID and CA_API_KEY through getenv (os.Getenv
// in cmd). ok is false unless both are non-empty.
func CredentialsFromEnv(getenv func(string) string) (c Credentials, ok bool) {
	c = Credentials{APIID: strings.TrimSpace(getenv(EnvAPIID)), APIKey: strings.TrimSpace(getenv(EnvAPIKey))}
	return c, c.complete()
}

// LoadCredentialsFile reads a file of KEY=VALUE lines holding CA_API_ID and
// CA_API_KEY, in the shell-like form of a .env file:
//
//   - blank lines and lines starting with '#' are ignored;
//   - an unquoted value ends at " #" or "\t#" (a trailing comment) and is
//     trimmed; a '#' inside a value ("ab#cd") is part of it;
//   - a value may be quoted "..." or '...' (taken as is, no escapes), and
//     may be followed by a comment;
//   - an "export " prefix, CRLF line endings and a UTF-8 byte order mark
//     are accepted; other keys are ignored, and the last of a repeated key
//     wins.
//
// path must be a file (a folder is refused as such) not readable by group or
// others (mode 0600 or 0400): otherwise the error gives the mode found and
// the chmod that fixes it. Errors name the file and line, never a value, so
// the key never reaches an error.
func LoadCredentialsFile(path string) (Credentials, error) {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Credentials{}, fmt.Errorf("credentials file %s does not exist", path)
	}
	if err != nil {
		return Credentials{}, fmt.Errorf("credentials file %s: %w", path, plainPathError(err))
	}
	if fi.IsDir() {
		return Credentials{}, fmt.Errorf("credentials file %s is a folder, not a file", path)
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		return Credentials{}, fmt.Errorf("credentials file %s has mode %04o, readable by others; run: chmod 600 %s", path, perm, path)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return Credentials{}, fmt.Errorf("credentials file %s: %w", path, plainPathError(err))
	}
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	var c Credentials
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		k, v, err := parseCredentialsLine(sc.Text())
		if err != nil {
			// Never echo the line: it may hold the key.
			return Credentials{}, fmt.Errorf("credentials file %s line %d: %w", path, n, err)
		}
		switch k {
		case EnvAPIID:
			c.APIID = v
		case EnvAPIKey:
			c.APIKey = v
		}
	}
	if err := sc.Err(); err != nil {
		return Credentials{}, fmt.Errorf("credentials file %s: %w", path, err)
	}
	if !c.complete() {
		return Credentials{}, fmt.Errorf("credentials file %s: want both %s and %s", path, EnvAPIID, EnvAPIKey)
	}
	return c, nil
}

// parseCredentialsLine splits one line of a credentials file into its key
// and value; k is "" for a blank or comment line. Its errors never quote the
// line.
func parseCredentialsLine(line string) (k, v string, err error) {
	line = strings.TrimSpace(line) // also drops the \r of a CRLF line
	if line == "" || line[0] == '#' {
		return "", "", nil
	}
	k, v, ok := strings.Cut(line, "=")
	if !ok {
		return "", "", errors.New("want KEY=VALUE")
	}
	k = strings.TrimSpace(k)
	if rest, ok := strings.CutPrefix(k, "export"); ok && rest != "" && (rest[0] == ' ' || rest[0] == '\t') {
		k = strings.TrimSpace(rest)
	}
	if k == "" || strings.ContainsAny(k, " \t") {
		return "", "", errors.New("want KEY=VALUE")
	}
	v = strings.TrimSpace(v)
	if v != "" && (v[0] == '"' || v[0] == '\'') {
		end := strings.IndexByte(v[1:], v[0])
		if end < 0 {
			return "", "", errors.New("the quoted value has no closing quote")
		}
		rest := strings.TrimSpace(v[end+2:])
		if rest != "" && rest[0] != '#' {
			return "", "", errors.New("text after the closing quote (a comment starts with #)")
		}
		return k, v[1 : end+1], nil
	}
	if strings.HasPrefix(v, "#") {
		return k, "", nil // KEY= # comment
	}
	for i := 1; i < len(v); i++ {
		if v[i] == '#' && (v[i-1] == ' ' || v[i-1] == '\t') {
			v = strings.TrimSpace(v[:i])
			break
		}
	}
	return k, v, nil
}

// plainPathError drops the operation and path from an *fs.PathError (the
// caller names the file), leaving plain words such as "permission denied".
func plainPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
