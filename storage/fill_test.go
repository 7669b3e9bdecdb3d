package storage

import (
	"reflect"
	"testing"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/synth"
)

// TestFillWritesWhatTransactionsWrite: a casebook filled in bulk reads the
// same as one loaded through transactions: items, indexes and counters.
func TestFillWritesWhatTransactionsWrite(t *testing.T) {
	spec := synth.SyntheticSpec{Actors: 30, Places: 8, Sources: 12, Statements: 2000, Notes: 300, Seed: 5}
	bulk, _ := openTemp(t)
	if err := bulk.Fill(func(w app.Filler) error { return synth.Generate(spec, w, nil) }); err != nil {
		t.Fatal(err)
	}
	loaded, _ := openTemp(t)
	if err := app.LoadCase(loaded, synth.Synthetic(spec), 500); err != nil {
		t.Fatal(err)
	}
	a, _ := (&app.Casebook{Store: bulk}).Dump()
	b, _ := (&app.Casebook{Store: loaded}).Dump()
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the filled casebook differs from the loaded one")
	}
	ca, _ := bulk.SpeakerCounts()
	cb, _ := loaded.SpeakerCounts()
	if !reflect.DeepEqual(ca, cb) {
		t.Fatal("speaker counts differ")
	}
	for _, id := range []string{"a00000", "a00007", "a00029"} {
		x, _ := bulk.StatementsByActor(id)
		y, _ := loaded.StatementsByActor(id)
		if !reflect.DeepEqual(x, y) || len(x) == 0 {
			t.Fatalf("%s: %d statements filled, %d loaded", id, len(x), len(y))
		}
	}
	for _, id := range []string{"src00000", "src00011"} {
		x, _ := bulk.StatementIDsBySource(id)
		y, _ := loaded.StatementIDsBySource(id)
		if !reflect.DeepEqual(x, y) {
			t.Fatalf("%s: source index differs", id)
		}
	}
	notes, _ := bulk.NotesFor(app.Target{Kind: app.TargetStatement, ID: a.Notes[0].Target.ID})
	if len(notes) == 0 {
		t.Fatal("the note index is empty")
	}
	// A casebook that holds anything is not filled.
	if err := bulk.Fill(func(app.Filler) error { return nil }); err == nil {
		t.Fatal("a full casebook was filled")
	}
}

// BenchmarkFill generates and fills 100,000 statements and 10,000 notes,
// as parley gen does.
func BenchmarkFill(b *testing.B) {
	spec := synth.SyntheticSpec{Actors: 1000, Places: 50, Sources: 500, Statements: 100_000, Notes: 10_000, Seed: 1}
	for b.Loop() {
		b.StopTimer()
		s, _ := openTemp(b)
		b.StartTimer()
		if err := s.Fill(func(w app.Filler) error { return synth.Generate(spec, w, nil) }); err != nil {
			b.Fatal(err)
		}
	}
}
