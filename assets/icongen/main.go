package main

import (
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"os"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/vector"
)

const size = 512

func main() {
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	fill(img, roundRect(16, 16, 496, 496, 96), color.RGBA{0x1f, 0x3a, 0x5f, 0xff})
	// Left bubble, tail pointing down-left.
	fill(img, bubble(70, 120, 300, 300, 60, true), color.RGBA{0x3f, 0xb4, 0xa6, 0xff})
	// Right bubble, overlapping, tail pointing down-right.
	fill(img, bubble(212, 212, 442, 392, 60, false), color.RGBA{0xf2, 0xb4, 0x41, 0xf0})
	// Three dots in the right bubble: words still to come.
	for i := 0; i < 3; i++ {
		fill(img, circle(272+float32(i)*55, 302, 16), color.RGBA{0x1f, 0x3a, 0x5f, 0xff})
	}
	write("icon.png", img)
	small := image.NewRGBA(image.Rect(0, 0, size/2, size/2))
	xdraw.CatmullRom.Scale(small, small.Rect, img, img.Rect, xdraw.Src, nil)
	write("icon-256.png", small)
}

func write(name string, img image.Image) {
	f, err := os.Create(name)
	if err != nil {
		log.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}

type path func(r *vector.Rasterizer)

func fill(dst *image.RGBA, p path, c color.RGBA) {
	r := vector.NewRasterizer(size, size)
	p(r)
	r.Draw(dst, dst.Bounds(), image.NewUniform(c), image.Point{})
}

func arc(r *vector.Rasterizer, cx, cy, rad float32, from, to float64) {
	const steps = 16
	for i := 0; i <= steps; i++ {
		a := from + (to-from)*float64(i)/steps
		r.LineTo(cx+rad*float32(math.Cos(a)), cy+rad*float32(math.Sin(a)))
	}
}

func roundRect(x0, y0, x1, y1, rad float32) path {
	return func(r *vector.Rasterizer) {
		r.MoveTo(x0+rad, y0)
		r.LineTo(x1-rad, y0)
		arc(r, x1-rad, y0+rad, rad, -math.Pi/2, 0)
		r.LineTo(x1, y1-rad)
		arc(r, x1-rad, y1-rad, rad, 0, math.Pi/2)
		r.LineTo(x0+rad, y1)
		arc(r, x0+rad, y1-rad, rad, math.Pi/2, math.Pi)
		r.LineTo(x0, y0+rad)
		arc(r, x0+rad, y0+rad, rad, math.Pi, 3*math.Pi/2)
		r.ClosePath()
	}
}

func bubble(x0, y0, x1, y1, rad float32, tailLeft bool) path {
	return func(r *vector.Rasterizer) {
		roundRect(x0, y0, x1, y1, rad)(r)
		if tailLeft {
			r.MoveTo(x0+120, y1-30)
			r.LineTo(x0+20, y1+60)
			r.LineTo(x0+50, y1-30)
		} else {
			r.MoveTo(x1-50, y1-30)
			r.LineTo(x1-20, y1+60)
			r.LineTo(x1-120, y1-30)
		}
		r.ClosePath()
	}
}

func circle(cx, cy, rad float32) path {
	return func(r *vector.Rasterizer) {
		r.MoveTo(cx+rad, cy)
		arc(r, cx, cy, rad, 0, 2*math.Pi)
		r.ClosePath()
	}
}
