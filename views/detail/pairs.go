package detail

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"codeberg.org/parley/parley/app"

	"codeberg.org/parley/parley/app/session"

	"codeberg.org/parley/parley/views/ui"
)

// pair shows what one actor said to another: the numbers, and month by
// month how much and in what tone.
func (d *Pane) pair(sc *session.Scene) []fyne.CanvasObject {
	from, to := sc.Selection.Actor, sc.Selection.Recipient
	name := func(id string) string {
		if a, ok := d.session.Actor(id); ok {
			return a.Name
		}
		return id
	}
	objs := []fyne.CanvasObject{ui.Caption("Who speaks to whom"), ui.Heading(name(from) + " → " + name(to))}
	var sts []app.Statement
	for _, id := range sc.StatementIDs {
		if st, ok := d.session.Row(id); ok {
			sts = append(sts, st)
		}
	}
	stat := app.PairStats(sts)[app.Pair{From: from, To: to}]
	summary := fmt.Sprintf("%s in the list.", ui.CountOf("statement", stat.Count))
	if stat.Scored > 0 {
		summary += fmt.Sprintf(" Mean tone %+.1f, from conflict (−10) to cooperation (+10), over the %d coded.", stat.Mean(), stat.Scored)
	} else {
		summary += " None is coded yet."
	}
	objs = append(objs, ui.Para(summary))
	if stat.Scored > 0 {
		objs = append(objs, ui.ScoreBar(stat.Mean()))
	}
	series := app.PairSeries(sts)[app.Pair{From: from, To: to}]
	if len(series) > 0 {
		objs = append(objs, ui.Caption("Month by month"), newPairChart(series),
			ui.Dim("Bar height: statements in the month; colour: their mean tone (grey when none is coded)."))
	}
	back := ui.NewHyperlink("Everything "+name(from)+" said", nil)
	back.OnTapped = func() { d.session.SelectActor(from) }
	objs = append(objs, back)
	return objs
}

// pairLinks lists whom an actor speaks to, each a link to the pair.
func (d *Pane) pairLinks(sc *session.Scene, actor string) []fyne.CanvasObject {
	var objs []fyne.CanvasObject
	for _, p := range sc.Pairs {
		if p.From != actor {
			continue
		}
		to := p.To
		if a, ok := d.session.Actor(to); ok {
			to = a.Name
		}
		text := fmt.Sprintf("→ %s: %s", to, ui.CountOf("statement", p.Count))
		if p.Scored > 0 {
			text += fmt.Sprintf(", tone %+.1f", p.Mean())
		}
		link := ui.NewHyperlink(text, nil)
		from, rec := p.From, p.To
		link.OnTapped = func() { d.session.SelectPair(from, rec) }
		objs = append(objs, link)
	}
	if len(objs) > 0 {
		objs = append([]fyne.CanvasObject{ui.Caption("Speaks to")}, objs...)
	}
	return objs
}

// newPairChart draws months as bars: height for the number of statements,
// colour for their mean tone. Months without statements stay as gaps.
func newPairChart(series []app.PairPoint) fyne.CanvasObject {
	first, _ := time.Parse("2006-01", series[0].Month)
	last, _ := time.Parse("2006-01", series[len(series)-1].Month)
	months := (last.Year()-first.Year())*12 + int(last.Month()-first.Month()) + 1
	byMonth := map[string]app.PairPoint{}
	peak := 1
	for _, p := range series {
		byMonth[p.Month] = p
		peak = max(peak, p.Count)
	}
	const w, h, labelH = 360, 110, 16
	slot := float32(w) / float32(max(months, 1))
	barW := max(2, min(slot-2, 40))
	objs := []fyne.CanvasObject{}
	axis := canvas.NewLine(theme.Color(theme.ColorNameSeparator))
	axis.Position1, axis.Position2 = fyne.NewPos(0, h), fyne.NewPos(w, h)
	objs = append(objs, axis)
	for i := range months {
		t := first.AddDate(0, i, 0)
		p, ok := byMonth[t.Format("2006-01")]
		x := float32(i)*slot + (slot-barW)/2
		if ok {
			bh := float32(p.Count) / float32(peak) * (h - 14)
			c := ui.ScoreColor(p.Mean())
			if p.Scored == 0 {
				c = ui.ScoreColor(0)
			}
			bar := canvas.NewRectangle(c)
			bar.Move(fyne.NewPos(x, h-bh))
			bar.Resize(fyne.NewSize(barW, bh))
			n := canvas.NewText(fmt.Sprint(p.Count), theme.Color(theme.ColorNameForeground))
			n.TextSize = theme.CaptionTextSize()
			n.Move(fyne.NewPos(x+barW/2-n.MinSize().Width/2, h-bh-14))
			objs = append(objs, bar, n)
		}
		// Label the first and last months, and about five between.
		if i == 0 || i == months-1 || months > 2 && i%max(1, months/5) == 0 && i < months-2 {
			l := canvas.NewText(t.Format("Jan 2006"), theme.Color(theme.ColorNameDisabled))
			l.TextSize = theme.CaptionTextSize()
			l.Move(fyne.NewPos(min(float32(i)*slot, w-l.MinSize().Width), h+2))
			objs = append(objs, l)
		}
	}
	chart := container.NewWithoutLayout(objs...)
	return container.NewGridWrap(fyne.NewSize(w, h+labelH), chart)
}
