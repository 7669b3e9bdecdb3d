package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/importer"
)

func runSources(env *Env, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: sources needs list, show or set", ErrUsage)
	}
	switch args[0] {
	case "list":
		return sourcesList(env, args[1:])
	case "show":
		return sourcesShow(env, args[1:])
	case "set":
		return sourcesSet(env, args[1:])
	}
	return fmt.Errorf("%w: sources %q: use list, show or set", ErrUsage, args[0])
}

// sourceRow is one source as list prints it.
type sourceRow struct {
	app.Source
	Statements int `json:"statements"`
}

func sourcesList(env *Env, args []string) error {
	fs, data := flags(env, "sources list")
	asJSON := fs.Bool("json", false, "print JSON lines")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	return withStore(env, *data, func(s app.Store) error {
		rows, err := (&app.Casebook{Store: s}).SourceRows()
		if err != nil {
			return err
		}
		if *asJSON {
			for _, r := range rows {
				if err := printJSONLine(env.Stdout, sourceRow{r.Source, r.Statements}); err != nil {
					return err
				}
			}
			return nil
		}
		tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tDATE\tLANG\tSTATEMENTS\tTEXT\tOUTLET\tTITLE")
		for _, r := range rows {
			text := "stored"
			if !r.Source.HasText {
				text = "none"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\t%s\n", r.Source.ID, r.Source.DateLabel(), dash(r.Source.Language),
				r.Statements, text, dash(r.Source.Outlet), app.Excerpt(r.Source.Title, 70))
		}
		return tw.Flush()
	})
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func sourcesShow(env *Env, args []string) error {
	fs, data := flags(env, "sources show")
	asJSON := fs.Bool("json", false, "print the source and its text as JSON")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return fmt.Errorf("%w: sources show needs one source ID", ErrUsage)
	}
	return withStore(env, *data, func(s app.Store) error {
		src, err := s.Source(rest[0])
		if err != nil {
			return sourceNotFound(rest[0], err)
		}
		text := ""
		if src.HasText {
			if text, err = s.SourceText(src.ID); err != nil {
				return err
			}
		}
		ids, err := s.StatementIDsBySource(src.ID)
		if err != nil {
			return err
		}
		if *asJSON {
			return printJSON(env.Stdout, struct {
				app.Source
				Statements []string `json:"statements"`
				Text       string   `json:"text,omitempty"`
			}{src, ids, text})
		}
		printSource(env.Stdout, src, len(ids))
		fmt.Fprintln(env.Stdout)
		if !src.HasText {
			fmt.Fprintln(env.Stdout, "(no text stored: import the article to read it here)")
			return nil
		}
		fmt.Fprintln(env.Stdout, text)
		return nil
	})
}

func sourceNotFound(id string, err error) error {
	return fmt.Errorf("%w: no source %q (parley sources list shows them): %v", app.ErrInvalid, id, err)
}

func printSource(w io.Writer, src app.Source, statements int) {
	line := func(k, v string) {
		if v != "" {
			fmt.Fprintf(w, "%-11s %s\n", k+":", v)
		}
	}
	line("Source", src.ID)
	line("Title", src.Title)
	line("Outlet", src.Outlet)
	line("Byline", strings.Join(src.Byline, ", "))
	date := src.DateLabel()
	if src.Published != "" && src.DatePrecision != "" {
		date += " (" + string(src.DatePrecision) + ")"
	}
	line("Date", date)
	line("Language", src.Language)
	line("Address", src.URL)
	line("Statements", fmt.Sprint(statements))
	if src.HasText {
		line("Text", fmt.Sprintf("%d characters", src.TextLength))
	}
}

// sourcesSet: parley sources set ID [--title T] [--outlet O] [--byline B]
// [--date D] [--url U] [--lang L]. Only the flags given change; a value
// that is not valid changes nothing.
func sourcesSet(env *Env, args []string) error {
	fs, data := flags(env, "sources set")
	title := fs.String("title", "", "the title")
	outlet := fs.String("outlet", "", "who published it")
	byline := fs.String("byline", "", "the authors, separated by commas")
	date := fs.String("date", "", "YYYY-MM-DD, YYYY-MM, YYYY, or unknown")
	url := fs.String("url", "", "the address it was published at (empty to remove)")
	lang := fs.String("lang", "", "the language, as a BCP 47 tag (en, ru, hy, az-Latn …)")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return fmt.Errorf("%w: sources set needs one source ID", ErrUsage)
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	if len(given) == 0 || len(given) == 1 && given["data"] {
		return fmt.Errorf("%w: sources set: give at least one of --title, --outlet, --byline, --date, --url, --lang", ErrUsage)
	}
	return withStore(env, *data, func(s app.Store) error {
		src, err := s.Source(rest[0])
		if err != nil {
			return sourceNotFound(rest[0], err)
		}
		m := src.Meta()
		if given["title"] {
			m.Title = *title
		}
		if given["outlet"] {
			m.Outlet = *outlet
		}
		if given["byline"] {
			m.Byline = app.ParseByline(*byline)
		}
		if given["date"] {
			m.Published = *date
		}
		if given["url"] {
			m.URL = *url
		}
		if given["lang"] {
			m.Language = *lang
		}
		edit, err := (&app.Casebook{Store: s}).SetSourceMeta(src.ID, m)
		if err != nil {
			return err
		}
		return printJSONLine(env.Stdout, edit.After)
	})
}

func runStatements(env *Env, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: statements needs add, split, merge or delete", ErrUsage)
	}
	switch args[0] {
	case "add":
		return statementsAdd(env, args[1:])
	case "split":
		return statementsSplit(env, args[1:])
	case "merge":
		return statementsMerge(env, args[1:])
	case "delete":
		return statementsDelete(env, args[1:])
	case "match":
		return statementsMatch(env, args[1:])
	}
	return fmt.Errorf("%w: statements %q: use add, split, merge, delete or match", ErrUsage, args[0])
}

// statementsAdd: parley statements add --source ID --range S:E --speaker
// NAME [--to NAME]... [--kind K] [--cue C]. A speaker the casebook does
// not know becomes a new actor.
func statementsAdd(env *Env, args []string) error {
	fs, data := flags(env, "statements add")
	source := fs.String("source", "", "the source whose text holds the quote")
	rng := fs.String("range", "", "START:END code points of the source's text")
	speaker := fs.String("speaker", "", "who said it: an actor's id or name (a new name makes a new actor)")
	var to stringList
	fs.Var(&to, "to", "who it was said to: an actor's id or name (repeat for several)")
	kind := fs.String("kind", "direct", "direct, indirect or fragment")
	cue := fs.String("cue", "", "the words that report the speech (said, told, заявил …)")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	switch {
	case *source == "":
		return fmt.Errorf("%w: --source ID is required", ErrUsage)
	case *rng == "":
		return fmt.Errorf("%w: --range START:END is required", ErrUsage)
	case strings.TrimSpace(*speaker) == "":
		return fmt.Errorf("%w: --speaker NAME is required", ErrUsage)
	}
	r, err := app.ParseRange(*rng)
	if err != nil {
		return err
	}
	k := app.StatementKind(*kind)
	switch k {
	case app.KindDirect, app.KindIndirect, app.KindFragment:
	default:
		return fmt.Errorf("%w: --kind %q is not direct, indirect or fragment", ErrUsage, *kind)
	}
	return withStore(env, *data, func(s app.Store) error {
		if _, err := s.Source(*source); err != nil {
			return sourceNotFound(*source, err)
		}
		actors, err := s.Actors()
		if err != nil {
			return err
		}
		id, created := importer.Speaker(actors, *speaker)
		var recipients []string
		for _, name := range to {
			rid, newOne := importer.Speaker(actors, name)
			if newOne != nil {
				return fmt.Errorf("%w: --to %q is not an actor of the casebook", app.ErrInvalid, name)
			}
			recipients = append(recipients, rid)
		}
		st, _, err := (&app.Casebook{Store: s}).AddStatement(app.StatementDraft{
			Source: *source, Range: r, Speakers: []string{id}, NewSpeaker: created,
			Recipients: recipients, Kind: k, Cue: *cue,
		})
		if err != nil {
			return err
		}
		if created != nil {
			fmt.Fprintf(env.Stderr, "parley statements add: %q is new: added as the actor %s\n", created.Name, created.ID)
		}
		return printJSONLine(env.Stdout, st)
	})
}

// statementsSplit: parley statements split ID AT cuts a quote at a code
// point of its source's text; parley statements split ID --report SOURCE
// takes the statement's report in SOURCE out as a statement of its own.
func statementsSplit(env *Env, args []string) error {
	fs, data := flags(env, "statements split")
	report := fs.String("report", "", "the source whose report becomes a statement of its own (a wrong match)")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	var at int
	switch {
	case *report != "" && len(rest) != 1:
		return fmt.Errorf("%w: statements split ID --report SOURCE takes one statement ID", ErrUsage)
	case *report == "" && len(rest) != 2:
		return fmt.Errorf("%w: statements split needs ID and AT (a code point of the source's text), or ID --report SOURCE", ErrUsage)
	case *report == "":
		if _, err := fmt.Sscan(rest[1], &at); err != nil {
			return fmt.Errorf("%w: AT %q is not a number", ErrUsage, rest[1])
		}
	}
	return withStore(env, *data, func(s app.Store) error {
		cb := &app.Casebook{Store: s}
		var parts [2]app.Statement
		var err error
		if *report != "" {
			parts, _, err = cb.SplitReport(rest[0], *report)
		} else {
			parts, _, err = cb.SplitStatement(rest[0], at)
		}
		if err != nil {
			return err
		}
		for _, st := range parts {
			if err := printJSONLine(env.Stdout, st); err != nil {
				return err
			}
		}
		return nil
	})
}

// statementsMerge: parley statements merge ID ID. Two statements of one
// source become one quote running over both; two from different sources,
// the same words, become one statement with both reports.
func statementsMerge(env *Env, args []string) error {
	fs, data := flags(env, "statements merge")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 2 {
		return fmt.Errorf("%w: statements merge needs two statement IDs", ErrUsage)
	}
	return withStore(env, *data, func(s app.Store) error {
		a, err := s.Statement(rest[0])
		if err != nil {
			return fmt.Errorf("%w: no statement %q: %v", app.ErrInvalid, rest[0], err)
		}
		b, err := s.Statement(rest[1])
		if err != nil {
			return fmt.Errorf("%w: no statement %q: %v", app.ErrInvalid, rest[1], err)
		}
		cb := &app.Casebook{Store: s}
		var st app.Statement
		if a.Source == b.Source {
			st, _, err = cb.MergeStatements(a.ID, b.ID)
		} else {
			st, _, err = cb.JoinStatements(a.ID, b.ID)
		}
		if err != nil {
			return err
		}
		return printJSONLine(env.Stdout, st)
	})
}

// statementsMatch: parley statements match [--dry-run] finds the statements
// that report again the words of another (filed before matching existed,
// or missed), prints each joining as a JSON line, and files it unless
// --dry-run.
func statementsMatch(env *Env, args []string) error {
	fs, data := flags(env, "statements match")
	dry := fs.Bool("dry-run", false, "print the joinings found, change nothing")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	return withStore(env, *data, func(s app.Store) error {
		cb := &app.Casebook{Store: s}
		found, err := cb.FindJoinings()
		if err != nil {
			return err
		}
		for _, j := range found {
			if !*dry {
				if _, _, err := cb.JoinStatements(j.Into, j.From); err != nil {
					return fmt.Errorf("joining %s into %s: %w", j.From, j.Into, err)
				}
			}
			if err := printJSONLine(env.Stdout, j); err != nil {
				return err
			}
		}
		return nil
	})
}

func statementsDelete(env *Env, args []string) error {
	fs, data := flags(env, "statements delete")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) == 0 {
		return fmt.Errorf("%w: statements delete needs at least one statement ID", ErrUsage)
	}
	return withStore(env, *data, func(s app.Store) error {
		cb := &app.Casebook{Store: s}
		for _, id := range rest {
			if _, err := s.Statement(id); err != nil {
				return fmt.Errorf("%w: no statement %q: %v", app.ErrInvalid, id, err)
			}
		}
		for _, id := range rest {
			if _, err := cb.RemoveStatement(id); err != nil {
				return err
			}
		}
		return nil
	})
}
