package app

import "math"

// BBox is a longitude/latitude rectangle.
type BBox struct {
	MinLon float64 `json:"MinLon"`
	MinLat float64 `json:"MinLat"`
	MaxLon float64 `json:"MaxLon"`
	MaxLat float64 `json:"MaxLat"`
}

// Contains reports whether p lies in the box.
func (b BBox) Contains(p LonLat) bool {
	return p[0] >= b.MinLon && p[0] <= b.MaxLon && p[1] >= b.MinLat && p[1] <= b.MaxLat
}

// MapShape is one outline of the region map: a country or a named part of
// one. Polygons are lists of rings; the first ring of each is the outline.
type MapShape struct {
	Key      string       `json:"key"`
	Name     string       `json:"name"`
	Label    LonLat       `json:"label"`
	Polygons [][][]LonLat `json:"polygons"`
}

// RegionMap is the base map: country outlines clipped to the region.
type RegionMap struct {
	Credit string     `json:"credit"`
	BBox   BBox       `json:"bbox"`
	Shapes []MapShape `json:"shapes"`
}

// Contains reports whether p lies inside the shape (holes respected).
func (s MapShape) Contains(p LonLat) bool {
	for _, poly := range s.Polygons {
		if polygonContains(poly, p) {
			return true
		}
	}
	return false
}

// ShapeAt finds the shape under p. Where shapes nest (Nakhchivan inside
// Azerbaijan) the smaller one wins, so a click on the exclave selects it.
func (m RegionMap) ShapeAt(p LonLat) (MapShape, bool) {
	var best MapShape
	bestArea := math.Inf(1)
	found := false
	for _, s := range m.Shapes {
		if !s.Contains(p) {
			continue
		}
		if a := shapeArea(s); a < bestArea {
			best, bestArea, found = s, a, true
		}
	}
	return best, found
}

// Shape finds a shape by key.
func (m RegionMap) Shape(key string) (MapShape, bool) {
	for _, s := range m.Shapes {
		if s.Key == key {
			return s, true
		}
	}
	return MapShape{}, false
}

// Contains reports whether a polygon geometry holds p; points and lines hold
// nothing.
func (g Geometry) Contains(p LonLat) bool {
	return g.Type == GeomPolygon && polygonContains(g.Rings, p)
}

func polygonContains(rings [][]LonLat, p LonLat) bool {
	if len(rings) == 0 || !ringContains(rings[0], p) {
		return false
	}
	for _, hole := range rings[1:] {
		if ringContains(hole, p) {
			return false
		}
	}
	return true
}

// ringContains is the even–odd crossing test.
func ringContains(ring []LonLat, p LonLat) bool {
	in := false
	for i, j := 0, len(ring)-1; i < len(ring); j, i = i, i+1 {
		a, b := ring[i], ring[j]
		if (a[1] > p[1]) != (b[1] > p[1]) &&
			p[0] < (b[0]-a[0])*(p[1]-a[1])/(b[1]-a[1])+a[0] {
			in = !in
		}
	}
	return in
}

func shapeArea(s MapShape) float64 {
	total := 0.0
	for _, poly := range s.Polygons {
		if len(poly) > 0 {
			total += math.Abs(ringArea(poly[0]))
		}
	}
	return total
}

func ringArea(r []LonLat) float64 {
	sum := 0.0
	for i, j := 0, len(r)-1; i < len(r); j, i = i, i+1 {
		sum += r[j][0]*r[i][1] - r[i][0]*r[j][1]
	}
	return sum / 2
}
