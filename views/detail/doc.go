// Package detail is the detail pane: the selected statement, actor, place,
// source or pair in full (the quote with its highlights, the speakers and
// recipients, the event coding and its editor, the source, the background),
// with the notes on it, or an overview of the case when nothing is
// selected; it also shows what other panes give it, such as search results.
package detail
