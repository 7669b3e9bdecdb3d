package search

import (
	"cmp"
	"encoding/binary"
	"math"
	"slices"
	"strings"

	"codeberg.org/parley/parley/app"
)

// scratch is per-query working memory over all documents.
type scratch struct {
	count []uint16
	stamp []uint32
	score []float32
	seen  []uint32 // documents that matched the first unit, to reset
	gen   uint32
	// dense is set for a query of one clause of words matching a good
	// part of the casebook: each match only adds to its document's score,
	// and the matches are read from the scores in document order, since
	// following them in the order they were found costs a cache miss
	// each (a three-letter prefix finds 180,000 of a million statements).
	dense bool
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
	if s.dense {
		clear(s.score)
		s.dense = false
	}
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

// stemWeight and prefixWeight are what a match by stem, and by a longer
// word than the prefix typed, count against a match of the word itself:
// exact, then prefix, then stem.
const (
	stemWeight   = 0.5
	prefixWeight = 0.7
)

// Query runs a parsed query under a filter and keeps the best limit hits of
// each kind (all of them when limit is 0).
func (ix *Index) Query(q Query, f app.Filter, limit int) Hits {
	var out Hits
	if q.empty() {
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
	f, ok := ix.withFields(f, q.Fields)
	if !ok {
		return out // a field names nothing the casebook has
	}
	s := ix.getScratch()
	defer ix.putScratch(s)
	clauses := q.clauses()
	costs := make([]int, len(clauses))
	for i, c := range clauses {
		costs[i] = ix.clauseCost(c)
	}
	if len(clauses) > 1 {
		// The clause matching least goes first: only what it matches is
		// kept track of after it.
		order := make([]int, len(clauses))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(costs[a], costs[b]) })
		sorted := make([][]QueryUnit, len(clauses))
		for i, o := range order {
			sorted[i] = clauses[o]
		}
		clauses = sorted
	} else {
		s.dense = !slices.ContainsFunc(clauses[0], QueryUnit.Phrase) && costs[0] > len(ix.docs)/denseShare
	}
	for u, clause := range clauses {
		s.gen++
		if s.gen == 0 { // wrapped: clear stamps
			clear(s.stamp)
			s.gen = 1
		}
		for _, unit := range clause {
			ix.matchUnit(s, unit, u)
		}
	}
	excluded := ix.excluded(q.Not)
	need := uint16(len(clauses))
	pass := ix.filterFunc(f)
	filtered := !f.IsZero()
	var keep func(d uint32) bool
	if ix.nDead > 0 || excluded != nil || filtered {
		keep = func(d uint32) bool {
			return !ix.isDead(d) && (excluded == nil || excluded[d/64]&(1<<(d%64)) == 0) && (!filtered || pass(d))
		}
	}
	var best bestHits
	if s.dense {
		best = ix.bestDense(s, limit, keep)
	} else {
		best = bestHits{ix: ix, s: s, limit: limit}
		for _, d := range s.seen {
			if s.count[d] == need && (keep == nil || keep(d)) {
				best.offer(d, s.score[d])
			}
		}
	}
	out.Total = best.total
	heaps := best.heaps
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

// bestHits keeps the best limit matches of each kind (all of them when limit
// is 0) in a heap with the worst on top, so that a query matching most of
// the casebook costs no sort of it, and counts all of them.
type bestHits struct {
	ix    *Index
	s     *scratch
	limit int
	heaps [docKinds][]uint32
	total [docKinds]int
	// floor is the score of the worst kept of each full heap (0 until
	// full; every score is above 0): a match scoring less is not one of
	// the best, which decides most matches of a common word without
	// comparing dates.
	floor [docKinds]float32
}

func (b *bestHits) offer(d uint32, score float32) {
	kind := b.ix.kinds[d]
	b.total[kind]++
	if score >= b.floor[kind] {
		b.insert(d, kind)
	}
}

// insert puts d among the best of its kind, unless the kind's heap is full
// of better ones.
func (b *bestHits) insert(d uint32, kind DocKind) {
	h := b.heaps[kind]
	worse := func(x, y uint32) bool { return b.ix.better(b.s, y, x) }
	switch {
	case b.limit <= 0 || len(h) < b.limit:
		h = append(h, d)
		siftUp(h, len(h)-1, worse)
	case b.ix.better(b.s, d, h[0]):
		h[0] = d
		siftDown(h, 0, worse)
	}
	b.heaps[kind] = h
	if b.limit > 0 && len(h) == b.limit {
		b.floor[kind] = b.s.score[h[0]]
	}
}

// merge adds what other kept and counted of other documents.
func (b *bestHits) merge(other *bestHits) {
	for k, h := range other.heaps {
		b.total[k] += other.total[k]
		for _, d := range h {
			if b.s.score[d] >= b.floor[k] {
				b.insert(d, DocKind(k))
			}
		}
	}
}

// bestDense finds the best of a dense query's matches (see scratch.dense):
// the documents with a score that keep lets through (nil: all), read in
// two halves at once.
func (ix *Index) bestDense(s *scratch, limit int, keep func(d uint32) bool) bestHits {
	scan := func(from, to int) bestHits {
		// Each half's own, apart from the other's: they change at
		// every match, and sharing a cache line costs more than the
		// scan.
		b := bestHits{ix: ix, s: s, limit: limit}
		for d, score := range s.score[from:to] {
			if d := uint32(from + d); score != 0 && (keep == nil || keep(d)) {
				b.offer(d, score)
			}
		}
		return b
	}
	n := len(ix.docs)
	upper := make(chan bestHits, 1)
	go func() { upper <- scan(n/2, n) }()
	best := scan(0, n/2)
	other := <-upper
	best.merge(&other)
	return best
}

// denseShare: a clause whose postings take more bytes than the casebook's
// documents over this is matched densely (see scratch.dense). Most
// postings take two bytes.
const denseShare = 16

// clauseCost is what matching a clause reads, in bytes of postings: for a
// phrase, those of its rarest word, which bound what it matches.
func (ix *Index) clauseCost(clause []QueryUnit) int {
	n := 0
	for _, unit := range clause {
		least := math.MaxInt
		for i, w := range unit.Words {
			words := 0
			for _, id := range ix.expand(ix.vocab, w, unit.Prefix && i == len(unit.Words)-1) {
				words += len(ix.terms[id].post)
			}
			least = min(least, words)
		}
		n += least
	}
	return n
}

// matchUnit counts the documents one unit matches as matching clause u: a
// word (with its other forms when finished) or a phrase in order.
func (ix *Index) matchUnit(s *scratch, unit QueryUnit, u int) {
	vocab := ix.vocab
	live := float64(max(ix.live(), 1))
	idfOf := func(t *indexTerm) float32 { return float32(math.Log(1 + live/float64(max(t.live, 1)))) }
	if !unit.Phrase() {
		for _, id := range ix.expand(vocab, unit.Words[0], unit.Prefix) {
			t := &ix.terms[id]
			idf := idfOf(t)
			if unit.Prefix && ix.words.at(id) != unit.Words[0] {
				idf *= prefixWeight // a longer word than typed ranks after the word itself
			}
			ix.hitPostings(s, t, u, idf)
		}
		if unit.Prefix {
			return // a word being typed: its stem is not yet known
		}
		// The word's stems find its other forms ("negotiation" finds
		// "negotiating"), at a lower weight: a document with the word as
		// typed has both and ranks first. The stem term holds the words
		// that are not their own stem; the stem as a word, those that are.
		var seen []uint32
		for _, st := range queryStemTerms(unit.Words[0]) {
			for _, w := range []string{st, stemWord(st)} {
				id, ok := ix.words.lookup(w)
				if !ok || w == unit.Words[0] || slices.Contains(seen, id) {
					continue
				}
				seen = append(seen, id)
				t := &ix.terms[id]
				ix.hitPostings(s, t, u, idfOf(t)*stemWeight)
			}
		}
		return
	}
	// A phrase: the rarest word's documents that hold the other words
	// too, checked in order.
	last := len(unit.Words) - 1
	ids := make([]uint32, len(unit.Words))
	sets := make([][]uint32, len(unit.Words))
	rarest := -1
	rarestN := math.MaxInt
	var idf float32
	for i, w := range unit.Words {
		set := ix.expand(vocab, w, unit.Prefix && i == last)
		if len(set) == 0 {
			return // a word no document has: the phrase matches nothing
		}
		ids[i], sets[i] = set[0], set
		// Bytes of postings stand for their number: two each, most.
		n := 0
		for _, id := range set {
			n += len(ix.terms[id].post)
		}
		if n < rarestN {
			rarest, rarestN = i, n
		}
		idf += idfOf(&ix.terms[set[0]])
	}
	// The documents holding every other word, from their postings: a
	// document's words are read only where the phrase can be, as reading
	// them is what a phrase costs (at a million statements, most of it).
	var holds []uint64
	for i, set := range sets {
		if i == rarest || slices.Equal(set, sets[rarest]) {
			continue
		}
		bits := make([]uint64, (len(ix.docs)+63)/64)
		for _, id := range set {
			for p := ix.terms[id].postings(); p.next(); {
				bits[p.d/64] |= 1 << (p.d % 64)
			}
		}
		if holds == nil {
			holds = bits
			continue
		}
		for j := range holds {
			holds[j] &= bits[j]
		}
	}
	for _, id := range sets[rarest] {
		for p := ix.terms[id].postings(); p.next(); {
			d := p.d
			if holds != nil && holds[d/64]&(1<<(d%64)) == 0 {
				continue
			}
			if s.stamp[d] == s.gen || s.count[d] != uint16(u) || ix.isDead(d) {
				continue
			}
			if class, ok := ix.phraseIn(s, d, unit, ids); ok {
				ix.hit(s, d, u, idf*1.5*float32(classWeight[class]))
			}
		}
	}
}

// excluded marks the documents any of the units matches, a bit each: what
// -word and -"phrase" leave out. It is nil when there are none.
func (ix *Index) excluded(units []QueryUnit) []uint64 {
	if len(units) == 0 {
		return nil
	}
	out := make([]uint64, (len(ix.docs)+63)/64)
	for _, unit := range units {
		s := ix.getScratch()
		s.gen++
		if s.gen == 0 {
			clear(s.stamp)
			s.gen = 1
		}
		ix.matchUnit(s, unit, 0)
		for _, d := range s.seen {
			out[d/64] |= 1 << (d % 64)
		}
		ix.putScratch(s)
	}
	return out
}

// withFields adds a query's field filters to the filter bar's: a speaker or
// place by name (or id), a tag, a PLOVER category, dates. It reports false
// when a field names nothing the index has, or contradicts the filter.
func (ix *Index) withFields(f app.Filter, q QueryFields) (app.Filter, bool) {
	if q.IsZero() {
		return f, true
	}
	set := func(field *string, v string) bool {
		if *field != "" && *field != v {
			return false
		}
		*field = v
		return true
	}
	ok := true
	if q.Speaker != "" {
		id, found := ix.nameToID(ix.names, q.Speaker)
		ok = ok && found && set(&f.Actor, id)
	}
	if q.Place != "" {
		id, found := ix.nameToID(ix.placeNames, q.Place)
		ok = ok && found && set(&f.Place, id)
	}
	if q.Tag != "" {
		ok = ok && set(&f.Tag, q.Tag)
	}
	if q.Code != "" {
		ok = ok && set(&f.Category, q.Code)
	}
	if q.From != "" && (f.From == "" || q.From > f.From) {
		f.From = q.From
	}
	if q.To != "" && (f.To == "" || q.To < f.To) {
		f.To = q.To
	}
	return f, ok
}

// nameToID finds the item a name or id names among names (id → its name
// and aliases), folded: the id itself, else the one whose name or alias is
// the name typed, else the one whose name holds it as words.
func (ix *Index) nameToID(names map[string][]string, typed string) (string, bool) {
	if _, ok := names[typed]; ok {
		return typed, true
	}
	want := strings.Join(words(typed), " ")
	var partial []string
	for id, ns := range names {
		for _, n := range ns {
			have := strings.Join(words(n), " ")
			if have == want {
				return id, true
			}
			if strings.Contains(" "+have+" ", " "+want+" ") {
				partial = append(partial, id)
			}
		}
	}
	slices.Sort(partial)
	partial = slices.Compact(partial)
	if len(partial) == 1 {
		return partial[0], true
	}
	return "", false
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

func (ix *Index) dateOf(d uint32) uint32 { return ix.dates[d] }

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

// hitPostings records the matches of a term's postings, weighted by idf.
func (ix *Index) hitPostings(s *scratch, t *indexTerm, u int, idf float32) {
	if !s.dense {
		for p := t.postings(); p.next(); {
			ix.hit(s, p.d, u, idf*weightOf(p.w))
		}
		return
	}
	// Dense: only the scores, with the postings read inline, as a short
	// prefix reads hundreds of thousands of them. Every score is above 0.
	b, d, score := t.post, uint32(0), s.score
	for len(b) >= 2 {
		gap, n := uint64(b[0]), 1
		if gap >= 0x80 {
			if gap, n = binary.Uvarint(b); n <= 0 || n >= len(b) {
				return // cannot happen: the index wrote these bytes
			}
		}
		d += uint32(gap)
		score[d] += idf * weightTable[b[n]]
		b = b[n+1:]
	}
}

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
