package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/careport/careport/render/csvfile"
	"github.com/careport/careport/render/xlsx"
	"github.com/careport/careport/reports/model"
)

// format is one output format: a name for --format and the renderer that
// writes a report in it into a folder, returning the paths it wrote.
type format struct {
	name   string
	render func(ctx context.Context, r *model.Report, dir, base string) ([]string, error)
}

// formats is the one table of output formats; a new renderer plugs in here
// without touching any report or command.
func formats() []format {
	return []format{
		{"xlsx", func(ctx context.Context, r *model.Report, dir, base string) ([]string, error) {
			path := filepath.Join(dir, base+".xlsx")
			if err := xlsx.WriteFile(ctx, path, r, xlsx.Options{}); err != nil {
				return nil, fmt.Errorf("write %s: %w", path, err)
			}
			return []string{path}, nil
		}},
		{"csv", func(ctx context.Context, r *model.Report, dir, base string) ([]string, error) {
			d := filepath.Join(dir, base+"-csv")
			files, err := csvfile.WriteDir(ctx, d, r)
			if err != nil {
				return nil, fmt.Errorf("write %s: %w", d, err)
			}
			return files, nil
		}},
	}
}

func formatNames() []string {
	var out []string
	for _, f := range formats() {
		out = append(out, f.name)
	}
	return out
}

// parseFormats parses --format: names from the table, comma-separated.
func parseFormats(s string) ([]format, error) {
	var out []format
	seen := map[string]bool{}
	for _, name := range strings.Split(s, ",") {
		name = strings.ToLower(strings.TrimSpace(name))
		if name == "" || seen[name] {
			continue
		}
		found := false
		for _, f := range formats() {
			if f.name == name {
				out, found = append(out, f), true
			}
		}
		if !found {
			return nil, usagef("--format: unknown format %q (want %s)%s", name, strings.Join(formatNames(), ", "), suggest(name, formatNames()))
		}
		seen[name] = true
	}
	if len(out) == 0 {
		return nil, usagef("--format names no format (want %s)", strings.Join(formatNames(), ", "))
	}
	return out, nil
}

// baseName is a report's file name without extension: its name, period
// and filters, so that filtered and unfiltered runs never overwrite each
// other ("<report>-2026-10", "<report>-2026-10-coach-7-EUR").
func baseName(r *model.Report) string {
	parts := []string{r.Name, strings.ReplaceAll(r.Period.Label, "..", "_")}
	for _, f := range r.Filters {
		v := f.Value
		if f.Key == "Coach" {
			if i := strings.LastIndex(v, "("); i >= 0 {
				v = "coach-" + strings.Trim(v[i:], "()")
			}
		}
		parts = append(parts, v)
	}
	s := strings.Join(parts, "-")
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>| `, r) || r < 32 {
			return '_'
		}
		return r
	}, s)
}

// render writes r in every format into dir.
func render(ctx context.Context, r *model.Report, dir string, fs []format) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("output folder: %s", plainFSError(err))
	}
	var files []string
	base := baseName(r)
	for _, f := range fs {
		got, err := f.render(ctx, r, dir, base)
		if err != nil {
			return files, err
		}
		files = append(files, got...)
	}
	return files, nil
}
