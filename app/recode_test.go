package app_test

import (
	"context"
	"errors"
	"testing"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/synth"
	"codeberg.org/parley/parley/storage/storetest"
)

// Suggesting codes again after the rules changed touches only the codes
// Parley suggested: a confirmed code stays, whatever the rules say now, and
// so does a statement without a code; it runs once per version of the rules.
func TestRecodeTouchesOnlySuggestions(t *testing.T) {
	cb, _ := storetest.Seeded(t)
	s := cb.Store
	stale := app.Coding{CAMEO: "010", Why: "a plain statement: no word of the rules in the cue or the quote", Confidence: 0.3}
	confirmed := app.Coding{Category: "SUPPORT", CAMEO: "051", Score: 5, Confirmed: true, By: app.CodedByUser}
	sts := map[string]app.Statement{
		"st-recode-suggested": {Quote: "We condemn the attack on the village", Coding: stale},
		"st-recode-confirmed": {Quote: "We condemn the attack on the village", Coding: confirmed},
		"st-recode-uncoded":   {Quote: "We condemn the attack on the village"},
		"st-recode-same":      {Quote: "The meeting took place on Thursday", Coding: app.SuggestCoding(app.Statement{Quote: "The meeting took place on Thursday", Cue: "said"})},
	}
	if err := s.Update(func(tx app.Tx) error {
		for id, st := range sts {
			st.ID, st.Speakers, st.Source, st.Cue, st.Kind = id, []string{"mirzoyan"}, "src-europapress", "said", app.KindDirect
			if err := tx.PutStatement(st); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	n, err := app.RecodeSuggestions(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	// The seed's codes are confirmed: only the stale suggestion changes.
	if n != 1 {
		t.Errorf("%d statements recoded, want 1", n)
	}
	get := func(id string) app.Coding {
		st, err := s.Statement(id)
		if err != nil {
			t.Fatal(err)
		}
		return st.Coding
	}
	if c := get("st-recode-suggested"); c.Category != "ACCUSE" || c.Confirmed {
		t.Errorf("the stale suggestion is now %+v", c)
	}
	if c := get("st-recode-confirmed"); c != confirmed {
		t.Errorf("the confirmed code is now %+v", c)
	}
	if c := get("st-recode-uncoded"); !c.IsZero() {
		t.Errorf("the uncoded statement is now coded %+v", c)
	}
	// Once per version of the rules.
	if err := s.Update(func(tx app.Tx) error {
		st, err := tx.Statement("st-recode-suggested")
		if err != nil {
			return err
		}
		st.Coding = stale
		return tx.PutStatement(st)
	}); err != nil {
		t.Fatal(err)
	}
	if n, err := app.RecodeSuggestions(context.Background(), s); err != nil || n != 0 {
		t.Errorf("a second run recoded %d (%v)", n, err)
	}
	if c := get("st-recode-suggested"); c != stale {
		t.Errorf("a second run changed %+v", c)
	}
}

// Suggesting again stopped before its end leaves the rules' version
// unrecorded, so that the next run goes over what is left.
func TestRecodeStoppedIsDoneNextTime(t *testing.T) {
	cb, _ := storetest.Seeded(t)
	s := cb.Store
	st := app.Statement{ID: "st-recode-stopped", Speakers: []string{"mirzoyan"}, Source: "src-europapress", Kind: app.KindDirect,
		Cue: "said", Quote: "We condemn the attack", Coding: app.Coding{CAMEO: "010", Why: "older rules", Confidence: 0.3}}
	if err := s.Update(func(tx app.Tx) error { return tx.PutStatement(st) }); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if n, err := app.RecodeSuggestions(ctx, s); !errors.Is(err, context.Canceled) || n != 0 {
		t.Fatalf("stopped at once: %d, %v", n, err)
	}
	if n, err := app.RecodeSuggestions(context.Background(), s); err != nil || n != 1 {
		t.Errorf("the next run recoded %d (%v), want 1", n, err)
	}
}

// BenchmarkRecodeSuggestions suggests again the codes of 10,000 generated
// statements, every one of which changes, as the window does once after
// the rules changed.
func BenchmarkRecodeSuggestions(b *testing.B) {
	s := storetest.Open(b)
	c := synth.Synthetic(synth.SyntheticSpec{Actors: 100, Places: 20, Sources: 50, Statements: 10_000, Seed: 3})
	if err := app.LoadCase(s, c, 2000); err != nil {
		b.Fatal(err)
	}
	n := 0
	for b.Loop() {
		b.StopTimer()
		// As the generator left them: suggestions older rules made.
		if err := app.LoadCase(s, c, 2000); err != nil {
			b.Fatal(err)
		}
		if err := s.PutSetting("coding.rules", []byte("older")); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		changed, err := app.RecodeSuggestions(context.Background(), s)
		if err != nil {
			b.Fatal(err)
		}
		n += changed
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "statements/s")
}
