//go:build !linux

package output

// exchange is not available here; Commit sets the old folder aside instead.
func exchange(a, b string) (bool, error) { return false, nil }
