package mapview

import (
	_ "codeberg.org/parley/parley/views/locale" // before Fyne; see the package

	"bytes"
	"image"
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/search"
	"codeberg.org/parley/parley/app/session"
	"codeberg.org/parley/parley/app/synth"
	"codeberg.org/parley/parley/assets"
	"codeberg.org/parley/parley/storage/storetest"
)

// seedMap builds the map on the seed case, its index built, showing the
// scene of sel, at 900×500.
func seedMap(t *testing.T, sel app.Selection) (*Map, *session.Session) {
	t.Helper()
	test.NewTempApp(t)
	cb, _ := storetest.IndexedSeed(t)
	s, err := session.NewSession(cb)
	if err != nil {
		t.Fatal(err)
	}
	base, err := assets.RegionMap()
	if err != nil {
		t.Fatal(err)
	}
	m := New(s, base)
	m.Resize(fyne.NewSize(900, 500))
	sc, err := s.Scene(sel)
	if err != nil {
		t.Fatal(err)
	}
	m.SetScene(&sc)
	return m, s
}

// syntheticMap builds the map on a generated casebook.
func syntheticMap(b testing.TB, spec synth.SyntheticSpec) *Map {
	b.Helper()
	test.NewTempApp(b)
	store := search.NewIndexedStore(storetest.Open(b))
	if err := app.LoadCase(store, synth.Synthetic(spec), 500); err != nil {
		b.Fatal(err)
	}
	if err := store.LoadIndex(nil); err != nil {
		b.Fatal(err)
	}
	s, err := session.NewSession(&app.Casebook{Store: store})
	if err != nil {
		b.Fatal(err)
	}
	base, err := assets.RegionMap()
	if err != nil {
		b.Fatal(err)
	}
	m := New(s, base)
	sc, err := s.Scene(app.Selection{})
	if err != nil {
		b.Fatal(err)
	}
	m.SetScene(&sc)
	return m
}

// TestPairLinesMatchTheStatements: a line for each speaker → recipient
// pair, its width from the count and its colour from the mean score.
func TestPairLinesMatchTheStatements(t *testing.T) {
	m, s := seedMap(t, app.Selection{})
	all, err := s.Casebook.Dump()
	if err != nil {
		t.Fatal(err)
	}
	want := app.PairStats(all.Statements)
	if len(m.lines) != len(want) {
		t.Fatalf("%d pair lines, want %d", len(m.lines), len(want))
	}
	drawn := 0
	for _, l := range m.lines {
		w, ok := want[app.Pair{From: l.stat.From, To: l.stat.To}]
		if !ok || w.Count != l.stat.Count || math.Abs(w.Mean()-l.stat.Mean()) > 1e-9 {
			t.Errorf("line %v: %d statements, mean %.3f; plain count %d, mean %.3f", l.stat.Pair, l.stat.Count, l.stat.Mean(), w.Count, w.Mean())
		}
		if l.width != lineWidth(w.Count) {
			t.Errorf("line %v: width %.1f for %d statements", l.stat.Pair, l.width, w.Count)
		}
		if l.drawn {
			drawn++
		}
	}
	if drawn == 0 {
		t.Fatal("no line drawn")
	}
	// A click on a line selects its pair: each line whose middle is not
	// crossed by a busier one.
	clicked := 0
	for _, l := range m.Lines() {
		if on, ok := m.lineAt(l.Middle); !l.Drawn || !ok || on.stat.Pair != l.Stat.Pair {
			continue
		}
		m.Tapped(&fyne.PointEvent{Position: l.Middle})
		if sel := s.Selection(); sel.Actor != l.Stat.From || sel.Recipient != l.Stat.To {
			t.Errorf("clicking the line %v selected %+v", l.Stat.Pair, sel)
		}
		clicked++
	}
	if clicked == 0 {
		t.Fatal("no line could be clicked")
	}
}

// forcedTheme is the default theme held to one variant.
type forcedTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (f forcedTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return f.Theme.Color(n, f.variant)
}

// The legend takes the theme's colours when the map is refreshed.
func TestLegendFollowsTheTheme(t *testing.T) {
	m, _ := seedMap(t, app.Selection{})
	for _, v := range []fyne.ThemeVariant{theme.VariantDark, theme.VariantLight} {
		fyne.CurrentApp().Settings().SetTheme(forcedTheme{theme.DefaultTheme(), v})
		test.WidgetRenderer(m).Refresh()
		want := theme.DefaultTheme().Color(theme.ColorNameOverlayBackground, v)
		if c := m.keyParts.bg.FillColor; c != want {
			t.Errorf("variant %v: legend background %v, want %v", v, c, want)
		}
	}
}

// shownMarkers lists the actors' markers the map shows, beside towns and
// on badges.
func (m *Map) shownMarkers() []*actorMarker {
	var out []*actorMarker
	for _, sb := range m.blocks {
		for _, mk := range sb.markers {
			if mk.Visible() {
				out = append(out, mk)
			}
		}
	}
	for _, b := range m.badges {
		for _, mk := range b.chips {
			if mk.Visible() {
				out = append(out, mk)
			}
		}
	}
	return out
}

// TestMapOverlayIsDrawn renders the map's raster and finds in it what the
// markers and pins stand for: each marker's side's colour inside its edge,
// the selection's colour on a lit marker's edge, each town's dot, the
// names in white. They are drawn there, not built as objects.
func TestMapOverlayIsDrawn(t *testing.T) {
	m, _ := seedMap(t, app.Selection{Actor: "mirzoyan"})
	m.Resize(fyne.NewSize(900, 500))
	size := m.Size()
	img := m.render(int(size.Width), int(size.Height)).(*image.RGBA)
	dist := func(got color.RGBA, want color.Color) int {
		w := toRGBA(want)
		d := func(a, b uint8) int { return max(int(a)-int(b), int(b)-int(a)) }
		return max(d(got.R, w.R), d(got.G, w.G), d(got.B, w.B))
	}
	near := func(got color.RGBA, want color.Color) bool { return dist(got, want) <= 8 }
	// The ring is a stroke of one and a half units: smoothing mixes in a
	// little of the fill, so the test is which colour it is closest to.
	closest := func(got color.RGBA, want color.Color, others ...color.Color) bool {
		for _, o := range others {
			if dist(got, o) <= dist(got, want) {
				return false
			}
		}
		return true
	}
	markers := m.shownMarkers()
	if len(markers) != 12 || len(m.pins) == 0 {
		t.Fatalf("%d markers, %d pins", len(markers), len(m.pins))
	}
	lit := 0
	for _, mk := range markers {
		pos, s := mk.Position(), mk.Size()
		cx, cy := int(pos.X+s.Width/2), int(pos.Y+s.Height/2)
		if got := img.RGBAAt(int(pos.X)+5, cy); !near(got, m.sideColor(mk.actor)) {
			t.Errorf("marker %s: %v inside its edge, want %v", mk.actor.ID, got, m.sideColor(mk.actor))
		}
		ring := img.RGBAAt(cx, int(pos.Y+0.75)) // inside the 1.5-unit edge
		fill, primary := m.sideColor(mk.actor), theme.Color(theme.ColorNamePrimary)
		if mk.lit {
			lit++
			if !closest(ring, primary, fill, color.White) {
				t.Errorf("lit marker %s: ring %v", mk.actor.ID, ring)
			}
		} else if !closest(ring, color.White, fill, primary) {
			t.Errorf("marker %s: ring %v, want white", mk.actor.ID, ring)
		}
		white := 0
		for x := cx - 6; x <= cx+6; x++ {
			for y := cy - 2; y <= cy+2; y++ {
				if p := img.RGBAAt(x, y); min(p.R, p.G, p.B) >= 0xe0 {
					white++
				}
			}
		}
		if white == 0 {
			t.Errorf("marker %s: no name drawn", mk.actor.ID)
		}
		if objs := test.WidgetRenderer(mk).Objects(); len(objs) != 0 {
			t.Errorf("marker %s builds %d objects", mk.actor.ID, len(objs))
		}
	}
	if lit == 0 {
		t.Error("no marker lit for the selected actor")
	}
	for _, p := range m.pins {
		if p.place.Kind == app.PlaceCheckpoint {
			continue
		}
		pos, s := p.Position(), p.Size()
		if got := img.RGBAAt(int(pos.X+s.Width/2), int(pos.Y+s.Height/2)); !near(got, theme.Color(theme.ColorNameForeground)) &&
			!near(got, theme.Color(theme.ColorNamePrimary)) {
			t.Errorf("pin %s: %v at its centre", p.place.ID, got)
		}
	}
}

// The map drawn ahead is the map the frame would draw, and it is used
// once, for the size it was drawn at, unless the map changed since.
func TestMapDrawnAheadIsUsedOnceIfNothingChanged(t *testing.T) {
	m, _ := seedMap(t, app.Selection{})
	m.Resize(fyne.NewSize(600, 400))
	fresh := m.render(600, 400).(*image.RGBA)

	m.Prerender(1)
	ahead := m.pre.img
	if got := m.render(600, 400); got != ahead {
		t.Fatal("the frame drew the map again instead of taking the one drawn ahead")
	}
	if !bytes.Equal(ahead.(*image.RGBA).Pix, fresh.Pix) {
		t.Error("the map drawn ahead differs from the one the frame draws")
	}
	if got := m.render(600, 400); got == ahead {
		t.Error("the map drawn ahead was used twice")
	}

	m.Prerender(2)
	if ahead := m.pre.img; m.render(1200, 800) != ahead {
		t.Error("the map drawn ahead at two pixels a unit was not used")
	}

	for _, tc := range []struct {
		name   string
		change func()
		w, h   int
	}{
		{"other pixels", func() {}, 900, 600},
		{"redrawn", m.redraw, 600, 400},
		{"resized", func() { m.Resize(fyne.NewSize(500, 400)) }, 600, 400},
		{"zoomed", func() { m.ZoomBy(1.5) }, 600, 400},
	} {
		m.Resize(fyne.NewSize(600, 400))
		m.Prerender(1)
		ahead := m.pre.img
		tc.change()
		if got := m.render(tc.w, tc.h); got == ahead {
			t.Errorf("%s: the frame took the map drawn ahead", tc.name)
		}
	}
}

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

// BenchmarkMapRaster renders the whole map raster, the base map and the
// overlay (lines, names, pins, markers), at 1440×900 pixels for a casebook
// of 1,000 actors seated in 50 towns: the markers the placement pass
// finds room for (reported as "markers"), at most six a town.
func BenchmarkMapRaster(b *testing.B) {
	m := syntheticMap(b, synth.SyntheticSpec{Actors: 1000, Places: 50, Sources: 50, Statements: 5000, Seed: 9})
	m.Resize(fyne.NewSize(1440, 900))
	for b.Loop() {
		m.render(1440, 900)
	}
	b.ReportMetric(float64(len(m.shownMarkers())), "markers")
}

// BenchmarkMapPlacement lays the map out again, as a zoom or a pan does,
// for a casebook of 1,000 actors seated in 50 towns: the collision pass
// that places every name and marker, and the lines.
func BenchmarkMapPlacement(b *testing.B) {
	m := syntheticMap(b, synth.SyntheticSpec{Actors: 1000, Places: 50, Sources: 50, Statements: 5000, Seed: 9})
	m.Resize(fyne.NewSize(1440, 900))
	for b.Loop() {
		m.layout(m.size)
	}
}
