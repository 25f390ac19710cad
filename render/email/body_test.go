package email

import (
	"strings"
	"testing"

	"github.com/careport/careport/reports/model"
)

func TestBody(t *testing.T) {
	r := testReport(t)
	r.Title = `Revenue <script>alert(1)</script>`
	text, html, err := Body(BodyData{
		Intro:       "Hello <b>Ann</b>,\n\nhere it is.",
		Reports:     []*model.Report{r},
		Attachments: []string{"revenue-2026-10.xlsx", "a <b>.csv"},
		Footer:      "Sent by careport, job monthly-owner",
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Hello <b>Ann</b>,\n\nhere it is.",
		"Revenue <script>alert(1)</script>",
		"Period: October 2026 (2026-10-01 to 2026-10-31)",
		"Filters: Coach: Andrés Chen (7)",
		"Data as of: 2026-10-31 23:00 EDT",
		"Warning: The period 2026-10 had not ended at the data time.",
		"USD\n                This period      Previous  Change\n  Invoiced     US$12,345.50  US$10,000.00  +23.5%\n  Outstanding     US$500.00     US$400.00  +25.0%\n",
		"EUR\n            This period  Previous  Change\n  Invoiced      €999.00       n/a     n/a\n",
		"  Collected share        80.0%     85.0%  -5.0 pts\n",
		"  - a <b>.csv\n",
		"-- \nSent by careport, job monthly-owner\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text body lacks %q:\n%s", want, text)
		}
	}
	for _, want := range []string{
		"<p style=\"margin:0 0 12px 0;\">Hello &lt;b&gt;Ann&lt;/b&gt;,</p>",
		"Revenue &lt;script&gt;alert(1)&lt;/script&gt;",
		"Chen &amp; &lt;Partners&gt; Coaching",
		"<strong>Warning:</strong> The period 2026-10 had not ended at the data time.",
		`color:#1a7f37;">&#43;23.5%</td>`, // Invoiced up: good
		`color:#cf222e;">&#43;25.0%</td>`, // Outstanding up: bad
		`color:#cf222e;">-5.0 pts</td>`,   // share down: bad
		`color:#57606a;">n/a</td>`,        // no previous value
		`white-space:nowrap;">n/a</td>`,   // previous EUR unknown, not 0
		"<li>a &lt;b&gt;.csv</li>",
		">Sent by careport, job monthly-owner</p>",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("html body lacks %q", want)
		}
	}
	for _, bad := range []string{"<script", "<style", "<img", "src=", "http://", "https://", "<b>"} {
		if strings.Contains(html, bad) {
			t.Errorf("html body holds %q", bad)
		}
	}
	if i, j := strings.Index(html, ">USD<"), strings.Index(html, ">EUR<"); i < 0 || j < i {
		t.Errorf("KPI groups not in order USD, EUR")
	}
}

func TestNoticeBody(t *testing.T) {
	text, html, err := NoticeBody("monthly-owner", "2026-10", []string{"fetch invoices: 403 <forbidden>"}, "Sent by careport")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"job monthly-owner for 2026-10", "  - fetch invoices: 403 <forbidden>\n", "No report is attached", "-- \nSent by careport\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("notice text lacks %q:\n%s", want, text)
		}
	}
	for _, want := range []string{"<strong>monthly-owner</strong> for 2026-10", "<li>fetch invoices: 403 &lt;forbidden&gt;</li>"} {
		if !strings.Contains(html, want) {
			t.Errorf("notice html lacks %q:\n%s", want, html)
		}
	}
}
