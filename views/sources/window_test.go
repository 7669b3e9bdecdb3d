package sources

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	_ "codeberg.org/parley/parley/views/locale" // before Fyne; see the package

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/storage/storetest"
	"codeberg.org/parley/parley/views/ui"
)

const articleText = "Talks resume in Arlington\n\n" +
	"\"We are close to an agreement on the border,\" Mirzoyan said on Monday. \"Some questions remain open.\"\n\n" +
	"Bayramov answered that the agreement needed more work.\n\n" +
	"The delegations will meet again next week."

// rangeOf is the code-point range of words in articleText.
func rangeOf(t *testing.T, words string) app.Range {
	t.Helper()
	i := strings.Index(articleText, words)
	if i < 0 {
		t.Fatalf("%q not in the article", words)
	}
	s := app.RuneLen(articleText[:i])
	return app.Range{Start: s, End: s + app.RuneLen(words)}
}

// newWindow is a sources window over the seed case with one article of our
// own and one statement marked in it.
func newWindow(t *testing.T) (*Window, *ui.TestShell, app.Statement) {
	t.Helper()
	_, store := storetest.IndexedSeed(t)
	sh, err := ui.NewTestShell(test.NewTempApp(t), store)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sh.WaitIdle)
	text := articleText
	src := app.Source{ID: "src-talks", Title: "Talks resume", Outlet: "Our desk", Published: "2023-05-01",
		DatePrecision: app.PrecisionDay, Language: "en", TextHash: app.TextHash(text), TextLength: app.RuneLen(text), HasText: true}
	if err := store.Update(func(tx app.Tx) error { return tx.PutSource(src, &text) }); err != nil {
		t.Fatal(err)
	}
	st, _, err := sh.Casebook().AddStatement(app.StatementDraft{Source: src.ID,
		Range: rangeOf(t, "\"We are close to an agreement on the border,\""), Speakers: []string{"mirzoyan"}})
	if err != nil {
		t.Fatal(err)
	}
	sw := New(sh.Shell)
	sw.win.Resize(fyne.NewSize(1100, 760))
	sw.Show(src.ID, st.ID, -1)
	sh.WaitIdle()
	return sw, sh, st
}

func TestReaderShowsTheSourceWithItsStatementMarked(t *testing.T) {
	sw, sh, st := newWindow(t)
	if sw.src.ID != "src-talks" || sw.text.Len() != app.RuneLen(articleText) {
		t.Fatalf("reading %q (%d characters)", sw.src.ID, sw.text.Len())
	}
	spans := sw.text.Spans()
	if len(spans) != 1 || spans[0].ID != st.ID || spans[0].Range != (app.Range{Start: st.Start, End: st.End}) {
		t.Fatalf("spans %+v", spans)
	}
	// Opened from the statement: it is chosen, and selected everywhere.
	if sw.chosen != st.ID || sh.Session.Selection().Statement != st.ID {
		t.Fatalf("chosen %q, selection %+v", sw.chosen, sh.Session.Selection())
	}
	if len(sw.rows) != 2 {
		t.Fatalf("%d sources listed", len(sw.rows))
	}
	test.Type(sw.filter, "our desk")
	if len(sw.rows) != 1 || sw.rows[0].Source.ID != "src-talks" {
		t.Fatalf("filtered to %+v", sw.rows)
	}
	if !strings.Contains(rowMeta(sw.rows[0]), "1 statement") {
		t.Errorf("row reads %q", rowMeta(sw.rows[0]))
	}
	sw.filter.SetText("")
	for _, r := range sw.rows {
		if r.Source.ID == "seed-article" && !strings.Contains(rowMeta(r), "no text stored") {
			t.Errorf("the seed article is not marked as having no text: %q", rowMeta(r))
		}
	}
}

func TestFindInTheText(t *testing.T) {
	sw, _, _ := newWindow(t)
	test.Type(sw.find, "agreement")
	if sw.findCount.Text != "1 of 2" {
		t.Fatalf("find count %q", sw.findCount.Text)
	}
	sw.nextFind(1)
	if got := sw.finds[sw.findAt]; got.Start != rangeOf(t, "agreement needed").Start {
		t.Fatalf("second match at %v", got)
	}
	sw.escape()
	if sw.find.Text != "" || len(sw.finds) != 0 {
		t.Fatal("Esc did not clear the find")
	}
}

// overlayObjects lists what the window's top dialog holds.
func overlayObjects(w fyne.Window) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		out = append(out, o)
		switch x := o.(type) {
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	if top := w.Canvas().Overlays().Top(); top != nil {
		walk(top)
	}
	return out
}

func TestAddStatementFromASelection(t *testing.T) {
	sw, sh, _ := newWindow(t)
	want := rangeOf(t, "Bayramov answered that the agreement needed more work.")
	// A mouse selection with the blank after it: the statement is trimmed.
	sw.text.Select(app.Range{Start: want.Start, End: want.End + 1})
	if sw.addBtn.Disabled() {
		t.Fatal("Add statement is disabled with words selected")
	}
	sw.askStatement()
	var speaker *ui.SelectEntry
	var add *widget.Button
	for _, o := range overlayObjects(sw.win) {
		switch x := o.(type) {
		case *ui.SelectEntry:
			if speaker == nil {
				speaker = x
			}
		case *widget.Button:
			if x.Text == "Add" {
				add = x
			}
		}
	}
	if speaker == nil || add == nil {
		t.Fatal("the dialog has no speaker entry or Add button")
	}
	test.Type(speaker, "Bayramov")
	test.Tap(add)
	sh.WaitIdle()
	ids, _ := sh.Store.StatementIDsBySource("src-talks")
	if len(ids) != 2 {
		t.Fatalf("%d statements after adding one", len(ids))
	}
	var added app.Statement
	for _, id := range ids {
		if st, _ := sh.Store.Statement(id); st.Start == want.Start {
			added = st
		}
	}
	if added.Quote != "Bayramov answered that the agreement needed more work." || added.Speakers[0] != "bayramov" {
		t.Fatalf("added %+v", added)
	}
	if len(sw.text.Spans()) != 2 || sw.chosen != added.ID {
		t.Fatalf("the reader shows %d spans, chosen %q", len(sw.text.Spans()), sw.chosen)
	}
	// Undo, in this window, takes it out again.
	if !sw.undoBtn.Visible() {
		t.Fatal("no Undo offered in the sources window")
	}
	test.Tap(&sw.undoBtn.Button)
	sh.WaitIdle()
	if ids, _ := sh.Store.StatementIDsBySource("src-talks"); len(ids) != 1 {
		t.Fatalf("%d statements after undo", len(ids))
	}
}

func TestMetadataIsCheckedSavedAndUndone(t *testing.T) {
	sw, sh, st := newWindow(t)
	f := sw.form
	f.date.SetText("2023-02-30")
	f.save()
	sh.WaitIdle()
	if !f.problem.Visible() || !strings.Contains(f.problem.Text, "day out of range") {
		t.Fatalf("problem %q visible %v", f.problem.Text, f.problem.Visible())
	}
	if src, _ := sh.Store.Source("src-talks"); src.Published != "2023-05-01" {
		t.Fatal("a date that is not one was saved")
	}
	f.date.SetText("2023-05")
	f.byline.SetText("Ann Lee, Bo Park")
	f.save()
	sh.WaitIdle()
	src, _ := sh.Store.Source("src-talks")
	if src.Published != "2023-05" || src.DatePrecision != app.PrecisionMonth || len(src.Byline) != 2 {
		t.Fatalf("saved %+v", src)
	}
	if moved, _ := sh.Store.Statement(st.ID); moved.Date != "2023-05" {
		t.Fatalf("the statement's date stayed %q", moved.Date)
	}
	sh.Undo()
	sh.WaitIdle()
	if src, _ := sh.Store.Source("src-talks"); src.Published != "2023-05-01" || len(src.Byline) != 0 {
		t.Fatalf("after undo %+v", src)
	}
}

func TestSplitMergeAndDeleteFromTheReader(t *testing.T) {
	sw, sh, st := newWindow(t)
	// Widen the statement to both sentences, then split it again.
	sw.choose(st.ID)
	both := rangeOf(t, "\"We are close to an agreement on the border,\" Mirzoyan said on Monday. \"Some questions remain open.\"")
	sw.text.Select(both)
	sw.setSpan()
	sh.WaitIdle()
	if got, _ := sh.Store.Statement(st.ID); got.End != both.End {
		t.Fatalf("span not set: %+v", got)
	}
	cut := rangeOf(t, "\"Some questions").Start
	sw.choose(st.ID)
	sw.text.Select(app.Range{Start: cut, End: cut})
	if sw.splitBtn.Disabled() {
		t.Fatal("Split is disabled with the cursor inside the chosen quote")
	}
	sw.split()
	sh.WaitIdle()
	if len(sw.text.Spans()) != 2 {
		t.Fatalf("%d spans after the split", len(sw.text.Spans()))
	}
	sw.choose(st.ID)
	sw.mergeNext()
	sh.WaitIdle()
	if got, _ := sh.Store.Statement(st.ID); got.End != both.End || len(sw.text.Spans()) != 1 {
		t.Fatalf("after merge: %+v, %d spans", got, len(sw.text.Spans()))
	}
	sw.choose(st.ID)
	sw.deleteChosen()
	sh.WaitIdle()
	if len(sw.text.Spans()) != 0 {
		t.Fatal("the deleted statement is still marked")
	}
	c, _ := sh.Casebook().Dump()
	if err := app.Validate(c); err != nil {
		t.Fatal(err)
	}
}

func TestNoteOnAPassageIsUnderlined(t *testing.T) {
	sw, sh, _ := newWindow(t)
	want := rangeOf(t, "needed more work")
	sw.text.Select(want)
	sw.askNote()
	var body *ui.Entry
	var save *widget.Button
	for _, o := range overlayObjects(sw.win) {
		switch x := o.(type) {
		case *ui.Entry:
			if x.MultiLine {
				body = x
			}
		case *widget.Button:
			if x.Text == "Save" {
				save = x
			}
		}
	}
	if body == nil || save == nil {
		t.Fatal("the note dialog has no text box or Save button")
	}
	test.Type(body, "Which work?")
	test.Tap(save)
	sh.WaitIdle()
	sh.WaitIdle()
	notes, _ := sh.Store.NotesFor(app.Target{Kind: app.TargetSource, ID: "src-talks"})
	if len(notes) != 1 || notes[0].Range == nil || *notes[0].Range != want {
		t.Fatalf("notes %+v", notes)
	}
	if !sw.text.NoteAt(want.Start) || sw.text.NoteAt(want.End) {
		t.Fatal("the noted passage is not underlined where it stands")
	}
}

func TestFindIgnoresCaseAndAccentsAndKeepsOffsets(t *testing.T) {
	text := "Él dijo: «Ereván y Bakú». ЕРЕВАН и Баку."
	hay := FoldRunes(text)
	for q, want := range map[string]int{"bakú": 1, "BAKU": 1, "баку": 1, "ереван": 1, "erevan": 1, "zzz": 0} {
		got := FindIn(hay, q)
		if len(got) != want {
			t.Errorf("%q: %d matches, want %d", q, len(got), want)
		}
		for _, r := range got {
			if s, _ := app.Slice(text, r.Start, r.End); len([]rune(s)) != len([]rune(q)) {
				t.Errorf("%q matched %q", q, s)
			}
		}
	}
}
