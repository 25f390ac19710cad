package main

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// isTerminal reports whether w is a terminal (progress is shown only there).
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// newProgress returns the progress display of a run's fetch: on a terminal
// and without --quiet, one line saying what is being fetched and how many
// calls of how many are done; otherwise nil (nothing is shown).
func newProgress(e *env, quiet bool, bytes *countingTransport) *progress {
	if quiet || !isTerminal(e.stderr) {
		return nil
	}
	p := &progress{e: e, running: map[string]int{}, bytes: bytes, stop: make(chan struct{})}
	if bytes != nil {
		// The bytes received grow while a body arrives, between calls'
		// Started and Done: refresh the line on a ticker meanwhile.
		go func() {
			t := time.NewTicker(250 * time.Millisecond)
			defer t.Stop()
			for {
				select {
				case <-t.C:
					p.mu.Lock()
					p.describe()
					p.mu.Unlock()
				case <-p.stop:
					return
				case <-e.ctx.Done():
					return
				}
			}
		}()
	}
	return p
}

// close stops the refresh of the progress line.
func (p *progress) close() {
	if p != nil {
		p.mu.Lock()
		defer p.mu.Unlock()
		select {
		case <-p.stop:
		default:
			close(p.stop)
		}
	}
}

// progress implements dataset.Progress with a progress bar.
type progress struct {
	e       *env
	mu      sync.Mutex
	bar     *progressbar.ProgressBar
	total   int
	done    int // calls done, for a bar started after the first finished
	running map[string]int
	bytes   *countingTransport
	stop    chan struct{}
}

func (p *progress) Planned(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.total += n
	if p.bar != nil && !p.bar.IsFinished() {
		p.bar.ChangeMax(p.total)
		return
	}
	// The first plan, or a later load after the bar finished and cleared
	// itself (the coaches are loaded alone first): a finished bar shows
	// nothing more, so start a new one at the calls done so far.
	p.bar = progressbar.NewOptions(p.total,
		progressbar.OptionSetWriter(p.e.stderr),
		progressbar.OptionShowCount(),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetDescription("fetching"))
	_ = p.bar.Set(p.done) // display only
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
	p.done++
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
	d := "fetching " + strings.Join(names, ", ")
	if len(names) == 0 {
		d = "fetched"
	}
	if p.bytes != nil {
		d += fmt.Sprintf(" (%.1f MB received)", float64(p.bytes.bytes.Load())/1e6)
	}
	p.bar.Describe(d)
}

// short is a need's kind, without its parameters.
func short(need string) string {
	k, _, _ := strings.Cut(need, " ")
	return k
}
