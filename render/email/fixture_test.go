package email

import (
	"bytes"
	"flag"
	"net/mail"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/careport/careport/reports/model"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// fixedDate is the Date of the test messages.
var fixedDate = time.Date(2026, 11, 1, 7, 0, 0, 0, time.FixedZone("EST", -5*3600))

// testReport is a small report with money KPIs in two currencies, a count,
// a percentage and an unknown value, and a warning.
func testReport(t testing.TB) *model.Report {
	t.Helper()
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	p := model.Month(time.Date(2026, 10, 15, 12, 0, 0, 0, loc), loc)
	return &model.Report{
		Name: "revenue", Title: "Revenue", Account: "Chen & <Partners> Coaching",
		Period: p, Previous: p.Prev(), YearEarlier: p.Shift(-12),
		Filters:  []model.KeyValue{{Key: "Coach", Value: "Andrés Chen (7)"}},
		Warnings: []string{"The period 2026-10 had not ended at the data time."},
		Timezone: "America/New_York",
		DataTime: time.Date(2026, 10, 31, 23, 0, 0, 0, loc),
		KPIs: []model.KPI{
			{Name: "Invoiced", Group: "USD", Type: model.ColMoney, Currency: "USD",
				Current: model.MoneyMinor(1234550, 2), Previous: model.MoneyMinor(1000000, 2), Better: model.BetterUp},
			{Name: "Outstanding", Group: "USD", Type: model.ColMoney, Currency: "USD",
				Current: model.MoneyMinor(50000, 2), Previous: model.MoneyMinor(40000, 2), Better: model.BetterDown},
			{Name: "Invoiced", Group: "EUR", Type: model.ColMoney, Currency: "EUR",
				Current: model.MoneyMinor(99900, 2), Previous: model.Value{}, Better: model.BetterUp},
			{Name: "Sessions", Type: model.ColCount, Current: model.Int(42), Previous: model.Int(40), Better: model.BetterUp},
			{Name: "Collected share", Type: model.ColPercent, Current: model.Percent(0.8), Previous: model.Percent(0.85), Better: model.BetterUp},
		},
	}
}

// writeFiles writes files name -> content into a new temporary directory
// and returns their paths in the order given.
func writeFiles(t testing.TB, files ...[2]string) []string {
	t.Helper()
	dir := t.TempDir()
	var out []string
	for i, f := range files {
		p := filepath.Join(dir, string(rune('a'+i))+"-"+filepath.Base(f[0]))
		if err := os.WriteFile(p, []byte(f[1]), 0o644); err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

// testMessage is a message with both bodies and three attachments, one
// named with non-ASCII letters and one with a long CJK and emoji name.
func testMessage(t testing.TB) *Message {
	t.Helper()
	paths := writeFiles(t,
		[2]string{"revenue.xlsx", "PK\x03\x04 not really a workbook \x00\xff"},
		[2]string{"scorecard.csv", "Coach,Sessions\r\nAndrés Chen,42\r\n"},
		[2]string{"long.html", "<!DOCTYPE html><p>月次レポート</p>\n"},
	)
	text, html, err := Body(BodyData{
		Intro:       "Hello Ann,\n\nhere is October's report.",
		Reports:     []*model.Report{testReport(t)},
		Attachments: []string{"revenue-2026-10.xlsx", "scorecard 2026-10 Andrés Chen.csv", longName},
		Footer:      "Sent by careport, job monthly-owner, data as of 2026-10-31 23:00 EDT",
	})
	if err != nil {
		t.Fatal(err)
	}
	return &Message{
		From:      mail.Address{Name: "careport", Address: "reports@example.com"},
		To:        []mail.Address{{Name: "Ann Lee", Address: "ann@example.com"}, {Name: "Zoë Brontë", Address: "zoe@example.com"}},
		Cc:        []mail.Address{{Address: "cc@example.com"}},
		Bcc:       []mail.Address{{Name: "Hidden", Address: "secret@example.com"}, {Address: "ANN@example.com"}},
		Subject:   "Revenue October 2026 – Chen & Partners Coaching (Andrés)",
		Date:      fixedDate,
		MessageID: "careport.3f2a9c@example.com",
		Text:      text, HTML: html,
		Attachments: []Attachment{
			{Path: paths[0], Name: "revenue-2026-10.xlsx"},
			{Path: paths[1], Name: "scorecard 2026-10 Andrés Chen.csv"},
			{Path: paths[2], Name: longName},
		},
	}
}

// longName is an attachment name long enough for RFC 2231 continuations.
const longName = "月次レポート 2026年10月 コーチ別 セッションと請求の詳細 📊 Andrés Chen & 李小龍 最終版.html"

// boundaryRE matches go-mail's random MIME boundaries.
var boundaryRE = regexp.MustCompile(`[0-9a-f]{60}`)

// normalise replaces the MIME boundaries of a written message with
// numbered placeholders in order of appearance.
func normalise(b []byte) []byte {
	seen := map[string][]byte{}
	return boundaryRE.ReplaceAllFunc(b, func(m []byte) []byte {
		if r, ok := seen[string(m)]; ok {
			return r
		}
		r := []byte("BOUNDARY-" + string(rune('A'+len(seen))))
		r = append(r, bytes.Repeat([]byte("x"), 60-len(r))...)
		seen[string(m)] = r
		return r
	})
}
