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

// LooseTextHash is the hash of a text with its white space collapsed: the
// same article saved with other line breaks or spacing has the same one.
func LooseTextHash(canonical string) string {
	return TextHash(strings.Join(strings.Fields(canonical), " "))
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

// Cursor turns code-point offsets of one text into byte offsets, walking
// from the offset it was last asked for: offsets asked for in order, as a
// text's quotations are, cost one pass over the text in all, where Slice
// walks from the start each time.
type Cursor struct {
	s    string
	r, b int // code point r starts at byte b
}

// NewCursor makes a cursor at the start of s.
func NewCursor(s string) *Cursor { return &Cursor{s: s} }

// Byte is where code point r starts in the text (its length in bytes for r
// at the end), and false when r is outside the text.
func (c *Cursor) Byte(r int) (int, bool) {
	if r < 0 {
		return 0, false
	}
	if r < c.r/2 {
		c.r, c.b = 0, 0 // nearer the start than where the cursor is
	}
	for c.r > r {
		_, size := utf8.DecodeLastRuneInString(c.s[:c.b])
		c.b -= size
		c.r--
	}
	for c.r < r {
		if c.b >= len(c.s) {
			return 0, false
		}
		_, size := utf8.DecodeRuneInString(c.s[c.b:])
		c.b += size
		c.r++
	}
	return c.b, true
}

// Slice returns the code points [start, end) of the text, and false when
// the range does not lie inside it.
func (c *Cursor) Slice(start, end int) (string, bool) {
	if start < 0 || end < start {
		return "", false
	}
	a, ok := c.Byte(start)
	if !ok {
		return "", false
	}
	b, ok := c.Byte(end)
	if !ok {
		return "", false
	}
	return c.s[a:b], true
}
