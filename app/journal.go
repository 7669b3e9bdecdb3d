package app

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// ImportJournal records an import filed in several transactions because it
// is too large for one: written with the first, deleted with the last. What
// it names is taken out again if a crash stops the import between them, so
// that an article is in the casebook whole or not at all.
type ImportJournal struct {
	Source string `json:"source"`
	// StatementPrefix starts the id of every statement the import files.
	StatementPrefix string `json:"statement_prefix"`
	// Actors are the actors the import added.
	Actors []string `json:"actors"`
	// Attach is set when the source was in the casebook before (the seed
	// article without its text): then only the import's statements go.
	Attach bool `json:"attach,omitempty"`
}

const journalImport = "import/"

// ImportJournalKey is the journal key of an import of a source.
func ImportJournalKey(source string) string { return journalImport + source }

// undoChunk bounds the deletions of one transaction while undoing.
const undoChunk = 500

// RecoverInterrupted takes out what a crash left half written: every import
// whose journal is still there. It is called when a casebook is opened,
// before anything else writes, and returns the sources it took out.
func RecoverInterrupted(s Store) ([]string, error) {
	journals, err := s.Journals()
	if err != nil {
		return nil, err
	}
	if len(journals) > 0 && s.ReadOnly() != "" {
		// Taken out when the casebook can be written again; until then it
		// shows what it holds.
		return nil, nil
	}
	var undone []string
	for key, raw := range journals {
		if !strings.HasPrefix(key, journalImport) {
			continue
		}
		var j ImportJournal
		if err := json.Unmarshal(raw, &j); err != nil || j.Source == "" || j.StatementPrefix == "" {
			return undone, fmt.Errorf("the record of an interrupted import (%s) is damaged: %v", key, err)
		}
		if err := undoImport(s, key, j); err != nil {
			return undone, fmt.Errorf("taking out the interrupted import of %s: %w", j.Source, err)
		}
		undone = append(undone, j.Source)
	}
	slices.Sort(undone)
	return undone, nil
}

// UndoImport takes out an import of source filed in parts that failed part
// way, as RecoverInterrupted would at the next start.
func UndoImport(s Store, source string) error {
	key := ImportJournalKey(source)
	journals, err := s.Journals()
	if err != nil {
		return err
	}
	raw, ok := journals[key]
	if !ok {
		return nil
	}
	var j ImportJournal
	if err := json.Unmarshal(raw, &j); err != nil {
		return err
	}
	return undoImport(s, key, j)
}

func undoImport(s Store, key string, j ImportJournal) error {
	// Reports the import added to statements filed before go first.
	if err := s.Update(func(tx Tx) error {
		ids, err := tx.StatementIDsBySource(j.Source)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if strings.HasPrefix(id, j.StatementPrefix) {
				continue
			}
			st, err := tx.Statement(id)
			if err != nil {
				return err
			}
			if st.Source == j.Source {
				continue // its own report: a statement of the source itself
			}
			st.dropReport(j.Source)
			if err := tx.PutStatement(st); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return err
	}
	for {
		ids, err := s.StatementIDsBySource(j.Source)
		if err != nil {
			return err
		}
		ids = slices.DeleteFunc(ids, func(id string) bool { return !strings.HasPrefix(id, j.StatementPrefix) })
		if len(ids) == 0 {
			break
		}
		ids = ids[:min(len(ids), undoChunk)]
		if err := s.Update(func(tx Tx) error {
			for _, id := range ids {
				if err := tx.DeleteStatement(id); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			return err
		}
	}
	return s.Update(func(tx Tx) error {
		for _, a := range j.Actors {
			if err := tx.DeleteActor(a); err != nil {
				return err
			}
		}
		if !j.Attach {
			if err := tx.DeleteSource(j.Source); err != nil {
				return err
			}
		}
		return tx.DeleteJournal(key)
	})
}
