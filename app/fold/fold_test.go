package fold

import (
	"strings"
	"sync"
	"testing"

	"golang.org/x/text/transform"
)

func TestString(t *testing.T) {
	tests := []struct{ a, b string }{
		{"Bayramov", "BAYRAMOV"},
		{"Café", "cafe"},
		{"Naxçıvan", "Naxcivan"},
		{"Laçın", "LACIN"},
		{"Łódź", "lodz"},
		{"Straße", "strasse"},
		{"Ünïcode", "unicode"},
	}
	for _, tt := range tests {
		if String(tt.a) != String(tt.b) {
			t.Errorf("String(%q)=%q, String(%q)=%q; want equal", tt.a, String(tt.a), tt.b, String(tt.b))
		}
	}
}

// byChain is String without its shortcuts: a fresh chain every call.
func byChain(s string) string {
	out, _, err := transform.String(chain(), s)
	if err != nil {
		return strings.ToLower(s)
	}
	return out
}

// TestShortcuts: the ASCII shortcut and the pooled chains give what a
// fresh chain gives, also when calls run at once.
func TestShortcuts(t *testing.T) {
	var ascii strings.Builder
	for c := range 0x80 {
		ascii.WriteByte(byte(c))
	}
	var punct strings.Builder
	for r := rune(0x2000); r <= 0x206F; r++ {
		punct.WriteRune(r)
	}
	inputs := []string{"", ascii.String(), "Mirzoyan SAID", "Bayrámov", "Naxçıvan", "Straße", "ǅemal", "K\u212a", "e\u0301", "Հայաստան",
		"“We SAID,” he — said… «Non» \u00a0", punct.String(), "A\u2000B\u2001C", "\xff“x", "e“\u0301"}
	for _, s := range inputs {
		if got, want := String(s), byChain(s); got != want {
			t.Errorf("String(%q) = %q, a fresh chain gives %q", s, got, want)
		}
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 200 {
				for _, s := range inputs {
					if got, want := String(s), byChain(s); got != want {
						t.Errorf("at once: String(%q) = %q, want %q", s, got, want)
						return
					}
				}
			}
		})
	}
	wg.Wait()
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"Bayramov", "Naxçıvan", "ABC def", "\xff\xfe", "Straße", "“Quoted,” — EN\u2000QUAD"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := String(s), byChain(s); got != want {
			t.Errorf("String(%q) = %q, a fresh chain gives %q", s, got, want)
		}
	})
}
