package views

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"codeberg.org/parley/parley/views/reader"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/parley/parley/app"

	"codeberg.org/parley/parley/views/ui"
)

// TestImportShowsEverywhereAndDeletingTheSourceUndoesIt files two articles
// through the import window (its review is tested in its own package) and
// follows them into the main window, then takes one out again from its
// source's detail pane, with Undo.
func TestImportShowsEverywhereAndDeletingTheSourceUndoesIt(t *testing.T) {
	h := newHarness(t)
	dir := filepath.Join("importwin", "testdata") // two articles of our own
	before, _ := h.w.sh.Casebook().Dump()
	h.w.showImport()
	h.w.importWin.AddPaths([]string{dir})
	h.w.sh.WaitIdle()
	h.w.importWin.Save()
	h.w.sh.WaitIdle()
	saved, _ := h.w.sh.Casebook().Dump()
	var sources []string
	for _, s := range saved.Sources {
		if !slices.ContainsFunc(before.Sources, func(b app.Source) bool { return b.ID == s.ID }) {
			sources = append(sources, s.ID)
		}
	}
	if len(sources) != 2 {
		t.Fatalf("%d sources filed, want 2", len(sources))
	}
	brussels := ""
	for _, id := range sources {
		if s, _ := h.store.Source(id); strings.Contains(s.Title, "Brussels") {
			brussels = id
		}
	}
	// What the main window shows: the new actors with their statements.
	for _, name := range []string{"Charles Michel", "Ilham Aliyev"} {
		i := slices.IndexFunc(h.w.actors.Rows, func(r app.ActorRow) bool { return r.Actor.Name == name })
		if i < 0 {
			t.Fatalf("%s not in the actors list after the import", name)
		}
	}
	aliyev, err := h.store.Actor("ilham-aliyev")
	if err != nil || aliyev.Seat != "baku" || aliyev.Kind != app.ActorPerson {
		t.Errorf("Ilham Aliyev filed as %+v, %v; want a person seated in Baku", aliyev, err)
	}
	if h.w.mapView.MarkerFor("ilham-aliyev") == nil {
		t.Error("no map marker for the new actor seated in Baku")
	}
	if got := len(h.w.scene.StatementIDs); got != 22+6 {
		t.Errorf("all statements now %d, want 28", got)
	}

	// Undo the Brussels import by deleting its source from its detail pane.
	src := brussels
	h.w.sh.Session.SelectSource(src)
	h.w.sh.WaitIdle()
	del := findButton(h.w.detail.Object(), "Delete this source")
	if del == nil {
		t.Fatal("no delete button on the source pane")
	}
	test.Tap(del)
	h.w.sh.WaitIdle()
	// It asks first, saying what goes.
	if _, err := h.store.Source(src); err != nil {
		t.Fatal("the source went before the question was answered")
	}
	if text := overlayText(h.w.win); !strings.Contains(text, "3 statements") || !strings.Contains(text, "0 notes") || !strings.Contains(text, "1 actor") {
		t.Errorf("the question does not say what goes: %q", text)
	}
	test.Tap(overlayButton(h.w.win, "Yes"))
	h.w.sh.WaitIdle()
	if _, err := h.store.Source(src); err == nil {
		t.Fatal("source still there after delete")
	}
	if _, err := h.store.Actor("charles-michel"); err == nil {
		t.Error("the actor only this article brought is still there")
	}
	if !h.w.undoBtn.Visible() {
		t.Fatal("no Undo offered")
	}
	fire(h.w, &fyne.ShortcutUndo{}) // Ctrl+Z, as the button does
	h.w.sh.WaitIdle()
	if ids, _ := h.store.StatementIDsBySource(src); len(ids) != 3 {
		t.Errorf("undo brought back %d statements, want 3", len(ids))
	}

	// And deleting both imported sources gives back the seed case exactly.
	for _, id := range sources {
		h.w.sh.Session.SelectSource(id)
		h.w.sh.WaitIdle()
		test.Tap(findButton(h.w.detail.Object(), "Delete this source"))
		h.w.sh.WaitIdle()
		test.Tap(overlayButton(h.w.win, "Yes"))
		h.w.sh.WaitIdle()
	}
	after, _ := h.w.sh.Casebook().Dump()
	if len(after.Statements) != len(before.Statements) || len(after.Actors) != len(before.Actors) || len(after.Sources) != len(before.Sources) {
		t.Errorf("after deleting both imports: %d statements, %d actors, %d sources; want %d, %d, %d",
			len(after.Statements), len(after.Actors), len(after.Sources),
			len(before.Statements), len(before.Actors), len(before.Sources))
	}
}

// findIn walks o, its containers and scrolls, for the first object match
// takes.
func findIn[T any](o fyne.CanvasObject, match func(fyne.CanvasObject) (T, bool)) (T, bool) {
	if v, ok := match(o); ok {
		return v, true
	}
	var objs []fyne.CanvasObject
	switch v := o.(type) {
	case *fyne.Container:
		objs = v.Objects
	case *container.Scroll:
		objs = []fyne.CanvasObject{v.Content}
	}
	for _, c := range objs {
		if v, ok := findIn(c, match); ok {
			return v, true
		}
	}
	var none T
	return none, false
}

// findButton finds a button whose text starts with prefix.
func findButton(o fyne.CanvasObject, prefix string) *widget.Button {
	b, _ := findIn(o, func(o fyne.CanvasObject) (*widget.Button, bool) {
		switch v := o.(type) {
		case *ui.Button:
			return &v.Button, strings.HasPrefix(v.Text, prefix)
		case *widget.Button:
			return v, strings.HasPrefix(v.Text, prefix)
		}
		return nil, false
	})
	return b
}

// TestOpenInSourceReadsTheStatementInItsArticle imports an article, shows
// one of its statements, and opens it in its source from the detail pane:
// the sources window reads that article with the statement chosen.
func TestOpenInSourceReadsTheStatementInItsArticle(t *testing.T) {
	h := newHarness(t)
	h.w.showImport()
	h.w.importWin.AddPaths([]string{filepath.Join("importwin", "testdata")})
	h.w.sh.WaitIdle()
	h.w.importWin.Save()
	h.w.sh.WaitIdle()
	c, _ := h.w.sh.Casebook().Dump()
	var st app.Statement
	for _, s := range c.Statements {
		if src, _ := h.store.Source(s.Source); src.HasText {
			st = s
			break
		}
	}
	if st.ID == "" {
		t.Fatal("no statement of an imported article")
	}
	h.w.sh.Session.Select(app.Selection{Statement: st.ID, Actor: st.Speakers[0]})
	h.w.sh.WaitIdle()
	open := findButton(h.w.detail.Object(), "Open in source")
	if open == nil {
		t.Fatal("the detail pane has no Open in source button")
	}
	test.Tap(open)
	h.w.sh.WaitIdle()
	h.w.sh.WaitIdle()
	sw := h.w.sourcesWin
	if sw == nil || sw.Closed() {
		t.Fatal("no sources window")
	}
	spans := sw.Text().Spans()
	if !slices.ContainsFunc(spans, func(s reader.Span) bool { return s.ID == st.ID && s.Range.Start == st.Start }) {
		t.Fatalf("the reader does not mark the statement: %+v", spans)
	}
	if got := h.w.sh.Session.Selection().Statement; got != st.ID {
		t.Fatalf("the statement is no longer selected: %q", got)
	}
	sw.Close()
}

// TestAReprintShowsAsAReportWithItsWording imports an article and a reprint
// that trims its quote: review says the quote is reported already, and the
// statement's detail pane lists both reports with the wording that differs.
func TestAReprintShowsAsAReportWithItsWording(t *testing.T) {
	h := newHarness(t)
	dir := t.TempDir()
	wire := "Talks resume\n\nARLINGTON, May 4, 2023 — \"We have advanced on several articles of the draft, and some gaps remain,\" Mirzoyan told reporters.\n"
	reprint := "Minister sees progress\n\nYEREVAN, May 5, 2023 — Mirzoyan said: «We have advanced on several articles of the draft».\n"
	for name, text := range map[string]string{"1-wire.txt": wire, "2-reprint.txt": reprint} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	h.w.showImport()
	h.w.importWin.AddPaths([]string{filepath.Join(dir, "1-wire.txt")})
	h.w.sh.WaitIdle()
	h.w.importWin.Save()
	h.w.sh.WaitIdle()
	h.w.importWin.AddPaths([]string{filepath.Join(dir, "2-reprint.txt")})
	h.w.sh.WaitIdle()
	h.w.importWin.Save()
	h.w.sh.WaitIdle()
	c, _ := h.w.sh.Casebook().Dump()
	var st app.Statement
	for _, s := range c.Statements {
		if strings.Contains(s.Quote, "advanced on several articles") {
			if st.ID != "" {
				t.Fatal("the reprint's quote was filed as a second statement")
			}
			st = s
		}
	}
	if st.ReportCount() != 2 {
		t.Fatalf("statement %+v", st)
	}
	h.w.sh.Session.Select(app.Selection{Statement: st.ID, Actor: st.Speakers[0]})
	h.w.sh.WaitIdle()
	text := strings.ToLower(h.w.detail.Text())
	for _, want := range []string{"reported by 2 sources", "the earliest report", "leaves out: and some gaps remain,"} {
		if !strings.Contains(text, want) {
			t.Errorf("the detail pane lacks %q:\n%s", want, text)
		}
	}
	// A wrong match is split off from the pane, and Undo joins it again.
	split := findButton(h.w.detail.Object(), "Not the same statement")
	if split == nil {
		t.Fatal("no split-off button")
	}
	test.Tap(split)
	h.w.sh.WaitIdle()
	if got, _ := h.store.Statement(st.ID); got.ReportCount() != 1 {
		t.Fatalf("after the split: %d reports", got.ReportCount())
	}
	h.w.undo()
	h.w.sh.WaitIdle()
	if got, _ := h.store.Statement(st.ID); got.ReportCount() != 2 {
		t.Fatalf("after undo: %d reports", got.ReportCount())
	}
}
