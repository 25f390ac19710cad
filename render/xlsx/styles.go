package xlsx

import (
	"fmt"
	"strings"

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
)

// moneyFormat returns the number format for amounts in an ISO 4217 currency:
// a locale currency symbol for USD, EUR, GBP and JPY, and the code in quotes
// after the number for any other code. Codes are reduced to A-Z so a
// model cannot inject format syntax.
func moneyFormat(currency string) string {
	code := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' {
			return r - 'a' + 'A'
		}
		if r >= 'A' && r <= 'Z' {
			return r
		}
		return -1
	}, currency)
	num := "#,##0"
	if d := model.CurrencyDigits(code); d > 0 {
		num += "." + strings.Repeat("0", int(d))
	}
	switch code {
	case "USD":
		return "[$$-409]" + num
	case "EUR":
		return "[$€-x-euro2] " + num
	case "GBP":
		return "[$£-809]" + num
	case "JPY":
		return "[$¥-411]" + num
	case "":
		return num
	}
	return num + ` "` + code + `"`
}

// columnFormat returns the number format of a column type.
func columnFormat(c model.Column) string {
	switch c.Type {
	case model.ColInteger, model.ColCount:
		return fmtInteger
	case model.ColMoney:
		return moneyFormat(c.Currency)
	case model.ColDate:
		return fmtDate
	case model.ColDateTime:
		return fmtDateTime
	case model.ColPercent:
		return fmtPercent
	}
	return fmtText
}

// styles creates and caches the workbook's cell styles.
type styles struct {
	f      *excelize.File
	cache  map[styleKey]int
	header int
	bold   int
}

type styleKey struct {
	format string
	totals bool
}

func newStyles(f *excelize.File) (*styles, error) {
	s := &styles{f: f, cache: make(map[styleKey]int)}
	var err error
	s.header, err = f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
		Border:    []excelize.Border{{Type: "bottom", Color: "8EA9DB", Style: 1}},
		Alignment: &excelize.Alignment{Vertical: "center"},
	})
	if err != nil {
		return nil, fmt.Errorf("header style: %w", err)
	}
	s.bold, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, fmt.Errorf("bold style: %w", err)
	}
	return s, nil
}

// cell returns the style of a body cell (totals false) or a totals cell.
func (s *styles) cell(c model.Column, totals bool) (int, error) {
	k := styleKey{format: columnFormat(c), totals: totals}
	if id, ok := s.cache[k]; ok {
		return id, nil
	}
	st := &excelize.Style{CustomNumFmt: &k.format}
	if totals {
		st.Font = &excelize.Font{Bold: true}
		st.Border = []excelize.Border{{Type: "top", Color: "000000", Style: 1}}
	}
	id, err := s.f.NewStyle(st)
	if err != nil {
		return 0, fmt.Errorf("style %q: %w", k.format, err)
	}
	s.cache[k] = id
	return id, nil
}
