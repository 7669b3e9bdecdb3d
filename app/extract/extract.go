package extract

import (
	"math"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Kind says what a quotation is.
type Kind string

// The kinds of quotation.
const (
	Direct   Kind = "direct"   // a quoted sentence, standing as speech
	Fragment Kind = "fragment" // quoted words inside narration
	Term     Kind = "term"     // a scare quote or a quoted name: not a statement
)

// Quote is one quotation found in a text. Start and End are code-point
// offsets of Text, the words inside the marks; Speaker is empty when no
// speaker was found.
type Quote struct {
	Text    string `json:"text"`
	Speaker string `json:"speaker"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Cue     string `json:"cue"`
	Kind    Kind   `json:"kind"`
}

// IsStatement reports whether the quotation is speech (direct or fragment).
func (q Quote) IsStatement() bool { return q.Kind == Direct || q.Kind == Fragment }

// Extract finds the quotations of a text of no known language, in order,
// reading it with the speech cues of every language Parley knows.
func Extract(text string) []Quote { return ExtractIn(text, "") }

// ExtractIn finds the quotations of a text in a language (an ISO 639-1
// code, or a BCP 47 tag), in order, reading it with that language's speech
// cues; a language Parley has no cues for is read with all of them.
func ExtractIn(text, lang string) []Quote {
	d := newDoc(text, lang)
	out := d.extract()
	d.release()
	return out
}

// buffers are the large slices of a doc, reused from one text to the next:
// an import reads many articles, and allocating them anew each time kept
// the garbage collector busy.
type buffers struct {
	runes  []rune
	offs   []int32
	breaks []int
	toks   []token
	names  []nameMention
	keys   []uint64
	low    [lowCacheMask + 1]lowSlot
}

var bufferPool = sync.Pool{New: func() any { return &buffers{} }}

// release hands the doc's buffers back for the next text. Nothing that
// leaves Extract points into them: quotes' strings are cut from the
// caller's text or copied.
func (d *doc) release() {
	b := d.bufs
	if b == nil {
		return
	}
	b.runes, b.offs, b.toks = d.text[:0], d.offs[:0], d.toks[:0]
	clear(d.names) // the words of each name go with the doc
	b.names = d.names[:0]
	clear(d.lowerSet.keys)
	b.keys = d.lowerSet.keys
	clear(b.low[:])
	bufferPool.Put(b)
	d.bufs = nil
}

// doc is one text being read.
type doc struct {
	text []rune
	// src is the text as given and offs the byte offset in it of each rune
	// and of the end, so that str cuts strings without copying; src is
	// empty when the text is not valid UTF-8 and a cut would differ from
	// the runes.
	src       string
	offs      []int32
	breaks    []int // rune offsets of the line breaks
	toks      []token
	paraStart []int // rune offsets where paragraphs begin
	spans     []span
	markTok   map[int]int // token index of a quote mark -> span index
	names     []nameMention
	// speakers found so far, in text order, for pronouns.
	spoken []spoken
	// subjects are the people sentences are about, for pronouns, by
	// paragraph, read on first need.
	subjects     [][]spoken
	subjectsDone []bool
	surnames     map[uint64]bool   // by word hash, once asked: whether it ends a person's full name
	givenAfter   map[uint64]bool   // by word hash, once asked: whether the text writes it after a given name
	genders      map[uint64]gender // by the hash of a person's last name
	genderCache  map[string]gender
	// firstName is the first name seen with each last name, and shared
	// the last names seen with more than one: "Keith Lamont Scott" and
	// "Rakeyia Scott" share a last name but not a gender.
	firstName  map[uint64]uint64
	sharedLast map[uint64]bool
	issues     []int                      // tokens of issuing verbs ("issued a statement"), found on first need
	byLast     []lastName                 // names by the hash of their last word, built on first need
	fullestOf  map[string]string          // fullest's answer by its core, once asked: a name is resolved once, not at every mention
	lowerSet   *hashSet                   // hashes of the words the text writes in lower case
	lowCache   *[lowCacheMask + 1]lowSlot // lower-cased words built so far
	bufs       *buffers                   // where text, toks and words came from, to give back
	lex        *lexicon                   // the words of the text's language
	lang       string                     // the text's language (ISO 639-1), "" when not known
}

type spoken struct {
	at     int // rune offset of the quote
	name   string
	person bool
	plural bool
}

func newDoc(text, lang string) *doc {
	b := bufferPool.Get().(*buffers)
	// A text has at most as many runes as bytes: sized once, filled by
	// index, ASCII without decoding. Line breaks are noted on the way for
	// findParagraphs.
	if cap(b.runes) < len(text) || cap(b.offs) < len(text)+1 {
		b.runes = make([]rune, len(text))
		b.offs = make([]int32, len(text)+1)
	}
	runes, offs, breaks := b.runes[:len(text)], b.offs[:len(text)+1], b.breaks[:0]
	valid := len(text) <= math.MaxInt32
	n := 0
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if c == '\n' {
				breaks = append(breaks, n)
			}
			runes[n], offs[n] = rune(c), int32(i)
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == utf8.RuneError {
			valid = false // or U+FFFD itself, which is rare: then copy
		}
		runes[n], offs[n] = r, int32(i)
		n++
		i += size
	}
	runes, offs = runes[:n], offs[:n+1]
	offs[n] = int32(len(text))
	b.breaks = breaks
	d := &doc{text: runes, offs: offs, breaks: breaks, bufs: b, lex: lexiconFor(lang), lang: languageOf(lang)}
	if valid {
		d.src = text
	}
	d.findParagraphs()
	var marks, markToks []int
	d.toks, d.lowerSet, marks, markToks = tokenize(d.text, d.paraStart, d.lex, b)
	d.lowCache = &b.low
	var ends []int
	for _, p := range d.paraStart[1:] {
		// the paragraph break starts after the last non-space before p
		e := p
		for e > 0 && unicode.IsSpace(d.text[e-1]) {
			e--
		}
		ends = append(ends, e)
	}
	d.spans = findSpans(d.text, ends, marks, markToks)
	d.markTok = make(map[int]int, 2*len(d.spans))
	for si, s := range d.spans {
		d.toks[s.openTok].flags |= tQuote
		d.markTok[s.openTok] = si
		if s.closeTok >= 0 {
			d.toks[s.closeTok].flags |= tQuote
			d.markTok[s.closeTok] = si
		}
		if s.depth == 0 {
			for k := s.openTok + 1; k < len(d.toks) && d.toks[k].start < s.end; k++ {
				d.toks[k].flags |= tInQuote
			}
		}
	}
	d.names = findNames(d)
	d.learnGenders()
	return d
}

// findParagraphs splits at blank lines, and at single line breaks after a
// line that ends a sentence or a quotation; a line break in the middle of a
// sentence (hard-wrapped text) is not a paragraph.
func (d *doc) findParagraphs() {
	t := d.text
	d.paraStart = []int{0}
	next := 0 // the first rune not yet read
	for _, i := range d.breaks {
		if i < next {
			continue
		}
		j := i + 1
		nl := 1
		for j < len(t) && unicode.IsSpace(t[j]) {
			if t[j] == '\n' {
				nl++
			}
			j++
		}
		if j < len(t) && (nl >= 2 || lineEnds(t, i)) {
			d.paraStart = append(d.paraStart, j)
		}
		next = j
	}
	// the first paragraph starts at its first non-space
	for d.paraStart[0] < len(t) && unicode.IsSpace(t[d.paraStart[0]]) {
		d.paraStart[0]++
	}
}

// lineEnds: the line before the break at i ends a sentence, a quotation or
// a heading-like line with no final punctuation but a short length.
func lineEnds(t []rune, i int) bool {
	k := i - 1
	for k >= 0 && (t[k] == ' ' || t[k] == '\t' || t[k] == '\r' || t[k] == '\u00a0') {
		k--
	}
	if k < 0 {
		return false
	}
	switch t[k] {
	case '.', '!', '?', ':', '"', '”', '’', '»', ')', '…', '“', '«':
		return true
	}
	// A short line (a title, a name under a quote) is a paragraph too.
	n := 0
	for k >= 0 && t[k] != '\n' {
		k--
		n++
	}
	return n < 60
}

// lw is a word token lower-cased without its final 's, "" for punctuation.
// Strings are built only for the tokens the extractor looks at.
func (d *doc) lw(t token) string {
	if !t.is(tWord) {
		return ""
	}
	slot := &d.lowCache[t.h&lowCacheMask]
	if slot.h == t.h && slot.s != "" {
		return slot.s
	}
	end := t.end
	if t.is(tPoss) {
		end -= 2
	}
	var b strings.Builder
	b.Grow(end - t.start) // one allocation for the usual, ASCII word
	for _, r := range d.text[t.start:end] {
		b.WriteRune(unicode.ToLower(r))
	}
	s := b.String()
	slot.h, slot.s = t.h, s
	return s
}

// lowCacheMask sizes the direct-mapped cache of lower-cased words: a slot
// per hash bucket, a clash only costs building the string again.
const lowCacheMask = 1<<11 - 1

type lowSlot struct {
	h uint64
	s string
}

// lowerSeen reports whether the text writes w (lower-cased) in lower case
// somewhere, so that a capitalised "Perhaps" opening a sentence is not taken
// for a name.
func (d *doc) lowerSeen(w string) bool {
	return d.lowerSet.has(wordHash(w))
}

// paragraphOf is the index of the paragraph holding rune offset i.
func (d *doc) paragraphOf(i int) int {
	lo, hi := 0, len(d.paraStart)
	for lo < hi {
		m := (lo + hi) / 2
		if d.paraStart[m] <= i {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo - 1
}

// str is the text of runes [a, b).
func (d *doc) str(a, b int) string {
	if d.src != "" {
		return d.src[d.offs[a]:d.offs[b]]
	}
	return string(d.text[a:b])
}

// tokText is the text of tokens [a, b).
func (d *doc) tokText(a, b int) string {
	if a >= b {
		return ""
	}
	return d.str(d.toks[a].start, d.toks[b-1].end)
}

// candidates reads every outermost quotation: its speaker, then its kind.
func (d *doc) candidates() []*candidate {
	var cands []*candidate
	for si := range d.spans {
		s := d.spans[si]
		if s.depth > 0 || s.end <= s.start {
			continue // quotes inside quotes belong to the outer one
		}
		cands = append(cands, d.newCandidate(si))
	}
	for _, c := range cands {
		d.attribute(c)
	}
	d.shareWithinSentences(cands)
	d.continueParagraphs(cands)
	d.headlineEchoes(cands)
	for _, c := range cands {
		if c.speaker == "" && c.how == "" && !c.leftIsEmpty {
			d.subjectSpeaks(c)
		}
	}
	for _, c := range cands {
		c.decideKind(d)
	}
	return cands
}

func (d *doc) extract() []Quote {
	var out []Quote
	for _, c := range d.candidates() {
		out = append(out, Quote{
			Text:    d.str(c.span.start, c.span.end),
			Speaker: oneSpace(c.speaker),
			Start:   c.span.start,
			End:     c.span.end,
			Cue:     oneSpace(c.cue),
			Kind:    c.kind,
		})
	}
	return out
}

// wordsIn counts the words of a quotation.
func (d *doc) wordsIn(s span) int {
	n := 0
	for k := s.openTok + 1; k < len(d.toks) && d.toks[k].start < s.end; k++ {
		if d.toks[k].is(tWord) {
			n++
		}
	}
	return n
}

// oneSpace joins a name or cue broken over lines with single spaces.
func oneSpace(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r != ' ' && unicode.IsSpace(r) }) && !strings.Contains(s, "  ") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// clean trims spaces and punctuation around a phrase.
func clean(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) && r != '.' })
}
