package ui

import (
	"fmt"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/parley/parley/app"
)

// Heading is the title of what a pane shows.
func Heading(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle.Bold = true
	l.SizeName = theme.SizeNameSubHeadingText
	l.Wrapping = fyne.TextWrapWord
	return l
}

// Caption heads a section, in small capitals of the accent colour, which
// reads in both themes.
func Caption(text string) *widget.Label {
	l := widget.NewLabel(strings.ToUpper(text))
	l.TextStyle.Bold = true
	l.SizeName = theme.SizeNameCaptionText
	l.Importance = widget.HighImportance
	return l
}

// Para is running text, wrapped.
func Para(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// Dim is secondary text: metadata and asides, set smaller rather than
// greyed out, which would be hard to read in the light theme.
func Dim(text string) *widget.Label {
	l := Para(text)
	l.SizeName = theme.SizeNameCaptionText
	return l
}

// SectionTitle heads a pane.
func SectionTitle(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle.Bold = true
	return l
}

// SetLabel sets a label's text if it differs: setting it redraws the label,
// and for one that ends in an ellipsis, shapes its whole text again.
func SetLabel(l *widget.Label, text string) {
	if l.Text != text {
		l.SetText(text)
	}
}

// Plural is word for one and word+"s" for any other number.
func Plural(word string, n int) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// CountOf is "1 note", "3 notes".
func CountOf(word string, n int) string { return fmt.Sprintf("%d %s", n, Plural(word, n)) }

// TagSuffix is " · #a #b" for tags, "" for none.
func TagSuffix(tags []string) string {
	if len(tags) == 0 {
		return ""
	}
	return " · #" + strings.Join(tags, " #")
}

// FitText shortens s with an ellipsis until it is at most width units wide
// at the given size and style.
func FitText(s string, size float32, style fyne.TextStyle, width float32) string {
	return FitWidth(s, width, func(t string) float32 { return fyne.MeasureText(t, size, style).Width })
}

// FitWidth shortens s with an ellipsis until measure says it is at most
// width wide: the longest prefix that fits, found by halving.
func FitWidth(s string, width float32, measure func(string) float32) string {
	if measure(s) <= width {
		return s
	}
	r := []rune(s)
	lo, hi := 0, len(r)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if measure(string(r[:mid])+"…") <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return strings.TrimRight(string(r[:lo]), " ") + "…"
}

// WordAround is the word around code point i of runes, for a double click
// in a text one can select: letters, digits, apostrophes and hyphens.
func WordAround(runes []rune, i int) app.Range {
	isWord := func(r rune) bool {
		return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’' || r == '-'
	}
	s, e := i, i
	for s > 0 && isWord(runes[s-1]) {
		s--
	}
	for e < len(runes) && isWord(runes[e]) {
		e++
	}
	return app.Range{Start: s, End: e}
}
