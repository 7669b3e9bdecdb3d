package storage

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/synth"
)

// TestFillWritesWhatTransactionsWrite: a casebook filled in bulk reads the
// same as one loaded through transactions: items, indexes and counters.
func TestFillWritesWhatTransactionsWrite(t *testing.T) {
	spec := synth.SyntheticSpec{Actors: 30, Places: 8, Sources: 12, Statements: 2000, Notes: 300, Seed: 5}
	bulk, _ := openTemp(t)
	if err := bulk.Fill(func(w app.Filler) error { return synth.Generate(spec, w, nil) }); err != nil {
		t.Fatal(err)
	}
	loaded, _ := openTemp(t)
	if err := app.LoadCase(loaded, synth.Synthetic(spec), 500); err != nil {
		t.Fatal(err)
	}
	a, _ := (&app.Casebook{Store: bulk}).Dump()
	b, _ := (&app.Casebook{Store: loaded}).Dump()
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the filled casebook differs from the loaded one")
	}
	ca, _ := bulk.SpeakerCounts()
	cb, _ := loaded.SpeakerCounts()
	if !reflect.DeepEqual(ca, cb) {
		t.Fatal("speaker counts differ")
	}
	for _, id := range []string{"a00000", "a00007", "a00029"} {
		x, _ := bulk.StatementsByActor(id)
		y, _ := loaded.StatementsByActor(id)
		if !reflect.DeepEqual(x, y) || len(x) == 0 {
			t.Fatalf("%s: %d statements filled, %d loaded", id, len(x), len(y))
		}
	}
	for _, id := range []string{"src00000", "src00011"} {
		x, _ := bulk.StatementIDsBySource(id)
		y, _ := loaded.StatementIDsBySource(id)
		if !reflect.DeepEqual(x, y) {
			t.Fatalf("%s: source index differs", id)
		}
	}
	notes, _ := bulk.NotesFor(app.Target{Kind: app.TargetStatement, ID: a.Notes[0].Target.ID})
	if len(notes) == 0 {
		t.Fatal("the note index is empty")
	}
	// Key by key the same, but for the change log transactions keep.
	if ka, kb := rawKeys(t, bulk), rawKeys(t, loaded); !reflect.DeepEqual(ka, kb) {
		for k, v := range kb {
			if ka[k] != v {
				t.Errorf("loaded %q = %q, filled %q", k, v, ka[k])
				break
			}
		}
		t.Fatalf("the filled casebook holds %d keys, the loaded one %d", len(ka), len(kb))
	}
	// A casebook that holds anything is not filled.
	if err := bulk.Fill(func(app.Filler) error { return nil }); err == nil {
		t.Fatal("a full casebook was filled")
	}
}

// rawKeys reads every key and value of a store but its change log.
func rawKeys(t *testing.T, s *Store) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.DefaultIteratorOptions)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			k := string(it.Item().Key())
			if strings.HasPrefix(k, "x/") {
				continue
			}
			v, err := it.Item().ValueCopy(nil)
			if err != nil {
				return err
			}
			out[k] = string(v)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// A casebook filled in sorted runs, many of them, reads as written, takes
// writes after (newer than what the fill wrote), opens again, and leaves
// no run behind.
func TestFillThroughManyRuns(t *testing.T) {
	s, dir := openTemp(t)
	if err := s.PutSetting("window", []byte("kept")); err != nil {
		t.Fatal(err)
	}
	spec := synth.SyntheticSpec{Actors: 12, Places: 5, Sources: 6, Statements: 3000, Notes: 200, Seed: 9}
	runs, err := s.fill(func(w app.Filler) error { return synth.Generate(spec, w, nil) }, 64<<10)
	if err != nil {
		t.Fatal(err)
	}
	if runs < 10 {
		t.Fatalf("%d runs: the test shows no merge", runs)
	}
	want := synth.Synthetic(spec)
	got, err := (&app.Casebook{Store: s}).Dump()
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Statements) != len(want.Statements) || len(got.Notes) != len(want.Notes) {
		t.Fatalf("%d statements and %d notes, want %d and %d", len(got.Statements), len(got.Notes), len(want.Statements), len(want.Notes))
	}
	st := got.Statements[0]
	st.Quote = "written after the fill"
	if err := s.Update(func(tx app.Tx) error { return tx.PutStatement(st) }); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	again, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if back, err := again.Statement(st.ID); err != nil || back.Quote != st.Quote {
		t.Fatalf("after reopening: %q (%v), want the write made after the fill", back.Quote, err)
	}
	if v, err := again.Setting("window"); err != nil || string(v) != "kept" {
		t.Fatalf("the setting held before the fill: %q (%v)", v, err)
	}
	left, _ := filepath.Glob(filepath.Join(again.dbDir, fillRunPattern))
	if len(left) > 0 {
		t.Fatalf("runs left behind: %v", left)
	}
}

// The sorter gives every key once, in order, with the value written last,
// however the pairs fall into runs.
func TestRunSorterKeepsTheLastValue(t *testing.T) {
	for _, runBytes := range []int{1, 40, 300, 1 << 20} {
		rs := newRunSorter(t.TempDir(), runBytes)
		want := map[string]string{}
		rng := rand.New(rand.NewPCG(1, uint64(runBytes)))
		for i := range 2000 {
			k := fmt.Sprintf("k%03d", rng.IntN(500))
			v := fmt.Sprint(i)
			if rng.IntN(10) == 0 {
				v = "" // an empty value, as index keys hold
			}
			want[k] = v
			if err := rs.add([]byte(k), []byte(v)); err != nil {
				t.Fatal(err)
			}
		}
		var keys []string
		err := rs.merge(func(k, v []byte) error {
			keys = append(keys, string(k))
			if want[string(k)] != string(v) {
				return fmt.Errorf("%s = %q, want %q", k, v, want[string(k)])
			}
			return nil
		})
		if err != nil {
			t.Fatalf("runs of %d bytes: %v", runBytes, err)
		}
		if len(keys) != len(want) || !slices.IsSorted(keys) {
			t.Fatalf("runs of %d bytes: %d keys (sorted: %v), want %d", runBytes, len(keys), slices.IsSorted(keys), len(want))
		}
		rs.remove()
	}
}

// BenchmarkFill generates and fills 100,000 statements and 10,000 notes,
// as parley gen does.
func BenchmarkFill(b *testing.B) {
	spec := synth.SyntheticSpec{Actors: 1000, Places: 50, Sources: 500, Statements: 100_000, Notes: 10_000, Seed: 1}
	for b.Loop() {
		b.StopTimer()
		s, _ := openTemp(b)
		b.StartTimer()
		if err := s.Fill(func(w app.Filler) error { return synth.Generate(spec, w, nil) }); err != nil {
			b.Fatal(err)
		}
	}
}
