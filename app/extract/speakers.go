package extract

import (
	"strings"
)

// subjectSpeaks gives quoted words inside narration with no cue to the
// person the sentence is about: "Olsen has gone after the governor as a “…”".
func (d *doc) subjectSpeaks(c *candidate) {
	// Not a name or a title: "Robert C. “Bobby” Lane", "the
	// “Evening Hour”", “1984”.
	if k := c.openTok - 1; k >= 0 && d.toks[k].is(tCap) && !d.sentenceInitial(k) || d.onlyCapitals(c) {
		return
	}
	lo := d.sentenceBefore(c.left[0])
	// "The checkers looked into Abel’s claim that there were “…”": the
	// words are the claim's owner's.
	for k := c.openTok - 2; k >= lo; k-- {
		if t := d.toks[k]; t.is(tPoss) && t.is(tCap) && (nounCues[d.lw(d.toks[k+1])] || ownedWords[d.lw(d.toks[k+1])]) {
			a := d.nameStart(k, lo)
			d.setSpeaker(c, d.tokText(a, k+1), a, "", "owner")
			return
		}
	}
	a, b, ok := d.namedSubject(lo, c.openTok)
	if !ok || !d.toks[a].is(tCap) || isPronounTok(d, a) || determiners[d.lw(d.toks[a])] {
		return
	}
	words := beforeOfPlace(stripTitles(d.appendWords(make([]string, 0, 8), a, b)))
	if !d.personLike(words) || len(words) == 1 && !d.knownSurname(words[0]) && !d.quotedBefore(words[0], d.toks[a].start) {
		return
	}
	d.setSpeaker(c, d.tokText(a, b), a, "", "sentence-subject")
}

// beforeOfPlace is a name without the place after it: "Dora Mae Whitley"
// of "Gov. Dora Mae Whitley of North Dakota".
func beforeOfPlace(words []string) []string {
	for i := 2; i < len(words); i++ {
		if words[i] == "of" {
			return words[:i]
		}
	}
	return words
}

// ownedWords, after a possessive name, make what follows that person's
// words: "Abel’s claim that", "the mayor’s promise of".
var ownedWords = wordSet("statement", "assertion", "words", "promise", "pledge", "description", "argument", "message")

// onlyCapitals: every word inside the quote is capitalised or a number.
func (d *doc) onlyCapitals(c *candidate) bool {
	for k := c.inA; k < c.inB; k++ {
		if t := d.toks[k]; t.is(tWord) && !t.is(tCap) && !t.is(tDigit) && !nameJoiners[d.lw(t)] && !stopCaps[d.lw(t)] {
			return false
		}
	}
	return true
}

// stopCaps are the short words a title leaves in lower case.
var stopCaps = wordSet("the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "at", "by", "with")

// sentenceBefore is where the sentence holding token lo starts when an
// earlier quotation of the same sentence ends just before lo; else lo.
func (d *doc) sentenceBefore(lo int) int {
	if lo == 0 || !d.toks[lo-1].is(tQuote) || d.toks[lo].is(tParaStart) {
		return lo
	}
	a := lo - 1
	for a > 0 {
		p := d.toks[a-1]
		if p.is(tSentEnd) && !d.insideQuote(a-1) || d.toks[a].is(tParaStart) {
			break
		}
		a--
	}
	return a
}

// clauseSubjectBefore is the last subject pronoun before token k in its
// sentence, or -1.
func (d *doc) clauseSubjectBefore(k, lo int) int {
	for j := k - 1; j >= lo; j-- {
		w := d.lw(d.toks[j])
		if w == "him" || w == "her" || w == "them" {
			continue
		}
		if _, ok := pronouns[w]; ok {
			return j
		}
	}
	return -1
}

// nounCues are cue words that are as often plural nouns: "a flurry of
// late-night tweets", "his remarks".
var nounCues = wordSet("tweets", "comments", "remarks", "claims", "statements", "reports", "notes", "warnings",
	"calls", "posts", "answers", "replies", "accusations", "charges", "tweet", "post", "report", "claim", "note",
	"warning", "comment", "remark", "answer", "reply", "call", "fears", "hopes", "demands", "promises", "vows")

// cueIsNoun reports whether the cue at k reads as a noun: a noun-like cue
// word after a lower-case word that is not a pronoun ("late-night tweets",
// "his remarks"), where the verb would follow its subject.
func (d *doc) cueIsNoun(k int) bool {
	if k == 0 || !nounCues[d.lw(d.toks[k])] {
		return false
	}
	prev := d.toks[k-1]
	if !prev.is(tWord) {
		return false
	}
	if prev.is(tPoss) {
		return true // "Ben Cole’s tweet", "her deputy’s remarks"
	}
	if prev.is(tCap) {
		// "a Ben Cole tweet", "12% of Blue claims": a name used
		// as an adjective after an article, a preposition or a number.
		a := d.nameStart(k-1, max(0, k-6))
		if a == 0 {
			return false
		}
		before := d.toks[a-1]
		w := d.lw(before)
		return w == "a" || w == "an" || w == "of" || before.is(tDigit) || determiners[w] && w != "the" || d.punctIs(a-1, "%")
	}
	_, isPronoun := pronouns[d.lw(prev)]
	return !isPronoun || possessives[d.lw(prev)]
}

// subjectOf finds who a cue at token k belongs to, looking back no further
// than lo: the noun phrase just before it ("Blinken said"), through
// auxiliaries and adverbs ("Blinken has also said"), a relative pronoun
// ("Blinken, who stressed"), or the subject of the sentence when the cue is
// coordinated ("he stressed that … and acknowledged").
func (d *doc) subjectOf(k, lo int) (int, int, bool) {
	j := k - 1
	for j >= lo && d.toks[j].is(tWord) && skipBeforeCue[d.lw(d.toks[j])] {
		j--
	}
	// "committee chair Rep. Dana Holt (D-Ore.) said": the name is
	// before the party and state.
	if j > lo && d.punctIs(j, ")") {
		o := j - 1
		for o > lo && o > j-8 && !d.punctIs(o, "(") {
			o--
		}
		if d.punctIs(o, "(") {
			j = o - 1
		}
	}
	if j < lo {
		return 0, 0, false
	}
	// "which the company's founder, Ada Brenner, called": the name set off
	// by commas just before the cue.
	if d.punctIs(j, ",") && j-1 >= lo && d.toks[j-1].is(tCap) {
		if a, b, ok := d.npBefore(j-1, lo); ok && d.toks[a].is(tCap) && a > lo && d.punctIs(a-1, ",") && !isPronounTok(d, a) {
			if words := stripTitles(d.appendWords(make([]string, 0, 8), a, b)); len(words) >= 2 && d.personLike(words) {
				return a, b, true
			}
		}
	}
	t := d.toks[j]
	if t.is(tWord) && relativeWords[d.lw(t)] {
		j--
		if d.punctIs(j, ",") {
			j--
		}
		if j >= lo {
			if a, b, ok := d.npBefore(j, lo); ok {
				return a, b, true
			}
		}
		return 0, 0, false
	}
	if t.is(tWord) && d.lw(t) != "and" && d.lw(t) != "but" && d.lw(t) != "et" && d.lw(t) != "und" && d.lw(t) != "y" && d.lw(t) != "и" {
		if a, b, ok := d.npBefore(j, lo); ok {
			return a, b, true
		}
	}
	// Coordinated or after an aside: the subject at the clause start, or
	// the name set beside it: "The chief negotiator, Lena Park, stressed".
	a, b, ok := d.sentenceSubject(lo, k)
	if ok && b < k && d.punctIs(b, ",") && d.punctIs(k-1, ",") {
		if na, nb, nok := d.npBefore(k-2, b+1); nok && na == b+1 && d.toks[na].is(tCap) {
			if _, pro := pronouns[d.lw(d.toks[na])]; !pro {
				return na, nb, true
			}
		}
	}
	return a, b, ok
}

// sentenceSubject is the first noun phrase of tokens [lo, hi), after a short
// introductory phrase ("In this regard,", "For their part,").
func (d *doc) sentenceSubject(lo, hi int) (int, int, bool) {
	k := lo
	for k < hi && !d.toks[k].is(tWord) {
		k++
	}
	// A dateline: "WASHINGTON -- President Obama, …, said".
	if j := k; j < hi && d.toks[j].is(tParaStart) && !d.toks[j].is(tCap) && allCaps(d.text[d.toks[j].start:d.toks[j].end]) {
		for j < hi && d.toks[j].is(tWord) && allCaps(d.text[d.toks[j].start:d.toks[j].end]) {
			j++
		}
		if j < hi && d.punctIs(j, "-—–") {
			for j < hi && !d.toks[j].is(tWord) {
				j++
			}
			k = j
		}
	}
	// "As Steven Rosenthal, a tax lawyer, put it,".
	if k+1 < hi && (d.lw(d.toks[k]) == "as" || d.lw(d.toks[k]) == "like") && d.toks[k+1].is(tCap) {
		k++
	}
	// Skip an introductory phrase that ends with a comma: "During a
	// national security speech earlier in the day, Trump attacked …".
	for j := k; j < hi && j < k+12; j++ {
		if d.punctIs(j, ",") {
			if first := d.lw(d.toks[k]); introWords[first] {
				k = j + 1
			}
			break
		}
	}
	for ; k < hi; k++ {
		if !d.toks[k].is(tWord) {
			continue
		}
		if a, b, ok := d.npAfter(k, hi); ok {
			return a, b, true
		}
		return 0, 0, false
	}
	return 0, 0, false
}

// namedSubject is the sentence subject, or the name set beside it: "Her
// old partner at the clinic, Tomas R. Lind, called …".
func (d *doc) namedSubject(lo, hi int) (int, int, bool) {
	a, b, ok := d.sentenceSubject(lo, hi)
	if !ok {
		return 0, 0, false
	}
	comma := b
	for comma < hi && comma < b+6 && d.toks[comma].is(tWord) {
		comma++
	}
	if d.punctIs(comma, ",") {
		if na, nb, nok := d.npAfter(comma+1, hi); nok && d.toks[na].is(tCap) && d.punctIs(nb, ",") {
			return na, nb, true
		}
	}
	return a, b, true
}

var introWords = wordSet("in", "for", "on", "at", "with", "after", "before", "during", "meanwhile", "however", "but",
	"and", "also", "earlier", "later", "then", "still", "yet", "instead", "now", "today", "yesterday", "speaking",
	"asked", "pour", "dans", "en", "am", "im", "nach", "en", "por", "para", "в", "на")

// npBefore is the noun phrase ending at token k: a pronoun, a name (with
// its titles: "White House press secretary Josh Earnest"), or a described
// speaker ("the top U.S. diplomat", "Donald Trump’s campaign").
func (d *doc) npBefore(k, lo int) (int, int, bool) {
	if k < lo || !d.toks[k].is(tWord) {
		return 0, 0, false
	}
	t := d.toks[k]
	if _, ok := pronouns[d.lw(t)]; ok {
		return k, k + 1, true
	}
	if t.is(tCap) || t.is(tDigit) && k > lo && d.toks[k-1].is(tCap) {
		a := d.nameStart(k, lo)
		if a > k {
			return 0, 0, false
		}
		// "Armenia and Azerbaijan": coordinated names.
		if a-2 >= lo && (d.lw(d.toks[a-1]) == "and" || d.lw(d.toks[a-1]) == "&") && d.toks[a-2].is(tCap) {
			a = d.nameStart(a-2, lo)
		}
		// "the foreign ministries of Armenia and Azerbaijan": the names end
		// a described body; read back to its determiner.
		if a-1 >= lo && d.lw(d.toks[a-1]) == "of" {
			for j := a - 2; j >= lo && j >= a-6; j-- {
				w := d.toks[j]
				if !w.is(tWord) || stopAfterNP[d.lw(w)] && !determiners[d.lw(w)] {
					break
				}
				if determiners[d.lw(w)] && !possessives[d.lw(w)] {
					return j, k + 1, true
				}
			}
		}
		return a, k + 1, true
	}
	// A described speaker: back to a determiner, or to a possessive name,
	// within seven words.
	for a := k; a >= lo && a > k-8; a-- {
		p := d.toks[a]
		if !p.is(tWord) {
			return 0, 0, false
		}
		if a < k && p.is(tPoss) && p.is(tCap) {
			return d.nameStart(a, lo), k + 1, true
		}
		if determiners[d.lw(p)] {
			if a == k {
				return 0, 0, false
			}
			return a, k + 1, true
		}
		if _, ok := pronouns[d.lw(p)]; ok && a < k {
			return 0, 0, false
		}
		if (p.is(tCueWord) || stopAfterNP[d.lw(p)] && !determiners[d.lw(p)]) && a < k {
			return 0, 0, false
		}
	}
	return 0, 0, false
}

// nameStart walks back from the capitalised token k over the rest of a name
// and its titles, and returns where the name begins.
func (d *doc) nameStart(k, lo int) int {
	a := k
	for a-1 >= lo {
		p := d.toks[a-1]
		if !p.is(tWord) {
			// "Rep. G.K. Butterfield": the period of a title before a name.
			if d.text[p.start] == '.' && a-2 >= lo && d.toks[a-2].end == p.start && d.initialOrTitle(a-2) {
				a--
				continue
			}
			break
		}
		switch {
		case (p.is(tCap) || p.is(tDigit)) && !(p.is(tPoss) && a-1 < k):
			a--
			continue
		case nameJoiners[d.lw(p)] && a-2 >= lo && d.toks[a-2].is(tCap):
			a--
			continue
		case titles[d.lw(p)] && !p.is(tCap) && a-2 >= lo && d.toks[a-2].is(tWord):
			a-- // "press secretary" between capitalised words
			continue
		case nameArticles[d.lw(p)]:
			a--
		}
		break
	}
	for a <= k && (d.toks[a].is(tDigit) && a < k || d.toks[a].is(tCap) && (capitalStops[d.lw(d.toks[a])] || d.commonCap(a)) ||
		nameJoiners[d.lw(d.toks[a])] || !d.toks[a].is(tCap) && titles[d.lw(d.toks[a])]) {
		a++
	}
	return a
}

// commonCap: a capitalised word at a sentence start that the text also
// writes in lower case: an ordinary word, not a name.
func (d *doc) commonCap(k int) bool {
	t := d.toks[k]
	if !t.is(tCap) || !d.lowerSet.has(t.h) {
		return false
	}
	return d.sentenceInitial(k) || k > 0 && d.toks[k-1].is(tQuote)
}

// initialOrTitle: a token whose period does not end a sentence.
func (d *doc) initialOrTitle(k int) bool {
	t := d.toks[k]
	return abbreviations[d.lw(t)] || t.is(tCap) && len([]rune(d.lw(t))) == 1
}

// possessives open a noun phrase that belongs to someone: "their part".
var possessives = wordSet("his", "her", "their", "its", "our", "my", "your", "leur", "son", "sa", "ses", "sein", "ihr", "su", "sus")

var nameJoiners = wordSet("of", "de", "du", "des", "von", "van", "der", "den", "bin", "al", "el", "la", "del", "di", "da", "y", "ibn")

// stopAfterNP ends a noun phrase read forward.
var stopAfterNP = wordSet("who", "which", "that", "in", "on", "at", "to", "for", "with", "during", "after", "before",
	"when", "as", "while", "and", "but", "said", "says", "told", "adding", "from", "by", "about", "is", "was",
	"has", "had", "have", "will", "would", "qui", "que", "dans", "lors", "à", "der", "die", "das", "bei", "im",
	"am", "en", "durante", "при", "в", "на", "what", "than", "if", "because", "so", "not", "it", "into",
	"over", "under", "against", "through", "without", "within", "where", "whose", "whom", "how", "why",
	"night", "morning", "afternoon", "evening", "week", "monday", "tuesday", "wednesday", "thursday",
	"friday", "saturday", "sunday", "yesterday", "today", "last", "this", "these", "those", "there", "here")

// npAfter is the noun phrase starting at token k, read forward to hi.
func (d *doc) npAfter(k, hi int) (int, int, bool) {
	if k >= hi || !d.toks[k].is(tWord) {
		return 0, 0, false
	}
	t := d.toks[k]
	if _, ok := pronouns[d.lw(t)]; ok {
		return k, k + 1, true
	}
	b := k
	start := k
	if t.is(tCap) && !determiners[d.lw(t)] {
		if capitalStops[d.lw(t)] {
			return 0, 0, false
		}
		if d.commonCap(k) && !titles[d.lw(t)] {
			if k+1 < hi && d.toks[k+1].is(tCap) {
				return d.npAfter(k+1, hi)
			}
			return 0, 0, false
		}
		for b < hi {
			w := d.toks[b]
			if !w.is(tWord) {
				if d.text[w.start] == '.' && b > k && d.toks[b-1].end == w.start && d.initialOrTitle(b-1) && b+1 < hi && d.toks[b+1].is(tCap) {
					b++ // "Sen. David Perdue", "Leonard E. Burman"
					continue
				}
				break
			}
			if w.is(tCap) || w.is(tDigit) || nameJoiners[d.lw(w)] && b+1 < hi && d.toks[b+1].is(tCap) {
				b++
				if w.is(tPoss) && b < hi && d.toks[b].is(tCap) && d.toks[b].is(tWord) && !capitalStops[d.lw(d.toks[b])] {
					start = b // "NBC's Dante Chinni": the person of the body
					continue
				}
				if w.is(tPoss) {
					// "Scott's relatives", "Clinton's campaign": the thing
					// that belongs to the name is the subject.
					e := b
					for e < hi && e < b+3 && d.toks[e].is(tWord) && !d.toks[e].is(tCap) && !stopAfterNP[d.lw(d.toks[e])] &&
						!d.toks[e].is(tCueWord) && !skipBeforeCue[d.lw(d.toks[e])] && !determiners[d.lw(d.toks[e])] {
						e++
					}
					b = e
					break
				}
				continue
			}
			// "White House press secretary Josh Earnest", "Democratic
			// presidential nominee Hillary Clinton": lower-case words
			// that lead through a title on to more of the name.
			if n := d.leadsToName(b, hi); n > 0 {
				b += n
				continue
			}
			break
		}
		// "Armenia's Foreign Ministry" stays whole: only a person leaves
		// the body that owns it behind.
		for j := start; j < b && start != k; j++ {
			if w := d.lw(d.toks[j]); orgWords[w] || bodyNouns[w] {
				start = k
			}
		}
		return start, b, true
	}
	if !determiners[d.lw(t)] {
		return 0, 0, false
	}
	b = k + 1
	for b < hi && b < k+10 {
		w := d.toks[b]
		if !w.is(tWord) && d.text[w.start] == '.' && d.toks[b-1].end == w.start && d.initialOrTitle(b-1) && b+1 < hi && d.toks[b+1].is(tCap) {
			b++ // "the Rev. Peter Wherry"
			continue
		}
		if (d.lw(w) == "and" || d.lw(w) == "&") && b+1 < hi && d.toks[b+1].is(tCap) && d.toks[b-1].is(tCap) {
			b++ // "of Armenia and Azerbaijan"
			continue
		}
		if !w.is(tWord) || stopAfterNP[d.lw(w)] || w.is(tCueWord) && !w.is(tCap) ||
			determiners[d.lw(w)] || issueVerbs[d.lw(w)] {
			break
		}
		b++
	}
	if b == k+1 {
		return 0, 0, false
	}
	return k, b, true
}

// setSpeaker records an attribution.
func (d *doc) setSpeaker(c *candidate, mention string, at int, cue, how string) bool {
	mention = clean(dropParens(mention))
	if mention == "" {
		return false
	}
	c.mention, c.cue, c.how = mention, cue, how
	// A pronoun before the quote means someone named before the pronoun,
	// not between it and the quote: "He said Putin has “…”".
	pos := c.span.open
	if at >= 0 && at < len(d.toks) && d.toks[at].start < pos {
		pos = d.toks[at].start
	}
	name, person := d.resolve(mention, pos, c)
	c.speaker, c.person = name, person
	if name != "" {
		lower := strings.ToLower(mention)
		_, isPronoun := pronouns[lower]
		d.spoken = append(d.spoken, spoken{at: c.span.open, name: name, person: person, plural: isPronoun && pronouns[lower].plural})
	}
	return true
}

// dropParens removes parenthetical asides: "Claire McCaskill (D-Mo.)".
func dropParens(s string) string {
	for {
		a := strings.IndexByte(s, '(')
		if a < 0 {
			return s
		}
		b := strings.IndexByte(s[a:], ')')
		if b < 0 {
			return strings.TrimSpace(s[:a])
		}
		s = strings.TrimSpace(s[:a]) + " " + strings.TrimSpace(s[a+b+1:])
	}
}

// addresseeCues are followed by the one spoken to, not the speaker.
var addresseeCues = wordSet("told", "tells", "tell", "telling", "asked", "asks", "asking", "urged", "urges",
	"warned", "warns", "assured", "reminded", "informed")

// pronounBefore reports a personal pronoun just before the cue at k, past
// adverbs and auxiliaries: "she also added".
func (d *doc) pronounBefore(k, lo int) bool {
	j := k - 1
	for j >= lo && d.toks[j].is(tWord) && skipBeforeCue[d.lw(d.toks[j])] {
		j--
	}
	return j >= lo && isPronounTok(d, j)
}

// gerundAfterPreposition: a cue in -ing after a preposition ("by calling",
// "of saying") names an act, not the verb of the clause.
func (d *doc) gerundAfterPreposition(k int) bool {
	if k == 0 || !strings.HasSuffix(d.lw(d.toks[k]), "ing") {
		return false
	}
	switch d.lw(d.toks[k-1]) {
	case "by", "of", "for", "without", "about", "from", "in", "on":
		return true
	}
	return false
}

// leadsToName reports how many lower-case words from k, up to three and at
// least one of them a title, stand before a capitalised word: the
// description between the parts of "Democratic presidential nominee
// Hillary Clinton".
func (d *doc) leadsToName(k, hi int) int {
	title := false
	for j := k; j < hi && j < k+3; j++ {
		w := d.toks[j]
		if !w.is(tWord) || w.is(tCap) || stopAfterNP[d.lw(w)] || w.is(tCueWord) || determiners[d.lw(w)] || isPronounTok(d, j) {
			return 0
		}
		title = title || titles[d.lw(w)] || personRoles[d.lw(w)]
		if title && j+1 < hi && d.toks[j+1].is(tCap) {
			return j + 1 - k
		}
	}
	return 0
}

// speakerAfter is who a cue names after it: a noun phrase ("said the
// minister"), or a name after a short description ("said union leader Dana
// Reyes").
func (d *doc) speakerAfter(k, hi int) (int, int, bool) {
	if a, b, ok := d.npAfter(k, hi); ok {
		return a, b, true
	}
	return d.describedName(k, hi)
}

// describedName is a name after a short lower-case description that has
// no determiner: "said 9/11 widow Terry Strada", "said conservative
// economist Aparna Mathur". It returns the name without the description.
func (d *doc) describedName(k, hi int) (int, int, bool) {
	for j := k; j < hi && j < k+6; j++ {
		w := d.toks[j]
		if w.is(tCap) {
			if j == k {
				return 0, 0, false
			}
			a, b, ok := d.npAfter(j, hi)
			if !ok {
				return 0, 0, false
			}
			// "one Democratic source on the panel": the capitals were an
			// adjective; the speaker is the whole description.
			if b < hi && d.toks[b].is(tWord) && !d.toks[b].is(tCap) && !stopAfterNP[d.lw(d.toks[b])] && !d.toks[b].is(tCueWord) {
				for b < hi && d.toks[b].is(tWord) && !stopAfterNP[d.lw(d.toks[b])] && !d.toks[b].is(tCueWord) {
					b++
				}
				return k, b, true
			}
			return a, b, true
		}
		if !w.is(tWord) && !w.is(tDigit) && !d.punctIs(j, "/-") || stopAfterNP[d.lw(w)] || w.is(tCueWord) || determiners[d.lw(w)] || isPronounTok(d, j) {
			return 0, 0, false
		}
	}
	return 0, 0, false
}

// subordinators open a clause that hangs on the sentence before it.
var subordinators = wordSet("when", "after", "before", "because", "since", "while", "if", "although", "though",
	"unless", "until", "whereas")

// passiveCue: a participle after a form of "be" ("what is being criticized
// as", "it was labeled") reports speech without saying whose.
func (d *doc) passiveCue(k, lo int) bool {
	w := d.lw(d.toks[k])
	if !strings.HasSuffix(w, "ed") && w != "said" && w != "told" && w != "written" {
		return false
	}
	j := k - 1
	for j >= lo && d.toks[j].is(tWord) && adverbBeforeCue[d.lw(d.toks[j])] {
		j--
	}
	if j < lo || !d.toks[j].is(tWord) {
		return false
	}
	switch d.lw(d.toks[j]) {
	case "is", "was", "were", "are", "be", "been", "being":
		return true
	}
	return false
}

// adverbBeforeCue are the words skipBeforeCue holds that are not auxiliaries.
var adverbBeforeCue = wordSet("also", "repeatedly", "once", "again", "then", "later", "previously", "further",
	"reportedly", "publicly", "already", "not", "never", "still", "just", "recently", "earlier", "widely", "often")
