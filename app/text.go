package app

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// folder removes case and diacritics: "Bayramov", "BAYRAMOV" and "Bayrámov"
// fold alike. A chain keeps state and buffers of several kilobytes, so
// each call takes one from a pool rather than building its own.
func folder() transform.Transformer {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), cases.Fold(), runes.Map(baseLetter), norm.NFC)
}

var folders = sync.Pool{New: func() any { return folder() }}

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

// Fold returns s without case and diacritics, for matching names and words.
func Fold(s string) string {
	if isASCII(s) {
		// Nothing to decompose or strip: folding is lowering.
		return strings.ToLower(s)
	}
	t := folders.Get().(transform.Transformer)
	out, _, err := transform.String(t, s) // resets t first
	folders.Put(t)
	if err != nil {
		return strings.ToLower(s)
	}
	return out
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// CanonicalText is how Parley stores a source's text: Unicode NFC with Unix
// line ends and no byte-order mark. Offsets and hashes are taken on it.
func CanonicalText(s string) string {
	s = strings.TrimPrefix(s, "\ufeff")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return norm.NFC.String(s)
}

// TextHash is the sha256 of a canonical text, in hex.
func TextHash(canonical string) string {
	h := sha256.Sum256([]byte(canonical))
	return hex.EncodeToString(h[:])
}

// RuneLen is the length of s in code points.
func RuneLen(s string) int { return utf8.RuneCountInString(s) }

// Slice returns the code points [start, end) of s, and false when the range
// does not lie inside s.
func Slice(s string, start, end int) (string, bool) {
	if start < 0 || end < start {
		return "", false
	}
	i, n := 0, 0
	bStart := -1
	for i <= len(s) {
		if n == start {
			bStart = i
		}
		if n == end {
			if bStart < 0 {
				return "", false
			}
			return s[bStart:i], true
		}
		if i == len(s) {
			break
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		n++
	}
	return "", false
}
