package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
)

// sentenceHandler is the text log format: each record is a plain sentence
// on stderr ("careport: warning: ..."), with any attributes after it in
// parentheses, rather than slog's key=value lines; --log-format json gives
// machines the structured form. Messages pass through terminalSafe, since
// they may quote API data.
type sentenceHandler struct {
	mu    *sync.Mutex
	w     io.Writer
	level slog.Level
	attrs []slog.Attr
}

func newSentenceHandler(w io.Writer, level slog.Level) *sentenceHandler {
	return &sentenceHandler{mu: &sync.Mutex{}, w: w, level: level}
}

func (h *sentenceHandler) Enabled(_ context.Context, l slog.Level) bool { return l >= h.level }

func (h *sentenceHandler) Handle(_ context.Context, r slog.Record) error {
	var b strings.Builder
	b.WriteString("careport: ")
	switch {
	case r.Level >= slog.LevelError:
		b.WriteString("error: ")
	case r.Level >= slog.LevelWarn:
		b.WriteString("warning: ")
	case r.Level < slog.LevelInfo:
		b.WriteString("debug: ")
	}
	b.WriteString(terminalSafe(r.Message))
	var parts []string
	add := func(a slog.Attr) {
		if a.Equal(slog.Attr{}) {
			return
		}
		parts = append(parts, a.Key+" "+terminalSafe(a.Value.String()))
	}
	for _, a := range h.attrs {
		add(a)
	}
	r.Attrs(func(a slog.Attr) bool { add(a); return true })
	if len(parts) > 0 {
		b.WriteString(" (" + strings.Join(parts, ", ") + ")")
	}
	b.WriteByte('\n')
	h.mu.Lock()
	defer h.mu.Unlock()
	_, err := fmt.Fprint(h.w, b.String())
	return err
}

func (h *sentenceHandler) WithAttrs(as []slog.Attr) slog.Handler {
	c := *h
	c.attrs = append(append([]slog.Attr{}, h.attrs...), as...)
	return &c
}

// WithGroup is not used by careport; groups are flattened.
func (h *sentenceHandler) WithGroup(string) slog.Handler { return h }
