package search

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"

	"codeberg.org/parley/parley/app"
)

// filterFunc tests documents against a filter: statements by their facts,
// notes by their tags and by the statement they are on; actors, places and
// sources are not filtered. The caller holds the read lock.
func (ix *Index) filterFunc(f app.Filter) func(n uint32) bool {
	if f.IsZero() {
		return func(uint32) bool { return true }
	}
	full := ix.compile(f)
	untagged := f
	untagged.Tag = ""
	noTag := ix.compile(untagged)
	onStatements := f.OnStatements()
	tag, tagKnown := ix.atoms.lookup(f.Tag)
	var spoken []uint64 // under a speaker filter, a bit per statement of the speaker
	if actor, ok := ix.atoms.lookup(f.Actor); ok && f.Actor != "" {
		spoken = ix.spokenBy(actor)
	}
	// Dates are tested first on the index's own list of them, read in
	// order, and a filter of dates alone reads no facts.
	from, to := f.DateBounds()
	dated := f.From != "" || f.To != ""
	datesOnly := f == app.Filter{From: f.From, To: f.To}
	return func(n uint32) bool {
		d := &ix.docs[n]
		switch ix.kinds[n] {
		case DocStatement:
			if dated {
				if date := ix.dates[n]; date == 0 || f.From != "" && date < from || f.To != "" && date > to {
					return false
				}
			}
			if spoken != nil && spoken[n/64]&(1<<(n%64)) == 0 {
				return false
			}
			return d.fact >= 0 && (datesOnly || full(&ix.facts[d.fact]))
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

// speakerStatements lists each actor's statements by document number, one
// list after another, built when a query under a speaker filter first asks
// and again after the index has changed: testing every match of a common
// word against the filter read each one's facts, a cache miss each (a
// word matching a tenth of a million statements took 4 ms more).
type speakerStatements struct {
	mu    sync.Mutex
	built bool
	edits uint64
	start []uint32 // actor atom a's statements are docs[start[a]:start[a+1]]
	docs  []uint32
}

// spokenBy returns a bit per document, set for the statements actor spoke.
// The caller holds the read lock.
func (ix *Index) spokenBy(actor uint32) []uint64 {
	m := &ix.bySpeaker
	m.mu.Lock()
	if !m.built || m.edits != ix.edits {
		ix.listSpeakerStatements(m)
	}
	var docs []uint32
	if int(actor)+1 < len(m.start) {
		docs = m.docs[m.start[actor]:m.start[actor+1]]
	}
	bits := make([]uint64, (len(ix.docs)+63)/64)
	for _, d := range docs {
		bits[d/64] |= 1 << (d % 64)
	}
	m.mu.Unlock()
	return bits
}

// listSpeakerStatements fills m from the statements' facts: counted first,
// then placed, so that the lists take four bytes a statement and speaker.
func (ix *Index) listSpeakerStatements(m *speakerStatements) {
	each := func(fn func(d uint32, a uint32)) {
		for d, doc := range ix.docs {
			if ix.kinds[d] != DocStatement || doc.fact < 0 || ix.isDead(uint32(d)) {
				continue
			}
			for _, a := range ix.speakersOf(&ix.facts[doc.fact]) {
				fn(uint32(d), a)
			}
		}
	}
	start := make([]uint32, len(ix.atoms.list.ends)+1)
	each(func(_, a uint32) { start[a+1]++ })
	for a := 1; a < len(start); a++ {
		start[a] += start[a-1]
	}
	docs := make([]uint32, start[len(start)-1])
	next := slices.Clone(start)
	each(func(d, a uint32) {
		docs[next[a]] = d
		next[a]++
	})
	m.start, m.docs, m.built, m.edits = start, docs, true, ix.edits
}

// factTest is a filter turned into numbers.
type factTest func(*facts) bool

// compile turns a filter into a test on facts; an id the index has never
// seen matches nothing.
func (ix *Index) compile(f app.Filter) factTest {
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
	from, to := f.DateBounds()
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
func (ix *Index) Involved(ids []string, f app.Filter) (actors, places map[string]bool) {
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

// eachStatementFacts calls fn with the facts of each indexed statement of
// ids, in order. A list of up to maxRememberedList ids is remembered with
// the facts it found, and asked for again while the index has not changed
// the facts are not looked up again: a click on an actor asks for its
// places and then its pairs over one list. The caller holds the read lock.
func (ix *Index) eachStatementFacts(ids []string, fn func(f *facts)) {
	m := &ix.lastList
	m.mu.Lock()
	same := m.edits == ix.edits && slices.Equal(m.ids, ids) // equal strings compare by pointer first
	found := m.facts
	m.mu.Unlock()
	if !same {
		if len(ids) > maxRememberedList {
			for _, id := range ids {
				if f, ok := ix.statementFactsOf(id); ok {
					fn(f)
				}
			}
			return
		}
		found = make([]int32, len(ids))
		for i, id := range ids {
			found[i] = -1
			if d, ok := ix.lookup(DocStatement, id); ok {
				found[i] = ix.docs[d].fact
			}
		}
		m.mu.Lock()
		m.ids, m.edits, m.facts = ids, ix.edits, found
		m.mu.Unlock()
	}
	for _, fact := range found {
		if fact >= 0 {
			fn(&ix.facts[fact])
		}
	}
}

// maxRememberedList bounds the list eachStatementFacts remembers: the
// whole casebook's is not asked for twice, and its facts would hold 4 MB a
// million statements.
const maxRememberedList = 1 << 16

// RankPlaces counts the places the statements of ids concern and lists
// them most often first, ties by id, as app.PlacesOf does from the
// statements themselves.
func (ix *Index) RankPlaces(ids []string) []string {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	n := map[uint32]int{}
	ix.eachStatementFacts(ids, func(f *facts) {
		for _, p := range ix.placesOf(f) {
			n[p]++
		}
	})
	counts := make(map[string]int, len(n))
	for p, c := range n {
		counts[ix.atomText(p)] = c
	}
	return app.MostFirst(counts)
}

// FilterChoices lists the tags and the event categories the statements
// carry, sorted, for the filter menus.
func (ix *Index) FilterChoices() (tags, categories []string) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	seenTag, seenCat := map[uint32]bool{}, map[uint32]bool{}
	for i, d := range ix.docs {
		if ix.kinds[i] != DocStatement || d.fact < 0 || ix.isDead(uint32(i)) {
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
// (all of them when n <= 0), without their lists of statements: what a
// scene's map and links show. It tallies pairs by number: a hundred
// thousand statements have nearly as many pairs, and a list and a string
// pair for each cost a scene 50 MB and most of its time.
func (ix *Index) TopPairs(ids []string, n int) []app.PairStat {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	type tally struct {
		key           uint64 // speaker atom << 32 | recipient atom
		count, scored int
		sum           float64
	}
	// Sized for a pair a statement up to a limit: growing them made the
	// most garbage of a scene of a hundred thousand, and sizing them for a
	// million held 90 MB for a moment.
	size := min(len(ids), 1<<17)
	tallies := make([]tally, 0, size)
	byKey := make(map[uint64]int32, size)
	eachPair := func(f *facts, fn func(key uint64)) {
		for _, a := range ix.speakersOf(f) {
			for _, r := range ix.recipientsOf(f) {
				if a != r { // a statement to oneself is not a pair
					fn(uint64(a)<<32 | uint64(r))
				}
			}
		}
	}
	ix.eachStatementFacts(ids, func(f *facts) {
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
	})
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
	out := make([]app.PairStat, len(top))
	for i, t := range top {
		tl := &tallies[t]
		out[i] = app.PairStat{Pair: app.Pair{From: strings.Clone(from(tl)), To: strings.Clone(to(tl))}, Count: tl.count, Scored: tl.scored, Sum: tl.sum}
	}
	return out
}

// StatementFilter returns a test of statement ids against a filter, from
// the facts the index holds; unknown ids fail.
func (ix *Index) StatementFilter(f app.Filter) func(id string) bool {
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

// SpeakerCounts counts, for each actor, the statements it spoke that pass
// f: the actors list under a filter.
func (ix *Index) SpeakerCounts(f app.Filter) map[string]int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	pass := ix.compile(f)
	counts := map[uint32]int{}
	for d := range ix.docs {
		doc := &ix.docs[d]
		if ix.kinds[d] != DocStatement || doc.fact < 0 || ix.isDead(uint32(d)) {
			continue
		}
		fc := &ix.facts[doc.fact]
		if !pass(fc) {
			continue
		}
		for _, a := range ix.speakersOf(fc) {
			counts[a]++
		}
	}
	out := make(map[string]int, len(counts))
	for a, n := range counts {
		out[ix.atomText(a)] = n
	}
	return out
}
