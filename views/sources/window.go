package sources

import (
	"fmt"
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/fold"
	"codeberg.org/parley/parley/views/reader"
	"codeberg.org/parley/parley/views/ui"
)

// hint says what the reader's buttons need.
const hint = "Click a marked quote to choose its statement; select words to add one or to note them; underlined words have a note (click to read it)."

// The orders the list can take.
var sortOrders = []string{"Newest first", "Oldest first", "Title", "Outlet", "Most statements"}

// Window lists the casebook's sources and reads one: its text with every
// statement marked in its speaker's colour, its metadata to correct, and
// the work of close reading (mark a missed quote, note a passage, split,
// merge, move or delete a statement).
type Window struct {
	sh     *ui.Shell
	win    fyne.Window
	closed bool

	filter *ui.Entry
	order  *ui.Select
	list   *ui.KeyList
	all    []app.SourceRow
	rows   []app.SourceRow
	count  *widget.Label
	seq    uint64

	// The source read.
	src        app.Source
	statements []app.Statement
	actors     map[string]app.Actor
	colors     map[string]color.Color // speaker id -> colour
	// pending is where to scroll once the source is read: a statement id,
	// or a code point when pendingAt >= 0.
	pending   string
	pendingAt int

	tabs    *container.AppTabs
	heading *widget.Label
	byline  *widget.Label
	text    *reader.Text
	scroll  *container.Scroll
	legend  *fyne.Container
	noText  *widget.Label

	find      *ui.Entry
	findCount *widget.Label
	finds     []app.Range
	findAt    int
	raw       string // the text read
	hay       []rune // the text folded for finding, nil until a find

	addBtn, noteBtn *ui.Button
	chosen          string // the statement chosen in the reader
	chosenLabel     *widget.Label
	spanBtn         *ui.Button
	splitBtn        *ui.Button
	mergeBtn        *ui.Button
	deleteBtn       *ui.Button

	form *metaForm

	// status says what the last change was; undoBtn undoes it.
	status   *widget.Label
	undoBtn  *ui.Button
	lastUndo func()
}

// New makes the sources window; Show shows it.
func New(sh *ui.Shell) *Window {
	sw := &Window{sh: sh, win: sh.App.NewWindow("Parley: sources"), pendingAt: -1}
	sw.filter = ui.NewEntry()
	sw.filter.SetPlaceHolder("Filter by title, outlet, author, language")
	sw.filter.OnChanged = func(string) { sw.applyFilter() }
	sw.count = widget.NewLabel("")
	sw.count.SizeName = theme.SizeNameCaptionText
	sw.list = ui.NewKeyList(func() int { return len(sw.rows) }, newRow, sw.updateRow)
	sw.order = ui.NewSelect(sortOrders, nil)
	sw.order.SetSelected(sortOrders[0])
	sw.order.OnChanged = func(string) { sw.applyFilter() }
	sw.list.SetOnSelected(func(i widget.ListItemID) {
		if i < len(sw.rows) && sw.rows[i].Source.ID != sw.src.ID {
			sw.open(sw.rows[i].Source.ID)
		}
	})

	sw.heading = ui.SectionTitle("Choose a source on the left to read it.")
	sw.heading.Wrapping = fyne.TextWrapWord
	sw.byline = ui.Dim("")
	sw.text = reader.NewText("")
	sw.text.OnSelect = func(app.Range) { sw.updateButtons() }
	sw.text.OnTapSpan = sw.choose
	sw.text.OnTapNote = func() {
		if sh.ShowNotes != nil && sw.src.ID != "" {
			sh.ShowNotes(&app.Target{Kind: app.TargetSource, ID: sw.src.ID})
		}
	}
	sw.scroll = container.NewVScroll(sw.text)
	sw.scroll.OnScrolled = func(p fyne.Position) { sw.text.SetViewport(p.Y, sw.scroll.Size().Height) }
	sw.legend = container.New(layout.NewRowWrapLayout())
	sw.noText = ui.Para("")
	sw.noText.Hide()

	sw.find = ui.NewEntry()
	sw.find.SetPlaceHolder("Find in the text (Ctrl+F)")
	sw.find.OnChanged = func(string) { sw.runFind() }
	sw.find.OnSubmitted = func(string) { sw.nextFind(1) }
	sw.find.OnKey = func(ev *fyne.KeyEvent) bool {
		switch ev.Name {
		case fyne.KeyDown:
			sw.nextFind(1)
		case fyne.KeyUp:
			sw.nextFind(-1)
		default:
			return false
		}
		return true
	}
	sw.findCount = widget.NewLabel("")
	prev := ui.NewButtonWithIcon("", theme.MoveUpIcon(), func() { sw.nextFind(-1) })
	next := ui.NewButtonWithIcon("", theme.MoveDownIcon(), func() { sw.nextFind(1) })
	findBar := container.NewBorder(nil, nil, nil, container.NewHBox(sw.findCount, prev, next), sw.find)

	sw.addBtn = ui.NewButtonWithIcon("Add statement…", theme.ContentAddIcon(), sw.askStatement)
	sw.noteBtn = ui.NewButtonWithIcon("Note on passage…", theme.DocumentCreateIcon(), sw.askNote)
	sw.chosenLabel = ui.Dim(hint)
	sw.chosenLabel.Wrapping = fyne.TextWrapWord
	sw.spanBtn = ui.NewButtonWithIcon("Set to selection", theme.ViewFullScreenIcon(), sw.setSpan)
	sw.splitBtn = ui.NewButtonWithIcon("Split at selection", theme.ContentCutIcon(), sw.split)
	sw.mergeBtn = ui.NewButtonWithIcon("Merge with next", theme.MoveDownIcon(), sw.mergeNext)
	sw.deleteBtn = ui.NewButtonWithIcon("Delete", theme.DeleteIcon(), sw.deleteChosen)
	sw.deleteBtn.Importance = widget.DangerImportance
	work := container.NewVBox(
		container.NewHBox(sw.addBtn, sw.noteBtn),
		sw.chosenLabel,
		container.NewHBox(sw.spanBtn, sw.splitBtn, sw.mergeBtn, sw.deleteBtn),
	)
	readTab := container.NewBorder(
		container.NewVBox(sw.heading, sw.byline, findBar, sw.legend),
		work, nil, nil,
		container.NewStack(sw.scroll, container.NewPadded(sw.noText)))

	sw.form = newMetaForm(sw)
	sw.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("Read", theme.FileTextIcon(), readTab),
		container.NewTabItemWithIcon("Details", theme.InfoIcon(), container.NewVScroll(sw.form.object())))

	sw.status = widget.NewLabel("")
	sw.status.Truncation = fyne.TextTruncateEllipsis
	sw.undoBtn = ui.NewButtonWithIcon("Undo", theme.ContentUndoIcon(), sw.undoLast)
	sw.undoBtn.Hide()
	left := container.NewBorder(container.NewVBox(sw.filter, sw.order), sw.count, nil, nil, sw.list)
	split := container.NewHSplit(left, sw.tabs)
	split.Offset = 0.3
	sw.win.SetContent(container.NewBorder(nil, container.NewBorder(nil, nil, nil, sw.undoBtn, sw.status), nil, nil, split))
	sw.win.Resize(fyne.NewSize(1100, 760))
	sw.win.SetOnClosed(func() {
		sw.closed = true
		ui.ForgetKeys(sw.win)
	})
	ui.RouteKeys(sw.win, sw.escape, nil)
	ctrl := fyne.KeyModifierShortcutDefault
	findKey := &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: ctrl}
	nextKey := &desktop.CustomShortcut{KeyName: fyne.KeyG, Modifier: ctrl}
	sw.win.Canvas().AddShortcut(findKey, func(fyne.Shortcut) { sw.focusFind() })
	sw.win.Canvas().AddShortcut(nextKey, func(fyne.Shortcut) { sw.nextFind(1) })
	// Ctrl+Z where no text box has the focus (a text box undoes typing).
	sw.win.Canvas().AddShortcut(&fyne.ShortcutUndo{}, func(fyne.Shortcut) { sw.undoLast() })
	sw.text.OnShortcut = func(s fyne.Shortcut) {
		switch s.ShortcutName() {
		case (&fyne.ShortcutUndo{}).ShortcutName():
			sw.undoLast()
		case findKey.ShortcutName():
			sw.focusFind()
		case nextKey.ShortcutName():
			sw.nextFind(1)
		}
	}
	sh.Listen(ui.CasebookChanged, func(string) { sw.refresh() })
	sh.Listen(ui.StatementChanged, func(string) { sw.refresh() })
	sh.Listen(ui.NotesChanged, func(string) { sw.refresh() })
	sw.updateButtons()
	return sw
}

// focusFind shows the text and puts the keyboard in the find box.
func (sw *Window) focusFind() {
	sw.tabs.SelectIndex(0)
	sw.win.Canvas().Focus(sw.find)
}

// escape clears the find, then the selection, then closes the window.
func (sw *Window) escape() {
	switch {
	case sw.find.Text != "":
		sw.find.SetText("")
	case sw.text.Selection().End > sw.text.Selection().Start:
		sw.text.Select(app.Range{})
	default:
		sw.win.Close()
	}
}

// Show shows the window on a source (none: the list alone), scrolled to a
// statement's words or to a code point, and raises it.
func (sw *Window) Show(source, statement string, at int) {
	sw.pending, sw.pendingAt = statement, at
	sw.reloadList(source)
	sw.win.Show()
	sw.win.RequestFocus()
}

// Closed reports whether the window was closed.
func (sw *Window) Closed() bool { return sw.closed }

// Close closes the window.
func (sw *Window) Close() { sw.win.Close() }

// Text is the reader, for tests.
func (sw *Window) Text() *reader.Text { return sw.text }

// Window is the window, for tests.
func (sw *Window) Window() fyne.Window { return sw.win }

// refresh reads the list and the source shown again after the casebook
// changed elsewhere.
func (sw *Window) refresh() {
	if sw.closed {
		return
	}
	sw.reloadList(sw.src.ID)
}

// reloadList reads every source with its count, then opens source.
func (sw *Window) reloadList(source string) {
	sw.seq++
	seq := sw.seq
	sw.sh.Background(func() func() {
		rows, err := sw.sh.Casebook().SourceRows()
		return func() {
			if seq != sw.seq {
				return
			}
			if err != nil {
				sw.count.SetText("Cannot read the sources: " + err.Error())
				return
			}
			sw.all = rows
			sw.applyFilter()
			if source != "" {
				sw.open(source)
			}
		}
	})
}

// applyFilter narrows and orders the list.
func (sw *Window) applyFilter() {
	words := strings.Fields(fold.String(sw.filter.Text))
	sw.rows = sw.rows[:0]
	for _, r := range sw.all {
		s := r.Source
		hay := fold.String(strings.Join(append([]string{s.Title, s.Outlet, s.Language, s.Published, s.ID}, s.Byline...), " "))
		if !slices.ContainsFunc(words, func(w string) bool { return !strings.Contains(hay, w) }) {
			sw.rows = append(sw.rows, r)
		}
	}
	by := func(a, b app.SourceRow) int {
		switch sw.order.Selected {
		case "Oldest first":
			if c := strings.Compare(a.Source.Published, b.Source.Published); c != 0 {
				return c
			}
		case "Title":
			return strings.Compare(fold.String(a.Source.Title), fold.String(b.Source.Title))
		case "Outlet":
			if c := strings.Compare(fold.String(a.Source.Outlet), fold.String(b.Source.Outlet)); c != 0 {
				return c
			}
		case "Most statements":
			if a.Statements != b.Statements {
				return b.Statements - a.Statements
			}
		default:
			if c := strings.Compare(b.Source.Published, a.Source.Published); c != 0 {
				return c
			}
		}
		return strings.Compare(a.Source.Title, b.Source.Title)
	}
	slices.SortStableFunc(sw.rows, by)
	sw.count.SetText(fmt.Sprintf("%d of %s", len(sw.rows), ui.CountOf("source", len(sw.all))))
	sw.list.Refresh()
	sw.markListed()
}

// markListed selects the row of the source read, if it is listed.
func (sw *Window) markListed() {
	for i, r := range sw.rows {
		if r.Source.ID == sw.src.ID {
			sw.list.Select(i)
			return
		}
	}
	sw.list.UnselectAll()
}

func newRow() fyne.CanvasObject {
	title := widget.NewLabel("title")
	title.TextStyle.Bold = true
	title.Truncation = fyne.TextTruncateEllipsis
	meta := widget.NewLabel("meta")
	meta.SizeName = theme.SizeNameCaptionText
	meta.Truncation = fyne.TextTruncateEllipsis
	return container.New(layout.NewCustomPaddedVBoxLayout(-12), title, meta)
}

func (sw *Window) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(sw.rows) {
		return
	}
	r := sw.rows[i]
	objs := o.(*fyne.Container).Objects
	objs[0].(*widget.Label).SetText(r.Source.Title)
	objs[1].(*widget.Label).SetText(rowMeta(r))
}

// rowMeta is a source's second line in the list.
func rowMeta(r app.SourceRow) string {
	s := r.Source
	parts := []string{}
	if s.Outlet != "" {
		parts = append(parts, s.Outlet)
	}
	if len(s.Byline) > 0 {
		parts = append(parts, "by "+strings.Join(s.Byline, ", "))
	}
	parts = append(parts, s.DateLabel())
	if s.Language != "" {
		parts = append(parts, s.Language)
	}
	parts = append(parts, ui.CountOf("statement", r.Statements))
	if !s.HasText {
		parts = append(parts, "no text stored")
	}
	return strings.Join(parts, " · ")
}

// sourceData is what reading one source takes.
type sourceData struct {
	src        app.Source
	text       string
	statements []app.Statement
	actors     map[string]app.Actor
	passages   []app.Range // of the notes on the source's text
}

// open reads a source, its text and its statements off the UI goroutine.
func (sw *Window) open(id string) {
	sw.seq++
	seq := sw.seq
	sw.sh.Background(func() func() {
		d, err := readSource(sw.sh.Store, id)
		return func() {
			if seq != sw.seq {
				return
			}
			if err != nil {
				sw.heading.SetText("Cannot read the source: " + err.Error())
				return
			}
			sw.show(d)
		}
	})
}

func readSource(r app.Reader, id string) (sourceData, error) {
	d := sourceData{actors: map[string]app.Actor{}}
	var err error
	if d.src, err = r.Source(id); err != nil {
		return d, err
	}
	if d.src.HasText {
		if d.text, err = r.SourceText(id); err != nil {
			return d, err
		}
	}
	ids, err := r.StatementIDsBySource(id)
	if err != nil {
		return d, err
	}
	for _, sid := range ids {
		st, err := r.Statement(sid)
		if err != nil {
			return d, err
		}
		// Seen from this source: its words here, where the source reports
		// the statement again.
		if rep, ok := st.ReportIn(id); ok && st.Source != id {
			st.Source, st.Start, st.End, st.Quote, st.Cue = rep.Source, rep.Start, rep.End, rep.Quote, rep.Cue
		}
		d.statements = append(d.statements, st)
		for _, a := range slices.Concat(st.Speakers, st.Recipients) {
			if _, ok := d.actors[a]; !ok {
				if actor, err := r.Actor(a); err == nil {
					d.actors[a] = actor
				}
			}
		}
	}
	slices.SortFunc(d.statements, func(a, b app.Statement) int { return a.Start - b.Start })
	notes, err := r.NotesFor(app.Target{Kind: app.TargetSource, ID: id})
	if err != nil {
		return d, err
	}
	for _, n := range notes {
		if n.Range != nil {
			d.passages = append(d.passages, *n.Range)
		}
	}
	return d, nil
}

// speakerPalette are the colours of the speakers of one source, in the
// order they first speak: hues far apart, light enough for text on them
// in both themes.
var speakerPalette = []color.NRGBA{
	{0x3b, 0x82, 0xf6, 0x55}, {0xef, 0x44, 0x44, 0x55}, {0x10, 0xb9, 0x81, 0x55}, {0xa8, 0x55, 0xf7, 0x55},
	{0xf5, 0x9e, 0x0b, 0x55}, {0x06, 0xb6, 0xd4, 0x55}, {0xec, 0x48, 0x99, 0x55}, {0x84, 0xcc, 0x16, 0x55},
}

// SpeakerColors gives each speaker of the statements, in text order, a
// colour of the palette; speakers past its end share them in turn.
func SpeakerColors(sts []app.Statement) (map[string]color.Color, []string) {
	colors := map[string]color.Color{}
	var order []string
	for _, st := range sts {
		if len(st.Speakers) == 0 {
			continue
		}
		if a := st.Speakers[0]; colors[a] == nil {
			colors[a] = speakerPalette[len(order)%len(speakerPalette)]
			order = append(order, a)
		}
	}
	return colors, order
}

// Spans are the statements' words as reader spans.
func Spans(sts []app.Statement, colors map[string]color.Color) []reader.Span {
	spans := make([]reader.Span, 0, len(sts))
	for _, st := range sts {
		c := color.Color(color.NRGBA{0x80, 0x80, 0x80, 0x55})
		if len(st.Speakers) > 0 && colors[st.Speakers[0]] != nil {
			c = colors[st.Speakers[0]]
		}
		spans = append(spans, reader.Span{Range: app.Range{Start: st.Start, End: st.End}, Color: c, ID: st.ID})
	}
	return spans
}

// show puts a read source in the window.
func (sw *Window) show(d sourceData) {
	same := d.src.ID == sw.src.ID
	sw.src, sw.statements, sw.actors = d.src, d.statements, d.actors
	sw.win.SetTitle("Parley: " + app.Excerpt(d.src.Title, 80))
	sw.heading.SetText(d.src.Title)
	meta := rowMeta(app.SourceRow{Source: d.src, Statements: len(d.statements)})
	sw.byline.SetText(meta)
	offset := sw.scroll.Offset
	if !same || sw.text.Len() != app.RuneLen(d.text) {
		sw.text.SetText(d.text)
		sw.raw, sw.hay = d.text, nil
		offset = fyne.Position{}
	}
	var order []string
	sw.colors, order = SpeakerColors(d.statements)
	sw.text.SetSpans(Spans(d.statements, sw.colors))
	sw.text.SetNotes(d.passages)
	sw.legend.RemoveAll()
	for _, id := range order {
		sw.legend.Add(legendChip(sw.actors[id].Name, sw.colors[id]))
	}
	if d.src.HasText {
		sw.noText.Hide()
		sw.scroll.Show()
	} else {
		sw.noText.SetText("Only this source's metadata and quotations are stored, not its text. Import the article (File → Import…) to read it here; its quotations are matched to the statements already filed.")
		sw.noText.Show()
		sw.scroll.Hide()
	}
	if !slices.ContainsFunc(d.statements, func(st app.Statement) bool { return st.ID == sw.chosen }) {
		sw.chosen = ""
	}
	sw.form.fill(d.src)
	sw.markListed()
	sw.runFind()
	sw.updateButtons()
	sw.scroll.Offset = offset
	sw.scroll.Refresh()
	sw.text.SetViewport(offset.Y, sw.scroll.Size().Height)
	switch {
	case sw.pending != "":
		sw.choose(sw.pending)
		sw.scrollToStatement(sw.pending)
	case sw.pendingAt >= 0:
		sw.scrollTo(sw.pendingAt)
	}
	sw.pending, sw.pendingAt = "", -1
}

func legendChip(name string, c color.Color) fyne.CanvasObject {
	if name == "" {
		name = "?"
	}
	swatch := canvas.NewRectangle(c)
	swatch.SetMinSize(fyne.NewSize(14, 14))
	swatch.CornerRadius = 3
	label := widget.NewLabel(name)
	label.SizeName = theme.SizeNameCaptionText
	return container.NewHBox(container.NewCenter(swatch), label)
}

// scrollTo brings code point i into view, a third of the way down.
func (sw *Window) scrollTo(i int) {
	sw.tabs.SelectIndex(0)
	if sw.text.Size().Width <= 0 {
		sw.text.Layout(max(sw.scroll.Size().Width, 600))
	}
	y := sw.text.LineY(i) - sw.scroll.Size().Height/3
	sw.scroll.Offset = fyne.NewPos(0, max(0, min(y, sw.text.MinSize().Height-sw.scroll.Size().Height)))
	sw.scroll.Refresh()
	sw.text.SetViewport(sw.scroll.Offset.Y, sw.scroll.Size().Height)
}

func (sw *Window) scrollToStatement(id string) {
	for _, st := range sw.statements {
		if st.ID == id {
			sw.scrollTo(st.Start)
			return
		}
	}
}

// statement is the statement with id among the source's.
func (sw *Window) statement(id string) (app.Statement, bool) {
	for _, st := range sw.statements {
		if st.ID == id {
			return st, true
		}
	}
	return app.Statement{}, false
}

// choose makes a statement the one the reader's buttons work on, and
// selects it everywhere (list, map, detail).
func (sw *Window) choose(id string) {
	st, ok := sw.statement(id)
	if !ok {
		return
	}
	sw.chosen = id
	sel := app.Selection{Statement: id}
	if len(st.Speakers) > 0 {
		sel.Actor = st.Speakers[0]
	}
	if sw.sh.ShowSelection != nil {
		sw.sh.ShowSelection(sel)
	}
	sw.updateButtons()
}

// speakerNames names a statement's speakers.
func (sw *Window) speakerNames(st app.Statement) string {
	return st.SpeakerNames(func(id string) (app.Actor, bool) { a, ok := sw.actors[id]; return a, ok })
}

// updateButtons enables what the selection and the chosen statement allow.
func (sw *Window) updateButtons() {
	sel := sw.text.Selection()
	hasSel := sel.End > sel.Start && sw.src.HasText
	enable(sw.addBtn, hasSel)
	enable(sw.noteBtn, hasSel)
	st, ok := sw.statement(sw.chosen)
	sw.text.SetChosen(sw.chosen)
	if ok {
		sw.chosenLabel.SetText(fmt.Sprintf("Chosen: %s — “%s”", sw.speakerNames(st), app.Excerpt(st.Quote, 90)))
	} else {
		sw.chosenLabel.SetText(hint)
	}
	enable(sw.spanBtn, ok && hasSel)
	enable(sw.splitBtn, ok && sel.Start > st.Start && sel.Start < st.End)
	enable(sw.mergeBtn, ok && sw.nextOf(st) != "")
	enable(sw.deleteBtn, ok)
}

func enable(b *ui.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

// nextOf is the statement after st in the text with the same speakers.
func (sw *Window) nextOf(st app.Statement) string {
	for _, o := range sw.statements {
		if o.Start > st.Start && o.ID != st.ID && slices.Equal(o.Speakers, st.Speakers) {
			return o.ID
		}
	}
	return ""
}

// runFind marks every match of the find box in the text.
func (sw *Window) runFind() {
	q := strings.TrimSpace(sw.find.Text)
	sw.finds, sw.findAt = nil, -1
	if q != "" && sw.src.HasText {
		if sw.hay == nil {
			sw.hay = FoldRunes(sw.raw)
		}
		sw.finds = FindIn(sw.hay, q)
	}
	switch {
	case q == "":
		sw.findCount.SetText("")
	case len(sw.finds) == 0:
		sw.findCount.SetText("not found")
	default:
		sw.findAt = 0
		sw.findCount.SetText(fmt.Sprintf("1 of %d", len(sw.finds)))
		sw.scrollTo(sw.finds[0].Start)
	}
	sw.text.SetFinds(sw.finds, sw.findAt)
}

// nextFind moves to the next (or previous) match.
func (sw *Window) nextFind(step int) {
	if len(sw.finds) == 0 {
		return
	}
	sw.findAt = (sw.findAt + step + len(sw.finds)) % len(sw.finds)
	sw.findCount.SetText(fmt.Sprintf("%d of %d", sw.findAt+1, len(sw.finds)))
	sw.text.SetFinds(sw.finds, sw.findAt)
	sw.scrollTo(sw.finds[sw.findAt].Start)
}

// FoldRunes folds a text character by character, as search folds words
// (case, diacritics), keeping one character for each, so that offsets in
// the folded text are the text's.
func FoldRunes(text string) []rune {
	hay := make([]rune, 0, len(text))
	folded := map[rune]rune{}
	for _, r := range text {
		f, ok := folded[r]
		if !ok {
			f = r
			if fr := []rune(fold.String(string(r))); len(fr) == 1 {
				f = fr[0]
			}
			folded[r] = f
		}
		hay = append(hay, f)
	}
	return hay
}

// FindIn finds every occurrence of q in a folded text, in code points.
func FindIn(hay []rune, q string) []app.Range {
	needle := []rune(fold.String(q))
	if len(needle) == 0 {
		return nil
	}
	var out []app.Range
	for i := 0; i+len(needle) <= len(hay); i++ {
		if hay[i] == needle[0] && slices.Equal(hay[i:i+len(needle)], needle) {
			out = append(out, app.Range{Start: i, End: i + len(needle)})
			i += len(needle) - 1
		}
	}
	return out
}
