package views

import (
	"image"
	"image/color"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/assets"
	"codeberg.org/parley/parley/storage"
)

// harness is the real main window on Fyne's test driver, over real storage
// holding the seed case.
type harness struct {
	t     *testing.T
	w     *mainWindow
	store *storage.Store
	dir   string
	app   fyne.App
	rows  map[*keyList]map[widget.ListItemID]fyne.CanvasObject
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	dir := t.TempDir()
	return openHarness(t, dir)
}

func openHarness(t *testing.T, dir string) *harness {
	t.Helper()
	s, err := storage.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	seed, err := assets.SeedCase()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := app.EnsureSeed(s, seed); err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	w, err := build(a, Config{Store: s, DataDir: dir, Map: assets.RegionMap, Codes: assets.CodeTables}, nil)
	if err != nil {
		t.Fatal(err)
	}
	w.uiQueue = make(chan func(), 4096)
	rows := map[*keyList]map[widget.ListItemID]fyne.CanvasObject{
		w.actorList: trackRows(&w.actorList.List), w.stmtList: trackRows(&w.stmtList.List),
	}
	w.win.Show()
	w.started()
	w.waitIdle()
	h := &harness{t: t, w: w, store: s, dir: dir, app: a, rows: rows}
	t.Cleanup(func() { h.close() })
	return h
}

func (h *harness) close() {
	if h.store == nil {
		return
	}
	h.w.waitIdle()
	h.w.close()
	h.w.waitIdle()
	_ = h.store.Close()
	h.store = nil
}

// trackRows records which rendered object shows which row of a list, so a
// test can tap a row where it is drawn.
func trackRows(l *widget.List) map[widget.ListItemID]fyne.CanvasObject {
	rows := map[widget.ListItemID]fyne.CanvasObject{}
	update := l.UpdateItem
	l.UpdateItem = func(i widget.ListItemID, o fyne.CanvasObject) {
		for id, obj := range rows {
			if obj == o {
				delete(rows, id)
			}
		}
		rows[i] = o
		update(i, o)
	}
	return rows
}

// tapRow taps row i of a list through the canvas, as a click would.
func (h *harness) tapRow(l *keyList, i int) {
	h.t.Helper()
	rows := h.rows[l]
	l.ScrollTo(i)
	obj, ok := rows[i]
	if !ok {
		h.t.Fatalf("row %d is not drawn", i)
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(obj)
	test.TapCanvas(h.w.win.Canvas(), pos.Add(fyne.NewPos(20, obj.Size().Height/2)))
	h.w.waitIdle()
}

// labels collects the text of every label under an object, as rendered.
func labels(o fyne.CanvasObject) []string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if !o.Visible() {
			return
		}
		switch v := o.(type) {
		case *widget.Label:
			out = append(out, v.Text)
			return
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
			return
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(v).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

func (h *harness) statementsOf(actor string) []string {
	sts, err := h.store.StatementsByActor(actor)
	if err != nil {
		h.t.Fatal(err)
	}
	var ids []string
	for _, st := range sts {
		ids = append(ids, st.ID)
	}
	return ids
}

func actorIndex(w *mainWindow, id string) int {
	return slices.IndexFunc(w.actorRows, func(r app.ActorRow) bool { return r.Actor.ID == id })
}

func TestStartsWithTheWholeCase(t *testing.T) {
	h := newHarness(t)
	if got := len(h.w.scene.StatementIDs); got != 22 {
		t.Fatalf("statements listed at start: %d, want all 22", got)
	}
	if !strings.HasPrefix(h.w.stmtTitle.Text, "All statements") {
		t.Errorf("title %q", h.w.stmtTitle.Text)
	}
	if !strings.Contains(h.w.detail.Text(), "Armenia–Azerbaijan") {
		t.Errorf("overview missing: %q", h.w.detail.Text())
	}
}

func TestTappingAnActorRowShowsExactlyItsStatements(t *testing.T) {
	tests := []struct{ actor, name string }{
		{"blinken", "Antony Blinken"},
		{"joint-mfa", "Foreign ministries of Armenia and Azerbaijan (joint statement)"},
		{"gov-azerbaijan", "Government of Azerbaijan"},
	}
	h := newHarness(t)
	for _, tt := range tests {
		h.tapRow(h.w.actorList, actorIndex(h.w, tt.actor))
		if sel := h.w.session.Selection(); sel.Actor != tt.actor {
			t.Fatalf("tapped %s, selection is %+v", tt.actor, sel)
		}
		want := h.statementsOf(tt.actor)
		if !slices.Equal(h.w.scene.StatementIDs, want) {
			t.Errorf("%s: list %v, want %v", tt.actor, h.w.scene.StatementIDs, want)
		}
		if !strings.HasPrefix(h.w.stmtTitle.Text, tt.name) {
			t.Errorf("list title %q", h.w.stmtTitle.Text)
		}
		// What is drawn: every visible row names the actor.
		shown := labels(h.w.stmtList)
		if len(shown) == 0 {
			t.Fatal("no rows rendered")
		}
		for _, st := range want[:min(3, len(want))] {
			row, _ := h.w.session.Row(st)
			if !slices.Contains(shown, rowText(row.Quote)) {
				t.Errorf("%s: row %q not shown; shown %v", tt.actor, row.Quote, shown)
			}
		}
		if !strings.Contains(h.w.detail.Text(), tt.name) {
			t.Errorf("detail does not show %s", tt.name)
		}
	}
}

func TestTappingAMarkerSelectsTheSameActor(t *testing.T) {
	h := newHarness(t)
	for _, id := range []string{"mirzoyan", "blinken", "joint-mfa", "russian-peacekeepers"} {
		mk := h.w.mapView.MarkerFor(id)
		if mk == nil {
			t.Fatalf("no marker for %s", id)
		}
		test.Tap(mk)
		h.w.waitIdle()
		if got := h.w.session.Selection().Actor; got != id {
			t.Fatalf("marker %s selected %q", id, got)
		}
		if i := actorIndex(h.w, id); h.w.actorSelected != i {
			t.Errorf("actor list does not show %s selected", id)
		}
		if !slices.Equal(h.w.scene.StatementIDs, h.statementsOf(id)) {
			t.Errorf("statements of %s not listed", id)
		}
	}
}

func TestTappingAStatementFillsTheDetailPane(t *testing.T) {
	h := newHarness(t)
	h.tapRow(h.w.actorList, actorIndex(h.w, "blinken"))
	idx := slices.Index(h.w.scene.StatementIDs, "st-15")
	h.tapRow(h.w.stmtList, idx)
	if got := h.w.session.Selection(); got.Statement != "st-15" || got.Actor != "blinken" {
		t.Fatalf("selection %+v", got)
	}
	text := h.w.detail.Text()
	for _, want := range []string{
		"the last kilometer of the marathon is always the hardest",
		"Antony Blinken", "U.S. Secretary of State", "Europa Press", "2023-05-04",
		"US points to »significant progress»", "last mile", // context in our words
	} {
		if !strings.Contains(text, want) {
			t.Errorf("detail pane lacks %q", want)
		}
	}
	if h.w.detail.quote == nil {
		t.Fatal("no quote shown")
	}
	h.w.detail.quote.Select(app.Range{Start: 4, End: 13})
	if got := h.w.detail.quote.SelectedText(); got != "last kilo" {
		t.Errorf("selected %q", got)
	}
	// The map lights the speaker and the statement's places.
	if !h.w.mapView.litActors["blinken"] || !h.w.mapView.litPlaces["armenia"] {
		t.Errorf("map lit %v %v", h.w.mapView.litActors, h.w.mapView.litPlaces)
	}
	h.w.copyQuote()
	if got := h.app.Clipboard().Content(); got != "the last kilometer of the marathon is always the hardest" {
		t.Errorf("copied %q", got)
	}
}

func TestClickingTheMapSelectsPlaces(t *testing.T) {
	h := newHarness(t)
	m := h.w.mapView
	at := func(ll app.LonLat) *fyne.PointEvent {
		x, y := m.proj.toScreen(ll)
		return &fyne.PointEvent{Position: fyne.NewPos(float32(x), float32(y))}
	}
	tests := []struct {
		where app.LonLat
		want  string
	}{
		{app.LonLat{44.515, 40.183}, "yerevan"},
		{app.LonLat{46.95, 39.75}, "nagorno-karabakh"},
		{app.LonLat{45.4, 39.25}, "nakhchivan"},
		{app.LonLat{44.0, 40.6}, "armenia"},
		{app.LonLat{48.5, 39.05}, "azerbaijan"},
		{app.LonLat{46.56, 39.61}, "lachin-corridor"},
	}
	for _, tt := range tests {
		m.Tapped(at(tt.where))
		h.w.waitIdle()
		if got := h.w.session.Selection().Place; got != tt.want {
			t.Errorf("click at %v selected %q, want %q", tt.where, got, tt.want)
		}
	}
	// The place's background and its statements.
	m.Tapped(at(app.LonLat{46.56, 39.61}))
	h.w.waitIdle()
	if !strings.Contains(h.w.detail.Text(), "12 December 2022") {
		t.Errorf("Lachin background missing: %q", h.w.detail.Text())
	}
	if !slices.Contains(h.w.scene.StatementIDs, "st-21") {
		t.Errorf("Lachin statements %v", h.w.scene.StatementIDs)
	}
	// A pin is a widget of its own.
	for _, p := range m.pins {
		if p.place.ID == "baku" {
			test.Tap(p)
		}
	}
	h.w.waitIdle()
	if got := h.w.session.Selection().Place; got != "baku" {
		t.Errorf("pin selected %q", got)
	}
}

func TestKeyboard(t *testing.T) {
	h := newHarness(t)
	h.w.stmtList.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	h.w.stmtList.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.w.waitIdle()
	if got := h.w.session.Selection().Statement; got != h.w.scene.StatementIDs[1] {
		t.Fatalf("Down, Enter selected %q, want the second row", got)
	}
	h.w.session.SelectActor("bayramov")
	h.w.waitIdle()
	h.w.session.SelectStatement("") // nothing focused: Esc clears the actor
	esc := h.w.win.Canvas().OnTypedKey()
	esc(&fyne.KeyEvent{Name: fyne.KeyEscape})
	h.w.waitIdle()
	if !h.w.session.Selection().IsZero() {
		t.Fatalf("Esc left %+v", h.w.session.Selection())
	}
	h.w.focusFilter()
	if h.w.win.Canvas().Focused() != h.w.actorFilter {
		t.Fatal("Ctrl+F does not focus the filter")
	}
	test.Type(h.w.actorFilter, "mirzoian")
	if len(h.w.actorRows) != 1 || h.w.actorRows[0].Actor.ID != "mirzoyan" {
		t.Fatalf("filter by the article's spelling found %v", h.w.actorRows)
	}
}

func TestRemembersSizeSplitsAndSelection(t *testing.T) {
	dir := t.TempDir()
	h := openHarness(t, dir)
	h.w.session.SelectActor("joint-mfa")
	h.w.waitIdle()
	h.w.session.SelectStatement("st-19")
	h.w.waitIdle()
	h.w.win.Resize(fyne.NewSize(1300, 820))
	h.w.outer.SetOffset(0.55)
	h.w.saveWindowState()
	h.close()

	h2 := openHarness(t, dir)
	sel := h2.w.session.Selection()
	if sel.Actor != "joint-mfa" || sel.Statement != "st-19" {
		t.Fatalf("selection after restart %+v", sel)
	}
	if got := h2.w.outer.Offset; got < 0.54 || got > 0.56 {
		t.Errorf("split after restart %.2f", got)
	}
	if s := h2.w.win.Canvas().Size(); s.Width != 1300 {
		t.Errorf("size after restart %v", s)
	}
	if !strings.Contains(h2.w.detail.Text(), "remain divergent") {
		t.Error("detail pane not restored")
	}
}

// The theme choice is kept in the app's preferences, where the next start
// reads it before building anything, and the map's legend follows a change.
func TestThemeChoiceIsKeptAndTheLegendFollows(t *testing.T) {
	h := newHarness(t)
	if _, known := savedThemeChoice(h.app); known {
		t.Fatal("a fresh app has a theme choice")
	}
	for _, choice := range []string{"dark", "light", ""} {
		h.w.setTheme(choice)
		got, known := savedThemeChoice(h.app)
		if !known || got != choice {
			t.Errorf("after choosing %q the preference is %q (%v)", choice, got, known)
		}
		test.WidgetRenderer(h.w.mapView).Refresh()
		want := h.app.Settings().Theme().Color(theme.ColorNameOverlayBackground, h.app.Settings().ThemeVariant())
		if c := h.w.mapView.legendParts.bg.FillColor; c != want {
			t.Errorf("theme %q: legend background %v, want %v", choice, c, want)
		}
	}
}

func TestMainWindowGolden(t *testing.T) {
	for _, variant := range []string{"light", "dark"} {
		t.Run(variant, func(t *testing.T) {
			h := newHarness(t)
			applyThemeChoice(h.app, variant)
			h.w.win.Resize(fyne.NewSize(1440, 900))
			h.w.session.SelectActor("blinken")
			h.w.waitIdle()
			h.w.session.SelectStatement("st-05")
			h.w.waitIdle()
			assertGolden(t, "main_"+variant+".png", h.w.win.Canvas().Capture())
		})
	}
}

// TestMapOverlayIsDrawn renders the map's raster and finds in it what the
// markers and pins stand for: each marker's colour inside its ring, the
// selection's colour on a lit marker's ring, each town's dot, the
// initials in white. They are drawn there, not built as objects.
func TestMapOverlayIsDrawn(t *testing.T) {
	h := newHarness(t)
	h.w.session.SelectActor("mirzoyan")
	h.w.waitIdle()
	m := h.w.mapView
	m.Resize(fyne.NewSize(900, 500))
	size := m.Size()
	img := m.render(int(size.Width), int(size.Height)).(*image.RGBA)
	dist := func(got color.RGBA, want color.Color) int {
		w := toRGBA(want)
		d := func(a, b uint8) int { return max(int(a)-int(b), int(b)-int(a)) }
		return max(d(got.R, w.R), d(got.G, w.G), d(got.B, w.B))
	}
	near := func(got color.RGBA, want color.Color) bool { return dist(got, want) <= 8 }
	// The ring is a stroke of one and a half units: smoothing mixes in a
	// little of the fill, so the test is which colour it is closest to.
	closest := func(got color.RGBA, want color.Color, others ...color.Color) bool {
		for _, o := range others {
			if dist(got, o) <= dist(got, want) {
				return false
			}
		}
		return true
	}
	if len(m.markers) == 0 || len(m.pins) == 0 {
		t.Fatalf("%d markers, %d pins", len(m.markers), len(m.pins))
	}
	lit := 0
	for _, mk := range m.markers {
		pos, s := mk.Position(), mk.Size()
		cx, cy := int(pos.X+s.Width/2), int(pos.Y+s.Height/2)
		if got := img.RGBAAt(cx, cy-int(s.Height/2)+5); !near(got, affiliationColor(mk.actor)) {
			t.Errorf("marker %s: %v inside its ring, want %v", mk.actor.ID, got, affiliationColor(mk.actor))
		}
		ring := img.RGBAAt(cx, int(pos.Y+0.75)) // inside the 1.5-unit stroke
		fill, primary := affiliationColor(mk.actor), theme.Color(theme.ColorNamePrimary)
		if mk.lit {
			lit++
			if !closest(ring, primary, fill, color.White) {
				t.Errorf("lit marker %s: ring %v", mk.actor.ID, ring)
			}
		} else if !closest(ring, color.White, fill, primary) {
			t.Errorf("marker %s: ring %v, want white", mk.actor.ID, ring)
		}
		white := 0
		for x := cx - 6; x <= cx+6; x++ {
			for y := cy - 2; y <= cy+2; y++ {
				if p := img.RGBAAt(x, y); min(p.R, p.G, p.B) >= 0xe0 {
					white++
				}
			}
		}
		if white == 0 {
			t.Errorf("marker %s: no initials drawn", mk.actor.ID)
		}
		if objs := test.WidgetRenderer(mk).Objects(); len(objs) != 0 {
			t.Errorf("marker %s builds %d objects", mk.actor.ID, len(objs))
		}
	}
	if lit == 0 {
		t.Error("no marker lit for the selected actor")
	}
	for _, p := range m.pins {
		if p.place.Kind == app.PlaceCheckpoint {
			continue
		}
		pos, s := p.Position(), p.Size()
		if got := img.RGBAAt(int(pos.X+s.Width/2), int(pos.Y+s.Height/2)); !near(got, theme.Color(theme.ColorNameForeground)) &&
			!near(got, theme.Color(theme.ColorNamePrimary)) {
			t.Errorf("pin %s: %v at its centre", p.place.ID, got)
		}
	}
}

func TestRowText(t *testing.T) {
	long := strings.Repeat("word ", 100) // 500 runes
	cases := []struct {
		name, in string
		want     func(string) bool
	}{
		{"short stays whole", "We met in Washington.", func(s string) bool { return s == "We met in Washington." }},
		{"exactly the limit stays whole", strings.Repeat("é", maxRowRunes), func(s string) bool { return s == strings.Repeat("é", maxRowRunes) }},
		{"long is cut after a word", long, func(s string) bool {
			return strings.HasSuffix(s, "word…") && utf8.RuneCountInString(s) <= maxRowRunes+1 && strings.HasPrefix(long, strings.TrimSuffix(s, "…"))
		}},
		{"no space: cut at the limit", strings.Repeat("ж", 400), func(s string) bool {
			return s == strings.Repeat("ж", maxRowRunes)+"…"
		}},
	}
	for _, c := range cases {
		if got := rowText(c.in); !c.want(got) {
			t.Errorf("%s: rowText gave %q", c.name, got)
		}
	}
}

// Work queued and signalled before the test goroutine waits must end the
// wait: the window tests once hung for ten minutes when a background job
// finished between waitIdle's look at the queue and its wait.
func TestTrackerSeesWorkQueuedBeforeTheWait(t *testing.T) {
	var tr tracker
	tr.init()
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
