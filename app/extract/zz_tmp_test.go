package extract

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

func TestZZMisses(t *testing.T) {
	anns, _ := filepath.Glob(filepath.Join(polnearDir, "attributions", "*.ann"))
	sort.Strings(anns)
	seen := map[string]bool{}
	for _, ann := range anns {
		m := annName.FindStringSubmatch(filepath.Base(ann))
		if m == nil || seen[m[1]] {
			continue
		}
		seen[m[1]] = true
		raw, _ := os.ReadFile(filepath.Join(polnearDir, "text", m[1]+".txt"))
		text := []rune(string(raw))
		gold, _ := loadGold(text, ann)
		d := newDoc(string(raw))
		cands := d.candidates()
		for _, c := range cands {
			if c.kind == Term {
				continue
			}
			qt := d.str(c.span.start, c.span.end)
			for _, g := range gold {
				if g.start < c.span.end && c.span.start < g.end && norm(g.text) == norm(qt) {
					if !speakerMatches(c.speaker, g.speakers) {
						t.Logf("%s | got=%q how=%s mention=%q gold=%q\n   L=%q\n   R=%q\n   Q=%.60q", m[1][:30], c.speaker, c.how, c.mention, g.speakers,
							tail(d.tokText(c.left[0], c.left[1]), 140), head(d.tokText(c.right[0], c.right[1]), 140), qt)
					}
					break
				}
			}
		}
	}
}

func tail(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return "…" + string(r[len(r)-n:])
	}
	return s
}
func head(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return strings.TrimSpace(s)
}
