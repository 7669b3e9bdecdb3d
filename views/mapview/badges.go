package mapview

import (
	"math"
	"slices"

	"fyne.io/fyne/v2"

	"codeberg.org/parley/parley/app"
)

// edgeBadge shows the actors seated beyond the map's edge (Washington,
// Moscow): an arrow toward their seat, its name and their markers, at the
// edge where a ray from the middle of the region toward the seat leaves
// the map. The raster draws it; its markers take the pointer.
type edgeBadge struct {
	place  app.Place
	actors []app.Actor
	chips  []*actorMarker
	// more stands for the actors whose markers do not fit on the badge.
	more    *actorMarker
	bearing float64 // radians clockwise from north
	box     rect
	nameW   float32
}

// Sizes of a badge's parts, in units.
const (
	arrowBox    = 16
	badgeHeight = 26
	badgePad    = 5
)

func newEdgeBadge(m *Map, p app.Place, actors []app.Actor) *edgeBadge {
	b := &edgeBadge{place: p, actors: actors}
	for _, a := range actors[:min(len(actors), maxMarkersPerSeat)] {
		b.chips = append(b.chips, newActorMarker(m, a, p.ID))
	}
	b.more = newActorMarker(m, app.Actor{}, p.ID)
	b.more.others = []app.Actor{}
	return b
}

// layoutBadges sizes the badges, puts each on the map's edge and its
// markers in it, and pushes apart badges that would overlap.
func (m *Map) layoutBadges(size fyne.Size) {
	mid := app.LonLat{(m.base.BBox.MinLon + m.base.BBox.MaxLon) / 2, (m.base.BBox.MinLat + m.base.BBox.MaxLat) / 2}
	var placed []rect
	for _, b := range m.badges {
		c, _ := b.place.Geometry.Center()
		b.bearing = initialBearing(mid, c)
		b.nameW = m.textWidth(b.place.Name, captionSize(), false, false)
		shown, w := b.fit(size.Width - 8)
		dx, dy := math.Sin(b.bearing), -math.Cos(b.bearing)
		cx, cy := float64(size.Width)/2, float64(size.Height)/2
		hw, hh := cx-float64(w)/2-6, cy-badgeHeight/2-6
		t := math.Inf(1)
		if dx != 0 {
			t = math.Min(t, hw/math.Abs(dx))
		}
		if dy != 0 {
			t = math.Min(t, hh/math.Abs(dy))
		}
		want := rect{float32(cx+dx*t) - w/2, float32(cy+dy*t) - badgeHeight/2, w, badgeHeight}
		b.box = m.freeEdgeSpot(want, placed, size)
		r := b.box
		placed = append(placed, r)
		x := r.x + badgePad + arrowBox + 3 + b.nameW + badgePad
		for _, mk := range b.chips {
			mk.Hide()
		}
		b.more.Hide()
		for _, mk := range shown {
			mk.Resize(fyne.NewSize(mk.width, pillHeight))
			mk.Move(fyne.NewPos(x, r.y+(badgeHeight-pillHeight)/2))
			mk.Show()
			x += mk.width + pillGap
		}
	}
}

// fit chooses the badge's markers: as many of its actors' as fit in
// room units, the lit first, and a "+n" marker for the rest. It returns
// them and the badge's width.
func (b *edgeBadge) fit(room float32) ([]*actorMarker, float32) {
	order := (&seatBlock{markers: b.chips}).ordered()
	for n := len(order); ; n-- {
		shown := slices.Clone(order[:n])
		if n < len(b.actors) {
			b.more.setMore(b.actors, shown)
			shown = append(shown, b.more)
		}
		w := badgePad + arrowBox + 3 + b.nameW + badgePad + badgePad
		for _, mk := range shown {
			mk.fit()
			w += mk.width + pillGap
		}
		w -= pillGap
		if w <= room || n == 0 {
			return shown, w
		}
	}
}

// freeEdgeSpot moves a badge's box from where it wants to be to the
// nearest spot inside the map, clear of the zoom controls and of the
// badges placed before it: along its row first, then a row further in.
func (m *Map) freeEdgeSpot(want rect, placed []rect, size fyne.Size) rect {
	ctl := rectOf(m.controls).grow(4)
	inside := func(r rect) rect {
		r.x = max(4, min(r.x, size.Width-r.w-4))
		r.y = max(4, min(r.y, size.Height-r.h-4))
		return r
	}
	free := func(r rect) bool {
		if r.x < 4 || r.x+r.w > size.Width-4 || r.hits(ctl) {
			return false
		}
		for _, o := range placed {
			if r.grow(3).hits(o) {
				return false
			}
		}
		return true
	}
	r := inside(want)
	down := float32(1)
	if r.y > size.Height/2 {
		down = -1 // a badge at the bottom edge steps up
	}
	for range 8 {
		cands := []rect{r}
		for _, o := range append(placed, ctl) {
			right, left := r, r
			right.x, left.x = o.x+o.w+6, o.x-r.w-6
			cands = append(cands, right, left)
		}
		best, bestD := rect{}, float32(-1)
		for _, c := range cands {
			if d := abs32(c.x - r.x); free(c) && (bestD < 0 || d < bestD) {
				best, bestD = c, d
			}
		}
		if bestD >= 0 {
			return best
		}
		r.y += down * (badgeHeight + 4)
	}
	return r
}

func abs32(x float32) float32 { return max(x, -x) }

// initialBearing is the great-circle direction from a to b, in radians
// clockwise from north.
func initialBearing(a, b app.LonLat) float64 {
	rad := math.Pi / 180
	la1, la2 := a[1]*rad, b[1]*rad
	dl := (b[0] - a[0]) * rad
	y := math.Sin(dl) * math.Cos(la2)
	x := math.Cos(la1)*math.Sin(la2) - math.Sin(la1)*math.Cos(la2)*math.Cos(dl)
	return math.Atan2(y, x)
}
