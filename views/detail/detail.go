package detail

import (
	"fmt"
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/parley/parley/app"

	"codeberg.org/parley/parley/app/session"

	"codeberg.org/parley/parley/views/ui"

	"codeberg.org/parley/parley/views/notes"
)

// Pane shows the selected statement, actor, place or source in full,
// with its notes, or an overview of the case when nothing is selected.
type Pane struct {
	sh      *ui.Shell
	session *session.Session
	box     *fyne.Container
	scroll  *container.Scroll
	// quote is the focused statement's quote, where words are selected to
	// annotate them; nil when no statement is shown.
	quote    *QuoteText
	annotate *ui.Button
	// notes is the notes section of the item shown, nil on the overview.
	notes *notes.Section
	// showingOther is set while the pane shows something other than the
	// selection, such as search results.
	showingOther bool
	// statement is the statement shown, for Copy.
	statement *app.Statement
	// changeCode opens the code menu of the statement shown; nil when none
	// is shown or there are no code tables.
	changeCode *ui.Button
}

// New makes the detail pane; it shows nothing until Show.
func New(sh *ui.Shell) *Pane {
	d := &Pane{sh: sh, session: sh.Session, box: container.NewVBox()}
	d.scroll = container.NewVScroll(container.NewPadded(d.box))
	return d
}

// Flush starts saving every note being edited.
func (d *Pane) Flush() {
	if d.notes != nil {
		d.notes.Flush()
	}
}

// SaveNow saves every note being edited before it returns.
func (d *Pane) SaveNow() {
	if d.notes != nil {
		d.notes.SaveNow()
	}
}

// Object is the pane's widgets.
func (d *Pane) Object() fyne.CanvasObject { return d.scroll }

// Notes is the notes section of the item shown, nil when none is.
func (d *Pane) Notes() *notes.Section { return d.notes }

// Show fills the pane for a scene, after starting to save the notes being
// edited in it.
func (d *Pane) Show(sc *session.Scene) {
	d.Flush()
	d.quote, d.annotate, d.notes, d.statement, d.changeCode = nil, nil, nil, nil, nil
	d.showingOther = false
	var objs []fyne.CanvasObject
	switch {
	case sc.Statement != nil:
		objs = d.statementView(sc.Statement)
	case sc.Actor != nil && sc.Selection.Recipient != "":
		objs = d.pair(sc)
	case sc.Actor != nil:
		objs = d.actor(sc.Actor, d.pairLinks(sc, sc.Actor.Actor.ID))
	case sc.Place != nil:
		objs = d.place(sc.Place)
	case sc.Source != nil:
		objs = d.source(sc.Source)
	default:
		objs = d.overview(sc)
	}
	d.box.Objects = objs
	d.box.Refresh()
	d.scroll.ScrollToTop()
}

// ShowOther fills the pane with something other than the selection, such
// as search results, until the next Show.
func (d *Pane) ShowOther(objs []fyne.CanvasObject) {
	d.Flush()
	d.quote, d.annotate, d.notes, d.statement, d.changeCode = nil, nil, nil, nil, nil
	d.showingOther = true
	d.box.Objects = objs
	d.box.Refresh()
	d.scroll.ScrollToTop()
}

// ShowingOther reports whether the pane shows something other than the
// selection.
func (d *Pane) ShowingOther() bool { return d.showingOther }

// Texter is a widget that can say what it shows as plain text.
type Texter interface{ PlainText() string }

// Text returns everything the pane shows as plain text, for tests.
func (d *Pane) Text() string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			b.WriteString(w.Text + "\n")
		case *ui.Hyperlink:
			b.WriteString(w.Text + "\n")
		case *widget.RichText:
			b.WriteString(w.String() + "\n")
		case Texter:
			b.WriteString(w.PlainText() + "\n")
		case *ui.Entry:
			b.WriteString(w.Text + "\n")
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		}
	}
	for _, o := range d.box.Objects {
		walk(o)
	}
	return ui.VisibleText(b.String())
}

// actorLink selects an actor when tapped.
func (d *Pane) actorLink(a app.Actor) fyne.CanvasObject {
	link := ui.NewHyperlink(a.Name, nil)
	link.OnTapped = func() { d.session.SelectActor(a.ID) }
	if a.Role == "" {
		return link
	}
	role := widget.NewLabel(a.Role)
	role.SizeName = theme.SizeNameCaptionText
	role.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, link, nil, role)
}

// placeLinks lists places as links that select them, three to a row.
func (d *Pane) placeLinks(places []app.Place) fyne.CanvasObject {
	grid := container.NewGridWithColumns(3)
	for _, p := range places {
		link := ui.NewHyperlink(p.Name, nil)
		link.Truncation = fyne.TextTruncateEllipsis
		link.OnTapped = func() { d.session.SelectPlace(p.ID) }
		grid.Add(link)
	}
	return grid
}

func laterBlock(later []app.Dated) []fyne.CanvasObject {
	var objs []fyne.CanvasObject
	for _, l := range later {
		objs = append(objs, ui.Dim(fmt.Sprintf("Later development (%s): %s", l.Date, l.Text)))
	}
	return objs
}

func kindWords(k app.StatementKind) string {
	switch k {
	case app.KindDirect:
		return "Direct quotation"
	case app.KindFragment:
		return "Quoted fragment"
	case app.KindIndirect:
		return "Reported speech"
	}
	return string(k)
}

func (d *Pane) statementView(sd *app.StatementDetail) []fyne.CanvasObject {
	st := sd.Statement
	d.statement = &st
	objs := []fyne.CanvasObject{ui.Caption(kindWords(st.Kind) + dateSuffix(st.Date))}
	q := NewQuoteText(st.Quote)
	var highlights []app.Range
	for _, n := range sd.Notes {
		if n.Range != nil {
			highlights = append(highlights, *n.Range)
		}
	}
	q.SetHighlights(highlights)
	d.quote = q
	d.annotate = ui.NewButtonWithIcon("Annotate selection", theme.DocumentCreateIcon(), func() {
		sel := q.Selection()
		if sel.End <= sel.Start || d.notes == nil {
			return
		}
		r := sel
		ed := d.notes.AddNew(&r, q.SelectedText())
		q.SetHighlights(append(q.highlights, r))
		q.Select(app.Range{Start: r.End, End: r.End})
		// The notes come below the quote and the coding: bring the new
		// one into view, its editor focused.
		d.reveal(ed.Object())
	})
	d.annotate.Disable()
	q.OnSelect = func(r app.Range) {
		if r.End > r.Start {
			d.annotate.Enable()
		} else {
			d.annotate.Disable()
		}
	}
	copyBtn := ui.NewButtonWithIcon("Copy", theme.ContentCopyIcon(), d.CopyQuote)
	objs = append(objs, q, container.NewHBox(copyBtn, d.annotate))

	objs = append(objs, ui.Caption(ui.Plural("Speaker", len(sd.Speakers))))
	for _, a := range sd.Speakers {
		objs = append(objs, d.actorLink(a))
	}
	if st.SpeakerAsWritten != "" {
		objs = append(objs, ui.Dim("Described in the text as “"+st.SpeakerAsWritten+"”"))
	}
	if st.Cue != "" {
		objs = append(objs, ui.Dim("Attributed with “"+st.Cue+"”"))
	}
	if len(sd.Recipients) > 0 {
		objs = append(objs, ui.Caption("Addressed to"))
		for _, a := range sd.Recipients {
			objs = append(objs, d.actorLink(a))
		}
	}
	if st.Context != "" {
		objs = append(objs, ui.Caption("Context"), ui.Para(st.Context))
	}
	objs = append(objs, d.codingBlock(sd)...)
	// The user's own notes come before the reference material.
	objs = append(objs, d.notesFor(app.Target{Kind: app.TargetStatement, ID: st.ID}, sd.Notes, st.Quote))
	objs = append(objs, ui.Caption("Source"))
	objs = append(objs, d.sourceBlock(sd.Source)...)
	if len(sd.Reports) > 1 {
		objs = append(objs, d.reportsBlock(sd)...)
	}
	objs = append(objs, container.NewHBox(ui.NewButtonWithIcon("Same words as another statement…", theme.ContentAddIcon(),
		func() { d.askJoin(st) })))
	if len(sd.Places) > 0 {
		objs = append(objs, ui.Caption("Places"), d.placeLinks(sd.Places))
	}
	if len(st.Tags) > 0 {
		objs = append(objs, ui.Caption("Tags"), ui.Dim(strings.Join(st.Tags, " · ")))
	}
	objs = append(objs, ui.Caption("Background"))
	for _, a := range sd.Speakers {
		if a.Background != "" {
			objs = append(objs, ui.Para(a.Name+". "+a.Background))
		}
		objs = append(objs, laterBlock(a.Later)...)
	}
	for _, p := range sd.Places {
		if p.Background != "" {
			objs = append(objs, ui.Para(p.Name+". "+p.Background))
		}
		objs = append(objs, laterBlock(p.Later)...)
	}
	return objs
}

// notesFor builds the notes section of an item; text is what ranged notes
// count into.
func (d *Pane) notesFor(t app.Target, ns []app.Note, text string) fyne.CanvasObject {
	d.notes = notes.NewSection(d.sh, t, ns, func(n app.Note) string {
		if n.Range == nil {
			return ""
		}
		ex, _ := app.Slice(text, n.Range.Start, n.Range.End)
		return ex
	})
	return d.notes.Object()
}

func dateSuffix(date string) string {
	if date == "" {
		return ""
	}
	return " · " + date
}

func (d *Pane) sourceBlock(s app.Source) []fyne.CanvasObject {
	if s.ID == "" {
		return []fyne.CanvasObject{ui.Dim("No source recorded.")}
	}
	title := ui.NewHyperlink(s.Title, nil)
	title.Wrapping = fyne.TextWrapWord
	title.TextStyle.Bold = true
	title.OnTapped = func() { d.session.SelectSource(s.ID) }
	meta := s.Outlet
	if meta != "" {
		meta += " · "
	}
	meta += s.DateLabel()
	if len(s.Byline) > 0 {
		meta += " · by " + strings.Join(s.Byline, ", ")
	}
	objs := []fyne.CanvasObject{title, ui.Dim(meta)}
	if d.sh.ShowSource != nil {
		label := "Read the source"
		statement := ""
		if d.statement != nil && d.statement.Source == s.ID {
			label, statement = "Open in source", d.statement.ID
		}
		if !s.HasText {
			label = "Source details"
		}
		objs = append(objs, container.NewHBox(ui.NewButtonWithIcon(label, theme.FileTextIcon(), func() {
			d.sh.ShowSource(s.ID, statement, -1)
		})))
	}
	if u, err := url.Parse(s.URL); err == nil && s.URL != "" && (u.Scheme == "http" || u.Scheme == "https") {
		objs = append(objs, ui.NewHyperlink("Open the article in the browser", u))
	}
	if s.Context != "" {
		objs = append(objs, ui.Dim(s.Context))
	}
	return objs
}

// reportsBlock lists the sources that report a statement, earliest first,
// each with where its wording differs from the earliest's: words it adds
// in bold, words it leaves out named after it.
func (d *Pane) reportsBlock(sd *app.StatementDetail) []fyne.CanvasObject {
	objs := []fyne.CanvasObject{ui.Caption(fmt.Sprintf("Reported by %d sources", len(sd.Reports)))}
	first := sd.Reports[0]
	for i, r := range sd.Reports {
		name := r.Source.Outlet
		if name == "" {
			name = r.Source.Title
		}
		if name == "" {
			name = r.Report.Source
		}
		date := r.Date
		if date == "" {
			date = "date unknown"
		}
		link := ui.NewHyperlink(fmt.Sprintf("%s · %s", name, date), nil)
		link.Wrapping = fyne.TextWrapWord
		src, start, st := r.Report.Source, r.Start, d.statement
		link.OnTapped = func() {
			if d.sh.ShowSource != nil && st != nil {
				if src == st.Source {
					d.sh.ShowSource(src, st.ID, -1)
				} else {
					d.sh.ShowSource(src, "", start)
				}
			}
		}
		objs = append(objs, link)
		if i == 0 {
			objs = append(objs, ui.Dim("the earliest report"))
		} else {
			objs = append(objs, wordingDiff(first.Quote, r.Quote))
		}
		if st != nil && src != st.Source {
			id := st.ID
			objs = append(objs, container.NewHBox(ui.NewButtonWithIcon("Not the same statement: split off", theme.ContentCutIcon(),
				func() { d.splitReport(id, src) })))
		}
	}
	return objs
}

// wordingDiff shows a report's wording against the earliest: the words it
// adds in bold, then the words it leaves out.
func wordingDiff(earliest, quote string) fyne.CanvasObject {
	changes := app.DiffWords(earliest, quote)
	var segs []widget.RichTextSegment
	var left []string
	same := true
	for _, c := range changes {
		switch c.Op {
		case 0:
			segs = append(segs, &widget.TextSegment{Text: c.Text + " ", Style: widget.RichTextStyleInline})
		case 1:
			same = false
			style := widget.RichTextStyleStrong
			style.Inline = true
			segs = append(segs, &widget.TextSegment{Text: c.Text + " ", Style: style})
		case -1:
			same = false
			left = append(left, c.Text)
		}
	}
	if same {
		return ui.Dim("the same words")
	}
	if len(left) > 0 {
		segs = append(segs, &widget.TextSegment{Text: "— leaves out: " + strings.Join(left, " … "), Style: widget.RichTextStyle{Inline: true, ColorName: theme.ColorNameDisabled}})
	}
	rt := widget.NewRichText(ui.WrappingSegments(segs)...)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

// roleChoice chooses which of an actor's statements the list holds: what
// it said, what was addressed to it, or both, each with its count.
func (d *Pane) roleChoice(ad *app.ActorDetail) fyne.CanvasObject {
	both := map[string]bool{}
	for _, id := range ad.Statements {
		both[id] = true
	}
	for _, id := range ad.Addressed {
		both[id] = true
	}
	name := ad.Actor.Name
	labels := map[app.ActorRole]string{
		app.RoleSaid:      fmt.Sprintf("What %s said (%d)", name, len(ad.Statements)),
		app.RoleAddressed: fmt.Sprintf("What was addressed to %s (%d)", name, len(ad.Addressed)),
		app.RoleBoth:      fmt.Sprintf("Both (%d)", len(both)),
	}
	order := []app.ActorRole{app.RoleSaid, app.RoleAddressed, app.RoleBoth}
	var options []string
	for _, r := range order {
		options = append(options, labels[r])
	}
	sel := d.session.Selection()
	choice := ui.NewSelect(options, nil)
	choice.SetSelected(labels[sel.Role])
	choice.OnChanged = func(label string) {
		for _, r := range order {
			if labels[r] == label && r != sel.Role {
				d.session.Select(app.Selection{Actor: ad.Actor.ID, Role: r})
			}
		}
	}
	// Not wrapped: a wrapping label beside the choice is squeezed to one
	// letter a line.
	shows := ui.Dim("The list shows")
	shows.Wrapping = fyne.TextWrapOff
	return container.NewBorder(nil, nil, shows, nil, choice)
}

func (d *Pane) actor(ad *app.ActorDetail, pairs []fyne.CanvasObject) []fyne.CanvasObject {
	a := ad.Actor
	objs := []fyne.CanvasObject{ui.Caption(string(a.Kind)), ui.Heading(a.Name)}
	if a.Role != "" {
		objs = append(objs, ui.Dim(a.Role))
	}
	if len(a.Aliases) > 0 {
		objs = append(objs, ui.Dim("Also: "+strings.Join(a.Aliases, ", ")))
	}
	if ad.Parent != nil {
		objs = append(objs, ui.Caption("Part of"), d.actorLink(*ad.Parent))
	}
	if len(ad.Members) > 0 {
		objs = append(objs, ui.Caption("Members"))
		for _, m := range ad.Members {
			objs = append(objs, d.actorLink(m))
		}
	}
	objs = append(objs, ui.Caption("Statements"), d.roleChoice(ad))
	objs = append(objs, pairs...)
	if len(ad.Places) > 0 {
		var places []app.Place
		for _, id := range ad.Places {
			if p, ok := d.session.Place(id); ok {
				places = append(places, p)
			}
		}
		objs = append(objs, ui.Caption("Places its statements concern"), d.placeLinks(places))
	}
	if a.Background != "" {
		objs = append(objs, ui.Caption("Background"), ui.Para(a.Background))
	}
	objs = append(objs, laterBlock(a.Later)...)
	objs = append(objs, d.notesFor(app.Target{Kind: app.TargetActor, ID: a.ID}, ad.Notes, a.Background))
	return objs
}

func (d *Pane) place(pd *app.PlaceDetail) []fyne.CanvasObject {
	p := pd.Place
	objs := []fyne.CanvasObject{ui.Caption(string(p.Kind)), ui.Heading(p.Name)}
	if p.Label != "" && p.Label != p.Name {
		objs = append(objs, ui.Dim("On the map: "+p.Label))
	}
	if len(p.Aliases) > 0 {
		objs = append(objs, ui.Dim("Also: "+strings.Join(p.Aliases, ", ")))
	}
	objs = append(objs, ui.Caption("Statements"),
		ui.Para(fmt.Sprintf("%d concern %s; the list shows them, newest first.", len(pd.Statements), p.Name)))
	if p.Background != "" {
		objs = append(objs, ui.Caption("Background"), ui.Para(p.Background))
	}
	objs = append(objs, laterBlock(p.Later)...)
	objs = append(objs, d.notesFor(app.Target{Kind: app.TargetPlace, ID: p.ID}, pd.Notes, p.Background))
	return objs
}

func (d *Pane) source(sd *app.SourceDetail) []fyne.CanvasObject {
	s := sd.Source
	objs := []fyne.CanvasObject{ui.Caption("Source")}
	objs = append(objs, d.sourceBlock(s)...)
	text := ""
	if s.HasText {
		objs = append(objs, ui.Dim(fmt.Sprintf("Text stored: %d characters.", s.TextLength)))
		text, _ = d.sh.Store.SourceText(s.ID)
	} else {
		objs = append(objs, ui.Dim("Only the metadata and the quotations are stored, not the text."))
	}
	objs = append(objs, ui.Caption("Statements"),
		ui.Para(fmt.Sprintf("%d from this source; the list shows them, newest first.", len(sd.Statements))))
	objs = append(objs, d.notesFor(app.Target{Kind: app.TargetSource, ID: s.ID}, sd.Notes, text))
	del := ui.NewButtonWithIcon("Delete this source and its statements", theme.DeleteIcon(), func() { d.deleteSource(s.ID) })
	del.Importance = widget.DangerImportance
	objs = append(objs, ui.Caption("Remove"),
		ui.Dim("Takes out the source, its statements, their notes, and the actors only it brought. Undo is offered for a while."),
		container.NewHBox(del))
	return objs
}

// Quote is the quote of the statement shown, where words are selected to
// annotate them; nil when no statement is shown.
func (d *Pane) Quote() *QuoteText { return d.quote }

// Annotate is the button that puts a note on the selected words of the
// quote; nil when no statement is shown.
func (d *Pane) Annotate() *ui.Button { return d.annotate }

// NewNote opens a new note on the item shown, scrolled into view with the
// editor focused, and reports whether an item is shown.
func (d *Pane) NewNote() bool {
	if d.notes == nil {
		return false
	}
	ed := d.notes.AddNew(nil, "")
	d.reveal(ed.Object())
	return true
}

// reveal scrolls the pane so that o, somewhere inside it, is in view.
func (d *Pane) reveal(o fyne.CanvasObject) {
	d.scroll.Refresh()
	drv := fyne.CurrentApp().Driver()
	top := drv.AbsolutePositionForObject(d.box).Y
	at := drv.AbsolutePositionForObject(o).Y - top
	view := d.scroll.Size().Height
	if at < d.scroll.Offset.Y || at+min(o.Size().Height, view) > d.scroll.Offset.Y+view {
		d.scroll.ScrollToOffset(fyne.NewPos(0, max(0, at-theme.Padding()*4)))
	}
}

// EditNote opens the editor of a note shown in the pane, in view.
func (d *Pane) EditNote(id string) bool {
	if d.notes == nil {
		return false
	}
	for _, ed := range d.notes.Editors() {
		if ed.Note().ID == id {
			ed.Edit()
			d.reveal(ed.Object())
			return true
		}
	}
	return false
}
