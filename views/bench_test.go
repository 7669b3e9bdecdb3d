package views

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/assets"
	"codeberg.org/parley/parley/storage"

	"codeberg.org/parley/parley/app/synth"
)

// BenchmarkSelectionChange selects an actor in the real window on a
// 100,000-statement casebook and waits until every pane shows it: the
// scene, the list, the map highlights and the detail pane, without painting.
func BenchmarkSelectionChange(b *testing.B) {
	w, c := benchWindow(b, synth.SyntheticSpec{Actors: 1000, Places: 50, Sources: 500, Statements: 100_000, Seed: 9})
	i := 0
	for b.Loop() {
		w.sh.Session.SelectActor(c.Actors[i%len(c.Actors)].ID)
		w.sh.WaitIdle()
		i++
	}
}

// benchWindow builds the real window, shown and idle, on a generated
// casebook in a fresh store.
func benchWindow(b *testing.B, spec synth.SyntheticSpec) (*mainWindow, app.Case) {
	b.Helper()
	s, err := storage.Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = s.Close() })
	c := synth.Synthetic(spec)
	if err := app.LoadCase(s, c, 500); err != nil {
		b.Fatal(err)
	}
	w, err := build(test.NewTempApp(b), Config{Store: s, Map: assets.RegionMap}, nil)
	if err != nil {
		b.Fatal(err)
	}
	w.sh.DriveFromTest()
	w.win.Show()
	w.started()
	w.sh.WaitIdle()
	return w, c
}
