//go:build smoke

// Fault injection on the built binary: kill -9 at random moments of the
// writes that span more than one transaction (a restore, a project import
// that replaces items, a very large import), a full disk under every write,
// and hostile files. After each fault the casebook must open and hold either
// what it held before or what the write would have made, never a mixture,
// and every write that was acknowledged must be there.
//
// make test runs a few rounds of each; make crash sets PARLEY_FAULT_ROUNDS
// for many more.
package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/exchange/hostile"
)

// faultRounds is how many kill points each test tries: short unless
// PARLEY_FAULT_ROUNDS says more.
func faultRounds(short int) int {
	if n, err := strconv.Atoi(os.Getenv("PARLEY_FAULT_ROUNDS")); err == nil && n > 0 {
		return n
	}
	return short
}

// mustParley runs the binary and fails the test unless it exits 0.
func mustParley(t *testing.T, args ...string) string {
	t.Helper()
	out, stderr, code := runParley(t, args...)
	if code != 0 {
		t.Fatalf("parley %s exited %d: %s", strings.Join(args, " "), code, stderr)
	}
	return out
}

func dumpOf(t *testing.T, dir string) app.Case {
	t.Helper()
	var c app.Case
	out := mustParley(t, "--data", dir, "dump")
	if err := json.Unmarshal([]byte(out), &c); err != nil {
		t.Fatalf("dump of %s is not JSON: %v", dir, err)
	}
	return c
}

// copyDir copies a casebook folder (closed) to a new one.
func copyDir(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		target := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o700)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o600)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// killAfter starts the binary and kills it with SIGKILL after d, or lets
// it finish first; it reports whether it finished.
func killAfter(t *testing.T, d time.Duration, args ...string) bool {
	t.Helper()
	cmd := exec.Command(parleyBin(t), args...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
		return true
	case <-time.After(d):
		_ = cmd.Process.Signal(syscall.SIGKILL)
		<-done
		return false
	}
}

// timed runs the binary to its end and says how long it took.
func timed(t *testing.T, args ...string) time.Duration {
	t.Helper()
	start := time.Now()
	mustParley(t, args...)
	return time.Since(start)
}

// state names which of two casebooks a dump is, by a fingerprint that tells
// them apart; "" when it is neither.
func state(c app.Case, before, after func(app.Case) bool) string {
	switch {
	case before(c):
		return "before"
	case after(c):
		return "after"
	}
	return ""
}

// killPoints spreads n kill times over a write that takes d, from its very
// start to a little past its end, in random order.
func killPoints(n int, d time.Duration) []time.Duration {
	out := make([]time.Duration, n)
	for i := range out {
		out[i] = time.Duration(float64(d) * 1.1 * (float64(i) + rand.Float64()) / float64(n))
	}
	rand.Shuffle(n, func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// TestSmokeRestoreKilledAnywhere restores a backup of 20,000 statements over
// a casebook holding the seed case and a note, and kills the restore at
// points spread over its whole run.
func TestSmokeRestoreKilledAnywhere(t *testing.T) {
	work := t.TempDir()
	big := filepath.Join(work, "big")
	mustParley(t, "--data", big, "gen", "--statements", "20000", "--notes", "2000")
	backup := filepath.Join(work, "big.parley")
	mustParley(t, "--data", big, "backup", backup)
	old := filepath.Join(work, "old")
	mustParley(t, "--data", old, "notes", "add", "--on", "statement:st-01", "kept through every restore")
	oldDump := dumpOf(t, old)
	isOld := func(c app.Case) bool { return len(c.Statements) == len(oldDump.Statements) && len(c.Notes) == 1 }
	isNew := func(c app.Case) bool { return len(c.Statements) == 20000 && len(c.Notes) == 2000 }

	probe := filepath.Join(work, "probe")
	copyDir(t, old, probe)
	d := timed(t, "--data", probe, "restore", "--force", backup)
	if c := dumpOf(t, probe); !isNew(c) {
		t.Fatalf("a restore run to its end gave %d statements and %d notes", len(c.Statements), len(c.Notes))
	}
	counts := map[string]int{}
	for i, at := range killPoints(faultRounds(8), d) {
		dir := filepath.Join(work, fmt.Sprintf("kill%d", i))
		copyDir(t, old, dir)
		killAfter(t, at, "--data", dir, "restore", "--force", backup)
		c := dumpOf(t, dir)
		s := state(c, isOld, isNew)
		if s == "" {
			t.Fatalf("killed at %v of %v: the casebook holds %d statements and %d notes, neither the old nor the new", at, d, len(c.Statements), len(c.Notes))
		}
		counts[s]++
		os.RemoveAll(dir)
	}
	t.Logf("restore of %v killed at %d points: %v", d.Round(time.Millisecond), faultRounds(8), counts)
}

// TestSmokeImportKilledAnywhere imports an article too large for one
// transaction and kills the import at points spread over its run: the
// article is then in the casebook whole or not at all.
func TestSmokeImportKilledAnywhere(t *testing.T) {
	work := t.TempDir()
	article := filepath.Join(work, "dense.txt")
	if err := os.WriteFile(article, []byte(denseArticle(2<<20)), 0o600); err != nil {
		t.Fatal(err)
	}
	old := filepath.Join(work, "old")
	mustParley(t, "--data", old, "dump")
	oldDump := dumpOf(t, old)
	probe := filepath.Join(work, "probe")
	copyDir(t, old, probe)
	d := timed(t, "--data", probe, "import", "--date", "2024-01-01", article)
	whole := len(dumpOf(t, probe).Statements)
	if whole < len(oldDump.Statements)+10000 {
		t.Fatalf("the article filed only %d statements", whole-len(oldDump.Statements))
	}
	isOld := func(c app.Case) bool {
		return len(c.Statements) == len(oldDump.Statements) && len(c.Sources) == len(oldDump.Sources)
	}
	isNew := func(c app.Case) bool { return len(c.Statements) == whole }
	counts := map[string]int{}
	for i, at := range killPoints(faultRounds(6), d) {
		dir := filepath.Join(work, fmt.Sprintf("kill%d", i))
		copyDir(t, old, dir)
		killAfter(t, at, "--data", dir, "import", "--date", "2024-01-01", article)
		c := dumpOf(t, dir)
		s := state(c, isOld, isNew)
		if s == "" {
			t.Fatalf("killed at %v of %v: %d statements, neither %d nor %d", at, d, len(c.Statements), len(oldDump.Statements), whole)
		}
		counts[s]++
		os.RemoveAll(dir)
	}
	t.Logf("import of %v killed at %d points: %v", d.Round(time.Millisecond), faultRounds(6), counts)
}

// TestSmokeProjectReplaceKilledAnywhere imports a Parley project that
// replaces an item of the casebook (--replace) and kills it at points
// spread over its run.
func TestSmokeProjectReplaceKilledAnywhere(t *testing.T) {
	work := t.TempDir()
	old := filepath.Join(work, "old")
	article := filepath.Join(work, "dense.txt")
	if err := os.WriteFile(article, []byte(denseArticle(1<<20)), 0o600); err != nil {
		t.Fatal(err)
	}
	mustParley(t, "--data", old, "import", "--date", "2024-01-01", article)
	project := filepath.Join(work, "p.qdpx")
	mustParley(t, "--data", old, "export", "--format", "qdpx", "-o", project)
	edited := filepath.Join(work, "edited.qdpx")
	editProject(t, project, edited, "Antony Blinken", "Tony Blinken")
	name := func(c app.Case) string {
		for _, a := range c.Actors {
			if a.ID == "blinken" {
				return a.Name
			}
		}
		return ""
	}
	oldDump := dumpOf(t, old)
	isOld := func(c app.Case) bool {
		return name(c) == "Antony Blinken" && len(c.Statements) == len(oldDump.Statements)
	}
	isNew := func(c app.Case) bool {
		return name(c) == "Tony Blinken" && len(c.Statements) == len(oldDump.Statements)
	}
	probe := filepath.Join(work, "probe")
	copyDir(t, old, probe)
	d := timed(t, "--data", probe, "import", "--replace", edited)
	if c := dumpOf(t, probe); !isNew(c) {
		t.Fatalf("the replacing import run to its end left %q", name(c))
	}
	counts := map[string]int{}
	for i, at := range killPoints(faultRounds(6), d) {
		dir := filepath.Join(work, fmt.Sprintf("kill%d", i))
		copyDir(t, old, dir)
		killAfter(t, at, "--data", dir, "import", "--replace", edited)
		c := dumpOf(t, dir)
		s := state(c, isOld, isNew)
		if s == "" {
			t.Fatalf("killed at %v of %v: Blinken is %q with %d statements", at, d, name(c), len(c.Statements))
		}
		counts[s]++
		os.RemoveAll(dir)
	}
	t.Logf("replacing import of %v killed at %d points: %v", d.Round(time.Millisecond), faultRounds(6), counts)
}

// TestSmokeFullDisk runs every kind of write on a disk with too little
// room: each is refused with one line naming the disk, no process dies of
// it, the casebook still reads, and what was acknowledged before is there
// when space returns. It needs a small tmpfs, which only root may mount.
func TestSmokeFullDisk(t *testing.T) {
	mnt := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=256m", "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a small disk here (needs root): %v %s", err, out)
	}
	defer exec.Command("umount", mnt).Run()
	dir := filepath.Join(mnt, "casebook")
	acked := mustParley(t, "--data", dir, "notes", "add", "--on", "statement:st-01", "written while there was room")
	article := filepath.Join(t.TempDir(), "dense.txt")
	os.WriteFile(article, []byte(denseArticle(10<<20)), 0o600)
	small := filepath.Join(t.TempDir(), "small.txt")
	os.WriteFile(small, []byte("Talks\n\n“We will meet again,” Ararat Mirzoyan said on Monday.\n"), 0o600)
	bigDir := filepath.Join(t.TempDir(), "big")
	mustParley(t, "--data", bigDir, "gen", "--statements", "20000")
	backup := filepath.Join(t.TempDir(), "big.parley")
	mustParley(t, "--data", bigDir, "backup", backup)

	fill := func(leave int64) {
		t.Helper()
		os.Remove(filepath.Join(mnt, "filler"))
		var st syscall.Statfs_t
		syscall.Statfs(mnt, &st)
		free := int64(st.Bavail) * st.Bsize
		f, err := os.Create(filepath.Join(mnt, "filler"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		block := make([]byte, 1<<20)
		for n := free - leave; n > 0; n -= int64(len(block)) {
			if _, err := f.Write(block[:min(int64(len(block)), n)]); err != nil {
				break
			}
		}
	}
	writes := [][]string{
		{"notes", "add", "--on", "statement:st-02", "a note on a full disk"},
		{"import", "--date", "2024-01-01", small},
		{"import", "--date", "2024-01-01", article},
		{"restore", "--force", backup},
		{"gen", "--data", filepath.Join(mnt, "new"), "--statements", "20000"},
		{"backup", filepath.Join(mnt, "casebook.parley")},
	}
	for _, leave := range []int64{1 << 20, 110 << 20} {
		fill(leave)
		for _, w := range writes {
			args := append([]string{"--data", dir}, w...)
			_, stderr, code := runParley(t, args...)
			if strings.Contains(stderr, "goroutine") || strings.Contains(stderr, "SIGBUS") || strings.Contains(stderr, "fatal error") {
				t.Fatalf("%d MB free: parley %s died: %.300s", leave>>20, strings.Join(w, " "), stderr)
			}
			if code == 0 {
				t.Logf("%d MB free: parley %s: done", leave>>20, strings.Join(w, " "))
				continue // it fitted
			}
			t.Logf("%d MB free: parley %s: %s", leave>>20, strings.Join(w, " "), strings.TrimSpace(stderr))
			if strings.Count(strings.TrimSpace(stderr), "\n") > 0 || !strings.Contains(stderr, mnt) {
				t.Errorf("%d MB free: parley %s: want one line naming the disk, got %q", leave>>20, strings.Join(w, " "), stderr)
			}
		}
		// Reading goes on while the disk is full.
		c := dumpOf(t, dir)
		if !strings.Contains(fmt.Sprint(c.Notes), "written while there was room") {
			t.Errorf("%d MB free: the acknowledged note is not in the dump", leave>>20)
		}
		mustParley(t, "--data", dir, "search", "Blinken")
	}
	os.Remove(filepath.Join(mnt, "filler"))
	var n struct{ ID string }
	json.Unmarshal([]byte(acked), &n)
	if out := mustParley(t, "--data", dir, "notes", "list"); !strings.Contains(out, n.ID) {
		t.Errorf("after space returned the acknowledged note %s is missing", n.ID)
	}
	mustParley(t, "--data", dir, "notes", "add", "--on", "statement:st-03", "space is back")
	c := dumpOf(t, dir)
	if err := app.Validate(c); err != nil {
		t.Errorf("after the full disk the casebook does not hold together: %v", err)
	}
}

// TestSmokeHostileFiles gives the binary each hostile file: it refuses each
// with one line, within the memory budget, and reads the well-formed one.
func TestSmokeHostileFiles(t *testing.T) {
	dir := t.TempDir()
	mustParley(t, "--data", filepath.Join(dir, "cb"), "dump")
	const budget = 300 << 10 // KB, as the kernel counts the peak
	for _, h := range hostile.All() {
		path := filepath.Join(dir, h.Name)
		if err := os.WriteFile(path, h.Data, 0o600); err != nil {
			t.Fatal(err)
		}
		args := []string{"--data", filepath.Join(dir, "cb"), "import", path}
		if strings.HasSuffix(h.Name, ".parley") {
			args = []string{"--data", filepath.Join(dir, "cb"), "restore", "--force", path}
		}
		cmd := exec.Command(parleyBin(t), args...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		start := time.Now()
		err := cmd.Run()
		took := time.Since(start)
		peak := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss
		if peak > budget {
			t.Errorf("%s: peak memory %d MB, over the %d MB budget", h.Name, peak>>10, budget>>10)
		}
		if h.Name == "utf16.qdpx" {
			if err != nil {
				t.Errorf("%s: a well-formed project refused: %s", h.Name, stderr.String())
			}
			continue
		}
		if err == nil || strings.Count(strings.TrimSpace(stderr.String()), "\n") > 0 {
			t.Errorf("%s: want a refusal in one line, got %v %q", h.Name, err, stderr.String())
		}
		t.Logf("%s (%d kB): refused in %v, peak %d MB: %s", h.Name, len(h.Data)>>10, took.Round(time.Millisecond), peak>>10, strings.TrimSpace(stderr.String()))
	}
}

// denseArticle is an article of about size bytes that is mostly quotations.
func denseArticle(size int) string {
	speakers := []string{"Ararat Mirzoyan", "Jeyhun Bayramov", "Anna Petrosyan", "Rauf Aliyev", "Maria Lindqvist"}
	var b strings.Builder
	b.WriteString("Talks go on\n\n")
	for i := 0; b.Len() < size; i++ {
		s := speakers[i%len(speakers)]
		fmt.Fprintf(&b, "“We discussed the border again, and we will meet in round %d,” %s said. ", i, s)
		fmt.Fprintf(&b, "%s added that the sides were “closer than before”.\n\n", strings.Fields(s)[1])
	}
	return b.String()
}

// editProject copies a .qdpx, replacing one string in its project.qde, as
// a user's edit in a QDA program would change it.
func editProject(t *testing.T, from, to, old, repl string) {
	t.Helper()
	zr, err := zip.OpenReader(from)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	f, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	for _, part := range zr.File {
		rc, err := part.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if part.Name == "project.qde" {
			data = bytes.ReplaceAll(data, []byte(old), []byte(repl))
		}
		w, err := zw.Create(part.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}
