package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"codeberg.org/parley/parley/app"
)

// Opener opens the casebook in a data folder ("" for the default one) and
// returns it with a function that closes it.
type Opener func(dataDir string) (app.Store, func() error, error)

// Env is what a command runs with.
type Env struct {
	Stdout, Stderr io.Writer
	Stdin          io.Reader
	Open           Opener
	// OpenBare opens a casebook without loading the seed case into it, for
	// restore and gen; Open is used when it is nil.
	OpenBare Opener
	// CodeTables loads the event code tables, for exports; nil gives none.
	CodeTables func() (*app.CodeTables, error)
	DataDir    string // from a --data flag given before the command
}

// openBare opens a casebook without the seed case, or with Open when there
// is no OpenBare.
func (env *Env) openBare(dir string) (app.Store, func() error, error) {
	if env.OpenBare == nil {
		return env.Open(dir)
	}
	return env.OpenBare(dir)
}

func (env *Env) codeTables() (*app.CodeTables, error) {
	if env.CodeTables == nil {
		return nil, nil
	}
	return env.CodeTables()
}

// Exit codes.
const (
	ExitOK    = 0
	ExitError = 1
	ExitUsage = 2
)

// ErrUsage marks a mistake in the command line itself.
var ErrUsage = errors.New("usage")

type command struct {
	name    string
	summary string
	run     func(env *Env, args []string) error
}

func commands() []command {
	return []command{
		{"dump", "print the whole casebook as JSON", runDump},
		{"extract", "print the quotations of article files as JSON lines: extract FILE...", runExtract},
		{"import", "file the statements of articles: import FILE... [--title T] [--outlet O] [--date D] [--url U]", runImport},
		{"search", "search statements, notes, actors, places and sources: search QUERY [--json] [--limit N] [--offset K] [--actor ID] [--place ID] [--from D] [--to D] [--tag T]", runSearch},
		{"index", "check the saved search index against the casebook, or build it again: index check | index rebuild", runIndex},
		{"export", "export --format md|csv|csv-reports|csv-notes|jsonld|qdpx|plover -o FILE [--actor ID] [--place ID] [--from D] [--to D] [--tag T] [--no-bom] [--raw-cells] [--suggested]", runExport},
		{"backup", "write the whole casebook to one file: backup FILE", runBackup},
		{"restore", "replace the casebook with a backup: restore [--force] FILE", runRestore},
		{"gen", "fill an empty --data folder with a generated casebook: gen [--statements N] [--notes N] [--actors N]", runGen},
		{"notes", "add, list or delete notes: notes add --on KIND:ID [--range S:E] [--tag T]... TEXT", runNotes},
		{"sources", "list, show or correct sources: sources list [--json]; sources show ID; sources set ID [--title T] [--outlet O] [--byline B] [--date D] [--url U] [--lang L]", runSources},
		{"feeds", "follow news feeds and review what they bring: " + feedsUsage, runFeeds},
		{"statements", "mark statements by hand: statements add --source ID --range S:E --speaker NAME [--to NAME] [--kind K] [--cue C]; statements split ID AT | ID --report SOURCE; statements merge ID ID; statements delete ID...; statements match [--dry-run]", runStatements},
	}
}

// Is reports whether name is a subcommand.
func Is(name string) bool {
	for _, c := range commands() {
		if c.name == name {
			return true
		}
	}
	return name == "help"
}

// Run runs one subcommand and returns the process exit code. What it
// prints goes through a safeWriter: text from the casebook never reaches
// the terminal as control sequences.
func Run(env *Env, name string, args []string) int {
	out, errOut := newSafeWriter(env.Stdout), newSafeWriter(env.Stderr)
	defer out.flush()
	defer errOut.flush()
	safe := *env
	safe.Stdout, safe.Stderr = out, errOut
	return run(&safe, name, args)
}

func run(env *Env, name string, args []string) int {
	for _, c := range commands() {
		if c.name != name {
			continue
		}
		err := c.run(env, args)
		switch {
		case err == nil:
			return ExitOK
		case errors.Is(err, flag.ErrHelp):
			return ExitOK
		case errors.Is(err, ErrUsage) || errors.Is(err, app.ErrInvalid):
			fmt.Fprintln(env.Stderr, "parley "+name+": "+oneLine(err))
			return ExitUsage
		default:
			fmt.Fprintln(env.Stderr, "parley "+name+": "+oneLine(err))
			return ExitError
		}
	}
	Usage(env.Stderr)
	if name == "help" {
		return ExitOK
	}
	return ExitUsage
}

// Usage prints the list of subcommands.
func Usage(w io.Writer) {
	fmt.Fprintln(w, "usage: parley [--data DIR] [COMMAND [ARGS]]")
	fmt.Fprintln(w, "With no command, parley opens the window. Commands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "  notes list [--on KIND:ID] [--tag T] [--json]; notes delete ID...")
	fmt.Fprintln(w, "Each command takes --data DIR; 'parley COMMAND -h' lists its flags.")
}

// oneLine folds a possibly multi-line error into one line.
func oneLine(err error) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(err.Error(), "\n", "; ")), " ")
}

// flags makes a flag set for a command that reports errors instead of
// exiting, with the shared --data flag.
func flags(env *Env, name string) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet("parley "+name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	data := fs.String("data", env.DataDir, "data folder (default: the per-user data folder)")
	return fs, data
}

// parse parses flags, turning a flag error into a usage error. Flags may
// come before or after the positional arguments.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, fmt.Errorf("%w: %v", ErrUsage, err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return rest, nil
		}
		if args[0] == "--" {
			return append(rest, args[1:]...), nil
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}

// withStore opens the casebook for the length of fn.
func withStore(env *Env, dir string, fn func(app.Store) error) (err error) {
	s, closeFn, err := env.Open(dir)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := closeFn(); err == nil && cerr != nil {
			err = cerr
		}
	}()
	return fn(s)
}

// printJSONLine prints v as one line of JSON.
func printJSONLine(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func runDump(env *Env, args []string) error {
	fs, data := flags(env, "dump")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("%w: dump takes no arguments, got %q", ErrUsage, rest[0])
	}
	return withStore(env, *data, func(s app.Store) error {
		c, err := (&app.Casebook{Store: s}).Dump()
		if err != nil {
			return err
		}
		return printJSON(env.Stdout, c)
	})
}
