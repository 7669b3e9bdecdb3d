package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	mathrand "math/rand/v2"
	"os"
	"path/filepath"

	"github.com/dgraph-io/badger/v4"

	"codeberg.org/parley/parley/app"
)

// The change log and the saved search index (app.ChangeLog, app.IndexSaver).
//
// Every transaction that writes or deletes an item the search index covers
// adds one entry to the change log, numbered one after the last, listing
// those items: the index saved beside the data names the change it is
// current to, and whoever loads it reindexes what later changes touched.
// Entry and data commit together, so no crash can part them.
//
// The saved index is a file beside the database (see SavedIndex); the
// database holds its head.
const (
	keyLastChange     = "x/at"  // number of the latest change, 8 bytes big-endian
	prefixChange      = "x/c/"  // change number (8 bytes) -> the items it touched
	keyIndexFile      = "x/if"  // the saved index's file: see indexHead
	keyIndexHead      = "x/ih"  // an earlier release's saved index in chunks: see indexHead
	prefixIndexChunks = "x/ix/" // an earlier release's saved index: id (8 bytes), chunk number (4 bytes) -> bytes
)

// touchedItem is one item a transaction wrote or deleted.
type touchedItem struct {
	kind app.ChangeKind
	id   string
}

func (t *tx) touch(kind app.ChangeKind, id string) {
	t.touched = append(t.touched, touchedItem{kind, id})
}

func be64(n uint64) []byte { return binary.BigEndian.AppendUint64(nil, n) }

// logChanges writes the transaction's change log entry, if it touched any
// item: each item once, as its kind, the length of its id, and the id.
func (t *tx) logChanges() error {
	if len(t.touched) == 0 {
		return nil
	}
	last, err := t.LastChange()
	if err != nil {
		return err
	}
	seen := make(map[touchedItem]bool, len(t.touched))
	var entry []byte
	for _, it := range t.touched {
		if seen[it] {
			continue
		}
		seen[it] = true
		entry = append(entry, byte(it.kind))
		entry = binary.AppendUvarint(entry, uint64(len(it.id)))
		entry = append(entry, it.id...)
	}
	next := last + 1
	if err := t.txn.Set([]byte(keyLastChange), be64(next)); err != nil {
		return err
	}
	return t.txn.Set(append([]byte(prefixChange), be64(next)...), entry)
}

func (r reader) LastChange() (uint64, error) {
	item, err := r.txn.Get([]byte(keyLastChange))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	var n uint64
	err = item.Value(func(v []byte) error {
		if len(v) != 8 {
			return fmt.Errorf("change number of %d bytes", len(v))
		}
		n = binary.BigEndian.Uint64(v)
		return nil
	})
	return n, err
}

func (r reader) ChangesSince(n uint64, fn func(kind app.ChangeKind, id string) error) (uint64, error) {
	last, err := r.LastChange()
	if err != nil || last <= n {
		return last, err
	}
	it := r.txn.NewIterator(badger.IteratorOptions{PrefetchValues: true, PrefetchSize: 64, Prefix: []byte(prefixChange)})
	defer it.Close()
	for it.Seek(append([]byte(prefixChange), be64(n+1)...)); it.Valid(); it.Next() {
		err := it.Item().Value(func(v []byte) error {
			for len(v) > 0 {
				kind := app.ChangeKind(v[0])
				size, k := binary.Uvarint(v[1:])
				if k <= 0 || uint64(len(v)-1-k) < size {
					return errors.New("damaged change log entry")
				}
				id := string(v[1+k : 1+k+int(size)])
				v = v[1+k+int(size):]
				if err := fn(kind, id); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return last, err
		}
	}
	return last, nil
}

func (s *Store) LastChange() (uint64, error) { return view(s, reader.LastChange) }

func (s *Store) ChangesSince(n uint64, fn func(kind app.ChangeKind, id string) error) (last uint64, err error) {
	err = s.View(func(r app.Reader) error {
		last, err = r.(reader).ChangesSince(n, fn)
		return err
	})
	return last, err
}

// indexHead names the saved index: the change it is current to, its id
// (one more than the index it replaced), its length and its CRC-32
// (Castagnoli), and where it is: in a file of the casebook's folder named
// by file (indexFileName), under keyIndexFile, or, as an earlier release
// saved it, in chunks of the database, under keyIndexHead. Of the two
// heads, the one of the higher id is the saved index: a release before
// this one, opening the casebook, reads and writes only its own head, and
// so a casebook goes back and forth between releases without either one
// taking an index for current that is not. An index saved in chunks is
// read as before and saved as a file the next time.
type indexHead struct {
	at, id uint64
	chunks uint32
	size   uint64
	crc    uint32
	file   uint64 // 0 for an index in chunks
}

func (h indexHead) bytes() []byte {
	b := binary.BigEndian.AppendUint64(nil, h.at)
	b = binary.BigEndian.AppendUint64(b, h.id)
	b = binary.BigEndian.AppendUint32(b, h.chunks)
	b = binary.BigEndian.AppendUint64(b, h.size)
	b = binary.BigEndian.AppendUint32(b, h.crc)
	return binary.BigEndian.AppendUint64(b, h.file)
}

func readIndexHead(txn *badger.Txn) (indexHead, bool, error) {
	file, inFile, err := readHeadKey(txn, keyIndexFile, 40)
	if err != nil {
		return indexHead{}, false, err
	}
	chunked, inChunks, err := readHeadKey(txn, keyIndexHead, 32)
	if err != nil {
		return indexHead{}, false, err
	}
	if inChunks && (!inFile || chunked.id > file.id) {
		return chunked, true, nil
	}
	return file, inFile, nil
}

func readHeadKey(txn *badger.Txn, key string, size int) (indexHead, bool, error) {
	item, err := txn.Get([]byte(key))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return indexHead{}, false, nil
	}
	if err != nil {
		return indexHead{}, false, err
	}
	var h indexHead
	err = item.Value(func(v []byte) error {
		if len(v) != size {
			return fmt.Errorf("saved index head of %d bytes", len(v))
		}
		h = indexHead{at: binary.BigEndian.Uint64(v), id: binary.BigEndian.Uint64(v[8:]),
			chunks: binary.BigEndian.Uint32(v[16:]), size: binary.BigEndian.Uint64(v[20:]), crc: binary.BigEndian.Uint32(v[28:])}
		if len(v) == 40 {
			h.file = binary.BigEndian.Uint64(v[32:])
		}
		return nil
	})
	return h, err == nil, err
}

func chunkKey(id uint64, n uint32) []byte {
	k := append([]byte(prefixIndexChunks), be64(id)...)
	return binary.BigEndian.AppendUint32(k, n)
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// The saved index is a file in the database's folder, so that a process
// can map it into memory and read only the pages a query touches: a search
// from a new process at a million statements then reads a few megabytes of
// a file of hundreds. Badger's value log is mapped too, but a value may be
// used only inside the call that reads it, so an index kept there has to
// be copied whole before any query. The head, in the database, names the
// file; the change log, also in the database and written with the data,
// says what changed since, so the data and the index can never disagree
// for longer than the catch-up that follows a load. The folder is the one
// a restore swaps, so a casebook put in place brings its own index along.
const indexFilePattern = "search-*.idx"

func indexFileName(file uint64) string { return fmt.Sprintf("search-%016x.idx", file) }

// SavedIndex returns the saved index. One saved as a file comes mapped
// (copy on write: the caller may change it, and nothing reaches the file;
// see mapIndexFile); a file of the wrong length, or missing, reads as no
// index, and so does a damaged index in chunks: the caller builds it again.
// The CRC of a file is not checked here, as that reads it whole:
// CheckSavedIndex does.
func (s *Store) SavedIndex() (at uint64, data []byte, err error) {
	s.swap.RLock()
	defer s.swap.RUnlock()
	var h indexHead
	err = s.db.View(func(txn *badger.Txn) error {
		var ok bool
		h, ok, err = readIndexHead(txn)
		if err != nil || !ok || h.file != 0 || h.chunks == 0 {
			return err
		}
		buf := make([]byte, 0, h.size)
		prefix := []byte(prefixIndexChunks + string(be64(h.id)))
		it := txn.NewIterator(badger.IteratorOptions{PrefetchValues: true, PrefetchSize: 16, Prefix: prefix})
		defer it.Close()
		n := uint32(0)
		for it.Rewind(); it.Valid(); it.Next() {
			if !bytes.Equal(it.Item().Key(), chunkKey(h.id, n)) {
				return nil
			}
			if err := it.Item().Value(func(v []byte) error {
				buf = append(buf, v...)
				return nil
			}); err != nil {
				return err
			}
			n++
		}
		if n != h.chunks || uint64(len(buf)) != h.size || crc32.Checksum(buf, castagnoli) != h.crc {
			return nil
		}
		at, data = h.at, buf
		return nil
	})
	if err != nil || h.file == 0 {
		return at, data, err
	}
	data, err = mapIndexFile(filepath.Join(s.dbDir, indexFileName(h.file)), h.size)
	if err != nil || data == nil {
		return 0, nil, err
	}
	return h.at, data, nil
}

// CheckSavedIndex reads the saved index's file whole and compares it with
// the CRC its head gives: nil when it matches, or when the index is not
// saved as a file.
func (s *Store) CheckSavedIndex() error {
	s.swap.RLock()
	defer s.swap.RUnlock()
	var h indexHead
	if err := s.db.View(func(txn *badger.Txn) (err error) {
		h, _, err = readIndexHead(txn)
		return err
	}); err != nil || h.file == 0 {
		return err
	}
	f, err := os.Open(filepath.Join(s.dbDir, indexFileName(h.file)))
	if err != nil {
		return err
	}
	defer f.Close()
	sum := crc32.New(castagnoli)
	n, err := io.Copy(sum, f)
	if err != nil {
		return err
	}
	if uint64(n) != h.size || sum.Sum32() != h.crc {
		return fmt.Errorf("the saved search index (%s) is damaged", indexFileName(h.file))
	}
	return nil
}

// SaveIndex writes the index to a new file and syncs it, then points the
// head at it in one transaction, then deletes the index it replaced and
// the change log it covered. A crash before the head moves leaves the old
// index in place (the new file goes at the next save); one after leaves
// only the old file, which the next save deletes.
func (s *Store) SaveIndex(at uint64, data []byte) error {
	if s.readOnly != "" {
		return fmt.Errorf("%w: %s", app.ErrReadOnly, s.readOnly)
	}
	s.swap.RLock()
	defer s.swap.RUnlock()
	var old indexHead
	var hasOld bool
	err := s.db.View(func(txn *badger.Txn) (err error) {
		old, hasOld, err = readIndexHead(txn)
		return err
	})
	if err != nil {
		return err
	}
	if hasOld && old.at > at {
		return nil // a newer index is saved already
	}
	h := indexHead{at: at, id: old.id + 1, size: uint64(len(data)), crc: crc32.Checksum(data, castagnoli)}
	// A random name: a casebook restored over this one counts its ids
	// from 1 again.
	for h.file == 0 {
		h.file = mathrand.Uint64()
	}
	path := filepath.Join(s.dbDir, indexFileName(h.file))
	if err := writeSynced(path, data); err != nil {
		_ = os.Remove(path)
		return err
	}
	if err := syncDir(s.dbDir); err != nil {
		_ = os.Remove(path)
		return err
	}
	s.write.Lock()
	err = s.db.Update(func(txn *badger.Txn) error {
		cur, ok, err := readIndexHead(txn)
		if err != nil {
			return err
		}
		if ok && cur.id != old.id {
			return errIndexRace
		}
		if err := txn.Delete([]byte(keyIndexHead)); err != nil {
			return err
		}
		return txn.Set([]byte(keyIndexFile), h.bytes())
	})
	s.write.Unlock()
	if errors.Is(err, errIndexRace) {
		_ = os.Remove(path)
		return nil // another save won
	}
	if err != nil {
		_ = os.Remove(path)
		return err
	}
	return s.dropStale(h)
}

var errIndexRace = errors.New("another index was saved meanwhile")

// dropStale deletes every saved index but h (files and chunks), and the
// change log entries up to h.at.
func (s *Store) dropStale(h indexHead) error {
	files, err := filepath.Glob(filepath.Join(s.dbDir, indexFilePattern))
	if err != nil {
		return err
	}
	for _, f := range files {
		if filepath.Base(f) != indexFileName(h.file) {
			// On Linux a process that still maps it keeps reading it.
			_ = os.Remove(f)
		}
	}
	var keys [][]byte
	err = s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte(prefixIndexChunks)})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			keys = append(keys, it.Item().KeyCopy(nil))
		}
		it2 := txn.NewIterator(badger.IteratorOptions{Prefix: []byte(prefixChange)})
		defer it2.Close()
		for it2.Rewind(); it2.Valid(); it2.Next() {
			k := it2.Item().Key()
			if binary.BigEndian.Uint64(k[len(prefixChange):]) > h.at {
				break
			}
			keys = append(keys, it2.Item().KeyCopy(nil))
		}
		return nil
	})
	if err != nil || len(keys) == 0 {
		return err
	}
	wb := s.db.NewWriteBatch()
	for _, k := range keys {
		if err := wb.Delete(k); err != nil {
			wb.Cancel()
			return err
		}
	}
	if err := wb.Flush(); err != nil {
		return err
	}
	if err := s.db.Sync(); err != nil {
		return err
	}
	// Chunks of an index of an earlier release lived in the value log:
	// give back the files that hold only them.
	for s.db.RunValueLogGC(0.5) == nil {
	}
	return nil
}

// DropIndex forgets the saved index: the head keeps its id, so that the
// next save uses a new one, and names no file; it goes at the next save.
func (s *Store) DropIndex() error {
	if s.readOnly != "" {
		return fmt.Errorf("%w: %s", app.ErrReadOnly, s.readOnly)
	}
	s.swap.RLock()
	defer s.swap.RUnlock()
	s.write.Lock()
	defer s.write.Unlock()
	return s.db.Update(func(txn *badger.Txn) error {
		h, ok, err := readIndexHead(txn)
		if err != nil || !ok {
			return err
		}
		if err := txn.Delete([]byte(keyIndexHead)); err != nil {
			return err
		}
		return txn.Set([]byte(keyIndexFile), indexHead{id: h.id}.bytes())
	})
}

// CountItems counts the items the search index covers, by their keys
// alone: what the progress of building the index counts up to.
func (r reader) CountItems() (int, error) {
	n := 0
	for _, prefix := range []string{prefixActor, prefixPlace, prefixSource, prefixStatement, prefixNote} {
		it := r.txn.NewIterator(badger.IteratorOptions{Prefix: []byte(prefix)})
		for it.Rewind(); it.Valid(); it.Next() {
			n++
		}
		it.Close()
	}
	return n, nil
}
