// Package session is one window's view of a casebook: the one selection
// every pane follows and changes, the filter, and the scene each selection
// gives (the list, the detail, what the map lights up, the pair lines and
// the timeline's lanes), computed off the UI goroutine from the store and
// the search index, with small caches of what the panes read every frame.
package session
