package storage

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/dgraph-io/badger/v4"
	json "github.com/goccy/go-json"

	"codeberg.org/parley/parley/app"
)

// Fill writes into an empty casebook through Badger's batch writer, with
// the same keys and values transactions write: no item is read first, and
// the speakers' counters are kept in memory and written at the end.
func (s *Store) Fill(fn func(app.Filler) error) (err error) {
	if s.readOnly != "" {
		return fmt.Errorf("%w: %s", app.ErrReadOnly, s.readOnly)
	}
	empty, err := app.IsEmpty(s)
	if err != nil {
		return err
	}
	if !empty {
		return errors.New("a casebook is filled only when it is empty")
	}
	// What a fill writes is in no change log: no saved index may claim it.
	if err := s.DropIndex(); err != nil {
		return err
	}
	s.write.Lock()
	defer s.write.Unlock()
	// Written with larger memtables, and tables of one size at every
	// level: Badger compacts behind the writer, and these make it compact
	// less often and build smaller tables in memory when it does (Badger
	// doubles them level by level, and its builders held most of a fill's
	// memory). The casebook is opened as ever again after.
	if err := s.reopenWith(bulkOptions(s.dbDir)); err != nil {
		return err
	}
	defer func() {
		if rerr := s.reopenWith(options(s.dbDir)); err == nil {
			err = rerr
		}
	}()
	wb := s.db.NewWriteBatch()
	defer wb.Cancel()
	f := &filler{wb: wb, counts: map[string]int{}, store: s}
	if err := fn(f); err != nil {
		return err
	}
	for actor, n := range f.counts {
		if err := wb.Set([]byte(cntSpeaker+actor), []byte(strconv.Itoa(n))); err != nil {
			return err
		}
	}
	if err := wb.Flush(); err != nil {
		return err
	}
	return s.db.Sync()
}

// filler is app.Filler on a write batch.
type filler struct {
	wb     *badger.WriteBatch
	counts map[string]int
	store  *Store
	n      int
}

// releaseEvery is how many statements a fill writes between giving back
// the pages of the casebook's files it has mapped (see ReleaseReadPages):
// Badger writes its value log and reads the tables it compacts through
// maps, which would otherwise count in the fill's memory by the gigabyte.
const releaseEvery = 50_000

// bulkOptions are the options a fill opens the casebook with.
func bulkOptions(dir string) badger.Options {
	o := options(dir).
		WithMemTableSize(4 * memTableSize).
		WithNumLevelZeroTables(5).
		WithNumLevelZeroTablesStall(15)
	o.TableSizeMultiplier = 1
	return o
}

// reopenWith closes the database and opens it again with o.
func (s *Store) reopenWith(o badger.Options) error {
	s.swap.Lock()
	defer s.swap.Unlock()
	if err := s.db.Close(); err != nil {
		return err
	}
	return s.openWith(o)
}

func (f *filler) set(key string, v []byte) error { return f.wb.Set([]byte(key), v) }

func (f *filler) putJSON(key string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return f.set(key, b)
}

func (f *filler) PutActor(a app.Actor) error { return f.putJSON(prefixActor+a.ID, a) }
func (f *filler) PutPlace(p app.Place) error { return f.putJSON(prefixPlace+p.ID, p) }
func (f *filler) PutEvent(e app.Event) error { return f.putJSON(prefixEvent+e.ID, e) }

func (f *filler) PutSource(s app.Source, text *string) error {
	if text != nil {
		if err := f.set(prefixText+s.ID, []byte(*text)); err != nil {
			return err
		}
		if s.LooseHash == "" {
			s.LooseHash = app.LooseTextHash(*text)
		}
	}
	for _, k := range sourceKeys(s) {
		if err := f.set(k, []byte(s.ID)); err != nil {
			return err
		}
	}
	return f.putJSON(prefixSource+s.ID, s)
}

func (f *filler) PutStatement(st app.Statement) error {
	value, err := json.Marshal(st)
	if err != nil {
		return err
	}
	for _, k := range statementIndexKeys(st) {
		if err := f.wb.Set(k, nil); err != nil {
			return err
		}
	}
	for _, a := range unique(st.Speakers) {
		f.counts[a]++
	}
	if f.n++; f.n%releaseEvery == 0 {
		_ = f.store.ReleaseReadPages() // only memory: not worth failing for
	}
	return f.set(prefixStatement+st.ID, value)
}

func (f *filler) PutNote(n app.Note) error {
	if err := f.wb.Set(noteIndexKey(n), nil); err != nil {
		return err
	}
	return f.putJSON(prefixNote+n.ID, n)
}
