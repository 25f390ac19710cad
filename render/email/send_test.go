package email

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net/mail"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/careport/careport/render/email/mailpittest"
)

// sendMessage is a small message with one attachment, for the send tests.
func sendMessage(t *testing.T) *Message {
	t.Helper()
	path := filepath.Join(t.TempDir(), "revenue-2026-10.xlsx")
	if err := os.WriteFile(path, bytes.Repeat([]byte("PK\x03\x04 workbook bytes "), 100), 0o644); err != nil {
		t.Fatal(err)
	}
	return &Message{
		From:        mail.Address{Name: "Reports", Address: "reports@example.com"},
		To:          []mail.Address{{Name: "Ann", Address: "ann@example.com"}},
		Cc:          []mail.Address{{Address: "ops@example.com"}},
		Bcc:         []mail.Address{{Address: "archive@example.com"}},
		Subject:     "Revenue for October 2026",
		Date:        time.Date(2026, 11, 1, 7, 0, 0, 0, time.UTC),
		MessageID:   "careport.test1@example.com",
		Text:        "Hello.\n",
		HTML:        "<p>Hello.</p>\n",
		Attachments: []Attachment{{Path: path}},
	}
}

// sameBoundaries replaces every MIME boundary by a fixed name: they are
// random by design.
func sameBoundaries(b []byte) []byte {
	for i, m := range regexp.MustCompile(`boundary="?([0-9A-Za-z'()+_,./:=?-]+)"?`).FindAllSubmatch(b, -1) {
		b = bytes.ReplaceAll(b, m[1], []byte(fmt.Sprintf("BOUNDARY%d", i)))
	}
	return b
}

// fastSleep counts the waits between tries and does not wait.
func fastSleep(n *atomic.Int32) func(context.Context, time.Duration) error {
	return func(ctx context.Context, d time.Duration) error {
		n.Add(1)
		return ctx.Err()
	}
}

func plainConfig(mp *mailpittest.Server) Config {
	host, port := mp.SMTPAddr()
	return Config{Host: host, Port: port, Security: Plain, AllowPlain: true, Timeout: 5 * time.Second, Attempts: 3, Backoff: time.Millisecond}
}

// TestSendEachRecipient checks a delivery over plain SMTP on loopback:
// one transaction per envelope recipient (To, Cc and Bcc), each carrying
// the same bytes WriteTo writes, with Bcc only in the envelope.
func TestSendEachRecipient(t *testing.T) {
	mp := mailpittest.Start(t, mailpittest.Options{})
	m := sendMessage(t)
	res := Send(context.Background(), plainConfig(mp), m)
	if len(res) != 3 {
		t.Fatalf("%d results, want 3", len(res))
	}
	for _, r := range res {
		if r.Err != nil || r.Attempts != 1 {
			t.Errorf("%s: %v after %d attempts", r.Recipient, r.Err, r.Attempts)
		}
	}
	want, err := m.bytes()
	if err != nil {
		t.Fatal(err)
	}
	msgs := mp.Messages(t)
	if len(msgs) != 3 {
		t.Fatalf("%d messages arrived, want one per recipient (3)", len(msgs))
	}
	var envelopes []string
	var first []byte
	for _, s := range msgs {
		raw := mp.Raw(t, s.ID)
		// mailpit puts Return-Path and Received (which names the
		// envelope recipient) before what it received.
		i := bytes.Index(raw, []byte("Date: "))
		if i < 0 {
			t.Fatalf("message %s has no Date", s.ID)
		}
		got := raw[i:]
		if first == nil {
			first = got
		} else if !bytes.Equal(got, first) {
			t.Errorf("message %s: other bytes than the first recipient's", s.ID)
		}
		if !bytes.Equal(sameBoundaries(got), sameBoundaries(want)) {
			t.Errorf("message %s: the server got other bytes than WriteTo writes", s.ID)
		}
		if bytes.Contains(got, []byte("archive@example.com")) {
			t.Errorf("the Bcc address is in the message's bytes")
		}
		for _, b := range s.Bcc {
			envelopes = append(envelopes, b.Address)
		}
	}
	if len(envelopes) != 1 || envelopes[0] != "archive@example.com" {
		t.Errorf("envelope-only recipients %v, want archive@example.com", envelopes)
	}
}

// TestSendTLSPolicy checks the security settings: plain SMTP is refused
// except on loopback with AllowPlain; STARTTLS works with a trusted
// certificate and fails permanently with an untrusted one; implicit TLS
// works against a server that speaks only TLS.
func TestSendTLSPolicy(t *testing.T) {
	for _, c := range []Config{
		{Host: "smtp.example.com", Security: Plain, AllowPlain: true},
		{Host: "127.0.0.1", Security: Plain},
	} {
		if err := c.Validate(); err == nil {
			t.Errorf("%+v: plain SMTP allowed", c)
		}
	}
	cert, key, pool := mailpittest.SelfSignedCert(t)
	mp := mailpittest.Start(t, mailpittest.Options{TLSCert: cert, TLSKey: key, RequireSTARTTLS: true, Auth: true})
	host, port := mp.SMTPAddr()
	m := sendMessage(t)
	m.Cc, m.Bcc = nil, nil
	c := Config{Host: host, Port: port, Timeout: 5 * time.Second, Username: "reports", Password: "s3cret-pass", TLSConfig: &tls.Config{RootCAs: pool}}
	if r := Send(context.Background(), c, m); r[0].Err != nil {
		t.Fatalf("STARTTLS with a trusted certificate: %v", r[0].Err)
	}
	if n := len(mp.Messages(t)); n != 1 {
		t.Fatalf("%d messages over STARTTLS, want 1", n)
	}
	var n atomic.Int32
	c.TLSConfig, c.Sleep = nil, fastSleep(&n) // the system roots do not trust the test certificate
	r := Send(context.Background(), c, m)
	var se *SendError
	if !errors.As(r[0].Err, &se) || se.Temporary || !strings.Contains(se.Error(), "certificate") || n.Load() != 0 {
		t.Errorf("untrusted certificate: %v (%d retries), want a permanent certificate error", r[0].Err, n.Load())
	}
	if strings.Contains(r[0].Err.Error(), "s3cret-pass") {
		t.Error("the password is in the error")
	}

	implicit := mailpittest.Start(t, mailpittest.Options{TLSCert: cert, TLSKey: key, RequireTLS: true})
	host, port = implicit.SMTPAddr()
	ci := Config{Host: host, Port: port, Security: ImplicitTLS, Timeout: 5 * time.Second, TLSConfig: &tls.Config{RootCAs: pool}}
	if r := Send(context.Background(), ci, m); r[0].Err != nil {
		t.Fatalf("implicit TLS: %v", r[0].Err)
	}
	// STARTTLS against a server without TLS is refused, not sent in clear.
	plain := mailpittest.Start(t, mailpittest.Options{})
	host, port = plain.SMTPAddr()
	r = Send(context.Background(), Config{Host: host, Port: port, Timeout: 5 * time.Second, Sleep: fastSleep(&n)}, m)
	if r[0].Err == nil || len(plain.Messages(t)) != 0 {
		t.Errorf("STARTTLS required, server without it: %v", r[0].Err)
	}
}

// TestSendRefusedRecipient checks that a recipient the server refuses
// (5xx) fails permanently, untried again, while the others are delivered.
func TestSendRefusedRecipient(t *testing.T) {
	mp := mailpittest.Start(t, mailpittest.Options{AllowedRecipients: `@example\.com$`})
	m := sendMessage(t)
	m.Cc = []mail.Address{{Address: "someone@elsewhere.org"}}
	var n atomic.Int32
	c := plainConfig(mp)
	c.Sleep = fastSleep(&n)
	res := Send(context.Background(), c, m)
	var se *SendError
	if !errors.As(res[1].Err, &se) || se.Temporary || se.Code < 500 || se.Attempts != 1 {
		t.Fatalf("refused recipient: %+v", res[1])
	}
	if !strings.Contains(se.Error(), "someone@elsewhere.org") || !strings.Contains(se.Error(), "permanently") {
		t.Errorf("error %q", se.Error())
	}
	if res[0].Err != nil || res[2].Err != nil || len(mp.Messages(t)) != 2 || n.Load() != 0 {
		t.Errorf("the others: %v, %v; %d messages; %d retries", res[0].Err, res[2].Err, len(mp.Messages(t)), n.Load())
	}
}

// TestSendTemporaryFailures checks retries: a 451 reply is tried Attempts
// times; a server that is down fails temporarily, without waiting out the
// backoff for every recipient; and once it is back a resend works.
func TestSendTemporaryFailures(t *testing.T) {
	mp := mailpittest.Start(t, mailpittest.Options{Chaos: true})
	m := sendMessage(t)
	m.Cc, m.Bcc = nil, nil
	var n atomic.Int32
	c := plainConfig(mp)
	c.Attempts, c.Sleep = 4, fastSleep(&n)
	mp.SetChaos(t, mailpittest.Trigger{}, mailpittest.Trigger{ErrorCode: 451, Probability: 100})
	res := Send(context.Background(), c, m)
	var se *SendError
	if !errors.As(res[0].Err, &se) || !se.Temporary || se.Code != 451 || res[0].Attempts != 4 || n.Load() != 3 {
		t.Fatalf("451: %+v (waits %d)", res[0], n.Load())
	}
	mp.ClearChaos(t)

	m = sendMessage(t)
	mp.Stop(t)
	n.Store(0)
	res = Send(context.Background(), c, m)
	for i, r := range res {
		if !errors.As(r.Err, &se) || !se.Temporary {
			t.Errorf("server down, recipient %d: %v, want a temporary failure", i, r.Err)
		}
	}
	if res[0].Attempts != 4 || res[1].Attempts != 4 || n.Load() != 3 {
		t.Errorf("server down: attempts %d, %d; waits %d (want the backoff once)", res[0].Attempts, res[1].Attempts, n.Load())
	}
	mp.Restart(t)
	for _, r := range Send(context.Background(), c, m) {
		if r.Err != nil {
			t.Errorf("after the restart: %v", r.Err)
		}
	}
	if got := len(mp.Messages(t)); got != 3 {
		t.Errorf("%d messages after the restart, want 3", got)
	}
	// A cancelled context stops at once.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if r := Send(ctx, c, m); !errors.Is(r[0].Err, context.Canceled) {
		t.Errorf("cancelled: %v", r[0].Err)
	}
}

// TestSendPlainAuthOnLoopback checks that credentials work over plain SMTP
// to a loopback relay that offers PLAIN, which go-mail's discovery alone
// would not pick without TLS.
func TestSendPlainAuthOnLoopback(t *testing.T) {
	mp := mailpittest.Start(t, mailpittest.Options{Auth: true})
	c := plainConfig(mp)
	c.Username, c.Password = "reports", "local-pass"
	m := sendMessage(t)
	m.Cc, m.Bcc = nil, nil
	if r := Send(context.Background(), c, m); r[0].Err != nil {
		t.Fatalf("plain auth on loopback: %v", r[0].Err)
	}
	if n := len(mp.Messages(t)); n != 1 {
		t.Errorf("%d messages, want 1", n)
	}
}
