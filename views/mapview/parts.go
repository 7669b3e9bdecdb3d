package mapview

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/parley/parley/app"
)

func newHBox(objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(layout.NewCustomPaddedHBoxLayout(2), objs...)
}

// affiliationColor gives each side of the case its own marker colour.
func affiliationColor(a app.Actor) color.RGBA {
	if a.Kind == app.ActorJoint {
		return rgb(0x8e, 0x44, 0xad)
	}
	switch a.Affiliation {
	case "ARM":
		return rgb(0xd3, 0x6b, 0x1c)
	case "AZE":
		return rgb(0x1f, 0x84, 0xb5)
	case "USA":
		return rgb(0x3d, 0x4f, 0xb8)
	case "RUS":
		return rgb(0xb0, 0x2e, 0x2e)
	}
	return rgb(0x6c, 0x75, 0x7d)
}

// initials abbreviates a name for a marker: "Antony Blinken" is AB, the
// "Ministry of Foreign Affairs of Armenia" MFA, "Russia" RU.
func initials(name string) string {
	var letters []rune
	for _, w := range strings.Fields(name) {
		w = strings.Trim(w, "()")
		if w == "" || stopWords[strings.ToLower(w)] {
			continue
		}
		letters = append(letters, unicode.ToUpper([]rune(w)[0]))
		if len(letters) == 3 {
			break
		}
	}
	if len(letters) == 1 {
		if r := []rune(name); len(r) > 1 {
			letters = append(letters, unicode.ToUpper(r[1]))
		}
	}
	return string(letters)
}

var stopWords = map[string]bool{"of": true, "and": true, "the": true, "for": true, "de": true, "la": true}

// actorMarker is an actor's round marker, on the map or on an edge badge.
// On the map the raster draws it and the widget only takes the pointer: a
// few hundred markers as canvas objects cost the GL renderer memory and
// time for each. On a badge (chip) it draws itself.
type actorMarker struct {
	widget.BaseWidget
	m           *Map
	actor       app.Actor
	at          app.LonLat
	slot, slots int
	lit         bool
	circle      *canvas.Circle // chips only
	label       *canvas.Text   // chips only
}

// markerTextSize is the size of the initials on a marker.
const markerTextSize = 9

func newActorMarker(m *Map, a app.Actor) *actorMarker {
	mk := &actorMarker{m: m, actor: a}
	mk.ExtendBaseWidget(mk)
	return mk
}

func newActorChip(m *Map, a app.Actor) *actorMarker {
	mk := &actorMarker{m: m, actor: a}
	mk.circle = canvas.NewCircle(affiliationColor(a))
	mk.circle.StrokeColor = color.White
	mk.circle.StrokeWidth = 1.5
	mk.label = canvas.NewText(initials(a.Name), color.White)
	mk.label.TextSize = markerTextSize
	mk.label.TextStyle.Bold = true
	mk.label.Alignment = fyne.TextAlignCenter
	mk.ExtendBaseWidget(mk)
	return mk
}

func (mk *actorMarker) setLit(lit bool) {
	if mk.lit == lit {
		return
	}
	mk.lit = lit
	if mk.circle != nil {
		mk.Refresh()
	}
}

func (mk *actorMarker) Tapped(*fyne.PointEvent) { mk.m.session.SelectActor(mk.actor.ID) }

func (mk *actorMarker) MouseIn(*desktop.MouseEvent) {
	text := mk.actor.Name
	if mk.actor.Role != "" {
		text += " — " + mk.actor.Role
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(mk).Subtract(
		fyne.CurrentApp().Driver().AbsolutePositionForObject(mk.m))
	mk.m.showTip(text, pos.Add(fyne.NewPos(10, 10)))
}
func (mk *actorMarker) MouseMoved(*desktop.MouseEvent) {}
func (mk *actorMarker) MouseOut()                      { mk.m.tip.Hide() }

// Cursor shows a pointing hand over markers.
func (mk *actorMarker) Cursor() desktop.Cursor { return desktop.PointerCursor }

func (mk *actorMarker) MinSize() fyne.Size { return fyne.NewSize(22, 22) }

func (mk *actorMarker) CreateRenderer() fyne.WidgetRenderer {
	r := &markerRenderer{mk: mk}
	if mk.circle != nil {
		r.objects = []fyne.CanvasObject{mk.circle, mk.label}
	}
	return r
}

type markerRenderer struct {
	mk      *actorMarker
	objects []fyne.CanvasObject
}

func (r *markerRenderer) Layout(size fyne.Size) {
	if r.mk.circle == nil {
		return
	}
	r.mk.circle.Resize(size)
	r.mk.circle.Move(fyne.NewPos(0, 0))
	ts := r.mk.label.MinSize()
	r.mk.label.Resize(fyne.NewSize(size.Width, ts.Height))
	r.mk.label.Move(fyne.NewPos(0, (size.Height-ts.Height)/2))
}
func (r *markerRenderer) MinSize() fyne.Size           { return r.mk.MinSize() }
func (r *markerRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *markerRenderer) Destroy()                     {}
func (r *markerRenderer) Refresh() {
	if r.mk.circle == nil {
		return
	}
	if r.mk.lit {
		r.mk.circle.StrokeColor = theme.Color(theme.ColorNamePrimary)
		r.mk.circle.StrokeWidth = 3.5
	} else {
		r.mk.circle.StrokeColor = color.White
		r.mk.circle.StrokeWidth = 1.5
	}
	r.mk.circle.Refresh()
	r.mk.label.Refresh()
}

// placePin is a town or checkpoint on the map. The raster draws it; the
// widget takes the pointer.
type placePin struct {
	widget.BaseWidget
	m     *Map
	place app.Place
	lit   bool
}

func newPlacePin(m *Map, p app.Place) *placePin {
	pin := &placePin{m: m, place: p}
	pin.ExtendBaseWidget(pin)
	return pin
}

func (p *placePin) setLit(lit bool) { p.lit = lit }

func (p *placePin) Tapped(*fyne.PointEvent) { p.m.session.SelectPlace(p.place.ID) }
func (p *placePin) MouseIn(*desktop.MouseEvent) {
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(p).Subtract(
		fyne.CurrentApp().Driver().AbsolutePositionForObject(p.m))
	p.m.showTip(p.place.Name, pos.Add(fyne.NewPos(6, 6)))
}
func (p *placePin) MouseMoved(*desktop.MouseEvent) {}
func (p *placePin) MouseOut()                      { p.m.tip.Hide() }
func (p *placePin) Cursor() desktop.Cursor         { return desktop.PointerCursor }
func (p *placePin) MinSize() fyne.Size             { return fyne.NewSize(12, 12) }

func (p *placePin) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewWithoutLayout())
}

// edgeBadge shows the actors seated beyond the map's edge (Washington,
// Moscow), with an arrow pointing toward their seat.
type edgeBadge struct {
	widget.BaseWidget
	m     *Map
	place app.Place
	chips []*actorMarker
	// arrow is drawn in a small raster rather than as three canvas lines:
	// they were the only lines in the first frame, and the GL line
	// program's first use cost that frame 3 ms (Mesa's software renderer).
	arrow   *canvas.Raster
	bearing float64
	name    *canvas.Text
	bg      *canvas.Rectangle
}

const arrowBox = 16

func newEdgeBadge(m *Map, p app.Place, actors []app.Actor) *edgeBadge {
	b := &edgeBadge{m: m, place: p}
	for _, a := range actors {
		b.chips = append(b.chips, newActorChip(m, a))
	}
	b.arrow = canvas.NewRaster(b.drawArrow)
	b.name = canvas.NewText(p.Name, theme.Color(theme.ColorNameForeground))
	b.name.TextSize = theme.CaptionTextSize()
	b.bg = canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	b.bg.CornerRadius = 6
	b.bg.StrokeWidth = 1
	b.ExtendBaseWidget(b)
	return b
}

// setBearing turns the arrow toward the seat (radians clockwise from north).
func (b *edgeBadge) setBearing(rad float64) {
	b.bearing = rad
	b.Refresh()
}

// drawArrow is the arrow raster's generator: a shaft through the middle of
// the arrowBox square toward the bearing, and the two strokes of its head,
// in w×h pixels.
func (b *edgeBadge) drawArrow(w, h int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	// On the badge's own background, which the painter's opaque blending
	// needs under the strokes' soft edges.
	draw.Draw(img, img.Rect, image.NewUniform(theme.Color(theme.ColorNameOverlayBackground)), image.Point{}, draw.Src)
	k := float32(w) / arrowBox
	r := painter{img: img}
	cx, cy := float32(w)/2, float32(h)/2
	dx, dy := float32(math.Sin(b.bearing)), float32(-math.Cos(b.bearing))
	tipX, tipY := cx+dx*7*k, cy+dy*7*k
	fg := theme.Color(theme.ColorNameForeground)
	r.strokeSegment(cx-dx*7*k, cy-dy*7*k, tipX, tipY, 2*k, fg)
	for _, turn := range []float64{0.6, -0.6} {
		a := b.bearing + math.Pi + turn
		r.strokeSegment(tipX, tipY, tipX+float32(math.Sin(a))*5*k, tipY-float32(math.Cos(a))*5*k, 2*k, fg)
	}
	return img
}

func (b *edgeBadge) setLit(lit map[string]bool) {
	for _, c := range b.chips {
		c.setLit(lit[c.actor.ID])
	}
}

func (b *edgeBadge) MinSize() fyne.Size {
	w := arrowBox + b.name.MinSize().Width + 16
	w += float32(len(b.chips)) * 24
	return fyne.NewSize(w, 30)
}

func (b *edgeBadge) CreateRenderer() fyne.WidgetRenderer { return &badgeRenderer{b: b} }

type badgeRenderer struct{ b *edgeBadge }

func (r *badgeRenderer) Layout(size fyne.Size) {
	b := r.b
	b.bg.Resize(size)
	x := float32(6)
	b.arrow.Resize(fyne.NewSquareSize(arrowBox))
	b.arrow.Move(fyne.NewPos(x, (size.Height-arrowBox)/2))
	x += arrowBox + 2
	ns := b.name.MinSize()
	b.name.Move(fyne.NewPos(x, (size.Height-ns.Height)/2))
	b.name.Resize(ns)
	x += ns.Width + 6
	for _, c := range b.chips {
		c.Resize(c.MinSize())
		c.Move(fyne.NewPos(x, (size.Height-22)/2))
		x += 24
	}
}
func (r *badgeRenderer) MinSize() fyne.Size { return r.b.MinSize() }
func (r *badgeRenderer) Objects() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{r.b.bg, r.b.arrow, r.b.name}
	for _, c := range r.b.chips {
		objs = append(objs, c)
	}
	return objs
}
func (r *badgeRenderer) Destroy() {}
func (r *badgeRenderer) Refresh() {
	r.b.bg.FillColor = theme.Color(theme.ColorNameOverlayBackground)
	r.b.bg.StrokeColor = theme.Color(theme.ColorNameSeparator)
	r.Layout(r.b.Size())
	r.b.name.Color = theme.Color(theme.ColorNameForeground)
	for _, o := range r.Objects() {
		o.Refresh()
	}
}

// mapTip is the name shown beside the pointer.
type mapTip struct {
	widget.BaseWidget
	bg   *canvas.Rectangle
	text *canvas.Text
}

func newMapTip() *mapTip {
	t := &mapTip{
		bg:   canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground)),
		text: canvas.NewText("", theme.Color(theme.ColorNameForeground)),
	}
	t.bg.CornerRadius = 4
	t.bg.StrokeWidth = 1
	t.text.TextSize = theme.CaptionTextSize() + 1
	t.ExtendBaseWidget(t)
	t.Hide()
	return t
}

func (t *mapTip) set(s string) {
	t.text.Text = s
	t.bg.FillColor = theme.Color(theme.ColorNameOverlayBackground)
	t.bg.StrokeColor = theme.Color(theme.ColorNameSeparator)
	t.text.Color = theme.Color(theme.ColorNameForeground)
	t.Refresh()
}

func (t *mapTip) MinSize() fyne.Size {
	s := t.text.MinSize()
	return fyne.NewSize(s.Width+12, s.Height+6)
}

func (t *mapTip) CreateRenderer() fyne.WidgetRenderer {
	return &tipRenderer{t: t}
}

type tipRenderer struct{ t *mapTip }

func (r *tipRenderer) Layout(size fyne.Size) {
	r.t.bg.Resize(size)
	r.t.text.Move(fyne.NewPos(6, 3))
	r.t.text.Resize(r.t.text.MinSize())
}
func (r *tipRenderer) MinSize() fyne.Size           { return r.t.MinSize() }
func (r *tipRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.t.bg, r.t.text} }
func (r *tipRenderer) Destroy()                     {}
func (r *tipRenderer) Refresh() {
	r.t.bg.Refresh()
	r.t.text.Refresh()
}
