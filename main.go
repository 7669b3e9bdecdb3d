package main

import (
	_ "embed"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/adrg/xdg"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/cli"
	"codeberg.org/parley/parley/assets"
	"codeberg.org/parley/parley/storage"
	"codeberg.org/parley/parley/views"
)

// fyneAppToml is the app's metadata; the About box shows its version
// whichever way the binary was built.
//
//go:embed FyneApp.toml
var fyneAppToml string

// version reads Version = "x.y.z" from FyneApp.toml.
func version() string {
	for _, line := range strings.Split(fyneAppToml, "\n") {
		if k, v, ok := strings.Cut(line, "="); ok && strings.TrimSpace(k) == "Version" {
			return strings.Trim(strings.TrimSpace(v), `"`)
		}
	}
	return ""
}

func main() {
	global := flag.NewFlagSet("parley", flag.ContinueOnError)
	data := global.String("data", "", "data folder (default: the per-user data folder)")
	probe := global.Bool("startup-probe", false, "quit when the first frame is shown and print the start-up time and memory")
	bare := global.Bool("bare", false, "with --startup-probe: measure an empty window instead, the floor Parley is compared with")
	global.Usage = func() { cli.Usage(os.Stderr) }
	if err := global.Parse(os.Args[1:]); err != nil {
		if err == flag.ErrHelp {
			os.Exit(cli.ExitOK)
		}
		os.Exit(cli.ExitUsage)
	}
	args := global.Args()
	if len(args) > 0 {
		if !cli.Is(args[0]) {
			fmt.Fprintf(os.Stderr, "parley: unknown command %q\n", args[0])
			cli.Usage(os.Stderr)
			os.Exit(cli.ExitUsage)
		}
		env := &cli.Env{Stdout: os.Stdout, Stderr: os.Stderr, Stdin: os.Stdin, Open: openStore, OpenBare: openBareStore,
			CodeTables: assets.CodeTables, DataDir: *data}
		os.Exit(cli.Run(env, args[0], args[1:]))
	}

	if *probe && *bare {
		os.Exit(views.RunBareProbe())
	}
	dir := *data
	if dir == "" {
		dir = defaultDataDir()
	}
	// The window opens the store itself, while it loads fonts and makes
	// the window, so that neither waits for the other.
	var closeStore func() error
	code := views.Run(views.Config{
		OpenStore: func() (app.Store, error) {
			s, closeFn, err := openStore(dir)
			closeStore = closeFn
			return s, err
		},
		DataDir:      dir,
		Version:      version(),
		Icon:         assets.WindowIcon,
		Map:          assets.RegionMap,
		Codes:        assets.CodeTables,
		StartupProbe: *probe,
	})
	if closeStore != nil {
		if err := closeStore(); err != nil {
			fmt.Fprintln(os.Stderr, "parley: closing the casebook:", err)
			code = cli.ExitError
		}
	}
	os.Exit(code)
}

// defaultDataDir is the per-user data location: XDG_DATA_HOME on Linux,
// Application Support on macOS, AppData on Windows.
func defaultDataDir() string { return filepath.Join(xdg.DataHome, "parley") }

// openBareStore opens the casebook in dir as it is, without the seed case:
// restore fills it.
func openBareStore(dir string) (app.Store, func() error, error) {
	if dir == "" {
		dir = defaultDataDir()
	}
	s, err := storage.Open(dir)
	if err != nil {
		return nil, nil, err
	}
	// Work a crash left half done (a very large import) is taken out
	// before anything reads the casebook.
	undone, err := app.RecoverInterrupted(s)
	if err != nil {
		_ = s.Close()
		return nil, nil, err
	}
	for _, src := range undone {
		fmt.Fprintf(os.Stderr, "parley: the import of %s was interrupted; what it had filed is taken out\n", src)
	}
	return s, s.Close, nil
}

// openStore opens the casebook in dir (the default folder when empty) and
// loads the seed case into it if it is new.
func openStore(dir string) (app.Store, func() error, error) {
	s, closeFn, err := openBareStore(dir)
	if err != nil {
		return nil, nil, err
	}
	seed, err := assets.SeedCase()
	if err == nil {
		_, err = app.EnsureSeed(s, seed)
	}
	if err != nil {
		_ = closeFn()
		return nil, nil, err
	}
	return s, closeFn, nil
}
