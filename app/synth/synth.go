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
	rng := rand.New(rand.NewPCG(spec.Seed, 0x9e3779b97f4a7c15))
	c := app.Case{Texts: map[string]string{}}
	for i := range max(spec.Places, 1) {
		c.Places = append(c.Places, app.Place{
			ID: fmt.Sprintf("p%05d", i), Name: "Place " + word(rng) + " " + fmt.Sprint(i), Kind: app.PlaceCity,
			Geometry: app.Geometry{Type: app.GeomPoint, Rings: [][]app.LonLat{{{40 + rng.Float64()*11, 37 + rng.Float64()*7}}}},
		})
	}
	for i := range max(spec.Actors, 1) {
		name := capitalize(word(rng)) + " " + capitalize(word(rng))
		c.Actors = append(c.Actors, app.Actor{
			ID: fmt.Sprintf("a%05d", i), Name: name, Aliases: []string{fmt.Sprintf("%s %d", name, i)},
			Kind: app.ActorPerson, Role: "Spokesperson", Seat: c.Places[rng.IntN(len(c.Places))].ID,
		})
	}
	for i := range max(spec.Sources, 1) {
		c.Sources = append(c.Sources, app.Source{
			ID: fmt.Sprintf("src%05d", i), Title: "Report " + word(rng), Outlet: "Wire " + word(rng),
			Published: randomDate(rng), DatePrecision: app.PrecisionDay, Language: "en",
		})
	}
	for i := range spec.Statements {
		speakers := []string{c.Actors[rng.IntN(len(c.Actors))].ID}
		if rng.IntN(10) == 0 {
			speakers = append(speakers, c.Actors[rng.IntN(len(c.Actors))].ID)
		}
		words := make([]string, 8+rng.IntN(30))
		for j := range words {
			words[j] = word(rng)
		}
		quote := strings.Join(words, " ")
		c.Statements = append(c.Statements, app.Statement{
			ID: fmt.Sprintf("s%07d", i), Speakers: unique(speakers),
			Recipients: []string{c.Actors[rng.IntN(len(c.Actors))].ID},
			Quote:      quote, Kind: app.KindDirect, Cue: "said",
			Source: c.Sources[rng.IntN(len(c.Sources))].ID, Start: rng.IntN(5000), Date: randomDate(rng),
			Places: unique([]string{c.Places[rng.IntN(len(c.Places))].ID, c.Places[rng.IntN(len(c.Places))].ID}),
			Tags:   []string{word(rng)},
			Coding: app.Coding{Category: "CONSULT", Goldstein: float64(rng.IntN(21) - 10)},
		})
		c.Statements[i].End = c.Statements[i].Start + app.RuneLen(quote)
	}
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range spec.Notes {
		t := base.Add(time.Duration(i) * time.Minute)
		c.Notes = append(c.Notes, app.Note{
			ID:     fmt.Sprintf("n%07d", i),
			Target: app.Target{Kind: app.TargetStatement, ID: c.Statements[rng.IntN(max(len(c.Statements), 1))].ID},
			Body:   "Note " + word(rng) + " " + word(rng), Tags: []string{word(rng)}, Created: t, Updated: t,
		})
	}
	c.Normalize()
	return c
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
