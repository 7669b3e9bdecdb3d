package notes

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

	"codeberg.org/parley/parley/views/ui"
)

// AutosaveDelay is how long typing must pause before a note is saved. Tests
// shorten it.
var AutosaveDelay = time.Second

// previewLimit caps how much of a note the rendered view shows; a note of
// a megabyte is read in the editor.
const previewLimit = 20000

// Editor is one note in the detail pane: rendered Markdown to read, an
// editor to write in. Edits save on their own a second after typing stops,
// when the editor loses focus, and when the window closes; the small status
// line says "Saved" only once the store has synced the write.
type Editor struct {
	sh     *ui.Shell
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

	box  *fyne.Container
	view *widget.RichText
	// Entry is where the note is written, Tags its tags, Status the line
	// that says whether it is saved.
	Entry    *noteEntry
	Tags     *ui.Entry
	Status   *widget.Label
	editBtn  *ui.Button
	editing  bool
	dirty    bool
	version  int
	timer    *time.Timer
	excerpt  string
	onDelete func(*Editor)
	onStored func() // the first save of a new note
}

// noteEntry is a multi-line entry that saves when it loses focus.
type noteEntry struct {
	ui.Entry
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

func newEditor(sh *ui.Shell, n app.Note, excerpt string) *Editor {
	ed := &Editor{sh: sh, note: n, saved: n, target: n.Target, rng: n.Range, excerpt: excerpt}
	ed.view = widget.NewRichTextFromMarkdown(preview(n.Body))
	ed.view.Wrapping = fyne.TextWrapWord
	ed.Entry = newNoteEntry()
	ed.Entry.SetPlaceHolder("Write in Markdown: **bold**, *italic*, - lists, [links](https://…)")
	ed.Entry.SetText(n.Body)
	ed.Entry.OnChanged = func(string) { ed.changed() }
	ed.Entry.onFocusLost = ed.Flush
	ed.Tags = ui.NewEntry()
	ed.Tags.SetPlaceHolder("tags, separated by commas")
	ed.Tags.SetText(strings.Join(n.Tags, ", "))
	ed.Tags.OnChanged = func(string) { ed.changed() }
	ed.Status = widget.NewLabel(ed.meta())
	ed.Status.SizeName = theme.SizeNameCaptionText
	ed.editBtn = ui.NewButtonWithIcon("Edit", theme.DocumentCreateIcon(), ed.toggle)
	ed.editBtn.Importance = widget.LowImportance
	del := ui.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		if ed.onDelete != nil {
			ed.onDelete(ed)
		}
	})
	del.Importance = widget.LowImportance
	header := container.NewBorder(nil, nil, nil, container.NewHBox(ed.editBtn, del), ed.Status)
	ed.box = container.NewVBox(header)
	if excerpt != "" {
		q := ui.Dim("On “" + excerpt + "”")
		ed.box.Add(q)
	}
	ed.box.Add(ed.view)
	ed.box.Add(widget.NewSeparator())
	return ed
}

// meta is the line above a note: when it was written, its tags.
func (ed *Editor) meta() string {
	if ed.note.ID == "" {
		return "New note"
	}
	s := "Updated " + ed.note.Updated.Local().Format("2 Jan 2006 15:04")
	return s + ui.TagSuffix(ed.note.Tags)
}

// Object is the note's widgets.
func (ed *Editor) Object() fyne.CanvasObject { return ed.box }

// Edit switches to the editor and focuses it.
func (ed *Editor) Edit() {
	if ed.editing {
		return
	}
	ed.editing = true
	ed.editBtn.SetText("Done")
	ed.box.Objects[len(ed.box.Objects)-2] = container.NewVBox(ed.Entry, ed.Tags)
	ed.box.Refresh()
	ed.sh.Window().Canvas().Focus(ed.Entry)
}

// toggle switches between the editor and the rendered note.
func (ed *Editor) toggle() {
	if !ed.editing {
		ed.Edit()
		return
	}
	ed.Flush()
	ed.editing = false
	ed.editBtn.SetText("Edit")
	ed.view.ParseMarkdown(preview(ed.Entry.Text))
	ed.box.Objects[len(ed.box.Objects)-2] = ed.view
	ed.box.Refresh()
}

// changed notes an edit and (re)starts the autosave timer.
func (ed *Editor) changed() {
	ed.version++
	ed.dirty = true
	ed.Status.SetText("Editing…")
	if ed.timer != nil {
		ed.timer.Stop()
	}
	ed.timer = time.AfterFunc(AutosaveDelay, func() { ed.sh.OnUI(ed.save) })
}

// Flush saves now if there is anything unsaved.
func (ed *Editor) Flush() {
	if ed.timer != nil {
		ed.timer.Stop()
	}
	ed.save()
}

// save writes the note off the UI goroutine.
func (ed *Editor) save() {
	if !ed.dirty {
		return
	}
	body, tags, version := ed.Entry.Text, splitTags(ed.Tags.Text), ed.version
	if ed.note.ID == "" && strings.TrimSpace(body) == "" {
		ed.Status.SetText("New note")
		ed.dirty = false
		return
	}
	ed.Status.SetText("Saving…")
	ed.sh.Write(func() func() {
		n, err := ed.persist(body, tags, version)
		return func() { ed.showSaved(n, err, version) }
	})
}

// saveNow writes unsaved text on the calling goroutine; the window uses it
// as it closes.
func (ed *Editor) saveNow() {
	if ed.timer != nil {
		ed.timer.Stop()
	}
	if !ed.dirty || (ed.note.ID == "" && strings.TrimSpace(ed.Entry.Text) == "") {
		return
	}
	n, err := ed.persist(ed.Entry.Text, splitTags(ed.Tags.Text), ed.version)
	ed.showSaved(n, err, ed.version)
}

// persist stores one version of the note unless a newer one is stored.
func (ed *Editor) persist(body string, tags []string, version int) (app.Note, error) {
	ed.mu.Lock()
	defer ed.mu.Unlock()
	if ed.deleted || version <= ed.savedVersion {
		return ed.saved, nil
	}
	cb := ed.sh.Casebook()
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
func (ed *Editor) showSaved(n app.Note, err error, version int) {
	if err != nil {
		ed.Status.SetText("Not saved: " + err.Error())
		return
	}
	first := ed.note.ID == "" && n.ID != ""
	ed.note = n
	ed.sh.Announce(ui.NotesChanged, ed.note.ID)
	if first && ed.onStored != nil {
		ed.onStored()
	}
	if ed.version == version {
		ed.dirty = false
		ed.Status.SetText("Saved · " + ed.meta())
	}
}

// remove deletes the stored note, after any write of it in flight, and
// returns it as it was so that Undo can put it back.
func (ed *Editor) remove() (app.Note, bool, error) {
	ed.mu.Lock()
	defer ed.mu.Unlock()
	ed.deleted = true
	if ed.saved.ID == "" {
		return app.Note{}, false, nil
	}
	n, err := ed.sh.Casebook().DeleteNote(ed.saved.ID)
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

// Section is the notes part of the detail pane for one item: its notes,
// each readable and editable in place, and a button to add one.
type Section struct {
	sh      *ui.Shell
	target  app.Target
	box     *fyne.Container
	empty   fyne.CanvasObject // the "no notes yet" line, while there are none
	editors []*Editor
	count   *widget.Label
	total   int // notes stored on the item
}

// counted moves the count in the header by delta.
func (ns *Section) counted(delta int) {
	ns.total += delta
	ns.count.SetText(strings.ToUpper(noteCount(ns.total)))
}

// MaxShown keeps the pane quick for items with thousands of notes; the
// notes window lists them all.
const MaxShown = 30

func NewSection(sh *ui.Shell, target app.Target, notes []app.Note, excerpt func(app.Note) string) *Section {
	ns := &Section{sh: sh, target: target, box: container.NewVBox()}
	add := ui.NewButtonWithIcon("Add note", theme.ContentAddIcon(), func() { ns.AddNew(nil, "") })
	ns.count = ui.Caption(noteCount(len(notes)))
	ns.total = len(notes)
	header := container.NewBorder(nil, nil, nil, add, ns.count)
	ns.box.Add(header)
	if len(notes) == 0 {
		ns.empty = ui.Dim("No notes yet. Notes stay on this computer.")
		ns.box.Add(ns.empty)
	}
	for i, n := range notes {
		if i == MaxShown {
			more := ui.NewButton("Show all notes on this item…", func() { sh.ShowNotes(&target) })
			ns.box.Add(more)
			break
		}
		ns.addEditor(newEditor(sh, n, excerpt(n)))
	}
	return ns
}

func noteCount(n int) string {
	if n == 1 {
		return "Notes (1)"
	}
	return fmt.Sprintf("Notes (%d)", n)
}

func (ns *Section) addEditor(ed *Editor) {
	ed.onDelete = ns.Delete
	ed.onStored = func() { ns.counted(1) }
	ns.editors = append(ns.editors, ed)
	ns.box.Add(ed.Object())
}

// AddNew opens an empty note, on a range when annotating, at the top.
func (ns *Section) AddNew(rng *app.Range, excerpt string) *Editor {
	ed := newEditor(ns.sh, app.Note{Target: ns.target, Range: rng}, excerpt)
	ed.onDelete = ns.Delete
	ed.onStored = func() { ns.counted(1) }
	if ns.empty != nil {
		ns.box.Remove(ns.empty)
		ns.empty = nil
	}
	ns.editors = append([]*Editor{ed}, ns.editors...)
	objs := append([]fyne.CanvasObject{ns.box.Objects[0], ed.Object()}, ns.box.Objects[1:]...)
	ns.box.Objects = objs
	ns.box.Refresh()
	ed.Edit()
	return ed
}

// Delete removes a note without asking and offers Undo in the status bar.
func (ns *Section) Delete(ed *Editor) {
	if ed.timer != nil {
		ed.timer.Stop()
	}
	ed.dirty = false
	ns.remove(ed)
	ns.sh.Write(func() func() {
		n, stored, err := ed.remove()
		return func() {
			switch {
			case err != nil:
				ns.sh.SetStatus("Could not delete the note: " + err.Error())
			case stored:
				ns.counted(-1)
				ns.sh.Announce(ui.NotesChanged, n.ID)
				ns.sh.OfferUndo("Note deleted.", func() { restoreNote(ns.sh, n) })
			}
		}
	})
}

func (ns *Section) remove(ed *Editor) {
	for i, e := range ns.editors {
		if e == ed {
			ns.editors = append(ns.editors[:i], ns.editors[i+1:]...)
		}
	}
	ns.box.Remove(ed.Object())
	ns.box.Refresh()
}

// Flush starts saving every editor with unsaved text.
func (ns *Section) Flush() {
	for _, ed := range ns.editors {
		ed.Flush()
	}
}

// SaveNow saves every editor with unsaved text before it returns.
func (ns *Section) SaveNow() {
	for _, ed := range ns.editors {
		ed.saveNow()
	}
}

// Object is the section's widgets.
func (ns *Section) Object() fyne.CanvasObject { return ns.box }

// restoreNote puts a deleted note back exactly.
func restoreNote(sh *ui.Shell, n app.Note) {
	sh.Write(func() func() {
		err := sh.Casebook().RestoreNote(n)
		return func() {
			if err != nil {
				sh.SetStatus("Could not restore the note: " + err.Error())
				return
			}
			sh.Announce(ui.NotesChanged, n.ID)
			sh.SetStatus("Note restored.")
			// Shown again where it was.
			sh.ShowSelection(sh.Session.Selection())
		}
	})
}

// PlainText is what the entry holds.
func (e *noteEntry) PlainText() string { return e.Text }

// Editors are the notes shown, newest first.
func (ns *Section) Editors() []*Editor { return ns.editors }

// Note is the note as last saved; its ID is empty until the first save.
func (ed *Editor) Note() app.Note { return ed.note }
