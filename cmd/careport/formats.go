package main

import (
	"strings"

	"github.com/careport/careport/render"
)

// formatNames lists the output formats of render's format table, the one
// place a format is registered.
func formatNames() []string {
	var out []string
	for _, f := range render.Formats() {
		out = append(out, f.Name())
	}
	return out
}

// formatHelp is the --format flag's usage: each format with its line.
func formatHelp() string {
	var parts []string
	for _, f := range render.Formats() {
		parts = append(parts, f.Name()+" ("+f.Description()+")")
	}
	return "comma-separated output formats: " + strings.Join(parts, "; ")
}

// parseFormats parses --format: names from the table, comma-separated.
func parseFormats(s string) ([]render.Renderer, error) {
	var out []render.Renderer
	seen := map[string]bool{}
	for _, name := range strings.Split(s, ",") {
		name = strings.ToLower(strings.TrimSpace(name))
		if name == "" || seen[name] {
			continue
		}
		f, err := render.Lookup(name)
		if err != nil {
			return nil, usagef("--format: %v%s", err, suggest(name, formatNames()))
		}
		seen[name] = true
		out = append(out, f)
	}
	if len(out) == 0 {
		return nil, usagef("--format names no format (want %s)", strings.Join(formatNames(), ", "))
	}
	return out, nil
}
