package detail

import (
	"image/color"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/parley/parley/app"

	"codeberg.org/parley/parley/views/ui"
)

// QuoteText shows a quote wrapped to its width, with the highlighted ranges
// of its notes marked, and lets the user select words with the mouse. It
// lays the text out itself so that it knows which code point is where: a
// selection becomes exact code-point offsets for an annotation, and a
// highlight lands on exactly the words it covers, whatever the script.
type QuoteText struct {
	widget.BaseWidget

	runes      []rune
	highlights []app.Range
	sel        app.Range // selection, Start == End when none
	anchor     int
	dragging   bool
	focused    bool
	textSize   float32
	style      fyne.TextStyle

	// OnSelect runs when the selection changes.
	OnSelect func(app.Range)

	lines  []quoteLine // from the last layout
	width  float32
	height float32
}

// quoteLine is one laid-out line: the code points [start, end) and the x of
// every boundary from start to end (len = end-start+1).
type quoteLine struct {
	start, end int
	xs         []float32
	y          float32
}

func NewQuoteText(text string) *QuoteText {
	q := &QuoteText{runes: []rune(text), textSize: theme.Size(theme.SizeNameSubHeadingText)}
	q.ExtendBaseWidget(q)
	return q
}

// SetHighlights marks the ranges of the quote that notes are on.
func (q *QuoteText) SetHighlights(h []app.Range) {
	q.highlights = h
	q.Refresh()
}

// Selection is the selected range; Start == End when nothing is selected.
func (q *QuoteText) Selection() app.Range { return q.sel }

// SelectedText is the selected words.
func (q *QuoteText) SelectedText() string { return string(q.runes[q.sel.Start:q.sel.End]) }

// Select sets the selection (code points), clamped to the text.
func (q *QuoteText) Select(r app.Range) {
	r.Start = max(0, min(r.Start, len(q.runes)))
	r.End = max(r.Start, min(r.End, len(q.runes)))
	q.sel = r
	q.Refresh()
	if q.OnSelect != nil {
		q.OnSelect(r)
	}
}

func (q *QuoteText) lineHeight() float32 {
	return fyne.MeasureText("Mg", q.textSize, q.style).Height
}

// layout wraps the text at word boundaries to width w.
func (q *QuoteText) layout(w float32) {
	pad := theme.InnerPadding()
	avail := max(w-2*pad, 20)
	q.lines = q.lines[:0]
	lh := q.lineHeight()
	y := pad
	start := 0
	for start < len(q.runes) || (start == 0 && len(q.runes) == 0) {
		xs := []float32{0}
		end := start
		lastBreak := -1
		for end < len(q.runes) && q.runes[end] != '\n' {
			width := fyne.MeasureText(string(q.runes[start:end+1]), q.textSize, q.style).Width
			if width > avail && end > start {
				break
			}
			xs = append(xs, width)
			if unicode.IsSpace(q.runes[end]) {
				lastBreak = end + 1
			}
			end++
		}
		if end < len(q.runes) && q.runes[end] != '\n' && lastBreak > start {
			end = lastBreak // wrap after the last space that fits
			xs = xs[:end-start+1]
		}
		q.lines = append(q.lines, quoteLine{start: start, end: end, xs: xs, y: y})
		y += lh
		if end < len(q.runes) && q.runes[end] == '\n' {
			end++
		}
		if end == start {
			break
		}
		start = end
	}
	q.width, q.height = w, y+pad
}

// indexAt is the code-point boundary nearest to a point.
func (q *QuoteText) indexAt(p fyne.Position) int {
	if len(q.lines) == 0 {
		return 0
	}
	pad := theme.InnerPadding()
	lh := q.lineHeight()
	li := int((p.Y - pad) / lh)
	li = max(0, min(li, len(q.lines)-1))
	l := q.lines[li]
	x := p.X - pad
	best := 0
	for i, bx := range l.xs {
		if absf(bx-x) < absf(l.xs[best]-x) {
			best = i
		}
	}
	return l.start + best
}

func absf(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}

// MouseDown starts a selection.
func (q *QuoteText) MouseDown(ev *desktop.MouseEvent) {
	if ev.Button != desktop.MouseButtonPrimary {
		return
	}
	q.anchor = q.indexAt(ev.Position)
	q.dragging = true
	q.Select(app.Range{Start: q.anchor, End: q.anchor})
	if c := fyne.CurrentApp().Driver().CanvasForObject(q); c != nil {
		c.Focus(q)
	}
}

// MouseUp ends a selection.
func (q *QuoteText) MouseUp(*desktop.MouseEvent) { q.dragging = false }

// Dragged extends the selection to the pointer.
func (q *QuoteText) Dragged(ev *fyne.DragEvent) {
	i := q.indexAt(ev.Position)
	a := q.anchor
	q.Select(app.Range{Start: min(a, i), End: max(a, i)})
}

// DragEnd is part of fyne.Draggable.
func (q *QuoteText) DragEnd() { q.dragging = false }

// DoubleTapped selects the word under the pointer.
func (q *QuoteText) DoubleTapped(ev *fyne.PointEvent) {
	i := q.indexAt(ev.Position)
	q.Select(ui.WordAround(q.runes, min(i, max(len(q.runes)-1, 0))))
}

// Cursor is the text cursor, as over any text one can select.
func (q *QuoteText) Cursor() desktop.Cursor { return desktop.TextCursor }

// FocusGained, FocusLost, TypedRune and TypedKey make the quote focusable,
// so that the copy shortcut reaches it.
func (q *QuoteText) FocusGained()               { q.focused = true }
func (q *QuoteText) FocusLost()                 { q.focused = false }
func (q *QuoteText) TypedRune(rune)             {}
func (q *QuoteText) TypedKey(ev *fyne.KeyEvent) { ui.PassKey(q, ev) }

// TypedShortcut copies the selection (or the whole quote) and selects all.
func (q *QuoteText) TypedShortcut(s fyne.Shortcut) {
	switch sc := s.(type) {
	case *fyne.ShortcutCopy:
		text := q.SelectedText()
		if text == "" {
			text = string(q.runes)
		}
		sc.Clipboard.SetContent(text)
	case *fyne.ShortcutSelectAll:
		q.Select(app.Range{Start: 0, End: len(q.runes)})
	}
}

// Resize lays the text out again for the new width; a change of height
// makes the container above lay out again.
func (q *QuoteText) Resize(size fyne.Size) {
	if size == q.Size() {
		return
	}
	q.BaseWidget.Resize(size)
	old := q.height
	q.layout(size.Width)
	if q.height != old {
		q.Refresh()
	}
}

func (q *QuoteText) MinSize() fyne.Size {
	w := q.Size().Width
	if w <= 0 {
		w = 300
	}
	if w != q.width || q.lines == nil {
		q.layout(w)
	}
	return fyne.NewSize(100, q.height)
}

func (q *QuoteText) CreateRenderer() fyne.WidgetRenderer { return &quoteRenderer{q: q} }

type quoteRenderer struct {
	q       *QuoteText
	objects []fyne.CanvasObject
}

func (r *quoteRenderer) Layout(size fyne.Size) {
	if size.Width != r.q.width {
		r.q.layout(size.Width)
		r.build()
	}
}

func (r *quoteRenderer) MinSize() fyne.Size           { return r.q.MinSize() }
func (r *quoteRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *quoteRenderer) Destroy()                     {}
func (r *quoteRenderer) Refresh() {
	if w := r.q.Size().Width; w > 0 {
		r.q.layout(w)
	}
	r.build()
	canvas.Refresh(r.q)
}

// build makes one text object per run of equal marking on each line, with a
// rectangle behind highlighted and selected runs.
func (r *quoteRenderer) build() {
	q := r.q
	r.objects = r.objects[:0]
	pad := theme.InnerPadding()
	lh := q.lineHeight()
	fg := theme.Color(theme.ColorNameForeground)
	hl := highlightColor()
	selColor := theme.Color(theme.ColorNameSelection)
	mark := func(i int) (bool, bool) {
		inHL := false
		for _, h := range q.highlights {
			if i >= h.Start && i < h.End {
				inHL = true
			}
		}
		return inHL, i >= q.sel.Start && i < q.sel.End
	}
	for _, l := range q.lines {
		i := l.start
		for i < l.end {
			h, s := mark(i)
			j := i + 1
			for j < l.end {
				h2, s2 := mark(j)
				if h2 != h || s2 != s {
					break
				}
				j++
			}
			x0, x1 := l.xs[i-l.start], l.xs[j-l.start]
			if h || s {
				c := hl
				if s {
					c = selColor
				}
				bg := canvas.NewRectangle(c)
				bg.Move(fyne.NewPos(pad+x0, l.y))
				bg.Resize(fyne.NewSize(x1-x0, lh))
				r.objects = append(r.objects, bg)
			}
			t := canvas.NewText(string(q.runes[i:j]), fg)
			t.TextSize = q.textSize
			t.TextStyle = q.style
			t.TextStyle.Underline = h // underlining keeps the widths the layout measured
			t.Move(fyne.NewPos(pad+x0, l.y))
			t.Resize(fyne.NewSize(x1-x0, lh))
			r.objects = append(r.objects, t)
			i = j
		}
	}
}

// highlightColor is the accent at a strength that keeps text readable on it
// in both themes.
func highlightColor() color.Color {
	r, g, b, _ := theme.Color(theme.ColorNamePrimary).RGBA()
	return color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 0x55}
}

// PlainText is the quote.
func (q *QuoteText) PlainText() string { return string(q.runes) }

// PositionOf is where the boundary before code point i is drawn, halfway
// down its line: the point a pointer would press to select from there.
func (q *QuoteText) PositionOf(i int) (fyne.Position, bool) {
	for _, l := range q.lines {
		if i >= l.start && i <= l.end {
			return fyne.NewPos(theme.InnerPadding()+l.xs[i-l.start], l.y+q.lineHeight()/2), true
		}
	}
	return fyne.Position{}, false
}
