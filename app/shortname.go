package app

import (
	"strings"
	"unicode"
)

// ShortName is the name an actor's marker carries where the full name
// does not fit: its Short name if it has one; for a person the surname
// with its particles ("von der Leyen"), leaving out generational suffixes;
// for anything else the full name, which the map shortens to fit.
func (a Actor) ShortName() string {
	if s := strings.TrimSpace(a.Short); s != "" {
		return s
	}
	name := strings.TrimSpace(a.Name)
	if a.Kind != ActorPerson {
		return name
	}
	words := strings.Fields(name)
	for len(words) > 1 && nameSuffixes[strings.ToLower(strings.TrimRight(words[len(words)-1], ".,"))] {
		words = words[:len(words)-1]
	}
	if len(words) < 2 {
		return name
	}
	first := len(words) - 1
	for first > 1 && nameParticles[strings.ToLower(words[first-1])] {
		first--
	}
	surname := strings.Join(words[first:], " ")
	// An initial alone ("J.") is not a name to go by.
	if r := []rune(strings.TrimRight(surname, ".")); len(r) < 2 || !unicode.IsLetter(r[0]) {
		return name
	}
	return surname
}

// nameSuffixes follow a surname without being it.
var nameSuffixes = map[string]bool{"jr": true, "sr": true, "ii": true, "iii": true, "iv": true}

// nameParticles belong to the surname that follows them.
var nameParticles = map[string]bool{
	"von": true, "van": true, "der": true, "den": true, "de": true, "del": true, "della": true, "di": true,
	"da": true, "dos": true, "du": true, "la": true, "le": true, "al": true, "el": true, "bin": true, "ibn": true, "ter": true,
}
