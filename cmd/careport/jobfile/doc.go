// Package jobfile reads the jobs file of `careport run jobs.yaml`: which
// reports to build for which period, and whom to mail them to.
//
// A jobs file is one YAML document holding a mapping. It is read strictly:
// an unknown key, a key given twice, a second document ("---"), a value of
// the wrong type and a missing required key are all errors, each reported
// with the file name, line and column; every problem in the file is
// reported (up to 20), not only the first. Keys are lower-case and
// kebab-case. A key given with no value ("cc:") is an error: remove it
// instead. YAML anchors and aliases (&ops, *ops) may be used to repeat a
// value; merge keys (<<) and tags (!!str) may not.
//
// # Example
//
//	smtp:
//	  host: smtp.acme.example
//	  port: 587                     # default: 587 for starttls, 465 for tls, 25 for none
//	  username: reports@acme.example
//	  password-env: ACME_SMTP_PASSWORD  # default CAREPORT_SMTP_PASSWORD
//	  security: starttls            # starttls (default), tls or none
//	  timeout: 30s
//	  attempts: 3
//	  backoff: 10s
//	from: Acme Reports <reports@acme.example>
//	admin: ops@acme.example
//	out: reports                    # default "out", beside this file
//	jobs:
//	  - name: monthly-owner
//	    period: last-month
//	    reports:
//	      - revenue
//	      - engagements: {stalled-days: 30, include-inactive: true}
//	    formats: [xlsx, pdf]
//	    to: Olivia Owner <owner@acme.example>
//	    cc: [finance@acme.example, "Ops Team <ops@acme.example>"]
//	    subject: "{{.Account}}: {{.Reports}} for {{.Period}}"
//	    body: |
//	      Good morning,
//
//	      here are last month's figures.
//	    attachment-name: "acme-{{.File}}-{{.PeriodLabel}}"
//	    max-size: 10MB
//	    zip-if-too-large: true
//	  - name: weekly-coaches
//	    period: last-week
//	    per-coach: true
//	    coaches: [Dana Lee, 1234]
//	    manager: head.coach@acme.example
//	    reports:
//	      - metrics: {field: [Weight, "Sales calls"], bucket: week}
//	    skip-if-empty: true
//
// # Top-level keys
//
//	smtp    the mail server (below); optional in the file, the caller
//	        refuses to send without it
//	from    required; the sender, "Name <address>" or a bare address
//	admin   addresses that get a failure notice when a job fails, for
//	        every job that does not give its own admin
//	out     folder for the reports, the .eml files and the ledger; a
//	        relative path is taken from the jobs file's folder; default "out"
//	jobs    required; a list of at least one job
//
// # smtp
//
//	host          required
//	port          1 to 65535; default by security: 587, 465 or 25
//	username      optional; no username means no authentication
//	password-env  the NAME of the environment variable that holds the
//	              password; default CAREPORT_SMTP_PASSWORD. A key password
//	              is an error: the password never goes in the file
//	security      starttls (default), tls (implicit TLS, usually port 465)
//	              or none
//	allow-plain   true or false; security none requires allow-plain: true,
//	              since the reports (and the password) then cross the
//	              network unencrypted
//	timeout       a Go duration ("30s", "2m"); default: the sender's
//	attempts      a whole number of at least 1; default: the sender's
//	backoff       a duration, the first wait between attempts; default:
//	              the sender's
//
// # Jobs
//
//	name             required, unique; lower-case letters, digits and
//	                 hyphens (it is used in folder names and Message-IDs)
//	period           required; any form of `careport revenue --period`
//	                 (2026-10, 2026-Q3, 2026-W43, 2026, 2026-10-15,
//	                 last-month, this-month, last-week, last-quarter, ytd,
//	                 ...) or a range of two of them joined by ".."
//	                 ("2026-07..2026-09", "2026-Q1..last-month")
//	reports          required; a list of at least one report, each a name
//	                 ("- revenue") or a name with its options, which are the
//	                 report's own flags without the dashes
//	                 ("- engagements: {stalled-days: 30}"); an option's
//	                 value is a scalar or a list of scalars, and a list
//	                 gives the flag once per item
//	formats          a list of format names, or one name; default [xlsx]
//	to, cc, bcc      addresses: a list, or one string that may hold several
//	                 separated by commas; a plain job needs at least one
//	subject          a text/template; default
//	                 "{{.Account}}: {{.Reports}} for {{.Period}}"; its
//	                 result must be one line
//	body             a text/template for the intro paragraphs; default none
//	attachment-name  a text/template for each attachment's file name
//	                 without its extension; default "{{.File}}"; the result
//	                 may not be empty or hold / or \ or control characters
//	skip-if-empty    true: send nothing when the reports have no rows
//	per-coach        true: send each coach the report of their own clients,
//	                 at the address the account has for them. A per-coach
//	                 job may not have to, cc, bcc or coach: use manager
//	coaches          per-coach only: limit to these coaches (ID, email or
//	                 full name); default every active coach
//	manager          per-coach only: addresses that also get the whole
//	                 team's report
//	coach            plain jobs only: filter the reports to one coach (ID,
//	                 email or full name)
//	admin            failure-notice addresses for this job; default the
//	                 top-level admin
//	max-size         the largest message to send: bytes (1048576) or a
//	                 whole number with B, KB, MB or GB (binary: 1 KB is
//	                 1024 bytes), as in "10MB" or "500 KB"; default 10MB
//	zip-if-too-large true: over max-size, send the attachments as one zip
//	account-name     the account's name in subjects and bodies; default
//	                 the name the account has
//
// # Templates
//
// Subject, body and attachment-name are Go text/template texts executed
// with a [TemplateData]: {{.Account}}, {{.Report}}, {{.Reports}},
// {{.Period}}, {{.PeriodLabel}}, {{.Job}}, {{.Coach}} and {{.File}}. They
// are parsed and tried with sample data when the file is read, so a syntax
// error or a misspelt field is reported with its position then, not when
// the mail is due.
package jobfile
