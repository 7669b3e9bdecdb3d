package timeline

import (
	"cmp"
	"fmt"
	"image/color"
	"math"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/parley/parley/app"

	"codeberg.org/parley/parley/app/session"

	"codeberg.org/parley/parley/views/ui"
)

// View draws the listed statements over time, one lane per speaker,
// with the case's dated events as marks on the axis. Scroll zooms about the
// pointer, drag pans, a double-click or Fit shows everything; hover shows a
// quote, a click selects it, a click on a bundle zooms into it.
type View struct {
	widget.BaseWidget
	sh   *ui.Shell
	data session.TimelineData
	// shownFor is the list the timeline shows, by scope and filter.
	shownFor string
	// from and to are the days at the left and right edges, fractional.
	from, to float64
	size     fyne.Size
	selected string
	// drawn are the dots and bundles where they were last drawn, for taps
	// and hovers; names the lanes' names.
	drawn []timelineMark
	names []laneName
	// gutter is the width of the lane names' column, from the longest.
	gutter float32
	tip    *widget.Label
	tipBg  *canvas.Rectangle
	objs   []fyne.CanvasObject
}

// timelineMark is one drawn dot or bundle.
type timelineMark struct {
	at    fyne.Position
	r     float32
	ids   []string
	from  float64 // day span of a bundle, to zoom into
	to    float64
	event *app.Event
	// undated marks the dots of the undated row, which have no day.
	undated bool
}

// laneName is a lane's name where it is drawn, for its tip and clicks.
type laneName struct {
	y0, y1 float32
	full   string
	actor  string
	cut    bool // shortened with an ellipsis
}

const (
	timelineAxis = 30 // the date axis at the top
	dotRadius    = 5
	bundleRadius = 9
	// minGutter and maxGutter bound the lane names' column; a longer name
	// ends with an ellipsis and shows in full under the pointer.
	minGutter = 90
	maxGutter = 230
	// undatedRow is the height of the row of statements without a date.
	undatedRow = 28
)

// New makes the timeline; it draws nothing until SetScene gives it a list.
func New(sh *ui.Shell) *View {
	t := &View{sh: sh}
	t.tip = widget.NewLabel("")
	t.tip.Wrapping = fyne.TextWrapWord
	t.tip.Hide()
	t.tipBg = canvas.NewRectangle(color.Transparent)
	t.tipBg.CornerRadius = 4
	t.tipBg.Hide()
	t.ExtendBaseWidget(t)
	return t
}

// SetScene gives the timeline the scene's list, laid out in the background;
// only the focus changes when the list is the same as last time.
func (t *View) SetScene(sc *session.Scene) {
	scope := sc.Selection
	scope.Statement = ""
	key := fmt.Sprintf("%+v|%+v|%d", scope, sc.Filter, len(sc.StatementIDs))
	if key == t.shownFor {
		t.selected = sc.Selection.Statement
		t.Refresh()
		return
	}
	t.shownFor = key
	ids, focus := sc.StatementIDs, sc.Selection.Statement
	t.sh.Background(func() func() {
		d, err := t.sh.Session.Timeline(ids, 12)
		t.sh.ReleasePagesSoon()
		return func() {
			if err != nil {
				t.sh.SetStatus("Cannot draw the timeline: " + err.Error())
				return
			}
			t.setData(d, focus)
		}
	})
}

// Forget makes the next SetScene lay its list out again: the same list may
// hold other statements now.
func (t *View) Forget() { t.shownFor = "" }

// setData shows new data and fits the view to it.
func (t *View) setData(d session.TimelineData, selected string) {
	t.data, t.selected = d, selected
	t.fit()
}

// fit shows every point, with a margin.
func (t *View) fit() {
	if len(t.data.Points) == 0 {
		t.from, t.to = t.bounds()
	} else {
		// A margin either side; a single busy day fills most of the width,
		// so its statements stand apart.
		first, last := float64(t.data.First), float64(t.data.Last+1)
		pad := math.Max(0.15, (last-first)*0.04)
		t.from, t.to = first-pad, last+pad
	}
	t.Refresh()
}

// bounds is how far the view may go: the statements' and the events'
// days, with a margin, or the last year when there are none.
func (t *View) bounds() (lo, hi float64) {
	first, last, any := 0, 0, false
	see := func(d int) {
		if !any || d < first {
			first = d
		}
		if !any || d > last {
			last = d
		}
		any = true
	}
	if len(t.data.Points) > 0 {
		see(t.data.First)
		see(t.data.Last)
	}
	for _, ev := range t.data.Events {
		if d, ok := session.DayNumber(ev.Date); ok {
			see(d)
		}
		if d, ok := session.DayNumber(ev.End); ok {
			see(d)
		}
	}
	if !any {
		now, _ := session.DayNumber(time.Now().UTC().Format("2006-01-02"))
		return float64(now - 365), float64(now + 1)
	}
	lo, hi = float64(first), float64(last+1)
	pad := math.Max(1, (hi-lo)*0.1)
	return lo - pad, hi + pad
}

// clamp keeps the view inside its bounds, no wider than them and no
// narrower than half a day.
func (t *View) clamp() {
	lo, hi := t.bounds()
	span := math.Min(math.Max(t.to-t.from, 0.5), hi-lo)
	if t.from < lo {
		t.from = lo
	}
	if t.from+span > hi {
		t.from = hi - span
	}
	t.to = t.from + span
}

func (t *View) plotWidth() float32 { return max(t.size.Width-t.gutter-12, 10) }

func (t *View) xOf(day float64) float32 {
	return t.gutter + float32((day-t.from)/(t.to-t.from))*t.plotWidth()
}

func (t *View) dayAt(x float32) float64 {
	return t.from + float64((x-t.gutter)/t.plotWidth())*(t.to-t.from)
}

// lanesBottom is where the lanes end: above the undated row, if any.
func (t *View) lanesBottom() float32 {
	if len(t.data.Undated) > 0 {
		return t.size.Height - undatedRow
	}
	return t.size.Height
}

func (t *View) laneHeight() float32 {
	return (t.lanesBottom() - timelineAxis) / float32(max(len(t.data.Lanes), 1))
}

func (t *View) laneY(lane int) float32 {
	return timelineAxis + t.laneHeight()*(float32(lane)+0.5)
}

// zoom scales the visible span by f about day at, within the bounds.
func (t *View) zoom(f, at float64) {
	span := (t.to - t.from) * f
	left := (at - t.from) / (t.to - t.from)
	t.from = at - left*span
	t.to = t.from + span
	t.clamp()
	t.Refresh()
}

// Scrolled zooms about the pointer.
func (t *View) Scrolled(ev *fyne.ScrollEvent) {
	f := 1 / 1.25
	if ev.Scrolled.DY < 0 {
		f = 1.25
	}
	t.zoom(f, t.dayAt(ev.Position.X))
}

// Dragged pans.
func (t *View) Dragged(ev *fyne.DragEvent) {
	d := float64(ev.Dragged.DX/t.plotWidth()) * (t.to - t.from)
	t.from -= d
	t.to -= d
	t.clamp()
	t.Refresh()
}

// DragEnd is needed for Draggable.
func (t *View) DragEnd() {}

// DoubleTapped shows everything again.
func (t *View) DoubleTapped(*fyne.PointEvent) { t.fit() }

// Tapped selects the statement under the pointer, or zooms into a bundle;
// on a lane's name, it selects the lane's actor.
func (t *View) Tapped(ev *fyne.PointEvent) {
	if n, ok := t.nameAt(ev.Position); ok {
		if n.actor != "" {
			t.sh.Session.SelectActor(n.actor)
		}
		return
	}
	m, ok := t.markAt(ev.Position)
	switch {
	case !ok || m.event != nil || m.undated && len(m.ids) > 1:
		return
	case len(m.ids) == 1:
		t.sh.Session.SelectStatement(m.ids[0])
	default:
		mid := (m.from + m.to) / 2
		span := math.Max((m.to-m.from)*1.5, 0.5)
		t.from, t.to = mid-span/2, mid+span/2
		t.clamp()
		t.Refresh()
	}
}

// nameAt finds the lane name under a point of the names' column.
func (t *View) nameAt(p fyne.Position) (laneName, bool) {
	if p.X >= t.gutter {
		return laneName{}, false
	}
	for _, n := range t.names {
		if p.Y >= n.y0 && p.Y < n.y1 {
			return n, true
		}
	}
	return laneName{}, false
}

func (t *View) markAt(p fyne.Position) (timelineMark, bool) {
	best, bestD := -1, float32(math.MaxFloat32)
	for i, m := range t.drawn {
		dx, dy := m.at.X-p.X, m.at.Y-p.Y
		d := dx*dx + dy*dy
		if d <= (m.r+4)*(m.r+4) && d < bestD {
			best, bestD = i, d
		}
	}
	if best < 0 {
		return timelineMark{}, false
	}
	return t.drawn[best], true
}

// MouseIn and MouseMoved show what is under the pointer.
func (t *View) MouseIn(ev *desktop.MouseEvent) { t.MouseMoved(ev) }

// MouseMoved shows the quote, bundle or event under the pointer.
func (t *View) MouseMoved(ev *desktop.MouseEvent) {
	if n, ok := t.nameAt(ev.Position); ok {
		text := n.full
		if n.actor != "" {
			text += ". Click to show the actor."
		}
		if n.cut || n.actor != "" {
			t.showTip(text, ev.Position)
		} else {
			t.hideTip()
		}
		return
	}
	m, ok := t.markAt(ev.Position)
	if !ok {
		t.hideTip()
		return
	}
	var text string
	switch {
	case m.event != nil:
		text = m.event.Date + "  " + m.event.Title
		if m.event.End != "" {
			text = m.event.Date + " – " + m.event.End + "  " + m.event.Title
		}
	case len(m.ids) == 1:
		if st, ok := t.sh.Session.Row(m.ids[0]); ok {
			text = fmt.Sprintf("%s, %s: “%s”", t.sh.Session.SpeakerNames(st), st.Date, app.Excerpt(st.Quote, 160))
		}
	case m.undated:
		text = fmt.Sprintf("%d more statements without a date; the list holds them all", len(m.ids))
	default:
		text = fmt.Sprintf("%d statements; click to zoom in", len(m.ids))
	}
	t.showTip(text, ev.Position)
}

// MouseOut hides the tip.
func (t *View) MouseOut() { t.hideTip() }

func (t *View) showTip(text string, at fyne.Position) {
	t.tip.SetText(text)
	w := float32(320)
	// A wrapped label knows its height only once it has its width.
	t.tip.Resize(fyne.NewSize(w, 20))
	size := fyne.NewSize(w, t.tip.MinSize().Height)
	t.tip.Resize(size)
	pos := at.Add(fyne.NewPos(12, 12))
	if pos.X+w > t.size.Width {
		pos.X = at.X - w - 12
	}
	if pos.Y+size.Height > t.size.Height {
		pos.Y = at.Y - size.Height - 12
	}
	t.tip.Move(pos)
	t.tipBg.Resize(size)
	t.tipBg.Move(pos)
	t.tipBg.FillColor = theme.Color(theme.ColorNameOverlayBackground)
	t.tipBg.StrokeColor = theme.Color(theme.ColorNameShadow)
	t.tipBg.StrokeWidth = 1
	t.tip.Show()
	t.tipBg.Show()
	t.tipBg.Refresh()
	canvas.Refresh(t)
}

func (t *View) hideTip() {
	if t.tip.Visible() {
		t.tip.Hide()
		t.tipBg.Hide()
		canvas.Refresh(t)
	}
}

// Cursor is a pointer: everything on the timeline can be clicked.
func (t *View) Cursor() desktop.Cursor { return desktop.DefaultCursor }

func (t *View) CreateRenderer() fyne.WidgetRenderer { return &timelineRenderer{t: t} }

type timelineRenderer struct{ t *View }

func (r *timelineRenderer) Layout(size fyne.Size) {
	r.t.size = size
	r.t.build()
}

func (r *timelineRenderer) MinSize() fyne.Size { return fyne.NewSize(300, 120) }

func (r *timelineRenderer) Refresh() {
	r.t.build()
	canvas.Refresh(r.t)
}

func (r *timelineRenderer) Objects() []fyne.CanvasObject { return r.t.objs }

func (r *timelineRenderer) Destroy() {}

// build makes the canvas objects for the current data, view and size.
func (t *View) build() {
	if t.size.Width <= 0 {
		return
	}
	fg := theme.Color(theme.ColorNameForeground)
	dim := theme.Color(theme.ColorNamePlaceHolder)
	accent := theme.Color(theme.ColorNamePrimary)
	grid := theme.Color(theme.ColorNameSeparator)
	caption := theme.CaptionTextSize()
	var objs []fyne.CanvasObject
	t.drawn, t.names = t.drawn[:0], t.names[:0]
	t.layoutGutter(caption)
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.Resize(t.size)
	objs = append(objs, bg)

	// The axis: a rule under the dates, a tick and a faint line through
	// the lanes at each date, the dates in the text colour.
	rule := canvas.NewLine(ui.WithAlpha(fg, 0x90))
	rule.Position1, rule.Position2 = fyne.NewPos(t.gutter, timelineAxis-4), fyne.NewPos(t.size.Width, timelineAxis-4)
	objs = append(objs, rule)
	for _, tk := range ticks(t.from, t.to, t.plotWidth()) {
		x := t.xOf(tk.day)
		line := canvas.NewLine(grid)
		line.Position1, line.Position2 = fyne.NewPos(x, timelineAxis-4), fyne.NewPos(x, t.size.Height)
		mark := canvas.NewLine(ui.WithAlpha(fg, 0x90))
		mark.Position1, mark.Position2 = fyne.NewPos(x, timelineAxis-9), fyne.NewPos(x, timelineAxis-4)
		label := canvas.NewText(tk.label, fg)
		label.TextSize = caption
		// Right of its tick, or left of it at the right edge.
		if lx := x + 3; lx+label.MinSize().Width <= t.size.Width {
			label.Move(fyne.NewPos(lx, 4))
		} else {
			label.Move(fyne.NewPos(x-3-label.MinSize().Width, 4))
		}
		objs = append(objs, line, mark, label)
	}
	// Lanes, and their names in the column on the left.
	lh := t.laneHeight()
	for i, l := range t.data.Lanes {
		y := t.laneY(i)
		line := canvas.NewLine(grid)
		line.Position1, line.Position2 = fyne.NewPos(t.gutter, y), fyne.NewPos(t.size.Width, y)
		objs = append(objs, line)
		objs = append(objs, t.laneLabel(l.Name, l.Actor, y, y-lh/2, y+lh/2, fg, caption))
	}
	// Events: a mark on the axis and a faint band or line through the lanes.
	for i := range t.data.Events {
		ev := &t.data.Events[i]
		start, ok := session.DayNumber(ev.Date)
		if !ok {
			continue
		}
		end := start
		if e, ok := session.DayNumber(ev.End); ok {
			end = e
		}
		x0, x1 := t.xOf(float64(start)), t.xOf(float64(end+1))
		if x1 < t.gutter || x0 > t.size.Width {
			continue
		}
		x0 = max(x0, t.gutter)
		band := canvas.NewRectangle(ui.WithAlpha(accent, 28))
		band.Move(fyne.NewPos(x0, timelineAxis))
		band.Resize(fyne.NewSize(max(x1-x0, 1), t.lanesBottom()-timelineAxis))
		objs = append(objs, band)
		mark := canvas.NewCircle(ui.WithAlpha(accent, 160))
		at := fyne.NewPos(x0+min(x1-x0, 8)/2, timelineAxis-4)
		mark.Move(at.SubtractXY(4, 4))
		mark.Resize(fyne.NewSize(8, 8))
		objs = append(objs, mark)
		t.drawn = append(t.drawn, timelineMark{at: at, r: 5, event: ev})
	}
	t.placePoints(lh)
	objs = append(objs, t.placeUndated(fg, grid, caption)...)
	for _, m := range t.drawn {
		if m.event != nil {
			continue
		}
		selected := len(m.ids) == 1 && m.ids[0] == t.selected
		c := canvas.NewCircle(accent)
		if m.undated && len(m.ids) > 1 {
			c.FillColor = dim
		}
		r := m.r
		if selected {
			c.StrokeColor, c.StrokeWidth = fg, 2
			r += 2
		}
		c.Move(m.at.SubtractXY(r, r))
		c.Resize(fyne.NewSize(2*r, 2*r))
		objs = append(objs, c)
		if len(m.ids) > 1 {
			n := canvas.NewText(fmt.Sprint(len(m.ids)), theme.Color(theme.ColorNameBackground))
			n.TextSize = caption - 1
			n.TextStyle.Bold = true
			sz := n.MinSize()
			n.Move(m.at.SubtractXY(sz.Width/2, sz.Height/2))
			objs = append(objs, n)
		}
	}
	if len(t.data.Points) == 0 {
		msg := canvas.NewText("No dated statements in this list.", dim)
		msg.Move(fyne.NewPos(t.gutter+8, (timelineAxis+t.lanesBottom())/2-msg.MinSize().Height/2))
		objs = append(objs, msg)
	}
	objs = append(objs, t.tipBg, t.tip)
	t.objs = objs
}

// layoutGutter sizes the names' column to the longest lane name, within
// minGutter and maxGutter.
func (t *View) layoutGutter(size float32) {
	w := float32(0)
	names := []string{undatedName(len(t.data.Undated))}
	for _, l := range t.data.Lanes {
		names = append(names, l.Name)
	}
	for _, n := range names {
		w = max(w, fyne.MeasureText(n, size, fyne.TextStyle{}).Width)
	}
	t.gutter = min(max(w+20, minGutter), maxGutter, max(t.size.Width/3, minGutter))
}

func undatedName(n int) string { return fmt.Sprintf("Undated (%d)", n) }

// laneLabel draws a lane's name at height y, shortened to the column,
// and records where it is.
func (t *View) laneLabel(name, actor string, y, y0, y1 float32, c color.Color, size float32) fyne.CanvasObject {
	shown := ui.FitText(name, size, fyne.TextStyle{}, t.gutter-16)
	text := canvas.NewText(shown, c)
	text.TextSize = size
	text.Move(fyne.NewPos(8, y-text.MinSize().Height/2))
	t.names = append(t.names, laneName{y0: y0, y1: y1, full: name, actor: actor, cut: shown != name})
	return text
}

// placePoints puts each lane's statements on it: a dot each where they
// stand apart, else bundles of the ones too close, with their count.
// Neighbouring marks never overlap: marks closer than their radii are
// merged into one bundle.
func (t *View) placePoints(laneH float32) {
	bundleR := min(bundleRadius, laneH/2-1)
	dotR := min(dotRadius, bundleR)
	type point struct {
		x   float32
		id  string
		day int
	}
	byLane := make([][]point, len(t.data.Lanes))
	for _, p := range t.data.Points {
		x := t.xOf(float64(p.Day) + (float64(p.Order)+0.5)/float64(max(p.Count, 1)))
		if x < t.gutter-dotR || x > t.size.Width+dotR || p.Lane >= len(byLane) {
			continue
		}
		byLane[p.Lane] = append(byLane[p.Lane], point{x, p.ID, p.Day})
	}
	for lane, pts := range byLane {
		slices.SortStableFunc(pts, func(a, b point) int { return cmp.Compare(a.x, b.x) })
		y := t.laneY(lane)
		var marks []timelineMark
		lo := float32(0) // where the last mark's first point is
		for _, p := range pts {
			if n := len(marks); n > 0 && p.x-marks[n-1].at.X < 2*dotR+3 && p.x-lo <= 2*bundleR+4 {
				m := &marks[n-1]
				m.ids = append(m.ids, p.id)
				m.from, m.to = math.Min(m.from, float64(p.day)), math.Max(m.to, float64(p.day+1))
				m.at.X, m.r = (lo+p.x)/2, bundleR
				continue
			}
			lo = p.x
			marks = append(marks, timelineMark{at: fyne.NewPos(p.x, y), r: dotR, ids: []string{p.id},
				from: float64(p.day), to: float64(p.day + 1)})
		}
		// Merge any two neighbours that would touch.
		merged := marks[:0]
		for _, m := range marks {
			for len(merged) > 0 {
				prev := &merged[len(merged)-1]
				if m.at.X-prev.at.X >= prev.r+m.r+2 {
					break
				}
				m.ids = append(slices.Clone(prev.ids), m.ids...)
				m.from, m.to = math.Min(m.from, prev.from), math.Max(m.to, prev.to)
				m.at.X, m.r = (prev.at.X+m.at.X)/2, bundleR
				merged = merged[:len(merged)-1]
			}
			merged = append(merged, m)
		}
		t.drawn = append(t.drawn, merged...)
	}
}

// placeUndated draws the row of statements without a date under the
// lanes: a dot each, in the list's order, as many as fit, and a bundle
// counting the rest.
func (t *View) placeUndated(fg, grid color.Color, size float32) []fyne.CanvasObject {
	n := len(t.data.Undated)
	if n == 0 {
		return nil
	}
	top := t.lanesBottom()
	y := top + undatedRow/2
	line := canvas.NewLine(grid)
	line.Position1, line.Position2 = fyne.NewPos(0, top), fyne.NewPos(t.size.Width, top)
	objs := []fyne.CanvasObject{line, t.laneLabel(undatedName(n), "", y, top, t.size.Height, fg, size)}
	step := float32(2*dotRadius + 8)
	fit := max(int((t.plotWidth()-step)/step), 1)
	for i, id := range t.data.Undated {
		at := fyne.NewPos(t.gutter+step*(float32(i)+0.5), y)
		if i == fit-1 && n > fit {
			t.drawn = append(t.drawn, timelineMark{at: at, r: bundleRadius, ids: slices.Clone(t.data.Undated[i:]), undated: true})
			break
		}
		t.drawn = append(t.drawn, timelineMark{at: at, r: dotRadius, ids: []string{id}, undated: true})
	}
	return objs
}

// tick is a labelled day on the axis.
type tick struct {
	day   float64
	label string
}

// ticks picks calendar-aligned ticks about 90 pixels apart: days, weeks,
// months, quarters, years or decades, as the span asks.
func ticks(from, to float64, width float32) []tick {
	span := to - from
	want := math.Max(float64(width)/90, 2)
	perTick := span / want
	var out []tick
	add := func(t time.Time, label string) {
		d, _ := session.DayNumber(t.Format("2006-01-02"))
		if float64(d) >= from && float64(d) <= to {
			out = append(out, tick{float64(d), label})
		}
	}
	start := session.DayDate(int(math.Floor(from)))
	end := session.DayDate(int(math.Ceil(to)))
	switch {
	case perTick <= 1.5:
		for t := start; !t.After(end); t = t.AddDate(0, 0, 1) {
			add(t, t.Format("2 Jan 2006"))
		}
	case perTick <= 10:
		t := start
		for t.Weekday() != time.Monday {
			t = t.AddDate(0, 0, 1)
		}
		for ; !t.After(end); t = t.AddDate(0, 0, 7) {
			add(t, t.Format("2 Jan 2006"))
		}
	case perTick <= 45:
		for t := time.Date(start.Year(), start.Month(), 1, 0, 0, 0, 0, time.UTC); !t.After(end); t = t.AddDate(0, 1, 0) {
			add(t, t.Format("Jan 2006"))
		}
	case perTick <= 130:
		for t := time.Date(start.Year(), 1, 1, 0, 0, 0, 0, time.UTC); !t.After(end); t = t.AddDate(0, 3, 0) {
			add(t, t.Format("Jan 2006"))
		}
	default:
		step := 1
		for float64(step)*365 < perTick {
			switch step {
			case 1:
				step = 2
			case 2:
				step = 5
			default:
				step *= 2
			}
		}
		for y := start.Year() / step * step; y <= end.Year(); y += step {
			add(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), fmt.Sprint(y))
		}
	}
	return out
}
