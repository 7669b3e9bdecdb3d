package app

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

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
