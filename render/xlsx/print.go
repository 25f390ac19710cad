package xlsx

import (
	"fmt"
	"strings"

	"github.com/careport/careport/reports/model"
	"github.com/xuri/excelize/v2"
)

// pageSetup is how a worksheet prints.
type pageSetup struct {
	fitHeight   int  // pages tall: 1 for the front page, 0 for as many as needed
	printTitles bool // repeat row 1 (the header) on every page
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
	land, wide, tall := "landscape", 1, ps.fitHeight
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
		if err := f.SetDefinedName(&excelize.DefinedName{
			Name: "_xlnm.Print_Titles", RefersTo: quoteSheet(sheet) + "!$1:$1", Scope: sheet,
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
