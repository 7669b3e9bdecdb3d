package app

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"codeberg.org/parley/parley/app/fold"
)

// Casebook is the use cases on one store: what the window and the command
// line ask of a casebook.
type Casebook struct {
	Store Store
}

// ActorRow is an actor with the number of statements it spoke.
type ActorRow struct {
	Actor Actor
	Count int
}

// ActorRows lists every actor with its statement count, most quoted first,
// then by name.
func (c *Casebook) ActorRows() ([]ActorRow, error) {
	var rows []ActorRow
	err := c.Store.View(func(r Reader) error {
		actors, err := r.Actors()
		if err != nil {
			return err
		}
		counts, err := r.SpeakerCounts()
		if err != nil {
			return err
		}
		rows = make([]ActorRow, len(actors))
		for i, a := range actors {
			rows[i] = ActorRow{Actor: a, Count: counts[a.ID]}
		}
		return nil
	})
	// Each name folded once, not at every comparison.
	folded := make(map[string]string, len(rows))
	for _, r := range rows {
		folded[r.Actor.ID] = fold.String(r.Actor.Name)
	}
	slices.SortStableFunc(rows, func(a, b ActorRow) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(folded[a.Actor.ID], folded[b.Actor.ID])
	})
	return rows, err
}

// StatementDetail is one statement with everything the detail pane shows.
type StatementDetail struct {
	Statement  Statement
	Speakers   []Actor
	Recipients []Actor
	Source     Source
	Places     []Place
	Notes      []Note
	// Reports are every report of the statement with its source, the
	// earliest first; one for a statement one source reports.
	Reports []SourcedReport
}

// SourcedReport is a report with the source it is in.
type SourcedReport struct {
	Report
	Source Source
}

// StatementDetail gathers a statement's speakers, recipients, source, places
// and notes from one snapshot. Missing references are skipped, not fatal: a
// user may have deleted an actor a statement still names.
func (c *Casebook) StatementDetail(id string) (StatementDetail, error) {
	var d StatementDetail
	err := c.Store.View(func(r Reader) error {
		st, err := r.Statement(id)
		if err != nil {
			return err
		}
		d.Statement = st
		if d.Speakers, err = lookup(st.Speakers, r.Actor); err != nil {
			return err
		}
		if d.Recipients, err = lookup(st.Recipients, r.Actor); err != nil {
			return err
		}
		if d.Places, err = lookup(st.Places, r.Place); err != nil {
			return err
		}
		if st.Source != "" {
			d.Source, err = r.Source(st.Source)
			if err != nil && !errors.Is(err, ErrNotFound) {
				return err
			}
		}
		for _, rep := range st.AllReports() {
			src, err := r.Source(rep.Source)
			if err != nil && !errors.Is(err, ErrNotFound) {
				return err
			}
			d.Reports = append(d.Reports, SourcedReport{rep, src})
		}
		slices.SortStableFunc(d.Reports, func(a, b SourcedReport) int { return strings.Compare(a.Date, b.Date) })
		d.Notes, err = r.NotesFor(Target{TargetStatement, id})
		return err
	})
	return d, err
}

// ActorDetail is an actor with what it said, what was said to it, and the
// places its statements concern.
type ActorDetail struct {
	Actor      Actor
	Parent     *Actor
	Members    []Actor
	Statements []string // ids of statements spoken, newest first
	Addressed  []string // ids of statements addressed to it, newest first
	Places     []string // ids of places its statements concern, most often first
	Notes      []Note
}

// ActorDetail gathers one actor's statements and notes. What was addressed
// to it and its notes are read beside the rest, in a read of their own: at
// a million statements each list is half a millisecond of a click.
func (c *Casebook) ActorDetail(id string) (ActorDetail, error) {
	var d ActorDetail
	var addressed []string
	var notes []Note
	beside := make(chan error, 1)
	go func() {
		beside <- c.Store.View(func(r Reader) error {
			var err error
			if addressed, err = r.StatementIDsToActor(id); err != nil {
				return err
			}
			notes, err = r.NotesFor(Target{TargetActor, id})
			return err
		})
	}()
	// A store that ranks an actor's places by itself does so while its
	// statements are listed.
	type ranking struct {
		places []string
		ok     bool
	}
	ranked := make(chan ranking, 1)
	pr, byItself := c.Store.(PlaceRanker)
	if byItself {
		go func() {
			places, ok := pr.RankSpeakerPlaces(id)
			ranked <- ranking{places, ok}
		}()
	}
	err := c.Store.View(func(r Reader) error {
		a, err := r.Actor(id)
		if err != nil {
			return err
		}
		d.Actor = a
		if a.Parent != "" {
			if p, err := r.Actor(a.Parent); err == nil {
				d.Parent = &p
			}
		}
		if d.Members, err = lookup(a.Members, r.Actor); err != nil {
			return err
		}
		if d.Statements, err = r.StatementIDsByActor(id); err != nil {
			return err
		}
		if byItself {
			rk := <-ranked
			d.Places, byItself = rk.places, rk.ok
		}
		if !byItself {
			d.Places, err = c.placesOf(r, d.Statements)
		}
		return err
	})
	if berr := <-beside; err == nil {
		err = berr
	}
	d.Addressed, d.Notes = addressed, notes
	return d, err
}

// PlaceDetail is a place with the statements that concern it.
type PlaceDetail struct {
	Place      Place
	Statements []string // ids, newest first
	Notes      []Note
}

// PlaceDetail gathers one place's statements and notes.
func (c *Casebook) PlaceDetail(id string) (PlaceDetail, error) {
	var d PlaceDetail
	err := c.Store.View(func(r Reader) error {
		p, err := r.Place(id)
		if err != nil {
			return err
		}
		d.Place = p
		if d.Statements, err = r.StatementIDsByPlace(id); err != nil {
			return err
		}
		d.Notes, err = r.NotesFor(Target{TargetPlace, id})
		return err
	})
	return d, err
}

// SourceDetail is a source with its statements and notes.
type SourceDetail struct {
	Source     Source
	Statements []string // ids, newest first
	Notes      []Note
}

// SourceDetail gathers one source's statements and notes.
func (c *Casebook) SourceDetail(id string) (SourceDetail, error) {
	var d SourceDetail
	err := c.Store.View(func(r Reader) error {
		s, err := r.Source(id)
		if err != nil {
			return err
		}
		d.Source = s
		if d.Statements, err = r.StatementIDsBySource(id); err != nil {
			return err
		}
		d.Notes, err = r.NotesFor(Target{TargetSource, id})
		return err
	})
	return d, err
}

// PlaceRanker is what a store may offer to rank the places of statements
// without reading them (the search index holds each statement's places).
type PlaceRanker interface {
	// RankPlaces lists the places the statements of ids concern, most often
	// first and ties by id; ok is false when it cannot answer now.
	RankPlaces(ids []string) (places []string, ok bool)
	// RankSpeakerPlaces is RankPlaces of the statements an actor spoke.
	RankSpeakerPlaces(actor string) (places []string, ok bool)
}

// PlacesOfStatements ranks the places the statements of ids concern, most
// often first.
func (c *Casebook) PlacesOfStatements(ids []string) ([]string, error) {
	var places []string
	err := c.Store.View(func(r Reader) error {
		var err error
		places, err = c.placesOf(r, ids)
		return err
	})
	return places, err
}

func (c *Casebook) placesOf(r Reader, ids []string) ([]string, error) {
	if pr, ok := c.Store.(PlaceRanker); ok {
		if places, ok := pr.RankPlaces(ids); ok {
			return places, nil
		}
	}
	sts, err := lookup(ids, r.Statement)
	if err != nil {
		return nil, err
	}
	return PlacesOf(sts), nil
}

// PlacesOf counts the places a set of statements concern and lists their ids,
// most often first (ties by id, so the order is stable).
func PlacesOf(sts []Statement) []string {
	n := map[string]int{}
	for _, s := range sts {
		for _, p := range s.Places {
			n[p]++
		}
	}
	return MostFirst(n)
}

// MostFirst lists the keys of counts, the largest count first and ties by
// key, so the order is stable.
func MostFirst(counts map[string]int) []string {
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int { return cmp.Or(counts[b]-counts[a], strings.Compare(a, b)) })
	return keys
}

// Dump reads the whole casebook from one snapshot, each list in id order.
func (c *Casebook) Dump() (Case, error) {
	out := Case{Texts: map[string]string{}}
	err := c.Store.View(func(r Reader) error {
		var err error
		if out.Actors, err = r.Actors(); err != nil {
			return err
		}
		if out.Places, err = r.Places(); err != nil {
			return err
		}
		if out.Sources, err = r.Sources(); err != nil {
			return err
		}
		for _, s := range out.Sources {
			if !s.HasText {
				continue
			}
			t, err := r.SourceText(s.ID)
			if err != nil {
				return err
			}
			out.Texts[s.ID] = t
		}
		if err := r.ForEachStatement(func(s Statement) error {
			out.Statements = append(out.Statements, s)
			return nil
		}); err != nil {
			return err
		}
		if err := r.ForEachNote(func(n Note) error {
			out.Notes = append(out.Notes, n)
			return nil
		}); err != nil {
			return err
		}
		out.Events, err = r.Events()
		return err
	})
	out.Normalize()
	return out, err
}

// Normalize makes empty lists empty rather than null, so that JSON readers
// always find arrays.
func (c *Case) Normalize() {
	if c.Actors == nil {
		c.Actors = []Actor{}
	}
	if c.Places == nil {
		c.Places = []Place{}
	}
	if c.Sources == nil {
		c.Sources = []Source{}
	}
	if c.Statements == nil {
		c.Statements = []Statement{}
	}
	if c.Notes == nil {
		c.Notes = []Note{}
	}
	if c.Events == nil {
		c.Events = []Event{}
	}
}

func lookup[T any](ids []string, get func(string) (T, error)) ([]T, error) {
	out := make([]T, 0, len(ids))
	for _, id := range ids {
		v, err := get(id)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("lookup %q: %w", id, err)
		}
		out = append(out, v)
	}
	return out, nil
}
