package app

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

var dateRe = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)

// ValidDate reports whether s is YYYY, YYYY-MM or YYYY-MM-DD with a month
// and day in range.
func ValidDate(s string) bool {
	if !dateRe.MatchString(s) {
		return false
	}
	if len(s) >= 7 {
		if m := s[5:7]; m < "01" || m > "12" {
			return false
		}
	}
	if len(s) == 10 {
		if d := s[8:10]; d < "01" || d > "31" {
			return false
		}
	}
	return true
}

// ValidID reports whether id can name an item: not empty, at most 200 bytes,
// and free of control characters (the store uses NUL as a separator).
func ValidID(id string) bool {
	if id == "" || len(id) > 200 {
		return false
	}
	return !strings.ContainsFunc(id, func(r rune) bool { return r < 0x20 || r == 0x7f })
}

// Validate checks that a case holds together: ids unique and well formed,
// every reference pointing at an item of the case, kinds and dates known,
// and every quote lying at its offsets in its source's text when the text is
// there. It reports every problem it finds, joined.
func Validate(c Case) error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }

	actors := ids(c.Actors, func(a Actor) string { return a.ID }, "actor", bad)
	places := ids(c.Places, func(p Place) string { return p.ID }, "place", bad)
	sources := ids(c.Sources, func(s Source) string { return s.ID }, "source", bad)
	statements := ids(c.Statements, func(s Statement) string { return s.ID }, "statement", bad)
	ids(c.Notes, func(n Note) string { return n.ID }, "note", bad)
	ids(c.Events, func(e Event) string { return e.ID }, "event", bad)

	for _, a := range c.Actors {
		if strings.TrimSpace(a.Name) == "" {
			bad("actor %q has no name", a.ID)
		}
		if a.Parent != "" && !actors[a.Parent] {
			bad("actor %q: parent %q is not an actor", a.ID, a.Parent)
		}
		for _, m := range a.Members {
			if !actors[m] {
				bad("actor %q: member %q is not an actor", a.ID, m)
			}
		}
		if a.Seat != "" && !places[a.Seat] {
			bad("actor %q: seat %q is not a place", a.ID, a.Seat)
		}
	}
	for _, s := range c.Sources {
		if s.Published != "" && !ValidDate(s.Published) {
			bad("source %q: date %q is not YYYY-MM-DD", s.ID, s.Published)
		}
	}
	for _, st := range c.Statements {
		validateStatement(st, c, actors, places, sources, bad)
	}
	for _, n := range c.Notes {
		var known map[string]bool
		switch n.Target.Kind {
		case TargetActor:
			known = actors
		case TargetPlace:
			known = places
		case TargetSource:
			known = sources
		case TargetStatement:
			known = statements
		default:
			bad("note %q: unknown target kind %q", n.ID, n.Target.Kind)
			continue
		}
		if !known[n.Target.ID] {
			bad("note %q: target %s does not exist", n.ID, n.Target)
		}
	}
	for _, e := range c.Events {
		if !ValidDate(e.Date) || (e.End != "" && !ValidDate(e.End)) {
			bad("event %q: bad date", e.ID)
		}
	}
	return errors.Join(errs...)
}

func validateStatement(st Statement, c Case, actors, places, sources map[string]bool, bad func(string, ...any)) {
	if len(st.Speakers) == 0 {
		bad("statement %q has no speaker", st.ID)
	}
	for _, a := range st.Speakers {
		if !actors[a] {
			bad("statement %q: speaker %q is not an actor", st.ID, a)
		}
	}
	for _, a := range st.Recipients {
		if !actors[a] {
			bad("statement %q: recipient %q is not an actor", st.ID, a)
		}
	}
	for _, p := range st.Places {
		if !places[p] {
			bad("statement %q: place %q is not a place", st.ID, p)
		}
	}
	switch st.Kind {
	case KindDirect, KindFragment, KindIndirect:
	default:
		bad("statement %q: unknown kind %q", st.ID, st.Kind)
	}
	if st.Date != "" && !ValidDate(st.Date) {
		bad("statement %q: date %q is not YYYY-MM-DD", st.ID, st.Date)
	}
	if st.Source == "" {
		return
	}
	if !sources[st.Source] {
		bad("statement %q: source %q is not a source", st.ID, st.Source)
		return
	}
	if text, ok := c.Texts[st.Source]; ok {
		got, ok := Slice(text, st.Start, st.End)
		if !ok || got != st.Quote {
			bad("statement %q: quote is not at %d:%d of its source", st.ID, st.Start, st.End)
		}
	}
}

func ids[T any](items []T, id func(T) string, what string, bad func(string, ...any)) map[string]bool {
	seen := make(map[string]bool, len(items))
	for _, it := range items {
		k := id(it)
		if !ValidID(k) {
			bad("%s id %q is not valid", what, k)
		}
		if seen[k] {
			bad("%s id %q is used twice", what, k)
		}
		seen[k] = true
	}
	return seen
}
