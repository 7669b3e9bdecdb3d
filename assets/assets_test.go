package assets

import (
	"bytes"
	"image/png"
	"os"
	"regexp"
	"slices"
	"testing"
	"unicode/utf8"

	"codeberg.org/parley/parley/app"
)

const seedArticle = "../../shared/seeds/000_ae87fe5d99530c44.txt"

func TestSeedCaseIsValid(t *testing.T) {
	c, err := SeedCase()
	if err != nil {
		t.Fatal(err)
	}
	if err := app.Validate(c); err != nil {
		t.Fatal(err)
	}
	m, err := RegionMap()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range c.Places {
		if p.Shape != "" {
			if _, ok := m.Shape(p.Shape); !ok {
				t.Errorf("place %s: shape %q is not on the map", p.ID, p.Shape)
			}
		} else if len(p.Geometry.Rings) == 0 {
			t.Errorf("place %s has neither a map shape nor a geometry", p.ID)
		}
	}
	for _, st := range c.Statements {
		if st.Context == "" {
			t.Errorf("statement %s has no context", st.ID)
		}
	}
}

// TestSeedQuotesMatchArticle checks every quoted span of the seed article
// against the seed case: each one but the scare quote «border post» is a
// statement at exactly that place in the article, by the speaker the article
// names. It runs when ../shared is beside the project.
func TestSeedQuotesMatchArticle(t *testing.T) {
	raw, err := os.ReadFile(seedArticle)
	if os.IsNotExist(err) {
		t.Skip("seed article not present:", seedArticle)
	}
	if err != nil {
		t.Fatal(err)
	}
	text := app.CanonicalText(string(raw))
	c, err := SeedCase()
	if err != nil {
		t.Fatal(err)
	}
	src := c.Sources[0]
	if got := app.TextHash(text); src.TextHash != got {
		t.Errorf("seed source hash %s, article hashes to %s", src.TextHash, got)
	}
	if n := app.RuneLen(text); src.TextLength != n {
		t.Errorf("seed source length %d, article has %d code points", src.TextLength, n)
	}

	// The article's own marks: »…» for quotations, «…» once for a term.
	spans := regexp.MustCompile(`[»«]([^»«]*)»`).FindAllStringSubmatchIndex(text, -1)
	if len(spans) != 21 {
		t.Fatalf("found %d quoted spans in the article, want 21 (20 quotations and «border post»)", len(spans))
	}
	speakerOf := func(i int) string {
		if i >= 17 {
			return "joint-mfa"
		}
		return "blinken"
	}
	for i, sp := range spans {
		quote := text[sp[2]:sp[3]]
		start := utf8.RuneCountInString(text[:sp[2]])
		var found *app.Statement
		for j := range c.Statements {
			if c.Statements[j].Source == src.ID && c.Statements[j].Start == start {
				found = &c.Statements[j]
			}
		}
		if quote == "border post" {
			if found != nil {
				t.Errorf("the scare quote «border post» is filed as statement %s", found.ID)
			}
			continue
		}
		if found == nil {
			t.Errorf("quoted span %d %q has no statement at offset %d", i, quote, start)
			continue
		}
		if found.Quote != quote {
			t.Errorf("statement %s quote %q, article has %q", found.ID, found.Quote, quote)
		}
		if !slices.Contains(found.Speakers, speakerOf(i)) {
			t.Errorf("statement %s %q: speakers %v, want %s", found.ID, quote, found.Speakers, speakerOf(i))
		}
		if found.Kind != app.KindDirect && found.Kind != app.KindFragment {
			t.Errorf("statement %s: kind %s for a quotation", found.ID, found.Kind)
		}
	}
	// Every statement, quoted or reported, sits at its offsets.
	c.Texts = map[string]string{src.ID: text}
	if err := app.Validate(c); err != nil {
		t.Error(err)
	}
}

func TestRegionMapHasTheCountries(t *testing.T) {
	m, err := RegionMap()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		place string
		at    app.LonLat
		want  string
	}{
		{"Yerevan", app.LonLat{44.515, 40.183}, "ARM"},
		{"Baku", app.LonLat{49.867, 40.409}, "AZE"},
		{"Nakhchivan city", app.LonLat{45.41, 39.21}, "NAKH"},
		{"Tbilisi", app.LonLat{44.79, 41.72}, "GEO"},
		{"Erzurum", app.LonLat{41.27, 39.90}, "TUR"},
		{"Tabriz", app.LonLat{46.29, 38.08}, "IRN"},
		{"Makhachkala", app.LonLat{47.50, 42.98}, "RUS"},
	}
	for _, tt := range tests {
		s, ok := m.ShapeAt(tt.at)
		if !ok || s.Key != tt.want {
			t.Errorf("%s: shape %q (found %v), want %s", tt.place, s.Key, ok, tt.want)
		}
	}
	if _, ok := m.ShapeAt(app.LonLat{50.5, 41.5}); ok {
		t.Error("the Caspian Sea is inside a country")
	}
}

func TestCodeTablesLoadCompletely(t *testing.T) {
	ct, err := CodeTables()
	if err != nil {
		t.Fatal(err)
	}
	if n := len(ct.Cameo); n < 312 {
		t.Errorf("%d CAMEO codes, want at least the table's 312", n)
	}
	mapped := 0
	for _, c := range ct.Cameo {
		if c.Category != "" {
			mapped++
		}
	}
	if mapped < 200 {
		t.Errorf("only %d CAMEO codes have a PLOVER category", mapped)
	}
	for _, want := range []string{"AGREE", "CONSULT", "SUPPORT", "ACCUSE", "REJECT", "THREATEN", "REQUEST"} {
		if !slices.Contains(ct.Categories, want) {
			t.Errorf("PLOVER category %s missing", want)
		}
	}
	if c := ct.Cameo["043"]; c.Name != "Host a visit" || c.Goldstein != 2.8 || c.Category != "CONSULT" || c.Mode != "visit" {
		t.Errorf("043: %+v", c)
	}
	if _, ok := ct.Code("010", false); !ok {
		t.Error("010 missing")
	}
}

// TestSeedIsCoded: every seed statement carries a CAMEO code from the
// table, with its Goldstein score and PLOVER category.
func TestSeedIsCoded(t *testing.T) {
	ct, err := CodeTables()
	if err != nil {
		t.Fatal(err)
	}
	c, _ := SeedCase()
	for _, st := range c.Statements {
		want, ok := ct.Code(st.Coding.CAMEO, true)
		if !ok {
			t.Errorf("%s: CAMEO %q not in the table", st.ID, st.Coding.CAMEO)
			continue
		}
		if st.Coding.Score != want.Score || st.Coding.Category != want.Category || !st.Coding.Confirmed {
			t.Errorf("%s: coding %+v, table says %+v", st.ID, st.Coding, want)
		}
	}
}

// The window's icon is the packages' icon at half the size.
func TestWindowIconIsTheIconAtHalfSize(t *testing.T) {
	small, err := png.Decode(bytes.NewReader(WindowIcon))
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open("icon.png")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	big, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := small.Bounds().Size(), big.Bounds().Size().Div(2); got != want {
		t.Fatalf("window icon %v, want %v", got, want)
	}
	// The same picture: each small pixel near the mean of its four.
	for y := 0; y < small.Bounds().Dy(); y += 16 {
		for x := 0; x < small.Bounds().Dx(); x += 16 {
			var sum [4]uint32
			for _, d := range [][2]int{{0, 0}, {1, 0}, {0, 1}, {1, 1}} {
				r, g, b, a := big.At(2*x+d[0], 2*y+d[1]).RGBA()
				sum[0], sum[1], sum[2], sum[3] = sum[0]+r>>8, sum[1]+g>>8, sum[2]+b>>8, sum[3]+a>>8
			}
			r, g, b, a := small.At(x, y).RGBA()
			for i, v := range []uint32{r >> 8, g >> 8, b >> 8, a >> 8} {
				if d := int(v) - int(sum[i]/4); d > 40 || d < -40 {
					t.Fatalf("pixel (%d,%d) channel %d: %d against %d at full size", x, y, i, v, sum[i]/4)
				}
			}
		}
	}
}
