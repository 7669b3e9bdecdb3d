// Package views is Parley's window. This package is the shell: it starts the
// app, lays the panes out, keeps the window's menus, shortcuts and state,
// and gives every pane the scene of the session's selection. The panes live
// in the packages below it, one each (mapview, timeline, actors,
// statements, detail, notes, searchbox, filterbar, importwin, fileops);
// they talk to the session and to the shell of views/ui, never to each
// other. views/ui is also the one place that calls fyne.Do.
package views
