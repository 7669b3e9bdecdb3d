package views

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
)

// detailPane shows the selected statement, actor, place or source in full,
// with its notes, or an overview of the case when nothing is selected.
type detailPane struct {
	w       *mainWindow
	session *session.Session
	box     *fyne.Container
	scroll  *container.Scroll
	// quote is the focused statement's quote, where words are selected to
	// annotate them; nil when no statement is shown.
	quote    *quoteText
	annotate *widget.Button
	// notes is the notes section of the item shown, nil on the overview.
	notes *notesSection
	// overview is what the pane shows with nothing selected.
	overview func() []fyne.CanvasObject
	// showingResults is set while the pane lists search results.
	showingResults bool
}

func newDetailPane(w *mainWindow) *detailPane {
	d := &detailPane{w: w, session: w.session, box: container.NewVBox()}
	d.scroll = container.NewVScroll(container.NewPadded(d.box))
	return d
}

// flush starts saving every note being edited.
func (d *detailPane) flush() {
	if d.notes != nil {
		d.notes.flush()
	}
}

// saveNow saves every note being edited before it returns.
func (d *detailPane) saveNow() {
	if d.notes != nil {
		d.notes.saveNow()
	}
}

func (d *detailPane) object() fyne.CanvasObject { return d.scroll }

// show fills the pane for a scene.
func (d *detailPane) show(sc *session.Scene) {
	d.quote, d.annotate, d.notes = nil, nil, nil
	d.showingResults = false
	var objs []fyne.CanvasObject
	switch {
	case sc.Statement != nil:
		objs = d.statement(sc.Statement)
	case sc.Actor != nil && sc.Selection.Recipient != "":
		objs = d.pair(sc)
	case sc.Actor != nil:
		objs = d.actor(sc.Actor, d.pairLinks(sc, sc.Actor.Actor.ID))
	case sc.Place != nil:
		objs = d.place(sc.Place)
	case sc.Source != nil:
		objs = d.source(sc.Source)
	case d.overview != nil:
		objs = d.overview()
	}
	d.box.Objects = objs
	d.box.Refresh()
	d.scroll.ScrollToTop()
}

// Text returns everything the pane shows as plain text, for tests.
func (d *detailPane) Text() string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			b.WriteString(w.Text + "\n")
		case *widget.Hyperlink:
			b.WriteString(w.Text + "\n")
		case *widget.RichText:
			b.WriteString(w.String() + "\n")
		case *resultRow:
			b.WriteString(w.label.Text + "\n" + w.text.String() + "\n")
		case *quoteText:
			b.WriteString(string(w.runes) + "\n")
		case *widget.Entry:
			b.WriteString(w.Text + "\n")
		case *noteEntry:
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
	return b.String()
}

func heading(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle.Bold = true
	l.SizeName = theme.SizeNameSubHeadingText
	l.Wrapping = fyne.TextWrapWord
	return l
}

func caption(text string) *widget.Label {
	l := widget.NewLabel(strings.ToUpper(text))
	l.TextStyle.Bold = true
	l.SizeName = theme.SizeNameCaptionText
	l.Importance = widget.HighImportance // the accent colour reads in both themes
	return l
}

func para(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// dim is secondary text: metadata and asides, set smaller rather than
// greyed out, which would be hard to read in the light theme.
func dim(text string) *widget.Label {
	l := para(text)
	l.SizeName = theme.SizeNameCaptionText
	return l
}

// actorLink selects an actor when tapped.
func (d *detailPane) actorLink(a app.Actor) fyne.CanvasObject {
	link := widget.NewHyperlink(a.Name, nil)
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
func (d *detailPane) placeLinks(places []app.Place) fyne.CanvasObject {
	grid := container.NewGridWithColumns(3)
	for _, p := range places {
		link := widget.NewHyperlink(p.Name, nil)
		link.Truncation = fyne.TextTruncateEllipsis
		link.OnTapped = func() { d.session.SelectPlace(p.ID) }
		grid.Add(link)
	}
	return grid
}

func laterBlock(later []app.Dated) []fyne.CanvasObject {
	var objs []fyne.CanvasObject
	for _, l := range later {
		objs = append(objs, dim(fmt.Sprintf("Later development (%s): %s", l.Date, l.Text)))
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

func (d *detailPane) statement(sd *app.StatementDetail) []fyne.CanvasObject {
	st := sd.Statement
	objs := []fyne.CanvasObject{caption(kindWords(st.Kind) + dateSuffix(st.Date))}
	q := newQuoteText(st.Quote)
	var highlights []app.Range
	for _, n := range sd.Notes {
		if n.Range != nil {
			highlights = append(highlights, *n.Range)
		}
	}
	q.SetHighlights(highlights)
	d.quote = q
	d.annotate = widget.NewButtonWithIcon("Annotate selection", theme.DocumentCreateIcon(), func() {
		sel := q.Selection()
		if sel.End <= sel.Start || d.notes == nil {
			return
		}
		r := sel
		d.notes.addNew(&r, q.SelectedText())
		q.SetHighlights(append(q.highlights, r))
		q.Select(app.Range{Start: r.End, End: r.End})
	})
	d.annotate.Disable()
	q.OnSelect = func(r app.Range) {
		if r.End > r.Start {
			d.annotate.Enable()
		} else {
			d.annotate.Disable()
		}
	}
	copyBtn := widget.NewButtonWithIcon("Copy", theme.ContentCopyIcon(), d.w.copyQuote)
	objs = append(objs, q, container.NewHBox(copyBtn, d.annotate))

	objs = append(objs, caption(plural("Speaker", len(sd.Speakers))))
	for _, a := range sd.Speakers {
		objs = append(objs, d.actorLink(a))
	}
	if st.Cue != "" {
		objs = append(objs, dim("Attributed with “"+st.Cue+"”"))
	}
	if len(sd.Recipients) > 0 {
		objs = append(objs, caption("Addressed to"))
		for _, a := range sd.Recipients {
			objs = append(objs, d.actorLink(a))
		}
	}
	if st.Context != "" {
		objs = append(objs, caption("Context"), para(st.Context))
	}
	objs = append(objs, d.codingBlock(sd)...)
	// The user's own notes come before the reference material.
	objs = append(objs, d.notesFor(app.Target{Kind: app.TargetStatement, ID: st.ID}, sd.Notes, st.Quote))
	objs = append(objs, caption("Source"))
	objs = append(objs, d.sourceBlock(sd.Source)...)
	if len(sd.Places) > 0 {
		objs = append(objs, caption("Places"), d.placeLinks(sd.Places))
	}
	if len(st.Tags) > 0 {
		objs = append(objs, caption("Tags"), dim(strings.Join(st.Tags, " · ")))
	}
	objs = append(objs, caption("Background"))
	for _, a := range sd.Speakers {
		if a.Background != "" {
			objs = append(objs, para(a.Name+". "+a.Background))
		}
		objs = append(objs, laterBlock(a.Later)...)
	}
	for _, p := range sd.Places {
		if p.Background != "" {
			objs = append(objs, para(p.Name+". "+p.Background))
		}
		objs = append(objs, laterBlock(p.Later)...)
	}
	return objs
}

// notesFor builds the notes section of an item; text is what ranged notes
// count into.
func (d *detailPane) notesFor(t app.Target, notes []app.Note, text string) fyne.CanvasObject {
	d.notes = newNotesSection(d.w, t, notes, func(n app.Note) string {
		if n.Range == nil {
			return ""
		}
		ex, _ := app.Slice(text, n.Range.Start, n.Range.End)
		return ex
	})
	return d.notes.box
}

func dateSuffix(date string) string {
	if date == "" {
		return ""
	}
	return " · " + date
}

func plural(word string, n int) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

func (d *detailPane) sourceBlock(s app.Source) []fyne.CanvasObject {
	if s.ID == "" {
		return []fyne.CanvasObject{dim("No source recorded.")}
	}
	title := widget.NewHyperlink(s.Title, nil)
	title.Wrapping = fyne.TextWrapWord
	title.TextStyle.Bold = true
	title.OnTapped = func() { d.session.SelectSource(s.ID) }
	meta := s.Outlet
	if s.Published != "" {
		meta += " · " + s.Published
		if s.DatePrecision == app.PrecisionInferred {
			meta += " (inferred)"
		}
	}
	objs := []fyne.CanvasObject{title, dim(meta)}
	if u, err := url.Parse(s.URL); err == nil && s.URL != "" && (u.Scheme == "http" || u.Scheme == "https") {
		objs = append(objs, widget.NewHyperlink("Open the article in the browser", u))
	}
	if s.Context != "" {
		objs = append(objs, dim(s.Context))
	}
	return objs
}

func tagSuffix(tags []string) string {
	if len(tags) == 0 {
		return ""
	}
	return " · #" + strings.Join(tags, " #")
}

func (d *detailPane) actor(ad *app.ActorDetail, pairs []fyne.CanvasObject) []fyne.CanvasObject {
	a := ad.Actor
	objs := []fyne.CanvasObject{caption(string(a.Kind)), heading(a.Name)}
	if a.Role != "" {
		objs = append(objs, dim(a.Role))
	}
	if len(a.Aliases) > 0 {
		objs = append(objs, dim("Also: "+strings.Join(a.Aliases, ", ")))
	}
	if ad.Parent != nil {
		objs = append(objs, caption("Part of"), d.actorLink(*ad.Parent))
	}
	if len(ad.Members) > 0 {
		objs = append(objs, caption("Members"))
		for _, m := range ad.Members {
			objs = append(objs, d.actorLink(m))
		}
	}
	objs = append(objs, caption("Statements"),
		para(fmt.Sprintf("%d spoken, %d addressed to %s. The list shows what %s said, newest first.",
			len(ad.Statements), len(ad.Addressed), a.Name, a.Name)))
	objs = append(objs, pairs...)
	if len(ad.Places) > 0 {
		var places []app.Place
		for _, id := range ad.Places {
			if p, ok := d.session.Place(id); ok {
				places = append(places, p)
			}
		}
		objs = append(objs, caption("Places its statements concern"), d.placeLinks(places))
	}
	if a.Background != "" {
		objs = append(objs, caption("Background"), para(a.Background))
	}
	objs = append(objs, laterBlock(a.Later)...)
	objs = append(objs, d.notesFor(app.Target{Kind: app.TargetActor, ID: a.ID}, ad.Notes, a.Background))
	return objs
}

func (d *detailPane) place(pd *app.PlaceDetail) []fyne.CanvasObject {
	p := pd.Place
	objs := []fyne.CanvasObject{caption(string(p.Kind)), heading(p.Name)}
	if p.Label != "" && p.Label != p.Name {
		objs = append(objs, dim("On the map: "+p.Label))
	}
	if len(p.Aliases) > 0 {
		objs = append(objs, dim("Also: "+strings.Join(p.Aliases, ", ")))
	}
	objs = append(objs, caption("Statements"),
		para(fmt.Sprintf("%d concern %s; the list shows them, newest first.", len(pd.Statements), p.Name)))
	if p.Background != "" {
		objs = append(objs, caption("Background"), para(p.Background))
	}
	objs = append(objs, laterBlock(p.Later)...)
	objs = append(objs, d.notesFor(app.Target{Kind: app.TargetPlace, ID: p.ID}, pd.Notes, p.Background))
	return objs
}

func (d *detailPane) source(sd *app.SourceDetail) []fyne.CanvasObject {
	s := sd.Source
	objs := []fyne.CanvasObject{caption("Source")}
	objs = append(objs, d.sourceBlock(s)...)
	text := ""
	if s.HasText {
		objs = append(objs, dim(fmt.Sprintf("Text stored: %d characters.", s.TextLength)))
		text, _ = d.session.Casebook.Store.SourceText(s.ID)
	} else {
		objs = append(objs, dim("Only the metadata and the quotations are stored, not the text."))
	}
	objs = append(objs, caption("Statements"),
		para(fmt.Sprintf("%d from this source; the list shows them, newest first.", len(sd.Statements))))
	objs = append(objs, d.notesFor(app.Target{Kind: app.TargetSource, ID: s.ID}, sd.Notes, text))
	del := widget.NewButtonWithIcon("Delete this source and its statements", theme.DeleteIcon(), func() { d.w.deleteSource(s.ID) })
	del.Importance = widget.DangerImportance
	objs = append(objs, caption("Remove"),
		dim("Takes out the source, its statements, their notes, and the actors only it brought. Undo is offered for a while."),
		container.NewHBox(del))
	return objs
}
