package html

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/careport/careport/reports/model"
)

// options builds ch over s and decodes its options.
func options(t *testing.T, s *model.Sheet, ch model.Chart, pal palette) (chartView, map[string]any) {
	t.Helper()
	c, err := collect(t.Context(), s, maxChartPoints)
	if err != nil {
		t.Fatal(err)
	}
	cv, err := buildChart("c", ch, chartSource{s, c}, pal)
	if err != nil {
		t.Fatal(err)
	}
	var opt map[string]any
	if cv.Options != "" {
		if err := json.Unmarshal([]byte(cv.Options), &opt); err != nil {
			t.Fatalf("options: %v\n%s", err, cv.Options)
		}
	}
	return cv, opt
}

func trendSheet(n int) *model.Sheet {
	s := model.NewSheet("Trend", model.TextCol("Month"), model.MoneyCol("Invoiced EUR", "EUR"), model.MoneyCol("Collected EUR", "EUR"), model.PercentCol("Share"))
	for i := range n {
		v := model.MoneyMinor(int64(i)*100, 2)
		if i == 1 {
			v = model.Value{}
		}
		s.AddRow(model.Text(fmt.Sprintf("m%d", i)), v, model.MoneyMinor(50, 2), model.Percent(0.25))
	}
	return s
}

// TestChartOptions checks the options of each chart kind: the series and
// categories of the model's spec, an empty value drawn as a gap ("-"),
// never zero, rich-text tooltips without a formatter, no toolbox, and the
// number formats the page's script applies.
func TestChartOptions(t *testing.T) {
	s := trendSheet(3)
	values := []string{"Invoiced EUR", "Collected EUR"}
	for _, tc := range []struct {
		kind       model.ChartKind
		wantKind   string
		series     int
		horizontal bool
	}{
		{model.ChartColumn, "bar", 2, false},
		{model.ChartBar, "bar", 2, true},
		{model.ChartLine, "line", 2, false},
		{model.ChartPie, "pie", 1, false},
	} {
		t.Run(tc.wantKind, func(t *testing.T) {
			cv, opt := options(t, s, model.Chart{Kind: tc.kind, Title: "T", Category: "Month", Values: values}, palette{})
			if cv.Kind != tc.wantKind || cv.Series != tc.series {
				t.Errorf("kind %q with %d series, want %q with %d", cv.Kind, cv.Series, tc.wantKind, tc.series)
			}
			series := opt["series"].([]any)
			if len(series) != tc.series {
				t.Fatalf("%d series in the options, want %d", len(series), tc.series)
			}
			first := series[0].(map[string]any)
			if first["name"] != "Invoiced EUR" || first["type"] != tc.wantKind {
				t.Errorf("first series %v", first)
			}
			data := first["data"].([]any)
			if tc.kind == model.ChartPie {
				// The empty month has no slice; the others are named.
				if len(data) != 2 || data[0].(map[string]any)["name"] != "m0" || data[1].(map[string]any)["name"] != "m2" {
					t.Errorf("pie data %v, want slices m0 and m2", data)
				}
			} else {
				got := []any{data[0].(map[string]any)["value"], data[1].(map[string]any)["value"], data[2].(map[string]any)["value"]}
				if fmt.Sprint(got) != "[0 - 2]" {
					t.Errorf("values %v, want [0 - 2] (the empty one a gap)", got)
				}
				axis := "xAxis"
				if tc.horizontal {
					axis = "yAxis"
				}
				cats := opt[axis].([]any)[0].(map[string]any)["data"].([]any)
				if fmt.Sprint(cats) != "[m0 m1 m2]" {
					t.Errorf("%s categories %v", axis, cats)
				}
			}
			tip := opt["tooltip"].(map[string]any)
			if tip["renderMode"] != "richText" || tip["confine"] != true || tip["formatter"] != nil {
				t.Errorf("tooltip %v", tip)
			}
			if _, ok := opt["toolbox"]; ok {
				t.Errorf("options have a toolbox")
			}
			meta := opt["careport"].(map[string]any)
			if meta["horizontal"] != tc.horizontal {
				t.Errorf("horizontal %v, want %v", meta["horizontal"], tc.horizontal)
			}
			want := map[string]any{"kind": "money", "prefix": "€", "digits": float64(2)}
			if fmt.Sprint(meta["value"]) != fmt.Sprint(want) {
				t.Errorf("value format %v, want %v", meta["value"], want)
			}
			if strings.Contains(string(cv.Options), "function") {
				t.Errorf("options hold a function: %s", cv.Options)
			}
		})
	}
}

// TestChartColoursFollowTheSeries checks that a series keeps its colour
// in every chart of the page, whatever its currency suffix.
func TestChartColoursFollowTheSeries(t *testing.T) {
	pal := palette{}
	s := trendSheet(2)
	_, a := options(t, s, model.Chart{Kind: model.ChartColumn, Category: "Month", Values: []string{"Invoiced EUR", "Collected EUR"}}, pal)
	_, b := options(t, s, model.Chart{Kind: model.ChartLine, Category: "Month", Values: []string{"Collected EUR"}}, pal)
	colour := func(opt map[string]any, i int) any {
		return opt["series"].([]any)[i].(map[string]any)["itemStyle"].(map[string]any)["color"]
	}
	if colour(a, 0) != seriesColours[0] || colour(a, 1) != seriesColours[1] || colour(b, 0) != seriesColours[1] {
		t.Errorf("colours %v %v %v, want %s %s %s", colour(a, 0), colour(a, 1), colour(b, 0), seriesColours[0], seriesColours[1], seriesColours[1])
	}
	if pal.of("Collected (USD)") != seriesColours[1] {
		t.Errorf("Collected in another currency has another colour")
	}
}

// TestChartLimits checks the charts' edge cases: a data sheet with more
// rows than a chart draws (the first maxChartPoints, said under the
// chart), an empty one (a message, no options), and specs naming unknown
// columns or sheets (errors).
func TestChartLimits(t *testing.T) {
	big := trendSheet(maxChartPoints + 5)
	cv, opt := options(t, big, model.Chart{Kind: model.ChartLine, Category: "Month", Values: []string{"Share"}}, palette{})
	if n := len(opt["series"].([]any)[0].(map[string]any)["data"].([]any)); n != maxChartPoints {
		t.Errorf("%d points, want %d", n, maxChartPoints)
	}
	if want := `The chart draws the first 1,000 of the 1,005 rows of "Trend"; the workbook has them all.`; cv.Caption != want {
		t.Errorf("caption %q, want %q", cv.Caption, want)
	}
	cv, _ = options(t, trendSheet(0), model.Chart{Kind: model.ChartColumn, Category: "Month", Values: []string{"Share"}}, palette{})
	if cv.Options != "" || cv.Empty == "" {
		t.Errorf("empty sheet: options %q, message %q", cv.Options, cv.Empty)
	}
	for _, ch := range []model.Chart{
		{Kind: model.ChartColumn, Category: "Nope", Values: []string{"Share"}},
		{Kind: model.ChartColumn, Category: "Month", Values: []string{"Nope"}},
		{Kind: model.ChartColumn, Category: "Month"},
		{Kind: model.ChartKind(99), Category: "Month", Values: []string{"Share"}},
	} {
		c, err := collect(t.Context(), big, 10)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := buildChart("c", ch, chartSource{big, c}, palette{}); err == nil {
			t.Errorf("chart %+v: no error", ch)
		}
	}
	r := testReport(1)
	r.Charts = append(r.Charts, model.Chart{Kind: model.ChartLine, Category: "Month", Values: []string{"Share"}, Data: "No such sheet"})
	if err := Write(t.Context(), discard{}, r, Options{}); err == nil || !strings.Contains(err.Error(), `unknown data sheet "No such sheet"`) {
		t.Errorf("chart of an unknown sheet: got %v", err)
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
