package mapview

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/parley/parley/app"

	"codeberg.org/parley/parley/views/ui"
)

// mapKey explains the markers' colours and shapes and the lines' colours
// and widths. It folds to its title, and unfolds by itself only where a
// corner of the map has room for it, so it never covers a town or a marker
// the user did not ask it to.
type mapKey struct {
	object fyne.CanvasObject
	bg     *canvas.Rectangle
	header *ui.Button
	body   *fyne.Container
	sides  *fyne.Container
	lines  *fyne.Container
	texts  []*canvas.Text
	// fixed is how many of texts are the key's own; the rest name the
	// sides and are made again with them.
	fixed int
	icons []*canvas.Raster
	// open is whether the key shows in full; userSet, that the user chose
	// so, which the map then keeps.
	open, userSet bool
}

func newMapKey(m *Map) *mapKey {
	k := &mapKey{}
	k.header = ui.NewButtonWithIcon("Key", theme.MenuDropDownIcon(), func() {
		k.open, k.userSet = !k.open, true
		m.relayout()
	})
	k.header.Importance = widget.LowImportance
	k.header.Alignment = widget.ButtonAlignLeading
	k.sides = container.New(layout.NewGridLayoutWithColumns(2))
	shapes := container.New(layout.NewCustomPaddedHBoxLayout(4),
		k.icon(shapePerson), k.small("person"), k.icon(shapeInstitution), k.small("institution"),
		k.icon(shapeJoint), k.small("joint"))
	var swatches []fyne.CanvasObject
	for _, v := range []float64{-10, -5, -1, 0, 1, 5, 10} {
		r := canvas.NewRectangle(ui.ScoreColor(v))
		r.SetMinSize(fyne.NewSize(12, 8))
		swatches = append(swatches, r)
	}
	widths := container.NewHBox()
	for _, n := range []int{1, 4, 16} {
		l := canvas.NewRectangle(ui.ScoreColor(0))
		l.SetMinSize(fyne.NewSize(18, lineWidth(n)))
		widths.Add(container.NewVBox(container.NewCenter(l), k.small(fmt.Sprint(n))))
	}
	k.lines = container.NewVBox(
		k.title("Lines: who speaks to whom"),
		container.NewHBox(k.small("hostile"), container.NewHBox(swatches...), k.small("cooperative")),
		container.NewHBox(k.small("statements"), widths),
	)
	k.body = container.NewVBox(k.title("Markers: side and kind"), k.sides, shapes, k.lines)
	k.bg = canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	k.bg.CornerRadius = 4
	k.bg.StrokeWidth = 1
	k.object = container.NewStack(k.bg, container.New(layout.NewCustomPaddedLayout(2, 4, 6, 6),
		container.New(layout.NewCustomPaddedVBoxLayout(2), k.header, k.body)))
	k.fixed = len(k.texts)
	k.recolor()
	return k
}

func (k *mapKey) small(s string) *canvas.Text {
	t := canvas.NewText(s, theme.Color(theme.ColorNameForeground))
	t.TextSize = theme.CaptionTextSize()
	k.texts = append(k.texts, t)
	return t
}

func (k *mapKey) title(s string) *canvas.Text {
	t := k.small(s)
	t.TextStyle.Bold = true
	return t
}

// icon draws a marker's shape, in the grey of a marker without a side.
func (k *mapKey) icon(s markerShape) fyne.CanvasObject {
	r := canvas.NewRaster(func(w, h int) image.Image {
		img := image.NewRGBA(image.Rect(0, 0, w, h))
		draw.Draw(img, img.Rect, image.NewUniform(theme.Color(theme.ColorNameOverlayBackground)), image.Point{}, draw.Src)
		p := painter{img: img}
		p.fillShape(s, 0.5, 0.5, float32(w)-1, float32(h)-1, noSideColor)
		return img
	})
	r.SetMinSize(fyne.NewSize(28, 14))
	k.icons = append(k.icons, r)
	return r
}

// setSides lists the sides of the actors on the map, and whether there is
// a joint body among them.
func (k *mapKey) setSides(m *Map, actors []app.Actor) {
	k.sides.RemoveAll()
	k.texts = k.texts[:k.fixed]
	codes := make([]string, 0, len(m.sides))
	for c := range m.sides {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	entry := func(c fyne.CanvasObject, name string) {
		k.sides.Add(container.New(layout.NewCustomPaddedHBoxLayout(4), c, k.small(name)))
	}
	swatch := func(c color.RGBA) fyne.CanvasObject {
		r := canvas.NewRectangle(c)
		r.CornerRadius = 3
		r.SetMinSize(fyne.NewSize(14, 10))
		return container.NewCenter(r)
	}
	for _, c := range codes {
		entry(swatch(m.sides[c]), sideName(c))
	}
	if slices.ContainsFunc(actors, func(a app.Actor) bool { return a.Kind == app.ActorJoint }) {
		entry(swatch(jointColor), "joint body")
	}
	if slices.ContainsFunc(actors, func(a app.Actor) bool { return a.Kind != app.ActorJoint && m.sides[a.Affiliation] == (color.RGBA{}) }) {
		entry(swatch(noSideColor), "no country given")
	}
}

// showLines shows the lines' part of the key when the map draws lines.
func (k *mapKey) showLines(show bool) {
	if show {
		k.lines.Show()
	} else {
		k.lines.Hide()
	}
}

// recolor sets the key in the current theme.
func (k *mapKey) recolor() {
	k.bg.FillColor = theme.Color(theme.ColorNameOverlayBackground)
	k.bg.StrokeColor = theme.Color(theme.ColorNameSeparator)
	k.bg.Refresh()
	for _, t := range k.texts {
		t.Color = theme.Color(theme.ColorNameForeground)
		t.Refresh()
	}
	for _, r := range k.icons {
		r.Refresh()
	}
}

// setOpen folds or unfolds the key.
func (k *mapKey) setOpen(open bool) {
	k.open = open
	if open {
		k.body.Show()
		k.header.SetIcon(theme.MenuDropDownIcon())
	} else {
		k.body.Hide()
		k.header.SetIcon(theme.MenuExpandIcon())
	}
}

// placeKey puts the key in the corner of the map with the fewest towns
// under it, unfolded if one has none and the user has not folded it.
func (m *Map) placeKey(size fyne.Size) {
	k := m.keyParts
	creditTop := m.credit.Position().Y
	corners := func(s fyne.Size) []rect {
		return []rect{
			{6, creditTop - s.Height - 2, s.Width, s.Height},
			{size.Width - s.Width - 6, size.Height - s.Height - 6, s.Width, s.Height},
			{6, 6, s.Width, s.Height},
		}
	}
	view := rect{0, 0, size.Width, size.Height}
	// margin is the room kept round the key for the names and markers of
	// the towns near it.
	margin := float32(6)
	covered := func(r rect) int {
		n := 0
		g := r.grow(margin)
		for _, p := range m.pins {
			if view.has(p.mid) && g.has(p.mid) {
				n++
			}
		}
		for _, bd := range m.badges {
			if g.hits(bd.box) {
				n += 5
			}
		}
		return n
	}
	open := k.open
	if !k.userSet {
		k.setOpen(true)
		margin = 48
		open = slices.ContainsFunc(corners(m.key.MinSize()), func(r rect) bool { return covered(r) == 0 })
		margin = 6
	}
	k.setOpen(open)
	s := m.key.MinSize()
	best, bestN := rect{}, -1
	for _, r := range corners(s) {
		if n := covered(r); bestN < 0 || n < bestN {
			best, bestN = r, n
		}
	}
	m.key.Resize(s)
	m.key.Move(best.pos())
}
