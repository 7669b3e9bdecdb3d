package search

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/french"
	"github.com/blevesearch/snowballstem/german"
	"github.com/blevesearch/snowballstem/italian"
	"github.com/blevesearch/snowballstem/russian"
	"github.com/blevesearch/snowballstem/spanish"
	"github.com/blevesearch/snowballstem/turkish"
)

// stemmers are the Snowball stemmers of the languages Parley stems, by
// ISO 639-1 code. Texts in other languages are folded and not stemmed.
var stemmers = map[string]func(*snowballstem.Env) bool{
	"en": english.Stem, "fr": french.Stem, "de": german.Stem, "ru": russian.Stem,
	"tr": turkish.Stem, "es": spanish.Stem, "it": italian.Stem,
}

// stemLanguages orders the stemmed languages, for compact keys.
var stemLanguages = [...]string{"en", "fr", "de", "ru", "tr", "es", "it"}

// latinStemmed and cyrillicStemmed are the languages a query word in each
// script is stemmed in: the query does not say its language, so it is
// stemmed in each, and a document matches in its own.
var (
	latinStemmed    = []string{"en", "fr", "de", "tr", "es", "it"}
	cyrillicStemmed = []string{"ru"}
)

// baseLanguage is the language of a BCP 47 tag ("en-GB" → "en").
func baseLanguage(tag string) string {
	base, _, _ := strings.Cut(strings.ToLower(tag), "-")
	return base
}

// stemTerm is the index term of a word's stem in a language: "~en:negoti".
// A word of fewer than four letters, or in a language Parley does not
// stem, has none: short words stem to nothing useful.
func stemTerm(lang, w string) string {
	stem, ok := stemmers[lang]
	if !ok || len(w) < 4 || utf8.RuneCountInString(w) < 4 {
		return ""
	}
	stemCache.RLock()
	t, hit := stemCache.m[lang][w]
	stemCache.RUnlock()
	if hit {
		return t
	}
	env := snowballstem.NewEnv(w)
	stem(env)
	t = "~" + lang + ":" + env.Current()
	stemCache.Lock()
	if stemCache.n >= stemCacheSize {
		clear(stemCache.m) // a casebook's vocabulary rarely comes near
		stemCache.n = 0
	}
	if stemCache.m[lang] == nil {
		stemCache.m[lang] = map[string]string{}
	}
	stemCache.m[lang][w] = t
	stemCache.n++
	stemCache.Unlock()
	return t
}

// stemCache keeps the stems computed, by language and word: a stemmer
// allocates for every word, and an index meets the same words again and
// again.
var stemCache = struct {
	sync.RWMutex
	m map[string]map[string]string
	n int
}{m: map[string]map[string]string{}}

const stemCacheSize = 1 << 20

// queryStemTerms are the stem terms a query word may match: its stem in
// every language stemmed in its script.
func queryStemTerms(w string) []string {
	var langs []string
	switch scriptLanguage(w) {
	case "ru":
		langs = cyrillicStemmed
	case "en":
		langs = latinStemmed
	}
	var out []string
	for _, l := range langs {
		if t := stemTerm(l, w); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// scriptLanguage guesses the language to stem a text of unknown language
// in, by its first letters' script: Russian for Cyrillic, English for
// Latin, none for the others. It serves the casebook's own writing (notes,
// backgrounds), whose language is not recorded.
func scriptLanguage(texts ...string) string {
	for _, s := range texts {
		for _, r := range s {
			switch {
			case unicode.Is(unicode.Cyrillic, r):
				return "ru"
			case unicode.Is(unicode.Latin, r):
				return "en"
			case unicode.IsLetter(r):
				return ""
			}
		}
	}
	return ""
}

// stemMatcher tells whether document words in a language match a query
// word by stem, as the index matches them: the word's stem term is the
// query word's in that language (a word that is not its own stem), or the
// word is the query word's stem in one of the languages of its script (a
// word that is its own stem, which the index keeps as the word alone).
type stemMatcher struct {
	lang, term string
	words      []string
	query      string
}

func newStemMatcher(lang, queryWord string) *stemMatcher {
	m := &stemMatcher{lang: lang, term: queryStemIn(lang, queryWord), query: queryWord}
	for _, q := range queryStemTerms(queryWord) {
		if w := stemWord(q); w != queryWord {
			m.words = append(m.words, w)
		}
	}
	return m
}

func (m *stemMatcher) matches(docWord string) bool {
	if docWord != m.query && slices.Contains(m.words, docWord) {
		return true
	}
	if m.term == "" {
		return false
	}
	t := stemTerm(m.lang, docWord)
	return t == m.term && stemWord(t) != docWord
}

// queryStemIn is the stem term a query word matches in a document of a
// language: its stem in that language when the word's script is stemmed
// in it; "" for none.
func queryStemIn(lang, queryWord string) string {
	langs := latinStemmed
	switch scriptLanguage(queryWord) {
	case "ru":
		langs = cyrillicStemmed
	case "":
		return ""
	}
	for _, l := range langs {
		if l == lang {
			return stemTerm(lang, queryWord)
		}
	}
	return ""
}

// stemMatchesAny reports whether a word matches a query word by their stems
// in any language stemmed in the query word's script: for marking the
// words found in a snippet, whose text's language is not at hand.
func stemMatchesAny(docWord, queryWord string) bool {
	for _, q := range queryStemTerms(queryWord) {
		lang, _, _ := strings.Cut(q[1:], ":")
		if stemTerm(lang, docWord) == q {
			return true
		}
	}
	return false
}

// stemWord is the stem a stem term holds: "~en:negoti" → "negoti".
func stemWord(term string) string {
	_, w, _ := strings.Cut(term, ":")
	return w
}
