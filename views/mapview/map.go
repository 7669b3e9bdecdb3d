package mapview

import (
	"image"
	"image/color"
	"math"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/image/font"

	"codeberg.org/parley/parley/app"

	"codeberg.org/parley/parley/app/session"

	"codeberg.org/parley/parley/views/ui"
)

// Map is the region map: country outlines drawn into a raster, the
// case's places and the actors' markers laid over it. A click on a marker
// selects the actor; a click on a place or a country selects the place.
// Scrolling zooms about the pointer and dragging pans.
type Map struct {
	widget.BaseWidget

	session *session.Session
	base    app.RegionMap
	proj    projection
	size    fyne.Size

	raster  *canvas.Raster
	objects []fyne.CanvasObject // everything over the raster, rebuilt by build()

	// labels are the names of countries and places; pins the towns' and
	// checkpoints' dots; blocks the markers of the actors seated in each
	// town; badges those of the actors seated beyond the map's edge. The
	// raster draws them where the placement pass put them (labels.go).
	labels   []*mapLabel
	pins     []*placePin
	blocks   []*seatBlock
	badges   []*edgeBadge
	tip      *mapTip
	controls fyne.CanvasObject
	credit   *canvas.Text
	key      fyne.CanvasObject
	keyParts *mapKey

	litActors, litPlaces map[string]bool
	// selected is the selected actor, whose marker gives its full name.
	selected string
	// sides are the marker colours of the sides on the map.
	sides   map[string]color.RGBA
	painter painter
	// scale is the raster's pixels per unit of size at its last drawing.
	scale float64
	// pre is the map drawn ahead of the frame that shows it (Prerender);
	// the next drawing takes it if nothing changed since, and anything
	// that changes the map drops it (redraw).
	pre *drawnMap

	// lines are the speaker → recipient pairs of the list shown, drawn
	// in the raster over the land and under the labels and markers.
	lines []*pairLine
	// faces are the fonts the overlay's text is drawn in, by style and
	// pixel size.
	faces map[faceKey]font.Face
}

// New builds the map for a session's places and actors.
func New(s *session.Session, base app.RegionMap) *Map {
	m := &Map{session: s, base: base, litActors: map[string]bool{}, litPlaces: map[string]bool{}}
	m.proj = newProjection(base.BBox, 1, 1)
	m.raster = canvas.NewRaster(m.render)
	m.tip = newMapTip()
	m.keyParts = newMapKey(m)
	m.key = m.keyParts.object
	m.credit = canvas.NewText(base.Credit, theme.Color(theme.ColorNameDisabled))
	m.credit.TextSize = theme.CaptionTextSize()
	zoomIn := ui.NewButtonWithIcon("", theme.ZoomInIcon(), func() { m.ZoomBy(1.5) })
	zoomOut := ui.NewButtonWithIcon("", theme.ZoomOutIcon(), func() { m.ZoomBy(1 / 1.5) })
	reset := ui.NewButtonWithIcon("", theme.ViewRestoreIcon(), m.ResetView)
	for _, b := range []*ui.Button{zoomIn, zoomOut, reset} {
		b.Importance = widget.LowImportance
	}
	m.controls = container.New(layout.NewCustomPaddedHBoxLayout(2), zoomIn, zoomOut, reset)
	m.ExtendBaseWidget(m)
	m.build()
	return m
}

// build (re)creates the overlay from the session's places and actors.
func (m *Map) build() {
	m.labels, m.pins, m.blocks, m.badges = nil, nil, nil, nil
	for _, s := range m.base.Shapes {
		if s.Key == "NAKH" {
			continue // its place label is drawn with the places
		}
		l := newLabel(strings.ToUpper(s.Name), captionSize()+1, s.Label, labelCountry, countrySpot)
		l.bold, l.dim = true, true
		m.labels = append(m.labels, l)
	}
	offMap := map[string]app.Place{}
	for _, p := range m.session.Places() {
		if p.OffMap {
			offMap[p.ID] = p
			continue
		}
		m.addPlace(p)
	}
	m.addMarkers(offMap)
	// Pins and markers are drawn in the raster; as objects they are only
	// where the pointer finds them.
	m.objects = m.objects[:0]
	for _, p := range m.pins {
		m.objects = append(m.objects, p)
	}
	for _, sb := range m.blocks {
		for _, mk := range sb.markers {
			m.objects = append(m.objects, mk)
		}
		m.objects = append(m.objects, sb.more)
	}
	for _, b := range m.badges {
		for _, mk := range b.chips {
			m.objects = append(m.objects, mk)
		}
		m.objects = append(m.objects, b.more)
	}
	m.objects = append(m.objects, m.credit, m.controls, m.key, m.tip)
}

func (m *Map) addPlace(p app.Place) {
	label := p.Label
	if label == "" {
		label = p.Name
	}
	c, ok := m.placeCenter(p)
	if !ok {
		return
	}
	var l *mapLabel
	switch p.Geometry.Type {
	case app.GeomPoint:
		m.pins = append(m.pins, newPlacePin(m, p))
		spots := townSpots
		if p.Kind == app.PlaceCheckpoint {
			spots = checkpointSpots
		}
		l = newLabel(label, captionSize(), c, labelTown, spots)
	case app.GeomLine:
		path := p.Geometry.Rings[0]
		l = newLabel(label, captionSize(), path[0], labelLine, lineSpots)
		l.more = []app.LonLat{path[len(path)/2], path[len(path)-1]}
		l.italic = true
	default:
		if p.Shape != "" && p.Shape != "NAKH" {
			return // a country: the map's own label names it
		}
		// A region: its dates, if its name carries them, on a second line.
		name, dates, found := strings.Cut(label, " (")
		if found {
			name += "\n(" + dates
		}
		spots := regionSpots
		if p.Shape == "NAKH" {
			spots = enclaveSpots
		}
		l = newLabel(name, captionSize(), c, labelRegion, spots)
		l.italic = true
	}
	l.place = p.ID
	m.labels = append(m.labels, l)
}

// placeCenter is where a place's pin or label goes.
func (m *Map) placeCenter(p app.Place) (app.LonLat, bool) {
	if p.Shape != "" {
		s, ok := m.base.Shape(p.Shape)
		return s.Label, ok
	}
	return p.Geometry.Center()
}

// addMarkers puts each actor with a seat on the map beside its seat, and
// the actors seated far away on badges at the map's edge. A joint actor is
// shown at each of its members' seats.
func (m *Map) addMarkers(offMap map[string]app.Place) {
	bySeat := map[string][]app.ActorRow{}
	var seats []string
	var all []app.Actor
	for _, r := range m.session.ActorRows() {
		for _, seat := range m.seatsOf(r.Actor) {
			if _, ok := bySeat[seat]; !ok {
				seats = append(seats, seat)
			}
			bySeat[seat] = append(bySeat[seat], r)
			all = append(all, r.Actor)
		}
	}
	m.sides = assignSides(all)
	m.keyParts.setSides(m, all)
	slices.Sort(seats)
	for _, seat := range seats {
		rows := bySeat[seat]
		actors := make([]app.Actor, len(rows))
		for i, r := range rows {
			actors[i] = r.Actor
		}
		if p, far := offMap[seat]; far {
			m.badges = append(m.badges, newEdgeBadge(m, p, actors))
			continue
		}
		p, ok := m.session.Place(seat)
		if !ok {
			continue
		}
		c, ok := m.placeCenter(p)
		if !ok {
			continue
		}
		sb := &seatBlock{place: p, at: c, actors: actors}
		for i, r := range rows {
			sb.count += r.Count
			if i < maxMarkersPerSeat {
				sb.markers = append(sb.markers, newActorMarker(m, r.Actor, seat))
			}
		}
		sb.more = newActorMarker(m, app.Actor{}, seat)
		sb.more.others = []app.Actor{}
		m.blocks = append(m.blocks, sb)
	}
}

func (m *Map) seatsOf(a app.Actor) []string {
	if a.Seat != "" {
		return []string{a.Seat}
	}
	var seats []string
	for _, id := range a.Members {
		if mem, ok := m.session.Actor(id); ok && mem.Seat != "" && !slices.Contains(seats, mem.Seat) {
			seats = append(seats, mem.Seat)
		}
	}
	return seats
}

// SetScene lights up what the selection concerns.
func (m *Map) SetScene(sc *session.Scene) {
	m.litActors, m.litPlaces = sc.LitActors, sc.LitPlaces
	m.selected = sc.Selection.Actor
	for _, sb := range m.blocks {
		for _, mk := range sb.markers {
			mk.setLit(m.litActors[mk.actor.ID])
		}
	}
	for _, b := range m.badges {
		for _, mk := range b.chips {
			mk.setLit(m.litActors[mk.actor.ID])
		}
	}
	for _, p := range m.pins {
		p.setLit(m.litPlaces[p.place.ID])
	}
	m.setPairs(sc.Pairs)
	m.relayout()
}

// Reload rebuilds the overlay after places or actors changed.
func (m *Map) Reload() {
	m.build()
	m.Refresh()
}

// Scale is the raster's pixels per unit of size at its last drawing, which
// the window remembers to draw the next start's first map ahead.
func (m *Map) Scale() float64 { return m.scale }

// ResetView shows the whole region again.
func (m *Map) ResetView() {
	m.proj = newProjection(m.base.BBox, float64(m.size.Width), float64(m.size.Height))
	m.relayout()
}

// ZoomBy zooms about the middle of the map.
func (m *Map) ZoomBy(f float64) {
	m.proj.zoomAt(f, float64(m.size.Width)/2, float64(m.size.Height)/2)
	m.relayout()
}

// Scrolled zooms about the pointer.
func (m *Map) Scrolled(ev *fyne.ScrollEvent) {
	f := math.Pow(1.2, float64(ev.Scrolled.DY)/10)
	m.proj.zoomAt(f, float64(ev.Position.X), float64(ev.Position.Y))
	m.relayout()
}

// Dragged pans the map.
func (m *Map) Dragged(ev *fyne.DragEvent) {
	m.proj.pan(float64(ev.Dragged.DX), float64(ev.Dragged.DY))
	m.tip.Hide()
	m.relayout()
}

// DragEnd is part of fyne.Draggable.
func (m *Map) DragEnd() {}

// Tapped selects the place or country under the pointer.
func (m *Map) Tapped(ev *fyne.PointEvent) {
	if l, ok := m.lineAt(ev.Position); ok {
		m.session.SelectPair(l.stat.From, l.stat.To)
		return
	}
	if p, ok := m.placeAt(ev.Position); ok {
		m.session.SelectPlace(p.ID)
	}
}

// MouseIn is part of desktop.Hoverable.
func (m *Map) MouseIn(ev *desktop.MouseEvent) { m.MouseMoved(ev) }

// MouseMoved names the place under the pointer.
func (m *Map) MouseMoved(ev *desktop.MouseEvent) {
	if l, ok := m.lineAt(ev.Position); ok {
		m.showTip(m.lineTip(l), ev.Position)
		return
	}
	if p, ok := m.placeAt(ev.Position); ok {
		m.showTip(p.Name, ev.Position)
		return
	}
	m.tip.Hide()
}

// MouseOut is part of desktop.Hoverable.
func (m *Map) MouseOut() { m.tip.Hide() }

func (m *Map) showTip(text string, at fyne.Position) {
	m.tip.set(text)
	size := m.tip.MinSize()
	x := min(at.X+14, m.size.Width-size.Width-2)
	y := at.Y + 18
	if y+size.Height > m.size.Height {
		y = at.Y - size.Height - 6
	}
	m.tip.Move(fyne.NewPos(max(x, 2), y))
	m.tip.Resize(size)
	m.tip.Show()
}

// placeAt finds the place under a point of the widget: a pin, then a line,
// then a region, then a country.
func (m *Map) placeAt(pos fyne.Position) (app.Place, bool) {
	x, y := float64(pos.X), float64(pos.Y)
	best, bestD := app.Place{}, 9.0
	places := m.session.Places()
	for _, p := range places {
		if p.OffMap || p.Geometry.Type != app.GeomPoint {
			continue
		}
		c, _ := p.Geometry.Center()
		px, py := m.proj.toScreen(c)
		if d := math.Hypot(px-x, py-y); d < bestD {
			best, bestD = p, d
		}
	}
	if bestD < 9 {
		return best, true
	}
	for _, p := range places {
		if p.Geometry.Type != app.GeomLine {
			continue
		}
		for _, path := range p.Geometry.Rings {
			for i := 1; i < len(path); i++ {
				ax, ay := m.proj.toScreen(path[i-1])
				bx, by := m.proj.toScreen(path[i])
				if segmentDistance(x, y, ax, ay, bx, by) < 6 {
					return p, true
				}
			}
		}
	}
	ll := m.proj.toLonLat(x, y)
	for _, p := range places {
		if p.Geometry.Contains(ll) {
			return p, true
		}
	}
	if s, ok := m.base.ShapeAt(ll); ok {
		for _, p := range places {
			if p.Shape == s.Key {
				return p, true
			}
		}
	}
	return app.Place{}, false
}

func segmentDistance(px, py, ax, ay, bx, by float64) float64 {
	dx, dy := bx-ax, by-ay
	if dx == 0 && dy == 0 {
		return math.Hypot(px-ax, py-ay)
	}
	t := math.Max(0, math.Min(1, ((px-ax)*dx+(py-ay)*dy)/(dx*dx+dy*dy)))
	return math.Hypot(px-(ax+t*dx), py-(ay+t*dy))
}

// render is the raster's generator: the base map for the current view.
func (m *Map) render(w, h int) image.Image {
	if pre := m.pre; pre != nil {
		m.pre = nil
		if pre.w == w && pre.h == h && pre.size == m.size {
			return pre.img
		}
	}
	ratio := 1.0
	if m.size.Width > 0 {
		ratio = float64(w) / float64(m.size.Width)
	}
	m.scale = ratio
	img := drawMap(&m.painter, m.mapScene(), w, h, ratio)
	m.drawOverlay(img, ratio)
	// The next frame draws into a new image: holding this one would keep
	// megabytes the renderer has already copied. The rasterizer's buffers,
	// sized to the largest shape, go too: making them again costs the next
	// frame far less than its drawing, and the map is idle most of the time.
	m.painter = painter{}
	return img
}

// drawnMap is a drawing of the map for one size in units and pixels.
type drawnMap struct {
	img  image.Image
	w, h int
	size fyne.Size
}

// Prerender draws the map at its present size and scale pixels per unit
// (1 if not known) for the next frame: the panes' builder calls it on its
// own goroutine, while the main one is still making the window, so that
// the first frame does not draw the map itself.
func (m *Map) Prerender(scale float64) {
	if scale <= 0 {
		scale = 1
	}
	// As Fyne's GL painter sizes a raster's pixels.
	w := int(math.Round(float64(m.size.Width) * scale))
	h := int(math.Round(float64(m.size.Height) * scale))
	if w <= 0 || h <= 0 {
		return
	}
	m.pre = &drawnMap{img: m.render(w, h), w: w, h: h, size: m.size}
}

// redraw draws the map again at the next frame.
func (m *Map) redraw() {
	m.pre = nil
	m.raster.Refresh()
}

func (m *Map) mapScene() *mapScene {
	sc := &mapScene{
		base: m.base, proj: m.proj,
		pal:       paletteFor(isDark(), theme.Color(theme.ColorNamePrimary)),
		caseKeys:  map[string]bool{"ARM": true, "AZE": true, "NAKH": true},
		litShapes: map[string]bool{}, litRegion: map[string]bool{}, litLine: map[string]bool{},
	}
	for _, p := range m.session.Places() {
		switch {
		case p.Shape != "":
			if m.litPlaces[p.ID] {
				sc.litShapes[p.Shape] = true
			}
		case p.Geometry.Type == app.GeomPolygon:
			sc.regions = append(sc.regions, p)
			sc.litRegion[p.ID] = m.litPlaces[p.ID]
		case p.Geometry.Type == app.GeomLine:
			sc.lines = append(sc.lines, p)
			sc.litLine[p.ID] = m.litPlaces[p.ID]
		}
	}
	return sc
}

// relayout moves everything after a zoom, a pan or a resize.
func (m *Map) relayout() {
	m.layout(m.size)
	m.redraw()
}

func (m *Map) layout(size fyne.Size) {
	if size != m.size {
		zoom, cx, cy := m.proj.zoom, m.proj.cx, m.proj.cy
		fresh := m.size.IsZero()
		m.size = size
		m.proj = newProjection(m.base.BBox, float64(size.Width), float64(size.Height))
		if !fresh {
			m.proj.zoom, m.proj.cx, m.proj.cy = zoom, cx, cy
		}
	}
	m.raster.Resize(size)
	m.raster.Move(fyne.NewPos(0, 0))
	cs := m.controls.MinSize()
	m.controls.Resize(cs)
	m.controls.Move(fyne.NewPos(size.Width-cs.Width-4, 4))
	m.credit.Resize(m.credit.MinSize())
	m.credit.Move(fyne.NewPos(6, size.Height-m.credit.MinSize().Height-2))
	for _, p := range m.pins {
		c, _ := p.place.Geometry.Center()
		x, y := m.proj.toScreen(c)
		p.mid = fyne.NewPos(float32(x), float32(y))
		p.Resize(p.MinSize())
		p.Move(p.mid.SubtractXY(pinBox/2, pinBox/2))
	}
	m.layoutBadges(size)
	m.place(size)
	m.layoutLines()
}

// MarkerFor finds an actor's marker or badge chip, for tests and keyboard use.
func (m *Map) MarkerFor(actorID string) fyne.Tappable {
	for _, sb := range m.blocks {
		for _, mk := range sb.markers {
			if mk.actor.ID == actorID {
				return mk
			}
		}
	}
	for _, b := range m.badges {
		for _, mk := range b.chips {
			if mk.actor.ID == actorID {
				return mk
			}
		}
	}
	return nil
}

// PinFor finds a place's pin, for tests and keyboard use.
func (m *Map) PinFor(placeID string) fyne.Tappable {
	for _, p := range m.pins {
		if p.place.ID == placeID {
			return p
		}
	}
	return nil
}

// PositionOf is where a point of the earth is drawn in the map.
func (m *Map) PositionOf(ll app.LonLat) fyne.Position {
	x, y := m.proj.toScreen(ll)
	return fyne.NewPos(float32(x), float32(y))
}

// CreateRenderer is part of fyne.Widget.
func (m *Map) CreateRenderer() fyne.WidgetRenderer { return &mapRenderer{m: m} }

type mapRenderer struct{ m *Map }

func (r *mapRenderer) Layout(size fyne.Size) { r.m.layout(size) }
func (r *mapRenderer) MinSize() fyne.Size    { return fyne.NewSize(320, 240) }
func (r *mapRenderer) Destroy()              {}
func (r *mapRenderer) Objects() []fyne.CanvasObject {
	objs := make([]fyne.CanvasObject, 0, 1+len(r.m.objects))
	objs = append(objs, r.m.raster)
	return append(objs, r.m.objects...)
}

// Refresh repaints after a theme change: the palette and label colours.
func (r *mapRenderer) Refresh() {
	r.m.credit.Color = theme.Color(theme.ColorNamePlaceHolder)
	r.m.credit.Refresh()
	r.m.keyParts.recolor()
	for _, o := range r.m.objects {
		o.Refresh()
	}
	r.m.layout(r.m.size)
	r.m.redraw()
}

// isDark tells a dark theme by its background, which also covers a theme
// that forces its variant.
func isDark() bool {
	r, g, b, _ := theme.Color(theme.ColorNameBackground).RGBA()
	return (299*r+587*g+114*b)/1000 < 0x8000
}

// Lit lists the actors and places the map lights up.
func (m *Map) Lit() (actors, places map[string]bool) { return m.litActors, m.litPlaces }
