package xlsx

import (
	"fmt"

	"github.com/careport/careport/reports/model"
)

// Part is one worksheet that holds all or part of a model sheet's rows.
type Part struct {
	Sheet    int    // index of the model sheet in Report.Sheets
	Name     string // worksheet name
	FirstRow int    // index of the first data row (0-based) in this part
	Rows     int    // data rows in this part
	Totals   bool   // whether the totals row is on this part
}

// Layout is where every model sheet goes in the workbook.
type Layout struct {
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
	perPart := opts.MaxRows - 1
	for si, s := range r.Sheets {
		if s == nil {
			continue // Write rejects nil sheets
		}
		n := s.Len()
		body := n
		if s.Totals != nil {
			body++
		}
		parts := max(1, (body+perPart-1)/perPart)
		for p := range parts {
			first := p * perPart
			rows := min(perPart, n-first)
			if rows < 0 {
				rows = 0
			}
			l.Parts = append(l.Parts, Part{
				Sheet:    si,
				Name:     names.unique(s.Name),
				FirstRow: first,
				Rows:     rows,
				Totals:   s.Totals != nil && p == parts-1,
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
		if s == nil || s.Pivot == nil {
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
