package xlsx

import (
	"fmt"
	"strings"

	"github.com/careport/careport/render/present"
	"github.com/careport/careport/reports/model"
	"github.com/xuri/excelize/v2"
)

// Number formats. Dates are ISO so they read the same in every locale.
const (
	fmtInteger  = "#,##0"
	fmtPercent  = "0.0%"
	fmtDate     = "yyyy-mm-dd"
	fmtDateTime = "yyyy-mm-dd hh:mm:ss"
	fmtText     = "@"
	// fmtNumber shows a number that is not money with the digits it has
	// (72.5, 8, 0.125): no fixed decimals, no trailing separator.
	fmtNumber = "General"
	// fmtChange is a relative change with its sign; fmtPoints a change of
	// a percentage in points (the cell holds points, not a ratio).
	fmtChange = "+0.0%;-0.0%;0.0%"
	fmtPoints = `+0.0" pts";-0.0" pts";0.0" pts"`
)

// Fonts. Every style names its font: a style without one renders in the
// reader's default, a serif in some LibreOffice set-ups. Calibri is what
// Excel uses; LibreOffice substitutes Carlito, which has the same metrics
// (Debian: fonts-crosextra-carlito), so columns and pages come out alike.
const (
	fontName  = "Calibri"
	fontSize  = 11
	fontSmall = 9
	colorText = "262626" // near-black: text, axis labels
	colorGrey = "595959"
	colorGood = "006100" // dark green on light green
	fillGood  = "C6EFCE"
	colorBad  = "9C0006" // dark red on light red
	fillBad   = "FFC7CE"
	fillHead  = "D9E1F2"
	lineHead  = "8EA9DB"
)

// moneyFormat returns the number format for amounts in an ISO 4217 currency:
// the currency symbol before the number, with the currency's minor-unit
// digits (model.CurrencyDigits: JPY 0, KWD 3). A symbol made of letters
// ("KWD", "CHF") is followed by a space. An empty code gives the plain
// number with two decimals.
func moneyFormat(code string) string { return moneyFormatDigits(code, -1) }

// moneyFormatDigits is moneyFormat with a fixed number of decimals (digits
// >= 0), e.g. 0 for a chart axis.
func moneyFormatDigits(code string, digits int32) string {
	code = currencyCode(code)
	d := digits
	if d < 0 {
		d = model.CurrencyDigits(code)
	}
	num := "#,##0"
	if d > 0 {
		num += "." + strings.Repeat("0", int(d))
	}
	if code == "" {
		return num
	}
	sym := currencySymbol(code)
	if last := sym[len(sym)-1]; last >= 'A' && last <= 'Z' {
		return "[$" + sym + "] " + num
	}
	return "[$" + sym + "]" + num
}

// columnFormat returns the number format of a column type; currency is the
// money's currency (the column's, or the row's). A Mixed column has no
// format of its own: each of its cells takes its value's (Column.CellType),
// and this gives the text format of its empty cells.
func columnFormat(t model.ColumnType, currency string) string {
	switch t {
	case model.ColInteger, model.ColCount:
		return fmtInteger
	case model.ColMoney:
		return moneyFormat(currency)
	case model.ColDate:
		return fmtDate
	case model.ColDateTime:
		return fmtDateTime
	case model.ColPercent:
		return fmtPercent
	case model.ColNumber:
		return fmtNumber
	}
	return fmtText
}

// numeric reports whether a column type holds numbers (dates included),
// which are right-aligned, header too. A Mixed column's header is
// right-aligned: its cells are mostly figures; its text cells are left-
// aligned as in a text column.
func numeric(t model.ColumnType) bool { return t != model.ColText }

func font(bold bool) *excelize.Font {
	return &excelize.Font{Family: fontName, Size: fontSize, Bold: bold, Color: colorText}
}

// cellKind is the role of a cell; it decides font, border and fill.
type cellKind uint8

const (
	kindBody      cellKind = iota
	kindTotals             // bold, a line above
	kindGood               // green (a good change)
	kindBad                // red (a bad change)
	kindLabel              // title block label: grey
	kindNote               // small grey wrapped text
	kindTitle              // the front page title
	kindCaption            // a sheet caption: italic grey
	kindHeadLeft           // header cell, left-aligned (text columns)
	kindHeadRight          // header cell, right-aligned (number columns)
	kindNA                 // "n/a" for a figure not known: grey, right-aligned
	kindBold               // a heading: bold
	kindWrap               // body text wrapped, top-aligned
)

// styles creates and caches the workbook's cell styles.
type styles struct {
	f     *excelize.File
	cache map[styleKey]int
	bold  int
}

type styleKey struct {
	format string
	kind   cellKind
}

func newStyles(f *excelize.File) (*styles, error) {
	if err := f.SetDefaultFont(fontName); err != nil {
		return nil, fmt.Errorf("default font: %w", err)
	}
	s := &styles{f: f, cache: make(map[styleKey]int)}
	var err error
	if s.bold, err = s.get("", kindBold); err != nil {
		return nil, err
	}
	return s, nil
}

// header returns the header style for a column.
func (s *styles) header(c model.Column) (int, error) {
	if numeric(c.Type) {
		return s.get("", kindHeadRight)
	}
	return s.get("", kindHeadLeft)
}

// cell returns the style of a body or totals cell of column c holding
// money in currency (ignored for other types).
func (s *styles) cell(c model.Column, currency string, totals bool) (int, error) {
	k := kindBody
	if totals {
		k = kindTotals
	}
	return s.get(columnFormat(c.Type, currency), k)
}

// get returns the style with number format numFmt ("" for General) and
// role k.
func (s *styles) get(numFmt string, k cellKind) (int, error) {
	key := styleKey{format: numFmt, kind: k}
	if id, ok := s.cache[key]; ok {
		return id, nil
	}
	st := &excelize.Style{Font: font(false)}
	if numFmt != "" {
		st.CustomNumFmt = &key.format
	}
	switch k {
	case kindTotals:
		st.Font.Bold = true
		st.Border = []excelize.Border{{Type: "top", Color: "000000", Style: 1}}
	case kindGood:
		st.Font.Color = colorGood
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{fillGood}}
	case kindBad:
		st.Font.Color = colorBad
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{fillBad}}
	case kindLabel:
		st.Font.Color = colorGrey
		st.Alignment = &excelize.Alignment{Vertical: "top"}
	case kindNote:
		st.Font.Size = fontSmall
		st.Font.Color = colorGrey
		st.Alignment = &excelize.Alignment{WrapText: true, Vertical: "top", Indent: 1}
	case kindTitle:
		st.Font.Bold = true
		st.Font.Size = 16
	case kindBold:
		st.Font.Bold = true
	case kindWrap:
		st.Alignment = &excelize.Alignment{WrapText: true, Vertical: "top"}
	case kindNA:
		st.Font.Color = colorGrey
		st.Alignment = &excelize.Alignment{Horizontal: "right"}
	case kindCaption:
		st.Font.Italic = true
		st.Font.Color = colorGrey
	case kindHeadLeft, kindHeadRight:
		st.Font.Bold = true
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{fillHead}}
		st.Border = []excelize.Border{{Type: "bottom", Color: lineHead, Style: 1}}
		st.Alignment = &excelize.Alignment{Vertical: "center", Horizontal: "left"}
		if k == kindHeadRight {
			st.Alignment.Horizontal = "right"
		}
	}
	id, err := s.f.NewStyle(st)
	if err != nil {
		return 0, fmt.Errorf("style %q: %w", numFmt, err)
	}
	s.cache[key] = id
	return id, nil
}

// The shared presentation rules (see render/present).
var (
	currencyCode   = present.CurrencyCode
	currencySymbol = present.CurrencySymbol
	periodWords    = present.PeriodWords
	stamp          = present.Stamp
)
