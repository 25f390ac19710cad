// Package mailpittest runs a real SMTP server for tests: mailpit
// (github.com/axllent/mailpit), started as a child process on 127.0.0.1 with
// free ports, with its HTTP API to read what arrived. The mail tests of
// render/email and cmd/careport send to it with the production code, so
// what they check is what a real server received.
//
// The binary is found on PATH or in $(go env GOPATH)/bin; `make mailpit`
// (a dependency of make test) installs it with
// `go install github.com/axllent/mailpit@v1.33.1`. A missing binary fails
// the test, saying so: a mail test never passes without a server.
package mailpittest

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Version is the mailpit release the Makefile installs.
const Version = "v1.33.1"

// Options configure one server.
type Options struct {
	// TLSCert and TLSKey (PEM files) enable STARTTLS; RequireSTARTTLS makes
	// the server refuse mail without it, RequireTLS makes it speak TLS from
	// the first byte (implicit TLS, as on port 465).
	TLSCert, TLSKey string
	RequireSTARTTLS bool
	RequireTLS      bool
	// AllowedRecipients, when set, is a regular expression: RCPT TO of any
	// other address is refused with a permanent (5xx) reply.
	AllowedRecipients string
	// Chaos enables SetChaos.
	Chaos bool
	// Auth makes the server accept any user name and password (and allow
	// them without TLS).
	Auth bool
}

// Server is one running mailpit.
type Server struct {
	bin      string
	opts     Options
	smtpPort int
	httpPort int
	dir      string
	cmd      *exec.Cmd
	log      *bytes.Buffer
}

// Address is a mailbox as mailpit's API gives it.
type Address struct{ Name, Address string }

// Summary is one received message as mailpit lists it. Bcc holds the
// envelope recipients that are in neither To nor Cc.
type Summary struct {
	ID          string
	MessageID   string
	From        *Address
	To, Cc, Bcc []Address
	Subject     string
	Size        int
	Attachments int
}

// binary finds the mailpit program.
func binary() (string, error) {
	if p, err := exec.LookPath("mailpit"); err == nil {
		return p, nil
	}
	gopath, err := exec.Command("go", "env", "GOPATH").Output()
	if err == nil {
		for _, d := range filepath.SplitList(strings.TrimSpace(string(gopath))) {
			p := filepath.Join(d, "bin", "mailpit")
			if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
				return p, nil
			}
		}
	}
	return "", fmt.Errorf("mailpit is not installed (make mailpit, or go install github.com/axllent/mailpit@%s)", Version)
}

// freePort asks the kernel for a free loopback port.
func freePort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// Start starts a mailpit on 127.0.0.1 and waits until both its SMTP and its
// HTTP ports answer; it is stopped at the end of the test.
func Start(t testing.TB, o Options) *Server {
	t.Helper()
	bin, err := binary()
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{bin: bin, opts: o, smtpPort: freePort(t), httpPort: freePort(t), dir: t.TempDir()}
	s.start(t)
	t.Cleanup(func() { s.kill() })
	return s
}

func (s *Server) start(t testing.TB) {
	t.Helper()
	args := []string{
		"--smtp", "127.0.0.1:" + strconv.Itoa(s.smtpPort),
		"--listen", "127.0.0.1:" + strconv.Itoa(s.httpPort),
		"--database", filepath.Join(s.dir, fmt.Sprintf("mailpit-%d.db", time.Now().UnixNano())),
		"--disable-version-check", "--smtp-disable-rdns", "-q",
	}
	o := s.opts
	if o.TLSCert != "" {
		args = append(args, "--smtp-tls-cert", o.TLSCert, "--smtp-tls-key", o.TLSKey)
	}
	if o.RequireSTARTTLS {
		args = append(args, "--smtp-require-starttls")
	}
	if o.RequireTLS {
		args = append(args, "--smtp-require-tls")
	}
	if o.AllowedRecipients != "" {
		args = append(args, "--smtp-allowed-recipients", o.AllowedRecipients)
	}
	if o.Chaos {
		args = append(args, "--enable-chaos")
	}
	if o.Auth {
		args = append(args, "--smtp-auth-accept-any")
		if !o.RequireSTARTTLS && !o.RequireTLS {
			args = append(args, "--smtp-auth-allow-insecure") // mailpit refuses it with either
		}
	}
	s.log = new(bytes.Buffer)
	cmd := exec.Command(s.bin, args...)
	cmd.Stdout, cmd.Stderr = s.log, s.log
	if err := cmd.Start(); err != nil {
		t.Fatalf("start mailpit: %v", err)
	}
	s.cmd = cmd
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	deadline := time.Now().Add(20 * time.Second)
	for {
		select {
		case err := <-exited:
			t.Fatalf("mailpit exited at start (%v):\n%s", err, s.log)
		default:
		}
		if s.ready() {
			// Keep the exit status for kill.
			go func() { err := <-exited; _ = err }()
			return
		}
		if time.Now().After(deadline) {
			s.kill()
			t.Fatalf("mailpit did not answer within 20 s:\n%s", s.log)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// ready reports whether the SMTP port accepts connections and the API
// answers.
func (s *Server) ready() bool {
	c, err := net.DialTimeout("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(s.smtpPort)), time.Second)
	if err != nil {
		return false
	}
	c.Close()
	resp, err := http.Get(s.apiURL("/api/v1/info"))
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

func (s *Server) kill() {
	if s.cmd != nil && s.cmd.Process != nil {
		_ = s.cmd.Process.Kill()
		// Wait for the port to be free again, so Restart can take it.
		for i := 0; i < 100; i++ {
			c, err := net.DialTimeout("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(s.smtpPort)), 100*time.Millisecond)
			if err != nil {
				break
			}
			c.Close()
			time.Sleep(20 * time.Millisecond)
		}
	}
	s.cmd = nil
}

// SMTPAddr is where the server takes mail.
func (s *Server) SMTPAddr() (host string, port int) { return "127.0.0.1", s.smtpPort }

// Stop stops the server: the SMTP port then refuses connections, as a
// relay that is down does.
func (s *Server) Stop(t testing.TB) {
	t.Helper()
	s.kill()
}

// Restart starts a stopped server again on the same ports, with an empty
// mailbox.
func (s *Server) Restart(t testing.TB) {
	t.Helper()
	s.kill()
	s.start(t)
}

func (s *Server) apiURL(path string) string {
	return "http://127.0.0.1:" + strconv.Itoa(s.httpPort) + path
}

func (s *Server) get(t testing.TB, path string) []byte {
	t.Helper()
	resp, err := http.Get(s.apiURL(path))
	if err != nil {
		t.Fatalf("mailpit API %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("mailpit API %s: %s %v\n%s", path, resp.Status, err, body)
	}
	return body
}

// Messages lists every message received, oldest first.
func (s *Server) Messages(t testing.TB) []Summary {
	t.Helper()
	var res struct {
		Messages []Summary `json:"messages"`
		Total    int       `json:"total"`
	}
	if err := json.Unmarshal(s.get(t, "/api/v1/messages?limit=10000"), &res); err != nil {
		t.Fatalf("mailpit messages: %v", err)
	}
	if len(res.Messages) != res.Total {
		t.Fatalf("mailpit lists %d of %d messages", len(res.Messages), res.Total)
	}
	// The API lists newest first.
	for i, j := 0, len(res.Messages)-1; i < j; i, j = i+1, j-1 {
		res.Messages[i], res.Messages[j] = res.Messages[j], res.Messages[i]
	}
	return res.Messages
}

// Raw returns a message exactly as the server received it.
func (s *Server) Raw(t testing.TB, id string) []byte {
	t.Helper()
	return s.get(t, "/api/v1/message/"+id+"/raw")
}

// Trigger is one chaos rule: reply ErrorCode (400-599) to the SMTP
// command it is for, with Probability percent.
type Trigger struct{ ErrorCode, Probability int }

// SetChaos makes the server fail MAIL FROM (sender) and RCPT TO (recipient)
// by the triggers; the zero Trigger never fails. Needs Options.Chaos.
func (s *Server) SetChaos(t testing.TB, sender, recipient Trigger) {
	t.Helper()
	body, _ := json.Marshal(map[string]Trigger{"Sender": sender, "Recipient": recipient})
	req, err := http.NewRequest(http.MethodPut, s.apiURL("/api/v1/chaos"), bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("mailpit chaos: %v", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("mailpit chaos: %s\n%s", resp.Status, b)
	}
}

// ClearChaos stops every chaos rule.
func (s *Server) ClearChaos(t testing.TB) { s.SetChaos(t, Trigger{}, Trigger{}) }

// SelfSignedCert writes a certificate and key for 127.0.0.1 and localhost
// into a test folder and returns their paths and a pool that trusts it.
func SelfSignedCert(t testing.TB) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: "careport test SMTP"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IsCA:         true, BasicConstraintsValid: true,
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")},
		DNSNames:    []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kder, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kder}), 0o600); err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool = x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, pool
}
