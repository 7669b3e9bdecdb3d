// Package ui is what every pane of the window shares: the shell a pane may
// ask things of (the casebook and session, the status line, Undo, other
// windows, and the events panes announce to each other), the bridge that
// brings background work back to the UI goroutine (the one caller of
// fyne.Do), and a few small widgets and text helpers.
package ui
