package storage

import (
	"bytes"
	"hash/crc32"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/dgraph-io/badger/v4"

	"codeberg.org/parley/parley/app"
)

// changesSince lists what the change log holds after n, as "kind:id".
func changesSince(t *testing.T, s *Store, n uint64) ([]string, uint64) {
	t.Helper()
	var got []string
	last, err := s.ChangesSince(n, func(kind app.ChangeKind, id string) error {
		got = append(got, string(rune(kind))+":"+id)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got, last
}

func TestEveryWriteOfAnIndexedItemIsLoggedWithIt(t *testing.T) {
	s, _ := openTemp(t)
	steps := []struct {
		name  string
		write func(tx app.Tx) error
		want  []string // nil: no change logged
	}{
		{"an actor and a statement", func(tx app.Tx) error {
			if err := tx.PutActor(app.Actor{ID: "a1", Name: "Ann"}); err != nil {
				return err
			}
			return tx.PutStatement(app.Statement{ID: "s1", Speakers: []string{"a1"}, Quote: "We agree."})
		}, []string{"a:a1", "t:s1"}},
		{"an event only", func(tx app.Tx) error { return tx.PutEvent(app.Event{ID: "e1"}) }, nil},
		{"a note and a place", func(tx app.Tx) error {
			if err := tx.PutNote(app.Note{ID: "n1", Body: "x", Target: app.Target{Kind: app.TargetStatement, ID: "s1"}}); err != nil {
				return err
			}
			return tx.PutPlace(app.Place{ID: "p1", Name: "Baku"})
		}, []string{"n:n1", "p:p1"}},
		{"deletes, twice over", func(tx app.Tx) error {
			for range 2 {
				if err := tx.DeleteStatement("s1"); err != nil {
					return err
				}
			}
			text := "body"
			if err := tx.PutSource(app.Source{ID: "src"}, &text); err != nil {
				return err
			}
			return tx.DeleteSource("src")
		}, []string{"t:s1", "s:src"}},
	}
	var at uint64
	for _, step := range steps {
		if err := s.Update(step.write); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		got, last := changesSince(t, s, at)
		if step.want == nil {
			if last != at || got != nil {
				t.Errorf("%s: logged %v as change %d", step.name, got, last)
			}
			continue
		}
		if last != at+1 || !slices.Equal(got, step.want) {
			t.Errorf("%s: change %d logged %v, want change %d with %v", step.name, last, got, at+1, step.want)
		}
		at = last
	}
	if err := s.Update(func(tx app.Tx) error {
		if err := tx.PutActor(app.Actor{ID: "a2"}); err != nil {
			return err
		}
		return app.ErrInvalid // fails: nothing written, nothing logged
	}); err == nil {
		t.Fatal("the failing write succeeded")
	}
	if got, last := changesSince(t, s, 0); last != at || len(got) != 6 {
		t.Errorf("after a failed write: change %d, %v", last, got)
	}
}

func TestASavedIndexReadsBackWhole(t *testing.T) {
	s, _ := openTemp(t)
	r := rand.New(rand.NewPCG(1, 2))
	blob := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(r.IntN(256))
		}
		return b
	}
	if at, data, err := s.SavedIndex(); err != nil || data != nil || at != 0 {
		t.Fatalf("a new casebook has a saved index: %d, %d bytes, %v", at, len(data), err)
	}
	for i, size := range []int{3<<20 + 17, 100} {
		// Changes to be forgotten with the save.
		if err := s.Update(func(tx app.Tx) error { return tx.PutActor(app.Actor{ID: "a", Name: "A"}) }); err != nil {
			t.Fatal(err)
		}
		last, _ := s.LastChange()
		want := blob(size)
		if err := s.SaveIndex(last, want); err != nil {
			t.Fatal(err)
		}
		at, got, err := s.SavedIndex()
		if err != nil || at != last || !bytes.Equal(got, want) {
			t.Fatalf("save %d: read back %d bytes at %d (%v), want %d at %d", i, len(got), at, err, size, last)
		}
		if left, _ := changesSince(t, s, 0); len(left) != 0 {
			t.Errorf("save %d: the change log up to it is still there: %v", i, left)
		}
		// What a reader changes in the mapped index stays in its memory.
		got[0] ^= 0xff
		if _, again, _ := s.SavedIndex(); !bytes.Equal(again, want) {
			t.Fatalf("save %d: a change to the index read reached the file", i)
		}
		if err := s.CheckSavedIndex(); err != nil {
			t.Fatal(err)
		}
	}
	at, mapped, _ := s.SavedIndex()
	// A copy: the file under the mapping is damaged below.
	want := bytes.Clone(mapped)
	// An index current to an earlier change is not saved over it.
	if err := s.SaveIndex(at-1, []byte("older")); err != nil {
		t.Fatal(err)
	}
	if _, got, _ := s.SavedIndex(); !bytes.Equal(got, want) {
		t.Error("an older index replaced a newer one")
	}
	// Only the saved index's file is left.
	h := readHead(t, s)
	files, _ := filepath.Glob(filepath.Join(s.dbDir, indexFilePattern))
	if len(files) != 1 || filepath.Base(files[0]) != indexFileName(h.file) {
		t.Errorf("index files kept: %v, want only %s", files, indexFileName(h.file))
	}
	path := filepath.Join(s.dbDir, indexFileName(h.file))
	// A changed byte is found by the check; a file cut short, or gone,
	// reads as no index at all.
	damaged := bytes.Clone(want)
	damaged[len(damaged)/2] ^= 1
	if err := os.WriteFile(path, damaged, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := s.CheckSavedIndex(); err == nil {
		t.Error("a changed byte passed the check")
	}
	for name, change := range map[string]func() error{
		"cut short": func() error { return os.WriteFile(path, want[:len(want)-1], 0o600) },
		"gone":      func() error { return os.Remove(path) },
	} {
		if err := change(); err != nil {
			t.Fatal(err)
		}
		if _, got, err := s.SavedIndex(); err != nil || got != nil {
			t.Errorf("%s: read as %d bytes, %v", name, len(got), err)
		}
	}
	// Dropped, it is gone, and the next save does not reuse its name.
	if err := s.SaveIndex(at, want); err != nil {
		t.Fatal(err)
	}
	if err := s.DropIndex(); err != nil {
		t.Fatal(err)
	}
	if _, got, _ := s.SavedIndex(); got != nil {
		t.Error("a dropped index still reads")
	}
	if err := s.SaveIndex(1, []byte("small")); err != nil {
		t.Fatal(err)
	}
	if _, got, _ := s.SavedIndex(); string(got) != "small" {
		t.Errorf("after a drop, the next save reads back as %q", got)
	}
}

// indexChunkSize is the size of the chunks the release before saved its
// index in.
const indexChunkSize = 1 << 20

// saveChunked saves an index as a release before the index file did: in
// chunks of the database, under a head of 32 bytes.
func saveChunked(t *testing.T, s *Store, at uint64, data []byte) {
	t.Helper()
	h := indexHead{at: at, id: readHead(t, s).id + 1, size: uint64(len(data)), crc: crc32.Checksum(data, castagnoli)}
	if err := s.db.Update(func(txn *badger.Txn) error {
		for off := 0; off < len(data); off += indexChunkSize {
			if err := txn.Set(chunkKey(h.id, h.chunks), data[off:min(off+indexChunkSize, len(data))]); err != nil {
				return err
			}
			h.chunks++
		}
		return txn.Set([]byte(keyIndexHead), h.bytes()[:32])
	}); err != nil {
		t.Fatal(err)
	}
}

// An index an earlier release saved in chunks reads as before, a damaged
// one as none, and the next save puts it in a file and deletes the chunks.
func TestAnIndexSavedInChunksStillReads(t *testing.T) {
	s, _ := openTemp(t)
	want := bytes.Repeat([]byte("chunked "), 300_000) // three chunks and a bit
	saveChunked(t, s, 0, want)
	if _, got, err := s.SavedIndex(); err != nil || !bytes.Equal(got, want) {
		t.Fatalf("read back %d bytes of %d, %v", len(got), len(want), err)
	}
	h := readHead(t, s)
	if err := s.db.Update(func(txn *badger.Txn) error { return txn.Set(chunkKey(h.id, 1), []byte("damaged")) }); err != nil {
		t.Fatal(err)
	}
	if _, got, err := s.SavedIndex(); err != nil || got != nil {
		t.Errorf("a damaged index read as %d bytes, %v", len(got), err)
	}
	if err := s.SaveIndex(0, []byte("in a file")); err != nil {
		t.Fatal(err)
	}
	if _, got, _ := s.SavedIndex(); string(got) != "in a file" {
		t.Errorf("saved again, it reads %q", got)
	}
	if n := countKeys(t, s, prefixIndexChunks); n != 0 {
		t.Errorf("%d chunks kept", n)
	}
	// The release before, opening the casebook again, saves its own head
	// and does not know the file's: the later head is the index.
	saveChunked(t, s, 0, []byte("chunks again"))
	if _, got, _ := s.SavedIndex(); string(got) != "chunks again" {
		t.Errorf("after the release before saved, the index reads %q", got)
	}
}

func countKeys(t *testing.T, s *Store, prefix string) int {
	t.Helper()
	n := 0
	if err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte(prefix)})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			n++
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return n
}

func readHead(t *testing.T, s *Store) indexHead {
	t.Helper()
	var h indexHead
	if err := s.db.View(func(txn *badger.Txn) (err error) {
		h, _, err = readIndexHead(txn)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return h
}

// A fill writes no change log: an index saved before it must not be taken
// as current after it.
func TestFillDropsTheSavedIndex(t *testing.T) {
	s, _ := openTemp(t)
	if err := s.SaveIndex(0, []byte("an index of nothing")); err != nil {
		t.Fatal(err)
	}
	if err := s.Fill(func(f app.Filler) error { return f.PutActor(app.Actor{ID: "a", Name: "A"}) }); err != nil {
		t.Fatal(err)
	}
	if _, got, _ := s.SavedIndex(); got != nil {
		t.Error("the index saved before the fill survived it")
	}
}
