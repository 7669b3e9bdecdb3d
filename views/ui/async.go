package ui

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// Async runs work off the UI goroutine and brings its results back. It is
// the one place in Parley that calls fyne.Do: every pane hands its
// background work to Background or Write, and the function that work
// returns runs on the UI goroutine.
type Async struct {
	busy tracker // background work in flight
	// writes counts store writes in flight, which the window waits for
	// before it closes.
	writes sync.WaitGroup
	// queue, set only by tests, carries UI work to WaitIdle.
	queue chan func()
}

// NewAsync makes an Async that runs UI work through fyne.Do.
func NewAsync() *Async {
	a := &Async{}
	a.busy.cond = sync.NewCond(&a.busy.mu)
	return a
}

// Background runs work off the UI goroutine; the function it returns, if
// any, runs back on the UI goroutine. This is where results cross over.
func (a *Async) Background(work func() func()) {
	a.busy.add()
	go func() {
		defer a.busy.done()
		if then := work(); then != nil {
			a.OnUI(then)
		}
	}()
}

// Write runs a store write like Background, and counts it until the write
// itself is done, so that WaitWrites can wait for it.
func (a *Async) Write(work func() func()) {
	a.writes.Add(1)
	a.Background(func() func() {
		defer a.writes.Done()
		return work()
	})
}

// WaitBackground returns once no background work is in flight, or after
// limit: the start-up probe measures settled memory only then, as work
// still running (a scene of a million statements takes a second) holds
// memory it is about to give back.
func (a *Async) WaitBackground(limit time.Duration) {
	timer := time.AfterFunc(limit, a.busy.signal)
	defer timer.Stop()
	deadline := time.Now().Add(limit)
	a.busy.mu.Lock()
	defer a.busy.mu.Unlock()
	for a.busy.n > 0 && time.Now().Before(deadline) {
		a.busy.cond.Wait()
	}
}

// WaitWrites returns once every write started with Write is done.
func (a *Async) WaitWrites() { a.writes.Wait() }

// OnUI runs f on the UI goroutine: through fyne.Do in the app, or through
// the queue that WaitIdle drains when a test drives the window (Fyne's test
// driver would run it at once on the calling goroutine).
func (a *Async) OnUI(f func()) {
	if a.queue != nil {
		a.busy.add()
		a.queue <- f
		a.busy.signal()
		return
	}
	fyne.Do(f)
}

// DriveFromTest makes UI work wait in a queue for WaitIdle instead of going
// through fyne.Do: a test's goroutine then plays the UI goroutine.
func (a *Async) DriveFromTest() { a.queue = make(chan func(), 4096) }

// WaitIdle runs queued UI work until no background work is left; tests
// call it from the goroutine that drives the window, as its UI goroutine.
func (a *Async) WaitIdle() {
	for {
		select {
		case f := <-a.queue:
			f()
			a.busy.done()
			continue
		default:
		}
		if a.busy.waitChange(func() bool { return len(a.queue) > 0 }) {
			return
		}
	}
}

// tracker counts background work and lets a test wait for it.
type tracker struct {
	mu   sync.Mutex
	cond *sync.Cond
	n    int
	gen  int
}

func (t *tracker) add() {
	t.mu.Lock()
	t.n++
	t.mu.Unlock()
}

func (t *tracker) done() {
	t.mu.Lock()
	t.n--
	t.gen++
	t.mu.Unlock()
	t.cond.Broadcast()
}

func (t *tracker) signal() {
	t.mu.Lock()
	t.gen++
	t.mu.Unlock()
	t.cond.Broadcast()
}

// waitChange reports true at once when nothing is running, false at once
// when queued says work is waiting, and otherwise waits until something
// finishes or is queued. Asking queued under the lock matters: work queued
// between the caller's last look at the queue and this call has already
// signalled, and waiting for another signal would wait for ever.
func (t *tracker) waitChange(queued func() bool) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.n == 0 {
		return true
	}
	if queued() {
		return false
	}
	for g := t.gen; g == t.gen; {
		t.cond.Wait()
	}
	return false
}
