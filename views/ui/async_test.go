package ui

import (
	"sync"
	"testing"
	"time"
)

// Work queued and signalled before the test goroutine waits must end the
// wait: the window tests once hung for ten minutes when a background job
// finished between waitIdle's look at the queue and its wait.
func TestTrackerSeesWorkQueuedBeforeTheWait(t *testing.T) {
	tr := tracker{}
	tr.cond = sync.NewCond(&tr.mu)
	queue := make(chan func(), 1)
	tr.add()
	queue <- func() {}
	tr.signal()
	got := make(chan bool, 1)
	go func() { got <- tr.waitChange(func() bool { return len(queue) > 0 }) }()
	select {
	case idle := <-got:
		if idle {
			t.Fatal("waitChange said nothing was running with work queued")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("waitChange waited for a signal given before it was called")
	}
}
