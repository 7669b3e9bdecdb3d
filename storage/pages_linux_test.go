package storage

import (
	"bufio"
	"encoding/binary"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
	"unsafe"

	"codeberg.org/parley/parley/app"

	"codeberg.org/parley/parley/app/synth"
)

// residentTableKB sums the resident memory of this process's mappings of
// the store's table and value-log files, from /proc/self/smaps.
func residentTableKB(t *testing.T, s *Store) int {
	t.Helper()
	tables, err := fileMappings(s.dir + "/casebook")
	if err != nil {
		t.Fatal(err)
	}
	starts := map[string]bool{}
	for _, m := range tables {
		starts[strconv.FormatUint(uint64(m.start), 16)] = true
	}
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	kb, in := 0, false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if rng, _, ok := mapsLine(line); ok && strings.Contains(rng, "-") {
			lo, _, _ := strings.Cut(rng, "-")
			in = starts[strings.TrimLeft(lo, "0")]
			continue
		}
		if v, ok := strings.CutPrefix(line, "Rss:"); ok && in {
			n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			kb += n
		}
	}
	return kb
}

// TestReleaseReadPages reads a whole casebook, as the search index does,
// and gives the pages back: the tables stop counting in the resident
// memory, and the casebook reads the same afterwards.
func TestReleaseReadPages(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	c := synth.Synthetic(synth.SyntheticSpec{Actors: 50, Places: 10, Sources: 20, Statements: 20000, Seed: 3})
	if err := app.LoadCase(s, c, 2000); err != nil {
		t.Fatal(err)
	}
	// Merged and reopened, the writes are in table files that no
	// compaction is reading.
	if err := s.Settle(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if s, err = Open(dir); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	readAll := func() int {
		n := 0
		if err := s.View(func(r app.Reader) error {
			return r.ForEachStatement(func(app.Statement) error { n++; return nil })
		}); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := readAll(); n != 20000 {
		t.Fatalf("read %d statements", n)
	}
	tables, err := fileMappings(dir + "/casebook")
	if err != nil || len(tables) == 0 {
		t.Fatalf("%d table mappings, %v", len(tables), err)
	}
	before := residentTableKB(t, s)
	if before < 512 {
		t.Fatalf("a full read left %d kB of tables resident; the test reads nothing", before)
	}
	// Badger's own goroutines may still read tables meanwhile (a slow
	// machine, the race detector): one of a few releases must leave
	// almost nothing resident.
	after := before
	for try := 0; try < 5 && after > before/8; try++ {
		if try > 0 {
			time.Sleep(200 * time.Millisecond)
		}
		if err := s.ReleaseReadPages(); err != nil {
			t.Fatal(err)
		}
		after = residentTableKB(t, s)
	}
	if after > before/8 {
		t.Errorf("tables resident: %d kB before, %d kB after", before, after)
	}
	if n := readAll(); n != 20000 {
		t.Errorf("after the release, read %d statements", n)
	}
}

func TestMapsLine(t *testing.T) {
	cases := []struct{ line, rng, path string }{
		{"7f00-7f10 r--s 00000000 08:01 123 /data/casebook/000001.sst", "7f00-7f10", "/data/casebook/000001.sst"},
		{"7f00-7f10 r--s 00000000 08:01 123    /my data/case book/000002.sst", "7f00-7f10", "/my data/case book/000002.sst"},
		{"7f00-7f10 rw-p 00000000 00:00 0 ", "7f00-7f10", ""},
		{"7f00-7f10 rw-p 00000000 00:00 0", "7f00-7f10", ""},
		{"Rss:                 12 kB", "", ""},
	}
	for _, c := range cases {
		rng, path, _ := mapsLine(c.line)
		if rng != c.rng || path != c.path {
			t.Errorf("%q: %q %q", c.line, rng, path)
		}
	}
}

// An index saved in chunks by an earlier release is read from the value
// log's mapped files; given back, those pages stop counting, the index
// reads the same, and writes go on.
func TestReleasePagesOfTheSavedIndex(t *testing.T) {
	s, _ := openTemp(t)
	data := make([]byte, 6<<20)
	for i := range data {
		data[i] = byte(i * 7)
	}
	saveChunked(t, s, 1, data)
	if _, got, err := s.SavedIndex(); err != nil || len(got) != len(data) {
		t.Fatalf("read %d bytes, %v", len(got), err)
	}
	before := residentTableKB(t, s)
	if err := s.ReleaseReadPages(); err != nil {
		t.Fatal(err)
	}
	after := residentTableKB(t, s)
	if before < 4<<10 || after > before/4 {
		t.Errorf("resident in the casebook's files: %d kB after reading a 6 MB index, %d kB after giving them back", before, after)
	}
	if _, got, _ := s.SavedIndex(); string(got) != string(data) {
		t.Error("the index reads otherwise after its pages were given back")
	}
	if err := s.Update(func(tx app.Tx) error { return tx.PutActor(app.Actor{ID: "a", Name: "A"}) }); err != nil {
		t.Fatal(err)
	}
	if a, err := s.Actor("a"); err != nil || a.Name != "A" {
		t.Fatalf("a write after: %+v %v", a, err)
	}
}

// residentPages counts the pages of b this process has mapped in.
func residentPages(t *testing.T, b []byte) int {
	t.Helper()
	pm, err := os.Open("/proc/self/pagemap")
	if err != nil {
		t.Skip(err)
	}
	defer pm.Close()
	first := uintptr(unsafe.Pointer(&b[0])) / 4096
	entries := make([]byte, 8*((len(b)+4095)/4096))
	if _, err := pm.ReadAt(entries, int64(first*8)); err != nil {
		t.Fatal(err)
	}
	n := 0
	for i := 0; i < len(entries); i += 8 {
		if binary.LittleEndian.Uint64(entries[i:])&(1<<63) != 0 {
			n++
		}
	}
	return n
}

// saveAndMap saves size bytes (byte i is i*step) as the index and returns
// them, and the saved index as SavedIndex maps it.
func saveAndMap(t *testing.T, s *Store, size, step int) (data, mapped []byte) {
	t.Helper()
	data = make([]byte, size)
	for i := range data {
		data[i] = byte(i * step)
	}
	if err := s.SaveIndex(1, data); err != nil {
		t.Fatal(err)
	}
	_, mapped, err := s.SavedIndex()
	if err != nil || len(mapped) != len(data) {
		t.Fatalf("read %d bytes, %v", len(mapped), err)
	}
	return data, mapped
}

// A saved index comes mapped, and a process that reads a few bytes of it
// has only those pages in memory: not the file, and not the large pieces
// the kernel caches a file just written in (see mapIndexFile).
func TestASavedIndexCostsThePagesRead(t *testing.T) {
	s, _ := openTemp(t)
	data, got := saveAndMap(t, s, 16<<20, 13)
	if n := residentPages(t, got); n != 0 {
		t.Errorf("%d pages in memory before any is read", n)
	}
	sum := 0
	for _, at := range []int{3 << 20, 7<<20 + 5, 12 << 20} {
		sum += int(got[at])
	}
	if sum != int(data[3<<20])+int(data[7<<20+5])+int(data[12<<20]) {
		t.Fatal("the mapped index reads otherwise than it was saved")
	}
	// The kernel may map a few neighbours with each page (16 at most).
	if n := residentPages(t, got); n > 3*16 {
		t.Errorf("%d pages (%d kB) in memory after reading three bytes", n, 4*n)
	}
}

// Given back, the pages of the mapped index read since stop counting, and
// read as before; a page the process changed keeps its change; memory the
// store did not map is refused.
func TestReleaseIndexPages(t *testing.T) {
	s, _ := openTemp(t)
	data, got := saveAndMap(t, s, 8<<20, 7)
	sum := 0
	for i := 0; i < len(got); i += 4096 {
		sum += int(got[i+1])
	}
	if sum == 0 {
		t.Fatal("the index reads as zeros")
	}
	got[5<<20] = 0xAB // this page becomes the process's own
	read := residentPages(t, got)
	if err := s.ReleaseIndexPages(got); err != nil {
		t.Fatal(err)
	}
	if after := residentPages(t, got); read < 2000 || after != 1 {
		t.Errorf("%d pages in memory after reading the whole index, %d after giving them back (want the one changed)", read, after)
	}
	if got[5<<20] != 0xAB {
		t.Error("the change to the index was lost")
	}
	if got[3<<20+1] != data[3<<20+1] || got[len(got)-1] != data[len(data)-1] {
		t.Error("the index reads otherwise after its pages were given back")
	}
	if err := s.ReleaseIndexPages(make([]byte, 1<<16)); err == nil {
		t.Error("memory the store did not map was given back")
	}
}
