package xlsx

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/careport/careport/render/xlsx/xlsxdump"
	"github.com/careport/careport/reports/model"
)

// pdfKeepEnv names a folder to copy the exported PDF to, for a look.
const pdfKeepEnv = "CAREPORT_PDF_KEEP"

// printPDF renders r, prints it to PDF with LibreOffice and returns the
// PDF's path, page count and first page size in points. It skips the test
// when soffice or pdfinfo is missing, and fails it in CI.
func printPDF(t *testing.T, r *model.Report) (string, int, float64, float64) {
	t.Helper()
	book := filepath.Join(t.TempDir(), "book.xlsx")
	if err := WriteFile(t.Context(), book, r, Options{}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	p, err := xlsxdump.PrintPDF(ctx, book)
	if errors.Is(err, xlsxdump.ErrNoPDFTools) && os.Getenv("CI") != "true" {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	return p.PDF, p.Pages, p.Width, p.Height
}

// TestPDFPageCount prints the realistic pack report (packReport, 60
// ledger rows, a month of a small practice) through LibreOffice (soffice
// --convert-to pdf) and counts the pages with pdfinfo (poppler-utils):
// landscape, one page wide, the front page on one page, so the whole pack
// prints on a handful of pages. It runs when soffice and pdfinfo are
// installed, and fails in CI when they are not (.ci/run installs
// libreoffice-calc-nogui, poppler-utils and fonts-crosextra-carlito).
// CAREPORT_PDF_KEEP=dir keeps the PDF.
func TestPDFPageCount(t *testing.T) {
	pdf, pages, w, h := printPDF(t, packReport(60))
	t.Logf("pack report: %d pages, %gx%g pt", pages, w, h)
	if w <= h {
		t.Errorf("page %gx%g pt: want landscape", w, h)
	}
	// Summary 2 (KPIs, then the charts on their own page), Trend 1, AR
	// aging 1, By coach 1, Invoices (61 rows at about 34 a page) 2,
	// Payments 1, pivot 1, Notes 1: 10.
	if pages > 10 {
		t.Errorf("got %d pages, want at most 10", pages)
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

// TestPDFStreamedSheetFitsWidth prints a streamed sheet wider than a page
// (30 columns of 7 characters): at 100% it would print 2 pages wide and 2
// tall; fit to one page wide, as set before its StreamWriter opened, it
// prints on one. (A sheet wider still prints across pages: see
// TestWideSheetPrintsReadably.)
func TestPDFStreamedSheetFitsWidth(t *testing.T) {
	r := &model.Report{Title: "Wide"}
	var cols []model.Column
	for i := range 30 {
		cols = append(cols, model.Column{Name: fmt.Sprintf("C%d", i+1), Type: model.ColText, Width: 7})
	}
	s := r.AddSheet("Wide", cols...)
	s.Source = model.RowFunc{N: 40, Fill: func(i int, dst model.Row) error {
		for c := range dst {
			dst[c] = model.Text(fmt.Sprintf("row %d col %d", i+1, c+1))
		}
		return nil
	}}
	_, pages, _, _ := printPDF(t, r)
	// The wide sheet, then the notes sheet.
	if pages != 2 {
		t.Errorf("got %d pages, want 2 (the wide sheet on one page, the notes on another)", pages)
	}
}
