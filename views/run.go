// Package views is Parley's window: Fyne widgets that show the casebook and
// change the selection. It talks to package app only, and it is the one
// place that calls fyne.Do to bring results of background work back to the
// UI goroutine.
package views

import (
	_ "codeberg.org/parley/parley/views/locale" // must initialise before Fyne; see the package

	"fmt"
	"os"
	"os/signal"
	"syscall"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/theme"

	"codeberg.org/parley/parley/app"
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

// warmFonts loads the font of each text style, which takes tens of
// milliseconds each the first time; on another core, while the store opens
// and the window is made, it costs the start nothing.
func warmFonts() {
	for _, st := range textStyles {
		fyne.MeasureText("Parley", theme.TextSize(), st)
	}
}

// Run opens the main window and blocks until it is closed. It returns the
// process exit code.
func Run(cfg Config) int {
	a := fyneapp.NewWithID(AppID)
	// The theme is set before anything is built: widgets take their colours
	// from it when they are made.
	choice, known := savedThemeChoice(a)
	applyThemeChoice(a, choice)
	go warmFonts()
	// The casebook opens and the panes are built on another goroutine while
	// this one, which must, makes the window: on two cores the two overlap.
	type panes struct {
		w   *mainWindow
		err error
	}
	built := make(chan panes, 1)
	go func() {
		if cfg.Store == nil {
			var err error
			if cfg.Store, err = cfg.OpenStore(); err != nil {
				built <- panes{err: err}
				return
			}
		}
		w, err := buildPanes(a, cfg)
		built <- panes{w, err}
	}()
	if cfg.Icon != nil {
		a.SetIcon(fyne.NewStaticResource("icon.png", cfg.Icon))
	}
	win := a.NewWindow("Parley")
	p := <-built
	if p.err != nil {
		fmt.Fprintln(os.Stderr, "parley:", p.err)
		return 1
	}
	// A choice saved with the window's state before it moved to the
	// preferences: move it, and build the panes again in that theme, once.
	if !known && p.w.state.Theme != "" {
		a.Preferences().SetString(prefTheme, p.w.state.Theme)
		applyThemeChoice(a, p.w.state.Theme)
		if p.w, p.err = buildPanes(a, cfg); p.err != nil {
			fmt.Fprintln(os.Stderr, "parley:", p.err)
			return 1
		}
	}
	w := p.w
	w.attach(win)
	w.win.SetMaster()
	first := newFirstFrame()
	w.statusBar.Add(first.obj)
	w.painted = first.painted
	w.win.Show()
	w.started()
	if probe := first; cfg.StartupProbe {
		res := ProbeResult{Window: "parley"}
		finishProbe(a, probe, &res, func() {
			_ = w.indexed.BuildIndex()
			all, _ := w.session.AllStatementIDs()
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
		fyne.Do(func() {
			w.close()
			a.Quit()
		})
	}()
	a.Run()
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
	base, err := cfg.Map()
	if err != nil {
		return nil, err
	}
	// Every write of the window goes through the indexed store, which keeps
	// search current.
	indexed := app.NewIndexedStore(cfg.Store)
	cfg.Store = indexed
	session, err := app.NewSession(&app.Casebook{Store: indexed})
	if err != nil {
		return nil, fmt.Errorf("reading the casebook: %w", err)
	}
	w := newMainWindow(a, cfg, session, base)
	w.indexed = indexed
	if cfg.Codes != nil {
		if w.codes, err = cfg.Codes(); err != nil {
			return nil, err
		}
	}
	return w, nil
}
