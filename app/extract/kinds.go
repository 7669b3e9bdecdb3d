package extract

import (
	"strings"
	"unicode"
)

// decideKind: a direct quote stands as its own sentence or clause; a
// fragment sits inside narration; an unattributed short quotation is a term.
func (c *candidate) decideKind(d *doc) {
	if d.lang == "de" && d.quotedName(c) {
		c.kind = Term
		return
	}
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

// germanNameArticles are articles and the prepositions an article is
// contracted into: "mit der „Financial Times“", "im „Black Lion Hospital“".
var germanNameArticles = wordSet("der", "die", "das", "den", "dem", "des", "im", "am", "beim", "vom", "zum", "zur",
	"ins", "ans")

// germanClassNouns are nouns a German name in marks follows to say what
// it names ("die Tageszeitung „Neues Deutschland“", "das Motto „…“"), as
// the ends of compounds: Umweltschutzorganisation, Fernsehsender.
var germanClassNouns = []string{"zeitung", "magazin", "sender", "website", "webseite", "portal", "agentur",
	"organisation", "partei", "bewegung", "initiative", "kampagne", "verein", "verband", "firma", "konzern",
	"motto", "slogan", "leitlinie", "projekt", "programm", "ausstellung", "kongress", "konferenz", "festival",
	"zentrum", "zentrums", "titel", "buch", "film", "album", "lied", "song", "operation", "schiff", "aktion"}

// namesAClass: the word is, or ends in, one of germanClassNouns.
func namesAClass(w string) bool {
	for _, n := range germanClassNouns {
		if strings.HasSuffix(w, n) {
			return true
		}
	}
	return false
}

// quotedName: in German, marks also set off names and terms, where they
// stand for the thing named: right after a noun of what it names ("die
// Tageszeitung „Neues Deutschland“", "das Motto „…“"), or right after an article when every
// word is capitalised, as a name is ("mit der „Financial Times“"). Words
// someone said that follow an article are a phrase, with lower-case words
// in it: "von einer „überwältigenden Resonanz“".
func (d *doc) quotedName(c *candidate) bool {
	k := c.openTok - 1
	if k < 0 || c.openTok <= c.sentence || !d.toks[k].is(tWord) || d.toks[k].end != d.toks[c.openTok].start-1 {
		return false // not right after a word, one space before the mark
	}
	w := d.lw(d.toks[k])
	if d.toks[k].is(tCap) && namesAClass(w) {
		return true
	}
	if !germanNameArticles[w] {
		return false
	}
	words := 0
	for j := c.inA; j < c.inB; j++ {
		t := d.toks[j]
		if !t.is(tWord) {
			continue
		}
		if !t.is(tCap) && !t.is(tDigit) && !nameJoiners[d.lw(t)] {
			return false
		}
		words++
	}
	return words > 0
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
