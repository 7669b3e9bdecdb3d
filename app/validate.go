package app

import (
	"errors"
	"fmt"
	"net/url"
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

// CheckURL accepts the addresses a source may have: none, or an http or
// https URL with a host. Anything else (javascript:, file:, data:) would be
// followed by whoever opens an export, so it is refused.
func CheckURL(u string) error {
	if u == "" {
		return nil
	}
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return invalid("address %q is not an http or https URL", u)
	}
	return nil
}

// The checks of one item alone: what can be said of it without the rest of
// the casebook. Validate adds the references between items; a restore, which
// reads a backup item by item, checks references against what it has
// written.

// CheckActor checks an actor's id and name.
func CheckActor(a Actor) error {
	switch {
	case !ValidID(a.ID):
		return invalid("actor id %q is not valid", a.ID)
	case strings.TrimSpace(a.Name) == "":
		return invalid("actor %q has no name", a.ID)
	}
	return nil
}

// CheckPlace checks a place's id.
func CheckPlace(p Place) error {
	if !ValidID(p.ID) {
		return invalid("place id %q is not valid", p.ID)
	}
	return nil
}

// CheckSource checks a source's id, date and address.
func CheckSource(s Source) error {
	switch {
	case !ValidID(s.ID):
		return invalid("source id %q is not valid", s.ID)
	case s.Published != "" && !ValidDate(s.Published):
		return invalid("source %q: date %q is not YYYY-MM-DD", s.ID, s.Published)
	case s.TextLength < 0:
		return invalid("source %q: text length %d", s.ID, s.TextLength)
	}
	switch s.DatePrecision {
	case "", PrecisionDay, PrecisionMonth, PrecisionYear, PrecisionInferred, PrecisionUnknown:
	default:
		return invalid("source %q: date precision %q is not day, month, year, inferred or unknown", s.ID, s.DatePrecision)
	}
	if err := CheckURL(s.URL); err != nil {
		return fmt.Errorf("source %q: %w", s.ID, err)
	}
	return nil
}

// CheckStatement checks a statement's id, speakers, kind, date and
// offsets, and, when src is its source, that the offsets lie inside the
// source's text.
func CheckStatement(st Statement, src *Source) error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, invalid(format, args...)) }
	if !ValidID(st.ID) {
		bad("statement id %q is not valid", st.ID)
	}
	if len(st.Speakers) == 0 {
		bad("statement %q has no speaker", st.ID)
	}
	if st.Date != "" && !ValidDate(st.Date) {
		bad("statement %q: date %q is not YYYY-MM-DD", st.ID, st.Date)
	}
	if st.Start < 0 || st.End < st.Start {
		bad("statement %q: offsets %d:%d are not a span of text", st.ID, st.Start, st.End)
	} else if src != nil && src.TextLength > 0 && st.End > src.TextLength {
		bad("statement %q: offsets %d:%d run past the end of its source (%d)", st.ID, st.Start, st.End, src.TextLength)
	}
	switch st.Kind {
	case KindDirect, KindFragment, KindIndirect:
	default:
		bad("statement %q: unknown kind %q", st.ID, st.Kind)
	}
	return errors.Join(errs...)
}

// CheckReport checks one further report of a statement against its source.
func CheckReport(statement string, r Report, src *Source) error {
	switch {
	case r.Start < 0 || r.End <= r.Start:
		return invalid("statement %q: report offsets %d:%d in %q are not a span of text", statement, r.Start, r.End, r.Source)
	case src != nil && src.TextLength > 0 && r.End > src.TextLength:
		return invalid("statement %q: report offsets %d:%d run past the end of %q", statement, r.Start, r.End, r.Source)
	case strings.TrimSpace(r.Quote) == "":
		return invalid("statement %q: a report in %q has no words", statement, r.Source)
	case r.Date != "" && !ValidDate(r.Date):
		return invalid("statement %q: report date %q is not a date", statement, r.Date)
	}
	return nil
}

// CheckNote checks a note's id, target kind and range; textLen, when not
// negative, is the length in code points of the text the range counts in.
func CheckNote(n Note, textLen int) error {
	if !ValidID(n.ID) {
		return invalid("note id %q is not valid", n.ID)
	}
	switch n.Target.Kind {
	case TargetActor, TargetPlace, TargetSource, TargetStatement:
	default:
		return invalid("note %q: unknown target kind %q", n.ID, n.Target.Kind)
	}
	if n.Range != nil {
		if n.Range.Start < 0 || n.Range.End <= n.Range.Start || (textLen >= 0 && n.Range.End > textLen) {
			return invalid("note %q: range %d:%d is not inside the text it is on", n.ID, n.Range.Start, n.Range.End)
		}
	}
	if len(n.Body) > MaxNoteBytes {
		return invalid("note %q is longer than %d bytes", n.ID, MaxNoteBytes)
	}
	return nil
}

// CheckEvent checks an event's id and dates.
func CheckEvent(e Event) error {
	switch {
	case !ValidID(e.ID):
		return invalid("event id %q is not valid", e.ID)
	case !ValidDate(e.Date) || (e.End != "" && !ValidDate(e.End)):
		return invalid("event %q: bad date", e.ID)
	}
	return nil
}

// Validate checks that a case holds together: every item as CheckActor and
// the others check it, ids unique, every reference pointing at an item of
// the case, and every quote lying at its offsets in its source's text when
// the text is there. It reports every problem it finds, joined.
func Validate(c Case) error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	check := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}

	actors := unique(c.Actors, func(a Actor) string { return a.ID }, "actor", bad)
	places := unique(c.Places, func(p Place) string { return p.ID }, "place", bad)
	sources := map[string]*Source{}
	for i, s := range c.Sources {
		if sources[s.ID] != nil {
			bad("source id %q is used twice", s.ID)
		}
		sources[s.ID] = &c.Sources[i]
	}
	statements := map[string]*Statement{}
	for i, st := range c.Statements {
		if statements[st.ID] != nil {
			bad("statement id %q is used twice", st.ID)
		}
		statements[st.ID] = &c.Statements[i]
	}
	unique(c.Notes, func(n Note) string { return n.ID }, "note", bad)
	unique(c.Events, func(e Event) string { return e.ID }, "event", bad)

	for _, a := range c.Actors {
		check(CheckActor(a))
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
	for _, p := range c.Places {
		check(CheckPlace(p))
	}
	for _, s := range c.Sources {
		check(CheckSource(s))
	}
	for id := range c.Texts {
		if sources[id] == nil {
			bad("a text is stored for %q, which is not a source", id)
		}
	}
	for _, st := range c.Statements {
		src := sources[st.Source]
		if st.Source != "" && src == nil {
			bad("statement %q: source %q is not a source", st.ID, st.Source)
		}
		check(CheckStatement(st, src))
		check(statementRefs(st, func(id string) bool { return actors[id] }, func(id string) bool { return places[id] }))
		if text, ok := c.Texts[st.Source]; ok && src != nil {
			if got, ok := Slice(text, st.Start, st.End); !ok || got != st.Quote {
				bad("statement %q: quote is not at %d:%d of its source", st.ID, st.Start, st.End)
			}
		}
		for _, r := range st.Reports {
			rsrc := sources[r.Source]
			switch {
			case rsrc == nil:
				bad("statement %q: a report's source %q is not a source", st.ID, r.Source)
				continue
			case r.Source == st.Source:
				bad("statement %q: two reports in source %q", st.ID, r.Source)
			}
			check(CheckReport(st.ID, r, rsrc))
			if text, ok := c.Texts[r.Source]; ok {
				if got, ok := Slice(text, r.Start, r.End); !ok || got != r.Quote {
					bad("statement %q: the report's words are not at %d:%d of %q", st.ID, r.Start, r.End, r.Source)
				}
			}
		}
	}
	for _, n := range c.Notes {
		textLen := -1
		exists := false
		switch n.Target.Kind {
		case TargetActor:
			exists = actors[n.Target.ID]
		case TargetPlace:
			exists = places[n.Target.ID]
		case TargetSource:
			if s := sources[n.Target.ID]; s != nil {
				exists, textLen = true, s.TextLength
			}
		case TargetStatement:
			if st := statements[n.Target.ID]; st != nil {
				exists, textLen = true, RuneLen(st.Quote)
			}
		}
		check(CheckNote(n, textLen))
		if !exists {
			bad("note %q: target %s does not exist", n.ID, n.Target)
		}
	}
	for _, e := range c.Events {
		check(CheckEvent(e))
	}
	return errors.Join(errs...)
}

// statementRefs checks that a statement's speakers and recipients are
// actors and its places places.
func statementRefs(st Statement, isActor, isPlace func(string) bool) error {
	for _, a := range st.Speakers {
		if !isActor(a) {
			return invalid("statement %q: speaker %q is not an actor", st.ID, a)
		}
	}
	for _, a := range st.Recipients {
		if !isActor(a) {
			return invalid("statement %q: recipient %q is not an actor", st.ID, a)
		}
	}
	for _, p := range st.Places {
		if !isPlace(p) {
			return invalid("statement %q: place %q is not a place", st.ID, p)
		}
	}
	return nil
}

// CheckStatementRefs checks a statement's speakers, recipients and places
// against a store.
func CheckStatementRefs(r Reader, st Statement) error {
	isActor := func(id string) bool { _, err := r.Actor(id); return err == nil }
	isPlace := func(id string) bool { _, err := r.Place(id); return err == nil }
	return statementRefs(st, isActor, isPlace)
}

func unique[T any](items []T, id func(T) string, what string, bad func(string, ...any)) map[string]bool {
	seen := make(map[string]bool, len(items))
	for _, it := range items {
		k := id(it)
		if seen[k] {
			bad("%s id %q is used twice", what, k)
		}
		seen[k] = true
	}
	return seen
}
