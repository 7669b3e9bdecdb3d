package search

import (
	"unsafe"

	"github.com/cespare/xxhash/v2"
)

// The index keeps its words, ids and atoms in these two structures rather
// than in Go maps and strings: at a hundred thousand statements a map entry
// and a string header for each of them cost tens of megabytes, and none of
// it holds a pointer for the collector to follow.

// strList holds strings end to end in one byte array, numbered in the
// order they were added.
type strList struct {
	data []byte
	ends []uint32 // ends[i] is where string i ends in data
}

// add appends s and returns its number.
func (l *strList) add(s string) uint32 {
	l.data = append(l.data, s...)
	l.ends = append(l.ends, uint32(len(l.data)))
	return uint32(len(l.ends) - 1)
}

// at returns string i without copying it. That is safe because bytes once
// written are never changed: add only appends (growing copies to a new
// array and leaves the old one to whoever still points into it), and
// trimming or compacting builds a new list.
func (l *strList) at(i uint32) string {
	start := uint32(0)
	if i > 0 {
		start = l.ends[i-1]
	}
	b := l.data[start:l.ends[i]] // bounds-checked: a saved list is not checked whole
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// clone copies the list at its exact size.
func (l *strList) clone() strList {
	return strList{data: append([]byte(nil), l.data...), ends: append([]uint32(nil), l.ends...)}
}

// slotTable is an open-addressing hash table of numbers (linear probing)
// whose keys are kept elsewhere: callers pass the key's hash and a test
// that tells whether a number has that key. It has no delete: a number
// whose key is gone stays until the owner builds a new table.
type slotTable struct {
	slots []uint32 // 1 + a number; 0 marks an empty slot
	used  int
}

// hashString is the tables' hash: the same in every process, so that a
// saved index's tables load as they are, without hashing every word and
// document again (xxhash, which Badger brings along already).
func hashString(s string) uint64 { return xxhash.Sum64String(s) }

// find returns the number whose key hashes to h and passes is.
func (t *slotTable) find(h uint64, is func(n uint32) bool) (uint32, bool) {
	if len(t.slots) == 0 {
		return 0, false
	}
	mask := uint64(len(t.slots) - 1)
	// At most one lap: a table loaded from disk unchecked might have no
	// empty slot left.
	i := h & mask
	for range t.slots {
		v := t.slots[i]
		if v == 0 {
			return 0, false
		}
		if is(v - 1) {
			return v - 1, true
		}
		i = (i + 1) & mask
	}
	return 0, false
}

// set makes the key that hashes to h and passes is lead to n, in place of
// the number it led to before if any. hashOf gives the hash of a number
// already in the table, for growing it.
func (t *slotTable) set(h uint64, n uint32, is func(n uint32) bool, hashOf func(n uint32) uint64) {
	// At most three quarters full, so that probes stay short.
	if (t.used+1)*4 > len(t.slots)*3 {
		t.grow(hashOf)
	}
	mask := uint64(len(t.slots) - 1)
	i := h & mask
	for range t.slots {
		v := t.slots[i]
		if v == 0 {
			t.slots[i] = n + 1
			t.used++
			return
		}
		if is(v - 1) {
			t.slots[i] = n + 1
			return
		}
		i = (i + 1) & mask
	}
	// Full, which only a damaged saved table can be: room is made.
	t.grow(hashOf)
	t.set(h, n, is, hashOf)
}

func (t *slotTable) grow(hashOf func(n uint32) uint64) {
	old := t.slots
	t.slots = make([]uint32, max(64, 2*len(old)))
	mask := uint64(len(t.slots) - 1)
	for _, v := range old {
		if v == 0 {
			continue
		}
		i := hashOf(v-1) & mask
		for t.slots[i] != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = v
	}
}

// internTable numbers distinct strings: a strList with a slotTable over it.
type internTable struct {
	list  strList
	table slotTable
}

func (t *internTable) at(i uint32) string { return t.list.at(i) }

// is tells the table whether string n is s.
func (t *internTable) is(s string) func(n uint32) bool {
	return func(n uint32) bool { return t.list.at(n) == s }
}

// lookup returns the number of s, if it has one.
func (t *internTable) lookup(s string) (uint32, bool) {
	return t.table.find(hashString(s), t.is(s))
}

// intern returns the number of s, giving it the next one if it is new.
func (t *internTable) intern(s string) uint32 {
	h := hashString(s)
	if n, ok := t.table.find(h, t.is(s)); ok {
		return n
	}
	n := t.list.add(s)
	t.table.set(h, n, func(uint32) bool { return false }, func(n uint32) uint64 { return hashString(t.list.at(n)) })
	return n
}

// trim copies the strings at their exact size.
func (t *internTable) trim() { t.list = t.list.clone() }
