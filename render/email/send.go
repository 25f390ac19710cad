package email

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/textproto"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/cenkalti/backoff/v5"
	gomail "github.com/wneessen/go-mail"
	"github.com/wneessen/go-mail/smtp"
)

// Security is how a connection to the SMTP server is protected.
type Security int

const (
	// StartTLS (the default) upgrades the connection with STARTTLS and
	// refuses a server that does not offer it or whose certificate does
	// not verify: the password and the reports never go in clear text.
	StartTLS Security = iota
	// ImplicitTLS speaks TLS from the first byte (SMTPS, port 465).
	ImplicitTLS
	// Plain sends without TLS; Config.Validate allows it only with
	// AllowPlain and a loopback host (a local relay or test server).
	Plain
)

// ParseSecurity reads a security setting: "starttls", "tls" (or "ssl",
// implicit TLS) or "none".
func ParseSecurity(s string) (Security, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "starttls":
		return StartTLS, nil
	case "tls", "ssl", "implicit-tls":
		return ImplicitTLS, nil
	case "none", "plain":
		return Plain, nil
	}
	return 0, fmt.Errorf("security %q: want starttls (the default), tls (implicit TLS, port 465) or none (loopback only, with allow-plain)", s)
}

// Config is how to reach the SMTP server.
type Config struct {
	// Host and Port are the server; Port 0 means 587 for StartTLS, 465 for
	// ImplicitTLS and 25 for Plain.
	Host string
	Port int
	// Username and Password authenticate (the strongest mechanism the
	// server offers); no authentication when Username is "".
	Username, Password string
	Security           Security
	// AllowPlain permits Security Plain, and only to a loopback host.
	AllowPlain bool
	// Timeout limits connecting and each SMTP command; 0 means 30 s.
	Timeout time.Duration
	// Attempts is how many times a recipient is tried when the failure is
	// temporary (a 4xx reply, a server that is down or drops the
	// connection); 0 means 4.
	Attempts int
	// Backoff is the first wait between tries, doubling with jitter; 0
	// means 2 s.
	Backoff time.Duration
	// Sleep waits between tries; nil means a real sleep that ends early
	// with ctx. Tests inject a fast one.
	Sleep func(ctx context.Context, d time.Duration) error
	// TLSConfig, when set, is used for TLS (its RootCAs for a private
	// relay's certificate); ServerName defaults to Host.
	TLSConfig *tls.Config
	// HeloName is the name given in EHLO; "" means "localhost".
	HeloName string
	// Logger, when set, hears of every retry.
	Logger *slog.Logger
}

// isLoopback reports whether host is a loopback address or localhost.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Validate checks the settings before any connection: a host, a port in
// range, and plain SMTP only where it is allowed.
func (c Config) Validate() error {
	switch {
	case strings.TrimSpace(c.Host) == "":
		return errors.New("smtp: no host")
	case c.Port < 0 || c.Port > 65535:
		return fmt.Errorf("smtp: port %d is not a port number", c.Port)
	case c.Security < StartTLS || c.Security > Plain:
		return fmt.Errorf("smtp: unknown security %d", c.Security)
	case c.Attempts < 0 || c.Timeout < 0 || c.Backoff < 0:
		return errors.New("smtp: attempts, timeout and backoff cannot be negative")
	}
	if c.Security == Plain {
		if !c.AllowPlain {
			return errors.New("smtp: security none sends the mail (and any password) in clear text; it needs allow-plain: true, and only a loopback host may use it")
		}
		if !isLoopback(c.Host) {
			return fmt.Errorf("smtp: plain SMTP (security none) is allowed only to a loopback host (127.0.0.1, ::1, localhost), not %s; use starttls or tls", c.Host)
		}
	}
	return nil
}

func (c Config) withDefaults() Config {
	if c.Port == 0 {
		switch c.Security {
		case ImplicitTLS:
			c.Port = 465
		case Plain:
			c.Port = 25
		default:
			c.Port = 587
		}
	}
	if c.Timeout == 0 {
		c.Timeout = 30 * time.Second
	}
	if c.Attempts == 0 {
		c.Attempts = 4
	}
	if c.Backoff == 0 {
		c.Backoff = 2 * time.Second
	}
	if c.HeloName == "" {
		c.HeloName = "localhost"
	}
	if c.Sleep == nil {
		c.Sleep = sleep
	}
	return c
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Result is what became of one recipient.
type Result struct {
	Recipient string
	// Attempts is how many times it was tried (0: not tried, because the
	// server could not be reached for an earlier recipient).
	Attempts int
	// Err is nil when the server accepted the message for the recipient,
	// else a *SendError.
	Err error
}

// SendError is a recipient the message did not reach.
type SendError struct {
	Recipient string
	// Temporary is true when a later try may succeed: a 4xx reply, a
	// server that is down, a dropped connection, a timeout.
	Temporary bool
	// Code and Enhanced are the server's reply code (550) and enhanced
	// status code (5.1.1), when it replied; Reply is its text.
	Code     int
	Enhanced string
	Reply    string
	Attempts int
	Err      error
}

func (e *SendError) Error() string {
	how := "permanently"
	if e.Temporary {
		how = "temporarily"
		if e.Attempts > 1 {
			how += fmt.Sprintf(" (after %d tries)", e.Attempts)
		}
	}
	var what string
	if e.Code != 0 {
		what = strings.TrimSpace(fmt.Sprintf("%d %s %s", e.Code, e.Enhanced, e.Reply))
		return fmt.Sprintf("%s: the server refused it %s: %s", e.Recipient, how, what)
	}
	if e.Err != nil {
		what = e.Err.Error()
	}
	return fmt.Sprintf("%s: not delivered %s: %s", e.Recipient, how, what)
}

func (e *SendError) Unwrap() error { return e.Err }

// Send delivers m to every envelope recipient (m.Recipients()); see SendTo.
func Send(ctx context.Context, c Config, m *Message) []Result {
	return SendTo(ctx, c, m, m.Recipients())
}

// SendTo delivers m to the given envelope recipients (a subset of
// m.Recipients(); the headers still list every To and Cc). Each recipient
// is its own SMTP transaction (MAIL, RCPT, DATA) with the same bytes, over
// one connection while the server keeps it, so that one refused address
// does not stop the others. Temporary failures are retried up to
// c.Attempts times with backoff; permanent ones (5xx, a certificate that
// does not verify, no STARTTLS) are not. When the server cannot be reached
// at all, the recipients after the first are not tried again and share
// its error. It returns one Result per recipient, in order, and stops when
// ctx ends (the rest then fail with ctx's error).
func SendTo(ctx context.Context, c Config, m *Message, recipients []string) []Result {
	out := make([]Result, len(recipients))
	for i, r := range recipients {
		out[i].Recipient = r
	}
	failAll := func(from int, err error, temporary bool, attempts int) []Result {
		for i := from; i < len(out); i++ {
			se := classify(recipients[i], err)
			se.Temporary = se.Temporary && temporary
			se.Attempts = attempts
			out[i].Err, out[i].Attempts = se, attempts
		}
		return out
	}
	if err := c.Validate(); err != nil {
		return failAll(0, err, false, 0)
	}
	c = c.withDefaults()
	raw, err := m.bytes()
	if err != nil {
		return failAll(0, err, false, 0)
	}
	s := &session{c: c}
	defer s.close()
	for i, rcpt := range recipients {
		b := &backoff.ExponentialBackOff{
			InitialInterval: c.Backoff, RandomizationFactor: 0.2, Multiplier: 2, MaxInterval: 5 * time.Minute,
		}
		b.Reset()
		reached := false
		for attempt := 1; ; attempt++ {
			if err := ctx.Err(); err != nil {
				// Not sent because the run was stopped: a rerun must try
				// again, so this is temporary.
				return failAll(i, err, true, attempt-1)
			}
			err := s.deliver(ctx, m.From.Address, rcpt, raw)
			if err == nil {
				out[i].Attempts = attempt
				break
			}
			reached = reached || s.reached
			se := classify(rcpt, err)
			se.Attempts = attempt
			if !se.Temporary || attempt >= c.Attempts {
				out[i].Err, out[i].Attempts = se, attempt
				if se.Temporary && !reached {
					// The server was never reached: the others would only
					// wait out the same backoff.
					return failAll(i, err, true, attempt)
				}
				break
			}
			wait := b.NextBackOff()
			if c.Logger != nil {
				c.Logger.Warn(fmt.Sprintf("%s; trying again in %s", se.Error(), wait.Round(time.Millisecond)))
			}
			if err := c.Sleep(ctx, wait); err != nil {
				return failAll(i, err, true, attempt)
			}
		}
	}
	return out
}

// session is one connection to the server, redialed when lost.
type session struct {
	c       Config
	sc      *smtp.Client
	reached bool // a connection was made at least once
}

func (s *session) dial(ctx context.Context) error {
	c := s.c
	opts := []gomail.Option{gomail.WithPort(c.Port), gomail.WithTimeout(c.Timeout), gomail.WithHELO(c.HeloName)}
	tc := &tls.Config{ServerName: c.Host, MinVersion: tls.VersionTLS12}
	if c.TLSConfig != nil {
		tc = c.TLSConfig.Clone()
		if tc.ServerName == "" {
			tc.ServerName = c.Host
		}
		if tc.MinVersion == 0 {
			tc.MinVersion = tls.VersionTLS12
		}
	}
	opts = append(opts, gomail.WithTLSConfig(tc))
	switch c.Security {
	case ImplicitTLS:
		opts = append(opts, gomail.WithSSL())
	case Plain:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if c.Username != "" {
		auth := gomail.SMTPAuthAutoDiscover
		if c.Security == Plain {
			// Over a connection without TLS go-mail's discovery tries only
			// challenge mechanisms (SCRAM, CRAM-MD5), which a local relay
			// may not offer; Validate allows Plain only on loopback, where
			// PLAIN is what such relays take.
			auth = gomail.SMTPAuthPlain
		}
		opts = append(opts, gomail.WithSMTPAuth(auth), gomail.WithUsername(c.Username), gomail.WithPassword(c.Password))
	}
	// go-mail does not close the connection when the set-up after
	// connecting fails (an untrusted certificate at STARTTLS, no STARTTLS,
	// refused credentials): keep it to close it here. Implicit TLS keeps
	// go-mail's own TLS dialer, which knows the connection is encrypted.
	var conn net.Conn
	if c.Security != ImplicitTLS {
		opts = append(opts, gomail.WithDialContextFunc(func(ctx context.Context, network, addr string) (net.Conn, error) {
			var d net.Dialer
			cn, err := d.DialContext(ctx, network, addr)
			conn = cn
			return cn, err
		}))
	}
	cl, err := gomail.NewClient(c.Host, opts...)
	if err != nil {
		return &permanentError{err}
	}
	sc, err := cl.DialToSMTPClientWithContext(ctx)
	if err != nil {
		if conn != nil {
			_ = conn.Close()
		}
		if isNetError(err) {
			return err
		}
		var tpe *textproto.Error
		if errors.As(err, &tpe) {
			return err
		}
		// TLS and authentication set-up failures: a certificate that does
		// not verify, no STARTTLS, no common mechanism. Retrying changes
		// nothing.
		return &permanentError{err}
	}
	s.sc, s.reached = sc, true
	return nil
}

// deliver makes one transaction for one recipient, dialing first when
// there is no connection.
func (s *session) deliver(ctx context.Context, from, rcpt string, raw []byte) error {
	if s.sc == nil {
		if err := s.dial(ctx); err != nil {
			return err
		}
	}
	err := s.transact(from, rcpt, raw)
	if err == nil {
		return nil
	}
	var tpe *textproto.Error
	if errors.As(err, &tpe) {
		// The server replied: the connection is still good after RSET.
		if rerr := s.sc.Reset(); rerr != nil {
			s.drop()
		}
		return err
	}
	s.drop()
	return err
}

func (s *session) transact(from, rcpt string, raw []byte) error {
	sc := s.sc
	if err := sc.UpdateDeadline(s.c.Timeout); err != nil {
		return err
	}
	if ok, v := sc.Extension("SIZE"); ok {
		if limit, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64); err == nil && limit > 0 && int64(len(raw)) > limit {
			return &permanentError{fmt.Errorf("the message is %d bytes and the server takes at most %d", len(raw), limit)}
		}
	}
	// go-mail's smtp client writes the path as given: it wants the angle
	// brackets of RFC 5321's reverse-path and forward-path.
	if err := sc.Mail("<" + from + ">"); err != nil {
		return err
	}
	if err := sc.Rcpt("<" + rcpt + ">"); err != nil {
		return err
	}
	w, err := sc.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(raw); err != nil {
		_ = w.Close()
		return err
	}
	return w.Close() // the server's reply to the end of DATA
}

func (s *session) drop() {
	if s.sc != nil {
		_ = s.sc.Close()
		s.sc = nil
	}
}

func (s *session) close() {
	if s.sc != nil {
		_ = s.sc.Quit()
		s.drop()
	}
}

// permanentError marks a failure that retrying cannot fix.
type permanentError struct{ err error }

func (p *permanentError) Error() string { return p.err.Error() }
func (p *permanentError) Unwrap() error { return p.err }

// isNetError reports whether err is the network's: refused, reset, a
// timeout, a connection closed mid-reply.
func isNetError(err error) bool {
	var ne net.Error
	var oe *net.OpError
	return errors.As(err, &ne) || errors.As(err, &oe) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) ||
		errors.Is(err, os.ErrDeadlineExceeded)
}

// classify turns an error of a transaction into a SendError.
func classify(rcpt string, err error) *SendError {
	se := &SendError{Recipient: rcpt, Err: err}
	var tpe *textproto.Error
	var pe *permanentError
	switch {
	case errors.As(err, &tpe):
		se.Code = tpe.Code
		se.Reply = tpe.Msg
		if f := strings.Fields(tpe.Msg); len(f) > 0 && enhancedCode(f[0]) {
			se.Enhanced = f[0]
			se.Reply = strings.TrimSpace(strings.TrimPrefix(tpe.Msg, f[0]))
		}
		se.Temporary = tpe.Code >= 400 && tpe.Code < 500
	case errors.As(err, &pe):
		se.Temporary = false
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) && !isNetError(err):
		se.Temporary = true
	default:
		se.Temporary = isNetError(err)
	}
	return se
}

// enhancedCode reports whether s is an RFC 3463 status code like 5.1.1.
func enhancedCode(s string) bool {
	p := strings.Split(s, ".")
	if len(p) != 3 || (p[0] != "2" && p[0] != "4" && p[0] != "5") {
		return false
	}
	for _, x := range p[1:] {
		if _, err := strconv.Atoi(x); err != nil || len(x) == 0 || len(x) > 3 {
			return false
		}
	}
	return true
}
