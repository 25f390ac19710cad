package scorecard

import (
	"fmt"
	"strings"
)

// A component of the score: its weight (the weights add up to 100) and
// its value between 0 and 1 for one coach, ok false when it has no base.
type component struct {
	name   string
	weight int
	value  func(f *figures, m maxima) (float64, bool)
}

// maxima are the team's highest per-client figures in one period, over the
// coaches with active clients: the relative components are a coach's
// figure divided by them.
type maxima struct {
	activity, appts float64
}

// perClientF is n per active client as a float, for the score only.
func perClientF(n int, f *figures) (float64, bool) { return ratio(n, f.clients) }

// components is the score formula, stated on the Team sheet and the Notes.
var components = []component{
	{"share of active clients with any activity", 30, func(f *figures, _ maxima) (float64, bool) {
		return f.shareActive()
	}},
	{"activity per active client, relative to the team's highest", 20, func(f *figures, m maxima) (float64, bool) {
		v, ok := perClientF(f.activity(), f)
		if !ok || m.activity == 0 {
			return 0, false
		}
		return v / m.activity, true
	}},
	{"appointments held per active client, relative to the team's highest", 20, func(f *figures, m maxima) (float64, bool) {
		v, ok := perClientF(f.held, f)
		if !ok || m.appts == 0 {
			return 0, false
		}
		return v / m.appts, true
	}},
	{"action on-time rate", 15, func(f *figures, _ maxima) (float64, bool) { return f.onTimeRate() }},
	{"worksheet completion", 15, func(f *figures, _ maxima) (float64, bool) { return f.wsCompletion() }},
}

// scoreFormula is the score's definition in one sentence.
func scoreFormula() string {
	var parts []string
	for _, c := range components {
		parts = append(parts, fmt.Sprintf("%d%% %s", c.weight, c.name))
	}
	return "Score = " + strings.Join(parts, " + ") +
		", each component between 0 and 1 and the score shown as a percentage; a component without a base (no actions or worksheets due in the period, or a team highest of zero) is left out and the weights of the others are scaled up to 100%."
}

// teamMaxima returns the highest per-client activity and appointments held
// over the coaches of figs with active clients.
func teamMaxima(figs map[int]*figures) maxima {
	var m maxima
	for _, f := range figs {
		if v, ok := perClientF(f.activity(), f); ok && v > m.activity {
			m.activity = v
		}
		if v, ok := perClientF(f.held, f); ok && v > m.appts {
			m.appts = v
		}
	}
	return m
}

// score returns a coach's score between 0 and 1, ok false when no
// component has a base.
func score(f *figures, m maxima) (float64, bool) {
	sum, weights := 0.0, 0
	for _, c := range components {
		if v, ok := c.value(f, m); ok {
			sum += float64(c.weight) * v
			weights += c.weight
		}
	}
	if weights == 0 {
		return 0, false
	}
	return sum / float64(weights), true
}
