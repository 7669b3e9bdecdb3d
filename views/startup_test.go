package views

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// The slot answers without the panes until told to wait; then it waits
// for them, and they arrive at its size.
func TestPaneSlotWaitsForThePanesOnceAsked(t *testing.T) {
	test.NewTempApp(t)
	s := newPaneSlot()
	r := test.TempWidgetRenderer(t, s)
	s.Resize(fyne.NewSize(300, 200))
	if got := r.MinSize(); !got.IsZero() {
		t.Errorf("min size before the panes: %v", got)
	}
	if got := r.Objects(); len(got) != 0 {
		t.Errorf("objects before the panes: %v", got)
	}
	r.Layout(fyne.NewSize(320, 210)) // nothing to lay out, and no wait

	panes := canvas.NewRectangle(nil)
	panes.SetMinSize(fyne.NewSize(40, 30))
	s.waitFromNow()
	go s.fill(panes)
	if got := r.Objects(); len(got) != 1 || got[0] != panes {
		t.Fatalf("objects once the panes came: %v", got)
	}
	if got := panes.Size(); got != s.Size() {
		t.Errorf("the panes arrived at %v, the slot is %v", got, s.Size())
	}
	if got := r.MinSize(); got != fyne.NewSize(40, 30) {
		t.Errorf("min size with the panes: %v", got)
	}
	r.Layout(fyne.NewSize(500, 400))
	if got := panes.Size(); got != fyne.NewSize(500, 400) {
		t.Errorf("the panes laid out at %v", got)
	}
}

func TestRootSizeFromTheSavedChrome(t *testing.T) {
	defaultRoot := fyne.NewSize(1440-defaultChromeW, 900-defaultChromeH)
	for _, tc := range []struct {
		name string
		st   windowState
		want fyne.Size
	}{
		{"never saved", windowState{Width: 1440, Height: 900}, defaultRoot},
		{"saved", windowState{Width: 1200, Height: 800, ChromeW: 8, ChromeH: 40}, fyne.NewSize(1192, 760)},
		{"negative", windowState{Width: 1440, Height: 900, ChromeW: -3, ChromeH: 40}, defaultRoot},
		{"larger than half the window", windowState{Width: 1440, Height: 900, ChromeW: 8, ChromeH: 500}, defaultRoot},
	} {
		if got := tc.st.rootSize(); got != tc.want {
			t.Errorf("%s: root size %v, want %v", tc.name, got, tc.want)
		}
	}
}
