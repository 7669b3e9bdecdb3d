package app

import (
	"slices"
	"strings"
	"time"
	"unicode"
)

// StatementDraft is a statement a person marks in a source's text: the
// quotes the extractor missed, or a correction of one it found.
type StatementDraft struct {
	Source     string
	Range      Range    // code points of the source's text
	Speakers   []string // actor ids
	Recipients []string // actor ids
	// NewSpeaker, when not nil, is an actor created with the statement (a
	// speaker typed rather than picked); Speakers may name it.
	NewSpeaker *Actor
	Kind       StatementKind // "" is direct
	Cue        string
}

// Revision is what a statement edit changed, kept so that UndoRevision can
// put the casebook back exactly.
type Revision struct {
	// Before holds the statements the edit changed or deleted, as they were.
	Before []Statement
	// Added lists the statements the edit created.
	Added []string
	// Notes holds the notes the edit moved or deleted, as they were.
	Notes []Note
	// NewActor is the actor the edit created, if any.
	NewActor string
	// After holds the statements as the edit left them.
	After []Statement
}

// trimSpan narrows a range of text to leave out the white space at its
// ends, as a mouse selection often takes it.
func trimSpan(text []rune, r Range) Range {
	for r.Start < r.End && unicode.IsSpace(text[r.Start]) {
		r.Start++
	}
	for r.End > r.Start && unicode.IsSpace(text[r.End-1]) {
		r.End--
	}
	return r
}

// spanOf checks that r lies in the source's text and returns it without its
// outer white space, with the words at it.
func spanOf(tx Reader, sourceID string, r Range) (Source, Range, string, error) {
	src, err := tx.Source(sourceID)
	if err != nil {
		return src, r, "", err
	}
	if !src.HasText {
		return src, r, "", invalid("source %q has no stored text to mark a statement in", sourceID)
	}
	text, err := tx.SourceText(sourceID)
	if err != nil {
		return src, r, "", err
	}
	runes := []rune(text)
	if r.Start < 0 || r.End <= r.Start || r.End > len(runes) {
		return src, r, "", invalid("range %d:%d is not inside the text of %q (%d characters)", r.Start, r.End, sourceID, len(runes))
	}
	r = trimSpan(runes, r)
	if r.Start == r.End {
		return src, r, "", invalid("range is only white space")
	}
	return src, r, string(runes[r.Start:r.End]), nil
}

func checkActors(tx Reader, ids []string, role string, created string) error {
	for _, id := range ids {
		if id == created {
			continue
		}
		if _, err := tx.Actor(id); err != nil {
			return invalid("%s %q is not an actor of the casebook", role, id)
		}
	}
	return nil
}

// AddStatement files a statement a person marked in a source's text. Its
// quote is the text at its offsets, exactly; its date is the source's.
func (c *Casebook) AddStatement(d StatementDraft) (Statement, Revision, error) {
	var st Statement
	var rev Revision
	kind := d.Kind
	if kind == "" {
		kind = KindDirect
	}
	err := c.Store.Update(func(tx Tx) error {
		src, r, quote, err := spanOf(tx, d.Source, d.Range)
		if err != nil {
			return err
		}
		speakers := slices.Clone(d.Speakers)
		if d.NewSpeaker != nil {
			a := *d.NewSpeaker
			if err := CheckActor(a); err != nil {
				return err
			}
			if _, err := tx.Actor(a.ID); err == nil {
				return invalid("actor %q exists already", a.ID)
			}
			if err := tx.PutActor(a); err != nil {
				return err
			}
			rev.NewActor = a.ID
			if !slices.Contains(speakers, a.ID) {
				speakers = append(speakers, a.ID)
			}
		}
		if err := checkActors(tx, speakers, "speaker", rev.NewActor); err != nil {
			return err
		}
		if err := checkActors(tx, d.Recipients, "recipient", rev.NewActor); err != nil {
			return err
		}
		st = Statement{
			ID: NewID("st", time.Now()), Speakers: speakers, Recipients: slices.Clone(d.Recipients),
			Quote: quote, Kind: kind, Cue: strings.TrimSpace(d.Cue), Source: src.ID,
			Start: r.Start, End: r.End, Date: src.Published, Places: []string{}, Tags: []string{},
		}
		if st.Recipients == nil {
			st.Recipients = []string{}
		}
		if err := CheckStatement(st, &src); err != nil {
			return err
		}
		rev.Added = []string{st.ID}
		rev.After = []Statement{st}
		return tx.PutStatement(st)
	})
	return st, rev, err
}

// moveNotes re-aims the notes that highlight words of statement from (those
// keep accepts, or all when keep is nil) at the statement to, whose quote
// starts at newStart and is newLen code points long. A note whose words
// the new quote leaves out is refused with the reason. Notes on the whole
// statement are the caller's to move.
func moveNotes(tx Tx, from Statement, to string, newStart, newLen int, keep func(Range) bool, rev *Revision) error {
	notes, err := tx.NotesFor(Target{TargetStatement, from.ID})
	if err != nil {
		return err
	}
	for _, n := range notes {
		if n.Range == nil || (keep != nil && !keep(*n.Range)) {
			continue
		}
		shift := from.Start - newStart
		moved := Range{n.Range.Start + shift, n.Range.End + shift}
		if moved.Start < 0 || moved.End > newLen {
			return invalid("a note on statement %q highlights words the new quote leaves out; change or delete the note first", from.ID)
		}
		if moved == *n.Range && to == from.ID {
			continue
		}
		rev.Notes = append(rev.Notes, n)
		n.Range, n.Target.ID = &moved, to
		if err := tx.PutNote(n); err != nil {
			return err
		}
	}
	return nil
}

// SetStatementSpan moves a statement's quote to other offsets of its
// source's text; the quote becomes the text there, verbatim. Notes that
// highlight words of the quote follow them.
func (c *Casebook) SetStatementSpan(id string, r Range) (Statement, Revision, error) {
	var st Statement
	var rev Revision
	err := c.Store.Update(func(tx Tx) error {
		old, err := tx.Statement(id)
		if err != nil {
			return err
		}
		if old.ReportCount() > 1 {
			return invalid("statement %q is reported by %d sources: its words are the reports' words", id, old.ReportCount())
		}
		src, r, quote, err := spanOf(tx, old.Source, r)
		if err != nil {
			return err
		}
		rev.Before = []Statement{old}
		st = old
		st.Start, st.End, st.Quote = r.Start, r.End, quote
		if err := CheckStatement(st, &src); err != nil {
			return err
		}
		if err := moveNotes(tx, old, id, r.Start, r.End-r.Start, nil, &rev); err != nil {
			return err
		}
		rev.After = []Statement{st}
		return tx.PutStatement(st)
	})
	return st, rev, err
}

// SetStatementSpeech changes who speaks, to whom, the kind and the cue of a
// statement, leaving its words and coding alone.
func (c *Casebook) SetStatementSpeech(id string, speakers, recipients []string, kind StatementKind, cue string) (Statement, Revision, error) {
	var st Statement
	var rev Revision
	err := c.Store.Update(func(tx Tx) error {
		old, err := tx.Statement(id)
		if err != nil {
			return err
		}
		if err := checkActors(tx, speakers, "speaker", ""); err != nil {
			return err
		}
		if err := checkActors(tx, recipients, "recipient", ""); err != nil {
			return err
		}
		st = old
		st.Speakers, st.Recipients, st.Kind, st.Cue = slices.Clone(speakers), slices.Clone(recipients), kind, strings.TrimSpace(cue)
		if st.Recipients == nil {
			st.Recipients = []string{}
		}
		if err := CheckStatement(st, nil); err != nil {
			return err
		}
		rev.Before, rev.After = []Statement{old}, []Statement{st}
		return tx.PutStatement(st)
	})
	return st, rev, err
}

// SplitStatement cuts a statement in two at a code point of its source's
// text strictly inside its quote. The first part keeps the id, the coding
// and the notes on the whole statement; the second is a new statement with
// the same speakers. Notes that highlight words of the second part go with
// it; a note across the cut is refused with the reason.
func (c *Casebook) SplitStatement(id string, at int) ([2]Statement, Revision, error) {
	var parts [2]Statement
	var rev Revision
	err := c.Store.Update(func(tx Tx) error {
		old, err := tx.Statement(id)
		if err != nil {
			return err
		}
		if old.ReportCount() > 1 {
			return invalid("statement %q is reported by %d sources: split its other reports off (statements split ID --report SOURCE) before cutting its words", id, old.ReportCount())
		}
		if at <= old.Start || at >= old.End {
			return invalid("the cut %d is not inside the quote (%d:%d)", at, old.Start, old.End)
		}
		src, first, q1, err := spanOf(tx, old.Source, Range{old.Start, at})
		if err != nil {
			return err
		}
		_, second, q2, err := spanOf(tx, old.Source, Range{at, old.End})
		if err != nil {
			return err
		}
		cut := at - old.Start
		notes, err := tx.NotesFor(Target{TargetStatement, id})
		if err != nil {
			return err
		}
		for _, n := range notes {
			if n.Range != nil && n.Range.Start < cut && n.Range.End > cut {
				return invalid("a note on this statement highlights words on both sides of the cut; change or delete the note first")
			}
		}
		a, b := old, old
		a.Start, a.End, a.Quote = first.Start, first.End, q1
		b.ID = NewID("st", time.Now())
		b.Start, b.End, b.Quote = second.Start, second.End, q2
		b.Coding = Coding{}
		b.Tags, b.Places = slices.Clone(old.Tags), slices.Clone(old.Places)
		for _, st := range []Statement{a, b} {
			if err := CheckStatement(st, &src); err != nil {
				return err
			}
		}
		if err := moveNotes(tx, old, a.ID, a.Start, a.End-a.Start, func(r Range) bool { return r.End <= cut }, &rev); err != nil {
			return err
		}
		if err := moveNotes(tx, old, b.ID, b.Start, b.End-b.Start, func(r Range) bool { return r.Start >= cut }, &rev); err != nil {
			return err
		}
		rev.Before, rev.Added, rev.After = []Statement{old}, []string{b.ID}, []Statement{a, b}
		parts = [2]Statement{a, b}
		if err := tx.PutStatement(a); err != nil {
			return err
		}
		return tx.PutStatement(b)
	})
	return parts, rev, err
}

// MergeStatements joins two statements of the same source into one whose
// quote runs from the start of the first to the end of the last, verbatim;
// it keeps the first's id, coding and speakers, and takes the other's
// notes. The statements must share their speakers.
func (c *Casebook) MergeStatements(id1, id2 string) (Statement, Revision, error) {
	var st Statement
	var rev Revision
	err := c.Store.Update(func(tx Tx) error {
		a, err := tx.Statement(id1)
		if err != nil {
			return err
		}
		b, err := tx.Statement(id2)
		if err != nil {
			return err
		}
		switch {
		case a.ID == b.ID:
			return invalid("a statement cannot be merged with itself")
		case a.Source != b.Source:
			return invalid("statements %q and %q come from different sources", a.ID, b.ID)
		case a.ReportCount() > 1 || b.ReportCount() > 1:
			return invalid("a statement other sources report too keeps its words: split its other reports off first")
		case !sameSet(a.Speakers, b.Speakers):
			return invalid("statements %q and %q have different speakers; give them the same speaker first", a.ID, b.ID)
		}
		if b.Start < a.Start {
			a, b = b, a
		}
		src, r, quote, err := spanOf(tx, a.Source, Range{a.Start, max(a.End, b.End)})
		if err != nil {
			return err
		}
		st = a
		st.Start, st.End, st.Quote = r.Start, r.End, quote
		st.takeFrom(b)
		st.Recipients = addMissing(st.Recipients, b.Recipients)
		if err := CheckStatement(st, &src); err != nil {
			return err
		}
		n := st.End - st.Start
		if err := moveNotes(tx, a, st.ID, st.Start, n, nil, &rev); err != nil {
			return err
		}
		bNotes := Revision{}
		if err := moveNotes(tx, b, st.ID, st.Start, n, func(Range) bool { return true }, &bNotes); err != nil {
			return err
		}
		// Notes on the whole of b move too.
		whole, err := tx.NotesFor(Target{TargetStatement, b.ID})
		if err != nil {
			return err
		}
		for _, note := range whole {
			if note.Range != nil {
				continue
			}
			bNotes.Notes = append(bNotes.Notes, note)
			note.Target.ID = st.ID
			if err := tx.PutNote(note); err != nil {
				return err
			}
		}
		rev.Notes = append(rev.Notes, bNotes.Notes...)
		rev.Before, rev.After = []Statement{a, b}, []Statement{st}
		if err := tx.DeleteStatement(b.ID); err != nil {
			return err
		}
		return tx.PutStatement(st)
	})
	return st, rev, err
}

// takeFrom gives a statement what another one joined to it adds: its tags
// and places, and its coding when it has none.
func (st *Statement) takeFrom(b Statement) {
	st.Tags = addMissing(st.Tags, b.Tags)
	st.Places = addMissing(st.Places, b.Places)
	if st.Coding.IsZero() {
		st.Coding = b.Coding
	}
}

// addMissing appends to list the items of more it does not hold.
func addMissing(list, more []string) []string {
	for _, x := range more {
		if !slices.Contains(list, x) {
			list = append(list, x)
		}
	}
	return list
}

func sameSet(a, b []string) bool {
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(x, y)
}

// RemoveStatement deletes one statement and the notes on it.
func (c *Casebook) RemoveStatement(id string) (Revision, error) {
	var rev Revision
	err := c.Store.Update(func(tx Tx) error {
		st, err := tx.Statement(id)
		if err != nil {
			return err
		}
		notes, err := tx.NotesFor(Target{TargetStatement, id})
		if err != nil {
			return err
		}
		for _, n := range notes {
			if err := tx.DeleteNote(n.ID); err != nil {
				return err
			}
		}
		rev.Before, rev.Notes = []Statement{st}, notes
		return tx.DeleteStatement(id)
	})
	return rev, err
}

// UndoRevision puts back what a statement edit changed: the statements and
// notes as they were, without the statements and the actor it created.
func (c *Casebook) UndoRevision(rev Revision) error {
	return c.Store.Update(func(tx Tx) error {
		for _, id := range rev.Added {
			notes, err := tx.NotesFor(Target{TargetStatement, id})
			if err != nil {
				return err
			}
			for _, n := range notes {
				if !slices.ContainsFunc(rev.Notes, func(m Note) bool { return m.ID == n.ID }) {
					return invalid("a note was written on the statement since; delete it before undoing")
				}
			}
			if err := tx.DeleteStatement(id); err != nil {
				return err
			}
		}
		for _, st := range rev.Before {
			if err := tx.PutStatement(st); err != nil {
				return err
			}
		}
		for _, n := range rev.Notes {
			if err := tx.PutNote(n); err != nil {
				return err
			}
		}
		if rev.NewActor != "" {
			orphans, err := orphanActors(tx, map[string]bool{rev.NewActor: true})
			if err != nil {
				return err
			}
			for _, a := range orphans {
				if err := tx.DeleteActor(a.ID); err != nil {
					return err
				}
			}
		}
		return nil
	})
}
