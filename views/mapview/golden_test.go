package mapview

import (
	"flag"
	"image"
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

// The map of the seed case, Blinken selected, at the sizes it has in a
// 1440×900 and a 1024×700 window, light and dark.
func TestMapGolden(t *testing.T) {
	for _, size := range []struct {
		name string
		size fyne.Size
	}{{"1440", fyne.NewSize(850, 360)}, {"1024", fyne.NewSize(625, 262)}} {
		for _, v := range []struct {
			name    string
			variant fyne.ThemeVariant
		}{{"light", theme.VariantLight}, {"dark", theme.VariantDark}} {
			t.Run(size.name+"-"+v.name, func(t *testing.T) {
				m, _ := seedMap(t, app.Selection{Actor: "blinken"})
				fyne.CurrentApp().Settings().SetTheme(forcedTheme{theme.DefaultTheme(), v.variant})
				w := test.NewTempWindow(t, m)
				w.SetPadded(false)
				w.Resize(size.size)
				test.WidgetRenderer(m).Refresh()
				assertImage(t, "map_"+size.name+"_"+v.name+".png", w.Canvas().Capture())
			})
		}
	}
}

// The key unfolded, on the seed case's map with every line drawn.
func TestMapKeyGolden(t *testing.T) {
	m, _ := seedMap(t, app.Selection{})
	fyne.CurrentApp().Settings().SetTheme(forcedTheme{theme.DefaultTheme(), theme.VariantLight})
	w := test.NewTempWindow(t, m)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(850, 360))
	m.keyParts.header.OnTapped()
	test.WidgetRenderer(m).Refresh()
	assertImage(t, "map_key_light.png", w.Canvas().Capture())
}
