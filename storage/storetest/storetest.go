package storetest

import (
	"os"
	"testing"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/assets"
	"codeberg.org/parley/parley/storage"

	"codeberg.org/parley/parley/app/search"
)

// Open opens an empty casebook in a temporary folder, closed when the test
// ends.
func Open(t testing.TB) *storage.Store {
	t.Helper()
	s, err := storage.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// Seeded opens a casebook holding the seed case, and returns the seed too.
func Seeded(t testing.TB) (*app.Casebook, app.Case) {
	t.Helper()
	s := Open(t)
	seed, err := assets.SeedCase()
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := app.EnsureSeed(s, seed)
	if err != nil || !loaded {
		t.Fatalf("seed: loaded=%v err=%v", loaded, err)
	}
	return &app.Casebook{Store: s}, seed
}

// IndexedSeed opens a casebook holding the seed case behind a search index,
// built.
func IndexedSeed(t testing.TB) (*app.Casebook, *search.IndexedStore) {
	t.Helper()
	s := search.NewIndexedStore(Open(t))
	seed, err := assets.SeedCase()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := app.EnsureSeed(s, seed); err != nil {
		t.Fatal(err)
	}
	if err := s.LoadIndex(nil); err != nil {
		t.Fatal(err)
	}
	return &app.Casebook{Store: s}, s
}

// SeedCase is the seed case as shipped.
func SeedCase(t testing.TB) app.Case {
	t.Helper()
	seed, err := assets.SeedCase()
	if err != nil {
		t.Fatal(err)
	}
	return seed
}

// BenchCasebook opens the casebook a benchmark is asked to run on,
// PARLEY_BENCH_DATA (a data folder, such as one `parley gen` filled), with
// its saved index loaded as the window loads it; closed when the benchmark
// ends. The benchmark is skipped when the variable names no casebook.
func BenchCasebook(b *testing.B) *search.IndexedStore {
	b.Helper()
	dir := os.Getenv("PARLEY_BENCH_DATA")
	if dir == "" {
		b.Skip("PARLEY_BENCH_DATA names no casebook")
	}
	s, err := storage.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = s.Close() })
	store := search.NewIndexedStore(s)
	if err := store.LoadIndex(nil); err != nil {
		b.Fatal(err)
	}
	return store
}
