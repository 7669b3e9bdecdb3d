// Command mapgen writes assets/map/region.json, the region map Parley draws:
// Natural Earth 1:10m country outlines (public domain, via the world-atlas
// TopoJSON) for Armenia, Azerbaijan and their neighbours, clipped to the
// South Caucasus and simplified. Run it from assets/ with go generate; its
// output is committed so that builds need no map data beside the project.
package main
