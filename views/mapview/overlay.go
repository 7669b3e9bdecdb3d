package mapview

import (
	"image"
	"image/color"
	"math"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"codeberg.org/parley/parley/app"
)

// The map's overlay (pair lines, country and place names, pins and actor
// markers) is drawn into the map's one raster rather than built from
// canvas objects: every object the GL renderer draws costs it memory and
// time (Mesa's software renderer, about 60 kB each), which at a few
// hundred markers came to tens of megabytes and a large part of the first
// frame. Only the edge badges, the controls, the legend and the tip stay
// objects.

// faceKey names one font face: a text style at a size in pixels.
type faceKey struct {
	bold, italic bool
	px           float32
}

// parsedFonts holds the theme's text fonts parsed for drawing, by
// resource name; the bytes are the theme's own, so parsing copies little.
var parsedFonts sync.Map // string → *opentype.Font

func parsedFont(res fyne.Resource) *opentype.Font {
	if f, ok := parsedFonts.Load(res.Name()); ok {
		return f.(*opentype.Font)
	}
	f, err := opentype.Parse(res.Content())
	if err != nil {
		return nil
	}
	parsedFonts.Store(res.Name(), f)
	return f
}

// face returns the face for a style and pixel size, or nil when the
// theme's font cannot be read (the label is then left out).
func (m *Map) face(bold, italic bool, px float32) font.Face {
	key := faceKey{bold, italic, float32(math.Round(float64(px)*100) / 100)}
	if f, ok := m.faces[key]; ok {
		return f
	}
	f := parsedFont(theme.Current().Font(fyne.TextStyle{Bold: bold, Italic: italic}))
	if f == nil {
		return nil
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: float64(key.px), DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return nil
	}
	if m.faces == nil {
		m.faces = map[faceKey]font.Face{}
	}
	m.faces[key] = face
	return face
}

// drawOverlay draws the lines, names, pins and markers over the base map.
func (m *Map) drawOverlay(img *image.RGBA, ratio float64) {
	if img.Rect.Empty() {
		return
	}
	r := &m.painter
	r.img, r.ratio = img, ratio
	k := float32(ratio)
	for _, l := range m.lines {
		if !l.drawn {
			continue
		}
		for _, s := range []segment{l.shaft, l.head[0], l.head[1]} {
			r.strokeSegment(s.Position1.X*k, s.Position1.Y*k, s.Position2.X*k, s.Position2.Y*k, s.StrokeWidth*k, l.color)
		}
	}
	fg, dim := theme.Color(theme.ColorNameForeground), theme.Color(theme.ColorNamePlaceHolder)
	bg, primary := theme.Color(theme.ColorNameBackground), theme.Color(theme.ColorNamePrimary)
	for _, t := range m.shapeLabels {
		m.drawText(t, dim, k)
	}
	for _, p := range m.pins {
		pos, size := p.Position(), p.Size()
		cx, cy := (pos.X+size.Width/2)*k, (pos.Y+size.Height/2)*k
		d, edge := float32(8), fg
		if p.lit {
			d, edge = 12, primary
		}
		if p.place.Kind == app.PlaceCheckpoint {
			r.fillBox(cx-d/2*k, cy-d/2*k, d*k, d*k, edge)
			r.fillBox(cx-(d/2-2)*k, cy-(d/2-2)*k, (d-4)*k, (d-4)*k, bg)
			continue
		}
		r.fillCircle(cx, cy, d/2*k, bg)
		r.fillCircle(cx, cy, (d/2-1.5)*k, edge)
	}
	for _, t := range m.texts {
		m.drawText(t, fg, k)
	}
	for _, mk := range m.markers {
		pos, size := mk.Position(), mk.Size()
		cx, cy, rad := (pos.X+size.Width/2)*k, (pos.Y+size.Height/2)*k, size.Width/2*k
		edge, width := color.Color(color.White), float32(1.5)
		if mk.lit {
			edge, width = primary, 3.5
		}
		r.fillCircle(cx, cy, rad, edge)
		r.fillCircle(cx, cy, rad-width*k, affiliationColor(mk.actor))
		face := m.face(true, false, markerTextSize*k)
		if face == nil {
			continue
		}
		s := initials(mk.actor.Name)
		w := font.MeasureString(face, s)
		mt := face.Metrics()
		x := fixed.Int26_6(cx*64) - w/2
		y := fixed.Int26_6(cy*64) + (mt.Ascent-mt.Descent)/2
		d := font.Drawer{Dst: img, Src: image.White, Face: face, Dot: fixed.Point26_6{X: x, Y: y}}
		d.DrawString(s)
	}
}

// drawText draws a placed label: its anchor projected, moved by its
// offset, the text's middle on that line.
func (m *Map) drawText(t placedText, c color.Color, k float32) {
	face := m.face(t.bold, t.italic, t.size*k)
	if face == nil {
		return
	}
	x, y := m.proj.toScreen(t.at)
	w := font.MeasureString(face, t.text)
	mt := face.Metrics()
	left := fixed.Int26_6((float32(x) + t.dx) * k * 64)
	switch {
	case t.center:
		left -= w / 2
	case t.leftOf:
		left -= w
	}
	mid := fixed.Int26_6((float32(y) + t.dy) * k * 64)
	d := font.Drawer{Dst: m.painter.img, Src: image.NewUniform(c), Face: face,
		Dot: fixed.Point26_6{X: left, Y: mid + (mt.Ascent-mt.Descent)/2}}
	d.DrawString(t.text)
}

// circleK places the Bézier handles that make four cubic arcs a circle.
const circleK = 0.5523

// fillCircle fills a disc centred at (cx, cy), in pixels.
func (r *painter) fillCircle(cx, cy, rad float32, c color.Color) {
	if rad <= 0 {
		return
	}
	box := image.Rect(int(cx-rad)-1, int(cy-rad)-1, int(cx+rad)+2, int(cy+rad)+2).Intersect(r.img.Bounds())
	if box.Empty() {
		return
	}
	r.ras.Reset(box.Dx(), box.Dy())
	r.circlePath(cx-float32(box.Min.X), cy-float32(box.Min.Y), rad)
	r.paint(box, c)
}

// circlePath adds a circle to the rasterizer's path, turning the same way
// as strokeSegment's quads so that the two add up where they overlap.
func (r *painter) circlePath(cx, cy, rad float32) {
	h := rad * circleK
	r.ras.MoveTo(cx+rad, cy)
	r.ras.CubeTo(cx+rad, cy-h, cx+h, cy-rad, cx, cy-rad)
	r.ras.CubeTo(cx-h, cy-rad, cx-rad, cy-h, cx-rad, cy)
	r.ras.CubeTo(cx-rad, cy+h, cx-h, cy+rad, cx, cy+rad)
	r.ras.CubeTo(cx+h, cy+rad, cx+rad, cy+h, cx+rad, cy)
	r.ras.ClosePath()
}

// strokeSegment draws a straight stroke with round ends, in pixels.
func (r *painter) strokeSegment(x0, y0, x1, y1, width float32, c color.Color) {
	hw := width / 2
	box := image.Rect(int(min(x0, x1)-hw)-1, int(min(y0, y1)-hw)-1, int(max(x0, x1)+hw)+2, int(max(y0, y1)+hw)+2).
		Intersect(r.img.Bounds())
	if box.Empty() || hw <= 0 {
		return
	}
	r.ras.Reset(box.Dx(), box.Dy())
	ox, oy := float32(box.Min.X), float32(box.Min.Y)
	x0, y0, x1, y1 = x0-ox, y0-oy, x1-ox, y1-oy
	if l := float32(math.Hypot(float64(x1-x0), float64(y1-y0))); l > 0 {
		nx, ny := -(y1-y0)/l*hw, (x1-x0)/l*hw
		r.ras.MoveTo(x0+nx, y0+ny)
		r.ras.LineTo(x1+nx, y1+ny)
		r.ras.LineTo(x1-nx, y1-ny)
		r.ras.LineTo(x0-nx, y0-ny)
		r.ras.ClosePath()
	}
	r.circlePath(x0, y0, hw)
	r.circlePath(x1, y1, hw)
	r.paint(box, c)
}

// fillBox fills an axis-aligned rectangle, in pixels.
func (r *painter) fillBox(x, y, w, h float32, c color.Color) {
	box := image.Rect(int(math.Floor(float64(x))), int(math.Floor(float64(y))),
		int(math.Ceil(float64(x+w))), int(math.Ceil(float64(y+h)))).Intersect(r.img.Bounds())
	if box.Empty() {
		return
	}
	r.ras.Reset(box.Dx(), box.Dy())
	ox, oy := float32(box.Min.X), float32(box.Min.Y)
	r.ras.MoveTo(x-ox, y-oy)
	r.ras.LineTo(x+w-ox, y-oy)
	r.ras.LineTo(x+w-ox, y+h-oy)
	r.ras.LineTo(x-ox, y+h-oy)
	r.ras.ClosePath()
	r.paint(box, c)
}
