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
		for _, ph := range d.lex.cues.phrases[d.lw(t)] {
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
		if d.toks[k].is(tObject) {
			// "«…», — цитирует ТАСС Марию Лебедеву": the one quoted.
			if a, b, ok := d.objectSpeaker(k, end); ok {
				return d.setSpeaker(c, d.tokText(a, b), a, cue, "right-object")
			}
		}
		if a, b, ok := d.soVerbSubject(k, n, end); ok {
			return d.setSpeaker(c, d.tokText(a, b), a, d.tokText(k, k+n+1), "right-so-verb")
		}
		if a, b, ok := d.speakerAfter(k+n, end); ok {
			return d.setSpeaker(c, d.tokText(a, b), a, cue, "right-cue-np")
		}
		// "Emre Kaya, "…" dedi.", "… "…" diye ekledi.": a cue that ends
		// the sentence after the quotation, as verb-final languages put
		// it; the subject stands before the quotation.
		if e := k + n; e >= end || d.toks[e].is(tSentEnd) || d.toks[e].is(tCueWord) && (e+1 >= end || d.toks[e+1].is(tSentEnd)) {
			// German closes a clause with its participle: "X hatte die
			// Zustimmung zu der Resolution „…“ bekanntgegeben" is X's.
			if d.lang == "de" && c.sentence < c.openTok {
				if a, b, ok := d.germanSubject(k, c.sentence, c.openTok); ok && b <= c.openTok && d.toks[a].is(tCap) {
					return d.setSpeaker(c, d.tokText(a, b), a, cue, "right-participle")
				}
			}
			if a, b, ok := d.subjectBeforeQuote(c); ok {
				return d.setSpeaker(c, d.tokText(a, b), a, cue, "right-verb-final")
			}
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
	if !isPronoun && !first.is(tCap) && !determiners[d.lw(first)] && !d.barePluralSubject(k, end) {
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
		return d.setSpeaker(c, d.tokText(k, d.personBeforeOf(k, b)), k, cue, "right-np-cue")
	}
	return d.attributeRightLoose(c, k, end)
}

// barePluralSubject: the words at k are an English plural without an
// article that a cue follows: "officials said", "police officers told
// reporters", "analysts say". Such a group is described, not named.
func (d *doc) barePluralSubject(k, end int) bool {
	if d.lang != "" && d.lang != "en" {
		return false
	}
	for j := k; j < end && j < k+3; j++ {
		t := d.toks[j]
		if !t.is(tWord) || t.is(tCap) || t.is(tCue) || t.is(tPronoun) {
			return false
		}
		w := d.lw(t)
		if subordinators[w] || determiners[w] || skipBeforeCue[w] {
			return false
		}
		if n := d.cueAt(j+1, end); n > 0 && !d.cueIsNoun(j+1) && !d.toks[j+1].is(tPrep) {
			return pluralNoun(w)
		}
	}
	return false
}

// pluralNoun is a rough test of an English plural: "officials",
// "witnesses", "police"; not "has", "was", "this" or "thus".
func pluralNoun(w string) bool {
	switch w {
	case "police", "people", "staff", "authorities":
		return true
	case "has", "was", "is", "this", "thus", "its", "his", "as", "us", "yes", "news", "always", "perhaps", "sometimes", "afterwards":
		return false
	}
	return len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "'s") && !strings.HasSuffix(w, "’s")
}

// personBeforeOf ends the subject [k, b) at its "of" when a person with a
// title stands before it: "Mr. Morgan of the Sierra Club said" is Mr.
// Morgan, who speaks for the club; "Bank of America said" stays whole.
func (d *doc) personBeforeOf(k, b int) int {
	if !d.toks[k].is(tTitle) {
		return b
	}
	for j := k + 1; j < b; j++ {
		if d.lw(d.toks[j]) == "of" {
			if j > k+1 && d.toks[j-1].is(tCap) && !d.toks[j-1].is(tTitle) {
				return j
			}
			return b
		}
	}
	return b
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
		if d.lang == "de" {
			// The quotation is the prefield: the subject follows the
			// finite verb.
			if a, b, ok := d.germanSubject(j, k, end); ok {
				return d.setSpeaker(c, d.tokText(a, b), a, cue, "right-v2")
			}
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
		if d.lang == "de" {
			if a, b, ok := d.germanSubject(k, lo, hi); ok {
				return d.setSpeaker(c, d.tokText(a, b), a, cue, "left-v2")
			}
			if germanPrefieldOpeners[d.lw(d.toks[k])] {
				// "Mit den Worten „…“, richtete er …": the clause goes on
				// after the quotation, its verb and then its subject.
				if a, b, ok := d.subjectAfterQuote(c); ok {
					return d.setSpeaker(c, d.tokText(a, b), a, cue, "right-v2")
				}
				continue
			}
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
					if d.lang == "de" {
						if a, b, ok := d.germanSubject(j, start, k); ok {
							return d.setSpeaker(c, d.tokText(a, b), a, d.tokText(j, j+n), "colon-before-v2")
						}
					}
					if a, b, ok := d.subjectOf(j, start); ok {
						return d.setSpeaker(c, d.tokText(a, b), a, d.tokText(j, j+n), "colon-before")
					}
				}
			}
		}
	}
	return false
}

// objectSpeaker is the one a quoting verb at k names as its object: past
// words that stand between ("zitiert dazu", "zitiert einen") and a news
// agency written in capitals ("цитирует ТАСС Марию Лебедеву").
func (d *doc) objectSpeaker(k, hi int) (int, int, bool) {
	s := k + 1
	for s < hi && d.toks[s].is(tWord) && objectSkip[d.lw(d.toks[s])] {
		s++
	}
	if s+1 < hi && d.toks[s].is(tWord) && allCaps(d.text[d.toks[s].start:d.toks[s].end]) && d.toks[s+1].is(tCap) {
		s++
	}
	return d.speakerAfter(s, hi)
}

// objectSkip are words between a quoting verb and the one it quotes.
var objectSkip = wordSet("dazu", "auch", "hierzu", "daraufhin", "nun", "einen", "eine", "den", "die", "der")

// subjectBeforeQuote is the noun phrase that ends just before the
// quotation's opening mark, past a comma or colon and the particles that
// close a subject in Turkish and Azerbaijani ("Emre Kaya da", "Kaya
// ise"): a name or a pronoun.
func (d *doc) subjectBeforeQuote(c *candidate) (int, int, bool) {
	lo := c.left[0]
	j := c.left[1] - 1
	for j >= lo && (d.punctIs(j, ",:–—-") || d.toks[j].is(tWord) && subjectParticles[d.lw(d.toks[j])]) {
		j--
	}
	if j < lo || !d.toks[j].is(tWord) {
		return 0, 0, false
	}
	a, b, ok := d.npBefore(j, lo)
	if !ok || b != j+1 || !d.toks[a].is(tCap) && !isPronounTok(d, a) {
		return 0, 0, false
	}
	return a, b, true
}

// subjectParticles close a subject before a quotation: "Kaya da", "Kaya
// ise", "Kaya ayrıca".
var subjectParticles = wordSet("da", "de", "ise", "ayrıca", "də", "isə", "həmçinin", "ile")
