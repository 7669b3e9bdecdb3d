package mapview

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"golang.org/x/image/vector"

	"codeberg.org/parley/parley/app"
)

// projection maps lon/lat to the map widget's coordinates: equirectangular,
// with longitudes shrunk by the cosine of the region's middle latitude so the
// countries keep their familiar shapes, fitted to the widget and then zoomed
// and panned.
type projection struct {
	bbox   app.BBox
	k      float64 // cos(middle latitude)
	w, h   float64 // widget size
	zoom   float64 // 1 = the whole region fits
	cx, cy float64 // view centre in projected units
}

// homeCentre and homeZoom frame Armenia and Azerbaijan when the map opens
// or is reset; the neighbours are a drag away.
var homeCentre = app.LonLat{46.4, 40.1}

const homeZoom = 1.25

func newProjection(b app.BBox, w, h float64) projection {
	p := projection{bbox: b, k: math.Cos((b.MinLat + b.MaxLat) / 2 * math.Pi / 180), w: w, h: h, zoom: homeZoom}
	p.cx, p.cy = p.project(homeCentre)
	p.clamp()
	return p
}

func (p projection) project(ll app.LonLat) (float64, float64) { return ll[0] * p.k, -ll[1] }

// scale is widget units per projected unit. At zoom 1 the region covers the
// widget in both directions, so the straight edges where the data was
// clipped stay out of sight.
func (p projection) scale() float64 {
	bw := (p.bbox.MaxLon - p.bbox.MinLon) * p.k
	bh := p.bbox.MaxLat - p.bbox.MinLat
	return math.Max(p.w/bw, p.h/bh) * p.zoom
}

func (p projection) toScreen(ll app.LonLat) (float64, float64) {
	x, y := p.project(ll)
	s := p.scale()
	return (x-p.cx)*s + p.w/2, (y-p.cy)*s + p.h/2
}

func (p projection) toLonLat(x, y float64) app.LonLat {
	s := p.scale()
	px := (x-p.w/2)/s + p.cx
	py := (y-p.h/2)/s + p.cy
	return app.LonLat{px / p.k, -py}
}

// zoomAt multiplies the zoom by f keeping the point under (x, y) still.
func (p *projection) zoomAt(f, x, y float64) {
	before := p.toLonLat(x, y)
	p.zoom = math.Max(1, math.Min(16, p.zoom*f))
	bx, by := p.project(before)
	s := p.scale()
	p.cx = bx - (x-p.w/2)/s
	p.cy = by - (y-p.h/2)/s
	p.clamp()
}

// pan moves the view by a drag of (dx, dy) widget units.
func (p *projection) pan(dx, dy float64) {
	s := p.scale()
	p.cx -= dx / s
	p.cy -= dy / s
	p.clamp()
}

// clamp keeps the view inside the region.
func (p *projection) clamp() {
	x0, y0 := p.project(app.LonLat{p.bbox.MinLon, p.bbox.MaxLat})
	x1, y1 := p.project(app.LonLat{p.bbox.MaxLon, p.bbox.MinLat})
	s := p.scale()
	p.cx = clampCentre(p.cx, x0, x1, p.w/2/s)
	p.cy = clampCentre(p.cy, y0, y1, p.h/2/s)
}

func clampCentre(c, lo, hi, half float64) float64 {
	if hi-lo <= 2*half {
		return (lo + hi) / 2
	}
	return math.Max(lo+half, math.Min(hi-half, c))
}

// mapPalette is the map's colours for one theme variant.
type mapPalette struct {
	water, land, caseLand, border, lit, regionEdge, corridor, corridorLit color.RGBA
	region                                                                color.NRGBA // translucent
}

func paletteFor(dark bool, accent color.Color) mapPalette {
	a := toRGBA(accent)
	if dark {
		return mapPalette{
			water: rgb(0x17, 0x22, 0x2e), land: rgb(0x36, 0x3b, 0x42), caseLand: rgb(0x45, 0x4b, 0x52),
			border: rgb(0x8c, 0x95, 0xa0), lit: mix(rgb(0x45, 0x4b, 0x52), a, 0.2),
			region: color.NRGBA{0xd0, 0x8c, 0x3c, 0x50}, regionEdge: rgb(0xe0, 0xa0, 0x50),
			corridor: rgb(0xe6, 0xb4, 0x5a), corridorLit: a,
		}
	}
	return mapPalette{
		water: rgb(0xd4, 0xe6, 0xf1), land: rgb(0xee, 0xeb, 0xe3), caseLand: rgb(0xf9, 0xf3, 0xe2),
		border: rgb(0x7a, 0x70, 0x66), lit: mix(rgb(0xf9, 0xf3, 0xe2), a, 0.22),
		region: color.NRGBA{0xc0, 0x6a, 0x20, 0x40}, regionEdge: rgb(0xa8, 0x5a, 0x18),
		corridor: rgb(0xb0, 0x6a, 0x10), corridorLit: a,
	}
}

func rgb(r, g, b uint8) color.RGBA { return color.RGBA{r, g, b, 0xff} }

func toRGBA(c color.Color) color.RGBA {
	r, g, b, a := c.RGBA()
	return color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), uint8(a >> 8)}
}

func mix(a, b color.RGBA, t float64) color.RGBA {
	f := func(x, y uint8) uint8 { return uint8(float64(x)*(1-t) + float64(y)*t) }
	return color.RGBA{f(a.R, b.R), f(a.G, b.G), f(a.B, b.B), 0xff}
}

// mapScene is what one raster frame draws.
type mapScene struct {
	base      app.RegionMap
	proj      projection
	pal       mapPalette
	caseKeys  map[string]bool // shapes of the case's own countries, drawn a shade warmer
	litShapes map[string]bool // shapes of places that are lit
	regions   []app.Place     // polygon places (the former oblast)
	litRegion map[string]bool
	lines     []app.Place // line places (the corridor)
	litLine   map[string]bool
}

// drawMap renders the base map at w×h pixels; ratio is pixels per widget
// unit. The painter's buffers are reused from one frame to the next.
func drawMap(r *painter, sc *mapScene, w, h int, ratio float64) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	fillRect(img, sc.pal.water)
	if w == 0 || h == 0 {
		return img
	}
	r.img, r.ratio, r.proj = img, ratio, sc.proj
	// Larger shapes first so that nested ones (Nakhchivan) lie on top.
	for _, s := range sc.base.Shapes {
		c := sc.pal.land
		if sc.caseKeys[s.Key] {
			c = sc.pal.caseLand
		}
		if sc.litShapes[s.Key] {
			c = sc.pal.lit
		}
		if s.Key == "NAKH" && !sc.litShapes[s.Key] {
			continue // drawn as part of Azerbaijan unless lit on its own
		}
		for _, poly := range s.Polygons {
			r.fillPolygon(poly, c)
		}
	}
	for _, s := range sc.base.Shapes {
		for _, poly := range s.Polygons {
			for _, ring := range poly {
				r.strokeRing(ring, sc.pal.border, sc.base.BBox)
			}
		}
	}
	for _, p := range sc.regions {
		fill, edge := sc.pal.region, sc.pal.regionEdge
		if sc.litRegion[p.ID] {
			l := sc.pal.lit
			fill = color.NRGBA{l.R, l.G, l.B, 0xb0}
		}
		r.fillPolygon(p.Geometry.Rings, fill)
		for _, ring := range p.Geometry.Rings {
			r.dashRing(ring, edge)
		}
	}
	for _, p := range sc.lines {
		c, width := sc.pal.corridor, 3.0
		if sc.litLine[p.ID] {
			c, width = sc.pal.corridorLit, 4.5
		}
		for _, path := range p.Geometry.Rings {
			r.strokePath(path, c, width)
		}
	}
	return img
}

func fillRect(img *image.RGBA, c color.RGBA) {
	pix := img.Pix
	if len(pix) < 4 {
		return
	}
	pix[0], pix[1], pix[2], pix[3] = c.R, c.G, c.B, c.A
	for n := 4; n < len(pix); n *= 2 {
		copy(pix[n:], pix[:n])
	}
}

// painter draws lon/lat geometry onto an image through the projection.
type painter struct {
	img   *image.RGBA
	ratio float64
	proj  projection
	ras   vector.Rasterizer
	mask  image.Alpha // coverage of the shape being filled, reused
}

// paint rasterizes the path in r.ras (sized to box) into the coverage mask
// and composites c through it.
func (r *painter) paint(box image.Rectangle, c color.Color) {
	mask := r.sizedMask(box)
	r.ras.DrawOp = draw.Src
	r.ras.Draw(mask, mask.Rect, image.Opaque, image.Point{})
	r.composite(mask, box.Min, c)
}

// composite lays c over the image through a coverage mask whose top left
// is at the image's point at. Writing only covered pixels, with a fast
// path for fully covered ones, is several times quicker than the
// rasterizer's general Over compositing over large boxes.
func (r *painter) composite(mask *image.Alpha, at image.Point, c color.Color) {
	cr, cg, cb, ca := c.RGBA() // premultiplied, 16 bits
	R, G, B, A := uint32(cr>>8), uint32(cg>>8), uint32(cb>>8), uint32(ca>>8)
	if A == 0 {
		return
	}
	w, h := mask.Rect.Dx(), mask.Rect.Dy()
	bounds := r.img.Bounds()
	for y := range h {
		iy := at.Y + y
		if iy < bounds.Min.Y || iy >= bounds.Max.Y {
			continue
		}
		x0, x1 := max(0, bounds.Min.X-at.X), min(w, bounds.Max.X-at.X)
		if x0 >= x1 {
			continue
		}
		row := mask.Pix[y*mask.Stride+x0 : y*mask.Stride+x1]
		i := r.img.PixOffset(at.X+x0, iy)
		pix := r.img.Pix[i : i+4*len(row)]
		for x, m := range row {
			if m == 0 {
				continue
			}
			p := pix[4*x : 4*x+4 : 4*x+4]
			if m == 0xff && A == 0xff {
				p[0], p[1], p[2], p[3] = uint8(R), uint8(G), uint8(B), 0xff
				continue
			}
			// Source over, premultiplied: dst = src*m + dst*(1 - a*m).
			mm := uint32(m)
			inv := 255 - A*mm/255
			p[0] = uint8((R*mm + uint32(p[0])*inv) / 255)
			p[1] = uint8((G*mm + uint32(p[1])*inv) / 255)
			p[2] = uint8((B*mm + uint32(p[2])*inv) / 255)
			p[3] = 0xff
		}
	}
}

func (r *painter) px(ll app.LonLat) (float32, float32) {
	x, y := r.proj.toScreen(ll)
	return float32(x * r.ratio), float32(y * r.ratio)
}

// fillPolygon fills rings (outline then holes) in their screen bounding box.
func (r *painter) fillPolygon(rings [][]app.LonLat, c color.Color) {
	if len(rings) == 0 || len(rings[0]) < 3 {
		return
	}
	pts := make([][][2]float32, len(rings))
	minX, minY := float32(math.Inf(1)), float32(math.Inf(1))
	maxX, maxY := float32(math.Inf(-1)), float32(math.Inf(-1))
	for i, ring := range rings {
		pts[i] = make([][2]float32, len(ring))
		for j, ll := range ring {
			x, y := r.px(ll)
			pts[i][j] = [2]float32{x, y}
			minX, minY = min(minX, x), min(minY, y)
			maxX, maxY = max(maxX, x), max(maxY, y)
		}
	}
	b := r.img.Bounds()
	box := image.Rect(int(minX)-1, int(minY)-1, int(maxX)+2, int(maxY)+2).Intersect(b)
	if box.Empty() {
		return
	}
	r.ras.Reset(box.Dx(), box.Dy())
	ox, oy := float32(box.Min.X), float32(box.Min.Y)
	for _, ring := range pts {
		r.ras.MoveTo(ring[0][0]-ox, ring[0][1]-oy)
		for _, p := range ring[1:] {
			r.ras.LineTo(p[0]-ox, p[1]-oy)
		}
		r.ras.ClosePath()
	}
	r.paint(box, c)
}

// strokeRing draws a ring's edges as hairlines, leaving out the edges the
// generator made by clipping to the region, which are not borders.
func (r *painter) strokeRing(ring []app.LonLat, c color.RGBA, clip app.BBox) {
	for i := 1; i < len(ring); i++ {
		a, b := ring[i-1], ring[i]
		if onSameClipEdge(a, b, clip) {
			continue
		}
		x0, y0 := r.px(a)
		x1, y1 := r.px(b)
		wuLine(r.img, float64(x0), float64(y0), float64(x1), float64(y1), c)
	}
}

func onSameClipEdge(a, b app.LonLat, clip app.BBox) bool {
	const eps = 1e-6
	same := func(x, y, edge float64) bool { return math.Abs(x-edge) < eps && math.Abs(y-edge) < eps }
	return same(a[0], b[0], clip.MinLon) || same(a[0], b[0], clip.MaxLon) ||
		same(a[1], b[1], clip.MinLat) || same(a[1], b[1], clip.MaxLat)
}

// dashRing draws a ring as a dashed double hairline.
func (r *painter) dashRing(ring []app.LonLat, c color.RGBA) {
	const dash, gap = 6.0, 4.0
	on, left := true, dash
	for i := 1; i < len(ring); i++ {
		x0, y0 := r.px(ring[i-1])
		x1, y1 := r.px(ring[i])
		ax, ay, bx, by := float64(x0), float64(y0), float64(x1), float64(y1)
		seg := math.Hypot(bx-ax, by-ay)
		pos := 0.0
		for pos < seg {
			step := math.Min(left, seg-pos)
			if on {
				t0, t1 := pos/seg, (pos+step)/seg
				sx, sy := ax+(bx-ax)*t0, ay+(by-ay)*t0
				ex, ey := ax+(bx-ax)*t1, ay+(by-ay)*t1
				wuLine(r.img, sx, sy, ex, ey, c)
				wuLine(r.img, sx+0.7, sy+0.7, ex+0.7, ey+0.7, c)
			}
			pos += step
			left -= step
			if left <= 0 {
				on = !on
				left = gap
				if on {
					left = dash
				}
			}
		}
	}
}

// strokePath draws a thick polyline as one quad per segment plus round-ish
// joins, width in widget units.
func (r *painter) strokePath(path []app.LonLat, c color.Color, width float64) {
	if len(path) < 2 {
		return
	}
	hw := float32(width * r.ratio / 2)
	pts := make([][2]float32, len(path))
	box := image.Rectangle{}
	for i, ll := range path {
		x, y := r.px(ll)
		pts[i] = [2]float32{x, y}
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
	for i := 1; i < len(pts); i++ {
		x0, y0 := pts[i-1][0]-ox, pts[i-1][1]-oy
		x1, y1 := pts[i][0]-ox, pts[i][1]-oy
		dx, dy := x1-x0, y1-y0
		l := float32(math.Hypot(float64(dx), float64(dy)))
		if l == 0 {
			continue
		}
		nx, ny := -dy/l*hw, dx/l*hw
		r.ras.MoveTo(x0+nx, y0+ny)
		r.ras.LineTo(x1+nx, y1+ny)
		r.ras.LineTo(x1-nx, y1-ny)
		r.ras.LineTo(x0-nx, y0-ny)
		r.ras.ClosePath()
		// A square cap at each vertex fills the joins.
		r.ras.MoveTo(x1-hw, y1-hw)
		r.ras.LineTo(x1+hw, y1-hw)
		r.ras.LineTo(x1+hw, y1+hw)
		r.ras.LineTo(x1-hw, y1+hw)
		r.ras.ClosePath()
	}
	r.paint(box, c)
}

// wuLine draws an anti-aliased hairline (Xiaolin Wu's algorithm), blending
// c over the image.
func wuLine(img *image.RGBA, x0, y0, x1, y1 float64, c color.RGBA) {
	steep := math.Abs(y1-y0) > math.Abs(x1-x0)
	if steep {
		x0, y0, x1, y1 = y0, x0, y1, x1
	}
	if x0 > x1 {
		x0, x1, y0, y1 = x1, x0, y1, y0
	}
	dx := x1 - x0
	grad := 1.0
	if dx > 0 {
		grad = (y1 - y0) / dx
	}
	plot := func(x, y int, a float64) {
		if steep {
			x, y = y, x
		}
		blend(img, x, y, c, a)
	}
	y := y0 + grad*(math.Round(x0)-x0)
	for x := int(math.Round(x0)); x <= int(math.Round(x1)); x++ {
		fy := math.Floor(y)
		f := y - fy
		plot(x, int(fy), 1-f)
		plot(x, int(fy)+1, f)
		y += grad
	}
}

func blend(img *image.RGBA, x, y int, c color.RGBA, a float64) {
	if !(image.Point{x, y}.In(img.Rect)) || a <= 0 {
		return
	}
	i := img.PixOffset(x, y)
	p := img.Pix[i : i+4 : i+4]
	a *= float64(c.A) / 255
	p[0] = uint8(float64(p[0])*(1-a) + float64(c.R)*a)
	p[1] = uint8(float64(p[1])*(1-a) + float64(c.G)*a)
	p[2] = uint8(float64(p[2])*(1-a) + float64(c.B)*a)
	p[3] = 0xff
}
