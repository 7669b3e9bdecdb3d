package importer

import (
	_ "embed"
	"slices"
	"strings"
	"unicode"

	"github.com/mozillazg/go-unidecode"

	"codeberg.org/parley/parley/app"
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

// An actor is a named person, organisation or government. cleanSpeaker
// takes a speaker as the extractor wrote it and gives the name an actor
// is proposed under, or ok false where the words name no one: a
// description ("a friend", "the union", "one Democratic source"), a
// document ("the report", "a Homeland Security memo"), a group
// ("Republicans"), two people as one ("Patti LaBelle and Stevie Wonder"),
// or a fragment of a sentence ("the mayor also"). A title before a name is
// left out ("Chancellor Angela Merkel" is Angela Merkel).
func cleanSpeaker(name string) (string, bool) {
	words := strings.Fields(name)
	if len(words) == 0 {
		return "", false
	}
	for i, w := range words {
		if (w == "and" || w == "&") && i > 0 && i+1 < len(words) && len(words) >= 4 &&
			capitalised(words[i-1]) && capitalised(words[i+1]) {
			return "", false // two people named as one speaker
		}
	}
	last := strings.ToLower(strings.Trim(words[len(words)-1], ".,’'"))
	if documentNouns[last] || len(words) == 1 && groupWords[last] {
		return "", false
	}
	if w := strings.ToLower(words[0]); descriptionOpeners[w] {
		// "the Association of Flight Attendants" names a body; "the
		// union" describes one.
		for _, w := range words[1:] {
			if !capitalised(w) && !nameJoiners[strings.ToLower(w)] {
				return "", false
			}
		}
		if len(words) == 1 {
			return "", false
		}
		if rest, ok := cleanSpeaker(strings.Join(words[1:], " ")); ok && rest != strings.Join(words[1:], " ") {
			return rest, true // "the Rev. Peter Wherry"
		}
		return name, true
	}
	// Words before the name that describe it: "economist Maury Obstfeld",
	// "South Korean President Park Geun-hye".
	start := 0
	for i, w := range words {
		lw := strings.ToLower(strings.Trim(w, ","))
		switch {
		case !capitalised(w) && !nameJoiners[lw]:
			start = i + 1 // a description: "economist", "doctor"
		case personTitles[lw] && i < len(words)-1:
			start = i + 1 // a title before the name; "Charlie King" keeps its King
		}
	}
	rest := words[start:]
	switch {
	case len(rest) == 0:
		return "", false
	case start > 0 && len(rest) >= 2:
		return strings.Join(rest, " "), true
	case start > 0:
		// "Mr. King": the title is all that says it is a person.
		if !capitalised(words[0]) {
			return "", false
		}
		return name, true
	}
	return name, true
}

// describedSpeaker: words cleanSpeaker found to name no one read as one
// description of a speaker, to be filed under the unnamed sources:
// "officials", "a spokesman for the ministry", "the report". A piece of a
// sentence is not ("the mayor also", "a complaint filed", "The ad uses
// footage of …"), nor are two people as one: their quotes wait for review.
func describedSpeaker(name string) bool {
	words := strings.Fields(name)
	if len(words) == 0 || len(words) > 6 {
		return false
	}
	tail := strings.Trim(words[len(words)-1], ".,’'")
	if last := strings.ToLower(tail); !capitalised(tail) && (sentenceTails[last] || strings.HasSuffix(last, "ed") ||
		strings.HasSuffix(last, "ly") && !lyNouns[last]) {
		return false
	}
	for i, w := range words {
		if (w == "and" || w == "&") && i > 0 && i+1 < len(words) && capitalised(words[i-1]) && capitalised(words[i+1]) {
			return false
		}
	}
	return true
}

// sentenceTails are words that end a clause, never a description; an
// adverb in -ly or a participle in -ed does too, but for lyNouns.
var sentenceTails = wordSet("also", "too", "then", "now", "again", "still", "later", "once", "first", "further", "here", "there")

var lyNouns = wordSet("family", "assembly", "ally", "rally", "supply", "monopoly")

func capitalised(w string) bool {
	for _, r := range w {
		return unicode.IsUpper(r) || unicode.IsDigit(r)
	}
	return false
}

// descriptionOpeners begin a description rather than a name.
var descriptionOpeners = wordSet("a", "an", "the", "this", "that", "these", "those", "my", "his", "her", "their", "our",
	"its", "your", "one", "another", "some", "several", "many", "two", "three")

// nameJoiners stand inside a name in lower case: "Association of Flight
// Attendants", "Charles de Gaulle".
var nameJoiners = wordSet("of", "for", "and", "the", "on", "de", "du", "la", "le", "van", "von", "der", "al", "bin", "da", "di")

// documentNouns end a speaker that is a text, not who wrote it.
var documentNouns = wordSet("report", "memo", "letter", "statement", "article", "website", "book", "ruling", "brief",
	"clip", "ad", "complaint", "speech", "tweet", "post", "video", "email", "document", "study", "survey", "poll",
	"filed", "delivered", "release", "editorial", "op-ed", "transcript", "decree", "resolution")

// groupWords are many people, not one actor.
var groupWords = wordSet("republicans", "democrats", "mexicans", "americans", "armenians", "azerbaijanis", "russians",
	"officials", "citizens", "demonstrators", "protesters", "critics", "analysts", "experts", "diplomats", "residents",
	"witnesses", "observers", "sources", "people", "voters", "supporters", "opponents", "commission", "agency",
	"government", "ministry", "committee", "police")

// personTitles stand before a person's name.
var personTitles = wordSet("president", "chancellor", "mayor", "minister", "secretary", "senator", "sen.", "governor",
	"gov.", "representative", "rep.", "ambassador", "spokesman", "spokeswoman", "spokesperson", "chairman",
	"chairwoman", "judge", "general", "gen.", "economist", "professor", "prof.", "dr.", "mr.", "mrs.", "ms.", "rev.",
	"reverend", "premier", "king", "queen", "prince", "pope", "sheikh", "colonel", "col.", "lieutenant", "captain",
	"director", "ceo", "adviser", "advisor", "leader", "chief", "commander", "speaker", "envoy", "mediator")

func wordSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// proposedPerson is the one person proposed from this article whose last
// name a one-name mention ("King", "Mr. King") gives.
func proposedPerson(proposed []app.Actor, name string) (string, bool) {
	words := strings.Fields(name)
	last := fold.String(strings.Trim(words[len(words)-1], ".,"))
	if len(words) > 2 || len(words) == 2 && !personTitles[strings.ToLower(words[0])] {
		return "", false
	}
	found := ""
	for _, a := range proposed {
		f := strings.Fields(fold.String(a.Name))
		if a.Kind == app.ActorPerson && len(f) >= 2 && lastName(f) == last {
			if found != "" {
				return "", false // two of that name: not for a guess
			}
			found = a.ID
		}
	}
	return found, found != ""
}

// proposedBody finds the organisation proposed earlier in the article whose
// name ends with this one of two words or more: "Security Council" after
// "United Nations Security Council".
func proposedBody(proposed []app.Actor, name string) (string, bool) {
	words := strings.Fields(fold.String(name))
	if len(words) < 2 {
		return "", false
	}
	found := ""
	for _, a := range proposed {
		f := strings.Fields(fold.String(a.Name))
		if a.Kind != app.ActorPerson && len(f) > len(words) && slices.Equal(f[len(f)-len(words):], words) {
			if found != "" {
				return "", false // two bodies of that name: not for a guess
			}
			found = a.ID
		}
	}
	return found, found != ""
}

// nameSuffixes follow a last name: Jr, Sr, II.
var nameSuffixes = wordSet("jr", "sr", "ii", "iii", "iv")

// lastName is the last word of a name's folded words but for a suffix:
// "Joseph R. Biden Jr" is a Biden.
func lastName(f []string) string {
	for len(f) > 2 && nameSuffixes[strings.Trim(f[len(f)-1], ".,")] {
		f = f[:len(f)-1]
	}
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}
