package storage

import (
	"encoding/binary"
	"errors"
	"os"
	"sync"
	"unsafe"

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
	noteMapped(data)
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

// mappedIndexes are the saved indexes mapIndexFile has mapped, by their
// first byte's address and length: ReleaseIndexPages works on those alone.
var mappedIndexes = struct {
	sync.Mutex
	m map[uintptr]int
}{m: map[uintptr]int{}}

func noteMapped(b []byte) {
	mappedIndexes.Lock()
	mappedIndexes.m[uintptr(unsafe.Pointer(&b[0]))] = len(b)
	mappedIndexes.Unlock()
}

// ReleaseIndexPages gives back the pages of a saved index mapped by
// SavedIndex that are as the file holds them: they stay in the kernel's
// file cache, and a later read maps them again, but stop counting in this
// process's memory. Pages the index has changed (copies of its own) are
// left alone, so nothing is lost; the caller must keep the index from
// changing meanwhile. A query over the whole casebook reads most of the
// index's facts, tens of megabytes at a million statements, that no query
// then needs for a while. data must be what SavedIndex returned.
func (s *Store) ReleaseIndexPages(data []byte) error {
	if len(data) == 0 {
		return nil
	}
	base := uintptr(unsafe.Pointer(&data[0]))
	mappedIndexes.Lock()
	size, ok := mappedIndexes.m[base]
	mappedIndexes.Unlock()
	if !ok || size != len(data) {
		return errors.New("not a mapped saved index")
	}
	pm, err := os.Open("/proc/self/pagemap")
	if err != nil {
		return err
	}
	defer pm.Close()
	const page = 4096
	pages := (len(data) + page - 1) / page
	// Each page's entry: bit 63 present, bit 61 a page of the file (a page
	// the process wrote to is its own copy, not the file's).
	const present, filePage = 1 << 63, 1 << 61
	entries := make([]byte, 8*min(pages, 1<<15))
	runStart := -1
	flush := func(end int) error {
		if runStart < 0 {
			return nil
		}
		err := unix.Madvise(data[runStart*page:min(end*page, len(data))], unix.MADV_DONTNEED)
		runStart = -1
		return err
	}
	for first := 0; first < pages; first += len(entries) / 8 {
		n := min(len(entries)/8, pages-first)
		if _, err := pm.ReadAt(entries[:8*n], int64((base/page+uintptr(first))*8)); err != nil {
			return err
		}
		for i := range n {
			e := binary.LittleEndian.Uint64(entries[8*i:])
			if e&present != 0 && e&filePage != 0 {
				if runStart < 0 {
					runStart = first + i
				}
			} else if err := flush(first + i); err != nil {
				return err
			}
		}
	}
	return flush(pages)
}
