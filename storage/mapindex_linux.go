package storage

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// mapIndexFile maps the saved index's file into memory, private and
// writable: the search index changes its arrays in place as the casebook
// changes, and the kernel copies a page the first time it is written, so
// the file stays as saved. Pages are read from the file when first
// touched, and being the file's, the kernel can drop the ones untouched
// for long. The mapping is never undone: the index hands out strings that
// point into it. A missing file, or one of another length than size,
// returns nil and no error.
func mapIndexFile(path string, size uint64) ([]byte, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if uint64(info.Size()) != size || size == 0 {
		return nil, nil
	}
	data, err := unix.Mmap(int(f.Fd()), 0, int(size), unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE)
	if err != nil {
		return nil, err
	}
	// No read-ahead: a query reads a few scattered pages of each array.
	_ = unix.Madvise(data, unix.MADV_RANDOM)
	return data, nil
}

// dropFromCache asks the kernel to forget the cached pages of a file just
// written. Written in large writes, a file's cache is held in large folios
// (2 MB on ext4), and a process that maps the file and touches one byte of
// such a folio has all of it mapped and counted as its own: a query that
// reads a few bytes from each of the index's arrays would count tens of
// megabytes. Read back a page at a time instead (mapIndexFile asks for no
// read-ahead), the cache holds just the pages queries touch.
func dropFromCache(path string) {
	f, err := os.Open(path)
	if err != nil {
		return
	}
	defer f.Close()
	_ = unix.Fadvise(int(f.Fd()), 0, 0, unix.FADV_DONTNEED)
}
