package extract

import (
	"embed"
	"fmt"
	"path"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// The speech cues of each language are data: cues/*.txt, one file per
// language (cues/README.md says how they are written). The article's
// language picks its file; an article of no known language is read with
// all of them but for the words each marks as its own.

//go:embed cues/*.txt
var cueFiles embed.FS

// cueSet is what one language's file (or all of them) says.
type cueSet struct {
	verbs   map[string]bool
	phrases map[string][][]string // by first word, longest first
	preps   map[string]bool
	objects map[string]bool
}

func newCueSet() *cueSet {
	return &cueSet{verbs: map[string]bool{}, phrases: map[string][][]string{}, preps: map[string]bool{}, objects: map[string]bool{}}
}

// add reads one line of a cue file into the set.
func (s *cueSet) add(kind string, words []string) error {
	switch kind {
	case "verb":
		for _, w := range words {
			s.verbs[w] = true
		}
	case "phrase":
		if !slices.ContainsFunc(s.phrases[words[0]], func(p []string) bool { return slices.Equal(p, words) }) {
			s.phrases[words[0]] = append(s.phrases[words[0]], words)
		}
	case "prep":
		for _, w := range words {
			s.preps[w] = true
		}
	case "object":
		for _, w := range words {
			s.verbs[w], s.objects[w] = true, true
		}
	default:
		return fmt.Errorf("unknown kind %q", kind)
	}
	return nil
}

// parseCues reads the cue files into a set for each language and one for
// all of them.
func parseCues() (map[string]*cueSet, error) {
	files, err := cueFiles.ReadDir("cues")
	if err != nil {
		return nil, err
	}
	sets := map[string]*cueSet{"": newCueSet()}
	for _, f := range files {
		lang := strings.TrimSuffix(f.Name(), ".txt")
		raw, err := cueFiles.ReadFile(path.Join("cues", f.Name()))
		if err != nil {
			return nil, err
		}
		if !utf8.Valid(raw) {
			return nil, fmt.Errorf("cues/%s is not UTF-8", f.Name())
		}
		own := newCueSet()
		sets[lang] = own
		for n, line := range strings.Split(string(raw), "\n") {
			line = strings.TrimSpace(line)
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			kind, rest, ok := strings.Cut(line, ":")
			words := strings.Fields(rest)
			if !ok || len(words) == 0 || strings.ToLower(rest) != rest {
				return nil, fmt.Errorf("cues/%s line %d: want KIND: lower-case words", f.Name(), n+1)
			}
			onlyHere := false
			if k, found := strings.CutPrefix(kind, "own "); found {
				kind, onlyHere = k, true
			}
			if err := own.add(kind, words); err != nil {
				return nil, fmt.Errorf("cues/%s line %d: %v", f.Name(), n+1, err)
			}
			if !onlyHere {
				if err := sets[""].add(kind, words); err != nil {
					return nil, err
				}
			}
		}
	}
	for _, s := range sets {
		for _, ps := range s.phrases {
			slices.SortStableFunc(ps, func(a, b []string) int { return len(b) - len(a) })
		}
	}
	return sets, nil
}

// lexicon is the words a text is read with, in one language or all: the
// cues of cueSet and the language-free lists of lexicon.go, each word with
// its flags, found by the hash the tokenizer computes.
type lexicon struct {
	cues   *cueSet
	byHash map[uint64]lexEntry
	// bloom lets most words skip the map: a word whose hash bucket is
	// empty is in no list.
	bloom [lexBloomMask + 1]bool
}

type lexEntry struct {
	word  string
	flags tokFlag
}

const lexBloomMask = 1<<14 - 1

func newLexicon(cues *cueSet) *lexicon {
	flags := map[string]tokFlag{}
	for w := range cues.verbs {
		flags[w] |= tCue | tCueWord
	}
	for w := range cues.phrases {
		flags[w] |= tCue | tPhrase
	}
	for w := range cues.preps {
		flags[w] |= tPrep
	}
	for w := range cues.objects {
		flags[w] |= tObject
	}
	for w := range titles {
		flags[w] |= tTitle
	}
	for w := range nameJoiners {
		flags[w] |= tJoiner
	}
	for w := range issueVerbs {
		flags[w] |= tIssue
	}
	for w := range pronouns {
		flags[w] |= tPronoun
	}
	lx := &lexicon{cues: cues, byHash: make(map[uint64]lexEntry, len(flags))}
	for w, f := range flags {
		h := wordHash(w)
		lx.byHash[h] = lexEntry{w, f}
		lx.bloom[h&lexBloomMask] = true
	}
	return lx
}

// cueSets are the cue files read, on the first text a process reads (not
// at its start: the window starts without reading any).
var cueSets = sync.OnceValue(func() map[string]*cueSet {
	sets, err := parseCues()
	if err != nil {
		panic("extract: " + err.Error()) // the files are part of the build; a test reads them
	}
	return sets
})

// lexicons holds each language's lexicon once built, by the language's
// code ("" for all).
var lexicons sync.Map

// lexiconFor is the lexicon of a language (an ISO 639-1 code, or a BCP 47
// tag whose first part is one), or of all when there is no file for it;
// each is built the first time a text of its language is read.
func lexiconFor(lang string) *lexicon {
	lang = languageOf(lang)
	sets := cueSets()
	if sets[lang] == nil {
		lang = ""
	}
	if lx, ok := lexicons.Load(lang); ok {
		return lx.(*lexicon)
	}
	lx, _ := lexicons.LoadOrStore(lang, newLexicon(sets[lang]))
	return lx.(*lexicon)
}

// languageOf is the ISO 639-1 part of a language tag, lower-cased.
func languageOf(tag string) string {
	lang, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
	return lang
}
