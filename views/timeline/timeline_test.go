package timeline

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"codeberg.org/parley/parley/app/session"
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

// The names' column is as wide as the longest name, up to a limit past
// which a name ends with an ellipsis and shows in full under the pointer;
// a click on a name shows its actor.
func TestLaneNamesFitTheirColumn(t *testing.T) {
	sh := newShell(t)
	tl := New(sh.Shell)
	tl.Resize(fyne.NewSize(900, 300))
	sc, err := sh.Session.Scene(app.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	tl.SetScene(&sc)
	sh.WaitIdle()
	if tl.gutter != maxGutter {
		t.Errorf("the names' column is %v wide, want the most, %v, for the joint statement's long name", tl.gutter, float32(maxGutter))
	}
	cut := 0
	for _, n := range tl.names {
		if n.cut {
			cut++
			if !strings.HasPrefix(n.full, "Foreign ministries") {
				t.Errorf("%q was shortened", n.full)
			}
			tl.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(20, (n.y0+n.y1)/2)}})
			if !tl.tip.Visible() || !strings.Contains(tl.tip.Text, n.full) {
				t.Errorf("hovering the shortened name shows %q", tl.tip.Text)
			}
		}
	}
	if cut != 1 {
		t.Errorf("%d names shortened, want 1", cut)
	}
	tl.Tapped(&fyne.PointEvent{Position: fyne.NewPos(20, (tl.names[0].y0+tl.names[0].y1)/2)})
	sh.WaitIdle()
	if got := sh.Session.Selection(); got.Actor != "blinken" {
		t.Errorf("clicking the first lane's name selected %+v", got)
	}
	// Short names make a narrow column.
	tl.setData(session.TimelineData{Lanes: []session.TimelineLane{{Name: "Aliyev"}}}, "")
	if tl.gutter != minGutter {
		t.Errorf("the column is %v wide for a short name", tl.gutter)
	}
}

// Zooming and panning stay within the data's days and a margin.
func TestZoomIsBoundedByTheData(t *testing.T) {
	sh := newShell(t)
	tl := New(sh.Shell)
	tl.Resize(fyne.NewSize(900, 300))
	d := session.TimelineData{Lanes: []session.TimelineLane{{Name: "A"}}}
	day, _ := session.DayNumber("2023-05-04")
	for i := range 30 {
		d.Points = append(d.Points, session.TimelinePoint{ID: fmt.Sprint(i), Day: day + i*10, Count: 1})
	}
	d.First, d.Last = day, day+290
	tl.setData(d, "")
	lo, hi := tl.bounds()
	if lo > float64(day) || hi < float64(day+291) || hi-lo > 291*1.3 {
		t.Fatalf("bounds %v..%v for days %d..%d", lo, hi, day, day+290)
	}
	tl.zoom(1000, tl.dayAt(450))
	if tl.from < lo || tl.to > hi {
		t.Errorf("zoomed out to %v..%v, beyond %v..%v", tl.from, tl.to, lo, hi)
	}
	tl.zoom(1e-6, tl.dayAt(450))
	if span := tl.to - tl.from; span < 0.5 {
		t.Errorf("zoomed in to %v days", span)
	}
	for range 50 {
		tl.Dragged(&fyne.DragEvent{Dragged: fyne.Delta{DX: 400}})
	}
	if tl.from < lo {
		t.Errorf("panned to %v, before %v", tl.from, lo)
	}
	for range 100 {
		tl.Dragged(&fyne.DragEvent{Dragged: fyne.Delta{DX: -400}})
	}
	if tl.to > hi {
		t.Errorf("panned to %v, after %v", tl.to, hi)
	}
}

// At any zoom, no two marks of a lane overlap, and every statement in
// view is in exactly one mark.
func TestMarksNeverOverlap(t *testing.T) {
	sh := newShell(t)
	tl := New(sh.Shell)
	tl.Resize(fyne.NewSize(900, 300))
	rng := rand.New(rand.NewPCG(1, 2))
	d := session.TimelineData{Lanes: []session.TimelineLane{{Name: "A"}, {Name: "B"}, {Name: "C"}}}
	day, _ := session.DayNumber("2015-01-01")
	perDay := map[[2]int]int{}
	for i := range 2000 {
		p := session.TimelinePoint{ID: fmt.Sprint(i), Day: day + rng.IntN(3650), Lane: rng.IntN(3)}
		if rng.IntN(4) == 0 {
			p.Day = day + 1000 // a busy day
		}
		k := [2]int{p.Lane, p.Day}
		p.Order = perDay[k]
		perDay[k]++
		d.Points = append(d.Points, p)
	}
	for i := range d.Points {
		d.Points[i].Count = perDay[[2]int{d.Points[i].Lane, d.Points[i].Day}]
	}
	d.First, d.Last = day, day+3649
	tl.setData(d, "")
	for _, f := range []float64{1, 0.3, 0.05, 0.01, 0.002, 0.0004} {
		tl.fit()
		tl.zoom(f, float64(day+1000))
		byLane := map[float32][]timelineMark{}
		ids := 0
		for _, m := range tl.drawn {
			byLane[m.at.Y] = append(byLane[m.at.Y], m)
			ids += len(m.ids)
		}
		inView := 0
		for _, p := range d.Points {
			x := tl.xOf(float64(p.Day) + (float64(p.Order)+0.5)/float64(p.Count))
			if x >= tl.gutter-dotRadius && x <= tl.size.Width+dotRadius {
				inView++
			}
		}
		if ids != inView {
			t.Errorf("zoom %v: %d statements in marks, %d in view", f, ids, inView)
		}
		for y, marks := range byLane {
			for i := 1; i < len(marks); i++ {
				a, b := marks[i-1], marks[i]
				if b.at.X-a.at.X < a.r+b.r {
					t.Errorf("zoom %v, lane at %v: marks at %v (r %v, %d) and %v (r %v, %d) overlap",
						f, y, a.at.X, a.r, len(a.ids), b.at.X, b.r, len(b.ids))
				}
			}
		}
	}
}

// Statements without a date have a row of their own under the lanes;
// a click on one selects it.
func TestUndatedStatementsHaveTheirRow(t *testing.T) {
	sh := newShell(t)
	tl := New(sh.Shell)
	tl.Resize(fyne.NewSize(900, 300))
	day, _ := session.DayNumber("2023-05-04")
	d := session.TimelineData{
		Lanes:  []session.TimelineLane{{Name: "Antony Blinken", Actor: "blinken"}},
		Points: []session.TimelinePoint{{ID: "st-01", Day: day, Count: 1}},
		First:  day, Last: day,
		Undated: []string{"st-02", "st-03", "st-04"},
	}
	tl.setData(d, "")
	var undated []timelineMark
	for _, m := range tl.drawn {
		if m.undated {
			undated = append(undated, m)
			if m.at.Y <= tl.lanesBottom() {
				t.Errorf("an undated mark at %v, above the lanes' bottom %v", m.at, tl.lanesBottom())
			}
		}
	}
	if len(undated) != 3 {
		t.Fatalf("%d undated marks", len(undated))
	}
	if last := tl.names[len(tl.names)-1]; last.full != "Undated (3)" {
		t.Errorf("the last row is named %q", last.full)
	}
	test.TapAt(tl, undated[1].at)
	sh.WaitIdle()
	if got := sh.Session.Selection(); got.Statement != "st-03" {
		t.Errorf("clicking the undated dot selected %+v", got)
	}
	// More than fit: the last mark counts the rest.
	d.Undated = nil
	for i := range 500 {
		d.Undated = append(d.Undated, fmt.Sprint("u", i))
	}
	tl.setData(d, "")
	total := 0
	for _, m := range tl.drawn {
		if m.undated {
			total += len(m.ids)
		}
	}
	if total != 500 {
		t.Errorf("%d of 500 undated statements in the row's marks", total)
	}
}
