package reader

import (
	"image/color"
	"sort"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/views/ui"
)

// Span is a marked range of the text: a statement's words in its speaker's
// colour, or a note's passage.
type Span struct {
	Range app.Range
	Color color.Color
	ID    string // the statement (or note) it marks
}

// Text shows a long text for reading, wrapped to a comfortable measure and
// centred, with spans marked behind the words; words can be selected with
// the mouse. It is made for articles of hundreds of kilobytes: the layout
// is one pass over the text with each character's advance measured once,
// and only the lines in view are drawn (set the view with SetViewport, as
// the scroll around it moves).
type Text struct {
	widget.BaseWidget

	runes    []rune
	textSize float32
	advance  map[rune]float32

	spans   []Span // by start
	chosen  string // the span drawn stronger
	finds   []app.Range
	notes   []app.Range // passages with a note, underlined
	current int         // the find shown, -1 for none
	sel     app.Range
	anchor  int

	lines         []textLine
	width, height float32
	left, column  float32 // the column's x and width
	lineH, textH  float32

	viewTop, viewH float32

	// OnSelect runs when the selection changes.
	OnSelect func(app.Range)
	// OnTapSpan runs when a click (not a drag) lands on a span.
	OnTapSpan func(id string)
	// OnTapNote runs when a click lands on a noted passage outside spans.
	OnTapNote func()
	// OnShortcut gets the shortcuts the text does not use: a focused
	// widget takes every shortcut, so the window's own would not be heard.
	OnShortcut func(fyne.Shortcut)
}

// textLine is one laid-out line: code points [start, end) at y.
type textLine struct {
	start, end int
	y          float32
}

// NewText makes a reader text.
func NewText(text string) *Text {
	t := &Text{textSize: theme.TextSize() * 1.08, advance: map[rune]float32{}, current: -1}
	t.runes = []rune(text)
	t.ExtendBaseWidget(t)
	return t
}

// SetText replaces the text, dropping spans, finds and the selection.
func (t *Text) SetText(text string) {
	t.runes = []rune(text)
	t.spans, t.finds, t.current, t.sel = nil, nil, -1, app.Range{}
	t.width = 0
	t.Refresh()
}

// Len is the text's length in code points.
func (t *Text) Len() int { return len(t.runes) }

// SetSpans sets the marked spans.
func (t *Text) SetSpans(spans []Span) {
	t.spans = append(t.spans[:0], spans...)
	sort.SliceStable(t.spans, func(i, j int) bool { return t.spans[i].Range.Start < t.spans[j].Range.Start })
	t.Refresh()
}

// SetChosen draws the span with this id stronger than the others.
func (t *Text) SetChosen(id string) {
	if id != t.chosen {
		t.chosen = id
		t.Refresh()
	}
}

// Spans are the marked spans, by start.
func (t *Text) Spans() []Span { return t.spans }

// SetFinds marks the matches of a search and which of them is current.
func (t *Text) SetFinds(finds []app.Range, current int) {
	t.finds, t.current = finds, current
	t.Refresh()
}

// SetNotes underlines the passages the user has written notes on.
func (t *Text) SetNotes(passages []app.Range) {
	t.notes = passages
	t.Refresh()
}

// NoteAt reports whether code point i lies in a noted passage.
func (t *Text) NoteAt(i int) bool {
	for _, n := range t.notes {
		if i >= n.Start && i < n.End {
			return true
		}
	}
	return false
}

// Selection is the selected range; Start == End when none.
func (t *Text) Selection() app.Range { return t.sel }

// Select sets the selection, clamped to the text.
func (t *Text) Select(r app.Range) {
	r.Start = max(0, min(r.Start, len(t.runes)))
	r.End = max(r.Start, min(r.End, len(t.runes)))
	t.sel = r
	t.Refresh()
	if t.OnSelect != nil {
		t.OnSelect(r)
	}
}

// SelectedText is the selected words.
func (t *Text) SelectedText() string { return string(t.runes[t.sel.Start:t.sel.End]) }

// advanceOf is the width of one character, measured once.
func (t *Text) advanceOf(r rune) float32 {
	if r == '\t' {
		r = ' '
	}
	if w, ok := t.advance[r]; ok {
		return w
	}
	w := fyne.MeasureText(string(r), t.textSize, fyne.TextStyle{}).Width
	t.advance[r] = w
	return w
}

// Layout wraps the text at word boundaries for a widget width w: a column
// of about 70 characters at most, centred.
func (t *Text) Layout(w float32) {
	pad := theme.InnerPadding()
	t.textH = fyne.MeasureText("Mg", t.textSize, fyne.TextStyle{}).Height
	t.lineH = t.textH * 1.35
	t.column = max(min(w-2*pad, 36*t.advanceOf('m')), 60)
	t.left = max(pad, (w-t.column)/2)
	t.lines = t.lines[:0]
	y := pad
	start, n := 0, len(t.runes)
	for start < n {
		x := float32(0)
		end, lastBreak := start, -1
		for end < n && t.runes[end] != '\n' {
			a := t.advanceOf(t.runes[end])
			if x+a > t.column && end > start && !unicode.IsSpace(t.runes[end]) {
				break
			}
			x += a
			if unicode.IsSpace(t.runes[end]) {
				lastBreak = end + 1
			}
			end++
		}
		if end < n && t.runes[end] != '\n' && lastBreak > start {
			end = lastBreak // wrap after the last space that fits
		}
		t.lines = append(t.lines, textLine{start: start, end: end, y: y})
		y += t.lineH
		if end < n && t.runes[end] == '\n' {
			end++
			if end == n { // a final line end opens an empty line
				t.lines = append(t.lines, textLine{start: end, end: end, y: y})
				y += t.lineH
			}
		}
		start = end
	}
	if n == 0 {
		t.lines = append(t.lines, textLine{y: y})
		y += t.lineH
	}
	t.width, t.height = w, y+pad
}

// xs are the x of each boundary of a line, from its start to its end.
func (t *Text) xs(l textLine) []float32 {
	xs := make([]float32, 0, l.end-l.start+1)
	x := t.left
	xs = append(xs, x)
	for i := l.start; i < l.end; i++ {
		x += t.advanceOf(t.runes[i])
		xs = append(xs, x)
	}
	return xs
}

// lineOf is the index of the line holding code point i.
func (t *Text) lineOf(i int) int {
	// A boundary at a soft wrap belongs to the next line; at a line end
	// before a line break, to its own.
	k := sort.Search(len(t.lines), func(k int) bool {
		l := t.lines[k]
		return l.end > i || l.end == i && (k+1 == len(t.lines) || t.lines[k+1].start > i)
	})
	return min(k, len(t.lines)-1)
}

// PositionOf is the top-left corner of code point i as laid out.
func (t *Text) PositionOf(i int) (fyne.Position, bool) {
	if len(t.lines) == 0 || i < 0 || i > len(t.runes) {
		return fyne.Position{}, false
	}
	l := t.lines[t.lineOf(i)]
	if i < l.start || i > l.end {
		return fyne.Position{}, false
	}
	return fyne.NewPos(t.xs(l)[i-l.start], l.y), true
}

// indexAt is the code-point boundary nearest to a point.
func (t *Text) indexAt(p fyne.Position) int {
	if len(t.lines) == 0 {
		return 0
	}
	pad := theme.InnerPadding()
	k := max(0, min(int((p.Y-pad)/t.lineH), len(t.lines)-1))
	l := t.lines[k]
	xs := t.xs(l)
	best := 0
	for i, x := range xs {
		if abs(x-p.X) < abs(xs[best]-p.X) {
			best = i
		}
	}
	return l.start + best
}

func abs(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}

// spanAt is the span holding code point i, or -1.
func (t *Text) spanAt(i int) int {
	// The last span starting at or before i that reaches past it.
	k := sort.Search(len(t.spans), func(k int) bool { return t.spans[k].Range.Start > i })
	for j := k - 1; j >= 0 && j >= k-8; j-- {
		if r := t.spans[j].Range; i >= r.Start && i < r.End {
			return j
		}
	}
	return -1
}

// SetViewport tells the text which part of it is in view, so that only
// those lines are drawn.
func (t *Text) SetViewport(top, height float32) {
	if top == t.viewTop && height == t.viewH {
		return
	}
	t.viewTop, t.viewH = top, height
	t.Refresh()
}

// LineY is the top of the line holding code point i.
func (t *Text) LineY(i int) float32 {
	if len(t.lines) == 0 {
		return 0
	}
	return t.lines[t.lineOf(i)].y
}

// MouseDown starts a selection.
func (t *Text) MouseDown(ev *desktop.MouseEvent) {
	if ev.Button != desktop.MouseButtonPrimary {
		return
	}
	t.anchor = t.indexAt(ev.Position)
	t.Select(app.Range{Start: t.anchor, End: t.anchor})
	if c := fyne.CurrentApp().Driver().CanvasForObject(t); c != nil {
		c.Focus(t)
	}
}

// MouseUp is part of desktop.Mouseable.
func (t *Text) MouseUp(*desktop.MouseEvent) {}

// Dragged extends the selection to the pointer.
func (t *Text) Dragged(ev *fyne.DragEvent) {
	i := t.indexAt(ev.Position)
	t.Select(app.Range{Start: min(t.anchor, i), End: max(t.anchor, i)})
}

// DragEnd is part of fyne.Draggable.
func (t *Text) DragEnd() {}

// Tapped on a span, with nothing selected, chooses the span.
func (t *Text) Tapped(ev *fyne.PointEvent) {
	if t.sel.End > t.sel.Start {
		return
	}
	i := t.indexAt(ev.Position)
	k := t.spanAt(i)
	if k < 0 && i > 0 {
		k = t.spanAt(i - 1) // the boundary nearest may be just after the span's last character
	}
	switch {
	case k >= 0 && t.OnTapSpan != nil:
		t.OnTapSpan(t.spans[k].ID)
	case k < 0 && t.NoteAt(i) && t.OnTapNote != nil:
		t.OnTapNote()
	}
}

// DoubleTapped selects the word under the pointer.
func (t *Text) DoubleTapped(ev *fyne.PointEvent) {
	t.Select(ui.WordAround(t.runes, min(t.indexAt(ev.Position), max(len(t.runes)-1, 0))))
}

// Cursor is the text cursor, as over any text one can select.
func (t *Text) Cursor() desktop.Cursor { return desktop.TextCursor }

// FocusGained, FocusLost, TypedRune and TypedKey make the text focusable,
// so that the copy shortcut reaches it; keys it does not use go to the
// window.
func (t *Text) FocusGained()               {}
func (t *Text) FocusLost()                 {}
func (t *Text) TypedRune(rune)             {}
func (t *Text) TypedKey(ev *fyne.KeyEvent) { ui.PassKey(t, ev) }

// TypedShortcut copies the selection and selects all.
func (t *Text) TypedShortcut(s fyne.Shortcut) {
	switch sc := s.(type) {
	case *fyne.ShortcutCopy:
		if text := t.SelectedText(); text != "" {
			sc.Clipboard.SetContent(text)
		}
	case *fyne.ShortcutSelectAll:
		t.Select(app.Range{Start: 0, End: len(t.runes)})
	default:
		if t.OnShortcut != nil {
			t.OnShortcut(s)
		}
	}
}

// Resize lays the text out again for a new width.
func (t *Text) Resize(size fyne.Size) {
	if size == t.Size() {
		return
	}
	t.BaseWidget.Resize(size)
	old := t.height
	if size.Width != t.width {
		t.Layout(size.Width)
	}
	if t.height != old {
		t.Refresh()
	}
}

// MinSize is the height of the whole text at the current width.
func (t *Text) MinSize() fyne.Size {
	w := t.Size().Width
	if w <= 0 {
		w = 600
	}
	if w != t.width || t.lines == nil {
		t.Layout(w)
	}
	return fyne.NewSize(200, t.height)
}

// CreateRenderer is part of fyne.Widget.
func (t *Text) CreateRenderer() fyne.WidgetRenderer { return &textRenderer{t: t} }

type textRenderer struct {
	t       *Text
	objects []fyne.CanvasObject
}

func (r *textRenderer) Layout(size fyne.Size) {
	if size.Width != r.t.width {
		r.t.Layout(size.Width)
	}
	r.build()
}
func (r *textRenderer) MinSize() fyne.Size           { return r.t.MinSize() }
func (r *textRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *textRenderer) Destroy()                     {}
func (r *textRenderer) Refresh() {
	if w := r.t.Size().Width; w > 0 && w != r.t.width {
		r.t.Layout(w)
	}
	r.build()
	canvas.Refresh(r.t)
}

// stronger is a span's colour, more opaque, for the chosen span.
func stronger(c color.Color) color.Color {
	if n, ok := c.(color.NRGBA); ok {
		n.A = max(n.A, 0xb0)
		return n
	}
	return c
}

// findColor marks the matches of a search; the current one is stronger.
func findColor(current bool) color.Color {
	if current {
		return color.NRGBA{0xff, 0xb0, 0x00, 0xcc}
	}
	return color.NRGBA{0xff, 0xd0, 0x40, 0x77}
}

// build draws the lines in view: one text per run of equal marking, with a
// rectangle behind marked runs.
func (r *textRenderer) build() {
	t := r.t
	r.objects = nil
	top, bottom := t.viewTop-t.lineH, t.viewTop+t.viewH+t.lineH
	if t.viewH <= 0 {
		bottom = top + 2400
	}
	first := sort.Search(len(t.lines), func(k int) bool { return t.lines[k].y+t.lineH >= top })
	fg := theme.Color(theme.ColorNameForeground)
	selColor := theme.Color(theme.ColorNameSelection)
	// A run changes where a span, a find or the selection starts or ends.
	markAt := func(i int) (color.Color, int) {
		if i >= t.sel.Start && i < t.sel.End {
			return selColor, -2
		}
		for k, f := range t.finds {
			if i >= f.Start && i < f.End {
				return findColor(k == t.current), -3 - k
			}
		}
		if k := t.spanAt(i); k >= 0 {
			if t.spans[k].ID == t.chosen {
				return stronger(t.spans[k].Color), k
			}
			return t.spans[k].Color, k
		}
		return nil, -1
	}
	rect := func(c color.Color, x, y, w, h float32) {
		b := canvas.NewRectangle(c)
		b.CornerRadius = 2
		b.Move(fyne.NewPos(x, y))
		b.Resize(fyne.NewSize(w, h))
		r.objects = append(r.objects, b)
	}
	text := func(s string, x, y, w float32) {
		c := canvas.NewText(s, fg)
		c.TextSize = t.textSize
		c.Move(fyne.NewPos(x, y+(t.lineH-t.textH)/2))
		c.Resize(fyne.NewSize(w, t.textH))
		r.objects = append(r.objects, c)
	}
	for _, l := range t.lines[first:] {
		if l.y > bottom {
			break
		}
		xs := t.xs(l)
		for i := l.start; i < l.end; {
			c, id := markAt(i)
			j := i + 1
			for j < l.end {
				if _, id2 := markAt(j); id2 != id {
					break
				}
				j++
			}
			x0, x1 := xs[i-l.start], xs[j-l.start]
			if c != nil {
				rect(c, x0, l.y+1, x1-x0, t.lineH-2)
			}
			text(string(t.runes[i:j]), x0, l.y, x1-x0)
			i = j
		}
		// A noted passage is underlined in the accent colour, under
		// whatever else marks its words.
		for _, n := range t.notes {
			a, b := max(n.Start, l.start), min(n.End, l.end)
			if a < b {
				rect(theme.Color(theme.ColorNamePrimary), xs[a-l.start], l.y+t.lineH-3, xs[b-l.start]-xs[a-l.start], 2)
			}
		}
	}
}
