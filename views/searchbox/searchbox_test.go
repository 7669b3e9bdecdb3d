package searchbox

import (
	"strings"
	"testing"

	"codeberg.org/parley/parley/app"
)

// The words a result matched are segments of their own, so they can be
// set apart; what is around them stays as it was.
func TestHighlightedMarksTheMatches(t *testing.T) {
	segs := highlighted("the last kilometer of the marathon", []app.Range{{Start: 9, End: 18}, {Start: 26, End: 34}})
	var got []string
	for _, s := range segs {
		got = append(got, strings.TrimPrefix(s.Textual(), "\u200b")) // see ui.WrappingSegments
	}
	want := []string{"the last ", "kilometer", " of the ", "marathon"}
	if len(got) != len(want) {
		t.Fatalf("segments %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("segment %d is %q, want %q", i, got[i], want[i])
		}
	}
	// A mark outside the text or out of order is left out, not a panic.
	if segs := highlighted("short", []app.Range{{Start: 3, End: 40}, {Start: 2, End: 1}}); len(segs) != 1 {
		t.Errorf("bad marks gave %d segments", len(segs))
	}
}
