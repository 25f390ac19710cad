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
	if _, err := LoadCredentialsFile(filepath.Join(dir, "absent")); err == nil {
		t.Error("absent file: got nil error")
	}
}
