//go:build smoke

// The smoke tests run the built binary (make smoke sets PARLEY_BIN) the way a
// user or a script would, on fresh data folders.
package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/storage"
)

func parleyBin(t *testing.T) string {
	bin := os.Getenv("PARLEY_BIN")
	if bin == "" {
		t.Fatal("PARLEY_BIN is not set; run make smoke")
	}
	return bin
}

func runParley(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(parleyBin(t), args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code = 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

func TestSmokeDumpShowsTheSeedCase(t *testing.T) {
	out, stderr, code := runParley(t, "dump", "--data", t.TempDir())
	if code != 0 {
		t.Fatalf("dump exited %d: %s", code, stderr)
	}
	if stderr != "" {
		t.Errorf("dump wrote to stderr: %q", stderr)
	}
	var c app.Case
	if err := json.Unmarshal([]byte(out), &c); err != nil {
		t.Fatalf("dump is not JSON: %v", err)
	}
	if len(c.Statements) < 20 {
		t.Fatalf("dump has %d statements, want the seed case's", len(c.Statements))
	}
	names := map[string]bool{}
	for _, a := range c.Actors {
		names[a.Name] = true
	}
	for _, want := range []string{"Antony Blinken", "Ararat Mirzoyan", "Jeyhun Bayramov"} {
		if !names[want] {
			t.Errorf("actor %s missing from the dump", want)
		}
	}
	if err := app.Validate(c); err != nil {
		t.Errorf("dumped case does not hold together: %v", err)
	}
}

func TestSmokeSecondProcessGetsOneLine(t *testing.T) {
	dir := t.TempDir()
	s, err := storage.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, stderr, code := runParley(t, "dump", "--data", dir)
	if code == 0 {
		t.Fatal("dump on a folder another process holds exited 0")
	}
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	if len(lines) != 1 || !strings.Contains(stderr, dir) || !strings.Contains(stderr, "another Parley") {
		t.Fatalf("want one line naming the folder, got %q", stderr)
	}
}

func TestSmokeUsageErrors(t *testing.T) {
	for _, args := range [][]string{{"frobnicate"}, {"dump", "extra"}, {"dump", "--nope"}} {
		_, stderr, code := runParley(t, args...)
		if code != 2 || stderr == "" {
			t.Errorf("parley %v: exit %d, stderr %q; want exit 2 and a message", args, code, stderr)
		}
	}
}
