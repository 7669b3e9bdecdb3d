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

// speakerStatements lists each actor's statements by document number,
// the deleted among them (readers skip those): made from the facts when
// first asked for, kept up as statements are added, and made again after
// the documents are renumbered. A query under a speaker filter tests a bit
// per statement instead of each match's facts (a cache miss each: a word
// matching a tenth of a million statements took 4 ms more), and a click on
// an actor ranks its places and pairs without looking its statements up by
// id.
type speakerStatements struct {
	mu    sync.Mutex
	built bool
	lists [][]uint32 // by actor atom
	// filtered counts the queries under a speaker filter: the first, while
	// the lists are not made, tests each match's facts as without them,
	// as a search from the command line asks once.
	filtered int
}

// add lists statement d under its speakers, once the lists are made.
func (m *speakerStatements) add(d uint32, speakers []uint32) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if !m.built {
		return
	}
	for _, a := range speakers {
		if int(a) >= len(m.lists) {
			m.lists = append(m.lists, make([][]uint32, int(a)+1-len(m.lists))...)
		}
		m.lists[a] = append(m.lists[a], d)
	}
}

// reset drops the lists, for documents renumbered.
func (m *speakerStatements) reset() {
	m.mu.Lock()
	m.built, m.lists = false, nil
	m.mu.Unlock()
}

// spokenStatements returns the document numbers of the statements actor
// (an atom) spoke, the deleted among them, making the lists if they are
// not made. The caller holds the read lock, and must not change what it
// gets.
func (ix *Index) spokenStatements(actor uint32) []uint32 {
	m := &ix.bySpeaker
	m.mu.Lock()
	defer m.mu.Unlock()
	if !m.built {
		m.lists = make([][]uint32, len(ix.atoms.list.ends))
		for d, doc := range ix.docs {
			if ix.kinds[d] != DocStatement || doc.fact < 0 || ix.isDead(uint32(d)) {
				continue
			}
			for _, a := range ix.speakersOf(&ix.facts[doc.fact]) {
				m.lists[a] = append(m.lists[a], uint32(d))
			}
		}
		// At their exact sizes: appending left up to half of each unused.
		for a, l := range m.lists {
			m.lists[a] = slices.Clone(l)
		}
		m.built = true
	}
	if int(actor) < len(m.lists) {
		return m.lists[actor]
	}
	return nil
}

// spokenBy returns a bit per document, set for the statements actor spoke,
// or nil for the first query under a speaker filter while the lists are
// not made. The caller holds the read lock.
func (ix *Index) spokenBy(actor uint32) []uint64 {
	m := &ix.bySpeaker
	m.mu.Lock()
	first := !m.built && m.filtered == 0
	m.filtered++
	m.mu.Unlock()
	if first {
		return nil // the filter's test of each match's facts names the speaker
	}
	bits := make([]uint64, (len(ix.docs)+63)/64)
	for _, d := range ix.spokenStatements(actor) {
		bits[d/64] |= 1 << (d % 64)
	}
	return bits
}

// eachSpokenFacts calls fn with the facts of each statement actor (an id)
// spoke. The caller holds the read lock.
func (ix *Index) eachSpokenFacts(actor string) func(fn func(*facts)) {
	return func(fn func(*facts)) {
		a, ok := ix.atoms.lookup(actor)
		if !ok || actor == "" {
			return
		}
		for _, d := range ix.spokenStatements(a) {
			if doc := &ix.docs[d]; doc.fact >= 0 && !ix.isDead(d) {
				fn(&ix.facts[doc.fact])
			}
		}
	}
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
	return ix.rankPlaces(func(fn func(*facts)) { ix.eachStatementFacts(ids, fn) })
}

// RankSpeakerPlaces is RankPlaces of the statements an actor spoke.
func (ix *Index) RankSpeakerPlaces(actor string) []string {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	a, ok := ix.atoms.lookup(actor)
	if !ok || actor == "" {
		return app.MostFirst(nil)
	}
	return slices.Clone(ix.speakerSummary(a).places)
}

// speakerSummary is what a click on an actor shows on the map of all it
// said: its places, most often first, and its busiest pairs.
type speakerSummary struct {
	places   []string
	pairs    []pairTally // the busiest summaryPairs, in order
	allPairs bool        // pairs holds them all
}

// summaryPairs is how many of an actor's pairs its summary keeps: as many
// as a scene carries (session.maxScenePairs).
const summaryPairs = 200

// speakerSummaries remembers the summaries of the actors clicked on until
// one of their statements changes: a click asks for an actor's places and
// then for its pairs, and each of its statements' facts is a cache miss
// away.
type speakerSummaries struct {
	mu      sync.Mutex
	byActor map[uint32]*speakerSummary
}

// forget drops the summaries of speakers, whose statements changed.
func (m *speakerSummaries) forget(speakers []uint32) {
	m.mu.Lock()
	for _, a := range speakers {
		delete(m.byActor, a)
	}
	m.mu.Unlock()
}

// reset drops every summary, for atoms renumbered.
func (m *speakerSummaries) reset() {
	m.mu.Lock()
	m.byActor = nil
	m.mu.Unlock()
}

// maxSummaries bounds the summaries remembered.
const maxSummaries = 1024

// speakerSummary returns actor's summary, made in one pass over its
// statements' facts if it is not remembered. The caller holds the read
// lock.
func (ix *Index) speakerSummary(actor uint32) *speakerSummary {
	m := &ix.summaries
	m.mu.Lock()
	sum, ok := m.byActor[actor]
	m.mu.Unlock()
	if ok {
		return sum
	}
	var spoken []*facts
	ix.eachSpokenFacts(ix.atomText(actor))(func(f *facts) { spoken = append(spoken, f) })
	each := func(fn func(*facts)) {
		for _, f := range spoken {
			fn(f)
		}
	}
	sum = &speakerSummary{places: ix.rankPlaces(each), pairs: ix.topPairs(each, len(spoken), summaryPairs+1)}
	if sum.allPairs = len(sum.pairs) <= summaryPairs; !sum.allPairs {
		sum.pairs = slices.Clone(sum.pairs[:summaryPairs])
	}
	m.mu.Lock()
	if m.byActor == nil {
		m.byActor = map[uint32]*speakerSummary{}
	}
	for a := range m.byActor {
		if len(m.byActor) < maxSummaries {
			break
		}
		delete(m.byActor, a) // any one: the map's order is random
	}
	m.byActor[actor] = sum
	m.mu.Unlock()
	return sum
}

// rankPlaces ranks the places of the statements each calls back with, as
// app.MostFirst does: the most statements first, then by id. The caller
// holds the read lock.
func (ix *Index) rankPlaces(each func(fn func(*facts))) []string {
	slots := ix.takeSlots()
	defer ix.giveSlots(slots)
	var counts []int
	each(func(f *facts) {
		for _, p := range ix.placesOf(f) {
			if k := slots.of(p); k < len(counts) {
				counts[k]++
			} else {
				counts = append(counts, 1)
			}
		}
	})
	rank := ix.atomRanks()
	order := make([]int, len(counts))
	for k := range order {
		order[k] = k
	}
	slices.SortFunc(order, func(a, b int) int {
		return cmp.Or(counts[b]-counts[a], ix.compareAtoms(rank, slots.used[a], slots.used[b]))
	})
	out := make([]string, len(order))
	for i, k := range order {
		out[i] = ix.atomText(slots.used[k])
	}
	return out
}

// atomSlots numbers the atoms a tally meets, from 0, in an array over all
// atoms: counting an actor's places in a map was a third of a first click
// on it. The array is kept for the next tally; only the slots used are
// cleared.
type atomSlots struct {
	slot []int32 // by atom: 0, or 1 + its place in used
	used []uint32
}

// takeSlots returns empty slots for every atom. The caller holds the read
// lock, so no atom comes while they are in use.
func (ix *Index) takeSlots() *atomSlots {
	s, _ := ix.slots.Get().(*atomSlots)
	if s == nil {
		s = &atomSlots{}
	}
	if n := len(ix.atoms.list.ends); len(s.slot) < n {
		s.slot = make([]int32, n+n/8)
	}
	return s
}

// of is the number of atom a, given it if it has none.
func (s *atomSlots) of(a uint32) int {
	if k := s.slot[a]; k > 0 {
		return int(k - 1)
	}
	s.used = append(s.used, a)
	s.slot[a] = int32(len(s.used))
	return len(s.used) - 1
}

func (ix *Index) giveSlots(s *atomSlots) {
	for _, a := range s.used {
		s.slot[a] = 0
	}
	s.used = s.used[:0]
	ix.slots.Put(s)
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
	return ix.pairStats(ix.topPairs(func(fn func(*facts)) { ix.eachStatementFacts(ids, fn) }, len(ids), n))
}

// TopSpeakerPairs is TopPairs of the statements an actor spoke.
func (ix *Index) TopSpeakerPairs(actor string, n int) []app.PairStat {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	a, ok := ix.atoms.lookup(actor)
	if !ok || actor == "" {
		return []app.PairStat{}
	}
	switch sum := ix.speakerSummary(a); {
	case n > 0 && n <= len(sum.pairs):
		return ix.pairStats(sum.pairs[:n])
	case sum.allPairs:
		return ix.pairStats(sum.pairs)
	}
	return ix.pairStats(ix.topPairs(ix.eachSpokenFacts(actor), len(ix.spokenStatements(a)), n))
}

// atomOrder numbers the atoms in the order of their texts: pairs of equal
// count are ordered by their actors' ids, and comparing the strings was
// most of ranking an actor's pairs.
type atomOrder struct {
	mu   sync.Mutex
	rank []uint32 // by atom, for the atoms there were when it was made
}

// atomRanks returns the places of the atoms in their texts' order, for the
// atoms there were when it was made: it is made again when the atoms
// since are more than an eighth of them (a million statements have a
// hundred thousand atoms, sorted in tens of milliseconds). The caller
// holds the read lock.
func (ix *Index) atomRanks() []uint32 {
	m := &ix.atomOrder
	m.mu.Lock()
	defer m.mu.Unlock()
	if n := len(ix.atoms.list.ends); len(m.rank) == 0 || n-len(m.rank) > len(m.rank)/8 {
		byText := make([]uint32, n)
		for i := range byText {
			byText[i] = uint32(i)
		}
		slices.SortFunc(byText, func(a, b uint32) int { return strings.Compare(ix.atomText(a), ix.atomText(b)) })
		m.rank = make([]uint32, n)
		for r, a := range byText {
			m.rank[a] = uint32(r)
		}
	}
	return m.rank
}

// compareAtoms orders atoms by their texts: by rank where both have one,
// which is the same order.
func (ix *Index) compareAtoms(rank []uint32, a, b uint32) int {
	if int(a) < len(rank) && int(b) < len(rank) {
		return cmp.Compare(rank[a], rank[b])
	}
	return strings.Compare(ix.atomText(a), ix.atomText(b))
}

// pairTally is what the statements of one speaker → recipient pair sum to.
type pairTally struct {
	key           uint64 // speaker atom << 32 | recipient atom
	count, scored int
	sum           float64
}

// pairStats turns tallies into what a scene carries.
func (ix *Index) pairStats(tallies []pairTally) []app.PairStat {
	out := make([]app.PairStat, len(tallies))
	for i, t := range tallies {
		from, to := ix.atomText(uint32(t.key>>32)), ix.atomText(uint32(t.key))
		out[i] = app.PairStat{Pair: app.Pair{From: strings.Clone(from), To: strings.Clone(to)}, Count: t.count, Scored: t.scored, Sum: t.sum}
	}
	return out
}

// topPairs tallies the pairs of the statements each calls back with, about
// size of them, and returns the n busiest (all when n <= 0) in order. The
// caller holds the read lock.
func (ix *Index) topPairs(each func(fn func(*facts)), size, n int) []pairTally {
	// Sized for a pair a statement up to a limit: growing them made the
	// most garbage of a scene of a hundred thousand, and sizing them for a
	// million held 90 MB for a moment.
	size = min(size, 1<<17)
	tallies := make([]pairTally, 0, size)
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
	each(func(f *facts) {
		eachPair(f, func(key uint64) {
			k, ok := byKey[key]
			if !ok {
				k = int32(len(tallies))
				byKey[key] = k
				tallies = append(tallies, pairTally{key: key})
			}
			t := &tallies[k]
			t.count++
			if f.coded {
				t.scored++
				t.sum += f.goldstein
			}
		})
	})
	// The order of SortedPairs: more statements first, then by the ids,
	// compared by their places in the atoms' order.
	rank := ix.atomRanks()
	before := func(a, b uint32) bool {
		ta, tb := &tallies[a], &tallies[b]
		if ta.count != tb.count {
			return ta.count > tb.count
		}
		return cmp.Or(ix.compareAtoms(rank, uint32(ta.key>>32), uint32(tb.key>>32)), ix.compareAtoms(rank, uint32(ta.key), uint32(tb.key))) < 0
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
	out := make([]pairTally, len(top))
	for i, t := range top {
		out[i] = tallies[t]
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
