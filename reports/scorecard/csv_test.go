package scorecard_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/careport/careport/fetch/sandbox"
	"github.com/careport/careport/fetch/sandbox/sandboxtest"
	"github.com/careport/careport/reports/model"
)

// startWrapped is sandboxtest.Start with the sandbox's handler wrapped.
func startWrapped(t testing.TB, opts sandbox.Options, wrap func(http.Handler) http.Handler) (*sandbox.Server, string) {
	t.Helper()
	opts.APIID, opts.APIKey = sandboxtest.APIID, sandboxtest.APIKey
	s, err := sandbox.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(wrap(s.Handler()))
	t.Cleanup(func() {
		ts.Close()
		if err := s.Close(); err != nil {
			t.Errorf("close sandbox: %v", err)
		}
	})
	return s, ts.URL + "/API/"
}

// rewriteActivityCSV wraps a sandbox so that every activity-stats answer
// comes in another layout the API reference allows (section 6.4): columns
// in reverse order under other accepted header names ("Client ID",
// "client"), extra columns (a coach name, a text column, an "Average"),
// rows in reverse order, CRLF line endings and a byte-order mark; every
// other answer's return is the CSV as a bare string rather than
// {"data": ...}. n counts the rewritten answers.
func rewriteActivityCSV(t testing.TB, n *atomic.Int64) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			body, err := io.ReadAll(r.Body)
			if err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
			form, _ := url.ParseQuery(string(body))
			if form.Get("a") != "ClientData.getActivityStats" {
				next.ServeHTTP(w, r)
				return
			}
			rec := httptest.NewRecorder()
			next.ServeHTTP(rec, r)
			var env map[string]json.RawMessage
			if err := json.Unmarshal(rec.Body.Bytes(), &env); err != nil {
				t.Errorf("activity stats answer: %v", err)
				return
			}
			var ret struct {
				Data string `json:"data"`
			}
			if err := json.Unmarshal(env["return"], &ret); err == nil && ret.Data != "" {
				text, err := relayout(ret.Data)
				if err != nil {
					t.Errorf("relayout: %v", err)
					return
				}
				k := n.Add(1)
				if k%2 == 0 {
					env["return"], _ = json.Marshal(text)
				} else {
					env["return"], _ = json.Marshal(map[string]string{"data": text})
				}
			}
			out, _ := json.Marshal(env)
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write(out)
		})
	}
}

// relayout rewrites one activity-stats CSV as rewriteActivityCSV says.
func relayout(text string) (string, error) {
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil || len(recs) == 0 {
		return text, err
	}
	head := recs[0]
	rename := map[string]string{"ClientID": "Client ID", "Client Name": "client", "Total": "TOTAL"}
	var out [][]string
	for i, rec := range recs {
		row := slices.Clone(rec)
		slices.Reverse(row)
		if i == 0 {
			for j, h := range row {
				if n, ok := rename[h]; ok {
					row[j] = " " + n + " "
				}
			}
			row = append([]string{"Coach Name", "Remarks, free text"}, row...)
			row = append(row, "Average", "Report generated")
		} else {
			row = append([]string{"Somebody Else", fmt.Sprintf("row %d \"quoted\"\nover two lines", i)}, row...)
			row = append(row, "1.5", "2026-11-01 08:00")
		}
		out = append(out, row)
	}
	_ = head
	body := out[1:]
	slices.Reverse(body)
	var b strings.Builder
	b.WriteString("\ufeff")
	cw := csv.NewWriter(&b)
	cw.UseCRLF = true
	if err := cw.WriteAll(append([][]string{out[0]}, body...)); err != nil {
		return "", err
	}
	return b.String(), nil
}

// dumpReport writes a report's KPIs, warnings and every sheet's cells as
// text, for comparing two runs.
func dumpReport(t testing.TB, r *model.Report) string {
	t.Helper()
	var b strings.Builder
	for _, k := range r.KPIs {
		fmt.Fprintf(&b, "kpi %s/%s: %s | %s | %s\n", k.Group, k.Name, cellText(k.Current), cellText(k.Previous), cellText(k.YearEarlier))
	}
	for _, w := range r.Warnings {
		fmt.Fprintf(&b, "warning: %s\n", w)
	}
	for _, s := range r.Sheets {
		fmt.Fprintf(&b, "sheet %s\n", s.Name)
		err := s.EachRow(t.Context(), func(i int, row model.Row) error {
			var cells []string
			for _, v := range row {
				cells = append(cells, cellText(v))
			}
			fmt.Fprintf(&b, "%d: %s\n", i, strings.Join(cells, " | "))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "note %s: %s %v\n", n.Heading, strings.Join(n.Paragraphs, " "), n.Items)
	}
	return b.String()
}

func cellText(v model.Value) string {
	switch v.Kind() {
	case model.KindText:
		return v.Str()
	case model.KindInt:
		return fmt.Sprint(v.Int())
	case model.KindMoney, model.KindNumber:
		return v.Decimal().String()
	case model.KindPercent:
		return fmt.Sprintf("%.12f%%", v.Float()*100)
	case model.KindTime:
		return v.Time().Format("2006-01-02 15:04")
	}
	return ""
}

// TestActivityCSVLayouts runs the scorecard once on the sandbox's own CSV
// layout and once on every activity-stats answer rewritten (reordered and
// renamed columns, extra columns, reversed rows, CRLF, BOM, bare-string
// returns) and wants the same workbook, so the report reads columns by
// header name only.
func TestActivityCSVLayouts(t *testing.T) {
	plain := dumpReport(t, run(t, testAccount(t), &runOpts{period: "2026-09"}))
	var n atomic.Int64
	again := dumpReport(t, run(t, testAccount(t), &runOpts{period: "2026-09", wrap: rewriteActivityCSV(t, &n)}))
	if n.Load() == 0 {
		t.Fatal("no activity-stats answer was rewritten")
	}
	if plain != again {
		pl, ag := strings.Split(plain, "\n"), strings.Split(again, "\n")
		for i := range min(len(pl), len(ag)) {
			if pl[i] != ag[i] {
				t.Fatalf("the rewritten CSVs (%d answers) give another report; first difference at line %d:\nplain:     %s\nrewritten: %s", n.Load(), i+1, pl[i], ag[i])
			}
		}
		t.Fatalf("the rewritten CSVs give a report of %d lines, want %d", len(ag), len(pl))
	}
	if !strings.Contains(plain, handover) {
		t.Error("the report does not list the hand-over client")
	}
}

// injectProblems wraps a sandbox so that the activity stats of one month
// and letter (2026-09, J) carry a row for a client the account does not
// have, and the first row's Total disagrees with its buckets.
func injectProblems(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		form, _ := url.ParseQuery(string(body))
		if form.Get("a") != "ClientData.getActivityStats" || form.Get("itemTypes") != "J" || form.Get("dateFrom") != "2026-09-01" {
			next.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		next.ServeHTTP(rec, r)
		var env map[string]json.RawMessage
		var ret struct {
			Data string `json:"data"`
		}
		if json.Unmarshal(rec.Body.Bytes(), &env) != nil || json.Unmarshal(env["return"], &ret) != nil {
			http.Error(w, "bad answer", http.StatusInternalServerError)
			return
		}
		recs, err := csv.NewReader(strings.NewReader(ret.Data)).ReadAll()
		if err != nil || len(recs) < 2 {
			http.Error(w, "bad CSV", http.StatusInternalServerError)
			return
		}
		// ClientID, Client Name, 2026-09, Total
		recs[1][3] = "999"
		recs = append(recs, []string{"999999", "Nobody Known", "2", "2"})
		var b strings.Builder
		cw := csv.NewWriter(&b)
		_ = cw.WriteAll(recs)
		env["return"], _ = json.Marshal(map[string]string{"data": b.String()})
		out, _ := json.Marshal(env)
		_, _ = w.Write(out)
	})
}

// TestDataProblems checks that activity stats the report cannot trust are
// said, on the front page and the Notes, and never added in: a row for an
// unknown client is left out, and a Total that disagrees with the buckets
// gives way to the buckets, so every figure stays the records' own.
func TestDataProblems(t *testing.T) {
	plain := run(t, testAccount(t), &runOpts{period: "2026-09"})
	bad := run(t, testAccount(t), &runOpts{period: "2026-09", wrap: injectProblems})
	if !slices.ContainsFunc(bad.Warnings, func(w string) bool { return strings.Contains(w, "2 problems; see Data problems") }) {
		t.Errorf("warnings %q lack the data problems", bad.Warnings)
	}
	probs := notesText(bad, "Data problems")
	for _, want := range []string{"activity stats of 2026-09, kind J: a row for client ID 999999, who is not in the client list, was left out",
		"Total is 999 but its buckets add up to"} {
		if !strings.Contains(probs, want) {
			t.Errorf("Data problems lack %q:\n%s", want, probs)
		}
	}
	for _, s := range plain.Sheets {
		var other *model.Sheet
		for _, o := range bad.Sheets {
			if o.Name == s.Name {
				other = o
			}
		}
		if other == nil || dumpSheet(t, s) != dumpSheet(t, other) {
			t.Errorf("sheet %q differs with the bad activity stats", s.Name)
		}
	}
	if notesText(plain, "Data problems") != "" || len(plain.Warnings) != 1 {
		t.Errorf("the plain run has data problems or extra warnings: %q", plain.Warnings)
	}
}
