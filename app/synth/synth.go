package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"codeberg.org/parley/parley/app"
)

// SyntheticSpec sizes a generated casebook.
type SyntheticSpec struct {
	Actors, Places, Sources, Statements, Notes int
	Seed                                       uint64
}

// Synthetic builds a casebook of the given size for benchmarks and load
// tests: actors, places and sources with plausible fields, statements spread
// over ten years with one to three speakers, and notes on statements. The
// same spec always gives the same case.
func Synthetic(spec SyntheticSpec) app.Case {
	c := &collector{Case: app.Case{Texts: map[string]string{}}}
	_ = Generate(spec, c, nil) // a collector never fails
	c.Normalize()
	return c.Case
}

// collector keeps what Generate writes.
type collector struct{ app.Case }

func (c *collector) PutActor(a app.Actor) error { c.Actors = append(c.Actors, a); return nil }
func (c *collector) PutPlace(p app.Place) error { c.Places = append(c.Places, p); return nil }
func (c *collector) PutSource(s app.Source, _ *string) error {
	c.Sources = append(c.Sources, s)
	return nil
}
func (c *collector) PutStatement(st app.Statement) error {
	c.Statements = append(c.Statements, st)
	return nil
}
func (c *collector) PutNote(n app.Note) error   { c.Notes = append(c.Notes, n); return nil }
func (c *collector) PutEvent(e app.Event) error { c.Events = append(c.Events, e); return nil }

// Generate writes the casebook Synthetic builds to w, one item at a time,
// holding only the actors, places and sources: a million statements are
// written without a million in memory. progress, when not nil, hears how
// many statements are written, every 10,000.
func Generate(spec SyntheticSpec, w app.Filler, progress func(done, total int)) error {
	rng := rand.New(rand.NewPCG(spec.Seed, 0x9e3779b97f4a7c15))
	var places []app.Place
	for i := range max(spec.Places, 1) {
		places = append(places, app.Place{
			ID: fmt.Sprintf("p%05d", i), Name: "Place " + word(rng) + " " + fmt.Sprint(i), Kind: app.PlaceCity,
			Geometry: app.Geometry{Type: app.GeomPoint, Rings: [][]app.LonLat{{{40 + rng.Float64()*11, 37 + rng.Float64()*7}}}},
		})
	}
	var actors []app.Actor
	for i := range max(spec.Actors, 1) {
		name := capitalize(word(rng)) + " " + capitalize(word(rng))
		actors = append(actors, app.Actor{
			ID: fmt.Sprintf("a%05d", i), Name: name, Aliases: []string{fmt.Sprintf("%s %d", name, i)},
			Kind: app.ActorPerson, Role: "Spokesperson", Seat: places[rng.IntN(len(places))].ID,
		})
	}
	var sources []app.Source
	for i := range max(spec.Sources, 1) {
		sources = append(sources, app.Source{
			ID: fmt.Sprintf("src%05d", i), Title: "Report " + word(rng), Outlet: "Wire " + word(rng),
			Published: randomDate(rng), DatePrecision: app.PrecisionDay, Language: "en",
		})
	}
	for _, p := range places {
		if err := w.PutPlace(p); err != nil {
			return err
		}
	}
	for _, a := range actors {
		if err := w.PutActor(a); err != nil {
			return err
		}
	}
	for _, s := range sources {
		if err := w.PutSource(s, nil); err != nil {
			return err
		}
	}
	for i := range spec.Statements {
		speakers := []string{actors[rng.IntN(len(actors))].ID}
		if rng.IntN(10) == 0 {
			speakers = append(speakers, actors[rng.IntN(len(actors))].ID)
		}
		words := make([]string, 8+rng.IntN(30))
		for j := range words {
			words[j] = word(rng)
		}
		quote := strings.Join(words, " ")
		st := app.Statement{
			ID: fmt.Sprintf("s%07d", i), Speakers: unique(speakers),
			Recipients: []string{actors[rng.IntN(len(actors))].ID},
			Quote:      quote, Kind: app.KindDirect, Cue: "said",
			Source: sources[rng.IntN(len(sources))].ID, Start: rng.IntN(5000), Date: randomDate(rng),
			Places: unique([]string{places[rng.IntN(len(places))].ID, places[rng.IntN(len(places))].ID}),
			Tags:   []string{word(rng)},
			Coding: app.Coding{Category: "CONSULT", Score: float64(rng.IntN(21) - 10)},
		}
		st.End = st.Start + app.RuneLen(quote)
		if err := w.PutStatement(st); err != nil {
			return err
		}
		if progress != nil && (i+1)%10_000 == 0 {
			progress(i+1, spec.Statements)
		}
	}
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range spec.Notes {
		if spec.Statements == 0 {
			break // nothing to write notes on
		}
		t := base.Add(time.Duration(i) * time.Minute)
		n := app.Note{
			ID:     fmt.Sprintf("n%07d", i),
			Target: app.Target{Kind: app.TargetStatement, ID: fmt.Sprintf("s%07d", rng.IntN(spec.Statements))},
			Body:   "Note " + word(rng) + " " + word(rng), Tags: []string{word(rng)}, Created: t, Updated: t,
		}
		if err := w.PutNote(n); err != nil {
			return err
		}
	}
	return nil
}

var syllables = []string{"ka", "ro", "mi", "ta", "ne", "so", "li", "va", "du", "re", "an", "el", "or", "is", "ba", "ze"}

func word(rng *rand.Rand) string {
	n := 2 + rng.IntN(3)
	var b strings.Builder
	for range n {
		b.WriteString(syllables[rng.IntN(len(syllables))])
	}
	return b.String()
}

// capitalize upper-cases the first letter of an ASCII word.
func capitalize(w string) string { return strings.ToUpper(w[:1]) + w[1:] }

func randomDate(rng *rand.Rand) string {
	d := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(3650))
	return d.Format("2006-01-02")
}

func unique(ids []string) []string {
	seen := map[string]bool{}
	out := ids[:0:0]
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
