package detail

import (
	"fmt"
	"strings"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/views/ui"
	"fyne.io/fyne/v2/dialog"
)

// CopyQuote puts the quote of the statement shown on the clipboard.
func (d *Pane) CopyQuote() {
	if d.statement == nil {
		d.sh.SetStatus("Select a statement to copy its quote.")
		return
	}
	d.sh.App.Clipboard().SetContent(d.statement.Quote)
	d.sh.SetStatus("Quote copied.")
}

// deleteSource asks first, saying what goes with the source, then removes
// it with its statements, their notes and the actors only it brought, and
// offers Undo.
func (d *Pane) deleteSource(id string) {
	sh := d.sh
	sh.Background(func() func() {
		gone, err := sh.Casebook().SourceDeletion(id)
		return func() {
			if err != nil {
				sh.SetStatus("Cannot delete the source: " + err.Error())
				return
			}
			title := ""
			if len(gone.Sources) > 0 {
				title = gone.Sources[0].Title
			}
			what := []string{ui.CountOf("statement", len(gone.Statements)), ui.CountOf("note", len(gone.Notes))}
			if len(gone.Actors) > 0 {
				what = append(what, ui.CountOf("actor", len(gone.Actors))+" that only it brought")
			}
			msg := fmt.Sprintf("“%s” goes, and with it %s. Ctrl+Z (Edit → Undo) brings it all back while Parley stays open.",
				app.Excerpt(title, 80), strings.Join(what, ", "))
			ui.Show(sh.Window(), dialog.NewConfirm("Delete this source?", msg, func(ok bool) {
				if ok {
					d.reallyDeleteSource(id)
				}
			}, sh.Window()))
		}
	})
}

// reallyDeleteSource removes the source, as deleteSource asked.
func (d *Pane) reallyDeleteSource(id string) {
	sh := d.sh
	var gone app.Case
	sh.Change(id, func(cb *app.Casebook) (err error) {
		gone, err = cb.DeleteSource(id)
		return err
	}, func(err error) {
		if err != nil {
			sh.SetStatus("Could not delete the source: " + err.Error())
			return
		}
		title := ""
		if len(gone.Sources) > 0 {
			title = gone.Sources[0].Title
		}
		sh.OfferUndo(fmt.Sprintf("Deleted “%s” with %s and %s.", app.Excerpt(title, 60),
			ui.CountOf("statement", len(gone.Statements)), ui.CountOf("note", len(gone.Notes))),
			func() {
				sh.UndoChange("", "Source restored.", func(cb *app.Casebook) error { return cb.RestoreCase(gone) })
			})
	})
}
