package ingest

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	xunicode "golang.org/x/text/encoding/unicode"
)

// KnownCharset reports whether name is an encoding ReadAs can decode.
func KnownCharset(name string) bool {
	e, err := htmlindex.Get(name)
	return err == nil && e != nil
}

// decode turns bytes into text: the charset the user gives decides; else a
// byte-order mark (UTF-8, UTF-16 LE or BE); else valid UTF-8 is taken as it
// is; else a web page's declared charset; else, for bytes with nothing of
// UTF-8 in them, the single-byte encoding whose letters read most like words,
// when one clearly does. Damaged UTF-8, binary data and text that decodes to
// garbage are refused: a guess there gives names that are no one's.
func decode(data []byte, isHTML bool, given string) (string, string, error) {
	if given != "" {
		enc, err := htmlindex.Get(given)
		if err != nil {
			return "", "", unreadableErr("%q is not an encoding Parley knows", given)
		}
		name, _ := htmlindex.Name(enc)
		out, err := enc.NewDecoder().Bytes(data)
		if err != nil || !utf8.Valid(out) {
			return "", "", unreadableErr("it cannot be read as %s", name)
		}
		return string(out), name, checkText(string(out))
	}
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
		if !utf8.Valid(data) {
			return "", "", unreadableErr("it starts as UTF-8 but is not valid UTF-8")
		}
		return string(data), "utf-8", checkText(string(data))
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		dec := xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM).NewDecoder()
		name := "utf-16le"
		if data[0] == 0xFE {
			dec = xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM).NewDecoder()
			name = "utf-16be"
		}
		if len(data)%2 != 0 {
			return "", "", unreadableErr("it has a UTF-16 byte-order mark but an odd number of bytes")
		}
		out, err := dec.Bytes(data)
		if err != nil {
			return "", "", unreadableErr("it cannot be decoded as UTF-16: %v", err)
		}
		return string(out), name, checkText(string(out))
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return "", "", unreadableErr("it looks like a binary file (it holds NUL bytes), not text")
	}
	if utf8.Valid(data) {
		return string(data), "utf-8", checkText(string(data))
	}
	if isHTML {
		if enc, name, certain := charset.DetermineEncoding(data, "text/html"); certain && name != "utf-8" {
			if out, err := enc.NewDecoder().Bytes(data); err == nil {
				return string(out), name, checkText(string(out))
			}
		}
	}
	if valid, invalid, first := utf8Shape(data); valid > 0 && valid >= invalid {
		return "", "", unreadableErr("it is UTF-8 with %d bytes that are not (the first at byte %d): the file is damaged; "+
			"save it again as UTF-8, or give its encoding (--charset)", invalid, first)
	}
	best, bestName, bestScore := "", "", -1.0
	for _, c := range legacyEncodings {
		out, err := c.enc.NewDecoder().Bytes(data)
		if err != nil {
			continue
		}
		if s := wordScore(string(out)); s > bestScore {
			best, bestName, bestScore = string(out), c.name, s
		}
	}
	if bestName == "" || bestScore < minLegacyScore {
		return "", "", unreadableErr("it is not UTF-8 or UTF-16, and which encoding it is in cannot be told from it; give its encoding (--charset)")
	}
	return best, bestName, checkText(best)
}

// minLegacyScore is the share of words that must read as words for a guess
// of a single-byte encoding to stand.
const minLegacyScore = 0.9

// utf8Shape counts the multi-byte UTF-8 sequences of data that are valid,
// and the bytes that are not part of one, with the offset of the first
// such byte. Text in a single-byte encoding has almost no valid sequences;
// damaged UTF-8 has mostly valid ones.
func utf8Shape(data []byte) (valid, invalid, first int) {
	first = -1
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			if first < 0 {
				first = i
			}
			invalid++
			i++
			continue
		}
		valid++
		i += size
	}
	return valid, invalid, first
}

var legacyEncodings = []struct {
	name string
	enc  encoding.Encoding
}{
	{"windows-1252", charmap.Windows1252},
	{"windows-1251", charmap.Windows1251},
	{"windows-1250", charmap.Windows1250},
	{"iso-8859-15", charmap.ISO8859_15},
	{"koi8-r", charmap.KOI8R},
}

// wordScore rates a decoding: the share of words whose letters all belong
// to one script, the way real words are written, and which, when Latin, are
// mostly plain letters (Cyrillic read as Latin-1 gives "Ìèíèñòð").
func wordScore(s string) float64 {
	words, clean := 0, 0
	for _, w := range bytes.Fields([]byte(s)) {
		var script *unicode.RangeTable
		mixed, letters, accented := false, 0, 0
		for _, r := range string(w) {
			if !unicode.IsLetter(r) {
				if r >= 0x80 && !unicode.IsPunct(r) && !unicode.IsSymbol(r) {
					mixed = true
				}
				continue
			}
			letters++
			if r >= 0x80 {
				accented++
			}
			sc := scriptOf(r)
			if script == nil {
				script = sc
			} else if sc != script {
				mixed = true
			}
		}
		if letters == 0 {
			continue
		}
		words++
		if !mixed && (script != unicode.Latin || 2*accented <= letters) {
			clean++
		}
	}
	if words == 0 {
		return 0
	}
	return float64(clean) / float64(words)
}

func scriptOf(r rune) *unicode.RangeTable {
	for _, t := range []*unicode.RangeTable{unicode.Latin, unicode.Cyrillic, unicode.Greek} {
		if unicode.Is(t, r) {
			return t
		}
	}
	return unicode.Other
}

// checkText refuses text that is mostly control characters or replacement
// characters: a binary file that happened to decode.
func checkText(s string) error {
	bad, n := 0, 0
	for _, r := range s {
		n++
		if r == utf8.RuneError || unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' && r != '\f' {
			bad++
		}
	}
	if n > 0 && bad*100 > n {
		return unreadableErr("it does not read as text (%d of %d characters are control or undecodable characters)", bad, n)
	}
	return nil
}
