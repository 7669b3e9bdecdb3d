package fileops

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

	"codeberg.org/parley/parley/views/ui"
)

// Ops are the File menu's work on whole files: exports, backups, restores
// and REFI-QDA projects, each run in the background with progress.
type Ops struct {
	sh *ui.Shell
	// Confirm is the last question asked, for tests.
	Confirm dialog.Dialog
}

// New makes the file operations of a window.
func New(sh *ui.Shell) *Ops { return &Ops{sh: sh} }

var formatNames = map[string]string{
	"md":          "Markdown brief (.md)",
	"csv":         "Spreadsheet, one row per statement (.csv)",
	"csv-reports": "Spreadsheet, one row per report of a statement (.csv)",
	"csv-notes":   "Spreadsheet, one row per note (.csv)",
	"jsonld":      "Notes as W3C Web Annotations (.jsonld)",
	"qdpx":        "REFI-QDA project for QDA software (.qdpx)",
	"plover":      "PLOVER event records, JSON lines (.jsonl)",
}

// ShowExport asks for a format and a scope, then for a file.
func (o *Ops) ShowExport() {
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
	if o.sh.Session.Filter().IsZero() {
		scope.Disable()
	} else {
		scope.SetSelected(filtered)
	}
	// PLOVER events are statements with a confirmed code; suggestions
	// only when asked, and marked as such.
	suggested := widget.NewCheck("Also codes only suggested, marked so", nil)
	enableSuggested := func(label string) {
		if byLabel[label] == "plover" {
			suggested.Enable()
		} else {
			suggested.Disable()
		}
	}
	// A spreadsheet file is made for Excel and its like unless the user
	// says it is for a program that reads it as data.
	noBOM := widget.NewCheck("No byte-order mark", nil)
	rawCells := widget.NewCheck("Cells as they are (no ' before formulas and codes)", nil)
	enableOptions := func(label string) {
		enableSuggested(label)
		for _, c := range []*widget.Check{noBOM, rawCells} {
			if strings.HasPrefix(byLabel[label], "csv") {
				c.Enable()
			} else {
				c.Disable()
			}
		}
	}
	format.OnChanged = enableOptions
	enableOptions(format.Selected)
	form := widget.NewForm(widget.NewFormItem("Format", format), widget.NewFormItem("Export", scope),
		widget.NewFormItem("PLOVER", suggested), widget.NewFormItem("Spreadsheet", container.NewVBox(noBOM, rawCells)))
	d := dialog.NewCustomConfirm("Export", "Choose file…", "Cancel", form, func(ok bool) {
		if !ok {
			return
		}
		f := byLabel[format.Selected]
		var flt app.Filter
		if scope.Selected == filtered {
			flt = o.sh.Session.Filter()
		}
		csv := strings.HasPrefix(f, "csv")
		opts := exchange.Options{SuggestedEvents: f == "plover" && suggested.Checked, NoBOM: csv && noBOM.Checked, RawCells: csv && rawCells.Checked}
		ui.AskSavePath(o.sh.Window(), "parley"+exchange.Extension(f), func(path string) { o.ExportTo(path, f, flt, opts) })
	}, o.sh.Window())
	ui.Show(o.sh.Window(), d)
}

// progressDialog shows work in progress with a Cancel button.
type progressDialog struct {
	d      dialog.Dialog
	bar    *widget.ProgressBar
	cancel context.CancelFunc
}

func (o *Ops) newProgress(title string) (*progressDialog, context.Context) {
	ctx, cancel := context.WithCancel(context.Background())
	p := &progressDialog{bar: widget.NewProgressBar(), cancel: cancel}
	p.d = dialog.NewCustom(title, "Cancel", container.NewPadded(p.bar), o.sh.Window())
	p.d.SetOnClosed(cancel)
	p.d.Resize(fyne.NewSize(420, 0))
	ui.Show(o.sh.Window(), p.d)
	return p, ctx
}

// report moves the bar from any goroutine.
func (o *Ops) report(p *progressDialog) exchange.Progress {
	return func(done, total int) {
		if total > 0 && (done%200 == 0 || done == total) {
			o.sh.OnUI(func() { p.bar.SetValue(float64(done) / float64(total)) })
		}
	}
}

func (p *progressDialog) finish() {
	p.d.SetOnClosed(func() {})
	p.d.Hide()
	p.cancel()
}

// ExportTo writes an export in the background, with progress.
func (o *Ops) ExportTo(path, format string, f app.Filter, opts exchange.Options) {
	p, ctx := o.newProgress("Exporting")
	o.sh.Background(func() func() {
		b, err := exchange.Gather(o.sh.Casebook(), f)
		if err == nil {
			b.Options = opts
			err = exchange.WriteFile(path, func(out io.Writer) error {
				return exchange.Export(ctx, b, format, out, o.sh.Codes, o.report(p))
			})
		}
		return func() {
			p.finish()
			switch {
			case errors.Is(err, exchange.ErrCancelled):
				o.sh.SetStatus("Export cancelled; nothing was written.")
			case err != nil:
				o.sh.SetStatus("Export failed, nothing was written: " + err.Error())
			case format == "plover":
				o.sh.SetStatus(fmt.Sprintf("Exported %s to %s; %s without a confirmed PLOVER event, a date or a speaker left out.",
					ui.CountOf("event record", b.PLOVER.Records), path, ui.CountOf("statement", b.PLOVER.LeftOut())))
			default:
				o.sh.SetStatus(fmt.Sprintf("Exported %s and %s to %s.", ui.CountOf("statement", len(b.Statements)),
					ui.CountOf("note", len(b.Notes)), path))
			}
		}
	})
}

func (o *Ops) ShowBackup() {
	ui.AskSavePath(o.sh.Window(), "parley-backup.parley", o.BackupTo)
}

// BackupTo writes a backup in the background.
func (o *Ops) BackupTo(path string) {
	o.sh.SetStatus("Backing up…")
	o.sh.Background(func() func() {
		var h exchange.BackupHeader
		err := exchange.WriteFile(path, func(out io.Writer) error {
			var err error
			h, err = exchange.WriteBackup(o.sh.Casebook(), out)
			return err
		})
		return func() {
			if err != nil {
				o.sh.SetStatus("Backup failed, nothing was written: " + err.Error())
				return
			}
			o.sh.SetStatus(fmt.Sprintf("Backed up %s, %s and %s to %s.", ui.CountOf("statement", h.Counts["statements"]),
				ui.CountOf("note", h.Counts["notes"]), ui.CountOf("source", h.Counts["sources"]), path))
		}
	})
}

func (o *Ops) ShowRestore() {
	ui.AskOpenPath(o.sh.Window(), []string{".parley"}, o.RestoreFrom)
}

// RestoreFrom reads what a backup says of itself in the background, asks
// before it replaces a casebook that holds anything, then restores it.
func (o *Ops) RestoreFrom(path string) {
	o.sh.SetStatus("Reading the backup…")
	o.sh.Background(func() func() {
		var h exchange.BackupHeader
		f, err := os.Open(path)
		if err == nil {
			h, err = exchange.ReadBackupHeader(filepath.Base(path), f)
			f.Close()
		}
		empty := false
		if err == nil {
			empty, err = app.IsEmpty(o.sh.Store)
		}
		return func() {
			if err != nil {
				o.sh.SetStatus("Nothing restored: " + err.Error())
				ui.ShowInfo(o.sh.Window(), "Cannot restore", err.Error())
				return
			}
			if empty {
				o.restoreNow(path)
				return
			}
			msg := fmt.Sprintf("Restoring replaces everything in this casebook with the backup of %s: %s, %s and %s. "+
				"What is here now is kept beside it as a dated copy, which you can go back to. Continue?",
				h.Created.Local().Format("2 January 2006 15:04"),
				ui.CountOf("statement", h.Counts["statements"]), ui.CountOf("note", h.Counts["notes"]), ui.CountOf("source", h.Counts["sources"]))
			o.Confirm = dialog.NewConfirm("Replace the casebook?", msg, func(ok bool) {
				if ok {
					o.restoreNow(path)
				} else {
					o.sh.SetStatus("Nothing restored.")
				}
			}, o.sh.Window())
			ui.Show(o.sh.Window(), o.Confirm)
		}
	})
}

// restoreNow restores a backup, with progress: the backup is read into a
// new casebook that takes this one's place only when all of it checks out.
func (o *Ops) restoreNow(path string) {
	o.sh.SaveEdits()
	p, ctx := o.newProgress("Restoring")
	o.sh.Write(func() func() {
		var h exchange.BackupHeader
		var previous string
		f, err := os.Open(path)
		if err == nil {
			h, previous, err = exchange.RestoreBackup(ctx, o.sh.Store, filepath.Base(path), f, true, o.report(p))
			f.Close()
		}
		if err == nil {
			err = o.sh.Session.Reload()
		}
		return func() {
			p.finish()
			switch {
			case errors.Is(err, exchange.ErrCancelled):
				o.sh.SetStatus("Restore cancelled; the casebook is as it was.")
				return
			case err != nil:
				o.sh.SetStatus("Nothing restored; the casebook is as it was: " + err.Error())
				ui.ShowInfo(o.sh.Window(), "Cannot restore", err.Error())
				return
			}
			o.sh.Announce(ui.CasebookChanged, "")
			msg := fmt.Sprintf("Restored the backup of %s.", h.Created.Local().Format("2 January 2006 15:04"))
			if previous != "" {
				msg += " The casebook before it is kept in " + previous + "."
			}
			o.sh.SetStatus(msg)
		}
	})
}

func (o *Ops) ShowImportProject() {
	ui.AskOpenPath(o.sh.Window(), []string{".qdpx"}, o.ImportProject)
}

// ImportProject reads a REFI-QDA project and files it in the background.
// A project that would replace items of the casebook is filed only when
// the user says so, then in one step.
func (o *Ops) ImportProject(path string) { o.importProject(path, false) }

func (o *Ops) importProject(path string, replace bool) {
	o.sh.SetStatus("Importing " + filepath.Base(path) + "…")
	o.sh.Write(func() func() {
		var res exchange.ImportResult
		p, err := exchange.ReadQDPXFile(path)
		if err == nil {
			res, err = exchange.ImportProject(o.sh.Store, p, exchange.ImportOptions{Replace: replace})
		}
		if err == nil {
			err = o.sh.Session.Reload()
		}
		return func() {
			if errors.Is(err, exchange.ErrCollision) {
				o.sh.SetStatus("Nothing imported yet: the project would replace items of this casebook.")
				msg := strings.Replace(err.Error(), "import it with replace to take the project's versions (the casebook before is kept)",
					"replace them with the project's versions? The casebook as it is now is kept beside it as a dated copy.", 1)
				o.Confirm = dialog.NewConfirm("Replace items?", msg, func(ok bool) {
					if ok {
						o.importProject(path, true)
					} else {
						o.sh.SetStatus("Nothing imported.")
					}
				}, o.sh.Window())
				ui.Show(o.sh.Window(), o.Confirm)
				return
			}
			if err != nil {
				o.sh.SetStatus("Nothing imported: " + err.Error())
				ui.ShowInfo(o.sh.Window(), "Cannot import the project", err.Error())
				return
			}
			o.sh.Announce(ui.CasebookChanged, "")
			msg := fmt.Sprintf("Imported %s, %s and %s from %s.", ui.CountOf("source", res.Sources+res.Articles),
				ui.CountOf("statement", res.Statements), ui.CountOf("note", res.Notes), filepath.Base(path))
			if res.Skipped > 0 {
				msg += fmt.Sprintf(" %s coded in the other program were left out: they are not statements.", ui.CountOf("selection", res.Skipped))
			}
			if len(res.Replaced) > 0 {
				msg += fmt.Sprintf(" %s replaced; the casebook before is kept in %s.", ui.CountOf("item", len(res.Replaced)), res.Previous)
			}
			if len(res.Edited) > 0 {
				msg += fmt.Sprintf(" The project's edits changed %s.", ui.CountOf("thing", len(res.Edited)))
			}
			o.sh.SetStatus(strings.TrimSpace(msg))
			// A project of another program, or a Parley export worked on
			// in one: say what became of its parts.
			if len(res.Kept)+len(res.Dropped)+len(res.Edited) > 0 {
				report := msg
				if len(res.Edited) > 0 {
					shown := res.Edited[:min(len(res.Edited), 30)]
					report += "\n\nEdited in the other program:\n• " + strings.Join(shown, "\n• ")
					if len(res.Edited) > len(shown) {
						report += fmt.Sprintf("\n• and %d more (parley import on the command line lists them all)", len(res.Edited)-len(shown))
					}
				}
				if len(res.Kept) > 0 {
					report += "\n\nKept:\n• " + strings.Join(res.Kept, "\n• ")
				}
				if len(res.Dropped) > 0 {
					report += "\n\nLeft out:\n• " + strings.Join(res.Dropped, "\n• ")
				}
				ui.ShowInfo(o.sh.Window(), "What the project became", report)
			}
		}
	})
}
