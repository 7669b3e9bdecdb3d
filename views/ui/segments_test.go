package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// Two segments laid out at every width from narrow to wide: the second
// must wrap as words wherever the first leaves it, never a letter a line
// (which Fyne does to a segment that starts where no letter of it fits).
func TestSegmentsWrapAsWords(t *testing.T) {
	test.NewApp()
	segments := func() []widget.RichTextSegment {
		return []widget.RichTextSegment{
			&widget.TextSegment{Text: "zeta kakaoris", Style: widget.RichTextStyleInline},
			&widget.TextSegment{Text: " iskare basozeor mire vanere neanor elduva", Style: widget.RichTextStyleInline},
		}
	}
	line := widget.NewRichTextWithText("x").MinSize().Height
	for width := float32(60); width <= 400; width++ {
		rt := widget.NewRichText(WrappingSegments(segments())...)
		rt.Wrapping = fyne.TextWrapWord
		rt.Resize(fyne.NewSize(width, 1000))
		// Eight words: at most a line each, and the first segment's two.
		if rows := rt.MinSize().Height / line; rows > 9 {
			t.Fatalf("at %v wide the text takes %.0f lines", width, rows)
		}
	}
}
