package xlsx

import (
	"fmt"

	"github.com/careport/careport/reports/model"
)

// Part is one worksheet that holds all or part of a model sheet's rows.
type Part struct {
	Sheet    int    // index of the model sheet in Report.Sheets
	Name     string // worksheet name
	FirstRow int    // index of the first data row (0-based, block totals not counted) in this part
	Rows     int    // data rows in this part
	Totals   bool   // whether the totals block is on this part
	// TotalRows is the number of rows of the totals block (the sheet's
	// block total rows, then its Totals row) when Totals is set.
	TotalRows int
}

// Layout is where every model sheet goes in the workbook.
type Layout struct {
	// Front is the name of the front page, the first worksheet ("Summary"),
	// or "" when the report has no KPIs and so no front page.
	Front string
	Parts []Part   // data worksheets, in workbook order
	Pivot []string // pivot worksheet name per model sheet ("" if none)
	Notes string   // name of the notes worksheet
	// Continued describes each model sheet that overflowed onto
	// continuation sheets, in sentences the notes sheet shows.
	Continued []string
}

// Plan computes the workbook layout of r without writing anything: valid,
// unique worksheet names, and the split of sheets longer than
// opts.MaxRows (header included) onto continuation sheets, each repeating
// the header. Row counts come from each sheet's Len.
func Plan(r *model.Report, opts Options) Layout {
	opts = opts.withDefaults()
	names := newSheetNames()
	var l Layout
	if len(r.KPIs) > 0 {
		l.Front = names.unique(frontName)
	}
	perPart := opts.MaxRows - 1
	for si, s := range r.Sheets {
		if s == nil {
			continue // Write rejects nil sheets
		}
		marked := 0
		if s.Format != nil {
			marked = len(s.Format.TotalRows)
		}
		n := max(s.Len()-marked, 0) // data rows
		k := marked                 // rows of the totals block
		if s.Totals != nil {
			k++
		}
		parts := max(1, (n+perPart-1)/perPart)
		// The totals block is never split: when it does not fit after the
		// last data rows it goes on a part of its own (which exceeds
		// MaxRows only if the block alone does, never with Excel's limit).
		if last := n - (parts-1)*perPart; k > 0 && n > 0 && last+k > perPart {
			parts++
		}
		for p := range parts {
			first := p * perPart
			rows := min(perPart, n-first)
			if rows < 0 {
				rows = 0
			}
			l.Parts = append(l.Parts, Part{
				Sheet:     si,
				Name:      names.unique(s.Name),
				FirstRow:  first,
				Rows:      rows,
				Totals:    k > 0 && p == parts-1,
				TotalRows: k * b2i(p == parts-1),
			})
		}
		if parts > 1 {
			first := l.Parts[len(l.Parts)-parts]
			msg := fmt.Sprintf("Sheet %q has %d rows, more than the %d data rows a worksheet holds here; rows %d to %d continue on",
				s.Name, n, perPart, perPart+1, n)
			for _, p := range l.Parts[len(l.Parts)-parts+1:] {
				msg += fmt.Sprintf(" %q (rows %d-%d),", p.Name, p.FirstRow+1, p.FirstRow+p.Rows)
			}
			msg = msg[:len(msg)-1] + fmt.Sprintf(", each with the header repeated. Charts and the pivot table cover %q only.", first.Name)
			l.Continued = append(l.Continued, msg)
		}
	}
	l.Pivot = make([]string, len(r.Sheets))
	for si, s := range r.Sheets {
		if s == nil || s.Pivot == nil || (s.Format != nil && s.Format.OmitPivot != "") {
			continue
		}
		name := s.Pivot.Name
		if name == "" {
			name = s.Name + " Pivot"
		}
		l.Pivot[si] = names.unique(name)
	}
	l.Notes = names.unique("Notes")
	return l
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
