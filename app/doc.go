// Package app is Parley's domain: the casebook's types (actors, places,
// sources, statements, notes, events), the use cases the window and the
// command line share, filters and selections as plain values, and the rules
// that keep a casebook consistent. It imports neither Fyne nor Badger; the
// store it needs is the Store interface declared here, and the packages
// below it (search, session, extract, ingest, importer, exchange, cli) build
// on it.
package app
