// Package statements is the statements pane: the statements of what is
// selected (an actor, a pair, a place, a source, or the whole casebook)
// under the filter, newest first; choosing one focuses it everywhere.
package statements
