package storage

import (
	"bufio"
	"bytes"
	"container/heap"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
)

// runSorter sorts more key-value pairs than are worth holding in memory: it
// gathers them up to a size, writes each full run sorted to a file, and
// merges the runs in key order at the end. A key written twice keeps its
// last value. A fill uses it to hand Badger's stream writer a casebook in
// key order, which the writer turns straight into tables of the last level:
// no write-ahead log, no memtables, no compaction.
type runSorter struct {
	dir      string
	runBytes int
	arena    []byte
	pairs    []pairAt
	runs     []string
}

// fillRunPattern names a fill's run files.
const fillRunPattern = "fill-*.run"

// pairAt is one pair in the arena: its key, then its value.
type pairAt struct{ off, keyLen, valueLen uint32 }

func newRunSorter(dir string, runBytes int) *runSorter {
	return &runSorter{dir: dir, runBytes: runBytes, arena: make([]byte, 0, runBytes)}
}

func (rs *runSorter) key(p pairAt) []byte { return rs.arena[p.off : p.off+p.keyLen] }
func (rs *runSorter) value(p pairAt) []byte {
	return rs.arena[p.off+p.keyLen : p.off+p.keyLen+p.valueLen]
}

// add copies one pair in.
func (rs *runSorter) add(key, value []byte) error {
	if len(rs.arena)+len(key)+len(value) > rs.runBytes && len(rs.pairs) > 0 {
		if err := rs.spill(); err != nil {
			return err
		}
	}
	rs.pairs = append(rs.pairs, pairAt{uint32(len(rs.arena)), uint32(len(key)), uint32(len(value))})
	rs.arena = append(append(rs.arena, key...), value...)
	return nil
}

// sortRun orders the pairs in memory by key and drops all but the last of
// equal keys.
func (rs *runSorter) sortRun() {
	slices.SortStableFunc(rs.pairs, func(a, b pairAt) int { return bytes.Compare(rs.key(a), rs.key(b)) })
	kept := rs.pairs[:0]
	for i, p := range rs.pairs {
		if i+1 < len(rs.pairs) && bytes.Equal(rs.key(p), rs.key(rs.pairs[i+1])) {
			continue
		}
		kept = append(kept, p)
	}
	rs.pairs = kept
}

// spill writes the pairs in memory, sorted, to a new run file: each pair as
// the key's length and the value's length (uvarints), the key, the value.
func (rs *runSorter) spill() (err error) {
	rs.sortRun()
	f, err := os.CreateTemp(rs.dir, fillRunPattern)
	if err != nil {
		return err
	}
	rs.runs = append(rs.runs, f.Name())
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	w := bufio.NewWriterSize(f, 1<<20)
	var lens [2 * binary.MaxVarintLen32]byte
	for _, p := range rs.pairs {
		n := binary.PutUvarint(lens[:], uint64(p.keyLen))
		n += binary.PutUvarint(lens[n:], uint64(p.valueLen))
		if _, err := w.Write(lens[:n]); err != nil {
			return err
		}
		if _, err := w.Write(rs.arena[p.off : p.off+p.keyLen+p.valueLen]); err != nil {
			return err
		}
	}
	rs.arena, rs.pairs = rs.arena[:0], rs.pairs[:0]
	return w.Flush()
}

// remove deletes the run files.
func (rs *runSorter) remove() {
	for _, name := range rs.runs {
		_ = os.Remove(name)
	}
	rs.runs = nil
}

// merge calls fn with every pair in key order, each key once with its last
// value. The slices fn gets are valid only during the call.
func (rs *runSorter) merge(fn func(key, value []byte) error) error {
	rs.sortRun()
	var h runHeap
	// The runs in the order they were written, the pairs still in memory
	// last: of equal keys, the source written later wins.
	for i, name := range rs.runs {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		src := &runSource{order: i, file: bufio.NewReaderSize(f, 256<<10)}
		if err := src.next(); err != nil {
			return err
		}
		if !src.done {
			h = append(h, src)
		}
	}
	mem := &runSource{order: len(rs.runs), mem: rs}
	if err := mem.next(); err != nil {
		return err
	}
	if !mem.done {
		h = append(h, mem)
	}
	heap.Init(&h)
	var last []byte
	started := false
	for len(h) > 0 {
		src := h[0]
		if !started || !bytes.Equal(src.key, last) {
			if err := fn(src.key, src.value); err != nil {
				return err
			}
			last = append(last[:0], src.key...)
			started = true
		}
		if err := src.next(); err != nil {
			return err
		}
		if src.done {
			heap.Pop(&h)
		} else {
			heap.Fix(&h, 0)
		}
	}
	return nil
}

// runSource is one sorted run being merged: a file, or the pairs in memory.
type runSource struct {
	order      int
	file       *bufio.Reader
	mem        *runSorter
	at         int
	key, value []byte
	buf        []byte
	done       bool
}

var errBrokenRun = errors.New("a fill's sorted run is cut short")

func (s *runSource) next() error {
	if s.mem != nil {
		if s.at >= len(s.mem.pairs) {
			s.done = true
			return nil
		}
		p := s.mem.pairs[s.at]
		s.at++
		s.key, s.value = s.mem.key(p), s.mem.value(p)
		return nil
	}
	keyLen, err := binary.ReadUvarint(s.file)
	if errors.Is(err, io.EOF) {
		s.done = true
		return nil
	}
	if err != nil {
		return err
	}
	valueLen, err := binary.ReadUvarint(s.file)
	if err != nil {
		return fmt.Errorf("%w: %v", errBrokenRun, err)
	}
	n := int(keyLen + valueLen)
	if cap(s.buf) < n {
		s.buf = make([]byte, n)
	}
	s.buf = s.buf[:n]
	if _, err := io.ReadFull(s.file, s.buf); err != nil {
		return fmt.Errorf("%w: %v", errBrokenRun, err)
	}
	s.key, s.value = s.buf[:keyLen], s.buf[keyLen:]
	return nil
}

// runHeap orders the sources by their current key, and of equal keys puts
// the one written later first.
type runHeap []*runSource

func (h runHeap) Len() int { return len(h) }
func (h runHeap) Less(i, j int) bool {
	if c := bytes.Compare(h[i].key, h[j].key); c != 0 {
		return c < 0
	}
	return h[i].order > h[j].order
}
func (h runHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *runHeap) Push(x any)   { *h = append(*h, x.(*runSource)) }
func (h *runHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
