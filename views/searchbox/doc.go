// Package searchbox is the search box at the top right: it searches the
// whole casebook as the user types and lists the results, grouped by kind
// with the matching words marked, where the detail pane is; Enter opens the
// best result and Esc clears it.
package searchbox
