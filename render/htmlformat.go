package render

import (
	"context"
	"fmt"

	"github.com/careport/careport/render/html"
	"github.com/careport/careport/render/output"
	"github.com/careport/careport/reports/model"
)

// htmlFormat is the html format: one self-contained page per report.
type htmlFormat struct{}

func (htmlFormat) Name() string { return "html" }

// Description says, in a build without the inlined chart library, that
// the pages load it from the CDN: the one place a user reads it before
// sending a page to someone offline.
func (htmlFormat) Description() string {
	d := fmt.Sprintf("one self-contained web page of KPI cards, charts, tables and notes; a table shows at most %d rows", html.DefaultMaxRows)
	if !html.Inlined() {
		d += "; this build does not carry the chart library, so its pages load ECharts from cdn.jsdelivr.net to draw charts; make build inlines it"
	}
	return d
}

// Notice says, once per run that writes HTML, that a build without the
// inlined chart library makes pages that need the network for charts.
func (htmlFormat) Notice() string {
	if html.Inlined() {
		return ""
	}
	return "this careport build does not carry the chart library (built without make assets): the HTML pages load ECharts from cdn.jsdelivr.net to draw their charts, so their charts need the network; make build inlines it"
}

func (htmlFormat) Render(ctx context.Context, r *model.Report, out *output.Set, opts Options) ([]string, error) {
	name := r.FileBase() + ".html"
	if err := html.WriteFile(ctx, out.Path(name), r, opts.HTML); err != nil {
		return nil, fmt.Errorf("html: %w", err)
	}
	return []string{out.Target(name)}, nil
}
