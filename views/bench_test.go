package views

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/assets"
	"codeberg.org/parley/parley/storage"

	"codeberg.org/parley/parley/app/synth"
)

// BenchmarkDrawMap renders the base map raster at 1440×900 pixels with the
// seed case's places, one country and the oblast lit.
func BenchmarkDrawMap(b *testing.B) {
	test.NewTempApp(b)
	base, err := assets.RegionMap()
	if err != nil {
		b.Fatal(err)
	}
	seed, _ := assets.SeedCase()
	sc := &mapScene{
		base: base, proj: newProjection(base.BBox, 1440, 900),
		pal:       paletteFor(false, rgb(0x29, 0x6f, 0xf6)),
		caseKeys:  map[string]bool{"ARM": true, "AZE": true},
		litShapes: map[string]bool{"ARM": true}, litRegion: map[string]bool{"nagorno-karabakh": true},
		litLine: map[string]bool{},
	}
	for _, p := range seed.Places {
		switch p.Geometry.Type {
		case app.GeomPolygon:
			sc.regions = append(sc.regions, p)
		case app.GeomLine:
			sc.lines = append(sc.lines, p)
		}
	}
	var p painter
	for b.Loop() {
		drawMap(&p, sc, 1440, 900, 1)
	}
}

// BenchmarkSelectionChange selects an actor in the real window on a
// 100,000-statement casebook and waits until every pane shows it: the
// scene, the list, the map highlights and the detail pane, without painting.
func BenchmarkSelectionChange(b *testing.B) {
	w, c := benchWindow(b, synth.SyntheticSpec{Actors: 1000, Places: 50, Sources: 500, Statements: 100_000, Seed: 9})
	i := 0
	for b.Loop() {
		w.session.SelectActor(c.Actors[i%len(c.Actors)].ID)
		w.waitIdle()
		i++
	}
}

// BenchmarkMapRaster renders the whole map raster, the base map and the
// overlay (lines, names, pins, markers), at 1440×900 pixels for a casebook
// of 1,000 actors seated in 50 towns: the 300 markers the map shows, six a
// town.
func BenchmarkMapRaster(b *testing.B) {
	w, _ := benchWindow(b, synth.SyntheticSpec{Actors: 1000, Places: 50, Sources: 50, Statements: 5000, Seed: 9})
	m := w.mapView
	m.Resize(fyne.NewSize(1440, 900))
	b.ReportMetric(float64(len(m.markers)), "markers")
	for b.Loop() {
		m.render(1440, 900)
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
	w.uiQueue = make(chan func(), 4096)
	w.win.Show()
	w.started()
	w.waitIdle()
	return w, c
}
