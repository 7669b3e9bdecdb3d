package views

import (
	"testing"
	"time"
)

// The start is read from the kernel, not guessed: it must come before this
// package was initialised (a fallback would return that very moment) and
// not long before it.
func TestProcessStartIsReadFromTheKernel(t *testing.T) {
	start := processStart()
	if !start.Before(initTime) {
		t.Fatalf("process start %v is not before package init %v: the kernel's figure was not used", start, initTime)
	}
	if gap := initTime.Sub(start); gap > 30*time.Second {
		t.Fatalf("process start %v before package init: not this process", gap)
	}
}
