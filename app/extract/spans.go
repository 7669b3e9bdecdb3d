package extract

import "unicode"

// span is one quotation: the code points between its marks, [open+1, close)
// in the usual case. open and close are the positions of the marks
// themselves; close is -1 when the quote was never closed and ended with its
// paragraph.
type span struct {
	open, close       int // mark positions
	openTok, closeTok int // their tokens when known, else -1
	start, end        int // the quoted text
	depth             int // 0 for a quote, 1+ for a quote inside one
	paragraphs        int // paragraphs it runs over
}

// closers lists, for each opening mark, the marks that can close it.
var closers = map[rune]string{
	'“':  "”“", // English “…”, and “ after „ is German's closer, listed under „
	'„':  "“”", // German „…“, Polish „…”
	'”':  "”",  // Swedish and Finnish ”…”
	'‘':  "’",
	'‚':  "‘’",
	'’':  "’",
	'«':  "»",
	'»':  "«»", // German »…«, and the »…» of Nordic style and of our seed article
	'"':  `"`,
	'\'': "'",
	'「':  "」",
	'『':  "』",
	'‹':  "›",
	'›':  "‹›",
}

func isQuoteRune(r rune) bool {
	if r < 0x80 {
		return r == '"' || r == '\''
	}
	switch r {
	case '“', '”', '„', '‘', '’', '‚', '«', '»', '"', '\'', '「', '」', '『', '』', '‹', '›':
		return true
	}
	return false
}

// canOpen marks can start a quote; canClose marks can end one.
func canOpen(r rune) bool { _, ok := closers[r]; return ok }

// leftOpen: what may stand before an opening mark.
func leftOpen(text []rune, i int) bool {
	if i == 0 {
		return true
	}
	p := text[i-1]
	return unicode.IsSpace(p) || p == '(' || p == '[' || p == '—' || p == '–' || p == '-' || p == '/' ||
		p == ':' || p == '>' || isQuoteRune(p) || p == '\u00a0'
}

// rightClose: what may stand after a closing mark.
func rightClose(text []rune, i int) bool {
	if i+1 >= len(text) {
		return true
	}
	n := text[i+1]
	return unicode.IsSpace(n) || unicode.IsPunct(n) || isQuoteRune(n) || n == '\u00a0'
}

// inWord reports a mark with letters on both sides: an apostrophe.
func inWord(text []rune, i int) bool {
	return i > 0 && i+1 < len(text) && isWordRune(text[i-1]) && isWordRune(text[i+1])
}

// findSpans finds every quotation in text. It pairs marks by their kind and
// their place against words, so apostrophes are not taken for closing marks;
// a paragraph that ends inside a quote continues it when the next paragraph
// reopens with the same mark, as long quotations do, and otherwise closes it
// there, so that an unclosed mark never swallows the rest of the text. A
// closing mark that nothing opened is ignored.
//
// marks lists the positions of the quotation marks to consider, in order;
// nil means every position of text.
// markToks, when not nil, gives the token of each mark.
func findSpans(text []rune, paraEnds []int, marks, markToks []int) []span {
	if marks == nil {
		for i, r := range text {
			if isQuoteRune(r) {
				marks = append(marks, i)
			}
		}
	}
	type open struct {
		mark rune
		at   int
		tok  int
		para int
	}
	var stack []open
	var spans []span
	pi := 0 // next paragraph end
	paraIndex := 0
	closeAll := func(at int) {
		// Close unclosed quotes at the end of their paragraph.
		for k := len(stack) - 1; k >= 0; k-- {
			o := stack[k]
			end := at
			for end > o.at+1 && unicode.IsSpace(text[end-1]) {
				end--
			}
			if end > o.at+1 {
				spans = append(spans, span{open: o.at, close: -1, openTok: o.tok, closeTok: -1, start: o.at + 1, end: end, depth: k, paragraphs: paraIndex - o.para + 1})
			}
		}
		stack = stack[:0]
	}
	skip := -1 // a reopening mark, which continues a quote
	paragraphEnds := func(upTo int) {
		for pi < len(paraEnds) && upTo >= paraEnds[pi] {
			// A paragraph ended. Keep the quote open only if the next
			// paragraph starts with the same mark (the reopening).
			next := paraEnds[pi]
			for next < len(text) && unicode.IsSpace(text[next]) {
				next++
			}
			if len(stack) == 1 && next < len(text) && text[next] == stack[0].mark {
				skip = next
			} else {
				closeAll(paraEnds[pi])
			}
			pi++
			paraIndex++
		}
	}
	for x, i := range marks {
		tok := -1
		if markToks != nil {
			tok = markToks[x]
		}
		paragraphEnds(i)
		if i == skip {
			continue
		}
		r := text[i]
		if (r == '\'' || r == '’') && inWord(text, i) {
			continue // don't, Mirzoyan's
		}
		if len(stack) > 0 {
			top := stack[len(stack)-1]
			if containsRune(closers[top.mark], r) && i > top.at+1 && closesHere(text, i, r) {
				stack = stack[:len(stack)-1]
				spans = append(spans, span{open: top.at, close: i, openTok: top.tok, closeTok: tok, start: top.at + 1, end: i, depth: len(stack), paragraphs: paraIndex - top.para + 1})
				continue
			}
		}
		if canOpen(r) && leftOpen(text, i) && i+1 < len(text) && (!unicode.IsSpace(text[i+1]) || r == '«' || r == '»') {
			if (r == '\'' || r == '’') && i+1 < len(text) && unicode.IsDigit(text[i+1]) {
				continue // the '90s
			}
			if len(stack) < 3 {
				stack = append(stack, open{mark: r, at: i, tok: tok, para: paraIndex})
			}
		}
	}
	paragraphEnds(len(text))
	closeAll(len(text))
	// Trim the spaces French puts inside « ».
	for k := range spans {
		s := &spans[k]
		for s.start < s.end && (text[s.start] == ' ' || text[s.start] == '\u00a0' || text[s.start] == '\u202f') {
			s.start++
		}
		for s.end > s.start && (text[s.end-1] == ' ' || text[s.end-1] == '\u00a0' || text[s.end-1] == '\u202f') {
			s.end--
		}
	}
	sortSpans(spans)
	return spans
}

// closesHere decides whether a mark that could close the open quote does:
// one glued to the word before it does, one after a space opens a new
// quote instead, except French » which typography sets after a space.
func closesHere(text []rune, i int, r rune) bool {
	prev := text[i-1]
	if unicode.IsSpace(prev) {
		return r == '»'
	}
	return rightClose(text, i) || !leftOpen(text, i)
}

func containsRune(s string, r rune) bool {
	for _, c := range s {
		if c == r {
			return true
		}
	}
	return false
}

func sortSpans(s []span) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j].open < s[j-1].open; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}
