package fetch

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const testKey = "k3y-SECRET-0123456789abcdef0123456789"

func TestCredentialsRedacted(t *testing.T) {
	c := Credentials{APIID: "ID-123", APIKey: testKey}
	var outs []string
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		outs = append(outs, fmt.Sprintf(verb, c))
	}
	outs = append(outs, fmt.Sprint(c), c.String(), c.GoString(), fmt.Sprintf("%v", &c), fmt.Sprintf("%+v", struct{ C Credentials }{c}))
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	outs = append(outs, string(b))
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("creds", "c", c)
	slog.New(slog.NewTextHandler(&buf, nil)).Info("creds", "c", c)
	outs = append(outs, buf.String())
	for _, o := range outs {
		if strings.Contains(o, testKey) || strings.Contains(o, "SECRET") {
			t.Errorf("key leaked: %s", o)
		}
		if !strings.Contains(o, "ID-123") && !strings.Contains(o, fmt.Sprintf("%x", "APIID=ID-123")) {
			t.Errorf("ID missing: %s", o)
		}
	}
}

func TestCredentialsFromEnv(t *testing.T) {
	env := map[string]string{EnvAPIID: "id", EnvAPIKey: " key "}
	c, ok := CredentialsFromEnv(func(k string) string { return env[k] })
	if !ok || c.APIID != "id" || c.APIKey != "key" {
		t.Errorf("got %v %v", c, ok)
	}
	delete(env, EnvAPIKey)
	if _, ok := CredentialsFromEnv(func(k string) string { return env[k] }); ok {
		t.Error("missing key: got ok")
	}
}

func TestLoadCredentialsFile(t *testing.T) {
	dir := t.TempDir()
	body := "# careport credentials\n\nCA_API_ID=ID-9\nexport CA_API_KEY=\"" + testKey + "\"\nOTHER=1\n"
	for _, tc := range []struct {
		name    string
		mode    os.FileMode
		body    string
		wantErr string
	}{
		{"0600", 0o600, body, ""},
		{"0400", 0o400, body, ""},
		{"0644 refused", 0o644, body, "chmod 600"},
		{"0640 refused", 0o640, body, "0640"},
		{"missing key", 0o600, "CA_API_ID=x\n", "CA_API_KEY"},
		{"bad line", 0o600, "CA_API_ID x\n", "line 1"},
		{"comment after values", 0o600, "CA_API_ID=ID-9 # the prod account\nCA_API_KEY=" + testKey + "\t# prod\n", ""},
		{"quoted values with comments", 0o600, "CA_API_ID='ID-9' # id\nCA_API_KEY=\"" + testKey + "\" # key\n", ""},
		{"quoted hash kept", 0o600, "CA_API_ID=\"ID-9\"\nCA_API_KEY=\"" + testKey + "\"\n", ""},
		{"CRLF and indented comments", 0o600, "\uFEFF# careport\r\n\r\n   # indented comment\r\nexport\tCA_API_ID = ID-9\r\n  export CA_API_KEY=" + testKey + " \r\n", ""},
		{"unknown keys ignored", 0o600, "CA_API_URL=https://example.com/API/ # other\nCA_API_ID=ID-9\nSOMETHING_ELSE='x y'\nCA_API_KEY=" + testKey + "\n", ""},
		{"unterminated quote", 0o600, "CA_API_ID=ID-9\nCA_API_KEY=\"" + testKey + "\n", "line 2"},
		{"text after the closing quote", 0o600, "CA_API_ID=ID-9\nCA_API_KEY=\"" + testKey + "\"x\n", "line 2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "_"))
			if err := os.WriteFile(p, []byte(tc.body), 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(p, tc.mode); err != nil {
				t.Fatal(err)
			}
			c, err := LoadCredentialsFile(p)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("got %v, want an error containing %q", err, tc.wantErr)
				}
				if strings.Contains(err.Error(), testKey) {
					t.Errorf("error leaks the key: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.APIID != "ID-9" || c.APIKey != testKey {
				t.Errorf("got %v", c)
			}
		})
	}
	if _, err := LoadCredentialsFile(filepath.Join(dir, "absent")); err == nil || !strings.Contains(err.Error(), "does not exist") || strings.Contains(err.Error(), "stat ") {
		t.Errorf("absent file: got %v, want a plain 'does not exist'", err)
	}
}

func TestLoadCredentialsFileFolder(t *testing.T) {
	for _, mode := range []os.FileMode{0o700, 0o755} {
		dir := filepath.Join(t.TempDir(), "creds")
		if err := os.Mkdir(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(dir, mode); err != nil {
			t.Fatal(err)
		}
		_, err := LoadCredentialsFile(dir)
		if err == nil || !strings.Contains(err.Error(), dir+" is a folder, not a file") || strings.Contains(err.Error(), "chmod") {
			t.Errorf("mode %04o: got %v, want %q and no chmod advice", mode, err, dir+" is a folder, not a file")
		}
	}
}

func TestParseCredentialsLine(t *testing.T) {
	for _, tc := range []struct {
		name, line, k, v string
		err              bool
	}{
		{"plain", "K=v", "K", "v", false},
		{"hash inside", "K=ab#cd", "K", "ab#cd", false},
		{"comment tail", "K=ab #cd", "K", "ab", false},
		{"tab comment tail", "K=ab\t# cd", "K", "ab", false},
		{"only a comment", "K= # none", "K", "", false},
		{"empty", "K=", "K", "", false},
		{"double quoted hash", `K="a #b" # c`, "K", "a #b", false},
		{"single quoted", `K='a "b"'`, "K", `a "b"`, false},
		{"export tab", "export\tK=v\r", "K", "v", false},
		{"key named export", "export=v", "export", "v", false},
		{"comment", "  # K=v", "", "", false},
		{"spaces in key", "A B=v", "", "", true},
		{"no equals", "K", "", "", true},
		{"unterminated", `K="v`, "", "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k, v, err := parseCredentialsLine(tc.line)
			if (err != nil) != tc.err || k != tc.k || v != tc.v {
				t.Errorf("got %q, %q, %v; want %q, %q, error %v", k, v, err, tc.k, tc.v, tc.err)
			}
		})
	}
}
