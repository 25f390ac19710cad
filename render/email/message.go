package email

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/mail"
	"net/textproto"
	"os"
	"path/filepath"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"

	"github.com/careport/careport/render/atomicfile"
)

// Attachment is one file of a message.
type Attachment struct {
	// Path is the file to attach; it is read each time the message is
	// written (WriteTo, Size, Send).
	Path string
	// Name is the file name the reader sees, and may be non-ASCII; ""
	// means filepath.Base(Path).
	Name string
}

// name is the name the reader sees.
func (a Attachment) name() string {
	if a.Name != "" {
		return a.Name
	}
	return filepath.Base(a.Path)
}

// Message is one mail. Date and MessageID are the caller's, so that the
// output is deterministic and a resend carries the same Message-ID (which
// lets receiving systems drop a duplicate).
type Message struct {
	From        mail.Address
	To, Cc, Bcc []mail.Address
	Subject     string
	Date        time.Time
	// MessageID is the Message-ID without angle brackets, e.g.
	// "careport.3f2a...@example.com".
	MessageID string
	// Text and HTML are the plain and HTML bodies (see Body); either may
	// be "", not both.
	Text, HTML  string
	Attachments []Attachment
}

// userAgent is the User-Agent and X-Mailer of every message: a constant,
// so that the bytes do not change with careport's or go-mail's version.
const userAgent = "careport"

// compose builds the go-mail message. It checks what go-mail would
// silently accept or drop: a missing address, a missing attachment file.
func (m *Message) compose() (*gomail.Msg, error) {
	if m.From.Address == "" {
		return nil, errors.New("compose message: no From address")
	}
	if len(m.To)+len(m.Cc)+len(m.Bcc) == 0 {
		return nil, errors.New("compose message: no recipients")
	}
	if m.MessageID == "" || strings.ContainsAny(m.MessageID, "<> \t\r\n") || !strings.Contains(m.MessageID, "@") {
		return nil, fmt.Errorf("compose message: Message-ID %q is not of the form left@right without angle brackets", m.MessageID)
	}
	if m.Date.IsZero() {
		return nil, errors.New("compose message: no Date")
	}
	if m.Text == "" && m.HTML == "" {
		return nil, errors.New("compose message: no body")
	}
	g := gomail.NewMsg()
	from := m.From
	g.FromMailAddress(&from)
	if err := setAddrs(g.AddToMailAddress, m.To); err != nil {
		return nil, fmt.Errorf("compose message: To: %w", err)
	}
	if err := setAddrs(g.AddCcMailAddress, m.Cc); err != nil {
		return nil, fmt.Errorf("compose message: Cc: %w", err)
	}
	g.Subject(m.Subject)
	g.SetDateWithValue(m.Date)
	g.SetMessageIDWithValue(m.MessageID)
	g.SetUserAgent(userAgent)
	switch {
	case m.Text != "" && m.HTML != "":
		g.SetBodyString(gomail.TypeTextPlain, crlf(m.Text))
		g.AddAlternativeString(gomail.TypeTextHTML, crlf(m.HTML))
	case m.Text != "":
		g.SetBodyString(gomail.TypeTextPlain, crlf(m.Text))
	default:
		g.SetBodyString(gomail.TypeTextHTML, crlf(m.HTML))
	}
	files := make([]*gomail.File, 0, len(m.Attachments))
	for _, a := range m.Attachments {
		fi, err := os.Stat(a.Path)
		if err != nil {
			return nil, fmt.Errorf("compose message: attachment: %w", err)
		}
		if !fi.Mode().IsRegular() {
			return nil, fmt.Errorf("compose message: attachment %s is not a regular file", a.Path)
		}
		files = append(files, attachmentFile(a))
	}
	g.SetAttachments(files)
	return g, nil
}

// setAddrs adds each address with add; go-mail's Add* functions take any
// string, so an address is checked by parsing it back first.
func setAddrs(add func(*mail.Address), addrs []mail.Address) error {
	for _, a := range addrs {
		if _, err := mail.ParseAddress(a.Address); err != nil {
			return fmt.Errorf("address %q: %w", a.Address, err)
		}
		a := a
		add(&a)
	}
	return nil
}

// crlf makes every line break of a body CRLF, which quoted-printable
// keeps as a hard line break; go-mail would otherwise write bare LFs
// encoded.
func crlf(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\n", "\r\n")
}

// attachmentFile is the go-mail part of a: its own Content-Type and
// Content-Disposition headers (see fileHeaders), so that go-mail does not
// write its own, and a writer that reads the file when the message is
// written.
func attachmentFile(a Attachment) *gomail.File {
	name := safeName(a.name())
	h := textproto.MIMEHeader{}
	ct, cd := fileHeaders(name)
	h.Set("Content-Type", ct)
	h.Set("Content-Disposition", cd)
	h.Set("Content-Transfer-Encoding", string(gomail.EncodingB64))
	path := a.Path
	return &gomail.File{
		Name:   name,
		Header: h,
		Writer: func(w io.Writer) (int64, error) {
			f, err := os.Open(path)
			if err != nil {
				return 0, fmt.Errorf("attachment: %w", err)
			}
			n, err := io.Copy(w, f)
			if cerr := f.Close(); err == nil && cerr != nil {
				err = fmt.Errorf("attachment: close %s: %w", path, cerr)
			}
			if err != nil {
				return n, fmt.Errorf("attachment %s: %w", path, err)
			}
			return n, nil
		},
	}
}

// WriteTo writes the whole message (an .eml file's content) to w, with
// CRLF line endings; Bcc is never written. Apart from the MIME boundaries,
// the bytes depend only on m and the attachments' contents.
func (m *Message) WriteTo(w io.Writer) (int64, error) {
	g, err := m.compose()
	if err != nil {
		return 0, err
	}
	n, err := g.WriteTo(w)
	if err != nil {
		return n, fmt.Errorf("write message: %w", err)
	}
	return n, nil
}

// bytes is the message written into memory.
func (m *Message) bytes() ([]byte, error) {
	var b bytes.Buffer
	if _, err := m.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Size returns the number of bytes WriteTo writes (the encoded size a
// server's SIZE limit is compared with), reading every attachment once.
func (m *Message) Size() (int64, error) {
	var c countWriter
	if _, err := m.WriteTo(&c); err != nil {
		return 0, err
	}
	return int64(c), nil
}

// countWriter counts what is written to it.
type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}

// WriteFile writes the message to path (an .eml file) atomically: the file
// appears complete or not at all.
func WriteFile(ctx context.Context, path string, m *Message) error {
	return atomicfile.Write(ctx, path, 0o644, func(w io.Writer) error {
		_, err := m.WriteTo(w)
		return err
	})
}

// Recipients returns the envelope recipients: the addresses of To, Cc and
// Bcc in that order, each once (compared case-insensitively, the first
// spelling kept).
func (m *Message) Recipients() []string {
	var out []string
	seen := map[string]bool{}
	for _, list := range [][]mail.Address{m.To, m.Cc, m.Bcc} {
		for _, a := range list {
			k := strings.ToLower(a.Address)
			if a.Address == "" || seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, a.Address)
		}
	}
	return out
}
