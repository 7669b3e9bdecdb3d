package statements

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestRowText(t *testing.T) {
	long := strings.Repeat("word ", 100) // 500 runes
	cases := []struct {
		name, in string
		want     func(string) bool
	}{
		{"short stays whole", "We met in Washington.", func(s string) bool { return s == "We met in Washington." }},
		{"exactly the limit stays whole", strings.Repeat("é", maxRowRunes), func(s string) bool { return s == strings.Repeat("é", maxRowRunes) }},
		{"long is cut after a word", long, func(s string) bool {
			return strings.HasSuffix(s, "word…") && utf8.RuneCountInString(s) <= maxRowRunes+1 && strings.HasPrefix(long, strings.TrimSuffix(s, "…"))
		}},
		{"no space: cut at the limit", strings.Repeat("ж", 400), func(s string) bool {
			return s == strings.Repeat("ж", maxRowRunes)+"…"
		}},
	}
	for _, c := range cases {
		if got := rowText(c.in); !c.want(got) {
			t.Errorf("%s: rowText gave %q", c.name, got)
		}
	}
}
