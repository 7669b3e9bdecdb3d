package views

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"codeberg.org/parley/parley/app"

	"codeberg.org/parley/parley/views/notes"

	"codeberg.org/parley/parley/views/detail"
)

func init() { notes.AutosaveDelay = 20 * time.Millisecond }

// eventually runs the window's UI work until cond holds, as time passes.
func (h *harness) eventually(what string, cond func() bool) {
	h.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		h.w.sh.WaitIdle()
		if cond() {
			return
		}
		if time.Now().After(deadline) {
			h.t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (h *harness) notesOn(t app.Target) []app.Note {
	h.t.Helper()
	ns, err := h.store.NotesFor(t)
	if err != nil {
		h.t.Fatal(err)
	}
	return ns
}

func (h *harness) showStatement(id string) {
	h.w.sh.Session.SelectTarget(app.Target{Kind: app.TargetStatement, ID: id})
	h.w.sh.WaitIdle()
}

func TestTypingSavesWithoutAButton(t *testing.T) {
	h := newHarness(t)
	h.showStatement("st-11")
	target := app.Target{Kind: app.TargetStatement, ID: "st-11"}
	ed := h.w.detail.Notes().AddNew(nil, "")
	test.Type(ed.Entry, "Dialogue as the *only* way.")
	test.Type(ed.Tags, "dialogue, peace")
	h.eventually("the autosave", func() bool {
		ns := h.notesOn(target)
		return len(ns) == 1 && ns[0].Body == "Dialogue as the *only* way." && len(ns[0].Tags) == 2
	})
	h.w.sh.WaitIdle()
	if !strings.HasPrefix(ed.Status.Text, "Saved") {
		t.Errorf("status %q after the save", ed.Status.Text)
	}
	// More typing updates the same note, never a second one.
	test.Type(ed.Entry, " Said at the closing session.")
	h.eventually("the second autosave", func() bool {
		ns := h.notesOn(target)
		return len(ns) == 1 && strings.HasSuffix(ns[0].Body, "closing session.")
	})
	h.w.sh.WaitIdle()
}

func TestLeavingTheEditorOrClosingSaves(t *testing.T) {
	notes.AutosaveDelay = time.Hour // only focus loss and closing can save here
	defer func() { notes.AutosaveDelay = 20 * time.Millisecond }()
	dir := t.TempDir()
	h := openHarness(t, dir)
	h.showStatement("st-17")
	target := app.Target{Kind: app.TargetStatement, ID: "st-17"}
	ed := h.w.detail.Notes().AddNew(nil, "")
	test.Type(ed.Entry, "First thought.")
	h.w.win.Canvas().Focus(h.w.actors.Filter) // the editor loses focus
	h.w.sh.WaitIdle()
	if ns := h.notesOn(target); len(ns) != 1 || ns[0].Body != "First thought." {
		t.Fatalf("after focus loss: %+v", ns)
	}
	h.w.win.Canvas().Focus(ed.Entry)
	test.Type(ed.Entry, " Second thought.")
	h.w.close()
	h.close()

	h2 := openHarness(t, dir)
	if ns := h2.notesOn(target); len(ns) != 1 || ns[0].Body != "First thought. Second thought." {
		t.Fatalf("after closing the window: %+v", ns)
	}
}

func TestDeleteOffersUndoAndUndoRestoresExactly(t *testing.T) {
	h := newHarness(t)
	target := app.Target{Kind: app.TargetActor, ID: "bayramov"}
	orig, err := h.w.sh.Casebook().AddNote(target, &app.Range{Start: 0, End: 10}, "Négociateur — **key** figure", []string{"people"})
	if err != nil {
		t.Fatal(err)
	}
	h.w.sh.Session.SelectActor("bayramov")
	h.w.sh.WaitIdle()
	if len(h.w.detail.Notes().Editors()) != 1 {
		t.Fatalf("%d notes shown", len(h.w.detail.Notes().Editors()))
	}
	h.w.detail.Notes().Delete(h.w.detail.Notes().Editors()[0])
	h.w.sh.WaitIdle()
	if len(h.notesOn(target)) != 0 {
		t.Fatal("the note is still stored")
	}
	if !h.w.undoBtn.Visible() || !strings.Contains(h.w.status.Text, "deleted") {
		t.Fatalf("no Undo offered: %q", h.w.status.Text)
	}
	test.Tap(h.w.undoBtn)
	h.w.sh.WaitIdle()
	back := h.notesOn(target)
	if len(back) != 1 || !reflect.DeepEqual(back[0], orig) {
		t.Fatalf("restored %+v, want %+v", back, orig)
	}
	if len(h.w.detail.Notes().Editors()) != 1 {
		t.Fatal("the restored note is not shown")
	}
	if h.w.undoBtn.Visible() {
		t.Error("Undo still offered after undoing")
	}
}

// highlightedRuns is the text drawn with the highlight's underline.
func highlightedRuns(q *detail.QuoteText) []string {
	var out []string
	for _, o := range test.WidgetRenderer(q).Objects() {
		if t, ok := o.(*canvas.Text); ok && t.TextStyle.Underline {
			out = append(out, t.Text)
		}
	}
	return out
}

func TestHighlightsLandOnTheRightWords(t *testing.T) {
	h := newHarness(t)
	quote := "Мы готовы — «Երևան» և Bakı, même l’accord 🕊️ reste à écrire"
	st := app.Statement{ID: "st-x", Speakers: []string{"gov-armenia"}, Quote: quote, Kind: app.KindDirect, Date: "2023-05-04"}
	if err := h.store.Update(func(tx app.Tx) error { return tx.PutStatement(st) }); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ word string }{{"готовы"}, {"Երևան"}, {"même"}, {"l’accord 🕊️"}, {"écrire"}}
	target := app.Target{Kind: app.TargetStatement, ID: "st-x"}
	for _, tt := range tests {
		byteAt := strings.Index(quote, tt.word)
		start := app.RuneLen(quote[:byteAt])
		if _, err := h.w.sh.Casebook().AddNote(target, &app.Range{Start: start, End: start + app.RuneLen(tt.word)}, "on "+tt.word, nil); err != nil {
			t.Fatal(err)
		}
	}
	h.w.sh.Session.Reload()
	h.showStatement("st-x")
	q := h.w.detail.Quote()
	got := highlightedRuns(q)
	var want []string
	for _, tt := range tests {
		want = append(want, strings.Fields(tt.word)...)
	}
	// Runs may split at line ends; compare the words they cover.
	var words []string
	for _, g := range got {
		words = append(words, strings.Fields(g)...)
	}
	if !slices.Equal(words, want) {
		t.Fatalf("highlighted %q, want %q", words, want)
	}
}

func TestAnnotateSelectionStoresTheRange(t *testing.T) {
	h := newHarness(t)
	h.showStatement("st-15")
	q := h.w.detail.Quote()
	if !h.w.detail.Annotate().Disabled() {
		t.Fatal("Annotate is enabled with nothing selected")
	}
	// Drag across "marathon" as a user would.
	at := func(i int) fyne.Position {
		p, ok := q.PositionOf(i)
		if !ok {
			t.Fatalf("index %d not laid out", i)
		}
		return p
	}
	text := q.PlainText()
	start := app.RuneLen(text[:strings.Index(text, "marathon")])
	q.MouseDown(mouseAt(at(start)))
	q.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: at(start + len("marathon"))}})
	q.DragEnd()
	if got := q.SelectedText(); got != "marathon" {
		t.Fatalf("dragged selection %q", got)
	}
	test.Tap(h.w.detail.Annotate())
	ed := h.w.detail.Notes().Editors()[0]
	test.Type(ed.Entry, "Blinken said mile.")
	ed.Flush()
	h.w.sh.WaitIdle()
	ns := h.notesOn(app.Target{Kind: app.TargetStatement, ID: "st-15"})
	if len(ns) != 1 || ns[0].Range == nil || *ns[0].Range != (app.Range{Start: start, End: start + 8}) {
		t.Fatalf("stored %+v", ns)
	}
	if !slices.Contains(highlightedRuns(q), "marathon") {
		t.Errorf("the new highlight is not drawn: %q", highlightedRuns(q))
	}
}

func TestManyNotesStayQuick(t *testing.T) {
	h := newHarness(t)
	target := app.Target{Kind: app.TargetPlace, ID: "baku"}
	c := app.Case{}
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 10000 {
		at := base.Add(time.Duration(i) * time.Second)
		c.Notes = append(c.Notes, app.Note{ID: "bulk-" + itoa5(i), Target: target, Body: "note " + itoa5(i), Created: at, Updated: at})
	}
	if err := app.LoadCase(h.store, c, 1000); err != nil {
		t.Fatal(err)
	}
	h.w.sh.Session.SelectPlace("baku")
	h.w.sh.WaitIdle()
	if n := len(h.w.detail.Notes().Editors()); n != notes.MaxShown {
		t.Fatalf("%d notes drawn, want the newest %d", n, notes.MaxShown)
	}
	if got := h.w.detail.Notes().Editors()[0].Note().Body; got != "note 09999" {
		t.Fatalf("first note %q, want the newest", got)
	}
	if !strings.Contains(h.w.detail.Text(), "NOTES (10000)") {
		t.Error("count missing")
	}
}

func itoa5(i int) string { return fmt.Sprintf("%05d", i) }

func mouseAt(p fyne.Position) *desktop.MouseEvent {
	return &desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}, Button: desktop.MouseButtonPrimary}
}
