package xlsx

import (
	"strconv"
	"unicode"

	"github.com/careport/careport/reports/model"
)

// minColWidth is the narrowest fitted column, in characters.
const minColWidth = 8

// fitWidths estimates each column's width in characters from the header and
// the sampled rows as they will be displayed, capped at maxWidth. A
// column's fixed Width wins.
func fitWidths(s *model.Sheet, sample []model.Row, maxWidth float64) []float64 {
	out := make([]float64, len(s.Columns))
	for ci, c := range s.Columns {
		if c.Width > 0 {
			out[ci] = c.Width
			continue
		}
		w := textWidth(c.Name) + 2 // room for the autofilter button
		for _, r := range sample {
			w = max(w, displayWidth(c, r[ci]))
		}
		if s.Totals != nil {
			w = max(w, displayWidth(c, s.Totals[ci]))
		}
		// Two characters of padding keep a right-aligned number apart from
		// the left-aligned text of the next column.
		out[ci] = min(max(float64(w)+2, minColWidth), maxWidth)
	}
	return out
}

// displayWidth estimates the displayed width of v in column c.
func displayWidth(c model.Column, v model.Value) int {
	switch v.Kind() {
	case model.KindText:
		return textWidth(v.Str())
	case model.KindInt:
		return groupedLen(len(strconv.FormatInt(v.Int(), 10)))
	case model.KindMoney:
		d := model.CurrencyDigits(c.Currency)
		whole := v.Decimal().Truncate(0).Abs().String()
		n := groupedLen(len(whole)) + 1 // sign
		if d > 0 {
			n += 1 + int(d)
		}
		return n + 4 // currency symbol or code
	case model.KindPercent:
		return len(strconv.FormatFloat(v.Float()*100, 'f', 1, 64)) + 1
	case model.KindNumber:
		return len(v.Decimal().String())
	case model.KindTime:
		if c.Type == model.ColDate {
			return 10
		}
		return 19
	}
	return 0
}

// groupedLen is the length of n digits with thousands separators.
func groupedLen(n int) int { return n + (n-1)/3 }

// textWidth counts characters, wide (East Asian, emoji) ones as two, up to
// the first line break; it stops counting past 255.
func textWidth(s string) int {
	n := 0
	for _, r := range s {
		if r == '\n' || n > 255 {
			break
		}
		if r >= 0x1100 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hangul, r) ||
			unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || r >= 0x1F300) {
			n += 2
			continue
		}
		n++
	}
	return n
}
