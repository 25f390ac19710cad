// Package csvfile renders a report model as CSV files, one per sheet.
//
// Each file follows RFC 4180: fields separated by commas, records ended by
// CRLF, a field quoted when it holds a comma, a double quote, CR or LF, or
// starts or ends with a space, and quotes doubled inside. The first record
// is the header (column names). Files are UTF-8 and, unless
// Options.NoBOM, start with a byte-order mark: Excel needs it to read
// UTF-8 (without it, "Réservations" opens as mojibake), LibreOffice and
// most CSV libraries skip it (Python: encoding="utf-8-sig").
//
// Values are written for machines, without thousands separators or symbols:
//   - Integer and Count: decimal integers ("-1234").
//   - Money: a plain decimal with the currency's ISO 4217 minor-unit digits
//     ("1234.50", "-12.50", "1200" for JPY, "100.000" for KWD), rounded
//     half away from zero if the model holds more digits. The currency is
//     the column's or, in a sheet with a SheetFormat.CurrencyColumn, the
//     row's (that column is in the file).
//   - Percent: the ratio as a decimal rounded to six places ("0.125" for
//     12.5%), and the header says so: "Collected (ratio)". A spreadsheet
//     reads it as the number 0.125; format the column as a percentage to
//     see 12.5%.
//   - Date: YYYY-MM-DD. DateTime: YYYY-MM-DD HH:MM:SS in the value's own
//     location (the account time zone).
//   - Empty values: an empty field.
//   - Mixed columns: each value as its kind is written above (money in the
//     row's currency, percents as ratios; the header has no "(ratio)").
//
// Text is written whole (no 32,767-character cell limit as in XLSX) and
// exactly, except for the OWASP CSV-injection guard: text that starts with
// =, +, -, @, a tab or a carriage return gets a leading single quote and is
// always quoted, so a spreadsheet opening the file never runs it as a
// formula. The guard applies to text cells only; numbers, negative amounts
// included, are never altered.
//
// Data files hold data rows only, the same in every file: a sheet's totals
// (its block total rows, SheetFormat.TotalRows, then its Totals row) go to
// a file of their own named after the sheet with " (totals)" ("Invoices
// (totals).csv"), with the same header, so that a script reading a data
// file never mistakes a total for one more record. A report with KPIs also
// gets "KPIs.csv": one record per headline figure with its three values
// and two changes.
package csvfile

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/careport/careport/render/atomicfile"
	"github.com/careport/careport/reports/model"
)

// bom is the UTF-8 byte-order mark.
const bom = "\uFEFF"

// totalsSuffix ends the name of a sheet's totals file.
const totalsSuffix = " (totals)"

// kpiFile is the base name of the KPI file.
const kpiFile = "KPIs"

// Options tunes the CSV files; the zero value writes a BOM and no prefix.
type Options struct {
	// NoBOM leaves out the UTF-8 byte-order mark (the --csv-bom=false
	// flag), for tools that do not skip it.
	NoBOM bool
	// Prefix starts every file name, e.g. Report.FileBase() + " ", so a
	// file says what it holds when it travels alone
	// ("revenue-2026-10-EUR Invoices.csv").
	Prefix string
}

// Write writes r into dir (created if missing): the KPI file when r has
// KPIs, then per sheet its data file and, when it has totals, its totals
// file. It returns their paths in that order. File names come from sheet
// names made safe for any file system and unique (case-insensitively),
// after opts.Prefix. Each file is written atomically; if any sheet fails,
// or ctx ends, the files this call already wrote are removed and no file
// is left behind. To replace a whole folder of an earlier run, write into
// a render/output Set.
func Write(ctx context.Context, dir string, r *model.Report, opts Options) (paths []string, err error) {
	if r == nil {
		return nil, errors.New("csv: nil report")
	}
	defer func() {
		if err == nil {
			return
		}
		for _, p := range paths {
			if rmErr := os.Remove(p); rmErr != nil && !errors.Is(rmErr, os.ErrNotExist) {
				err = errors.Join(err, fmt.Errorf("remove %s: %w", p, rmErr))
			}
		}
		paths = nil
	}()
	for i, s := range r.Sheets {
		if s == nil {
			return nil, fmt.Errorf("sheet %d: nil", i+1)
		}
		if err := s.CheckFormat(); err != nil {
			return nil, err
		}
	}
	if mkErr := os.MkdirAll(dir, 0o755); mkErr != nil {
		return nil, fmt.Errorf("csv: %w", mkErr)
	}
	names := newFileNames()
	file := func(name string, fn func(w io.Writer) error) error {
		path := filepath.Join(dir, names.unique(opts.Prefix+name)+".csv")
		if err := atomicfile.Write(ctx, path, 0o644, fn); err != nil {
			return err
		}
		paths = append(paths, path)
		return nil
	}
	if len(r.KPIs) > 0 {
		if err := file(kpiFile, func(w io.Writer) error { return WriteKPIs(w, r.KPIs, opts) }); err != nil {
			return paths, fmt.Errorf("KPIs: %w", err)
		}
	}
	for _, s := range r.Sheets {
		if err := file(s.Name, func(w io.Writer) error { return WriteSheet(ctx, w, s, opts) }); err != nil {
			return paths, fmt.Errorf("sheet %q: %w", s.Name, err)
		}
		if !hasTotals(s) {
			continue
		}
		if err := file(s.Name+totalsSuffix, func(w io.Writer) error { return WriteTotals(ctx, w, s, opts) }); err != nil {
			return paths, fmt.Errorf("sheet %q totals: %w", s.Name, err)
		}
	}
	return paths, nil
}

func hasTotals(s *model.Sheet) bool {
	return s.Totals != nil || (s.Format != nil && len(s.Format.TotalRows) > 0)
}

// header returns the file header of column c: its name, with " (ratio)"
// for a percent column.
func header(c model.Column) string {
	if c.Type == model.ColPercent && !strings.Contains(strings.ToLower(c.Name), "ratio") {
		return c.Name + " (ratio)"
	}
	return c.Name
}

// WriteSheet writes one sheet's data file to w: the BOM (unless
// opts.NoBOM), the header, then every data row except block total rows.
func WriteSheet(ctx context.Context, w io.Writer, s *model.Sheet, opts Options) error {
	return writeRows(ctx, w, s, opts, false)
}

// WriteTotals writes one sheet's totals file to w: the BOM (unless
// opts.NoBOM), the header, the block total rows, then the Totals row.
func WriteTotals(ctx context.Context, w io.Writer, s *model.Sheet, opts Options) error {
	return writeRows(ctx, w, s, opts, true)
}

func writeRows(ctx context.Context, w io.Writer, s *model.Sheet, opts Options, totals bool) error {
	if err := s.CheckFormat(); err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	cw := &writer{w: bw}
	if !opts.NoBOM {
		cw.put(bom)
	}
	for i, c := range s.Columns {
		cw.text(i, header(c))
	}
	cw.endRecord()
	cur := s.CurrencyColumnIndex()
	record := func(row model.Row) {
		for i, v := range row {
			cw.value(i, s.Columns[i], s.RowCurrency(row, i, cur), v)
		}
		cw.endRecord()
	}
	var marks []int
	if s.Format != nil {
		marks = s.Format.TotalRows
	}
	err := s.EachRow(ctx, func(i int, row model.Row) error {
		marked := len(marks) > 0 && marks[0] == i
		if marked {
			marks = marks[1:]
		}
		if marked == totals {
			record(row)
		}
		return cw.err
	})
	if err != nil {
		return err
	}
	if totals && s.Totals != nil {
		record(s.Totals)
	}
	if cw.err != nil {
		return cw.err
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("flush: %w", err)
	}
	return nil
}

// WriteKPIs writes the KPI file: one record per KPI with its group,
// name, type, currency, the values over this period, the previous period
// and a year earlier, the two relative changes (ratios; for a percent KPI
// the difference of the ratios), and its definition.
func WriteKPIs(w io.Writer, kpis []model.KPI, opts Options) error {
	bw := bufio.NewWriterSize(w, 16<<10)
	cw := &writer{w: bw}
	if !opts.NoBOM {
		cw.put(bom)
	}
	for i, h := range []string{"Group", "KPI", "Type", "Currency", "This period", "Previous period",
		"Change (ratio)", "A year earlier", "Year change (ratio)", "Definition"} {
		cw.text(i, h)
	}
	cw.endRecord()
	for _, k := range kpis {
		col := model.Column{Type: k.Type, Currency: k.Currency}
		pct := model.PercentCol("")
		cw.text(0, k.Group)
		cw.text(1, k.Name)
		cw.text(2, k.Type.String())
		cw.text(3, k.Currency)
		cw.value(4, col, k.Currency, k.Current)
		cw.value(5, col, k.Currency, k.Previous)
		cw.value(6, pct, "", k.Change())
		cw.value(7, col, k.Currency, k.YearEarlier)
		cw.value(8, pct, "", k.YearChange())
		cw.text(9, k.Definition)
		cw.endRecord()
	}
	if cw.err != nil {
		return cw.err
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("flush: %w", err)
	}
	return nil
}

// writer writes RFC 4180 records, keeping the first error.
type writer struct {
	w   *bufio.Writer
	buf []byte // scratch for number formatting
	err error
}

func (cw *writer) sep(i int) {
	if i > 0 {
		cw.put(",")
	}
}

func (cw *writer) put(s string) {
	if cw.err != nil {
		return
	}
	if _, err := cw.w.WriteString(s); err != nil {
		cw.err = fmt.Errorf("write: %w", err)
	}
}

func (cw *writer) endRecord() { cw.put("\r\n") }

// text writes a text field with the injection guard.
func (cw *writer) text(i int, s string) {
	cw.sep(i)
	guard := Guarded(s)
	if !guard && !needsQuotes(s) {
		cw.put(s)
		return
	}
	cw.put(`"`)
	if guard {
		cw.put("'")
	}
	cw.put(strings.ReplaceAll(s, `"`, `""`))
	cw.put(`"`)
}

// Guarded reports whether text s gets the CSV-injection guard: it starts
// with =, +, -, @, a tab or a carriage return.
func Guarded(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}

func needsQuotes(s string) bool {
	if s == "" {
		return false
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return true
	}
	return strings.ContainsAny(s, ",\"\r\n")
}

// value writes one typed field; currency is the money's (the column's or
// the row's).
func (cw *writer) value(i int, c model.Column, currency string, v model.Value) {
	switch v.Kind() {
	case model.KindText:
		cw.text(i, v.Str())
		return
	case model.KindEmpty:
		cw.sep(i)
		return
	}
	cw.sep(i)
	b := cw.buf[:0]
	switch v.Kind() {
	case model.KindInt:
		b = strconv.AppendInt(b, v.Int(), 10)
	case model.KindMoney:
		b = appendMoney(b, v, model.CurrencyDigits(currency))
	case model.KindNumber:
		b = append(b, v.Decimal().String()...)
	case model.KindPercent:
		// Six decimals of the ratio (0.0001%) are more than any reader
		// needs, and spare them the float's binary noise (0.1666666666666667).
		b = strconv.AppendFloat(b, math.Round(v.Float()*1e6)/1e6, 'f', -1, 64)
	case model.KindTime:
		if c.Type == model.ColDate {
			b = v.Time().AppendFormat(b, time.DateOnly)
		} else {
			b = v.Time().AppendFormat(b, time.DateTime)
		}
	}
	cw.buf = b
	if cw.err == nil {
		if _, err := cw.w.Write(b); err != nil {
			cw.err = fmt.Errorf("write: %w", err)
		}
	}
}

// appendMoney appends v with exactly digits decimals.
func appendMoney(b []byte, v model.Value, digits int32) []byte {
	if units, scale, ok := v.Minor(); ok && scale == digits && units != -1<<63 {
		if units < 0 {
			b = append(b, '-')
			units = -units
		}
		s := strconv.FormatInt(units, 10)
		if digits == 0 {
			return append(b, s...)
		}
		if pad := int(digits) + 1 - len(s); pad > 0 {
			s = strings.Repeat("0", pad) + s
		}
		b = append(b, s[:len(s)-int(digits)]...)
		b = append(b, '.')
		return append(b, s[len(s)-int(digits):]...)
	}
	return append(b, v.Decimal().StringFixed(digits)...)
}
