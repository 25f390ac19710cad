package xlsx

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"
)

// pdfKeepEnv names a folder to copy the exported PDF to, for a look.
const pdfKeepEnv = "CAREPORT_PDF_KEEP"

// TestPDFPageCount prints the realistic pack report (packReport, 60
// ledger rows, a month of a small practice) through LibreOffice (soffice --convert-to pdf) and counts
// the pages with pdfinfo (poppler-utils): landscape, one page wide, the
// front page on one page, so the whole pack prints on a handful of pages.
// It runs when soffice and pdfinfo are installed, and fails in CI when
// they are not (.ci/run installs libreoffice-calc-nogui, poppler-utils and
// fonts-crosextra-carlito).
func TestPDFPageCount(t *testing.T) {
	soffice, err1 := exec.LookPath("soffice")
	pdfinfo, err2 := exec.LookPath("pdfinfo")
	if err1 != nil || err2 != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("soffice (%v) or pdfinfo (%v) missing in CI", err1, err2)
		}
		t.Skip("soffice or pdfinfo not installed (libreoffice-calc-nogui, poppler-utils)")
	}
	dir := t.TempDir()
	book := filepath.Join(dir, "pack.xlsx")
	if err := WriteFile(t.Context(), book, packReport(60), Options{}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, "--headless", "--norestore",
		"-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "pdf", "--outdir", dir, book)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, msg)
	}
	pdf := filepath.Join(dir, "pack.pdf")
	out, err := exec.CommandContext(ctx, pdfinfo, pdf).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo: %v\n%s", err, out)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("pdfinfo said no page count:\n%s", out)
	}
	pages, _ := strconv.Atoi(string(m[1]))
	size := regexp.MustCompile(`(?m)^Page size:\s+([\d.]+) x ([\d.]+)`).FindSubmatch(out)
	if size == nil {
		t.Fatalf("pdfinfo said no page size:\n%s", out)
	}
	w, _ := strconv.ParseFloat(string(size[1]), 64)
	h, _ := strconv.ParseFloat(string(size[2]), 64)
	t.Logf("pack report: %d pages, %gx%g pt", pages, w, h)
	if w <= h {
		t.Errorf("page %gx%g pt: want landscape", w, h)
	}
	// Summary 1, Trend 1, AR aging 1, By coach 1, Invoices (61 rows at
	// about 34 a page) 2, Payments 1, pivot 1, Notes 1: 9.
	if pages > 9 {
		t.Errorf("got %d pages, want at most 9", pages)
	}
	if keep := os.Getenv(pdfKeepEnv); keep != "" {
		b, err := os.ReadFile(pdf)
		if err == nil {
			err = os.WriteFile(filepath.Join(keep, "pack.pdf"), b, 0o644)
		}
		if err != nil {
			t.Error(err)
		}
	}
}
