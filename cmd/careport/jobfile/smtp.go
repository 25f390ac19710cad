package jobfile

import (
	"github.com/goccy/go-yaml/ast"
)

var smtpKeys = []string{"host", "port", "username", "password-env", "security", "allow-plain", "timeout", "attempts", "backoff"}

// smtp decodes the smtp mapping and fills its defaults.
func (d *decoder) smtp(n ast.Node) SMTP {
	s := SMTP{PasswordEnv: DefaultPasswordEnv, Security: "starttls", Pos: pos(n)}
	m, ok := n.(*ast.MappingNode)
	if !ok {
		d.errorf(n, `"smtp" must be a mapping of keys (host, port, ...), not %s`, describe(n))
		return s
	}
	const where = "in smtp"
	var secPos, plainPos Pos
	seen := d.mapping(m, where, smtpKeys, func(key string, kp Pos, v ast.Node) {
		switch key {
		case "host":
			if h, ok := d.str(v, "host"); ok {
				if h == "" {
					d.errorf(v, "host in smtp is empty")
				}
				s.Host = h
			}
		case "port":
			if p, ok := d.integer(v, "port in smtp", 1, 65535); ok {
				s.Port = int(p)
			}
		case "username":
			s.Username, _ = d.str(v, "username in smtp")
		case "password-env":
			if e, ok := d.str(v, "password-env in smtp"); ok {
				if !isEnvName(e) {
					// Not echoed: it may be the password itself.
					d.errorf(v, "password-env in smtp must be the name of an environment variable (letters, digits and _), such as %s, not the password", DefaultPasswordEnv)
				} else {
					s.PasswordEnv = e
				}
			}
		case "security":
			secPos = pos(v)
			if sec, ok := d.str(v, "security in smtp"); ok {
				switch sec {
				case "starttls", "tls", "none":
					s.Security = sec
				default:
					d.errorf(v, "security in smtp must be starttls, tls or none, not %q%s", sec, suggest(sec, []string{"starttls", "tls", "none"}))
				}
			}
		case "allow-plain":
			plainPos = pos(v)
			s.AllowPlain, _ = d.boolean(v, "allow-plain in smtp")
		case "timeout":
			s.Timeout, _ = d.duration(v, "timeout in smtp")
		case "attempts":
			if a, ok := d.integer(v, "attempts in smtp", 1, 100); ok {
				s.Attempts = int(a)
			}
		case "backoff":
			s.Backoff, _ = d.duration(v, "backoff in smtp")
		}
	})
	if _, ok := seen["host"]; !ok {
		d.errorf(m, "smtp has no host: give the mail server's name, as in host: smtp.example.com")
	}
	if s.Security == "none" && !s.AllowPlain {
		if plainPos.Line != 0 {
			secPos = plainPos
		}
		d.problemAt(secPos, "security none sends the reports and the password unencrypted: add allow-plain: true to mean it")
	}
	if s.Port == 0 {
		switch s.Security {
		case "tls":
			s.Port = 465
		case "none":
			s.Port = 25
		default:
			s.Port = 587
		}
	}
	return s
}

func isEnvName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r == '_', r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z':
		case r >= '0' && r <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}
