package mapview

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/session"
	"codeberg.org/parley/parley/app/synth"
)

// checkPlacement fails the test for any two boxes the map shows over its
// raster that overlap (names, markers, badges, the key, the controls), for
// any of them over a town's dot, and for any outside the map.
func checkPlacement(t *testing.T, m *Map, what string) []Placed {
	t.Helper()
	return checkPlacementExcept(t, m, what, "")
}

// checkPlacementExcept is checkPlacement, letting the box named except lie
// over dots.
func checkPlacementExcept(t *testing.T, m *Map, what, except string) []Placed {
	t.Helper()
	all := m.Placement()
	bounds := rect{0, 0, m.Size().Width, m.Size().Height}
	box := func(p Placed) rect { return rect{p.Pos.X, p.Pos.Y, p.Size.Width, p.Size.Height} }
	for i, a := range all {
		if !a.Obstacle && !box(a).within(bounds) {
			t.Errorf("%s: %s at %v %v lies outside the %v map", what, a.What, a.Pos, a.Size, m.Size())
		}
		for _, b := range all[:i] {
			if a.Obstacle && b.Obstacle {
				continue // two dots may touch where two towns are close
			}
			if (a.What == except && b.Obstacle) || (b.What == except && a.Obstacle) {
				continue
			}
			if box(a).hits(box(b)) {
				t.Errorf("%s: %s at %v %v overlaps %s at %v %v", what, a.What, a.Pos, a.Size, b.What, b.Pos, b.Size)
			}
		}
	}
	return all
}

func shownNames(all []Placed) []string {
	var out []string
	for _, p := range all {
		if name, ok := strings.CutPrefix(p.What, "name "); ok {
			out = append(out, name)
		}
	}
	return out
}

// The seed case's map, at the sizes it has in a 1440×900 and a 1024×700
// window and larger, zoomed and not, with and without a selection, shows
// no two names or markers over each other, and at its first view every
// town's name, ARMENIA and every actor.
func TestSeedMapLabelsNeverOverlap(t *testing.T) {
	for _, size := range []fyne.Size{{Width: 850, Height: 360}, {Width: 625, Height: 262}, {Width: 1300, Height: 700}} {
		for _, sel := range []app.Selection{{}, {Actor: "mfa-armenia"}, {Place: "stepanakert"}, {Statement: "st-22"}} {
			for _, zoom := range []float64{1, 1.5, 3} {
				what := fmt.Sprintf("%v, %+v, zoom %v", size, sel, zoom)
				m, s := seedMap(t, sel)
				m.Resize(size)
				m.ZoomBy(zoom)
				all := checkPlacement(t, m, what)
				if zoom != 1 || size.Width < 800 {
					continue
				}
				names := shownNames(all)
				for _, want := range []string{"ARMENIA", "AZERBAIJAN", "Yerevan", "Baku", "Stepanakert", "Hakari bridge checkpoint"} {
					if !slices.Contains(names, want) {
						t.Errorf("%s: %s not shown; shown: %q", what, want, names)
					}
				}
				shown := map[string]bool{}
				for _, mk := range m.shownMarkers() {
					shown[mk.actor.ID] = true
				}
				if rows := s.ActorRows(); len(shown) != len(rows) {
					t.Errorf("%s: %d of %d actors shown", what, len(shown), len(rows))
				}
			}
		}
	}
}

// Markers say readable names: the short name, the selected actor's full
// name, never initials.
func TestMarkersSayShortNames(t *testing.T) {
	m, _ := seedMap(t, app.Selection{Actor: "mfa-armenia"})
	m.Resize(fyne.NewSize(850, 360))
	said := map[string]string{}
	for _, mk := range m.shownMarkers() {
		said[mk.actor.ID] = mk.text
	}
	for id, want := range map[string]string{
		"blinken": "Blinken", "mirzoyan": "Mirzoyan", "united-states": "United States", "russia": "Russia",
		"mfa-armenia": "Ministry of Foreign Affairs of Armenia", "mfa-azerbaijan": "Azerbaijani MFA",
	} {
		if said[id] != want {
			t.Errorf("%s's marker says %q, want %q", id, said[id], want)
		}
	}
	long := app.Actor{Name: "Special Representative of the Secretary-General for the Caucasus and Central Asia", Kind: app.ActorOrganization}
	mk := newActorMarker(m, long, "")
	mk.fit()
	if !strings.HasSuffix(mk.text, "…") || mk.width > maxPillText+2*pillPad+1 {
		t.Errorf("a long name's marker says %q in %.0f units", mk.text, mk.width)
	}
}

// A line between two actors shown side by side bows out of their block
// or badge, so that it is seen, and ends at the recipient's edge.
func TestLinesBetweenNeighboursAreVisible(t *testing.T) {
	m, _ := seedMap(t, app.Selection{})
	m.Resize(fyne.NewSize(850, 360))
	m.SetScene(&session.Scene{Pairs: []app.PairStat{
		{Pair: app.Pair{From: "mirzoyan", To: "mfa-armenia"}, Count: 2},
		{Pair: app.Pair{From: "blinken", To: "united-states"}, Count: 1},
		{Pair: app.Pair{From: "bayramov", To: "blinken"}, Count: 3},
	}})
	lines := m.Lines()
	for _, l := range lines {
		if !l.Drawn {
			t.Fatalf("line %v not drawn", l.Stat.Pair)
		}
		for _, b := range m.badges {
			if (rect{b.box.x, b.box.y, b.box.w, b.box.h}).has(l.Middle) {
				t.Errorf("line %v: its middle %v is under the %s badge", l.Stat.Pair, l.Middle, b.place.Name)
			}
		}
		for _, mk := range m.shownMarkers() {
			if rectOf(mk).has(l.Middle) {
				t.Errorf("line %v: its middle %v is under %s's marker", l.Stat.Pair, l.Middle, mk.actor.ID)
			}
		}
		if on, ok := m.lineAt(l.Middle); !ok || on.stat.Pair != l.Stat.Pair {
			t.Errorf("line %v cannot be pointed at its middle", l.Stat.Pair)
		}
	}
	if !lines[0].Bowed || !lines[1].Bowed || lines[2].Bowed {
		t.Errorf("bowed: %v %v %v, want the two between neighbours", lines[0].Bowed, lines[1].Bowed, lines[2].Bowed)
	}
	// The arrow's tip is at the edge of the recipient's marker, not under it.
	to := rectOf(m.MarkerFor("mfa-armenia").(fyne.CanvasObject))
	tip := m.lines[0].path[len(m.lines[0].path)-1]
	if to.has(tip) || !to.grow(4).has(tip) {
		t.Errorf("the line ends at %v, the marker is %+v", tip, to)
	}
}

func TestClipPath(t *testing.T) {
	pts := []fyne.Position{{X: 0, Y: 0}, {X: 100, Y: 0}}
	got := clipPath(pts, rect{-10, -10, 20, 20}, rect{90, -10, 20, 20})
	if len(got) != 2 || abs32(got[0].X-10) > 0.01 || abs32(got[1].X-90) > 0.01 {
		t.Errorf("clipped to %v", got)
	}
	if got := clipPath(pts, rect{-10, -10, 200, 20}, rect{}); got != nil {
		t.Errorf("a path inside its start's box: %v", got)
	}
}

// The key unfolds by itself only where a corner has room for it, folds
// where none has, and keeps what the user chose.
func TestKeyNeverCoversTheMap(t *testing.T) {
	m, _ := seedMap(t, app.Selection{})
	m.Resize(fyne.NewSize(625, 262))
	if m.keyParts.open {
		t.Error("the key unfolded on a small map")
	}
	m.Resize(fyne.NewSize(1800, 1000))
	if !m.keyParts.open {
		t.Error("the key stayed folded on a large map")
	}
	checkPlacement(t, m, "large map, key open")
	m.keyParts.header.OnTapped()
	if m.keyParts.open {
		t.Error("the key did not fold when asked")
	}
	m.Resize(fyne.NewSize(1900, 1000))
	if m.keyParts.open {
		t.Error("the key unfolded again after the user folded it")
	}
	m.Resize(fyne.NewSize(625, 262))
	m.keyParts.header.OnTapped()
	if !m.keyParts.open {
		t.Error("the key did not unfold when asked")
	}
	// Unfolded by the user on a small map, it may cover a town's dot, but
	// never a marker or a name: they make room.
	checkPlacementExcept(t, m, "small map, key opened", "key")
	var sides []string
	for _, o := range m.keyParts.sides.Objects {
		for _, c := range o.(*fyne.Container).Objects {
			if txt, ok := c.(*canvas.Text); ok {
				sides = append(sides, txt.Text)
			}
		}
	}
	if want := []string{"Armenia", "Azerbaijan", "Russia", "United States", "joint body"}; !slices.Equal(sides, want) {
		t.Errorf("the key lists the sides %q, want %q", sides, want)
	}
}

// A casebook of 1,000 actors in 50 towns: still nothing over anything.
func TestLargeCasebookMapLabelsNeverOverlap(t *testing.T) {
	m := syntheticMap(t, synth.SyntheticSpec{Actors: 1000, Places: 50, Sources: 20, Statements: 3000, Seed: 9})
	for _, size := range []fyne.Size{{Width: 850, Height: 360}, {Width: 625, Height: 262}} {
		for _, zoom := range []float64{1, 2, 4} {
			m.ResetView()
			m.Resize(size)
			m.ZoomBy(zoom)
			checkPlacement(t, m, fmt.Sprintf("1,000 actors, %v, zoom %v", size, zoom))
			if len(m.shownMarkers()) == 0 {
				t.Errorf("%v zoom %v: no marker shown", size, zoom)
			}
		}
	}
}
