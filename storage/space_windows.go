package storage

import "golang.org/x/sys/windows"

func freeSpace(dir string) (int64, error) {
	p, err := windows.UTF16PtrFromString(dir)
	if err != nil {
		return 0, err
	}
	var avail, total, free uint64
	if err := windows.GetDiskFreeSpaceEx(p, &avail, &total, &free); err != nil {
		return 0, err
	}
	return int64(avail), nil
}

// allocate does nothing here: Windows gives a mapped file's blocks when the
// file is sized.
func allocate(string, int64) error { return nil }

func describeDisk(dir string) string { return dir }
