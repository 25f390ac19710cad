package email

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// regexpLegacy matches the quoted plain parameter param in an unfolded
// header value.
func regexpLegacy(param string) *regexp.Regexp {
	return regexp.MustCompile(`;\s*` + param + `="([^"]*)"`)
}

// part is one leaf of a parsed message.
type part struct {
	ContentType string // media type only
	Params      map[string]string
	FileName    string // from Content-Disposition, decoded by Go
	Body        []byte // decoded
}

// parseMessage reads raw with Go's own parsers (net/mail, mime/multipart,
// mime.ParseMediaType) and returns its header and leaves, depth first,
// with the media types of the multiparts on the way.
func parseMessage(t *testing.T, raw []byte) (mail.Header, []string, []part) {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("read message: %v", err)
	}
	var structure []string
	var leaves []part
	var walk func(ct string, r io.Reader, depth int)
	walk = func(ct string, r io.Reader, depth int) {
		mt, params, err := mime.ParseMediaType(ct)
		if err != nil {
			t.Fatalf("parse content type %q: %v", ct, err)
		}
		structure = append(structure, strings.Repeat(" ", depth)+mt)
		if !strings.HasPrefix(mt, "multipart/") {
			t.Fatalf("leaf %s walked as multipart", mt)
		}
		mr := multipart.NewReader(r, params["boundary"])
		for {
			p, err := mr.NextRawPart()
			if err == io.EOF {
				return
			}
			if err != nil {
				t.Fatalf("next part: %v", err)
			}
			pct := p.Header.Get("Content-Type")
			pmt, pparams, err := mime.ParseMediaType(pct)
			if err != nil {
				t.Fatalf("parse part content type %q: %v", pct, err)
			}
			if strings.HasPrefix(pmt, "multipart/") {
				walk(pct, p, depth+1)
				continue
			}
			structure = append(structure, strings.Repeat(" ", depth+1)+pmt)
			var body io.Reader = p
			switch p.Header.Get("Content-Transfer-Encoding") {
			case "base64":
				body = base64.NewDecoder(base64.StdEncoding, p)
			case "quoted-printable":
				body = quotedprintable.NewReader(p)
			}
			b, err := io.ReadAll(body)
			if err != nil {
				t.Fatalf("read part %s: %v", pmt, err)
			}
			leaves = append(leaves, part{ContentType: pmt, Params: pparams, FileName: p.FileName(), Body: b})
		}
	}
	walk(msg.Header.Get("Content-Type"), msg.Body, 0)
	return msg.Header, structure, leaves
}

func TestWriteToParsesBack(t *testing.T) {
	m := testMessage(t)
	raw, err := m.bytes()
	if err != nil {
		t.Fatal(err)
	}
	h, structure, leaves := parseMessage(t, raw)

	wantStructure := []string{
		"multipart/mixed",
		" multipart/alternative",
		"  text/plain",
		"  text/html",
		" application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		" text/csv",
		" text/html",
	}
	if !slices.Equal(structure, wantStructure) {
		t.Errorf("structure:\n%s\nwant:\n%s", strings.Join(structure, "\n"), strings.Join(wantStructure, "\n"))
	}

	dec := new(mime.WordDecoder)
	subj, err := dec.DecodeHeader(h.Get("Subject"))
	if err != nil || subj != m.Subject {
		t.Errorf("Subject %q (%v), want %q", subj, err, m.Subject)
	}
	if got := h.Get("Message-Id"); got != "<careport.3f2a9c@example.com>" {
		t.Errorf("Message-ID %q", got)
	}
	if d, err := h.Date(); err != nil || !d.Equal(fixedDate) {
		t.Errorf("Date %v (%v), want %v", d, err, fixedDate)
	}
	if got := h.Get("MIME-Version"); got != "1.0" {
		t.Errorf("MIME-Version %q", got)
	}
	to, err := h.AddressList("To")
	if err != nil || len(to) != 2 || to[1].Name != "Zoë Brontë" || to[1].Address != "zoe@example.com" {
		t.Errorf("To %v (%v)", to, err)
	}
	if cc, err := h.AddressList("Cc"); err != nil || len(cc) != 1 || cc[0].Address != "cc@example.com" {
		t.Errorf("Cc %v (%v)", cc, err)
	}
	if h.Get("Bcc") != "" || bytes.Contains(raw, []byte("secret@example.com")) || bytes.Contains(raw, []byte("Hidden")) {
		t.Errorf("the Bcc address is in the written message")
	}

	if len(leaves) != 5 {
		t.Fatalf("%d leaves, want 5", len(leaves))
	}
	if string(leaves[0].Body) != strings.ReplaceAll(m.Text, "\n", "\r\n") {
		t.Errorf("text body differs:\n%q\nwant\n%q", leaves[0].Body, m.Text)
	}
	if string(leaves[1].Body) != strings.ReplaceAll(m.HTML, "\n", "\r\n") {
		t.Errorf("html body differs")
	}
	for i, a := range m.Attachments {
		l := leaves[2+i]
		if l.FileName != a.Name {
			t.Errorf("attachment %d: filename %q, want %q", i, l.FileName, a.Name)
		}
		if l.Params["name"] != a.Name {
			t.Errorf("attachment %d: name %q, want %q", i, l.Params["name"], a.Name)
		}
		want, err := os.ReadFile(a.Path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(l.Body, want) {
			t.Errorf("attachment %d: bytes differ from the file", i)
		}
	}
	if got := leaves[3].Params["charset"]; got != "utf-8" {
		t.Errorf("csv charset %q", got)
	}
}

func TestFileNameForms(t *testing.T) {
	tests := []struct {
		name        string
		in, want    string
		plain, both bool
	}{
		{name: "ascii", in: "revenue-2026-10.xlsx", want: "revenue-2026-10.xlsx", plain: true},
		{name: "accented", in: "scorecard 2026-10 Andrés Chen.xlsx", want: "scorecard 2026-10 Andrés Chen.xlsx", both: true},
		{name: "long cjk emoji", in: longName, want: longName, both: true},
		{name: "long ascii", in: strings.Repeat("quarterly-engagement-", 6) + "2026.csv", want: strings.Repeat("quarterly-engagement-", 6) + "2026.csv", both: true},
		{name: "unsafe", in: "a/b\\c\"d\x01e.csv", want: "a_b_c_d_e.csv", plain: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ct, cd := fileHeaders(safeName(tc.in))
			for _, v := range []struct{ header, value, param string }{{"Content-Type", ct, "name"}, {"Content-Disposition", cd, "filename"}} {
				for _, line := range strings.Split(v.header+": "+v.value, "\r\n") {
					// The xlsx media type alone is 80 characters.
					if len(line) > 78 && !strings.Contains(line, "spreadsheetml") {
						t.Errorf("%s line of %d characters: %q", v.header, len(line), line)
					}
				}
				unfolded := strings.ReplaceAll(v.value, "\r\n", "")
				_, params, err := mime.ParseMediaType(unfolded)
				if err != nil {
					t.Fatalf("parse %s %q: %v", v.header, unfolded, err)
				}
				if params[v.param] != tc.want {
					t.Errorf("%s %s = %q, want %q", v.header, v.param, params[v.param], tc.want)
				}
				if tc.plain && !strings.Contains(v.value, v.param+`="`+tc.want+`"`) {
					t.Errorf("%s: want the plain form, got %q", v.header, v.value)
				}
				if tc.both {
					legacy := regexpLegacy(v.param).FindStringSubmatch(unfolded)
					if legacy == nil {
						t.Fatalf("%s: no RFC 2047 %s in %q", v.header, v.param, unfolded)
					}
					got, err := new(mime.WordDecoder).DecodeHeader(legacy[1])
					if err != nil || got != tc.want {
						t.Errorf("%s: RFC 2047 %s decodes to %q (%v), want %q", v.header, v.param, got, err, tc.want)
					}
					if !strings.Contains(v.value, v.param+"*") {
						t.Errorf("%s: no RFC 2231 %s* in %q", v.header, v.param, v.value)
					}
				}
			}
		})
	}
}

func TestWriteToLines(t *testing.T) {
	raw, err := testMessage(t).bytes()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasSuffix(raw, []byte("\r\n")) {
		t.Errorf("the message does not end in CRLF")
	}
	for i, line := range bytes.Split(raw, []byte("\r\n")) {
		if bytes.ContainsAny(line, "\r\n") {
			t.Errorf("line %d holds a bare CR or LF: %q", i+1, line)
		}
		if len(line) > 998 {
			t.Errorf("line %d is %d bytes long", i+1, len(line))
		}
	}
}

func TestWriteToStable(t *testing.T) {
	m := testMessage(t)
	a, err := m.bytes()
	if err != nil {
		t.Fatal(err)
	}
	b, err := m.bytes()
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(a, b) {
		t.Errorf("two writes have the same boundaries; the normalisation below shows nothing")
	}
	na, nb := normalise(a), normalise(b)
	if !bytes.Equal(na, nb) {
		t.Errorf("two writes differ apart from boundaries")
	}
	n, err := m.Size()
	if err != nil || n != int64(len(a)) {
		t.Errorf("Size %d (%v), want %d", n, err, len(a))
	}
	golden := filepath.Join("testdata", "message.eml")
	if *update {
		if err := os.WriteFile(golden, na, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if !bytes.Equal(na, want) {
		t.Errorf("the message differs from %s (run go test -update and review the diff)", golden)
	}
}

func TestWriteFile(t *testing.T) {
	m := testMessage(t)
	path := filepath.Join(t.TempDir(), "out.eml")
	if err := WriteFile(t.Context(), path, m); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, leaves := parseMessage(t, got); len(leaves) != 5 {
		t.Errorf("%d parts in the written file, want 5", len(leaves))
	}

	missing := *m
	missing.Attachments = []Attachment{{Path: filepath.Join(t.TempDir(), "gone.xlsx")}}
	bad := filepath.Join(t.TempDir(), "bad.eml")
	if err := WriteFile(t.Context(), bad, &missing); err == nil {
		t.Errorf("WriteFile with a missing attachment succeeded")
	}
	if _, err := os.Stat(bad); !os.IsNotExist(err) {
		t.Errorf("a failed WriteFile left %s (%v)", bad, err)
	}
}

func TestRecipients(t *testing.T) {
	got := testMessage(t).Recipients()
	want := []string{"ann@example.com", "zoe@example.com", "cc@example.com", "secret@example.com"}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestComposeRefuses(t *testing.T) {
	tests := []struct {
		name   string
		change func(m *Message)
	}{
		{"no from", func(m *Message) { m.From = mail.Address{} }},
		{"no recipients", func(m *Message) { m.To, m.Cc, m.Bcc = nil, nil, nil }},
		{"bad address", func(m *Message) { m.To = []mail.Address{{Address: "not an address"}} }},
		{"message id with brackets", func(m *Message) { m.MessageID = "<x@example.com>" }},
		{"no date", func(m *Message) { m.Date = time.Time{} }},
		{"no body", func(m *Message) { m.Text, m.HTML = "", "" }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := testMessage(t)
			tc.change(m)
			if _, err := m.WriteTo(io.Discard); err == nil {
				t.Errorf("WriteTo succeeded")
			}
		})
	}
}
