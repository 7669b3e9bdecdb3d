package views

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/views/ui"
)

func toolbarAction(icon fyne.Resource, action func()) widget.ToolbarItem {
	return &ui.ToolbarAction{Icon: icon, OnActivated: action}
}

func (w *mainWindow) toolbar() fyne.CanvasObject {
	return widget.NewToolbar(
		toolbarAction(theme.NavigateBackIcon(), w.sh.Session.Back),
		toolbarAction(theme.ContentAddIcon(), w.showImport),
		&inboxToolbarItem{w: w},
		toolbarAction(theme.HomeIcon(), func() { w.sh.Session.Select(app.Selection{}) }),
		widget.NewToolbarSeparator(),
		toolbarAction(theme.ContentCopyIcon(), w.copyQuote),
		toolbarAction(theme.SearchIcon(), w.focusSearch),
		toolbarAction(theme.DocumentIcon(), func() { w.showNotes(nil) }),
		toolbarAction(theme.FileTextIcon(), func() { w.showSource("", "", -1) }),
		widget.NewToolbarSeparator(),
		toolbarAction(theme.ZoomInIcon(), func() { w.mapView.ZoomBy(1.5) }),
		toolbarAction(theme.ZoomOutIcon(), func() { w.mapView.ZoomBy(1 / 1.5) }),
		toolbarAction(theme.ViewRestoreIcon(), w.mapView.ResetView),
		widget.NewToolbarSpacer(),
		toolbarAction(theme.ColorPaletteIcon(), w.cycleTheme),
		toolbarAction(theme.HelpIcon(), w.showAbout),
	)
}

// shortcut is Ctrl (Cmd on macOS) with key, and Shift with shift.
func shortcut(key fyne.KeyName, shift bool) fyne.Shortcut {
	mod := fyne.KeyModifierShortcutDefault
	if shift {
		mod |= fyne.KeyModifierShift
	}
	return &desktop.CustomShortcut{KeyName: key, Modifier: mod}
}

// item is a menu item with a shortcut: Fyne gives a shortcut to the main
// menu before anything else, so it works whatever has focus, and shows it
// beside the item.
func item(label string, key fyne.KeyName, shift bool, action func()) *fyne.MenuItem {
	it := fyne.NewMenuItem(label, action)
	if key != "" {
		it.Shortcut = shortcut(key, shift)
	}
	return it
}

// menu is the main menu. It reads none of the window's fields until an
// item is chosen, so it can be made while the panes are being built.
func (w *mainWindow) menu() *fyne.MainMenu {
	w.themeItems = map[string]*fyne.MenuItem{}
	themeItem := func(label, choice string) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, func() { w.setTheme(choice) })
		it.Checked = themeChoice(w.sh.App) == choice
		w.themeItems[choice] = it
		return it
	}
	quit := item("Quit", fyne.KeyQ, false, func() {
		if w.quit != nil {
			w.quit()
			return
		}
		w.close()
		w.sh.App.Quit()
	})
	quit.IsQuit = true
	w.mainMenu = fyne.NewMainMenu(
		fyne.NewMenu("File",
			item("Import…", fyne.KeyI, false, w.showImport),
			item("Import REFI-QDA project…", "", false, func() { w.files.ShowImportProject() }),
			item("Inbox and feeds…", fyne.KeyI, true, w.showInbox),
			item("Export…", fyne.KeyE, false, func() { w.files.ShowExport() }),
			fyne.NewMenuItemSeparator(),
			item("Back up…", "", false, func() { w.files.ShowBackup() }),
			item("Restore…", "", false, func() { w.files.ShowRestore() }),
			fyne.NewMenuItemSeparator(),
			item("Show data folder", "", false, func() { w.setStatus("Data folder: " + w.cfg.DataDir) }),
			fyne.NewMenuItemSeparator(),
			quit,
		),
		fyne.NewMenu("Edit",
			// Ctrl+Z is not the item's own shortcut: in a text box it
			// undoes typing, and the menu would take it first.
			item("Undo the last delete (Ctrl+Z)", "", false, w.undo),
			fyne.NewMenuItemSeparator(),
			item("Copy quote", fyne.KeyC, true, w.copyQuote),
			item("New note on the item shown", fyne.KeyN, false, w.newNote),
			item("Confirm the suggested code", fyne.KeyK, false, w.confirmCode),
			item("Change the code…", fyne.KeyK, true, w.changeCode),
			fyne.NewMenuItemSeparator(),
			item("Search", fyne.KeyF, false, w.focusSearch),
			item("Filter actors", fyne.KeyF, true, w.focusFilter),
			item("Go to the statements list", fyne.KeyL, false, w.focusStatements),
			item("Clear filters", "", false, func() { w.filters.Reset() }),
			item("Clear selection", "", false, func() { w.sh.Session.Select(app.Selection{}) }),
		),
		fyne.NewMenu("View",
			item("Map", fyne.Key1, false, func() { w.showTab(0) }),
			item("Timeline", fyne.Key2, false, func() { w.showTab(1) }),
			item("All notes", fyne.KeyN, true, func() { w.showNotes(nil) }),
			item("Sources", fyne.Key3, false, func() { w.showSource(w.sh.Session.Selection().Source, "", -1) }),
			fyne.NewMenuItemSeparator(),
			item("Zoom in", fyne.KeyEqual, false, func() { w.mapView.ZoomBy(1.5) }),
			item("Zoom out", fyne.KeyMinus, false, func() { w.mapView.ZoomBy(1 / 1.5) }),
			item("Reset map", fyne.Key0, false, func() { w.mapView.ResetView() }),
			fyne.NewMenuItemSeparator(),
			themeItem("Follow the system theme", ""),
			themeItem("Light theme", "light"),
			themeItem("Dark theme", "dark"),
		),
		fyne.NewMenu("Help",
			item("Keyboard (F1)", "", false, w.showKeys),
			item("About Parley", "", false, w.showAbout),
		),
	)
	return w.mainMenu
}

// bindKeys gives the window its keys: the menu's shortcuts work from
// anywhere (see item); Esc, F1 and Ctrl+Z are routed by views/ui.
func (w *mainWindow) bindKeys() {
	ui.RouteKeys(w.win, w.escape, map[fyne.KeyName]func(){fyne.KeyF1: w.showKeys})
	// Ctrl+Z where no text box has the focus: undo the last delete.
	w.win.Canvas().AddShortcut(&fyne.ShortcutUndo{}, func(fyne.Shortcut) { w.undo() })
}

// escape steps back one thing, the first of: the search, the filters, the
// focused statement, the actor or place.
func (w *mainWindow) escape() {
	switch {
	case strings.TrimSpace(w.searchBox.Text) != "":
		w.searchBox.Clear()
	case !w.sh.Session.Filter().IsZero():
		w.filters.Reset()
	default:
		w.sh.Session.Back()
	}
}

func (w *mainWindow) focusStatements() { w.win.Canvas().Focus(w.statements.List) }

// newNote opens a new note on the item the detail pane shows.
func (w *mainWindow) newNote() {
	if !w.detail.NewNote() {
		w.setStatus("Select a statement, an actor, a place or a source to write a note on it.")
	}
}

func (w *mainWindow) focusFilter() { w.win.Canvas().Focus(w.actors.Filter) }

func (w *mainWindow) focusSearch() { w.win.Canvas().Focus(w.searchBox) }

func (w *mainWindow) setTheme(choice string) {
	applyThemeChoice(w.sh.App, choice)
	w.sh.App.Preferences().SetString(prefTheme, choice)
	w.saveWindowState()
	for c, it := range w.themeItems {
		it.Checked = c == choice
	}
	if w.mainMenu != nil {
		w.mainMenu.Refresh()
	}
}

func (w *mainWindow) cycleTheme() {
	next := map[string]string{"": "light", "light": "dark", "dark": ""}[themeChoice(w.sh.App)]
	w.setTheme(next)
	w.setStatus("Theme: " + map[string]string{"": "following the system", "light": "light", "dark": "dark"}[next])
}

func (w *mainWindow) showKeys() {
	keys := strings.Join([]string{
		"Tab, Shift+Tab  move between the boxes, lists and buttons",
		"↑ ↓  move the selection in a list (Ctrl+L goes to the statements)",
		"Enter or Space  open the selected row",
		"↓ or Enter in the actors' filter  go into the list",
		"Esc  close a dialog; clear the search, then the filters; step back from a statement, then an actor or place",
		"Ctrl+F  search everything; Enter opens the best result",
		"Ctrl+Shift+F  filter the actors",
		"Ctrl+I  import articles        Ctrl+Shift+I  the inbox of the feeds        Ctrl+E  export",
		"Ctrl+N  a new note on the item shown        Ctrl+Shift+N  all notes",
		"Ctrl+K  confirm the code Parley suggested for the statement shown",
		"Ctrl+Shift+C  copy the quote        Ctrl+Z  undo the last delete",
		"Ctrl+1, Ctrl+2  map, timeline        Ctrl+=, Ctrl+-, Ctrl+0  zoom the map",
		"F1  this list        Ctrl+Q  quit",
	}, "\n")
	ui.ShowInfo(w.win, "Keyboard", keys)
}

func (w *mainWindow) showAbout() {
	version := w.cfg.Version
	if version == "" {
		version = w.sh.App.Metadata().Version
	}
	if version == "" {
		version = "development build"
	}
	text := fmt.Sprintf("Parley %s\n\nA casebook for following a peace process from its sources.\n\n"+
		"Map: Natural Earth 1:10m countries, public domain (made with Natural Earth). "+
		"The former oblast, corridor and checkpoint are drawn approximately.\n\nData folder: %s",
		version, w.describe())
	ui.ShowInfo(w.win, "About Parley", text)
}

// inboxToolbarItem is the inbox button: how many articles the feeds
// brought wait for review.
type inboxToolbarItem struct{ w *mainWindow }

func (it *inboxToolbarItem) ToolbarObject() fyne.CanvasObject {
	if it.w.inboxBtn == nil {
		it.w.inboxBtn = ui.NewButtonWithIcon("Inbox", theme.MailComposeIcon(), it.w.showInbox)
		it.w.inboxBtn.Importance = widget.LowImportance
	}
	return it.w.inboxBtn
}
