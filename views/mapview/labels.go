package mapview

import (
	"cmp"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"codeberg.org/parley/parley/app"
)

// The map's names and markers are placed by one collision pass each time
// the view changes: what must not be covered is taken first (the controls,
// the key, the edge badges, the town dots), then, most important first,
// each seat's block of markers, the towns' names, the regions' and the
// corridor's, and the countries'. Each tries a few spots around its anchor
// and takes the first free one; a block that fits nowhere shows fewer
// markers and a "+n" marker; a name that fits nowhere is left out (the
// pointer still finds its place). Nothing drawn over the map overlaps.

// rect is an axis-aligned box in the map's units.
type rect struct{ x, y, w, h float32 }

func (r rect) hits(o rect) bool {
	return r.x < o.x+o.w && o.x < r.x+r.w && r.y < o.y+o.h && o.y < r.y+r.h
}

func (r rect) within(o rect) bool {
	return r.x >= o.x && r.y >= o.y && r.x+r.w <= o.x+o.w && r.y+r.h <= o.y+o.h
}

func (r rect) grow(d float32) rect { return rect{r.x - d, r.y - d, r.w + 2*d, r.h + 2*d} }

func (r rect) has(p fyne.Position) bool {
	return p.X >= r.x && p.X <= r.x+r.w && p.Y >= r.y && p.Y <= r.y+r.h
}

func (r rect) pos() fyne.Position { return fyne.NewPos(r.x, r.y) }
func (r rect) size() fyne.Size    { return fyne.NewSize(r.w, r.h) }
func (r rect) mid() fyne.Position { return fyne.NewPos(r.x+r.w/2, r.y+r.h/2) }
func rectOf(o fyne.CanvasObject) rect {
	p, s := o.Position(), o.Size()
	return rect{p.X, p.Y, s.Width, s.Height}
}

// board holds the boxes taken so far in a placement pass.
type board struct {
	bounds rect
	taken  []rect
}

// labelGap is the air kept around every placed box.
const labelGap = 1.5

// free says whether a box lies in the map and clear of every box taken.
func (b *board) free(r rect) bool {
	if !r.within(b.bounds) {
		return false
	}
	g := r.grow(labelGap)
	for _, t := range b.taken {
		if g.hits(t) {
			return false
		}
	}
	return true
}

func (b *board) take(r rect) { b.taken = append(b.taken, r) }

// spot is one place to try for a box beside an anchor: the point of the
// box at fractions (ax, ay) of its size goes to the anchor moved by
// (dx, dy) units.
type spot struct{ dx, dy, ax, ay float32 }

func (s spot) box(x, y, w, h float32) rect {
	return rect{x + s.dx - s.ax*w, y + s.dy - s.ay*h, w, h}
}

// The spots tried for a town's name, its dot taking pinBox units: above
// right first, as atlases do, then around the dot, then a little further.
var (
	townSpots = []spot{
		{8, -1, 0, 1}, {8, 0, 0, 0.5}, {8, 1, 0, 0},
		{-8, -1, 1, 1}, {-8, 0, 1, 0.5}, {-8, 1, 1, 0},
		{0, -8, 0.5, 1}, {0, 8, 0.5, 0},
		{16, -8, 0, 1}, {16, 8, 0, 0}, {-16, -8, 1, 1}, {-16, 8, 1, 0},
	}
	// A checkpoint's name goes left first: what it controls lies to its right.
	checkpointSpots = []spot{
		{-8, 0, 1, 0.5}, {-8, -1, 1, 1}, {-8, 1, 1, 0},
		{8, 0, 0, 0.5}, {8, -1, 0, 1}, {8, 1, 0, 0},
		{0, -8, 0.5, 1}, {0, 8, 0.5, 0},
		{-16, -8, 1, 1}, {-16, 8, 1, 0}, {16, -8, 0, 1}, {16, 8, 0, 0},
	}
	// A seat's markers hang below its town first.
	seatSpots = []spot{
		{0, 8, 0.5, 0}, {8, 2, 0, 0}, {-8, 2, 1, 0}, {8, 0, 0, 0.5}, {-8, 0, 1, 0.5},
		{0, -8, 0.5, 1}, {8, -2, 0, 1}, {-8, -2, 1, 1},
	}
	// A region's name sits above its middle, clear of the towns inside.
	regionSpots = []spot{
		{0, -20, 0.5, 1}, {0, 0, 0.5, 0.5}, {0, 20, 0.5, 0},
		{-24, -20, 0.5, 1}, {24, -20, 0.5, 1}, {-24, 20, 0.5, 0}, {24, 20, 0.5, 0},
	}
	enclaveSpots = []spot{{0, 4, 0.5, 0.5}, {0, -12, 0.5, 1}, {0, 16, 0.5, 0}, {-30, 4, 0.5, 0.5}, {30, 4, 0.5, 0.5}}
	// A corridor's name goes under the start of its line, where the map is
	// quieter, or beside it.
	lineSpots   = []spot{{-12, 8, 0, 0}, {10, 0, 0, 0.5}, {-10, 0, 1, 0.5}, {-12, -8, 0, 1}}
	countrySpot = []spot{
		{0, 0, 0.5, 0.5}, {0, -16, 0.5, 0.5}, {0, 16, 0.5, 0.5}, {-36, 0, 0.5, 0.5}, {36, 0, 0.5, 0.5},
		{-36, -16, 0.5, 0.5}, {36, -16, 0.5, 0.5}, {-36, 16, 0.5, 0.5}, {36, 16, 0.5, 0.5}, {0, -32, 0.5, 0.5}, {0, 32, 0.5, 0.5},
	}
)

// labelKind orders the names in the placement pass.
type labelKind int

const (
	labelTown labelKind = iota
	labelRegion
	labelLine
	labelCountry
)

// mapLabel is a name drawn on the map: a town's, a region's, a corridor's
// or a country's, on one or two lines.
type mapLabel struct {
	lines        []string
	size         float32
	bold, italic bool
	dim          bool // in the theme's placeholder colour, as the countries' names
	at           app.LonLat
	spots        []spot
	// more are other anchors to try the spots around, in turn.
	more  []app.LonLat
	kind  labelKind
	place string // the place it names, if any
	// Where the pass put it, in units, and whether it is shown at all.
	box   rect
	shown bool
	// all is every line of the label; where they fit nowhere, the first
	// alone is tried.
	all []string
}

// newLabel makes a label of one line, or two where text has a line break.
func newLabel(text string, size float32, at app.LonLat, kind labelKind, spots []spot) *mapLabel {
	lines := strings.Split(text, "\n")
	return &mapLabel{lines: lines, all: lines, size: size, at: at, kind: kind, spots: spots}
}

// lineHeight is the height of one line of a label.
func lineHeight(size float32) float32 { return size * 1.3 }

// measure sizes a label's box.
func (m *Map) measureLabel(l *mapLabel) (w, h float32) {
	for _, line := range l.lines {
		w = max(w, m.textWidth(line, l.size, l.bold, l.italic))
	}
	return w, lineHeight(l.size) * float32(len(l.lines))
}

// place runs the placement pass for the view as it is now.
func (m *Map) place(size fyne.Size) {
	b := &board{bounds: rect{2, 2, size.Width - 4, size.Height - 4}}
	b.take(rectOf(m.controls))
	b.take(rect{m.credit.Position().X, m.credit.Position().Y, m.credit.MinSize().Width, m.credit.MinSize().Height})
	for _, bd := range m.badges {
		b.take(bd.box)
	}
	m.placeKey(size)
	b.take(rectOf(m.key))
	view := rect{0, 0, size.Width, size.Height}
	for _, p := range m.pins {
		p.inView = view.has(p.mid)
		if p.inView {
			b.take(p.box())
		}
	}
	blocks := slices.Clone(m.blocks)
	slices.SortStableFunc(blocks, func(x, y *seatBlock) int {
		if x.lit() != y.lit() {
			if x.lit() {
				return -1
			}
			return 1
		}
		return cmp.Compare(y.count, x.count)
	})
	for _, sb := range blocks {
		m.placeBlock(b, sb, view)
	}
	labels := slices.Clone(m.labels)
	slices.SortStableFunc(labels, func(x, y *mapLabel) int {
		if c := cmp.Compare(x.kind, y.kind); c != 0 {
			return c
		}
		return cmp.Compare(m.labelRank(y), m.labelRank(x))
	})
	for _, l := range labels {
		l.shown = false
		variants := [][]string{l.all}
		if len(l.all) > 1 {
			variants = append(variants, l.all[:1])
		}
	tries:
		for _, lines := range variants {
			l.lines = lines
			w, h := m.measureLabel(l)
			for _, at := range append([]app.LonLat{l.at}, l.more...) {
				x, y := m.proj.toScreen(at)
				if !view.has(fyne.NewPos(float32(x), float32(y))) {
					continue
				}
				for _, s := range l.spots {
					if r := s.box(float32(x), float32(y), w, h); b.free(r) {
						l.box, l.shown = r, true
						b.take(r)
						break tries
					}
				}
			}
		}
	}
}

// labelRank puts lit places' names first, then those of the seats of the
// most quoted actors.
func (m *Map) labelRank(l *mapLabel) int {
	rank := 0
	if m.litPlaces[l.place] {
		rank += 1 << 30
	}
	for _, sb := range m.blocks {
		if sb.place.ID == l.place {
			rank += 1 + sb.count
		}
	}
	return rank
}

// maxPillText is the widest a marker's name may be, in units; the
// selected actor's marker may be wider, for its full name.
const (
	maxPillText     = 92
	maxSelectedText = 240
)

// placeBlock finds a seat's markers a spot beside its town: all of them
// (up to maxMarkersPerSeat) in two columns or one, then three, then one,
// then only the "+n" marker; or none, if even that fits nowhere.
func (m *Map) placeBlock(b *board, sb *seatBlock, view rect) {
	for _, mk := range sb.markers {
		mk.Hide()
	}
	sb.more.Hide()
	sb.shown = 0
	x, y := m.proj.toScreen(sb.at)
	fx, fy := float32(x), float32(y)
	if !view.has(fyne.NewPos(fx, fy)) {
		return
	}
	order := sb.ordered()
	var tiers []int
	for _, n := range []int{len(order), 3, 1, 0} {
		if n <= len(order) && !slices.Contains(tiers, n) {
			tiers = append(tiers, n)
		}
	}
	for _, n := range tiers {
		shown := order[:n]
		pills := make([]*actorMarker, 0, n+1)
		pills = append(pills, shown...)
		if hidden := len(sb.actors) - n; hidden > 0 {
			sb.more.setMore(sb.actors, shown)
			pills = append(pills, sb.more)
		}
		for _, mk := range pills {
			mk.fit()
		}
		cols := []int{1}
		if len(pills) >= 3 {
			cols = []int{2, 1}
		}
		for _, c := range cols {
			w, h := arrange(pills, c, 0, 0, 0.5, false)
			for _, s := range seatSpots {
				r := s.box(fx, fy, w, h)
				if !b.free(r) {
					continue
				}
				arrange(pills, c, r.x, r.y, s.ax, true)
				for _, mk := range pills {
					mk.Show()
					b.take(rectOf(mk))
				}
				sb.box, sb.shown = r, n
				return
			}
		}
	}
}

// pillGap is the space between a block's markers.
const pillGap = 2

// arrange lays markers out in rows of cols from (x, y), each row aligned
// left, centred or right (align 0, 0.5, 1) in the block, and returns the
// block's size; it moves them only if move is set.
func arrange(pills []*actorMarker, cols int, x, y, align float32, move bool) (w, h float32) {
	var rows [][]*actorMarker
	for i := 0; i < len(pills); i += cols {
		rows = append(rows, pills[i:min(i+cols, len(pills))])
	}
	widths := make([]float32, len(rows))
	for i, row := range rows {
		for j, mk := range row {
			if j > 0 {
				widths[i] += pillGap
			}
			widths[i] += mk.width
		}
		w = max(w, widths[i])
	}
	h = float32(len(rows))*pillHeight + float32(max(len(rows)-1, 0))*pillGap
	if !move {
		return w, h
	}
	for i, row := range rows {
		px := x + (w-widths[i])*align
		py := y + float32(i)*(pillHeight+pillGap)
		for _, mk := range row {
			mk.Resize(fyne.NewSize(mk.width, pillHeight))
			mk.Move(fyne.NewPos(px, py))
			px += mk.width + pillGap
		}
	}
	return w, h
}

// Placed is one box the placement pass put on the map, for tests: a name,
// a marker, an edge badge, the key, the controls.
type Placed struct {
	What     string
	Pos      fyne.Position
	Size     fyne.Size
	Obstacle bool // a town's dot: names and markers keep off it, it may touch another dot
}

// Placement lists everything the map shows over its raster, where it is.
func (m *Map) Placement() []Placed {
	var out []Placed
	add := func(what string, r rect, obstacle bool) {
		out = append(out, Placed{What: what, Pos: r.pos(), Size: r.size(), Obstacle: obstacle})
	}
	add("controls", rectOf(m.controls), false)
	add("key", rectOf(m.key), false)
	for _, bd := range m.badges {
		add("badge "+bd.place.Name, bd.box, false)
	}
	for _, p := range m.pins {
		if p.inView {
			add("dot "+p.place.Name, p.box(), true)
		}
	}
	for _, sb := range m.blocks {
		for _, mk := range withMore(sb.markers, sb.more) {
			if mk.Visible() {
				add("marker "+mk.text, rectOf(mk), false)
			}
		}
	}
	for _, l := range m.labels {
		if l.shown {
			add("name "+strings.Join(l.lines, " "), l.box, false)
		}
	}
	return out
}

// captionSize is the size of the map's names.
func captionSize() float32 { return theme.CaptionTextSize() }
