// Package mapview is the region map: country outlines and the case's
// places drawn into one raster, the actors' markers (short names, coloured
// by side, shaped by kind) and the pair lines between speakers and
// recipients laid over it, badges at the edge for actors seated far away,
// and a key. A collision pass places every name and marker at each change
// of view so that none covers another. Clicks select actors, places and
// pairs; scrolling zooms and dragging pans.
package mapview
