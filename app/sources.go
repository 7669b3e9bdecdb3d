package app

import (
	"errors"
	"fmt"
	"slices"
)

// DeleteSource removes a source and everything that exists only because of
// it: its text, its statements, the notes on the source and on those
// statements, and the actors that spoke only in it and that nothing else
// refers to (the ones its import proposed). It returns what it removed, so
// that RestoreCase can put it back exactly. All of it goes in one
// transaction.
func (c *Casebook) DeleteSource(id string) (Case, error) { return c.deleteSource(id, false) }

// SourceDeletion says what DeleteSource would remove, changing nothing: the
// deletion is worked out in a transaction that is then dropped.
func (c *Casebook) SourceDeletion(id string) (Case, error) { return c.deleteSource(id, true) }

// errDryRun drops the transaction of a deletion only looked at.
var errDryRun = errors.New("dry run")

func (c *Casebook) deleteSource(id string, dryRun bool) (Case, error) {
	var gone Case
	err := c.Store.Update(func(tx Tx) error {
		gone = Case{Texts: map[string]string{}}
		src, err := tx.Source(id)
		if err != nil {
			return err
		}
		gone.Sources = []Source{src}
		if src.HasText {
			text, err := tx.SourceText(id)
			if err != nil {
				return err
			}
			gone.Texts[id] = text
		}
		ids, err := tx.StatementIDsBySource(id)
		if err != nil {
			return err
		}
		speakers := map[string]bool{}
		targets := []Target{{TargetSource, id}}
		for _, sid := range ids {
			st, err := tx.Statement(sid)
			if err != nil {
				return err
			}
			if st.ReportCount() > 1 {
				// Other sources report it too: only this report goes.
				if err := dropReportIn(tx, st, id, &gone); err != nil {
					return err
				}
				continue
			}
			gone.Statements = append(gone.Statements, st)
			for _, a := range st.Speakers {
				speakers[a] = true
			}
			targets = append(targets, Target{TargetStatement, sid})
		}
		for _, t := range targets {
			notes, err := tx.NotesFor(t)
			if err != nil {
				return err
			}
			gone.Notes = append(gone.Notes, notes...)
		}
		for _, n := range gone.Notes {
			if err := tx.DeleteNote(n.ID); err != nil {
				return err
			}
		}
		for _, st := range gone.Statements {
			if err := tx.DeleteStatement(st.ID); err != nil {
				return err
			}
		}
		orphans, err := orphanActors(tx, speakers)
		if err != nil {
			return err
		}
		for _, a := range orphans {
			if err := tx.DeleteActor(a.ID); err != nil {
				return err
			}
		}
		gone.Actors = orphans
		if err := tx.DeleteSource(id); err != nil {
			return err
		}
		if dryRun {
			return errDryRun
		}
		return nil
	})
	if err != nil && !errors.Is(err, errDryRun) {
		return Case{}, err
	}
	gone.Normalize()
	return gone, nil
}

// dropReportIn takes a statement's report in a source out, recording the
// statement and its notes as they were in gone; notes on words of its quote
// lose their range when the quote changes to another report's words.
func dropReportIn(tx Tx, st Statement, source string, gone *Case) error {
	gone.Changed = append(gone.Changed, st)
	kept := st
	kept.Reports = slices.Clone(st.Reports)
	kept.dropReport(source)
	if kept.Quote != st.Quote {
		notes, err := tx.NotesFor(Target{TargetStatement, st.ID})
		if err != nil {
			return err
		}
		for _, n := range notes {
			if n.Range == nil {
				continue
			}
			gone.ChangedNotes = append(gone.ChangedNotes, n)
			n.Range = nil
			if err := tx.PutNote(n); err != nil {
				return err
			}
		}
	}
	return tx.PutStatement(kept)
}

// orphanActors lists, among candidates, the actors that after a deletion
// speak nowhere, are spoken to nowhere, carry no notes, and are no other
// actor's parent or member.
func orphanActors(r Reader, candidates map[string]bool) ([]Actor, error) {
	if len(candidates) == 0 {
		return nil, nil
	}
	counts, err := r.SpeakerCounts()
	if err != nil {
		return nil, err
	}
	all, err := r.Actors()
	if err != nil {
		return nil, err
	}
	referenced := map[string]bool{}
	for _, a := range all {
		if a.Parent != "" {
			referenced[a.Parent] = true
		}
		for _, m := range a.Members {
			referenced[m] = true
		}
	}
	var out []Actor
	for _, a := range all {
		if !candidates[a.ID] || counts[a.ID] > 0 || referenced[a.ID] {
			continue
		}
		to, err := r.StatementIDsToActor(a.ID)
		if err != nil {
			return nil, err
		}
		notes, err := r.NotesFor(Target{TargetActor, a.ID})
		if err != nil {
			return nil, err
		}
		if len(to) == 0 && len(notes) == 0 {
			out = append(out, a)
		}
	}
	return out, nil
}

// RestoreCase puts back what DeleteSource removed, in one transaction. It
// refuses when an item with the same id has appeared since, rather than
// overwrite it.
func (c *Casebook) RestoreCase(gone Case) error {
	return c.Store.Update(func(tx Tx) error {
		for _, a := range gone.Actors {
			if _, err := tx.Actor(a.ID); err == nil {
				return fmt.Errorf("%w: actor %q exists again", ErrInvalid, a.ID)
			}
			if err := tx.PutActor(a); err != nil {
				return err
			}
		}
		for _, s := range gone.Sources {
			if _, err := tx.Source(s.ID); err == nil {
				return fmt.Errorf("%w: source %q exists again", ErrInvalid, s.ID)
			}
			var text *string
			if t, ok := gone.Texts[s.ID]; ok {
				text = &t
			}
			if err := tx.PutSource(s, text); err != nil {
				return err
			}
		}
		for _, st := range gone.Statements {
			for _, a := range slices.Concat(st.Speakers, st.Recipients) {
				if _, err := tx.Actor(a); err != nil {
					return fmt.Errorf("statement %s: actor %q: %w", st.ID, a, err)
				}
			}
			if err := tx.PutStatement(st); err != nil {
				return err
			}
		}
		for _, n := range gone.Notes {
			if err := tx.PutNote(n); err != nil {
				return err
			}
		}
		// What the deletion changed rather than removed, as it was.
		for _, st := range gone.Changed {
			if err := tx.PutStatement(st); err != nil {
				return err
			}
		}
		for _, n := range gone.ChangedNotes {
			if err := tx.PutNote(n); err != nil {
				return err
			}
		}
		return nil
	})
}
