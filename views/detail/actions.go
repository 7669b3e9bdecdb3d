package detail

import (
	"fmt"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/views/ui"
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

// deleteSource removes a source with its statements and the actors only it
// brought, and offers Undo.
func (d *Pane) deleteSource(id string) {
	sh := d.sh
	sh.Write(func() func() {
		gone, err := sh.Casebook().DeleteSource(id)
		if err == nil {
			err = sh.Session.Reload()
		}
		return func() {
			if err != nil {
				sh.SetStatus("Could not delete the source: " + err.Error())
				return
			}
			sh.Announce(ui.CasebookChanged, id)
			title := ""
			if len(gone.Sources) > 0 {
				title = gone.Sources[0].Title
			}
			sh.OfferUndo(fmt.Sprintf("Deleted “%s” with %s and %s.", app.Excerpt(title, 60),
				ui.CountOf("statement", len(gone.Statements)), ui.CountOf("note", len(gone.Notes))),
				func() { restoreCase(sh, gone) })
		}
	})
}

// restoreCase puts back what a delete removed.
func restoreCase(sh *ui.Shell, gone app.Case) {
	sh.Write(func() func() {
		err := sh.Casebook().RestoreCase(gone)
		if err == nil {
			err = sh.Session.Reload()
		}
		return func() {
			if err != nil {
				sh.SetStatus("Could not undo: " + err.Error())
				return
			}
			sh.Announce(ui.CasebookChanged, "")
			sh.SetStatus("Source restored.")
		}
	})
}
