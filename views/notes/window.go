package notes

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/parley/parley/app"

	"codeberg.org/parley/parley/views/ui"
)

const allTags = "All tags"

// Window lists every note with what it is on; filter by tag and words;
// a click selects the note's item in the main window.
type Window struct {
	sh     *ui.Shell
	win    fyne.Window
	closed bool
	filter *ui.Entry
	tag    *ui.Select
	scope  *widget.Label
	clear  *ui.Button
	list   *ui.KeyList
	rows   []app.NoteRow
	target *app.Target
	count  *widget.Label
	// seq numbers the reloads; only the newest one's rows are shown, as
	// they come back in any order.
	seq uint64
	// current is the note read on the right.
	current    *app.Note
	shownTitle *widget.Label
	shown      *widget.RichText
	goTo, edit *ui.Button
}

// oneLine makes a note's start one line of Markdown: its paragraphs run
// together, its headings plain.
func oneLine(md string) string {
	fields := strings.Fields(md)
	for len(fields) > 0 && strings.Trim(fields[0], "#") == "" {
		fields = fields[1:]
	}
	return strings.Join(fields, " ")
}

// NewWindow makes the notes window; Show shows it.
func NewWindow(sh *ui.Shell) *Window {
	nw := &Window{sh: sh, win: sh.App.NewWindow("Parley: all notes")}
	nw.filter = ui.NewEntry()
	nw.filter.SetPlaceHolder("Filter notes by words")
	nw.filter.OnChanged = func(string) {
		if nw.list != nil {
			nw.Reload()
		}
	}
	nw.tag = ui.NewSelect([]string{allTags}, nil)
	nw.tag.SetSelected(allTags)
	nw.tag.OnChanged = func(string) { nw.Reload() }
	nw.scope = widget.NewLabel("")
	nw.clear = ui.NewButtonWithIcon("Every item", theme.ContentClearIcon(), func() {
		nw.target = nil
		nw.Reload()
	})
	nw.count = widget.NewLabel("")
	nw.count.SizeName = theme.SizeNameCaptionText
	nw.list = ui.NewKeyList(
		func() int { return len(nw.rows) },
		func() fyne.CanvasObject {
			target := widget.NewLabel("target")
			target.TextStyle.Bold = true
			target.Truncation = fyne.TextTruncateEllipsis
			// The note as it reads, one line of it: Markdown rendered.
			body := widget.NewRichTextFromMarkdown("body")
			body.Truncation = fyne.TextTruncateEllipsis
			meta := widget.NewLabel("meta")
			meta.SizeName = theme.SizeNameCaptionText
			return container.New(layout.NewCustomPaddedVBoxLayout(-12), target, body, meta)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(nw.rows) {
				return
			}
			r := nw.rows[i]
			objs := o.(*fyne.Container).Objects
			label := r.TargetLabel
			if r.Excerpt != "" {
				label += " · on “" + app.Excerpt(r.Excerpt, 40) + "”"
			}
			objs[0].(*widget.Label).SetText(label)
			objs[1].(*widget.RichText).ParseMarkdown(oneLine(app.Excerpt(r.Note.Body, 200)))
			objs[2].(*widget.Label).SetText(r.Note.Updated.Local().Format("2 Jan 2006 15:04") + ui.TagSuffix(r.Note.Tags))
		},
	)
	// A note chosen is read on the right, rendered, and its item shown in
	// the main window; the editor is a click away.
	nw.shownTitle = ui.SectionTitle("")
	nw.shown = widget.NewRichTextFromMarkdown("")
	nw.shown.Wrapping = fyne.TextWrapWord
	nw.goTo = ui.NewButtonWithIcon("Show its item", theme.NavigateNextIcon(), func() {
		if nw.current != nil {
			sh.Session.SelectTarget(nw.current.Target)
			sh.Window().RequestFocus()
		}
	})
	nw.edit = ui.NewButtonWithIcon("Edit", theme.DocumentCreateIcon(), func() {
		if nw.current != nil && sh.EditNote != nil {
			sh.EditNote(*nw.current)
			sh.Window().RequestFocus()
		}
	})
	nw.list.SetOnSelected(func(i widget.ListItemID) {
		if i < len(nw.rows) {
			n := nw.rows[i].Note
			nw.current = &n
			nw.shownTitle.SetText(nw.rows[i].TargetLabel)
			nw.shown.ParseMarkdown(preview(n.Body))
			nw.goTo.Enable()
			nw.edit.Enable()
			sh.Session.SelectTarget(n.Target)
		}
	})
	nw.goTo.Disable()
	nw.edit.Disable()
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, nw.tag, nw.filter),
		container.NewBorder(nil, nil, nil, nw.clear, nw.scope),
	)
	reader := container.NewBorder(container.NewBorder(nil, nil, nil, container.NewHBox(nw.goTo, nw.edit), nw.shownTitle),
		nil, nil, nil, container.NewVScroll(nw.shown))
	split := container.NewHSplit(nw.list, reader)
	split.Offset = 0.5
	nw.win.SetContent(container.NewBorder(top, nw.count, nil, nil, split))
	nw.win.Resize(fyne.NewSize(900, 720))
	nw.win.SetOnClosed(func() {
		nw.closed = true
		ui.ForgetKeys(nw.win)
	})
	ui.RouteKeys(nw.win, nw.win.Close, nil)
	return nw
}

// Reload reads the notes for the current filters off the UI goroutine.
func (nw *Window) Reload() {
	f := app.NoteFilter{Text: nw.filter.Text, Target: nw.target}
	if t := nw.tag.Selected; t != allTags {
		f.Tag = t
	}
	if nw.target != nil {
		nw.scope.SetText("Only the notes on " + nw.targetName(*nw.target))
		nw.clear.Show()
	} else {
		nw.scope.SetText("Notes on every item")
		nw.clear.Hide()
	}
	nw.seq++
	seq := nw.seq
	nw.sh.Background(func() func() {
		rows, err := nw.sh.Casebook().Notes(f)
		tags, terr := nw.sh.Casebook().NoteTags()
		return func() {
			if seq != nw.seq {
				return
			}
			if err != nil || terr != nil {
				nw.count.SetText("Cannot read the notes.")
				return
			}
			nw.rows = rows
			nw.tag.Options = append([]string{allTags}, tags...)
			nw.count.SetText(fmt.Sprintf("%d %s", len(rows), ui.Plural("note", len(rows))))
			nw.list.Refresh()
		}
	})
}

// Show shows the window on the notes of target, or on every note when it
// is nil, and raises it.
func (nw *Window) Show(target *app.Target) {
	nw.target = target
	nw.Reload()
	nw.win.Show()
	nw.win.RequestFocus()
}

// Closed reports whether the window was closed; a closed window cannot be
// shown again.
func (nw *Window) Closed() bool { return nw.closed }

// Close closes the window.
func (nw *Window) Close() { nw.win.Close() }

// targetName names a note's target for people.
func (nw *Window) targetName(t app.Target) string {
	var name string
	_ = nw.sh.Store.View(func(r app.Reader) error {
		name = app.TargetLabel(r, t)
		return nil
	})
	return name
}
