package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/search"
	"codeberg.org/parley/parley/app/session"
)

// NewTestShell makes a shell over a store for a pane's tests, on a test
// app: its UI work waits for WaitIdle, its main window is a plain window,
// and what it asks of the main window is written down rather than shown
// (Status holds the last line, Undo the last Undo offered).
func NewTestShell(a fyne.App, store *search.IndexedStore) (*TestShell, error) {
	s, err := session.NewSession(&app.Casebook{Store: store})
	if err != nil {
		return nil, err
	}
	ts := &TestShell{}
	ts.Shell = &Shell{Async: NewAsync(), App: a, Session: s, Store: store}
	ts.DriveFromTest()
	ts.SetWindow(a.NewWindow("Parley"))
	ts.Status = func(text string) { ts.LastStatus = text }
	ts.OfferUndo = func(_ string, undo func()) { ts.Undo = undo }
	ts.ShowNotes = func(*app.Target) {}
	ts.ShowSelection = s.Select
	ts.SaveEdits = func() {}
	return ts, nil
}

// TestShell is a Shell for a pane's tests.
type TestShell struct {
	*Shell
	LastStatus string
	Undo       func()
}

// TrackRows records which rendered object shows which row of a list, so
// that a test can find a row, and tap it, where it is drawn.
func TrackRows(l *widget.List) map[widget.ListItemID]fyne.CanvasObject {
	rows := map[widget.ListItemID]fyne.CanvasObject{}
	update := l.UpdateItem
	l.UpdateItem = func(i widget.ListItemID, o fyne.CanvasObject) {
		for id, obj := range rows {
			if obj == o {
				delete(rows, id)
			}
		}
		rows[i] = o
		update(i, o)
	}
	return rows
}
