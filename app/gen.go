package app

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
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
func Synthetic(spec SyntheticSpec) Case {
	rng := rand.New(rand.NewPCG(spec.Seed, 0x9e3779b97f4a7c15))
	c := Case{Texts: map[string]string{}}
	for i := range max(spec.Places, 1) {
		c.Places = append(c.Places, Place{
			ID: fmt.Sprintf("p%05d", i), Name: "Place " + word(rng) + " " + fmt.Sprint(i), Kind: PlaceCity,
			Geometry: Geometry{Type: GeomPoint, Rings: [][]LonLat{{{40 + rng.Float64()*11, 37 + rng.Float64()*7}}}},
		})
	}
	for i := range max(spec.Actors, 1) {
		name := capitalize(word(rng)) + " " + capitalize(word(rng))
		c.Actors = append(c.Actors, Actor{
			ID: fmt.Sprintf("a%05d", i), Name: name, Aliases: []string{fmt.Sprintf("%s %d", name, i)},
			Kind: ActorPerson, Role: "Spokesperson", Seat: c.Places[rng.IntN(len(c.Places))].ID,
		})
	}
	for i := range max(spec.Sources, 1) {
		c.Sources = append(c.Sources, Source{
			ID: fmt.Sprintf("src%05d", i), Title: "Report " + word(rng), Outlet: "Wire " + word(rng),
			Published: randomDate(rng), DatePrecision: PrecisionDay, Language: "en",
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
		c.Statements = append(c.Statements, Statement{
			ID: fmt.Sprintf("s%07d", i), Speakers: unique(speakers),
			Recipients: []string{c.Actors[rng.IntN(len(c.Actors))].ID},
			Quote:      quote, Kind: KindDirect, Cue: "said",
			Source: c.Sources[rng.IntN(len(c.Sources))].ID, Start: rng.IntN(5000), Date: randomDate(rng),
			Places: unique([]string{c.Places[rng.IntN(len(c.Places))].ID, c.Places[rng.IntN(len(c.Places))].ID}),
			Tags:   []string{word(rng)},
			Coding: Coding{Category: "CONSULT", Goldstein: float64(rng.IntN(21) - 10)},
		})
		c.Statements[i].End = c.Statements[i].Start + RuneLen(quote)
	}
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range spec.Notes {
		t := base.Add(time.Duration(i) * time.Minute)
		c.Notes = append(c.Notes, Note{
			ID:     fmt.Sprintf("n%07d", i),
			Target: Target{TargetStatement, c.Statements[rng.IntN(max(len(c.Statements), 1))].ID},
			Body:   "Note " + word(rng) + " " + word(rng), Tags: []string{word(rng)}, Created: t, Updated: t,
		})
	}
	c.normalize()
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

// LoadCase writes a case into a store in chunks of at most chunk items per
// transaction, for cases too large for one; a chunk the store finds too big
// is split in two and tried again. Each chunk is durable when its
// transaction returns; a failure part-way leaves the earlier chunks written.
func LoadCase(s Store, c Case, chunk int) error {
	return LoadCaseProgress(s, c, chunk, nil)
}

// LoadCaseProgress is LoadCase telling progress how many items are written
// after each transaction.
func LoadCaseProgress(s Store, c Case, chunk int, progress func(done int)) error {
	if chunk <= 0 {
		chunk = 500
	}
	var ops []func(Tx) error
	add := func(f func(Tx) error) { ops = append(ops, f) }
	for _, a := range c.Actors {
		add(func(tx Tx) error { return tx.PutActor(a) })
	}
	for _, p := range c.Places {
		add(func(tx Tx) error { return tx.PutPlace(p) })
	}
	for _, src := range c.Sources {
		add(func(tx Tx) error {
			var text *string
			if t, ok := c.Texts[src.ID]; ok {
				text = &t
			}
			return tx.PutSource(src, text)
		})
	}
	for _, st := range c.Statements {
		add(func(tx Tx) error { return tx.PutStatement(st) })
	}
	for _, n := range c.Notes {
		add(func(tx Tx) error { return tx.PutNote(n) })
	}
	for _, e := range c.Events {
		add(func(tx Tx) error { return tx.PutEvent(e) })
	}
	done := 0
	for len(ops) > 0 {
		n := min(chunk, len(ops))
		err := s.Update(func(tx Tx) error {
			for _, op := range ops[:n] {
				if err := op(tx); err != nil {
					return err
				}
			}
			return nil
		})
		if errors.Is(err, ErrTooBig) && n > 1 {
			chunk = n / 2
			continue
		}
		if err != nil {
			return err
		}
		ops = ops[n:]
		done += n
		if progress != nil {
			progress(done)
		}
	}
	return nil
}

// DeleteCase deletes every item of a case from a store, notes and
// statements first, in transactions of at most 1000 deletions.
func DeleteCase(s Store, c Case) error {
	var ops []func(Tx) error
	for _, n := range c.Notes {
		ops = append(ops, func(tx Tx) error { return tx.DeleteNote(n.ID) })
	}
	for _, st := range c.Statements {
		ops = append(ops, func(tx Tx) error { return tx.DeleteStatement(st.ID) })
	}
	for _, e := range c.Events {
		ops = append(ops, func(tx Tx) error { return tx.DeleteEvent(e.ID) })
	}
	for _, src := range c.Sources {
		ops = append(ops, func(tx Tx) error { return tx.DeleteSource(src.ID) })
	}
	for _, a := range c.Actors {
		ops = append(ops, func(tx Tx) error { return tx.DeleteActor(a.ID) })
	}
	for _, p := range c.Places {
		ops = append(ops, func(tx Tx) error { return tx.DeletePlace(p.ID) })
	}
	for len(ops) > 0 {
		n := min(1000, len(ops))
		if err := s.Update(func(tx Tx) error {
			for _, op := range ops[:n] {
				if err := op(tx); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			return err
		}
		ops = ops[n:]
	}
	return nil
}
