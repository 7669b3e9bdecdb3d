package importwin

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/feeds"
	"codeberg.org/parley/parley/app/importer"
	"codeberg.org/parley/parley/app/ingest"

	"codeberg.org/parley/parley/views/ui"
)

// Window takes articles in (files, a folder, dropped files or pasted
// text), reads them in the background, and shows what each would add so
// the user can drop quotes, fix speakers and merge new actors before
// anything is saved.
type Window struct {
	sh     *ui.Shell
	win    fyne.Window
	closed bool

	items   []*importItem
	docs    *ui.KeyList
	current int // index into items, -1 for none

	title, outlet, date, url *ui.Entry
	byline, lang             *ui.Entry
	// dateNote says where the date came from, or warns that none was found.
	dateNote  *widget.Label
	dateError *widget.Label
	// force files an article that looks like a copy of one filed before.
	force *ui.Check
	// apart files the quote shown as a statement of its own, not as a
	// report of the statement it matches.
	apart              *ui.Check
	quotes             *ui.KeyList
	quoteDetail        *widget.Label
	actors             *fyne.Container
	summary            *widget.Label
	progress           *widget.ProgressBar
	cancelBtn, saveBtn *ui.Button

	// running counts background reads and saves; cancel asks them to stop
	// after the article they are on.
	running int
	cancel  atomic.Bool
	// filling is set while the panes are filled from an item, so that the
	// widgets' change handlers do not write back.
	filling bool
}

// importItem is one article on its way in.
type importItem struct {
	name    string
	path    string // "" for pasted text
	paste   string
	prop    *importer.Proposal
	err     error
	reading bool
	saved   *importer.Result
	// dateByHand: the user typed the date in review.
	dateByHand bool
	// inbox is the inbox item the article came from, if it did: saved,
	// it leaves the inbox.
	inbox *app.InboxItem
}

func (it *importItem) status() string {
	switch {
	case it.reading:
		return "reading…"
	case it.err != nil:
		return it.err.Error()
	case it.saved != nil:
		return fmt.Sprintf("saved: %s", ui.CountOf("statement", it.saved.Statements))
	case it.prop == nil:
		return "waiting"
	case it.prop.Duplicate():
		return "already in the casebook"
	}
	return fmt.Sprintf("%d of %s to save", it.kept(), ui.CountOf("quote", len(it.prop.Quotes)))
}

// kept counts the quotes that would be filed.
func (it *importItem) kept() int {
	if it.prop == nil {
		return 0
	}
	n := 0
	for _, q := range it.prop.Quotes {
		if q.Keep && q.SpeakerID != "" {
			n++
		}
	}
	return n
}

// pending reports whether the item has something to save.
func (it *importItem) pending() bool {
	return it.prop != nil && it.saved == nil && it.err == nil && !it.prop.Duplicate()
}

// New makes the import window; Show shows it.
func New(sh *ui.Shell) *Window {
	iw := &Window{sh: sh, win: sh.App.NewWindow("Parley: import articles"), current: -1}
	iw.docs = ui.NewKeyList(
		func() int { return len(iw.items) },
		func() fyne.CanvasObject {
			name := widget.NewLabel("")
			name.TextStyle.Bold = true
			name.Truncation = fyne.TextTruncateEllipsis
			status := widget.NewLabel("")
			status.Truncation = fyne.TextTruncateEllipsis
			status.SizeName = theme.SizeNameCaptionText
			return container.NewVBox(name, status)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			it := iw.items[i]
			box.Objects[0].(*widget.Label).SetText(it.name)
			box.Objects[1].(*widget.Label).SetText(it.status())
		},
	)
	iw.docs.SetOnSelected(func(i widget.ListItemID) { iw.showItem(i) })

	addFile := ui.NewButtonWithIcon("Add file…", theme.FileIcon(), iw.chooseFile)
	addFolder := ui.NewButtonWithIcon("Add folder…", theme.FolderOpenIcon(), iw.chooseFolder)
	paste := ui.NewButtonWithIcon("Paste text…", theme.ContentPasteIcon(), iw.pasteText)
	remove := ui.NewButtonWithIcon("Remove", theme.ContentRemoveIcon(), iw.removeCurrent)
	left := container.NewBorder(
		container.NewVBox(ui.SectionTitle("Articles"), addFile, addFolder, paste), remove, nil, nil, iw.docs)

	iw.title, iw.outlet, iw.date, iw.url = ui.NewEntry(), ui.NewEntry(), ui.NewEntry(), ui.NewEntry()
	iw.byline, iw.lang = ui.NewEntry(), ui.NewEntry()
	iw.date.SetPlaceHolder("YYYY-MM-DD, YYYY-MM, YYYY or empty")
	iw.byline.SetPlaceHolder("authors, separated by commas")
	iw.lang.SetPlaceHolder("en, ru, fr, hy, az …")
	iw.dateError = widget.NewLabel("")
	iw.dateError.Importance = widget.DangerImportance
	iw.dateError.Hide()
	iw.dateNote = widget.NewLabel("")
	iw.dateNote.Wrapping = fyne.TextWrapWord
	for _, e := range iw.metaEntries() {
		e.OnChanged = func(string) { iw.metaChanged() }
	}
	meta := container.NewVBox(widget.NewForm(
		widget.NewFormItem("Title", iw.title),
		widget.NewFormItem("Outlet", iw.outlet),
		widget.NewFormItem("Byline", iw.byline),
		widget.NewFormItem("Date", container.NewBorder(nil, nil, nil, iw.dateError, iw.date)),
		widget.NewFormItem("Address", iw.url),
		widget.NewFormItem("Language", iw.lang),
	), iw.dateNote)

	iw.quotes = ui.NewKeyList(func() int { return len(iw.currentQuotes()) }, newQuoteReviewRow, iw.updateQuoteRow)
	iw.quotes.SetOnSelected(func(i widget.ListItemID) { iw.showQuote(i) })
	iw.quoteDetail = widget.NewLabel("Select a quote to read it in its sentence.")
	iw.quoteDetail.Wrapping = fyne.TextWrapWord
	iw.actors = container.NewVBox()
	iw.force = ui.NewCheck("File it even so (a different version of the article)", func(on bool) {
		if it := iw.item(); it != nil && it.prop != nil && it.prop.Like != nil && !iw.filling {
			it.prop.Force = on
			iw.showItem(iw.current)
		}
	})
	iw.force.Hide()
	iw.apart = ui.NewCheck("File this quote as a statement of its own (a wrong match)", nil)
	iw.apart.Hide()
	lower := container.NewVScroll(container.NewVBox(
		iw.quoteDetail, iw.apart, iw.force, ui.SectionTitle("New actors"), iw.actors))
	right := container.NewBorder(meta, nil, nil, nil,
		container.NewVSplit(container.NewBorder(ui.SectionTitle("Quotes: keep, drop, or choose who said it"), nil, nil, nil, iw.quotes), lower))

	iw.summary = widget.NewLabel("Add articles: a file, a folder, pasted text, or files dropped on this window.")
	iw.summary.Wrapping = fyne.TextWrapWord
	iw.progress = widget.NewProgressBar()
	iw.progress.Hide()
	iw.cancelBtn = ui.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() { iw.cancel.Store(true) })
	iw.cancelBtn.Hide()
	iw.saveBtn = ui.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), iw.Save)
	iw.saveBtn.Importance = widget.HighImportance
	iw.saveBtn.Disable()
	bottom := container.NewBorder(nil, nil, nil, container.NewHBox(iw.progress, iw.cancelBtn, iw.saveBtn), iw.summary)

	split := container.NewHSplit(left, right)
	split.Offset = 0.28
	iw.win.SetContent(container.NewBorder(nil, bottom, nil, nil, split))
	iw.win.Resize(fyne.NewSize(1150, 760))
	// Reading in the background stops once the window is gone; the window
	// asks for a new one the next time.
	iw.win.SetOnClosed(func() {
		iw.closed = true
		iw.cancel.Store(true)
		ui.ForgetKeys(iw.win)
	})
	ui.RouteKeys(iw.win, iw.escape, nil)
	iw.win.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) {
		var paths []string
		for _, u := range uris {
			if u.Scheme() == "file" {
				paths = append(paths, u.Path())
			}
		}
		iw.AddPaths(paths)
	})
	iw.showItem(-1)
	return iw
}

func (iw *Window) chooseFile() {
	ui.AskOpenPath(iw.win, nil, func(path string) { iw.AddPaths([]string{path}) })
}

func (iw *Window) chooseFolder() {
	d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil || l == nil {
			return
		}
		iw.AddPaths([]string{l.Path()})
	}, iw.win)
	d.Resize(fyne.NewSize(900, 600))
	ui.Show(iw.win, d)
}

func (iw *Window) pasteText() {
	e := ui.NewMultiLineEntry()
	e.Wrapping = fyne.TextWrapWord
	e.SetPlaceHolder("Paste the article's text here.")
	e.SetMinRowsVisible(14)
	d := dialog.NewCustomConfirm("Paste an article", "Add", "Cancel", e, func(ok bool) {
		if ok {
			iw.addPaste(e.Text)
		}
	}, iw.win)
	d.Resize(fyne.NewSize(760, 460))
	ui.Show(iw.win, d)
	iw.win.Canvas().Focus(e)
}

// importable says whether a file in an added folder looks like an article.
func importable(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml":
		return true
	}
	return false
}

// AddPaths queues files, and the articles directly inside folders, and
// starts reading them.
func (iw *Window) AddPaths(paths []string) {
	var added []*importItem
	for _, p := range paths {
		info, err := os.Stat(p)
		if err == nil && info.IsDir() {
			entries, err := os.ReadDir(p)
			if err != nil {
				added = append(added, &importItem{name: filepath.Base(p), path: p, err: err})
				continue
			}
			n := 0
			for _, e := range entries {
				if !e.IsDir() && importable(e.Name()) {
					added = append(added, &importItem{name: e.Name(), path: filepath.Join(p, e.Name())})
					n++
				}
			}
			if n == 0 {
				iw.summary.SetText(fmt.Sprintf("No .txt, .md or .html files in %s.", p))
			}
			continue
		}
		added = append(added, &importItem{name: filepath.Base(p), path: p})
	}
	iw.read(added)
}

func (iw *Window) addPaste(text string) {
	n := 1
	for _, it := range iw.items {
		if it.path == "" {
			n++
		}
	}
	iw.read([]*importItem{{name: fmt.Sprintf("Pasted text %d", n), paste: text}})
}

// AddInbox takes articles the feeds brought in for review; saved, each
// leaves the inbox.
func (iw *Window) AddInbox(items []app.InboxItem) {
	var add []*importItem
	for _, it := range items {
		// One already here is shown, not read twice.
		if i := slices.IndexFunc(iw.items, func(x *importItem) bool { return x.inbox != nil && x.inbox.ID == it.ID }); i >= 0 {
			iw.docs.Select(i)
			continue
		}
		add = append(add, &importItem{name: it.Title, inbox: &it})
	}
	iw.read(add)
}

// read decodes and proposes the items in the background, one after the
// other, showing progress; Cancel stops before the next one.
func (iw *Window) read(items []*importItem) {
	if len(items) == 0 {
		return
	}
	first := len(iw.items)
	for _, it := range items {
		if it.err == nil {
			it.reading = true
		}
	}
	iw.items = append(iw.items, items...)
	iw.docs.Refresh()
	if iw.current < 0 {
		iw.docs.Select(first)
	}
	store := iw.sh.Store
	iw.begin(len(items))
	iw.sh.Background(func() func() {
		for i, it := range items {
			if !it.reading {
				continue
			}
			if iw.cancel.Load() {
				iw.sh.OnUI(func() { it.reading, it.err = false, fmt.Errorf("not read: cancelled") })
				continue
			}
			var doc ingest.Document
			var err error
			var prop *importer.Proposal
			switch {
			case it.inbox != nil:
				prop, err = feeds.Propose(store, *it.inbox)
			case it.path != "":
				doc, err = ingest.ReadFile(it.path)
			default:
				doc, err = ingest.FromPaste(it.paste)
			}
			if err == nil && prop == nil {
				prop, err = importer.Propose(store, doc, importer.Meta{})
			}
			done := i + 1
			iw.sh.OnUI(func() {
				it.reading, it.prop, it.err = false, prop, err
				iw.step(done, it)
			})
		}
		return iw.end
	})
}

// begin shows progress over n steps of background work.
func (iw *Window) begin(n int) {
	iw.running++
	iw.cancel.Store(false)
	iw.progress.Max = float64(n)
	iw.progress.SetValue(0)
	iw.progress.Show()
	iw.cancelBtn.Show()
	iw.saveBtn.Disable()
}

// step shows that the work on an item is done, and the item itself when it
// is the one under review.
func (iw *Window) step(done int, it *importItem) {
	iw.progress.SetValue(float64(done))
	iw.docs.Refresh()
	if iw.item() == it {
		iw.showItem(iw.current)
	}
}

func (iw *Window) end() {
	iw.running--
	if iw.running > 0 {
		return
	}
	iw.progress.Hide()
	iw.cancelBtn.Hide()
	iw.docs.Refresh()
	iw.showItem(iw.current)
}

func (iw *Window) removeCurrent() {
	if iw.current < 0 || iw.current >= len(iw.items) || iw.items[iw.current].reading {
		return
	}
	iw.items = slices.Delete(iw.items, iw.current, iw.current+1)
	iw.docs.UnselectAll()
	iw.docs.Refresh()
	iw.showItem(-1)
}

func (iw *Window) item() *importItem {
	if iw.current < 0 || iw.current >= len(iw.items) {
		return nil
	}
	return iw.items[iw.current]
}

func (iw *Window) currentQuotes() []importer.Quote {
	if it := iw.item(); it != nil && it.prop != nil {
		return it.prop.Quotes
	}
	return nil
}

// editable reports whether the current item can still be changed.
func (iw *Window) editable() bool {
	it := iw.item()
	return it != nil && it.pending()
}

// escape closes the window, asking first when articles read and reviewed
// would be dropped.
func (iw *Window) escape() {
	waiting := 0
	for _, it := range iw.items {
		if it.pending() {
			waiting++
		}
	}
	if waiting == 0 {
		iw.Close()
		return
	}
	ui.Show(iw.win, dialog.NewConfirm("Close without saving?",
		fmt.Sprintf("%s read here and not saved will be dropped.", ui.CountOf("article", waiting)),
		func(ok bool) {
			if ok {
				iw.Close()
			}
		}, iw.win))
}

// Show shows the window and raises it.
func (iw *Window) Show() {
	iw.win.Show()
	iw.win.RequestFocus()
}

// Closed reports whether the window was closed; a closed window cannot be
// shown again.
func (iw *Window) Closed() bool { return iw.closed }

// Close stops the reading in progress after the article it is on, and
// closes the window.
func (iw *Window) Close() {
	iw.cancel.Store(true)
	iw.win.Close()
}

// Proposals are the proposals of the articles read so far, for tests.
func (iw *Window) Proposals() []*importer.Proposal {
	var out []*importer.Proposal
	for _, it := range iw.items {
		if it.prop != nil {
			out = append(out, it.prop)
		}
	}
	return out
}
