package views

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/exchange"
)

var formatNames = map[string]string{
	"md":     "Markdown brief (.md)",
	"csv":    "Spreadsheet, one row per statement (.csv)",
	"jsonld": "Notes as W3C Web Annotations (.jsonld)",
	"qdpx":   "REFI-QDA project for QDA software (.qdpx)",
	"plover": "PLOVER event records, JSON lines (.jsonl)",
}

// showExport asks for a format and a scope, then for a file.
func (w *mainWindow) showExport() {
	var labels []string
	byLabel := map[string]string{}
	for _, f := range exchange.Formats {
		labels = append(labels, formatNames[f])
		byLabel[formatNames[f]] = f
	}
	format := widget.NewRadioGroup(labels, nil)
	format.SetSelected(labels[0])
	whole, filtered := "The whole casebook", "What the filter shows"
	scope := widget.NewRadioGroup([]string{whole, filtered}, nil)
	scope.SetSelected(whole)
	if w.session.Filter().IsZero() {
		scope.Disable()
	} else {
		scope.SetSelected(filtered)
	}
	form := widget.NewForm(widget.NewFormItem("Format", format), widget.NewFormItem("Export", scope))
	dialog.ShowCustomConfirm("Export", "Choose file…", "Cancel", form, func(ok bool) {
		if !ok {
			return
		}
		f := byLabel[format.Selected]
		var flt app.Filter
		if scope.Selected == filtered {
			flt = w.session.Filter()
		}
		askSavePath(w.win, "parley"+exchange.Extension(f), func(path string) { w.exportTo(path, f, flt) })
	}, w.win)
}

// progressDialog shows work in progress with a Cancel button.
type progressDialog struct {
	d      dialog.Dialog
	bar    *widget.ProgressBar
	cancel context.CancelFunc
}

func (w *mainWindow) newProgress(title string) (*progressDialog, context.Context) {
	ctx, cancel := context.WithCancel(context.Background())
	p := &progressDialog{bar: widget.NewProgressBar(), cancel: cancel}
	p.d = dialog.NewCustom(title, "Cancel", container.NewPadded(p.bar), w.win)
	p.d.SetOnClosed(cancel)
	p.d.Resize(fyne.NewSize(420, 0))
	p.d.Show()
	return p, ctx
}

// report moves the bar from any goroutine.
func (w *mainWindow) report(p *progressDialog) exchange.Progress {
	return func(done, total int) {
		if total > 0 && (done%200 == 0 || done == total) {
			w.onUI(func() { p.bar.SetValue(float64(done) / float64(total)) })
		}
	}
}

func (p *progressDialog) finish() {
	p.d.SetOnClosed(func() {})
	p.d.Hide()
	p.cancel()
}

// exportTo writes an export in the background, with progress.
func (w *mainWindow) exportTo(path, format string, f app.Filter) {
	p, ctx := w.newProgress("Exporting")
	w.background(func() func() {
		b, err := exchange.Gather(w.casebook(), f)
		if err == nil {
			err = exchange.WriteFile(path, func(out io.Writer) error {
				return exchange.Export(ctx, b, format, out, w.codes, w.report(p))
			})
		}
		return func() {
			p.finish()
			switch {
			case errors.Is(err, exchange.ErrCancelled):
				w.setStatus("Export cancelled; nothing was written.")
			case err != nil:
				w.setStatus("Export failed, nothing was written: " + err.Error())
			default:
				w.setStatus(fmt.Sprintf("Exported %s and %s to %s.", countOf("statement", len(b.Statements)),
					countOf("note", len(b.Notes)), path))
			}
		}
	})
}

func (w *mainWindow) showBackup() {
	askSavePath(w.win, "parley-backup.parley", w.backupTo)
}

// backupTo writes a backup in the background.
func (w *mainWindow) backupTo(path string) {
	w.setStatus("Backing up…")
	w.background(func() func() {
		var h exchange.BackupHeader
		err := exchange.WriteFile(path, func(out io.Writer) error {
			var err error
			h, err = exchange.WriteBackup(w.casebook(), out)
			return err
		})
		return func() {
			if err != nil {
				w.setStatus("Backup failed, nothing was written: " + err.Error())
				return
			}
			w.setStatus(fmt.Sprintf("Backed up %s, %s and %s to %s.", countOf("statement", h.Counts["statements"]),
				countOf("note", h.Counts["notes"]), countOf("source", h.Counts["sources"]), path))
		}
	})
}

func (w *mainWindow) showRestore() {
	askOpenPath(w.win, []string{".parley"}, w.restoreFrom)
}

// restoreFrom reads and checks a backup in the background, asks before it
// replaces a casebook that holds anything, then restores it.
func (w *mainWindow) restoreFrom(path string) {
	w.setStatus("Reading the backup…")
	w.background(func() func() {
		f, err := os.Open(path)
		var c app.Case
		var h exchange.BackupHeader
		if err == nil {
			c, h, err = exchange.ReadBackup(filepath.Base(path), f)
			f.Close()
		}
		empty := false
		if err == nil {
			empty, err = app.IsEmpty(w.store)
		}
		return func() {
			if err != nil {
				w.setStatus("Nothing restored: " + err.Error())
				showInfo(w.win, "Cannot restore", err.Error())
				return
			}
			if empty {
				w.restoreNow(c, h)
				return
			}
			msg := fmt.Sprintf("Restoring replaces everything in this casebook with the backup of %s: %s, %s and %s. "+
				"What is here now will be gone. Continue?", h.Created.Local().Format("2 January 2006 15:04"),
				countOf("statement", h.Counts["statements"]), countOf("note", h.Counts["notes"]), countOf("source", h.Counts["sources"]))
			w.confirm = dialog.NewConfirm("Replace the casebook?", msg, func(ok bool) {
				if ok {
					w.restoreNow(c, h)
				} else {
					w.setStatus("Nothing restored.")
				}
			}, w.win)
			w.confirm.Show()
		}
	})
}

func (w *mainWindow) restoreNow(c app.Case, h exchange.BackupHeader) {
	w.detail.saveNow()
	p, ctx := w.newProgress("Restoring")
	w.write(func() func() {
		err := exchange.Restore(ctx, w.store, c, true, w.report(p))
		if err == nil {
			err = w.session.Reload()
		}
		return func() {
			p.finish()
			if err != nil {
				w.setStatus("Restore failed: " + err.Error())
				return
			}
			w.casebookChanged()
			w.mapView.Reload()
			w.setStatus(fmt.Sprintf("Restored the backup of %s.", h.Created.Local().Format("2 January 2006 15:04")))
		}
	})
}

func (w *mainWindow) showImportProject() {
	askOpenPath(w.win, []string{".qdpx"}, w.importProject)
}

// importProject reads a REFI-QDA project and files it in the background.
func (w *mainWindow) importProject(path string) {
	w.setStatus("Importing " + filepath.Base(path) + "…")
	w.write(func() func() {
		var res exchange.ImportResult
		data, err := os.ReadFile(path)
		if err == nil {
			var p *exchange.Project
			if p, err = exchange.ReadQDPX(filepath.Base(path), data); err == nil {
				res, err = exchange.ImportProject(w.store, p)
			}
		}
		if err == nil {
			err = w.session.Reload()
		}
		return func() {
			if err != nil {
				w.setStatus("Nothing imported: " + err.Error())
				showInfo(w.win, "Cannot import the project", err.Error())
				return
			}
			w.casebookChanged()
			w.mapView.Reload()
			msg := fmt.Sprintf("Imported %s, %s and %s from %s.", countOf("source", res.Sources+res.Articles),
				countOf("statement", res.Statements), countOf("note", res.Notes), filepath.Base(path))
			if res.Skipped > 0 {
				msg += fmt.Sprintf(" %s coded in the other program were left out: they are not statements.", countOf("selection", res.Skipped))
			}
			w.setStatus(strings.TrimSpace(msg))
		}
	})
}
