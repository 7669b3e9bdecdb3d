// Package notes is where the user writes: the notes section of the detail
// pane (each note rendered, edited in place, saved on its own a moment
// after typing stops, deleted with Undo) and the window that lists every
// note, filtered by tag and words.
package notes
