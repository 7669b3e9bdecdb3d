package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"codeberg.org/parley/parley/app"
)

// stringList is a repeatable string flag (--tag a --tag b).
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

func runNotes(env *Env, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: notes needs add, list or delete", ErrUsage)
	}
	switch args[0] {
	case "add":
		return notesAdd(env, args[1:])
	case "list":
		return notesList(env, args[1:])
	case "delete":
		return notesDelete(env, args[1:])
	}
	return fmt.Errorf("%w: notes %q: use add, list or delete", ErrUsage, args[0])
}

// notesAdd: parley notes add --on KIND:ID [--range START:END] [--tag T]... TEXT
// TEXT "-" reads the note from standard input. It prints {"id": ...} once the
// note is on disk.
func notesAdd(env *Env, args []string) error {
	fs, data := flags(env, "notes add")
	on := fs.String("on", "", "what the note is on, as KIND:ID (actor, place, source or statement)")
	rng := fs.String("range", "", "START:END code points of the target's text the note highlights")
	var tags stringList
	fs.Var(&tags, "tag", "a tag (repeat for several)")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *on == "" {
		return fmt.Errorf("%w: --on KIND:ID is required", ErrUsage)
	}
	target, err := app.ParseTarget(*on)
	if err != nil {
		return err
	}
	var r *app.Range
	if *rng != "" {
		parsed, err := app.ParseRange(*rng)
		if err != nil {
			return err
		}
		r = &parsed
	}
	if len(rest) == 0 {
		return fmt.Errorf("%w: the note's TEXT is missing (use - to read it from standard input)", ErrUsage)
	}
	body := strings.Join(rest, " ")
	if body == "-" {
		b, err := io.ReadAll(io.LimitReader(env.Stdin, app.MaxNoteBytes+1))
		if err != nil {
			return fmt.Errorf("reading the note: %w", err)
		}
		body = string(b)
	}
	if strings.TrimSpace(body) == "" {
		return fmt.Errorf("%w: the note is empty", app.ErrInvalid)
	}
	return withStore(env, *data, func(s app.Store) error {
		n, err := (&app.Casebook{Store: s}).AddNote(target, r, body, tags)
		if err != nil {
			return err
		}
		return printJSONLine(env.Stdout, map[string]string{"id": n.ID})
	})
}

// notesList: parley notes list [--on KIND:ID] [--tag T] [--json]
func notesList(env *Env, args []string) error {
	fs, data := flags(env, "notes list")
	on := fs.String("on", "", "only the notes on KIND:ID")
	tag := fs.String("tag", "", "only the notes with this tag")
	asJSON := fs.Bool("json", false, "print a JSON array")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("%w: notes list takes no arguments, got %q", ErrUsage, rest[0])
	}
	f := app.NoteFilter{Tag: *tag}
	if *on != "" {
		t, err := app.ParseTarget(*on)
		if err != nil {
			return err
		}
		f.Target = &t
	}
	return withStore(env, *data, func(s app.Store) error {
		cb := &app.Casebook{Store: s}
		if f.Target != nil {
			if _, err := app.TargetText(s, *f.Target); errors.Is(err, app.ErrNotFound) {
				return fmt.Errorf("%w: %s does not exist", app.ErrInvalid, f.Target)
			}
		}
		rows, err := cb.Notes(f)
		if err != nil {
			return err
		}
		if *asJSON {
			notes := make([]app.Note, len(rows))
			for i, r := range rows {
				notes[i] = r.Note
			}
			return printJSON(env.Stdout, notes)
		}
		for _, r := range rows {
			n := r.Note
			line := fmt.Sprintf("%s  %s  %s", n.ID, n.Created.Local().Format("2006-01-02 15:04"), n.Target)
			if n.Range != nil {
				line += fmt.Sprintf(" [%d:%d “%s”]", n.Range.Start, n.Range.End, app.Excerpt(r.Excerpt, 40))
			}
			if len(n.Tags) > 0 {
				line += "  #" + strings.Join(n.Tags, " #")
			}
			fmt.Fprintf(env.Stdout, "%s\n    %s\n", line, app.Excerpt(n.Body, 100))
		}
		return nil
	})
}

// notesDelete: parley notes delete ID...
func notesDelete(env *Env, args []string) error {
	fs, data := flags(env, "notes delete")
	ids, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(ids) == 0 {
		return fmt.Errorf("%w: notes delete needs the ids of the notes", ErrUsage)
	}
	return withStore(env, *data, func(s app.Store) error {
		cb := &app.Casebook{Store: s}
		for _, id := range ids {
			if _, err := cb.DeleteNote(id); err != nil {
				return err
			}
		}
		return printJSONLine(env.Stdout, map[string][]string{"deleted": ids})
	})
}
