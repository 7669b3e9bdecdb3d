package search

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// QueryUnit is one part of a query every result must match: a word, or a
// phrase of words in order. Prefix makes the last word match any word it
// begins.
type QueryUnit struct {
	Words  []string
	Prefix bool
}

// Phrase reports whether the unit is several words in order.
func (u QueryUnit) Phrase() bool { return len(u.Words) > 1 }

// Query is a parsed search.
type Query struct {
	Units []QueryUnit
}

func (q Query) hasPrefix() bool {
	for _, u := range q.Units {
		if u.Prefix {
			return true
		}
	}
	return false
}

// ParseQuery reads what the user typed: words, which must all match;
// "quoted phrases", whose words must match in order; and a hyphenated or
// apostrophised word is a phrase of its parts. Case and diacritics do not
// count. The last word is a prefix while it is being typed, that is when
// the query does not end in a space or a closing quote and the word has
// two letters or more.
func ParseQuery(s string) Query {
	var q Query
	var chunk strings.Builder
	inQuote := false
	flush := func() {
		ws := words(chunk.String())
		chunk.Reset()
		if len(ws) > 0 {
			q.Units = append(q.Units, QueryUnit{Words: ws})
		}
	}
	for _, r := range s {
		switch {
		case r == '"' || r == '“' || r == '”' || r == '„' || r == '«' || r == '»':
			flush()
			inQuote = !inQuote
		case unicode.IsSpace(r) && !inQuote:
			flush()
		default:
			chunk.WriteRune(r)
		}
	}
	flush()
	if n := len(q.Units); n > 0 {
		trimmed := strings.TrimRightFunc(s, unicode.IsSpace)
		lastRune, _ := utf8.DecodeLastRuneInString(trimmed)
		closedQuote := strings.ContainsRune("\"”»", lastRune) && !inQuote
		lastWord := q.Units[n-1].Words[len(q.Units[n-1].Words)-1]
		// One letter is too short to be worth expanding.
		if len(trimmed) == len(s) && !closedQuote && (unicode.IsLetter(lastRune) || unicode.IsDigit(lastRune)) &&
			utf8.RuneCountInString(lastWord) > 1 {
			q.Units[n-1].Prefix = true
		}
	}
	// The same unit twice adds nothing.
	q.Units = slices.CompactFunc(q.Units, func(a, b QueryUnit) bool {
		return a.Prefix == b.Prefix && slices.Equal(a.Words, b.Words)
	})
	return q
}
