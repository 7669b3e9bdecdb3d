// Package mapview is the region map: country outlines and the case's
// places drawn into one raster, the actors' markers and the pair lines
// between speakers and recipients laid over it, badges at the edge for
// actors seated far away. Clicks select actors, places and pairs; scrolling
// zooms and dragging pans.
package mapview
