package views

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/parley/parley/app"

	"codeberg.org/parley/parley/app/search"
)

// searchLimit is how many results of each kind the pane lists.
const searchLimit = 25

// searchEntry is the search box: it searches as the user types, Enter
// opens the best result, Esc clears it.
type searchEntry struct {
	widget.Entry
	w *mainWindow
}

func newSearchEntry(w *mainWindow) *searchEntry {
	e := &searchEntry{w: w}
	e.ExtendBaseWidget(e)
	e.SetPlaceHolder("Search everything (Ctrl+F)")
	e.OnChanged = func(string) { w.search() }
	e.OnSubmitted = func(string) { w.openFirstResult() }
	return e
}

// TypedKey clears the search on Esc and hands arrows down to the results.
func (e *searchEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape {
		e.SetText("")
		e.w.win.Canvas().Unfocus()
		return
	}
	e.Entry.TypedKey(ev)
}

// FocusGained shows the results again for the query in the box.
func (e *searchEntry) FocusGained() {
	e.Entry.FocusGained()
	if strings.TrimSpace(e.Text) != "" && !e.w.detail.showingResults {
		e.w.search()
	}
}

// search runs the query in the box off the UI goroutine and shows the
// results in the detail pane, unless a newer query came first.
func (w *mainWindow) search() {
	query := w.searchBox.Text
	w.searchSeq++
	seq := w.searchSeq
	if strings.TrimSpace(query) == "" {
		if w.detail.showingResults && w.scene != nil {
			w.detail.show(w.scene)
		}
		return
	}
	filter := w.session.Filter()
	w.background(func() func() {
		groups, err := search.Search(w.store, query, filter, searchLimit)
		return func() {
			if seq != w.searchSeq {
				return
			}
			if err != nil {
				w.setStatus("Search failed: " + err.Error())
				return
			}
			w.results = groups
			w.detail.showResults(query, groups, filter)
		}
	})
}

// showSelection selects sel everywhere, and shows it in the detail pane
// even when it is already the selection (the pane may be showing results).
func (w *mainWindow) showSelection(sel app.Selection) {
	if w.session.Selection() == sel {
		w.requestScene(sel)
		return
	}
	w.session.Select(sel)
}

// openFirstResult selects the best result, as Enter in the box does.
func (w *mainWindow) openFirstResult() {
	for _, g := range w.results {
		if len(g.Results) > 0 {
			w.showSelection(g.Results[0].Where)
			return
		}
	}
}

var kindTitles = map[search.DocKind]string{
	search.DocActor: "Actors", search.DocPlace: "Places", search.DocStatement: "Statements",
	search.DocNote: "Notes", search.DocSource: "Sources",
}

// showResults fills the pane with search results, grouped by kind.
func (d *detailPane) showResults(query string, groups []search.Group, filter app.Filter) {
	d.flush()
	d.quote, d.annotate, d.notes = nil, nil, nil
	d.showingResults = true
	objs := []fyne.CanvasObject{caption("Search"), heading("“" + strings.TrimSpace(query) + "”")}
	if !filter.IsZero() {
		objs = append(objs, dim("Within the filter."))
	}
	if len(groups) == 0 {
		objs = append(objs, para("Nothing found. Words must all appear; put a phrase in quotes to find it as written."))
	}
	for _, g := range groups {
		title := fmt.Sprintf("%s (%d)", kindTitles[g.Kind], g.Total)
		if g.Total > len(g.Results) {
			title = fmt.Sprintf("%s (best %d of %d)", kindTitles[g.Kind], len(g.Results), g.Total)
		}
		objs = append(objs, caption(title))
		for _, r := range g.Results {
			objs = append(objs, newResultRow(r, func() { d.w.showSelection(r.Where) }))
		}
	}
	d.box.Objects = objs
	d.box.Refresh()
	d.scroll.ScrollToTop()
}

// resultRow is one search result: its label, and the snippet with the
// matching words highlighted; a tap selects it everywhere.
type resultRow struct {
	widget.BaseWidget
	result search.Result
	onTap  func()
	label  *widget.Label
	text   *widget.RichText
}

func newResultRow(r search.Result, onTap func()) *resultRow {
	row := &resultRow{result: r, onTap: onTap}
	row.label = widget.NewLabel(r.Label)
	row.label.TextStyle.Bold = true
	row.label.Truncation = fyne.TextTruncateEllipsis
	row.text = widget.NewRichText(highlighted(r.Snippet, r.Marks)...)
	row.text.Wrapping = fyne.TextWrapWord
	row.ExtendBaseWidget(row)
	return row
}

func (r *resultRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewVBox(r.label, r.text))
}

// Tapped selects the result.
func (r *resultRow) Tapped(*fyne.PointEvent) {
	if r.onTap != nil {
		r.onTap()
	}
}

// Cursor shows the row is a link.
func (r *resultRow) Cursor() desktop.Cursor { return desktop.PointerCursor }

// highlighted makes rich text segments of a snippet, the marked ranges in
// bold accent.
func highlighted(s string, marks []app.Range) []widget.RichTextSegment {
	rs := []rune(s)
	var segs []widget.RichTextSegment
	plain := func(t string) {
		if t != "" {
			segs = append(segs, &widget.TextSegment{Text: t, Style: widget.RichTextStyleInline})
		}
	}
	at := 0
	for _, m := range marks {
		if m.Start < at || m.End > len(rs) || m.Start >= m.End {
			continue
		}
		plain(string(rs[at:m.Start]))
		style := widget.RichTextStyleStrong
		style.ColorName = theme.ColorNamePrimary
		style.Inline = true
		segs = append(segs, &widget.TextSegment{Text: string(rs[m.Start:m.End]), Style: style})
		at = m.End
	}
	plain(string(rs[at:]))
	return segs
}
