package views

import (
	"encoding/json"

	"fyne.io/fyne/v2"

	"codeberg.org/parley/parley/app"
)

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

func (w *mainWindow) loadWindowState() windowState {
	st := defaultWindowState()
	if b, err := w.sh.Store.Setting(settingWindow); err == nil && b != nil {
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
		Theme:   themeChoice(w.sh.App),
		ChromeW: size.Width - panes.Width, ChromeH: size.Height - panes.Height,
		MapScale: w.mapView.Scale(),
	}
	if b, err := json.Marshal(st); err == nil {
		_ = w.sh.Store.PutSetting(settingWindow, b)
	}
	// The selection is saved here, on close, rather than on every click:
	// each saved setting is a synced write.
	if b, err := json.Marshal(w.sh.Session.Selection()); err == nil {
		_ = w.sh.Store.PutSetting(settingSelection, b)
	}
}

// restoreSelection selects what was selected when the window last closed.
func (w *mainWindow) restoreSelection() {
	var sel app.Selection
	if b, err := w.sh.Store.Setting(settingSelection); err == nil && b != nil {
		_ = json.Unmarshal(b, &sel)
	}
	if sel.IsZero() {
		w.requestScene(sel)
		return
	}
	w.sh.Session.Restore(sel)
	if w.sh.Session.Selection().IsZero() {
		w.requestScene(app.Selection{})
	}
}
