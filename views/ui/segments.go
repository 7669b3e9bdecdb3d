package ui

import (
	"strings"

	"fyne.io/fyne/v2/widget"
)

// WrappingSegments makes text segments that follow one another wrap as
// words: each after the first starts with a zero-width space. Fyne 2.7.1
// breaks a segment that starts where not even one letter of it fits on
// the line after every letter, down the rest of the paragraph
// (fyne-io/fyne#4303, fixed in a later release); the space fits anywhere,
// and the words after it then wrap as words.
func WrappingSegments(segs []widget.RichTextSegment) []widget.RichTextSegment {
	for i, seg := range segs {
		if t, ok := seg.(*widget.TextSegment); ok && i > 0 {
			t.Text = "\u200b" + t.Text
		}
	}
	return segs
}

// VisibleText is text as shown: without the zero-width spaces
// WrappingSegments puts in.
func VisibleText(s string) string { return strings.ReplaceAll(s, "\u200b", "") }
