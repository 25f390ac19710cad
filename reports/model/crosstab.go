package model

import (
	"slices"

	"github.com/shopspring/decimal"
)

// CrossTab is a pivot of items into rows (sorted keys) by fixed columns
// (e.g. period labels), each cell the sum of the items' values. Build one
// with Pivot.
type CrossTab struct {
	Rows    []string // row keys, ascending
	Cols    []string // column keys, as given to Pivot
	cells   [][]decimal.Decimal
	Dropped int // items whose column key was not in Cols
}

// Pivot sums val(item) into the cell (row(item), col(item)). Columns are
// exactly cols, in that order, so empty periods still appear; items whose
// column is not in cols are counted in Dropped, not silently added. Values
// must share one unit (one currency): pivot each currency separately.
func Pivot[T any](items []T, cols []string, row func(T) string, col func(T) string, val func(T) decimal.Decimal) *CrossTab {
	colIdx := make(map[string]int, len(cols))
	for i, c := range cols {
		if _, ok := colIdx[c]; !ok {
			colIdx[c] = i
		}
	}
	sums := make(map[string][]decimal.Decimal)
	ct := &CrossTab{Cols: slices.Clone(cols)}
	for _, it := range items {
		ci, ok := colIdx[col(it)]
		if !ok {
			ct.Dropped++
			continue
		}
		r := row(it)
		cells, ok := sums[r]
		if !ok {
			cells = make([]decimal.Decimal, len(cols))
			sums[r] = cells
			ct.Rows = append(ct.Rows, r)
		}
		cells[ci] = cells[ci].Add(val(it))
	}
	slices.Sort(ct.Rows)
	ct.cells = make([][]decimal.Decimal, len(ct.Rows))
	for i, r := range ct.Rows {
		ct.cells[i] = sums[r]
	}
	return ct
}

// Cell returns the sum at (row, col), zero if absent.
func (c *CrossTab) Cell(row, col string) decimal.Decimal {
	ri, ok := slices.BinarySearch(c.Rows, row)
	ci := slices.Index(c.Cols, col)
	if !ok || ci < 0 {
		return decimal.Zero
	}
	return c.cells[ri][ci]
}

// RowTotal returns the sum of row i across all columns.
func (c *CrossTab) RowTotal(i int) decimal.Decimal {
	var t decimal.Decimal
	for _, v := range c.cells[i] {
		t = t.Add(v)
	}
	return t
}

// ColTotal returns the sum of column j across all rows.
func (c *CrossTab) ColTotal(j int) decimal.Decimal {
	var t decimal.Decimal
	for _, r := range c.cells {
		t = t.Add(r[j])
	}
	return t
}
