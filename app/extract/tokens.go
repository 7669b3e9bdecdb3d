package extract

import (
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// token is a word or a punctuation mark, with its place in the text in code
// points.
type token struct {
	start, end int
	flags      tokFlag
	word       *wordEntry // the word's entry, shared by every token of it; nil for punctuation
}

// low is the lower-cased word without a final 's; "" for punctuation.
func (t token) low() string {
	if t.word == nil {
		return ""
	}
	return t.word.text
}

// wordEntry is one distinct word of a text.
type wordEntry struct {
	text      string  // lower-cased
	flags     tokFlag // from the lexicon
	lowerSeen bool    // the text writes it in lower case somewhere
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
)

func (t token) is(f tokFlag) bool { return t.flags&f != 0 }

// lexicon flags the words of the cue lists, read once per word.
var lexicon = func() map[string]tokFlag {
	m := map[string]tokFlag{}
	for w := range cueWords {
		m[w] |= tCue
	}
	for w := range phraseCues {
		m[w] |= tCue
	}
	for w := range titles {
		m[w] |= tTitle
	}
	for w := range nameJoiners {
		m[w] |= tJoiner
	}
	return m
}()

// asciiWord marks the ASCII letters and digits.
var asciiWord = func() (t [128]bool) {
	for r := range t {
		t[r] = 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
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
// wordCache keeps, across texts, the lower-cased string and lexicon flags
// of words by hash, so that a word met in an earlier article costs neither a
// string nor a lexicon lookup. Readers load an immutable snapshot without
// locking; new words gather per text and are merged in batches.
var (
	wordCache   atomic.Pointer[map[uint64]lexEntry]
	cacheMu     sync.Mutex
	cachePend   []cachedWord
	cacheLimit  = 1 << 17
	cacheBatch  = 4096
	emptyLexMap = map[uint64]lexEntry{}
)

type cachedWord struct {
	h uint64
	e lexEntry
}

func init() { wordCache.Store(&emptyLexMap) }

// rememberWords adds a text's new words to the cache, in batches.
func rememberWords(words []cachedWord) {
	if len(words) == 0 {
		return
	}
	cacheMu.Lock()
	defer cacheMu.Unlock()
	cachePend = append(cachePend, words...)
	if len(cachePend) < cacheBatch {
		return
	}
	old := *wordCache.Load()
	if len(old) >= cacheLimit {
		cachePend = cachePend[:0]
		return
	}
	m := make(map[uint64]lexEntry, len(old)+len(cachePend))
	for h, e := range old {
		m[h] = e
	}
	for _, w := range cachePend {
		m[w.h] = w.e
	}
	wordCache.Store(&m)
	cachePend = cachePend[:0]
}

// lexiconByHash finds the lexicon flags of a word from its hash without a
// string: read-only once built, so safe to share.
var lexiconByHash = func() map[uint64]lexEntry {
	m := make(map[uint64]lexEntry, len(lexicon))
	for w, f := range lexicon {
		m[wordHash(w)] = lexEntry{w, f}
	}
	return m
}()

type lexEntry struct {
	word  string
	flags tokFlag
}

// wordHash is FNV-1a over the code points of a lower-cased word.
func wordHash(w string) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range w {
		h = (h ^ uint64(unicode.ToLower(c))) * 1099511628211
	}
	return h
}

// wordTable is an open-addressing table from word hash to entry, cheaper
// per lookup than a map for the one lookup every token makes.
type wordTable struct {
	keys []uint64
	vals []*wordEntry
	n    int
}

func newWordTable(hint int, b *buffers) *wordTable {
	size := 64
	for size < 2*hint {
		size *= 2
	}
	if b != nil && len(b.keys) >= size && len(b.keys) <= 4*size {
		return &wordTable{keys: b.keys, vals: b.vals} // vals were cleared on release
	}
	return &wordTable{keys: make([]uint64, size), vals: make([]*wordEntry, size)}
}

func (t *wordTable) get(h uint64) *wordEntry {
	mask := uint64(len(t.keys) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		if t.vals[i] == nil {
			return nil
		}
		if t.keys[i] == h {
			return t.vals[i]
		}
	}
}

func (t *wordTable) put(h uint64, e *wordEntry) {
	if 2*(t.n+1) > len(t.keys) {
		old := *t
		*t = wordTable{keys: make([]uint64, 2*len(old.keys)), vals: make([]*wordEntry, 2*len(old.keys))}
		for i, v := range old.vals {
			if v != nil {
				t.put(old.keys[i], v)
			}
		}
	}
	mask := uint64(len(t.keys) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		if t.vals[i] == nil || t.keys[i] == h {
			if t.vals[i] == nil {
				t.n++
			}
			t.keys[i], t.vals[i] = h, e
			return
		}
	}
}

func tokenize(text []rune, paraStarts []int, b *buffers) ([]token, *wordTable, []int) {
	var marks []int // quotation marks, for findSpans
	var toks []token
	if b != nil && cap(b.toks) >= len(text)/4 {
		toks = b.toks[:0]
	} else {
		toks = make([]token, 0, len(text)/4+16)
	}
	var block []wordEntry // entries are allocated 256 at a time
	next := 0             // index into paraStarts
	paraStart := func(i int) bool {
		for next < len(paraStarts) && paraStarts[next] < i {
			next++
		}
		return next < len(paraStarts) && paraStarts[next] == i
	}
	// Words are interned by a hash of their lower-cased form: news repeats
	// its words, and one small map lookup per token, with no string built
	// for a word seen before, keeps tokenising cheap.
	intern := newWordTable(64+len(text)/24, b)
	cache := *wordCache.Load()
	var fresh []cachedWord
	defer func() { rememberWords(fresh) }()
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
			}
			t := token{start: i, end: i + 1, flags: tPunct}
			if para {
				t.flags |= tParaStart
			}
			toks = append(toks, t)
			i++
			continue
		}
		// One pass over the word finds its end and its lower-cased hash.
		buf = buf[:0]
		h := uint64(14695981039346656037)
		hashEnd := 0 // len(buf) and h before a final 's
		var hBefore uint64
		j := i
		seg := 0 // word runes since the last period, to spot U.S.
		dotted := false
	word:
		for j < len(text) {
			c := text[j]
			switch {
			case c < 0x80 && asciiWord[c] || c >= 0x80 && isWordRune(c):
				if c == 's' || c == 'S' {
					if j > i && (text[j-1] == '’' || text[j-1] == '\'') {
						hashEnd, hBefore = len(buf)-len(string(text[j-1])), 0
					}
				}
				if c < 0x80 {
					if 'A' <= c && c <= 'Z' {
						c += 'a' - 'A'
					}
					buf = append(buf, byte(c))
				} else {
					c = unicode.ToLower(c)
					buf = utf8.AppendRune(buf, c)
				}
				h = (h ^ uint64(c)) * 1099511628211
				j++
				seg++
				continue
			case (c == '\'' || c == '’' || c == '-' || c == '‐') && j+1 < len(text) && isWordRune(text[j+1]):
				buf = utf8.AppendRune(buf, c)
				h = (h ^ uint64(c)) * 1099511628211
				j++
				seg = 0
				continue
			case c == '.' && seg == 1 && j+1 < len(text) && unicode.IsLetter(text[j+1]) &&
				(j+2 >= len(text) || !isWordRune(text[j+2])):
				buf = append(buf, '.')
				h = (h ^ uint64('.')) * 1099511628211
				j++ // the inner period of U.S.
				seg = 0
				dotted = true
				continue
			case c == '.' && seg == 1 && dotted:
				buf = append(buf, '.')
				h = (h ^ uint64('.')) * 1099511628211
				j++ // the last period of U.S.
			}
			break word
		}
		_ = hBefore
		// Compare words without their 's: Trump’s is Trump, he’s is he.
		var poss tokFlag
		if j-i > 2 && (text[j-2] == '’' || text[j-2] == '\'') && (text[j-1] == 's' || text[j-1] == 'S') && hashEnd > 0 {
			poss = tPoss
			buf = buf[:hashEnd]
			h = 14695981039346656037
			for _, c := range text[i : j-2] {
				h = (h ^ uint64(unicode.ToLower(c))) * 1099511628211
			}
		}
		e := intern.get(h)
		if e == nil || e.text != string(buf) {
			var text string
			var flags tokFlag
			if c, ok := cache[h]; ok && c.word == string(buf) {
				text, flags = c.word, c.flags
			} else {
				text = string(buf)
				if lx, ok := lexiconByHash[h]; ok && lx.word == text {
					flags = lx.flags
				}
				fresh = append(fresh, cachedWord{h, lexEntry{text, flags}})
			}
			if len(block) == cap(block) {
				block = make([]wordEntry, 0, 256)
			}
			block = append(block, wordEntry{text: text, flags: flags})
			e = &block[len(block)-1]
			intern.put(h, e)
		}
		t := token{start: i, end: j, flags: tWord | e.flags | poss, word: e}
		if !(r < 0x80 && 'A' <= r && r <= 'Z' || r >= 0x80 && unicode.IsUpper(r)) {
			e.lowerSeen = true
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
		marks = []int{}
	}
	return toks, intern, marks
}

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
			prev := toks[k-1].low()
			if abbreviations[prev] || (len([]rune(prev)) == 1 && toks[k-1].is(tCap)) {
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
