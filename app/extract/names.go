package extract

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
)

// nameMention is a run of capitalised words: a name the text uses.
type nameMention struct {
	a, b  int      // tokens of the whole run
	w0    int      // first token of the name without its titles
	dots  int      // periods after initials inside the name: "Joseph R. Biden"
	at    int      // rune offset
	words []string // lower-cased words from w0, built on first need (doc.nameWords)
}

// size is the number of words of the name without titles.
func (m nameMention) size() int { return m.b - m.w0 - m.dots }

// findNames collects the capitalised runs of the text outside quotations,
// without their titles, skipping a lone capitalised word that starts a
// sentence.
func findNames(d *doc) []nameMention {
	out := d.bufs.names[:0]
	toks := d.toks
	for k := 0; k < len(toks); k++ {
		if !toks[k].is(tCap) || toks[k].is(tInQuote) {
			continue
		}
		a := k
		b := k
		dots := 0
		for b < len(toks) && !toks[b].is(tInQuote) {
			if toks[b].is(tWord) && (toks[b].is(tCap) || toks[b].is(tJoiner) && b+1 < len(toks) && toks[b+1].is(tCap)) {
				b++
				continue
			}
			// The period of a middle initial goes on with the name.
			if b > a && b+1 < len(toks) && d.text[toks[b].start] == '.' && toks[b-1].end == toks[b].start &&
				toks[b-1].end-toks[b-1].start == 1 && toks[b-1].is(tCap) && toks[b+1].is(tCap) && toks[b+1].is(tWord) {
				b++
				dots++
				continue
			}
			break
		}
		k = b - 1
		for a < b && (d.commonCap(a) || capitalStopHashes[toks[a].h]) {
			a++ // "Although Scott": the conjunction is no part of the name
		}
		if a == b || b-a == 1 && d.sentenceInitial(a) {
			continue
		}
		// Titles lead the run: "Secretary of State Antony Blinken".
		w0 := a
		for w0 < b && (toks[w0].is(tTitle) || toks[w0].is(tJoiner)) {
			w0++
		}
		if w0 == b {
			w0 = b - 1
			if toks[w0].is(tJoiner) || toks[w0].is(tTitle) && b-a > 1 {
				continue
			}
		}
		if dots > 0 && b-a <= 2 {
			dots = 0 // "R. Biden" after a dropped title: the run lost its first word
		}
		out = append(out, nameMention{a: a, b: b, w0: w0, dots: dots, at: toks[a].start})
	}
	return out
}

// capitalStopHashes are capitalStops by the hash tokens carry, to test a
// token without building its string.
var capitalStopHashes = func() map[uint64]bool {
	m := make(map[uint64]bool, len(capitalStops))
	for w := range capitalStops {
		m[wordHash(w)] = true
	}
	return m
}()

// nameWords is name i's lower-cased words, built once.
func (d *doc) nameWords(i int) []string {
	m := &d.names[i]
	if m.words == nil {
		m.words = d.appendWords(make([]string, 0, m.size()), m.w0, m.b)
	}
	return m.words
}

// nameText is a name as written, without its titles.
func (d *doc) nameText(m nameMention) string { return d.tokText(m.w0, m.b) }

// stripTitles removes leading titles and determiners from a name.
func stripTitles(words []string) []string {
	i := 0
	for i < len(words)-1 && (titles[words[i]] || determiners[words[i]] || nameJoiners[words[i]]) {
		i++
	}
	return words[i:]
}

// cutAfterTitles keeps the name after the last title inside a run of
// capitalised words, when no title follows: "Paul Ryan" of "House Speaker
// Paul Ryan", "Michael Flynn" of "Retired Lt. Gen. Michael Flynn".
func cutAfterTitles(words []string) []string {
	for i := len(words) - 2; i >= 0; i-- {
		if !titles[words[i]] {
			continue
		}
		for _, w := range words[i+1:] {
			if titles[w] || nameJoiners[w] {
				return words
			}
		}
		return words[i+1:]
	}
	return words
}

func lowerWords(s string) []string {
	f := strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == ',' })
	for i := range f {
		f[i] = stripPoss(strings.ToLower(f[i]))
	}
	return f
}

// stripPoss drops a possessive or contracted 's: Trump’s, he’s.
func stripPoss(w string) string {
	for _, suf := range []string{"’s", "'s"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf) {
			return strings.TrimSuffix(w, suf)
		}
	}
	return w
}

// displayName drops a final possessive from a name as written.
func displayName(s string) string { return stripPoss(strings.TrimSpace(s)) }

// resolve turns the words that named a speaker into the fullest name the
// text gives: "Blinken" into "Antony Blinken", "he" into the person last
// quoted, "the statement" into whoever issued it. It reports whether the
// speaker looks like a person.
func (d *doc) resolve(mention string, at int, c *candidate) (string, bool) {
	// Most mentions are a bare pronoun: no need to split them into words.
	if p, ok := pronouns[strings.ToLower(mention)]; ok {
		return d.resolvePronoun(p, at, c)
	}
	words := lowerWords(mention)
	if len(words) == 0 {
		return "", false
	}
	if p, ok := pronouns[words[0]]; ok && len(words) == 1 {
		return d.resolvePronoun(p, at, c)
	}
	first := []rune(mention)[0]
	if unicode.IsUpper(first) && !determiners[words[0]] {
		core := stripTitles(words)
		// "Gov. Dora Mae Whitley of North Dakota": the person, not the place.
		if cut := beforeOfPlace(core); len(cut) < len(core) && personLike(cut) {
			if j := strings.Index(mention, " of "); j > 0 {
				core, mention = cut, mention[:j]
			}
		}
		if cut := cutAfterTitles(core); personLike(cut) {
			core = cut // a person after the titles, not "Azerbaijan's foreign ministry"
		}
		if len(core) == 1 && (titles[core[0]] || personRoles[core[0]]) {
			// "Republican", "The Republican": a role standing for a person.
			return d.resolveDescription(append([]string{"the"}, core...), mention, at)
		}
		return d.fullest(core, mention), personLike(core)
	}
	if determiners[words[0]] {
		return d.resolveDescription(words, mention, at)
	}
	return displayName(mention), false
}

// germanNameFromFirstName drops the nouns German writes in capitals before
// a first name: "Entwicklungshelfer Stefan Ziemendorff" is Stefan
// Ziemendorff.
func germanNameFromFirstName(name string) string {
	ws := strings.Fields(name)
	for i := 1; i < len(ws)-1; i++ {
		if firstName(strings.ToLower(ws[i])) && !firstName(strings.ToLower(ws[0])) {
			return strings.Join(ws[i:], " ")
		}
	}
	return name
}

// lastName is a name by the hash of its last word.
type lastName struct {
	h uint64
	i int
}

// namesEndingWith is the names whose last word has hash h, in text order.
func (d *doc) namesEndingWith(h uint64) []lastName {
	if d.byLast == nil {
		// One sorted slice rather than a map of slices: built for every
		// text, it was a good part of what extraction allocated.
		d.byLast = make([]lastName, 0, len(d.names))
		for i, m := range d.names {
			d.byLast = append(d.byLast, lastName{d.toks[m.b-1].h, i})
		}
		slices.SortFunc(d.byLast, func(x, y lastName) int {
			switch {
			case x.h < y.h:
				return -1
			case x.h > y.h:
				return 1
			}
			return x.i - y.i
		})
	}
	from, _ := slices.BinarySearchFunc(d.byLast, h, func(e lastName, h uint64) int { return cmp.Compare(e.h, h) })
	to := from
	for to < len(d.byLast) && d.byLast[to].h == h {
		to++
	}
	return d.byLast[from:to]
}

// fullest finds the longest name in the text that ends with the same word
// and holds every word of core.
func (d *doc) fullest(core []string, fallback string) string {
	key := strings.Join(core, " ")
	best, seen := d.fullestOf[key]
	if !seen {
		best = d.fullestIn(core)
		if d.fullestOf == nil {
			d.fullestOf = map[string]string{}
		}
		d.fullestOf[key] = best
	}
	if best == "" {
		// Keep the mention without its titles.
		ws := strings.Fields(fallback)
		best = strings.Join(ws[len(ws)-min(len(ws), len(core)):], " ")
	}
	if d.lang == "de" {
		best = germanNameFromFirstName(best)
	}
	return displayName(best)
}

// fullestIn is fullest's search of the text's names, "" when none holds
// core.
func (d *doc) fullestIn(core []string) string {
	last := core[len(core)-1]
	best := ""
	bestN := 0
	byLast := d.namesEndingWith(wordHash(last))
	for _, e := range byLast {
		i := e.i
		m := d.names[i]
		if m.size() <= bestN || m.size() > 4 {
			continue
		}
		if !containsAllWords(d.nameWords(i), core) || addsOrgWord(d.nameWords(i), core) {
			continue
		}
		best, bestN = d.nameText(m), m.size()
	}
	if bestN <= 1 && len(core) == 1 {
		// "Senate Majority Leader Harry Olsen" is Harry Olsen.
		for _, e := range byLast {
			if d.endsLongRunWithPerson(e.i) {
				m := d.names[e.i]
				best = d.tokText(m.b-2, m.b)
			}
		}
	}
	return best
}

// addsOrgWord: a longer name that brings an institution's word is not the
// same person's fuller name: "Harbor Post Quinn" is not Quinn's, when the
// text writes "the editorial board of the Harbor Post Quinn set out".
func addsOrgWord(have, core []string) bool {
	for _, h := range have {
		if orgWords[h] && !firstName(h) && !slices.Contains(core, h) {
			return true
		}
	}
	return false
}

func containsAllWords(have, want []string) bool {
	for _, w := range want {
		found := false
		for _, h := range have {
			if h == w {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// orgWords mark a name as an institution rather than a person.
var orgWords = wordSet("commission", "committee", "department", "house", "party", "university", "news", "post",
	"times", "council", "ministry", "court", "agency", "institute", "association", "campaign", "police",
	"congress", "senate", "fbi", "cia", "nato", "foundation", "center", "centre", "network", "company", "group",
	"bank", "fund", "office", "board", "union", "journal", "press", "tribune", "herald", "daily", "magazine",
	"television", "tv", "radio", "cnn", "fox", "msnbc", "nbc", "cbs", "abc", "bbc", "reuters", "ap", "twitter",
	"facebook", "administration", "government", "state", "states", "republic", "federation", "kingdom", "city",
	"county", "street", "avenue", "debates", "debate", "club", "organization", "organisation", "service",
	"services", "corporation", "inc", "llc", "corp", "co", "reform", "research", "studies", "project", "forum",
	"pac", "america", "american", "republicans", "democrats", "republican", "democratic", "school", "church",
	// Places, events and documents: "Pacific Ocean", "World War II".
	"ocean", "sea", "river", "island", "islands", "lake", "bay", "gulf", "mountain", "mountains", "valley",
	"war", "museum", "hospital", "airport", "park", "square", "bridge", "corridor", "province", "region",
	"act", "bill", "law", "program", "programme", "plan", "treaty", "accord", "agreement", "summit",
	"conference", "festival", "award", "prize", "society", "hall", "palace", "tower", "building", "stadium",
	// Firms: "Crosscut Strategies".
	"strategies", "partners", "associates", "consulting", "solutions", "holdings", "capital", "ventures", "media",
	"communications", "enterprises", "industries", "technologies", "alliance", "coalition", "gazette", "observer")

// placeOpeners begin the names of places, not of people: "New York",
// "Los Angeles", "San Diego", "Fort Worth".
var placeOpeners = wordSet("new", "los", "las", "san", "santa", "fort")

// locatives put a place after them: "in upstate New York", "at Fort Bragg".
var locatives = wordSet("in", "at", "near", "across", "throughout", "outside")

// regionWords may stand between a locative and its place.
var regionWords = wordSet("upstate", "downstate", "downtown", "northern", "southern", "eastern", "western", "central",
	"rural", "suburban", "coastal")

// placeAfterLocative: the name follows "in", "at" or "near", maybe with a
// region word between.
func (d *doc) placeAfterLocative(m nameMention) bool {
	k := m.a - 1
	if k >= 0 && d.toks[k].is(tWord) && regionWords[d.lw(d.toks[k])] {
		k--
	}
	return k >= 0 && d.toks[k].is(tWord) && !d.toks[k].is(tCap) && locatives[d.lw(d.toks[k])]
}

// personLike guesses that a name names a person: up to four words, none of
// them a word of institutions or a title.
func personLike(words []string) bool {
	if len(words) < 1 || len(words) > 4 {
		return false
	}
	for _, w := range words {
		if orgWords[w] || titles[w] || capitalStops[w] {
			return false
		}
	}
	return len(words) == 1 || !placeOpeners[words[0]]
}

// personLike also rejects names made of words the text uses as ordinary
// lower-case words: "World War II", "Peabody Energy", "Security Council".
func (d *doc) personLike(words []string) bool {
	if !personLike(words) {
		return false
	}
	common := 0
	for _, w := range words {
		if d.lowerSeen(w) && len([]rune(w)) > 2 {
			common++
		}
		// A headline in capitals, not a name: "Railing Against Trump".
		if stopAfterNP[w] && !nameJoiners[w] {
			return false
		}
	}
	last := words[len(words)-1]
	firstKnown := firstName(words[0])
	return common < 2 && !(d.lowerSeen(last) && !firstKnown && len(words) > 1)
}
