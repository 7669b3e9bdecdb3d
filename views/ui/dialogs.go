package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
)

// ShowInfo shows a message in a dialog with wrapped text.
func ShowInfo(w fyne.Window, title, text string) {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(title, "Close", l, w)
	d.Resize(fyne.NewSize(520, 0).Max(d.MinSize()))
	Show(w, d)
}

// Show shows a dialog over win that Esc closes.
func Show(win fyne.Window, d dialog.Dialog) {
	TrackDialog(win, d)
	d.Show()
}

// AskOpenPath asks for a file to read, of one of exts when any are given,
// and calls then with its path. The dialog's reader is closed at once: the
// file is read by name, off the UI goroutine.
func AskOpenPath(win fyne.Window, exts []string, then func(path string)) {
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil || rc == nil {
			return
		}
		path := rc.URI().Path()
		_ = rc.Close()
		then(path)
	}, win)
	if len(exts) > 0 {
		d.SetFilter(storage.NewExtensionFileFilter(exts))
	}
	d.Resize(fyne.NewSize(900, 600))
	Show(win, d)
}

// AskSavePath asks where to write a file, suggesting name, and calls then
// with the path. The dialog's writer is closed at once: the file is written
// by name, through a temporary file.
func AskSavePath(win fyne.Window, name string, then func(path string)) {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			return
		}
		path := wc.URI().Path()
		_ = wc.Close()
		then(path)
	}, win)
	d.SetFileName(name)
	d.Resize(fyne.NewSize(900, 600))
	Show(win, d)
}
