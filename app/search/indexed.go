package search

import (
	"errors"
	"sync"

	"codeberg.org/parley/parley/app"
)

// IndexedStore is a Store that keeps a full-text Index current: every
// write that commits is followed by reindexing exactly the items it
// touched, read back from the store, so the index never needs a rebuild
// while Parley runs.
//
// On a store that logs its changes and keeps a saved index (storage.Store:
// app.ChangeLog, app.IndexSaver), LoadIndex loads the saved index and
// reindexes what the changes after it touched; it builds the index from
// the whole casebook, and saves it, only when none is saved or the one
// saved is of another format. The index is saved again, in the
// background, once enough has changed since (saveEvery items), so that the
// next load has little to catch up on. On any other store the index is
// built at every LoadIndex.
type IndexedStore struct {
	app.Store
	index *Index

	// writing is held across a write and its reindexing, so that the
	// index follows the change log in its order.
	writing sync.Mutex

	mu      sync.Mutex
	built   bool
	pending []change
	done    chan struct{}
	err     error
	once    sync.Once
	// at is the change the index is current to; logged says whether it
	// follows the store's change log (a write that went round this store
	// breaks the chain, and the index is then not saved); unsaved counts
	// the items reindexed since the index was last saved; saving is set
	// while a save runs.
	at      uint64
	logged  bool
	unsaved int
	saving  bool
	saves   sync.WaitGroup // background saves running
	// how says how the index was made ready: "loaded" (saved, current),
	// "caught up" (saved, and changes after it reindexed), "built".
	how string
	// saved is the saved index the index was loaded from, and still
	// uses: its pages may be given back (ReleaseMappedPages).
	saved []byte
}

// saveEvery is how many items reindexed since the last save make the index
// worth saving again: catching up on a few thousand at the next load
// costs a few milliseconds, saving a large index more. A large index waits
// for a fiftieth of its documents (saveDue): suggesting the codes of a
// million statements again, it was saved some five hundred times, each
// save a copy of the whole.
const saveEvery = 2000

// saveDue reports whether enough changed since the last save to save the
// index again. The caller holds s.writing.
func (s *IndexedStore) saveDue() bool {
	return s.unsaved >= max(saveEvery, s.index.Len()/50)
}

// NewIndexedStore wraps a store. Its index is empty until LoadIndex runs.
func NewIndexedStore(s app.Store) *IndexedStore {
	return &IndexedStore{Store: s, index: NewIndex(), done: make(chan struct{})}
}

// PageReleaser is a store that can give back the memory a read of the
// whole casebook left mapped (see storage.Store.ReleaseReadPages).
type PageReleaser interface {
	ReleaseReadPages() error
}

// IndexPageReleaser is a store that maps its saved index into memory and
// can give back the pages of it the index has not changed (see
// storage.Store.ReleaseIndexPages).
type IndexPageReleaser interface {
	ReleaseIndexPages(data []byte) error
}

// ReleaseMappedPages gives back the pages of the saved index that the
// index reads but has not changed: they stay in the system's file cache,
// and a query that reads them again maps them again. The window calls it
// once a scene of the whole casebook, which reads most of them, is done.
func (s *IndexedStore) ReleaseMappedPages() {
	r, ok := s.Store.(IndexPageReleaser)
	if !ok || !s.Ready() {
		return
	}
	s.writing.Lock()
	defer s.writing.Unlock()
	if s.saved == nil {
		return
	}
	// No change to the index meanwhile: a page written between the look
	// and the release would lose the write.
	s.index.mu.Lock()
	defer s.index.mu.Unlock()
	_ = r.ReleaseIndexPages(s.saved) // only memory: nothing to report
}

// Progress is told, while the index is built from the whole casebook, how
// many items are done of how many (total 0: not known).
type Progress func(done, total int)

// LoadIndex makes the index ready: the saved one brought up to date, or one
// built and saved (see IndexedStore). Only the first call works; later
// ones wait for it and return its result. progress may be nil.
func (s *IndexedStore) LoadIndex(progress Progress) error {
	s.once.Do(func() {
		err := s.load(progress)
		s.mu.Lock()
		s.built, s.err = true, err
		s.mu.Unlock()
		close(s.done)
	})
	<-s.done
	return s.err
}

// How says how LoadIndex made the index ready: "loaded", "caught up" or
// "built"; "" before.
func (s *IndexedStore) How() string {
	<-s.done
	return s.how
}

func (s *IndexedStore) load(progress Progress) error {
	saver, canSave := s.Store.(app.IndexSaver)
	if canSave {
		at, data, err := saver.SavedIndex()
		if err != nil {
			return err
		}
		if pr, ok := s.Store.(PageReleaser); ok && data != nil {
			// The read went through the value log's mapped pages.
			_ = pr.ReleaseReadPages()
		}
		if data != nil {
			if ix, err := UnmarshalIndex(data); err == nil {
				s.saved = data
				return s.catchUp(ix, at)
			}
			// Another format: built again below, and saved over it.
		}
	}
	var at uint64
	logged := false
	err := s.Store.View(func(r app.Reader) error {
		if cl, ok := r.(app.ChangeLog); ok {
			var err error
			if at, err = cl.LastChange(); err != nil {
				return err
			}
			logged = true
		}
		return s.index.build(r, progress)
	})
	if pr, ok := s.Store.(PageReleaser); ok && err == nil {
		// Not fatal: the pages only cost memory the system can reclaim.
		_ = pr.ReleaseReadPages()
	}
	if err != nil {
		return err
	}
	s.how = "built"
	if !logged {
		// Writes made during the build were kept to apply now.
		s.mu.Lock()
		s.index.apply(s.Store, s.pending)
		s.pending, s.built = nil, true
		s.mu.Unlock()
		return nil
	}
	s.writing.Lock()
	s.at, s.logged = at, true
	err = s.catchUpLocked()
	s.writing.Unlock()
	if err != nil {
		return err
	}
	if canSave {
		s.save()
	}
	return nil
}

// catchUp takes a loaded index current to change at and reindexes what
// later changes touched.
func (s *IndexedStore) catchUp(ix *Index, at uint64) error {
	s.writing.Lock()
	defer s.writing.Unlock()
	s.index.swapIn(ix)
	s.at, s.logged = at, true
	s.how = "loaded"
	if err := s.catchUpLocked(); err != nil {
		return err
	}
	if s.unsaved > 0 {
		s.how = "caught up"
	}
	if s.saveDue() {
		s.saveInBackground()
	}
	return nil
}

// saveInBackground saves the index on another goroutine; WaitForSaves
// waits for it.
func (s *IndexedStore) saveInBackground() {
	s.saves.Add(1)
	go func() {
		defer s.saves.Done()
		s.save()
	}()
}

// WaitForSaves waits until no save of the index runs: the store must not
// be closed under one.
func (s *IndexedStore) WaitForSaves() { s.saves.Wait() }

// catchUpLocked reindexes what the changes after s.at touched, read in one
// snapshot with the change log. The caller holds s.writing.
func (s *IndexedStore) catchUpLocked() error {
	return s.Store.View(func(r app.Reader) error {
		cl, ok := r.(app.ChangeLog)
		if !ok {
			return nil
		}
		var changes []change
		seen := map[change]bool{}
		last, err := cl.ChangesSince(s.at, func(kind app.ChangeKind, id string) error {
			c := change{docKindOf(kind), id}
			if !seen[c] {
				seen[c] = true
				changes = append(changes, c)
			}
			return nil
		})
		if err != nil {
			return err
		}
		s.index.apply(r, changes)
		s.at = last
		s.unsaved += len(changes)
		// Ready from here: a write after this is reindexed by Update.
		s.mu.Lock()
		s.built, s.pending = true, nil
		s.mu.Unlock()
		return nil
	})
}

func docKindOf(k app.ChangeKind) DocKind {
	switch k {
	case app.ChangedActor:
		return DocActor
	case app.ChangedPlace:
		return DocPlace
	case app.ChangedSource:
		return DocSource
	case app.ChangedNote:
		return DocNote
	}
	return DocStatement
}

// save saves the index, current to s.at, unless a save runs already or
// the index does not follow the change log. A failed save costs only time
// at the next load.
func (s *IndexedStore) save() {
	saver, ok := s.Store.(app.IndexSaver)
	if !ok {
		return
	}
	s.writing.Lock()
	if s.saving || !s.logged || s.Store.ReadOnly() != "" {
		s.writing.Unlock()
		return
	}
	s.saving = true
	// Marshalled under the write lock, so that it is current to s.at.
	at, data := s.at, s.index.Marshal()
	s.unsaved = 0
	s.writing.Unlock()
	if err := saver.SaveIndex(at, data); err != nil {
		s.writing.Lock()
		s.unsaved = saveEvery // try again after the next write
		s.writing.Unlock()
	}
	s.writing.Lock()
	s.saving = false
	s.writing.Unlock()
	// Marshalling read every page of a mapped index.
	s.ReleaseMappedPages()
}

// SaveIndex saves the index now if anything changed since it was saved.
func (s *IndexedStore) SaveIndex() {
	if !s.Ready() {
		return
	}
	s.writing.Lock()
	due := s.unsaved > 0
	s.writing.Unlock()
	if due {
		s.save()
	}
}

// Index waits until the index is ready and returns it.
func (s *IndexedStore) Index() (*Index, error) {
	<-s.done
	return s.index, s.err
}

// Ready reports whether the index is ready.
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
	s.writing.Lock()
	defer s.writing.Unlock()
	var changes []change
	var before uint64
	logged := false
	err := s.Store.Update(func(tx app.Tx) error {
		changes = changes[:0]
		if err := fn(&recordingTx{Tx: tx, changes: &changes}); err != nil {
			return err
		}
		// The store logs this write after fn, under the next number.
		if cl, ok := tx.(app.ChangeLog); ok {
			var err error
			before, err = cl.LastChange()
			logged = err == nil
		}
		return nil
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
	if logged && s.logged && before == s.at {
		s.at = before + 1
	} else {
		s.logged = false
	}
	s.unsaved += len(changes)
	if s.logged && !s.saving && s.saveDue() {
		s.saveInBackground()
	}
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

// rebuild builds the index again after the store changed under it, and
// saves it.
func (s *IndexedStore) rebuild() error {
	s.mu.Lock()
	built := s.built
	s.pending = nil
	s.mu.Unlock()
	if !built {
		return nil
	}
	s.writing.Lock()
	err := s.Store.View(func(r app.Reader) error {
		s.logged = false
		if cl, ok := r.(app.ChangeLog); ok {
			at, err := cl.LastChange()
			if err != nil {
				return err
			}
			s.at, s.logged = at, true
		}
		// build swaps the new contents in under the index's own lock.
		return s.index.build(r, nil)
	})
	s.unsaved, s.saved = 1, nil
	s.writing.Unlock()
	if err == nil {
		s.save()
	}
	return err
}

// Unwrap is the store the index follows, for what it does not index
// (feeds and their inbox).
func (s *IndexedStore) Unwrap() app.Store { return s.Store }

// RankPlaces ranks the places of statements from the index once it is
// ready (app.PlaceRanker): a click on an actor then reads no statement.
func (s *IndexedStore) RankPlaces(ids []string) ([]string, bool) {
	ix, ok := s.readyIndex()
	if !ok {
		return nil, false
	}
	return ix.RankPlaces(ids), true
}

// RankSpeakerPlaces ranks the places of what an actor said from the index
// once it is ready (app.PlaceRanker), without the list of it.
func (s *IndexedStore) RankSpeakerPlaces(actor string) ([]string, bool) {
	ix, ok := s.readyIndex()
	if !ok {
		return nil, false
	}
	return ix.RankSpeakerPlaces(actor), true
}

// readyIndex is the index once it is ready, without waiting for it.
func (s *IndexedStore) readyIndex() (*Index, bool) {
	if !s.Ready() {
		return nil, false
	}
	ix, err := s.Index()
	return ix, err == nil
}
