package views

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
	"codeberg.org/parley/parley/app/extract"
	"codeberg.org/parley/parley/app/importer"
	"codeberg.org/parley/parley/app/ingest"

	"codeberg.org/parley/parley/app/fold"
)

// importWindow takes articles in (files, a folder, dropped files or pasted
// text), reads them in the background, and shows what each would add so
// the user can drop quotes, fix speakers and merge new actors before
// anything is saved.
type importWindow struct {
	w   *mainWindow
	win fyne.Window

	items   []*importItem
	docs    *widget.List
	current int // index into items, -1 for none

	title, outlet, date, url *widget.Entry
	dateError                *widget.Label
	quotes                   *widget.List
	quoteDetail              *widget.Label
	actors                   *fyne.Container
	summary                  *widget.Label
	progress                 *widget.ProgressBar
	cancelBtn, saveBtn       *widget.Button

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
}

func (it *importItem) status() string {
	switch {
	case it.reading:
		return "reading…"
	case it.err != nil:
		return it.err.Error()
	case it.saved != nil:
		return fmt.Sprintf("saved: %s", countOf("statement", it.saved.Statements))
	case it.prop == nil:
		return "waiting"
	case it.prop.Duplicate():
		return "already in the casebook"
	}
	return fmt.Sprintf("%d of %s to save", it.kept(), countOf("quote", len(it.prop.Quotes)))
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

func (w *mainWindow) showImportWindow() {
	if w.importer == nil {
		w.importer = newImportWindow(w)
	}
	w.importer.win.Show()
	w.importer.win.RequestFocus()
}

func newImportWindow(w *mainWindow) *importWindow {
	iw := &importWindow{w: w, win: w.fyneApp.NewWindow("Parley: import articles"), current: -1}
	iw.docs = widget.NewList(
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
	iw.docs.OnSelected = func(i widget.ListItemID) { iw.showItem(i) }

	addFile := widget.NewButtonWithIcon("Add file…", theme.FileIcon(), iw.chooseFile)
	addFolder := widget.NewButtonWithIcon("Add folder…", theme.FolderOpenIcon(), iw.chooseFolder)
	paste := widget.NewButtonWithIcon("Paste text…", theme.ContentPasteIcon(), iw.pasteText)
	remove := widget.NewButtonWithIcon("Remove", theme.ContentRemoveIcon(), iw.removeCurrent)
	left := container.NewBorder(
		container.NewVBox(sectionTitle("Articles"), addFile, addFolder, paste), remove, nil, nil, iw.docs)

	iw.title, iw.outlet, iw.date, iw.url = widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	iw.date.SetPlaceHolder("YYYY-MM-DD")
	iw.dateError = widget.NewLabel("")
	iw.dateError.Importance = widget.DangerImportance
	iw.dateError.Hide()
	for _, e := range []*widget.Entry{iw.title, iw.outlet, iw.date, iw.url} {
		e.OnChanged = func(string) { iw.metaChanged() }
	}
	meta := widget.NewForm(
		widget.NewFormItem("Title", iw.title),
		widget.NewFormItem("Outlet", iw.outlet),
		widget.NewFormItem("Date", container.NewBorder(nil, nil, nil, iw.dateError, iw.date)),
		widget.NewFormItem("Address", iw.url),
	)

	iw.quotes = widget.NewList(func() int { return len(iw.currentQuotes()) }, newQuoteReviewRow, iw.updateQuoteRow)
	iw.quotes.OnSelected = func(i widget.ListItemID) { iw.showQuote(i) }
	iw.quoteDetail = widget.NewLabel("Select a quote to read it in its sentence.")
	iw.quoteDetail.Wrapping = fyne.TextWrapWord
	iw.actors = container.NewVBox()
	lower := container.NewVScroll(container.NewVBox(
		iw.quoteDetail, sectionTitle("New actors"), iw.actors))
	right := container.NewBorder(meta, nil, nil, nil,
		container.NewVSplit(container.NewBorder(sectionTitle("Quotes: keep, drop, or choose who said it"), nil, nil, nil, iw.quotes), lower))

	iw.summary = widget.NewLabel("Add articles: a file, a folder, pasted text, or files dropped on this window.")
	iw.summary.Wrapping = fyne.TextWrapWord
	iw.progress = widget.NewProgressBar()
	iw.progress.Hide()
	iw.cancelBtn = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() { iw.cancel.Store(true) })
	iw.cancelBtn.Hide()
	iw.saveBtn = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), iw.save)
	iw.saveBtn.Importance = widget.HighImportance
	iw.saveBtn.Disable()
	bottom := container.NewBorder(nil, nil, nil, container.NewHBox(iw.progress, iw.cancelBtn, iw.saveBtn), iw.summary)

	split := container.NewHSplit(left, right)
	split.Offset = 0.28
	iw.win.SetContent(container.NewBorder(nil, bottom, nil, nil, split))
	iw.win.Resize(fyne.NewSize(1150, 760))
	iw.win.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) {
		var paths []string
		for _, u := range uris {
			if u.Scheme() == "file" {
				paths = append(paths, u.Path())
			}
		}
		iw.addPaths(paths)
	})
	iw.showItem(-1)
	return iw
}

func (iw *importWindow) chooseFile() {
	askOpenPath(iw.win, nil, func(path string) { iw.addPaths([]string{path}) })
}

func (iw *importWindow) chooseFolder() {
	d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil || l == nil {
			return
		}
		iw.addPaths([]string{l.Path()})
	}, iw.win)
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

func (iw *importWindow) pasteText() {
	e := widget.NewMultiLineEntry()
	e.Wrapping = fyne.TextWrapWord
	e.SetPlaceHolder("Paste the article's text here.")
	e.SetMinRowsVisible(14)
	d := dialog.NewCustomConfirm("Paste an article", "Add", "Cancel", e, func(ok bool) {
		if ok {
			iw.addPaste(e.Text)
		}
	}, iw.win)
	d.Resize(fyne.NewSize(760, 460))
	d.Show()
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

// addPaths queues files, and the articles directly inside folders, and
// starts reading them.
func (iw *importWindow) addPaths(paths []string) {
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

func (iw *importWindow) addPaste(text string) {
	n := 1
	for _, it := range iw.items {
		if it.path == "" {
			n++
		}
	}
	iw.read([]*importItem{{name: fmt.Sprintf("Pasted text %d", n), paste: text}})
}

// read decodes and proposes the items in the background, one after the
// other, showing progress; Cancel stops before the next one.
func (iw *importWindow) read(items []*importItem) {
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
	store := iw.w.store
	iw.begin(len(items))
	iw.w.background(func() func() {
		for i, it := range items {
			if !it.reading {
				continue
			}
			if iw.cancel.Load() {
				iw.w.onUI(func() { it.reading, it.err = false, fmt.Errorf("not read: cancelled") })
				continue
			}
			var doc ingest.Document
			var err error
			if it.path != "" {
				doc, err = ingest.ReadFile(it.path)
			} else {
				doc, err = ingest.FromPaste(it.paste)
			}
			var prop *importer.Proposal
			if err == nil {
				prop, err = importer.Propose(store, doc, importer.Meta{})
			}
			done := i + 1
			iw.w.onUI(func() {
				it.reading, it.prop, it.err = false, prop, err
				iw.step(done, it)
			})
		}
		return iw.end
	})
}

// begin shows progress over n steps of background work.
func (iw *importWindow) begin(n int) {
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
func (iw *importWindow) step(done int, it *importItem) {
	iw.progress.SetValue(float64(done))
	iw.docs.Refresh()
	if iw.item() == it {
		iw.showItem(iw.current)
	}
}

func (iw *importWindow) end() {
	iw.running--
	if iw.running > 0 {
		return
	}
	iw.progress.Hide()
	iw.cancelBtn.Hide()
	iw.docs.Refresh()
	iw.showItem(iw.current)
}

func (iw *importWindow) removeCurrent() {
	if iw.current < 0 || iw.current >= len(iw.items) || iw.items[iw.current].reading {
		return
	}
	iw.items = slices.Delete(iw.items, iw.current, iw.current+1)
	iw.docs.UnselectAll()
	iw.docs.Refresh()
	iw.showItem(-1)
}

func (iw *importWindow) item() *importItem {
	if iw.current < 0 || iw.current >= len(iw.items) {
		return nil
	}
	return iw.items[iw.current]
}

func (iw *importWindow) currentQuotes() []importer.Quote {
	if it := iw.item(); it != nil && it.prop != nil {
		return it.prop.Quotes
	}
	return nil
}

// editable reports whether the current item can still be changed.
func (iw *importWindow) editable() bool {
	it := iw.item()
	return it != nil && it.pending()
}

// showItem fills the right side for item i.
func (iw *importWindow) showItem(i int) {
	iw.current = i
	iw.filling = true
	defer func() { iw.filling = false }()
	it := iw.item()
	var src app.Source
	if it != nil && it.prop != nil {
		src = it.prop.Source
	}
	iw.title.SetText(src.Title)
	iw.outlet.SetText(src.Outlet)
	iw.date.SetText(src.Published)
	iw.url.SetText(src.URL)
	for _, e := range []*widget.Entry{iw.title, iw.outlet, iw.date, iw.url} {
		if iw.editable() {
			e.Enable()
		} else {
			e.Disable()
		}
	}
	iw.dateError.Hide()
	iw.quotes.UnselectAll()
	iw.quotes.Refresh()
	iw.quoteDetail.SetText(iw.itemMessage(it))
	iw.fillActors()
	iw.updateSummary()
}

func (iw *importWindow) itemMessage(it *importItem) string {
	switch {
	case it == nil:
		return "Select an article on the left to review it."
	case it.err != nil:
		return it.err.Error()
	case it.prop == nil:
		return "Reading…"
	case it.saved != nil:
		return fmt.Sprintf("Saved %s from this article.", countOf("statement", it.saved.Statements))
	case it.prop.Duplicate():
		return fmt.Sprintf("This text is already in the casebook as “%s”; it will not be imported again.", it.prop.Existing.Title)
	case len(it.prop.Quotes) == 0:
		return "No quotations found in this article."
	case it.prop.Existing != nil:
		return fmt.Sprintf("This is the text of “%s”, which the casebook has without its text: saving attaches the text to it.", it.prop.Existing.Title)
	}
	return "Select a quote to read it in its sentence."
}

// metaChanged writes the edited title, outlet, date and address back to
// the proposal.
func (iw *importWindow) metaChanged() {
	if iw.filling || !iw.editable() {
		return
	}
	src := &iw.item().prop.Source
	src.Title = strings.TrimSpace(iw.title.Text)
	src.Outlet = strings.TrimSpace(iw.outlet.Text)
	src.URL = strings.TrimSpace(iw.url.Text)
	date := strings.TrimSpace(iw.date.Text)
	if date != "" && !app.ValidDate(date) {
		iw.dateError.SetText("not YYYY-MM-DD")
		iw.dateError.Show()
	} else {
		iw.dateError.Hide()
		src.Published = date
		src.DatePrecision = app.PrecisionDay
		if date == "" {
			src.DatePrecision = app.PrecisionInferred
		}
	}
	iw.updateSummary()
}

// quoteReviewRow is one quote in review: keep, speaker, words.
type quoteReviewRow struct {
	keep    *widget.Check
	speaker *widget.Select
	text    *widget.Label
}

func newQuoteReviewRow() fyne.CanvasObject {
	keep := widget.NewCheck("", nil)
	speaker := widget.NewSelect(nil, nil)
	speaker.PlaceHolder = "(choose a speaker)"
	text := widget.NewLabel("")
	text.Truncation = fyne.TextTruncateEllipsis
	sized := container.NewGridWrap(fyne.NewSize(230, speaker.MinSize().Height), speaker)
	return container.NewBorder(nil, nil, container.NewHBox(keep, sized), nil, text)
}

func reviewRowParts(o fyne.CanvasObject) quoteReviewRow {
	c := o.(*fyne.Container)
	text := c.Objects[0].(*widget.Label)
	left := c.Objects[1].(*fyne.Container)
	return quoteReviewRow{
		keep:    left.Objects[0].(*widget.Check),
		speaker: left.Objects[1].(*fyne.Container).Objects[0].(*widget.Select),
		text:    text,
	}
}

const noSpeaker = "(nobody: do not save)"

// speakerChoices lists the speakers a quote of the current item can be
// given, with the id each label stands for.
func (iw *importWindow) speakerChoices() ([]string, map[string]string) {
	it := iw.item()
	ids := map[string]string{noSpeaker: ""}
	labels := []string{noSpeaker}
	if it == nil || it.prop == nil {
		return labels, ids
	}
	add := func(label, id string) {
		if _, taken := ids[label]; taken {
			label += " [" + id + "]"
		}
		ids[label] = id
		labels = append(labels, label)
	}
	for _, a := range it.prop.NewActors {
		add(a.Name+" (new)", a.ID)
	}
	known := slices.Clone(it.prop.Known)
	slices.SortFunc(known, func(a, b app.Actor) int { return strings.Compare(fold.String(a.Name), fold.String(b.Name)) })
	for _, a := range known {
		add(a.Name, a.ID)
	}
	return labels, ids
}

func labelFor(ids map[string]string, id string) string {
	for l, v := range ids {
		if v == id && (id != "" || l == noSpeaker) {
			return l
		}
	}
	return ""
}

func (iw *importWindow) updateQuoteRow(i widget.ListItemID, o fyne.CanvasObject) {
	quotes := iw.currentQuotes()
	if i >= len(quotes) {
		return
	}
	row := reviewRowParts(o)
	q := quotes[i]
	labels, ids := iw.speakerChoices()
	row.keep.OnChanged = nil
	row.speaker.OnChanged = nil
	row.keep.SetChecked(q.Keep && q.SpeakerID != "")
	row.speaker.Options = labels
	row.speaker.SetSelected(labelFor(ids, q.SpeakerID))
	kind := string(q.Kind)
	if q.Exists != "" {
		kind = "already filed"
	}
	row.text.SetText(fmt.Sprintf("%s · “%s”", kind, oneLine(q.Text)))
	if iw.editable() && q.Exists == "" {
		row.keep.Enable()
		row.speaker.Enable()
	} else {
		row.keep.Disable()
		row.speaker.Disable()
	}
	row.keep.OnChanged = func(on bool) { iw.setKeep(i, on) }
	row.speaker.OnChanged = func(label string) { iw.setSpeaker(i, ids[label]) }
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func (iw *importWindow) setKeep(i int, on bool) {
	quotes := iw.currentQuotes()
	if !iw.editable() || i >= len(quotes) {
		return
	}
	quotes[i].Keep = on && quotes[i].SpeakerID != ""
	if on && quotes[i].SpeakerID == "" {
		iw.summary.SetText("Choose who said it first.")
	}
	iw.afterEdit()
}

func (iw *importWindow) setSpeaker(i int, id string) {
	quotes := iw.currentQuotes()
	if !iw.editable() || i >= len(quotes) {
		return
	}
	quotes[i].SpeakerID = id
	quotes[i].Keep = id != ""
	iw.afterEdit()
}

func (iw *importWindow) afterEdit() {
	iw.quotes.Refresh()
	iw.docs.Refresh()
	iw.fillActors()
	iw.updateSummary()
}

// showQuote shows a quote in its sentence below the list.
func (iw *importWindow) showQuote(i int) {
	it := iw.item()
	quotes := iw.currentQuotes()
	if it == nil || i >= len(quotes) {
		return
	}
	q := quotes[i]
	runes := []rune(it.prop.Doc.Text)
	lo, hi := max(0, q.Start-240), min(len(runes), q.End+240)
	// Widen to whole sentences where the text allows.
	for lo > 0 && !strings.ContainsRune(".!?\n", runes[lo-1]) && q.Start-lo < 400 {
		lo--
	}
	for hi < len(runes) && !strings.ContainsRune(".!?\n", runes[hi-1]) && hi-q.End < 400 {
		hi++
	}
	words := oneLine(string(runes[lo:q.Start]) + "⟦" + q.Text + "⟧" + string(runes[q.End:hi]))
	about := ""
	switch {
	case q.Speaker != "":
		about = fmt.Sprintf("Found: %s (%s", q.Speaker, q.Kind)
		if q.Cue != "" {
			about += ", “" + q.Cue + "”"
		}
		about += ")."
	case q.Kind == extract.Term:
		about = "A quoted term or name, not a statement."
	default:
		about = "Nobody named as its speaker."
	}
	iw.quoteDetail.SetText(words + "\n\n" + about)
}

// fillActors lists the new actors the current item's kept quotes need,
// each with its name, kind and seat editable, and a way to merge it into
// an actor the casebook already has.
func (iw *importWindow) fillActors() {
	iw.actors.Objects = nil
	it := iw.item()
	if it == nil || it.prop == nil {
		iw.actors.Refresh()
		return
	}
	used := map[string]int{}
	for _, q := range it.prop.Quotes {
		if q.Keep {
			used[q.SpeakerID]++
		}
	}
	places := iw.w.session.Places()
	placeLabels := []string{"(no seat)"}
	placeIDs := map[string]string{"(no seat)": ""}
	for _, p := range places {
		if p.Kind == app.PlaceCity || p.Kind == app.PlaceCountry {
			placeLabels = append(placeLabels, p.Name)
			placeIDs[p.Name] = p.ID
		}
	}
	var knownLabels []string
	knownIDs := map[string]string{}
	for _, a := range it.prop.Known {
		knownLabels = append(knownLabels, a.Name)
		knownIDs[a.Name] = a.ID
	}
	slices.SortFunc(knownLabels, func(a, b string) int { return strings.Compare(fold.String(a), fold.String(b)) })
	for k := range it.prop.NewActors {
		a := &it.prop.NewActors[k]
		if used[a.ID] == 0 {
			continue
		}
		name := widget.NewEntry()
		name.SetText(a.Name)
		name.OnChanged = func(s string) {
			if strings.TrimSpace(s) != "" {
				a.Name = strings.TrimSpace(s)
			}
		}
		kind := widget.NewSelect([]string{string(app.ActorPerson), string(app.ActorOrganization), string(app.ActorMinistry), string(app.ActorGovernment), string(app.ActorState)}, nil)
		kind.SetSelected(string(a.Kind))
		kind.OnChanged = func(s string) { a.Kind = app.ActorKind(s) }
		seat := widget.NewSelect(placeLabels, nil)
		seat.SetSelected(labelFor(placeIDs, a.Seat))
		if a.Seat == "" {
			seat.SetSelected("(no seat)")
		}
		seat.OnChanged = func(s string) { a.Seat = placeIDs[s] }
		merge := widget.NewSelect(knownLabels, nil)
		merge.PlaceHolder = "Merge into…"
		id := a.ID
		merge.OnChanged = func(s string) { iw.merge(id, knownIDs[s]) }
		if !iw.editable() {
			name.Disable()
			kind.Disable()
			seat.Disable()
			merge.Disable()
		}
		iw.actors.Add(container.NewVBox(
			widget.NewLabel(fmt.Sprintf("%s, new, speaks %s:", a.Name, countOf("quote", used[a.ID]))),
			container.NewGridWithColumns(4, name, kind, seat, merge)))
	}
	if len(iw.actors.Objects) == 0 {
		iw.actors.Add(dim("None: every speaker kept is an actor the casebook has."))
	}
	iw.actors.Refresh()
}

// merge gives every quote of a proposed actor to a known one.
func (iw *importWindow) merge(newID, knownID string) {
	if !iw.editable() || knownID == "" {
		return
	}
	for i := range iw.item().prop.Quotes {
		if q := &iw.item().prop.Quotes[i]; q.SpeakerID == newID {
			q.SpeakerID = knownID
		}
	}
	iw.afterEdit()
}

// updateSummary says what Save would do, and enables it when it can.
func (iw *importWindow) updateSummary() {
	articles, quotes, actors := 0, 0, 0
	for _, it := range iw.items {
		if !it.pending() || it.kept() == 0 && it.prop.Existing == nil {
			continue
		}
		articles++
		quotes += it.kept()
		used := map[string]bool{}
		for _, q := range it.prop.Quotes {
			if q.Keep {
				used[q.SpeakerID] = true
			}
		}
		for _, a := range it.prop.NewActors {
			if used[a.ID] {
				actors++
			}
		}
	}
	badDate := iw.dateError.Visible()
	switch {
	case iw.running > 0:
		iw.saveBtn.Disable()
		return
	case articles == 0:
		iw.saveBtn.Disable()
		iw.saveBtn.SetText("Save")
		if len(iw.items) > 0 {
			iw.summary.SetText("Nothing to save.")
		}
		return
	case badDate:
		iw.saveBtn.Disable()
		iw.summary.SetText("Fix the date first: YYYY-MM-DD, or leave it empty.")
		return
	}
	iw.saveBtn.Enable()
	iw.saveBtn.SetText(fmt.Sprintf("Save %s", countOf("statement", quotes)))
	iw.summary.SetText(fmt.Sprintf("Saving will file %s from %s, with %s.",
		countOf("statement", quotes), countOf("article", articles), countOf("new actor", actors)))
}

// save files every reviewed article, each in its own transaction, in the
// background; Cancel stops before the next article. The main window then
// shows the new actors and statements.
func (iw *importWindow) save() {
	var todo []*importItem
	for _, it := range iw.items {
		if it.pending() && (it.kept() > 0 || it.prop.Existing != nil) {
			todo = append(todo, it)
		}
	}
	if len(todo) == 0 {
		return
	}
	store := iw.w.store
	iw.begin(len(todo))
	iw.w.write(func() func() {
		saved, statements := 0, 0
		var failed error
		for i, it := range todo {
			if iw.cancel.Load() {
				break
			}
			res, err := importer.Commit(store, it.prop)
			done := i + 1
			if err != nil {
				failed = fmt.Errorf("%s: %w", it.name, err)
				iw.w.onUI(func() { it.err = err; iw.step(done, it) })
				continue
			}
			saved++
			statements += res.Statements
			iw.w.onUI(func() { it.saved = &res; iw.step(done, it) })
		}
		reloadErr := iw.w.session.Reload()
		return func() {
			iw.end()
			iw.w.casebookChanged()
			msg := fmt.Sprintf("Saved %s from %s.", countOf("statement", statements), countOf("article", saved))
			if failed != nil {
				msg += " Not saved: " + failed.Error()
			} else if reloadErr != nil {
				msg += " Reading the casebook again failed: " + reloadErr.Error()
			}
			iw.summary.SetText(msg)
			iw.w.setStatus(msg)
		}
	})
}

// countOf says how many: "1 quote", "3 quotes".
func countOf(word string, n int) string { return fmt.Sprintf("%d %s", n, plural(word, n)) }
