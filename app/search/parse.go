package search

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"codeberg.org/parley/parley/app"
)

// QueryUnit is one part of a query: a word, or a phrase of words in order.
// Prefix makes the last word match any word it begins.
type QueryUnit struct {
	Words  []string
	Prefix bool
}

// Phrase reports whether the unit is several words in order.
func (u QueryUnit) Phrase() bool { return len(u.Words) > 1 }

// Query is a parsed search: Units must all match, each group of Any must
// match at least one of its units (a OR b), no unit of Not may match, and
// Fields narrow the statements as the filter bar does.
type Query struct {
	Units  []QueryUnit
	Any    [][]QueryUnit
	Not    []QueryUnit
	Fields QueryFields
}

// QueryFields are the field filters of a query: speaker:, place:, tag:,
// code:, from:, to:. Speaker and place are names as typed (or ids).
type QueryFields struct {
	Speaker, Place, Tag, Code, From, To string
}

// IsZero reports whether no field filter is given.
func (f QueryFields) IsZero() bool { return f == QueryFields{} }

// ErrQuery marks a query that cannot be read; the message says why.
var ErrQuery = errors.New("query")

func queryErr(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrQuery, fmt.Sprintf(format, args...))
}

// fieldNames are the field filters a query takes.
var fieldNames = []string{"speaker", "place", "tag", "code", "from", "to"}

// clauses are the parts every result must match: each unit alone, and each
// OR group.
func (q Query) clauses() [][]QueryUnit {
	out := make([][]QueryUnit, 0, len(q.Units)+len(q.Any))
	for _, u := range q.Units {
		out = append(out, []QueryUnit{u})
	}
	return append(out, q.Any...)
}

func (q Query) hasPrefix() bool {
	for _, c := range q.clauses() {
		for _, u := range c {
			if u.Prefix {
				return true
			}
		}
	}
	return slices.ContainsFunc(q.Not, func(u QueryUnit) bool { return u.Prefix })
}

// empty reports whether the query asks for nothing to match.
func (q Query) empty() bool { return len(q.Units) == 0 && len(q.Any) == 0 }

// ParseQuery reads a query as it is being typed in the window's box: the
// last word is a prefix until a space or a closing quote ends it, and what
// cannot be read yet (an open quote, a trailing OR, a field with no value)
// is read as far as it goes.
func ParseQuery(s string) Query {
	q, _ := parseQuery(s, true)
	return q
}

// ParseQueryStrict reads a finished query, as the command line takes it: a
// prefix is asked for with a star (negoti*), and a mistake is an ErrQuery
// that says what is wrong.
func ParseQueryStrict(s string) (Query, error) { return parseQuery(s, false) }

// queryTerm is one space-separated part of a query before it is read.
type queryTerm struct {
	text   string
	quoted bool // a "phrase"
	not    bool // -term
	field  string
	open   bool // a quote with no closing mark
}

func isQuote(r rune) bool { return strings.ContainsRune("\"“”„«»", r) }

// splitTerms cuts a query into terms at spaces outside quotes.
func splitTerms(s string) []queryTerm {
	var out []queryTerm
	rs := []rune(s)
	for i := 0; i < len(rs); {
		if unicode.IsSpace(rs[i]) {
			i++
			continue
		}
		var t queryTerm
		if rs[i] == '-' && i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) {
			t.not = true
			i++
		}
		// field:value, the field a word of letters.
		j := i
		for j < len(rs) && unicode.IsLetter(rs[j]) {
			j++
		}
		if j > i && j < len(rs) && rs[j] == ':' {
			t.field = strings.ToLower(string(rs[i:j]))
			i = j + 1
		}
		if i < len(rs) && isQuote(rs[i]) {
			t.quoted = true
			k := i + 1
			for k < len(rs) && !isQuote(rs[k]) {
				k++
			}
			t.text = string(rs[i+1 : min(k, len(rs))])
			t.open = k >= len(rs)
			i = k + 1
		} else {
			k := i
			for k < len(rs) && !unicode.IsSpace(rs[k]) && !isQuote(rs[k]) {
				k++
			}
			t.text = string(rs[i:k])
			i = k
		}
		out = append(out, t)
	}
	return out
}

func parseQuery(s string, typing bool) (Query, error) {
	var q Query
	terms := splitTerms(s)
	var errs []error
	fail := func(format string, args ...any) { errs = append(errs, queryErr(format, args...)) }
	// unitOf reads a term's words as a unit.
	unitOf := func(t queryTerm) (QueryUnit, bool) {
		text, prefix := t.text, false
		if !t.quoted && strings.HasSuffix(text, "*") {
			text, prefix = strings.TrimRight(text, "*"), true
		}
		ws := words(text)
		if len(ws) == 0 {
			return QueryUnit{}, false
		}
		return QueryUnit{Words: ws, Prefix: prefix}, true
	}
	var pending []QueryUnit // an OR group being read
	orNext := false
	for i, t := range terms {
		switch {
		case t.open && !typing:
			fail("a quotation mark is not closed")
		case t.field != "":
			if !slices.Contains(fieldNames, t.field) {
				fail("%q is not a field: use speaker:, place:, tag:, code:, from: or to:", t.field+":")
				continue
			}
			v := strings.TrimSpace(t.text)
			if v == "" {
				if !typing {
					fail("%s: needs a value", t.field)
				}
				continue
			}
			if t.field == "from" || t.field == "to" {
				if !app.ValidDate(v) {
					fail("%s:%s is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", t.field, v)
					continue
				}
			}
			if t.not {
				fail("a field cannot be excluded (-%s:)", t.field)
				continue
			}
			setField(&q.Fields, t.field, v)
			continue
		case !t.quoted && t.text == "OR":
			if len(pending) == 0 && (len(q.Units) == 0 || i == 0) {
				if !typing {
					fail("OR needs a word before it")
				}
				continue
			}
			if len(pending) == 0 {
				// The unit before OR starts the group.
				pending = []QueryUnit{q.Units[len(q.Units)-1]}
				q.Units = q.Units[:len(q.Units)-1]
			}
			orNext = true
			continue
		}
		u, ok := unitOf(t)
		if !ok {
			continue
		}
		// While typing, the last word is a prefix until a space ends it,
		// from its third letter: one or two letters start too many words
		// to rank (at a million statements, 110 ms to rank what "ka*"
		// finds), and are often a word in full ("EU", "UN").
		if typing && i == len(terms)-1 && !t.quoted && !t.not && endsInWord(s) &&
			utf8.RuneCountInString(u.Words[len(u.Words)-1]) > 2 {
			u.Prefix = true
		}
		switch {
		case t.not:
			if orNext {
				fail("OR cannot join an excluded word")
			}
			q.Not = append(q.Not, u)
		case orNext:
			pending = append(pending, u)
			orNext = false
			continue
		default:
			if len(pending) > 0 {
				q.Any = append(q.Any, pending)
				pending = nil
			}
			q.Units = append(q.Units, u)
		}
	}
	if orNext && !typing {
		fail("OR needs a word after it")
	}
	switch {
	case len(pending) > 1:
		q.Any = append(q.Any, pending)
	case len(pending) == 1: // "a OR" while typing
		q.Units = append(q.Units, pending[0])
	}
	if !typing && len(errs) == 0 && q.empty() && len(q.Not) > 0 {
		fail("a query of excluded words alone finds nothing: add a word to find")
	}
	// The same unit twice adds nothing.
	q.Units = slices.CompactFunc(q.Units, func(a, b QueryUnit) bool {
		return a.Prefix == b.Prefix && slices.Equal(a.Words, b.Words)
	})
	if len(q.Units) == 0 {
		q.Units = nil
	}
	return q, errors.Join(errs...)
}

func setField(f *QueryFields, name, v string) {
	switch name {
	case "speaker":
		f.Speaker = v
	case "place":
		f.Place = v
	case "tag":
		f.Tag = strings.TrimPrefix(v, "#")
	case "code":
		f.Code = strings.ToUpper(v)
	case "from":
		f.From = v
	case "to":
		f.To = v
	}
}

// endsInWord reports whether a query ends in a letter or digit: a word
// still being typed.
func endsInWord(s string) bool {
	last, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsLetter(last) || unicode.IsDigit(last)
}
