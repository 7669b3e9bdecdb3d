package views

import (
	"flag"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden images in testdata")

// assertGolden compares a capture with testdata/name. Anti-aliasing may
// round differently on another processor, so up to 0.5% of pixels may differ
// by a little; anything more fails and leaves the capture in testdata/failed.
func assertGolden(t *testing.T, name string, got image.Image) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *updateGolden {
		writePNG(t, path, got)
		return
	}
	f, err := os.Open(path)
	if err != nil {
		writePNG(t, filepath.Join("testdata", "failed", name), got)
		t.Fatalf("no golden image %s (run go test -update to create it): %v", path, err)
	}
	defer f.Close()
	want, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if want.Bounds() != got.Bounds() {
		t.Fatalf("%s: size %v, golden %v", name, got.Bounds(), want.Bounds())
	}
	differ, total := 0, 0
	b := got.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			total++
			r1, g1, b1, _ := got.At(x, y).RGBA()
			r2, g2, b2, _ := want.At(x, y).RGBA()
			if far(r1, r2) || far(g1, g2) || far(b1, b2) {
				differ++
			}
		}
	}
	if differ*200 > total {
		out := filepath.Join("testdata", "failed", name)
		writePNG(t, out, got)
		t.Errorf("%s: %d of %d pixels differ from the golden image; the capture is in %s (go test -update accepts it)",
			name, differ, total, out)
	}
}

func far(a, b uint32) bool {
	if a > b {
		a, b = b, a
	}
	return b-a > 6<<8
}

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}
