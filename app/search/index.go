package search

import (
	"encoding/binary"
	"math"
	"slices"
	"strings"
	"sync"
	"unsafe"

	"codeberg.org/parley/parley/app"
)

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
	// placeNames holds each place's names, for place: in a query.
	placeNames map[string][]string
	// srcLang is each source's language, the language its statements are
	// stemmed in.
	srcLang map[string]string
	// stems holds, for each language of stemLanguages and by a word's term
	// id, its stem's term id + 2 (0: not yet stemmed; 1: no stem term).
	stems [len(stemLanguages)][]uint32
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
	// dates are the statements' dates (yyyymmdd, 0 for other documents),
	// apart for the same reason: results of equal score rank newer first,
	// and a query reads only these four bytes of each document to order
	// them, not the document's facts.
	dates []uint32
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
	// edits counts the changes to the index, and lastList is the last
	// list of statements whose facts were looked up, valid while edits is
	// what it was then: a click on an actor asks for its places and then
	// its pairs over one list.
	edits    uint64
	lastList factsOfList
	// bySpeaker lists each actor's statements, and summaries sums up
	// the last clicked on.
	bySpeaker speakerStatements
	summaries speakerSummaries
	atomOrder atomOrder
	slots     sync.Pool // of *atomSlots
}

// factsOfList is a list of statement ids and the facts entry of each (-1:
// not indexed).
type factsOfList struct {
	mu    sync.Mutex
	ids   []string
	edits uint64
	facts []int32
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
	// fact is the document's entry in Index.facts, or -1.
	fact int32
	// (Its kind is in Index.kinds. No padding: the array is saved as
	// its bytes.)
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
	ix := &Index{names: map[string][]string{}, placeNames: map[string][]string{}, srcLang: map[string]string{}}
	ix.atoms.intern("")
	return ix
}

func (ix *Index) atom(s string) uint32 { return ix.atoms.intern(s) }

// stemID is the term id of a word's stem in a language, remembered by the
// word's id: stemming is slow next to a map lookup.
func (ix *Index) stemID(lang, w string, word uint32) (uint32, bool) {
	li := slices.Index(stemLanguages[:], lang)
	if li < 0 {
		return 0, false
	}
	known := ix.stems[li]
	if int(word) < len(known) && known[word] != 0 {
		t := known[word]
		return t - 2, t > 1
	}
	// A word that is its own stem needs no stem term: a query finds it
	// by its stem as a word.
	st := stemTerm(lang, w)
	t := uint32(1)
	if st != "" && stemWord(st) != w {
		t = ix.termID(st) + 2
	}
	if int(word) >= len(ix.stems[li]) {
		ix.stems[li] = append(ix.stems[li], make([]uint32, int(word)+1-len(ix.stems[li]))...)
	}
	ix.stems[li][word] = t
	return t - 2, t > 1
}

// termID interns a term, giving a new one its postings and its place in
// the sorted vocabulary.
func (ix *Index) termID(w string) uint32 {
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
	return id
}

// atomText is the id or category atom a stands for.
func (ix *Index) atomText(a uint32) string { return ix.atoms.at(a) }

// docID is document d's id.
func (ix *Index) docID(d uint32) string { return ix.ids.at(d) }

func docHash(kind DocKind, id string) uint64 {
	return hashString(id) ^ uint64(kind+1)*0x9e3779b97f4a7c15
}

// isDoc tells byKey whether document n has a kind and id.
func (ix *Index) isDoc(kind DocKind, id string) func(n uint32) bool {
	return func(n uint32) bool { return ix.kinds[n] == kind && ix.ids.at(n) == id }
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
	kind, id := ix.kinds[n], ix.ids.at(n)
	ix.byKey.set(docHash(kind, id), n, ix.isDoc(kind, id),
		func(m uint32) uint64 { return docHash(ix.kinds[m], ix.ids.at(m)) })
}

var statementKinds = []app.StatementKind{"", app.KindDirect, app.KindFragment, app.KindIndirect}

func kindNumber(k app.StatementKind) uint8 {
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
	doc := indexDoc{fact: -1}
	ix.ids.add(d.key.id)
	ix.noteOn.add(d.noteOn)
	// buf collects term<<8 | class per word, to count and weigh; seq the
	// words in order, copied to the document at its exact size.
	ix.buf, ix.seq = ix.buf[:0], ix.seq[:0]
	if d.key.kind == DocSource {
		ix.srcLang[d.key.id] = d.lang
	}
	for _, f := range d.fields {
		Tokens(f.text, func(w string, _, _ int) {
			id := ix.termID(w)
			ix.seq = append(ix.seq, id)
			ix.buf = append(ix.buf, uint64(id)<<8|uint64(f.class))
			// The word's stem in the text's language is a term too, not
			// in the word sequence: phrases match words as written.
			if t, ok := ix.stemID(d.lang, w, id); ok {
				ix.buf = append(ix.buf, uint64(t)<<8|uint64(f.class))
			}
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
		f := facts{date: app.DateKey(fc.date), kind: kindNumber(fc.kind), coded: fc.coding.Scored(),
			goldstein: fc.coding.Score, category: ix.atom(fc.coding.Category)}
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
	if doc.fact >= 0 && d.key.kind == DocStatement {
		speakers := ix.speakersOf(&ix.facts[doc.fact])
		ix.bySpeaker.add(n, speakers)
		ix.summaries.forget(speakers)
	}
	ix.kinds = append(ix.kinds, d.key.kind)
	date := uint32(0)
	if d.facts != nil {
		date = ix.facts[doc.fact].date
	}
	ix.dates = append(ix.dates, date)
	if int(n/64) >= len(ix.dead) {
		ix.dead = append(ix.dead, 0)
	}
	ix.keyDoc(n)
}

// remove marks a document deleted; its postings go at the next compaction.
// recode changes a statement's coding in its facts when nothing else the
// index holds of it changed, and reports whether it could: confirming a
// code, or suggesting codes again after the rules changed, would otherwise
// index the statement anew, and doing so for a million statements doubled
// the index until it was compacted.
func (ix *Index) recode(d docText) bool {
	fc := d.facts
	n, ok := ix.lookup(d.key.kind, d.key.id)
	if !ok || fc == nil || ix.docs[n].fact < 0 {
		return false
	}
	f := &ix.facts[ix.docs[n].fact]
	if f.date != app.DateKey(fc.date) || f.kind != kindNumber(fc.kind) || !ix.sameAtoms(ix.speakersOf(f), fc.speakers) ||
		!ix.sameAtoms(ix.placesOf(f), fc.places) || !ix.sameAtoms(ix.recipientsOf(f), fc.recipients) || !ix.sameAtoms(ix.tagsOf(f), d.tags) {
		return false
	}
	// The words, in the order put writes them.
	ix.seq = ix.docWords(n, ix.seq)
	i, same := 0, true
	for _, field := range d.fields {
		Tokens(field.text, func(w string, _, _ int) {
			if id, ok := ix.words.lookup(w); !same || !ok || i >= len(ix.seq) || ix.seq[i] != id {
				same = false
				return
			}
			i++
		})
		if !same || i >= len(ix.seq) || ix.seq[i] != fieldMark+uint32(field.class) {
			return false
		}
		i++
	}
	if i != len(ix.seq) {
		return false
	}
	ix.summaries.forget(ix.speakersOf(f)) // their pairs' tone sums change
	f.coded, f.goldstein, f.category = fc.coding.Scored(), fc.coding.Score, ix.atom(fc.coding.Category)
	return true
}

// sameAtoms: the atoms are those of ids, in order.
func (ix *Index) sameAtoms(atoms []uint32, ids []string) bool {
	if len(atoms) != len(ids) {
		return false
	}
	for i, id := range ids {
		if a, ok := ix.atoms.lookup(id); !ok || a != atoms[i] {
			return false
		}
	}
	return true
}

func (ix *Index) remove(key docKey) {
	n, ok := ix.lookup(key.kind, key.id)
	if !ok {
		return
	}
	ix.dead[n/64] |= 1 << (n % 64)
	if doc := &ix.docs[n]; ix.kinds[n] == DocStatement && doc.fact >= 0 {
		ix.summaries.forget(ix.speakersOf(&ix.facts[doc.fact]))
	}
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
	ix.bySpeaker.reset()
	renum := make([]uint32, len(ix.docs))
	var live []indexDoc
	var liveKinds []DocKind
	var liveDates []uint32
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
		liveKinds = append(liveKinds, ix.kinds[i])
		liveDates = append(liveDates, ix.dates[i])
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
	ix.kinds, ix.dates = liveKinds, liveDates
	ix.dead = make([]uint64, len(live)/64+1)
	ix.byKey = slotTable{}
	for i := range ix.docs {
		ix.keyDoc(uint32(i))
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
	ix.dates = slices.Clone(ix.dates)
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

// Footprint is about how many bytes the index's arrays hold, counted from
// their capacities: a figure that does not depend on when the collector
// last ran. The names of actors (a few per actor) are left out.
func (ix *Index) Footprint() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	strs := func(l strList) int { return cap(l.data) + 4*cap(l.ends) }
	table := func(t slotTable) int { return 4 * cap(t.slots) }
	n := strs(ix.words.list) + table(ix.words.table) + strs(ix.atoms.list) + table(ix.atoms.table)
	n += strs(ix.ids) + table(ix.byKey) + strs(ix.noteOn)
	n += int(unsafe.Sizeof(indexTerm{})) * cap(ix.terms)
	for _, t := range ix.terms {
		n += cap(t.post)
	}
	n += 4*cap(ix.vocab) + int(unsafe.Sizeof(indexDoc{}))*cap(ix.docs) + cap(ix.seqs) + cap(ix.kinds) + 4*cap(ix.dates) + 8*cap(ix.dead)
	n += int(unsafe.Sizeof(facts{}))*cap(ix.facts) + 4*cap(ix.refs)
	return n
}
