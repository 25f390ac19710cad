package xlsx

import (
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/careport/careport/reports/model"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// Limits of a pre-rendered pivot: beyond them the pivot sheet shows only
// what Excel computes on opening.
const (
	maxPivotRows = 5000
	maxPivotCols = 100
)

// pivotCells aggregates a pivot's figures while the data sheet streams, so
// that the pivot sheet shows them even where the pivot is not recomputed
// on opening (Excel's Protected View, viewers and importers that read
// cells only). Excel and LibreOffice rebuild the table on opening
// (refreshOnLoad) and overwrite these cells.
type pivotCells struct {
	rows, cols, data int // column indexes; cols -1 when the pivot has none
	count            bool
	sums             map[[2]string]decimal.Decimal
	rowKeys, colKeys map[string]bool
	overflow         bool
}

func newPivotCells(s *model.Sheet) *pivotCells {
	sp := s.Pivot
	p := &pivotCells{rows: s.ColumnIndex(sp.Rows), cols: -1, data: s.ColumnIndex(sp.Data),
		count: sp.Summarize == model.SummarizeCount,
		sums:  make(map[[2]string]decimal.Decimal), rowKeys: make(map[string]bool), colKeys: make(map[string]bool)}
	if sp.Columns != "" {
		p.cols = s.ColumnIndex(sp.Columns)
	}
	return p
}

// pivotKey is how a pivot labels a field value.
func pivotKey(v model.Value) string {
	switch v.Kind() {
	case model.KindText:
		return v.Str()
	case model.KindInt:
		return strconv.FormatInt(v.Int(), 10)
	case model.KindMoney, model.KindNumber:
		return v.Decimal().String()
	case model.KindPercent:
		return strconv.FormatFloat(v.Float(), 'f', -1, 64)
	case model.KindTime:
		return v.Time().Format(time.DateOnly)
	}
	return "(blank)"
}

func (p *pivotCells) add(r model.Row) {
	if p.overflow {
		return
	}
	rk, ck := pivotKey(r[p.rows]), ""
	if p.cols >= 0 {
		ck = pivotKey(r[p.cols])
	}
	if !p.rowKeys[rk] && len(p.rowKeys) >= maxPivotRows || !p.colKeys[ck] && len(p.colKeys) >= maxPivotCols {
		p.overflow = true
		p.sums = nil
		return
	}
	p.rowKeys[rk], p.colKeys[ck] = true, true
	v := r[p.data]
	var x decimal.Decimal
	switch {
	case p.count:
		if v.IsEmpty() {
			return
		}
		x = decimal.NewFromInt(1)
	case v.Kind() == model.KindMoney, v.Kind() == model.KindNumber:
		x = v.Decimal()
	case v.Kind() == model.KindInt:
		x = decimal.NewFromInt(v.Int())
	case v.Kind() == model.KindPercent:
		x = decimal.NewFromFloat(v.Float())
	default:
		return
	}
	k := [2]string{rk, ck}
	p.sums[k] = p.sums[k].Add(x)
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// write puts the figures in the pivot's range from A3, in Excel's compact
// layout: with a column field, A3 the data label and "Column Labels", row
// 4 "Row Labels", the column items and "Grand Total"; then a row per row
// item and a "Grand Total" row. Items are in ascending order, as Excel
// sorts a new pivot's items.
func (p *pivotCells) write(w *writer, sheet, label string, dataCol model.Column) error {
	if p.overflow || len(p.rowKeys) == 0 {
		return nil
	}
	numFmt := fmtInteger
	if !p.count {
		numFmt = columnFormat(dataCol.Type, dataCol.Currency)
	}
	num, err := w.st.get(numFmt, kindBody)
	if err != nil {
		return err
	}
	bold, err := w.st.get("", kindBold)
	if err != nil {
		return err
	}
	totNum, err := w.st.get(numFmt, kindTotals)
	if err != nil {
		return err
	}
	plain, err := w.st.get("", kindBody)
	if err != nil {
		return err
	}
	totLabel, err := w.st.get("", kindTotals)
	if err != nil {
		return err
	}
	put := func(col, row int, v any, style int) error {
		cell, err := excelize.CoordinatesToCellName(col, row)
		if err != nil {
			return err
		}
		if s, ok := v.(string); ok {
			err = w.f.SetCellStr(sheet, cell, w.text(s))
		} else {
			err = w.f.SetCellValue(sheet, cell, v)
		}
		if err != nil {
			return fmt.Errorf("pivot cell %s: %w", cell, err)
		}
		return w.f.SetCellStyle(sheet, cell, cell, style)
	}
	rows := sortedKeys(p.rowKeys)
	cols := sortedKeys(p.colKeys)
	row := 3
	if p.cols >= 0 {
		if err := put(1, row, label, bold); err != nil {
			return err
		}
		if err := put(2, row, "Column Labels", bold); err != nil {
			return err
		}
		row++
		if err := put(1, row, "Row Labels", bold); err != nil {
			return err
		}
		for i, c := range cols {
			if err := put(i+2, row, c, bold); err != nil {
				return err
			}
		}
		if err := put(len(cols)+2, row, "Grand Total", bold); err != nil {
			return err
		}
	} else {
		if err := put(1, row, "Row Labels", bold); err != nil {
			return err
		}
		if err := put(2, row, label, bold); err != nil {
			return err
		}
	}
	colTotals := make([]decimal.Decimal, len(cols))
	var grand decimal.Decimal
	for _, rk := range rows {
		row++
		if err := put(1, row, rk, plain); err != nil {
			return err
		}
		var rowTotal decimal.Decimal
		for i, ck := range cols {
			x, ok := p.sums[[2]string{rk, ck}]
			if !ok {
				continue
			}
			rowTotal = rowTotal.Add(x)
			colTotals[i] = colTotals[i].Add(x)
			if p.cols >= 0 {
				if err := put(i+2, row, x.InexactFloat64(), num); err != nil {
					return err
				}
			}
		}
		grand = grand.Add(rowTotal)
		at := 2
		if p.cols >= 0 {
			at = len(cols) + 2
		}
		if err := put(at, row, rowTotal.InexactFloat64(), num); err != nil {
			return err
		}
	}
	row++
	if err := put(1, row, "Grand Total", totLabel); err != nil {
		return err
	}
	last, _ := excelize.ColumnNumberToName(max(2, len(cols)+2*b2i(p.cols >= 0)))
	if err := w.f.SetSheetDimension(sheet, fmt.Sprintf("A1:%s%d", last, row)); err != nil {
		return err
	}
	if p.cols >= 0 {
		for i := range cols {
			if err := put(i+2, row, colTotals[i].InexactFloat64(), totNum); err != nil {
				return err
			}
		}
		return put(len(cols)+2, row, grand.InexactFloat64(), totNum)
	}
	return put(2, row, grand.InexactFloat64(), totNum)
}
