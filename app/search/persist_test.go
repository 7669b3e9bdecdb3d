package search_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"

	"codeberg.org/parley/parley/app"

	"codeberg.org/parley/parley/app/search"
	"codeberg.org/parley/parley/app/synth"
	"codeberg.org/parley/parley/storage"
	"codeberg.org/parley/parley/storage/fixture"
	"codeberg.org/parley/parley/storage/storetest"
)

// loadIndex opens a new index over a store, as a new process would.
func loadIndex(t *testing.T, s app.Store, progress search.Progress) (*search.IndexedStore, *search.Index) {
	t.Helper()
	indexed := search.NewIndexedStore(s)
	if err := indexed.LoadIndex(progress); err != nil {
		t.Fatal(err)
	}
	ix, err := indexed.Index()
	if err != nil {
		t.Fatal(err)
	}
	return indexed, ix
}

// agreesWithScan runs random queries on an index and on a plain scan of
// the casebook it covers.
func agreesWithScan(t *testing.T, indexed *search.IndexedStore, seed uint64) {
	t.Helper()
	cb := &app.Casebook{Store: indexed}
	now, err := cb.Dump()
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(seed, 1))
	for range 60 {
		q := randomQuery(rng, now)
		want := search.ScanSearch(now, search.ParseQuery(q), app.Filter{})
		got := indexIDs(t, cb, q, app.Filter{})
		for k := range want {
			if !slices.Equal(got[k], want[k]) {
				t.Fatalf("%q: kind %d index %v, scan %v", q, k, got[k], want[k])
			}
		}
	}
}

// noDisagreements fails when the index does not find what one built from
// the whole casebook finds.
func noDisagreements(t *testing.T, what string, ix *search.Index, s app.Store) {
	t.Helper()
	fresh := search.NewIndex()
	if err := s.View(fresh.Build); err != nil {
		t.Fatal(err)
	}
	if d := search.Disagreements(ix, fresh, 10); len(d) > 0 {
		t.Fatalf("%s: the index and the casebook disagree:\n%v", what, d)
	}
}

func TestASavedIndexLoadsAsItWasBuilt(t *testing.T) {
	s := storetest.Open(t)
	if err := app.LoadCase(s, synth.Synthetic(synth.SyntheticSpec{Actors: 30, Places: 8, Sources: 15, Statements: 800, Notes: 120, Seed: 31}), 300); err != nil {
		t.Fatal(err)
	}
	var calls, lastDone, lastTotal int
	first, built := loadIndex(t, s, func(done, total int) { calls, lastDone, lastTotal = calls+1, done, total })
	if first.How() != "built" {
		t.Fatalf("a casebook without a saved index: %q, want built", first.How())
	}
	items := 30 + 8 + 15 + 800 + 120
	if calls == 0 || lastDone != items || lastTotal != items {
		t.Errorf("progress: %d calls, last %d of %d, want %d of %d", calls, lastDone, lastTotal, items, items)
	}
	second, loaded := loadIndex(t, s, func(int, int) { t.Error("progress while loading a saved index") })
	if second.How() != "loaded" {
		t.Fatalf("second open: %q, want loaded", second.How())
	}
	if d := search.Disagreements(built, loaded, 10); len(d) > 0 {
		t.Fatalf("saved and loaded indexes differ:\n%v", d)
	}
	if !bytes.Equal(built.Marshal(), loaded.Marshal()) {
		t.Error("a loaded index saves as other bytes than the one it was loaded from")
	}
	agreesWithScan(t, second, 7)
}

// Writes made without the index (by the command line, or by a window that
// was killed before it saved) are caught up on at the next load, whatever
// they were.
func TestALoadedIndexCatchesUpOnWritesMadeWithoutIt(t *testing.T) {
	s := storetest.Open(t)
	c := synth.Synthetic(synth.SyntheticSpec{Actors: 20, Places: 6, Sources: 10, Statements: 500, Notes: 80, Seed: 41})
	if err := app.LoadCase(s, c, 200); err != nil {
		t.Fatal(err)
	}
	loadIndex(t, s, nil) // built and saved
	cb := &app.Casebook{Store: s}
	rng := rand.New(rand.NewPCG(9, 9))
	for round := range 4 {
		now, err := cb.Dump()
		if err != nil {
			t.Fatal(err)
		}
		for i := range 30 {
			st := now.Statements[rng.IntN(len(now.Statements))]
			switch rng.IntN(6) {
			case 0:
				st.Quote = "quokka " + st.Quote
				st.End = st.Start + app.RuneLen(st.Quote)
				err = s.Update(func(tx app.Tx) error { return tx.PutStatement(st) })
			case 1:
				err = s.Update(func(tx app.Tx) error { return tx.DeleteStatement(st.ID) })
			case 2:
				_, err = cb.AddNote(app.Target{Kind: app.TargetStatement, ID: st.ID}, nil, "quokka note "+st.Quote[:4], []string{"later"})
			case 3:
				a := now.Actors[rng.IntN(len(now.Actors))]
				a.Aliases = append(a.Aliases, fmt.Sprintf("Quokkov%d", i))
				err = s.Update(func(tx app.Tx) error { return tx.PutActor(a) })
			case 4:
				// A source's language decides how its statements are stemmed.
				src := now.Sources[rng.IntN(len(now.Sources))]
				src.Language = []string{"de", "fr", "ru", ""}[rng.IntN(4)]
				err = s.Update(func(tx app.Tx) error { return tx.PutSource(src, nil) })
			case 5:
				err = s.Update(func(tx app.Tx) error { return tx.PutPlace(app.Place{ID: fmt.Sprintf("pq%d", i), Name: "Quokka Bay"}) })
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		indexed, ix := loadIndex(t, s, nil)
		if indexed.How() != "caught up" {
			t.Fatalf("round %d: %q, want caught up", round, indexed.How())
		}
		noDisagreements(t, fmt.Sprintf("round %d", round), ix, s)
		agreesWithScan(t, indexed, uint64(round))
		if round%2 == 1 {
			indexed.SaveIndex()
			if again, _ := loadIndex(t, s, nil); again.How() != "loaded" {
				t.Fatalf("round %d: after a save: %q, want loaded", round, again.How())
			}
		}
	}
}

// Writes through an index keep it current, and a save makes it the one the
// next load takes as it is.
func TestWritesThroughTheIndexAreSavedWithIt(t *testing.T) {
	s := storetest.Open(t)
	indexed := search.NewIndexedStore(s)
	if _, err := app.EnsureSeed(indexed, storetest.SeedCase(t)); err != nil {
		t.Fatal(err)
	}
	if err := indexed.LoadIndex(nil); err != nil {
		t.Fatal(err)
	}
	cb := &app.Casebook{Store: indexed}
	if _, err := cb.AddNote(app.Target{Kind: app.TargetActor, ID: "mirzoyan"}, nil, "wombat diplomacy", nil); err != nil {
		t.Fatal(err)
	}
	indexed.SaveIndex()
	next, ix := loadIndex(t, s, nil)
	if next.How() != "loaded" {
		t.Fatalf("%q, want loaded", next.How())
	}
	noDisagreements(t, "after a save", ix, s)
	groups, err := search.Search(next, "wombat", app.Filter{}, 5)
	if err != nil || len(groups) != 1 || groups[0].KindS != "note" {
		t.Fatalf("the note written before the save: %+v, %v", groups, err)
	}
}

// An index saved in another format, or damaged, is built again and saved
// over.
func TestAnIndexThatCannotBeReadIsBuiltAgain(t *testing.T) {
	s := storetest.Open(t)
	if _, err := app.EnsureSeed(s, storetest.SeedCase(t)); err != nil {
		t.Fatal(err)
	}
	_, ix := loadIndex(t, s, nil)
	good := ix.Marshal()
	at, _ := s.LastChange()
	for name, data := range map[string][]byte{
		"another format": append(append([]byte("PLYX"), 0, 0, 0, 0), good[8:]...),
		"not an index":   []byte("hello"),
		"cut short":      good[:len(good)/2],
	} {
		if err := s.DropIndex(); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveIndex(at, data); err != nil {
			t.Fatal(err)
		}
		indexed, ix := loadIndex(t, s, nil)
		if indexed.How() != "built" {
			t.Errorf("%s: %q, want built", name, indexed.How())
		}
		noDisagreements(t, name, ix, s)
		if _, saved, _ := s.SavedIndex(); !bytes.Equal(saved, good) {
			t.Errorf("%s: not saved over", name)
		}
	}
}

// A casebook written by the release before the saved index (schema 1 in
// the fixture) gets its index built on the first open, with progress, and
// loads it from then on.
func TestAnOlderCasebookGetsItsIndexOnFirstOpen(t *testing.T) {
	dir := fixture.Unpack(t, "../../storage/testdata/schema1.tgz")
	s, err := storage.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	progressed := false
	indexed, ix := loadIndex(t, s, func(done, total int) { progressed = progressed || done == total && total > 0 })
	if indexed.How() != "built" || !progressed {
		t.Fatalf("first open: %q, progress to the end %v", indexed.How(), progressed)
	}
	noDisagreements(t, "first open", ix, s)
	if again, _ := loadIndex(t, s, nil); again.How() != "loaded" {
		t.Fatalf("second open: %q, want loaded", again.How())
	}
}

// A casebook written by the release that saved its index in chunks of the
// database, in the format before this one (storage/testdata/index-chunks.tgz:
// the seed case and one note, "Compare the readings."), gets its index
// built on the first open, with progress, saved as a file, and loaded from
// then on.
func TestAnIndexOfTheReleaseBeforeIsBuiltAgain(t *testing.T) {
	dir := fixture.Unpack(t, "../../storage/testdata/index-chunks.tgz")
	s, err := storage.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, data, err := s.SavedIndex(); err != nil || data == nil {
		t.Fatalf("the release's saved index does not read: %v", err)
	}
	progressed := false
	indexed, ix := loadIndex(t, s, func(done, total int) { progressed = progressed || done == total && total > 0 })
	if indexed.How() != "built" || !progressed {
		t.Fatalf("first open: %q, progress to the end %v", indexed.How(), progressed)
	}
	noDisagreements(t, "first open", ix, s)
	if files, _ := filepath.Glob(filepath.Join(dir, "casebook", "search-*.idx")); len(files) != 1 {
		t.Errorf("index files after the first open: %v", files)
	}
	again, ix := loadIndex(t, s, nil)
	if again.How() != "loaded" {
		t.Fatalf("second open: %q, want loaded", again.How())
	}
	if hits := ix.Query(search.ParseQuery("readings"), app.Filter{}, 5); hits.Total[search.DocNote] != 1 {
		t.Errorf("the note written by the release before is found %d times", hits.Total[search.DocNote])
	}
}

// An index loaded from its saved file, changed by writes, and given its
// unchanged pages back still agrees with the casebook: the pages it wrote
// to are its own and stay.
func TestGivingBackPagesLosesNoChange(t *testing.T) {
	s := storetest.Open(t)
	if err := app.LoadCase(s, synth.Synthetic(synth.SyntheticSpec{Actors: 30, Places: 8, Sources: 15, Statements: 3000, Notes: 300, Seed: 5}), 500); err != nil {
		t.Fatal(err)
	}
	first, _ := loadIndex(t, s, nil)
	first.WaitForSaves()
	indexed, ix := loadIndex(t, s, nil)
	if indexed.How() != "loaded" {
		t.Fatalf("%q, want loaded", indexed.How())
	}
	for i := range 40 {
		id := fmt.Sprintf("s%07d", i*50)
		if err := indexed.Update(func(tx app.Tx) error { return tx.DeleteStatement(id) }); err != nil {
			t.Fatal(err)
		}
		if err := indexed.Update(func(tx app.Tx) error {
			return tx.PutActor(app.Actor{ID: fmt.Sprintf("new%d", i), Name: fmt.Sprintf("Newly Added %d", i)})
		}); err != nil {
			t.Fatal(err)
		}
	}
	indexed.ReleaseMappedPages()
	noDisagreements(t, "after giving back pages", ix, s)
	if hits := ix.Query(search.ParseQuery("newly added"), app.Filter{}, 0); hits.Total[search.DocActor] != 40 {
		t.Errorf("%d actors added found, want 40", hits.Total[search.DocActor])
	}
}

// FuzzUnmarshalIndex: whatever bytes claim to be a saved index, loading
// them returns an index or an error, and never crashes.
func FuzzUnmarshalIndex(f *testing.F) {
	// A small casebook: the fuzzer mutates a small seed many times faster.
	s := storetest.Open(f)
	if err := app.LoadCase(s, synth.Synthetic(synth.SyntheticSpec{Actors: 3, Places: 2, Sources: 2, Statements: 6, Notes: 2, Seed: 1}), 100); err != nil {
		f.Fatal(err)
	}
	ix := search.NewIndex()
	if err := s.View(ix.Build); err != nil {
		f.Fatal(err)
	}
	good := ix.Marshal()
	f.Add(good)
	f.Add(good[:200])
	f.Add([]byte("PLYX"))
	f.Fuzz(func(t *testing.T, data []byte) {
		loaded, err := search.UnmarshalIndex(data)
		if err == nil && loaded == nil {
			t.Fatal("no index and no error")
		}
	})
}
