package fetch

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
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
// CA_API_KEY ('#' starts a comment line; blank lines are ignored; values may
// be quoted). The file must not be readable by group or others (mode 0600 or
// 0400): otherwise the error gives the mode found and the chmod that fixes it.
func LoadCredentialsFile(path string) (Credentials, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return Credentials{}, fmt.Errorf("credentials file: %w", err)
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		return Credentials{}, fmt.Errorf("credentials file %s has mode %04o, readable by others; run: chmod 600 %s", path, perm, path)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return Credentials{}, fmt.Errorf("credentials file: %w", err)
	}
	var c Credentials
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			// Never echo the line: it may hold the key.
			return Credentials{}, fmt.Errorf("credentials file %s line %d: want KEY=VALUE", path, n)
		}
		k = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(k), "export "))
		v = strings.TrimSpace(v)
		if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
			v = v[1 : len(v)-1]
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
