package mapview

import (
	"fmt"
	"image/color"
	"math"

	"fyne.io/fyne/v2"

	"codeberg.org/parley/parley/app"

	"codeberg.org/parley/parley/views/ui"
)

// pairLine is one speaker → recipient line on the map, from the edge of
// the speaker's marker to the edge of the recipient's, with an arrowhead
// there. Between two actors shown side by side (one town's block, one edge
// badge) it bows out of their box, so that it can be seen.
type pairLine struct {
	stat  app.PairStat
	width float32
	color color.NRGBA
	path  []fyne.Position // in units
	head  [2]segment
	drawn bool
}

// segment is a straight stroke in units, drawn into the raster.
type segment struct {
	Position1, Position2 fyne.Position
	StrokeWidth          float32
}

// maxLines is how many pair lines the map draws at most.
const maxLines = 60

// lineWidth grows with the number of statements, by doublings.
func lineWidth(n int) float32 {
	return float32(math.Min(1.5+1.6*math.Log2(float64(max(n, 1))), 9))
}

// setPairs gives the map the pairs of the list it shows.
func (m *Map) setPairs(pairs []app.PairStat) {
	m.lines = m.lines[:0]
	// The busiest pairs: more lines than this are a tangle, not a picture.
	if len(pairs) > maxLines {
		pairs = pairs[:maxLines]
	}
	for _, p := range pairs {
		c := ui.ScoreColor(p.Mean())
		if p.Scored == 0 {
			c = ui.ScoreColor(0)
		}
		c.A = 0xd0
		m.lines = append(m.lines, &pairLine{stat: p, width: lineWidth(p.Count), color: c})
	}
	m.keyParts.showLines(len(m.lines) > 0)
}

// anchor is one place an actor is drawn: a marker, with the box a line
// to it stops at and the group of markers it is shown with.
type anchor struct {
	at    fyne.Position
	stop  rect // the marker, or on a badge the whole badge
	group rect // the block or badge it is in
	key   string
}

// anchorsByActor lists where each actor is drawn: its markers beside
// towns and on badges at the edge, or the "+n" markers that stand for it.
func (m *Map) anchorsByActor() map[string][]anchor {
	out := map[string][]anchor{}
	add := func(mk *actorMarker, a anchor) {
		if mk.others == nil {
			out[mk.actor.ID] = append(out[mk.actor.ID], a)
			return
		}
		// An actor without a marker of its own is on its group's "+n".
		for _, o := range mk.others {
			out[o.ID] = append(out[o.ID], a)
		}
	}
	for _, sb := range m.blocks {
		for _, mk := range withMore(sb.markers, sb.more) {
			if mk.Visible() {
				r := rectOf(mk)
				add(mk, anchor{at: r.mid(), stop: r, group: sb.box, key: "seat " + sb.place.ID})
			}
		}
	}
	for _, b := range m.badges {
		for _, mk := range withMore(b.chips, b.more) {
			if mk.Visible() {
				add(mk, anchor{at: rectOf(mk).mid(), stop: b.box, group: b.box, key: "badge " + b.place.ID})
			}
		}
	}
	return out
}

// layoutLines lays each line between its actors' markers: of all the ways
// to join them across groups, the longest, so that a joint speaker seated
// in two capitals speaks across the map; failing that, a bow between two
// markers of one group.
func (m *Map) layoutLines() {
	centre := fyne.NewPos(m.size.Width/2, m.size.Height/2)
	anchors := m.anchorsByActor()
	for _, l := range m.lines {
		l.drawn, l.path = false, l.path[:0]
		from, to := anchors[l.stat.From], anchors[l.stat.To]
		var a, b anchor
		best, found, bow := float32(-1), false, false
		for _, x := range from {
			for _, y := range to {
				if x.key != y.key {
					if d := dist(x.at, y.at); d > best {
						a, b, best, found, bow = x, y, d, true, false
					}
				} else if !found && x.at != y.at {
					a, b, found, bow = x, y, true, true
				}
			}
		}
		if !found {
			continue
		}
		var pts []fyne.Position
		if bow {
			pts = bowPath(a.at, b.at, a.group, centre)
		} else {
			pts = []fyne.Position{a.at, b.at}
		}
		pts = clipPath(pts, a.stop.grow(2), b.stop.grow(3))
		if len(pts) < 2 || pathLength(pts) < 8 {
			continue
		}
		l.path, l.drawn = pts, true
		end, before := pts[len(pts)-1], pts[len(pts)-2]
		dx, dy := end.X-before.X, end.Y-before.Y
		d := float32(math.Hypot(float64(dx), float64(dy)))
		ux, uy := dx/d, dy/d
		headLen := 8 + l.width
		for i, sign := range []float32{1, -1} {
			hx := -ux*headLen + sign*-uy*headLen*0.55
			hy := -uy*headLen + sign*ux*headLen*0.55
			l.head[i] = segment{end, end.Add(fyne.NewPos(hx, hy)), max(1.5, l.width*0.6)}
		}
	}
}

// bowPath is a curve from a to b bowing out of the box they share, toward
// the middle of the map, as a polyline.
func bowPath(a, b fyne.Position, box rect, centre fyne.Position) []fyne.Position {
	mid := fyne.NewPos((a.X+b.X)/2, (a.Y+b.Y)/2)
	dx, dy := b.X-a.X, b.Y-a.Y
	d := float32(math.Hypot(float64(dx), float64(dy)))
	nx, ny := -dy/d, dx/d
	if nx*(centre.X-mid.X)+ny*(centre.Y-mid.Y) < 0 {
		nx, ny = -nx, -ny
	}
	// How far the box reaches from mid along the normal, and then some:
	// the curve's apex is half way to its control point.
	reach := float32(0)
	for _, c := range []fyne.Position{{X: box.x, Y: box.y}, {X: box.x + box.w, Y: box.y}, {X: box.x, Y: box.y + box.h}, {X: box.x + box.w, Y: box.y + box.h}} {
		reach = max(reach, (c.X-mid.X)*nx+(c.Y-mid.Y)*ny)
	}
	off := 2 * (reach + 16)
	cx, cy := mid.X+nx*off, mid.Y+ny*off
	const steps = 24
	pts := make([]fyne.Position, 0, steps+1)
	for i := range steps + 1 {
		t := float32(i) / steps
		u := 1 - t
		pts = append(pts, fyne.NewPos(u*u*a.X+2*u*t*cx+t*t*b.X, u*u*a.Y+2*u*t*cy+t*t*b.Y))
	}
	return pts
}

// clipPath cuts off the path's start inside from and its end inside to,
// where it crosses their edges.
func clipPath(pts []fyne.Position, from, to rect) []fyne.Position {
	i := 0
	for i < len(pts) && from.has(pts[i]) {
		i++
	}
	if i == len(pts) {
		return nil
	}
	start := pts[i:]
	if i > 0 {
		start = append([]fyne.Position{edgeCrossing(pts[i-1], pts[i], from)}, start...)
	}
	j := len(start) - 1
	for j >= 0 && to.has(start[j]) {
		j--
	}
	if j < 0 {
		return nil
	}
	out := start[: j+1 : j+1]
	if j < len(start)-1 {
		out = append(out, edgeCrossing(start[j+1], start[j], to))
	}
	return out
}

// edgeCrossing is where the segment from in (inside r) to out leaves r,
// found by halving.
func edgeCrossing(in, out fyne.Position, r rect) fyne.Position {
	for range 20 {
		mid := fyne.NewPos((in.X+out.X)/2, (in.Y+out.Y)/2)
		if r.has(mid) {
			in = mid
		} else {
			out = mid
		}
	}
	return out
}

func pathLength(pts []fyne.Position) float32 {
	var n float32
	for i := 1; i < len(pts); i++ {
		n += dist(pts[i-1], pts[i])
	}
	return n
}

// pathMiddle is the point half way along a path.
func pathMiddle(pts []fyne.Position) fyne.Position {
	half := pathLength(pts) / 2
	for i := 1; i < len(pts); i++ {
		d := dist(pts[i-1], pts[i])
		if d >= half && d > 0 {
			t := half / d
			return fyne.NewPos(pts[i-1].X+(pts[i].X-pts[i-1].X)*t, pts[i-1].Y+(pts[i].Y-pts[i-1].Y)*t)
		}
		half -= d
	}
	if len(pts) > 0 {
		return pts[len(pts)-1]
	}
	return fyne.Position{}
}

func dist(a, b fyne.Position) float32 {
	return float32(math.Hypot(float64(a.X-b.X), float64(a.Y-b.Y)))
}

// lineAt finds the line under a point, the thinnest first when they cross.
func (m *Map) lineAt(p fyne.Position) (*pairLine, bool) {
	var best *pairLine
	for _, l := range m.lines {
		if !l.drawn {
			continue
		}
		for i := 1; i < len(l.path); i++ {
			a, b := l.path[i-1], l.path[i]
			d := segmentDistance(float64(p.X), float64(p.Y), float64(a.X), float64(a.Y), float64(b.X), float64(b.Y))
			if d <= float64(l.width/2+4) && (best == nil || l.width < best.width) {
				best = l
			}
		}
	}
	return best, best != nil
}

// lineTip says what a line stands for.
func (m *Map) lineTip(l *pairLine) string {
	name := func(id string) string {
		if a, ok := m.session.Actor(id); ok {
			return a.Name
		}
		return id
	}
	s := fmt.Sprintf("%s → %s: %s", name(l.stat.From), name(l.stat.To), ui.CountOf("statement", l.stat.Count))
	if l.stat.Scored > 0 {
		s += fmt.Sprintf(", mean tone %+.1f", l.stat.Mean())
	} else {
		s += ", not coded"
	}
	return s + ". Click to list them."
}

// Line is a pair line as the map shows it: its pair, how wide and in what
// colour it is drawn, and where its middle is, if it is drawn at all.
type Line struct {
	Stat   app.PairStat
	Width  float32
	Color  color.NRGBA
	Drawn  bool
	Middle fyne.Position
	// Bowed is set for a line between two markers shown side by side.
	Bowed bool
}

// Lines lists the pair lines of the list shown, busiest first.
func (m *Map) Lines() []Line {
	out := make([]Line, len(m.lines))
	for i, l := range m.lines {
		out[i] = Line{Stat: l.stat, Width: l.width, Color: l.color, Drawn: l.drawn, Middle: pathMiddle(l.path),
			Bowed: len(l.path) > 2}
	}
	return out
}
