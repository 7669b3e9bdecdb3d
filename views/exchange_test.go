package views

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/exchange"

	"codeberg.org/parley/parley/app/search"

	"codeberg.org/parley/parley/views/ui"
)

// walkObjects calls visit on o and on everything drawn inside it.
func walkObjects(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	visit(o)
	switch v := o.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			walkObjects(c, visit)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(v).Objects() {
			walkObjects(c, visit)
		}
	}
}

// overlayButton finds a button by its text in the window's top overlay (a
// dialog), as the user sees it.
func overlayButton(w fyne.Window, text string) *widget.Button {
	top := w.Canvas().Overlays().Top()
	if top == nil {
		return nil
	}
	var found *widget.Button
	walkObjects(top, func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Button:
			if v.Text == text {
				found = v
			}
		case *ui.Button:
			if v.Text == text {
				found = &v.Button
			}
		}
	})
	return found
}

// overlayText is the text of the labels in the window's top overlay.
func overlayText(w fyne.Window) string {
	top := w.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	return strings.Join(labels(top), "\n")
}

func TestExportBackupAndRestoreInTheWindow(t *testing.T) {
	h := newHarness(t)
	dir := t.TempDir()
	if _, err := h.w.sh.Casebook().AddNote(app.Target{Kind: app.TargetActor, ID: "blinken"}, nil, "Host of the round.", []string{"host"}); err != nil {
		t.Fatal(err)
	}
	// A brief of one actor, from the filter.
	h.w.sh.Session.SetFilter(app.Filter{Actor: "joint-mfa"})
	h.w.sh.WaitIdle()
	brief := filepath.Join(dir, "joint.md")
	h.w.files.ExportTo(brief, "md", h.w.sh.Session.Filter(), exchange.Options{})
	h.w.sh.WaitIdle()
	b, err := os.ReadFile(brief)
	if err != nil || !strings.Contains(string(b), "# Parley brief: Foreign ministries") || !strings.Contains(h.w.status.Text, "Exported 3 statements") {
		t.Fatalf("brief %q, status %q, err %v", b, h.w.status.Text, err)
	}
	h.w.sh.Session.SetFilter(app.Filter{})

	backup := filepath.Join(dir, "all.parley")
	h.w.files.BackupTo(backup)
	h.w.sh.WaitIdle()
	before, _ := h.w.sh.Casebook().Dump()
	// Change the casebook, then restore: the window asks first.
	if _, err := h.w.sh.Casebook().AddNote(app.Target{Kind: app.TargetActor, ID: "bayramov"}, nil, "Added after the backup.", nil); err != nil {
		t.Fatal(err)
	}
	h.w.files.RestoreFrom(backup)
	h.w.sh.WaitIdle()
	if h.w.files.Confirm == nil {
		t.Fatal("restoring over a casebook with data did not ask")
	}
	yes := overlayButton(h.w.win, "Yes")
	if yes == nil {
		t.Fatal("no Yes in the question")
	}
	test.Tap(yes)
	h.w.sh.WaitIdle()
	after, _ := h.w.sh.Casebook().Dump()
	if len(after.Notes) != len(before.Notes) || !strings.Contains(h.w.status.Text, "Restored") {
		t.Errorf("after restore: %d notes (want %d), status %q", len(after.Notes), len(before.Notes), h.w.status.Text)
	}
	// A damaged backup is refused and changes nothing.
	bad := filepath.Join(dir, "bad.parley")
	os.WriteFile(bad, []byte("not a backup"), 0o644)
	h.w.files.RestoreFrom(bad)
	h.w.sh.WaitIdle()
	if !strings.Contains(h.w.status.Text, "Nothing restored") {
		t.Errorf("status %q", h.w.status.Text)
	}
	// The index followed the restore: search finds the restored note.
	groups, err := search.Search(h.w.sh.Store, "host", app.Filter{}, 5)
	if err != nil || len(groups) == 0 {
		t.Errorf("search after restore: %v %v", groups, err)
	}
}

// TestAProjectEditedElsewhereComesBackAsEdits exports the casebook to a
// QDA program's format, rewrites a memo as the other program would, and
// imports it: the note is edited, not doubled, and the window says so.
func TestAProjectEditedElsewhereComesBackAsEdits(t *testing.T) {
	h := newHarness(t)
	dir := t.TempDir()
	n, err := h.w.sh.Casebook().AddNote(app.Target{Kind: app.TargetActor, ID: "blinken"}, nil, "Host of the round.", nil)
	if err != nil {
		t.Fatal(err)
	}
	project := filepath.Join(dir, "case.qdpx")
	h.w.files.ExportTo(project, "qdpx", app.Filter{}, exchange.Options{})
	h.w.sh.WaitIdle()
	data, err := os.ReadFile(project)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if f.Name == "project.qde" {
			b = bytes.Replace(b, []byte("<PlainTextContent>Host of the round.</PlainTextContent>"), []byte("<PlainTextContent>Host of the round, and its chair.</PlainTextContent>"), 1)
		}
		w, _ := zw.Create(f.Name)
		w.Write(b)
	}
	zw.Close()
	os.WriteFile(project, out.Bytes(), 0o644)
	notesBefore, _ := h.w.sh.Casebook().Dump()

	h.w.files.ImportProject(project)
	h.w.sh.WaitIdle()
	got, err := h.w.sh.Store.Note(n.ID)
	if err != nil || got.Body != "Host of the round, and its chair." {
		t.Fatalf("note after the import: %q %v", got.Body, err)
	}
	after, _ := h.w.sh.Casebook().Dump()
	if len(after.Notes) != len(notesBefore.Notes) || len(after.Statements) != len(notesBefore.Statements) {
		t.Errorf("%d notes, %d statements after; %d and %d before", len(after.Notes), len(after.Statements), len(notesBefore.Notes), len(notesBefore.Statements))
	}
	if shown := overlayText(h.w.win); !strings.Contains(shown, "Edited in the other program") || !strings.Contains(shown, "note "+n.ID+": its text edited") {
		t.Errorf("the window says %q", shown)
	}
	if !strings.Contains(h.w.status.Text, "edits changed 1 thing") {
		t.Errorf("status %q", h.w.status.Text)
	}
}

// TestExportDialogOffersEachFormatsOptions: the spreadsheet choices are
// there to tick for the CSV formats only, the PLOVER one for PLOVER only.
func TestExportDialogOffersEachFormatsOptions(t *testing.T) {
	h := newHarness(t)
	h.w.files.ShowExport()
	top := h.w.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no export dialog")
	}
	checks := map[string]*widget.Check{}
	var radios []*widget.RadioGroup
	walkObjects(top, func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Check:
			checks[v.Text] = v
		case *widget.RadioGroup:
			radios = append(radios, v)
		}
	})
	noBOM, raw, suggested := checks["No byte-order mark"], checks["Cells as they are (no ' before formulas and codes)"], checks["Also codes only suggested, marked so"]
	if noBOM == nil || raw == nil || suggested == nil || len(radios) == 0 {
		t.Fatalf("checks %v, %d radio groups", checks, len(radios))
	}
	format := radios[0]
	for _, tt := range []struct {
		option      string
		csv, plover bool
	}{
		{"Markdown brief (.md)", false, false},
		{"Spreadsheet, one row per statement (.csv)", true, false},
		{"Spreadsheet, one row per note (.csv)", true, false},
		{"PLOVER event records, JSON lines (.jsonl)", false, true},
		{"REFI-QDA project for QDA software (.qdpx)", false, false},
	} {
		format.SetSelected(tt.option)
		if noBOM.Disabled() == tt.csv || raw.Disabled() == tt.csv || suggested.Disabled() == tt.plover {
			t.Errorf("%s: byte-order mark enabled %v, raw cells %v, suggested %v", tt.option, !noBOM.Disabled(), !raw.Disabled(), !suggested.Disabled())
		}
	}
}
