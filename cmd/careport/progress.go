package main

import (
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/careport/careport/fetch/dataset"
)

// isTerminal reports whether w is a terminal (progress is shown only there).
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// newProgress returns the progress display of a run's fetch: on a terminal
// and without --quiet, one line saying what is being fetched and how many
// calls of how many are done; otherwise nil (nothing is shown).
func newProgress(e *env, quiet bool) dataset.Progress {
	if quiet || !isTerminal(e.stderr) {
		return nil
	}
	return &progress{e: e, running: map[string]int{}}
}

// progress implements dataset.Progress with a progress bar.
type progress struct {
	e       *env
	mu      sync.Mutex
	bar     *progressbar.ProgressBar
	total   int
	running map[string]int
}

func (p *progress) Planned(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.total += n
	if p.bar == nil {
		p.bar = progressbar.NewOptions(p.total,
			progressbar.OptionSetWriter(p.e.stderr),
			progressbar.OptionShowCount(),
			progressbar.OptionSetElapsedTime(true),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionSetDescription("fetching"))
		return
	}
	p.bar.ChangeMax(p.total)
}

func (p *progress) Started(need string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.running[short(need)]++
	p.describe()
}

func (p *progress) Done(need string, err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	k := short(need)
	if p.running[k]--; p.running[k] <= 0 {
		delete(p.running, k)
	}
	p.describe()
	if p.bar != nil {
		_ = p.bar.Add(1) // display only; a failed terminal write does not matter
	}
}

func (p *progress) describe() {
	if p.bar == nil {
		return
	}
	names := make([]string, 0, len(p.running))
	for k := range p.running {
		names = append(names, k)
	}
	sort.Strings(names)
	p.bar.Describe("fetching " + strings.Join(names, ", "))
}

// short is a need's kind, without its parameters.
func short(need string) string {
	k, _, _ := strings.Cut(need, " ")
	return k
}
