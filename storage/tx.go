package storage

import (
	"errors"
	"strconv"

	json "github.com/goccy/go-json" // faster drop-in for encoding/json; values stay JSON

	"github.com/dgraph-io/badger/v4"

	"codeberg.org/parley/parley/app"
)

// tx implements app.Tx: every put keeps the secondary indexes and counters in
// step with the item in the same Badger transaction.
type tx struct {
	reader
	txn *badger.Txn
	// touched lists the items written or deleted, for the change log
	// (changes.go).
	touched []touchedItem
}

func (t *tx) putJSON(key string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return t.txn.Set([]byte(key), b)
}

func (t *tx) PutActor(a app.Actor) error {
	t.touch(app.ChangedActor, a.ID)
	return t.putJSON(prefixActor+a.ID, a)
}

func (t *tx) PutPlace(p app.Place) error {
	t.touch(app.ChangedPlace, p.ID)
	return t.putJSON(prefixPlace+p.ID, p)
}

func (t *tx) PutEvent(e app.Event) error { return t.putJSON(prefixEvent+e.ID, e) }

func (t *tx) PutJournal(key string, value []byte) error {
	return t.txn.Set([]byte(prefixJournal+key), value)
}
func (t *tx) DeleteJournal(key string) error { return t.txn.Delete([]byte(prefixJournal + key)) }

func (t *tx) DeleteActor(id string) error {
	t.touch(app.ChangedActor, id)
	return t.txn.Delete([]byte(prefixActor + id))
}

func (t *tx) DeletePlace(id string) error {
	t.touch(app.ChangedPlace, id)
	return t.txn.Delete([]byte(prefixPlace + id))
}

func (t *tx) DeleteEvent(id string) error { return t.txn.Delete([]byte(prefixEvent + id)) }

func (t *tx) PutSource(s app.Source, text *string) error {
	t.touch(app.ChangedSource, s.ID)
	old, err := t.Source(s.ID)
	switch {
	case err == nil:
		if err := t.deleteSourceKeys(old); err != nil {
			return err
		}
	case !errors.Is(err, app.ErrNotFound):
		return err
	}
	if text != nil {
		if err := t.txn.Set([]byte(prefixText+s.ID), []byte(*text)); err != nil {
			return err
		}
		if s.LooseHash == "" {
			s.LooseHash = app.LooseTextHash(*text)
		}
	}
	for _, k := range sourceKeys(s) {
		if err := t.txn.Set([]byte(k), []byte(s.ID)); err != nil {
			return err
		}
	}
	return t.putJSON(prefixSource+s.ID, s)
}

// sourceKeys are the lookup keys a source owns: its text's hashes and its
// address.
func sourceKeys(s app.Source) []string {
	var keys []string
	if s.TextHash != "" {
		keys = append(keys, prefixHash+s.TextHash)
	}
	if s.LooseHash != "" {
		keys = append(keys, prefixLoose+s.LooseHash)
	}
	if s.URL != "" {
		keys = append(keys, prefixURL+s.URL)
	}
	return keys
}

// deleteSourceKeys deletes the lookup keys of a source that point at it
// (another source may own the same key since).
func (t *tx) deleteSourceKeys(old app.Source) error {
	for _, k := range sourceKeys(old) {
		item, err := t.txn.Get([]byte(k))
		if errors.Is(err, badger.ErrKeyNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		owner, err := item.ValueCopy(nil)
		if err != nil {
			return err
		}
		if string(owner) != old.ID {
			continue
		}
		if err := t.txn.Delete([]byte(k)); err != nil {
			return err
		}
	}
	return nil
}

func (t *tx) DeleteSource(id string) error {
	t.touch(app.ChangedSource, id)
	old, err := t.Source(id)
	if errors.Is(err, app.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if err := t.deleteSourceKeys(old); err != nil {
		return err
	}
	if err := t.txn.Delete([]byte(prefixText + id)); err != nil {
		return err
	}
	return t.txn.Delete([]byte(prefixSource + id))
}

func (t *tx) PutStatement(s app.Statement) error {
	t.touch(app.ChangedStatement, s.ID)
	if err := t.DeleteStatement(s.ID); err != nil {
		return err
	}
	value, err := json.Marshal(s)
	if err != nil {
		return err
	}
	for _, k := range statementIndexKeys(s) {
		if err := t.txn.Set(k, nil); err != nil {
			return err
		}
	}
	for _, a := range unique(s.Speakers) {
		if err := t.addCount(a, 1); err != nil {
			return err
		}
	}
	return t.txn.Set([]byte(prefixStatement+s.ID), value)
}

func (t *tx) DeleteStatement(id string) error {
	t.touch(app.ChangedStatement, id)
	old, err := t.Statement(id)
	if errors.Is(err, app.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, k := range statementIndexKeys(old) {
		if err := t.txn.Delete(k); err != nil {
			return err
		}
	}
	for _, a := range unique(old.Speakers) {
		if err := t.addCount(a, -1); err != nil {
			return err
		}
	}
	return t.txn.Delete([]byte(prefixStatement + id))
}

// addCount moves an actor's statement counter; a counter that reaches zero
// is removed so that the counters hold only actors who speak.
func (t *tx) addCount(actor string, delta int) error {
	key := []byte(cntSpeaker + actor)
	n := 0
	item, err := t.txn.Get(key)
	switch {
	case err == nil:
		err = item.Value(func(v []byte) error {
			var perr error
			n, perr = strconv.Atoi(string(v))
			return perr
		})
		if err != nil {
			return err
		}
	case !errors.Is(err, badger.ErrKeyNotFound):
		return err
	}
	n += delta
	if n <= 0 {
		return t.txn.Delete(key)
	}
	return t.txn.Set(key, []byte(strconv.Itoa(n)))
}

func (t *tx) PutNote(n app.Note) error {
	t.touch(app.ChangedNote, n.ID)
	if err := t.DeleteNote(n.ID); err != nil {
		return err
	}
	if err := t.txn.Set(noteIndexKey(n), nil); err != nil {
		return err
	}
	return t.putJSON(prefixNote+n.ID, n)
}

func (t *tx) DeleteNote(id string) error {
	t.touch(app.ChangedNote, id)
	old, err := t.Note(id)
	if errors.Is(err, app.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if err := t.txn.Delete(noteIndexKey(old)); err != nil {
		return err
	}
	return t.txn.Delete([]byte(prefixNote + id))
}
