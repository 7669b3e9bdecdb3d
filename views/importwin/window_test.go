package importwin

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	_ "codeberg.org/parley/parley/views/locale" // before Fyne; see the package

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/search"
	"codeberg.org/parley/parley/storage/storetest"
	"codeberg.org/parley/parley/views/ui"
)

type harness struct {
	sh  *ui.TestShell
	win *Window
}

// newHarness opens the import window over a casebook holding the seed
// case.
func newHarness(t *testing.T) harness {
	t.Helper()
	a := test.NewTempApp(t)
	cb, _ := storetest.Seeded(t)
	sh, err := ui.NewTestShell(a, search.NewIndexedStore(cb.Store))
	if err != nil {
		t.Fatal(err)
	}
	win := New(sh.Shell)
	win.Show()
	t.Cleanup(func() {
		sh.WaitIdle()
		win.Close()
		sh.WaitIdle()
	})
	return harness{sh: sh, win: win}
}

// Two articles of our own, as a user would save them, in testdata: the
// main window's tests import them too.
var (
	brusselsArticle = readFixture("brussels.txt")
	bakuArticle     = readFixture("baku.html")
)

func readFixture(name string) string {
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		panic(err)
	}
	return string(b)
}

func TestReviewAndSave(t *testing.T) {
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
	before, _ := h.sh.Casebook().Dump()

	iw := h.win
	rows := ui.TrackRows(&iw.quotes.List)
	iw.AddPaths([]string{dir}) // a folder: its two articles, not the PDF
	h.sh.WaitIdle()
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
	h.sh.WaitIdle()
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
	h.sh.WaitIdle()

	if !strings.Contains(iw.summary.Text, "Saved 5 statements from 2 articles") {
		t.Errorf("summary after save: %q", iw.summary.Text)
	}
	aliyev, err := h.sh.Store.Actor("ilham-aliyev")
	if err != nil || aliyev.Seat != "baku" || aliyev.Kind != app.ActorPerson {
		t.Errorf("Ilham Aliyev filed as %+v, %v; want a person seated in Baku", aliyev, err)
	}
	after, _ := h.sh.Casebook().Dump()
	if got := len(after.Statements) - len(before.Statements); got != 5 {
		t.Errorf("%d statements filed, want 5", got)
	}
	if _, err := h.sh.Store.Actor("charles-michel"); err != nil {
		t.Errorf("the new actor Charles Michel was not filed: %v", err)
	}
}

func TestRefusesBadFilesAndDuplicates(t *testing.T) {
	h := newHarness(t)
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.txt")
	binary := filepath.Join(dir, "image.txt")
	_ = os.WriteFile(empty, nil, 0o644)
	_ = os.WriteFile(binary, []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00"), 0o644)
	before, _ := h.sh.Casebook().Dump()
	iw := h.win
	iw.AddPaths([]string{empty, binary})
	iw.addPaste(brusselsArticle)
	iw.addPaste(brusselsArticle)
	h.sh.WaitIdle()
	for _, it := range iw.items[:2] {
		if it.err == nil || !strings.Contains(it.status(), "cannot import") {
			t.Errorf("%s: status %q, want a clear refusal", it.name, it.status())
		}
	}
	test.Tap(iw.saveBtn)
	h.sh.WaitIdle()
	// The second paste was read before the first was saved; saving it too
	// must not file the same text twice.
	after, _ := h.sh.Casebook().Dump()
	if got := len(after.Sources) - len(before.Sources); got != 1 {
		t.Errorf("%d sources added from the same text pasted twice, want 1", got)
	}
	iw.addPaste(brusselsArticle)
	h.sh.WaitIdle()
	if last := iw.items[len(iw.items)-1]; last.status() != "already in the casebook" {
		t.Errorf("third paste status %q", last.status())
	}
}

// TestReviewWarnsOfAMissingDate: an article with no date anywhere shows a
// warning in review and is filed "date unknown"; a date typed in review is
// checked, with the reason shown when it is not a date.
func TestReviewWarnsOfAMissingDate(t *testing.T) {
	h := newHarness(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "brussels.txt") // no date in the text, the name or metadata
	if err := os.WriteFile(path, []byte(brusselsArticle), 0o644); err != nil {
		t.Fatal(err)
	}
	iw := h.win
	iw.AddPaths([]string{path})
	h.sh.WaitIdle()
	iw.showItem(0)
	if !iw.dateNote.Visible() || !strings.Contains(iw.dateNote.Text, "No date was found") {
		t.Fatalf("date note %q (visible %v)", iw.dateNote.Text, iw.dateNote.Visible())
	}
	iw.date.SetText("2023-02-30")
	if !iw.dateError.Visible() || !strings.Contains(iw.dateError.Text, "day out of range") {
		t.Fatalf("date error %q", iw.dateError.Text)
	}
	iw.date.SetText("2023-07")
	if iw.dateError.Visible() || iw.dateNote.Visible() {
		t.Fatal("a good date still shows a problem")
	}
	iw.date.SetText("")
	iw.byline.SetText("Ann Lee, Bo Park")
	iw.Save()
	h.sh.WaitIdle()
	src := iw.items[0].prop.Source
	got, err := h.sh.Store.Source(src.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Published != "" || got.DatePrecision != app.PrecisionUnknown || len(got.Byline) != 2 {
		t.Fatalf("filed %+v", got)
	}
}

// A quotation of a speaker the article only describes is kept under the
// unnamed sources, its row saying who as the article does, and the
// unnamed sources are listed as one group with nothing to edit.
func TestReviewShowsUnnamedSources(t *testing.T) {
	h := newHarness(t)
	dir := t.TempDir()
	text := "Convoy reaches the town\n\n\"The convoy passed the checkpoint without incident,\" officials said on Tuesday.\n\n" +
		"\"We will not comment on the talks,\" a spokesman for the ministry said.\n"
	if err := os.WriteFile(filepath.Join(dir, "convoy.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	iw := h.win
	rows := ui.TrackRows(&iw.quotes.List)
	iw.AddPaths([]string{filepath.Join(dir, "convoy.txt")})
	h.sh.WaitIdle()
	iw.quotes.ScrollTo(0)
	o, ok := rows[0]
	if !ok {
		t.Fatal("quote row 0 is not drawn")
	}
	r := reviewRowParts(o)
	if r.speaker.Selected != "Unnamed sources (new)" || !r.keep.Checked || !strings.Contains(r.text.Text, "said by officials") {
		t.Errorf("row 0: speaker %q, keep %v, text %q", r.speaker.Selected, r.keep.Checked, r.text.Text)
	}
	var group []string
	for _, obj := range iw.actors.Objects {
		if l, ok := obj.(*widget.Label); ok {
			group = append(group, l.Text)
		}
	}
	if len(group) != 1 || !strings.HasPrefix(group[0], "Unnamed sources, new, speaks 2 quotes") {
		t.Errorf("new actors listed as %q", group)
	}
}
