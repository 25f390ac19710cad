package xlsxdump

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// ErrNoPDFTools is returned (wrapped) by PrintPDF when soffice
// (libreoffice-calc-nogui) or pdfinfo (poppler-utils) is not installed.
var ErrNoPDFTools = errors.New("soffice or pdfinfo not installed (libreoffice-calc-nogui, poppler-utils)")

// Printed is what a workbook printed to PDF came to.
type Printed struct {
	PDF           string  // the PDF's path, beside the workbook
	Pages         int     // its page count
	Width, Height float64 // its first page's size in points
}

// PrintPDF prints the workbook at book to PDF with LibreOffice (a fresh
// profile in a temporary folder, so runs do not share state) and reads the
// page count and size back with pdfinfo. It is how tests check that a
// workbook prints on the pages it should.
func PrintPDF(ctx context.Context, book string) (Printed, error) {
	soffice, err1 := exec.LookPath("soffice")
	pdfinfo, err2 := exec.LookPath("pdfinfo")
	if err1 != nil || err2 != nil {
		return Printed{}, fmt.Errorf("%w: %v; %v", ErrNoPDFTools, err1, err2)
	}
	profile, err := os.MkdirTemp("", "xlsxdump-soffice-")
	if err != nil {
		return Printed{}, err
	}
	defer os.RemoveAll(profile)
	dir := filepath.Dir(book)
	cmd := exec.CommandContext(ctx, soffice, "--headless", "--norestore",
		"-env:UserInstallation=file://"+profile, "--convert-to", "pdf", "--outdir", dir, book)
	if msg, err := cmd.CombinedOutput(); err != nil {
		return Printed{}, fmt.Errorf("soffice: %v\n%s", err, msg)
	}
	p := Printed{PDF: filepath.Join(dir, strings.TrimSuffix(filepath.Base(book), filepath.Ext(book))+".pdf")}
	out, err := exec.CommandContext(ctx, pdfinfo, p.PDF).CombinedOutput()
	if err != nil {
		return Printed{}, fmt.Errorf("pdfinfo: %v\n%s", err, out)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(out)
	size := regexp.MustCompile(`(?m)^Page size:\s+([\d.]+) x ([\d.]+)`).FindSubmatch(out)
	if m == nil || size == nil {
		return Printed{}, fmt.Errorf("pdfinfo said no page count or size:\n%s", out)
	}
	p.Pages, _ = strconv.Atoi(string(m[1]))
	p.Width, _ = strconv.ParseFloat(string(size[1]), 64)
	p.Height, _ = strconv.ParseFloat(string(size[2]), 64)
	return p, nil
}
