package timeline

import (
	"fmt"
	"image/color"
	"math"
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
	// and hovers.
	drawn []timelineMark
	tip   *widget.Label
	tipBg *canvas.Rectangle
	objs  []fyne.CanvasObject
}

// timelineMark is one drawn dot or bundle.
type timelineMark struct {
	at    fyne.Position
	r     float32
	ids   []string
	from  float64 // day span of a bundle, to zoom into
	to    float64
	event *app.Event
}

const (
	timelineGutter = 150 // lane names
	timelineAxis   = 30  // the date axis at the top
	dotRadius      = 5
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
		now, _ := session.DayNumber(time.Now().UTC().Format("2006-01-02"))
		t.from, t.to = float64(now-365), float64(now+1)
	} else {
		// A margin either side; a single busy day fills most of the width,
		// so its statements stand apart.
		first, last := float64(t.data.First), float64(t.data.Last+1)
		pad := math.Max(0.15, (last-first)*0.04)
		t.from, t.to = first-pad, last+pad
	}
	t.Refresh()
}

func (t *View) plotWidth() float32 { return max(t.size.Width-timelineGutter-12, 10) }

func (t *View) xOf(day float64) float32 {
	return timelineGutter + float32((day-t.from)/(t.to-t.from))*t.plotWidth()
}

func (t *View) dayAt(x float32) float64 {
	return t.from + float64((x-timelineGutter)/t.plotWidth())*(t.to-t.from)
}

func (t *View) laneY(lane int) float32 {
	n := max(len(t.data.Lanes), 1)
	h := (t.size.Height - timelineAxis) / float32(n)
	return timelineAxis + h*(float32(lane)+0.5)
}

// zoom scales the visible span by f about day at.
func (t *View) zoom(f, at float64) {
	span := (t.to - t.from) * f
	span = math.Min(math.Max(span, 0.5), 365*300) // half a day to three centuries
	left := (at - t.from) / (t.to - t.from)
	t.from = at - left*span
	t.to = t.from + span
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
	t.Refresh()
}

// DragEnd is needed for Draggable.
func (t *View) DragEnd() {}

// DoubleTapped shows everything again.
func (t *View) DoubleTapped(*fyne.PointEvent) { t.fit() }

// Tapped selects the statement under the pointer, or zooms into a bundle.
func (t *View) Tapped(ev *fyne.PointEvent) {
	m, ok := t.markAt(ev.Position)
	switch {
	case !ok || m.event != nil:
		return
	case len(m.ids) == 1:
		t.sh.Session.SelectStatement(m.ids[0])
	default:
		mid := (m.from + m.to) / 2
		span := math.Max((m.to-m.from)*1.5, 0.5)
		t.from, t.to = mid-span/2, mid+span/2
		t.Refresh()
	}
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
	dim := theme.Color(theme.ColorNameDisabled)
	accent := theme.Color(theme.ColorNamePrimary)
	grid := theme.Color(theme.ColorNameSeparator)
	var objs []fyne.CanvasObject
	t.drawn = t.drawn[:0]
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.Resize(t.size)
	objs = append(objs, bg)

	// Ticks and their labels.
	for _, tk := range ticks(t.from, t.to, t.plotWidth()) {
		x := t.xOf(tk.day)
		line := canvas.NewLine(grid)
		line.Position1, line.Position2 = fyne.NewPos(x, timelineAxis-6), fyne.NewPos(x, t.size.Height)
		objs = append(objs, line)
		label := canvas.NewText(tk.label, dim)
		label.TextSize = theme.CaptionTextSize()
		label.Move(fyne.NewPos(x+3, 4))
		objs = append(objs, label)
	}
	// Lanes.
	for i, l := range t.data.Lanes {
		y := t.laneY(i)
		line := canvas.NewLine(grid)
		line.Position1, line.Position2 = fyne.NewPos(timelineGutter, y), fyne.NewPos(t.size.Width, y)
		objs = append(objs, line)
		name := canvas.NewText(app.Excerpt(l.Name, 22), fg)
		name.TextSize = theme.CaptionTextSize()
		name.Move(fyne.NewPos(8, y-name.MinSize().Height/2))
		objs = append(objs, name)
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
		if x1 < timelineGutter || x0 > t.size.Width {
			continue
		}
		x0 = max(x0, timelineGutter)
		band := canvas.NewRectangle(ui.WithAlpha(accent, 28))
		band.Move(fyne.NewPos(x0, timelineAxis))
		band.Resize(fyne.NewSize(max(x1-x0, 1), t.size.Height-timelineAxis))
		objs = append(objs, band)
		mark := canvas.NewCircle(ui.WithAlpha(accent, 160))
		at := fyne.NewPos(x0+min(x1-x0, 8)/2, timelineAxis-4)
		mark.Move(at.SubtractXY(4, 4))
		mark.Resize(fyne.NewSize(8, 8))
		objs = append(objs, mark)
		t.drawn = append(t.drawn, timelineMark{at: at, r: 5, event: ev})
	}
	// Statements: a dot each where the day is wide enough to spread them,
	// else bundles of everything within a few pixels, with their count.
	dayWidth := t.plotWidth() / float32(t.to-t.from)
	type bucket struct {
		lane int
		px   int
	}
	bundles := map[bucket]*timelineMark{}
	var order []bucket
	for _, p := range t.data.Points {
		x := t.xOf(float64(p.Day) + (float64(p.Order)+0.5)/float64(p.Count))
		if x < timelineGutter-dotRadius || x > t.size.Width+dotRadius {
			continue
		}
		y := t.laneY(p.Lane)
		if dayWidth/float32(p.Count) >= 2*dotRadius+3 {
			t.drawn = append(t.drawn, timelineMark{at: fyne.NewPos(x, y), r: dotRadius, ids: []string{p.ID}})
			continue
		}
		k := bucket{p.Lane, int(x / 24)}
		b, ok := bundles[k]
		if !ok {
			b = &timelineMark{at: fyne.NewPos(x, y), r: 9, from: float64(p.Day), to: float64(p.Day + 1)}
			bundles[k] = b
			order = append(order, k)
		}
		b.ids = append(b.ids, p.ID)
		b.from, b.to = math.Min(b.from, float64(p.Day)), math.Max(b.to, float64(p.Day+1))
	}
	for _, k := range order {
		b := bundles[k]
		if len(b.ids) == 1 {
			b.r = dotRadius
		}
		t.drawn = append(t.drawn, *b)
	}
	for _, m := range t.drawn {
		if m.event != nil {
			continue
		}
		selected := len(m.ids) == 1 && m.ids[0] == t.selected
		c := canvas.NewCircle(accent)
		if selected {
			c.StrokeColor, c.StrokeWidth = fg, 2
		}
		r := m.r
		if selected {
			r += 2
		}
		c.Move(m.at.SubtractXY(r, r))
		c.Resize(fyne.NewSize(2*r, 2*r))
		objs = append(objs, c)
		if len(m.ids) > 1 {
			n := canvas.NewText(fmt.Sprint(len(m.ids)), theme.Color(theme.ColorNameBackground))
			n.TextSize = theme.CaptionTextSize() - 1
			n.TextStyle.Bold = true
			sz := n.MinSize()
			n.Move(m.at.SubtractXY(sz.Width/2, sz.Height/2))
			objs = append(objs, n)
		}
	}
	if len(t.data.Points) == 0 {
		msg := canvas.NewText("No dated statements in this list.", dim)
		msg.Move(fyne.NewPos(timelineGutter, t.size.Height/2))
		objs = append(objs, msg)
	} else if t.data.Undated > 0 {
		msg := canvas.NewText(fmt.Sprintf("%d undated not shown", t.data.Undated), dim)
		msg.TextSize = theme.CaptionTextSize()
		msg.Move(fyne.NewPos(8, 6))
		objs = append(objs, msg)
	}
	objs = append(objs, t.tipBg, t.tip)
	t.objs = objs
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
