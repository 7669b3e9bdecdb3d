package views

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// paneSlot is the window's content while its panes are built on another
// goroutine. It lets the window be made (some 50 ms of the start, spent in
// the window system and the GL driver) before the panes exist: until they
// arrive it is empty, and once told to wait it holds the main goroutine at
// the first question about its size or contents until they do, which is
// before the first frame is painted.
//
// The builder owns the panes until fill; the channel's close hands them to
// the main goroutine, which alone touches them after that.
type paneSlot struct {
	widget.BaseWidget
	ready   chan struct{}
	content fyne.CanvasObject // set by fill, before ready closes
	// waiting, read and set on the main goroutine only: from now on, wait
	// for the panes rather than answer without them.
	waiting bool
	objects []fyne.CanvasObject // the content, once it has arrived
}

func newPaneSlot() *paneSlot {
	s := &paneSlot{ready: make(chan struct{})}
	s.ExtendBaseWidget(s)
	return s
}

// fill hands over the panes; the builder calls it once, when it is done
// with them.
func (s *paneSlot) fill(content fyne.CanvasObject) {
	s.content = content
	close(s.ready)
}

// waitFromNow makes every later question wait for the panes.
func (s *paneSlot) waitFromNow() { s.waiting = true }

// arrived reports whether the panes are there, waiting for them once
// waitFromNow was called. The first time they are, they take the slot's
// size (a no-op when the builder laid them out at that size).
func (s *paneSlot) arrived() bool {
	if s.waiting {
		<-s.ready
	} else {
		select {
		case <-s.ready:
		default:
			return false
		}
	}
	if s.objects == nil {
		s.objects = []fyne.CanvasObject{s.content}
		if size := s.Size(); !size.IsZero() {
			s.content.Resize(size)
		}
	}
	return true
}

func (s *paneSlot) CreateRenderer() fyne.WidgetRenderer { return &paneSlotRenderer{s} }

type paneSlotRenderer struct{ s *paneSlot }

func (r *paneSlotRenderer) Layout(size fyne.Size) {
	if r.s.arrived() {
		r.s.content.Resize(size)
		r.s.content.Move(fyne.NewPos(0, 0))
	}
}

func (r *paneSlotRenderer) MinSize() fyne.Size {
	if r.s.arrived() {
		return r.s.content.MinSize()
	}
	return fyne.Size{}
}

func (r *paneSlotRenderer) Objects() []fyne.CanvasObject {
	if r.s.arrived() {
		return r.s.objects
	}
	return nil
}

// Refresh has nothing of its own to redraw: theme changes reach the panes
// through the canvas's walk of the tree.
func (r *paneSlotRenderer) Refresh() {}

func (r *paneSlotRenderer) Destroy() {}
