package cli_test

import (
	"bytes"
	"encoding/json"
	"io"
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
