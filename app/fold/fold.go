package fold

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// chain removes case and diacritics. A chain keeps state and buffers of
// several kilobytes, so each call takes one from a pool rather than
// building its own.
func chain() transform.Transformer {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), cases.Fold(), runes.Map(baseLetter), norm.NFC)
}

var chains = sync.Pool{New: func() any { return chain() }}

// baseLetter maps the letters that carry their mark inside them, with no
// combining character to remove, to the letter a reader types instead:
// Naxçıvan is found as Naxcivan, Łódź as Lodz.
func baseLetter(r rune) rune {
	switch r {
	case 'ı':
		return 'i'
	case 'ł':
		return 'l'
	case 'ø':
		return 'o'
	case 'đ':
		return 'd'
	case 'ħ':
		return 'h'
	}
	return r
}

// String returns s without case and diacritics.
func String(s string) string {
	if plainPunctuated(s) {
		// Nothing to decompose or strip: folding is lowering the ASCII
		// letters, which news text with typographic quotes and dashes is.
		return strings.ToLower(s)
	}
	t := chains.Get().(transform.Transformer)
	out, _, err := transform.String(t, s) // resets t first
	chains.Put(t)
	if err != nil {
		return strings.ToLower(s)
	}
	return out
}

// plainPunctuated reports whether s is ASCII but for punctuation that
// folding leaves as it is: no-break spaces, guillemets, and the general
// punctuation block (typographic quotes, dashes, the ellipsis), except its
// two quads, which decompose to other spaces. strings.ToLower changes none
// of those.
func plainPunctuated(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == 0xA0, r == 0xAB, r == 0xBB, r >= 0x2002 && r <= 0x206F:
		default:
			return false
		}
		i += size
	}
	return true
}

// ContainsAll reports whether hay holds every one of words, all of them
// already folded: the test behind the filter boxes, where every word typed
// must appear somewhere.
func ContainsAll(hay string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return true
}
