// Package sources is the sources window: every source of the casebook,
// filtered and sorted, and one read in full with its statements marked in
// their speakers' colours; the metadata to correct; and the work of close
// reading: mark a quote the extractor missed, note a passage, move, split,
// merge or delete a statement, each undoable.
package sources
