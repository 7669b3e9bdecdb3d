package reader

import (
	"image/color"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	_ "codeberg.org/parley/parley/views/locale" // before Fyne; see the package

	"codeberg.org/parley/parley/app"
)

// article is a text of our own in the region's scripts, with paragraphs.
const article = "Talks resumed in Arlington on Monday.\n\n" +
	"\"We are close to an agreement on the border,\" the minister said. \"Some questions remain open.\"\n\n" +
	"Министр ответил: «Мы готовы к переговорам, но не любой ценой».\n\n" +
	"Նախարարը հայտարարեց. «Խաղաղության պայմանագիրը մոտ է»։\n\n" +
	"Nazir bildirib: \"Sülh sazişi yaxındır.\"\n\n" +
	"The delegations will meet again next week."

// spanOf is the code-point range of words in article.
func spanOf(t testing.TB, words string) app.Range {
	i := strings.Index(article, words)
	if i < 0 {
		t.Fatalf("%q is not in the article", words)
	}
	s := app.RuneLen(article[:i])
	return app.Range{Start: s, End: s + app.RuneLen(words)}
}

// drawn lays text out at a width and returns what its renderer draws.
func drawn(text *Text, w float32) []fyne.CanvasObject {
	text.Resize(fyne.NewSize(w, text.MinSize().Height))
	text.SetViewport(0, text.MinSize().Height)
	r := test.WidgetRenderer(text)
	r.Refresh()
	return r.Objects()
}

// marked collects, for each colour, the words drawn on it, in order.
func marked(objs []fyne.CanvasObject) map[color.Color]string {
	out := map[color.Color]string{}
	for i := 0; i+1 < len(objs); i++ {
		rect, ok := objs[i].(*canvas.Rectangle)
		if !ok {
			continue
		}
		txt, ok := objs[i+1].(*canvas.Text)
		if !ok || txt.Position().X != rect.Position().X {
			continue
		}
		out[rect.FillColor] += txt.Text
	}
	return out
}

func TestSpansLandOnTheirRunes(t *testing.T) {
	test.NewTempApp(t)
	quotes := []string{
		"\"We are close to an agreement on the border,\"",
		"\"Some questions remain open.\"",
		"«Мы готовы к переговорам, но не любой ценой»",
		"«Խաղաղության պայմանագիրը մոտ է»",
		"\"Sülh sazişi yaxındır.\"",
	}
	for _, width := range []float32{900, 420, 260} {
		text := NewText(article)
		var spans []Span
		for i, q := range quotes {
			spans = append(spans, Span{Range: spanOf(t, q), Color: color.NRGBA{uint8(i + 1), 0x80, 0x80, 0x55}, ID: q})
		}
		text.SetSpans(spans)
		got := marked(drawn(text, width))
		for _, s := range spans {
			// A span wrapped over lines is drawn a run per line; joined,
			// the runs are its words exactly.
			if got[s.Color] != s.ID {
				t.Errorf("width %v: span drawn as %q, want %q", width, got[s.Color], s.ID)
			}
			// Its first run starts where the layout puts its first rune.
			at, ok := text.PositionOf(s.Range.Start)
			if !ok {
				t.Fatalf("no position for %d", s.Range.Start)
			}
			if k := text.spanAt(s.Range.Start); k < 0 || text.spans[k].ID != s.ID {
				t.Errorf("spanAt(%d) does not find %q", s.Range.Start, s.ID)
			}
			if i := text.indexAt(at.Add(fyne.NewPos(1, text.lineH/2))); i != s.Range.Start {
				t.Errorf("width %v: the point of rune %d reads back as %d", width, s.Range.Start, i)
			}
		}
	}
}

func TestTappingASpanChoosesItsStatement(t *testing.T) {
	test.NewTempApp(t)
	text := NewText(article)
	r := spanOf(t, "«Мы готовы к переговорам, но не любой ценой»")
	text.SetSpans([]Span{{Range: r, Color: color.Black, ID: "st-ru"}})
	drawn(text, 600)
	var chosen string
	text.OnTapSpan = func(id string) { chosen = id }
	p, _ := text.PositionOf(r.Start + 5)
	test.Tap(text) // a tap at no span chooses nothing
	if chosen != "" {
		t.Fatalf("a tap off the spans chose %q", chosen)
	}
	text.Tapped(&fyne.PointEvent{Position: p.Add(fyne.NewPos(2, text.lineH/2))})
	if chosen != "st-ru" {
		t.Fatalf("a tap on the span chose %q", chosen)
	}
}

func TestOnlyTheLinesInViewAreDrawn(t *testing.T) {
	test.NewTempApp(t)
	long := strings.Repeat(article+"\n\n", 400)
	text := NewText(long)
	text.Resize(fyne.NewSize(700, text.MinSize().Height))
	text.SetViewport(text.MinSize().Height/2, 600)
	r := test.WidgetRenderer(text)
	r.Refresh()
	lines := int(600/text.lineH) + 3
	if n := len(r.Objects()); n > lines*4 || n == 0 {
		t.Fatalf("%d objects drawn for about %d lines in view", n, lines)
	}
}

func TestSelectionByDragIsExactCodePoints(t *testing.T) {
	test.NewTempApp(t)
	text := NewText(article)
	drawn(text, 600)
	want := spanOf(t, "Խաղաղության")
	a, _ := text.PositionOf(want.Start)
	b, _ := text.PositionOf(want.End)
	mid := fyne.NewPos(0, text.lineH/2)
	text.anchor = text.indexAt(a.Add(mid))
	text.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: b.Add(mid)}})
	if got := text.Selection(); got != want || text.SelectedText() != "Խաղաղության" {
		t.Fatalf("selected %v %q, want %v", got, text.SelectedText(), want)
	}
}

// BenchmarkOpen200KB measures what opening the reader on a 200 KB article
// costs before its first frame: the text laid out at a window's width,
// its statements' spans placed, and the lines in view drawn.
func BenchmarkOpen200KB(b *testing.B) {
	test.NewTempApp(b)
	var sb strings.Builder
	for sb.Len() < 200<<10 {
		sb.WriteString(article + "\n\n")
	}
	long := sb.String()
	var spans []Span
	for i, q := range []string{"\"We are close to an agreement on the border,\"", "«Мы готовы к переговорам, но не любой ценой»"} {
		at := 0
		for {
			j := strings.Index(long[at:], q)
			if j < 0 {
				break
			}
			s := app.RuneLen(long[:at+j])
			spans = append(spans, Span{Range: app.Range{Start: s, End: s + app.RuneLen(q)}, Color: color.NRGBA{uint8(i), 0, 0, 0x55}})
			at += j + len(q)
		}
	}
	for b.Loop() {
		text := NewText(long)
		text.SetSpans(spans)
		text.Resize(fyne.NewSize(760, text.MinSize().Height))
		text.SetViewport(0, 700)
		test.WidgetRenderer(text).Refresh()
	}
	b.ReportMetric(float64(len(long))/1024, "KB")
	b.ReportMetric(float64(len(spans)), "spans")
}
