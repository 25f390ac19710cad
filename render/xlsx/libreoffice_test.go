package xlsx

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// TestLibreOfficeOpens converts rendered workbooks with LibreOffice headless
// (every sheet to CSV) and checks the data, the continuation sheets and the
// pivot table LibreOffice computes from our pivot definition. It runs when
// soffice is installed, and fails in CI (CI=true) when it is not: CI
// installs the Debian package libreoffice-calc-nogui.
func TestLibreOfficeOpens(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("soffice not found in CI (apt-get install libreoffice-calc-nogui): %v", err)
		}
		t.Skip("soffice not installed; install libreoffice-calc-nogui to run this test")
	}
	dir := t.TempDir()
	const rows = 12
	var acme, total int64
	for i := range rows {
		r := makeLedgerRow(i, invoiceNumbers(7))
		total += r.amount
		if r.client == "Acme Coaching" {
			acme += r.amount
		}
	}
	tests := []struct {
		name  string
		opts  Options
		files map[string][]string // CSV file suffix -> substrings it must contain
	}{
		{"report", Options{}, map[string][]string{
			"Invoices":         {"ID,Number,Client", "12,INV-000005,Birch & Co,Cy Ortiz,2026-01-12,2026-02-11,USD,971.09"},
			"Invoices Pivot":   {"Sum of Amount", "Total Result", "Acme Coaching,", cents(acme), cents(total)},
			"Revenue by month": {"2026-10,1051,50.02,-12.5,36000,,70%,12,2026-10-28 14:05:06"},
			"Notes":            {"Acme Coaching"},
		}},
		{"continued", Options{MaxRows: 5}, map[string][]string{
			"Invoices (2)":   {"ID,Number,Client", "5,INV-000005"},
			"Invoices (3)":   {"ID,Number,Client", "9,INV-000002"},
			"Invoices (4)":   {"ID,Number,Client", ",Total,,,,,,"},
			"Invoices Pivot": {"Total Result"},
			"Notes":          {"continue on"},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, tc.name)
			if err := os.MkdirAll(out, 0o755); err != nil {
				t.Fatal(err)
			}
			book := filepath.Join(out, "book.xlsx")
			if err := WriteFile(t.Context(), book, testReport(rows), tc.opts); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
			defer cancel()
			// The filter options' last field, -1, writes every sheet to
			// its own file named book-<sheet>.csv.
			cmd := exec.CommandContext(ctx, soffice, "--headless", "--norestore",
				"-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
				"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
				"--outdir", out, book)
			msg, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("soffice: %v\n%s", err, msg)
			}
			for sheet, wants := range tc.files {
				b, err := os.ReadFile(filepath.Join(out, "book-"+sheet+".csv"))
				if err != nil {
					t.Errorf("sheet %q not converted: %v\nsoffice said: %s", sheet, err, msg)
					continue
				}
				for _, w := range wants {
					if !strings.Contains(string(b), w) {
						t.Errorf("sheet %q: no %q in\n%s", sheet, w, b)
					}
				}
			}
		})
	}
}

// cents formats minor units as LibreOffice prints a general number.
func cents(n int64) string { return decimal.New(n, -2).String() }
