package search

import (
	"errors"
	"sync"

	"codeberg.org/parley/parley/app"
)

// IndexedStore is a Store that keeps a full-text Index current: every
// write that commits is followed by reindexing exactly the items it
// touched, read back from the store, so the index never needs a rebuild
// while Parley runs. The index itself is built once, from one snapshot,
// when BuildIndex is called (the window does that in the background after
// its first frame); writes made while it is being built are applied after.
type IndexedStore struct {
	app.Store
	index *Index

	mu      sync.Mutex
	built   bool
	pending []change
	done    chan struct{}
	err     error
	once    sync.Once
}

// NewIndexedStore wraps a store. Its index is empty until BuildIndex runs.
func NewIndexedStore(s app.Store) *IndexedStore {
	return &IndexedStore{Store: s, index: NewIndex(), done: make(chan struct{})}
}

// PageReleaser is a store that can give back the memory a read of the
// whole casebook left mapped (see storage.Store.ReleaseReadPages).
type PageReleaser interface {
	ReleaseReadPages() error
}

// BuildIndex reads the whole casebook into the index. Only the first call
// works; later ones wait for it and return its result.
func (s *IndexedStore) BuildIndex() error {
	s.once.Do(func() {
		err := s.Store.View(func(r app.Reader) error { return s.index.Build(r) })
		if pr, ok := s.Store.(PageReleaser); ok && err == nil {
			// Not fatal: the pages only cost memory the system can reclaim.
			_ = pr.ReleaseReadPages()
		}
		s.mu.Lock()
		if err == nil {
			s.index.apply(s.Store, s.pending)
		}
		s.pending, s.built, s.err = nil, true, err
		s.mu.Unlock()
		close(s.done)
	})
	<-s.done
	return s.err
}

// Index waits until the index is built and returns it.
func (s *IndexedStore) Index() (*Index, error) {
	<-s.done
	return s.index, s.err
}

// Ready reports whether the index is built.
func (s *IndexedStore) Ready() bool {
	select {
	case <-s.done:
		return true
	default:
		return false
	}
}

// Update runs fn in one transaction and, once it has committed, reindexes
// what it touched.
func (s *IndexedStore) Update(fn func(app.Tx) error) error {
	var changes []change
	err := s.Store.Update(func(tx app.Tx) error {
		changes = changes[:0]
		return fn(&recordingTx{Tx: tx, changes: &changes})
	})
	if err != nil || len(changes) == 0 {
		return err
	}
	s.mu.Lock()
	if !s.built {
		s.pending = append(s.pending, changes...)
		s.mu.Unlock()
		return nil
	}
	s.mu.Unlock()
	s.index.apply(s.Store, changes)
	return nil
}

// recordingTx notes which items a transaction writes.
type recordingTx struct {
	app.Tx
	changes *[]change
}

func (t *recordingTx) note(k DocKind, id string) { *t.changes = append(*t.changes, change{k, id}) }

func (t *recordingTx) PutActor(a app.Actor) error {
	t.note(DocActor, a.ID)
	return t.Tx.PutActor(a)
}

func (t *recordingTx) PutPlace(p app.Place) error {
	t.note(DocPlace, p.ID)
	return t.Tx.PutPlace(p)
}

func (t *recordingTx) PutSource(src app.Source, text *string) error {
	t.note(DocSource, src.ID)
	return t.Tx.PutSource(src, text)
}

func (t *recordingTx) PutStatement(st app.Statement) error {
	t.note(DocStatement, st.ID)
	return t.Tx.PutStatement(st)
}

func (t *recordingTx) PutNote(n app.Note) error {
	t.note(DocNote, n.ID)
	return t.Tx.PutNote(n)
}

func (t *recordingTx) DeleteActor(id string) error {
	t.note(DocActor, id)
	return t.Tx.DeleteActor(id)
}

func (t *recordingTx) DeletePlace(id string) error {
	t.note(DocPlace, id)
	return t.Tx.DeletePlace(id)
}

func (t *recordingTx) DeleteSource(id string) error {
	t.note(DocSource, id)
	return t.Tx.DeleteSource(id)
}

func (t *recordingTx) DeleteStatement(id string) error {
	t.note(DocStatement, id)
	return t.Tx.DeleteStatement(id)
}

func (t *recordingTx) DeleteNote(id string) error {
	t.note(DocNote, id)
	return t.Tx.DeleteNote(id)
}

// Replace replaces the store whole when it can be (app.Replacer), and then
// builds the index again from what replaced it.
func (s *IndexedStore) Replace(fill func(app.Store) error) (string, error) {
	r, ok := s.Store.(app.Replacer)
	if !ok {
		return "", errors.New("this casebook cannot be replaced")
	}
	previous, err := r.Replace(fill)
	if err != nil {
		return "", err
	}
	return previous, s.rebuild()
}

// Amend changes the store in one step when it can (app.Amender), and then
// builds the index again.
func (s *IndexedStore) Amend(what string, change func(app.Store) error) (string, error) {
	a, ok := s.Store.(app.Amender)
	if !ok {
		return "", errors.New("this casebook cannot be changed in one step")
	}
	previous, err := a.Amend(what, change)
	if err != nil {
		return "", err
	}
	return previous, s.rebuild()
}

// rebuild builds the index again after the store changed under it.
func (s *IndexedStore) rebuild() error {
	s.mu.Lock()
	built := s.built
	s.pending = nil
	s.mu.Unlock()
	if built {
		// Build swaps the new contents in under the index's own lock.
		return s.Store.View(s.index.Build)
	}
	return nil
}
