package storage

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/pb"
	"github.com/dgraph-io/ristretto/v2/z"
	json "github.com/goccy/go-json"

	"codeberg.org/parley/parley/app"
)

// Fill writes into an empty casebook through Badger's stream writer, with
// the same keys and values transactions write: what fn puts is gathered
// and sorted by key (runSorter, in files beside the casebook past
// fillRunBytes), and the writer turns the sorted pairs straight into tables
// of the last level. No item is read first, the speakers' counters are kept
// in memory and written with the rest, and nothing is compacted after.
func (s *Store) Fill(fn func(app.Filler) error) error {
	_, err := s.fill(fn, fillRunBytes)
	return err
}

// fill is Fill with runs of runBytes; it tells how many runs it wrote.
func (s *Store) fill(fn func(app.Filler) error, runBytes int) (runs int, err error) {
	if s.readOnly != "" {
		return 0, fmt.Errorf("%w: %s", app.ErrReadOnly, s.readOnly)
	}
	empty, err := app.IsEmpty(s)
	if err != nil {
		return 0, err
	}
	if !empty {
		return 0, errors.New("a casebook is filled only when it is empty")
	}
	// What a fill writes is in no change log: no saved index may claim it.
	if err := s.DropIndex(); err != nil {
		return 0, err
	}
	s.write.Lock()
	defer s.write.Unlock()
	if err := s.reopenWith(fillOptions(s.dbDir)); err != nil {
		return 0, err
	}
	defer func() {
		if rerr := s.reopenWith(options(s.dbDir)); err == nil {
			err = rerr
		}
	}()
	rs := newRunSorter(s.dbDir, runBytes)
	defer rs.remove()
	// The writer starts from nothing: what the casebook holds already (its
	// schema, settings) goes in with the rest.
	err = s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.DefaultIteratorOptions)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			v, err := it.Item().ValueCopy(nil)
			if err != nil {
				return err
			}
			if err := rs.add(it.Item().Key(), v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	f := &filler{sink: rs, counts: map[string]int{}}
	if err := fn(f); err != nil {
		return 0, err
	}
	for actor, n := range f.counts {
		if err := f.set(cntSpeaker+actor, []byte(strconv.Itoa(n))); err != nil {
			return 0, err
		}
	}
	return len(rs.runs), s.streamIn(rs)
}

// fillRunBytes is how much a fill sorts in memory before it writes a run.
const fillRunBytes = 128 << 20

// streamIn replaces the database's contents with rs's pairs, in key order.
func (s *Store) streamIn(rs *runSorter) (err error) {
	sw := s.db.NewStreamWriter()
	if err := sw.Prepare(); err != nil {
		return err
	}
	defer func() {
		if err != nil {
			sw.Cancel()
		}
	}()
	buf := z.NewBuffer(streamBatchBytes+(1<<20), "parley.fill")
	defer func() { _ = buf.Release() }()
	n := 0
	kv := &pb.KV{Version: 1}
	err = rs.merge(func(key, value []byte) error {
		kv.Key, kv.Value = key, value
		badger.KVToBuffer(kv, buf)
		if buf.LenNoPadding() >= streamBatchBytes {
			if err := sw.Write(buf); err != nil {
				return err
			}
			buf.Reset()
		}
		if n++; n%releaseEvery == 0 {
			_ = s.ReleaseReadPages() // only memory: not worth failing for
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := sw.Write(buf); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_ = s.ReleaseReadPages()
	return nil
}

// fillOptions are the options a fill opens the casebook with: the stream
// writer builds tables of the last level's size, in memory, up to sixteen
// at once, and Badger's default for the last level is 64 MB.
func fillOptions(dir string) badger.Options {
	o := options(dir).WithBaseTableSize(fillTableSize)
	o.TableSizeMultiplier = 1
	return o
}

const fillTableSize = 8 << 20

// reopenWith closes the database and opens it again with o.
func (s *Store) reopenWith(o badger.Options) error {
	s.swap.Lock()
	defer s.swap.Unlock()
	if err := s.db.Close(); err != nil {
		return err
	}
	return s.openWith(o)
}

// streamBatchBytes is how much a fill hands the stream writer at a time.
const streamBatchBytes = 8 << 20

// filler is app.Filler on a run sorter.
type filler struct {
	sink   *runSorter
	counts map[string]int
}

// releaseEvery is how many keys a fill streams between giving back the
// pages of the casebook's files it has mapped (see ReleaseReadPages):
// Badger writes its tables through maps, which would otherwise count in
// the fill's memory by the hundred megabytes.
const releaseEvery = 500_000

func (f *filler) set(key string, v []byte) error { return f.sink.add([]byte(key), v) }

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
		if err := f.sink.add(k, nil); err != nil {
			return err
		}
	}
	for _, a := range unique(st.Speakers) {
		f.counts[a]++
	}
	return f.set(prefixStatement+st.ID, value)
}

func (f *filler) PutNote(n app.Note) error {
	if err := f.sink.add(noteIndexKey(n), nil); err != nil {
		return err
	}
	return f.putJSON(prefixNote+n.ID, n)
}
