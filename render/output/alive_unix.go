//go:build unix

package output

import (
	"errors"
	"os"
	"syscall"
)

// alive reports whether process pid runs (or may run: it exists but
// belongs to someone else). The current process is alive.
func alive(pid int) bool {
	if pid == os.Getpid() {
		return true
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
