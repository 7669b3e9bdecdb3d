package extract

import (
	"unicode"
)

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
