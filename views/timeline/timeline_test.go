package timeline

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	_ "codeberg.org/parley/parley/views/locale" // before Fyne; see the package

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/storage/storetest"
	"codeberg.org/parley/parley/views/ui"
)

// newShell is a shell over the seed case, its index built.
func newShell(t *testing.T) *ui.TestShell {
	t.Helper()
	_, store := storetest.IndexedSeed(t)
	sh, err := ui.NewTestShell(test.NewTempApp(t), store)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sh.WaitIdle)
	return sh
}

func TestShowsAndSelects(t *testing.T) {
	sh := newShell(t)
	tl := New(sh.Shell)
	tl.Resize(fyne.NewSize(900, 300))
	sc, err := sh.Session.Scene(app.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	tl.SetScene(&sc)
	sh.WaitIdle()
	if len(tl.data.Points) != 23 || len(tl.data.Lanes) != 5 {
		t.Fatalf("timeline has %d points on %d lanes, want 23 on 5", len(tl.data.Points), len(tl.data.Lanes))
	}
	// One day, spread into single dots: every statement can be clicked.
	singles := 0
	var target timelineMark
	for _, m := range tl.drawn {
		if len(m.ids) == 1 {
			singles++
			if m.ids[0] == "st-15" {
				target = m
			}
		}
	}
	if singles != 23 || target.ids == nil {
		t.Fatalf("%d single dots drawn; st-15 found: %v", singles, target.ids != nil)
	}
	test.TapAt(tl, target.at)
	sh.WaitIdle()
	if sel := sh.Session.Selection(); sel.Statement != "st-15" {
		t.Fatalf("tapping the dot selected %+v", sel)
	}
	// Zooming out far bundles the day into one mark with its count.
	tl.zoom(400, tl.dayAt(target.at.X))
	bundled := false
	for _, m := range tl.drawn {
		if len(m.ids) == 17 {
			bundled = true
		}
	}
	if !bundled {
		t.Error("zoomed out, Blinken's day is not one bundle of 17")
	}
}
