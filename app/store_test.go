package app_test

import (
	"testing"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/storage"
)

// newStore opens a real store in a temporary folder: the use cases are
// tested against the store they run on.
func newStore(t testing.TB) app.Store {
	t.Helper()
	s, err := storage.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}
