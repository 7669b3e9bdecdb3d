package app

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"codeberg.org/parley/parley/app/fold"
)

// DocKind says what sort of item a search result is.
type DocKind uint8

// The kinds of item search finds, in the order results are grouped.
const (
	DocActor DocKind = iota
	DocPlace
	DocStatement
	DocNote
	DocSource
	docKinds
)

// String names the kind for people and for JSON.
func (k DocKind) String() string {
	return [...]string{"actor", "place", "statement", "note", "source", "?"}[min(k, docKinds)]
}

// Field classes weigh where a word was found: a name counts most, then a
// title or quote, then metadata such as a role or a speaker's name, then
// running text such as context and background.
const (
	classText  = 0
	classMeta  = 1
	classTitle = 2
	className  = 3
)

var classWeight = [4]float64{1, 1.5, 2.5, 4}

// Tokens calls fn with each word of s, folded, and its byte span in s.
// Words are runs of letters and digits; apostrophes and hyphens split them.
func Tokens(s string, fn func(word string, start, end int)) {
	start := -1
	ascii := true
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := s[start:end]
		if ascii {
			w = asciiLower(w)
		} else {
			w = fold.String(w)
		}
		fn(w, start, end)
		start, ascii = -1, true
	}
	for i, r := range s {
		if r < utf8.RuneSelf {
			if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' {
				if start < 0 {
					start = i
				}
				continue
			}
			flush(i)
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			if start < 0 {
				start = i
			}
			ascii = false
			continue
		}
		flush(i)
	}
	flush(len(s))
}

func asciiLower(w string) string {
	for i := 0; i < len(w); i++ {
		if c := w[i]; 'A' <= c && c <= 'Z' {
			b := []byte(w)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return w
}

// words folds and splits s.
func words(s string) []string {
	var out []string
	Tokens(s, func(w string, _, _ int) { out = append(out, w) })
	return out
}

// Index is Parley's full-text index: every statement (quote, context,
// speakers' names and aliases), note, actor, place and source, by the folded
// words they contain. It lives in memory, is built from one snapshot of the
// store, and is kept current by the store wrapper that sees every write
// (IndexedStore). It also holds the few facts of each statement that the
// filters ask about, so that filtering never reads the store.
//
// It is laid out to stay small at a hundred thousand statements: one posting
// per word and document (a document number and a byte of weight), each
// document's words in order as term numbers (for phrases), and facts as
// numbers into one table of interned ids.
type Index struct {
	mu sync.RWMutex
	// words holds the terms' texts: term i is words.at(i).
	words internTable
	terms []indexTerm
	// vocab is every term id sorted by its text, for prefix queries: sorted
	// when the index is built, kept sorted as words are added, and nil only
	// in an index filled without Build until a prefix query sorts it.
	vocab []uint32
	docs  []indexDoc
	// seqs holds every document's words in order, one after another, each
	// a uvarint: a term id plus seqTermBase, or a field's closing mark (its
	// class, below seqTermBase). Most ids take two bytes instead of four,
	// and no document carries a slice of its own.
	seqs []byte
	// kinds are the documents' kinds apart from them: a query over a
	// short prefix tallies tens of thousands of matches by kind, and
	// reading each from its document missed the cache every time.
	kinds []DocKind
	dead  []uint64 // bit per document: deleted
	nDead int
	// ids holds the documents' ids (document d's is ids.at(d)), and byKey
	// finds a document by kind and id; a deleted document stays in it until
	// the next compaction, and lookups skip it.
	ids   strList
	byKey slotTable
	facts []facts
	refs  []uint32 // the atoms of every facts entry, one after another
	// atoms interns actor, place and tag ids and categories for facts;
	// atom 0 is "".
	atoms internTable
	// noteOn holds, for each document, the statement it is a note on, or
	// "": one entry per document costs less than a map of the notes.
	noteOn strList
	// names holds each actor's name and aliases, which statements by that
	// actor are found by.
	names map[string][]string
	// buf and seq are put's working memory.
	buf []uint64
	seq []uint32
	// pool holds per-query working memory.
	pool sync.Pool
}

type docKey struct {
	kind DocKind
	id   string
}

type indexTerm struct {
	// post holds the postings in document order: for each, the gap from
	// the document before as a uvarint (the first gap from 0), then a
	// weight byte packing the best field class (high bits) and the count
	// of the term in the document, up to 15 (low bits). Most postings take
	// two bytes instead of five.
	post []byte
	last uint32 // the document posted last
	live int32  // documents not deleted
}

// addPosting appends document d, which is after every document posted.
func (t *indexTerm) addPosting(d uint32, weight uint8) {
	t.post = append(binary.AppendUvarint(t.post, uint64(d-t.last)), weight)
	t.last = d
}

// postings walks a term's postings.
type postings struct {
	b []byte
	d uint32 // the current document
	w uint8  // its weight
}

func (t *indexTerm) postings() postings { return postings{b: t.post} }

// next moves to the next posting and reports whether there is one.
func (p *postings) next() bool {
	if len(p.b) < 2 {
		return false
	}
	gap, n := binary.Uvarint(p.b)
	if n <= 0 || n >= len(p.b) {
		return false // cannot happen: the index wrote these bytes
	}
	p.d += uint32(gap)
	p.w = p.b[n]
	p.b = p.b[n+1:]
	return true
}

type indexDoc struct {
	// seqOff is where the document's words start in Index.seqs, field
	// after field, each field closed by a mark; they end where the next
	// document's start, as documents add their words in order.
	seqOff uint32
	kind   DocKind
	// fact is the document's entry in Index.facts, or -1.
	fact int32
}

// facts are a statement's filterable facts, or a note's tags.
type facts struct {
	date     uint32 // yyyymmdd; missing parts are 0; 0 when undated
	category uint32 // atom, 0 for none
	// refOff and refEnd place the facts' atoms in Index.refs: speakers,
	// then places, then recipients, then tags. One shared list costs
	// less than a slice for each statement.
	refOff, refEnd uint32
	goldstein      float64
	kind           uint8
	coded          bool
	nSpeakers      uint8
	nPlaces        uint8
	nRecipients    uint8
}

func (ix *Index) refsOf(f *facts) []uint32 { return ix.refs[f.refOff:f.refEnd:f.refEnd] }
func (ix *Index) speakersOf(f *facts) []uint32 {
	return ix.refsOf(f)[:f.nSpeakers]
}
func (ix *Index) placesOf(f *facts) []uint32 {
	return ix.refsOf(f)[f.nSpeakers : f.nSpeakers+f.nPlaces]
}
func (ix *Index) recipientsOf(f *facts) []uint32 {
	return ix.refsOf(f)[f.nSpeakers+f.nPlaces : f.nSpeakers+f.nPlaces+f.nRecipients]
}
func (ix *Index) tagsOf(f *facts) []uint32 {
	return ix.refsOf(f)[f.nSpeakers+f.nPlaces+f.nRecipients:]
}

// fieldMark and above close a field in a document's decoded words; the
// class is added.
const fieldMark = math.MaxUint32 - 3

// seqTermBase is added to a term id in Index.seqs; the codes below it are
// field marks (the class).
const seqTermBase = 4

// appendSeq encodes a document's words (term ids and field marks).
func appendSeq(dst []byte, words []uint32) []byte {
	for _, w := range words {
		if w >= fieldMark {
			dst = binary.AppendUvarint(dst, uint64(w-fieldMark))
		} else {
			dst = binary.AppendUvarint(dst, uint64(w)+seqTermBase)
		}
	}
	return dst
}

// seqEnd is where document d's words end in seqs.
func (ix *Index) seqEnd(d uint32) uint32 {
	if int(d)+1 < len(ix.docs) {
		return ix.docs[d+1].seqOff
	}
	return uint32(len(ix.seqs))
}

// docWords decodes document d's words into buf.
func (ix *Index) docWords(d uint32, buf []uint32) []uint32 {
	b := ix.seqs[ix.docs[d].seqOff:ix.seqEnd(d)]
	buf = buf[:0]
	for len(b) > 0 {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			break // cannot happen: the index wrote these bytes
		}
		b = b[n:]
		if v < seqTermBase {
			buf = append(buf, fieldMark+uint32(v))
		} else {
			buf = append(buf, uint32(v-seqTermBase))
		}
	}
	return buf
}

// NewIndex returns an empty index.
func NewIndex() *Index {
	ix := &Index{names: map[string][]string{}}
	ix.atoms.intern("")
	return ix
}

func (ix *Index) atom(s string) uint32 { return ix.atoms.intern(s) }

// atomText is the id or category atom a stands for.
func (ix *Index) atomText(a uint32) string { return ix.atoms.at(a) }

// docID is document d's id.
func (ix *Index) docID(d uint32) string { return ix.ids.at(d) }

func docHash(kind DocKind, id string) uint64 {
	return hashString(id) ^ uint64(kind+1)*0x9e3779b97f4a7c15
}

// isDoc tells byKey whether document n has a kind and id.
func (ix *Index) isDoc(kind DocKind, id string) func(n uint32) bool {
	return func(n uint32) bool { return ix.docs[n].kind == kind && ix.ids.at(n) == id }
}

// lookup finds the live document of a kind and id.
func (ix *Index) lookup(kind DocKind, id string) (uint32, bool) {
	n, ok := ix.byKey.find(docHash(kind, id), ix.isDoc(kind, id))
	if !ok || ix.isDead(n) {
		return 0, false
	}
	return n, true
}

// statementFactsOf returns the facts of the live statement id.
func (ix *Index) statementFactsOf(id string) (*facts, bool) {
	n, ok := ix.lookup(DocStatement, id)
	if !ok || ix.docs[n].fact < 0 {
		return nil, false
	}
	return &ix.facts[ix.docs[n].fact], true
}

// keyDoc makes document n, the last added, the one its kind and id find.
func (ix *Index) keyDoc(n uint32) {
	kind, id := ix.docs[n].kind, ix.ids.at(n)
	ix.byKey.set(docHash(kind, id), n, ix.isDoc(kind, id),
		func(m uint32) uint64 { return docHash(ix.docs[m].kind, ix.ids.at(m)) })
}

// dateNumber turns YYYY, YYYY-MM or YYYY-MM-DD into yyyymmdd with missing
// parts 0; anything else is 0.
func dateNumber(s string) uint32 {
	if !ValidDate(s) {
		return 0
	}
	n := uint32(0)
	for _, c := range s {
		if c != '-' {
			n = n*10 + uint32(c-'0')
		}
	}
	switch len(s) {
	case 4:
		n *= 10000
	case 7:
		n *= 100
	}
	return n
}

var statementKinds = []StatementKind{"", KindDirect, KindFragment, KindIndirect}

func kindNumber(k StatementKind) uint8 {
	if i := slices.Index(statementKinds, k); i > 0 {
		return uint8(i)
	}
	return 0
}

func (ix *Index) isDead(d uint32) bool { return ix.dead[d/64]&(1<<(d%64)) != 0 }

// put adds or replaces one document. The caller holds the write lock.
func (ix *Index) put(d docText) {
	ix.remove(d.key)
	n := uint32(len(ix.docs))
	doc := indexDoc{kind: d.key.kind, fact: -1}
	ix.ids.add(d.key.id)
	ix.noteOn.add(d.noteOn)
	// buf collects term<<8 | class per word, to count and weigh; seq the
	// words in order, copied to the document at its exact size.
	ix.buf, ix.seq = ix.buf[:0], ix.seq[:0]
	for _, f := range d.fields {
		Tokens(f.text, func(w string, _, _ int) {
			id := ix.words.intern(w)
			if int(id) == len(ix.terms) {
				ix.terms = append(ix.terms, indexTerm{})
				if ix.vocab != nil {
					// Kept sorted by inserting: sorting it all again on the
					// next prefix query cost that query 20 ms at 100,000
					// statements.
					i, _ := slices.BinarySearchFunc(ix.vocab, w, func(t uint32, w string) int { return strings.Compare(ix.words.at(t), w) })
					ix.vocab = slices.Insert(ix.vocab, i, id)
				}
			}
			ix.seq = append(ix.seq, id)
			ix.buf = append(ix.buf, uint64(id)<<8|uint64(f.class))
		})
		ix.seq = append(ix.seq, fieldMark+uint32(f.class))
	}
	doc.seqOff = uint32(len(ix.seqs))
	ix.seqs = appendSeq(ix.seqs, ix.seq)
	slices.Sort(ix.buf)
	for i := 0; i < len(ix.buf); {
		id := uint32(ix.buf[i] >> 8)
		j, best := i, uint8(0)
		for ; j < len(ix.buf) && uint32(ix.buf[j]>>8) == id; j++ {
			best = max(best, uint8(ix.buf[j]&15))
		}
		tf := uint8(min(j-i, 15))
		t := &ix.terms[id]
		t.addPosting(n, best<<4|tf)
		t.live++
		i = j
	}
	if fc := d.facts; fc != nil {
		f := facts{date: dateNumber(fc.date), kind: kindNumber(fc.kind), coded: !fc.coding.IsZero(),
			goldstein: fc.coding.Goldstein, category: ix.atom(fc.coding.Category)}
		// At most 255 of each, which the counts can hold.
		speakers, places, recipients := fc.speakers[:min(len(fc.speakers), 255)], fc.places[:min(len(fc.places), 255)], fc.recipients[:min(len(fc.recipients), 255)]
		f.refOff = uint32(len(ix.refs))
		for _, list := range [][]string{speakers, places, recipients, d.tags} {
			for _, id := range list {
				ix.refs = append(ix.refs, ix.atom(id))
			}
		}
		f.refEnd = uint32(len(ix.refs))
		f.nSpeakers, f.nPlaces, f.nRecipients = uint8(len(speakers)), uint8(len(places)), uint8(len(recipients))
		doc.fact = int32(len(ix.facts))
		ix.facts = append(ix.facts, f)
	} else if len(d.tags) > 0 {
		f := facts{refOff: uint32(len(ix.refs))}
		for _, t := range d.tags {
			ix.refs = append(ix.refs, ix.atom(t))
		}
		f.refEnd = uint32(len(ix.refs))
		doc.fact = int32(len(ix.facts))
		ix.facts = append(ix.facts, f)
	}
	ix.docs = append(ix.docs, doc)
	ix.kinds = append(ix.kinds, doc.kind)
	if int(n/64) >= len(ix.dead) {
		ix.dead = append(ix.dead, 0)
	}
	ix.keyDoc(n)
}

// remove marks a document deleted; its postings go at the next compaction.
func (ix *Index) remove(key docKey) {
	n, ok := ix.lookup(key.kind, key.id)
	if !ok {
		return
	}
	ix.dead[n/64] |= 1 << (n % 64)
	seen := map[uint32]bool{}
	ix.seq = ix.docWords(n, ix.seq)
	for _, id := range ix.seq {
		if id < fieldMark && !seen[id] {
			seen[id] = true
			ix.terms[id].live--
		}
	}
	// Its bytes in seqs stay until the next compaction.
	ix.nDead++
}

// compact drops deleted documents and their postings once they are more
// than a third of all, so edits do not grow the index without end.
func (ix *Index) compact() {
	if ix.nDead < 1024 || ix.nDead*3 < len(ix.docs) {
		return
	}
	renum := make([]uint32, len(ix.docs))
	var live []indexDoc
	var liveFacts []facts
	var seqs []byte
	var refs []uint32
	var ids, noteOn strList
	for i, d := range ix.docs {
		if ix.isDead(uint32(i)) {
			renum[i] = math.MaxUint32
			continue
		}
		renum[i] = uint32(len(live))
		if d.fact >= 0 {
			f := ix.facts[d.fact]
			off := uint32(len(refs))
			refs = append(refs, ix.refsOf(&f)...)
			f.refOff, f.refEnd = off, uint32(len(refs))
			liveFacts = append(liveFacts, f)
			d.fact = int32(len(liveFacts) - 1)
		}
		off := uint32(len(seqs))
		seqs = append(seqs, ix.seqs[d.seqOff:ix.seqEnd(uint32(i))]...)
		d.seqOff = off
		live = append(live, d)
		ids.add(ix.ids.at(uint32(i)))
		noteOn.add(ix.noteOn.at(uint32(i)))
	}
	ix.seqs, ix.refs, ix.ids, ix.noteOn = seqs, refs, ids, noteOn
	for t := range ix.terms {
		term := &ix.terms[t]
		kept := indexTerm{live: term.live}
		for p := term.postings(); p.next(); {
			if r := renum[p.d]; r != math.MaxUint32 {
				kept.addPosting(r, p.w)
			}
		}
		*term = kept
	}
	ix.docs, ix.facts = live, liveFacts
	ix.kinds = make([]DocKind, len(live))
	ix.dead = make([]uint64, len(live)/64+1)
	ix.byKey = slotTable{}
	for i, d := range ix.docs {
		ix.keyDoc(uint32(i))
		ix.kinds[i] = d.kind
	}
	ix.nDead = 0
}

// trim gives back the room that growing the lists left over.
func (ix *Index) trim() {
	// The postings go into one array, each term's capped at its end, so
	// that the next posting added to a term copies that term's out: one
	// allocation instead of one per term, each rounded up to a size class.
	n := 0
	for t := range ix.terms {
		n += len(ix.terms[t].post)
	}
	all := make([]byte, 0, n)
	for t := range ix.terms {
		term := &ix.terms[t]
		start := len(all)
		all = append(all, term.post...)
		term.post = all[start:len(all):len(all)]
	}
	// Copies at their exact size: growing by appending left up to a
	// quarter of each list unused.
	ix.docs, ix.kinds, ix.facts, ix.terms = slices.Clone(ix.docs), slices.Clone(ix.kinds), slices.Clone(ix.facts), slices.Clone(ix.terms)
	ix.seqs, ix.refs, ix.dead = slices.Clone(ix.seqs), slices.Clone(ix.refs), slices.Clone(ix.dead)
	ix.ids, ix.noteOn = ix.ids.clone(), ix.noteOn.clone()
	ix.words.trim()
	ix.atoms.trim()
	ix.buf, ix.seq = nil, nil
}

// Len is the number of live documents.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.live()
}

// live is the number of live documents; the caller holds a lock.
func (ix *Index) live() int { return len(ix.docs) - ix.nDead }

// Build fills the index from one snapshot of a store.
func (ix *Index) Build(r Reader) error {
	fresh := NewIndex()
	actors, err := r.Actors()
	if err != nil {
		return err
	}
	for _, a := range actors {
		fresh.names[a.ID] = append([]string{a.Name}, a.Aliases...)
		fresh.put(actorText(a))
	}
	places, err := r.Places()
	if err != nil {
		return err
	}
	for _, p := range places {
		fresh.put(placeText(p))
	}
	sources, err := r.Sources()
	if err != nil {
		return err
	}
	for _, s := range sources {
		fresh.put(sourceText(s))
	}
	if err := r.ForEachStatement(func(st Statement) error {
		fresh.put(fresh.statementText(st))
		return nil
	}); err != nil {
		return err
	}
	if err := r.ForEachNote(func(n Note) error {
		fresh.put(noteText(n))
		return nil
	}); err != nil {
		return err
	}
	fresh.trim()
	fresh.vocab = fresh.sortedVocab() // here, off the first prefix query's time
	ix.mu.Lock()
	ix.words, ix.terms, ix.vocab, ix.docs, ix.kinds, ix.dead, ix.nDead = fresh.words, fresh.terms, fresh.vocab, fresh.docs, fresh.kinds, fresh.dead, 0
	ix.seqs, ix.refs, ix.ids = fresh.seqs, fresh.refs, fresh.ids
	ix.byKey, ix.facts, ix.atoms, ix.names, ix.noteOn = fresh.byKey, fresh.facts, fresh.atoms, fresh.names, fresh.noteOn
	ix.mu.Unlock()
	return nil
}

// change is one item a write touched, to be read again and reindexed.
type change struct {
	kind DocKind
	id   string
}

// apply reindexes the items a committed write touched, reading their
// current state from r.
func (ix *Index) apply(r Reader, changes []change) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for _, c := range changes {
		key := docKey(c)
		switch c.kind {
		case DocActor:
			a, err := r.Actor(c.id)
			if err != nil {
				ix.remove(key)
				delete(ix.names, c.id)
				continue
			}
			names := append([]string{a.Name}, a.Aliases...)
			renamed := !slices.Equal(names, ix.names[c.id])
			ix.names[c.id] = names
			ix.put(actorText(a))
			if renamed {
				ix.reindexSpeaker(r, c.id)
			}
		case DocPlace:
			if p, err := r.Place(c.id); err == nil {
				ix.put(placeText(p))
			} else {
				ix.remove(key)
			}
		case DocSource:
			if s, err := r.Source(c.id); err == nil {
				ix.put(sourceText(s))
			} else {
				ix.remove(key)
			}
		case DocStatement:
			if st, err := r.Statement(c.id); err == nil {
				ix.put(ix.statementText(st))
			} else {
				ix.remove(key)
			}
		case DocNote:
			if n, err := r.Note(c.id); err == nil {
				ix.put(noteText(n))
			} else {
				ix.remove(key)
			}
		}
	}
	ix.compact()
}

// reindexSpeaker reindexes an actor's statements after its names changed.
func (ix *Index) reindexSpeaker(r Reader, actor string) {
	a, ok := ix.atoms.lookup(actor)
	if !ok {
		return
	}
	var ids []string
	for i, d := range ix.docs {
		if d.kind == DocStatement && !ix.isDead(uint32(i)) && d.fact >= 0 {
			f := &ix.facts[d.fact]
			if slices.Contains(ix.speakersOf(f), a) {
				ids = append(ids, strings.Clone(ix.docID(uint32(i))))
			}
		}
	}
	for _, id := range ids {
		if st, err := r.Statement(id); err == nil {
			ix.put(ix.statementText(st))
		}
	}
}

// sortedVocab returns the term ids in text order. The caller holds the
// write lock when vocab is nil.
func (ix *Index) sortedVocab() []uint32 {
	if v := ix.vocab; v != nil {
		return v
	}
	v := make([]uint32, len(ix.terms))
	for i := range v {
		v[i] = uint32(i)
	}
	slices.SortFunc(v, func(a, b uint32) int { return strings.Compare(ix.words.at(a), ix.words.at(b)) })
	return v
}

// expand lists the term ids a query word stands for: itself, or every
// word it begins when it is a prefix.
func (ix *Index) expand(vocab []uint32, w string, prefix bool) []uint32 {
	if !prefix {
		if id, ok := ix.words.lookup(w); ok {
			return []uint32{id}
		}
		return nil
	}
	i, _ := slices.BinarySearchFunc(vocab, w, func(id uint32, w string) int { return strings.Compare(ix.words.at(id), w) })
	var out []uint32
	for ; i < len(vocab) && strings.HasPrefix(ix.words.at(vocab[i]), w); i++ {
		out = append(out, vocab[i])
	}
	return out
}

// scratch is per-query working memory over all documents.
type scratch struct {
	count []uint16
	stamp []uint32
	score []float32
	seen  []uint32 // documents that matched the first unit, to reset
	gen   uint32
	words []uint32 // one document's words, for phrases
}

func (ix *Index) getScratch() *scratch {
	s, _ := ix.pool.Get().(*scratch)
	if s == nil {
		s = &scratch{}
	}
	if n := len(ix.docs); len(s.count) < n {
		s.count = make([]uint16, n+n/4)
		s.stamp = make([]uint32, n+n/4)
		s.score = make([]float32, n+n/4)
		s.gen = 0
	}
	return s
}

func (ix *Index) putScratch(s *scratch) {
	for _, d := range s.seen {
		s.count[d], s.score[d] = 0, 0
	}
	s.seen = s.seen[:0]
	ix.pool.Put(s)
}

// Hit is one document a query found.
type Hit struct {
	Kind  DocKind
	ID    string
	Score float64
}

// Hits are a query's results, grouped by kind, best first; Total counts
// all matches of each kind, Hits holds at most the limit asked for.
type Hits struct {
	Hits  [docKinds][]Hit
	Total [docKinds]int
}

// Query runs a parsed query under a filter and keeps the best limit hits of
// each kind (all of them when limit is 0).
func (ix *Index) Query(q Query, f Filter, limit int) Hits {
	var out Hits
	if len(q.Units) == 0 {
		return out
	}
	ix.mu.RLock()
	if q.hasPrefix() && ix.vocab == nil {
		// Sorting needs the write lock; take it briefly.
		ix.mu.RUnlock()
		ix.mu.Lock()
		ix.vocab = ix.sortedVocab()
		ix.mu.Unlock()
		ix.mu.RLock()
	}
	defer ix.mu.RUnlock()
	vocab := ix.vocab
	s := ix.getScratch()
	defer ix.putScratch(s)
	live := float64(max(ix.live(), 1))
	idfOf := func(t *indexTerm) float32 { return float32(math.Log(1 + live/float64(max(t.live, 1)))) }
	for u, unit := range q.Units {
		s.gen++
		if s.gen == 0 { // wrapped: clear stamps
			clear(s.stamp)
			s.gen = 1
		}
		if !unit.Phrase() {
			for _, id := range ix.expand(vocab, unit.Words[0], unit.Prefix) {
				t := &ix.terms[id]
				idf := idfOf(t)
				for p := t.postings(); p.next(); {
					ix.hit(s, p.d, u, idf*weightOf(p.w))
				}
			}
			continue
		}
		// A phrase: the rarest word's documents, checked in order.
		last := len(unit.Words) - 1
		ids := make([]uint32, len(unit.Words))
		var rarest []uint32
		rarestN := math.MaxInt
		var idf float32
		for i, w := range unit.Words {
			set := ix.expand(vocab, w, unit.Prefix && i == last)
			if len(set) == 0 {
				return out // a word no document has: nothing matches
			}
			ids[i] = set[0]
			// Bytes of postings stand for their number: two each, most.
			n := 0
			for _, id := range set {
				n += len(ix.terms[id].post)
			}
			if n < rarestN {
				rarest, rarestN = set, n
			}
			idf += idfOf(&ix.terms[set[0]])
		}
		for _, id := range rarest {
			for p := ix.terms[id].postings(); p.next(); {
				d := p.d
				if s.stamp[d] == s.gen || s.count[d] != uint16(u) || ix.isDead(d) {
					continue
				}
				if class, ok := ix.phraseIn(s, d, unit, ids); ok {
					ix.hit(s, d, u, idf*1.5*float32(classWeight[class]))
				}
			}
		}
	}
	need := uint16(len(q.Units))
	pass := ix.filterFunc(f)
	filtered := !f.IsZero()
	// The best limit of each kind, kept in a heap with the worst on top,
	// so that a query matching most of the casebook costs no sort of it.
	var heaps [docKinds][]uint32
	worse := func(a, b uint32) bool { return ix.better(s, b, a) }
	for _, d := range s.seen {
		if s.count[d] != need || ix.isDead(d) {
			continue
		}
		if filtered && !pass(d) {
			continue
		}
		kind := ix.kinds[d]
		out.Total[kind]++
		h := heaps[kind]
		switch {
		case limit <= 0 || len(h) < limit:
			h = append(h, d)
			siftUp(h, len(h)-1, worse)
		case ix.better(s, d, h[0]):
			h[0] = d
			siftDown(h, 0, worse)
		}
		heaps[kind] = h
	}
	for k, h := range heaps {
		slices.SortFunc(h, func(a, b uint32) int {
			if ix.better(s, a, b) {
				return -1
			}
			if ix.better(s, b, a) {
				return 1
			}
			return 0
		})
		for _, d := range h {
			out.Hits[k] = append(out.Hits[k], Hit{Kind: DocKind(k), ID: strings.Clone(ix.docID(d)), Score: float64(s.score[d])})
		}
	}
	return out
}

// better orders results: higher score, then the newer statement, then the
// id.
func (ix *Index) better(s *scratch, a, b uint32) bool {
	if s.score[a] != s.score[b] {
		return s.score[a] > s.score[b]
	}
	if da, db := ix.dateOf(a), ix.dateOf(b); da != db {
		return da > db
	}
	return ix.docID(a) < ix.docID(b)
}

func (ix *Index) dateOf(d uint32) uint32 {
	if doc := &ix.docs[d]; doc.kind == DocStatement && doc.fact >= 0 {
		return ix.facts[doc.fact].date
	}
	return 0
}

// siftUp and siftDown keep h a heap under less: h[0] is the least.
func siftUp(h []uint32, i int, less func(a, b uint32) bool) {
	for i > 0 {
		p := (i - 1) / 2
		if !less(h[i], h[p]) {
			return
		}
		h[i], h[p] = h[p], h[i]
		i = p
	}
}

func siftDown(h []uint32, i int, less func(a, b uint32) bool) {
	for {
		l, m := 2*i+1, i
		if l < len(h) && less(h[l], h[m]) {
			m = l
		}
		if r := l + 1; r < len(h) && less(h[r], h[m]) {
			m = r
		}
		if m == i {
			return
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
}

func weightOf(w uint8) float32 { return weightTable[w] }

// weightTable holds weightOf for every packed byte: a query over a short
// prefix weighs hundreds of thousands of postings, and a logarithm each
// was a good part of its time.
var weightTable = func() (t [256]float32) {
	for w := range t {
		if c := w >> 4; c < len(classWeight) {
			t[w] = float32(classWeight[c] * (1 + math.Log(float64(w&15))))
		}
	}
	return t
}()

// hit records that document d matched unit u; a unit counts once per
// document however many of its words match, and only documents that
// matched every earlier unit go on.
func (ix *Index) hit(s *scratch, d uint32, u int, score float32) {
	if s.stamp[d] != s.gen {
		s.stamp[d] = s.gen
		if s.count[d] != uint16(u) || ix.isDead(d) {
			return
		}
		if u == 0 {
			s.seen = append(s.seen, d)
		}
		s.count[d]++
	} else if s.count[d] != uint16(u+1) {
		return
	}
	s.score[d] += score
}

// phraseIn finds the words of a phrase in order within one field of
// document d, and returns that field's class. ids holds the term id of
// each word but a final prefix, which is matched by its text.
func (ix *Index) phraseIn(s *scratch, d uint32, unit QueryUnit, ids []uint32) (uint8, bool) {
	s.words = ix.docWords(d, s.words)
	n := len(unit.Words)
	last := n - 1
	terms := s.words
	for i := 0; i+n <= len(terms); i++ {
		ok := true
		for j := range n {
			t := terms[i+j]
			if t >= fieldMark {
				ok = false // a phrase does not run across fields
			} else if unit.Prefix && j == last {
				ok = strings.HasPrefix(ix.words.at(t), unit.Words[j])
			} else {
				ok = t == ids[j]
			}
			if !ok {
				break
			}
		}
		if ok {
			// The class is on the mark that closes the field.
			k := i + n
			for k < len(terms) && terms[k] < fieldMark {
				k++
			}
			if k < len(terms) {
				return uint8(terms[k] - fieldMark), true
			}
			return 0, true
		}
	}
	return 0, false
}

// docText is one document as the index sees it: its fields by class, and
// for a statement the facts filters test.
type docText struct {
	key    docKey
	fields []docField
	facts  *statementFacts
	noteOn string
	tags   []string
}

type docField struct {
	class uint8
	text  string
}

func (d *docText) add(class uint8, texts ...string) {
	for _, t := range texts {
		if strings.TrimSpace(t) != "" {
			d.fields = append(d.fields, docField{class, t})
		}
	}
}

// statementFacts are what filters test, as the statement has them.
type statementFacts struct {
	date                         string
	kind                         StatementKind
	speakers, places, recipients []string
	coding                       Coding
}

func (ix *Index) statementText(st Statement) docText {
	d := docText{key: docKey{DocStatement, st.ID}, tags: st.Tags}
	d.add(classTitle, st.Quote)
	d.add(classTitle, st.Tags...)
	for _, a := range st.Speakers {
		d.add(classMeta, ix.names[a]...)
	}
	d.add(classText, st.Context)
	d.facts = &statementFacts{date: st.Date, kind: st.Kind, speakers: st.Speakers, places: st.Places, recipients: st.Recipients, coding: st.Coding}
	return d
}

func noteText(n Note) docText {
	d := docText{key: docKey{DocNote, n.ID}, tags: n.Tags}
	d.add(classTitle, n.Body)
	d.add(classTitle, n.Tags...)
	if n.Target.Kind == TargetStatement {
		d.noteOn = n.Target.ID
	}
	return d
}

func actorText(a Actor) docText {
	d := docText{key: docKey{DocActor, a.ID}}
	d.add(className, a.Name)
	d.add(className, a.Aliases...)
	d.add(classMeta, a.Role)
	d.add(classText, a.Background)
	return d
}

func placeText(p Place) docText {
	d := docText{key: docKey{DocPlace, p.ID}}
	d.add(className, p.Name, p.Label)
	d.add(className, p.Aliases...)
	d.add(classText, p.Background)
	return d
}

func sourceText(s Source) docText {
	d := docText{key: docKey{DocSource, s.ID}}
	d.add(classTitle, s.Title)
	d.add(classMeta, s.Outlet)
	d.add(classText, s.Context)
	return d
}

// Filter narrows what the lists, the map, the timeline and search show.
// Zero fields do not filter.
type Filter struct {
	Actor    string        `json:"actor,omitempty"` // a speaker of the statement
	Place    string        `json:"place,omitempty"`
	From     string        `json:"from,omitempty"` // YYYY-MM-DD, inclusive
	To       string        `json:"to,omitempty"`   // YYYY-MM-DD, inclusive
	Kind     StatementKind `json:"kind,omitempty"`
	Tag      string        `json:"tag,omitempty"`
	Category string        `json:"category,omitempty"` // PLOVER category
	// Cooperation keeps statements whose Goldstein score lies in the range;
	// nil keeps all.
	Cooperation *ScoreRange `json:"cooperation,omitempty"`
}

// ScoreRange is a closed range on the Goldstein scale.
type ScoreRange struct {
	Min float64 `json:"min"`
	Max float64 `json:"max"`
}

// IsZero reports whether the filter lets everything through.
func (f Filter) IsZero() bool { return f == Filter{} }

// onStatements reports whether the filter says anything about statements
// other than their tags.
func (f Filter) onStatements() bool {
	g := f
	g.Tag = ""
	return !g.IsZero()
}

// Passes reports whether a statement passes the filter.
func (f Filter) Passes(st Statement) bool {
	from, to := f.dates()
	date := dateNumber(st.Date)
	switch {
	case f.Actor != "" && !slices.Contains(st.Speakers, f.Actor),
		f.Place != "" && !slices.Contains(st.Places, f.Place),
		f.From != "" && (date == 0 || date < from),
		f.To != "" && (date == 0 || date > to),
		f.Kind != "" && st.Kind != f.Kind,
		f.Tag != "" && !slices.Contains(st.Tags, f.Tag),
		f.Category != "" && st.Coding.Category != f.Category,
		f.Cooperation != nil && (st.Coding.IsZero() || st.Coding.Goldstein < f.Cooperation.Min || st.Coding.Goldstein > f.Cooperation.Max):
		return false
	}
	return true
}

// dates gives the filter's range as yyyymmdd numbers; a To of a month or a
// year runs to its end.
func (f Filter) dates() (from, to uint32) {
	from, to = dateNumber(f.From), dateNumber(f.To)
	switch {
	case to != 0 && to%10000 == 0:
		to += 1231
	case to != 0 && to%100 == 0:
		to += 31
	}
	return from, to
}

// filterFunc tests documents against a filter: statements by their facts,
// notes by their tags and by the statement they are on; actors, places and
// sources are not filtered. The caller holds the read lock.
func (ix *Index) filterFunc(f Filter) func(n uint32) bool {
	if f.IsZero() {
		return func(uint32) bool { return true }
	}
	full := ix.compile(f)
	untagged := f
	untagged.Tag = ""
	noTag := ix.compile(untagged)
	onStatements := f.onStatements()
	tag, tagKnown := ix.atoms.lookup(f.Tag)
	return func(n uint32) bool {
		d := &ix.docs[n]
		switch d.kind {
		case DocStatement:
			return d.fact >= 0 && full(&ix.facts[d.fact])
		case DocNote:
			if f.Tag != "" {
				if !tagKnown || d.fact < 0 || !slices.Contains(ix.refsOf(&ix.facts[d.fact]), tag) {
					return false
				}
			}
			if !onStatements {
				return true
			}
			on := ix.noteOn.at(n)
			fc, ok := ix.statementFactsOf(on)
			return ok && on != "" && noTag(fc)
		}
		return true
	}
}

// factTest is a filter turned into numbers.
type factTest func(*facts) bool

// compile turns a filter into a test on facts; an id the index has never
// seen matches nothing.
func (ix *Index) compile(f Filter) factTest {
	look := func(s string) (uint32, bool) {
		if s == "" {
			return 0, true
		}
		return ix.atoms.lookup(s)
	}
	actor, okA := look(f.Actor)
	place, okP := look(f.Place)
	tag, okT := look(f.Tag)
	category, okC := look(f.Category)
	if !okA || !okP || !okT || !okC {
		return func(*facts) bool { return false }
	}
	from, to := f.dates()
	kind := kindNumber(f.Kind)
	return func(fc *facts) bool {
		switch {
		case f.Actor != "" && !slices.Contains(ix.speakersOf(fc), actor),
			f.Place != "" && !slices.Contains(ix.placesOf(fc), place),
			f.Tag != "" && !slices.Contains(ix.tagsOf(fc), tag),
			f.From != "" && (fc.date == 0 || fc.date < from),
			f.To != "" && (fc.date == 0 || fc.date > to),
			f.Kind != "" && fc.kind != kind,
			f.Category != "" && fc.category != category,
			f.Cooperation != nil && (!fc.coded || fc.goldstein < f.Cooperation.Min || fc.goldstein > f.Cooperation.Max):
			return false
		}
		return true
	}
}

// StatementFacts calls fn with the date and speakers of each statement of
// ids the index knows, in order, under one read lock.
func (ix *Index) StatementFacts(ids []string, fn func(id, date string, speakers []string)) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	var speakers []string
	for _, id := range ids {
		f, ok := ix.statementFactsOf(id)
		if !ok {
			continue
		}
		speakers = speakers[:0]
		for _, a := range ix.speakersOf(f) {
			speakers = append(speakers, ix.atomText(a))
		}
		fn(id, dateString(f.date), speakers)
	}
}

// dateString turns yyyymmdd back into YYYY-MM-DD, YYYY-MM or YYYY.
func dateString(n uint32) string {
	switch {
	case n == 0:
		return ""
	case n%10000 == 0:
		return fmt.Sprintf("%04d", n/10000)
	case n%100 == 0:
		return fmt.Sprintf("%04d-%02d", n/10000, n/100%100)
	}
	return fmt.Sprintf("%04d-%02d-%02d", n/10000, n/100%100, n%100)
}

// Involved lists the speakers and the places of the statements of ids that
// pass a filter: what the map lights up for a filtered list.
func (ix *Index) Involved(ids []string, f Filter) (actors, places map[string]bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	test := ix.compile(f)
	actors, places = map[string]bool{}, map[string]bool{}
	for _, id := range ids {
		f, ok := ix.statementFactsOf(id)
		if !ok {
			continue
		}
		if !test(f) {
			continue
		}
		for _, a := range ix.speakersOf(f) {
			actors[ix.atomText(a)] = true
		}
		for _, p := range ix.placesOf(f) {
			places[ix.atomText(p)] = true
		}
	}
	return actors, places
}

// FilterChoices lists the tags and the event categories the statements
// carry, sorted, for the filter menus.
func (ix *Index) FilterChoices() (tags, categories []string) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	seenTag, seenCat := map[uint32]bool{}, map[uint32]bool{}
	for i, d := range ix.docs {
		if d.kind != DocStatement || d.fact < 0 || ix.isDead(uint32(i)) {
			continue
		}
		f := &ix.facts[d.fact]
		for _, t := range ix.tagsOf(f) {
			seenTag[t] = true
		}
		if f.category != 0 {
			seenCat[f.category] = true
		}
	}
	for t := range seenTag {
		tags = append(tags, ix.atomText(t))
	}
	for c := range seenCat {
		categories = append(categories, ix.atomText(c))
	}
	slices.Sort(tags)
	slices.Sort(categories)
	return tags, categories
}

// TopPairs sums the statements of ids by speaker → recipient pair from the
// facts the index holds, and returns the n busiest in SortedPairs' order
// (all of them when n <= 0). It tallies pairs by number and lists the
// statements of only the pairs it returns: a hundred thousand statements
// have nearly as many pairs, and a list and a string pair for each cost a
// scene 50 MB and most of its time.
func (ix *Index) TopPairs(ids []string, n int) []PairStat {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	type tally struct {
		key           uint64 // speaker atom << 32 | recipient atom
		count, scored int
		sum           float64
	}
	// Sized for a pair a statement, about what a large list has: growing
	// them instead made the scene's most garbage.
	tallies := make([]tally, 0, len(ids))
	byKey := make(map[uint64]int32, len(ids))
	eachPair := func(f *facts, fn func(key uint64)) {
		for _, a := range ix.speakersOf(f) {
			for _, r := range ix.recipientsOf(f) {
				if a != r { // a statement to oneself is not a pair
					fn(uint64(a)<<32 | uint64(r))
				}
			}
		}
	}
	// Each statement's facts, found once for both passes; -1 for none.
	factOf := make([]int32, len(ids))
	for i, id := range ids {
		factOf[i] = -1
		d, ok := ix.lookup(DocStatement, id)
		if !ok || ix.docs[d].fact < 0 {
			continue
		}
		factOf[i] = ix.docs[d].fact
		f := &ix.facts[factOf[i]]
		eachPair(f, func(key uint64) {
			k, ok := byKey[key]
			if !ok {
				k = int32(len(tallies))
				byKey[key] = k
				tallies = append(tallies, tally{key: key})
			}
			t := &tallies[k]
			t.count++
			if f.coded {
				t.scored++
				t.sum += f.goldstein
			}
		})
	}
	from := func(t *tally) string { return ix.atomText(uint32(t.key >> 32)) }
	to := func(t *tally) string { return ix.atomText(uint32(t.key)) }
	// The order of SortedPairs: more statements first, then by the ids.
	before := func(a, b uint32) bool {
		ta, tb := &tallies[a], &tallies[b]
		if ta.count != tb.count {
			return ta.count > tb.count
		}
		return cmp.Or(cmp.Compare(from(ta), from(tb)), cmp.Compare(to(ta), to(tb))) < 0
	}
	// The best n in a heap with the worst on top, as Query keeps its hits.
	var top []uint32
	worse := func(a, b uint32) bool { return before(b, a) }
	for i := range tallies {
		switch t := uint32(i); {
		case n <= 0 || len(top) < n:
			top = append(top, t)
			siftUp(top, len(top)-1, worse)
		case before(t, top[0]):
			top[0] = t
			siftDown(top, 0, worse)
		}
	}
	slices.SortFunc(top, func(a, b uint32) int {
		if before(a, b) {
			return -1
		}
		return 1
	})
	out := make([]PairStat, len(top))
	kept := make(map[uint64]int, len(top))
	for i, t := range top {
		tl := &tallies[t]
		out[i] = PairStat{Pair: Pair{strings.Clone(from(tl)), strings.Clone(to(tl))}, Count: tl.count, Scored: tl.scored, Sum: tl.sum}
		kept[tl.key] = i
	}
	for i, id := range ids {
		if factOf[i] >= 0 {
			eachPair(&ix.facts[factOf[i]], func(key uint64) {
				if k, ok := kept[key]; ok {
					out[k].Statements = append(out[k].Statements, id)
				}
			})
		}
	}
	return out
}

// StatementFilter returns a test of statement ids against a filter, from
// the facts the index holds; unknown ids fail.
func (ix *Index) StatementFilter(f Filter) func(id string) bool {
	ix.mu.RLock()
	test := ix.compile(f)
	ix.mu.RUnlock()
	return func(id string) bool {
		ix.mu.RLock()
		defer ix.mu.RUnlock()
		f, ok := ix.statementFactsOf(id)
		return ok && test(f)
	}
}

// QueryUnit is one part of a query every result must match: a word, or a
// phrase of words in order. Prefix makes the last word match any word it
// begins.
type QueryUnit struct {
	Words  []string
	Prefix bool
}

// Phrase reports whether the unit is several words in order.
func (u QueryUnit) Phrase() bool { return len(u.Words) > 1 }

// Query is a parsed search.
type Query struct {
	Units []QueryUnit
}

func (q Query) hasPrefix() bool {
	for _, u := range q.Units {
		if u.Prefix {
			return true
		}
	}
	return false
}

// ParseQuery reads what the user typed: words, which must all match;
// "quoted phrases", whose words must match in order; and a hyphenated or
// apostrophised word is a phrase of its parts. Case and diacritics do not
// count. The last word is a prefix while it is being typed, that is when
// the query does not end in a space or a closing quote and the word has
// two letters or more.
func ParseQuery(s string) Query {
	var q Query
	var chunk strings.Builder
	inQuote := false
	flush := func() {
		ws := words(chunk.String())
		chunk.Reset()
		if len(ws) > 0 {
			q.Units = append(q.Units, QueryUnit{Words: ws})
		}
	}
	for _, r := range s {
		switch {
		case r == '"' || r == '“' || r == '”' || r == '„' || r == '«' || r == '»':
			flush()
			inQuote = !inQuote
		case unicode.IsSpace(r) && !inQuote:
			flush()
		default:
			chunk.WriteRune(r)
		}
	}
	flush()
	if n := len(q.Units); n > 0 {
		trimmed := strings.TrimRightFunc(s, unicode.IsSpace)
		lastRune, _ := utf8.DecodeLastRuneInString(trimmed)
		closedQuote := strings.ContainsRune("\"”»", lastRune) && !inQuote
		lastWord := q.Units[n-1].Words[len(q.Units[n-1].Words)-1]
		// One letter is too short to be worth expanding.
		if len(trimmed) == len(s) && !closedQuote && (unicode.IsLetter(lastRune) || unicode.IsDigit(lastRune)) &&
			utf8.RuneCountInString(lastWord) > 1 {
			q.Units[n-1].Prefix = true
		}
	}
	// The same unit twice adds nothing.
	q.Units = slices.CompactFunc(q.Units, func(a, b QueryUnit) bool {
		return a.Prefix == b.Prefix && slices.Equal(a.Words, b.Words)
	})
	return q
}
