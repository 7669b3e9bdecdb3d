package extract

import (
	"strings"
	"unicode"
)

// candidate is a quotation being attributed.
type candidate struct {
	si          int
	span        span
	openTok     int // token of the opening mark
	closeTok    int // token of the closing mark, or the first token after the quote
	inA, inB    int // tokens inside the quote
	left        [2]int
	right       [2]int
	sentence    int // token index where its sentence starts, to group quotes
	speaker     string
	mention     string // the words that named the speaker
	cue         string
	how         string // which rule attributed it
	kind        Kind
	person      bool
	startsPara  bool
	endsPara    bool
	isHeadline  bool
	leftIsEmpty bool
}

func (d *doc) newCandidate(si int) *candidate {
	s := d.spans[si]
	c := &candidate{si: si, span: s}
	c.openTok = s.openTok
	c.inA = s.openTok + 1
	if s.close >= 0 {
		c.closeTok, c.inB = s.closeTok, s.closeTok
	} else {
		c.inB = tokenAt(d.toks, s.end)
		c.closeTok = c.inB - 1
	}
	// Left context: back to the sentence start or the previous quote.
	a := c.openTok
	for a > 0 {
		p := d.toks[a-1]
		if p.is(tSentEnd) && !d.insideQuote(a-1) {
			break
		}
		if p.is(tQuote) {
			if si2, ok := d.markTok[a-1]; ok && d.spans[si2].close == d.toks[a-1].start && si2 != si {
				break // the previous quote of the sentence
			}
		}
		if d.toks[a].is(tParaStart) {
			break
		}
		a--
	}
	c.left = [2]int{a, c.openTok}
	c.sentence = a
	// Right context: to the sentence end or the next quote.
	b := c.closeTok + 1
	for b < len(d.toks) {
		t := d.toks[b]
		if t.is(tParaStart) {
			break
		}
		if t.is(tQuote) {
			if si2, ok := d.markTok[b]; ok && d.spans[si2].open == t.start {
				break
			}
		}
		b++
		if t.is(tSentEnd) {
			break
		}
	}
	c.right = [2]int{c.closeTok + 1, b}
	// A quotation that ends its sentence (“… lose.” Trump then…) has no
	// right context: the words after it start the next sentence.
	if s.close >= 0 && c.closeTok+1 < len(d.toks) && endsSentence(d.text[s.start:s.end]) {
		next := d.toks[c.closeTok+1]
		if next.is(tCap) && !d.shortAttribution(c.closeTok+1) || next.is(tParaStart) {
			c.right = [2]int{c.closeTok + 1, c.closeTok + 1}
		}
	}
	c.startsPara = c.openTok < len(d.toks) && d.toks[c.openTok].is(tParaStart)
	c.endsPara = b >= len(d.toks) || d.toks[b].is(tParaStart) || b == c.closeTok+1
	c.isHeadline = d.paragraphOf(s.open) == 0 && len(d.paraStart) > 2
	c.leftIsEmpty = onlyPunct(d, c.left[0], c.left[1])
	return c
}

// endsSentence: the quoted words end with . ! ? or …
func endsSentence(rs []rune) bool {
	for i := len(rs) - 1; i >= 0; i-- {
		r := rs[i]
		if unicode.IsSpace(r) || r == ')' || isQuoteRune(r) {
			continue
		}
		return r == '.' || r == '!' || r == '?' || r == '…'
	}
	return false
}

// shortAttribution: tokens from k read "Name said." — an attribution set
// as its own sentence after a quotation that ended with a period.
func (d *doc) shortAttribution(k int) bool {
	for j := k; j < len(d.toks) && j < k+5; j++ {
		t := d.toks[j]
		if !t.is(tWord) {
			return false
		}
		if d.cueAt(j, len(d.toks)) > 0 {
			return j > k && j+1 < len(d.toks) && d.toks[j+1].is(tSentEnd)
		}
		if !t.is(tCap) {
			return false
		}
	}
	return false
}

// insideQuote reports whether token k lies inside a top-level quotation.
func (d *doc) insideQuote(k int) bool { return d.toks[k].is(tInQuote) }

func onlyPunct(d *doc, a, b int) bool {
	for k := a; k < b; k++ {
		if d.toks[k].is(tWord) {
			return false
		}
	}
	return true
}

// cueAt matches an attribution cue starting at token k and returns its
// length in tokens.
func (d *doc) cueAt(k, limit int) int {
	if k >= limit || !d.toks[k].is(tCue) {
		return 0
	}
	t := d.toks[k]
	if t.is(tPhrase) {
		for _, ph := range phraseCues[d.lw(t)] {
			if k+len(ph) <= limit && d.matchWords(k, ph) {
				return len(ph)
			}
		}
	}
	if t.is(tCueWord) && (!t.is(tCap) || t.is(tParaStart) || d.sentenceInitial(k)) {
		return 1
	}
	return 0
}

func (d *doc) matchWords(k int, words []string) bool {
	for i, w := range words {
		if k+i >= len(d.toks) || d.lw(d.toks[k+i]) != w {
			return false
		}
	}
	return true
}

func (d *doc) sentenceInitial(k int) bool {
	return k == 0 || d.toks[k-1].is(tSentEnd) || d.toks[k].is(tParaStart)
}

func (d *doc) punctIs(k int, set string) bool {
	return k >= 0 && k < len(d.toks) && d.toks[k].is(tPunct) && strings.ContainsRune(set, d.text[d.toks[k].start])
}

// attribute finds the speaker of a quotation from the words around it.
func (d *doc) attribute(c *candidate) {
	// "Clinton is describing as “unhinged” a tweet …": a cue that leads
	// straight into the quote outweighs one further along on the right.
	if d.cueEndsLeft(c) && !d.cueOpensRight(c) && d.attributeLeft(c) {
		return
	}
	if d.attributeRight(c) {
		return
	}
	d.attributeLeft(c)
}

// cueEndsLeft: the words just before the quote are a cue, perhaps with
// "as" or "that": "she called it", "described as", "said that".
func (d *doc) cueEndsLeft(c *candidate) bool {
	for k, n := c.left[1]-1, 0; k >= c.left[0] && n < 3; k-- {
		if !d.toks[k].is(tWord) {
			continue
		}
		if d.cueAt(k, c.left[1]) > 0 && !d.toks[k].is(tPrep) && !d.cueIsNoun(k) {
			return true
		}
		if w := d.lw(d.toks[k]); w != "as" && w != "that" && w != "it" {
			return false
		}
		n++
	}
	return false
}

// cueOpensRight: a cue among the first words after the quote: ", said X".
func (d *doc) cueOpensRight(c *candidate) bool {
	for k := c.right[0]; k < c.right[1] && k < c.right[0]+4; k++ {
		if d.cueAt(k, c.right[1]) > 0 && !d.cueIsNoun(k) {
			return true
		}
	}
	return false
}

// attributeRight reads what follows the quote: ", said Blinken", ", he
// stressed", ", the statement said", ", White House press secretary Josh
// Earnest said", ", a-t-il déclaré", ", sagte er".
func (d *doc) attributeRight(c *candidate) bool {
	k, end := c.right[0], c.right[1]
	for k < end && d.toks[k].is(tPunct) && !d.toks[k].is(tQuote) {
		k++
	}
	if k >= end || k > c.right[0]+2 {
		return false
	}
	if n := d.cueAt(k, end); n > 0 {
		cue := d.tokText(k, k+n)
		if inv := d.invertedPronoun(k); inv != "" {
			return d.setSpeaker(c, inv, k, cue, "right-inverted")
		}
		if a, b, ok := d.speakerAfter(k+n, end); ok {
			return d.setSpeaker(c, d.tokText(a, b), a, cue, "right-cue-np")
		}
		return d.attributeRightLoose(c, k+n, end)
	}
	// "― Sonya Herridge": a dash and a name closing the paragraph sign it.
	if k > c.right[0] && d.punctIs(k-1, "―—–-") {
		if a, b, ok := d.npAfter(k, end); ok && d.toks[a].is(tCap) && (b >= end || d.punctIs(b, ".,")) {
			return d.setSpeaker(c, d.tokText(a, b), a, "", "dash-signature")
		}
	}
	// A subject, then its cue, within ten words and no punctuation but a
	// parenthesis: "Sen. Claire McCaskill (D-Mo.) said".
	first := d.toks[k]
	_, isPronoun := pronouns[d.lw(first)]
	if !isPronoun && !first.is(tCap) && !determiners[d.lw(first)] {
		return d.attributeRightLoose(c, k, end)
	}
scan:
	for j := k + 1; j < end && j <= k+14; j++ {
		t := d.toks[j]
		if d.punctIs(j, "(") {
			for j < end && !d.punctIs(j, ")") {
				j++
			}
			continue
		}
		if t.is(tPunct) && !(d.text[t.start] == '.' && j > 0 && d.toks[j-1].end == t.start && !t.is(tSentEnd)) {
			if d.text[t.start] != '-' && d.text[t.start] != '‐' {
				break scan
			}
		}
		n := d.cueAt(j, end)
		if n == 0 || d.cueIsNoun(j) {
			continue
		}
		b := j
		for b > k && d.toks[b-1].is(tWord) && skipBeforeCue[d.lw(d.toks[b-1])] {
			b--
		}
		if b == k {
			break scan
		}
		cue := d.tokText(j, j+n)
		if inv := d.invertedPronoun(j); inv != "" && b-k == 0 {
			return d.setSpeaker(c, inv, j, cue, "right-inverted")
		}
		return d.setSpeaker(c, d.tokText(k, b), k, cue, "right-np-cue")
	}
	return d.attributeRightLoose(c, k, end)
}

// attributeRightLoose finds the first cue later in the sentence and its
// subject, across an appositive ("Leonard E. Burman, director of …, said")
// or a phrase that finishes the quoted sentence ("… of the Clinton
// proposals, Mr. Holtz-Eakin said").
func (d *doc) attributeRightLoose(c *candidate, k, end int) bool {
	// "… “absolutely right” when he said …": a cue in a clause that the
	// quote's sentence subordinates reports another act of speech.
	if k < end && subordinators[d.lw(d.toks[k])] {
		return false
	}
	for j := k; j < end && j <= k+30; j++ {
		if d.toks[j].is(tQuote) {
			return false
		}
		n := d.cueAt(j, end)
		if n == 0 || d.cueIsNoun(j) {
			continue
		}
		cue := d.tokText(j, j+n)
		if d.toks[j].is(tPrep) {
			// "… cries of “Peace now!” at a rally, according to union
			// leader Dana Reyes."
			if a, b, ok := d.speakerAfter(j+n, end); ok {
				return d.setSpeaker(c, d.tokText(a, b), a, cue, "right-according")
			}
			continue
		}
		if a, b, ok := d.subjectOf(j, k); ok {
			return d.setSpeaker(c, d.tokText(a, b), a, cue, "right-loose")
		}
		return false
	}
	return false
}

// invertedPronoun reads the pronoun in French inverted cues: a-t-il, dit-elle.
func (d *doc) invertedPronoun(k int) string {
	w := d.lw(d.toks[k])
	switch {
	case strings.HasSuffix(w, "-il"), strings.HasSuffix(w, "-t-il"):
		return "il"
	case strings.HasSuffix(w, "-elle"):
		return "elle"
	}
	return ""
}

// attributeLeft reads the words before the quote in its sentence:
// "Blinken said:", "he stressed that", "according to the ministry,".
func (d *doc) attributeLeft(c *candidate) bool {
	lo, hi := c.left[0], c.left[1]
	// The last cue before the quote.
	for k := hi - 1; k >= lo; k-- {
		n := d.cueAt(k, hi)
		if n == 0 || d.cueIsNoun(k) {
			continue
		}
		cue := d.tokText(k, k+n)
		if d.toks[k].is(tPrep) {
			// "According to veteran radio host Lena Stroud,".
			if a, b, ok := d.speakerAfter(k+n, hi); ok {
				return d.setSpeaker(c, d.tokText(a, b), a, cue, "left-according")
			}
			continue
		}
		if inv := d.invertedPronoun(k); inv != "" {
			return d.setSpeaker(c, inv, k, cue, "left-inverted")
		}
		if d.gerundAfterPreposition(k) {
			// "he was fined for saying that …": the one who did
			// the saying is the subject of the clause before.
			if a := d.clauseSubjectBefore(k, lo); a >= 0 {
				return d.setSpeaker(c, d.tokText(a, a+1), a, cue, "left-gerund")
			}
			continue
		}
		if d.passiveCue(k, lo) {
			continue // "is being criticized as": no speaker here
		}
		// "said Blinken:" puts the speaker after the cue; after "told" or
		// "asked" it is the one spoken to ("Mook told CBS:"), and a
		// pronoun just before the cue is the speaker ("she added the words:").
		if a, b, ok := d.npAfter(k+n, hi); ok && b < hi && d.punctIs(b, ":,") && b+1 >= hi-1 &&
			!addresseeCues[d.lw(d.toks[k])] && !d.pronounBefore(k, lo) {
			return d.setSpeaker(c, d.tokText(a, b), a, cue, "left-cue-np")
		}
		if a, b, ok := d.subjectOf(k, lo); ok {
			// "She says Trump's tweets accusing X are “…”": a participle
			// after a thing describes the thing; the speaker is earlier.
			if last := d.toks[b-1]; strings.HasSuffix(d.lw(d.toks[k]), "ing") && b == k && !last.is(tCap) &&
				!isPronounTok(d, b-1) && !personRoles[d.lw(last)] && !bodyNouns[d.lw(last)] {
				continue
			}
			return d.setSpeaker(c, d.tokText(a, b), a, cue, "left-subject")
		}
		// "Mayor Okafor …, treating it as a joke -- “…” -- and, when
		// pressed, asserting, “…”": the cue's subject opens the
		// sentence, before an earlier quote of it.
		if s0 := d.sentenceBefore(lo); s0 < lo {
			if a, b, ok := d.namedSubject(s0, lo); ok && (d.toks[a].is(tCap) || isPronounTok(d, a)) {
				return d.setSpeaker(c, d.tokText(a, b), a, cue, "left-subject-across")
			}
		}
	}
	// No cue, but a colon after a clause about a person: "President Obama
	// is rolling out a more personal message: “It's about me.”"
	if hi > lo && d.punctIs(hi-1, ":") {
		from := lo
		for j := hi - 2; j > lo; j-- {
			if d.punctIs(j, ",") {
				from = j + 1 // past an opening phrase: "With leaders worried, President Obama is …"
				break
			}
		}
		if a, b, ok := d.sentenceSubject(from, hi-1); ok && d.toks[a].is(tCap) && !d.toks[b-1].is(tPoss) && !isPronounTok(d, a) {
			titled := false
			for j := a; j < b; j++ {
				titled = titled || d.toks[j].is(tTitle)
			}
			if words := stripTitles(d.appendWords(make([]string, 0, b-a), a, b)); len(words) > 0 && !determiners[d.lw(d.toks[a])] && d.personLike(words) && (len(words) > 1 || titled || d.knownSurname(words[0])) {
				return d.setSpeaker(c, d.tokText(a, b), a, "", "colon-subject")
			}
		}
	}
	// The sentence before ends with a colon: "Blinken said:" then the quote.
	if c.leftIsEmpty && c.left[0] > 0 {
		k := c.left[0] - 1
		if d.punctIs(k, ":") {
			start := k
			for start > 0 && !d.toks[start-1].is(tSentEnd) && !d.toks[start].is(tParaStart) {
				start--
			}
			for j := k - 1; j >= start; j-- {
				if n := d.cueAt(j, k); n > 0 {
					if a, b, ok := d.subjectOf(j, start); ok {
						return d.setSpeaker(c, d.tokText(a, b), a, d.tokText(j, j+n), "colon-before")
					}
				}
			}
		}
	}
	return false
}

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
		if (cueWords[d.lw(p)] || stopAfterNP[d.lw(p)] && !determiners[d.lw(p)]) && a < k {
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
						!cueWords[d.lw(d.toks[e])] && !skipBeforeCue[d.lw(d.toks[e])] && !determiners[d.lw(d.toks[e])] {
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
		if !w.is(tWord) || stopAfterNP[d.lw(w)] || cueWords[d.lw(w)] && !w.is(tCap) ||
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

// shareWithinSentences gives quotes of one sentence without a speaker the
// speaker of another quote in that sentence: "he stressed that “…” and
// acknowledged “…” after addressing “…”".
func (d *doc) shareWithinSentences(cs []*candidate) {
	for i, c := range cs {
		if c.speaker != "" {
			continue
		}
		for j := i - 1; j >= 0; j-- {
			if cs[j].sentence != c.sentence && !d.sameSentence(cs[j], c) {
				break
			}
			if cs[j].speaker != "" {
				c.speaker, c.person, c.cue, c.how = cs[j].speaker, cs[j].person, cs[j].cue, "same-sentence"
				break
			}
		}
		if c.speaker != "" {
			continue
		}
		for j := i + 1; j < len(cs); j++ {
			if !d.sameSentence(c, cs[j]) {
				break
			}
			if cs[j].speaker != "" {
				c.speaker, c.person, c.cue, c.how = cs[j].speaker, cs[j].person, cs[j].cue, "same-sentence"
				break
			}
		}
	}
}

// sameSentence reports whether b follows a with no sentence end between.
func (d *doc) sameSentence(a, b *candidate) bool {
	if b.span.open < a.span.open {
		a, b = b, a
	}
	from := a.closeTok + 1
	for k := from; k < b.openTok && k < len(d.toks); k++ {
		if d.toks[k].is(tSentEnd) || d.toks[k].is(tParaStart) {
			return false
		}
	}
	return d.paragraphOf(a.span.open) == d.paragraphOf(b.span.open)
}

// continueParagraphs attributes a quotation that opens a paragraph with no
// cue of its own to the speaker of the quotation just before it, as news
// copy runs one speaker's words over several paragraphs; and a paragraph
// that is one quotation followed by a paragraph-closing cue.
func (d *doc) continueParagraphs(cs []*candidate) {
	for i, c := range cs {
		if c.speaker != "" {
			continue
		}
		// “…” opening a sentence right after a sentence of reported speech
		// in the same paragraph goes on in that speaker's words: "…, Schiff
		// said. “The other factor …”".
		if !c.startsPara && c.leftIsEmpty && (i == 0 || cs[i-1].speaker == "" ||
			d.paragraphOf(cs[i-1].span.open) != d.paragraphOf(c.span.open)) && d.afterReportedSpeech(c) {
			continue
		}
		if i == 0 {
			continue
		}
		// “…,” said Caddell. “Yesterday, there were two polls.”: a quotation
		// opening a sentence later in the same paragraph.
		if prev := cs[i-1]; !c.startsPara && c.leftIsEmpty && prev.speaker != "" &&
			d.paragraphOf(prev.span.open) == d.paragraphOf(c.span.open) {
			c.speaker, c.person, c.cue, c.how = prev.speaker, prev.person, prev.cue, "continued"
			continue
		}
		if !c.startsPara {
			continue
		}
		prev := cs[i-1]
		pp, cp := d.paragraphOf(prev.span.open), d.paragraphOf(c.span.open)
		if prev.speaker == "" || cp-pp > 1 || !prev.person && prev.how == "" {
			continue
		}
		if cp-pp == 1 && !d.paragraphEndsWithQuote(pp, prev) && !d.paragraphIsQuoteLed(pp) {
			continue
		}
		// “…,” she said. after a man's words is someone else, found or not.
		if p, ok := pronouns[strings.ToLower(c.mention)]; ok && !compatible(p.gender, d.genderOf(prev.speaker)) {
			continue
		}
		c.speaker, c.person, c.cue, c.how = prev.speaker, prev.person, prev.cue, "continued"
	}
}

// afterReportedSpeech gives c the speaker of the sentence before it, when
// that sentence, in the same paragraph and holding no quotation, ends in an
// attribution cue with its subject.
func (d *doc) afterReportedSpeech(c *candidate) bool {
	end := c.openTok - 1
	for end >= 0 && !d.toks[end].is(tSentEnd) {
		if d.toks[end].is(tParaStart) || end < c.openTok-3 {
			return false
		}
		end--
	}
	if end < 0 {
		return false
	}
	lo := end
	for lo > 0 && !d.toks[lo-1].is(tSentEnd) && !d.toks[lo].is(tParaStart) {
		lo--
	}
	// The cue must close the sentence: "…, Schiff said." or "… said
	// Schiff." within its last four words.
	for k := end - 1; k >= lo && k >= end-4; k-- {
		if d.toks[k].is(tQuote) || d.toks[k].is(tInQuote) {
			return false
		}
		n := d.cueAt(k, end+1)
		if n == 0 || d.toks[k].is(tPrep) {
			continue
		}
		cue := d.tokText(k, k+n)
		if a, b, ok := d.npAfter(k+n, end); ok && b >= end-1 {
			return d.setSpeaker(c, d.tokText(a, b), a, cue, "after-reported")
		}
		if a, b, ok := d.subjectOf(k, lo); ok && d.toks[a].is(tCap) || ok && isPronounTok(d, a) {
			return d.setSpeaker(c, d.tokText(a, b), a, cue, "after-reported")
		}
		return false
	}
	// A quotation on its own after a sentence about a named person gives
	// that person's words: "Tomas R. Lind called her a genius at budgets.
	// “She found …”".
	a, b, ok := d.namedSubject(lo, end)
	if !ok || !d.toks[a].is(tCap) || isPronounTok(d, a) {
		return false
	}
	for k := a; k < end; k++ {
		if d.toks[k].is(tQuote) || d.toks[k].is(tInQuote) {
			return false
		}
	}
	if !d.personLike(beforeOfPlace(stripTitles(d.appendWords(make([]string, 0, 8), a, b)))) {
		return false
	}
	return d.setSpeaker(c, d.tokText(a, b), a, "", "after-subject")
}

func isPronounTok(d *doc, k int) bool {
	_, ok := pronouns[d.lw(d.toks[k])]
	return ok
}

// paragraphEndsWithQuote: the last words of paragraph p are in the quote
// or its attribution.
func (d *doc) paragraphEndsWithQuote(p int, c *candidate) bool {
	return d.paragraphOf(c.span.open) == p && (c.right[1] >= len(d.toks) || d.toks[c.right[1]].is(tParaStart))
}

func (d *doc) paragraphIsQuoteLed(p int) bool {
	k := tokenAt(d.toks, d.paraStart[p])
	return k < len(d.toks) && d.toks[k].is(tQuote)
}

// headlineSpeaker reads a headline that opens with a name and a colon:
// "Rush Limbaugh: Hillary …“Reeks of Fear”".
func (d *doc) headlineSpeaker(c *candidate) {
	if !c.isHeadline || c.speaker != "" {
		return
	}
	k := tokenAt(d.toks, d.paraStart[0])
	if a, b, ok := d.npAfter(k, c.openTok); ok && a == k && d.punctIs(b, ":") && d.toks[a].is(tCap) {
		d.setSpeaker(c, d.tokText(a, b), a, "", "headline-colon")
		return
	}
	// A headline in title case runs its words together: the speaker is what
	// comes before its first cue, "Obama Says Museum Will Tell of “…”", or
	// the name after "from" before a colon, "A Lesson From Loretta Lynch:".
	for j := k; j < c.openTok; j++ {
		t := d.toks[j]
		if t.is(tCueWord) && j > k && d.personNamed(k, j) {
			d.setSpeaker(c, d.tokText(k, j), k, d.tokText(j, j+1), "headline-cue")
			return
		}
		if t.is(tWord) && d.lw(t) == "from" {
			e := j + 1
			for e < c.openTok && d.toks[e].is(tWord) && d.toks[e].is(tCap) {
				e++
			}
			if e > j+1 && d.punctIs(e, ":") && d.personNamed(j+1, e) {
				d.setSpeaker(c, d.tokText(j+1, e), j+1, "", "headline-colon")
				return
			}
		}
	}
}

// personNamed: tokens [a, b) are capitalised words naming a person: two or
// three words that look like a name, or one that ends a fuller name
// elsewhere in the text or is given there with a title ("Mr. Obama").
func (d *doc) personNamed(a, b int) bool {
	var words []string
	for j := a; j < b; j++ {
		t := d.toks[j]
		if !t.is(tWord) || !t.is(tCap) {
			return false
		}
		words = append(words, d.lw(t))
	}
	if len(words) == 0 || len(words) > 3 || !personLike(words) {
		return false
	}
	if len(words) > 1 {
		return true
	}
	if d.knownSurname(words[0]) {
		return true
	}
	for _, m := range d.names {
		if m.size() == 1 && m.w0 > m.a && d.toks[m.w0].h == d.toks[a].h {
			return true
		}
	}
	return false
}

// headlineEchoes gives a quotation in the headline the speaker of the same
// words further down: headlines borrow the body's quotations, and the body
// names the speaker more exactly ("US points to" is Blinken).
func (d *doc) headlineEchoes(cs []*candidate) {
	for _, c := range cs {
		if !c.isHeadline {
			continue
		}
		d.headlineSpeaker(c)
		text := strings.ToLower(d.str(c.span.start, c.span.end))
		for _, o := range cs {
			if o == c || o.isHeadline || o.speaker == "" {
				continue
			}
			if strings.Contains(strings.ToLower(d.str(o.span.start, o.span.end)), text) {
				c.speaker, c.person, c.how = o.speaker, o.person, "headline-echo"
				if c.cue == "" {
					c.cue = o.cue
				}
				break
			}
		}
	}
}

// decideKind: a direct quote stands as its own sentence or clause; a
// fragment sits inside narration; an unattributed short quotation is a term.
func (c *candidate) decideKind(d *doc) {
	words := d.wordsIn(c.span)
	quoted := d.text[c.span.start:c.span.end]
	first := firstLetter(quoted)
	sentenceLike := hasSentencePunct(quoted) || words >= 6
	if c.speaker == "" && c.how == "" {
		if sentenceLike && (words >= 6 || unicode.IsUpper(first)) {
			c.kind = d.formKind(c, first, words)
			return
		}
		c.kind = Term
		return
	}
	c.kind = d.formKind(c, first, words)
}

func (d *doc) formKind(c *candidate, first rune, words int) Kind {
	startsClause := c.leftIsEmpty || d.punctIs(c.left[1]-1, ":,—–-")
	if startsClause && words >= 3 && (unicode.IsUpper(first) || unicode.IsDigit(first) || first == 0) {
		return Direct
	}
	return Fragment
}

func firstLetter(rs []rune) rune {
	for _, r := range rs {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
	}
	return 0
}

func hasSentencePunct(rs []rune) bool {
	for i, r := range rs {
		if (r == '.' || r == '!' || r == '?') && (i == len(rs)-1 || unicode.IsSpace(rs[i+1])) {
			return true
		}
	}
	return false
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
		if !w.is(tWord) || w.is(tCap) || stopAfterNP[d.lw(w)] || cueWords[d.lw(w)] || determiners[d.lw(w)] || isPronounTok(d, j) {
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
			if b < hi && d.toks[b].is(tWord) && !d.toks[b].is(tCap) && !stopAfterNP[d.lw(d.toks[b])] && !cueWords[d.lw(d.toks[b])] {
				for b < hi && d.toks[b].is(tWord) && !stopAfterNP[d.lw(d.toks[b])] && !cueWords[d.lw(d.toks[b])] {
					b++
				}
				return k, b, true
			}
			return a, b, true
		}
		if !w.is(tWord) && !w.is(tDigit) && !d.punctIs(j, "/-") || stopAfterNP[d.lw(w)] || cueWords[d.lw(w)] || determiners[d.lw(w)] || isPronounTok(d, j) {
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
