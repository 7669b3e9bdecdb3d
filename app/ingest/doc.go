// Package ingest reads the articles a user imports: plain text, Markdown or
// a saved web page, in UTF-8 (with or without a byte-order mark), UTF-16
// with a byte-order mark, or a legacy single-byte encoding, and turns each
// into one canonical text with what can be known of its title, outlet, date
// and address. Anything it cannot read gets an error that names the file
// and says why, in one line.
package ingest
