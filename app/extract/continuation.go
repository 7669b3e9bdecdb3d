package extract

import (
	"strings"
)

// shareWithinSentences gives quotes of one sentence without a speaker the
// speaker of another quote in that sentence: "he stressed that “…” and
// acknowledged “…” after addressing “…”".
func (d *doc) shareWithinSentences(cs []*candidate) {
	for i, c := range cs {
		if c.speaker != "" {
			continue
		}
		// A sentence holds a few quotations; text that is nothing but
		// quote marks holds thousands in one, and looking at every one of
		// them from every other would take minutes.
		for j := i - 1; j >= 0 && j >= i-maxSentenceQuotes; j-- {
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
		for j := i + 1; j < len(cs) && j <= i+maxSentenceQuotes; j++ {
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

// maxSentenceQuotes bounds how far apart two quotations of one sentence
// are looked for.
const maxSentenceQuotes = 64

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
		// "• “…”" under "Mirzoyan told reporters:": an item of a list
		// speaks with the voice of the sentence that introduces it.
		if d.listIntro(c) {
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

// bulletMarks open the items of a list.
const bulletMarks = "•·*-–—▪◦"

// bulletParagraph reports whether paragraph p opens with a list mark (or a
// number and a period or parenthesis) before any word.
func (d *doc) bulletParagraph(p int) bool {
	k := tokenAt(d.toks, d.paraStart[p])
	if k >= len(d.toks) {
		return false
	}
	if d.punctIs(k, bulletMarks) {
		return true
	}
	return d.toks[k].is(tDigit) && d.punctIs(k+1, ".)")
}

// listIntro gives a quotation that is an item of a list the speaker of the
// sentence that introduces the list: the paragraph before the list's items,
// ending with a colon, and its last cue.
func (d *doc) listIntro(c *candidate) bool {
	p := d.paragraphOf(c.span.open)
	if !d.bulletParagraph(p) {
		return false
	}
	// Only the mark (and a number) stand before the quotation.
	for k := tokenAt(d.toks, d.paraStart[p]); k < c.openTok; k++ {
		if d.toks[k].is(tWord) && !d.toks[k].is(tDigit) {
			return false
		}
	}
	q := p - 1
	for q >= 0 && d.bulletParagraph(q) {
		q--
	}
	if q < 0 || q < p-30 {
		return false
	}
	lo, hi := tokenAt(d.toks, d.paraStart[q]), tokenAt(d.toks, d.paraStart[q+1])
	if hi == 0 || !d.punctIs(hi-1, ":") {
		return false
	}
	for k := hi - 2; k >= lo; k-- {
		n := d.cueAt(k, hi)
		if n == 0 || d.toks[k].is(tPrep) || d.cueIsNoun(k) {
			continue
		}
		cue := d.tokText(k, k+n)
		if a, b, ok := d.npAfter(k+n, hi-1); ok && b == hi-1 {
			return d.setSpeaker(c, d.tokText(a, b), a, cue, "list-intro")
		}
		if a, b, ok := d.subjectOf(k, lo); ok && (d.toks[a].is(tCap) || isPronounTok(d, a)) {
			return d.setSpeaker(c, d.tokText(a, b), a, cue, "list-intro")
		}
		return false
	}
	return false
}
