// Package assets carries Parley's embedded data: the seed case, the region
// map, the event code tables and the icon. The map and icon are made by the generators beside this
// file (see go:generate below); their output is committed.
package assets
