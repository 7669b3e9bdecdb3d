package ui

import (
	"net/url"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// Fyne gives a key without a modifier (Esc, F1) to the focused widget
// alone, and a shortcut to the main menu first, then to a focused widget
// that takes shortcuts, and only then to the window. Parley's window
// shortcuts are menu items, so they work whatever has focus. Esc and the
// function keys are routed here: the widgets Parley builds pass the keys
// they give no meaning of their own to their window's router, and the
// window's canvas gives it the keys that come with nothing focused.

// keyRouter is what one window does with the keys it answers.
type keyRouter struct {
	escape  func()
	keys    map[fyne.KeyName]func()
	dialogs []dialog.Dialog // shown, oldest first
}

var (
	routersMu sync.Mutex
	routers   = map[fyne.Canvas]*keyRouter{}
)

// RouteKeys makes win answer Esc with escape (once no dialog is left to
// close) and each key of keys with its action, whatever has focus.
func RouteKeys(win fyne.Window, escape func(), keys map[fyne.KeyName]func()) {
	c := win.Canvas()
	routersMu.Lock()
	routers[c] = &keyRouter{escape: escape, keys: keys}
	routersMu.Unlock()
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) { routeKey(c, ev) })
}

// ForgetKeys drops a closed window's router.
func ForgetKeys(win fyne.Window) {
	routersMu.Lock()
	delete(routers, win.Canvas())
	routersMu.Unlock()
}

// TrackDialog makes Esc close d while it is the topmost dialog of win.
func TrackDialog(win fyne.Window, d dialog.Dialog) {
	routersMu.Lock()
	r := routers[win.Canvas()]
	if r != nil {
		r.dialogs = append(r.dialogs, d)
	}
	routersMu.Unlock()
	d.SetOnClosed(func() {
		routersMu.Lock()
		defer routersMu.Unlock()
		if r == nil {
			return
		}
		for i, o := range r.dialogs {
			if o == d {
				r.dialogs = append(r.dialogs[:i], r.dialogs[i+1:]...)
				break
			}
		}
	})
}

// PassKey gives the window that shows obj a key obj has no use for, and
// reports whether the window took it.
func PassKey(obj fyne.CanvasObject, ev *fyne.KeyEvent) bool {
	app := fyne.CurrentApp()
	if app == nil {
		return false
	}
	c := app.Driver().CanvasForObject(obj)
	if c == nil {
		return false
	}
	return routeKey(c, ev)
}

func routeKey(c fyne.Canvas, ev *fyne.KeyEvent) bool {
	routersMu.Lock()
	r := routers[c]
	var top dialog.Dialog
	if r != nil && len(r.dialogs) > 0 {
		top = r.dialogs[len(r.dialogs)-1]
	}
	routersMu.Unlock()
	if r == nil {
		return false
	}
	if ev.Name == fyne.KeyEscape {
		switch {
		case top != nil:
			top.Dismiss()
		case r.escape != nil:
			r.escape()
		}
		return true
	}
	if f := r.keys[ev.Name]; f != nil {
		f()
		return true
	}
	return false
}

// The widgets below are Fyne's, passing on the keys they do not use.

// Entry is a widget.Entry that passes on Esc and function keys.
type Entry struct {
	widget.Entry
	// OnKey, when set, sees each key first and says whether it used it.
	OnKey func(*fyne.KeyEvent) bool
	// OnFocusLost, when set, runs when the focus leaves the entry: a form
	// saves a field there, as a person moves on from it.
	OnFocusLost func()
}

// FocusLost is part of fyne.Focusable.
func (e *Entry) FocusLost() {
	e.Entry.FocusLost()
	if e.OnFocusLost != nil {
		e.OnFocusLost()
	}
}

// NewEntry makes an Entry as widget.NewEntry does.
func NewEntry() *Entry {
	e := &Entry{}
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.ExtendBaseWidget(e)
	return e
}

// NewMultiLineEntry makes a multi-line Entry.
func NewMultiLineEntry() *Entry {
	e := NewEntry()
	e.MultiLine = true
	return e
}

// TypedKey is part of fyne.Focusable.
func (e *Entry) TypedKey(ev *fyne.KeyEvent) {
	if e.OnKey != nil && e.OnKey(ev) {
		return
	}
	if passes(ev) && PassKey(e, ev) {
		return
	}
	e.Entry.TypedKey(ev)
}

// passes reports whether a key is one a window answers: Esc and the
// function keys.
func passes(ev *fyne.KeyEvent) bool {
	switch ev.Name {
	case fyne.KeyEscape, fyne.KeyF1, fyne.KeyF2, fyne.KeyF3, fyne.KeyF4, fyne.KeyF5, fyne.KeyF6,
		fyne.KeyF7, fyne.KeyF8, fyne.KeyF9, fyne.KeyF10, fyne.KeyF11, fyne.KeyF12:
		return true
	}
	return false
}

// SelectEntry is a widget.SelectEntry that passes on Esc and function keys.
type SelectEntry struct{ widget.SelectEntry }

// NewSelectEntry makes a SelectEntry with options.
func NewSelectEntry(options []string) *SelectEntry {
	e := &SelectEntry{}
	e.ExtendBaseWidget(e)
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.SetOptions(options)
	return e
}

// TypedKey is part of fyne.Focusable.
func (e *SelectEntry) TypedKey(ev *fyne.KeyEvent) {
	if passes(ev) && PassKey(e, ev) {
		return
	}
	e.SelectEntry.TypedKey(ev)
}

// Select is a widget.Select that passes on Esc and function keys.
type Select struct{ widget.Select }

// NewSelect makes a Select as widget.NewSelect does.
func NewSelect(options []string, changed func(string)) *Select {
	s := &Select{}
	s.Options, s.OnChanged, s.PlaceHolder = options, changed, "(Select one)"
	s.ExtendBaseWidget(s)
	return s
}

// TypedKey is part of fyne.Focusable.
func (s *Select) TypedKey(ev *fyne.KeyEvent) {
	if passes(ev) && PassKey(s, ev) {
		return
	}
	s.Select.TypedKey(ev)
}

// Button is a widget.Button that passes on Esc and function keys.
type Button struct{ widget.Button }

// NewButton makes a Button.
func NewButton(label string, tapped func()) *Button { return NewButtonWithIcon(label, nil, tapped) }

// NewButtonWithIcon makes a Button with an icon.
func NewButtonWithIcon(label string, icon fyne.Resource, tapped func()) *Button {
	b := &Button{}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

// TypedKey is part of fyne.Focusable.
func (b *Button) TypedKey(ev *fyne.KeyEvent) {
	if passes(ev) && PassKey(b, ev) {
		return
	}
	b.Button.TypedKey(ev)
}

// Check is a widget.Check that passes on Esc and function keys.
type Check struct{ widget.Check }

// NewCheck makes a Check.
func NewCheck(label string, changed func(bool)) *Check {
	c := &Check{}
	c.Text, c.OnChanged = label, changed
	c.ExtendBaseWidget(c)
	return c
}

// TypedKey is part of fyne.Focusable.
func (c *Check) TypedKey(ev *fyne.KeyEvent) {
	if passes(ev) && PassKey(c, ev) {
		return
	}
	c.Check.TypedKey(ev)
}

// Hyperlink is a widget.Hyperlink that passes on Esc and function keys.
type Hyperlink struct{ widget.Hyperlink }

// NewHyperlink makes a Hyperlink.
func NewHyperlink(text string, u *url.URL) *Hyperlink {
	h := &Hyperlink{}
	h.Text, h.URL = text, u
	h.ExtendBaseWidget(h)
	return h
}

// TypedKey is part of fyne.Focusable.
func (h *Hyperlink) TypedKey(ev *fyne.KeyEvent) {
	if passes(ev) && PassKey(h, ev) {
		return
	}
	h.Hyperlink.TypedKey(ev)
}

// OpenDialogs counts the dialogs shown over win that Esc would close.
func OpenDialogs(win fyne.Window) int {
	routersMu.Lock()
	defer routersMu.Unlock()
	if r := routers[win.Canvas()]; r != nil {
		return len(r.dialogs)
	}
	return 0
}

// ToolbarAction is a widget.ToolbarAction whose button passes on Esc and
// function keys.
type ToolbarAction struct {
	Icon        fyne.Resource
	OnActivated func()
}

// ToolbarObject is part of widget.ToolbarItem: the button, as Fyne's own
// toolbar action draws it.
func (t *ToolbarAction) ToolbarObject() fyne.CanvasObject {
	b := NewButtonWithIcon("", t.Icon, t.OnActivated)
	b.Importance = widget.LowImportance
	return b
}
