package mapview

import (
	"fmt"
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"codeberg.org/parley/parley/app"
)

// A marker is a small label in its actor's side's colour, saying the
// actor's short name; its shape says what sort of actor it is: rounded
// ends for a person, square corners for an institution, cut corners for a
// joint body. The key explains both.

// markerShape is the outline of a marker.
type markerShape int

const (
	shapePerson markerShape = iota
	shapeInstitution
	shapeJoint
	shapeMore // the "+n" marker of a seat's actors not shown
)

func shapeOf(a app.Actor) markerShape {
	switch a.Kind {
	case app.ActorPerson:
		return shapePerson
	case app.ActorJoint:
		return shapeJoint
	}
	return shapeInstitution
}

// sideColors are the case's own sides' colours; other countries take
// extraSideColors in the order of their codes. All carry white text at a
// contrast of 4.5:1 or more.
var (
	sideColors = map[string]color.RGBA{
		"ARM": rgb(0xb3, 0x53, 0x09),
		"AZE": rgb(0x0b, 0x69, 0xa3),
		"USA": rgb(0x3a, 0x49, 0xa8),
		"RUS": rgb(0xb0, 0x22, 0x22),
	}
	extraSideColors = []color.RGBA{
		rgb(0x00, 0x6e, 0x62), rgb(0x7a, 0x4b, 0x2a), rgb(0x56, 0x6b, 0x12), rgb(0xa3, 0x16, 0x5a),
		rgb(0x3d, 0x55, 0x66), rgb(0x6a, 0x3d, 0x9a), rgb(0x8a, 0x5a, 0x00), rgb(0x1e, 0x60, 0x40),
	}
	jointColor   = rgb(0x7b, 0x3f, 0x9e)
	noSideColor  = rgb(0x58, 0x62, 0x6b)
	pillTextSize = float32(10)
)

// pillHeight is a marker's height; pillPad the room either side of its name.
const (
	pillHeight = 18
	pillPad    = 6
)

// sideColor is an actor's marker colour.
func (m *Map) sideColor(a app.Actor) color.RGBA {
	if a.Kind == app.ActorJoint {
		return jointColor
	}
	if c, ok := m.sides[a.Affiliation]; ok {
		return c
	}
	return noSideColor
}

// assignSides gives each side among the actors its colour.
func assignSides(actors []app.Actor) map[string]color.RGBA {
	var extra []string
	out := map[string]color.RGBA{}
	for _, a := range actors {
		if a.Affiliation == "" || a.Kind == app.ActorJoint {
			continue
		}
		if c, ok := sideColors[a.Affiliation]; ok {
			out[a.Affiliation] = c
		} else if !slices.Contains(extra, a.Affiliation) {
			extra = append(extra, a.Affiliation)
		}
	}
	slices.Sort(extra)
	for i, code := range extra {
		out[code] = extraSideColors[i%len(extraSideColors)]
	}
	return out
}

// sideName names a side by its ISO 3166 code, in English.
func sideName(code string) string {
	if r, err := language.ParseRegion(code); err == nil {
		if n := display.English.Regions().Name(r); n != "" && n != "Unknown Region" {
			return n
		}
	}
	return code
}

// actorMarker is an actor's marker, beside its seat or on an edge badge,
// or a seat's "+n" marker. The raster draws it; the widget only takes the
// pointer: a few hundred markers as canvas objects cost the GL renderer
// memory and time for each.
type actorMarker struct {
	widget.BaseWidget
	m     *Map
	actor app.Actor
	// others are, on a "+n" marker, the seat's actors it stands for.
	others []app.Actor
	seat   string // the seat's place id; "" on a badge
	lit    bool
	// text is what the marker says, fitted to its width.
	text  string
	width float32
}

func newActorMarker(m *Map, a app.Actor, seat string) *actorMarker {
	mk := &actorMarker{m: m, actor: a, seat: seat}
	mk.ExtendBaseWidget(mk)
	return mk
}

// shape is the marker's outline.
func (mk *actorMarker) shape() markerShape {
	if mk.others != nil {
		return shapeMore
	}
	return shapeOf(mk.actor)
}

// fit sets the marker's text and width: the short name, or the full name
// for the selected actor, shortened with an ellipsis where too wide.
func (mk *actorMarker) fit() {
	text, limit := mk.actor.ShortName(), float32(maxPillText)
	switch {
	case mk.others != nil:
		text = fmt.Sprintf("+%d", len(mk.others))
	case mk.actor.ID == mk.m.selected:
		text, limit = mk.actor.Name, maxSelectedText
	}
	mk.text = mk.m.fitText(text, pillTextSize, true, limit)
	mk.width = max(pillHeight+4, mk.m.textWidth(mk.text, pillTextSize, true, false)+2*pillPad)
}

// setMore makes the "+n" marker stand for the actors not among shown.
func (mk *actorMarker) setMore(all []app.Actor, shown []*actorMarker) {
	mk.others = mk.others[:0]
	for _, a := range all {
		if !slices.ContainsFunc(shown, func(s *actorMarker) bool { return s.actor.ID == a.ID }) {
			mk.others = append(mk.others, a)
		}
	}
}

func (mk *actorMarker) setLit(lit bool) { mk.lit = lit }

// Tapped selects the actor; on a "+n" marker, the seat.
func (mk *actorMarker) Tapped(*fyne.PointEvent) {
	if mk.others != nil {
		mk.m.session.SelectPlace(mk.seat)
		return
	}
	mk.m.session.SelectActor(mk.actor.ID)
}

// tipText is what the pointer shows over the marker: the full name and
// role, or the names a "+n" marker stands for.
func (mk *actorMarker) tipText() string {
	if mk.others != nil {
		names := make([]string, 0, 8)
		for _, a := range mk.others[:min(len(mk.others), 8)] {
			names = append(names, a.Name)
		}
		s := strings.Join(names, ", ")
		if len(mk.others) > 8 {
			s += fmt.Sprintf(" and %d more", len(mk.others)-8)
		}
		return s + ". Click for the place."
	}
	text := mk.actor.Name
	if mk.actor.Role != "" {
		text += " — " + mk.actor.Role
	}
	return text
}

func (mk *actorMarker) MouseIn(*desktop.MouseEvent) {
	mk.m.showTip(mk.tipText(), mk.Position().Add(fyne.NewPos(10, pillHeight)))
}
func (mk *actorMarker) MouseMoved(*desktop.MouseEvent) {}
func (mk *actorMarker) MouseOut()                      { mk.m.tip.Hide() }

// Cursor shows a pointing hand over markers.
func (mk *actorMarker) Cursor() desktop.Cursor { return desktop.PointerCursor }

func (mk *actorMarker) MinSize() fyne.Size { return fyne.NewSize(mk.width, pillHeight) }

func (mk *actorMarker) CreateRenderer() fyne.WidgetRenderer { return hitRenderer{mk} }

// hitRenderer renders nothing: the raster draws the widget, which only
// takes the pointer.
type hitRenderer struct{ w fyne.Widget }

func (r hitRenderer) Layout(fyne.Size)             {}
func (r hitRenderer) MinSize() fyne.Size           { return r.w.MinSize() }
func (r hitRenderer) Refresh()                     {}
func (r hitRenderer) Objects() []fyne.CanvasObject { return nil }
func (r hitRenderer) Destroy()                     {}

// seatBlock is the markers of the actors seated in one town.
type seatBlock struct {
	place   app.Place
	at      app.LonLat
	actors  []app.Actor // most quoted first
	count   int         // their statements
	markers []*actorMarker
	more    *actorMarker
	// Where the pass put the block and how many actors' markers it shows.
	box   rect
	shown int
}

// withMore is a group's markers and its "+n" marker, in a new slice.
func withMore(markers []*actorMarker, more *actorMarker) []*actorMarker {
	return append(markers[:len(markers):len(markers)], more)
}

// maxMarkersPerSeat is the most markers a town shows; the rest are on its
// "+n" marker.
const maxMarkersPerSeat = 6

func (sb *seatBlock) lit() bool {
	return slices.ContainsFunc(sb.markers, func(mk *actorMarker) bool { return mk.lit })
}

// ordered is the block's markers, the lit ones first.
func (sb *seatBlock) ordered() []*actorMarker {
	out := slices.Clone(sb.markers)
	slices.SortStableFunc(out, func(a, b *actorMarker) int {
		switch {
		case a.lit == b.lit:
			return 0
		case a.lit:
			return -1
		}
		return 1
	})
	return out
}

// placePin is a town or checkpoint on the map. The raster draws it; the
// widget takes the pointer.
type placePin struct {
	widget.BaseWidget
	m      *Map
	place  app.Place
	lit    bool
	mid    fyne.Position // where its dot is
	inView bool
}

// pinBox is the room a dot takes, lit or not.
const pinBox = 12

func newPlacePin(m *Map, p app.Place) *placePin {
	pin := &placePin{m: m, place: p}
	pin.ExtendBaseWidget(pin)
	return pin
}

func (p *placePin) box() rect {
	return rect{p.mid.X - pinBox/2, p.mid.Y - pinBox/2, pinBox, pinBox}
}

func (p *placePin) setLit(lit bool) { p.lit = lit }

func (p *placePin) Tapped(*fyne.PointEvent) { p.m.session.SelectPlace(p.place.ID) }
func (p *placePin) MouseIn(*desktop.MouseEvent) {
	p.m.showTip(p.place.Name, p.mid.Add(fyne.NewPos(6, 6)))
}
func (p *placePin) MouseMoved(*desktop.MouseEvent) {}
func (p *placePin) MouseOut()                      { p.m.tip.Hide() }
func (p *placePin) Cursor() desktop.Cursor         { return desktop.PointerCursor }
func (p *placePin) MinSize() fyne.Size             { return fyne.NewSize(pinBox, pinBox) }

func (p *placePin) CreateRenderer() fyne.WidgetRenderer { return hitRenderer{p} }

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
