package cli

import (
	"fmt"
	"runtime/debug"

	"codeberg.org/parley/parley/app"

	"codeberg.org/parley/parley/app/synth"
)

// runGen fills an empty casebook with a generated one, for measuring Parley
// at a size no real case has yet: actors, places, sources, statements
// spread over ten years, and notes. The same numbers always give the same
// casebook.
func runGen(env *Env, args []string) error {
	fs, data := flags(env, "gen")
	spec := synth.SyntheticSpec{}
	fs.IntVar(&spec.Statements, "statements", 100_000, "statements")
	fs.IntVar(&spec.Notes, "notes", 20_000, "notes on statements")
	fs.IntVar(&spec.Actors, "actors", 1000, "actors")
	fs.IntVar(&spec.Places, "places", 50, "places")
	fs.IntVar(&spec.Sources, "sources", 500, "sources")
	seed := fs.Uint64("seed", 1, "generator seed")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("%w: gen takes no arguments, got %q", ErrUsage, rest[0])
	}
	if spec.Statements < 0 || spec.Notes < 0 || spec.Actors < 1 || spec.Places < 1 || spec.Sources < 1 {
		return fmt.Errorf("%w: counts must be positive", ErrUsage)
	}
	if *data == "" {
		return fmt.Errorf("%w: gen needs --data DIR: it will not fill your own casebook", ErrUsage)
	}
	spec.Seed = *seed
	s, closeFn, err := env.openBare(*data)
	if err != nil {
		return err
	}
	defer closeFn()
	empty, err := app.IsEmpty(s)
	if err != nil {
		return err
	}
	if !empty {
		return fmt.Errorf("%w: %s holds a casebook; gen fills only an empty one", app.ErrInvalid, *data)
	}
	// Room for about a kilobyte a statement and a note, asked before any
	// is written: a disk too small says so in one line, not after
	// progress lines and a casebook half made.
	if err := s.CheckRoom(int64(spec.Statements+spec.Notes) << 10); err != nil {
		return err
	}
	// Progress on standard error, every tenth of the statements.
	step := max(spec.Statements/10, 10_000)
	progress := func(done, total int) {
		if done%step == 0 || done == total {
			fmt.Fprintf(env.Stderr, "parley gen: %d of %d statements\n", done, total)
		}
	}
	// The store's writer leaves its table builders' memory behind it
	// faster than Go's collector, at its default pace, collects it: a
	// limit on the heap keeps the peak near what is live rather than at
	// twice that.
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(genMemoryLimit))
	if bulk, ok := s.(app.BulkFiller); ok {
		// The batch writer: no reads, no transactions, nothing held but
		// the actors, places and sources.
		if err := bulk.Fill(func(w app.Filler) error { return synth.Generate(spec, w, progress) }); err != nil {
			return err
		}
	} else if err := app.LoadCase(s, synth.Synthetic(spec), 2000); err != nil {
		return err
	}
	if err := app.MarkSeeded(s); err != nil {
		return err
	}
	// Its codes are made up, not suggestions to make again.
	if err := app.MarkCodesCurrent(s); err != nil {
		return err
	}
	// Left as written, the store would spend its next starts compacting,
	// which no casebook in use does at every start.
	if settler, ok := s.(interface{ Settle() error }); ok {
		if err := settler.Settle(); err != nil {
			return err
		}
	}
	notes := spec.Notes
	if spec.Statements == 0 {
		notes = 0
	}
	return printJSONLine(env.Stdout, map[string]int{"actors": max(spec.Actors, 1), "places": max(spec.Places, 1),
		"sources": max(spec.Sources, 1), "statements": spec.Statements, "notes": notes})
}

// genMemoryLimit is the soft limit of the Go heap while gen writes.
const genMemoryLimit = 600 << 20
