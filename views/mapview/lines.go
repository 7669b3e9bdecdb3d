package mapview

import (
	"fmt"
	"image/color"
	"math"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"codeberg.org/parley/parley/app"

	"codeberg.org/parley/parley/views/ui"
)

// pairLine is one speaker → recipient line on the map, between the two
// actors' markers (or badge chips), with an arrowhead at the recipient.
type pairLine struct {
	stat     app.PairStat
	from, to fyne.Position
	width    float32
	color    color.NRGBA
	shaft    segment
	head     [2]segment
	drawn    bool
}

// segment is a straight stroke in widget units, drawn into the raster.
type segment struct {
	Position1, Position2 fyne.Position
	StrokeWidth          float32
}

// maxLines is how many pair lines the map draws at most.
const maxLines = 60

// lineWidth grows with the number of statements, by doublings.
func lineWidth(n int) float32 {
	return float32(math.Min(1.5+1.6*math.Log2(float64(max(n, 1))), 9))
}

// setPairs gives the map the pairs of the list it shows.
func (m *Map) setPairs(pairs []app.PairStat) {
	m.lines = m.lines[:0]
	// The busiest pairs: more lines than this are a tangle, not a picture.
	if len(pairs) > maxLines {
		pairs = pairs[:maxLines]
	}
	for _, p := range pairs {
		c := ui.ScoreColor(p.Mean())
		if p.Scored == 0 {
			c = ui.ScoreColor(0)
		}
		c.A = 0xd0
		m.lines = append(m.lines, &pairLine{stat: p, width: lineWidth(p.Count), color: c})
	}
	m.layoutLines()
	m.redraw()
}

// anchors lists where an actor is drawn: its markers, and its chips on
// badges at the edge.
func (m *Map) anchors(actor string) []fyne.Position {
	var out []fyne.Position
	for _, mk := range m.markers {
		if mk.actor.ID == actor {
			out = append(out, mk.Position().Add(fyne.NewPos(mk.Size().Width/2, mk.Size().Height/2)))
		}
	}
	for _, b := range m.badges {
		for _, mk := range b.chips {
			if mk.actor.ID == actor {
				out = append(out, b.Position().Add(mk.Position()).Add(fyne.NewPos(mk.Size().Width/2, mk.Size().Height/2)))
			}
		}
	}
	return out
}

// layoutLines places the lines between the anchors of their actors: of all
// the ways to join them, the longest, so a joint speaker seated in two
// capitals speaks across the map; actors seated together draw no line.
func (m *Map) layoutLines() {
	for _, l := range m.lines {
		l.drawn = false
		best := float32(24) // shorter than this: same seat
		for _, a := range m.anchors(l.stat.From) {
			for _, b := range m.anchors(l.stat.To) {
				if d := dist(a, b); d > best {
					best, l.from, l.to, l.drawn = d, a, b, true
				}
			}
		}
		if !l.drawn {
			continue
		}
		// Stop short of the markers so their labels stay readable.
		dx, dy := l.to.X-l.from.X, l.to.Y-l.from.Y
		d := float32(math.Hypot(float64(dx), float64(dy)))
		ux, uy := dx/d, dy/d
		a := l.from.Add(fyne.NewPos(ux*12, uy*12))
		b := l.to.Subtract(fyne.NewPos(ux*14, uy*14))
		l.shaft.Position1, l.shaft.Position2 = a, b
		l.shaft.StrokeWidth = l.width
		headLen := 8 + l.width
		for i, sign := range []float32{1, -1} {
			hx := -ux*headLen + sign*-uy*headLen*0.55
			hy := -uy*headLen + sign*ux*headLen*0.55
			l.head[i].Position1, l.head[i].Position2 = b, b.Add(fyne.NewPos(hx, hy))
			l.head[i].StrokeWidth = max(1.5, l.width*0.6)
		}
	}
	if slices.ContainsFunc(m.lines, func(l *pairLine) bool { return l.drawn }) {
		m.legend.Show()
	} else {
		m.legend.Hide()
	}
	ls := m.legend.MinSize()
	m.legend.Resize(ls)
	m.legend.Move(fyne.NewPos(6, m.size.Height-ls.Height-m.credit.MinSize().Height-6))
}

func dist(a, b fyne.Position) float32 {
	return float32(math.Hypot(float64(a.X-b.X), float64(a.Y-b.Y)))
}

// lineAt finds the line under a point, the thinnest first when they cross.
func (m *Map) lineAt(p fyne.Position) (*pairLine, bool) {
	var best *pairLine
	for _, l := range m.lines {
		if !l.drawn {
			continue
		}
		d := segmentDistance(float64(p.X), float64(p.Y), float64(l.shaft.Position1.X), float64(l.shaft.Position1.Y),
			float64(l.shaft.Position2.X), float64(l.shaft.Position2.Y))
		if d <= float64(l.width/2+4) && (best == nil || l.width < best.width) {
			best = l
		}
	}
	return best, best != nil
}

// lineTip says what a line stands for.
func (m *Map) lineTip(l *pairLine) string {
	name := func(id string) string {
		if a, ok := m.session.Actor(id); ok {
			return a.Name
		}
		return id
	}
	s := fmt.Sprintf("%s → %s: %s", name(l.stat.From), name(l.stat.To), ui.CountOf("statement", l.stat.Count))
	if l.stat.Scored > 0 {
		s += fmt.Sprintf(", mean tone %+.1f", l.stat.Mean())
	} else {
		s += ", not coded"
	}
	return s + ". Click to list them."
}

// newLegend explains the lines: what the width and the colour say.
// mapLegend keeps the legend's themed parts, to recolour them when the
// theme changes.
type mapLegend struct {
	bg    *canvas.Rectangle
	texts []*canvas.Text
}

// recolor sets the legend's text and background in the current theme.
func (l *mapLegend) recolor() {
	l.bg.FillColor = theme.Color(theme.ColorNameOverlayBackground)
	l.bg.Refresh()
	for _, t := range l.texts {
		t.Color = theme.Color(theme.ColorNameForeground)
		t.Refresh()
	}
}

func newLegend() (fyne.CanvasObject, *mapLegend) {
	parts := &mapLegend{}
	small := func(s string) *canvas.Text {
		t := canvas.NewText(s, theme.Color(theme.ColorNameForeground))
		t.TextSize = theme.CaptionTextSize()
		parts.texts = append(parts.texts, t)
		return t
	}
	var swatches []fyne.CanvasObject
	for _, v := range []float64{-10, -5, -1, 0, 1, 5, 10} {
		r := canvas.NewRectangle(ui.ScoreColor(v))
		r.SetMinSize(fyne.NewSize(12, 8))
		swatches = append(swatches, r)
	}
	widths := container.NewHBox()
	for _, n := range []int{1, 4, 16} {
		l := canvas.NewRectangle(ui.ScoreColor(0))
		l.SetMinSize(fyne.NewSize(18, lineWidth(n)))
		widths.Add(container.NewVBox(container.NewCenter(l), small(fmt.Sprint(n))))
	}
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	bg.CornerRadius = 4
	parts.bg = bg
	body := container.NewVBox(
		small("Lines: who speaks to whom"),
		container.NewHBox(small("hostile"), container.NewHBox(swatches...), small("cooperative")),
		container.NewHBox(small("statements"), widths),
	)
	return container.NewStack(bg, container.NewPadded(body)), parts
}

// Line is a pair line as the map shows it: its pair, how wide and in what
// colour it is drawn, and where its middle is, if it is drawn at all.
type Line struct {
	Stat   app.PairStat
	Width  float32
	Color  color.NRGBA
	Drawn  bool
	Middle fyne.Position
}

// Lines lists the pair lines of the list shown, busiest first.
func (m *Map) Lines() []Line {
	out := make([]Line, len(m.lines))
	for i, l := range m.lines {
		a, b := l.shaft.Position1, l.shaft.Position2
		out[i] = Line{Stat: l.stat, Width: l.width, Color: l.color, Drawn: l.drawn,
			Middle: fyne.NewPos((a.X+b.X)/2, (a.Y+b.Y)/2)}
	}
	return out
}
