package timeline

import (
	"flag"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"codeberg.org/parley/parley/app"
)

var update = flag.Bool("update", false, "write the golden images anew (look at them before committing them)")

// assertImage compares an image with testdata/name, or writes it there
// with -update.
func assertImage(t *testing.T, name string, img image.Image) {
	t.Helper()
	if *update {
		f, err := os.Create(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, img); err != nil {
			t.Fatal(err)
		}
		return
	}
	test.AssertImageMatches(t, name, img)
}

// forcedTheme is the default theme held to one variant.
type forcedTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (f forcedTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return f.Theme.Color(n, f.variant)
}

// The seed case's timeline, a statement selected, at the sizes it has in a
// 1440×900 and a 1024×700 window, light and dark.
func TestTimelineGolden(t *testing.T) {
	for _, size := range []struct {
		name string
		size fyne.Size
	}{{"1440", fyne.NewSize(850, 360)}, {"1024", fyne.NewSize(625, 262)}} {
		for _, v := range []struct {
			name    string
			variant fyne.ThemeVariant
		}{{"light", theme.VariantLight}, {"dark", theme.VariantDark}} {
			t.Run(size.name+"-"+v.name, func(t *testing.T) {
				sh := newShell(t)
				fyne.CurrentApp().Settings().SetTheme(forcedTheme{theme.DefaultTheme(), v.variant})
				tl := New(sh.Shell)
				w := test.NewTempWindow(t, tl)
				w.SetPadded(false)
				w.Resize(size.size)
				sc, err := sh.Session.Scene(app.Selection{Statement: "st-15"})
				if err != nil {
					t.Fatal(err)
				}
				tl.SetScene(&sc)
				sh.WaitIdle()
				tl.Refresh()
				assertImage(t, "timeline_"+size.name+"_"+v.name+".png", w.Canvas().Capture())
			})
		}
	}
}
