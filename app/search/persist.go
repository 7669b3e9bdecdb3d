package search

import (
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"slices"
	"unsafe"
)

// An index is saved as its arrays, nearly as they lie in memory, hash
// tables included, so that loading one is mapping bytes, not reading and
// tokenising the casebook: a header, then sections, each its length and
// its room (8 bytes each), its bytes, as many zero bytes as its room, and
// padding to a multiple of 8, so that every array of numbers starts
// aligned in the buffer it is loaded into. The room is where the arrays
// as large as the casebook grow in place when documents are added after
// loading: without it, the first document added to an index mapped from
// its file would copy each of them whole into memory (at a million
// statements, 200 MB). The
// numbers are in the machine's own byte order; the header says which, and
// an index saved by a machine of the other order is built again.

// indexFormat changes whenever the saved layout, the way terms are made
// (tokens, folding, stems) or what a fact means (which scores count)
// changes: an index of another format is built again from the casebook.
const indexFormat = 5

const indexMagic = "PLYX"

// byteOrderMark reads back as itself only on a machine of the same order.
const byteOrderMark = 0x01020304

// ErrIndexFormat means a saved index cannot be read by this build.
var ErrIndexFormat = errors.New("saved search index of another format")

// asBytes views an array of plain numbers as its bytes.
func asBytes[T any](s []T) []byte {
	if len(s) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(&s[0])), len(s)*int(unsafe.Sizeof(s[0])))
}

// fromBytes views bytes as an array of plain numbers without copying; b
// must be aligned for T (every section is).
func fromBytes[T any](b []byte) ([]T, error) {
	var zero T
	size := int(unsafe.Sizeof(zero))
	if len(b)%size != 0 {
		return nil, fmt.Errorf("%w: a section of %d bytes holds no whole number of %d-byte items", ErrIndexFormat, len(b), size)
	}
	if len(b) == 0 {
		return nil, nil
	}
	if uintptr(unsafe.Pointer(&b[0]))%unsafe.Alignof(zero) != 0 {
		return nil, fmt.Errorf("%w: a section is not aligned", ErrIndexFormat)
	}
	return unsafe.Slice((*T)(unsafe.Pointer(&b[0])), len(b)/size), nil
}

type indexWriter struct{ b []byte }

func (w *indexWriter) section(p []byte) { w.sectionWithRoom(p, 0) }

// growing writes a section that documents added later grow: with room
// for a sixty-fourth more, and at least 64 kB.
func (w *indexWriter) growing(p []byte) { w.sectionWithRoom(p, max(len(p)/64, 64<<10)) }

func (w *indexWriter) sectionWithRoom(p []byte, room int) {
	room = (room + 7) &^ 7
	w.b = binary.LittleEndian.AppendUint64(w.b, uint64(len(p)))
	w.b = binary.LittleEndian.AppendUint64(w.b, uint64(room))
	w.b = append(w.b, p...)
	w.b = append(w.b, make([]byte, room)...)
	for len(w.b)%8 != 0 {
		w.b = append(w.b, 0)
	}
}

func (w *indexWriter) strList(l strList, grows bool) {
	if grows {
		w.growing(l.data)
		w.growing(asBytes(l.ends))
		return
	}
	w.section(l.data)
	w.section(asBytes(l.ends))
}

// table writes a hash table: its slots, then how many are used.
func (w *indexWriter) table(t slotTable) {
	w.section(asBytes(t.slots))
	w.section(binary.LittleEndian.AppendUint64(nil, uint64(t.used)))
}

// strMap writes a map of strings to lists of strings as one section.
func (w *indexWriter) strMap(m map[string][]string) {
	var b []byte
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	b = binary.AppendUvarint(b, uint64(len(m)))
	// In order, so that the same index is saved as the same bytes.
	for _, k := range slices.Sorted(maps.Keys(m)) {
		vs := m[k]
		str(k)
		b = binary.AppendUvarint(b, uint64(len(vs)))
		for _, v := range vs {
			str(v)
		}
	}
	w.section(b)
}

// Marshal is the index as it is saved.
func (ix *Index) Marshal() []byte {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	size := 64 + len(ix.seqs) + len(ix.words.list.data) + len(ix.ids.data) + len(ix.noteOn.data) + 40*len(ix.docs) + 24*len(ix.terms)
	for t := range ix.terms {
		size += len(ix.terms[t].post)
	}
	w := &indexWriter{b: make([]byte, 0, size)}
	w.b = append(w.b, indexMagic...)
	w.b = binary.LittleEndian.AppendUint32(w.b, indexFormat)
	w.b = binary.NativeEndian.AppendUint32(w.b, byteOrderMark)
	w.b = binary.LittleEndian.AppendUint32(w.b, uint32(unsafe.Sizeof(facts{})))
	w.b = binary.LittleEndian.AppendUint32(w.b, uint32(len(stemLanguages)))
	w.b = binary.LittleEndian.AppendUint32(w.b, 0)
	w.b = binary.LittleEndian.AppendUint64(w.b, 0)

	w.strList(ix.words.list, false)
	w.table(ix.words.table)
	// The terms' postings, end to end, with where each ends.
	post := make([]byte, 0, size)
	ends := make([]uint64, len(ix.terms))
	last := make([]uint32, len(ix.terms))
	live := make([]int32, len(ix.terms))
	for i := range ix.terms {
		t := &ix.terms[i]
		post = append(post, t.post...)
		ends[i], last[i], live[i] = uint64(len(post)), t.last, t.live
	}
	w.section(post)
	w.section(asBytes(ends))
	w.section(asBytes(last))
	w.section(asBytes(live))
	w.section(asBytes(ix.vocab))

	w.growing(asBytes(ix.docs))
	w.growing(asBytes(ix.kinds))
	w.growing(asBytes(ix.dates))
	w.growing(ix.seqs)
	w.growing(asBytes(ix.dead))
	w.strList(ix.ids, true)
	w.table(ix.byKey)
	w.growing(asBytes(ix.facts))
	w.growing(asBytes(ix.refs))
	w.strList(ix.atoms.list, false)
	w.table(ix.atoms.table)
	w.strList(ix.noteOn, true)
	w.strMap(ix.names)
	w.strMap(ix.placeNames)
	langs := make(map[string][]string, len(ix.srcLang))
	for src, lang := range ix.srcLang {
		langs[src] = []string{lang}
	}
	w.strMap(langs)
	for _, st := range ix.stems {
		w.section(asBytes(st))
	}
	return w.b
}

type indexReader struct {
	b   []byte
	err error
}

func (r *indexReader) fail(what string) {
	if r.err == nil {
		r.err = fmt.Errorf("%w: %s", ErrIndexFormat, what)
	}
}

// section reads a section: its bytes, with its room as their capacity.
func (r *indexReader) section() []byte {
	if r.err != nil {
		return nil
	}
	if len(r.b) < 16 {
		r.fail("cut short")
		return nil
	}
	n, room := binary.LittleEndian.Uint64(r.b), binary.LittleEndian.Uint64(r.b[8:])
	rest := uint64(len(r.b) - 16)
	if n > rest || room > rest-n {
		r.fail("cut short")
		return nil
	}
	padded := (n + room + 7) &^ 7
	if rest < padded {
		r.fail("cut short")
		return nil
	}
	p := r.b[16 : 16+n : 16+n+room]
	r.b = r.b[16+padded:]
	return p
}

func sectionOf[T any](r *indexReader) []T {
	b := r.section()
	if r.err != nil {
		return nil
	}
	var zero T
	size := int(unsafe.Sizeof(zero))
	// The whole room, whole items of it, then the items saved.
	s, err := fromBytes[T](b[:len(b)+(cap(b)-len(b))/size*size])
	if err != nil {
		r.err = err
		return nil
	}
	return s[:len(b)/size]
}

// strList reads a list of strings; checked, it also checks that the list's
// ends are in order, which reads all of them (a list read unchecked can
// still not be read out of range: strList.at slices within bounds).
func (r *indexReader) strList(checked bool) strList {
	l := strList{data: r.section()}
	l.ends = sectionOf[uint32](r)
	if !checked {
		if len(l.ends) > 0 && int(l.ends[len(l.ends)-1]) > len(l.data) {
			r.fail("a list of strings longer than its bytes")
		}
		return l
	}
	prev := uint32(0)
	for _, e := range l.ends {
		if e < prev || int(e) > len(l.data) {
			r.fail("a list of strings out of order")
			break
		}
		prev = e
	}
	return l
}

// table reads a hash table whose numbers are below n; checked, it also
// checks every slot, which reads all of them (a table read unchecked can
// still not be read out of range, and its probes end: see slotTable.find).
func (r *indexReader) table(n int, checked bool) slotTable {
	t := slotTable{slots: sectionOf[uint32](r)}
	used := r.section()
	if r.err != nil {
		return slotTable{}
	}
	if len(used) != 8 || len(t.slots)&(len(t.slots)-1) != 0 {
		r.fail("a hash table of the wrong size")
		return slotTable{}
	}
	t.used = int(binary.LittleEndian.Uint64(used))
	if t.used > len(t.slots) {
		r.fail("a hash table's count is wrong")
		return slotTable{}
	}
	if !checked {
		return t
	}
	filled := 0
	for _, v := range t.slots {
		if v > 0 {
			filled++
			if int(v-1) >= n {
				r.fail("a hash table out of range")
				return slotTable{}
			}
		}
	}
	// An empty slot must remain, or a lookup of a missing key would
	// never end.
	if filled != t.used || len(t.slots) > 0 && filled == len(t.slots) {
		r.fail("a hash table's count is wrong")
		return slotTable{}
	}
	return t
}

func (r *indexReader) strMap() map[string][]string {
	b := r.section()
	if r.err != nil {
		return nil
	}
	num := func() int {
		v, n := binary.Uvarint(b)
		if n <= 0 || v > uint64(len(b)) {
			r.fail("a bad count")
			return 0
		}
		b = b[n:]
		return int(v)
	}
	str := func() string {
		n := num()
		if r.err != nil || n > len(b) {
			r.fail("a string cut short")
			return ""
		}
		s := string(b[:n])
		b = b[n:]
		return s
	}
	count := num()
	m := make(map[string][]string, count)
	for range count {
		k := str()
		vs := make([]string, num())
		for i := range vs {
			vs[i] = str()
		}
		if r.err != nil {
			return nil
		}
		m[k] = vs
	}
	return m
}

// headerSize is the header's length: magic, format, byte order, the size
// of facts, the number of stemmed languages, and padding.
const headerSize = 32

// UnmarshalIndex loads a saved index. The index keeps data's memory, and
// may change it: the caller must not change data afterwards, nor use it
// for anything else. A saved index of another format or byte order, or one
// whose parts do not agree in size, returns an error wrapping
// ErrIndexFormat.
//
// Loading reads only what is as large as the vocabulary (the words, their
// postings' bounds, stems) and the documents' deleted marks; what is as
// large as the casebook (postings, documents, ids, facts) is used where it
// lies, so that when data is a mapped file, a query reads only the pages it
// needs. Those arrays are not checked item by item, as that would read them
// all: every access to them is bounds-checked, so an index damaged on disk
// (the CRC of the saved index says so: see app.IndexSaver) can fail a
// query, never read outside its arrays.
func UnmarshalIndex(data []byte) (*Index, error) {
	if len(data) < headerSize || string(data[:4]) != indexMagic {
		return nil, fmt.Errorf("%w: no header", ErrIndexFormat)
	}
	if v := binary.LittleEndian.Uint32(data[4:]); v != indexFormat {
		return nil, fmt.Errorf("%w: format %d, this build reads %d", ErrIndexFormat, v, indexFormat)
	}
	if binary.NativeEndian.Uint32(data[8:]) != byteOrderMark {
		return nil, fmt.Errorf("%w: saved in the other byte order", ErrIndexFormat)
	}
	if binary.LittleEndian.Uint32(data[12:]) != uint32(unsafe.Sizeof(facts{})) || binary.LittleEndian.Uint32(data[16:]) != uint32(len(stemLanguages)) {
		return nil, fmt.Errorf("%w: saved by a build with other facts or languages", ErrIndexFormat)
	}
	if uintptr(unsafe.Pointer(&data[0]))%8 != 0 {
		data = append(make([]byte, 0, len(data)), data...) // a new array is aligned
	}
	ix := NewIndex()
	r := &indexReader{b: data[headerSize:]}

	ix.words.list = r.strList(true)
	ix.words.table = r.table(len(ix.words.list.ends), true)
	post := r.section()
	ends := sectionOf[uint64](r)
	last := sectionOf[uint32](r)
	live := sectionOf[int32](r)
	ix.vocab = sectionOf[uint32](r)
	ix.docs = sectionOf[indexDoc](r)
	ix.kinds = sectionOf[DocKind](r)
	ix.dates = sectionOf[uint32](r)
	ix.seqs = r.section()
	ix.dead = sectionOf[uint64](r)
	ix.ids = r.strList(false)
	ix.byKey = r.table(len(ix.ids.ends), false)
	ix.facts = sectionOf[facts](r)
	ix.refs = sectionOf[uint32](r)
	ix.atoms.list = r.strList(true)
	ix.atoms.table = r.table(len(ix.atoms.list.ends), true)
	ix.noteOn = r.strList(false)
	ix.names = r.strMap()
	ix.placeNames = r.strMap()
	langs := r.strMap()
	for i := range ix.stems {
		ix.stems[i] = sectionOf[uint32](r)
	}
	if r.err != nil {
		return nil, r.err
	}

	// The arrays must agree in their lengths.
	nTerms, nDocs := len(ix.words.list.ends), len(ix.docs)
	switch {
	case len(ends) != nTerms || len(last) != nTerms || len(live) != nTerms:
		return nil, fmt.Errorf("%w: terms and postings disagree", ErrIndexFormat)
	case len(ix.vocab) != 0 && len(ix.vocab) != nTerms:
		return nil, fmt.Errorf("%w: vocabulary and terms disagree", ErrIndexFormat)
	case len(ix.kinds) != nDocs || len(ix.dates) != nDocs || len(ix.ids.ends) != nDocs || len(ix.noteOn.ends) != nDocs || len(ix.dead) < (nDocs+63)/64:
		return nil, fmt.Errorf("%w: documents disagree", ErrIndexFormat)
	case len(ix.atoms.list.ends) == 0:
		return nil, fmt.Errorf("%w: no atoms", ErrIndexFormat)
	}
	for _, st := range ix.stems {
		if len(st) > nTerms {
			return nil, fmt.Errorf("%w: stems of more terms than there are", ErrIndexFormat)
		}
	}
	if len(ix.vocab) == 0 {
		ix.vocab = nil
	}
	ix.terms = make([]indexTerm, nTerms)
	start := uint64(0)
	for i := range ix.terms {
		if ends[i] < start || ends[i] > uint64(len(post)) {
			return nil, fmt.Errorf("%w: postings out of order", ErrIndexFormat)
		}
		// Capped at their end, so that a posting added later copies them out.
		ix.terms[i] = indexTerm{post: post[start:ends[i]:ends[i]], last: last[i], live: live[i]}
		start = ends[i]
	}
	for _, t := range ix.vocab {
		if int(t) >= nTerms {
			return nil, fmt.Errorf("%w: vocabulary out of range", ErrIndexFormat)
		}
	}
	for src, l := range langs {
		if len(l) == 1 {
			ix.srcLang[src] = l[0]
		}
	}
	for n := range nDocs {
		if ix.isDead(uint32(n)) {
			ix.nDead++
		}
	}
	return ix, nil
}
