package mailpittest

import (
	"net"
	"net/smtp"
	"strconv"
	"strings"
	"testing"
)

func send(host string, port int, from string, to []string, msg string) error {
	return smtp.SendMail(net.JoinHostPort(host, strconv.Itoa(port)), nil, from, to, []byte(msg))
}

// TestServer checks the helper itself: mail sent with net/smtp is listed
// with its envelope recipients and its raw bytes, chaos makes RCPT fail
// with the chosen code, allowed-recipients refuses others permanently, and
// Stop/Restart take the port down and bring it back.
func TestServer(t *testing.T) {
	s := Start(t, Options{Chaos: true})
	host, port := s.SMTPAddr()
	msg := "From: a@example.com\r\nTo: b@example.com\r\nSubject: hello\r\nMessage-ID: <x1@example.com>\r\n\r\nbody\r\n"
	if err := send(host, port, "a@example.com", []string{"b@example.com", "hidden@example.com"}, msg); err != nil {
		t.Fatal(err)
	}
	ms := s.Messages(t)
	if len(ms) != 1 || ms[0].Subject != "hello" || ms[0].MessageID != "x1@example.com" || len(ms[0].Bcc) != 1 || ms[0].Bcc[0].Address != "hidden@example.com" {
		t.Fatalf("messages: %+v", ms)
	}
	if raw := string(s.Raw(t, ms[0].ID)); !strings.Contains(raw, "Subject: hello") {
		t.Errorf("raw: %q", raw)
	}
	s.SetChaos(t, Trigger{}, Trigger{ErrorCode: 451, Probability: 100})
	err := send(host, port, "a@example.com", []string{"b@example.com"}, msg)
	if err == nil || !strings.Contains(err.Error(), "451") {
		t.Errorf("with chaos: %v, want a 451", err)
	}
	s.ClearChaos(t)
	s.Stop(t)
	if err := send(host, port, "a@example.com", []string{"b@example.com"}, msg); err == nil {
		t.Error("a stopped server took mail")
	}
	s.Restart(t)
	if err := send(host, port, "a@example.com", []string{"b@example.com"}, msg); err != nil {
		t.Errorf("after Restart: %v", err)
	}
	if n := len(s.Messages(t)); n != 1 {
		t.Errorf("after Restart %d messages, want 1", n)
	}

	r := Start(t, Options{AllowedRecipients: `@allowed\.example$`})
	host, port = r.SMTPAddr()
	if err := send(host, port, "a@example.com", []string{"b@other.example"}, msg); err == nil || !strings.Contains(err.Error(), "5") {
		t.Errorf("a recipient not allowed: %v", err)
	}
}
