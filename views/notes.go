package views

import (
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/parley/parley/app"
)

// autosaveDelay is how long typing must pause before a note is saved. Tests
// shorten it.
var autosaveDelay = time.Second

// previewLimit caps how much of a note the rendered view shows; a note of
// a megabyte is read in the editor.
const previewLimit = 20000

// noteEditor is one note in the detail pane: rendered Markdown to read, an
// editor to write in. Edits save on their own a second after typing stops,
// when the editor loses focus, and when the window closes; the small status
// line says "Saved" only once the store has synced the write.
type noteEditor struct {
	w      *mainWindow
	note   app.Note // as last shown saved, on the UI goroutine
	target app.Target
	rng    *app.Range

	// mu orders the writes of this note: each write carries the edit
	// version it saves, and one that arrives behind a newer write is
	// dropped. saved, savedVersion and deleted belong to it.
	mu           sync.Mutex
	saved        app.Note
	savedVersion int
	deleted      bool

	box      *fyne.Container
	view     *widget.RichText
	entry    *noteEntry
	tags     *widget.Entry
	status   *widget.Label
	editBtn  *widget.Button
	editing  bool
	dirty    bool
	version  int
	timer    *time.Timer
	excerpt  string
	onDelete func(*noteEditor)
	onStored func() // the first save of a new note
}

// noteEntry is a multi-line entry that saves when it loses focus.
type noteEntry struct {
	widget.Entry
	onFocusLost func()
}

func newNoteEntry() *noteEntry {
	e := &noteEntry{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(4)
	e.ExtendBaseWidget(e)
	return e
}

func (e *noteEntry) FocusLost() {
	e.Entry.FocusLost()
	if e.onFocusLost != nil {
		e.onFocusLost()
	}
}

func newNoteEditor(w *mainWindow, n app.Note, excerpt string) *noteEditor {
	ed := &noteEditor{w: w, note: n, saved: n, target: n.Target, rng: n.Range, excerpt: excerpt}
	ed.view = widget.NewRichTextFromMarkdown(preview(n.Body))
	ed.view.Wrapping = fyne.TextWrapWord
	ed.entry = newNoteEntry()
	ed.entry.SetPlaceHolder("Write in Markdown: **bold**, *italic*, - lists, [links](https://…)")
	ed.entry.SetText(n.Body)
	ed.entry.OnChanged = func(string) { ed.changed() }
	ed.entry.onFocusLost = ed.flush
	ed.tags = widget.NewEntry()
	ed.tags.SetPlaceHolder("tags, separated by commas")
	ed.tags.SetText(strings.Join(n.Tags, ", "))
	ed.tags.OnChanged = func(string) { ed.changed() }
	ed.status = widget.NewLabel(ed.meta())
	ed.status.SizeName = theme.SizeNameCaptionText
	ed.editBtn = widget.NewButtonWithIcon("Edit", theme.DocumentCreateIcon(), ed.toggle)
	ed.editBtn.Importance = widget.LowImportance
	del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		if ed.onDelete != nil {
			ed.onDelete(ed)
		}
	})
	del.Importance = widget.LowImportance
	header := container.NewBorder(nil, nil, nil, container.NewHBox(ed.editBtn, del), ed.status)
	ed.box = container.NewVBox(header)
	if excerpt != "" {
		q := dim("On “" + excerpt + "”")
		ed.box.Add(q)
	}
	ed.box.Add(ed.view)
	ed.box.Add(widget.NewSeparator())
	return ed
}

// meta is the line above a note: when it was written, its tags.
func (ed *noteEditor) meta() string {
	if ed.note.ID == "" {
		return "New note"
	}
	s := "Updated " + ed.note.Updated.Local().Format("2 Jan 2006 15:04")
	return s + tagSuffix(ed.note.Tags)
}

func (ed *noteEditor) object() fyne.CanvasObject { return ed.box }

// edit switches to the editor and focuses it.
func (ed *noteEditor) edit() {
	if ed.editing {
		return
	}
	ed.editing = true
	ed.editBtn.SetText("Done")
	ed.box.Objects[len(ed.box.Objects)-2] = container.NewVBox(ed.entry, ed.tags)
	ed.box.Refresh()
	ed.w.win.Canvas().Focus(ed.entry)
}

// toggle switches between the editor and the rendered note.
func (ed *noteEditor) toggle() {
	if !ed.editing {
		ed.edit()
		return
	}
	ed.flush()
	ed.editing = false
	ed.editBtn.SetText("Edit")
	ed.view.ParseMarkdown(preview(ed.entry.Text))
	ed.box.Objects[len(ed.box.Objects)-2] = ed.view
	ed.box.Refresh()
}

// changed notes an edit and (re)starts the autosave timer.
func (ed *noteEditor) changed() {
	ed.version++
	ed.dirty = true
	ed.status.SetText("Editing…")
	if ed.timer != nil {
		ed.timer.Stop()
	}
	ed.timer = time.AfterFunc(autosaveDelay, func() { ed.w.onUI(ed.save) })
}

// flush saves now if there is anything unsaved.
func (ed *noteEditor) flush() {
	if ed.timer != nil {
		ed.timer.Stop()
	}
	ed.save()
}

// save writes the note off the UI goroutine.
func (ed *noteEditor) save() {
	if !ed.dirty {
		return
	}
	body, tags, version := ed.entry.Text, splitTags(ed.tags.Text), ed.version
	if ed.note.ID == "" && strings.TrimSpace(body) == "" {
		ed.status.SetText("New note")
		ed.dirty = false
		return
	}
	ed.status.SetText("Saving…")
	ed.w.write(func() func() {
		n, err := ed.persist(body, tags, version)
		return func() { ed.showSaved(n, err, version) }
	})
}

// saveNow writes unsaved text on the calling goroutine; the window uses it
// as it closes.
func (ed *noteEditor) saveNow() {
	if ed.timer != nil {
		ed.timer.Stop()
	}
	if !ed.dirty || (ed.note.ID == "" && strings.TrimSpace(ed.entry.Text) == "") {
		return
	}
	n, err := ed.persist(ed.entry.Text, splitTags(ed.tags.Text), ed.version)
	ed.showSaved(n, err, ed.version)
}

// persist stores one version of the note unless a newer one is stored.
func (ed *noteEditor) persist(body string, tags []string, version int) (app.Note, error) {
	ed.mu.Lock()
	defer ed.mu.Unlock()
	if ed.deleted || version <= ed.savedVersion {
		return ed.saved, nil
	}
	cb := ed.w.casebook()
	var n app.Note
	var err error
	if ed.saved.ID == "" {
		n, err = cb.AddNote(ed.target, ed.rng, body, tags)
	} else {
		n, err = cb.UpdateNote(ed.saved.ID, body, tags)
	}
	if err == nil {
		ed.saved, ed.savedVersion = n, version
	}
	return n, err
}

// showSaved shows the outcome of a write on the UI goroutine.
func (ed *noteEditor) showSaved(n app.Note, err error, version int) {
	if err != nil {
		ed.status.SetText("Not saved: " + err.Error())
		return
	}
	first := ed.note.ID == "" && n.ID != ""
	ed.note = n
	ed.w.notesChanged()
	if first && ed.onStored != nil {
		ed.onStored()
	}
	if ed.version == version {
		ed.dirty = false
		ed.status.SetText("Saved · " + ed.meta())
	}
}

// remove deletes the stored note, after any write of it in flight, and
// returns it as it was so that Undo can put it back.
func (ed *noteEditor) remove() (app.Note, bool, error) {
	ed.mu.Lock()
	defer ed.mu.Unlock()
	ed.deleted = true
	if ed.saved.ID == "" {
		return app.Note{}, false, nil
	}
	n, err := ed.w.casebook().DeleteNote(ed.saved.ID)
	return n, err == nil, err
}

// preview is the part of a note the rendered view shows.
func preview(body string) string {
	if len(body) <= previewLimit {
		return body
	}
	cut := body[:previewLimit]
	for !utf8.ValidString(cut) {
		cut = cut[:len(cut)-1]
	}
	return cut + fmt.Sprintf("\n\n*… %d more characters: choose Edit to read the whole note.*", utf8.RuneCountInString(body[len(cut):]))
}

func splitTags(s string) []string { return app.CleanTags(strings.Split(s, ",")) }

// notesSection is the notes part of the detail pane for one item.
type notesSection struct {
	w       *mainWindow
	target  app.Target
	box     *fyne.Container
	empty   fyne.CanvasObject // the "no notes yet" line, while there are none
	editors []*noteEditor
	count   *widget.Label
	total   int // notes stored on the item
}

// counted moves the count in the header by delta.
func (ns *notesSection) counted(delta int) {
	ns.total += delta
	ns.count.SetText(strings.ToUpper(noteCount(ns.total)))
}

// maxNotesShown keeps the pane quick for items with thousands of notes; the
// notes window lists them all.
const maxNotesShown = 30

func newNotesSection(w *mainWindow, target app.Target, notes []app.Note, excerpt func(app.Note) string) *notesSection {
	ns := &notesSection{w: w, target: target, box: container.NewVBox()}
	add := widget.NewButtonWithIcon("Add note", theme.ContentAddIcon(), func() { ns.addNew(nil, "") })
	ns.count = caption(noteCount(len(notes)))
	ns.total = len(notes)
	header := container.NewBorder(nil, nil, nil, add, ns.count)
	ns.box.Add(header)
	if len(notes) == 0 {
		ns.empty = dim("No notes yet. Notes stay on this computer.")
		ns.box.Add(ns.empty)
	}
	for i, n := range notes {
		if i == maxNotesShown {
			more := widget.NewButton("Show all notes on this item…", func() { w.showNotesWindow(&target) })
			ns.box.Add(more)
			break
		}
		ns.addEditor(newNoteEditor(w, n, excerpt(n)))
	}
	return ns
}

func noteCount(n int) string {
	if n == 1 {
		return "Notes (1)"
	}
	return fmt.Sprintf("Notes (%d)", n)
}

func (ns *notesSection) addEditor(ed *noteEditor) {
	ed.onDelete = ns.delete
	ed.onStored = func() { ns.counted(1) }
	ns.editors = append(ns.editors, ed)
	ns.box.Add(ed.object())
}

// addNew opens an empty note, on a range when annotating, at the top.
func (ns *notesSection) addNew(rng *app.Range, excerpt string) *noteEditor {
	ed := newNoteEditor(ns.w, app.Note{Target: ns.target, Range: rng}, excerpt)
	ed.onDelete = ns.delete
	ed.onStored = func() { ns.counted(1) }
	if ns.empty != nil {
		ns.box.Remove(ns.empty)
		ns.empty = nil
	}
	ns.editors = append([]*noteEditor{ed}, ns.editors...)
	objs := append([]fyne.CanvasObject{ns.box.Objects[0], ed.object()}, ns.box.Objects[1:]...)
	ns.box.Objects = objs
	ns.box.Refresh()
	ed.edit()
	return ed
}

// delete removes a note without asking and offers Undo in the status bar.
func (ns *notesSection) delete(ed *noteEditor) {
	if ed.timer != nil {
		ed.timer.Stop()
	}
	ed.dirty = false
	ns.remove(ed)
	ns.w.write(func() func() {
		n, stored, err := ed.remove()
		return func() {
			switch {
			case err != nil:
				ns.w.setStatus("Could not delete the note: " + err.Error())
			case stored:
				ns.counted(-1)
				ns.w.notesChanged()
				ns.w.offerUndo("Note deleted.", func() { ns.w.restoreNote(n) })
			}
		}
	})
}

func (ns *notesSection) remove(ed *noteEditor) {
	for i, e := range ns.editors {
		if e == ed {
			ns.editors = append(ns.editors[:i], ns.editors[i+1:]...)
		}
	}
	ns.box.Remove(ed.object())
	ns.box.Refresh()
}

// flush saves every editor with unsaved text.
func (ns *notesSection) flush() {
	for _, ed := range ns.editors {
		ed.flush()
	}
}

// saveNow saves every editor with unsaved text before returning.
func (ns *notesSection) saveNow() {
	for _, ed := range ns.editors {
		ed.saveNow()
	}
}
