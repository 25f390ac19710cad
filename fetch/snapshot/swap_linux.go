package snapshot

import (
	"errors"

	"golang.org/x/sys/unix"
)

// exchange swaps the folders at a and b in one atomic step
// (renameat2 RENAME_EXCHANGE). It returns errNoExchange where the kernel or
// the file system does not support it.
func exchange(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOTSUP) {
		return errNoExchange
	}
	return err
}
