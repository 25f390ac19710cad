package fetch

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
)

// fanOut calls get once per distinct id, with as many workers as the
// Client's concurrency (Call's semaphore bounds the requests themselves),
// and concatenates the results in ascending id order. The first error
// cancels the rest; it is the one returned.
func fanOut[R any](ctx context.Context, c *Client, function string, ids []int, get func(context.Context, int) ([]R, error)) ([]R, error) {
	ids = slices.Clone(ids)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	if len(ids) == 0 {
		return nil, nil
	}
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	var bar *progressbar.ProgressBar
	if c.progress != nil {
		bar = progressbar.NewOptions(len(ids),
			progressbar.OptionSetWriter(c.progress),
			progressbar.OptionSetDescription(function),
			progressbar.OptionShowCount(),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	}

	results := make([][]R, len(ids))
	var (
		once     sync.Once
		firstErr error
		wg       sync.WaitGroup
	)
	next := make(chan int)
	workers := min(cap(c.sem), len(ids))
	for range workers {
		wg.Go(func() {
			for i := range next {
				rs, err := get(ctx, ids[i])
				if err != nil {
					once.Do(func() { firstErr = err; cancel() })
					continue
				}
				results[i] = rs
				if bar != nil {
					_ = bar.Add(1) // progress display only; its write errors do not matter
				}
			}
		})
	}
feed:
	for i := range ids {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if bar != nil {
		_ = bar.Finish()
	}
	if firstErr != nil {
		return nil, firstErr
	}
	if err := parent.Err(); err != nil {
		return nil, err
	}
	var out []R
	for _, rs := range results {
		out = append(out, rs...)
	}
	return out, nil
}
