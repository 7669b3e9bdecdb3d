package storage

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"

	json "github.com/goccy/go-json" // faster drop-in for encoding/json; values stay JSON

	"github.com/dgraph-io/badger/v4"
	"github.com/gofrs/flock"

	"codeberg.org/parley/parley/app"
)

// SchemaVersion is the layout of keys and values this build writes and reads.
// 2 added the sources' loose text hashes and addresses as lookup keys
// (migrate.go writes them for a casebook of schema 1). 3 added the change
// log and the saved search index (changes.go): a Parley of schema 2 would
// write without logging its changes, so it must not open a casebook of 3.
const SchemaVersion = 3

// ErrLocked means another process has the data folder open.
var ErrLocked = errors.New("another Parley has this data folder open; close it or choose another --data folder")

// ErrNewerSchema means the casebook was written by a newer Parley.
var ErrNewerSchema = errors.New("casebook written by a newer Parley")

// ErrForeign means the folder holds a database that is not a Parley casebook.
var ErrForeign = errors.New("not a Parley casebook")

// Store is a casebook in a Badger database. It is safe for concurrent use;
// writes are serialised so that transactions never conflict.
type Store struct {
	dir string
	// dbDir is where the database lives: dir/casebook, or the staging
	// folder of a casebook being built to replace it.
	dbDir string
	db    *badger.DB
	lock  *flock.Flock
	write sync.Mutex
	// readOnly says why the casebook was opened read-only, "" when it
	// can be written.
	readOnly string
	// schema is the layout the casebook was written in when opened.
	schema int
	// allocated are the mapped files given all their blocks, by size.
	allocated map[string]int64
	// swap is held for reading by every use of db, and for writing while
	// Replace puts another database in its place.
	swap sync.RWMutex
}

var _ app.Store = (*Store)(nil)

// Open opens (creating if needed) the casebook in the data folder dir.
// The Badger files live in dir/casebook; dir/parley.lock keeps a second
// process out with a clear error instead of Badger's own. A casebook that
// cannot be written, because the folder is read-only or the disk is too
// full for the store to work, is opened read-only: it can be read, searched
// and exported, and ReadOnly says why it cannot be changed.
func Open(dir string) (*Store, error) {
	cb := filepath.Join(dir, "casebook")
	s := &Store{dir: dir, dbDir: cb, allocated: map[string]int64{}}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		if !errors.Is(err, fs.ErrPermission) && !errors.Is(err, syscall.EROFS) {
			return nil, fmt.Errorf("data folder %s: %w", dir, err)
		}
	}
	if err := s.lockFolder(); err != nil {
		return nil, fmt.Errorf("data folder %s: %w", dir, err)
	}
	if s.readOnly == "" {
		if free, err := freeSpace(dir); err == nil && free < openReserve {
			s.readOnly = noSpace(dir, openReserve, free).Error() + "; free some space and open it again to make changes"
		}
	}
	if _, err := os.Stat(cb); errors.Is(err, fs.ErrNotExist) {
		if s.readOnly != "" {
			_ = s.lock.Unlock()
			return nil, fmt.Errorf("data folder %s: there is no casebook here yet, and one cannot be made: %s", dir, s.readOnly)
		}
		if err := os.Mkdir(cb, 0o700); err != nil {
			_ = s.lock.Unlock()
			if errors.Is(err, syscall.ENOSPC) {
				free, _ := freeSpace(dir)
				return nil, fmt.Errorf("data folder %s: %w", dir, noSpace(dir, openReserve, free))
			}
			return nil, fmt.Errorf("data folder %s: %w", dir, err)
		}
	}
	err := guardFaults(dir, func() error {
		if s.readOnly == "" {
			// A restore that a crash stopped is finished or undone first.
			if err := finishReplace(dir); err != nil {
				return fmt.Errorf("finishing an interrupted restore: %w", err)
			}
			if err := removeEmptyLogs(cb); err != nil {
				return err
			}
			// A fill stopped before its end leaves its sorted runs.
			runs, _ := filepath.Glob(filepath.Join(cb, fillRunPattern))
			for _, f := range runs {
				_ = os.Remove(f)
			}
		}
		db, err := badger.Open(options(cb).WithReadOnly(s.readOnly != ""))
		if errors.Is(err, badger.ErrTruncateNeeded) {
			return fmt.Errorf("the casebook was not closed cleanly, and making it whole again needs it writable: %s", s.readOnly)
		}
		if err != nil {
			return fmt.Errorf("cannot open the casebook: %w", err)
		}
		s.db = db
		return nil
	})
	if err != nil {
		_ = s.lock.Unlock()
		return nil, fmt.Errorf("data folder %s: %w", dir, err)
	}
	if err := s.checkSchema(); err != nil {
		_ = s.Close()
		return nil, fmt.Errorf("data folder %s: %w", dir, err)
	}
	if s.schema < SchemaVersion && s.readOnly == "" {
		if err := s.migrate(); err != nil {
			_ = s.Close()
			return nil, fmt.Errorf("data folder %s: bringing the casebook up to date: %w", dir, err)
		}
	}
	if s.readOnly == "" {
		if err := s.allocateMapped(); err != nil {
			_ = s.Close()
			return nil, fmt.Errorf("data folder %s: %w", dir, err)
		}
	}
	return s, nil
}

// lockFolder takes the folder's lock, exclusive when the folder can be
// written, shared (and the store read-only) when it cannot.
func (s *Store) lockFolder() error {
	path := filepath.Join(s.dir, "parley.lock")
	var lk *flock.Flock
	var ok bool
	var err error
	if werr := writable(s.dir); werr != nil {
		// A folder Parley may read but not write: a read-only medium or
		// mount, or a folder without write permission.
		s.readOnly = fmt.Sprintf("the data folder %s cannot be written (%v)", s.dir, werr)
		lk = flock.New(path, flock.SetFlag(os.O_RDONLY))
		ok, err = lk.TryRLock()
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("no casebook here, and the folder cannot be written to make one")
		}
	} else {
		lk = flock.New(path)
		ok, err = lk.TryLock()
	}
	if err != nil {
		return err
	}
	if !ok {
		return ErrLocked
	}
	s.lock = lk
	return nil
}

// writable tries to make a file in dir: the one test that answers for
// permissions, read-only mounts and a root user alike.
func writable(dir string) error {
	f, err := os.CreateTemp(dir, ".parley-write-check-*")
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return pe.Err
		}
		return err
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

// ReadOnly says why the casebook cannot be written, "" when it can.
func (s *Store) ReadOnly() string { return s.readOnly }

// removeEmptyLogs deletes value-log and memtable log files of length zero.
// Badger creates new ones at every open; a process killed between creating
// such a file and writing its header leaves it empty, and Badger then
// refuses to open ("Open existing file ... Create a new file", "while
// opening memtables ... Create a new file"). An empty file holds no data,
// not even the header that every write follows, so removing it loses
// nothing. Found by the crash test in app/cli.
func removeEmptyLogs(dir string) error {
	var files []string
	for _, pattern := range []string{"*.vlog", "*.mem"} {
		m, err := filepath.Glob(filepath.Join(dir, pattern))
		if err != nil {
			return err
		}
		files = append(files, m...)
	}
	for _, f := range files {
		if fi, err := os.Stat(f); err == nil && fi.Size() == 0 {
			if err := os.Remove(f); err != nil {
				return err
			}
		}
	}
	return nil
}

// The sizes of Badger's memtables and value-log files; space.go counts on
// them too.
const (
	memTableSize     = 8 << 20
	valueLogFileSize = 16 << 20
)

// options are small-footprint settings: a desktop casebook is small, and the
// app shares the machine with a browser and an editor.
func options(dir string) badger.Options {
	return badger.DefaultOptions(dir).
		WithMemTableSize(memTableSize).
		WithNumMemtables(2).
		// Decompressed blocks: the one full read (the search index) would
		// fill any size with blocks nothing reads again soon, and one
		// actor's statements, spread over many blocks, read as fast with
		// 1 MB as with 8 (BenchmarkStatementsByActor).
		WithBlockCacheSize(1 << 20).
		// No index cache: Badger reads the indexes of unencrypted tables
		// from their mapped files and uses this cache only for encrypted
		// ones, but makes it, with its buffers, whenever it is sized.
		WithIndexCacheSize(0).
		WithValueLogFileSize(valueLogFileSize).
		WithValueThreshold(64 << 10). // long texts go to the value log, outside the transaction budget
		WithNumCompactors(2).
		WithNumLevelZeroTables(2).
		WithNumLevelZeroTablesStall(8).
		WithSyncWrites(true). // an acknowledged write survives kill -9 and power loss
		WithLogger(nil)
}

// Settle merges the casebook's tables into one level, as background
// compaction would over a while of use. A casebook written all at once
// (parley gen) and closed is otherwise compacted at the next few starts.
func (s *Store) Settle() error {
	s.swap.RLock()
	defer s.swap.RUnlock()
	return s.db.Flatten(2)
}

// Dir is the data folder.
func (s *Store) Dir() string { return s.dir }

// Close flushes and closes the database and releases the folder.
func (s *Store) Close() error {
	var err error
	if s.db != nil {
		err = s.db.Close()
	}
	if uerr := s.lock.Unlock(); err == nil {
		err = uerr
	}
	return err
}

func (s *Store) checkSchema() error {
	check := s.db.Update
	if s.readOnly != "" {
		check = s.db.View
	}
	return check(func(txn *badger.Txn) error {
		item, err := txn.Get([]byte(keySchema))
		if errors.Is(err, badger.ErrKeyNotFound) {
			if !isEmpty(txn) {
				return ErrForeign
			}
			if s.readOnly != "" {
				return fmt.Errorf("there is no casebook yet, and it cannot be made: %s", s.readOnly)
			}
			s.schema = SchemaVersion
			return txn.Set([]byte(keySchema), []byte(strconv.Itoa(SchemaVersion)))
		}
		if err != nil {
			return err
		}
		raw, err := item.ValueCopy(nil)
		if err != nil {
			return err
		}
		v, err := strconv.Atoi(string(raw))
		if err != nil {
			return fmt.Errorf("%w: schema key is %q", ErrForeign, raw)
		}
		if v > SchemaVersion {
			return fmt.Errorf("%w (schema %d; this Parley reads up to %d): install a newer Parley or choose another --data folder",
				ErrNewerSchema, v, SchemaVersion)
		}
		s.schema = v
		return nil
	})
}

func isEmpty(txn *badger.Txn) bool {
	it := txn.NewIterator(badger.IteratorOptions{})
	defer it.Close()
	it.Rewind()
	return !it.Valid()
}

// Update runs fn in one transaction and returns once the change is synced.
// It refuses to write, with the disk named, when the disk is too full for
// the store to work (see space.go).
func (s *Store) Update(fn func(app.Tx) error) error {
	s.write.Lock()
	defer s.write.Unlock()
	if err := s.CheckRoom(0); err != nil {
		return err
	}
	s.swap.RLock()
	err := s.db.Update(func(txn *badger.Txn) error {
		t := &tx{reader: reader{txn}, txn: txn}
		if err := fn(t); err != nil {
			return err
		}
		return t.logChanges()
	})
	s.swap.RUnlock()
	if errors.Is(err, badger.ErrTxnTooBig) {
		return fmt.Errorf("%w: %v", app.ErrTooBig, err)
	}
	if aerr := s.allocateMapped(); err == nil {
		err = aerr
	}
	return err
}

// View runs fn on one consistent snapshot.
func (s *Store) View(fn func(app.Reader) error) error {
	s.swap.RLock()
	defer s.swap.RUnlock()
	return s.db.View(func(txn *badger.Txn) error { return fn(reader{txn}) })
}

// Setting reads a small value; a missing key gives nil, nil.
func (s *Store) Setting(key string) ([]byte, error) {
	var out []byte
	s.swap.RLock()
	defer s.swap.RUnlock()
	err := s.db.View(func(txn *badger.Txn) error {
		item, err := txn.Get([]byte(prefixSetting + key))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		out, err = item.ValueCopy(nil)
		return err
	})
	return out, err
}

// PutSetting writes a small value, synced, unless the setting already holds
// it: a window that closes as it opened then writes nothing, and leaves
// the store no table to merge at the next start.
func (s *Store) PutSetting(key string, value []byte) error {
	return s.updateRaw(func(txn *badger.Txn) error {
		k := []byte(prefixSetting + key)
		if item, err := txn.Get(k); err == nil {
			same := false
			if err := item.Value(func(v []byte) error { same = bytes.Equal(v, value); return nil }); err != nil {
				return err
			}
			if same {
				return nil
			}
		} else if !errors.Is(err, badger.ErrKeyNotFound) {
			return err
		}
		return txn.Set(k, value)
	})
}

// view runs one read-only call on a fresh snapshot.
func view[T any](s *Store, fn func(reader) (T, error)) (T, error) {
	var out T
	s.swap.RLock()
	defer s.swap.RUnlock()
	err := s.db.View(func(txn *badger.Txn) error {
		var err error
		out, err = fn(reader{txn})
		return err
	})
	return out, err
}

// The Reader methods of Store each read one snapshot.

func (s *Store) Actor(id string) (app.Actor, error) {
	return view(s, func(r reader) (app.Actor, error) { return r.Actor(id) })
}
func (s *Store) Actors() ([]app.Actor, error) { return view(s, reader.Actors) }
func (s *Store) Place(id string) (app.Place, error) {
	return view(s, func(r reader) (app.Place, error) { return r.Place(id) })
}
func (s *Store) Places() ([]app.Place, error) { return view(s, reader.Places) }
func (s *Store) Source(id string) (app.Source, error) {
	return view(s, func(r reader) (app.Source, error) { return r.Source(id) })
}
func (s *Store) Sources() ([]app.Source, error) { return view(s, reader.Sources) }
func (s *Store) SourceText(id string) (string, error) {
	return view(s, func(r reader) (string, error) { return r.SourceText(id) })
}
func (s *Store) SourceByHash(hash string) (app.Source, error) {
	return view(s, func(r reader) (app.Source, error) { return r.SourceByHash(hash) })
}
func (s *Store) SourceByLooseHash(hash string) (app.Source, error) {
	return view(s, func(r reader) (app.Source, error) { return r.SourceByLooseHash(hash) })
}
func (s *Store) SourceByURL(url string) (app.Source, error) {
	return view(s, func(r reader) (app.Source, error) { return r.SourceByURL(url) })
}
func (s *Store) Statement(id string) (app.Statement, error) {
	return view(s, func(r reader) (app.Statement, error) { return r.Statement(id) })
}
func (s *Store) StatementsByActor(id string) ([]app.Statement, error) {
	return view(s, func(r reader) ([]app.Statement, error) { return r.StatementsByActor(id) })
}
func (s *Store) StatementIDsByActor(id string) ([]string, error) {
	return view(s, func(r reader) ([]string, error) { return r.StatementIDsByActor(id) })
}
func (s *Store) StatementIDsToActor(id string) ([]string, error) {
	return view(s, func(r reader) ([]string, error) { return r.StatementIDsToActor(id) })
}
func (s *Store) StatementIDsByPlace(id string) ([]string, error) {
	return view(s, func(r reader) ([]string, error) { return r.StatementIDsByPlace(id) })
}
func (s *Store) StatementIDsBySource(id string) ([]string, error) {
	return view(s, func(r reader) ([]string, error) { return r.StatementIDsBySource(id) })
}
func (s *Store) SourceReports(id string, test func(string) bool) (bool, error) {
	return view(s, func(r reader) (bool, error) { return r.SourceReports(id, test) })
}
func (s *Store) StatementIDs() ([]string, error)        { return view(s, reader.StatementIDs) }
func (s *Store) SpeakerCounts() (map[string]int, error) { return view(s, reader.SpeakerCounts) }
func (s *Store) Events() ([]app.Event, error)           { return view(s, reader.Events) }
func (s *Store) Journals() (map[string][]byte, error)   { return view(s, reader.Journals) }
func (s *Store) Note(id string) (app.Note, error) {
	return view(s, func(r reader) (app.Note, error) { return r.Note(id) })
}
func (s *Store) NotesFor(t app.Target) ([]app.Note, error) {
	return view(s, func(r reader) ([]app.Note, error) { return r.NotesFor(t) })
}
func (s *Store) ForEachStatement(fn func(app.Statement) error) error {
	return s.View(func(r app.Reader) error { return r.ForEachStatement(fn) })
}
func (s *Store) ForEachNote(fn func(app.Note) error) error {
	return s.View(func(r app.Reader) error { return r.ForEachNote(fn) })
}

// reader implements app.Reader on one Badger transaction.
type reader struct{ txn *badger.Txn }

func get[T any](r reader, key string, what string) (T, error) {
	var out T
	item, err := r.txn.Get([]byte(key))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return out, fmt.Errorf("%s %q: %w", what, key[bytes.IndexByte([]byte(key), '/')+1:], app.ErrNotFound)
	}
	if err != nil {
		return out, err
	}
	err = item.Value(func(v []byte) error { return json.Unmarshal(v, &out) })
	return out, err
}

// all decodes every value under a prefix, in key order.
func all[T any](r reader, prefix string) ([]T, error) {
	out := []T{}
	it := r.txn.NewIterator(badger.IteratorOptions{Prefix: []byte(prefix), PrefetchValues: true, PrefetchSize: 64})
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		var v T
		if err := it.Item().Value(func(b []byte) error { return json.Unmarshal(b, &v) }); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// indexIDs lists the ids at the end of every key under an index prefix.
// The ids are copied into one string and the list made at its exact size:
// the list of every statement is kept for as long as the window is open,
// and as a string for each id in a list grown by appending it took
// 2.6 MB and 100,001 objects at a hundred thousand statements, now
// 2.35 MB and two.
func (r reader) indexIDs(prefix string) []string {
	var text []byte
	var ends []int
	it := r.txn.NewIterator(badger.IteratorOptions{Prefix: []byte(prefix)})
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		text = append(text, lastField(it.Item().Key())...)
		ends = append(ends, len(text))
	}
	all := string(text)
	ids := make([]string, len(ends))
	start := 0
	for i, end := range ends {
		ids[i] = all[start:end]
		start = end
	}
	return ids
}

func (r reader) Actor(id string) (app.Actor, error) {
	return get[app.Actor](r, prefixActor+id, "actor")
}
func (r reader) Actors() ([]app.Actor, error) { return all[app.Actor](r, prefixActor) }
func (r reader) Place(id string) (app.Place, error) {
	return get[app.Place](r, prefixPlace+id, "place")
}
func (r reader) Places() ([]app.Place, error) { return all[app.Place](r, prefixPlace) }
func (r reader) Source(id string) (app.Source, error) {
	return get[app.Source](r, prefixSource+id, "source")
}
func (r reader) Sources() ([]app.Source, error) { return all[app.Source](r, prefixSource) }
func (r reader) Statement(id string) (app.Statement, error) {
	return get[app.Statement](r, prefixStatement+id, "statement")
}
func (r reader) Note(id string) (app.Note, error) { return get[app.Note](r, prefixNote+id, "note") }
func (r reader) Events() ([]app.Event, error)     { return all[app.Event](r, prefixEvent) }

func (r reader) SourceText(id string) (string, error) {
	item, err := r.txn.Get([]byte(prefixText + id))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return "", fmt.Errorf("text of source %q: %w", id, app.ErrNotFound)
	}
	if err != nil {
		return "", err
	}
	b, err := item.ValueCopy(nil)
	return string(b), err
}

func (r reader) SourceByHash(hash string) (app.Source, error) {
	return r.sourceBy(prefixHash+hash, "source with text hash "+hash)
}

func (r reader) SourceByLooseHash(hash string) (app.Source, error) {
	return r.sourceBy(prefixLoose+hash, "source with loose text hash "+hash)
}

func (r reader) SourceByURL(url string) (app.Source, error) {
	if url == "" {
		return app.Source{}, fmt.Errorf("source with no address: %w", app.ErrNotFound)
	}
	return r.sourceBy(prefixURL+url, "source at "+url)
}

// sourceBy reads the source a lookup key names.
func (r reader) sourceBy(key, what string) (app.Source, error) {
	item, err := r.txn.Get([]byte(key))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return app.Source{}, fmt.Errorf("%s: %w", what, app.ErrNotFound)
	}
	if err != nil {
		return app.Source{}, err
	}
	id, err := item.ValueCopy(nil)
	if err != nil {
		return app.Source{}, err
	}
	return r.Source(string(id))
}

func (r reader) StatementsByActor(id string) ([]app.Statement, error) {
	ids := r.indexIDs(idxSpeaker + id + sep)
	out := make([]app.Statement, 0, len(ids))
	for _, id := range ids {
		st, err := r.Statement(id)
		if errors.Is(err, app.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, nil
}
func (r reader) StatementIDsByActor(id string) ([]string, error) {
	return r.indexIDs(idxSpeaker + id + sep), nil
}
func (r reader) StatementIDsToActor(id string) ([]string, error) {
	return r.indexIDs(idxRecipient + id + sep), nil
}
func (r reader) StatementIDsByPlace(id string) ([]string, error) {
	return r.indexIDs(idxPlace + id + sep), nil
}
func (r reader) StatementIDsBySource(id string) ([]string, error) {
	return r.indexIDs(idxSource + id + sep), nil
}
func (r reader) SourceReports(id string, test func(string) bool) (bool, error) {
	it := r.txn.NewIterator(badger.IteratorOptions{Prefix: []byte(idxSource + id + sep)})
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		if test(string(lastField(it.Item().Key()))) {
			return true, nil
		}
	}
	return false, nil
}
func (r reader) StatementIDs() ([]string, error) { return r.indexIDs(idxAll), nil }

func (r reader) SpeakerCounts() (map[string]int, error) {
	counts := map[string]int{}
	it := r.txn.NewIterator(badger.IteratorOptions{Prefix: []byte(cntSpeaker), PrefetchValues: true})
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		actor := string(it.Item().Key()[len(cntSpeaker):])
		err := it.Item().Value(func(v []byte) error {
			n, err := strconv.Atoi(string(v))
			counts[actor] = n
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	return counts, nil
}

func (r reader) ForEachStatement(fn func(app.Statement) error) error {
	return forEach(r, prefixStatement, fn)
}

func (r reader) ForEachNote(fn func(app.Note) error) error { return forEach(r, prefixNote, fn) }

func (r reader) Journals() (map[string][]byte, error) {
	out := map[string][]byte{}
	it := r.txn.NewIterator(badger.IteratorOptions{Prefix: []byte(prefixJournal), PrefetchValues: true})
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		v, err := it.Item().ValueCopy(nil)
		if err != nil {
			return nil, err
		}
		out[string(it.Item().Key()[len(prefixJournal):])] = v
	}
	return out, nil
}

func forEach[T any](r reader, prefix string, fn func(T) error) error {
	it := r.txn.NewIterator(badger.IteratorOptions{Prefix: []byte(prefix), PrefetchValues: true, PrefetchSize: 64})
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		var v T
		if err := it.Item().Value(func(b []byte) error { return json.Unmarshal(b, &v) }); err != nil {
			return err
		}
		if err := fn(v); err != nil {
			return err
		}
	}
	return nil
}

func (r reader) NotesFor(t app.Target) ([]app.Note, error) {
	ids := r.indexIDs(idxNote + t.String() + sep)
	out := make([]app.Note, 0, len(ids))
	for _, id := range ids {
		n, err := r.Note(id)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}
