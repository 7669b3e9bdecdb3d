// Package importwin is the import window: articles come in from files, a
// folder, dropped files or pasted text, are read in the background, and
// wait for review (keep or drop each quote, choose its speaker, merge a
// proposed actor into a known one, fix the metadata) before anything is
// saved.
package importwin
