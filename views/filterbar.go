package views

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/parley/parley/app"
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

// tones are the cooperation ranges the filter offers, on the Goldstein
// scale.
var tones = []struct {
	label string
	r     app.ScoreRange
}{
	{"Hostile (−10 … −1)", app.ScoreRange{Min: -10, Max: -1}},
	{"Neutral (−0.9 … +0.9)", app.ScoreRange{Min: -0.9, Max: 0.9}},
	{"Cooperative (+1 … +10)", app.ScoreRange{Min: 1, Max: 10}},
}

// filterBar narrows what the lists, the map and the timeline show: by
// speaker, place, dates, kind, tag, event category and tone. Every choice
// is visible in the bar, and Clear resets them all.
type filterBar struct {
	w                            *mainWindow
	actor, place, kind, tag, cat *widget.Select
	tone                         *widget.Select
	from, to                     *widget.Entry
	clear                        *widget.Button
	bad                          *widget.Label
	actorIDs, placeIDs           map[string]string
	filling                      bool
	box                          fyne.CanvasObject
}

func newFilterBar(w *mainWindow) *filterBar {
	f := &filterBar{w: w}
	changed := func(string) { f.apply() }
	f.actor = widget.NewSelect(nil, changed)
	f.place = widget.NewSelect(nil, changed)
	f.kind = widget.NewSelect([]string{anyKind, string(app.KindDirect), string(app.KindFragment), string(app.KindIndirect)}, changed)
	f.tag = widget.NewSelect(nil, changed)
	f.cat = widget.NewSelect(nil, changed)
	toneLabels := []string{anyTone}
	for _, t := range tones {
		toneLabels = append(toneLabels, t.label)
	}
	f.tone = widget.NewSelect(toneLabels, changed)
	f.from, f.to = widget.NewEntry(), widget.NewEntry()
	f.from.SetPlaceHolder("From YYYY-MM-DD")
	f.to.SetPlaceHolder("To YYYY-MM-DD")
	f.from.OnChanged, f.to.OnChanged = changed, changed
	f.bad = widget.NewLabel("")
	f.bad.Importance = widget.DangerImportance
	f.bad.Hide()
	f.clear = widget.NewButtonWithIcon("Clear filters", theme.ContentClearIcon(), f.reset)
	f.clear.Disable()
	grid := container.NewGridWithColumns(8, f.actor, f.place, f.from, f.to, f.kind, f.tag, f.cat, f.tone)
	label := widget.NewLabel("Filter")
	label.TextStyle.Bold = true
	f.box = container.NewBorder(nil, nil, label, container.NewHBox(f.bad, f.clear), grid)
	f.reload()
	return f
}

// reload fills the menus from the casebook, keeping what is chosen.
func (f *filterBar) reload() {
	f.filling = true
	defer func() { f.filling = false }()
	s := f.w.session
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
	slices.SortFunc(places[1:], func(a, b string) int { return strings.Compare(app.Fold(a), app.Fold(b)) })
	keep := func(sel *widget.Select, options []string) {
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
	tags, cats := []string{anyTag}, []string{anyCategory}
	if ix, ok := f.w.index(); ok {
		t, c := ix.FilterChoices()
		tags, cats = append(tags, t...), append(cats, c...)
	}
	keep(f.tag, tags)
	keep(f.cat, cats)
}

// filter reads the bar. ok is false while a date is not a date.
func (f *filterBar) filter() (app.Filter, bool) {
	var out app.Filter
	out.Actor = f.actorIDs[f.actor.Selected]
	out.Place = f.placeIDs[f.place.Selected]
	if k := f.kind.Selected; k != anyKind && k != "" {
		out.Kind = app.StatementKind(k)
	}
	if t := f.tag.Selected; t != anyTag {
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
	ok := true
	for _, e := range []*widget.Entry{f.from, f.to} {
		d := strings.TrimSpace(e.Text)
		if d != "" && !app.ValidDate(d) {
			ok = false
			continue
		}
		if e == f.from {
			out.From = d
		} else {
			out.To = d
		}
	}
	return out, ok
}

// apply gives the session the filter the bar shows.
func (f *filterBar) apply() {
	if f.filling {
		return
	}
	flt, ok := f.filter()
	if !ok {
		f.bad.SetText("Dates are YYYY, YYYY-MM or YYYY-MM-DD")
		f.bad.Show()
		return
	}
	f.bad.Hide()
	if flt.IsZero() {
		f.clear.Disable()
	} else {
		f.clear.Enable()
	}
	f.w.session.SetFilter(flt)
	if strings.TrimSpace(f.w.searchBox.Text) != "" && f.w.detail.showingResults {
		f.w.search()
	}
}

// reset clears every filter in one go.
func (f *filterBar) reset() {
	f.filling = true
	f.actor.SetSelected(anySpeaker)
	f.place.SetSelected(anyPlace)
	f.kind.SetSelected(anyKind)
	f.tag.SetSelected(anyTag)
	f.cat.SetSelected(anyCategory)
	f.tone.SetSelected(anyTone)
	f.from.SetText("")
	f.to.SetText("")
	f.filling = false
	f.apply()
}
