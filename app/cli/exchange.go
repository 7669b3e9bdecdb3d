package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/exchange"
)

// runExport writes the casebook, or what a filter keeps of it, in one of
// the export formats.
func runExport(env *Env, args []string) error {
	fs, data := flags(env, "export")
	format := fs.String("format", "", strings.Join(exchange.Formats, ", "))
	out := fs.String("o", "", "the file to write")
	var f app.Filter
	fs.StringVar(&f.Actor, "actor", "", "only statements this actor spoke (actor id)")
	fs.StringVar(&f.Place, "place", "", "only statements about this place (place id)")
	fs.StringVar(&f.From, "from", "", "only statements on or after this date")
	fs.StringVar(&f.To, "to", "", "only statements on or before this date")
	fs.StringVar(&f.Tag, "tag", "", "only statements with this tag")
	noBOM := fs.Bool("no-bom", false, "csv formats: no byte-order mark at the start (for programs that dislike it)")
	rawCells := fs.Bool("raw-cells", false, "csv formats: cells as they are, without the ' that keeps spreadsheets from running a cell as a formula or reading a code as a number")
	suggested := fs.Bool("suggested", false, "plover: also statements whose code Parley suggested and no one confirmed, marked \"confirmed\": false")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(rest) > 0:
		return fmt.Errorf("%w: export takes no arguments, got %q", ErrUsage, rest[0])
	case !slices.Contains(exchange.Formats, *format):
		return fmt.Errorf("%w: --format must be one of %s", ErrUsage, strings.Join(exchange.Formats, ", "))
	case *out == "":
		return fmt.Errorf("%w: -o FILE is needed", ErrUsage)
	case *suggested && *format != "plover":
		return fmt.Errorf("%w: --suggested is for --format plover", ErrUsage)
	case (*noBOM || *rawCells) && !strings.HasPrefix(*format, "csv"):
		return fmt.Errorf("%w: --no-bom and --raw-cells are for the csv formats", ErrUsage)
	case f.From != "" && !app.ValidDate(f.From), f.To != "" && !app.ValidDate(f.To):
		return fmt.Errorf("%w: dates are YYYY, YYYY-MM or YYYY-MM-DD", ErrUsage)
	}
	return withStore(env, *data, func(s app.Store) error {
		cb := &app.Casebook{Store: s}
		if f.Actor != "" {
			if _, err := s.Actor(f.Actor); err != nil {
				return fmt.Errorf("%w: no actor %q", app.ErrInvalid, f.Actor)
			}
		}
		if f.Place != "" {
			if _, err := s.Place(f.Place); err != nil {
				return fmt.Errorf("%w: no place %q", app.ErrInvalid, f.Place)
			}
		}
		b, err := exchange.Gather(cb, f)
		if err != nil {
			return err
		}
		b.Options = exchange.Options{SuggestedEvents: *suggested, NoBOM: *noBOM, RawCells: *rawCells}
		tables, err := env.codeTables()
		if err != nil {
			return err
		}
		if err := exchange.WriteFile(*out, func(w io.Writer) error {
			return exchange.Export(context.Background(), b, *format, w, tables, nil)
		}); err != nil {
			return err
		}
		summary := map[string]any{"file": *out, "format": *format,
			"statements": len(b.Statements), "notes": len(b.Notes), "sources": len(b.Sources)}
		if *format == "plover" {
			summary["plover"] = b.PLOVER
		}
		return printJSONLine(env.Stdout, summary)
	})
}

func runBackup(env *Env, args []string) error {
	fs, data := flags(env, "backup")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return fmt.Errorf("%w: backup takes one FILE", ErrUsage)
	}
	return withStore(env, *data, func(s app.Store) error {
		var h exchange.BackupHeader
		if err := exchange.WriteFile(rest[0], func(w io.Writer) error {
			var err error
			h, err = exchange.WriteBackup(&app.Casebook{Store: s}, w)
			return err
		}); err != nil {
			return err
		}
		return printJSONLine(env.Stdout, map[string]any{"file": rest[0], "counts": h.Counts, "sha256": h.SHA256})
	})
}

func runRestore(env *Env, args []string) error {
	fs, data := flags(env, "restore")
	force := fs.Bool("force", false, "replace a casebook that is not empty")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return fmt.Errorf("%w: restore takes one FILE", ErrUsage)
	}
	f, err := os.Open(rest[0])
	if err != nil {
		return err
	}
	defer f.Close()
	s, closeFn, err := env.openBare(*data)
	if err != nil {
		return err
	}
	// The backup is read into a new casebook, checked as it comes, and put
	// in this one's place only when all of it has checked out.
	h, previous, err := exchange.RestoreBackup(context.Background(), s, filepath.Base(rest[0]), f, *force, nil)
	if cerr := closeFn(); err == nil {
		err = cerr
	}
	if errors.Is(err, exchange.ErrNotEmpty) {
		return fmt.Errorf("%w: the casebook holds data; restoring replaces all of it: run again with --force to do that", app.ErrInvalid)
	}
	if err != nil {
		return err
	}
	out := map[string]any{"restored": rest[0], "counts": h.Counts, "created": h.Created}
	if previous != "" {
		out["previous"] = previous
	}
	return printJSONLine(env.Stdout, out)
}

// importProject is `parley import` for a .qdpx file.
func importProject(env *Env, dataDir, path string, replace bool) error {
	p, err := exchange.ReadQDPXFile(path)
	if err != nil {
		return err
	}
	return withStore(env, dataDir, func(s app.Store) error {
		res, err := exchange.ImportProject(s, p, exchange.ImportOptions{Replace: replace})
		if errors.Is(err, exchange.ErrCollision) {
			return fmt.Errorf("%w: %v", app.ErrInvalid, strings.Replace(err.Error(), "import it with replace", "run again with --replace", 1))
		}
		if err != nil {
			return err
		}
		return printJSONLine(env.Stdout, map[string]any{"file": path, "project": p.Name, "result": res})
	})
}
