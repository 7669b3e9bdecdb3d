package views

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/feeds"
	"codeberg.org/parley/parley/app/session"
	"codeberg.org/parley/parley/views/actors"
	"codeberg.org/parley/parley/views/detail"
	"codeberg.org/parley/parley/views/fileops"
	"codeberg.org/parley/parley/views/filterbar"
	"codeberg.org/parley/parley/views/importwin"
	"codeberg.org/parley/parley/views/inbox"
	"codeberg.org/parley/parley/views/mapview"
	"codeberg.org/parley/parley/views/notes"
	"codeberg.org/parley/parley/views/searchbox"
	"codeberg.org/parley/parley/views/sources"
	"codeberg.org/parley/parley/views/statements"
	"codeberg.org/parley/parley/views/timeline"
	"codeberg.org/parley/parley/views/ui"
)

// mainWindow is Parley's one window: it lays the panes out, gives each the
// scene of the session's selection, and answers what they ask through the
// shell. The panes never reach into each other.
type mainWindow struct {
	sh    *ui.Shell
	cfg   Config
	win   fyne.Window
	state windowState
	root  fyne.CanvasObject

	mapView    *mapview.Map
	timeline   *timeline.View
	mapTabs    *container.AppTabs
	actors     *actors.Pane
	statements *statements.Pane
	detail     *detail.Pane
	searchBox  *searchbox.Box
	filters    *filterbar.Bar
	files      *fileops.Ops
	notesWin   *notes.Window
	sourcesWin *sources.Window
	importWin  *importwin.Window
	inboxWin   *inbox.Window
	// feedFetcher fetches the feeds while the window is open; inboxBtn
	// shows how many articles wait in the inbox; stopFeeds ends the
	// schedule.
	feedFetcher *inbox.Fetcher
	inboxBtn    *ui.Button
	stopFeeds   chan struct{}
	// recodeCtx is cancelled by stopRecode when the window closes, to stop
	// suggesting codes again after the batch being written.
	recodeCtx  context.Context
	stopRecode context.CancelFunc

	status    *widget.Label
	summary   *widget.Label // what is selected, and the counts
	undoBtn   *ui.Button
	undoTimer *time.Timer
	statusBar *fyne.Container // the right of the status bar: Undo
	// painted is closed when the window has first been painted; nil in
	// tests.
	painted <-chan struct{}

	outer, left, bottom *container.Split
	// mainMenu and themeItems are kept to mark the theme in use.
	mainMenu   *fyne.MainMenu
	themeItems map[string]*fyne.MenuItem

	// scene is the scene the panes show; seq numbers scene requests, and
	// only the newest one's result is shown.
	scene  *session.Scene
	seq    uint64
	closed bool
	saved  bool
	// quit ends the app (tests count it instead).
	quit func()
	// lastUndo undoes the last delete; nil when there is nothing to undo.
	lastUndo func()
	// pendingEdit is a note to open in its editor once its item is shown.
	pendingEdit string
}

// makePanes builds the window's panes on the base map. It touches no
// window, so it may run on another goroutine while the main one makes the
// window; attach puts the panes in one.
func (w *mainWindow) makePanes(base app.RegionMap) {
	sh := w.sh
	sh.Status, sh.OfferUndo, sh.ShowNotes, sh.ShowSelection = w.setStatus, w.offerUndo, w.showNotes, w.showSelection
	sh.EditNote, sh.ShowSource = w.editNote, w.showSource
	w.mapView = mapview.New(sh.Session, base)
	w.timeline = timeline.New(sh)
	w.actors = actors.New(sh)
	w.statements = statements.New(sh)
	w.detail = detail.New(sh)
	sh.SaveEdits = w.detail.SaveNow
	w.files = fileops.New(sh)
	w.searchBox = searchbox.New(sh)
	w.searchBox.ShowResults = w.detail.ShowOther
	w.searchBox.Showing = w.detail.ShowingOther
	w.searchBox.Restore = func() {
		if w.scene != nil {
			w.detail.Show(w.scene)
		}
	}
	w.filters = filterbar.New(sh)
	w.filters.OnApplied = func() {
		if w.searchBox.Active() {
			w.searchBox.Search()
		}
	}
	w.status = widget.NewLabel("")
	w.status.Truncation = fyne.TextTruncateEllipsis
	w.summary = widget.NewLabel("")
	w.summary.TextStyle.Bold = true
	w.undoBtn = ui.NewButtonWithIcon("Undo", theme.ContentUndoIcon(), nil)
	w.undoBtn.Hide()

	sh.Listen(ui.NotesChanged, func(string) { w.notesChanged() })
	sh.Listen(ui.CasebookChanged, func(string) { w.casebookChanged() })
	sh.Listen(ui.StatementChanged, func(id string) { w.statementChanged(id) })

	w.bottom = container.NewHSplit(w.actors.Object(), w.statements.Object())
	w.bottom.Offset = w.state.Bottom
	w.mapTabs = container.NewAppTabs(
		container.NewTabItemWithIcon("Map", theme.GridIcon(), w.mapView),
		container.NewTabItemWithIcon("Timeline", theme.HistoryIcon(), w.timeline))
	w.mapTabs.OnSelected = func(*container.TabItem) { w.updateTimeline() }
	w.left = container.NewVSplit(w.mapTabs, w.bottom)
	w.left.Offset = w.state.Left
	w.outer = container.NewHSplit(w.left, w.detail.Object())
	w.outer.Offset = w.state.Outer

	w.statusBar = container.NewHBox(w.undoBtn)
	// The status bar: what is selected and how much is listed, then the
	// last message, then Undo when there is one.
	statusBar := container.NewBorder(nil, nil, w.summary, w.statusBar, w.status)
	search := container.NewGridWrap(fyne.NewSize(420, w.searchBox.MinSize().Height), w.searchBox)
	top := container.NewVBox(container.NewBorder(nil, nil, nil, search, w.toolbar()), w.filters.Object())
	if reason := sh.Store.ReadOnly(); reason != "" {
		// Said at the top, where it is seen before any change is tried.
		banner := widget.NewLabel("Read-only: " + reason + ".")
		banner.Importance = widget.WarningImportance
		banner.Wrapping = fyne.TextWrapWord
		top.Objects = append([]fyne.CanvasObject{banner}, top.Objects...)
	}
	// The panes in the order Tab walks them: the top bars, then the map,
	// the lists and the detail, then the status bar (NewBorder would put
	// the middle first).
	w.root = container.New(layout.NewBorderLayout(top, statusBar, nil, nil), top, w.outer, statusBar)
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
	w.sh.SetWindow(win)
	w.bindKeys()
	win.SetCloseIntercept(w.close)
	w.sh.Session.OnChange(w.requestScene)
}

// started is called once the window shows: it restores the last selection
// and builds the search index in the background.
func (w *mainWindow) started() {
	w.recodeCtx, w.stopRecode = context.WithCancel(context.Background())
	w.restoreSelection()
	w.sh.Listen(ui.InboxChanged, func(string) { w.countInbox() })
	w.countInbox()
	if w.painted != nil { // not in tests: they fetch when they say
		w.startFeedSchedule()
	}
	w.sh.Background(func() func() {
		// Building the index is the heaviest start-up work: let the first
		// paint go first.
		if w.painted != nil {
			select {
			case <-w.painted:
			case <-time.After(3 * time.Second):
			}
		}
		// A casebook without a saved index (one written by an older
		// Parley, or generated) has it built once: say how far along.
		// A build done within half a second says nothing.
		start, shown := time.Now(), time.Time{}
		err := w.sh.Store.LoadIndex(func(done, total int) {
			if time.Since(start) < 500*time.Millisecond || time.Since(shown) < 250*time.Millisecond {
				return
			}
			shown = time.Now()
			msg := fmt.Sprintf("Building the search index: %d items…", done)
			if total > 0 {
				msg = fmt.Sprintf("Building the search index: %d%%…", done*100/total)
			}
			w.sh.OnUI(func() { w.setStatus(msg) })
		})
		// Start-up and the index leave garbage behind: give the freed
		// memory back to the system now rather than over minutes.
		debug.FreeOSMemory()
		if err == nil && w.sh.Store.ReadOnly() == "" {
			w.recodeSuggestions()
		}
		return func() {
			if err != nil {
				w.setStatus("Search is not available: " + err.Error())
				return
			}
			if !shown.IsZero() {
				w.setStatus("The search index is built.")
			}
			w.filters.Reload()
			if strings.TrimSpace(w.searchBox.Text) != "" {
				w.searchBox.Search()
			}
			// The map's lines come from the index: draw them now.
			w.sh.Session.Invalidate()
			w.requestScene(w.sh.Session.Selection())
		}
	})
}

// recodeSuggestions suggests again, in the background, the codes Parley
// suggested with the rules of an earlier release, once after the rules
// changed; confirmed codes stay as they are.
func (w *mainWindow) recodeSuggestions() {
	w.sh.Write(func() func() {
		n, err := app.RecodeSuggestions(w.recodeCtx, w.sh.Store)
		return func() {
			switch {
			case errors.Is(err, context.Canceled):
			case err != nil:
				w.setStatus("Suggesting codes again failed: " + err.Error())
			case n > 0:
				w.setStatus(fmt.Sprintf("Codes suggested again with this Parley's rules: %s changed; confirmed codes are as they were.", ui.CountOf("statement", n)))
				w.sh.Session.Invalidate()
				w.requestScene(w.sh.Session.Selection())
			}
		}
	})
}

// close saves every unsaved note and waits for writes in flight before the
// window goes, so that no edit is lost on quit.
func (w *mainWindow) close() {
	if w.closed {
		return
	}
	w.saveAll()
	if w.sourcesWin != nil && !w.sourcesWin.Closed() {
		w.sourcesWin.Close()
	}
	if w.notesWin != nil && !w.notesWin.Closed() {
		w.notesWin.Close()
	}
	if w.importWin != nil && !w.importWin.Closed() {
		w.importWin.Close()
	}
	if w.inboxWin != nil && !w.inboxWin.Closed() {
		w.inboxWin.Close()
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
	w.stopFeedSchedule()
	if w.stopRecode != nil {
		w.stopRecode() // the batch being written is finished, the rest is left for the next start
	}
	w.detail.SaveNow()
	w.sh.WaitWrites()
	w.saveWindowState()
}

// notesChanged follows a note written or deleted anywhere.
func (w *mainWindow) notesChanged() {
	w.sh.Session.Invalidate()
	if w.notesWin != nil && !w.notesWin.Closed() {
		w.notesWin.Reload()
	}
}

// casebookChanged shows a casebook that changed under the window (an
// import, a restore, a deleted source): the session has been reloaded.
func (w *mainWindow) casebookChanged() {
	w.actors.Refilter()
	w.filters.Reload()
	w.timeline.Forget()
	w.mapView.Reload()
	if w.notesWin != nil && !w.notesWin.Closed() {
		w.notesWin.Reload()
	}
	// Keep what is selected if it still exists; Restore selects what is
	// left of it otherwise, which redraws by itself.
	sel := w.sh.Session.Selection()
	w.sh.Session.Restore(sel)
	if w.sh.Session.Selection() == sel {
		w.requestScene(sel)
	}
}

// statementChanged redraws after a statement was rewritten.
func (w *mainWindow) statementChanged(id string) {
	w.sh.Session.Changed(id)
	w.timeline.Forget()
	w.requestScene(w.sh.Session.Selection())
}

// undoWindow is how long Undo stays offered after a delete.
const undoWindow = 15 * time.Second

// offerUndo shows msg with an Undo button for a while; Ctrl+Z undoes it for
// as long as the window stays open and nothing else is deleted.
func (w *mainWindow) offerUndo(msg string, undo func()) {
	w.setStatus(msg)
	w.lastUndo = undo
	w.undoBtn.OnTapped = w.undo
	w.undoBtn.Show()
	if w.undoTimer != nil {
		w.undoTimer.Stop()
	}
	w.undoTimer = time.AfterFunc(undoWindow, func() {
		w.sh.OnUI(func() {
			w.undoBtn.Hide()
			w.undoBtn.OnTapped = nil
		})
	})
}

// undo undoes the last delete, once.
func (w *mainWindow) undo() {
	w.undoBtn.Hide()
	w.undoBtn.OnTapped = nil
	if f := w.lastUndo; f != nil {
		w.lastUndo = nil
		f()
	} else {
		w.setStatus("Nothing to undo.")
	}
}

func (w *mainWindow) setStatus(s string) { w.status.SetText(s) }

// showNotes opens the notes window, a new one if it was closed.
func (w *mainWindow) showNotes(target *app.Target) {
	if w.notesWin == nil || w.notesWin.Closed() {
		w.notesWin = notes.NewWindow(w.sh)
	}
	w.notesWin.Show(target)
}

// showSource opens the sources window, a new one if it was closed, on a
// source (none: the list alone).
func (w *mainWindow) showSource(source, statement string, at int) {
	if w.sourcesWin == nil || w.sourcesWin.Closed() {
		w.sourcesWin = sources.New(w.sh)
	}
	w.sourcesWin.Show(source, statement, at)
}

// showImport opens the import window, a new one if it was closed.
func (w *mainWindow) showImport() {
	if w.importWin == nil || w.importWin.Closed() {
		w.importWin = importwin.New(w.sh)
	}
	w.importWin.Show()
}

// changeCode opens the menu of codes for the statement shown (Ctrl+Shift+K).
func (w *mainWindow) changeCode() {
	if !w.detail.ShowCodeMenu() {
		w.setStatus("Select a statement to change its code.")
	}
}

// confirmCode confirms the code Parley suggested for the statement shown:
// one keystroke (Ctrl+K) for the check the detail pane asks for.
func (w *mainWindow) confirmCode() {
	id := w.sh.Session.Selection().Statement
	if id == "" {
		w.setStatus("Select a statement to confirm its code.")
		return
	}
	store := w.sh.Store
	w.sh.Write(func() func() {
		st, err := store.Statement(id)
		msg, confirmed := "Code confirmed: ", false
		switch {
		case err != nil:
			msg = "Could not confirm the code: " + err.Error()
		case st.Coding.IsZero():
			msg = "This statement has no code to confirm: choose one with Change the code… in the detail pane."
		case st.Coding.Confirmed:
			msg = "This statement's code is confirmed already."
		default:
			_, err = w.sh.Casebook().SetCoding(id, st.Coding)
			confirmed = err == nil
			if err != nil {
				msg = "Could not confirm the code: " + err.Error()
			} else if w.sh.Codes != nil {
				msg += w.sh.Codes.Words(st.Coding) + "."
			} else {
				msg += st.Coding.CAMEO + "."
			}
		}
		return func() {
			w.setStatus(msg)
			if confirmed {
				w.sh.Announce(ui.StatementChanged, id)
			}
		}
	})
}

// showInbox opens the inbox window, a new one if it was closed.
func (w *mainWindow) showInbox() {
	if w.inboxWin == nil || w.inboxWin.Closed() {
		w.inboxWin = inbox.New(w.sh)
		w.inboxWin.Review = func(items []app.InboxItem) {
			w.showImport()
			w.importWin.AddInbox(items)
		}
		w.inboxWin.Fetch = func(list []app.Feed) { w.feeds().Run(list, true) }
	}
	w.inboxWin.Show()
}

// feeds is the window's feed fetcher.
func (w *mainWindow) feeds() *inbox.Fetcher {
	if w.feedFetcher == nil {
		w.feedFetcher = inbox.NewFetcher(w.sh)
		w.feedFetcher.Done = func(results []feeds.Result) {
			n := 0
			for _, r := range results {
				n += r.New
			}
			if n > 0 {
				w.setStatus(fmt.Sprintf("%s in the inbox.", ui.CountOf("new article", n)))
				w.sh.Announce(ui.InboxChanged, "")
			}
			if w.inboxWin != nil && !w.inboxWin.Closed() {
				w.inboxWin.FetchDone(results)
			}
		}
	}
	return w.feedFetcher
}

// startFeedSchedule fetches the feeds that are due, a little after the
// window opens and then every minute while it is open (each feed at its
// own interval, later after errors).
func (w *mainWindow) startFeedSchedule() {
	if w.stopFeeds != nil {
		return
	}
	w.stopFeeds = make(chan struct{})
	stop := w.stopFeeds
	go func() {
		wait := 15 * time.Second
		for {
			select {
			case <-stop:
				return
			case <-time.After(wait):
			}
			wait = time.Minute
			w.sh.OnUI(func() {
				if !w.closed {
					w.feeds().Run(nil, false)
				}
			})
		}
	}()
}

func (w *mainWindow) stopFeedSchedule() {
	if w.stopFeeds != nil {
		close(w.stopFeeds)
		w.stopFeeds = nil
	}
	if w.feedFetcher != nil {
		w.feedFetcher.Stop()
	}
}

// countInbox shows on the inbox button how many articles wait there.
func (w *mainWindow) countInbox() {
	store := w.sh.Store
	w.sh.Background(func() func() {
		n := 0
		if fs, err := app.FeedStoreOf(store); err == nil {
			n, _ = fs.InboxSize()
		}
		return func() {
			if w.inboxBtn == nil {
				return
			}
			w.inboxBtn.SetText(fmt.Sprintf("Inbox %d", n))
			if n > 0 {
				w.inboxBtn.Importance = widget.HighImportance
			} else {
				w.inboxBtn.Importance = widget.LowImportance
			}
			w.inboxBtn.Refresh()
		}
	})
}

// showSelection selects sel everywhere, and shows it in the detail pane
// even when it is already the selection (the pane may be showing results).
func (w *mainWindow) showSelection(sel app.Selection) {
	if w.sh.Session.Selection() == sel {
		w.requestScene(sel)
		return
	}
	w.sh.Session.Select(sel)
}

// requestScene computes the panes for a selection off the UI goroutine and
// shows it when done, unless a newer selection came first.
func (w *mainWindow) requestScene(sel app.Selection) {
	w.seq++
	seq := w.seq
	w.sh.Background(func() func() {
		sc, err := w.sh.Session.Scene(sel)
		w.sh.ReleasePagesSoon()
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

// apply shows a scene in every pane.
func (w *mainWindow) apply(sc *session.Scene) {
	w.scene = sc
	w.summary.SetText(w.describeScene(sc))
	w.statements.SetScene(sc)
	w.actors.SetScene(sc)
	w.mapView.SetScene(sc)
	w.updateTimeline()
	w.detail.Show(sc)
	if id := w.pendingEdit; id != "" {
		w.pendingEdit = ""
		w.detail.EditNote(id)
	}
}

// editNote shows a note's item and opens the note's editor in the detail
// pane, once the item is shown.
func (w *mainWindow) editNote(n app.Note) {
	w.pendingEdit = n.ID
	sel := w.sh.Session.Selection()
	w.sh.Session.SelectTarget(n.Target)
	if w.sh.Session.Selection() == sel {
		w.requestScene(sel) // already shown: show it again, with the editor
	}
}

// updateTimeline gives the timeline the scene when it is on show.
func (w *mainWindow) updateTimeline() {
	if w.scene != nil && w.mapTabs.Selected().Content == w.timeline {
		w.timeline.SetScene(w.scene)
	}
}

func (w *mainWindow) showTab(i int) { w.mapTabs.SelectIndex(i) }

// copyQuote puts the focused statement's quote on the clipboard.
func (w *mainWindow) copyQuote() { w.detail.CopyQuote() }

// describe is a line about the casebook for the About box.
func (w *mainWindow) describe() string {
	return fmt.Sprintf("Data folder: %s", w.cfg.DataDir)
}

// describeScene says in the status bar what is selected and how many
// statements are listed of the casebook's.
func (w *mainWindow) describeScene(sc *session.Scene) string {
	sel := sc.Selection
	name := func(id string) string {
		if a, ok := w.sh.Session.Actor(id); ok {
			return a.Name
		}
		return id
	}
	var what string
	switch {
	case sc.Statement != nil:
		what = "A statement by " + w.sh.Session.SpeakerNames(sc.Statement.Statement)
	case sel.Actor != "" && sel.Recipient != "":
		what = name(sel.Actor) + " → " + name(sel.Recipient)
	case sc.Actor != nil:
		what = sc.Actor.Actor.Name
	case sc.Place != nil:
		what = sc.Place.Place.Name
	case sc.Source != nil:
		what = app.Excerpt(sc.Source.Source.Title, 40)
	default:
		what = "The whole casebook"
	}
	total := sc.Unfiltered
	if all, err := w.sh.Session.AllStatementIDs(); err == nil {
		total = len(all)
	}
	listed := fmt.Sprintf("%d of %d statements listed", len(sc.StatementIDs), total)
	if !sc.Filter.IsZero() {
		listed += " (filtered)"
	}
	return what + " · " + listed
}
