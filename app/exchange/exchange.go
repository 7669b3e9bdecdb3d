package exchange

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"codeberg.org/parley/parley/app"
)

// Formats are the export formats, by the name the command line takes.
var Formats = []string{"md", "csv", "csv-reports", "csv-notes", "jsonld", "qdpx", "plover"}

// Extension is the usual file extension of a format.
func Extension(format string) string {
	switch format {
	case "jsonld":
		return ".jsonld"
	case "plover":
		return ".jsonl"
	case "csv-reports", "csv-notes":
		return ".csv"
	}
	return "." + format
}

// Progress is told how much of an export or restore is done.
type Progress func(done, total int)

// Bundle is what an export holds: the statements under a filter with
// everything they refer to, and the notes on all of it. With no filter it
// is the whole casebook.
type Bundle struct {
	app.Case
	Filter app.Filter
	// Whole is set when the bundle is the whole casebook.
	Whole bool
	// Options are the user's choices for the formats that have any.
	Options Options
	// Author names the person the exports credit; "" takes the name of
	// the account Parley runs under.
	Author string
	// PLOVER says what the last PLOVER export of the bundle wrote.
	PLOVER PLOVERSummary
	actor  map[string]app.Actor
	place  map[string]app.Place
	src    map[string]app.Source
}

// Options are the choices an export offers.
type Options struct {
	// SuggestedEvents exports, as PLOVER events, statements whose code
	// Parley suggested and no one has confirmed, marked as such.
	SuggestedEvents bool
	// NoBOM leaves the byte-order mark out of a CSV file, and RawCells
	// writes its cells as they are, without the ' that keeps a
	// spreadsheet from taking a cell for a formula or a code for a number:
	// for programs that read the file as data.
	NoBOM, RawCells bool
}

// Gather reads what an export of the casebook under f holds, from one
// snapshot.
func Gather(cb *app.Casebook, f app.Filter) (*Bundle, error) {
	whole, err := cb.Dump()
	if err != nil {
		return nil, err
	}
	b := &Bundle{Filter: f, Whole: f.IsZero()}
	if b.Whole {
		b.Case = whole
	} else {
		b.Case = app.Case{Texts: map[string]string{}, Events: whole.Events}
		keepActor, keepPlace, keepSource, keepStatement := map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
		for _, st := range whole.Statements {
			if !f.Passes(st) {
				continue
			}
			b.Statements = append(b.Statements, st)
			keepStatement[st.ID] = true
			for _, r := range st.AllReports() {
				keepSource[r.Source] = true
			}
			for _, a := range slices.Concat(st.Speakers, st.Recipients) {
				keepActor[a] = true
			}
			for _, p := range st.Places {
				keepPlace[p] = true
			}
		}
		// Parents, members and seats of the actors kept come too, so the
		// bundle holds together.
		for changed := true; changed; {
			changed = false
			for _, a := range whole.Actors {
				if !keepActor[a.ID] {
					continue
				}
				for _, id := range append(slices.Clone(a.Members), a.Parent) {
					if id != "" && !keepActor[id] {
						keepActor[id], changed = true, true
					}
				}
				if a.Seat != "" {
					keepPlace[a.Seat] = true
				}
			}
		}
		for _, a := range whole.Actors {
			if keepActor[a.ID] {
				b.Actors = append(b.Actors, a)
			}
		}
		for _, p := range whole.Places {
			if keepPlace[p.ID] {
				b.Places = append(b.Places, p)
			}
		}
		for _, s := range whole.Sources {
			if keepSource[s.ID] {
				b.Sources = append(b.Sources, s)
				if t, ok := whole.Texts[s.ID]; ok {
					b.Texts[s.ID] = t
				}
			}
		}
		keep := map[app.TargetKind]map[string]bool{
			app.TargetActor: keepActor, app.TargetPlace: keepPlace,
			app.TargetSource: keepSource, app.TargetStatement: keepStatement,
		}
		for _, n := range whole.Notes {
			if keep[n.Target.Kind][n.Target.ID] && (f.Tag == "" || n.Target.Kind == app.TargetStatement || slices.Contains(n.Tags, f.Tag)) {
				b.Notes = append(b.Notes, n)
			}
		}
	}
	b.index()
	return b, nil
}

// BundleOf makes a whole case that is in no store a bundle to export.
func BundleOf(c app.Case) *Bundle {
	b := &Bundle{Case: c, Whole: true}
	b.index()
	return b
}

func (b *Bundle) index() {
	b.actor, b.place, b.src = map[string]app.Actor{}, map[string]app.Place{}, map[string]app.Source{}
	for _, a := range b.Actors {
		b.actor[a.ID] = a
	}
	for _, p := range b.Places {
		b.place[p.ID] = p
	}
	for _, s := range b.Sources {
		b.src[s.ID] = s
	}
}

// names lists the names of actors by id, in order.
func (b *Bundle) names(ids []string) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if a, ok := b.actor[id]; ok {
			out = append(out, a.Name)
		} else {
			out = append(out, id)
		}
	}
	return out
}

// notesOn lists the notes on one item, oldest first.
func (b *Bundle) notesOn(t app.Target) []app.Note {
	var out []app.Note
	for _, n := range b.Notes {
		if n.Target == t {
			out = append(out, n)
		}
	}
	slices.SortFunc(out, func(x, y app.Note) int { return x.Created.Compare(y.Created) })
	return out
}

// Export writes the bundle in a format to w.
func Export(ctx context.Context, b *Bundle, format string, w io.Writer, tables *app.CodeTables, progress Progress) error {
	if progress == nil {
		progress = func(int, int) {}
	}
	switch format {
	case "md":
		return writeMarkdown(ctx, b, w, tables, progress)
	case "csv":
		return writeCSV(ctx, b, w, tables, progress)
	case "csv-reports":
		return writeReportsCSV(ctx, b, w, progress)
	case "csv-notes":
		return writeNotesCSV(ctx, b, w, progress)
	case "jsonld":
		return writeJSONLD(ctx, b, w, progress)
	case "qdpx":
		return writeQDPX(ctx, b, w, progress)
	case "plover":
		return writePLOVER(ctx, b, w, tables, progress)
	}
	return fmt.Errorf("%w: unknown format %q; formats are %s", app.ErrInvalid, format, strings.Join(Formats, ", "))
}

// WriteFile writes a file through fn under a temporary name in the same
// folder, syncs it and renames it into place: the file appears whole or not
// at all.
func WriteFile(path string, fn func(io.Writer) error) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return fmt.Errorf("%s is a folder", path)
	}
	tmp, err := createShared(dir, "."+base+".partial-")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = fn(tmp); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// createShared creates a new file in dir whose name starts with prefix,
// with the permissions the user's umask gives any new file (0666 less the
// umask): an export or a backup is meant to be shared, where os.CreateTemp
// would make it readable by its owner alone.
func createShared(dir, prefix string) (*os.File, error) {
	for range 100 {
		name := filepath.Join(dir, prefix+strconv.FormatUint(rand.Uint64(), 36))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
	return nil, fmt.Errorf("no free temporary name in %s", dir)
}

// ErrCancelled is returned when the user stops a long export or restore.
var ErrCancelled = errors.New("cancelled")

func cancelled(ctx context.Context) error {
	if ctx.Err() != nil {
		return ErrCancelled
	}
	return nil
}
