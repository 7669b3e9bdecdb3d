package cli_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/storage"
)

func TestNotesAddAndList(t *testing.T) {
	dir := t.TempDir()
	out, stderr, code := run(t, dir, "notes", "add", "--on", "statement:st-15", "--range", "4:13", "--tag", "metaphor", "--tag", "#marathon", "A **metaphor**")
	if code != 0 {
		t.Fatalf("add: exit %d %s", code, stderr)
	}
	var added struct{ ID string }
	if err := json.Unmarshal([]byte(out), &added); err != nil || added.ID == "" {
		t.Fatalf("add printed %q", out)
	}
	out, _, code = run(t, dir, "notes", "list", "--on", "statement:st-15", "--json")
	if code != 0 {
		t.Fatal(code)
	}
	var notes []app.Note
	if err := json.Unmarshal([]byte(out), &notes); err != nil {
		t.Fatal(err)
	}
	if len(notes) != 1 || notes[0].ID != added.ID || notes[0].Range.Start != 4 || notes[0].Tags[1] != "marathon" {
		t.Fatalf("listed %+v", notes)
	}
	out, _, _ = run(t, dir, "notes", "list", "--tag", "metaphor")
	if !strings.Contains(out, "last kilo") || !strings.Contains(out, added.ID) {
		t.Fatalf("plain list: %q", out)
	}
}

func TestNotesAddRefusesBadInputAndWritesNothing(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no target", []string{"x"}, "--on"},
		{"bad kind", []string{"--on", "person:blinken", "x"}, "not actor, place, source or statement"},
		{"missing item", []string{"--on", "actor:nobody", "x"}, "does not exist"},
		{"range past end", []string{"--on", "statement:st-02", "--range", "0:99", "x"}, "past the end"},
		{"reversed range", []string{"--on", "statement:st-02", "--range", "5:2", "x"}, "empty or negative"},
		{"range garbage", []string{"--on", "statement:st-02", "--range", "a:b", "x"}, "START:END"},
		{"empty", []string{"--on", "actor:blinken", "  "}, "empty"},
		{"no text", []string{"--on", "actor:blinken"}, "TEXT"},
	}
	for _, tt := range tests {
		_, stderr, code := run(t, dir, append([]string{"notes", "add"}, tt.args...)...)
		if code == 0 || !strings.Contains(stderr, tt.want) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%s: exit %d, stderr %q; want one line mentioning %q", tt.name, code, stderr, tt.want)
		}
	}
	out, _, _ := run(t, dir, "notes", "list", "--json")
	if strings.TrimSpace(out) != "[]" {
		t.Fatalf("refused adds wrote notes: %s", out)
	}
}

func TestNotesOfAnySizeAndScript(t *testing.T) {
	dir := t.TempDir()
	big := strings.Repeat("Ünïcödé 日本語 — «ق» 🕊️ ", 1<<20/32) // about 1 MB
	for _, body := range []string{big, "Zero\u200bwidth and RTL \u202eevil\u202c and e\u0301", "🇦🇲🇦🇿"} {
		s, err := storage.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		cb := &app.Casebook{Store: s}
		seedInto(t, s)
		n, err := cb.AddNote(app.Target{Kind: app.TargetActor, ID: "blinken"}, nil, body, nil)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Note(n.ID)
		_ = s.Close()
		if err != nil || got.Body != body {
			t.Fatalf("note of %d bytes came back different", len(body))
		}
	}
}

func seedInto(t testing.TB, s app.Store) {
	t.Helper()
	c := app.Case{Actors: []app.Actor{{ID: "blinken", Name: "Antony Blinken"}}}
	if _, err := app.EnsureSeed(s, c); err != nil {
		t.Fatal(err)
	}
}

// TestCrashWhileAddingNotes kills a process that adds notes through the
// command line at random moments, many times: every note whose add returned
// success must be there afterwards, and the store must always reopen.
func TestCrashWhileAddingNotes(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs SIGKILL")
	}
	if dir := os.Getenv("PARLEY_CRASH_CHILD"); dir != "" {
		crashChild(dir)
		return
	}
	cycles := 12
	if testing.Short() {
		cycles = 3
	}
	if v := os.Getenv("PARLEY_CRASH_CYCLES"); v != "" {
		fmt.Sscan(v, &cycles)
	}
	dir := t.TempDir()
	acknowledged := map[string]bool{}
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	for cycle := range cycles {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashWhileAddingNotes$")
		cmd.Env = append(os.Environ(), "PARLEY_CRASH_CHILD="+dir)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string, 1000)
		go func() {
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		time.Sleep(time.Duration(150+rng.IntN(600)) * time.Millisecond)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		for l := range lines {
			var r struct{ ID string }
			if json.Unmarshal([]byte(l), &r) == nil && r.ID != "" {
				acknowledged[r.ID] = true
			}
		}
		_ = cmd.Wait()

		s, err := storage.Open(dir)
		if err != nil {
			t.Fatalf("cycle %d: the store does not reopen after SIGKILL: %v", cycle, err)
		}
		missing := 0
		for id := range acknowledged {
			if _, err := s.Note(id); err != nil {
				missing++
			}
		}
		_ = s.Close()
		if missing > 0 {
			t.Fatalf("cycle %d: %d of %d acknowledged notes are missing", cycle, missing, len(acknowledged))
		}
	}
	if len(acknowledged) == 0 {
		t.Fatal("no note was ever acknowledged: the child did not run")
	}
	t.Logf("%d cycles, %d acknowledged notes, none lost", cycles, len(acknowledged))
}

// crashChild adds notes through the command line until it is killed; each
// printed line is an acknowledgement.
func crashChild(dir string) {
	for i := 0; ; i++ {
		var out, errb strings.Builder
		env := cliEnv(dir, &out, &errb)
		code := cliRun(env, "notes", []string{"add", "--on", "actor:blinken", "--tag", "crash", fmt.Sprintf("note %d", i)})
		if code != 0 {
			fmt.Fprintln(os.Stderr, errb.String())
			os.Exit(3)
		}
		fmt.Print(out.String())
		_ = os.Stdout.Sync()
	}
}
