package app

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"codeberg.org/parley/parley/app/fold"
)

// MaxNoteBytes is the largest note body Parley stores.
const MaxNoteBytes = 8 << 20

// ErrInvalid marks input that Parley refuses; the message says why.
var ErrInvalid = errors.New("invalid")

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...))
}

// ParseTarget reads KIND:ID, as the command line takes it.
func ParseTarget(s string) (Target, error) {
	kind, id, ok := strings.Cut(s, ":")
	t := Target{Kind: TargetKind(kind), ID: id}
	if !ok || id == "" {
		return t, invalid("target %q is not KIND:ID (for example statement:st-05)", s)
	}
	switch t.Kind {
	case TargetActor, TargetPlace, TargetSource, TargetStatement:
		return t, nil
	}
	return t, invalid("target kind %q is not actor, place, source or statement", kind)
}

// ParseRange reads START:END in code points.
func ParseRange(s string) (Range, error) {
	a, b, ok := strings.Cut(s, ":")
	start, err1 := strconv.Atoi(a)
	end, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil {
		return Range{}, invalid("range %q is not START:END", s)
	}
	if start < 0 || end <= start {
		return Range{}, invalid("range %d:%d is empty or negative", start, end)
	}
	return Range{start, end}, nil
}

// TargetText is the text a note's range counts into: a statement's quote,
// a source's stored text, an actor's or a place's background.
func TargetText(r Reader, t Target) (string, error) {
	switch t.Kind {
	case TargetStatement:
		st, err := r.Statement(t.ID)
		return st.Quote, err
	case TargetActor:
		a, err := r.Actor(t.ID)
		return a.Background, err
	case TargetPlace:
		p, err := r.Place(t.ID)
		return p.Background, err
	case TargetSource:
		if _, err := r.Source(t.ID); err != nil {
			return "", err
		}
		text, err := r.SourceText(t.ID)
		if errors.Is(err, ErrNotFound) {
			return "", nil
		}
		return text, err
	}
	return "", invalid("unknown target kind %q", t.Kind)
}

// checkNote validates a note against the casebook it goes into.
func checkNote(r Reader, n Note) error {
	if !ValidID(n.ID) {
		return invalid("note id %q", n.ID)
	}
	if len(n.Body) > MaxNoteBytes {
		return invalid("note is %d bytes; the limit is %d", len(n.Body), MaxNoteBytes)
	}
	if !utf8.ValidString(n.Body) {
		return invalid("note is not valid UTF-8")
	}
	text, err := TargetText(r, n.Target)
	if errors.Is(err, ErrNotFound) {
		return invalid("%s does not exist", n.Target)
	}
	if err != nil {
		return err
	}
	if n.Range != nil {
		if n.Range.Start < 0 || n.Range.End <= n.Range.Start {
			return invalid("range %d:%d is empty or negative", n.Range.Start, n.Range.End)
		}
		if l := RuneLen(text); n.Range.End > l {
			return invalid("range %d:%d runs past the end of the text of %s (%d code points)",
				n.Range.Start, n.Range.End, n.Target, l)
		}
	}
	for _, tag := range n.Tags {
		if strings.TrimSpace(tag) == "" || strings.ContainsAny(tag, "\n\r\t") {
			return invalid("tag %q", tag)
		}
	}
	return nil
}

// CleanTags trims tags, drops empty ones and duplicates, keeping order.
func CleanTags(tags []string) []string {
	out := []string{}
	for _, t := range tags {
		t = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(t), "#"))
		if t != "" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// AddNote stores a new note and returns it once it is durable.
func (c *Casebook) AddNote(t Target, rng *Range, body string, tags []string) (Note, error) {
	now := time.Now().UTC()
	n := Note{ID: NewID("n", now), Target: t, Range: rng, Body: body, Tags: CleanTags(tags), Created: now, Updated: now}
	err := c.Store.Update(func(tx Tx) error {
		if err := checkNote(tx, n); err != nil {
			return err
		}
		return tx.PutNote(n)
	})
	return n, err
}

// UpdateNote replaces a note's body and tags and returns it once durable.
func (c *Casebook) UpdateNote(id, body string, tags []string) (Note, error) {
	var n Note
	err := c.Store.Update(func(tx Tx) error {
		var err error
		if n, err = tx.Note(id); err != nil {
			return err
		}
		n.Body, n.Tags, n.Updated = body, CleanTags(tags), time.Now().UTC()
		if err := checkNote(tx, n); err != nil {
			return err
		}
		return tx.PutNote(n)
	})
	return n, err
}

// DeleteNote removes a note and returns it, so that it can be put back.
func (c *Casebook) DeleteNote(id string) (Note, error) {
	var n Note
	err := c.Store.Update(func(tx Tx) error {
		var err error
		if n, err = tx.Note(id); err != nil {
			return err
		}
		return tx.DeleteNote(id)
	})
	return n, err
}

// RestoreNote puts a deleted note back exactly as it was.
func (c *Casebook) RestoreNote(n Note) error {
	return c.Store.Update(func(tx Tx) error {
		if err := checkNote(tx, n); err != nil {
			return err
		}
		return tx.PutNote(n)
	})
}

// NoteRow is a note with a readable name for its target.
type NoteRow struct {
	Note        Note
	TargetLabel string
	// Excerpt is the highlighted words of a ranged note.
	Excerpt string
}

// NoteFilter narrows the list of all notes.
type NoteFilter struct {
	Target *Target
	Tag    string
	Text   string // every word must appear in the body, tags or target label
}

// Notes lists notes, newest first, with their targets named.
func (c *Casebook) Notes(f NoteFilter) ([]NoteRow, error) {
	var rows []NoteRow
	words := strings.Fields(fold.String(f.Text))
	err := c.Store.View(func(r Reader) error {
		labels := map[Target]string{}
		texts := map[Target]string{}
		visit := func(n Note) error {
			if f.Tag != "" && !slices.Contains(n.Tags, f.Tag) {
				return nil
			}
			label, ok := labels[n.Target]
			if !ok {
				label = TargetLabel(r, n.Target)
				labels[n.Target] = label
			}
			row := NoteRow{Note: n, TargetLabel: label}
			if n.Range != nil {
				text, ok := texts[n.Target]
				if !ok {
					text, _ = TargetText(r, n.Target)
					texts[n.Target] = text
				}
				row.Excerpt, _ = Slice(text, n.Range.Start, n.Range.End)
			}
			if len(words) > 0 && !fold.ContainsAll(fold.String(n.Body+" "+strings.Join(n.Tags, " ")+" "+label+" "+row.Excerpt), words) {
				return nil
			}
			rows = append(rows, row)
			return nil
		}
		if f.Target != nil {
			notes, err := r.NotesFor(*f.Target)
			if err != nil {
				return err
			}
			for _, n := range notes {
				if err := visit(n); err != nil {
					return err
				}
			}
			return nil
		}
		return r.ForEachNote(visit)
	})
	slices.SortStableFunc(rows, func(a, b NoteRow) int { return b.Note.Created.Compare(a.Note.Created) })
	return rows, err
}

// NoteTags lists every tag used on notes, sorted.
func (c *Casebook) NoteTags() ([]string, error) {
	seen := map[string]bool{}
	err := c.Store.ForEachNote(func(n Note) error {
		for _, t := range n.Tags {
			seen[t] = true
		}
		return nil
	})
	tags := make([]string, 0, len(seen))
	for t := range seen {
		tags = append(tags, t)
	}
	slices.SortFunc(tags, func(a, b string) int { return strings.Compare(fold.String(a), fold.String(b)) })
	return tags, err
}

// TargetLabel names a note's target for lists: its kind and name, and for a
// statement its speaker and the start of the quote.
func TargetLabel(r Reader, t Target) string {
	switch t.Kind {
	case TargetActor:
		if a, err := r.Actor(t.ID); err == nil {
			return "Actor: " + a.Name
		}
	case TargetPlace:
		if p, err := r.Place(t.ID); err == nil {
			return "Place: " + p.Name
		}
	case TargetSource:
		if s, err := r.Source(t.ID); err == nil {
			return "Source: " + s.Title
		}
	case TargetStatement:
		if st, err := r.Statement(t.ID); err == nil {
			speaker := strings.Join(st.Speakers, ", ")
			if len(st.Speakers) > 0 {
				if a, err := r.Actor(st.Speakers[0]); err == nil {
					speaker = a.Name
				}
			}
			return fmt.Sprintf("Statement: %s, “%s”", speaker, Excerpt(st.Quote, 60))
		}
	}
	return t.String() + " (missing)"
}

// Excerpt shortens s to at most n code points at a word boundary, with an
// ellipsis when it cut.
func Excerpt(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if RuneLen(s) <= n {
		return s
	}
	cut, _ := Slice(s, 0, n)
	if i := strings.LastIndex(cut, " "); i > len(cut)/2 {
		cut = cut[:i]
	}
	return cut + "…"
}
