// Package email composes, writes and sends careport's report mails.
//
// # Structure
//
// A [Message] is written as one RFC 5322 message with CRLF line endings
// and no line longer than 998 bytes (header lines are folded under 78):
//
//	multipart/mixed
//	├── multipart/alternative
//	│   ├── text/plain; charset=UTF-8    (quoted-printable)
//	│   └── text/html; charset=UTF-8     (quoted-printable; last, so preferred)
//	├── attachment 1                     (base64)
//	└── ...
//
// The headers are Date and Message-ID as the caller sets them (so that the
// same input gives the same bytes, and a resend carries the same
// Message-ID), From, To, Cc, Subject (RFC 2047 encoded words when not
// ASCII), MIME-Version, and User-Agent and X-Mailer "careport". Bcc is never
// written: its addresses are envelope recipients only. Only the MIME
// boundaries are random. A message without attachments is a single
// multipart/alternative; [CheckSize] refuses it, so that a failed render
// never goes out as an empty mail.
//
// Attachments carry fixed MIME types by extension (xlsx:
// application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, html:
// text/html; charset=utf-8, csv: text/csv; charset=utf-8, zip:
// application/zip, others from a small table or application/octet-stream),
// never the host's mime.types, so the output does not depend on the machine.
//
// # File names
//
// A short printable ASCII name is written plainly, filename="revenue.xlsx".
// Any other name is written twice, in Content-Disposition's filename and
// Content-Type's name: as RFC 2231 parameters (filename* holding the
// percent-encoded UTF-8 octets, split into filename*0*=, filename*1*=, ...
// continuations when long), which Go's
// mime.ParseMediaType, Python's email package, Apple Mail, Thunderbird and
// Gmail read; and as a quoted RFC 2047 encoded word (filename="=?UTF-8?B?
// ...?="), which some Outlook versions need and which shows "Untitled
// attachment" otherwise. This is MailKit's compatibility form. go-mail
// v0.8.1 alone writes only the encoded word (Q encoding), which the RFC
// 2231 readers do not decode. Control characters, slashes, backslashes and
// double quotes in a name become "_".
//
// # Sending
//
// [Send] speaks SMTP through go-mail's client: a connection dialed,
// upgraded and authenticated by go-mail (DialToSMTPClientWithContext),
// then one MAIL/RCPT/DATA transaction per envelope recipient, so that a
// refused recipient does not stop the others. Each recipient receives the
// same bytes.
//
// The TLS policy: [StartTLS] (the default, port 587) requires STARTTLS and
// fails when the server does not offer it; [ImplicitTLS] (port 465) speaks
// TLS from the first byte; [Plain] (port 25) is no TLS at all and is allowed
// only with Config.AllowPlain and a loopback host, for a relay on the same
// machine. Certificates are verified against the system roots or
// Config.TLSConfig's RootCAs; an unverifiable certificate is a permanent
// failure. Authentication (the strongest mechanism go-mail's discovery
// finds the server offering) happens only over TLS, or over Plain on
// loopback.
//
// What is retried: temporary failures, that is 4xx replies, connection
// refused, reset or dropped, and timeouts, up to Config.Attempts tries per
// recipient, waiting Config.Backoff, doubling, with jitter (computed by
// cenkalti/backoff, waited by the injectable Config.Sleep); a dropped
// connection is redialed. Permanent failures (5xx replies, certificate and
// TLS policy errors, authentication refused) are not retried. The password
// never appears in an error or log line.
package email
