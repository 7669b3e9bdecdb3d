package detail

import (
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/views/ui"
)

// candidateLimit is how many of the speaker's statements the join dialog
// offers, the nearest in words first.
const candidateLimit = 30

// askJoin offers the speaker's statements from other sources, the nearest
// in words first, to join this one to as a further report: a match the
// import missed.
func (d *Pane) askJoin(st app.Statement) {
	sh := d.sh
	if len(st.Speakers) == 0 {
		return
	}
	sh.Background(func() func() {
		sts, err := sh.Store.StatementsByActor(st.Speakers[0])
		type option struct {
			st    app.Statement
			score float64
		}
		var opts []option
		for _, o := range sts {
			if o.ID == st.ID {
				continue
			}
			shared := false
			for _, r := range st.AllReports() {
				if _, ok := o.ReportIn(r.Source); ok {
					shared = true
				}
			}
			if !shared {
				opts = append(opts, option{o, app.Nearness(st.Quote, o.Quote)})
			}
		}
		slices.SortStableFunc(opts, func(a, b option) int {
			switch {
			case a.score > b.score:
				return -1
			case a.score < b.score:
				return 1
			}
			return 0
		})
		if len(opts) > candidateLimit {
			opts = opts[:candidateLimit]
		}
		return func() {
			if err != nil {
				sh.SetStatus("Cannot read the speaker's statements: " + err.Error())
				return
			}
			if len(opts) == 0 {
				ui.ShowInfo(sh.Window(), "Nothing to join", "The speaker has no statement from another source.")
				return
			}
			labels := make([]string, len(opts))
			for i, o := range opts {
				labels[i] = fmt.Sprintf("%s · “%s”", o.st.Date, app.Excerpt(o.st.Quote, 90))
			}
			choice := widget.NewRadioGroup(labels, nil)
			note := ui.Dim("The same words reported by another source: the statement you choose and this one become one statement with the reports of both. Undo puts them apart again.")
			box := container.NewBorder(note, nil, nil, nil, container.NewVScroll(choice))
			dlg := dialog.NewCustomConfirm("Same words as another statement", "Join", "Cancel", box, func(ok bool) {
				i := slices.Index(labels, choice.Selected)
				if !ok || i < 0 {
					return
				}
				d.join(st, opts[i].st)
			}, sh.Window())
			dlg.Resize(fyne.NewSize(640, 460))
			ui.Show(sh.Window(), dlg)
		}
	})
}

// join files other and st as one statement, kept under the earlier.
func (d *Pane) join(st, other app.Statement) {
	into, from := st, other
	if other.Date < st.Date || other.Date == st.Date && other.ID < st.ID {
		into, from = other, st
	}
	d.revise("Joined: one statement, reported by more sources.", into.ID, func(cb *app.Casebook) (app.Revision, error) {
		_, rev, err := cb.JoinStatements(into.ID, from.ID)
		return rev, err
	})
}

// splitReport takes a statement's report in a source out as a statement of
// its own: a match that was wrong.
func (d *Pane) splitReport(id, source string) {
	d.revise("Report split off as a statement of its own.", id, func(cb *app.Casebook) (app.Revision, error) {
		_, rev, err := cb.SplitReport(id, source)
		return rev, err
	})
}

// revise runs a statement edit, reloads the session, shows the statement
// and offers Undo.
func (d *Pane) revise(what, show string, do func(cb *app.Casebook) (app.Revision, error)) {
	sh := d.sh
	var rev app.Revision
	sh.Change(show, func(cb *app.Casebook) (err error) {
		rev, err = do(cb)
		return err
	}, func(err error) {
		if err != nil {
			ui.ShowInfo(sh.Window(), "Not changed", err.Error())
			return
		}
		if sh.ShowSelection != nil {
			sh.ShowSelection(app.Selection{Statement: show, Actor: sh.Session.Selection().Actor})
		}
		sh.OfferUndo(what, func() {
			sh.UndoChange(show, "Undone.", func(cb *app.Casebook) error { return cb.UndoRevision(rev) })
		})
	})
}
