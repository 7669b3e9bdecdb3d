package extract

import (
	"unicode"
	"unicode/utf8"
)

// token is a word or a punctuation mark, with its place in the text in code
// points.
type token struct {
	start, end int
	flags      tokFlag
	h          uint64 // hash of the lower-cased word without a final 's; 0 for punctuation
}

type tokFlag uint32

const (
	tWord      tokFlag = 1 << iota
	tCap               // starts with an upper-case letter
	tPunct             // one punctuation rune
	tQuote             // a quotation mark that opens or closes a quote
	tSentEnd           // . ! ? ending a sentence
	tParaStart         // first token of a paragraph
	tDigit             // starts with a digit
	tInQuote           // inside a top-level quotation
	tPoss              // ends in a possessive or contracted 's
	tCue               // a cue word, or the first word of a cue phrase
	tTitle             // a title: Secretary, Mr, president
	tJoiner            // joins the parts of a name: of, de, van
	tIssue             // a verb that issues a document: issued, released
	tCueWord           // a cue on its own: said, stressed
	tPhrase            // the first word of a cue phrase: according (to)
	tPrep              // a cue that puts the speaker after it: according to, selon
	tPronoun           // he, she, they, er, он…
	tObject            // a cue whose object is the speaker: zitiert, цитирует
)

func (t token) is(f tokFlag) bool { return t.flags&f != 0 }

// asciiWord marks the ASCII letters and digits.
var asciiWord = func() (t [128]bool) {
	for r := range t {
		t[r] = 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return
}()

// asciiFold is each ASCII letter and digit in lower case, 0 for the rest.
var asciiFold = func() (t [128]uint8) {
	for r := range t {
		switch {
		case 'A' <= r && r <= 'Z':
			t[r] = uint8(r + 'a' - 'A')
		case asciiWord[r]:
			t[r] = uint8(r)
		}
	}
	return
}()

// isWordRune is what words are made of.
func isWordRune(r rune) bool {
	if r < 0x80 {
		return asciiWord[r]
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// tokenize splits text into words and punctuation. Apostrophes and hyphens
// inside words stay in them (don't, Mirzoyan's, a-t-il), and so do the
// periods of abbreviations made of single letters (U.S.).

// wordHash is FNV-1a over the code points of a lower-cased word.
func wordHash(w string) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range w {
		h = (h ^ uint64(unicode.ToLower(c))) * 1099511628211
	}
	return h
}

// hashSet is an open-addressing set of word hashes: which words the text
// writes in lower case. It holds no pointers, so the collector skips it.
type hashSet struct {
	keys []uint64 // 0 is empty; a hash of 0 is stored as 1
	n    int
}

func newHashSet(hint int, b *buffers) *hashSet {
	size := 64
	for size < 2*hint {
		size *= 2
	}
	if b != nil && len(b.keys) >= size && len(b.keys) <= 4*size {
		return &hashSet{keys: b.keys} // cleared on release
	}
	return &hashSet{keys: make([]uint64, size)}
}

func (s *hashSet) has(h uint64) bool {
	if h == 0 {
		h = 1
	}
	mask := uint64(len(s.keys) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		switch s.keys[i] {
		case 0:
			return false
		case h:
			return true
		}
	}
}

func (s *hashSet) add(h uint64) {
	if h == 0 {
		h = 1
	}
	if 2*(s.n+1) > len(s.keys) {
		old := s.keys
		*s = hashSet{keys: make([]uint64, 2*len(old))}
		for _, k := range old {
			if k != 0 {
				s.add(k)
			}
		}
	}
	mask := uint64(len(s.keys) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		switch s.keys[i] {
		case 0:
			s.keys[i] = h
			s.n++
			return
		case h:
			return
		}
	}
}

func tokenize(text []rune, paraStarts []int, lx *lexicon, b *buffers) ([]token, *hashSet, []int, []int) {
	var marks, markToks []int // quotation marks and their tokens, for findSpans
	var toks []token
	if b != nil && cap(b.toks) >= len(text)/4 {
		toks = b.toks[:0]
	} else {
		toks = make([]token, 0, len(text)/4+16)
	}
	next := 0 // index into paraStarts
	paraStart := func(i int) bool {
		for next < len(paraStarts) && paraStarts[next] < i {
			next++
		}
		return next < len(paraStarts) && paraStarts[next] == i
	}
	// Words are known by a hash of their lower-cased form; the string is
	// built only for the few tokens the extractor reads closely (doc.lw).
	lowerSeen := newHashSet(64+len(text)/24, b)
	var buf []byte
	i := 0
	for i < len(text) {
		r := text[i]
		if r == ' ' || r == '\n' || r == '\t' || r == '\r' || r >= 0x80 && unicode.IsSpace(r) {
			i++
			continue
		}
		para := paraStart(i)
		if !isWordRune(r) {
			if isQuoteRune(r) {
				marks = append(marks, i)
				markToks = append(markToks, len(toks))
			}
			t := token{start: i, end: i + 1, flags: tPunct}
			if para {
				t.flags |= tParaStart
			}
			toks = append(toks, t)
			i++
			continue
		}
		// One pass over the word finds its end and its lower-cased hash;
		// the lower-cased text itself is built only for the few words the
		// lexicon may hold.
		h := uint64(14695981039346656037)
		// The hash and end before the last apostrophe, to drop a final 's.
		hApos, endApos := h, -1
		j := i
		seg := 0 // word runes since the last period, to spot U.S.
		dotted := false
	word:
		for j < len(text) {
			c := text[j]
			if c < 0x80 {
				if l := asciiFold[c]; l != 0 {
					h = (h ^ uint64(l)) * 1099511628211
					j++
					seg++
					continue
				}
			} else if isWordRune(c) {
				h = (h ^ uint64(unicode.ToLower(c))) * 1099511628211
				j++
				seg++
				continue
			}
			switch {
			case (c == '\'' || c == '’' || c == '-' || c == '‐') && j+1 < len(text) && isWordRune(text[j+1]):
				if c != '-' && c != '‐' {
					hApos, endApos = h, j
				}
				h = (h ^ uint64(c)) * 1099511628211
				j++
				seg = 0
				continue
			case c == '.' && seg == 1 && j+1 < len(text) && unicode.IsLetter(text[j+1]) &&
				(j+2 >= len(text) || !isWordRune(text[j+2])):
				h = (h ^ uint64('.')) * 1099511628211
				j++ // the inner period of U.S.
				seg = 0
				dotted = true
				continue
			case c == '.' && seg == 1 && dotted:
				h = (h ^ uint64('.')) * 1099511628211
				j++ // the last period of U.S.
			}
			break word
		}
		// Compare words without their 's: Trump’s is Trump, he’s is he.
		var poss tokFlag
		end := j
		if j-i > 2 && (text[j-2] == '’' || text[j-2] == '\'') && (text[j-1] == 's' || text[j-1] == 'S') && endApos > i {
			poss = tPoss
			end, h = endApos, hApos
		}
		var flags tokFlag
		if lx.bloom[h&lexBloomMask] {
			if e, ok := lx.byHash[h]; ok {
				buf = buf[:0]
				for _, c := range text[i:end] {
					buf = utf8.AppendRune(buf, unicode.ToLower(c))
				}
				if e.word == string(buf) {
					flags = e.flags
				}
			}
		}
		t := token{start: i, end: j, flags: tWord | flags | poss, h: h}
		if !(r < 0x80 && 'A' <= r && r <= 'Z' || r >= 0x80 && unicode.IsUpper(r)) {
			lowerSeen.add(h)
		}
		if (r < 0x80 && 'A' <= r && r <= 'Z' || r >= 0x80 && unicode.IsUpper(r)) && !(para && allCaps(text[i:j])) {
			t.flags |= tCap // WASHINGTON opening a dateline is not a name
		}
		if '0' <= r && r <= '9' || r >= 0x80 && unicode.IsDigit(r) {
			t.flags |= tDigit
		}
		if para {
			t.flags |= tParaStart
		}
		toks = append(toks, t)
		i = j
	}
	markSentenceEnds(text, toks)
	if marks == nil {
		marks, markToks = []int{}, []int{}
	}
	return toks, lowerSeen, marks, markToks
}

// abbreviationHashes finds abbreviations without building strings.
var abbreviationHashes = func() map[uint64]bool {
	m := map[uint64]bool{}
	for w := range abbreviations {
		m[wordHash(w)] = true
	}
	return m
}()

// markSentenceEnds flags the . ! ? … that end sentences: followed by a
// capital, a quotation mark, a new paragraph or the end, and not the period
// of an abbreviation or an initial.
func markSentenceEnds(text []rune, toks []token) {
	for k, t := range toks {
		if !t.is(tPunct) {
			continue
		}
		c := text[t.start]
		if c != '.' && c != '!' && c != '?' && c != '…' {
			continue
		}
		if c == '.' && k > 0 && toks[k-1].is(tWord) && toks[k-1].end == t.start {
			prev := toks[k-1]
			if abbreviationHashes[prev.h] || (prev.end-prev.start == 1 && prev.is(tCap)) {
				continue
			}
		}
		if k+1 == len(toks) || toks[k+1].is(tParaStart) {
			toks[k].flags |= tSentEnd
			continue
		}
		next := toks[k+1]
		nr := text[next.start]
		if next.is(tCap) || next.is(tDigit) || isQuoteRune(nr) || nr == '(' || nr == '—' || nr == '–' || nr == '-' {
			toks[k].flags |= tSentEnd
		}
	}
}

// allCaps: a word of three letters or more, all upper case.
func allCaps(w []rune) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n >= 4
}

// tokenAt is the index of the first token starting at or after i.
func tokenAt(toks []token, i int) int {
	lo, hi := 0, len(toks)
	for lo < hi {
		m := (lo + hi) / 2
		if toks[m].start < i {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}
