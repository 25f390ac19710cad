package xlsx

import (
	"fmt"
	"math"
	"strings"

	"github.com/careport/careport/reports/model"
	"github.com/xuri/excelize/v2"
)

// pageSetup is how a worksheet prints.
type pageSetup struct {
	fitHeight   int  // pages tall: 1 for the front page, 0 for as many as needed
	printTitles bool // repeat row 1 (the header) on every page
	// wide is the number of pages wide (0 means 1); labelCols, when not
	// 0, is the number of leading columns repeated on every page across.
	wide, labelCols int
}

// pageWidth is how much column width (in Excel's character units) a
// landscape page holds at about 70 %, the smallest scale that still reads
// well; a sheet wider than 1.2 pages of it (a pivot of two years of months)
// prints across pages instead of shrinking to one.
const pageWidth = 220

// pagesWide returns how many pages wide a sheet of columns cols and
// widths prints, and how many of its leading columns (its row labels)
// repeat on each page: 1 and 0 for a sheet that fits one page. The row
// labels are the sheet's LabelColumns when it names them (and they take at
// most a third of a page), else its leading text columns.
func pagesWide(cols []model.Column, widths []float64, label int) (wide, labelCols int) {
	var total float64
	for _, w := range widths {
		total += w
	}
	if total <= 1.2*pageWidth {
		return 1, 0
	}
	var labels float64
	n := 0
	if label > 0 {
		for n < label && n < len(widths) {
			labels += widths[n]
			n++
		}
		if labels > pageWidth/3 {
			n, labels = 0, 0
		}
	} else {
		// The leading text columns (at most 3, a third of a page)
		// followed by figures; a sheet of text alone has none.
		for n < 3 && n < len(cols) && n < len(widths) && cols[n].Type == model.ColText && labels+widths[n] <= pageWidth/3 {
			labels += widths[n]
			n++
		}
		if n == len(cols) || n >= len(widths) || cols[n].Type == model.ColText {
			n, labels = 0, 0
		}
	}
	return int(math.Ceil((total - labels) / (pageWidth - labels))), n
}

// setupPage makes sheet print landscape, fit to one page wide (and
// fitHeight tall, 0 meaning as many as needed), with narrow margins, the
// header row repeated when asked, and a footer naming the report, the
// sheet and "Page x of y". It must run before the sheet's StreamWriter is
// opened: excelize writes sheetPr (fitToPage) when NewStreamWriter starts,
// so fit-to-page set later is lost (excelize #1295); set before, it
// survives, and page layout, margins and footer are written at Flush.
func setupPage(f *excelize.File, r *model.Report, sheet string, ps pageSetup) error {
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return fmt.Errorf("sheet %q fit to page: %w", sheet, err)
	}
	// FitToWidth and FitToHeight are both set, or some Excel versions show
	// "Adjust to" despite fitToPage (excelize #1646).
	land, wide, tall := "landscape", max(ps.wide, 1), ps.fitHeight
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Orientation: &land, FitToWidth: &wide, FitToHeight: &tall,
	}); err != nil {
		return fmt.Errorf("sheet %q page layout: %w", sheet, err)
	}
	side, top, hf := 0.4, 0.6, 0.3
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
		Left: &side, Right: &side, Top: &top, Bottom: &top, Header: &hf, Footer: &hf,
	}); err != nil {
		return fmt.Errorf("sheet %q margins: %w", sheet, err)
	}
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: footer(r, sheet)}); err != nil {
		return fmt.Errorf("sheet %q footer: %w", sheet, err)
	}
	if ps.printTitles {
		refers := quoteSheet(sheet) + "!$1:$1"
		if ps.labelCols > 0 {
			last, err := excelize.ColumnNumberToName(ps.labelCols)
			if err != nil {
				return fmt.Errorf("sheet %q print titles: %w", sheet, err)
			}
			refers = quoteSheet(sheet) + "!$A:$" + last + "," + refers
		}
		if err := f.SetDefinedName(&excelize.DefinedName{
			Name: "_xlnm.Print_Titles", RefersTo: refers, Scope: sheet,
		}); err != nil {
			return fmt.Errorf("sheet %q print titles: %w", sheet, err)
		}
	}
	return nil
}

// footer is the page footer: report title and period on the left, the
// sheet in the middle, "Page x of y" on the right, in 8-point Calibri.
// Excel caps the footer at 255 characters; "&" is doubled to print as
// itself.
func footer(r *model.Report, sheet string) string {
	left := r.Title
	if left == "" {
		left = r.Name
	}
	if r.Period.Label != "" && !strings.Contains(left, r.Period.Label) {
		left += " · " + r.Period.Label
	}
	esc := func(s string, n int) string {
		if rs := []rune(s); len(rs) > n {
			s = string(rs[:n-1]) + "…"
		}
		return strings.ReplaceAll(s, "&", "&&")
	}
	const f = `&"Calibri,Regular"&8`
	return "&L" + f + esc(left, 80) + "&C" + f + esc(sheet, 40) + "&R" + f + "Page &P of &N"
}
