package app

import (
	"errors"
	"fmt"
)

// settingSeeded marks a casebook into which the seed case was loaded, or that
// was found holding data of its own; either way the seed is never loaded again.
const settingSeeded = "seeded"

// EnsureSeed loads the seed case into an empty casebook, once. A casebook that
// has been seeded before, or that holds anything, is left exactly as it is, so
// a user's edits to the seed case are never overwritten. It reports whether
// it loaded the seed.
func EnsureSeed(s Store, seed Case) (bool, error) {
	done, err := s.Setting(settingSeeded)
	if err != nil || s.ReadOnly() != "" {
		// A read-only casebook is shown as it is.
		return false, err
	}
	if done != nil {
		if err := markSeedCodes(s, seed); err != nil {
			return false, err
		}
		return false, addSeedShortNames(s, seed)
	}
	empty, err := IsEmpty(s)
	if err != nil {
		return false, err
	}
	if empty {
		if err := Validate(seed); err != nil {
			return false, fmt.Errorf("seed case: %w", err)
		}
		if err := s.Update(func(tx Tx) error { return PutCase(tx, seed) }); err != nil {
			return false, fmt.Errorf("loading the seed case: %w", err)
		}
	}
	return empty, s.PutSetting(settingSeeded, []byte("1"))
}

// settingSeedCodes marks a casebook whose seed codes say they came with
// the seed.
const settingSeedCodes = "seed.coded-by"

// markSeedCodes, once, marks the codes a casebook seeded before Coding.By
// existed holds as the seed's: a statement of the seed, untouched, with
// the seed's own code. Codes a user changed stay the user's.
func markSeedCodes(s Store, seed Case) error {
	if done, err := s.Setting(settingSeedCodes); err != nil || done != nil {
		return err
	}
	err := s.Update(func(tx Tx) error {
		for _, want := range seed.Statements {
			st, err := tx.Statement(want.ID)
			if errors.Is(err, ErrNotFound) {
				continue
			}
			if err != nil {
				return err
			}
			c, w := st.Coding, want.Coding
			c.By, w.By = "", ""
			if st.Source == want.Source && st.Coding.By == "" && c == w {
				st.Coding.By = CodedBySeed
				if err := tx.PutStatement(st); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return s.PutSetting(settingSeedCodes, []byte("1"))
}

// settingSeedShortNames marks a casebook whose seed actors carry the
// seed's short names.
const settingSeedShortNames = "seed.short-names"

// addSeedShortNames, once, gives the seed's actors in a casebook seeded
// before Actor.Short existed the seed's short names, where the actor
// still has the seed's name and no short name of its own.
func addSeedShortNames(s Store, seed Case) error {
	if done, err := s.Setting(settingSeedShortNames); err != nil || done != nil {
		return err
	}
	err := s.Update(func(tx Tx) error {
		for _, want := range seed.Actors {
			a, err := tx.Actor(want.ID)
			if errors.Is(err, ErrNotFound) {
				continue
			}
			if err != nil {
				return err
			}
			if want.Short != "" && a.Short == "" && a.Name == want.Name {
				a.Short = want.Short
				if err := tx.PutActor(a); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return s.PutSetting(settingSeedShortNames, []byte("1"))
}

// MarkSeeded records that the casebook must never get the seed case, as
// after a restore.
func MarkSeeded(s Store) error { return s.PutSetting(settingSeeded, []byte("1")) }

// IsEmpty reports whether a casebook holds no actor, place, source,
// statement, note or event.
func IsEmpty(r Reader) (bool, error) {
	actors, err := r.Actors()
	if err != nil || len(actors) > 0 {
		return false, err
	}
	places, err := r.Places()
	if err != nil || len(places) > 0 {
		return false, err
	}
	sources, err := r.Sources()
	if err != nil || len(sources) > 0 {
		return false, err
	}
	ids, err := r.StatementIDs()
	if err != nil || len(ids) > 0 {
		return false, err
	}
	events, err := r.Events()
	if err != nil || len(events) > 0 {
		return false, err
	}
	notes := 0
	err = r.ForEachNote(func(Note) error { notes++; return nil })
	return notes == 0, err
}

// PutCase writes every item of a case in one transaction.
func PutCase(tx Tx, c Case) error {
	for _, a := range c.Actors {
		if err := tx.PutActor(a); err != nil {
			return err
		}
	}
	for _, p := range c.Places {
		if err := tx.PutPlace(p); err != nil {
			return err
		}
	}
	for _, s := range c.Sources {
		var text *string
		if t, ok := c.Texts[s.ID]; ok {
			text = &t
		}
		if err := tx.PutSource(s, text); err != nil {
			return err
		}
	}
	for _, st := range c.Statements {
		if err := tx.PutStatement(st); err != nil {
			return err
		}
	}
	for _, n := range c.Notes {
		if err := tx.PutNote(n); err != nil {
			return err
		}
	}
	for _, e := range c.Events {
		if err := tx.PutEvent(e); err != nil {
			return err
		}
	}
	return nil
}
