package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
)

// Region is the clip rectangle in degrees: the South Caucasus with enough of
// the neighbours around it to read as a map.
var region = bbox{MinLon: 39.0, MinLat: 36.6, MaxLon: 51.6, MaxLat: 44.2}

// countries are the outlines the map shows, keyed by ISO 3166-1 numeric code.
var countries = []struct{ numeric, key, name string }{
	{"051", "ARM", "Armenia"},
	{"031", "AZE", "Azerbaijan"},
	{"268", "GEO", "Georgia"},
	{"792", "TUR", "Turkey"},
	{"364", "IRN", "Iran"},
	{"643", "RUS", "Russia"},
}

type bbox struct{ MinLon, MinLat, MaxLon, MaxLat float64 }

type pt = [2]float64

type topology struct {
	Transform struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Arcs    [][][2]int `json:"arcs"`
	Objects map[string]struct {
		Geometries []struct {
			Type       string            `json:"type"`
			ID         string            `json:"id"`
			Properties map[string]string `json:"properties"`
			Arcs       json.RawMessage   `json:"arcs"`
		} `json:"geometries"`
	} `json:"objects"`
}

// Shape is one outline in the output: a country, or a part of one that the
// case names on its own (Nakhchivan).
type Shape struct {
	Key      string   `json:"key"`
	Name     string   `json:"name"`
	Label    pt       `json:"label"`
	Polygons [][][]pt `json:"polygons"` // polygon -> rings -> points
}

type output struct {
	Credit string  `json:"credit"`
	BBox   bbox    `json:"bbox"`
	Shapes []Shape `json:"shapes"`
}

func main() {
	in := flag.String("in", "../../shared/map/countries-10m.json", "Natural Earth countries as TopoJSON")
	out := flag.String("out", "map/region.json", "where to write the region map")
	tol := flag.Float64("tolerance", 0.012, "simplification tolerance in degrees")
	flag.Parse()
	if err := run(*in, *out, *tol); err != nil {
		fmt.Fprintln(os.Stderr, "mapgen:", err)
		os.Exit(1)
	}
}

func run(in, out string, tol float64) error {
	raw, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	var topo topology
	if err := json.Unmarshal(raw, &topo); err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	arcs := decodeArcs(topo)
	byID := map[string]int{}
	geoms := topo.Objects["countries"].Geometries
	for i, g := range geoms {
		byID[g.ID] = i
	}
	res := output{Credit: "Made with Natural Earth.", BBox: region}
	for _, c := range countries {
		i, ok := byID[c.numeric]
		if !ok {
			return fmt.Errorf("country %s (%s) not in %s", c.name, c.numeric, in)
		}
		polys, err := polygons(geoms[i].Type, geoms[i].Arcs, arcs)
		if err != nil {
			return fmt.Errorf("%s: %w", c.name, err)
		}
		shape := Shape{Key: c.key, Name: c.name}
		var nakh [][][]pt
		for _, poly := range polys {
			clipped := clipPolygon(poly, region, tol)
			if clipped == nil {
				continue
			}
			// Nakhchivan is the piece of Azerbaijan west of Armenia.
			if c.key == "AZE" && isNakhchivan(clipped[0]) {
				nakh = append(nakh, clipped)
			}
			shape.Polygons = append(shape.Polygons, clipped)
		}
		shape.Label = labelPoint(shape.Polygons)
		res.Shapes = append(res.Shapes, shape)
		if nakh != nil {
			res.Shapes = append(res.Shapes, Shape{Key: "NAKH", Name: "Nakhchivan", Polygons: nakh, Label: labelPoint(nakh)})
		}
	}
	b, err := json.Marshal(res)
	if err != nil {
		return err
	}
	return os.WriteFile(out, append(b, '\n'), 0o644)
}

// decodeArcs turns the quantized, delta-encoded arcs into lon/lat paths.
func decodeArcs(t topology) [][]pt {
	out := make([][]pt, len(t.Arcs))
	for i, arc := range t.Arcs {
		var x, y int
		path := make([]pt, len(arc))
		for j, d := range arc {
			x += d[0]
			y += d[1]
			path[j] = pt{
				float64(x)*t.Transform.Scale[0] + t.Transform.Translate[0],
				float64(y)*t.Transform.Scale[1] + t.Transform.Translate[1],
			}
		}
		out[i] = path
	}
	return out
}

// polygons resolves a Polygon or MultiPolygon's arc references into rings.
// A negative index ~i names arc i walked backwards.
func polygons(kind string, raw json.RawMessage, arcs [][]pt) ([][][]pt, error) {
	var multi [][][]int
	switch kind {
	case "Polygon":
		var p [][]int
		if err := json.Unmarshal(raw, &p); err != nil {
			return nil, err
		}
		multi = [][][]int{p}
	case "MultiPolygon":
		if err := json.Unmarshal(raw, &multi); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("unexpected geometry %s", kind)
	}
	var out [][][]pt
	for _, poly := range multi {
		var rings [][]pt
		for _, ring := range poly {
			var path []pt
			for _, ref := range ring {
				var seg []pt
				if ref >= 0 {
					seg = arcs[ref]
				} else {
					src := arcs[^ref]
					seg = make([]pt, len(src))
					for k := range src {
						seg[k] = src[len(src)-1-k]
					}
				}
				if len(path) > 0 {
					seg = seg[1:] // arcs share their end points
				}
				path = append(path, seg...)
			}
			rings = append(rings, path)
		}
		out = append(out, rings)
	}
	return out, nil
}

// clipPolygon clips every ring to the box (Sutherland–Hodgman, one edge at a
// time) and simplifies it; a polygon whose outer ring vanishes is dropped.
func clipPolygon(rings [][]pt, b bbox, tol float64) [][]pt {
	var out [][]pt
	for i, ring := range rings {
		r := clipRing(ring, b)
		r = simplify(r, tol)
		if len(r) < 4 {
			if i == 0 {
				return nil
			}
			continue
		}
		out = append(out, r)
	}
	return out
}

func clipRing(ring []pt, b bbox) []pt {
	edges := []struct {
		inside func(p pt) bool
		cross  func(a, c pt) pt
	}{
		{func(p pt) bool { return p[0] >= b.MinLon }, func(a, c pt) pt { return atLon(a, c, b.MinLon) }},
		{func(p pt) bool { return p[0] <= b.MaxLon }, func(a, c pt) pt { return atLon(a, c, b.MaxLon) }},
		{func(p pt) bool { return p[1] >= b.MinLat }, func(a, c pt) pt { return atLat(a, c, b.MinLat) }},
		{func(p pt) bool { return p[1] <= b.MaxLat }, func(a, c pt) pt { return atLat(a, c, b.MaxLat) }},
	}
	cur := ring
	for _, e := range edges {
		if len(cur) == 0 {
			return nil
		}
		var next []pt
		prev := cur[len(cur)-1]
		for _, p := range cur {
			switch {
			case e.inside(p) && e.inside(prev):
				next = append(next, p)
			case e.inside(p):
				next = append(next, e.cross(prev, p), p)
			case e.inside(prev):
				next = append(next, e.cross(prev, p))
			}
			prev = p
		}
		cur = next
	}
	if len(cur) > 0 && cur[0] != cur[len(cur)-1] {
		cur = append(cur, cur[0])
	}
	return cur
}

func atLon(a, c pt, lon float64) pt {
	t := (lon - a[0]) / (c[0] - a[0])
	return pt{lon, a[1] + t*(c[1]-a[1])}
}

func atLat(a, c pt, lat float64) pt {
	t := (lat - a[1]) / (c[1] - a[1])
	return pt{a[0] + t*(c[0]-a[0]), lat}
}

// simplify is Douglas–Peucker on a closed ring, rounding to 4 decimals
// (about 10 m), which keeps the file small.
func simplify(ring []pt, tol float64) []pt {
	if len(ring) < 4 {
		return ring
	}
	keep := make([]bool, len(ring))
	keep[0], keep[len(ring)-1] = true, true
	// A closed ring's ends coincide: split it at its farthest point first.
	far, best := 0, -1.0
	for i, p := range ring {
		if d := math.Hypot(p[0]-ring[0][0], p[1]-ring[0][1]); d > best {
			far, best = i, d
		}
	}
	keep[far] = true
	dp(ring, 0, far, tol, keep)
	dp(ring, far, len(ring)-1, tol, keep)
	var out []pt
	for i, p := range ring {
		if keep[i] {
			out = append(out, pt{round4(p[0]), round4(p[1])})
		}
	}
	return out
}

func dp(r []pt, a, b int, tol float64, keep []bool) {
	if b <= a+1 {
		return
	}
	idx, best := -1, tol
	for i := a + 1; i < b; i++ {
		if d := segDist(r[i], r[a], r[b]); d > best {
			idx, best = i, d
		}
	}
	if idx < 0 {
		return
	}
	keep[idx] = true
	dp(r, a, idx, tol, keep)
	dp(r, idx, b, tol, keep)
}

func segDist(p, a, b pt) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	if dx == 0 && dy == 0 {
		return math.Hypot(p[0]-a[0], p[1]-a[1])
	}
	t := ((p[0]-a[0])*dx + (p[1]-a[1])*dy) / (dx*dx + dy*dy)
	t = math.Max(0, math.Min(1, t))
	return math.Hypot(p[0]-(a[0]+t*dx), p[1]-(a[1]+t*dy))
}

func round4(v float64) float64 { return math.Round(v*1e4) / 1e4 }

// isNakhchivan tells Azerbaijan's exclave by where its ring lies: west of
// Armenia's southern tip and south of Yerevan.
func isNakhchivan(ring []pt) bool {
	c := mean(ring)
	return c[0] > 44.5 && c[0] < 46.5 && c[1] > 38.7 && c[1] < 39.8
}

func mean(ring []pt) pt {
	var c pt
	for _, p := range ring {
		c[0] += p[0]
		c[1] += p[1]
	}
	return pt{c[0] / float64(len(ring)), c[1] / float64(len(ring))}
}

// labelPoint puts a label at the area-weighted centroid of the largest piece.
func labelPoint(polys [][][]pt) pt {
	var best []pt
	bestA := 0.0
	for _, p := range polys {
		if a := math.Abs(area(p[0])); a > bestA {
			best, bestA = p[0], a
		}
	}
	if best == nil {
		return pt{}
	}
	var cx, cy, a float64
	for i := 0; i < len(best)-1; i++ {
		x0, y0, x1, y1 := best[i][0], best[i][1], best[i+1][0], best[i+1][1]
		f := x0*y1 - x1*y0
		cx += (x0 + x1) * f
		cy += (y0 + y1) * f
		a += f
	}
	if a == 0 {
		return mean(best)
	}
	return pt{round4(cx / (3 * a)), round4(cy / (3 * a))}
}

func area(r []pt) float64 {
	s := 0.0
	for i := 0; i < len(r)-1; i++ {
		s += r[i][0]*r[i+1][1] - r[i+1][0]*r[i][1]
	}
	return s / 2
}
