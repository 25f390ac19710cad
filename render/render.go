// Package render is the table of output formats: each Renderer writes a
// report model into a render/output Set under names built from
// Report.FileBase, so commands and reports never name a format's package.
// A new format (HTML, PDF) is one more Renderer in Formats.
//
// Output names, for r.FileBase() "revenue-2026-10-EUR":
//   - xlsx: the workbook "revenue-2026-10-EUR.xlsx".
//   - csv: the folder "revenue-2026-10-EUR" of files named
//     "revenue-2026-10-EUR <sheet>.csv" (see render/csvfile), swapped in
//     whole by Set.Commit.
//   - html: the page "revenue-2026-10-EUR.html" (see render/html).
package render

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/careport/careport/render/csvfile"
	"github.com/careport/careport/render/html"
	"github.com/careport/careport/render/output"
	"github.com/careport/careport/render/xlsx"
	"github.com/careport/careport/reports/model"
)

// Options holds every format's options; each Renderer reads its own.
type Options struct {
	XLSX xlsx.Options
	CSV  csvfile.Options
	HTML html.Options
}

// Renderer writes a report in one format.
type Renderer interface {
	// Name is the format's name as a user types it ("xlsx", "csv").
	Name() string
	// Description is one line for --help.
	Description() string
	// Render writes r into out and returns the paths its files will have
	// once out is committed. It stops with ctx's error when ctx ends.
	Render(ctx context.Context, r *model.Report, out *output.Set, opts Options) ([]string, error)
}

// Noticer is implemented by a format with something to say once per run
// that uses it (the html format built without its chart library); Notice
// returns "" when there is nothing to say.
type Noticer interface {
	Notice() string
}

// Formats returns every format, in the order --help lists them.
func Formats() []Renderer { return []Renderer{xlsxFormat{}, csvFormat{}, htmlFormat{}} }

// Lookup returns the format named name (case-insensitively), or an error
// naming the formats there are.
func Lookup(name string) (Renderer, error) {
	var names []string
	for _, f := range Formats() {
		if strings.EqualFold(f.Name(), name) {
			return f, nil
		}
		names = append(names, f.Name())
	}
	return nil, fmt.Errorf("unknown format %q (formats: %s)", name, strings.Join(names, ", "))
}

type xlsxFormat struct{}

func (xlsxFormat) Name() string { return "xlsx" }

func (xlsxFormat) Description() string {
	return "Excel workbook: a front page of KPIs and charts, then one sheet per table"
}

func (xlsxFormat) Render(ctx context.Context, r *model.Report, out *output.Set, opts Options) ([]string, error) {
	name := r.FileBase() + ".xlsx"
	o := opts.XLSX
	if o.TmpDir == "" {
		o.TmpDir = out.Dir() // spill files go with the staging folder
	}
	if err := xlsx.WriteFile(ctx, out.Path(name), r, o); err != nil {
		return nil, fmt.Errorf("xlsx: %w", err)
	}
	return []string{out.Target(name)}, nil
}

type csvFormat struct{}

func (csvFormat) Name() string { return "csv" }

func (csvFormat) Description() string {
	return "a folder of CSV files, one per table, totals in their own files"
}

func (csvFormat) Render(ctx context.Context, r *model.Report, out *output.Set, opts Options) ([]string, error) {
	base := r.FileBase()
	o := opts.CSV
	if o.Prefix == "" {
		o.Prefix = base + " "
	}
	dir := out.Path(base)
	if err := os.Mkdir(dir, 0o755); err != nil {
		return nil, fmt.Errorf("csv: %w", err)
	}
	staged, err := csvfile.Write(ctx, dir, r, o)
	if err != nil {
		return nil, fmt.Errorf("csv: %w", err)
	}
	paths := make([]string, len(staged))
	for i, p := range staged {
		paths[i] = filepath.Join(out.Target(base), filepath.Base(p))
	}
	return paths, nil
}
