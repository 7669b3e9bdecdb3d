package sources

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/fold"
	"codeberg.org/parley/parley/app/importer"
	"codeberg.org/parley/parley/views/ui"
)

// edit runs a statement edit as one write, reloads the session, tells the
// panes and offers Undo.
func (sw *Window) edit(what string, do func(cb *app.Casebook) (app.Revision, error)) {
	var rev app.Revision
	sw.sh.Change(sw.src.ID, func(cb *app.Casebook) (err error) {
		rev, err = do(cb)
		return err
	}, func(err error) {
		if err != nil {
			ui.ShowInfo(sw.win, "Not changed", strings.TrimPrefix(err.Error(), "invalid: "))
			return
		}
		// A new statement is shown chosen: the source is read again in
		// the background after the announcement, and looks for it then.
		if len(rev.Added) == 1 && len(rev.Before) == 0 {
			sw.pending = rev.Added[0]
		}
		sw.offerUndo(what, func() {
			sw.sh.UndoChange(sw.src.ID, "", func(cb *app.Casebook) error { return cb.UndoRevision(rev) })
		})
	})
}

// offerUndo offers Undo here (the button, Ctrl+Z) and in the main window;
// whichever is used first undoes, once.
func (sw *Window) offerUndo(what string, undo func()) {
	done := false
	once := func() {
		if !done {
			done = true
			undo()
		}
	}
	sw.sh.OfferUndo(what, once)
	sw.lastUndo = once
	sw.status.SetText(what)
	sw.undoBtn.Show()
}

// undoLast undoes the last change offered for undo in this window.
func (sw *Window) undoLast() {
	sw.undoBtn.Hide()
	if f := sw.lastUndo; f != nil {
		sw.lastUndo = nil
		f()
		sw.status.SetText("Undone.")
		return
	}
	sw.status.SetText("Nothing to undo.")
}

// actorNames lists the casebook's actors by name, for completion.
func (sw *Window) actorNames() ([]app.Actor, []string) {
	actors, err := sw.sh.Store.Actors()
	if err != nil {
		return nil, nil
	}
	names := make([]string, 0, len(actors))
	for _, a := range actors {
		names = append(names, a.Name)
	}
	slices.SortFunc(names, func(a, b string) int { return strings.Compare(fold.String(a), fold.String(b)) })
	return actors, names
}

// completing makes a select entry whose list narrows to the names holding
// what is typed.
func completing(names []string) *ui.SelectEntry {
	e := ui.NewSelectEntry(names)
	e.OnChanged = func(s string) {
		f := fold.String(strings.TrimSpace(s))
		if f == "" {
			e.SetOptions(names)
			return
		}
		var some []string
		for _, n := range names {
			if strings.Contains(fold.String(n), f) {
				some = append(some, n)
			}
		}
		e.SetOptions(some)
	}
	return e
}

// askStatement asks who said the selected words, and files them as a
// statement, verbatim.
func (sw *Window) askStatement() {
	sel := sw.text.Selection()
	if sel.End <= sel.Start {
		return
	}
	quote := sw.text.SelectedText()
	actors, names := sw.actorNames()
	speaker := completing(names)
	speaker.SetPlaceHolder("a name: pick one, or type a new one")
	to := completing(names)
	to.SetPlaceHolder("optional: who it was said to")
	kind := ui.NewSelect([]string{string(app.KindDirect), string(app.KindIndirect), string(app.KindFragment)}, nil)
	kind.SetSelected(string(app.KindDirect))
	cue := ui.NewEntry()
	cue.SetPlaceHolder("optional: said, told, заявил, a déclaré …")
	words := widget.NewLabel("“" + app.Excerpt(quote, 300) + "”")
	words.Wrapping = fyne.TextWrapWord
	items := []*widget.FormItem{
		widget.NewFormItem("Words", words),
		widget.NewFormItem("Speaker", speaker),
		widget.NewFormItem("Said to", to),
		widget.NewFormItem("Kind", kind),
		widget.NewFormItem("Cue", cue),
	}
	d := dialog.NewForm("Add a statement", "Add", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		id, created := importer.Speaker(actors, speaker.Text)
		var recipients []string
		if name := strings.TrimSpace(to.Text); name != "" {
			rid, unknown := importer.Speaker(actors, name)
			if unknown != nil {
				ui.ShowInfo(sw.win, "Not added", fmt.Sprintf("“%s” is not an actor of the casebook: a statement is said to actors it knows.", name))
				return
			}
			recipients = []string{rid}
		}
		draft := app.StatementDraft{Source: sw.src.ID, Range: sel, Speakers: []string{id}, NewSpeaker: created,
			Recipients: recipients, Kind: app.StatementKind(kind.Selected), Cue: cue.Text}
		what := "Statement added."
		if created != nil {
			what = fmt.Sprintf("Statement added, with %s as a new actor.", created.Name)
		}
		sw.edit(what, func(cb *app.Casebook) (app.Revision, error) {
			_, rev, err := cb.AddStatement(draft)
			return rev, err
		})
		sw.text.Select(app.Range{Start: sel.End, End: sel.End})
	}, sw.win)
	speaker.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return fmt.Errorf("who said it?")
		}
		return nil
	}
	d.Resize(fyne.NewSize(560, 420))
	ui.Show(sw.win, d)
	sw.win.Canvas().Focus(speaker)
}

// askNote writes a note on the selected passage of the source.
func (sw *Window) askNote() {
	sel := sw.text.Selection()
	if sel.End <= sel.Start {
		return
	}
	body := ui.NewMultiLineEntry()
	body.SetPlaceHolder("Your note (Markdown)")
	body.SetMinRowsVisible(5)
	words := widget.NewLabel("“" + app.Excerpt(sw.text.SelectedText(), 200) + "”")
	words.Wrapping = fyne.TextWrapWord
	source := sw.src.ID
	d := dialog.NewCustomConfirm("Note on this passage", "Save", "Cancel", container.NewVBox(words, body), func(ok bool) {
		if !ok || strings.TrimSpace(body.Text) == "" {
			return
		}
		sh := sw.sh
		sh.Write(func() func() {
			n, err := sh.Casebook().AddNote(app.Target{Kind: app.TargetSource, ID: source}, &sel, body.Text, nil)
			return func() {
				if err != nil {
					ui.ShowInfo(sw.win, "Not saved", err.Error())
					return
				}
				sh.Announce(ui.NotesChanged, n.ID)
				sh.SetStatus("Note saved on the passage.")
			}
		})
	}, sw.win)
	d.Resize(fyne.NewSize(520, 320))
	ui.Show(sw.win, d)
	sw.win.Canvas().Focus(body)
}

// setSpan moves the chosen statement to the selected words.
func (sw *Window) setSpan() {
	id, sel := sw.chosen, sw.text.Selection()
	sw.edit("Statement moved to the selected words.", func(cb *app.Casebook) (app.Revision, error) {
		_, rev, err := cb.SetStatementSpan(id, sel)
		return rev, err
	})
}

// split cuts the chosen statement where the selection starts.
func (sw *Window) split() {
	id, at := sw.chosen, sw.text.Selection().Start
	sw.edit("Statement split in two.", func(cb *app.Casebook) (app.Revision, error) {
		_, rev, err := cb.SplitStatement(id, at)
		return rev, err
	})
}

// mergeNext joins the chosen statement with the next one of its speakers.
func (sw *Window) mergeNext() {
	st, ok := sw.statement(sw.chosen)
	next := sw.nextOf(st)
	if !ok || next == "" {
		return
	}
	sw.edit("Statements merged.", func(cb *app.Casebook) (app.Revision, error) {
		_, rev, err := cb.MergeStatements(st.ID, next)
		return rev, err
	})
}

// deleteChosen takes the chosen statement's words here out: its report in
// this source, or the statement with its notes when no other source
// reports it.
func (sw *Window) deleteChosen() {
	id, source := sw.chosen, sw.src.ID
	if id == "" {
		return
	}
	sw.chosen = ""
	sw.edit("Statement taken out of this source.", func(cb *app.Casebook) (app.Revision, error) {
		return cb.RemoveReport(id, source)
	})
}
