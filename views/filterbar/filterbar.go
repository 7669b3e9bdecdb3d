package filterbar

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/parley/parley/app"

	"codeberg.org/parley/parley/app/fold"

	"codeberg.org/parley/parley/views/ui"
)

// The first choice of each filter menu, which filters nothing.
const (
	anySpeaker  = "Any speaker"
	anyPlace    = "Any place"
	anyKind     = "Any kind"
	anyTag      = "Any tag"
	anyCategory = "Any category"
	anyTone     = "Any tone"
)

// tones are the cooperation ranges the filter offers, on the coding
// score's scale from -10 to +10.
var tones = []struct {
	label string
	r     app.ScoreRange
}{
	{"Hostile (−10 … −1)", app.ScoreRange{Min: -10, Max: -1}},
	{"Neutral (−0.9 … +0.9)", app.ScoreRange{Min: -0.9, Max: 0.9}},
	{"Cooperative (+1 … +10)", app.ScoreRange{Min: 1, Max: 10}},
}

// Bar narrows what the lists, the map and the timeline show: by
// speaker, place, dates, kind, tag, event category and tone. Every choice
// is visible in the bar, and Clear resets them all.
type Bar struct {
	sh                      *ui.Shell
	actor, place, kind, cat *ui.Select
	tone                    *ui.Select
	// tag is typed, with a menu of the tags that match: a casebook can
	// carry tens of thousands of tags (the generated one of 100,000
	// statements has 30,000), and a menu of them all took over a second
	// to open.
	tag                *ui.SelectEntry
	tags               []string // every tag the statements carry, sorted
	tagMenu            []string // what the tag menu offers now
	from, to           *ui.Entry
	clear              *ui.Button
	bad                *widget.Label
	actorIDs, placeIDs map[string]string
	filling            bool
	box                fyne.CanvasObject
	// OnApplied runs after the bar gave the session a new filter.
	OnApplied func()
}

// maxTagChoices bounds the tag menu: the first of the matching tags.
const maxTagChoices = 100

// New makes the filter bar, its menus filled from the session.
func New(sh *ui.Shell) *Bar {
	f := &Bar{sh: sh}
	changed := func(string) { f.apply() }
	f.actor = ui.NewSelect(nil, changed)
	f.place = ui.NewSelect(nil, changed)
	f.kind = ui.NewSelect([]string{anyKind, string(app.KindDirect), string(app.KindFragment), string(app.KindIndirect)}, changed)
	f.tag = ui.NewSelectEntry(nil)
	f.tag.SetPlaceHolder(anyTag)
	f.tag.OnChanged = func(text string) {
		f.setTagMenu(text)
		changed(text)
	}
	f.cat = ui.NewSelect(nil, changed)
	toneLabels := []string{anyTone}
	for _, t := range tones {
		toneLabels = append(toneLabels, t.label)
	}
	f.tone = ui.NewSelect(toneLabels, changed)
	f.from, f.to = ui.NewEntry(), ui.NewEntry()
	f.from.SetPlaceHolder("From YYYY-MM-DD")
	f.to.SetPlaceHolder("To YYYY-MM-DD")
	f.from.OnChanged, f.to.OnChanged = changed, changed
	f.bad = widget.NewLabel("")
	f.bad.Importance = widget.DangerImportance
	f.bad.Hide()
	f.clear = ui.NewButtonWithIcon("Clear filters", theme.ContentClearIcon(), f.Reset)
	f.clear.Disable()
	grid := container.New(&narrowGrid{cellMin: 92}, f.actor, f.place, f.from, f.to, f.kind, f.tag, f.cat, f.tone)
	label := widget.NewLabel("Filter")
	label.TextStyle.Bold = true
	// The problem, when there is one, takes a line under the bar: beside it,
	// it made the bar wider than a 1440-pixel window and pushed the detail
	// pane off the right edge.
	f.box = container.NewVBox(container.NewBorder(nil, nil, label, f.clear, grid), f.bad)
	f.Reload()
	return f
}

// Reload fills the menus from the casebook, keeping what is chosen.
func (f *Bar) Reload() {
	f.fill()
	// A tag typed before the index knew the tags may be one now.
	if strings.TrimSpace(f.tag.Text) != "" {
		f.apply()
	}
}

func (f *Bar) fill() {
	f.filling = true
	defer func() { f.filling = false }()
	s := f.sh.Session
	f.actorIDs = map[string]string{anySpeaker: ""}
	actors := []string{anySpeaker}
	for _, r := range s.ActorRows() {
		if r.Count == 0 {
			continue
		}
		label := r.Actor.Name
		if _, dup := f.actorIDs[label]; dup {
			label += " (" + r.Actor.ID + ")"
		}
		f.actorIDs[label] = r.Actor.ID
		actors = append(actors, label)
	}
	f.placeIDs = map[string]string{anyPlace: ""}
	places := []string{anyPlace}
	for _, p := range s.Places() {
		f.placeIDs[p.Name] = p.ID
		places = append(places, p.Name)
	}
	slices.SortFunc(places[1:], func(a, b string) int { return strings.Compare(fold.String(a), fold.String(b)) })
	keep := func(sel *ui.Select, options []string) {
		cur := sel.Selected
		sel.Options = options
		if !slices.Contains(options, cur) {
			cur = options[0]
		}
		sel.SetSelected(cur)
	}
	keep(f.actor, actors)
	keep(f.place, places)
	keep(f.kind, f.kind.Options)
	keep(f.tone, f.tone.Options)
	cats := []string{anyCategory}
	f.tags = nil
	if ix, ok := f.sh.Index(); ok {
		t, c := ix.FilterChoices()
		f.tags, cats = t, append(cats, c...)
	}
	f.setTagMenu(f.tag.Text)
	keep(f.cat, cats)
}

func (f *Bar) setTagMenu(typed string) {
	f.tagMenu = f.tagChoices(typed)
	f.tag.SetOptions(f.tagMenu)
}

// tagChoices lists the tags that begin with what is typed, then those that
// contain it elsewhere, case and accents aside, each group in alphabetical
// order; at most maxTagChoices.
func (f *Bar) tagChoices(typed string) []string {
	want := fold.String(strings.TrimSpace(typed))
	var first, rest []string
	for _, t := range f.tags {
		folded := fold.String(t)
		switch i := strings.Index(folded, want); {
		case i == 0:
			first = append(first, t)
		case i > 0 && len(rest) < maxTagChoices:
			rest = append(rest, t)
		}
		if len(first) >= maxTagChoices {
			break
		}
	}
	byFolded := func(a, b string) int { return strings.Compare(fold.String(a), fold.String(b)) }
	slices.SortStableFunc(first, byFolded)
	slices.SortStableFunc(rest, byFolded)
	out := append(first, rest...)
	return out[:min(len(out), maxTagChoices)]
}

// tagNamed returns the tag typed, as the statements spell it: the same
// text, or else the same letters with case and accents aside. Before the
// index is built no tag is known.
func (f *Bar) tagNamed(typed string) (string, bool) {
	if _, found := slices.BinarySearch(f.tags, typed); found {
		return typed, true
	}
	want := fold.String(typed)
	for _, t := range f.tags {
		if fold.String(t) == want {
			return t, true
		}
	}
	return "", false
}

// filter reads the bar. problem says what is wrong while a date is not a
// date or the tag typed is not a tag; the filter is then not to be used.
func (f *Bar) filter() (out app.Filter, problem string) {
	out.Actor = f.actorIDs[f.actor.Selected]
	out.Place = f.placeIDs[f.place.Selected]
	if k := f.kind.Selected; k != anyKind && k != "" {
		out.Kind = app.StatementKind(k)
	}
	if typed := strings.TrimSpace(f.tag.Text); typed != "" {
		t, ok := f.tagNamed(typed)
		if !ok {
			problem = "“" + typed + "” is not a tag of any statement: choose one from the tag menu"
		}
		out.Tag = t
	}
	if c := f.cat.Selected; c != anyCategory {
		out.Category = c
	}
	for _, t := range tones {
		if f.tone.Selected == t.label {
			r := t.r
			out.Cooperation = &r
		}
	}
	for _, e := range []*ui.Entry{f.from, f.to} {
		d := strings.TrimSpace(e.Text)
		if d != "" && !app.ValidDate(d) {
			problem = "Dates are YYYY, YYYY-MM or YYYY-MM-DD"
			continue
		}
		if e == f.from {
			out.From = d
		} else {
			out.To = d
		}
	}
	return out, problem
}

// apply gives the session the filter the bar shows.
func (f *Bar) apply() {
	if f.filling {
		return
	}
	flt, problem := f.filter()
	if problem != "" {
		f.bad.SetText(problem)
		f.bad.Show()
		return
	}
	f.bad.Hide()
	if flt.IsZero() {
		f.clear.Disable()
	} else {
		f.clear.Enable()
	}
	f.sh.Session.SetFilter(flt)
	if f.OnApplied != nil {
		f.OnApplied()
	}
}

// Reset clears every filter in one go.
func (f *Bar) Reset() {
	f.filling = true
	f.actor.SetSelected(anySpeaker)
	f.place.SetSelected(anyPlace)
	f.kind.SetSelected(anyKind)
	f.tag.SetText("")
	f.cat.SetSelected(anyCategory)
	f.tone.SetSelected(anyTone)
	f.from.SetText("")
	f.to.SetText("")
	f.filling = false
	f.apply()
}

// Object is the bar's widgets.
func (f *Bar) Object() fyne.CanvasObject { return f.box }

// narrowGrid lays its cells out in one row of equal widths, like Fyne's
// grid, but asks for at most cellMin units a cell: the menus shorten their
// text with an ellipsis where the window is narrow, rather than making
// the window wider than a 1024-pixel screen.
type narrowGrid struct{ cellMin float32 }

func (g *narrowGrid) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	pad := theme.Padding()
	for i, o := range objs {
		m := o.MinSize()
		s.Width += min(m.Width, g.cellMin)
		if i > 0 {
			s.Width += pad
		}
		s.Height = max(s.Height, m.Height)
	}
	return s
}

func (g *narrowGrid) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if len(objs) == 0 {
		return
	}
	pad := theme.Padding()
	w := (size.Width - pad*float32(len(objs)-1)) / float32(len(objs))
	for i, o := range objs {
		o.Move(fyne.NewPos(float32(i)*(w+pad), 0))
		o.Resize(fyne.NewSize(w, size.Height))
	}
}
