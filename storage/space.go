package storage

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"syscall"

	"codeberg.org/parley/parley/app"
)

// Badger writes its logs through memory maps of files it makes at full
// size but leaves sparse: each memtable's log (twice the memtable, 16 MB),
// the value log (twice its file size, 32 MB) and the discard statistics
// (1 MB). A write into a page of such a file that has no disk block behind
// it asks the file system for one, and when the disk is full the kernel
// answers with SIGBUS, which no Go code can catch on Badger's goroutines.
// So Parley allocates every block of the mapped files as soon as they
// exist, and writes only with room to spare for the next memtable log, a
// table flushed from a memtable and the next value log: a write then never
// needs a block the disk may not have.
const (
	// reserve is the free space a write needs beyond itself.
	reserve = 2*memTableSize + memTableSize + 2*valueLogFileSize
	// openReserve is the free space opening for writing needs: Badger
	// makes a memtable log, a value log and its discard file at once.
	openReserve = 2*memTableSize + 2*valueLogFileSize + 1<<20 + reserve
)

// ErrNoSpace marks a write refused because the disk is (nearly) full.
var ErrNoSpace = errors.New("not enough space")

// noSpace says which disk is full, how much a write needs and how much
// there is.
func noSpace(dir string, need, free int64) error {
	return fmt.Errorf("%w on %s: need ~%d MB, have %.1f MB", ErrNoSpace, describeDisk(dir), (need+(1<<20)-1)>>20, float64(free)/(1<<20))
}

// CheckRoom reports ErrNoSpace, naming the disk, when writing about bytes
// more would leave less than the store needs to work.
func (s *Store) CheckRoom(bytes int64) error {
	if s.readOnly != "" {
		return fmt.Errorf("%w: %s", app.ErrReadOnly, s.readOnly)
	}
	free, err := freeSpace(s.dir)
	if err != nil {
		return nil // unknown here: the write itself will say
	}
	if need := reserve + max(bytes, 0); free < need {
		return noSpace(s.dir, need, free)
	}
	return nil
}

// allocateMapped gives every block to the files Badger maps for writing that
// have not been given them yet; it runs after each write, when a new log
// may have begun.
func (s *Store) allocateMapped() error {
	dir := s.dbDir
	var files []string
	for _, pattern := range []string{"*.mem", "*.vlog", "DISCARD"} {
		m, err := filepath.Glob(filepath.Join(dir, pattern))
		if err != nil {
			return err
		}
		files = append(files, m...)
	}
	for _, f := range files {
		info, err := os.Stat(f)
		if err != nil {
			continue // deleted since: a memtable flushed
		}
		if info.Size() == 0 || s.allocated[f] == info.Size() {
			continue
		}
		if err := allocate(f, info.Size()); err != nil {
			if errors.Is(err, syscall.ENOSPC) {
				free, _ := freeSpace(s.dir)
				return noSpace(s.dir, info.Size(), free)
			}
			return fmt.Errorf("allocating %s: %w", filepath.Base(f), err)
		}
		s.allocated[f] = info.Size()
	}
	return nil
}

// guardFaults runs fn, turning a fault of a memory-mapped file it touches
// (SIGBUS on a full disk) into an error instead of the end of the process.
// It covers fn's own goroutine only.
func guardFaults(dir string, fn func() error) (err error) {
	old := debug.SetPanicOnFault(true)
	defer debug.SetPanicOnFault(old)
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w on %s: the casebook's files could not be read or written (%v)", ErrNoSpace, describeDisk(dir), r)
		}
	}()
	return fn()
}
