package views

import (
	_ "codeberg.org/parley/parley/views/locale" // must initialise before Fyne; see the package

	"fmt"
	"os"
	"os/signal"
	"runtime"
	"sync"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/parley/parley/app"

	"codeberg.org/parley/parley/app/search"

	"codeberg.org/parley/parley/app/session"

	"codeberg.org/parley/parley/views/ui"
)

// AppID is Parley's application id, as in FyneApp.toml.
const AppID = "io.parley.casebook"

// Config is what the window needs from main.
type Config struct {
	// Store is the casebook; when it is nil, OpenStore opens it.
	Store        app.Store
	OpenStore    func() (app.Store, error)
	DataDir      string
	Version      string // from FyneApp.toml, for About
	Icon         []byte
	Map          func() (app.RegionMap, error)
	Codes        func() (*app.CodeTables, error)
	StartupProbe bool
}

// textStyles are the styles Parley sets text in: regular and bold. It sets
// none in italics: Fyne parses two fonts for every style it draws (the
// theme's and the system's fallback face), and the italic pair held 4 MB
// for quotes and asides that read as well upright. Text from outside, such
// as emphasis in a note, still loads italics when it first asks for them.
var textStyles = []fyne.TextStyle{{}, {Bold: true}}

// loadFonts loads the fonts of each text style, the styles side by side,
// and returns when all are loaded. A style's fonts take tens of
// milliseconds to load the first time, and Fyne loads them again for every
// caller that asks before they are in its cache: they are loaded here, once,
// before anything else measures text.
func loadFonts() {
	var wg sync.WaitGroup
	for _, st := range textStyles {
		wg.Go(func() { fyne.MeasureText("Parley", theme.TextSize(), st) })
	}
	wg.Wait()
}

// Run opens the main window and blocks until it is closed. It returns the
// process exit code.
//
// The start is laid out for two cores. The main goroutine makes the window:
// the window system and the GL driver take most of the start there. Another
// goroutine opens the casebook and builds the panes, lays them out at the
// size the window will give them, and draws the map, all before the
// window is ready for them; they are handed over through a paneSlot.
func Run(cfg Config) int {
	a := fyneapp.NewWithID(AppID)
	// The theme is set before anything is built: widgets take their colours
	// from it when they are made.
	choice, known := savedThemeChoice(a)
	applyThemeChoice(a, choice)
	first := newFirstFrame()
	slot := newPaneSlot()
	type opening struct {
		w   *mainWindow
		err error
		// migrate: the theme choice is still in the window's state, from
		// before it moved to the preferences; the main goroutine moves it
		// and closes themed before the panes are built in it.
		migrate bool
	}
	opened := make(chan opening, 1)
	themed := make(chan struct{})
	go func() {
		if cfg.Store == nil {
			var err error
			if cfg.Store, err = cfg.OpenStore(); err != nil {
				opened <- opening{err: err}
				return
			}
		}
		w, base, err := openCasebook(a, cfg)
		if err != nil {
			opened <- opening{err: err}
			return
		}
		migrate := !known && w.state.Theme != ""
		opened <- opening{w: w, migrate: migrate}
		if migrate {
			<-themed
		}
		// The fonts load now, not from the start: the window waits for the
		// casebook's state (its size), and the main goroutine makes the
		// window faster with fewer goroutines to share the cores with.
		loadFonts()
		w.makePanes(base)
		w.statusBar.Add(first.obj)
		w.painted = first.painted
		w.root.Resize(w.state.rootSize())
		w.mapView.Prerender(w.state.MapScale)
		// Collect the building's garbage now, on this core, while the main
		// thread is still making the window: the heap's next goal is then
		// far enough off that no collection runs while it paints.
		runtime.GC()
		slot.fill(w.root)
	}()
	if cfg.Icon != nil {
		a.SetIcon(fyne.NewStaticResource("icon.png", cfg.Icon))
	}
	win := a.NewWindow("Parley")
	o := <-opened
	if o.err != nil {
		fmt.Fprintln(os.Stderr, "parley:", o.err)
		if !cfg.StartupProbe {
			// Started from a launcher there is no terminal to read that
			// line: the window says it.
			showStartError(a, win, o.err)
		}
		return 1
	}
	w := o.w
	if o.migrate {
		a.Preferences().SetString(prefTheme, w.state.Theme)
		applyThemeChoice(a, w.state.Theme)
		close(themed)
	}
	win.SetContent(slot)
	win.SetMainMenu(w.menu())
	win.Resize(fyne.NewSize(w.state.Width, w.state.Height))
	win.SetMaster()
	// Show makes the window and paints its first frame, for which it needs
	// the panes: from here on the slot waits for them.
	slot.waitFromNow()
	win.Show()
	first.shown()
	slot.arrived()
	w.connect(win)
	w.started()
	if probe := first; cfg.StartupProbe {
		res := ProbeResult{Window: "parley"}
		finishProbe(a, w.sh.OnUI, probe, &res, func() {
			_ = w.sh.Store.LoadIndex(nil)
			// The scenes the loaded index asked for again.
			time.Sleep(100 * time.Millisecond)
			w.sh.WaitBackground(30 * time.Second)
			all, _ := w.sh.Session.AllStatementIDs()
			res.Statements = len(all)
		})
	}
	// Quitting from the menu or with Ctrl+Q skips the window's close
	// intercept: save there too. The windows are going anyway, so only
	// the data is saved there.
	a.Lifecycle().SetOnStopped(w.saveAll)
	// A logout or kill asks politely first: save notes and state, then quit.
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-stop
		w.sh.OnUI(func() {
			w.close()
			a.Quit()
		})
	}()
	a.Run()
	// A save of the search index may be running: the store is closed
	// after Run returns.
	w.sh.Store.WaitForSaves()
	return 0
}

// build makes the session and the main window; tests call it with a test app.
func build(a fyne.App, cfg Config, win fyne.Window) (*mainWindow, error) {
	w, err := buildPanes(a, cfg)
	if err != nil {
		return nil, err
	}
	if win == nil {
		win = a.NewWindow("Parley")
	}
	w.attach(win)
	return w, nil
}

// buildPanes makes the session and the window's panes, without a window.
func buildPanes(a fyne.App, cfg Config) (*mainWindow, error) {
	w, base, err := openCasebook(a, cfg)
	if err != nil {
		return nil, err
	}
	w.makePanes(base)
	return w, nil
}

// openCasebook reads what the window needs from the casebook and the
// assets, which is all that can fail: the base map, the session, the
// code tables and the window's saved state. It builds no panes.
func openCasebook(a fyne.App, cfg Config) (*mainWindow, app.RegionMap, error) {
	base, err := cfg.Map()
	if err != nil {
		return nil, app.RegionMap{}, err
	}
	// Every write of the window goes through the indexed store, which keeps
	// search current.
	indexed := search.NewIndexedStore(cfg.Store)
	cfg.Store = indexed
	s, err := session.NewSession(&app.Casebook{Store: indexed})
	if err != nil {
		return nil, app.RegionMap{}, fmt.Errorf("reading the casebook: %w", err)
	}
	sh := &ui.Shell{Async: ui.NewAsync(), App: a, Session: s, Store: indexed, DataDir: cfg.DataDir}
	if cfg.Codes != nil {
		if sh.Codes, err = cfg.Codes(); err != nil {
			return nil, app.RegionMap{}, err
		}
	}
	w := &mainWindow{sh: sh, cfg: cfg}
	w.state = w.loadWindowState()
	return w, base, nil
}

// showStartError shows why the casebook could not be opened (another Parley
// has it open, a newer Parley wrote it) in a window of its own, and runs
// until it is closed.
func showStartError(a fyne.App, win fyne.Window, err error) {
	win.SetTitle("Parley")
	msg := widget.NewLabel(err.Error())
	msg.Wrapping = fyne.TextWrapWord
	closeBtn := ui.NewButton("Close", win.Close)
	closeBtn.Importance = widget.HighImportance
	win.SetContent(container.NewPadded(container.NewVBox(
		ui.Heading("Parley cannot open the casebook"), msg, container.NewHBox(layout.NewSpacer(), closeBtn))))
	win.Resize(fyne.NewSize(560, 200))
	win.SetFixedSize(true)
	ui.RouteKeys(win, win.Close, nil)
	win.Show()
	a.Run()
}
