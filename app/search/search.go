package search

import (
	"cmp"
	"errors"
	"slices"
	"strings"
	"unicode/utf8"

	"codeberg.org/parley/parley/app"
)

// ErrNoIndex is returned by Search on a store that keeps no index.
var ErrNoIndex = errors.New("this casebook has no search index")

// Indexer is a store that keeps a search index (IndexedStore).
type Indexer interface {
	Index() (*Index, error)
	Ready() bool
}

// Result is one item found, ready to show: a label, a snippet of the
// text that matched, and where in the snippet the matching words are.
type Result struct {
	Kind    DocKind `json:"-"`
	KindS   string  `json:"kind"`
	ID      string  `json:"id"`
	Label   string  `json:"label"`
	Snippet string  `json:"snippet"`
	// Marks are code-point ranges of Snippet to highlight.
	Marks []app.Range   `json:"marks"`
	Score float64       `json:"score"`
	Where app.Selection `json:"-"` // what selecting the result selects
	// TextOffset, for a source found by words of its stored text, is the
	// code point where the first of them stands in it.
	TextOffset *int `json:"text_offset,omitempty"`
}

// Group is the results of one kind, best first.
type Group struct {
	Kind  DocKind `json:"-"`
	KindS string  `json:"kind"`
	Total int     `json:"total"`
	// Offset is how many of the best results come before these.
	Offset  int      `json:"offset,omitempty"`
	Results []Result `json:"results"`
}

// Search finds what the query names among statements, notes, actors, places
// and sources, under a filter, and returns up to limit results of each
// kind, grouped by kind, the group with the best match first.
func Search(s app.Store, query string, f app.Filter, limit int) ([]Group, error) {
	return SearchQuery(s, ParseQuery(query), f, limit)
}

// SearchQuery is Search with the query parsed already (ParseQueryStrict
// for the command line).
func SearchQuery(s app.Store, q Query, f app.Filter, limit int) ([]Group, error) {
	return SearchPage(s, q, f, limit, 0)
}

// SearchPage is one page of results: of each kind, the limit results after
// the best offset (limit 0: all after them). Only the results up to the
// page's end are ranked, and only the page's are read and described.
func SearchPage(s app.Store, q Query, f app.Filter, limit, offset int) ([]Group, error) {
	ixs, ok := s.(Indexer)
	if !ok {
		return nil, ErrNoIndex
	}
	ix, err := ixs.Index()
	if err != nil {
		return nil, err
	}
	keep := limit
	if limit > 0 {
		keep = limit + max(offset, 0)
	}
	hits := ix.Query(q, f, keep)
	// The filter the query's fields add to, for the sources found.
	ix.mu.RLock()
	f, _ = ix.withFields(f, q.Fields)
	ix.mu.RUnlock()
	// The filter tested on the index's facts, not on statements read: a
	// source of a casebook of a million statements reports thousands.
	passes := ix.StatementFilter(f)
	var groups []Group
	var page []pageHit
	for k := range docKinds {
		if hits.Total[k] == 0 {
			continue
		}
		groups = append(groups, Group{Kind: k, KindS: k.String(), Total: hits.Total[k], Offset: offset})
		for _, h := range hits.Hits[k][min(max(offset, 0), len(hits.Hits[k])):] {
			page = append(page, pageHit{group: len(groups) - 1, hit: h})
		}
	}
	err = describePage(s, page, q, func(r app.Reader, h Hit) bool {
		return h.Kind != DocSource || !f.OnStatements() || sourceReports(r, h.ID, passes)
	})
	for _, ph := range page {
		g := &groups[ph.group]
		switch {
		case !ph.kept:
			g.Total--
		case ph.described:
			g.Results = append(g.Results, ph.result)
		}
	}
	groups = slices.DeleteFunc(groups, func(g Group) bool { return g.Total == 0 })
	// The group holding the best match comes first.
	slices.SortStableFunc(groups, func(a, b Group) int {
		return cmp.Compare(topScore(b), topScore(a))
	})
	return groups, err
}

// pageHit is one hit of a page of results and what describing it found.
type pageHit struct {
	group     int
	hit       Hit
	kept      bool // it passes what the filter asks of it
	described bool
	result    Result
}

// describePage describes the hits of a page in two halves at once, each in
// a read of its own: reading each hit's item, and its speakers' names, was
// a third of a search's time at a million statements. keep says whether a
// hit stays on the page at all.
func describePage(s app.Store, page []pageHit, q Query, keep func(app.Reader, Hit) bool) error {
	describe := func(part []pageHit) error {
		return s.View(func(r app.Reader) error {
			for i := range part {
				ph := &part[i]
				if ph.kept = keep(r, ph.hit); ph.kept {
					ph.result, ph.described = describeHit(r, ph.hit, q)
				}
			}
			return nil
		})
	}
	if len(page) < 8 {
		return describe(page)
	}
	half := len(page) / 2
	other := make(chan error, 1)
	go func() { other <- describe(page[half:]) }()
	err := describe(page[:half])
	if oerr := <-other; err == nil {
		err = oerr
	}
	return err
}

// sourceReports reports whether a source holds a statement the filter
// lets through: under a filter on statements (a speaker, a place, dates),
// a source is found when it reports something the filter keeps.
func sourceReports(r app.Reader, source string, passes func(id string) bool) bool {
	ok, err := r.SourceReports(source, passes)
	return ok && err == nil
}

func topScore(g Group) float64 {
	if len(g.Results) == 0 {
		return 0
	}
	return g.Results[0].Score
}

// describeHit reads a hit's item and makes its label and snippet.
func describeHit(r app.Reader, h Hit, q Query) (Result, bool) {
	res := Result{Kind: h.Kind, KindS: h.Kind.String(), ID: h.ID, Score: h.Score}
	var texts []string
	switch h.Kind {
	case DocStatement:
		st, err := r.Statement(h.ID)
		if err != nil {
			return res, false
		}
		res.Label = st.SpeakerNames(func(id string) (app.Actor, bool) { a, err := r.Actor(id); return a, err == nil })
		if st.Date != "" {
			res.Label += " · " + st.Date
		}
		texts = []string{st.Quote, st.Context, strings.Join(st.Tags, " ")}
		res.Where = app.Selection{Statement: st.ID}
		if len(st.Speakers) > 0 {
			res.Where.Actor = st.Speakers[0]
		}
	case DocNote:
		n, err := r.Note(h.ID)
		if err != nil {
			return res, false
		}
		res.Label = "Note on " + app.TargetLabel(r, n.Target)
		texts = []string{n.Body, "#" + strings.Join(n.Tags, " #")}
		res.Where = targetSelection(r, n.Target)
	case DocActor:
		a, err := r.Actor(h.ID)
		if err != nil {
			return res, false
		}
		res.Label = a.Name
		texts = append([]string{a.Name}, a.Aliases...)
		texts = append(texts, a.Role, a.Background)
		res.Where = app.Selection{Actor: a.ID}
	case DocPlace:
		p, err := r.Place(h.ID)
		if err != nil {
			return res, false
		}
		res.Label = p.Name
		texts = append([]string{p.Name, p.Label}, p.Aliases...)
		texts = append(texts, p.Background)
		res.Where = app.Selection{Place: p.ID}
	case DocSource:
		s, err := r.Source(h.ID)
		if err != nil {
			return res, false
		}
		res.Label = s.Title
		texts = []string{s.Title, strings.TrimSpace(s.Outlet + " " + strings.Join(s.Byline, ", ") + " " + s.Published), s.Context}
		if text, err := storedText(r, s); err == nil && text != "" {
			texts = append(texts, text)
		}
		res.Where = app.Selection{Source: s.ID}
	}
	var which, at int
	res.Snippet, res.Marks, which, at = snippetAt(texts, q, 180)
	if h.Kind == DocSource && which == 3 {
		res.TextOffset = &at
	}
	if res.Snippet == "" && len(texts) > 0 {
		res.Snippet = app.Excerpt(texts[0], 180)
	}
	return res, true
}

func targetSelection(r app.Reader, t app.Target) app.Selection {
	switch t.Kind {
	case app.TargetActor:
		return app.Selection{Actor: t.ID}
	case app.TargetPlace:
		return app.Selection{Place: t.ID}
	case app.TargetSource:
		return app.Selection{Source: t.ID}
	}
	sel := app.Selection{Statement: t.ID}
	if st, err := r.Statement(t.ID); err == nil && len(st.Speakers) > 0 {
		sel.Actor = st.Speakers[0]
	}
	return sel
}

type token struct {
	word       string
	start, end int // bytes
}

func tokenize(s string) []token {
	var out []token
	Tokens(s, func(w string, a, b int) { out = append(out, token{w, a, b}) })
	return out
}

// unitAt reports whether a query unit matches the tokens from i on.
func unitAt(u QueryUnit, toks []token, i int) bool {
	if i+len(u.Words) > len(toks) {
		return false
	}
	for j, qw := range u.Words {
		w := toks[i+j].word
		switch {
		case u.Prefix && j == len(u.Words)-1 && strings.HasPrefix(w, qw):
		case w == qw:
		default:
			return false
		}
	}
	return true
}

// markTokens flags the tokens that are part of a match of some unit: a
// phrase is marked only where all of it stands.
func markTokens(toks []token, q Query) []bool {
	marked := make([]bool, len(toks))
	for _, u := range slices.Concat(q.clauses()...) {
		found := false
		for i := range toks {
			if unitAt(u, toks, i) {
				found = true
				for j := range u.Words {
					marked[i+j] = true
				}
			}
		}
		// A word found only by its stem: mark its forms. The forms of a
		// word share its first letters, which rules most words out cheaply.
		if qw := u.Words[0]; !found && !u.Phrase() && !u.Prefix {
			head := qw[:min(len(qw), 3)]
			for i, tk := range toks {
				if strings.HasPrefix(tk.word, head) && stemMatchesAny(tk.word, qw) {
					marked[i] = true
				}
			}
		}
	}
	return marked
}

// snippetAt picks the first text with a match and cuts a window of about n
// code points around the first match, with the matches marked. It also
// says which text the snippet comes from and the code point of that text
// where its first match stands.
func snippetAt(texts []string, q Query, n int) (string, []app.Range, int, int) {
	for which, t := range texts {
		toks := tokenize(t)
		flags := markTokens(toks, q)
		first := slices.Index(flags, true)
		if first < 0 {
			continue
		}
		at := toks[first].start
		// Start a little before the match, at a word boundary.
		from := 0
		if utf8.RuneCountInString(t[:at]) > n/3 {
			from = at
			for k := 0; k < n/3 && from > 0; k++ {
				_, size := utf8.DecodeLastRuneInString(t[:from])
				from -= size
			}
			if sp := strings.IndexByte(t[from:at], ' '); sp >= 0 {
				from += sp + 1
			}
		}
		to := len(t)
		if utf8.RuneCountInString(t[from:]) > n {
			to = from
			for k := 0; k < n && to < len(t); k++ {
				_, size := utf8.DecodeRuneInString(t[to:])
				to += size
			}
			if sp := strings.LastIndexByte(t[from:to], ' '); sp > 0 && to-from-sp < 24 {
				to = from + sp
			}
		}
		prefix, suffix := "", ""
		if from > 0 {
			prefix = "…"
		}
		if to < len(t) {
			suffix = "…"
		}
		var marks []app.Range
		off := utf8.RuneCountInString(prefix) - utf8.RuneCountInString(t[:from])
		for i, tk := range toks {
			if flags[i] && tk.start >= from && tk.end <= to {
				a := off + utf8.RuneCountInString(t[:tk.start])
				marks = append(marks, app.Range{Start: a, End: a + utf8.RuneCountInString(t[tk.start:tk.end])})
			}
		}
		return prefix + t[from:to] + suffix, marks, which, utf8.RuneCountInString(t[:at])
	}
	return "", nil, -1, -1
}

// ScanSearch answers a query by reading every item of a case in full, with
// no index: the plain scan the index is measured against, and the oracle
// that tests check it with. It returns the ids found of each kind, sorted.
func ScanSearch(c app.Case, q Query, f app.Filter) [docKinds][]string {
	var out [docKinds][]string
	if q.empty() {
		return out
	}
	names := map[string][]string{}
	for _, a := range c.Actors {
		names[a.ID] = append([]string{a.Name}, a.Aliases...)
	}
	scan := NewIndex()
	scan.names = names
	for _, p := range c.Places {
		scan.placeNames[p.ID] = placeNamesOf(p)
	}
	f, ok := scan.withFields(f, q.Fields)
	if !ok {
		return out
	}
	for _, s := range c.Sources {
		scan.srcLang[s.ID] = sourceText(s, c.Texts[s.ID]).lang
	}
	statements := map[string]app.Statement{}
	for _, st := range c.Statements {
		statements[st.ID] = st
	}
	consider := func(d docText) {
		if scanMatches(d, q) {
			out[d.key.kind] = append(out[d.key.kind], d.key.id)
		}
	}
	for _, a := range c.Actors {
		consider(actorText(a))
	}
	for _, p := range c.Places {
		consider(placeText(p))
	}
	passing := map[string]bool{} // sources reporting a statement the filter keeps
	for _, st := range c.Statements {
		if f.Passes(st) {
			passing[st.Source] = true
		}
	}
	for _, s := range c.Sources {
		if !f.OnStatements() || passing[s.ID] {
			consider(sourceText(s, c.Texts[s.ID]))
		}
	}
	for _, st := range c.Statements {
		if f.Passes(st) {
			consider(scan.statementText(st))
		}
	}
	onStatements := f.OnStatements()
	for _, n := range c.Notes {
		if f.Tag != "" && !slices.Contains(n.Tags, f.Tag) {
			continue
		}
		if onStatements {
			st, ok := statements[n.Target.ID]
			g := f
			g.Tag = ""
			if n.Target.Kind != app.TargetStatement || !ok || !g.Passes(st) {
				continue
			}
		}
		consider(noteText(n))
	}
	for k := range out {
		slices.Sort(out[k])
	}
	return out
}

// scanMatches checks every unit of a query against a document's fields by
// reading them word by word.
func scanMatches(d docText, q Query) bool {
	fields := make([][]string, len(d.fields))
	for i, f := range d.fields {
		fields[i] = words(f.text)
	}
	for _, clause := range q.clauses() {
		if !slices.ContainsFunc(clause, func(u QueryUnit) bool { return scanUnit(d.lang, fields, u) }) {
			return false
		}
	}
	return !slices.ContainsFunc(q.Not, func(u QueryUnit) bool { return scanUnit(d.lang, fields, u) })
}

// scanUnit reports whether a unit matches in a document's fields, read
// word by word.
func scanUnit(lang string, fields [][]string, u QueryUnit) bool {
	var byStem *stemMatcher // a single finished word also matches by its stem
	if !u.Phrase() && !u.Prefix {
		byStem = newStemMatcher(lang, u.Words[0])
	}
	for _, ws := range fields {
		for i := 0; i+len(u.Words) <= len(ws); i++ {
			ok := true
			for j, qw := range u.Words {
				w := ws[i+j]
				if u.Prefix && j == len(u.Words)-1 {
					ok = strings.HasPrefix(w, qw)
				} else {
					ok = w == qw
				}
				if !ok && byStem != nil {
					ok = byStem.matches(w)
				}
				if !ok {
					break
				}
			}
			if ok {
				return true
			}
		}
	}
	return false
}
