package importer

import (
	_ "embed"
	"strings"
	"unicode"

	"github.com/mozillazg/go-unidecode"

	"codeberg.org/parley/parley/app/fold"
)

// Who is not a speaker, and who is one already under another spelling.

//go:embed outlets.txt
var outletsFile string

// outlets are the news organisations of outlets.txt, by nameKey.
var outlets = func() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(outletsFile, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			m[nameKey(line)] = true
		}
	}
	return m
}()

// notASpeaker reports a proposed speaker that is an outlet (the source's
// own, or a news organisation) or a place: the quotation keeps no speaker,
// for the review to give one.
func notASpeaker(name, outlet string, places placeNames) bool {
	key := nameKey(name)
	if outlets[key] || outlet != "" && key == nameKey(outlet) {
		return true
	}
	for _, p := range places {
		for _, n := range p.names {
			if n == key {
				return true
			}
		}
	}
	return false
}

// nameStems are the forms a last name is compared in across scripts and
// spellings: written in Latin letters (Пашинян is Pashinian, Փաշինյան
// Pashinyan), with y and i as one letter (Pashinyan, Pashinian; Aliyev,
// Aliev), and without the endings Russian declines a name with (Пашиняна,
// Лебедевой) or a woman's name takes (Lebedeva).
func nameStems(word string) []string {
	// ə, which the Latin transliteration takes for a sign, is a.
	word = strings.Map(func(r rune) rune {
		if r == 'ə' || r == 'Ə' {
			return 'a'
		}
		return r
	}, word)
	var b strings.Builder
	last := rune(0)
	for _, r := range fold.String(unidecode.Unidecode(word)) {
		if !unicode.IsLetter(r) {
			continue
		}
		if r == 'y' {
			r = 'i'
		}
		if r == 'i' && last == 'i' {
			continue
		}
		b.WriteRune(r)
		last = r
	}
	s := b.String()
	if len(s) < 4 {
		return nil
	}
	stems := []string{s}
	for _, end := range []string{"oiu", "ogo", "omu", "oi", "om", "a", "u", "e", "i"} {
		if t, ok := strings.CutSuffix(s, end); ok && len(t) >= 5 {
			stems = append(stems, t)
			break
		}
	}
	return stems
}
