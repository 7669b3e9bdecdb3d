package views

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/assets"
	"codeberg.org/parley/parley/storage"

	"codeberg.org/parley/parley/views/ui"
)

// harness is the real main window on Fyne's test driver, over real storage
// holding the seed case.
type harness struct {
	t     *testing.T
	w     *mainWindow
	store *storage.Store
	dir   string
	app   fyne.App
	rows  map[*ui.KeyList]map[widget.ListItemID]fyne.CanvasObject
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	dir := t.TempDir()
	return openHarness(t, dir)
}

// seededStore opens the casebook in dir, with the seed case when it is new.
func seededStore(t *testing.T, dir string) *storage.Store {
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
	return s
}

func openHarness(t *testing.T, dir string) *harness {
	t.Helper()
	s := seededStore(t, dir)
	a := test.NewTempApp(t)
	w, err := build(a, Config{Store: s, DataDir: dir, Map: assets.RegionMap, Codes: assets.CodeTables}, nil)
	if err != nil {
		t.Fatal(err)
	}
	w.sh.DriveFromTest()
	rows := map[*ui.KeyList]map[widget.ListItemID]fyne.CanvasObject{
		w.actors.List: ui.TrackRows(&w.actors.List.List), w.statements.List: ui.TrackRows(&w.statements.List.List),
	}
	w.win.Show()
	w.started()
	w.sh.WaitIdle()
	h := &harness{t: t, w: w, store: s, dir: dir, app: a, rows: rows}
	t.Cleanup(func() { h.close() })
	return h
}

func (h *harness) close() {
	if h.store == nil {
		return
	}
	h.w.sh.WaitIdle()
	h.w.close()
	h.w.sh.WaitIdle()
	_ = h.store.Close()
	h.store = nil
}

// tapRow taps row i of a list through the canvas, as a click would.
func (h *harness) tapRow(l *ui.KeyList, i int) {
	h.t.Helper()
	rows := h.rows[l]
	l.ScrollTo(i)
	obj, ok := rows[i]
	if !ok {
		h.t.Fatalf("row %d is not drawn", i)
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(obj)
	test.TapCanvas(h.w.win.Canvas(), pos.Add(fyne.NewPos(20, obj.Size().Height/2)))
	h.w.sh.WaitIdle()
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
	return slices.IndexFunc(w.actors.Rows, func(r app.ActorRow) bool { return r.Actor.ID == id })
}

func TestStartsWithTheWholeCase(t *testing.T) {
	h := newHarness(t)
	if got := len(h.w.scene.StatementIDs); got != 22 {
		t.Fatalf("statements listed at start: %d, want all 22", got)
	}
	if !strings.HasPrefix(h.w.statements.Title.Text, "All statements") {
		t.Errorf("title %q", h.w.statements.Title.Text)
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
		h.tapRow(h.w.actors.List, actorIndex(h.w, tt.actor))
		if sel := h.w.sh.Session.Selection(); sel.Actor != tt.actor {
			t.Fatalf("tapped %s, selection is %+v", tt.actor, sel)
		}
		want := h.statementsOf(tt.actor)
		if !slices.Equal(h.w.scene.StatementIDs, want) {
			t.Errorf("%s: list %v, want %v", tt.actor, h.w.scene.StatementIDs, want)
		}
		if !strings.HasPrefix(h.w.statements.Title.Text, tt.name) {
			t.Errorf("list title %q", h.w.statements.Title.Text)
		}
		// What is drawn: every visible row names the actor.
		shown := labels(h.w.statements.List)
		if len(shown) == 0 {
			t.Fatal("no rows rendered")
		}
		for _, st := range want[:min(3, len(want))] {
			row, _ := h.w.sh.Session.Row(st)
			if !slices.Contains(shown, row.Quote) {
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
		h.w.sh.WaitIdle()
		if got := h.w.sh.Session.Selection().Actor; got != id {
			t.Fatalf("marker %s selected %q", id, got)
		}
		if i := actorIndex(h.w, id); h.w.actors.Selected != i {
			t.Errorf("actor list does not show %s selected", id)
		}
		if !slices.Equal(h.w.scene.StatementIDs, h.statementsOf(id)) {
			t.Errorf("statements of %s not listed", id)
		}
	}
}

func TestTappingAStatementFillsTheDetailPane(t *testing.T) {
	h := newHarness(t)
	h.tapRow(h.w.actors.List, actorIndex(h.w, "blinken"))
	idx := slices.Index(h.w.scene.StatementIDs, "st-15")
	h.tapRow(h.w.statements.List, idx)
	if got := h.w.sh.Session.Selection(); got.Statement != "st-15" || got.Actor != "blinken" {
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
	if h.w.detail.Quote() == nil {
		t.Fatal("no quote shown")
	}
	h.w.detail.Quote().Select(app.Range{Start: 4, End: 13})
	if got := h.w.detail.Quote().SelectedText(); got != "last kilo" {
		t.Errorf("selected %q", got)
	}
	// The map lights the speaker and the statement's places.
	if actors, places := h.w.mapView.Lit(); !actors["blinken"] || !places["armenia"] {
		t.Errorf("map lit %v %v", actors, places)
	}
	h.w.copyQuote()
	if got := h.app.Clipboard().Content(); got != "the last kilometer of the marathon is always the hardest" {
		t.Errorf("copied %q", got)
	}
}

// A statement of an unnamed source is listed under the unnamed sources by
// the words that describe its speaker, and the detail pane gives them.
func TestAnUnnamedSourceIsShownAsTheTextDescribesIt(t *testing.T) {
	dir := t.TempDir()
	s := seededStore(t, dir)
	err := s.Update(func(tx app.Tx) error {
		st, err := tx.Statement("st-15")
		if err != nil {
			return err
		}
		st.ID, st.Speakers, st.Recipients, st.Reports, st.SpeakerAsWritten = "st-officials", []string{app.UnnamedSourcesID}, nil, nil, "officials"
		if err := tx.PutActor(app.UnnamedSources()); err != nil {
			return err
		}
		return tx.PutStatement(st)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	h := openHarness(t, dir)
	h.tapRow(h.w.actors.List, actorIndex(h.w, app.UnnamedSourcesID))
	if !slices.Equal(h.w.scene.StatementIDs, []string{"st-officials"}) {
		t.Fatalf("statements shown %v", h.w.scene.StatementIDs)
	}
	if row := strings.Join(labels(h.rows[h.w.statements.List][0]), " "); !strings.Contains(row, "officials (unnamed)") {
		t.Errorf("statement row reads %q", row)
	}
	h.tapRow(h.w.statements.List, 0)
	if text := h.w.detail.Text(); !strings.Contains(text, "Unnamed sources") || !strings.Contains(text, "Described in the text as “officials”") {
		t.Errorf("detail pane reads %q", text)
	}
}

// A tap on the actor whose statement, or whose statements to another, are
// shown goes back to the actor; the arrows in the actors list go on from it.
func TestTappingTheActorAgainGoesBackToIt(t *testing.T) {
	h := newHarness(t)
	blinken := actorIndex(h.w, "blinken")
	for _, sel := range []app.Selection{
		{Actor: "blinken", Statement: "st-15"},
		{Actor: "blinken", Recipient: "gov-armenia"},
	} {
		h.w.sh.Session.Select(sel)
		h.w.sh.WaitIdle()
		if h.w.actors.Selected != -1 {
			t.Errorf("%+v: the actors list marks row %d", sel, h.w.actors.Selected)
		}
		if got := h.w.actors.List.Cursor(); got != blinken {
			t.Errorf("%+v: the actors list's cursor is on row %d, want %d", sel, got, blinken)
		}
		h.tapRow(h.w.actors.List, blinken)
		if got := h.w.sh.Session.Selection(); got != (app.Selection{Actor: "blinken"}) {
			t.Errorf("%+v: a tap on Blinken selects %+v", sel, got)
		}
		if h.w.actors.Selected != blinken {
			t.Errorf("%+v: Blinken's row is not marked after the tap", sel)
		}
	}
}

func TestClickingTheMapSelectsPlaces(t *testing.T) {
	h := newHarness(t)
	m := h.w.mapView
	at := func(ll app.LonLat) *fyne.PointEvent { return &fyne.PointEvent{Position: m.PositionOf(ll)} }
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
		h.w.sh.WaitIdle()
		if got := h.w.sh.Session.Selection().Place; got != tt.want {
			t.Errorf("click at %v selected %q, want %q", tt.where, got, tt.want)
		}
	}
	// The place's background and its statements.
	m.Tapped(at(app.LonLat{46.56, 39.61}))
	h.w.sh.WaitIdle()
	if !strings.Contains(h.w.detail.Text(), "12 December 2022") {
		t.Errorf("Lachin background missing: %q", h.w.detail.Text())
	}
	if !slices.Contains(h.w.scene.StatementIDs, "st-21") {
		t.Errorf("Lachin statements %v", h.w.scene.StatementIDs)
	}
	// A pin is a widget of its own.
	test.Tap(m.PinFor("baku"))
	h.w.sh.WaitIdle()
	if got := h.w.sh.Session.Selection().Place; got != "baku" {
		t.Errorf("pin selected %q", got)
	}
}

func TestKeyboard(t *testing.T) {
	h := newHarness(t)
	h.w.statements.List.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	h.w.sh.WaitIdle()
	if got := h.w.sh.Session.Selection().Statement; got != h.w.scene.StatementIDs[0] {
		t.Fatalf("Down selected %q, want the first row", got)
	}
	h.w.statements.List.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	h.w.statements.List.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.w.sh.WaitIdle()
	if got := h.w.sh.Session.Selection().Statement; got != h.w.scene.StatementIDs[1] {
		t.Fatalf("Down, Down, Enter selected %q, want the second row", got)
	}
	h.w.sh.Session.SelectActor("bayramov")
	h.w.sh.WaitIdle()
	h.w.sh.Session.SelectStatement("") // nothing focused: Esc clears the actor
	esc := h.w.win.Canvas().OnTypedKey()
	esc(&fyne.KeyEvent{Name: fyne.KeyEscape})
	h.w.sh.WaitIdle()
	if !h.w.sh.Session.Selection().IsZero() {
		t.Fatalf("Esc left %+v", h.w.sh.Session.Selection())
	}
	h.w.focusFilter()
	if h.w.win.Canvas().Focused() != h.w.actors.Filter {
		t.Fatal("Ctrl+F does not focus the filter")
	}
	test.Type(h.w.actors.Filter, "mirzoian")
	if len(h.w.actors.Rows) != 1 || h.w.actors.Rows[0].Actor.ID != "mirzoyan" {
		t.Fatalf("filter by the article's spelling found %v", h.w.actors.Rows)
	}
}

func TestRemembersSizeSplitsAndSelection(t *testing.T) {
	dir := t.TempDir()
	h := openHarness(t, dir)
	h.w.sh.Session.SelectActor("joint-mfa")
	h.w.sh.WaitIdle()
	h.w.sh.Session.SelectStatement("st-19")
	h.w.sh.WaitIdle()
	h.w.win.Resize(fyne.NewSize(1300, 820))
	h.w.outer.SetOffset(0.55)
	h.w.saveWindowState()
	h.close()

	h2 := openHarness(t, dir)
	sel := h2.w.sh.Session.Selection()
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
func TestThemeChoiceIsKept(t *testing.T) {
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
	}
}

func TestMainWindowGolden(t *testing.T) {
	for _, variant := range []string{"light", "dark"} {
		t.Run(variant, func(t *testing.T) {
			h := newHarness(t)
			applyThemeChoice(h.app, variant)
			h.w.win.Resize(fyne.NewSize(1440, 900))
			h.w.sh.Session.SelectActor("blinken")
			h.w.sh.WaitIdle()
			h.w.sh.Session.SelectStatement("st-05")
			h.w.sh.WaitIdle()
			assertGolden(t, "main_"+variant+".png", h.w.win.Canvas().Capture())
		})
	}
}

// The window fits a 1024×700 screen: nothing in it asks for more, so the
// window can be made that small without cutting off its right edge.
func TestWindowFitsA1024By700Screen(t *testing.T) {
	h := newHarness(t)
	if got := h.w.win.Content().MinSize(); got.Width > 1024 || got.Height > 700-40 {
		t.Fatalf("the window needs %v", got)
	}
}

// A casebook whose suggestions older rules made gets them anew once the
// window has its index, says so, and keeps the codes people confirmed.
func TestTheWindowSuggestsOldSuggestionsAgain(t *testing.T) {
	dir := t.TempDir()
	s := seededStore(t, dir)
	stale := app.Statement{ID: "st-stale", Speakers: []string{"mirzoyan"}, Source: "src-europapress", Kind: app.KindDirect,
		Cue: "said", Quote: "We condemn the shelling of the villages", Date: "2023-05-05",
		Coding: app.Coding{CAMEO: "010", Why: "a plain statement", Confidence: 0.3}}
	if err := s.Update(func(tx app.Tx) error { return tx.PutStatement(stale) }); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	h := openHarness(t, dir)
	h.w.sh.WaitIdle()
	st, err := h.store.Statement("st-stale")
	if err != nil {
		t.Fatal(err)
	}
	if st.Coding.Category != "ACCUSE" || st.Coding.Confirmed {
		t.Errorf("the old suggestion is now %+v", st.Coding)
	}
	if got := h.w.status.Text; !strings.Contains(got, "1 statement changed") {
		t.Errorf("status %q", got)
	}
	if st, _ := h.store.Statement("st-15"); !st.Coding.Confirmed {
		t.Errorf("a seed code is no longer confirmed: %+v", st.Coding)
	}
}
