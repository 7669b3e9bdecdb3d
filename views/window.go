package views

import (
	"encoding/json"
	"fmt"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/parley/parley/app"

	"codeberg.org/parley/parley/app/search"

	"codeberg.org/parley/parley/app/session"
)

// mainWindow is Parley's one window: map, actors, statements and detail,
// all following the session's selection.
type mainWindow struct {
	fyneApp fyne.App
	win     fyne.Window
	session *session.Session
	store   app.Store
	cfg     Config
	// What openMainWindow and makePanes build and attach puts in the window.
	state windowState
	root  fyne.CanvasObject

	mapView     *MapView
	actorFilter *widget.Entry
	actorList   *keyList
	actorRows   []app.ActorRow
	// actorSelected is the actor row shown selected, -1 for none.
	actorSelected int
	stmtTitle     *widget.Label
	stmtList      *keyList
	scene         *session.Scene
	detail        *detailPane
	status        *widget.Label
	undoBtn       *widget.Button
	undoTimer     *time.Timer
	notes         *notesWindow
	importer      *importWindow
	indexed       *search.IndexedStore
	searchBox     *searchEntry
	searchSeq     uint64
	results       []search.Group
	filters       *filterBar
	statusBar     *fyne.Container // the right of the status bar: Undo
	// painted is closed when the window has first been painted; nil in
	// tests.
	painted  <-chan struct{}
	codes    *app.CodeTables
	confirm  dialog.Dialog // the last question asked, for tests
	timeline *Timeline
	mapTabs  *container.AppTabs
	// timelineFor is the list the timeline shows, by scope and filter.
	timelineFor string

	outer, left, bottom *container.Split

	// syncing is set while the window moves list selections to match the
	// session, so that those moves do not select again.
	syncing bool
	// seq numbers scene requests; only the newest one's result is shown.
	seq  uint64
	busy tracker // background work in flight
	// writes counts store writes in flight, which the window waits for
	// before it closes.
	writes sync.WaitGroup
	closed bool
	saved  bool
	// uiQueue, set only by tests, carries UI work to waitIdle.
	uiQueue chan func()
}

// Setting keys of the window's state.
const (
	settingWindow    = "ui.window"
	settingSelection = "ui.selection"
)

// windowState is what the window remembers across restarts.
type windowState struct {
	Width  float32 `json:"width"`
	Height float32 `json:"height"`
	Outer  float64 `json:"outer"`
	Left   float64 `json:"left"`
	Bottom float64 `json:"bottom"`
	Theme  string  `json:"theme,omitempty"`
	// What the window takes around the panes (its padding and menu bar),
	// and the map's pixels per unit of size: with them the panes are laid
	// out, and the map drawn, before the window exists to say.
	ChromeW  float32 `json:"chrome_w,omitempty"`
	ChromeH  float32 `json:"chrome_h,omitempty"`
	MapScale float64 `json:"map_scale,omitempty"`
}

// The chrome around the panes with Fyne's default theme on Linux, as
// measured: padding on each side, and the menu bar above.
const defaultChromeW, defaultChromeH = 8, 35.078125

func defaultWindowState() windowState {
	return windowState{Width: 1440, Height: 900, Outer: 0.62, Left: 0.56, Bottom: 0.4}
}

// rootSize is the size the window will give the panes: its size less its
// padding and menu bar, as measured the last time, or as Fyne's default
// theme makes them on Linux before that.
func (st windowState) rootSize() fyne.Size {
	cw, ch := st.ChromeW, st.ChromeH
	if cw <= 0 || ch <= 0 || cw > st.Width/2 || ch > st.Height/2 {
		cw, ch = defaultChromeW, defaultChromeH
	}
	return fyne.NewSize(st.Width-cw, st.Height-ch)
}

// openMainWindow starts the window on a session: what it remembers from
// the last time, and no panes yet.
func openMainWindow(a fyne.App, cfg Config, session *session.Session) *mainWindow {
	w := &mainWindow{fyneApp: a, session: session, store: cfg.Store, cfg: cfg}
	w.busy.init()
	w.state = w.loadWindowState()
	return w
}

// makePanes builds the window's panes on the base map. It touches no
// window, so it may run on another goroutine while the main one makes the
// window; attach puts the panes in one.
func (w *mainWindow) makePanes(base app.RegionMap) {
	session, state := w.session, w.state

	w.mapView = NewMapView(session, base)
	w.detail = newDetailPane(w)
	w.detail.overview = w.overview
	w.status = widget.NewLabel("")
	w.status.Truncation = fyne.TextTruncateEllipsis
	w.undoBtn = widget.NewButtonWithIcon("Undo", theme.ContentUndoIcon(), nil)
	w.undoBtn.Hide()

	w.actorFilter = widget.NewEntry()
	w.actorFilter.SetPlaceHolder("Filter actors by name")
	w.actorFilter.OnChanged = func(string) { w.refilterActors() }
	w.actorRows = session.ActorRows()
	w.actorList = newKeyList(
		func() int { return len(w.actorRows) },
		newActorRow,
		func(i widget.ListItemID, o fyne.CanvasObject) { updateActorRow(o, w.actorRows[i]) },
	)
	w.actorList.OnSelected = func(i widget.ListItemID) {
		if !w.syncing && i < len(w.actorRows) {
			w.session.SelectActor(w.actorRows[i].Actor.ID)
		}
	}

	w.stmtTitle = widget.NewLabel("Statements")
	w.stmtTitle.TextStyle.Bold = true
	w.stmtTitle.Truncation = fyne.TextTruncateEllipsis
	w.stmtList = newKeyList(
		func() int {
			if w.scene == nil {
				return 0
			}
			return len(w.scene.StatementIDs)
		},
		newStatementRow,
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if w.scene == nil || i >= len(w.scene.StatementIDs) {
				return
			}
			st, ok := w.session.Row(w.scene.StatementIDs[i])
			updateStatementRow(o, st, ok, w.session)
		},
	)
	w.stmtList.OnSelected = func(i widget.ListItemID) {
		if !w.syncing && w.scene != nil && i < len(w.scene.StatementIDs) {
			w.session.SelectStatement(w.scene.StatementIDs[i])
		}
	}

	clearScope := widget.NewButtonWithIcon("", theme.ContentClearIcon(), func() { w.session.Select(app.Selection{}) })
	clearScope.Importance = widget.LowImportance
	actorsPane := container.NewBorder(
		container.NewVBox(sectionTitle("Actors"), w.actorFilter), nil, nil, nil, w.actorList)
	stmtPane := container.NewBorder(
		container.NewBorder(nil, nil, nil, clearScope, w.stmtTitle), nil, nil, nil, w.stmtList)

	w.bottom = container.NewHSplit(actorsPane, stmtPane)
	w.bottom.Offset = state.Bottom
	w.timeline = newTimeline(w)
	w.mapTabs = container.NewAppTabs(
		container.NewTabItemWithIcon("Map", theme.GridIcon(), w.mapView),
		container.NewTabItemWithIcon("Timeline", theme.HistoryIcon(), w.timeline))
	w.mapTabs.OnSelected = func(*container.TabItem) { w.updateTimeline() }
	w.left = container.NewVSplit(w.mapTabs, w.bottom)
	w.left.Offset = state.Left
	w.outer = container.NewHSplit(w.left, w.detail.object())
	w.outer.Offset = state.Outer

	w.statusBar = container.NewHBox(w.undoBtn)
	statusBar := container.NewBorder(nil, nil, nil, w.statusBar, w.status)
	w.searchBox = newSearchEntry(w)
	w.filters = newFilterBar(w)
	search := container.NewGridWrap(fyne.NewSize(420, w.searchBox.MinSize().Height), w.searchBox)
	top := container.NewVBox(container.NewBorder(nil, nil, nil, search, w.toolbar()), w.filters.box)
	w.root = container.NewBorder(top, statusBar, nil, nil, w.outer)
}

// attach puts the panes in the window, on the main goroutine.
func (w *mainWindow) attach(win fyne.Window) {
	win.SetContent(w.root)
	win.SetMainMenu(w.menu())
	win.Resize(fyne.NewSize(w.state.Width, w.state.Height))
	w.connect(win)
}

// connect makes win the panes' window, which already shows them: keys,
// closing, and the session's changes.
func (w *mainWindow) connect(win fyne.Window) {
	w.win = win
	w.bindKeys()
	win.SetCloseIntercept(w.close)
	w.session.OnChange(w.requestScene)
}

func sectionTitle(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle.Bold = true
	return l
}

func (w *mainWindow) toolbar() fyne.CanvasObject {
	return widget.NewToolbar(
		widget.NewToolbarAction(theme.NavigateBackIcon(), w.session.Back),
		widget.NewToolbarAction(theme.ContentAddIcon(), w.showImportWindow),
		widget.NewToolbarAction(theme.HomeIcon(), func() { w.session.Select(app.Selection{}) }),
		widget.NewToolbarSeparator(),
		widget.NewToolbarAction(theme.ContentCopyIcon(), w.copyQuote),
		widget.NewToolbarAction(theme.SearchIcon(), w.focusSearch),
		widget.NewToolbarAction(theme.DocumentIcon(), func() { w.showNotesWindow(nil) }),
		widget.NewToolbarSeparator(),
		widget.NewToolbarAction(theme.ZoomInIcon(), func() { w.mapView.zoomBy(1.5) }),
		widget.NewToolbarAction(theme.ZoomOutIcon(), func() { w.mapView.zoomBy(1 / 1.5) }),
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
			fyne.NewMenuItem("Import…", w.showImportWindow),
			fyne.NewMenuItem("Import REFI-QDA project…", w.showImportProject),
			fyne.NewMenuItem("Export…", w.showExport),
			fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem("Back up…", w.showBackup),
			fyne.NewMenuItem("Restore…", w.showRestore),
			fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem("Show data folder", func() { w.setStatus("Data folder: " + w.cfg.DataDir) }),
		),
		fyne.NewMenu("Edit",
			fyne.NewMenuItem("Undo delete", w.undo),
			fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem("Copy quote", w.copyQuote),
			fyne.NewMenuItem("Search", w.focusSearch),
			fyne.NewMenuItem("Filter actors", w.focusFilter),
			fyne.NewMenuItem("Clear filters", func() { w.filters.reset() }),
			fyne.NewMenuItem("Clear selection", func() { w.session.Select(app.Selection{}) }),
		),
		fyne.NewMenu("View",
			fyne.NewMenuItem("Map", func() { w.showTab(0) }),
			fyne.NewMenuItem("Timeline", func() { w.showTab(1) }),
			fyne.NewMenuItem("All notes", func() { w.showNotesWindow(nil) }),
			fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem("Zoom in", func() { w.mapView.zoomBy(1.5) }),
			fyne.NewMenuItem("Zoom out", func() { w.mapView.zoomBy(1 / 1.5) }),
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
			w.session.Back()
		}
	})
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { w.focusSearch() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyL, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { c.Focus(w.stmtList) })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift},
		func(fyne.Shortcut) { w.showNotesWindow(nil) })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyI, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { w.showImportWindow() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { w.close(); w.fyneApp.Quit() })
}

func (w *mainWindow) focusFilter() { w.win.Canvas().Focus(w.actorFilter) }

func (w *mainWindow) focusSearch() { w.win.Canvas().Focus(w.searchBox) }

// started is called once the window shows: it restores the last selection
// and builds the search index in the background.
func (w *mainWindow) started() {
	w.restoreSelection()
	w.background(func() func() {
		// Building the index is the heaviest start-up work: let the first
		// paint go first.
		if w.painted != nil {
			select {
			case <-w.painted:
			case <-time.After(3 * time.Second):
			}
		}
		err := w.indexed.BuildIndex()
		// Start-up and the index leave garbage behind: give the freed
		// memory back to the system now rather than over minutes.
		debug.FreeOSMemory()
		return func() {
			if err != nil {
				w.setStatus("Search is not available: " + err.Error())
				return
			}
			w.filters.reload()
			if strings.TrimSpace(w.searchBox.Text) != "" {
				w.search()
			}
			// The map's lines come from the index: draw them now.
			w.session.Invalidate()
			w.requestScene(w.session.Selection())
		}
	})
}

// index returns the search index once it is built.
func (w *mainWindow) index() (*search.Index, bool) {
	if w.indexed == nil || !w.indexed.Ready() {
		return nil, false
	}
	ix, err := w.indexed.Index()
	return ix, err == nil
}

// close saves every unsaved note and waits for writes in flight before the
// window goes, so that no edit is lost on quit.
func (w *mainWindow) close() {
	if w.closed {
		return
	}
	w.saveAll()
	if w.notes != nil {
		w.notes.win.Close()
	}
	if w.importer != nil {
		w.importer.cancel.Store(true)
		w.importer.win.Close()
	}
	w.win.Close()
}

// saveAll saves every unsaved note and the window's state, and waits for
// writes in flight; it runs once.
func (w *mainWindow) saveAll() {
	if w.saved {
		return
	}
	w.saved, w.closed = true, true
	w.detail.saveNow()
	w.writes.Wait()
	w.saveWindowState()
}

func (w *mainWindow) casebook() *app.Casebook { return w.session.Casebook }

// write runs a store write off the UI goroutine, like background, and
// counts it until the write itself is done.
func (w *mainWindow) write(work func() func()) {
	w.writes.Add(1)
	w.background(func() func() {
		defer w.writes.Done()
		return work()
	})
}

// notesChanged is called after any note is written or deleted.
func (w *mainWindow) notesChanged() {
	w.session.Invalidate()
	if w.notes != nil {
		w.notes.reload()
	}
}

// casebookChanged shows a casebook that changed under the window (an
// import, a deleted source): the session must have been reloaded first.
func (w *mainWindow) casebookChanged() {
	w.refilterActors()
	w.filters.reload()
	w.timelineFor = "" // the same list may hold other statements now
	w.mapView.Reload()
	if w.notes != nil {
		w.notes.reload()
	}
	// Keep what is selected if it still exists; Restore selects what is
	// left of it otherwise, which redraws by itself.
	sel := w.session.Selection()
	w.session.Restore(sel)
	if w.session.Selection() == sel {
		w.requestScene(sel)
	}
}

// deleteSource removes a source with its statements and the actors only it
// brought, and offers Undo.
func (w *mainWindow) deleteSource(id string) {
	w.write(func() func() {
		gone, err := w.casebook().DeleteSource(id)
		if err == nil {
			err = w.session.Reload()
		}
		return func() {
			if err != nil {
				w.setStatus("Could not delete the source: " + err.Error())
				return
			}
			w.casebookChanged()
			title := ""
			if len(gone.Sources) > 0 {
				title = gone.Sources[0].Title
			}
			w.offerUndo(fmt.Sprintf("Deleted “%s” with %s and %s.", app.Excerpt(title, 60),
				countOf("statement", len(gone.Statements)), countOf("note", len(gone.Notes))),
				func() { w.restoreCase(gone) })
		}
	})
}

// restoreCase puts back what a delete removed.
func (w *mainWindow) restoreCase(gone app.Case) {
	w.write(func() func() {
		err := w.casebook().RestoreCase(gone)
		if err == nil {
			err = w.session.Reload()
		}
		return func() {
			if err != nil {
				w.setStatus("Could not undo: " + err.Error())
				return
			}
			w.casebookChanged()
			w.setStatus("Source restored.")
		}
	})
}

// undoWindow is how long Undo stays offered after a delete.
const undoWindow = 15 * time.Second

// offerUndo shows msg with an Undo button for a while.
func (w *mainWindow) offerUndo(msg string, undo func()) {
	w.setStatus(msg)
	w.undoBtn.OnTapped = func() {
		w.undoBtn.Hide()
		w.undoBtn.OnTapped = nil
		undo()
	}
	w.undoBtn.Show()
	if w.undoTimer != nil {
		w.undoTimer.Stop()
	}
	w.undoTimer = time.AfterFunc(undoWindow, func() {
		w.onUI(func() {
			w.undoBtn.Hide()
			w.undoBtn.OnTapped = nil
		})
	})
}

// undo runs the Undo on offer, if any.
func (w *mainWindow) undo() {
	if f := w.undoBtn.OnTapped; f != nil {
		f()
	} else {
		w.setStatus("Nothing to undo.")
	}
}

// restoreNote puts a deleted note back exactly and shows it again.
func (w *mainWindow) restoreNote(n app.Note) {
	w.write(func() func() {
		err := w.casebook().RestoreNote(n)
		return func() {
			if err != nil {
				w.setStatus("Could not restore the note: " + err.Error())
				return
			}
			w.notesChanged()
			w.setStatus("Note restored.")
			w.requestScene(w.session.Selection())
		}
	})
}

// targetName names a note's target for people.
func (w *mainWindow) targetName(t app.Target) string {
	var name string
	_ = w.store.View(func(r app.Reader) error {
		name = app.TargetLabel(r, t)
		return nil
	})
	return name
}

func (w *mainWindow) copyQuote() {
	if w.scene == nil || w.scene.Statement == nil {
		w.setStatus("Select a statement to copy its quote.")
		return
	}
	w.fyneApp.Clipboard().SetContent(w.scene.Statement.Statement.Quote)
	w.setStatus("Quote copied.")
}

func (w *mainWindow) setStatus(s string) { w.status.SetText(s) }

func (w *mainWindow) refilterActors() {
	w.actorRows = w.session.FilterActors(w.actorFilter.Text)
	w.actorList.Refresh()
	w.syncActorSelection()
}

// requestScene computes the panes for a selection off the UI goroutine and
// shows it when done, unless a newer selection came first.
func (w *mainWindow) requestScene(sel app.Selection) {
	w.seq++
	seq := w.seq
	w.background(func() func() {
		sc, err := w.session.Scene(sel)
		return func() {
			if seq != w.seq {
				return
			}
			if err != nil {
				w.setStatus("Cannot show the selection: " + err.Error())
				return
			}
			w.apply(&sc)
		}
	})
}

// background runs work off the UI goroutine; the function it returns, if
// any, runs back on the UI goroutine. This is where results cross over.
func (w *mainWindow) background(work func() func()) {
	w.busy.add()
	go func() {
		defer w.busy.done()
		if then := work(); then != nil {
			w.onUI(then)
		}
	}()
}

// apply shows a scene in every pane.
func (w *mainWindow) apply(sc *session.Scene) {
	w.scene = sc
	w.stmtTitle.SetText(sc.ListTitle)
	w.syncing = true
	w.stmtList.UnselectAll()
	if id := sc.Selection.Statement; id != "" {
		for i, sid := range sc.StatementIDs {
			if sid == id {
				w.stmtList.Select(i)
				w.stmtList.ScrollTo(i)
				break
			}
		}
	}
	w.syncing = false
	w.stmtList.Refresh()
	if sc.Selection.Statement == "" {
		w.stmtList.ScrollToTop()
	}
	w.syncActorSelection()
	w.mapView.SetScene(sc)
	w.updateTimeline()
	w.detail.flush()
	w.detail.show(sc)
}

// timelineShown reports whether the timeline tab is the one on show.
func (w *mainWindow) timelineShown() bool { return w.mapTabs.Selected().Content == w.timeline }

// updateTimeline gives the timeline the scene's list when it shows, laid
// out in the background; only the focus changes when the list is the same.
func (w *mainWindow) updateTimeline() {
	sc := w.scene
	if sc == nil || !w.timelineShown() {
		return
	}
	key := fmt.Sprintf("%+v|%+v|%d", app.Selection{Actor: sc.Selection.Actor, Place: sc.Selection.Place, Source: sc.Selection.Source}, sc.Filter, len(sc.StatementIDs))
	if key == w.timelineFor {
		w.timeline.selected = sc.Selection.Statement
		w.timeline.Refresh()
		return
	}
	w.timelineFor = key
	ids, focus := sc.StatementIDs, sc.Selection.Statement
	w.background(func() func() {
		d, err := w.session.Timeline(ids, 12)
		return func() {
			if err != nil {
				w.setStatus("Cannot draw the timeline: " + err.Error())
				return
			}
			w.timeline.setData(d, focus)
		}
	})
}

func (w *mainWindow) showTab(i int) { w.mapTabs.SelectIndex(i) }

func (w *mainWindow) syncActorSelection() {
	w.syncing = true
	defer func() { w.syncing = false }()
	w.actorList.UnselectAll()
	w.actorSelected = -1
	if w.scene == nil || w.scene.Selection.Actor == "" {
		return
	}
	for i, r := range w.actorRows {
		if r.Actor.ID == w.scene.Selection.Actor {
			w.actorList.Select(i)
			w.actorList.ScrollTo(i)
			w.actorSelected = i
			return
		}
	}
}

// onUI runs f on the UI goroutine: through fyne.Do in the app, or through
// the queue that waitIdle drains when a test drives the window (Fyne's test
// driver would run it at once on the calling goroutine).
func (w *mainWindow) onUI(f func()) {
	if w.uiQueue != nil {
		w.busy.add()
		w.uiQueue <- f
		w.busy.signal()
		return
	}
	fyne.Do(f)
}

// waitIdle runs queued UI work until no background work is left; tests
// call it from the goroutine that drives the window, as its UI goroutine.
func (w *mainWindow) waitIdle() {
	for {
		select {
		case f := <-w.uiQueue:
			f()
			w.busy.done()
			continue
		default:
		}
		if w.busy.waitChange(func() bool { return len(w.uiQueue) > 0 }) {
			return
		}
	}
}

// tracker counts background work and lets a test wait for it.
type tracker struct {
	mu   sync.Mutex
	cond *sync.Cond
	n    int
	gen  int
}

func (t *tracker) init() { t.cond = sync.NewCond(&t.mu) }

func (t *tracker) add() {
	t.mu.Lock()
	t.n++
	t.mu.Unlock()
}

func (t *tracker) done() {
	t.mu.Lock()
	t.n--
	t.gen++
	t.mu.Unlock()
	t.cond.Broadcast()
}

func (t *tracker) signal() {
	t.mu.Lock()
	t.gen++
	t.mu.Unlock()
	t.cond.Broadcast()
}

// waitChange reports true at once when nothing is running, false at once
// when queued says work is waiting, and otherwise waits until something
// finishes or is queued. Asking queued under the lock matters: work queued
// between the caller's last look at the queue and this call has already
// signalled, and waiting for another signal would wait for ever.
func (t *tracker) waitChange(queued func() bool) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.n == 0 {
		return true
	}
	if queued() {
		return false
	}
	for g := t.gen; g == t.gen; {
		t.cond.Wait()
	}
	return false
}

// overviewSources is how many sources the overview lists.
const overviewSources = 8

// overview is the detail pane with nothing selected: the case at a glance.
func (w *mainWindow) overview() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{caption("Casebook"), heading("Armenia–Azerbaijan: who said what")}
	statements, actors := 0, len(w.session.ActorRows())
	shown := ""
	if w.scene != nil {
		statements = len(w.scene.StatementIDs)
		if !w.scene.Filter.IsZero() {
			// The speakers of what the filter lets through, not everyone.
			actors, shown = len(w.scene.LitActors), " shown by the filter"
		}
	}
	objs = append(objs, para(fmt.Sprintf("%s by %s%s. Click an actor, a place on the map or a statement to read it in full; Esc steps back.",
		countOf("statement", statements), countOf("actor", actors), shown)))
	sources, err := w.store.Sources()
	if err == nil && len(sources) > 0 {
		// The newest few; the rest are a search away.
		slices.SortStableFunc(sources, func(a, b app.Source) int { return strings.Compare(b.Published, a.Published) })
		title := "Sources"
		if len(sources) > overviewSources {
			title = fmt.Sprintf("Sources: the newest %d of %d", overviewSources, len(sources))
			sources = sources[:overviewSources]
		}
		objs = append(objs, caption(title))
		for _, s := range sources {
			objs = append(objs, w.detail.sourceBlock(s)...)
		}
	}
	events, err := w.store.Events()
	if err == nil && len(events) > 0 {
		// Folded until asked for: long wrapped text is slow to lay out,
		// and the timeline tab shows the events too.
		sortEvents(events)
		box := container.NewVBox()
		for _, e := range events {
			when := e.Date
			if e.End != "" {
				when += " – " + e.End
			}
			line := para(when + "  " + e.Title + ". " + e.Text)
			if e.Later {
				line.Importance = widget.LowImportance
			}
			box.Add(line)
		}
		acc := widget.NewAccordion(widget.NewAccordionItem(fmt.Sprintf("Timeline of the case (%d events)", len(events)), box))
		objs = append(objs, acc)
	}
	return objs
}

func sortEvents(evs []app.Event) {
	for i := 1; i < len(evs); i++ {
		for j := i; j > 0 && evs[j].Date < evs[j-1].Date; j-- {
			evs[j], evs[j-1] = evs[j-1], evs[j]
		}
	}
}

func (w *mainWindow) loadWindowState() windowState {
	st := defaultWindowState()
	if b, err := w.store.Setting(settingWindow); err == nil && b != nil {
		_ = json.Unmarshal(b, &st)
	}
	if st.Width < 640 || st.Height < 480 {
		st.Width, st.Height = 1440, 900
	}
	return st
}

func (w *mainWindow) saveWindowState() {
	size, panes := w.win.Canvas().Size(), w.root.Size()
	st := windowState{
		Width: size.Width, Height: size.Height,
		Outer: w.outer.Offset, Left: w.left.Offset, Bottom: w.bottom.Offset,
		Theme:   themeChoice(w.fyneApp),
		ChromeW: size.Width - panes.Width, ChromeH: size.Height - panes.Height,
		MapScale: w.mapView.scale,
	}
	if b, err := json.Marshal(st); err == nil {
		_ = w.store.PutSetting(settingWindow, b)
	}
	// The selection is saved here, on close, rather than on every click:
	// each saved setting is a synced write.
	if b, err := json.Marshal(w.session.Selection()); err == nil {
		_ = w.store.PutSetting(settingSelection, b)
	}
}

// restoreSelection selects what was selected when the window last closed.
func (w *mainWindow) restoreSelection() {
	var sel app.Selection
	if b, err := w.store.Setting(settingSelection); err == nil && b != nil {
		_ = json.Unmarshal(b, &sel)
	}
	if sel.IsZero() {
		w.requestScene(sel)
		return
	}
	w.session.Restore(sel)
	if w.session.Selection().IsZero() {
		w.requestScene(app.Selection{})
	}
}

func (w *mainWindow) setTheme(choice string) {
	applyThemeChoice(w.fyneApp, choice)
	w.fyneApp.Preferences().SetString(prefTheme, choice)
	w.saveWindowState()
}

func (w *mainWindow) cycleTheme() {
	next := map[string]string{"": "light", "light": "dark", "dark": ""}[themeChoice(w.fyneApp)]
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
	showInfo(w.win, "Keyboard", keys)
}

func (w *mainWindow) showAbout() {
	version := w.cfg.Version
	if version == "" {
		version = w.fyneApp.Metadata().Version
	}
	if version == "" {
		version = "development build"
	}
	text := fmt.Sprintf("Parley %s\n\nA casebook for following a peace process from its sources.\n\n"+
		"Map: Natural Earth 1:10m countries, public domain (made with Natural Earth). "+
		"The former oblast, corridor and checkpoint are drawn approximately.\n\nData folder: %s",
		version, w.cfg.DataDir)
	showInfo(w.win, "About Parley", text)
}

// keyList is a widget.List that also opens the highlighted row with Enter.
type keyList struct{ widget.List }

func newKeyList(length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject)) *keyList {
	l := &keyList{}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.ExtendBaseWidget(l)
	return l
}

// TypedKey maps Enter to the list's own "select the highlighted row".
func (l *keyList) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter {
		ev = &fyne.KeyEvent{Name: fyne.KeySpace}
	}
	l.List.TypedKey(ev)
}

func newActorRow() fyne.CanvasObject {
	name := widget.NewLabel("Actor name")
	name.TextStyle.Bold = true
	name.Truncation = fyne.TextTruncateEllipsis
	role := widget.NewLabel("Role")
	role.SizeName = theme.SizeNameCaptionText
	role.Truncation = fyne.TextTruncateEllipsis
	// The count's column is as wide in every row, whatever its number:
	// the name's width then does not change when a row is filled, and its
	// ellipsis is placed once, not again at the next layout.
	count := widget.NewLabel("00000")
	count.Alignment = fyne.TextAlignTrailing
	return container.NewBorder(nil, nil, nil, container.NewGridWrap(count.MinSize(), count),
		container.New(layout.NewCustomPaddedVBoxLayout(-14), name, role))
}

func updateActorRow(o fyne.CanvasObject, r app.ActorRow) {
	c := o.(*fyne.Container)
	texts := c.Objects[0].(*fyne.Container).Objects
	setLabel(texts[0].(*widget.Label), r.Actor.Name)
	setLabel(texts[1].(*widget.Label), r.Actor.Role)
	setLabel(c.Objects[1].(*fyne.Container).Objects[0].(*widget.Label), fmt.Sprint(r.Count))
}

// setLabel sets a label's text if it differs: setting it redraws the label,
// and for one that ends in an ellipsis, shapes its whole text again.
func setLabel(l *widget.Label, text string) {
	if l.Text != text {
		l.SetText(text)
	}
}

func newStatementRow() fyne.CanvasObject {
	speaker := widget.NewLabel("Speaker")
	speaker.TextStyle.Bold = true
	speaker.Truncation = fyne.TextTruncateEllipsis
	date := widget.NewLabel("2000-00-00")
	date.SizeName = theme.SizeNameCaptionText
	quote := widget.NewLabel("Quote")
	quote.Truncation = fyne.TextTruncateEllipsis
	return container.New(layout.NewCustomPaddedVBoxLayout(-14),
		container.NewBorder(nil, nil, nil, date, speaker), quote)
}

func updateStatementRow(o fyne.CanvasObject, st app.Statement, ok bool, s *session.Session) {
	c := o.(*fyne.Container)
	top := c.Objects[0].(*fyne.Container)
	speaker, date := top.Objects[0].(*widget.Label), top.Objects[1].(*widget.Label)
	quote := c.Objects[1].(*widget.Label)
	if !ok {
		setLabel(speaker, "(statement removed)")
		setLabel(date, "")
		setLabel(quote, "")
		return
	}
	setLabel(speaker, s.SpeakerNames(st))
	setLabel(date, st.Date)
	setLabel(quote, rowText(st.Quote))
}

// maxRowRunes is more of a quote than one line of a row shows in the
// widest window; the rest would only be shaped to find where the
// ellipsis goes, for every row at every layout.
const maxRowRunes = 300

// rowText is the start of a quote for a one-line row: whole if short,
// else cut after a word with an ellipsis.
func rowText(s string) string {
	if len(s) <= maxRowRunes || utf8.RuneCountInString(s) <= maxRowRunes {
		return s
	}
	cut := 0
	for i := range s {
		if cut == maxRowRunes {
			s = s[:i]
			break
		}
		cut++
	}
	if sp := strings.LastIndexByte(s, ' '); sp > len(s)/2 {
		s = s[:sp]
	}
	return s + "…"
}
