package main

import (
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/careport/careport/render/xlsx/xlsxdump"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// packBase is the file base of the demo's revenue report: the sample
// account's last full month.
const packBase = "revenue-2026-10"

// pdfKeepEnv names a folder to copy the revenue pack's PDF to, for a look
// or for the sample PNG (see samples/README.md).
const pdfKeepEnv = "CAREPORT_PDF_KEEP"

// demoPack runs `careport demo` (the sample account served by the
// in-process sandbox over real HTTP, its last full month) into a temporary
// folder and returns the folder.
func demoPack(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "out")
	code, out, errOut := runCLIAt(t, time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC), nil, "demo", "--out", dir)
	if code != exitOK {
		t.Fatalf("demo: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	return dir
}

// golden compares got with testdata/name, rewriting the file with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/careport -run %s -update)", err, t.Name())
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := range max(len(gl), len(wl)) {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs from the golden file at line %d:\n got %q\nwant %q\n(review, then go test ./cmd/careport -run %s -update)",
					name, i+1, g, w, t.Name())
			}
		}
	}
}

// TestRevenuePackGolden dumps the demo's revenue workbook (layout, cell
// types and values, number formats, print setup, fonts, conditional
// formats, tables, charts) and its KPIs.csv, and compares them with the
// golden files in testdata/, rewritten only by
// `go test ./cmd/careport -run TestRevenuePackGolden -update`.
func TestRevenuePackGolden(t *testing.T) {
	dir := demoPack(t)
	dump, err := xlsxdump.Dump(filepath.Join(dir, packBase+".xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	golden(t, packBase+".xlsx.txt", dump)
	kpis, err := os.ReadFile(filepath.Join(dir, packBase, packBase+" KPIs.csv"))
	if err != nil {
		t.Fatal(err)
	}
	golden(t, packBase+" KPIs.csv", string(kpis))
	if _, err := os.Stat(filepath.Join(dir, packBase, packBase+" Summary.csv")); err == nil {
		t.Errorf("the revenue report still writes a Summary.csv beside KPIs.csv")
	}
}

// packMaxPages is the most pages the demo's revenue workbook may print on
// (US Letter or A4, landscape, one page wide): the front page 2 (the title
// block and KPIs, then the charts on a page of their own), Trend 1,
// Monthly 1, By coach 1, By client 2 (59 rows), Line items 1, Payments 1,
// AR aging 2 (57 rows), Invoices EUR 1, GBP 1 and USD 2 (53 rows), Notes 3:
// 18, one page per sheet but for the long ones. The pivots are left out
// (one month).
const packMaxPages = 18

// TestRevenuePackPDF prints the demo's revenue workbook to PDF with
// LibreOffice (soffice --headless --convert-to pdf) and counts its pages
// with pdfinfo: the sample month prints landscape on a handful of pages
// (41 portrait ones before issue 8). It runs when soffice and pdfinfo are
// installed and fails in CI when they are not (libreoffice-calc-nogui,
// poppler-utils, fonts-crosextra-carlito). CAREPORT_PDF_KEEP=dir keeps the
// PDF as dir/revenue-2026-10.pdf.
func TestRevenuePackPDF(t *testing.T) {
	dir := demoPack(t)
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	printed, err := xlsxdump.PrintPDF(ctx, filepath.Join(dir, packBase+".xlsx"))
	if errors.Is(err, xlsxdump.ErrNoPDFTools) && os.Getenv("CI") != "true" {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	pdf, pages, w, h := printed.PDF, printed.Pages, printed.Width, printed.Height
	t.Logf("%s.xlsx prints on %d pages of %gx%g pt", packBase, pages, w, h)
	if w <= h {
		t.Errorf("page %gx%g pt: want landscape", w, h)
	}
	if pages > packMaxPages {
		t.Errorf("got %d pages, want at most %d", pages, packMaxPages)
	}
	if keep := os.Getenv(pdfKeepEnv); keep != "" {
		b, err := os.ReadFile(pdf)
		if err == nil {
			err = os.WriteFile(filepath.Join(keep, packBase+".pdf"), b, 0o644)
		}
		if err != nil {
			t.Error(err)
		}
	}
}
