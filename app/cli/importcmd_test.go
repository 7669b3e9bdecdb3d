package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/parley/parley/app/cli"
)

const wire = `Talks resume in Geneva

The two ministers met again on Tuesday. "We are closer than ever," Ararat
Mirzoyan said afterwards. Jeyhun Bayramov was more careful: "Much depends on
the next weeks," he told journalists.
`

func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestExtractPrintsOneLinePerFile(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.txt", []byte(wire))
	b := writeFile(t, dir, "b.md", []byte("# Note\n\nThe so-called \"peace agenda\" came up.\n"))
	out, stderr, code := run(t, dir, "extract", a, b)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines, want 2:\n%s", len(lines), out)
	}
	type quote struct {
		Text    string  `json:"text"`
		Speaker *string `json:"speaker"`
		Start   int     `json:"start"`
		End     int     `json:"end"`
		Cue     string  `json:"cue"`
		Kind    string  `json:"kind"`
	}
	var first, second struct {
		File   string  `json:"file"`
		Quotes []quote `json:"quotes"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(lines[1]), &second); err != nil {
		t.Fatal(err)
	}
	if first.File != a || len(first.Quotes) != 2 {
		t.Fatalf("first file: %+v", first)
	}
	want := []struct{ text, speaker, cue string }{
		{"We are closer than ever,", "Ararat Mirzoyan", "said"},
		{"Much depends on\nthe next weeks,", "Jeyhun Bayramov", "told"},
	}
	for i, w := range want {
		q := first.Quotes[i]
		if q.Text != w.text || q.Speaker == nil || *q.Speaker != w.speaker || q.Cue != w.cue || q.Kind != "direct" {
			t.Errorf("quote %d: %+v (speaker %v), want %+v", i, q, q.Speaker, w)
		}
		if got := string([]rune(wire)[q.Start:q.End]); got != q.Text {
			t.Errorf("quote %d: offsets give %q", i, got)
		}
	}
	if len(second.Quotes) != 1 || second.Quotes[0].Kind != "term" || second.Quotes[0].Speaker != nil {
		t.Errorf("scare quote: %+v", second.Quotes)
	}
	if !strings.Contains(lines[1], `"speaker":null`) {
		t.Errorf("a quote without speaker must print null: %s", lines[1])
	}
}

func TestImportAndBadInput(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	good := writeFile(t, dir, "geneva.txt", []byte(wire))
	empty := writeFile(t, dir, "empty.txt", nil)
	binary := writeFile(t, dir, "photo.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"))
	before, _, _ := run(t, dir, "dump", "--data", data)

	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"empty", []string{good, empty}, cli.ExitError, "empty.txt: cannot import: the file is empty"},
		{"binary", []string{binary}, cli.ExitError, "photo.txt: cannot import:"},
		{"missing", []string{filepath.Join(dir, "nope.txt")}, cli.ExitError, "nope.txt: cannot import: no such file"},
		{"bad date", []string{good, "--date", "May 2023"}, cli.ExitUsage, `"May 2023" is not a date`},
		{"title for two", []string{good, good, "--title", "X"}, cli.ExitUsage, "--title and --url name one article"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := run(t, dir, append([]string{"import", "--data", data}, tt.args...)...)
			if code != tt.code || !strings.Contains(stderr, tt.msg) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, tt.code, tt.msg)
			}
			if after, _, _ := run(t, dir, "dump", "--data", data); after != before {
				t.Error("a refused import changed the casebook")
			}
		})
	}

	out, stderr, code := run(t, dir, "import", "--data", data, "--date", "2023-06-01", "--outlet", "Wire", good)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var res struct {
		File       string   `json:"file"`
		Source     string   `json:"source"`
		Statements int      `json:"statements"`
		NewActors  []string `json:"new_actors"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if res.Statements != 2 || len(res.NewActors) != 0 || res.File != good {
		t.Errorf("import result %+v, want 2 statements by known actors", res)
	}
	out, _, _ = run(t, dir, "import", "--data", data, good)
	if !strings.Contains(out, `"duplicate":true`) {
		t.Errorf("second import not reported as duplicate: %s", out)
	}
}
