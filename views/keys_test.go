package views

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"codeberg.org/parley/parley/views/ui"

	"codeberg.org/parley/parley/app"
)

// fire gives the window a shortcut the way Fyne's desktop driver does: to
// the main menu's items first, then to a focused widget that takes
// shortcuts, then to the window.
func fire(w *mainWindow, sc fyne.Shortcut) {
	for _, m := range w.mainMenu.Items {
		for _, it := range m.Items {
			if it.Shortcut != nil && it.Shortcut.ShortcutName() == sc.ShortcutName() && it.Action != nil {
				it.Action()
				return
			}
		}
	}
	c := w.win.Canvas()
	if f, ok := c.Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(sc)
		return
	}
	if h, ok := c.(fyne.Shortcutable); ok {
		h.TypedShortcut(sc)
	}
}

// press gives the window a key without a modifier, the way the driver
// does: to the focused widget, else to the window.
func press(w *mainWindow, key fyne.KeyName) {
	c := w.win.Canvas()
	ev := &fyne.KeyEvent{Name: key}
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
	} else if h := c.OnTypedKey(); h != nil {
		h(ev)
	}
}

// focusables lists the widgets of the window that take the focus, in the
// order of its tree.
func focusables(o fyne.CanvasObject) []fyne.Focusable {
	var out []fyne.Focusable
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		if f, ok := o.(fyne.Focusable); ok {
			if d, ok := o.(fyne.Disableable); !ok || !d.Disabled() {
				out = append(out, f)
			}
		}
		switch v := o.(type) {
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case fyne.Widget:
			if _, ok := o.(fyne.Focusable); ok {
				return // its insides are its own
			}
			for _, c := range test.WidgetRenderer(v).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

func ctrl(key fyne.KeyName, shift bool) fyne.Shortcut { return shortcut(key, shift) }

// TestWindowKeysWorkWhateverHasFocus focuses each focusable widget of the
// main window in turn and gives it every window key: each must do its
// window's work.
func TestWindowKeysWorkWhateverHasFocus(t *testing.T) {
	h := newHarness(t)
	quits := 0
	h.w.quit = func() { quits++ }
	// Show a statement, so that the detail pane has its quote, notes and
	// buttons to focus.
	h.w.sh.Session.SelectTarget(targetStatement("st-05"))
	h.w.sh.WaitIdle()
	all := focusables(h.w.win.Content())
	if len(all) < 15 {
		t.Fatalf("only %d focusable widgets found", len(all))
	}
	closeImport := func() {
		if h.w.importWin != nil && !h.w.importWin.Closed() {
			h.w.importWin.Close()
		}
	}
	closeNotes := func() {
		if h.w.notesWin != nil && !h.w.notesWin.Closed() {
			h.w.notesWin.Close()
		}
	}
	dismissAll := func() {
		for ui.OpenDialogs(h.w.win) > 0 {
			press(h.w, fyne.KeyEscape)
		}
	}
	tests := []struct {
		name string
		do   func()
		did  func() bool
		undo func()
	}{
		{"Ctrl+I opens the Import window", func() { fire(h.w, ctrl(fyne.KeyI, false)) },
			func() bool { return h.w.importWin != nil && !h.w.importWin.Closed() }, closeImport},
		{"Ctrl+Shift+I opens the inbox", func() { fire(h.w, ctrl(fyne.KeyI, true)) },
			func() bool { return h.w.inboxWin != nil && !h.w.inboxWin.Closed() }, func() { h.w.inboxWin.Close() }},
		{"Ctrl+Shift+N opens all notes", func() { fire(h.w, ctrl(fyne.KeyN, true)) },
			func() bool { return h.w.notesWin != nil && !h.w.notesWin.Closed() }, closeNotes},
		{"Ctrl+F goes to the search box", func() { fire(h.w, ctrl(fyne.KeyF, false)) },
			func() bool { return h.w.win.Canvas().Focused() == fyne.Focusable(h.w.searchBox) }, nil},
		{"Ctrl+Shift+F goes to the actors' filter", func() { fire(h.w, ctrl(fyne.KeyF, true)) },
			func() bool { return h.w.win.Canvas().Focused() == fyne.Focusable(h.w.actors.Filter) }, nil},
		{"Ctrl+L goes to the statements", func() { fire(h.w, ctrl(fyne.KeyL, false)) },
			func() bool { return h.w.win.Canvas().Focused() == fyne.Focusable(h.w.statements.List) }, nil},
		{"Ctrl+E asks how to export", func() { fire(h.w, ctrl(fyne.KeyE, false)) },
			func() bool { return ui.OpenDialogs(h.w.win) > 0 }, dismissAll},
		{"F1 lists the keys", func() { press(h.w, fyne.KeyF1) },
			func() bool { return ui.OpenDialogs(h.w.win) > 0 }, dismissAll},
		{"Ctrl+Q quits", func() { fire(h.w, ctrl(fyne.KeyQ, false)) },
			func() bool { return quits > 0 }, func() { quits = 0 }},
		{"Ctrl+2 shows the timeline", func() { fire(h.w, ctrl(fyne.Key2, false)) },
			func() bool { return h.w.mapTabs.SelectedIndex() == 1 }, func() { h.w.showTab(0) }},
	}
	for i, f := range all {
		for _, tt := range tests {
			h.w.win.Canvas().Focus(f)
			tt.do()
			h.w.sh.WaitIdle()
			if !tt.did() {
				t.Errorf("focus on #%d (%T): %s did nothing", i, f, tt.name)
			}
			if tt.undo != nil {
				tt.undo()
				h.w.sh.WaitIdle()
			}
		}
	}
	// Esc from anywhere: a dialog first, then the search, then the filters,
	// then the selection.
	for i, f := range focusables(h.w.win.Content()) {
		h.w.sh.Session.SelectTarget(targetStatement("st-05"))
		h.w.searchBox.SetText("border")
		h.w.sh.WaitIdle()
		h.w.win.Canvas().Focus(f)
		press(h.w, fyne.KeyEscape)
		h.w.sh.WaitIdle()
		if h.w.searchBox.Text != "" {
			t.Errorf("focus on #%d (%T): Esc did not clear the search", i, f)
			continue
		}
		h.w.win.Canvas().Focus(f)
		press(h.w, fyne.KeyEscape)
		h.w.sh.WaitIdle()
		if got := h.w.sh.Session.Selection(); got.Statement != "" {
			t.Errorf("focus on #%d (%T): a second Esc left the statement %s shown", i, f, got.Statement)
		}
	}
}

// Text boxes keep their own editing keys: Ctrl+A selects their text rather
// than anything of the window's.
func TestEntriesKeepTheirEditingKeys(t *testing.T) {
	h := newHarness(t)
	for _, e := range []*ui.Entry{h.w.actors.Filter} {
		h.w.win.Canvas().Focus(e)
		test.Type(e, "mirzo")
		fire(h.w, &fyne.ShortcutSelectAll{})
		if got := e.SelectedText(); got != "mirzo" {
			t.Errorf("Ctrl+A in the filter selected %q", got)
		}
	}
	h.w.win.Canvas().Focus(h.w.searchBox)
	test.Type(h.w.searchBox, "treaty")
	fire(h.w, &fyne.ShortcutSelectAll{})
	if got := h.w.searchBox.SelectedText(); got != "treaty" {
		t.Errorf("Ctrl+A in the search box selected %q", got)
	}
}

// Every secondary window opens again after it was closed, and raises
// itself when it is open already.
func TestSecondaryWindowsReopen(t *testing.T) {
	h := newHarness(t)
	for round := range 3 {
		h.w.showImport()
		first := h.w.importWin
		h.w.showImport() // open already: the same window
		if h.w.importWin != first || first.Closed() {
			t.Fatalf("round %d: a second Ctrl+I made another import window", round)
		}
		first.Close()
		h.w.sh.WaitIdle()
		h.w.showImport()
		if h.w.importWin == first || h.w.importWin.Closed() {
			t.Fatalf("round %d: the import window did not open again", round)
		}
		h.w.importWin.Close()

		h.w.showNotes(nil)
		notes := h.w.notesWin
		notes.Close()
		h.w.showNotes(nil)
		if h.w.notesWin == notes || h.w.notesWin.Closed() {
			t.Fatalf("round %d: the notes window did not open again", round)
		}
		h.w.notesWin.Close()

		for _, open := range []func(){h.w.showKeys, h.w.showAbout, func() { h.w.files.ShowExport() }} {
			open()
			if ui.OpenDialogs(h.w.win) != 1 {
				t.Fatalf("round %d: a dialog did not open", round)
			}
			press(h.w, fyne.KeyEscape)
			if n := ui.OpenDialogs(h.w.win); n != 0 {
				t.Fatalf("round %d: Esc left %d dialogs open", round, n)
			}
		}
	}
}

// The theme menu marks the theme in use, and the menu shows the window's
// shortcuts.
func TestMenusShowShortcutsAndTheTheme(t *testing.T) {
	h := newHarness(t)
	h.w.setTheme("dark")
	checked := ""
	shortcuts := 0
	for _, m := range h.w.mainMenu.Items {
		for _, it := range m.Items {
			if it.Checked {
				checked += it.Label
			}
			if it.Shortcut != nil {
				shortcuts++
			}
		}
	}
	if checked != "Dark theme" {
		t.Errorf("checked %q, want the dark theme", checked)
	}
	if shortcuts < 12 {
		t.Errorf("%d menu items show a shortcut", shortcuts)
	}
}

func targetStatement(id string) app.Target { return app.Target{Kind: app.TargetStatement, ID: id} }
