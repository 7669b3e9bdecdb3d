package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/cli"
	"codeberg.org/parley/parley/assets"
	"codeberg.org/parley/parley/storage"
)

// run runs a command against real storage in dir, as main wires it.
func run(t *testing.T, dir string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := cliRun(cliEnv(dir, &out, &errb), args[0], args[1:])
	return out.String(), errb.String(), code
}

var cliRun = cli.Run

func cliEnv(dir string, out, errb io.Writer) *cli.Env {
	return &cli.Env{
		Stdout: out, Stderr: errb, Stdin: strings.NewReader(""),
		Open: func(d string) (app.Store, func() error, error) {
			if d == "" {
				d = dir
			}
			s, err := storage.Open(d)
			if err != nil {
				return nil, nil, err
			}
			seed, _ := assets.SeedCase()
			if _, err := app.EnsureSeed(s, seed); err != nil {
				return nil, nil, err
			}
			return s, s.Close, nil
		},
	}
}

func TestDump(t *testing.T) {
	dir := t.TempDir()
	out, stderr, code := run(t, dir, "dump", "--data", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"actors", "places", "sources", "statements", "notes"} {
		if !strings.HasPrefix(string(raw[k]), "[") {
			t.Errorf("%s is not an array: %.40s", k, raw[k])
		}
	}
}

func TestUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
	}{
		{[]string{"dump", "stray"}, cli.ExitUsage},
		{[]string{"dump", "--bogus"}, cli.ExitUsage},
		{[]string{"nonsense"}, cli.ExitUsage},
		{[]string{"help"}, cli.ExitOK},
	}
	for _, tt := range tests {
		_, stderr, code := run(t, t.TempDir(), tt.args...)
		if code != tt.code {
			t.Errorf("%v: exit %d, want %d (%s)", tt.args, code, tt.code, stderr)
		}
	}
}

func TestSearchCommand(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"search", "marathon"}, 0, "[marathon]"},
		{[]string{"search", `"the last kilometer"`}, 0, "st-15"},
		{[]string{"search", "MIRZOIAN"}, 0, "mirzoyan"},
		{[]string{"search", "zzzqqq"}, 0, "Nothing found."},
		{[]string{"search", "--json", "lachin"}, 0, `"id": "lachin-corridor"`},
		{[]string{"search", "--json", "zzzqqq"}, 0, "[]"},
		{[]string{"search"}, cli.ExitUsage, ""},
	}
	for _, tt := range tests {
		out, stderr, code := run(t, dir, append(tt.args, "--data", dir)...)
		if code != tt.code || !strings.Contains(out, tt.want) {
			t.Errorf("%v: exit %d, out %q, stderr %q; want %d and %q", tt.args, code, out, stderr, tt.code, tt.want)
		}
	}
}

// The search index is built at the first search, saved, caught up on the
// writes made since, and checked and rebuilt on demand; every step in order,
// on one casebook.
func TestIndexCommands(t *testing.T) {
	dir := t.TempDir()
	steps := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"index", "check"}, 0, "index: built, agrees with the casebook"},
		{[]string{"search", "marathon"}, 0, "[marathon]"},
		{[]string{"index", "check"}, 0, "index: loaded, agrees with the casebook"},
		{[]string{"notes", "add", "--on", "actor:mirzoyan", "a wombat of a week"}, 0, ""},
		{[]string{"search", "wombat"}, 0, "[wombat]"},
		{[]string{"index", "check"}, 0, "index: caught up, agrees with the casebook"},
		{[]string{"index", "rebuild"}, 0, "index: built and saved, 50 documents"},
		{[]string{"index", "check"}, 0, "index: loaded, agrees with the casebook"},
		{[]string{"index"}, cli.ExitUsage, ""},
		{[]string{"index", "drop"}, cli.ExitUsage, ""},
	}
	for _, tt := range steps {
		out, stderr, code := run(t, dir, append(tt.args, "--data", dir)...)
		if code != tt.code || !strings.Contains(out, tt.want) {
			t.Fatalf("%v: exit %d, out %q, stderr %q; want %d and %q", tt.args, code, out, stderr, tt.code, tt.want)
		}
	}
}

func TestExportBackupRestoreCommands(t *testing.T) {
	dir := t.TempDir()
	data, fresh := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	if _, stderr, code := run(t, dir, "notes", "add", "--data", data, "--on", "statement:st-15", "--tag", "run", "Marathon image."); code != 0 {
		t.Fatal(stderr)
	}
	for _, f := range []string{"md", "csv", "jsonld", "qdpx", "plover"} {
		out := filepath.Join(dir, "x."+f)
		if _, stderr, code := run(t, dir, "export", "--data", data, "--format", f, "-o", out); code != 0 {
			t.Fatalf("%s: %s", f, stderr)
		}
		if info, err := os.Stat(out); err != nil || info.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
	backup := filepath.Join(dir, "all.parley")
	if _, stderr, code := run(t, dir, "backup", "--data", data, backup); code != 0 {
		t.Fatal(stderr)
	}
	bareEnv := func(out, errb *bytes.Buffer) *cli.Env {
		env := cliEnv(dir, out, errb)
		env.OpenBare = func(d string) (app.Store, func() error, error) {
			s, err := storage.Open(d)
			if err != nil {
				return nil, nil, err
			}
			return s, s.Close, nil
		}
		return env
	}
	var out, errb bytes.Buffer
	if code := cli.Run(bareEnv(&out, &errb), "restore", []string{"--data", fresh, backup}); code != 0 {
		t.Fatal(errb.String())
	}
	a, _, _ := run(t, dir, "dump", "--data", data)
	b, _, _ := run(t, dir, "dump", "--data", fresh)
	if a != b {
		t.Error("dump of the restored casebook differs from the original's")
	}
	out.Reset()
	errb.Reset()
	if code := cli.Run(bareEnv(&out, &errb), "restore", []string{"--data", fresh, backup}); code != cli.ExitUsage || !strings.Contains(errb.String(), "--force") {
		t.Errorf("restore over data: exit %d, %q", code, errb.String())
	}
	damaged := filepath.Join(dir, "bad.parley")
	raw, _ := os.ReadFile(backup)
	os.WriteFile(damaged, raw[:len(raw)-10], 0o644)
	errb.Reset()
	if code := cli.Run(bareEnv(&out, &errb), "restore", []string{"--data", fresh, "--force", damaged}); code == 0 || !strings.Contains(errb.String(), "cannot restore") {
		t.Errorf("damaged backup: exit %d, %q", code, errb.String())
	}
	if c, _, _ := run(t, dir, "dump", "--data", fresh); c != a {
		t.Error("a refused restore changed the casebook")
	}
	for _, args := range [][]string{
		{"export", "--format", "pdf", "-o", "x"},
		{"export", "--format", "md"},
		{"export", "--format", "md", "-o", filepath.Join(dir, "y.md"), "--actor", "nobody"},
		{"restore"},
	} {
		if _, _, code := run(t, dir, append(args, "--data", data)...); code != cli.ExitUsage {
			t.Errorf("%v: exit %d, want usage error", args, code)
		}
	}
}

// A generated casebook's codes are made up: no later start suggests them
// again.
func TestGenMarksItsCodesCurrent(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "gen")
	var out, errs bytes.Buffer
	env := cliEnv(dir, &out, &errs)
	env.Open = func(d string) (app.Store, func() error, error) { // as main opens an empty folder: no seed
		s, err := storage.Open(d)
		if err != nil {
			return nil, nil, err
		}
		return s, s.Close, nil
	}
	if code := cli.Run(env, "gen", []string{"--data", dir, "--statements", "300", "--notes", "10"}); code != 0 {
		t.Fatalf("gen: %d %s", code, errs.String())
	}
	s, err := storage.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n, err := app.RecodeSuggestions(context.Background(), s); n != 0 || err != nil {
		t.Errorf("%d generated statements suggested again (%v)", n, err)
	}
}
