package search

import (
	"unicode"
	"unicode/utf8"

	"codeberg.org/parley/parley/app/fold"
)

// DocKind says what sort of item a search result is.
type DocKind uint8

// The kinds of item search finds, in the order results are grouped.
const (
	DocActor DocKind = iota
	DocPlace
	DocStatement
	DocNote
	DocSource
	docKinds
)

// String names the kind for people and for JSON.
func (k DocKind) String() string {
	return [...]string{"actor", "place", "statement", "note", "source", "?"}[min(k, docKinds)]
}

// Field classes weigh where a word was found: a name counts most, then a
// title or quote, then metadata such as a role or a speaker's name, then
// running text such as context and background.
const (
	classText  = 0
	classMeta  = 1
	classTitle = 2
	className  = 3
)

var classWeight = [4]float64{1, 1.5, 2.5, 4}

// Tokens calls fn with each word of s, folded, and its byte span in s.
// Words are runs of letters and digits; apostrophes and hyphens split them.
func Tokens(s string, fn func(word string, start, end int)) {
	start := -1
	ascii := true
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := s[start:end]
		if ascii {
			w = asciiLower(w)
		} else {
			w = fold.String(w)
		}
		fn(w, start, end)
		start, ascii = -1, true
	}
	for i, r := range s {
		if r < utf8.RuneSelf {
			if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' {
				if start < 0 {
					start = i
				}
				continue
			}
			flush(i)
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			if start < 0 {
				start = i
			}
			ascii = false
			continue
		}
		flush(i)
	}
	flush(len(s))
}

func asciiLower(w string) string {
	for i := 0; i < len(w); i++ {
		if c := w[i]; 'A' <= c && c <= 'Z' {
			b := []byte(w)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return w
}

// words folds and splits s.
func words(s string) []string {
	var out []string
	Tokens(s, func(w string, _, _ int) { out = append(out, w) })
	return out
}
