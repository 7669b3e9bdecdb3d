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

func (w *mainWindow) toolbar() fyne.CanvasObject {
	return widget.NewToolbar(
		widget.NewToolbarAction(theme.NavigateBackIcon(), w.sh.Session.Back),
		widget.NewToolbarAction(theme.ContentAddIcon(), w.showImport),
		widget.NewToolbarAction(theme.HomeIcon(), func() { w.sh.Session.Select(app.Selection{}) }),
		widget.NewToolbarSeparator(),
		widget.NewToolbarAction(theme.ContentCopyIcon(), w.copyQuote),
		widget.NewToolbarAction(theme.SearchIcon(), w.focusSearch),
		widget.NewToolbarAction(theme.DocumentIcon(), func() { w.showNotes(nil) }),
		widget.NewToolbarSeparator(),
		widget.NewToolbarAction(theme.ZoomInIcon(), func() { w.mapView.ZoomBy(1.5) }),
		widget.NewToolbarAction(theme.ZoomOutIcon(), func() { w.mapView.ZoomBy(1 / 1.5) }),
		widget.NewToolbarAction(theme.ViewRestoreIcon(), w.mapView.ResetView),
		widget.NewToolbarSpacer(),
		widget.NewToolbarAction(theme.ColorPaletteIcon(), w.cycleTheme),
		widget.NewToolbarAction(theme.HelpIcon(), w.showAbout),
	)
}

// menu is the main menu. It reads none of the window's fields until an
// item is chosen, so it can be made while the panes are being built.
func (w *mainWindow) menu() *fyne.MainMenu {
	themeItem := func(label, choice string) *fyne.MenuItem {
		return fyne.NewMenuItem(label, func() { w.setTheme(choice) })
	}
	return fyne.NewMainMenu(
		fyne.NewMenu("File",
			fyne.NewMenuItem("Import…", w.showImport),
			fyne.NewMenuItem("Import REFI-QDA project…", w.files.ShowImportProject),
			fyne.NewMenuItem("Export…", w.files.ShowExport),
			fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem("Back up…", w.files.ShowBackup),
			fyne.NewMenuItem("Restore…", w.files.ShowRestore),
			fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem("Show data folder", func() { w.setStatus("Data folder: " + w.cfg.DataDir) }),
		),
		fyne.NewMenu("Edit",
			fyne.NewMenuItem("Undo delete", w.undo),
			fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem("Copy quote", w.copyQuote),
			fyne.NewMenuItem("Search", w.focusSearch),
			fyne.NewMenuItem("Filter actors", w.focusFilter),
			fyne.NewMenuItem("Clear filters", func() { w.filters.Reset() }),
			fyne.NewMenuItem("Clear selection", func() { w.sh.Session.Select(app.Selection{}) }),
		),
		fyne.NewMenu("View",
			fyne.NewMenuItem("Map", func() { w.showTab(0) }),
			fyne.NewMenuItem("Timeline", func() { w.showTab(1) }),
			fyne.NewMenuItem("All notes", func() { w.showNotes(nil) }),
			fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem("Zoom in", func() { w.mapView.ZoomBy(1.5) }),
			fyne.NewMenuItem("Zoom out", func() { w.mapView.ZoomBy(1 / 1.5) }),
			fyne.NewMenuItem("Reset map", func() { w.mapView.ResetView() }),
			fyne.NewMenuItemSeparator(),
			themeItem("Follow the system theme", ""),
			themeItem("Light theme", "light"),
			themeItem("Dark theme", "dark"),
		),
		fyne.NewMenu("Help",
			fyne.NewMenuItem("Keyboard", w.showKeys),
			fyne.NewMenuItem("About Parley", w.showAbout),
		),
	)
}

func (w *mainWindow) bindKeys() {
	c := w.win.Canvas()
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyEscape {
			w.sh.Session.Back()
		}
	})
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { w.focusSearch() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyL, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { c.Focus(w.statements.List) })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift},
		func(fyne.Shortcut) { w.showNotes(nil) })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyI, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { w.showImport() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { w.close(); w.sh.App.Quit() })
}

func (w *mainWindow) focusFilter() { w.win.Canvas().Focus(w.actors.Filter) }

func (w *mainWindow) focusSearch() { w.win.Canvas().Focus(w.searchBox) }

func (w *mainWindow) setTheme(choice string) {
	applyThemeChoice(w.sh.App, choice)
	w.sh.App.Preferences().SetString(prefTheme, choice)
	w.saveWindowState()
}

func (w *mainWindow) cycleTheme() {
	next := map[string]string{"": "light", "light": "dark", "dark": ""}[themeChoice(w.sh.App)]
	w.setTheme(next)
	w.setStatus("Theme: " + map[string]string{"": "following the system", "light": "light", "dark": "dark"}[next])
}

func (w *mainWindow) showKeys() {
	keys := strings.Join([]string{
		"↑ ↓  move in a list (click it or Ctrl+L first)",
		"Enter or Space  open the highlighted row",
		"Esc  step back: the statement, then the actor or place",
		"Ctrl+F  search everything; Enter opens the best result, Esc clears",
		"Ctrl+I  import articles",
		"Ctrl+Shift+N  all notes",
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
