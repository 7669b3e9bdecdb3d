package ui

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/search"
	"codeberg.org/parley/parley/app/session"
)

// Event is something one pane tells the others about. Panes never reach
// into each other: they change the session's selection, or announce one of
// these, and whoever cares listens.
type Event int

// The events panes announce.
const (
	// NotesChanged: a note was written, deleted or restored.
	NotesChanged Event = iota
	// CasebookChanged: items came or went (an import, a restore, a deleted
	// source). The session has been reloaded before it is announced.
	CasebookChanged
	// StatementChanged: one statement was rewritten (its coding, its
	// recipients); the id is given.
	StatementChanged
	// InboxChanged: articles came into the feeds' inbox or left it.
	InboxChanged
	events
)

// Shell is what every pane may ask of the window it sits in: the casebook
// and its session, the bridge to background work, the status line, Undo,
// the other windows, and the events panes announce. The main window fills
// it in; a pane keeps a pointer to it and nothing else of the window.
type Shell struct {
	*Async
	App     fyne.App
	Session *session.Session
	// Store is the casebook every write goes through: it keeps the search
	// index current.
	Store   *search.IndexedStore
	Codes   *app.CodeTables
	DataDir string

	win       fyne.Window
	listeners [events][]func(id string)

	releaseMu    sync.Mutex
	releaseTimer *time.Timer

	// Set by the main window.

	// Status shows a line in the status bar.
	Status func(string)
	// OfferUndo shows msg with an Undo button for a while.
	OfferUndo func(msg string, undo func())
	// ShowNotes opens the notes window, on one item's notes when target is
	// not nil.
	ShowNotes func(target *app.Target)
	// ShowSelection selects sel everywhere and shows it in the detail pane,
	// even when it is already the selection (the pane may show results).
	ShowSelection func(sel app.Selection)
	// SaveEdits saves every note being edited before it returns.
	SaveEdits func()
	// EditNote shows a note's item and opens the note's editor there.
	EditNote func(n app.Note)
	// ShowSource opens the sources window on a source, its reader
	// scrolled to a statement's words when statement is not "", or else
	// to the code point at (when at >= 0).
	ShowSource func(source, statement string, at int)
}

// releaseDelay is how long after the last ReleasePagesSoon the pages go
// back: a scene is followed by the timeline's work, which reads them too.
const releaseDelay = 250 * time.Millisecond

// ReleasePagesSoon gives back, a moment after the last piece of work over
// much of the casebook asked for it, the pages of the casebook's files that
// such work has mapped into the process: the saved search index's and
// Badger's tables'. They stay in the system's file cache, and what reads
// them again maps them again at once; without this, a scene of a million
// statements leaves a hundred megabytes of them counted as the window's.
func (s *Shell) ReleasePagesSoon() {
	s.releaseMu.Lock()
	defer s.releaseMu.Unlock()
	if s.releaseTimer != nil {
		s.releaseTimer.Stop()
	}
	store := s.Store
	s.releaseTimer = time.AfterFunc(releaseDelay, func() {
		store.ReleaseMappedPages()
		if pr, ok := store.Store.(search.PageReleaser); ok {
			_ = pr.ReleaseReadPages() // only memory: nothing to report
		}
	})
}

// Window is the main window, nil until it exists.
func (s *Shell) Window() fyne.Window { return s.win }

// SetWindow makes win the main window.
func (s *Shell) SetWindow(win fyne.Window) { s.win = win }

// Casebook is the use cases on the shell's store.
func (s *Shell) Casebook() *app.Casebook { return s.Session.Casebook }

// Listen calls fn whenever e is announced, on the UI goroutine.
func (s *Shell) Listen(e Event, fn func(id string)) { s.listeners[e] = append(s.listeners[e], fn) }

// Announce tells the listeners of e, in the order they listened; call it on
// the UI goroutine.
func (s *Shell) Announce(e Event, id string) {
	for _, fn := range s.listeners[e] {
		fn(id)
	}
}

// Index returns the search index once it is built.
func (s *Shell) Index() (*search.Index, bool) {
	if s.Store == nil || !s.Store.Ready() {
		return nil, false
	}
	ix, err := s.Store.Index()
	return ix, err == nil
}

// SetStatus shows a line in the status bar, when there is one.
func (s *Shell) SetStatus(text string) {
	if s.Status != nil {
		s.Status(text)
	}
}

// Change runs a write that changes what the panes show, off the UI
// goroutine, and reloads the session after it; back on the UI goroutine it
// announces CasebookChanged (with id) and then calls done, or calls done
// with the error alone when the write failed.
func (s *Shell) Change(id string, write func(*app.Casebook) error, done func(error)) {
	s.Write(func() func() {
		err := write(s.Casebook())
		if err == nil {
			err = s.Session.Reload()
		}
		return func() {
			if err == nil {
				s.Announce(CasebookChanged, id)
			}
			if done != nil {
				done(err)
			}
		}
	})
}

// UndoChange runs an undo as Change does; a failure is said on the status
// line, and status, when not "", once it is done.
func (s *Shell) UndoChange(id, status string, undo func(*app.Casebook) error) {
	s.Change(id, undo, func(err error) {
		switch {
		case err != nil:
			s.SetStatus("Could not undo: " + err.Error())
		case status != "":
			s.SetStatus(status)
		}
	})
}
