package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// ScoreColor maps a Goldstein score to a colour: red for hostile, grey
// about zero, blue-green for cooperative; readable on light and dark maps.
func ScoreColor(score float64) color.NRGBA {
	t := max(-1, min(1, score/10))
	grey := color.NRGBA{0x8a, 0x8f, 0x98, 0xff}
	hostile := color.NRGBA{0xd6, 0x3a, 0x2f, 0xff}
	friendly := color.NRGBA{0x1f, 0x9e, 0x74, 0xff}
	mix := func(a, b color.NRGBA, f float64) color.NRGBA {
		l := func(x, y uint8) uint8 { return uint8(float64(x) + (float64(y)-float64(x))*f) }
		return color.NRGBA{l(a.R, b.R), l(a.G, b.G), l(a.B, b.B), 0xff}
	}
	// Even a mild score shows its side: the first step is a third of the way.
	f := 0.0
	if t != 0 {
		f = 0.35 + 0.65*abs(t)
	}
	if t < 0 {
		return mix(grey, hostile, f)
	}
	return mix(grey, friendly, f)
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// ScoreBar draws the scale from conflict (-10) to cooperation (+10) with the score marked.
func ScoreBar(score float64) fyne.CanvasObject {
	const w, h = 240, 14
	objs := []fyne.CanvasObject{}
	for i := range 20 {
		r := canvas.NewRectangle(WithAlpha(ScoreColor(float64(i)-9.5), 120))
		r.Move(fyne.NewPos(float32(i)*w/20, 3))
		r.Resize(fyne.NewSize(w/20, h-6))
		objs = append(objs, r)
	}
	x := float32((score + 10) / 20 * w)
	mark := canvas.NewRectangle(ScoreColor(score))
	mark.StrokeColor = theme.Color(theme.ColorNameForeground)
	mark.StrokeWidth = 1
	mark.Move(fyne.NewPos(x-3, 0))
	mark.Resize(fyne.NewSize(6, h))
	objs = append(objs, mark)
	left := canvas.NewText("−10 hostile", theme.Color(theme.ColorNameDisabled))
	left.TextSize = theme.CaptionTextSize()
	right := canvas.NewText("cooperative +10", theme.Color(theme.ColorNameDisabled))
	right.TextSize = theme.CaptionTextSize()
	bar := container.NewWithoutLayout(objs...)
	bar.Resize(fyne.NewSize(w, h))
	return container.NewHBox(left, container.NewGridWrap(fyne.NewSize(w, h), bar), right)
}

// WithAlpha is c with its alpha replaced.
func WithAlpha(c color.Color, a uint8) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), a}
}
