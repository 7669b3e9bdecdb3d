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
//
// The mapping starts one page past a 2 MB boundary. The kernel caches a
// file in pieces of up to 2 MB (ext4 does, for a file written or read
// ahead in large runs), and a mapping whose addresses line up with the
// file's pieces gets a whole piece mapped, and counted as the process's,
// for a read of one byte of it: a query reading a few bytes of each of
// the index's arrays would count tens of megabytes. Out of line, each read
// maps its own page and a few neighbours.
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
	const piece, page = 2 << 20, 4096
	length := uintptr(size)
	// Room for the mapping wherever it must start, then the mapping put
	// in it, then the room around it given back.
	room, err := unix.MmapPtr(-1, 0, nil, length+2*piece, unix.PROT_NONE, unix.MAP_PRIVATE|unix.MAP_ANONYMOUS)
	if err != nil {
		return readIndexFile(f, size)
	}
	lead := (piece-uintptr(room)%piece)%piece + page
	at, err := unix.MmapPtr(int(f.Fd()), 0, unsafe.Add(room, lead), length, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_FIXED)
	if err != nil {
		// A file system that cannot map files: read it whole.
		_ = unix.MunmapPtr(room, length+2*piece)
		return readIndexFile(f, size)
	}
	_ = unix.MunmapPtr(room, lead)
	if tail := (lead + length + page - 1) &^ (page - 1); tail < length+2*piece {
		_ = unix.MunmapPtr(unsafe.Add(room, tail), length+2*piece-tail)
	}
	data := unsafe.Slice((*byte)(at), size)
	noteMapped(data)
	return data, nil
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

// readIndexFile reads the saved index whole, where it cannot be mapped.
func readIndexFile(f *os.File, size uint64) ([]byte, error) {
	data := make([]byte, size)
	if _, err := f.ReadAt(data, 0); err != nil {
		return nil, err
	}
	return data, nil
}
