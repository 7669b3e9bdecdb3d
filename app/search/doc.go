// Package search finds what a user types among a casebook's statements,
// notes, actors, places and sources. It keeps an inverted index of folded
// words (with each statement's facts for the filters), parses the query
// language of the search box, ranks the hits, and cuts snippets with the
// matching words marked. IndexedStore wraps a store so that every write
// that commits reindexes what it touched.
package search
