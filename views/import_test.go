package views

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/parley/parley/app"
)

// Two articles of our own, as a user would save them.
const (
	brusselsArticle = `Ministers meet again in Brussels

The foreign ministers of Armenia and Azerbaijan met for a new round on Friday.

"We have agreed on the order of the next meetings," Mirzoyan told reporters.

Charles Michel, the president of the European Council, said the two sides had
"a real chance to settle the remaining issues this year". "Nobody should waste
it," Michel said.
`
	bakuArticle = `<html><head><title>Baku answers</title>
<meta property="og:site_name" content="Caspian Wire">
<meta property="article:published_time" content="2023-07-20T10:00:00Z"></head>
<body><article><h1>Baku answers</h1>
<p>Jeyhun Bayramov spoke to journalists in Baku on Thursday about the corridor and the border.</p>
<p>"The road through Lachin must serve everyone," Bayramov said. He added that Baku was "ready to sign a treaty soon".</p>
<p>Ilham Aliyev, the Azerbaijani president, struck a harder tone: "We will not wait forever," he said.</p>
</article></body></html>`
)

func TestImportReviewSaveAndUndoByDeletingTheSource(t *testing.T) {
	h := newHarness(t)
	dir := t.TempDir()
	for name, text := range map[string]string{"brussels.txt": brusselsArticle, "baku.html": bakuArticle} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.pdf"), []byte("%PDF"), 0o644); err != nil {
		t.Fatal(err)
	}
	before, _ := h.w.casebook().Dump()

	h.w.showImportWindow()
	iw := h.w.importer
	rows := trackRows(iw.quotes)
	iw.addPaths([]string{dir}) // a folder: its two articles, not the PDF
	h.w.waitIdle()
	if len(iw.items) != 2 {
		t.Fatalf("%d articles queued from the folder, want 2", len(iw.items))
	}
	byName := map[string]*importItem{}
	for _, it := range iw.items {
		if it.err != nil {
			t.Fatalf("%s: %v", it.name, it.err)
		}
		byName[it.name] = it
	}
	if got := byName["baku.html"].prop.Source; got.Title != "Baku answers" || got.Outlet != "Caspian Wire" || got.Published != "2023-07-20" {
		t.Errorf("page metadata read as %+v", got)
	}

	// Review the Brussels article: drop one quote, give another to a known
	// actor by choosing it in its row.
	iw.docs.Select(slices.Index(iw.items, byName["brussels.txt"]))
	h.w.waitIdle()
	quotes := iw.currentQuotes()
	if len(quotes) != 3 {
		t.Fatalf("%d quotes in the Brussels article, want 3", len(quotes))
	}
	row := func(i int) quoteReviewRow {
		t.Helper()
		iw.quotes.ScrollTo(i)
		o, ok := rows[i]
		if !ok {
			t.Fatalf("quote row %d is not drawn", i)
		}
		return reviewRowParts(o)
	}
	r0 := row(0)
	if r0.speaker.Selected != "Ararat Mirzoyan" || !r0.keep.Checked {
		t.Errorf("row 0 shows speaker %q keep %v", r0.speaker.Selected, r0.keep.Checked)
	}
	if !strings.Contains(r0.text.Text, "We have agreed on the order of the next meetings") {
		t.Errorf("row 0 text %q", r0.text.Text)
	}
	test.Tap(r0.keep) // drop it
	if quotes[0].Keep {
		t.Error("tapping the check did not drop the quote")
	}
	r2 := row(2)
	if r2.speaker.Selected != "Charles Michel (new)" {
		t.Errorf("row 2 speaker %q, want the proposed new actor", r2.speaker.Selected)
	}
	test.Tap(iw.saveBtn) // nothing happens on the UI goroutine until waitIdle
	h.w.waitIdle()

	if !strings.Contains(iw.summary.Text, "Saved 5 statements from 2 articles") {
		t.Errorf("summary after save: %q", iw.summary.Text)
	}
	// What the main window shows: the new actors with their statements.
	for _, name := range []string{"Charles Michel", "Ilham Aliyev"} {
		i := slices.IndexFunc(h.w.actorRows, func(r app.ActorRow) bool { return r.Actor.Name == name })
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
	if got := len(h.w.scene.StatementIDs); got != 22+5 {
		t.Errorf("all statements now %d, want 27", got)
	}

	// Undo the Brussels import by deleting its source from its detail pane.
	src := byName["brussels.txt"].saved.SourceID
	h.w.session.SelectSource(src)
	h.w.waitIdle()
	del := findButton(h.w.detail.box, "Delete this source")
	if del == nil {
		t.Fatal("no delete button on the source pane")
	}
	test.Tap(del)
	h.w.waitIdle()
	if _, err := h.store.Source(src); err == nil {
		t.Fatal("source still there after delete")
	}
	if _, err := h.store.Actor("charles-michel"); err == nil {
		t.Error("the actor only this article brought is still there")
	}
	if !h.w.undoBtn.Visible() {
		t.Fatal("no Undo offered")
	}
	test.Tap(h.w.undoBtn)
	h.w.waitIdle()
	if ids, _ := h.store.StatementIDsBySource(src); len(ids) != 2 {
		t.Errorf("undo brought back %d statements, want 2", len(ids))
	}

	// And deleting both imported sources gives back the seed case exactly.
	for _, it := range iw.items {
		h.w.deleteSource(it.saved.SourceID)
		h.w.waitIdle()
	}
	after, _ := h.w.casebook().Dump()
	if len(after.Statements) != len(before.Statements) || len(after.Actors) != len(before.Actors) || len(after.Sources) != len(before.Sources) {
		t.Errorf("after deleting both imports: %d statements, %d actors, %d sources; want %d, %d, %d",
			len(after.Statements), len(after.Actors), len(after.Sources),
			len(before.Statements), len(before.Actors), len(before.Sources))
	}
}

func TestImportRefusesBadFilesAndDuplicates(t *testing.T) {
	h := newHarness(t)
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.txt")
	binary := filepath.Join(dir, "image.txt")
	_ = os.WriteFile(empty, nil, 0o644)
	_ = os.WriteFile(binary, []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00"), 0o644)
	before, _ := h.w.casebook().Dump()
	h.w.showImportWindow()
	iw := h.w.importer
	iw.addPaths([]string{empty, binary})
	iw.addPaste(brusselsArticle)
	iw.addPaste(brusselsArticle)
	h.w.waitIdle()
	for _, it := range iw.items[:2] {
		if it.err == nil || !strings.Contains(it.status(), "cannot import") {
			t.Errorf("%s: status %q, want a clear refusal", it.name, it.status())
		}
	}
	test.Tap(iw.saveBtn)
	h.w.waitIdle()
	// The second paste was read before the first was saved; saving it too
	// must not file the same text twice.
	after, _ := h.w.casebook().Dump()
	if got := len(after.Sources) - len(before.Sources); got != 1 {
		t.Errorf("%d sources added from the same text pasted twice, want 1", got)
	}
	iw.addPaste(brusselsArticle)
	h.w.waitIdle()
	if last := iw.items[len(iw.items)-1]; last.status() != "already in the casebook" {
		t.Errorf("third paste status %q", last.status())
	}
}

func findButton(o fyne.CanvasObject, prefix string) *widget.Button {
	switch v := o.(type) {
	case *widget.Button:
		if strings.HasPrefix(v.Text, prefix) {
			return v
		}
	case *fyne.Container:
		for _, c := range v.Objects {
			if b := findButton(c, prefix); b != nil {
				return b
			}
		}
	}
	return nil
}
