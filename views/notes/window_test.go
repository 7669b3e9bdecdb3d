package notes

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	_ "codeberg.org/parley/parley/views/locale" // before Fyne; see the package

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/storage/storetest"
	"codeberg.org/parley/parley/views/ui"

	"fyne.io/fyne/v2/widget"

	"fyne.io/fyne/v2/theme"
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

func TestWindowFiltersAndSelects(t *testing.T) {
	sh := newShell(t)
	cb := sh.Casebook()
	for _, n := range []struct {
		t    app.Target
		body string
		tags []string
	}{
		{app.Target{Kind: app.TargetStatement, ID: "st-19"}, "Divergent positions remain", []string{"treaty"}},
		{app.Target{Kind: app.TargetPlace, ID: "lachin-corridor"}, "Blocked since December 2022", []string{"access"}},
		{app.Target{Kind: app.TargetActor, ID: "mirzoyan"}, "Spelled Mirzoian in the report", []string{"names"}},
	} {
		if _, err := cb.AddNote(n.t, nil, n.body, n.tags); err != nil {
			t.Fatal(err)
		}
	}
	nw := NewWindow(sh.Shell)
	nw.Show(nil)
	sh.WaitIdle()
	if len(nw.rows) != 3 {
		t.Fatalf("%d notes listed", len(nw.rows))
	}
	nw.tag.SetSelected("access")
	sh.WaitIdle()
	if len(nw.rows) != 1 || nw.rows[0].Note.Target.ID != "lachin-corridor" {
		t.Fatalf("tag filter: %+v", nw.rows)
	}
	nw.tag.SetSelected(allTags)
	test.Type(nw.filter, "mirzoian")
	sh.WaitIdle()
	if len(nw.rows) != 1 || !strings.Contains(nw.rows[0].TargetLabel, "Ararat Mirzoyan") {
		t.Fatalf("text filter: %+v", nw.rows)
	}
	nw.list.Select(0)
	sh.WaitIdle()
	if got := sh.Session.Selection(); got.Actor != "mirzoyan" {
		t.Fatalf("clicking the note selected %+v", got)
	}
	nw.filter.SetText("")
	sh.WaitIdle()
	for i, r := range nw.rows {
		if r.Note.Target.ID == "st-19" {
			nw.list.Select(i)
		}
	}
	sh.WaitIdle()
	if got := sh.Session.Selection(); got.Statement != "st-19" || got.Actor != "joint-mfa" {
		t.Fatalf("clicking the statement note selected %+v", got)
	}
}

func TestWindowReadsNoteAsMarkdown(t *testing.T) {
	sh := newShell(t)
	body := "## Why it matters\n\nThe **corridor** stays *closed*.\n\n- first\n- second"
	if _, err := sh.Casebook().AddNote(app.Target{Kind: app.TargetPlace, ID: "lachin-corridor"}, nil, body, nil); err != nil {
		t.Fatal(err)
	}
	var edited []app.Note
	sh.EditNote = func(n app.Note) { edited = append(edited, n) }
	nw := NewWindow(sh.Shell)
	nw.Show(nil)
	sh.WaitIdle()
	if !nw.edit.Disabled() || !nw.goTo.Disabled() {
		t.Fatal("edit and go-to are enabled before a note is chosen")
	}
	nw.list.Select(0)
	sh.WaitIdle()
	var bold, italic, list, heading bool
	for _, seg := range nw.shown.Segments {
		switch s := seg.(type) {
		case *widget.TextSegment:
			if s.Text == "corridor" && s.Style.TextStyle.Bold {
				bold = true
			}
			if s.Text == "closed" && s.Style.TextStyle.Italic {
				italic = true
			}
			if s.Text == "Why it matters" && s.Style.SizeName == theme.SizeNameSubHeadingText {
				heading = true
			}
		case *widget.ListSegment:
			list = len(s.Items) == 2
		}
	}
	if !bold || !italic || !list || !heading {
		t.Fatalf("rendered: bold %v italic %v list %v heading %v; segments %#v", bold, italic, list, heading, nw.shown.Segments)
	}
	if strings.Contains(nw.shown.String(), "**") {
		t.Fatalf("Markdown marks shown as text: %q", nw.shown.String())
	}
	test.Tap(nw.edit)
	sh.WaitIdle()
	if len(edited) != 1 || edited[0].Body != body {
		t.Fatalf("Edit opened %+v", edited)
	}
	if got := oneLine("## Title\n\nfirst  line\nsecond"); got != "Title first line second" {
		t.Fatalf("oneLine: %q", got)
	}
}
