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
	"codeberg.org/parley/parley/views/ui"
)

// The map's overlay (pair lines, names, dots, markers and edge badges) is
// drawn into the map's one raster rather than built from canvas objects:
// every object the GL renderer draws costs it memory and time (Mesa's
// software renderer, about 60 kB each), which at a few hundred markers came
// to tens of megabytes and a large part of the first frame. Only the
// controls, the key and the tip stay objects.

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
// theme's font cannot be read (the text is then left out).
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

// textWidth measures text in units, as drawn at size.
func (m *Map) textWidth(s string, size float32, bold, italic bool) float32 {
	face := m.face(bold, italic, size)
	if face == nil {
		return float32(len([]rune(s))) * size * 0.6
	}
	return float32(font.MeasureString(face, s)) / 64
}

// fitText shortens s with an ellipsis until it is at most limit units wide,
// as the map draws it.
func (m *Map) fitText(s string, size float32, bold bool, limit float32) string {
	return ui.FitWidth(s, limit, func(t string) float32 { return m.textWidth(t, size, bold, false) })
}

// drawOverlay draws the lines, names, dots, markers and badges over the
// base map, in that order: the lines under everything they join.
func (m *Map) drawOverlay(img *image.RGBA, ratio float64) {
	if img.Rect.Empty() {
		return
	}
	r := &m.painter
	r.img, r.ratio = img, ratio
	k := float32(ratio)
	for _, l := range m.lines {
		if l.drawn {
			r.strokePolyline(l.path, l.width, k, l.color)
			for _, s := range l.head {
				r.strokeSegment(s.Position1.X*k, s.Position1.Y*k, s.Position2.X*k, s.Position2.Y*k, s.StrokeWidth*k, l.color)
			}
		}
	}
	fg, dim := theme.Color(theme.ColorNameForeground), theme.Color(theme.ColorNamePlaceHolder)
	bg, primary := theme.Color(theme.ColorNameBackground), theme.Color(theme.ColorNamePrimary)
	b := toRGBA(bg)
	halo := color.NRGBA{b.R, b.G, b.B, 0xd0}
	for _, l := range m.labels {
		if l.shown && l.kind == labelCountry {
			m.drawLabel(l, dim, halo, k)
		}
	}
	for _, p := range m.pins {
		if !p.inView {
			continue
		}
		cx, cy := p.mid.X*k, p.mid.Y*k
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
	for _, l := range m.labels {
		if l.shown && l.kind != labelCountry {
			m.drawLabel(l, fg, halo, k)
		}
	}
	for _, sb := range m.blocks {
		for _, mk := range sb.markers {
			m.drawMarker(mk, k)
		}
		m.drawMarker(sb.more, k)
	}
	for _, b := range m.badges {
		m.drawBadge(b, k)
	}
}

// drawLabel draws a placed name, each line centred in its box, on a halo
// of the background so that lines under it do not hide it.
func (m *Map) drawLabel(l *mapLabel, c, halo color.Color, k float32) {
	face := m.face(l.bold, l.italic, l.size*k)
	if face == nil {
		return
	}
	lh := lineHeight(l.size)
	for i, line := range l.lines {
		w := m.textWidth(line, l.size, l.bold, l.italic)
		x := l.box.x + (l.box.w-w)/2
		mid := l.box.y + lh*(float32(i)+0.5)
		m.painter.text(face, line, x*k, mid*k, c, halo, max(1, k))
	}
}

// drawMarker draws a marker the pass showed: its shape in its side's
// colour with a white edge, or the selection's colour when lit, and its
// name in white.
func (m *Map) drawMarker(mk *actorMarker, k float32) {
	if !mk.Visible() || mk.width == 0 {
		return
	}
	r := &m.painter
	pos, size := mk.Position(), mk.Size()
	x, y, w, h := pos.X*k, pos.Y*k, size.Width*k, size.Height*k
	shape := mk.shape()
	fill, text := color.Color(m.sideColor(mk.actor)), color.Color(color.White)
	edge, width := color.Color(color.White), float32(1.5)
	if shape == shapeMore {
		fill, text = theme.Color(theme.ColorNameOverlayBackground), theme.Color(theme.ColorNameForeground)
		edge, width = theme.Color(theme.ColorNameForeground), 1
	}
	drawn := shape
	if drawn == shapeMore {
		drawn = shapePerson
	}
	if mk.lit {
		// A ring in the selection's colour round the white edge, which
		// keeps it apart from a fill of a like colour.
		ring := 2.5 * k
		r.fillShape(drawn, x, y, w, h, theme.Color(theme.ColorNamePrimary))
		x, y, w, h = x+ring, y+ring, w-2*ring, h-2*ring
	}
	r.fillShape(drawn, x, y, w, h, edge)
	r.fillShape(drawn, x+width*k, y+width*k, w-2*width*k, h-2*width*k, fill)
	face := m.face(true, false, pillTextSize*k)
	if face == nil {
		return
	}
	tw := m.textWidth(mk.text, pillTextSize, true, false) * k
	r.text(face, mk.text, x+(w-tw)/2, y+h/2, text, nil, 0)
}

// drawBadge draws an edge badge: its box, the arrow toward its seat, the
// seat's name, its markers.
func (m *Map) drawBadge(b *edgeBadge, k float32) {
	r := &m.painter
	x, y, w, h := b.box.x*k, b.box.y*k, b.box.w*k, b.box.h*k
	r.fillRoundRect(x, y, w, h, 6*k, theme.Color(theme.ColorNameSeparator))
	r.fillRoundRect(x+k, y+k, w-2*k, h-2*k, 5*k, theme.Color(theme.ColorNameOverlayBackground))
	fg := theme.Color(theme.ColorNameForeground)
	cx, cy := x+(badgePad+arrowBox/2)*k, y+h/2
	dx, dy := float32(math.Sin(b.bearing)), float32(-math.Cos(b.bearing))
	tipX, tipY := cx+dx*7*k, cy+dy*7*k
	r.strokeSegment(cx-dx*7*k, cy-dy*7*k, tipX, tipY, 2*k, fg)
	for _, turn := range []float64{0.6, -0.6} {
		a := b.bearing + math.Pi + turn
		r.strokeSegment(tipX, tipY, tipX+float32(math.Sin(a))*5*k, tipY-float32(math.Cos(a))*5*k, 2*k, fg)
	}
	if face := m.face(false, false, captionSize()*k); face != nil {
		r.text(face, b.place.Name, x+(badgePad+arrowBox+3)*k, cy, fg, nil, 0)
	}
	for _, mk := range b.chips {
		m.drawMarker(mk, k)
	}
	m.drawMarker(b.more, k)
}

// text draws s with its left end at x and its middle at y, in pixels; a
// halo of the given colour and width goes round the glyphs first when
// haloW is above 0.
func (r *painter) text(face font.Face, s string, x, y float32, c, halo color.Color, haloW float32) {
	bounds, adv := font.BoundString(face, s)
	if adv == 0 {
		return
	}
	mt := face.Metrics()
	dot := fixed.Point26_6{X: fixed.Int26_6(x * 64), Y: fixed.Int26_6(y*64) + (mt.Ascent-mt.Descent)/2}
	pad := int(math.Ceil(float64(haloW))) + 1
	box := image.Rect((dot.X+bounds.Min.X).Floor()-pad, (dot.Y+bounds.Min.Y).Floor()-pad,
		(dot.X+bounds.Max.X).Ceil()+pad, (dot.Y+bounds.Max.Y).Ceil()+pad)
	clipped := box.Intersect(r.img.Bounds())
	if clipped.Empty() {
		return
	}
	mask := r.sizedMask(box)
	clear(mask.Pix)
	d := font.Drawer{Dst: mask, Src: image.Opaque, Face: face,
		Dot: fixed.Point26_6{X: dot.X - fixed.I(box.Min.X), Y: dot.Y - fixed.I(box.Min.Y)}}
	d.DrawString(s)
	if haloW > 0 {
		r.composite(dilate(mask, int(math.Round(float64(haloW)))), box.Min, halo)
	}
	r.composite(mask, box.Min, c)
}

// sizedMask is the painter's mask for a box of pixels, its old coverage
// left in it: what is drawn into it next writes every pixel, or clears it.
func (r *painter) sizedMask(box image.Rectangle) *image.Alpha {
	n := box.Dx() * box.Dy()
	if cap(r.mask.Pix) < n {
		r.mask.Pix = make([]uint8, n)
	}
	r.mask.Pix = r.mask.Pix[:n]
	r.mask.Stride = box.Dx()
	r.mask.Rect = image.Rect(0, 0, box.Dx(), box.Dy())
	return &r.mask
}

// dilate widens a coverage mask by rad pixels each way: the halo.
func dilate(src *image.Alpha, rad int) *image.Alpha {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	out := image.NewAlpha(src.Rect)
	for y := range h {
		for x := range w {
			var v uint8
			for yy := max(0, y-rad); yy <= min(h-1, y+rad) && v < 0xff; yy++ {
				row := src.Pix[yy*src.Stride:]
				for xx := max(0, x-rad); xx <= min(w-1, x+rad); xx++ {
					v = max(v, row[xx])
				}
			}
			out.Pix[y*out.Stride+x] = v
		}
	}
	return out
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

// fillShape fills a marker's outline in a box of pixels.
func (r *painter) fillShape(s markerShape, x, y, w, h float32, c color.Color) {
	switch s {
	case shapePerson, shapeMore:
		r.fillRoundRect(x, y, w, h, h/2, c)
	case shapeJoint:
		r.fillChamfered(x, y, w, h, h/3, c)
	default:
		r.fillRoundRect(x, y, w, h, min(2.5, h/6), c)
	}
}

// fillRoundRect fills a box with rounded corners of radius rad, in pixels.
func (r *painter) fillRoundRect(x, y, w, h, rad float32, c color.Color) {
	if w <= 0 || h <= 0 {
		return
	}
	rad = min(rad, w/2, h/2)
	box, ok := r.boxFor(x, y, w, h)
	if !ok {
		return
	}
	ox, oy := float32(box.Min.X), float32(box.Min.Y)
	x, y = x-ox, y-oy
	q := rad * (1 - circleK)
	r.ras.MoveTo(x+rad, y)
	r.ras.LineTo(x+w-rad, y)
	r.ras.CubeTo(x+w-q, y, x+w, y+q, x+w, y+rad)
	r.ras.LineTo(x+w, y+h-rad)
	r.ras.CubeTo(x+w, y+h-q, x+w-q, y+h, x+w-rad, y+h)
	r.ras.LineTo(x+rad, y+h)
	r.ras.CubeTo(x+q, y+h, x, y+h-q, x, y+h-rad)
	r.ras.LineTo(x, y+rad)
	r.ras.CubeTo(x, y+q, x+q, y, x+rad, y)
	r.ras.ClosePath()
	r.paint(box, c)
}

// fillChamfered fills a box with its corners cut by cut pixels.
func (r *painter) fillChamfered(x, y, w, h, cut float32, c color.Color) {
	if w <= 0 || h <= 0 {
		return
	}
	box, ok := r.boxFor(x, y, w, h)
	if !ok {
		return
	}
	ox, oy := float32(box.Min.X), float32(box.Min.Y)
	x, y = x-ox, y-oy
	r.ras.MoveTo(x+cut, y)
	r.ras.LineTo(x+w-cut, y)
	r.ras.LineTo(x+w, y+cut)
	r.ras.LineTo(x+w, y+h-cut)
	r.ras.LineTo(x+w-cut, y+h)
	r.ras.LineTo(x+cut, y+h)
	r.ras.LineTo(x, y+h-cut)
	r.ras.LineTo(x, y+cut)
	r.ras.ClosePath()
	r.paint(box, c)
}

// boxFor readies the rasterizer for a shape in a box of pixels, clipped
// to the image.
func (r *painter) boxFor(x, y, w, h float32) (image.Rectangle, bool) {
	box := image.Rect(int(math.Floor(float64(x))), int(math.Floor(float64(y))),
		int(math.Ceil(float64(x+w))), int(math.Ceil(float64(y+h)))).Intersect(r.img.Bounds())
	if box.Empty() {
		return box, false
	}
	r.ras.Reset(box.Dx(), box.Dy())
	return box, true
}

// strokeSegment draws a straight stroke with round ends, in pixels.
func (r *painter) strokeSegment(x0, y0, x1, y1, width float32, c color.Color) {
	r.strokePolyline([]fyne.Position{{X: x0, Y: y0}, {X: x1, Y: y1}}, width, 1, c)
}

// strokePolyline draws a path of straight strokes with round ends and
// joins, its points and width in units of k pixels, as one shape: where
// the strokes overlap, a translucent colour is not laid twice.
func (r *painter) strokePolyline(path []fyne.Position, width, k float32, c color.Color) {
	hw := width * k / 2
	if len(path) < 2 || hw <= 0 {
		return
	}
	box := image.Rectangle{}
	for i, p := range path {
		x, y := p.X*k, p.Y*k
		pr := image.Rect(int(x-hw)-1, int(y-hw)-1, int(x+hw)+2, int(y+hw)+2)
		if i == 0 {
			box = pr
		} else {
			box = box.Union(pr)
		}
	}
	box = box.Intersect(r.img.Bounds())
	if box.Empty() {
		return
	}
	r.ras.Reset(box.Dx(), box.Dy())
	ox, oy := float32(box.Min.X), float32(box.Min.Y)
	for i := 1; i < len(path); i++ {
		x0, y0 := path[i-1].X*k-ox, path[i-1].Y*k-oy
		x1, y1 := path[i].X*k-ox, path[i].Y*k-oy
		if l := float32(math.Hypot(float64(x1-x0), float64(y1-y0))); l > 0 {
			nx, ny := -(y1-y0)/l*hw, (x1-x0)/l*hw
			r.ras.MoveTo(x0+nx, y0+ny)
			r.ras.LineTo(x1+nx, y1+ny)
			r.ras.LineTo(x1-nx, y1-ny)
			r.ras.LineTo(x0-nx, y0-ny)
			r.ras.ClosePath()
		}
		if i == 1 {
			r.circlePath(x0, y0, hw)
		}
		r.circlePath(x1, y1, hw)
	}
	r.paint(box, c)
}

// fillBox fills an axis-aligned rectangle, in pixels.
func (r *painter) fillBox(x, y, w, h float32, c color.Color) {
	box, ok := r.boxFor(x, y, w, h)
	if !ok {
		return
	}
	ox, oy := float32(box.Min.X), float32(box.Min.Y)
	r.ras.MoveTo(x-ox, y-oy)
	r.ras.LineTo(x+w-ox, y-oy)
	r.ras.LineTo(x+w-ox, y+h-oy)
	r.ras.LineTo(x-ox, y+h-oy)
	r.ras.ClosePath()
	r.paint(box, c)
}
