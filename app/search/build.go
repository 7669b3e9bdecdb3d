package search

import (
	"errors"
	"slices"
	"strings"

	"codeberg.org/parley/parley/app"
)

// Build fills the index from one snapshot of a store.
func (ix *Index) Build(r app.Reader) error { return ix.build(r, nil) }

// itemCounter is a reader that can count the items an index covers
// cheaply (storage's reader), for the progress of a build.
type itemCounter interface {
	CountItems() (int, error)
}

// build fills the index from one snapshot of a store, telling progress
// (when not nil) every few thousand items.
func (ix *Index) build(r app.Reader, progress Progress) error {
	total, done := 0, 0
	if c, ok := r.(itemCounter); ok && progress != nil {
		total, _ = c.CountItems()
	}
	tick := func() {
		done++
		if progress != nil && done%4096 == 0 {
			progress(done, total)
		}
	}
	fresh := NewIndex()
	actors, err := r.Actors()
	if err != nil {
		return err
	}
	for _, a := range actors {
		fresh.names[a.ID] = append([]string{a.Name}, a.Aliases...)
		fresh.put(actorText(a))
		tick()
	}
	places, err := r.Places()
	if err != nil {
		return err
	}
	for _, p := range places {
		fresh.placeNames[p.ID] = placeNamesOf(p)
		fresh.put(placeText(p))
		tick()
	}
	sources, err := r.Sources()
	if err != nil {
		return err
	}
	for _, s := range sources {
		text, err := storedText(r, s)
		if err != nil {
			return err
		}
		fresh.put(sourceText(s, text))
		tick()
	}
	if err := r.ForEachStatement(func(st app.Statement) error {
		fresh.put(fresh.statementText(st))
		tick()
		return nil
	}); err != nil {
		return err
	}
	if err := r.ForEachNote(func(n app.Note) error {
		fresh.put(noteText(n))
		tick()
		return nil
	}); err != nil {
		return err
	}
	fresh.trim()
	fresh.vocab = fresh.sortedVocab() // here, off the first prefix query's time
	if progress != nil {
		progress(done, max(total, done))
	}
	ix.swapIn(fresh)
	return nil
}

// swapIn takes fresh's contents, under the index's lock.
func (ix *Index) swapIn(fresh *Index) {
	ix.mu.Lock()
	ix.words, ix.terms, ix.vocab, ix.docs, ix.kinds, ix.dead, ix.nDead = fresh.words, fresh.terms, fresh.vocab, fresh.docs, fresh.kinds, fresh.dead, 0
	ix.dates = fresh.dates
	ix.seqs, ix.refs, ix.ids = fresh.seqs, fresh.refs, fresh.ids
	ix.byKey, ix.facts, ix.atoms, ix.names, ix.noteOn = fresh.byKey, fresh.facts, fresh.atoms, fresh.names, fresh.noteOn
	ix.srcLang, ix.stems, ix.placeNames = fresh.srcLang, fresh.stems, fresh.placeNames
	ix.nDead = fresh.nDead
	ix.bySpeaker.reset()
	ix.summaries.reset()
	ix.atomOrder.mu.Lock()
	ix.atomOrder.rank = nil // the atoms are others
	ix.atomOrder.mu.Unlock()
	ix.edits++
	ix.mu.Unlock()
}

// change is one item a write touched, to be read again and reindexed.
type change struct {
	kind DocKind
	id   string
}

// apply reindexes the items a committed write touched, reading their
// current state from r.
func (ix *Index) apply(r app.Reader, changes []change) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.edits++
	for _, c := range changes {
		key := docKey(c)
		switch c.kind {
		case DocActor:
			a, err := r.Actor(c.id)
			if err != nil {
				ix.remove(key)
				delete(ix.names, c.id)
				continue
			}
			names := append([]string{a.Name}, a.Aliases...)
			renamed := !slices.Equal(names, ix.names[c.id])
			ix.names[c.id] = names
			ix.put(actorText(a))
			if renamed {
				ix.reindexSpeaker(r, c.id)
			}
		case DocPlace:
			if p, err := r.Place(c.id); err == nil {
				ix.placeNames[c.id] = placeNamesOf(p)
				ix.put(placeText(p))
			} else {
				delete(ix.placeNames, c.id)
				ix.remove(key)
			}
		case DocSource:
			if s, err := r.Source(c.id); err == nil {
				text, _ := storedText(r, s)
				d := sourceText(s, text)
				was, had := ix.srcLang[c.id]
				relang := had && was != d.lang
				ix.put(d)
				if relang {
					// Its statements are stemmed in its language.
					ix.reindexSource(r, c.id)
				}
			} else {
				ix.remove(key)
				delete(ix.srcLang, c.id)
			}
		case DocStatement:
			if st, err := r.Statement(c.id); err == nil {
				if d := ix.statementText(st); !ix.recode(d) {
					ix.put(d)
				}
			} else {
				ix.remove(key)
			}
		case DocNote:
			if n, err := r.Note(c.id); err == nil {
				ix.put(noteText(n))
			} else {
				ix.remove(key)
			}
		}
	}
	ix.compact()
}

// reindexSource reindexes a source's statements after its language
// changed.
func (ix *Index) reindexSource(r app.Reader, source string) {
	ids, err := r.StatementIDsBySource(source)
	if err != nil {
		return
	}
	for _, id := range ids {
		if st, err := r.Statement(id); err == nil && st.Source == source {
			ix.put(ix.statementText(st))
		}
	}
}

// reindexSpeaker reindexes an actor's statements after its names changed.
func (ix *Index) reindexSpeaker(r app.Reader, actor string) {
	a, ok := ix.atoms.lookup(actor)
	if !ok {
		return
	}
	var ids []string
	for i, d := range ix.docs {
		if ix.kinds[i] == DocStatement && !ix.isDead(uint32(i)) && d.fact >= 0 {
			f := &ix.facts[d.fact]
			if slices.Contains(ix.speakersOf(f), a) {
				ids = append(ids, strings.Clone(ix.docID(uint32(i))))
			}
		}
	}
	for _, id := range ids {
		if st, err := r.Statement(id); err == nil {
			ix.put(ix.statementText(st))
		}
	}
}

// sortedVocab returns the term ids in text order. The caller holds the
// write lock when vocab is nil.
func (ix *Index) sortedVocab() []uint32 {
	if v := ix.vocab; v != nil {
		return v
	}
	v := make([]uint32, len(ix.terms))
	for i := range v {
		v[i] = uint32(i)
	}
	slices.SortFunc(v, func(a, b uint32) int { return strings.Compare(ix.words.at(a), ix.words.at(b)) })
	return v
}

// expand lists the term ids a query word stands for: itself, or every
// word it begins when it is a prefix.
func (ix *Index) expand(vocab []uint32, w string, prefix bool) []uint32 {
	if !prefix {
		if id, ok := ix.words.lookup(w); ok {
			return []uint32{id}
		}
		return nil
	}
	i, _ := slices.BinarySearchFunc(vocab, w, func(id uint32, w string) int { return strings.Compare(ix.words.at(id), w) })
	var out []uint32
	for ; i < len(vocab) && strings.HasPrefix(ix.words.at(vocab[i]), w); i++ {
		out = append(out, vocab[i])
	}
	return out
}

// docText is one document as the index sees it: its fields by class, and
// for a statement the facts filters test.
type docText struct {
	key    docKey
	lang   string // ISO 639-1, the language its words are stemmed in; "" for none
	fields []docField
	facts  *statementFacts
	noteOn string
	tags   []string
}

type docField struct {
	class uint8
	text  string
}

func (d *docText) add(class uint8, texts ...string) {
	for _, t := range texts {
		if strings.TrimSpace(t) != "" {
			d.fields = append(d.fields, docField{class, t})
		}
	}
}

// statementFacts are what filters test, as the statement has them.
type statementFacts struct {
	date                         string
	kind                         app.StatementKind
	speakers, places, recipients []string
	coding                       app.Coding
}

func (ix *Index) statementText(st app.Statement) docText {
	d := docText{key: docKey{DocStatement, st.ID}, tags: st.Tags}
	d.lang = ix.srcLang[st.Source]
	if d.lang == "" {
		d.lang = scriptLanguage(st.Quote)
	}
	d.add(classTitle, st.Quote)
	d.add(classTitle, st.Tags...)
	for _, a := range st.Speakers {
		d.add(classMeta, ix.names[a]...)
	}
	if st.SpeakerAsWritten != "" {
		d.add(classMeta, st.SpeakerAsWritten) // "officials" finds what officials said
	}
	d.add(classText, st.Context)
	d.facts = &statementFacts{date: st.Date, kind: st.Kind, speakers: st.Speakers, places: st.Places, recipients: st.Recipients, coding: st.Coding}
	return d
}

func noteText(n app.Note) docText {
	d := docText{key: docKey{DocNote, n.ID}, tags: n.Tags, lang: scriptLanguage(n.Body)}
	d.add(classTitle, n.Body)
	d.add(classTitle, n.Tags...)
	if n.Target.Kind == app.TargetStatement {
		d.noteOn = n.Target.ID
	}
	return d
}

func actorText(a app.Actor) docText {
	d := docText{key: docKey{DocActor, a.ID}, lang: scriptLanguage(a.Background, a.Name)}
	d.add(className, a.Name)
	d.add(className, a.Aliases...)
	d.add(classMeta, a.Role)
	d.add(classText, a.Background)
	return d
}

// placeNamesOf is a place's names: its name, its map label, its aliases.
func placeNamesOf(p app.Place) []string {
	return append([]string{p.Name, p.Label}, p.Aliases...)
}

func placeText(p app.Place) docText {
	d := docText{key: docKey{DocPlace, p.ID}, lang: scriptLanguage(p.Background, p.Name)}
	d.add(className, p.Name, p.Label)
	d.add(className, p.Aliases...)
	d.add(classText, p.Background)
	return d
}

// sourceText indexes a source's metadata and its stored text, so that a
// word only its narration has finds it.
func sourceText(s app.Source, text string) docText {
	d := docText{key: docKey{DocSource, s.ID}, lang: baseLanguage(s.Language)}
	if _, ok := stemmers[d.lang]; !ok && s.Language == "" {
		d.lang = scriptLanguage(s.Title, text)
	}
	d.add(classTitle, s.Title)
	d.add(classMeta, s.Outlet)
	d.add(classMeta, s.Byline...)
	d.add(classText, s.Context)
	d.add(classText, text)
	return d
}

// storedText is a source's text, or "" when it has none stored.
func storedText(r app.Reader, s app.Source) (string, error) {
	if !s.HasText {
		return "", nil
	}
	text, err := r.SourceText(s.ID)
	if errors.Is(err, app.ErrNotFound) {
		return "", nil
	}
	return text, err
}
