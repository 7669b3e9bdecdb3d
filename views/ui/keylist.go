package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// KeyList is a widget.List worked by the keyboard as a list box is: ↑ and ↓
// select the row above or below, Enter or Space opens the selected row
// again, and Esc and function keys go to the window.
type KeyList struct {
	widget.List
	// cursor is the row selected, -1 for none; focusAt is the row the
	// list's own focus ring is on, as far as KeyList can tell.
	cursor, focusAt int
	onSelected      func(widget.ListItemID)
	// selecting is set while Select selects, so that selected can tell a
	// row chosen in code from a row tapped.
	selecting bool
	// OnEnter, when set, is what Enter does on the selected row (instead
	// of choosing it again); OnRune, when set, hears typed letters first
	// and says whether it took them (j and k to move, a to accept…).
	OnEnter func(widget.ListItemID)
	OnRune  func(rune) bool
}

// TypedRune gives letters to OnRune, then to the list.
func (l *KeyList) TypedRune(r rune) {
	if l.OnRune != nil && l.OnRune(r) {
		return
	}
	l.List.TypedRune(r)
}

// Step selects the row delta rows down (up when negative), as the arrows
// do.
func (l *KeyList) Step(delta int) {
	name := fyne.KeyDown
	if delta < 0 {
		name = fyne.KeyUp
	}
	for range max(delta, -delta) {
		l.TypedKey(&fyne.KeyEvent{Name: name})
	}
}

// Cursor is the row selected, -1 for none.
func (l *KeyList) Cursor() int { return l.cursor }

// NewKeyList makes a list as widget.NewList does.
func NewKeyList(length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject)) *KeyList {
	l := &KeyList{cursor: -1}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.List.OnSelected = l.selected
	l.ExtendBaseWidget(l)
	return l
}

// SetOnSelected sets what choosing a row does.
func (l *KeyList) SetOnSelected(fn func(widget.ListItemID)) { l.onSelected = fn }

func (l *KeyList) selected(i widget.ListItemID) {
	l.cursor = i
	if !l.selecting {
		l.focusAt = i // a tap puts the focus ring on the row tapped
	}
	if l.onSelected != nil {
		l.onSelected(i)
	}
}

// Select selects row i, as a click on it would.
func (l *KeyList) Select(i widget.ListItemID) {
	l.cursor = i
	l.selecting = true
	l.List.Select(i)
	l.selecting = false
}

// SetCursor puts the cursor on row i without selecting it: the arrows go on
// from there.
func (l *KeyList) SetCursor(i int) { l.cursor = i }

// UnselectAll selects no row.
func (l *KeyList) UnselectAll() {
	l.cursor = -1
	l.List.UnselectAll()
}

// TypedKey moves the selection with the arrows.
func (l *KeyList) TypedKey(ev *fyne.KeyEvent) {
	n := 0
	if l.Length != nil {
		n = l.Length()
	}
	switch ev.Name {
	case fyne.KeyDown, fyne.KeyUp:
		next := l.cursor + 1
		if ev.Name == fyne.KeyUp {
			next = l.cursor - 1
		}
		if l.cursor < 0 {
			next = 0
		}
		if next < 0 || next >= n {
			return
		}
		l.moveFocus(next)
		l.Select(next)
		l.ScrollTo(next)
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace:
		if l.OnEnter != nil && ev.Name != fyne.KeySpace && l.cursor >= 0 && l.cursor < n {
			l.OnEnter(l.cursor)
		} else if l.cursor >= 0 && l.cursor < n {
			l.selected(l.cursor) // open it again: the detail pane may show something else
		} else if n > 0 {
			l.Select(0)
		}
	default:
		if passes(ev) && PassKey(l, ev) {
			return
		}
		l.List.TypedKey(ev)
	}
}

// moveFocus walks the list's own focus ring to row i, so that the row
// marked as focused is the row selected.
func (l *KeyList) moveFocus(i int) {
	for l.focusAt < i {
		l.List.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
		l.focusAt++
	}
	for l.focusAt > i {
		l.List.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
		l.focusAt--
	}
}
