package app_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/assets"

	"codeberg.org/parley/parley/storage/storetest"
)

func TestSeedLoadsOnceAndEditsSurvive(t *testing.T) {
	cb, seed := storetest.Seeded(t)
	// The user edits a seed statement; a later start must not undo it.
	st, err := cb.Store.Statement("st-05")
	if err != nil {
		t.Fatal(err)
	}
	st.Context = "My own reading."
	if err := cb.Store.Update(func(tx app.Tx) error { return tx.PutStatement(st) }); err != nil {
		t.Fatal(err)
	}
	if err := cb.Store.Update(func(tx app.Tx) error { return tx.DeleteStatement("st-01") }); err != nil {
		t.Fatal(err)
	}
	loaded, err := app.EnsureSeed(cb.Store, seed)
	if err != nil || loaded {
		t.Fatalf("second EnsureSeed: loaded=%v err=%v", loaded, err)
	}
	got, _ := cb.Store.Statement("st-05")
	if got.Context != "My own reading." {
		t.Fatal("the user's edit was overwritten")
	}
	if _, err := cb.Store.Statement("st-01"); !errors.Is(err, app.ErrNotFound) {
		t.Fatal("a deleted seed statement came back")
	}
}

func TestSeedNotLoadedIntoNonEmptyStore(t *testing.T) {
	s := storetest.Open(t)
	if err := s.Update(func(tx app.Tx) error { return tx.PutActor(app.Actor{ID: "me", Name: "Me"}) }); err != nil {
		t.Fatal(err)
	}
	seed, _ := assets.SeedCase()
	loaded, err := app.EnsureSeed(s, seed)
	if err != nil || loaded {
		t.Fatalf("loaded=%v err=%v", loaded, err)
	}
	actors, _ := s.Actors()
	if len(actors) != 1 {
		t.Fatalf("%d actors, want only the user's", len(actors))
	}
}

func TestActorRows(t *testing.T) {
	cb, _ := storetest.Seeded(t)
	rows, err := cb.ActorRows()
	if err != nil {
		t.Fatal(err)
	}
	if rows[0].Actor.ID != "blinken" || rows[0].Count != 17 {
		t.Fatalf("first row %s (%d), want blinken (17)", rows[0].Actor.ID, rows[0].Count)
	}
	for i := 1; i < len(rows); i++ {
		if rows[i].Count > rows[i-1].Count {
			t.Fatal("rows not ordered by count")
		}
	}
}

func TestStatementDetail(t *testing.T) {
	cb, _ := storetest.Seeded(t)
	d, err := cb.StatementDetail("st-19")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Speakers) != 1 || d.Speakers[0].ID != "joint-mfa" {
		t.Fatalf("speakers %v", d.Speakers)
	}
	if d.Source.ID != "seed-article" || !strings.Contains(d.Statement.Quote, "remain divergent") {
		t.Fatalf("detail: %+v", d)
	}
	if len(d.Places) != 2 {
		t.Fatalf("places %v", d.Places)
	}
	if _, err := cb.StatementDetail("nope"); !errors.Is(err, app.ErrNotFound) {
		t.Fatalf("missing: %v", err)
	}
}

func TestActorAndPlaceDetail(t *testing.T) {
	cb, _ := storetest.Seeded(t)
	a, err := cb.ActorDetail("blinken")
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Statements) != 17 || a.Parent == nil || a.Parent.ID != "united-states" {
		t.Fatalf("blinken: %d statements, parent %v", len(a.Statements), a.Parent)
	}
	if a.Places[0] != "armenia" && a.Places[0] != "azerbaijan" {
		t.Fatalf("most frequent places %v", a.Places)
	}
	j, _ := cb.ActorDetail("joint-mfa")
	if len(j.Members) != 2 {
		t.Fatalf("joint members %v", j.Members)
	}
	p, err := cb.PlaceDetail("lachin-corridor")
	if err != nil {
		t.Fatal(err)
	}
	got := p.Statements
	if !slices.Contains(got, "st-21") || !slices.Contains(got, "st-22") {
		t.Fatalf("Lachin statements %v", got)
	}
}

func TestDumpIsComplete(t *testing.T) {
	cb, seed := storetest.Seeded(t)
	d, err := cb.Dump()
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Actors) != len(seed.Actors) || len(d.Statements) != len(seed.Statements) ||
		len(d.Places) != len(seed.Places) || len(d.Events) != len(seed.Events) || d.Notes == nil {
		t.Fatalf("dump sizes: %d actors %d statements %d places", len(d.Actors), len(d.Statements), len(d.Places))
	}
}

func TestValidateReportsProblems(t *testing.T) {
	c := app.Case{
		Actors:     []app.Actor{{ID: "a", Name: "A"}, {ID: "a", Name: "Again"}},
		Statements: []app.Statement{{ID: "s", Speakers: []string{"ghost"}, Kind: "shout", Source: "nowhere", Date: "May"}},
		Notes:      []app.Note{{ID: "n", Target: app.Target{Kind: app.TargetStatement, ID: "missing"}}},
	}
	err := app.Validate(c)
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"used twice", "ghost", "shout", "nowhere", "May", "missing"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not mention %q: %v", want, err)
		}
	}
}

// BenchmarkListNotesOnOneItem lists 10,000 notes on one statement, newest
// first, with their target named: what the notes window and notes list do.
func BenchmarkListNotesOnOneItem(b *testing.B) {
	cb, _ := storetest.Seeded(b)
	c := app.Case{}
	target := app.Target{Kind: app.TargetStatement, ID: "st-05"}
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 10000 {
		at := base.Add(time.Duration(i) * time.Second)
		c.Notes = append(c.Notes, app.Note{ID: fmt.Sprintf("bulk-%05d", i), Target: target,
			Body: fmt.Sprintf("Note %d: *some* thoughts on the quote, in Markdown.", i), Tags: []string{"bulk"}, Created: at, Updated: at})
	}
	if err := app.LoadCase(cb.Store, c, 1000); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		rows, err := cb.Notes(app.NoteFilter{Target: &target})
		if err != nil || len(rows) != 10000 {
			b.Fatal(len(rows), err)
		}
	}
}

// A casebook seeded before codes said who coded them gets the seed's codes
// marked as the seed's, once; a code its user changed stays the user's.
func TestSeedCodesAreMarkedOnce(t *testing.T) {
	s := storetest.Open(t)
	seed, err := assets.SeedCase()
	if err != nil {
		t.Fatal(err)
	}
	old := seed
	old.Statements = slices.Clone(seed.Statements)
	for i := range old.Statements {
		old.Statements[i].Coding.By = ""
	}
	old.Statements[1].Coding.CAMEO, old.Statements[1].Coding.Score = "051", 3.4 // changed by its user
	if err := s.Update(func(tx app.Tx) error { return app.PutCase(tx, old) }); err != nil {
		t.Fatal(err)
	}
	if err := app.MarkSeeded(s); err != nil {
		t.Fatal(err)
	}
	if _, err := app.EnsureSeed(s, seed); err != nil {
		t.Fatal(err)
	}
	first, _ := s.Statement(old.Statements[0].ID)
	changed, _ := s.Statement(old.Statements[1].ID)
	if first.Coding.By != app.CodedBySeed || changed.Coding.By != "" {
		t.Errorf("after the marking: %q and %q, want the seed's and the user's", first.Coding.By, changed.Coding.By)
	}
}

// A casebook seeded before actors had short names gets the seed's, once,
// on the seed's actors its user has not renamed.
func TestSeedShortNamesAreAddedOnce(t *testing.T) {
	s := storetest.Open(t)
	seed, err := assets.SeedCase()
	if err != nil {
		t.Fatal(err)
	}
	old := seed
	old.Actors = slices.Clone(seed.Actors)
	for i := range old.Actors {
		old.Actors[i].Short = ""
	}
	old.Actors[1].Name = "A. Mirzoyan" // renamed by its user
	if err := s.Update(func(tx app.Tx) error { return app.PutCase(tx, old) }); err != nil {
		t.Fatal(err)
	}
	if err := app.MarkSeeded(s); err != nil {
		t.Fatal(err)
	}
	if _, err := app.EnsureSeed(s, seed); err != nil {
		t.Fatal(err)
	}
	first, _ := s.Actor(seed.Actors[0].ID)
	renamed, _ := s.Actor(seed.Actors[1].ID)
	if first.Short != seed.Actors[0].Short || first.Short == "" || renamed.Short != "" {
		t.Errorf("after the upgrade: %q and %q, want the seed's and none", first.Short, renamed.Short)
	}
	// Once: a short name the user clears later stays cleared.
	first.Short = ""
	if err := s.Update(func(tx app.Tx) error { return tx.PutActor(first) }); err != nil {
		t.Fatal(err)
	}
	if _, err := app.EnsureSeed(s, seed); err != nil {
		t.Fatal(err)
	}
	if again, _ := s.Actor(seed.Actors[0].ID); again.Short != "" {
		t.Errorf("the upgrade ran twice: %q", again.Short)
	}
}
