package searchbox

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/parley/parley/app"

	"codeberg.org/parley/parley/app/search"

	"codeberg.org/parley/parley/views/ui"
)

// searchLimit is how many results of each kind the pane lists.
const searchLimit = 25

// Box is the search box: it searches as the user types and lists the
// results in the detail pane; Enter opens the best result, Esc clears it.
type Box struct {
	widget.Entry
	sh      *ui.Shell
	seq     uint64
	results []search.Group

	// ShowResults shows results where the selection is shown (the detail
	// pane); Showing reports whether they are shown there now; Restore
	// shows the selection there again.
	ShowResults func(objs []fyne.CanvasObject)
	Showing     func() bool
	Restore     func()
}

// New makes the search box.
func New(sh *ui.Shell) *Box {
	e := &Box{sh: sh}
	e.ExtendBaseWidget(e)
	e.SetPlaceHolder("Search everything (Ctrl+F)")
	e.OnChanged = func(string) { e.Search() }
	e.OnSubmitted = func(string) { e.OpenFirst() }
	return e
}

// TypedKey clears the search on Esc, or when there is none passes Esc on
// to the window, as it does the function keys.
func (e *Box) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && strings.TrimSpace(e.Text) != "" {
		e.Clear()
		return
	}
	if (ev.Name == fyne.KeyEscape || strings.HasPrefix(string(ev.Name), "F")) && ui.PassKey(e, ev) {
		return
	}
	e.Entry.TypedKey(ev)
}

// Clear empties the box and shows the selection again where the results
// were.
func (e *Box) Clear() {
	e.SetText("")
	if c := e.sh.Window(); c != nil {
		c.Canvas().Unfocus()
	}
}

// FocusGained shows the results again for the query in the box.
func (e *Box) FocusGained() {
	e.Entry.FocusGained()
	if strings.TrimSpace(e.Text) != "" && !e.Showing() {
		e.Search()
	}
}

// Search runs the query in the box off the UI goroutine and shows the
// results, unless a newer query came first.
func (e *Box) Search() {
	query := e.Text
	e.seq++
	seq := e.seq
	if strings.TrimSpace(query) == "" {
		if e.Showing() {
			e.Restore()
		}
		return
	}
	filter := e.sh.Session.Filter()
	e.sh.Background(func() func() {
		groups, err := search.Search(e.sh.Store, query, filter, searchLimit)
		return func() {
			if seq != e.seq {
				return
			}
			if err != nil {
				e.sh.SetStatus("Search failed: " + err.Error())
				return
			}
			e.results = groups
			e.ShowResults(e.resultObjects(query, groups, filter))
		}
	})
}

// Active reports whether the box holds a query whose results are shown.
func (e *Box) Active() bool { return strings.TrimSpace(e.Text) != "" && e.Showing() }

// OpenFirst selects the best result, as Enter in the box does.
func (e *Box) OpenFirst() {
	for _, g := range e.results {
		if len(g.Results) > 0 {
			e.sh.ShowSelection(g.Results[0].Where)
			return
		}
	}
}

var kindTitles = map[search.DocKind]string{
	search.DocActor: "Actors", search.DocPlace: "Places", search.DocStatement: "Statements",
	search.DocNote: "Notes", search.DocSource: "Sources",
}

// resultObjects lists search results, grouped by kind.
func (e *Box) resultObjects(query string, groups []search.Group, filter app.Filter) []fyne.CanvasObject {
	objs := []fyne.CanvasObject{ui.Caption("Search"), ui.Heading("“" + strings.TrimSpace(query) + "”")}
	if !filter.IsZero() {
		objs = append(objs, ui.Dim("Within the filter."))
	}
	if len(groups) == 0 {
		msg := "Nothing found. Words must all appear; put a phrase in quotes to find it as written."
		if last := lastWord(query); last != "" && utf8.RuneCountInString(last) < 3 {
			msg = "Nothing found for “" + last + "” as a word: from its third letter, the words it begins are found too."
		}
		objs = append(objs, ui.Para(msg))
	}
	for _, g := range groups {
		title := fmt.Sprintf("%s (%d)", kindTitles[g.Kind], g.Total)
		if g.Total > len(g.Results) {
			title = fmt.Sprintf("%s (best %d of %d)", kindTitles[g.Kind], len(g.Results), g.Total)
		}
		objs = append(objs, ui.Caption(title))
		for _, r := range g.Results {
			objs = append(objs, newResultRow(r, func() {
				e.sh.ShowSelection(r.Where)
				// Words found in a source's own text: read them there.
				if r.TextOffset != nil && e.sh.ShowSource != nil {
					e.sh.ShowSource(r.ID, "", *r.TextOffset)
				}
			}))
		}
		if left := g.Total - len(g.Results); left > 0 {
			kind := g.Kind
			more := ui.NewButton(fmt.Sprintf("Show %d more", min(left, searchLimit)), func() { e.more(query, filter, kind) })
			objs = append(objs, container.NewHBox(more))
		}
	}
	return objs
}

// more reads the next page of one kind of result and adds it to those
// shown.
func (e *Box) more(query string, filter app.Filter, kind search.DocKind) {
	seq := e.seq
	shown := 0
	for _, g := range e.results {
		if g.Kind == kind {
			shown = len(g.Results)
		}
	}
	e.sh.Background(func() func() {
		groups, err := search.SearchPage(e.sh.Store, search.ParseQuery(query), filter, searchLimit, shown)
		return func() {
			if seq != e.seq {
				return // a newer query is shown
			}
			if err != nil {
				e.sh.SetStatus("Search failed: " + err.Error())
				return
			}
			for _, page := range groups {
				for i := range e.results {
					if e.results[i].Kind == kind && page.Kind == kind && len(e.results[i].Results) == shown {
						e.results[i].Results = append(e.results[i].Results, page.Results...)
					}
				}
			}
			e.ShowResults(e.resultObjects(query, e.results, filter))
		}
	})
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

// PlainText is the row's label and snippet.
func (r *resultRow) PlainText() string { return r.label.Text + "\n" + ui.VisibleText(r.text.String()) }

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
	return ui.WrappingSegments(segs)
}

// lastWord is the word being typed at the end of the query, or "" when the
// query ends otherwise (a space, a quote, a field).
func lastWord(query string) string {
	fields := strings.Fields(query)
	if len(fields) == 0 || strings.HasSuffix(query, " ") {
		return ""
	}
	w := fields[len(fields)-1]
	if strings.ContainsAny(w, "\"“”„«»:*-") {
		return ""
	}
	return w
}
