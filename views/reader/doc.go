// Package reader is the text widget long articles are read in: wrapped to
// a comfortable measure, spans marked in colour, words selectable, and
// only the lines in view drawn, so that a long text opens at once.
package reader
