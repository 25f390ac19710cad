// Package csvfile renders a report model as CSV files, one per sheet.
//
// Each file follows RFC 4180: fields separated by commas, records ended by
// CRLF, a field quoted when it holds a comma, a double quote, CR or LF, or
// starts or ends with a space, and quotes doubled inside. The first record
// is the header (column names). Files are UTF-8 without a byte-order mark:
// RFC 4180 consumers, scripts and databases read them as they are, and a BOM
// would end up inside the first column name; readers who want the workbook
// in Excel get the XLSX.
//
// Values are written for machines, without thousands separators or symbols:
//   - Integer and Count: decimal integers ("-1234").
//   - Money: a plain decimal with the currency's minor-unit digits ("1234.50",
//     "-12.50", "1200" for JPY), rounded half away from zero if the model
//     holds more digits. The currency is in the column (and its name).
//   - Percent: the ratio as a decimal rounded to six places ("0.125" for 12.5%).
//   - Date: YYYY-MM-DD. DateTime: YYYY-MM-DD HH:MM:SS in the value's own
//     location (the account time zone).
//   - Empty values: an empty field.
//
// Text is written whole (no 32,767-character cell limit as in XLSX) and
// exactly, except for the OWASP CSV-injection guard: text that starts with
// =, +, -, @, a tab or a carriage return gets a leading single quote and is
// always quoted, so a spreadsheet opening the file never runs it as a
// formula. The guard applies to text cells only; numbers, negative amounts
// included, are never altered.
//
// The totals row of a sheet is not written: a CSV is the sheet's data, and
// a totals line would be read as one more record.
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

// WriteDir writes one CSV file per sheet of r into dir (created if missing)
// and returns their
// paths in sheet order. File names come from sheet names made safe for any
// file system and unique (case-insensitively). Each file is written
// atomically; if any sheet fails, or ctx ends, the files this call already
// wrote are removed and no file is left behind.
func WriteDir(ctx context.Context, dir string, r *model.Report) (paths []string, err error) {
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
	if mkErr := os.MkdirAll(dir, 0o755); mkErr != nil {
		return nil, fmt.Errorf("csv: %w", mkErr)
	}
	names := newFileNames()
	for i, s := range r.Sheets {
		if s == nil {
			return paths, fmt.Errorf("sheet %d: nil", i+1)
		}
		path := filepath.Join(dir, names.unique(s.Name)+".csv")
		if err := atomicfile.Write(ctx, path, 0o644, func(w io.Writer) error {
			return WriteSheet(ctx, w, s)
		}); err != nil {
			return paths, fmt.Errorf("sheet %q: %w", s.Name, err)
		}
		paths = append(paths, path)
	}
	return paths, nil
}

// WriteSheet writes one sheet as CSV to w: the header, then every data row.
func WriteSheet(ctx context.Context, w io.Writer, s *model.Sheet) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	cw := &writer{w: bw}
	for i, c := range s.Columns {
		cw.text(i, c.Name)
	}
	cw.endRecord()
	err := s.EachRow(ctx, func(_ int, row model.Row) error {
		for i, v := range row {
			cw.value(i, s.Columns[i], v)
		}
		cw.endRecord()
		return cw.err
	})
	if err != nil {
		return err
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

// value writes one typed field.
func (cw *writer) value(i int, c model.Column, v model.Value) {
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
		b = appendMoney(b, v, model.CurrencyDigits(c.Currency))
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
