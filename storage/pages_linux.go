package storage

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// ReleaseReadPages drops this process's mappings of the pages of the
// casebook's files it has read. Badger reads its tables and its value log
// through memory maps, so a full read (the search index is built from one,
// and the saved index is read from the value log) leaves every page read
// counted in the process's resident memory, tens of megabytes at a hundred
// thousand statements, though it is the kernel's file cache and nothing
// Parley holds. The mappings are shared ones of the files: the kernel keeps
// the pages, written ones included, in its cache and writes them back as
// ever; a later access maps them again.
func (s *Store) ReleaseReadPages() error {
	tables, err := fileMappings(s.dbDir)
	if err != nil {
		return err
	}
	for _, m := range tables {
		if _, _, errno := unix.Syscall(unix.SYS_MADVISE, m.start, m.end-m.start, unix.MADV_DONTNEED); errno != 0 {
			return errno
		}
	}
	return nil
}

// mapping is one address range of /proc/self/maps.
type mapping struct{ start, end uintptr }

// fileMappings lists the mappings of the table files (*.sst) and value-log
// files (*.vlog) in dir.
func fileMappings(dir string) ([]mapping, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	b, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		return nil, err
	}
	var out []mapping
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		// start-end perms offset dev inode path, the path last and
		// perhaps holding spaces.
		rng, path, ok := mapsLine(sc.Text())
		if !ok || !strings.HasSuffix(path, ".sst") && !strings.HasSuffix(path, ".vlog") || filepath.Dir(path) != dir {
			continue
		}
		lo, hi, ok := strings.Cut(rng, "-")
		if !ok {
			continue
		}
		start, err1 := strconv.ParseUint(lo, 16, 64)
		end, err2 := strconv.ParseUint(hi, 16, 64)
		if err1 != nil || err2 != nil || end <= start {
			continue
		}
		out = append(out, mapping{uintptr(start), uintptr(end)})
	}
	return out, sc.Err()
}

// mapsLine splits a line of /proc/self/maps into its address range and
// its path, which is empty for anonymous memory.
func mapsLine(line string) (rng, path string, ok bool) {
	rest := line
	for i := range 5 {
		rest = strings.TrimLeft(rest, " ")
		field, after, _ := strings.Cut(rest, " ")
		if field == "" {
			return "", "", false
		}
		if i == 0 {
			rng = field
		}
		rest = after
	}
	return rng, strings.TrimSpace(rest), true
}
