package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"

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
// The saved index is split into chunks larger than the value threshold, so
// that they live in Badger's value log: loading the index is then a copy
// from the log's mapped files, twice as fast as walking the tree's
// compressed blocks. Replacing the index leaves the old chunks as garbage
// in the log, which the save collects (dropStale).
const (
	keyLastChange     = "x/at"  // number of the latest change, 8 bytes big-endian
	prefixChange      = "x/c/"  // change number (8 bytes) -> the items it touched
	keyIndexHead      = "x/ih"  // the saved index: see indexHead
	prefixIndexChunks = "x/ix/" // saved index id (8 bytes), chunk number (4 bytes) -> bytes
	indexChunkSize    = 1 << 20
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

// indexHead names the saved index: the change it is current to, the id of
// its chunks, their number, its length and its CRC-32 (Castagnoli).
type indexHead struct {
	at, id uint64
	chunks uint32
	size   uint64
	crc    uint32
}

func (h indexHead) bytes() []byte {
	b := binary.BigEndian.AppendUint64(nil, h.at)
	b = binary.BigEndian.AppendUint64(b, h.id)
	b = binary.BigEndian.AppendUint32(b, h.chunks)
	b = binary.BigEndian.AppendUint64(b, h.size)
	return binary.BigEndian.AppendUint32(b, h.crc)
}

func readIndexHead(txn *badger.Txn) (indexHead, bool, error) {
	item, err := txn.Get([]byte(keyIndexHead))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return indexHead{}, false, nil
	}
	if err != nil {
		return indexHead{}, false, err
	}
	var h indexHead
	err = item.Value(func(v []byte) error {
		if len(v) != 32 {
			return fmt.Errorf("saved index head of %d bytes", len(v))
		}
		h = indexHead{at: binary.BigEndian.Uint64(v), id: binary.BigEndian.Uint64(v[8:]),
			chunks: binary.BigEndian.Uint32(v[16:]), size: binary.BigEndian.Uint64(v[20:]), crc: binary.BigEndian.Uint32(v[28:])}
		return nil
	})
	return h, err == nil, err
}

func chunkKey(id uint64, n uint32) []byte {
	k := append([]byte(prefixIndexChunks), be64(id)...)
	return binary.BigEndian.AppendUint32(k, n)
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// SavedIndex reads the saved index whole. A damaged one (a chunk missing,
// the wrong length or checksum) reads as none: the caller builds the index
// again.
func (s *Store) SavedIndex() (at uint64, data []byte, err error) {
	s.swap.RLock()
	defer s.swap.RUnlock()
	err = s.db.View(func(txn *badger.Txn) error {
		h, ok, err := readIndexHead(txn)
		if err != nil || !ok || h.chunks == 0 {
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
	return at, data, err
}

// SaveIndex writes the index's chunks through a write batch, then points
// the head at them in one transaction, then deletes the chunks of the index
// it replaced and the change log it covered. A crash before the head moves
// leaves the old index in place (its stray chunks go at the next save); one
// after leaves only garbage that the next save deletes.
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
	wb := s.db.NewWriteBatch()
	for off := 0; off < len(data) || off == 0; off += indexChunkSize {
		end := min(off+indexChunkSize, len(data))
		if err := wb.Set(chunkKey(h.id, h.chunks), data[off:end]); err != nil {
			wb.Cancel()
			return err
		}
		h.chunks++
		if end == len(data) {
			break
		}
	}
	if err := wb.Flush(); err != nil {
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
		return txn.Set([]byte(keyIndexHead), h.bytes())
	})
	s.write.Unlock()
	if errors.Is(err, errIndexRace) {
		return nil // another save won; this one's chunks go at the next
	}
	if err != nil {
		return err
	}
	return s.dropStale(h)
}

var errIndexRace = errors.New("another index was saved meanwhile")

// dropStale deletes the chunks of every saved index but h's, and the change
// log entries up to h.at.
func (s *Store) dropStale(h indexHead) error {
	var keys [][]byte
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte(prefixIndexChunks)})
		defer it.Close()
		keep := []byte(prefixIndexChunks + string(be64(h.id)))
		for it.Rewind(); it.Valid(); it.Next() {
			if k := it.Item().Key(); !bytes.HasPrefix(k, keep) {
				keys = append(keys, it.Item().KeyCopy(nil))
			}
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
	// The chunks live in the value log (each is larger than the value
	// threshold, which makes loading them a copy rather than a walk of
	// the tree): give back the files that hold only replaced ones.
	for s.db.RunValueLogGC(0.5) == nil {
	}
	return nil
}

// DropIndex forgets the saved index: the head keeps its id, so that the
// next save uses a new one, and names no chunks; they go at the next save.
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
		return txn.Set([]byte(keyIndexHead), indexHead{id: h.id}.bytes())
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
