//go:build !linux

package snapshot

// exchange is not available here; Finish renames the old folder aside.
func exchange(a, b string) error { return errNoExchange }
