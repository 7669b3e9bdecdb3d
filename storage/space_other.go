//go:build !linux && !windows

package storage

import "golang.org/x/sys/unix"

func freeSpace(dir string) (int64, error) {
	var st unix.Statfs_t
	if err := unix.Statfs(dir, &st); err != nil {
		return 0, err
	}
	return int64(st.Bavail) * int64(st.Bsize), nil
}

// allocate does nothing here: without fallocate the room check before each
// write is the guard.
func allocate(string, int64) error { return nil }

func describeDisk(dir string) string { return dir }
