package app

import (
	"embed"
	"fmt"
	"path"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"codeberg.org/parley/parley/app/fold"
)

// Event codes are suggested by rules that are data: app/coderules (its
// README says how they are written). A rule is a code and the beginnings
// of the words, in any of the languages there, that suggest it; a word
// denied just before it ("has not agreed") suggests nothing, and a
// statement that only supposes ("if they attack") is suggested with less
// confidence.

//go:embed coderules/*.txt
var codeRuleFiles embed.FS

type codeRule struct {
	cameo, category, mode string
	goldstein             float64
	// stems match the beginnings of words anywhere; cueStems only in the
	// cue. A stem of several words matches those words in order.
	stems, cueStems []stem
}

// stem is a rule's word or phrase, cut into its words once.
type stem struct {
	text  string
	parts []string
	exact []bool // the part must be the whole word (it ended in $)
	// endings are the word endings of the stem's language that change
	// what a word beginning with it does; nil for most languages.
	endings *wordEndings
}

// wordEndings are what follows a verb's stem in a language that builds its
// words with suffixes (Turkish): some make the verb denied ("suçlamadı",
// did not accuse), some a noun of the act ("suçlamalarını", the
// accusations), which names an act without doing it.
type wordEndings struct {
	negative, noun []string
}

// of says what the rest of a word after its stem makes of it.
func (e *wordEndings) of(rest string) (denied, noun bool) {
	if e == nil {
		return false, false
	}
	for _, n := range e.negative {
		if strings.HasPrefix(rest, n) {
			return true, false
		}
	}
	for _, n := range e.noun {
		if strings.HasPrefix(rest, n) {
			return false, true
		}
	}
	return false, false
}

func newStem(s string) stem {
	st := stem{text: s}
	for _, p := range strings.Fields(s) {
		if p == "..." {
			p = "…" // as folding writes it
		}
		whole, exact := strings.CutSuffix(p, "$")
		st.parts = append(st.parts, whole)
		st.exact = append(st.exact, exact)
	}
	return st
}

type codeRules struct {
	rules     []*codeRule
	negations map[string]bool
	// negatedAfter deny a word they follow, as German puts "nicht"
	// after the verb: "wir kritisieren nicht".
	negatedAfter map[string]bool
	conditional  map[string]bool
	// firstPerson are the words by which speakers name their own side
	// ("we", "our"): one just before a material act makes it the side's.
	firstPerson map[string]bool
}

// suggestRules are read on the first suggestion a process makes, not at
// its start.
var suggestRules = sync.OnceValue(func() *codeRules {
	r, err := parseCodeRules()
	if err != nil {
		panic("app: " + err.Error()) // the files are part of the build; a test reads them
	}
	return r
})

func parseCodeRules() (*codeRules, error) {
	out := &codeRules{negations: map[string]bool{}, negatedAfter: map[string]bool{}, conditional: map[string]bool{}, firstPerson: map[string]bool{}}
	byCode := map[string]*codeRule{}
	raw, err := codeRuleFiles.ReadFile("coderules/codes.txt")
	if err != nil {
		return nil, err
	}
	for _, line := range lines(string(raw)) {
		f := strings.Fields(line.text)
		if len(f) != 4 {
			return nil, fmt.Errorf("coderules/codes.txt line %d: want CODE CATEGORY MODE SCORE", line.n)
		}
		g, err := strconv.ParseFloat(f[3], 64)
		if err != nil {
			return nil, fmt.Errorf("coderules/codes.txt line %d: %v", line.n, err)
		}
		r := &codeRule{cameo: f[0], category: dash(f[1]), mode: dash(f[2]), goldstein: g}
		byCode[r.cameo] = r
		out.rules = append(out.rules, r)
	}
	files, err := codeRuleFiles.ReadDir("coderules")
	if err != nil {
		return nil, err
	}
	for _, file := range files {
		if file.Name() == "codes.txt" {
			continue
		}
		raw, err := codeRuleFiles.ReadFile(path.Join("coderules", file.Name()))
		if err != nil {
			return nil, err
		}
		fileLines := lines(string(raw))
		endings := endingsOf(fileLines) // the file's language's, for its one-word stems
		for _, line := range fileLines {
			n := line.n
			head, rest, ok := strings.Cut(line.text, ":")
			words := phrases(rest)
			if !ok || len(words) == 0 {
				return nil, fmt.Errorf("coderules/%s line %d: want CODE: words", file.Name(), n)
			}
			for i, w := range words {
				words[i] = fold.String(w)
			}
			switch head = strings.TrimSpace(head); head {
			case "negation":
				for _, w := range words {
					out.negations[w] = true
				}
				continue
			case "negation after":
				for _, w := range words {
					out.negatedAfter[w] = true
				}
				continue
			case "conditional":
				for _, w := range words {
					out.conditional[w] = true
				}
				continue
			case "first person":
				for _, w := range words {
					out.firstPerson[w] = true
				}
				continue
			case "negative endings", "noun endings":
				continue // read by endingsOf
			}
			code, cueOnly := strings.CutSuffix(head, " cue")
			r, known := byCode[strings.TrimSpace(code)]
			if !known {
				return nil, fmt.Errorf("coderules/%s line %d: code %q is not in codes.txt", file.Name(), n, code)
			}
			for _, w := range words {
				st := newStem(w)
				if len(st.parts) == 1 && !st.exact[0] {
					st.endings = endings
				}
				if cueOnly {
					r.cueStems = append(r.cueStems, st)
				} else {
					r.stems = append(r.stems, st)
				}
			}
		}
	}
	return out, nil
}

// endingsOf reads a rules file's "negative endings:" and "noun endings:"
// lines; nil when it has none.
func endingsOf(ls []numberedLine) *wordEndings {
	var e *wordEndings
	for _, l := range ls {
		head, rest, _ := strings.Cut(l.text, ":")
		head = strings.TrimSpace(head)
		if head != "negative endings" && head != "noun endings" {
			continue
		}
		if e == nil {
			e = &wordEndings{}
		}
		for _, w := range phrases(rest) {
			if head == "negative endings" {
				e.negative = append(e.negative, fold.String(w))
			} else {
				e.noun = append(e.noun, fold.String(w))
			}
		}
	}
	return e
}

// numberedLine is a line of a rules file and its number.
type numberedLine struct {
	n    int
	text string
}

// lines are a file's lines that are not blank or comments, in order.
func lines(s string) []numberedLine {
	var out []numberedLine
	for i, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, numberedLine{i + 1, l})
		}
	}
	return out
}

// phrases splits words, keeping "quoted phrases" whole.
func phrases(s string) []string {
	var out []string
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		if s[0] == '"' {
			end := strings.IndexByte(s[1:], '"')
			if end < 0 {
				return append(out, s[1:])
			}
			out = append(out, s[1:1+end])
			s = s[2+end:]
			continue
		}
		i := strings.IndexFunc(s, unicode.IsSpace)
		if i < 0 {
			return append(out, s)
		}
		out = append(out, s[:i])
		s = s[i:]
	}
	return out
}

func dash(s string) string {
	if s == "-" {
		return ""
	}
	return s
}

// foldedWords are a text folded and cut into words. An apostrophe stays in
// its word ("n't", "d'accord"), the typographic one written as the plain.
func foldedWords(s string) []string {
	s = strings.ReplaceAll(fold.String(s), "’", "'")
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' })
}

// find returns where the first match of stem is in words, from its first
// word to after its last, or -1, -1: a word that begins with the stem, or
// the words of a phrase, each beginning a word in turn. A part that ended
// in $ is the whole word ("host$" is not "hostile"); a part "…" lets up to
// gapWords words stand before the next part, for a verb whose particle
// closes the clause ("wies … zurück").
func find(words []string, st stem) (start, end int) {
	for i := range words {
		if end, ok := matchFrom(words, i, st, 0); ok {
			return i, end
		}
	}
	return -1, -1
}

// gapWords is how many words a "…" in a rule lets stand between its parts.
const gapWords = 6

// matchFrom matches the parts of st from part j on against the words from
// word i on, and says where the match ends.
func matchFrom(words []string, i int, st stem, j int) (int, bool) {
	if j == len(st.parts) {
		return i, true
	}
	if st.parts[j] == "…" {
		for k := i; k <= i+gapWords && k < len(words); k++ {
			if end, ok := matchFrom(words, k, st, j+1); ok {
				return end, true
			}
		}
		return 0, false
	}
	if i >= len(words) {
		return 0, false
	}
	w, p := words[i], st.parts[j]
	if st.exact[j] && w != p || !st.exact[j] && !strings.HasPrefix(w, p) {
		return 0, false
	}
	return matchFrom(words, i+1, st, j+1)
}

// ownSide finds a word of the first person ("we", "our") among the four
// words before word i: "our forces withdrew" is the speaker's side's act,
// "their artillery shelled our positions" is not.
func (r *codeRules) ownSide(words []string, i int) (string, bool) {
	for j := i - 1; j >= max(0, i-4); j-- {
		if r.firstPerson[words[j]] {
			return words[j], true
		}
	}
	return "", false
}

// denied reports a negation within three words before word i, or one
// of the words that deny what they follow within two words after it.
func (r *codeRules) denied(words []string, i int) bool {
	for j := max(0, i-3); j < i; j++ {
		w := words[j]
		if r.negations[w] || strings.HasSuffix(w, "n't") {
			return true
		}
	}
	for j := i + 1; j < len(words) && j <= i+2; j++ {
		if r.negatedAfter[words[j]] {
			return true
		}
	}
	return false
}

// SuggestCoding proposes an event coding from a statement's cue and words,
// with what suggested it and how sure it is: "condemn" is ACCUSE, "host"
// CONSULT, "agreement within reach" an optimistic, cooperative comment;
// anything else a plain statement (CAMEO 010, which PLOVER leaves
// uncoded). The suggestion is unconfirmed.
func SuggestCoding(st Statement) Coding {
	r := suggestRules()
	cue, quote := foldedWords(st.Cue), foldedWords(st.Quote)
	conditional := false
	for _, w := range quote {
		conditional = conditional || r.conditional[w]
	}
	var denials []string
	for _, rule := range r.rules {
		// The cue is read with the cue-only stems and the others; the
		// quote with the others.
		if c, ok := r.try(rule, cue, "the cue", conditional, &denials, rule.cueStems, rule.stems); ok {
			return c
		}
		if c, ok := r.try(rule, quote, "the quote", conditional, &denials, rule.stems); ok {
			return c
		}
	}
	why := "a plain statement: no word of the rules in the cue or the quote"
	if len(denials) > 0 {
		why = "a plain statement: what the rules would code is denied (" + strings.Join(denials, ", ") + ")"
	}
	return Coding{CAMEO: "010", Score: 0, Why: why, Confidence: 0.3}
}

// try looks for a rule's stems in words (the cue or the quote, where) and
// gives the coding the first one found suggests; a match denied is noted
// in denials and passed over.
func (r *codeRules) try(rule *codeRule, words []string, where string, conditional bool, denials *[]string, lists ...[]stem) (Coding, bool) {
	for _, list := range lists {
		for _, st := range list {
			i, end := find(words, st)
			if i < 0 {
				continue
			}
			matched := strings.Join(words[i:end], " ")
			denied, noun := st.endings.of(strings.TrimPrefix(words[i], st.parts[0]))
			if noun {
				continue // the act named, not done: "Bakü'nün suçlamalarını reddetti"
			}
			if denied || r.denied(words, i) {
				*denials = append(*denials, "“"+matched+"”")
				continue
			}
			conf := 0.6
			if where == "the cue" {
				conf = 0.8
			}
			name := rule.category
			if name == "" {
				name = "CAMEO " + rule.cameo
			}
			why := fmt.Sprintf("%s: “%s” in %s", name, matched, where)
			if conditional && where == "the quote" {
				conf /= 2
				why += "; the statement supposes (a condition), so less sure"
			}
			if len(*denials) > 0 {
				why += "; denied before it: " + strings.Join(*denials, ", ")
			}
			c := Coding{Category: rule.category, Mode: rule.mode, CAMEO: rule.cameo, Score: rule.goldstein,
				Why: why, Confidence: conf}
			if where == "the quote" && MaterialAct(rule.category) {
				if w, ok := r.ownSide(words, i); ok {
					c.BySpeakersSide = true
					c.Why += "; “" + w + "” before it: an act of the speaker's own side"
				}
			}
			return c, true
		}
	}
	return Coding{}, false
}
