package csvfile

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/careport/careport/reports/model"
	"github.com/shopspring/decimal"
)

func TestHostileTextRoundTrip(t *testing.T) {
	long := strings.Repeat("ü", 40000) // past Excel's cell limit: CSV keeps it whole
	tests := []struct {
		name, in string
		guard    bool
	}{
		{"hyperlink formula", `=HYPERLINK("http://x","y")`, true},
		{"plus", "+1", true},
		{"minus", "-2", true},
		{"at", "@SUM(A1)", true},
		{"tab", "\tx", true},
		{"carriage return", "\rx", true},
		{"plain", "Acme, Inc.", false},
		{"quote inside", `say "hi"`, false},
		{"emoji", "Coach 👩🏽‍💼", false},
		{"rtl", "مرحبا שלום", false},
		{"control chars", "a\x00b\x07c", false},
		{"newline inside", "line1\nline2", false},
		{"long", long, false},
		{"formula later in text", "total =SUM(A1)", false},
		{"leading space", " =1", false},
	}
	s := model.NewSheet("Hostile", model.TextCol("Text"), model.MoneyCol("Amount", "USD"), model.IntCol("N"))
	for _, tc := range tests {
		s.AddRow(model.Text(tc.in), model.MoneyMinor(-1250, 2), model.Int(-3))
	}
	var buf bytes.Buffer
	if err := WriteSheet(t.Context(), &buf, s, Options{NoBOM: true}); err != nil {
		t.Fatal(err)
	}
	raw := buf.Bytes()
	if bytes.HasPrefix(raw, []byte("\xEF\xBB\xBF")) {
		t.Error("file starts with a BOM, want none")
	}
	if !bytes.HasPrefix(raw, []byte("Text,Amount,N\r\n")) {
		t.Errorf("header: got %q, want CRLF-terminated Text,Amount,N", raw[:20])
	}
	if !bytes.Contains(raw, []byte(`"'=HYPERLINK(""http://x"",""y"")",-12.50,-3`+"\r\n")) {
		t.Errorf("guarded formula not quoted as expected in %q", raw[:200])
	}
	recs, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(tests)+1 {
		t.Fatalf("got %d records, want %d", len(recs), len(tests)+1)
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want := tc.in
			if tc.guard {
				want = "'" + tc.in
			}
			got := recs[i+1]
			// encoding/csv turns \r\n inside quotes into \n; our inputs
			// have a bare \r only at the start, which it keeps.
			if got[0] != want {
				t.Errorf("text: got %q, want %q", short(got[0]), short(want))
			}
			if got[1] != "-12.50" || got[2] != "-3" {
				t.Errorf("numbers: got %q %q, want -12.50 -3 unguarded", got[1], got[2])
			}
		})
	}
}

func short(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

func TestValueFormats(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		col  model.Column
		v    model.Value
		want string
	}{
		{"usd cents", model.MoneyCol("a", "USD"), model.MoneyMinor(123450, 2), "1234.50"},
		{"usd small negative", model.MoneyCol("a", "USD"), model.MoneyMinor(-5, 2), "-0.05"},
		{"usd zero", model.MoneyCol("a", "USD"), model.MoneyMinor(0, 2), "0.00"},
		{"usd four digits rounds", model.MoneyCol("a", "USD"), model.MoneyMinor(12345, 4), "1.23"},
		{"usd half rounds away", model.MoneyCol("a", "USD"), model.MoneyMinor(-125, 3), "-0.13"},
		{"jpy", model.MoneyCol("a", "JPY"), model.MoneyMinor(1200, 0), "1200"},
		{"kwd from decimal", model.MoneyCol("a", "KWD"), model.MoneyDecimal(decimal.RequireFromString("1.5")), "1.500"},
		{"kwd average", model.MoneyCol("a", "KWD"), model.MoneyDecimal(decimal.RequireFromString("100")), "100.000"},
		{"jpy rounds", model.MoneyCol("a", "JPY"), model.MoneyDecimal(decimal.RequireFromString("1234.5")), "1235"},
		{"integer", model.IntCol("n"), model.Int(-42), "-42"},
		{"count", model.CountCol("n"), model.Int(1000000), "1000000"},
		{"percent", model.PercentCol("p"), model.Percent(0.125), "0.125"},
		{"percent with float noise", model.PercentCol("p"), model.Percent(1.0 / 6), "0.166667"},
		{"negative percent", model.PercentCol("p"), model.Percent(-0.7397861533), "-0.739786"},
		{"date", model.DateCol("d"), model.Date(2026, 3, 8), "2026-03-08"},
		{"datetime in zone", model.DateTimeCol("d"), model.DateTime(time.Date(2026, 3, 8, 2, 30, 0, 0, time.UTC).In(ny)), "2026-03-07 21:30:00"},
		{"number keeps every digit", model.NumberCol("x"), model.Number(decimal.RequireFromString("0.1255")), "0.1255"},
		{"negative number", model.NumberCol("x"), model.Number(decimal.RequireFromString("-72.5")), "-72.5"},
		{"whole number", model.NumberCol("x"), model.Number(decimal.RequireFromString("8")), "8"},
		{"empty", model.MoneyCol("a", "USD"), model.Value{}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := model.NewSheet("S", tc.col)
			s.AddRow(tc.v)
			var buf bytes.Buffer
			if err := WriteSheet(t.Context(), &buf, s, Options{NoBOM: true}); err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(buf.String(), "\r\n")
			if len(lines) != 3 || lines[1] != tc.want {
				t.Errorf("got %q, want %q", lines, tc.want)
			}
		})
	}
}

func TestWriteDir(t *testing.T) {
	r := &model.Report{}
	for _, name := range []string{"Invoices", "invoices", "Revenue: by/month", "CON", "Réservations", ""} {
		s := r.AddSheet(name, model.IntCol("ID"))
		s.AddRow(model.Int(1))
		s.SetTotals(model.Int(2))
	}
	dir := t.TempDir()
	paths, err := Write(t.Context(), dir, r, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Invoices.csv", "Invoices (totals).csv", "invoices-2.csv", "invoices (totals)-2.csv",
		"Revenue_ by_month.csv", "Revenue_ by_month (totals).csv", "_CON.csv", "CON (totals).csv",
		"Réservations.csv", "Réservations (totals).csv", "sheet.csv", "(totals).csv"}
	if len(paths) != len(want) {
		t.Fatalf("got %d files %q, want %d", len(paths), paths, len(want))
	}
	for i, p := range paths {
		if filepath.Base(p) != want[i] {
			t.Errorf("file %d: got %q, want %q", i, filepath.Base(p), want[i])
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		body := "\uFEFFID\r\n1\r\n" // data rows only
		if i%2 == 1 {
			body = "\uFEFFID\r\n2\r\n" // the totals file
		}
		if string(b) != body {
			t.Errorf("%s: got %q, want %q", p, b, body)
		}
	}
}

// TestTotalsAndCurrencies checks the layout every file shares: block total
// rows and the totals row only in the totals file, money digits by the
// row's currency, percent headers saying ratio, the KPI file, the prefix
// and the BOM option.
func TestTotalsAndCurrencies(t *testing.T) {
	r := &model.Report{KPIs: []model.KPI{
		{Name: "Invoiced", Group: "KWD", Type: model.ColMoney, Currency: "KWD",
			Current: model.MoneyMinor(110000, 3), Previous: model.MoneyMinor(100000, 3), Definition: "Sum, of invoices."},
		{Name: "Collected share", Type: model.ColPercent, Current: model.Percent(0.5), Previous: model.Percent(0.4)},
	}}
	s := r.AddSheet("AR", model.TextCol("Currency"), model.MoneyCol("Amount", ""), model.PercentCol("Share"))
	s.Formatting().CurrencyColumn = "Currency"
	s.AddRow(model.Text("KWD"), model.MoneyDecimal(decimal.RequireFromString("100")), model.Percent(0.25))
	s.AddTotalRow(model.Text("KWD"), model.MoneyDecimal(decimal.RequireFromString("100")), model.Percent(1))
	s.AddRow(model.Text("JPY"), model.MoneyMinor(1200, 0), model.Percent(0.5))
	s.AddTotalRow(model.Text("JPY"), model.MoneyMinor(1200, 0), model.Percent(1))
	dir := t.TempDir()
	paths, err := Write(t.Context(), dir, r, Options{NoBOM: true, Prefix: "revenue-2026-10-EUR "})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"revenue-2026-10-EUR KPIs.csv": "Group,KPI,Type,Currency,This period,Previous period,Change (ratio),A year earlier,Year change (ratio),Definition\r\n" +
			"KWD,Invoiced,money,KWD,110.000,100.000,0.1,,,\"Sum, of invoices.\"\r\n" +
			",Collected share,percent,,0.5,0.4,0.1,,,\r\n",
		"revenue-2026-10-EUR AR.csv":          "Currency,Amount,Share (ratio)\r\nKWD,100.000,0.25\r\nJPY,1200,0.5\r\n",
		"revenue-2026-10-EUR AR (totals).csv": "Currency,Amount,Share (ratio)\r\nKWD,100.000,1\r\nJPY,1200,1\r\n",
	}
	if len(paths) != len(want) {
		t.Fatalf("got files %q, want %d", paths, len(want))
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		w, ok := want[filepath.Base(p)]
		if !ok {
			t.Errorf("unexpected file %q", filepath.Base(p))
			continue
		}
		if string(b) != w {
			t.Errorf("%s:\ngot  %q\nwant %q", filepath.Base(p), b, w)
		}
	}
}

func TestWriteDirFailureLeavesNothing(t *testing.T) {
	boom := errors.New("boom")
	tests := []struct {
		name   string
		cancel bool
		want   error
	}{
		{"second sheet fails", false, boom},
		{"context canceled", true, context.Canceled},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			r := &model.Report{}
			ok := r.AddSheet("First", model.IntCol("ID"))
			ok.AddRow(model.Int(1))
			bad := r.AddSheet("Second", model.IntCol("ID"))
			bad.Source = model.RowFunc{N: 5000, Fill: func(i int, dst model.Row) error {
				if i == 2000 {
					if !tc.cancel {
						return boom
					}
					cancel()
				}
				dst[0] = model.Int(int64(i))
				return nil
			}}
			dir := t.TempDir()
			paths, err := Write(ctx, dir, r, Options{})
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
			if paths != nil {
				t.Errorf("got paths %v, want nil", paths)
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 0 {
				t.Errorf("got %d files left (%s), want none", len(entries), entries[0].Name())
			}
		})
	}
}
