//go:build unix

package snapshot

import (
	"errors"
	"syscall"
)

// processExists asks the kernel whether pid runs (signal 0). A pid that
// runs may be another process than the one that used it before, so known is
// false unless the pid is free.
func processExists(pid int) (exists, known bool) {
	err := syscall.Kill(pid, 0)
	if errors.Is(err, syscall.ESRCH) {
		return false, true
	}
	return true, false
}
