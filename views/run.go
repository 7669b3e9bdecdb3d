// Package views is Parley's window: Fyne widgets that show the casebook and
// change the selection. It talks to package app only, and it is the one
// place that calls fyne.Do to bring results of background work back to the
// UI goroutine.
package views

import (
	_ "codeberg.org/parley/parley/views/locale" // must initialise before Fyne; see the package

	"fmt"
	"os"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/parley/parley/app"
)

// AppID is Parley's application id, as in FyneApp.toml.
const AppID = "io.parley.casebook"

// Config is what the window needs from main.
type Config struct {
	Store        app.Store
	Icon         []byte
	Map          func() (app.RegionMap, error)
	StartupProbe bool
}

// Run opens the main window and blocks until it is closed. It returns the
// process exit code.
func Run(cfg Config) int {
	a := fyneapp.NewWithID(AppID)
	if cfg.Icon != nil {
		a.SetIcon(fyne.NewStaticResource("icon.png", cfg.Icon))
	}
	w := a.NewWindow("Parley")
	cb := &app.Casebook{Store: cfg.Store}
	rows, err := cb.ActorRows()
	if err != nil {
		fmt.Fprintln(os.Stderr, "parley:", err)
		return 1
	}
	list := widget.NewList(
		func() int { return len(rows) },
		func() fyne.CanvasObject { return widget.NewLabel("actor") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(fmt.Sprintf("%s (%d)", rows[i].Actor.Name, rows[i].Count))
		})
	w.SetContent(container.NewBorder(widget.NewLabel("Actors"), nil, nil, nil, list))
	w.Resize(fyne.NewSize(1280, 800))
	w.ShowAndRun()
	return 0
}
