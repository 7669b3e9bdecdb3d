package storage

import (
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/storage/fixture"
)

// unpackFixture unpacks testdata/schema1.tgz, a casebook written by the
// Parley release of schema 1 (the seed case, two imported articles, one
// with an address, and a note), into a data folder.
func unpackFixture(t *testing.T) string {
	t.Helper()
	return fixture.Unpack(t, filepath.Join("testdata", "schema1.tgz"))
}

func TestACasebookOfSchema1IsBroughtUpToDate(t *testing.T) {
	dir := unpackFixture(t)
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.schema != SchemaVersion {
		t.Fatalf("schema %d after opening", s.schema)
	}
	c, err := (&app.Casebook{Store: s}).Dump()
	if err != nil {
		t.Fatal(err)
	}
	if err := app.Validate(c); err != nil {
		t.Fatal(err)
	}
	if len(c.Sources) != 3 || len(c.Notes) != 1 || len(c.Statements) != 22+5 {
		t.Fatalf("%d sources, %d notes, %d statements", len(c.Sources), len(c.Notes), len(c.Statements))
	}
	// Every statement is a statement with one report.
	for _, st := range c.Statements {
		if st.ReportCount() != 1 {
			t.Fatalf("%s has %d reports", st.ID, st.ReportCount())
		}
	}
	// The lookups schema 2 added work on what schema 1 wrote.
	for _, src := range c.Sources {
		if !src.HasText {
			continue
		}
		if src.LooseHash != app.LooseTextHash(c.Texts[src.ID]) {
			t.Errorf("%s: loose hash %q", src.ID, src.LooseHash)
		}
		spaced := strings.ReplaceAll(c.Texts[src.ID], " ", "  ")
		got, err := s.SourceByLooseHash(app.LooseTextHash(spaced))
		if err != nil || got.ID != src.ID {
			t.Errorf("%s not found by its text with other spacing: %v", src.ID, err)
		}
	}
	if got, err := s.SourceByURL("https://news.example/2023/05/04/talks"); err != nil || got.URL == "" {
		t.Errorf("the source with an address is not found by it: %v", err)
	}
	// Migrating again (a migration a crash cut short is done again) changes
	// nothing.
	before, _ := (&app.Casebook{Store: s}).Dump()
	s.schema = 1
	if err := s.migrate(); err != nil {
		t.Fatal(err)
	}
	after, _ := (&app.Casebook{Store: s}).Dump()
	if len(before.Sources) != len(after.Sources) || before.Sources[1].LooseHash != after.Sources[1].LooseHash {
		t.Fatal("migrating twice changed the casebook")
	}
}
